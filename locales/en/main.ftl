## Homeroom, English. Every id here must also exist in nb/main.ftl (a test checks).

## Layout
nav-skip = Skip to content
nav-label = Main
nav-my-courses = My courses
nav-outbox = Outbox
nav-account = My account
nav-sign-in = Sign in
nav-sign-out = Sign out
footer-tagline = Homeroom — online courses where people know each other.

## Landing and home
home-title = Home
landing-title = Online courses where people know each other
landing-lead = Homeroom helps tutors make relationship building deliberate and cheap: introductions, a homebase, groups that keep meeting someone new, and a tutor who is present for everyone.
landing-know-title = Get to know each other
landing-know = Profiles, introductions with a face and a voice, and a class that meets on day one.
landing-groups-title = Meet someone new
landing-groups = Breakout rooms and partners planned so that people keep making new connections.
landing-presence-title = A tutor for everyone
landing-presence = See who you have not spoken to yet, even in a class of hundreds.
home-hello = Welcome back, { $name }
home-new-course = Start a new course
home-your-courses = Your courses
home-no-courses = You are not in any course yet. When a tutor invites you, the course will appear here.

## Common fields and buttons
field-name = Name
field-email = Email
field-password = Password
field-new-password = New password
field-confirm-password = Type the new password again
field-current-password = Current password
field-language = Language
field-time-zone = Time zone
hint-password = At least 10 characters. A short sentence is easy to remember and hard to guess.
button-save = Save

## Signing in
sign-in-title = Sign in
sign-in-button = Sign in
sign-in-forgot = Forgot your password?
sign-in-wrong = That email and password do not match. Check for typing mistakes, or reset your password.
sign-in-too-many = Too many attempts to sign in. Please wait 15 minutes, or reset your password.
forgot-title = Forgot your password
forgot-lead = Type the email you use for Homeroom and we will send you a link to choose a new password.
forgot-button = Send me a link
forgot-sent = If there is an account with that email, a link is on its way. It works once, for one hour.
set-password-title = Choose a password
set-password-welcome = Welcome, { $name }!
set-password-lead = Choose a new password for your account.
set-password-invite-lead = You have been invited to Homeroom. Choose a password, and you will go straight to your course.
set-password-button = Save password and sign in
set-password-expired = This link has expired or has already been used.
set-password-new-link = Ask for a new link

## Account
account-title = My account
account-details = Your details
account-password = Password
account-change-password = Change password

## Validation
err-email-missing = Please type an email address.
err-email-too-long = That email address is too long (254 characters at most).
err-email-invalid = That does not look like an email address. It should look like name@example.org.
err-email-taken = Another account already uses that email address.
err-name-missing = Please type a name.
err-name-too-long = That name is too long (100 characters at most).
err-name-invalid = The name contains characters that cannot be shown.
err-password-too-short = The password is too short: use at least 10 characters.
err-password-too-long = The password is too long (200 characters at most).
err-password-mismatch = The two passwords are not the same.
err-password-current = Your current password is not right.
err-title-missing = Please give the course a title.
err-title-too-long = The title is too long (120 characters at most).
err-description-too-long = The description is too long (2,000 characters at most).
err-time-zone = Please choose a time zone from the list.
err-date = Please give a date such as 2026-09-01.
err-start-mode = Please choose how the course starts.
err-role = Please choose one of the roles: tutor, TA, student or observer.
err-last-tutor = A course needs at least one tutor. Make someone else a tutor first.

## Errors
error-title = Something is not right
error-not-found = We could not find that page. It may have been moved, or the link may be mistyped.
error-forbidden = You do not have access to this page. If you think you should, ask the course's tutor.
error-sign-in = Please sign in to continue.
error-too-many = Too many attempts. Please wait a little and try again.
error-csrf = This form has expired. Go back, reload the page and try again.
error-too-large = That is more than we can take in one go. Try a smaller file.
error-internal = Something went wrong on our side. It has been logged; please try again in a moment.
error-method = That action is not available here.
error-bad-form = We could not read what was sent. Go back and check the form.
error-home = Go to the front page
error-reference = Error { $status }
error-request-id = Reference { $id }

## Roles and start modes
role-tutor = Tutor
role-ta = Teaching assistant
role-student = Student
role-observer = Observer
mode-face-to-face = Face-to-face
mode-face-to-face-hint = The class first meets in a room; Homeroom keeps the connection going.
mode-live-online = Live online
mode-live-online-hint = The class first meets in a video session.
mode-asynchronous = Asynchronous
mode-asynchronous-hint = Everyone starts in their own time; introductions carry the first week.

## Courses
course-new-title = Start a new course
course-settings-title = Course settings
course-create-button = Create the course
course-back = Back to the course
field-course-title = Course title
field-course-description = Short description
hint-course-description = One or two sentences that tell students what the course is and who it is for.
field-start-date = Start date
field-course-time-zone = Course time zone
field-start-mode = How does the course start?
course-starts = Starts { $date }
course-local-time = { $time } in { $zone }
course-tutor-tools = Tutor tools
course-invite = Invite people
course-manage-members = Members
course-settings = Settings
course-your-team = Your teaching team
course-the-class = The class
person-local-time = { $time } their time
count-students = { $count ->
    [one] 1 student
   *[other] { $count } students
}
count-observers = { $count ->
    [one] 1 observer
   *[other] { $count } observers
}
test-members = { $count ->
    [one] 1 member
   *[other] { $count } members
}

## Members
members-title = Members
members-role = Role
members-joined = Added
members-actions = Actions
members-change = Change
members-role-of = Role of { $name }
members-remove = Remove { $name }
members-remove-confirm = Remove { $name } from the course? They lose access at once.
members-invited = invited, not joined yet

## Inviting
invite-title = Invite people
invite-join-link = Join link
invite-join-lead = Anyone with this link can join as a student. Share it in an email or on your course page.
invite-join-off = The join link is turned off. Nobody can join with it.
invite-join-disable = Turn the link off
invite-join-enable = Turn the link on
invite-join-renew = Make a new link
invite-by-email = Invite one person by email
invite-send = Send invitation
roster-title = Import a class list
roster-lead = Upload or paste a CSV file with the columns name, email and role. You will see a preview first; nothing is saved until you confirm.
roster-example = Example of a class list
roster-file = CSV file
roster-paste = …or paste the list here
roster-send-emails = Email each new person an invitation
roster-preview-button = Preview
roster-preview-title = Check the class list
roster-ready = All { $count } rows are ready to import.
roster-new-accounts = { $count } new accounts (they choose a password from their invitation)
roster-existing = { $count } people who already have an account
roster-already = { $count } people already in the course (left as they are)
roster-has-errors = { $count ->
    [one] One row needs fixing
   *[other] { $count } rows need fixing
} before anything is imported ({ $good } rows are fine). Correct them in the box below and check again.
roster-errors-caption = Rows to fix
roster-line = Line
roster-problem = Problem
roster-value = Value
roster-edit = The class list (you can correct it here)
roster-file-again = …or choose a corrected file
roster-check-again = Check again
roster-import-button = Import { $count } people
roster-rows-ok = Show the { $count } rows that are fine
roster-err-empty = The file has no rows under the header.
roster-err-too-large = The file is too large: 2 MB at most.
roster-err-not-utf8 = The file is not UTF-8 text. In your spreadsheet, save it as "CSV UTF-8".
roster-err-line-too-long = Line { $line } is far too long to be a row of a class list. Is this the right file?
roster-err-too-many-rows = The list has more than 10,000 rows. Split it into smaller files.
roster-err-header = The first line must name the columns name, email and role (we found: { $found }).
roster-err-malformed = Line { $line } could not be read as CSV (check the quotation marks).
roster-err-columns = This row does not have exactly three columns.
roster-err-role = Unknown role: use tutor, ta, student or observer.
roster-err-duplicate = This email appears earlier in the file (line shown in brackets).

