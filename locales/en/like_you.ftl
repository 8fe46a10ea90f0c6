# like_you
like-you-title = Classmates like { $name }
like-you-lead = Classmates who share something with this student, are awake at the same hours and have not been in a group with them yet. Built only from what each student shared with the teaching team or the class.
like-you-none = No classmate shares what { $name } shared yet, or everyone alike has already met them.
like-you-both = both { $what }
like-you-answer = both answered “{ $value }” to { $key }
like-you-hours-apart = { $hours ->
    [0] same time of day
    [one] 1 h apart
   *[other] { $hours } h apart
}
like-you-never-grouped = never grouped
like-you-intro-label = Introduction to both (you can change it)
like-you-intro-text = Hi { $a } and { $b }! I think you two would get on: { $shared }. Would you like to say hello to each other here?
like-you-introduce = Send the introduction to both
like-you-pair = Pair them as partners
like-you-err-gone = That classmate is no longer a suggestion for this student. Here is the list as it is now.
like-you-notice-introduced = The introduction was sent to both, and counts as a contact with each.
like-you-notice-paired = They are paired as partners.
like-you-mine-title = Classmates you have not met yet
like-you-mine-lead = Classmates who share your circumstances or interests and have not been in a group with you yet.
like-you-mine-how = When you turn this on, we look at what you shared and at what your classmates show the whole class (never what they keep for the teaching team or themselves), and list a few you have not met. Nobody is told. You can turn it off at any time.
like-you-mine-none = Nobody to suggest yet: as classmates share more with the class, suggestions appear here.
like-you-turn-on = Show me classmates I have not met yet who share my circumstances
like-you-turn-off = Stop showing me suggestions
like-you-notice-on = Suggestions are on.
like-you-notice-off = Suggestions are off.
like-you-write = Write to { $name }
