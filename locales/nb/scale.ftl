# scale
pager-label = Flere sider
pager-prev = ← Forrige
pager-next = Neste →
scale-thread-has-new = nye innlegg
scale-in-reply-to-earlier = Svar på et tidligere innlegg

# Introductions at class scale: the first few of long lists, with a count of the rest.
intro-missing-more = { $count ->
    [one] og én student til.
   *[other] og { $count } studenter til.
}
intro-missing-radar = Se alle på radaren
intro-more-welcomes = { $count ->
    [one] og én velkomsthilsen til
   *[other] og { $count } velkomsthilsener til
}

# A group set's page at class scale: one round at a time, its groups a page at a time.
groups-rounds-nav = Runder
groups-page-of = Viser { $shown } av { $total } grupper i denne runden.
