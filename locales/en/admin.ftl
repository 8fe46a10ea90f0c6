# admin: site administration, archiving and copying courses, people's own data

admin-nav = Admin
admin-title = Site administration
admin-courses-title = Courses
admin-people-title = People
admin-settings-title = Site settings
admin-access-title = Admin visits
admin-access-lead = Every time a site admin opens a course they are not a member of, it is written here.
admin-access-none = No admin has visited a course yet.
admin-col-when = When
admin-col-admin = Admin
admin-col-course = Course
admin-col-request = Page
admin-col-starts = Starts
admin-col-members = Members
admin-col-actions = Look after it
admin-col-name = Name
admin-col-email = Email
admin-col-state = State
admin-search-button = Search
admin-courses-search = Find a course by its title
admin-courses-none = No courses found.
admin-course-archived = archived
admin-course-members = Members
admin-course-settings = Settings
admin-course-delete = Delete…
admin-course-delete-title = Delete a course
admin-course-delete-heading = Delete “{ $title }”?
admin-course-delete-lead = { $count ->
    [one] Its one member loses it, and everything in it is deleted for good: posts, messages, groups, files. This cannot be undone. To keep it readable, archive it instead.
   *[other] Its { $count } members lose it, and everything in it is deleted for good: posts, messages, groups, files. This cannot be undone. To keep it readable, archive it instead.
}
admin-course-delete-type = Type the course's title, “{ $title }”, to confirm
admin-course-delete-button = Delete this course for good
admin-course-delete-wrong = That is not the course's title. Type it exactly as shown to delete the course.
notice-admin-course-deleted = The course was deleted.
admin-people-search = Find a person by name or email
admin-people-none = Nobody found.
admin-person-active = active
admin-person-deactivated = deactivated
admin-person-admin = site admin
admin-person-access = Signing in
admin-person-reset = Send a link to choose a new password
admin-person-deactivate = Deactivate
admin-person-deactivate-hint = A deactivated person cannot sign in, and is signed out everywhere at once. Nothing of theirs is deleted.
admin-person-reactivate = Reactivate
admin-person-data = Their data
admin-person-export = Download everything the site holds about them (JSON)
admin-erase-type = To erase this person now, type their email address, { $email }
admin-erase-button = Erase this person
admin-erase-confirm-wrong = That is not their email address. Type it exactly as shown to erase them.
admin-person-not-yourself = You cannot do that to your own account here. Use your account page.
notice-admin-reset-sent = A link to choose a new password is on its way to them.
notice-admin-deactivated = Deactivated. They are signed out and cannot sign in.
notice-admin-reactivated = Reactivated. They can sign in again.
notice-admin-erased = The person was erased.
admin-erasures-title = Erasures people asked for
admin-erasures-none = Nobody is waiting to be erased.
admin-erasure-due = Asked to be erased: this happens { $when } unless they cancel.
admin-job-retry = Try again
notice-admin-job-retried = The job will be tried again shortly.
admin-settings-name = The site's name
admin-settings-creators = Who may start a course
admin-settings-creators-anyone = Anyone with an account
admin-settings-creators-staff = People who already teach a course
admin-settings-creators-admins = Site admins only
admin-settings-locale = Language for visitors whose browser asks for neither English nor Norwegian
admin-settings-zone = Time zone for visitors who are not signed in
admin-settings-defaults-hint = People who are signed in see their own language and time zone.
admin-settings-err-name = Give the site a name of at most 80 characters.
admin-settings-err-creators = Choose who may start a course.
admin-settings-err-locale = Choose one of the languages in the list.

course-archived-banner = This course is archived: you can read everything, but nothing can be changed.
course-archived-refused = This course is archived, so nothing in it can be changed. Its tutor can restore it from the course's settings.
run-title = Archive or copy
run-link = Archive this course, or copy it for the next run
run-back = Back to the course's settings
run-archive-heading = Archive
run-archive-lead = When the course is over, archive it: everyone keeps reading it, but nobody can post or change anything. You can restore it later.
run-archive-button = Archive this course
run-archived-lead = This course is archived. Restore it to let people post and change things again.
run-restore-button = Restore this course
run-copy-heading = Copy for the next run
run-copy-lead = Start a new course with this one's spaces, wiki, survey questions, expectations, weekly routine, group rules, board columns and time budget activities. People, posts and answers are not copied. You will be the new course's tutor.
run-copy-button = Copy into a new course
run-copy-default-title = { $title } (next run)
notice-course-archived = The course is archived: everything stays readable, nothing can be changed.
notice-course-restored = The course is open again.
notice-course-copied = Your new course is ready. Check its settings, then invite the class.

sign-in-deactivated = This account has been deactivated. Ask the site's administrator if you think this is a mistake.

data-link = Your data: download it, or ask to be erased
data-title = Your data
data-back = Back to your account
data-export-heading = Download your data
data-export-lead = Everything this site holds about you, in one file (JSON): your account, profile, posts, messages, answers and more.
data-export-button = Download my data
data-erasure-heading = Erase your account
data-erasure-lead = Erasing removes your account and what is only about you. What you wrote for a class (posts, wiki text) stays, without your name. We send you an email to confirm, and then wait 7 days, so you can change your mind.
data-erasure-button = Ask to erase my account
data-erasure-waiting = We sent you an email: follow its link within a day to confirm that you want to be erased.
data-erasure-due = Your account will be erased { $when }. Until then you can cancel.
data-erasure-cancel = Cancel the erasure
data-erasure-email-subject = Confirm that you want your account erased
data-erasure-email-body = Hello { $name },

    You asked to erase your account. To confirm, follow this link within a day:

    { $link }

    Your account is then erased after 7 days; until then you can cancel on your account page. If you did not ask for this, ignore this email and nothing happens.
data-erasure-confirm-title = Erase your account?
data-erasure-confirm-lead = Your account will be erased { $when }. Until then you can cancel on your account page.
data-erasure-confirm-button = Yes, erase my account
notice-erasure-email-sent = Check your email: the link in it confirms the erasure.
notice-erasure-cancelled = Cancelled. Your account stays.
notice-erasure-confirmed = Confirmed. Your account will be erased in 7 days unless you cancel.
