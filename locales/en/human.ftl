## One-to-one check-ins

booking-title = Check-ins
booking-lead = Book a one-to-one check-in with the teaching team. Times are shown in your time zone ({ $zone }).
booking-availability-title = When I can meet
booking-availability-lead = Times are on your own clock ({ $zone }). Students see them in theirs.
booking-my-availability = Your availability
booking-has-offer = Your check-in times are saved.
booking-no-offer = You have not published any check-in times yet.
booking-edit-availability = Set my check-in times
booking-upcoming = Coming up
booking-none-upcoming = Nobody has booked a check-in with you yet.
booking-past = After the meeting
booking-note-hint = Your note and follow-up are private to the teaching team. Saving one puts the meeting in the contact ledger.
booking-note = Private note
booking-follow-up = Follow up on
booking-save-note = Save note
booking-mine = Your check-ins
booking-none-mine = You have no check-ins booked.
booking-with = With { $name }
booking-cancel = Cancel
booking-move-to = Move to
booking-move = Move
booking-too-late = It is too close to the meeting to change it here. Send a message if something came up.
booking-book-heading = Book a check-in
booking-none-offered = Nobody in the teaching team offers check-ins at the moment.
booking-group = group office hours
booking-online = Online (the link comes with your confirmation)
booking-no-slots = No open times right now. Look again later.
booking-pick = Pick a time
booking-places-left = { $count ->
    [one] one place left
   *[other] { $count } places left
}
booking-topic = What would you like to talk about? (optional)
booking-book = Book
booking-feed = Your calendar
booking-feed-hint = Add this private address to your calendar program to see your check-ins and the meet-ups you are coming to there. Anyone with the address can read it: renew it if it got out.
booking-feed-name = My Homeroom meetings
booking-save = Save

booking-field-weekly = Every week
booking-field-weekly-hint = For example 13:00-16:00, or 09:00-10:00, 14:00-15:00. Leave a day empty when you are not available.
booking-field-exceptions = Exceptions
booking-field-exceptions-hint = One date per line: "2026-12-24 closed", or "2026-12-23 10:00-12:00" for other hours that day.
booking-field-length = Meeting length (minutes)
booking-field-buffer-before = Free time before each meeting (minutes)
booking-field-buffer-after = Free time after each meeting (minutes)
booking-field-notice = Minimum notice (hours)
booking-field-horizon = How far ahead students may book (days)
booking-field-per-day = At most this many meetings a day (empty for no limit)
booking-field-per-week = At most this many meetings a week (empty for no limit)
booking-field-capacity = Students per meeting (more than one makes group office hours)
booking-field-cutoff = Students may cancel or move up to this many hours before
booking-field-place = Meeting link or place
booking-field-open = Open for booking

booking-err-summary = Some answers need another look. The problems are shown next to each field.
booking-err-hours = Write times like 13:00-16:00, each ending after it starts, separated by commas.
booking-err-exceptions = Write one date per line, like "2026-12-24 closed" or "2026-12-23 10:00-12:00".
booking-err-length = Give the meeting length in minutes, from 5 to 240.
booking-err-buffer = Give the free time in minutes, from 0 to 120.
booking-err-notice = Give the minimum notice in hours, from 0 to 720.
booking-err-horizon = Give the number of days, from 1 to 180.
booking-err-limit = Give a whole number, or leave it empty for no limit.
booking-err-capacity = Give the number of students per meeting, from 1 to 50.
booking-err-cutoff-hours = Give the number of hours, from 0 to 336.
booking-err-place = The link or place can be at most 300 characters on one line.
booking-err-no-hours = Give at least one day with times, or untick "Open for booking".
booking-err-topic = The topic can be at most 500 characters.
booking-err-pick = Pick one of the times.
booking-err-gone = Sorry, that time is no longer free. Please pick another.
booking-err-already = You already have that check-in.
booking-err-cutoff = It is too close to the meeting to change it here.
booking-err-not-yet = You can write the note once the meeting has started.
booking-err-note = The note can be at most 2000 characters, and the follow-up must be a date.

notice-booking-saved = Your check-in times are saved.
notice-booking-booked = Booked. A confirmation with a calendar invitation is on its way.
notice-booking-cancelled = The check-in is cancelled.
notice-booking-moved = The check-in is moved.
notice-booking-noted = Note saved.

booking-mail-booked = Check-in with { $name }: { $when }
booking-mail-moved = Check-in with { $name } moved to { $when }
booking-mail-cancelled = Cancelled: check-in with { $name } on { $when }
booking-mail-remind-day = Tomorrow: check-in with { $name } at { $when }
booking-mail-remind-hour = In an hour: check-in with { $name } at { $when }
booking-mail-course = Course
booking-mail-when = When
booking-mail-place = Where
booking-mail-topic = Topic
booking-ical-with-staff = Check-in with { $name }
booking-ical-with-student = Check-in: { $name }
