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
roster-ready = { $count ->
    [one] The row is ready to import.
   *[other] All { $count } rows are ready to import.
}
roster-new-accounts = { $count ->
    [one] 1 new account (they choose a password from their invitation)
   *[other] { $count } new accounts (they choose a password from their invitation)
}
roster-existing = { $count ->
    [one] 1 person who already has an account
   *[other] { $count } people who already have an account
}
roster-already = { $count ->
    [one] 1 person already in the course (left as they are)
   *[other] { $count } people already in the course (left as they are)
}
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
roster-import-button = { $count ->
    [one] Import 1 person
   *[other] Import { $count } people
}
roster-rows-ok = { $count ->
    [one] Show the row that is fine
   *[other] Show the { $count } rows that are fine
}
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
groups-report-repeats = { $within ->
    [one] 1 pair meets
   *[other] { $within } pairs meet
} again within these rounds, and { $history ->
    [one] 1 pair meets
   *[other] { $history } pairs meet
} again from earlier groups.
groups-report-pairs = { $met } of { $possible } possible { $possible ->
    [one] pair
   *[other] pairs
} of classmates have now met.
groups-report-sizes = Groups of { $min } to { $max } people.
groups-report-size = { $size ->
    [one] Every group has 1 person.
   *[other] Every group has { $size } people.
}
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
groups-asked-overlap = { $hours ->
    [one] 1 hour together
   *[other] { $hours } hours together
}
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
budget-total = { $hours ->
    [one] 1 hour a week in all
   *[other] { $hours } hours a week in all
}
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
list-more = and { $count } more.
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
expectations-read-count = { $read } of { $total } { $total ->
    [one] student has
   *[other] students have
} read the current version
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
board-more = More notes in this column
board-whole = The whole board
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
kit-progress = { $done } of { $total } { $total ->
    [one] student has
   *[other] students have
} taken part
kit-not-ready = not set up yet

