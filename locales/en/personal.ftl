personal-title = Personalised messages
personal-lead = Write one message with merge fields and conditions; each student gets their own version, in Homeroom and by email. Replies come back as conversations with you. Nothing tracks whether a message was opened.
personal-new = Write a message
personal-from-radar = Choose students on the radar
personal-radar-button = Write a personalised message to the selected
personal-none = No personalised messages yet.
personal-subject = Subject
personal-col-status = Status
personal-col-recipients = Students
personal-col-by = From
personal-col-when = When
personal-col-name = Student
personal-templates = Saved templates
personal-templates-none = No saved templates yet. Save one from a message's preview.
personal-template-delete = Delete
personal-template-delete-confirm = Delete this template?
personal-compose-title = Write a personalised message
personal-compose-lead = Use merge fields such as {"{{ first_name }}"} and blocks such as {"{% if days_since_posted >= 7 %}…{% endif %}"}. You see every student's version before anything is sent.
personal-err-summary = Some things need fixing; they are marked below.
personal-from-template = Start from a saved template
personal-body = Message
personal-body-hint = Markdown works. Values from students' profiles are shown as they wrote them and cannot change the layout.
personal-fields = Fields you can use
personal-who = Who gets it
personal-who-condition = Every active student for whom this holds (empty: everyone)
personal-condition = Condition
personal-condition-hint = For example: days_since_posted >= 7 and group == 3, or 'parent' in survey.circumstances|lower
personal-who-chosen = Only the students ticked here
personal-preview = Save and preview
personal-preview-title = { $count ->
    [one] Preview: one student
   *[other] Preview: { $count } students
}
personal-variants = Versions
personal-variant-count = { $count ->
    [one] 1 student gets
   *[other] { $count } students get
}
personal-preview-for = As { $name } will read it
personal-when = Send at (optional)
personal-when-hint = Leave empty to send now. The time is in the course's time zone ({ $zone }).
personal-send = { $count ->
    [one] Send to 1 student
   *[other] Send to { $count } students
}
personal-template-name = Save as a template, named
personal-template-save = Save template
personal-status-title = Personalised message
personal-status-draft = Draft
personal-status-scheduled = Scheduled
personal-status-sending = Sending
personal-status-sent = Sent
personal-scheduled-for = Goes out { $when }.
personal-going-out = Going out now.
personal-cancel = Take back to draft
personal-sent-at = Sent { $when }
personal-progress = Progress
personal-progress-text = { $done } of { $total } done
personal-state-queued = Waiting
personal-state-sent = Sent
personal-state-failed = Not sent
personal-state-replied = Replied
personal-refresh = Look again
personal-recipients = Students
personal-failed-left = no longer an active student of the course
personal-failed-blocked = has blocked messages from you
personal-kind-text = text
personal-kind-number = number
personal-kind-list = list of names
personal-kind-bool = yes or no
personal-err-for = For { $name }: { $reason }
personal-err-subject-empty = Write a subject.
personal-err-subject-long = The subject is one line of at most 200 characters.
personal-err-body-empty = Write the message.
personal-err-nobody = Tick at least one student.
personal-err-not-student = Only active students of this course can be chosen.
personal-err-nobody-meets = Nobody meets this condition.
personal-err-too-long = This is too long ({ $length } characters).
personal-err-too-deep = Blocks are nested too deeply (at most { $depth }).
personal-err-unknown = There is no field called { $fields }. See the list of fields you can use.
personal-err-block = Only if and for blocks can be used, not "{ $block }" (line { $line }).
personal-err-syntax = Line { $line }: { $detail }
personal-err-work = This would take too much work to write out; loop over fewer things.
personal-err-output = This would make a message that is far too long.
personal-err-render = This cannot be written out: { $detail }
personal-err-when = Give a date and time, or leave it empty to send now.
personal-err-past = That time has passed; choose a later one or leave it empty to send now.
personal-err-not-draft = This message has already been scheduled or sent.
personal-err-name-empty = Give the template a name.
personal-err-name-long = The name is at most 100 characters.
personal-err-too-many = The course has as many saved templates as it can keep; delete one first.
personal-notice-scheduled = Scheduled.
personal-notice-sending = Sending now.
personal-notice-cancelled = Taken back; it is a draft again.
personal-notice-too-late = It had already gone out.
personal-notice-template = Template saved.
personal-notice-template-deleted = Template deleted.
personal-email-footer = { $sender } wrote this to you in { $course }. Reply in Homeroom, where your answer reaches { $sender } directly: { $link }
