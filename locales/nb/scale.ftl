# scale
pager-label = Flere sider
pager-prev = ← Forrige
pager-next = Neste →
scale-thread-has-new = nye innlegg
scale-in-reply-to-earlier = Svar på et tidligere innlegg