## Joining
join-title = Join { $course }
join-lead = Create your account to join the course.
join-have-account = Already have an account? Sign in first.
join-as = You will join as { $name }.
join-button = Join the course
join-invalid = This join link is not valid, or the tutor has turned it off. Ask your tutor for a new one.
join-account-exists = There is already an account with this email.
join-sign-in-first = Sign in to join.

## Notices
notice-saved = Saved.
notice-signed-out = You have signed out. See you soon!
notice-password-set = Your password is saved, and you are signed in.
notice-password-changed = Your password has been changed. Other devices have been signed out.
notice-course-created = Your course is ready. Now invite the class.
notice-invited = The invitation is on its way.
notice-already-member = That person is already in the course.
notice-join-link = The join link has been updated.
notice-joined = Welcome to the course!
notice-role-changed = The role has been changed.
notice-member-removed = The member has been removed from the course.
notice-roster-imported = The class list has been imported.

## Outbox
outbox-title = Outbox
outbox-lead = No mail server is set up, so emails wait here instead of being sent. Open one to follow its link.
outbox-smtp = Emails are sent through the mail server; this is a record of the latest ones.
outbox-empty = No emails yet.

## Emails
email-reset-subject = Choose a new Homeroom password
email-reset-body = Hello { $name },

    Someone (hopefully you) asked to reset your Homeroom password. Follow this link within an hour to choose a new one:

    { $link }

    If it was not you, you can ignore this email; your password stays as it is.
email-invite-subject = You are invited to { $course }
email-invite-body = Hello { $name },

    { $tutor } has invited you to the course "{ $course }" on Homeroom. Follow this link to choose your password and meet the class:

    { $link }

    The link works for 14 days.
email-added-body = Hello { $name },

    { $tutor } has added you to the course "{ $course }" on Homeroom. Sign in to meet the class:

    { $link }