## Start-of-course survey
kit-survey = Start-of-course survey from the template
survey-title = Start-of-course survey
survey-start-heading = Get to know the class before you begin
survey-start-lead = A short survey tells you what students hope for, how they like to communicate and how much time they have. Start from the ready template and change what you like, or build your own.
survey-from-template = Start from the template
survey-from-empty = Start with an empty survey
survey-none-yet = There is no survey in this course yet.
survey-status-draft = This survey is still a draft; students cannot see it yet.
survey-status-not-yet-open = The survey opens on { $when }.
survey-status-open-until = The survey is open until { $when }.
survey-status-open = The survey is open.
survey-status-closed = The survey closed on { $when }. Answers can be read but not changed.
survey-you-answered = You sent your answers on { $when }. You can change them until the survey closes.
survey-required-hint = Questions marked * need an answer.
survey-required = Required
survey-optional = Optional
survey-share = Show this answer on my profile ({ $field })
survey-save-changes = Save my changes
survey-send = Send my answers
survey-your-answers = Your answers
survey-closed-unanswered = The survey has closed, and you did not answer it.
survey-students-answer = Students answer this survey; the teaching team reads the results.
survey-see-results = { $count ->
    [one] See the results (1 response)
   *[other] See the results ({ $count } responses)
}
survey-schedule = When the survey is open
survey-schedule-zone = Dates and times in the course's time zone, { $zone }. Leave the closing time empty to keep the survey open.
survey-opens = Opens
survey-closes = Closes
survey-publish = Publish the survey
survey-save-dates = Save the dates
survey-back-to-draft = Back to draft
survey-questions = Questions
survey-locked = Questions cannot change once the survey is published. Take it back to draft (possible until someone answers) to edit them.
survey-no-questions = No questions yet. Add the first one below.
survey-linked-to = shown on profiles as { $field } if the student agrees
survey-move-up = Move up
survey-move-down = Move down
survey-delete-confirm = Delete this question?
survey-delete = Delete
survey-edit = Edit
survey-kind = Type of question
survey-prompt = Question
survey-help = Help text (optional)
survey-options = Choices, rows or scale labels, one per line
survey-options-hint = Choices for single and multiple choice; rows for the hours grid (such as "Weekday evenings"); for a 1 to 5 scale, the label of 1 and the label of 5.
survey-profile-field = Show the answer on the student's profile
survey-profile-none = No
survey-save-question = Save the question
survey-add-question = Add a question
survey-add = Add the question
survey-settings = Title and introduction
survey-title-label = Title
survey-intro-label = Introduction for students
survey-save-settings = Save title and introduction
survey-kind-short-text = Short text
survey-kind-long-text = Long text
survey-kind-single-choice = Single choice
survey-kind-multiple-choice = Multiple choice
survey-kind-scale = Scale from 1 to 5
survey-kind-hours = Hours per week
survey-profile-interests = interests
survey-profile-looking-forward = what I look forward to learning
survey-profile-how-use = how I will use it
survey-profile-contact = preferred ways to be contacted
survey-profile-about = about me
survey-results-title = Survey results
survey-results-lead = { $done } of { $total } { $total ->
    [one] student has
   *[other] students have
} answered.
survey-download = Download all responses (CSV)
survey-per-question = Per question
survey-answered-count = { $count ->
    [one] 1 answer
   *[other] { $count } answers
}
survey-bar-value = { $count } ({ $percent } %)
survey-median = Median: { $value }
survey-scale-ends = 1 means "{ $low }", 5 means "{ $high }".
survey-hours-row = When
survey-hours-median = Median hours a week
survey-hours-total = All together
survey-no-answers = No answers yet.
survey-texts-all = { $count ->
    [one] The answer
   *[other] All { $count } answers
}
survey-per-student = Per student
survey-have-answered = { $count ->
    [one] 1 student has answered
   *[other] { $count } students have answered
}
survey-nobody-yet = Nobody has answered yet.
survey-not-answered = { $count ->
    [0] Everyone has answered
    [one] 1 student has not answered yet
   *[other] { $count } students have not answered yet
}
survey-last-changed = Last changed on { $when }.
survey-response-title = { $name }'s answers
survey-csv-name = Name
survey-csv-email = Email
survey-csv-updated = Last changed
survey-err-short-too-long = Please keep this answer to 200 characters.
survey-err-long-too-long = Please keep this answer to 4000 characters.
survey-err-choice = Please pick from the choices given.
survey-err-scale = Please pick a number from 1 to 5.
survey-err-hours = Please give hours from 0 to 168, with at most one decimal (such as 1.5).
survey-err-hours-total = A week has 168 hours; together these come to more.
survey-err-required = This question needs an answer.
survey-err-kind = Please choose a type of question.
survey-err-prompt = A question needs some words, up to 300 characters.
survey-err-help = Please keep the help text to 500 characters.
survey-err-options = Single and multiple choice questions need between 2 and 20 different choices, each up to 120 characters.
survey-err-rows = The hours grid needs between 1 and 20 rows, each up to 120 characters.
survey-err-scale-labels = A scale takes two labels: one for 1 and one for 5.
survey-err-profile-field = Please choose a profile field from the list.
survey-err-profile-kind = Only text and choice answers can be shown on a profile.
survey-err-date = Please give a date and time, such as 2026-09-01 09:00.
survey-err-closes-before-opens = The survey must close after it opens.
survey-err-closed = The survey has closed, so answers can no longer change.
survey-err-not-open = The survey is not open yet.
survey-err-summary = { $count ->
    [one] One answer needs another look; nothing was saved yet.
   *[other] { $count } answers need another look; nothing was saved yet.
}
survey-err-from = Please start from the template or from an empty survey.
survey-err-not-draft = Questions cannot change once the survey is published.
survey-err-settings = The survey needs a title of up to 120 characters, and an introduction of up to 2000.
survey-err-has-answers = Students have answered already, so the survey stays published.
survey-err-no-questions = Add at least one question before publishing.
survey-err-too-many = A survey can have at most 40 questions.
survey-err-question = The question was not saved: { $error }
survey-err-direction = Please move the question up or down.
notice-survey-saved = Thank you! Your answers are saved.
notice-survey-exists = This course already has a survey.
notice-survey-created = The survey is ready as a draft. Change what you like, then publish it.
notice-survey-draft = The survey is a draft again.
notice-survey-scheduled = The survey's dates are saved.
notice-survey-question-added = The question is added.
notice-survey-question-moved = The question has moved.
notice-survey-question-deleted = The question is gone.
survey-tpl-title = Getting to know you
survey-tpl-intro = Welcome! These questions help us get to know you and plan a course that works for this class. It takes about five minutes. You can change your answers until the survey closes.
survey-tpl-goals = What do you hope to get out of this course?
survey-tpl-goals-help = A sentence or two is plenty.
survey-tpl-interests = What are you interested in, at work or outside it?
survey-tpl-interests-help = A few words, such as "hiking, podcasts, adult learning".
survey-tpl-communication = How do you like to communicate with classmates and tutors?
survey-tpl-communication-forum = Discussion forum
survey-tpl-communication-chat = Chat messages
survey-tpl-communication-video = Video calls
survey-tpl-communication-email = Email
survey-tpl-communication-in-person = Meeting in person
survey-tpl-work-style = How do you like to start on a new task?
survey-tpl-work-style-alone = On my own first, then with others
survey-tpl-work-style-together = With others from the start
survey-tpl-work-style-depends = It depends on the task
survey-tpl-confidence = How confident do you feel about studying online?
survey-tpl-confidence-low = Not confident yet
survey-tpl-confidence-high = Very confident
survey-tpl-expect-course = What do you expect of this course and of the teaching team?
survey-tpl-expect-each-other = What do you expect of each other as classmates?
survey-tpl-hours = How many hours a week can you give this course, and when?
survey-tpl-hours-help = Whole hours per week for each. Leave empty for none.
survey-tpl-hours-weekday-daytime = Weekdays, daytime
survey-tpl-hours-weekday-evenings = Weekday evenings
survey-tpl-hours-weekends = Weekends
## Spaces (forum, Q&A, coffee shop, announcements)
forum-title = Spaces
forum-kind-discussion = Discussion forum
forum-kind-qa = Questions and answers
forum-kind-social = Coffee shop
forum-kind-announcements = Announcements
forum-default-introductions = Introductions
forum-default-introductions-about = Say hello: who you are, where you work, and what you hope to get from this course. Reply to at least two classmates.
forum-default-coffee = Coffee shop
forum-default-coffee-about = Anything goes: weekend plans, pets, the weather where you are. Nothing here is about the course.
forum-default-announcements = Announcements
forum-default-announcements-about = News from the teaching team. Everyone gets a notification; you can reply with questions.
forum-starter-1 = What made you think that…?
forum-starter-2 = Could you give an example of…?
forum-starter-3 = How does this connect to…?
forum-starter-4 = What would happen if…?
forum-starter-5 = How would you explain this to someone new to…?
forum-former-member = Former member
forum-search = Search
forum-search-label = Search the posts
forum-search-title = Search the spaces
forum-search-count = { $count ->
    [one] 1 post found
   *[other] { $count } posts found
}
forum-search-by = Posts by { $name }
forum-search-everyone = Everyone's posts
forum-pages = Pages
forum-newer = Newer
forum-older = Older
forum-mark-all-read = Mark all read
forum-reports-link = Reports ({ $count })
forum-unread = { $count ->
    [one] 1 new
   *[other] { $count } new
}
forum-unanswered-count = { $count ->
    [one] 1 unanswered
   *[other] { $count } unanswered
}
forum-archived = Archived
forum-archived-note = This space is archived: you can read it, but not write in it.
forum-thread-count = { $count ->
    [one] 1 thread
   *[other] { $count } threads
}
forum-reply-count = { $count ->
    [one] 1 reply
   *[other] { $count } replies
}
forum-move-up = Move up
forum-move-down = Move down
forum-archive = Archive
forum-unarchive = Unarchive
forum-new-space = New space
forum-space-title = Title
forum-space-kind = Kind
forum-space-about = How we use this space
forum-space-about-hint = A few lines in Markdown, shown at the top of the space.
forum-create-space = Create space
forum-edit-space = Edit this space
forum-save-space = Save space
forum-starters = Follow-up question starters
forum-starters-label = Question starters, one per line
forum-starters-hint = Offered below every post under "Ask a follow-up question".
forum-save-starters = Save starters
forum-filter = Show
forum-all-questions = All questions
forum-unanswered-only = Unanswered only
forum-no-threads = Nothing here yet. Start the conversation!
forum-pinned = Pinned
forum-locked = Locked
forum-answered = Answered
forum-unanswered = Unanswered
forum-ask = Ask a question
forum-start = Start a thread
forum-thread-title = Title
forum-body = Your post
forum-body-hint = Markdown works. Type @ and a name to mention a classmate.
forum-post = Post
forum-first-unread = Jump to the first new post
forum-pin = Pin
forum-unpin = Unpin
forum-lock = Lock
forum-unlock = Unlock
forum-locked-note = This thread is locked: no new replies.
forum-reply-thread = Reply to the thread
forum-post-reply = Post reply
forum-reply = Reply
forum-reply-to = Reply to { $name }
forum-follow-up = Ask a follow-up question
forum-edited = edited
forum-new = new
forum-the-answer = The answer
forum-deleted-by-author = Deleted by its author.
forum-hidden-by-moderator = Hidden by a moderator.
forum-hidden-reason = Reason: { $reason }
forum-mark-answer = Mark as the answer
forum-unmark-answer = Not the answer
forum-edit = Edit
forum-delete = Delete
forum-delete-confirm = Delete this post? Replies to it stay.
forum-hide = Hide
forum-hide-reason = Why hide it? Its author sees this.
forum-restore = Restore
forum-report = Report
forum-report-reason = Reason
forum-report-send = Report to the teaching team
forum-edit-title = Edit your post
forum-edit-hint = Earlier versions stay visible under "edited".
forum-save = Save
forum-history-title = Versions of this post
forum-history-by = Written by { $name }
forum-history-current = Now (since { $when })
forum-history-earlier = Version from { $when }
forum-reports-title = Reported posts
forum-no-reports = No open reports.
forum-report-line = { $reporter } reported a post by { $author }
forum-dismiss = Dismiss report
forum-err-title = A title needs some words, up to 150 characters.
forum-err-body = A post needs some words, up to 20,000 characters.
forum-err-reason = Give a reason in up to 500 characters.
forum-err-about = "How we use this space" can be up to 2,000 characters.
forum-err-kind = Choose what kind of space this is.
forum-err-archived = This space is archived, so nothing new can be written in it.
forum-err-locked = This thread is locked, so it takes no new replies.
forum-err-parent = The post you replied to is not in this thread.
forum-err-emoji = That reaction is not one of those on offer.
forum-err-answer = Only a reply in a question space can be marked as the answer.
forum-err-direction = A space moves up or down.
forum-err-archive = Say whether to archive the space or bring it back.
forum-err-starters = Give between 1 and 20 starters, one per line, each up to 200 characters.
notice-forum-space-created = The space is ready.
notice-forum-archived = The space is archived.
notice-forum-unarchived = The space is open again.
notice-forum-all-read = Everything is marked as read.
notice-forum-thread-started = Your thread is posted.
notice-forum-replied = Your reply is posted.
notice-forum-pinned = The thread is pinned.
notice-forum-unpinned = The thread is no longer pinned.
notice-forum-locked = The thread is locked.
notice-forum-unlocked = The thread is open for replies again.
notice-forum-deleted = Your post is deleted.
notice-forum-reacted = Noted.
notice-forum-answered = Marked as the answer.
notice-forum-unanswered = No longer marked as the answer.
notice-forum-reported = Thank you. The teaching team will look at it.
notice-forum-hidden = The post is hidden.
notice-forum-restored = The post is visible again.
notice-forum-dismissed = The report is dismissed.
## Getting to know each other: media, profiles, introductions (issue 3)
media-err-type = { $field }: this kind of file cannot be used here. Photos can be JPEG, PNG or WebP; recordings WebM, Ogg, MP4, M4A, MP3 or WAV.
media-err-too-big = { $field }: the file is larger than the { $limit } MB limit.
media-err-corrupt = { $field }: the image could not be read. It may be cut off or damaged; try saving it again.
kit-tutor-intro = Introduce yourself first: your introduction is pinned at the top
kit-intros = Introductions: everyone says hello
profile-edit-title = My profile
profile-edit-lead = One profile for all your courses. For each part you choose who sees it: the class, only the teaching team, or only you.
profile-err-heading = Please check these and save again:
profile-err-too-long = { $field }: please keep it to { $max } characters.
profile-who-sees = Who sees this
visibility-class = The class
visibility-tutors = Teaching team only
visibility-me = Only me
profile-pronouns = Pronouns
profile-pronouns-hint = For example she/her, he/him, they/them. Leave it empty if you prefer.
profile-name-section = My name
profile-name-say = How to say my name
profile-name-say-hint = For example "AH-dah, like the start of 'Adam'".
profile-name-audio = A short recording of my name
profile-name-audio-hint = A voice recording up to { $limit } MB (WebM, Ogg, M4A, MP3 or WAV).
profile-name-record = Record my name
profile-name-audio-remove = Remove the recording
profile-name-audio-of = How { $name } says their name
profile-photo = Photo or an image that describes me
profile-photo-choose = Choose an image
profile-photo-hint = JPEG, PNG or WebP up to { $limit } MB. It is cropped to a square, and location and camera details are removed.
profile-photo-caption = Caption
profile-photo-current = Your current image
profile-photo-remove = Remove the image
profile-photo-of = Photo of { $name }
profile-about-section = About me
profile-bio = A short bio
profile-work = Organisation and job
profile-job = Job
profile-location = Where I am
profile-local-time = { $time } where they are ({ $zone })
profile-interests = Interests
profile-tags-hint = Separate them with semicolons, e.g. "hiking; photography; chess".
profile-course-section = This course and me
profile-looking-forward = What I look forward to learning
profile-use-for = How I will use it
profile-private-section = Circumstances and contact
profile-private-lead = These help the teaching team plan groups and support you. Birthday and circumstances are for the teaching team unless you choose otherwise.
profile-circumstances = Circumstances
profile-circumstances-note = Anything else about my circumstances
profile-contact = Preferred ways to contact me
profile-birthday = Birthday
profile-birthday-on = { $day } { $month }
profile-nothing-shared = Nothing more is shared with you yet.
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
intro-title = Introductions
intro-lead = Say hello to the class, and welcome the others.
intro-prompt-tutor = Introduce yourself to the class first: your introduction is pinned at the top and shows students how.
intro-prompt-student = Say hello: introduce yourself to the class, and welcome the others.
intro-missing = Not introduced yet ({ $count })
intro-nudge = Send a friendly reminder
intro-nudged-today = reminded in the last day
intro-post-mine = Introduce yourself
intro-edit-mine = Your introduction
intro-body = A few words about you
intro-body-hint = Who you are, where you are, and what brings you here. Markdown works.
intro-photo = A photo (optional)
intro-clip = A voice or video clip (optional)
intro-clip-hint = Record above, or choose a file: voice up to { $audio } MB, video up to { $video } MB.
intro-clip-remove = Remove the clip
intro-clip-of = { $name }'s introduction clip
intro-record-lead = Or record a short clip here: record, stop, listen back, and post.
intro-record-voice = Record voice
intro-record-video = Record video
intro-record-stop = Stop
intro-record-again = Record again
intro-record-recording = Recording… press Stop when you are done.
intro-record-done = Recorded. Listen back, record again, or post.
intro-record-denied = The browser did not allow recording. You can choose a file instead.
intro-record-posting = Posting…
intro-record-preview = Preview of your recording
intro-transcript = Transcript or captions
intro-transcript-hint = What you say in the clip, for those who cannot listen.
intro-post = Post my introduction
intro-none-yet = Nobody has introduced themselves yet.
intro-pinned = Pinned
intro-welcomes = Welcomes
intro-welcome = Welcome
intro-welcome-label = Welcome { $name }
intro-welcome-placeholder = Say welcome…
intro-read-more = Read their introduction
intro-err-empty = Please write a few words about yourself.
intro-err-long = Please keep your introduction to { $max } characters.
intro-err-transcript = Please keep the transcript to { $max } characters.
intro-err-welcome = A welcome needs some words, up to { $max } characters.
intro-nudge-subject = Say hello in { $course }
intro-nudge-body = Hi { $name },

    { $tutor } would love to hear from you: the class in { $course } is introducing themselves. A few words (and a photo or a short recording, if you like) help everyone put a face to a name.

    { $link }
