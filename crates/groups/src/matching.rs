//! Peer partners: one round of pairs (and one triple when the class is odd) chosen by
//! exact maximum-weight matching, with weights from the same objectives as the search.
//! The matcher is Edmonds' primal-dual blossom algorithm, O(n^3), written from Galil's
//! survey "Efficient algorithms for finding maximum matching in graphs" (1986).

use std::collections::VecDeque;

use crate::model::{Class, Group, PlanError, Round};
use crate::problem::{Problem, compile};

#[derive(Clone, Copy, Default)]
struct Edge {
    u: usize,
    v: usize,
    w: i64,
}

/// Matcher state. Indices are 1-based so 0 can mean "none"; vertices are 1..=n and
/// blossoms n+1..=2n. Duals and weights are kept doubled so every division by two in
/// the dual update stays exact.
struct Blossom {
    n: usize,
    nx: usize,
    size: usize,
    g: Vec<Edge>,
    lab: Vec<i64>,
    mate: Vec<usize>,
    slack: Vec<usize>,
    st: Vec<usize>,
    pa: Vec<usize>,
    /// flower_from[b * (n + 1) + x]: the sub-blossom of b that contains vertex x.
    flower_from: Vec<usize>,
    /// -1 unlabelled, 0 outer (even), 1 inner (odd).
    label: Vec<i8>,
    vis: Vec<usize>,
    stamp: usize,
    flower: Vec<Vec<usize>>,
    queue: VecDeque<usize>,
}

impl Blossom {
    fn new(n: usize) -> Blossom {
        let size = 2 * n + 1;
        let mut g = vec![Edge::default(); size * size];
        for u in 0..size {
            for v in 0..size {
                g[u * size + v] = Edge { u, v, w: 0 };
            }
        }
        Blossom {
            n,
            nx: n,
            size,
            g,
            lab: vec![0; size],
            mate: vec![0; size],
            slack: vec![0; size],
            st: (0..size).collect(),
            pa: vec![0; size],
            flower_from: vec![0; size * (n + 1)],
            label: vec![-1; size],
            vis: vec![0; size],
            stamp: 0,
            flower: vec![Vec::new(); size],
            queue: VecDeque::new(),
        }
    }

    #[inline]
    fn e(&self, u: usize, v: usize) -> Edge {
        self.g[u * self.size + v]
    }

    #[inline]
    fn slack_of(&self, e: Edge) -> i64 {
        self.lab[e.u] + self.lab[e.v] - e.w * 2
    }

    fn update_slack(&mut self, u: usize, x: usize) {
        if self.slack[x] == 0 || self.slack_of(self.e(u, x)) < self.slack_of(self.e(self.slack[x], x)) {
            self.slack[x] = u;
        }
    }

    fn set_slack(&mut self, x: usize) {
        self.slack[x] = 0;
        for u in 1..=self.n {
            if self.e(u, x).w > 0 && self.st[u] != x && self.label[self.st[u]] == 0 {
                self.update_slack(u, x);
            }
        }
    }

    fn push(&mut self, x: usize) {
        if x <= self.n {
            self.queue.push_back(x);
        } else {
            for i in 0..self.flower[x].len() {
                let y = self.flower[x][i];
                self.push(y);
            }
        }
    }

    fn set_st(&mut self, x: usize, b: usize) {
        self.st[x] = b;
        if x > self.n {
            for i in 0..self.flower[x].len() {
                let y = self.flower[x][i];
                self.set_st(y, b);
            }
        }
    }

    /// Position of sub-blossom `xr` in b's cycle, flipping the cycle's direction when
    /// needed so that the path from the base to `xr` has even length.
    fn even_position(&mut self, b: usize, xr: usize) -> usize {
        let pr = self.flower[b].iter().position(|&x| x == xr).unwrap();
        if pr % 2 == 1 {
            self.flower[b][1..].reverse();
            self.flower[b].len() - pr
        } else {
            pr
        }
    }

    fn set_mate(&mut self, u: usize, v: usize) {
        self.mate[u] = self.e(u, v).v;
        if u <= self.n {
            return;
        }
        let e = self.e(u, v);
        let xr = self.flower_from[u * (self.n + 1) + e.u];
        let pr = self.even_position(u, xr);
        for i in 0..pr {
            let (a, b) = (self.flower[u][i], self.flower[u][i ^ 1]);
            self.set_mate(a, b);
        }
        self.set_mate(xr, v);
        self.flower[u].rotate_left(pr);
    }