## Groups
course-places = In this course
groups-title = Groups
groups-lead = Breakout rooms, partners and project groups, planned so that everyone keeps meeting someone new.
groups-none = No groups yet.
groups-draft = draft
groups-new-title = Plan groups
groups-students-count = { $count ->
    [one] 1 student will be placed.
   *[other] { $count } students will be placed.
}
groups-field-title = Name
groups-field-kind = What kind of groups?
groups-kind-breakout = Breakout rooms for live sessions
groups-kind-partners = Peer partners (pairs; one group of three if the number is odd)
groups-kind-project = Project groups (each with a space of its own)
groups-field-size = People per group
groups-hint-size = A target: when the class does not divide evenly, some groups get one more.
groups-field-rounds = Rounds to plan ahead
groups-hint-rounds = Each round is a new split of the class, such as one per live session. Project groups have one.
groups-field-objectives = What matters in these groups?
groups-hint-new-people = Homeroom always tries to give everyone new people to meet, also compared with earlier groups.
groups-objective-mix = Mix organisations
groups-objective-similar = Similar circumstances (so parents find parents)
groups-objective-overlap = Hours each group can meet at the same time (0 for any)
groups-hint-overlap = Counted between 8:00 and 22:00 in each person's own time zone.
groups-field-facilitator = Who facilitates each group?
groups-facilitator-rotation = Take turns: everyone once before anyone twice
groups-facilitator-birthday = The person whose birthday comes first from today
groups-facilitator-volunteers = Volunteers first
groups-facilitator-none = Nobody in particular
groups-field-prompts = Prompts, one per line
groups-hint-prompts = The question each group starts with; one line per round, reused when there are fewer lines than rounds.
groups-plan-button = Plan the groups
groups-err-kind = Please choose a kind of group.
groups-err-size = Groups need between 2 and 12 people.
groups-err-size-class = The groups cannot be larger than the class.
groups-err-too-few = There need to be at least two students in the course.
groups-err-rounds = Plan between 1 and 12 rounds.
groups-err-overlap = Give a number of hours from 0 to 14.
groups-err-facilitator = Please choose how facilitators are picked.
groups-err-prompts = Use at most 12 prompts of up to 500 characters each.
groups-err-plan = These groups cannot be planned:
groups-err-move = That person or group is not in this round.
groups-err-move-alone = Moving the last person out would leave an empty group.
groups-err-published = Published groups are not planned again; make a new set instead.
groups-err-replan = The groups could not be planned again. Check the class and try once more.
groups-report = How good is this plan?
groups-report-no-repeats = Nobody meets anyone twice: every group is new people.
groups-report-repeats = { $within } pairs meet again within these rounds, and { $history } pairs meet again from earlier groups.
groups-report-pairs = { $met } of { $possible } possible pairs of classmates have now met.
groups-report-sizes = Groups of { $min } to { $max } people.
groups-report-size = Every group has { $size } people.
groups-report-bound = { $bound ->
    [one] With this class and group size, only one round can be planned without anyone meeting twice.
   *[other] At most { $bound } rounds can be planned without anyone meeting twice.
}
groups-report-violations = What could not be kept
groups-violation = Round { $round }, group { $group }: { $why }
groups-publish = Publish to the class
groups-replan = Plan again
groups-delete = Delete
groups-delete-confirm = Delete these groups? This cannot be undone.
groups-round = Round { $number }
groups-the-groups = The groups
groups-prompt = Prompt:
groups-zoom = Download for Zoom (breakout pre-assignment CSV)
groups-not-in = You are not in a group in this round.
groups-your-group = Your group
groups-group = Group { $number }
groups-facilitator = facilitator
groups-open-space = Open the group's space
groups-move-who = Move
groups-move-to = to
groups-move-button = Move in round { $number }
groups-asked-size = groups of { $size }
groups-asked-overlap = { $hours } hours together
notice-groups-planned = The groups are planned. Look them over, move people if you like, then publish.
notice-groups-moved = Moved. The report below is updated.
notice-groups-same = They are already in that group.
notice-groups-published = Published: students now see their groups.
notice-groups-deleted = The groups have been deleted.
notice-checkin-created = The check-in is open.
notice-replied = Your reply is posted.
notice-posted = Posted.

## Check-ins
checkin-title = Weekly check-ins
checkin-none = No check-ins yet.
checkin-field-title = Title
checkin-title-example = Week 2 check-in
checkin-field-prompt = Prompt
checkin-create = Start the check-in
checkin-participation = { $wrote } of { $total } have written
checkin-privacy-tutor = You see who has written. You see what they wrote only if they chose to share it with you.
checkin-wrote = wrote
checkin-not-yet = not yet
checkin-yours = Your reflection
checkin-field-body = What would you like to share with your group?
checkin-share = Also share it with the tutors
checkin-save = Save my reflection
checkin-group = Your group's reflections
checkin-nobody = Nobody in your group has written yet. Why not go first?
checkin-reply-to = Reply to { $name }
checkin-reply = Reply
checkin-err-title = Please give the check-in a title of up to 120 characters.
checkin-err-prompt = Please write a prompt.
checkin-err-body = Please write something first.
checkin-err-too-long = That is too long: 4,000 characters at most.

## Group spaces
space-title = Project group { $number }
space-new-thread = Start a thread
space-field-title = Title
space-field-body = Message
space-post = Post
space-empty = Nothing here yet. Start the first thread!
space-reply = Write a reply
space-reply-button = Reply
space-err-title = Please give the thread a title of up to 120 characters.