notice-intro-posted = Your introduction is up.
notice-intro-welcomed = Your welcome is posted.
notice-intro-nudged = The reminder is on its way.
notice-intro-nudged-recently = They were reminded in the last day; let's give them time.
notice-intro-already-done = They have already introduced themselves.
class-title = Meet the class
class-lead = Everyone in the course, with what they chose to share.
class-filters = Filter the class
class-any = Any
class-filter = Filter
class-clear = Clear filters
class-showing = Showing { $shown } of { $total }
class-no-intro = Has not introduced themselves yet.
## Homebase: messages, shout-outs, Win of the Week, celebrations, "Our week"
messages-title = Messages
messages-lead = Private conversations with one or a few people in this course. Only the people in a conversation can read it.
messages-conversations = Conversations
messages-unread = { $count } unread
messages-none = No conversations yet.
messages-read-only-tag = read-only
messages-new = New conversation
messages-students-off-note = Messages between students are turned off in this course. You can still write to the teaching team.
messages-nobody-to-message = There is nobody you can write to here yet.
messages-pick = { $count ->
    [one] Who? (1 person)
   *[other] Who? (up to { $count } people)
}
messages-teaching-team = teaching team
messages-body = Message
messages-markdown-hint = You can use Markdown: **bold**, *italic*, lists and links.
messages-send = Send
messages-blocking = Blocking
messages-blocking-hint = When you block someone, their new messages do not reach you and they cannot start a conversation with you. It holds in all your courses, and you can undo it.
messages-block-who = Block
messages-block = Block
messages-unblock = Unblock
messages-setting = Messages between students
messages-setting-on = Students can message each other
messages-setting-off = Students can only message the teaching team
messages-setting-save = Save
messages-conversation = Conversation
messages-with = Conversation with { $names }
messages-former-member = Former member
messages-just-you = Just you
messages-read-only = Messages between students are turned off in this course, so this conversation is read-only. You can still write to the teaching team.
messages-reply = Reply
messages-people = People in this conversation
messages-err-nobody = Choose at least one person to write to.
messages-err-too-many = A conversation can have at most 8 people, you included.
messages-err-not-member = You can only write to members of this course who take part in it.
messages-err-unreachable = You cannot start a conversation with one of the people you chose.
messages-err-students-off = Messages between students are turned off in this course. Include someone from the teaching team.
messages-err-body = Write a message of up to 5,000 characters.
messages-err-read-only = This conversation is read-only because messages between students are turned off.
messages-err-setting = Choose whether students can message each other.
messages-err-person = Choose a member of this course.
notice-message-sent = Your message is sent.
notice-blocked = Blocked. Their new messages will not reach you.
notice-unblocked = Unblocked.
shout-outs-title = Shout-outs
shout-outs-lead = Thank a classmate or the teaching team for something they did, for everyone to see.
shout-outs-to = Who do you want to recognise?
shout-outs-choose = Choose a person
recognition-find = Find a person by name
recognition-find-button = Find
recognition-find-none = Nobody in this course matches “{ $term }”.
recognition-find-more = More people match: type more of the name.
recognition-find-first = Find the person by name first.
shout-outs-body = What did they do?
shout-outs-hint = Up to 280 characters. Everyone in the course can read it.
shout-outs-give = Give a shout-out
shout-outs-none = No shout-outs yet. Be the first!
shout-outs-recent = Recent shout-outs
shout-outs-all = All shout-outs
shout-outs-err-person = Choose a member of this course to recognise (not yourself).
shout-outs-err-body = Write what they did, in up to 280 characters.
notice-shout-out = Your shout-out is up.
wins-title = Win of the Week
wins-lead = Nominate a classmate, or yourself, for something worth celebrating this week. The teaching team features one or more wins on the course home.
wins-weeks = Weeks
wins-previous = Previous week
wins-next = Next week
wins-week = Week { $week } (from { $date })
wins-this-week = this week
wins-featured = Featured
wins-none-featured = Nothing featured for this week yet.
wins-nominated-by = nominated by { $name }
wins-nominate = Nominate someone
wins-nominee = Who?
wins-reason = Why? What did they do?
wins-nominate-button = Nominate
wins-nominations = This week's nominations
wins-my-nominations = Your nominations this week
wins-featured-tag = featured
wins-feature = Feature
wins-unfeature = Stop featuring
wins-past = Past weeks
wins-home = Win of the Week
wins-err-person = Choose a member of this course to nominate.
wins-err-reason = Say why, in up to 500 characters.
wins-err-feature = Choose whether to feature this nomination.
notice-nominated = Thanks for your nomination. The teaching team will see it.
celebrations-title = Celebrations
celebrations-lead = Birthdays and milestones worth a cheer.
celebrations-happy-birthday = Happy birthday, { $name }!
celebrations-birthday = Your birthday
celebrations-birthday-hint = If you like, the course home wishes you a happy birthday on the day. Only the greeting is shown, never the date.
celebrations-birthday-missing = Add your birthday to your profile first.
celebrations-birthday-on = Celebrate my birthday in this course
celebrations-birthday-off = Stop celebrating my birthday here
celebrations-milestone = Share a milestone
celebrations-milestone-hint = For example "finished my first assignment". Up to 200 characters.
celebrations-milestone-share = Share
celebrations-milestones = Milestones
celebrations-none = No milestones yet.
celebrations-congratulate = Congratulate
celebrations-cheers = { $count } congratulations
celebrations-err-birthday = Choose whether to celebrate your birthday.
celebrations-err-milestone = Describe your milestone in up to 200 characters.
notice-milestone = Your milestone is shared. Well done!
notice-cheered = Noted.
routine-title = Our week
routine-lead = The rhythm of this course, week after week, in the course's time zone ({ $zone }) and in yours.
routine-none = The teaching team has not published the weekly routine yet.
routine-today = today
routine-your-time = your time: { $time }
routine-feed = Add to your calendar
routine-feed-hint = Subscribe to this address in your calendar program (Google Calendar, Outlook, Apple Calendar) and the routine stays up to date there. Keep it to yourself: anyone with the address can read the routine.
routine-feed-url = Calendar address
routine-feed-download = Open the calendar file
routine-feed-renew = Make a new address
routine-feed-renew-confirm = The old address stops working for everyone who subscribed. Make a new one?
routine-remove-heading = Entries
routine-remove = Remove
routine-add = Add to the routine
routine-add-button = Add
routine-field-title = What happens
routine-field-kind = Kind
routine-field-day = Day
routine-field-start = Starts at (course time, { $zone })
routine-field-duration = Duration in minutes
routine-field-location = Where (a place or a link; optional)
routine-kind-tutor-posts = Tutor posts
routine-kind-live-session = Live session
routine-kind-questions = Questions answered
routine-kind-office-hours = Office hours
routine-kind-other = Other
routine-day-1 = Monday
routine-day-2 = Tuesday
routine-day-3 = Wednesday
routine-day-4 = Thursday
routine-day-5 = Friday
routine-day-6 = Saturday
routine-day-7 = Sunday
routine-err-weekday = Choose a day of the week.
routine-err-start = Give a start time like 09:30.
routine-err-duration = Give a duration between 5 and 600 minutes.
routine-err-title = Say what happens, in up to 120 characters.
routine-err-kind = Choose a kind.
routine-err-location = Keep the place or link to 300 characters on one line.
routine-err-too-many = The routine has room for 40 entries.
notice-routine-deleted = The entry is removed.
notice-feed-renewed = There is a new calendar address. The old one no longer works.
home-wins-more = Nominate someone for this week
home-shout-outs-more = Give a shout-out or see them all
home-celebrations-more = All celebrations
messages-block-confirm = Block this person? Their new messages will not reach you.
messages-write = Write a new message
messages-block-where = To block someone, open their profile or a conversation with them and choose Block.
messages-blocked-first = First blocked people
messages-blocked-more = More blocked people
messages-block-person = Block { $name }
messages-unblock-person = Unblock { $name }
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
outbox-search = Find emails by recipient or subject
outbox-none-found = No email matches that search.
outbox-failed-all = { $count ->
    [one] See the failed job
   *[other] See all { $count } failed jobs
}
jobs-failed-title = Background jobs that failed
jobs-failed-none = No background job has failed.
jobs-attempts = { $count ->
    [one] gave up after 1 attempt
   *[other] gave up after { $count } attempts
}