    fn augment(&mut self, mut u: usize, mut v: usize) {
        loop {
            let xnv = self.st[self.mate[u]];
            self.set_mate(u, v);
            if xnv == 0 {
                return;
            }
            let next = self.st[self.pa[xnv]];
            self.set_mate(xnv, next);
            u = next;
            v = xnv;
        }
    }

    fn lowest_common_ancestor(&mut self, mut u: usize, mut v: usize) -> usize {
        self.stamp += 1;
        while u != 0 || v != 0 {
            if u == 0 {
                std::mem::swap(&mut u, &mut v);
                continue;
            }
            if self.vis[u] == self.stamp {
                return u;
            }
            self.vis[u] = self.stamp;
            u = self.st[self.mate[u]];
            if u != 0 {
                u = self.st[self.pa[u]];
            }
            std::mem::swap(&mut u, &mut v);
        }
        0
    }

    fn add_blossom(&mut self, u: usize, lca: usize, v: usize) {
        let mut b = self.n + 1;
        while b <= self.nx && self.st[b] != 0 {
            b += 1;
        }
        if b > self.nx {
            self.nx += 1;
        }
        self.lab[b] = 0;
        self.label[b] = 0;
        self.mate[b] = self.mate[lca];
        let mut cycle = vec![lca];
        for start in [u, v] {
            let from = cycle.len();
            let mut x = start;
            while x != lca {
                cycle.push(x);
                let y = self.st[self.mate[x]];
                cycle.push(y);
                self.push(y);
                x = self.st[self.pa[y]];
            }
            if start == u {
                cycle[from..].reverse();
            }
        }
        self.flower[b] = cycle;
        self.set_st(b, b);
        for x in 1..=self.nx {
            self.g[b * self.size + x].w = 0;
            self.g[x * self.size + b].w = 0;
        }
        for x in 1..=self.n {
            self.flower_from[b * (self.n + 1) + x] = 0;
        }
        for i in 0..self.flower[b].len() {
            let xs = self.flower[b][i];
            for x in 1..=self.nx {
                let cur = self.e(b, x);
                let cand = self.e(xs, x);
                if cur.w == 0 || (cand.w > 0 && self.slack_of(cand) < self.slack_of(cur)) {
                    self.g[b * self.size + x] = cand;
                    self.g[x * self.size + b] = self.e(x, xs);
                }
            }
            for x in 1..=self.n {
                if self.flower_from[xs * (self.n + 1) + x] != 0 {
                    self.flower_from[b * (self.n + 1) + x] = xs;
                }
            }
        }
        self.set_slack(b);
    }

    fn expand_blossom(&mut self, b: usize) {
        for i in 0..self.flower[b].len() {
            let x = self.flower[b][i];
            self.set_st(x, x);
        }
        let e = self.e(b, self.pa[b]);
        let xr = self.flower_from[b * (self.n + 1) + e.u];
        let pr = self.even_position(b, xr);
        let mut i = 0;
        while i < pr {
            let xs = self.flower[b][i];
            let xns = self.flower[b][i + 1];
            self.pa[xs] = self.e(xns, xs).u;
            self.label[xs] = 1;
            self.label[xns] = 0;
            self.slack[xs] = 0;
            self.set_slack(xns);
            self.push(xns);
            i += 2;
        }
        self.label[xr] = 1;
        self.pa[xr] = self.pa[b];
        for i in pr + 1..self.flower[b].len() {
            let xs = self.flower[b][i];
            self.label[xs] = -1;
            self.set_slack(xs);
        }
        self.st[b] = 0;
    }

    /// Handles a tight edge; true when it completed an augmenting path.
    fn on_tight_edge(&mut self, e: Edge) -> bool {
        let u = self.st[e.u];
        let v = self.st[e.v];
        if self.label[v] == -1 {
            self.pa[v] = e.u;
            self.label[v] = 1;
            let nu = self.st[self.mate[v]];
            self.slack[v] = 0;
            self.slack[nu] = 0;
            self.label[nu] = 0;
            self.push(nu);
        } else if self.label[v] == 0 {
            let lca = self.lowest_common_ancestor(u, v);
            if lca == 0 {
                self.augment(u, v);
                self.augment(v, u);
                return true;
            }
            self.add_blossom(u, lca, v);
        }
        false
    }

