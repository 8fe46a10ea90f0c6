# home
home-menu-label = Course menu
home-menu-home = Course home
home-menu-more = More
home-menu-getting-to-know = Getting to know each other
home-menu-class-life = Class life
home-menu-resources = Resources
home-your-group = Your group this week
home-you-facilitate = You facilitate this group.
home-group-details = All groups and the prompt
home-to-do = To do
home-todo-survey = Answer the start-of-course survey
home-tutor-message = From your tutor
home-replies = { $count ->
    [one] A reply to you
   *[other] { $count } replies to you
}
home-attention = Who needs attention
home-not-introduced = { $count ->
    [one] 1 student has not introduced themselves yet
   *[other] { $count } students have not introduced themselves yet
}
home-not-joined = { $count ->
    [one] 1 person invited has not joined yet
   *[other] { $count } people invited have not joined yet
}
home-invited = invited
home-attention-none = Everyone has joined and introduced themselves.
home-count-invited = { $count ->
    [one] 1 invited
   *[other] { $count } invited
}
home-newest = Newest members
home-meet-everyone = Meet the whole class