## Collage, pictures on board notes, profile completions (issue 3)
collage-title = Collage
collage-lead = What does a good place to work together look like? Add a picture with a few words, and look at the class's pictures together.
collage-together = Show together
collage-together-leave = Back to the collage
collage-add = Add a picture
collage-image = Picture
collage-image-hint = JPEG, PNG or WebP up to { $limit } MB. It is cropped to a square, and location and camera details are removed.
collage-caption = What it shows
collage-caption-hint = A short description, read aloud to people who cannot see the picture.
collage-add-button = Add to the collage
collage-empty = No pictures yet.
collage-remove = Remove
collage-remove-confirm = Remove this picture from the collage?
collage-previous = Previous
collage-next = Next
collage-slide-of = Picture { $n } of { $total }
collage-board-link = See the class's collage of what a good collaborative environment looks like.
collage-err-no-image = Choose a picture to add.
collage-err-caption-missing = Say in a few words what the picture shows.
collage-err-caption-short = Say in a few more words what the picture shows (at least 3 characters).
collage-err-caption-long = Keep the description to { $max } characters.
collage-err-caption-file = Describe what the picture shows rather than giving its file name.
collage-err-full = The collage has room for { $max } pictures.
notice-collage-added = Your picture is on the collage.
notice-collage-removed = The picture is removed.
board-image = A picture (optional)
board-image-hint = JPEG, PNG or WebP up to { $limit } MB.
board-image-alt = What the picture shows
board-image-alt-hint = Needed with a picture, for people who cannot see it.
board-err-image-alt = Say in a few words what the picture shows (3 to 200 characters).
profile-survey-answers = From the start-of-course survey
profile-shout-outs = Shout-outs received

