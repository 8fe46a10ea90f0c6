# scale
pager-label = More pages
pager-prev = ← Previous
pager-next = Next →