    /// One augmentation; false when no augmenting path improves the matching.
    fn grow(&mut self) -> bool {
        self.label.fill(-1);
        self.slack.fill(0);
        self.queue.clear();
        for x in 1..=self.nx {
            if self.st[x] == x && self.mate[x] == 0 {
                self.pa[x] = 0;
                self.label[x] = 0;
                self.push(x);
            }
        }
        if self.queue.is_empty() {
            return false;
        }
        loop {
            while let Some(u) = self.queue.pop_front() {
                if self.label[self.st[u]] == 1 {
                    continue;
                }
                for v in 1..=self.n {
                    let e = self.e(u, v);
                    if e.w > 0 && self.st[u] != self.st[v] {
                        if self.slack_of(e) == 0 {
                            if self.on_tight_edge(e) {
                                return true;
                            }
                        } else {
                            let sv = self.st[v];
                            self.update_slack(u, sv);
                        }
                    }
                }
            }
            let mut d = i64::MAX;
            for b in self.n + 1..=self.nx {
                if self.st[b] == b && self.label[b] == 1 {
                    d = d.min(self.lab[b] / 2);
                }
            }
            for x in 1..=self.nx {
                if self.st[x] == x && self.slack[x] != 0 {
                    let s = self.slack_of(self.e(self.slack[x], x));
                    if self.label[x] == -1 {
                        d = d.min(s);
                    } else if self.label[x] == 0 {
                        d = d.min(s / 2);
                    }
                }
            }
            // An outer vertex whose dual would reach zero ends the search: no path
            // that raises the weight is left.
            for u in 1..=self.n {
                if self.label[self.st[u]] == 0 && self.lab[u] <= d {
                    return false;
                }
            }
            for u in 1..=self.n {
                match self.label[self.st[u]] {
                    0 => self.lab[u] -= d,
                    1 => self.lab[u] += d,
                    _ => {}
                }
            }
            for b in self.n + 1..=self.nx {
                if self.st[b] == b {
                    match self.label[b] {
                        0 => self.lab[b] += 2 * d,
                        1 => self.lab[b] -= 2 * d,
                        _ => {}
                    }
                }
            }
            self.queue.clear();
            for x in 1..=self.nx {
                if self.st[x] == x && self.slack[x] != 0 && self.st[self.slack[x]] != x {
                    let e = self.e(self.slack[x], x);
                    if self.slack_of(e) == 0 && self.on_tight_edge(e) {
                        return true;
                    }
                }
            }
            for b in self.n + 1..=self.nx {
                if self.st[b] == b && self.label[b] == 1 && self.lab[b] == 0 {
                    self.expand_blossom(b);
                }
            }
        }
    }
}

/// Maximum-weight matching of a general graph with `n` vertices (0-based) and edges
/// `(u, v, weight)`; edges with weight <= 0 are ignored. Returns each vertex's partner.
pub fn max_weight_matching(n: usize, edges: &[(usize, usize, i64)]) -> Vec<Option<usize>> {
    if n == 0 {
        return Vec::new();
    }
    let mut m = Blossom::new(n);
    let size = m.size;
    let mut w_max = 0;
    for &(u, v, w) in edges {
        if u == v || u >= n || v >= n || w <= 0 {
            continue;
        }
        // Doubled so the dual updates (which halve slacks) stay in integers.
        let w2 = w * 2;
        let (a, b) = (u + 1, v + 1);
        if w2 > m.g[a * size + b].w {
            m.g[a * size + b].w = w2;
            m.g[b * size + a].w = w2;
        }
        w_max = w_max.max(w2);
    }
    for u in 1..=n {
        m.flower_from[u * (n + 1) + u] = u;
        m.lab[u] = w_max;
    }
    while m.grow() {}
    (1..=n).map(|u| (m.mate[u] != 0).then(|| m.mate[u] - 1)).collect()
}

/// What putting a and b together costs: earlier encounters, preferences and too little
/// shared time. Keep-apart pairs get no edge at all.
fn pair_penalty(p: &Problem, a: usize, b: usize) -> i64 {
    let mut pen = p.w_rep * p.hist[a * p.n + b] as i64 + p.pref(a, b);
    if p.min_overlap > 0 {
        let common = (p.masks[a] & p.masks[b]).count_ones().min(24);
        pen += p.w_vio * p.min_overlap.saturating_sub(common) as i64;
    }
    pen.max(0)
}

