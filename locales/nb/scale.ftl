# scale
pager-label = Flere sider
pager-prev = ← Forrige
pager-next = Neste →