## Profile basics
account-about = About you
account-about-lead = Tutors use this to plan groups. Your organisation is shown to the class; circumstances and birthday only to the tutors.
field-organisation = Organisation
field-circumstances = Circumstances
hint-circumstances = Separated by semicolons, e.g. "working full time; parent".
field-birthday = Birthday (month and day, MM-DD)
err-birthday = Please write the birthday as MM-DD, for example 03-14.
err-organisation-too-long = That is too long: 120 characters at most.

## Wiki
wiki-title = About the class
wiki-lead = Pages the whole class writes together: who we are, what we hope for, useful links. Anyone can edit; every version is kept.
wiki-none = No pages yet. Start the first one!
wiki-new-page = New page
wiki-create = Create page
wiki-locked = locked
wiki-edit = Edit
wiki-history = History
wiki-last-edit = Last edited by { $name }, { $when }
wiki-empty = This page is empty. Be the first to write something.
wiki-lock = Lock the page (only tutors can edit)
wiki-unlock = Unlock the page
wiki-editing = Editing "{ $title }"
wiki-field-title = Title
wiki-field-body = Text
wiki-hint-markdown = Markdown: **bold**, *italic*, # heading, - list, [link](https://…).
wiki-save = Save the page
wiki-conflict = Someone else saved this page while you were editing. Your text is still below; look at what they changed, combine the two, and save again.
wiki-conflict-theirs = What changed while you were editing
wiki-err-title = Please give the page a title of up to 120 characters.
wiki-err-too-long = The page is too long: 100,000 characters at most.
wiki-history-of = History of "{ $title }"
wiki-revision = Version
wiki-by = By
wiki-when = When
wiki-changes-in = Changes in version { $number }
wiki-restore = Restore version { $number }
wiki-restored-note = restored version { $number }
wiki-former-member = former member
wiki-diff-title = Changes from version { $from } to { $to }
wiki-diff-legend = Lines marked + were added, lines marked − were removed.
notice-wiki-restored = The earlier version is restored as a new version.

## Time budget
budget-title = Time budget
budget-lead = How many hours a week will you give each part of the course? A plan you make yourself is easier to keep, and you can change it any time.
budget-your-plan = Your weekly plan
budget-hours-for = Hours a week for { $activity }
budget-hint = Hours per week, such as 2 or 1.5. Leave empty for none.
budget-save = Save my plan
budget-total = { $hours } hours a week in all
budget-hours = { $hours } h
budget-no-plan = No plan yet. Fill in the hours and save to see it here.
budget-class = The class's plans
budget-class-lead = { $count ->
    [one] One student has made a plan. Figures are anonymous: median and range per activity, in hours a week.
   *[other] { $count } students have made a plan. Figures are anonymous: median and range per activity, in hours a week.
}
budget-activity = Activity
budget-median = Median
budget-range = Range
budget-missing = { $count ->
    [0] Everyone has made a plan.
    [one] One student has not made a plan yet:
   *[other] { $count } students have not made a plan yet:
}
budget-activities = Activities, one per line
budget-activities-hint = Students plan hours for each. Removing a line removes the hours planned for it.
budget-save-activities = Save activities
budget-err-hours = Please give hours as a number from 0 to 60, with at most one decimal, such as 1.5.
budget-err-activities = Give between 1 and 20 activities, each up to 60 characters.

## Expectations
expectations-title = Our expectations
expectations-none = The tutor has not written the course's expectations yet.
expectations-you-read = You have read this. Thank you!
expectations-read-button = I have read this
expectations-read-count = { $read } of { $total } students have read the current version
expectations-not-yet = Not yet:
expectations-have-read = Have read:
expectations-edit = Edit the expectations
expectations-write = Write the course's expectations
expectations-field = How to take part, response times, and what students can expect of you
expectations-hint = Markdown. Saving a new version asks students to read it again.
expectations-save = Save and pin in the course
expectations-err-body = Please write the expectations (up to 20,000 characters).
expectations-pin-unread = Please read the course's expectations.
expectations-pin-read = You have read the course's expectations.
notice-expectations-read = Thanks for reading the expectations.