/// One round of peer partners for the class: pairs by exact maximum-weight matching,
/// and when the class is odd the member left over joins the pair they fit best.
/// Uses the request's objectives, history, keep-apart rules and facilitator-free
/// groups; the request's size and rounds are ignored.
pub fn peer_partners(class: &Class, request: &crate::model::Request) -> Result<Round, PlanError> {
    let mut req = request.clone();
    req.size = crate::model::GroupSize::Target(2, crate::model::Remainder::Larger);
    req.rounds = 1;
    let p = compile(class, &req)?;
    if let Some(unit) = p.units.iter().find(|u| u.len() > 2) {
        let names: Vec<String> = unit.iter().map(|&m| crate::problem::describe(class, m)).collect();
        return Err(PlanError::Unsatisfiable(format!(
            "peer partners are pairs, but keep-together links {}",
            names.join(", ")
        )));
    }
    let n = p.n;
    let forced: Vec<Option<usize>> = (0..n).map(|m| p.units[p.unit_of[m]].iter().copied().find(|&x| x != m)).collect();
    let mut edges = Vec::new();
    let free: Vec<usize> = (0..n).filter(|&m| forced[m].is_none()).collect();
    for (i, &a) in free.iter().enumerate() {
        for &b in &free[i + 1..] {
            if !p.apart[a].contains(&b) {
                edges.push((a, b, pair_penalty(&p, a, b)));
            }
        }
    }
    // Weight = base - penalty, with a base above the penalties of any whole matching,
    // so the matching is as large as possible first and least costly second.
    let max_pen = edges.iter().map(|e| e.2).max().unwrap_or(0);
    let base = max_pen * (n as i64 / 2 + 1) + 1;
    for e in &mut edges {
        e.2 = base - e.2;
    }
    let mate = max_weight_matching(n, &edges);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut left = Vec::new();
    for m in 0..n {
        match forced[m].or(mate[m]) {
            Some(x) if m < x => groups.push(vec![m, x]),
            Some(_) => {}
            None => left.push(m),
        }
    }
    for m in left {
        let best = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.len() == 2 && !g.iter().any(|x| p.apart[m].contains(x)))
            .min_by_key(|(i, g)| (g.iter().map(|&x| pair_penalty(&p, m, x)).sum::<i64>(), *i))
            .map(|(i, _)| i);
        match best {
            Some(i) => groups[i].push(m),
            None => {
                return Err(PlanError::Unsatisfiable(format!(
                    "{} cannot be paired with anyone without breaking a keep-apart rule",
                    crate::problem::describe(class, m)
                )));
            }
        }
    }
    for g in &mut groups {
        g.sort_unstable();
    }
    Ok(Round {
        groups: groups
            .into_iter()
            .map(|members| Group { members, facilitator: None, prompt: request.prompts.first().cloned() })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Best total weight over all matchings, by dynamic programming over subsets.
    fn brute_force(n: usize, w: &[Vec<i64>]) -> i64 {
        let mut best = vec![0i64; 1 << n];
        for mask in 1usize..(1 << n) {
            let i = mask.trailing_zeros() as usize;
            let rest = mask & !(1 << i);
            let mut b = best[rest];
            for j in 0..n {
                if rest & (1 << j) != 0 && w[i][j] > 0 {
                    b = b.max(best[rest & !(1 << j)] + w[i][j]);
                }
            }
            best[mask] = b;
        }
        best[(1 << n) - 1]
    }

    fn total(w: &[Vec<i64>], mate: &[Option<usize>]) -> i64 {
        let mut t = 0;
        for (u, m) in mate.iter().enumerate() {
            if let Some(v) = *m {
                assert_eq!(mate[v], Some(u));
                if u < v {
                    assert!(w[u][v] > 0);
                    t += w[u][v];
                }
            }
        }
        t
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[allow(clippy::needless_range_loop)]
        #[test]
        fn matches_brute_force(n in 1usize..11, seed in any::<u64>(), density in 1u64..4) {
            let mut rng = crate::rng::Rng::new(seed);
            let mut w = vec![vec![0i64; n]; n];
            let mut edges = Vec::new();
            for u in 0..n {
                for v in u + 1..n {
                    if rng.below(4) < density as usize {
                        let x = 1 + rng.below(20) as i64;
                        w[u][v] = x;
                        w[v][u] = x;
                        edges.push((u, v, x));
                    }
                }
            }
            let mate = max_weight_matching(n, &edges);
            prop_assert_eq!(total(&w, &mate), brute_force(n, &w));
        }
    }

    #[test]
    fn simple_cases() {
        assert_eq!(max_weight_matching(2, &[(0, 1, 5)]), vec![Some(1), Some(0)]);
        // Path a-b-c-d: the two outer edges beat the heavy middle one.
        let m = max_weight_matching(4, &[(0, 1, 3), (1, 2, 5), (2, 3, 3)]);
        assert_eq!(m, vec![Some(1), Some(0), Some(3), Some(2)]);
    }
}
