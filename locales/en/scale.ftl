# scale
pager-label = More pages
pager-prev = ← Previous
pager-next = Next →
scale-thread-has-new = new posts
scale-in-reply-to-earlier = In reply to an earlier post