## Expectations board
board-title = Expectations board
board-lead = What do we expect of the tutor, of ourselves and of each other? Add a note, and "+1" the ones you agree with.
board-agree = I agree
board-move-to = Move to column
board-move = Move
board-delete = Delete
board-delete-confirm = Delete this note?
board-add = Add a note
board-colour = Colour
board-colour-yellow = Yellow
board-colour-pink = Pink
board-colour-blue = Blue
board-colour-green = Green
board-add-button = Add note
board-columns = Columns, one per line
board-columns-hint = Notes in a removed column move to the first column.
board-save-columns = Save columns
board-err-note = A note needs some words, up to 280 characters.
board-err-columns = Give between 1 and 8 columns, each up to 80 characters.
notice-board-added = Your note is on the board.
notice-board-moved = The note has moved.
notice-board-voted = Noted.
notice-board-deleted = The note is gone.

## Start-up kit
kit-title = Start-up kit
kit-lead = Activities that help the class get to know each other, in an order that suits how this course starts: { $mode }.
kit-expectations = Write your expectations and ask students to read them
kit-board = Expectations board: what we expect of each other
kit-budget = Time budget: everyone plans their week
kit-wiki = "About the class" wiki page
kit-groups = First groups: breakouts or partners
kit-progress = { $done } of { $total } students have taken part
kit-not-ready = not set up yet

## Notifications, email preferences and jobs
nav-notifications = Notifications
nav-unread = { $count ->
    [one] { $count } unread notification
   *[other] { $count } unread notifications
}
notifications-title = Notifications
notifications-mark-all = Mark all as read
notifications-empty = Nothing new. Replies, mentions, messages, shout-outs and announcements will show up here.
notifications-new = New
notifications-email-settings = Choose how notifications reach you by email
notice-notifications-read = All notifications are marked as read.
notification-someone = Someone
notification-reply = { $actor } replied: { $subject }
notification-mention = { $actor } mentioned you: { $subject }
notification-message = { $actor } sent you a message: { $subject }
notification-shout-out = { $actor } gave you a shout-out: { $subject }
notification-announcement = { $actor } posted an announcement: { $subject }
notification-featured = Featured this week: { $subject }
notification-welcome = { $actor } welcomed you: { $subject }
notification-digest-daily = { $count ->
    [one] Your daily Homeroom summary: 1 new notification
   *[other] Your daily Homeroom summary: { $count } new notifications
}
notification-digest-weekly = { $count ->
    [one] Your weekly Homeroom summary: 1 new notification
   *[other] Your weekly Homeroom summary: { $count } new notifications
}
notification-no-course = Other
notification-email-greeting = Hello { $name },
notification-email-all = All your notifications:
notification-email-why = You get this email because of your notification settings. Change them here:
notification-email-unsubscribe = Stop these emails with one click:
account-email-notifications = Notifications by email
field-email-frequency = Send me notifications
email-frequency-immediate = Right away (but not between 22:00 and 07:00)
email-frequency-daily = In a daily summary at 07:00
email-frequency-weekly = In a weekly summary on Monday at 07:00
email-frequency-none = Never; I will look in Homeroom
hint-email-frequency = Times are in your own time zone. Notifications you have already read are left out.
err-email-frequency = Choose one of the ways to get notifications by email.
unsubscribe-title = Stop notification emails
unsubscribe-lead = Homeroom will stop emailing you about notifications. You will still see them when you sign in.
unsubscribe-confirm = Stop the emails
unsubscribe-done = Done: you will get no more notification emails.
unsubscribe-change = Change your email settings
outbox-emails = Emails
jobs-failed-title = Background jobs that failed
jobs-failed-none = No background job has failed.
jobs-attempts = { $count ->
    [one] gave up after 1 attempt
   *[other] gave up after { $count } attempts
}