# Attachments on forum posts
attach-summary = Attach files
attach-hint = Up to { $max } files: pictures (JPEG, PNG, WebP) up to { $image } MB, sound up to { $audio } MB, video up to { $video } MB, documents (PDF, Word, Excel, PowerPoint, OpenDocument, zip, plain text) up to { $file } MB.
attach-slot = File { $n }
attach-file = Choose a file
attach-describe = Description
attach-describe-hint = For a picture, what it shows (read aloud to people who cannot see it). For sound or video, a transcript. Leave empty for documents.
attach-list = Attachments
attach-transcript = Transcript
attach-existing = Attached files
attach-remove = Remove { $name }
attach-err-count = A post can carry up to { $max } files.
attach-err-description = Keep each description to { $max } characters.
attach-err-type = { $field }: this kind of file cannot be attached. Use a picture (JPEG, PNG, WebP), sound or video (WebM, Ogg, MP4, M4A, MP3, WAV), or a document (PDF, Word, Excel, PowerPoint, OpenDocument, zip, plain text).

# The course files area
files-title = Files
files-top = Files (top level)
files-folders = Folders
files-no-folders = No folders here.
files-new-folder = New folder
files-folder-name = Folder name
files-create-folder = Create folder
files-folder-actions = Rename or delete this folder
files-rename-folder = New name for the folder
files-rename = Rename
files-delete-folder = Delete folder
files-delete-folder-confirm = Delete this empty folder?
files-delete-folder-hint = Only an empty folder can be deleted: move or delete its files and folders first.
files-files = Files
files-empty = No files here yet.
files-col-name = Name
files-col-size = Size
files-col-uploader = Uploaded by
files-col-date = Date
files-col-actions = Actions
files-change = Change { $name }
files-new-name = New name
files-move-to = Move to
files-move = Move
files-delete = Delete
files-delete-confirm = Delete this file for everyone?
files-upload = Upload files
files-choose = Choose files
files-upload-button = Upload
files-upload-hint = Up to { $max } files at a time: pictures (JPEG, PNG, WebP) up to { $image } MB, sound up to { $audio } MB, video up to { $video } MB, documents (PDF, Word, Excel, PowerPoint, OpenDocument, zip, plain text) up to { $file } MB.
files-file = The file
files-settings = Files settings
files-students-upload = Students may upload files
files-students-upload-hint = Students can then rename, move and delete their own uploads. The teaching team manages folders and every file.
files-save-settings = Save settings
files-err-folder-name = Give the folder a name of up to 100 characters.
files-err-folder-slash = A folder name cannot contain a slash.
files-err-folder-exists = There is already a folder with that name here.
files-err-folder-not-empty = This folder still has files or folders in it. Move or delete them first.
files-err-name = Give the file a name of up to 120 characters.
files-err-count = Upload up to { $max } files at a time.
files-err-none = Choose at least one file to upload.
notice-files-folder-made = The folder is made.
notice-files-folder-deleted = The folder is deleted.
notice-files-uploaded = Uploaded.
notice-files-moved = The file is moved.
notice-files-deleted = The file is deleted.
files-home-link = Course files
# Scheduled and recurring posts; the course home's "What's new" feed.
schedule-title = Scheduled posts
schedule-lead = Write now, post later: once, or every week on the days you choose. Dates and times are in the course's time zone ({ $zone }).
schedule-upcoming = Upcoming
schedule-none = Nothing is scheduled.
schedule-next = Next: { $when }
schedule-edit = Edit
schedule-cancel = Cancel
schedule-cancel-confirm = Cancel this scheduled post? Nothing more of it will go out.
schedule-new = Schedule a post
schedule-edit-heading = Change the scheduled post
schedule-field-space = Space
schedule-field-title = Title
schedule-field-body = Message
schedule-field-repeat = How often
schedule-once = Once
schedule-weekly = Every week
schedule-field-date = Date (for every week: the first day it may go out)
schedule-field-time = Time ({ $zone })
schedule-field-days = Days (for every week)
schedule-field-until = Last day (optional)
schedule-field-date-in-title = Add the day to the title ("Weekly message – 30 Nov")
schedule-add = Schedule
schedule-save = Save changes
schedule-every-day = day
schedule-every-weekday = weekday
schedule-repeat-line = Every { $days } at { $time }
schedule-until-line = until { $date }
schedule-link = Scheduled posts
schedule-err-space = Choose an open space of this course.
schedule-err-date = Enter the date as a day of the calendar, like 2026-11-30.
schedule-err-time = Enter the time as hours and minutes, like 08:00.
schedule-err-past = That moment has passed. Choose a time in the future.
schedule-err-repeat = Choose once or every week.
schedule-err-days = Tick at least one day of the week.
schedule-err-until = The last day must not be before the first.
schedule-err-none = None of the chosen days falls between the first and the last day.
schedule-err-too-many = This course has 50 scheduled posts already. Cancel one before adding another.
schedule-err-changed = This post went out or changed while you were editing. Look at the list and try again.
notice-schedule-saved = The post is scheduled.
notice-schedule-cancelled = The scheduled post is cancelled.
feed-title = What’s new
feed-none = Nothing new yet. Start a thread in the coffee shop, or give someone a shout-out.
feed-coming-up = Coming up
feed-announcement = { $name } announced: { $title }
feed-thread = { $name } started “{ $title }”
feed-thread-replies = New replies in “{ $title }”
feed-shout-out = { $from } gave { $to } a shout-out
feed-win = Win of the Week: { $name }
feed-milestone = { $name } reached a milestone
feed-event = { $title } ({ $kind })
