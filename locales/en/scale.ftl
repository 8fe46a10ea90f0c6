# scale
pager-label = More pages
pager-prev = ← Previous
pager-next = Next →
scale-thread-has-new = new posts
scale-in-reply-to-earlier = In reply to an earlier post

# Introductions at class scale: the first few of long lists, with a count of the rest.
intro-missing-more = { $count ->
    [one] and one more student.
   *[other] and { $count } more students.
}
intro-missing-radar = See them all on the radar
intro-more-welcomes = { $count ->
    [one] and one more welcome
   *[other] and { $count } more welcomes
}

# A group set's page at class scale: one round at a time, its groups a page at a time.
groups-rounds-nav = Rounds
groups-page-of = Showing { $shown } of { $total } groups in this round.
