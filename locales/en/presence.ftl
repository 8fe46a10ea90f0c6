# presence
radar-title = Relationship radar
radar-lead = Each student, with named reasons a personal word from you may help now. Only the teaching team sees this page.
radar-refreshed = Figures as of { $when }.
radar-sort = Sort by
radar-sort-name = Name
radar-sort-contact = Longest since a personal contact
radar-sort-activity = Longest since they were active
radar-filter = Show
radar-filter-all = Everyone
radar-apply = Show
radar-export = Download as CSV
radar-empty = No students to show yet. The radar fills in within a few minutes.
radar-select = Select { $name }
radar-by = by { $name }
radar-never = never
radar-survey-done = survey answered
radar-survey-not-done = survey not answered
radar-log-selected = Log a contact with the selected students
radar-signal-not-contacted = Not contacted
radar-signal-isolated = Isolated
radar-signal-unanswered = Unanswered question
radar-signal-gone-quiet = Gone quiet
radar-signal-not-introduced = Not introduced
radar-why-not-contacted = not contacted in { $days } { $days ->
    [one] day
   *[other] days
}
radar-why-never-contacted = never personally contacted
radar-why-isolated = isolated: no classmate in { $days } days ({ $peers ->
    [one] one classmate
   *[other] { $peers } classmates
} ever)
radar-why-unanswered = unanswered question for { $hours } { $hours ->
    [one] hour
   *[other] hours
}
radar-why-gone-quiet = gone quiet: { $recent } { $recent ->
    [one] action
   *[other] actions
} in two weeks, much less than usual
radar-why-not-introduced = not introduced after { $days } { $days ->
    [one] day
   *[other] days
}
radar-col-select = Select
radar-col-name = Student
radar-col-last-contact = Last personal contact
radar-col-contacted-by = Contacted by
radar-col-last-activity = Last active
radar-col-posts = Posts
radar-col-classmates = Classmates
radar-col-introduced = Introduced
radar-col-survey = Survey answered
radar-col-signals = Signals
radar-log-title = Log a contact
radar-log-students = Who did you contact?
radar-log-kind = How
radar-log-when = When
radar-log-when-hint = Leave empty for now. In your own time zone.
radar-log-note = Private note
radar-log-note-hint = Only the teaching team sees this; the student never does.
radar-log-follow-up = Follow up on (optional)
radar-log-save = Log the contact
radar-notice-logged = Contact logged. The radar updates in a moment.
radar-kind-message = Message
radar-kind-reply = Reply to their post
radar-kind-mention = Mention
radar-kind-shout-out = Shout-out
radar-kind-welcome = Welcome on their introduction
radar-kind-feedback = Feedback
radar-kind-meeting = One-to-one meeting
radar-kind-call = Phone or video call
radar-kind-email = Email outside Homeroom
radar-kind-chat = Chat after class
radar-kind-other = Other
radar-err-summary = Some things need fixing before the contact can be logged; see below.
radar-err-no-student = Choose at least one student.
radar-err-student = Choose students of this course only.
radar-err-kind = Choose how you were in contact.
radar-err-when = Write the date and time like 2026-12-06 14:30, or leave it empty for now.
radar-err-future = The contact cannot be in the future.
radar-err-note = The note is too long: keep it under 2000 characters.
radar-err-follow-up = Write the follow-up date like 2026-12-24, or leave it empty.
radar-my-title = Contacts from your teaching team
radar-my-lead = The personal contacts your tutors and TAs recorded with you in this course.
radar-my-none = No contacts recorded yet.
radar-act-queue = Add to my outreach queue
radar-act-message = Message them
radar-act-pair = Pair with a classmate
outreach-title = My outreach queue
outreach-lead = The students you look after who are due a personal word from you this week: those with a signal first, then whoever has waited longest. Contacting them ticks them off.
outreach-progress = { $done } of { $total } contacted this week.
outreach-follow-ups-due = { $count ->
    [one] one follow-up due
   *[other] { $count } follow-ups due
}
outreach-empty = Nobody is due this week. Well done.
outreach-col-due = Due
outreach-col-act = Act
outreach-done = contacted { $when }
outreach-overdue = overdue by { $days } { $days ->
    [one] day
   *[other] days
}
outreach-due = due { $when }
outreach-log = Log a contact
outreach-message = Message
outreach-settings-title = Outreach settings
outreach-rhythm = Every student hears from one of us at least every … days
outreach-sharing = How students are shared among the teaching team
outreach-sharing-round-robin = In turn (round robin)
outreach-sharing-group = By group: each group's students with one of us
outreach-sharing-hand = By hand only
outreach-ta-insight = TAs may see the radar, the teaching team's notes and the class graph
outreach-answer-line = Show students how quickly we usually answer on the Q&A space
outreach-save = Save the settings
outreach-team = Who looks after how many
outreach-team-share = { $name }: { $count ->
    [one] one student
   *[other] { $count } students
}
outreach-team-hint = Students chosen on the radar can be given to anyone on the team; the rest are shared by the rule above.
outreach-notice-saved = Outreach settings saved. Queues update in a moment.
outreach-notice-assigned = Done. Queues update in a moment.
outreach-notice-queued = Added to your outreach queue. It updates in a moment.
outreach-err-summary = Some things need fixing before the settings can be saved; see below.
outreach-err-rhythm = Write a whole number of days from 1 to 90.
outreach-err-sharing = Choose how students are shared.
outreach-err-staff = Choose someone on this course's teaching team.
outreach-err-action = Choose what to do with the selected students.
outreach-follow-ups-title = Follow-ups due
outreach-follow-ups-lead = Contacts logged with a follow-up date that has come, and nobody has been in touch since. Only the teaching team sees these notes.
outreach-follow-ups-none = No follow-ups due.
outreach-follow-up-on = Follow up on { $date }
graph-title = Class graph
graph-lead = Who interacts with whom: replies, mentions, shout-outs, messages and shared groups. Only the teaching team sees this page.
graph-period = Period
graph-period-all = Since the course began
graph-period-30 = The last 30 days
graph-period-7 = The last 7 days
graph-kind = Kind
graph-kind-all = Every kind
graph-kind-reply = Replies
graph-kind-mention = Mentions
graph-kind-shout-out = Shout-outs
graph-kind-message = Messages
graph-kind-group = Shared groups
graph-drawn = Drawn { $when }.
graph-summary = { $students ->
    [one] One student
   *[other] { $students } students
}, { $isolated } with no classmate in this period.
graph-clusters = { $count ->
    [0] No clusters yet.
    [one] One cluster.
   *[other] { $count } clusters.
}
graph-legend = Circles are students, coloured by cluster; hollow circles on the outer ring have no classmate; squares and dashed lines are the teaching team and its reach.
graph-isolated = No classmate in this period
graph-isolated-more = { $count ->
    [one] and one more
   *[other] and { $count } more
}
graph-reach = The teaching team's reach
graph-reach-one = { $name }: { $count ->
    [one] one student
   *[other] { $count } students
}
graph-table = Everyone in the graph
graph-col-name = Name
graph-col-people = People interacted with
graph-col-cluster = Cluster
graph-staff = (teaching team)
graph-is-isolated = no classmate
graph-not-yet = Not drawn yet: the figures are computed every few minutes.
response-title = Response times
response-lead = How long students' questions wait for the first reply from the teaching team: Q&A threads, questions in other spaces and direct messages to staff.
response-overall = Overall
response-by-week = By week (starting)
response-by-staff = By who answered first
response-col-answered = Answered
response-col-waiting = Still waiting
response-col-median = Median wait
response-col-p90 = 9 in 10 answered within
response-minutes = { $n } { $n ->
    [one] minute
   *[other] minutes
}
response-hours = { $n } { $n ->
    [one] hour
   *[other] hours
}
response-days = { $n } { $n ->
    [one] day
   *[other] days
}
response-usually = We usually answer within { $wait }.
weekly-subject = { $course }: your outreach week
weekly-greeting = Good morning, { $name }. Here is your week in the course.
weekly-due = Due a personal word from you this week: { $count }
weekly-alone = Isolated or gone quiet among your students: { $count }
weekly-unanswered = With a question nobody has answered: { $count }
weekly-more = … and { $count } more
weekly-open = Open your outreach queue:
