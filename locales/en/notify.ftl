# Notifications that help: new kinds, grouped notifications, follow and mute.

notification-groups = Your group is ready: { $subject }
notification-checkin = A check-in is open for your group: { $subject }
notification-feedback = { $actor } gave you feedback: { $subject }
notification-thread = { $actor } started a thread: { $subject }

notification-reply-grouped = { $count ->
    [one] { $actor } replied in “{ $subject }”
   *[other] { $count } new replies in “{ $subject }”, the latest from { $actor }
}
notification-mention-grouped = { $count ->
    [one] { $actor } mentioned you in “{ $subject }”
   *[other] You were mentioned { $count } times in “{ $subject }”, the latest by { $actor }
}
notification-message-grouped = { $count ->
    [one] { $actor } sent you a message: { $subject }
   *[other] { $count } new messages, the latest from { $actor }: { $subject }
}
notification-welcome-grouped = { $count ->
    [one] { $actor } welcomed you: { $subject }
   *[other] { $count } classmates welcomed your introduction, the latest { $actor }: { $subject }
}

notify-groups-number = group { $number }
notify-groups-facilitator = facilitator { $name }
notify-groups-you-facilitate = you facilitate it
notify-groups-first = first meeting { $when }

notify-thread-default = You hear about replies to your own posts here.
notify-thread-follow = You follow this thread: you hear about every reply.
notify-thread-mute = You muted this thread: you hear only when someone mentions you by name.
notify-space-default = You hear about replies to your own posts here.
notify-space-follow = You follow this space: you hear about new threads and every reply.
notify-space-mute = You muted this space: you hear only when someone mentions you by name.
notify-follow-thread = Follow this thread
notify-mute-thread = Mute this thread
notify-follow-space = Follow this space
notify-mute-space = Mute this space
notify-stop-following = Stop following
notify-unmute = Unmute
notify-hearing-label = Notifications
notify-err-choice = Choose to follow, mute, or neither.
notice-notify-following = You follow it now: every reply will reach you.
notice-notify-muted = Muted: you will hear only when someone mentions you by name.
notice-notify-default = Back to the usual: you hear about replies to your own posts.

notify-settings-title = Threads and spaces you follow or muted
notify-settings-lead = Following brings every reply; muting keeps quiet all but mentions of your name. Change a choice here or on the thread or space itself.
notify-settings-link = Followed and muted threads and spaces
notify-settings-empty = You follow and mute nothing yet. Use the buttons on a thread or a space to choose.
notify-settings-following = Following
notify-settings-muted = Muted
notify-settings-thread = thread
notify-settings-space = space
notify-settings-remove = Remove
notify-gone = (no longer there)
