//! The search. A plan of all rounds is built at once, by an algebraic construction when
//! the class has the shape of one (see [`crate::design`]: affine planes, transversal
//! designs, rotational designs) or else greedily, and then improved by tabu search over
//! trades of members between groups of the same round, all rounds together, after Dotú
//! and Van Hentenryck's local search for the social golfer problem:
//!
//! - each step looks at every member who meets someone again (or sits in a group that
//!   breaks a soft rule), evaluates in O(k) every trade with a member of another group of
//!   that round from the pair-meeting counts, and makes the best trade that is not tabu
//!   (a trade made in the last few steps may not be undone unless that beats the best
//!   plan of the run);
//! - when the best plan of the run has not improved for a while, the search goes back to
//!   it (or an equally good plan met since) and shakes it with a few random trades; after
//!   several such restarts in vain it starts over from a fresh greedy plan;
//! - when members differ only by name, the first round is kept as it is (any first round
//!   is as good as another), and at the end rounds are reordered so the plan starts with
//!   as many repeat-free rounds as its rounds allow.
//!
//! Everything random comes from the request's seed, so a plan depends only on it and on
//! how much work the clock allows.

use std::cmp::Reverse;
use std::time::Duration;

use crate::clock::Clock;
use crate::problem::Problem;
use crate::rng::Rng;

/// How hard to try; the baselines exist for comparison in the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Construction (algebraic or greedy) followed by tabu search until the time limit.
    Full,
    /// Greedy construction only.
    Greedy,
    /// Random groups each round (what video tools do), keeping only hard constraints.
    Random,
}

pub(crate) struct Outcome {
    /// [round][group] -> members.
    pub groups: Vec<Vec<Vec<usize>>>,
    pub cost: i64,
    pub iterations: u64,
    pub proven: bool,
}

/// How many move evaluations between two looks at the clock: often enough to stop
/// within a few milliseconds of the limit, rarely enough not to cost anything.
const CHECK_WORK: u64 = 20_000;
/// About how many moves one iteration evaluates at most: a member has n-k trades, so
/// large classes look at a random sample of their conflicting members.
const EVALS_PER_ITER: usize = 30_000;
/// Largest design built (groups x groups x size): bigger classes are far from the limit
/// anyway, where the greedy start does as well.
const DESIGN_MAX: usize = 1 << 20;
/// Backtracking steps spent looking for a rotational design (a few milliseconds).
const DESIGN_BUDGET: u64 = 20_000;

/// A plan of every round in flat arrays. Round r's members sit in slots `r*n..(r+1)*n`,
/// group g of every round in the slots `off[g]..off[g+1]` of its round; `cnt` counts the
/// meetings of every pair, history included.
struct State {
    n: usize,
    rounds: usize,
    gcount: usize,
    off: Vec<usize>,
    /// Group of each slot of a round.
    gslot: Vec<usize>,
    /// [r*n + slot] -> member.
    slots: Vec<usize>,
    /// [r*n + member] -> slot.
    pos: Vec<usize>,
    cnt: Vec<u16>,
    /// [r*gcount + g]: soft-rule penalty of the group.
    extra: Vec<i64>,
    cost: i64,
}

impl State {
    /// `groups[r][g]` may list a round's groups in any order; they are matched to the
    /// problem's sizes largest first.
    fn new(p: &Problem, groups: &[Vec<Vec<usize>>]) -> State {
        let n = p.n;
        let mut slots = Vec::with_capacity(groups.len() * n);
        for round in groups {
            let mut order: Vec<&Vec<usize>> = round.iter().collect();
            order.sort_by_key(|g| Reverse(g.len()));
            for grp in order {
                slots.extend_from_slice(grp);
            }
        }
        State::from_slots(p, slots)
    }

    fn from_slots(p: &Problem, slots: Vec<usize>) -> State {
        let n = p.n;
        let gcount = p.sizes.len();
        let rounds = slots.len() / n;
        let mut off = vec![0];
        for &s in &p.sizes {
            off.push(off[off.len() - 1] + s);
        }
        let mut gslot = vec![0; n];
        for g in 0..gcount {
            gslot[off[g]..off[g + 1]].fill(g);
        }
        let mut pos = vec![0; rounds * n];
        for r in 0..rounds {
            for s in 0..n {
                pos[r * n + slots[r * n + s]] = s;
            }
        }
        let mut st = State {
            n,
            rounds,
            gcount,
            off,
            gslot,
            slots,
            pos,
            cnt: p.hist.clone(),
            extra: vec![0; rounds * gcount],
            cost: 0,
        };
        let mut scratch = Vec::new();
        let mut cost = 0i64;
        for r in 0..rounds {
            for g in 0..gcount {
                let lo = r * n + st.off[g];
                let grp = &st.slots[lo..lo + p.sizes[g]];
                for (i, &a) in grp.iter().enumerate() {
                    for &b in &grp[i + 1..] {
                        cost += p.w_rep * p.marg(st.cnt[a * n + b] as i64) + p.pref(a, b);
                        st.cnt[a * n + b] += 1;
                        st.cnt[b * n + a] += 1;
                    }
                }
                let e = p.extra_cost(grp, &mut scratch);
                st.extra[r * gcount + g] = e;
                cost += e;
            }
        }
        st.cost = cost;
        st
    }

    #[inline]
    fn members(&self, r: usize, g: usize) -> &[usize] {
        let base = r * self.n;
        &self.slots[base + self.off[g]..base + self.off[g + 1]]
    }

    #[inline]
    fn group(&self, r: usize, m: usize) -> usize {
        self.gslot[self.pos[r * self.n + m]]
    }

    fn groups(&self) -> Vec<Vec<Vec<usize>>> {
        (0..self.rounds).map(|r| (0..self.gcount).map(|g| self.members(r, g).to_vec()).collect()).collect()
    }

    /// Change in cost if single members `a` and `b` of different groups of round `r`
    /// trade places: O(k) from the rows of `a` and `b` in the meeting counts.
    fn delta_single(&self, p: &Problem, r: usize, a: usize, b: usize, scratch: &mut Scratch) -> i64 {
        let n = self.n;
        let (ga, gb) = (self.group(r, a), self.group(r, b));
        let (ma, mb) = (self.members(r, ga), self.members(r, gb));
        let ra = &self.cnt[a * n..(a + 1) * n];
        let rb = &self.cnt[b * n..(b + 1) * n];
        // Each x staying in a's group loses a meeting with a (saving c(x,a)-1) and gains
        // one with b (costing c(x,b)); the same the other way round. Summing over the
        // whole groups adds the terms x = a and y = b, each c(a,b), which are taken off.
        let mut s = 0i64;
        for &x in ma {
            s += rb[x] as i64 - ra[x] as i64;
        }
        for &y in mb {
            s += ra[y] as i64 - rb[y] as i64;
        }
        s += (ma.len() + mb.len()) as i64 - 2 - 2 * ra[b] as i64;
        let mut d = p.w_rep * s;
        if let Some(pref) = &p.pref {
            let (pa, pb) = (&pref[a * n..(a + 1) * n], &pref[b * n..(b + 1) * n]);
            let mut t = 0i64;
            for &x in ma {
                t += (pb[x] - pa[x]) as i64;
            }
            for &y in mb {
                t += (pa[y] - pb[y]) as i64;
            }
            d += t - 2 * pa[b] as i64;
        }
        if p.has_extra() {
            d += self.extra_delta(p, r, ga, &[a], gb, &[b], scratch);
        }
        d
    }

    /// Change in cost if `out_a` (all in group `ga`) and `out_b` (in `gb`) trade places.
    #[allow(clippy::too_many_arguments)]
    fn delta(
        &self,
        p: &Problem,
        r: usize,
        ga: usize,
        out_a: &[usize],
        gb: usize,
        out_b: &[usize],
        scratch: &mut Scratch,
    ) -> i64 {
        let w = p.w_rep;
        let c = |a: usize, b: usize| self.cnt[a * self.n + b] as i64;
        let mut d = 0;
        for (g, leaving, coming) in [(ga, out_a, out_b), (gb, out_b, out_a)] {
            for &x in self.members(r, g) {
                if leaving.contains(&x) {
                    continue;
                }
                for &u in leaving {
                    d -= w * p.marg(c(x, u) - 1) + p.pref(x, u);
                }
                for &v in coming {
                    d += w * p.marg(c(x, v)) + p.pref(x, v);
                }
            }
        }
        if p.has_extra() {
            d += self.extra_delta(p, r, ga, out_a, gb, out_b, scratch);
        }
        d
    }

    #[allow(clippy::too_many_arguments)]
    fn extra_delta(
        &self,
        p: &Problem,
        r: usize,
        ga: usize,
        out_a: &[usize],
        gb: usize,
        out_b: &[usize],
        scratch: &mut Scratch,
    ) -> i64 {
        let mut d = 0;
        for (g, leaving, coming) in [(ga, out_a, out_b), (gb, out_b, out_a)] {
            scratch.members.clear();
            scratch.members.extend(self.members(r, g).iter().filter(|x| !leaving.contains(x)));
            scratch.members.extend_from_slice(coming);
            d += p.extra_cost(&scratch.members, &mut scratch.values) - self.extra[r * self.gcount + g];
        }
        d
    }

    /// Whether the trade keeps every keep-apart pair apart.
    fn apart_ok(&self, p: &Problem, r: usize, ga: usize, out_a: &[usize], gb: usize, out_b: &[usize]) -> bool {
        let clash = |movers: &[usize], target: usize, leaving: &[usize]| {
            movers.iter().any(|&u| p.apart[u].iter().any(|&q| self.group(r, q) == target && !leaving.contains(&q)))
        };
        !clash(out_a, gb, out_b) && !clash(out_b, ga, out_a)
    }

    /// Makes the trade whose cost change `d` was computed by [`State::delta`].
    #[allow(clippy::too_many_arguments)]
    fn apply(
        &mut self,
        p: &Problem,
        r: usize,
        ga: usize,
        out_a: &[usize],
        gb: usize,
        out_b: &[usize],
        d: i64,
        scratch: &mut Scratch,
    ) {
        let n = self.n;
        let base = r * n;
        for (g, leaving, coming) in [(ga, out_a, out_b), (gb, out_b, out_a)] {
            for s in base + self.off[g]..base + self.off[g + 1] {
                let x = self.slots[s];
                if leaving.contains(&x) {
                    continue;
                }
                for &u in leaving {
                    self.cnt[x * n + u] -= 1;
                    self.cnt[u * n + x] -= 1;
                }
                for &v in coming {
                    self.cnt[x * n + v] += 1;
                    self.cnt[v * n + x] += 1;
                }
            }
        }
        for (&u, &v) in out_a.iter().zip(out_b) {
            let (su, sv) = (self.pos[base + u], self.pos[base + v]);
            self.slots[base + su] = v;
            self.slots[base + sv] = u;
            self.pos[base + u] = sv;
            self.pos[base + v] = su;
        }
        if p.has_extra() {
            for g in [ga, gb] {
                let e = p.extra_cost(self.members(r, g), &mut scratch.values);
                self.extra[r * self.gcount + g] = e;
            }
        }
        self.cost += d;
    }

    /// Members, as (round, member) with `round >= first`, who share a group with someone they meet more than
    /// once (history included) or sit in a group that breaks a soft rule.
    fn conflicts(&self, first: usize, out: &mut Vec<(usize, usize)>) {
        out.clear();
        let n = self.n;
        for r in first..self.rounds {
            for g in 0..self.gcount {
                let ms = self.members(r, g);
                if self.extra[r * self.gcount + g] > 0 {
                    out.extend(ms.iter().map(|&a| (r, a)));
                    continue;
                }
                for &a in ms {
                    let row = &self.cnt[a * n..(a + 1) * n];
                    if ms.iter().any(|&x| row[x] >= 2) {
                        out.push((r, a));
                    }
                }
            }
        }
    }
}

#[derive(Default)]
struct Scratch {
    members: Vec<usize>,
    values: Vec<(u32, u32)>,
}

/// Builds one round greedily: keep-together units largest first, each into the open
/// group where it adds the least cost. `None` when the units could not all be placed.
fn build_round(p: &Problem, cnt: &[u16], rng: &mut Rng, random: bool) -> Option<Vec<Vec<usize>>> {
    let n = p.n;
    let mut order: Vec<usize> = (0..p.units.len()).collect();
    rng.shuffle(&mut order);
    order.sort_by_key(|&u| std::cmp::Reverse(p.units[u].len()));
    let mut groups: Vec<Vec<usize>> = p.sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
    let mut masks = vec![u32::MAX; groups.len()];
    for u in order {
        let unit = &p.units[u];
        let mut best: Option<(i64, usize)> = None;
        let mut ties = 0usize;
        for (g, grp) in groups.iter().enumerate() {
            if grp.len() + unit.len() > p.sizes[g] {
                continue;
            }
            if unit.iter().any(|&m| p.apart[m].iter().any(|q| grp.contains(q))) {
                continue;
            }
            let mut score = 0i64;
            if !random {
                for &x in grp {
                    for &m in unit {
                        score += p.w_rep * cnt[x * n + m] as i64 + p.pref(x, m);
                    }
                }
                if p.min_overlap > 0 {
                    let mask = unit.iter().fold(masks[g], |acc, &m| acc & p.masks[m]);
                    let missing = p.min_overlap.saturating_sub(mask.count_ones().min(24));
                    score += p.w_vio * missing as i64;
                }
            }
            match best {
                Some((s, _)) if score > s => {}
                Some((s, _)) if score == s => {
                    ties += 1;
                    if rng.below(ties + 1) == 0 {
                        best = Some((score, g));
                    }
                }
                _ => {
                    ties = 0;
                    best = Some((score, g));
                }
            }
        }
        let (_, g) = best?;
        for &m in unit {
            masks[g] &= p.masks[m];
        }
        groups[g].extend_from_slice(unit);
    }
    Some(groups)
}

/// Builds all rounds greedily, each aware of the encounters of the rounds before it.
fn construct(p: &Problem, rng: &mut Rng, random: bool) -> Result<Vec<Vec<Vec<usize>>>, ()> {
    extend(p, Vec::new(), p.rounds, rng, random)
}

/// Appends greedy rounds to `rounds` until it has `upto`.
fn extend(
    p: &Problem,
    mut rounds: Vec<Vec<Vec<usize>>>,
    upto: usize,
    rng: &mut Rng,
    random: bool,
) -> Result<Vec<Vec<Vec<usize>>>, ()> {
    let n = p.n;
    let mut cnt = p.hist.clone();
    for grp in rounds.iter().flatten() {
        for (i, &a) in grp.iter().enumerate() {
            for &b in &grp[i + 1..] {
                cnt[a * n + b] += 1;
                cnt[b * n + a] += 1;
            }
        }
    }
    while rounds.len() < upto {
        // Tight keep-apart or keep-together sets can trap the greedy; a few reshuffles
        // find a packing when one is easy to find.
        let round = (0..50).find_map(|_| build_round(p, &cnt, rng, random)).ok_or(())?;
        for grp in &round {
            for (i, &a) in grp.iter().enumerate() {
                for &b in &grp[i + 1..] {
                    cnt[a * n + b] += 1;
                    cnt[b * n + a] += 1;
                }
            }
        }
        rounds.push(round);
    }
    Ok(rounds)
}

/// The starting plan of the full search: an algebraic construction when the class has
/// the shape of one and it gives all the rounds asked for, or near the limit all but one
/// (then a greedy last round, or for 6x5x7-like shapes the least repeating round of the
/// same form, is added: there that is a far better start than a greedy plan); else the
/// greedy construction.
fn initial(p: &Problem, rng: &mut Rng) -> Result<Vec<Vec<Vec<usize>>>, ()> {
    let k = p.sizes[0];
    let plain = p.units.len() == p.n
        && p.apart.iter().all(Vec::is_empty)
        && p.hist.iter().all(|&c| c == 0)
        && p.sizes.iter().all(|&s| s == k);
    if plain {
        let g = p.sizes.len();
        let mut rounds = if g * g * k <= DESIGN_MAX { crate::design::resolvable(g, k) } else { Vec::new() };
        if rounds.len() < p.rounds
            && g == k + 1
            && let Some(r) = crate::design::rotational(k, p.rounds.min(k + 1), DESIGN_BUDGET)
            && r.len() > rounds.len()
        {
            rounds = r;
        }
        if g == k + 1
            && p.rounds > g
            && p.rounds <= g + 2
            && let Some(r) = crate::design::rotational_plus(k, p.rounds - g, DESIGN_BUDGET)
        {
            rounds = r;
        }
        // One round short (at or past the limit): the design plus a greedy last round
        // is a far better start than a greedy plan.
        let near_limit = p.rounds + 1 >= crate::sizes::round_bound(&p.sizes).counting;
        if rounds.len() >= p.rounds || near_limit && rounds.len() >= 2 && rounds.len() + 1 == p.rounds {
            // Relabel at random so that each seed gives a different plan.
            let mut label: Vec<usize> = (0..p.n).collect();
            rng.shuffle(&mut label);
            let mut rounds: Vec<Vec<Vec<usize>>> = rounds
                .into_iter()
                .map(|round| round.into_iter().map(|g| g.into_iter().map(|m| label[m]).collect()).collect())
                .collect();
            rng.shuffle(&mut rounds);
            rounds.truncate(p.rounds);
            return extend(p, rounds, p.rounds, rng, false);
        }
    }
    construct(p, rng, false)
}

/// Tuning of the tabu search; the defaults were tuned on the golfer instances of the
/// benchmark.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tuning {
    /// Iterations without a new best plan before going back to the best and shaking it.
    pub stall_base: u64,
    pub stall_per_member: u64,
    /// A trade stays tabu (cannot be undone) for `tenure_min + below(tenure_span)`
    /// iterations.
    pub tenure_min: u64,
    pub tenure_span: usize,
    /// Random trades applied to the best plan at a restart: 1 + below(shake_max).
    pub shake_max: usize,
    /// Restarts without a new best plan before starting over from a fresh greedy plan
    /// (keeping the best plan found so far).
    pub fresh_after: u32,
}

impl Tuning {
    /// Short tenures (a trade may not be undone for 1 to 5 iterations) worked best: the
    /// search then descends quickly and the restarts supply the diversification.
    fn for_problem() -> Tuning {
        Tuning { stall_base: 500, stall_per_member: 20, tenure_min: 1, tenure_span: 5, shake_max: 3, fresh_after: 10 }
    }
}

pub(crate) fn solve(
    p: &Problem,
    seed: u64,
    limit: Duration,
    strategy: Strategy,
    clock: &mut dyn Clock,
    progress: &mut dyn FnMut(f32),
) -> Result<Outcome, ()> {
    let mut rng = Rng::new(seed);
    if strategy != Strategy::Full {
        let st = State::new(p, &construct(p, &mut rng, strategy == Strategy::Random)?);
        return Ok(Outcome { groups: finish(st.groups()), proven: false, cost: st.cost, iterations: 0 });
    }
    let init = initial(p, &mut rng)?;
    let tuning = Tuning::for_problem();
    let (best, iterations, proven) = tabu(p, init, &mut rng, limit, tuning, clock, progress);
    let best = order_rounds(p, best);
    let cost = State::new(p, &best).cost;
    Ok(Outcome { groups: finish(best), cost, iterations, proven })
}

/// Recent trades as (round, lower member, higher member, tabu until); tenures are short,
/// so the list holds a handful of entries.
#[derive(Default)]
struct TabuList {
    moves: Vec<(usize, usize, usize, u64)>,
}

impl TabuList {
    fn contains(&self, r: usize, a: usize, b: usize, iter: u64) -> bool {
        let (a, b) = (a.min(b), a.max(b));
        self.moves.iter().any(|&(mr, ma, mb, until)| until > iter && mr == r && ma == a && mb == b)
    }

    fn any(&self, r: usize, out_a: &[usize], out_b: &[usize], iter: u64) -> bool {
        out_a.iter().zip(out_b).any(|(&a, &b)| self.contains(r, a, b, iter))
    }

    fn add(&mut self, r: usize, out_a: &[usize], out_b: &[usize], until: u64, iter: u64) {
        self.moves.retain(|m| m.3 > iter);
        for (&a, &b) in out_a.iter().zip(out_b) {
            self.moves.push((r, a.min(b), a.max(b), until));
        }
    }
}

/// Tabu search from `init` until the limit, a perfect plan, or (when only attribute
/// preferences are left to improve) many restarts without progress. Returns the best
/// plan, the iterations made and whether the plan is known to be the best possible.
fn tabu(
    p: &Problem,
    init: Vec<Vec<Vec<usize>>>,
    rng: &mut Rng,
    limit: Duration,
    tuning: Tuning,
    clock: &mut dyn Clock,
    progress: &mut dyn FnMut(f32),
) -> (Vec<Vec<Vec<usize>>>, u64, bool) {
    let n = p.n;
    let mut st = State::new(p, &init);
    let rounds = st.rounds;
    let gcount = st.gcount;
    let mut tabu = TabuList::default();
    // The best plan of this run (since the last fresh start) and of the whole search.
    let mut local = st.slots.clone();
    let mut local_cost = st.cost;
    let mut best = st.slots.clone();
    let mut best_cost = st.cost;
    let mut best_has_conflicts = true;
    let mut iter = 0u64;
    let mut stall = 0u64;
    let mut fruitless_restarts = 0u32;
    let mut work = 0u64;
    let mut proven = false;
    let mut cands: Vec<(usize, usize)> = Vec::new();
    let mut scratch = Scratch::default();
    let mut out_b: Vec<usize> = Vec::new();
    let mut singles: Vec<usize> = Vec::new();
    let stall_limit = tuning.stall_base + tuning.stall_per_member * n as u64;
    let max_cands = (EVALS_PER_ITER / n).max(8);
    let all_single = p.units.len() == n;
    // Only repeats cost anything and every member trades alone with anyone.
    let plain_costs = all_single && p.pref.is_none() && !p.has_extra() && p.apart.iter().all(Vec::is_empty);
    // When every member is alike, any first round is as good as another: keep it, and
    // search only the rounds after it.
    let first = usize::from(rounds > 1 && symmetric(p));
    let limit_secs = limit.as_secs_f32().max(1e-6);

    loop {
        if st.cost == 0 {
            proven = true;
            break;
        }
        if work >= CHECK_WORK || iter == 0 {
            work = 0;
            let elapsed = clock.elapsed();
            progress((elapsed.as_secs_f32() / limit_secs).min(1.0));
            if elapsed >= limit {
                break;
            }
        }

        st.conflicts(first, &mut cands);
        work += 1 + (rounds * n) as u64 / 16;
        let pref_phase = cands.is_empty();
        if pref_phase {
            if p.pref.is_none() {
                proven = true;
                break;
            }
            for _ in 0..16 {
                cands.push((rng.range(first, rounds), rng.below(n)));
            }
        }
        if cands.len() > max_cands {
            for i in 0..max_cands {
                let j = rng.range(i, cands.len());
                cands.swap(i, j);
            }
            cands.truncate(max_cands);
        }

        let mut pick = Pick::default();
        let aspire = local_cost;
        for &(r, a) in &cands {
            let ga = st.group(r, a);
            let ua = p.unit_of[a];
            let out_a: &[usize] = &p.units[ua];
            let apart_a = !p.apart[a].is_empty();
            let ma = st.members(r, ga);
            let ra = &st.cnt[a * n..(a + 1) * n];
            let sum_a: i64 = ma.iter().map(|&x| ra[x] as i64).sum();
            for gb in 0..gcount {
                if gb == ga {
                    continue;
                }
                if plain_costs {
                    // The golfer case, with the parts of delta_single that depend only
                    // on a and the two groups worked out once per group.
                    let mb = st.members(r, gb);
                    let base = (ma.len() + mb.len()) as i64 - 2 - sum_a + mb.iter().map(|&y| ra[y] as i64).sum::<i64>();
                    for &b in mb {
                        let rb = &st.cnt[b * n..(b + 1) * n];
                        let mut s = base - 2 * ra[b] as i64;
                        for &x in ma {
                            s += rb[x] as i64;
                        }
                        for &y in mb {
                            s -= rb[y] as i64;
                        }
                        work += 1;
                        pick.seen += 1;
                        pick.consider(&st, &tabu, iter, aspire, p.w_rep * s, (r, ga, ua, gb), out_a, &[b], rng);
                    }
                } else if out_a.len() == 1 {
                    for &b in st.members(r, gb) {
                        if !all_single && p.units[p.unit_of[b]].len() != 1 {
                            continue;
                        }
                        if (apart_a || !p.apart[b].is_empty()) && !st.apart_ok(p, r, ga, out_a, gb, &[b]) {
                            continue;
                        }
                        work += 1;
                        pick.seen += 1;
                        let d = st.delta_single(p, r, a, b, &mut scratch);
                        pick.consider(&st, &tabu, iter, aspire, d, (r, ga, ua, gb), &p.units[ua], &[b], rng);
                    }
                } else {
                    // A block trades with a set of the same size: another block, or
                    // single members drawn at random.
                    singles.clear();
                    for &b in st.members(r, gb) {
                        let ub = &p.units[p.unit_of[b]];
                        if ub.len() == 1 {
                            singles.push(b);
                        } else if ub.len() == out_a.len() && ub[0] == b {
                            work += 1;
                            pick.consider_block(p, &st, &tabu, iter, aspire, (r, ga, ua, gb), ub, rng, &mut scratch);
                        }
                    }
                    if singles.len() >= out_a.len() {
                        rng.shuffle(&mut singles);
                        out_b.clear();
                        out_b.extend_from_slice(&singles[..out_a.len()]);
                        work += 1;
                        pick.consider_block(p, &st, &tabu, iter, aspire, (r, ga, ua, gb), &out_b, rng, &mut scratch);
                    }
                }
            }
        }
        iter += 1;
        let Some((d, (r, ga, ua, gb))) = pick.chosen else {
            if pick.seen == 0 {
                // Keep-together and keep-apart leave no legal trade at all.
                break;
            }
            // Everything useful is tabu: forget the tabu list rather than stand still.
            tabu.moves.clear();
            stall += 1;
            continue;
        };
        out_b.clear();
        out_b.extend_from_slice(&pick.out_b);
        let out_a = &p.units[ua];
        debug_assert_eq!(d, st.delta(p, r, ga, out_a, gb, &out_b, &mut scratch), "fast delta");
        st.apply(p, r, ga, out_a, gb, &out_b, d, &mut scratch);
        let tenure = tuning.tenure_min + rng.below(tuning.tenure_span.max(1)) as u64;
        tabu.add(r, out_a, &out_b, iter + tenure, iter);

        if st.cost < local_cost {
            local_cost = st.cost;
            local.clone_from(&st.slots);
            stall = 0;
            fruitless_restarts = 0;
            if st.cost < best_cost {
                best_cost = st.cost;
                best.clone_from(&st.slots);
                best_has_conflicts = !pref_phase || st.cost > 0;
            }
        } else {
            if st.cost == local_cost {
                // Equally good: restart from here next time, so restarts drift across
                // the plateau instead of returning to one plan.
                local.clone_from(&st.slots);
            }
            stall += 1;
        }
        if stall > stall_limit {
            fruitless_restarts += 1;
            if !best_has_conflicts && fruitless_restarts > 20 {
                break;
            }
            tabu.moves.clear();
            stall = 0;
            if best_has_conflicts && fruitless_restarts > tuning.fresh_after {
                // The basin seems exhausted: start over from a new greedy plan.
                if let Ok(fresh) = construct(p, rng, false) {
                    st = State::new(p, &fresh);
                    local.clone_from(&st.slots);
                    local_cost = st.cost;
                    fruitless_restarts = 0;
                    continue;
                }
            }
            // Go back to this run's best plan, shaken by a few random trades, so the
            // search leaves the basin it is stuck in without forgetting what it learnt.
            st = State::from_slots(p, local.clone());
            let shakes = 1 + rng.below(tuning.shake_max.max(1));
            for _ in 0..shakes {
                random_swap(p, &mut st, first, rng, &mut scratch);
            }
        }
    }
    progress(1.0);
    (State::from_slots(p, best).groups(), iter, proven)
}

/// The best move seen so far in one iteration; ties are broken at random so the search
/// does not cycle through the same equal moves.
#[derive(Default)]
struct Pick {
    chosen: Option<(i64, (usize, usize, usize, usize))>,
    out_b: Vec<usize>,
    ties: usize,
    /// Legal moves looked at, tabu or not.
    seen: usize,
}

impl Pick {
    #[allow(clippy::too_many_arguments)]
    fn consider_block(
        &mut self,
        p: &Problem,
        st: &State,
        tabu: &TabuList,
        iter: u64,
        aspire: i64,
        (r, ga, ua, gb): (usize, usize, usize, usize),
        out_b: &[usize],
        rng: &mut Rng,
        scratch: &mut Scratch,
    ) {
        let out_a = &p.units[ua];
        if !st.apart_ok(p, r, ga, out_a, gb, out_b) {
            return;
        }
        self.seen += 1;
        let d = st.delta(p, r, ga, out_a, gb, out_b, scratch);
        self.consider(st, tabu, iter, aspire, d, (r, ga, ua, gb), out_a, out_b, rng);
    }

    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn consider(
        &mut self,
        st: &State,
        tabu: &TabuList,
        iter: u64,
        aspire: i64,
        d: i64,
        mv: (usize, usize, usize, usize),
        out_a: &[usize],
        out_b: &[usize],
        rng: &mut Rng,
    ) {
        if let Some((bd, _)) = self.chosen
            && d > bd
        {
            return;
        }
        // Aspiration: a tabu move is fine when it beats the best plan found so far.
        if st.cost + d >= aspire && tabu.any(mv.0, out_a, out_b, iter) {
            return;
        }
        match self.chosen {
            Some((bd, _)) if d == bd => {
                self.ties += 1;
                if rng.below(self.ties + 1) != 0 {
                    return;
                }
            }
            _ => self.ties = 0,
        }
        self.chosen = Some((d, mv));
        self.out_b.clear();
        self.out_b.extend_from_slice(out_b);
    }
}

/// Whether members differ only by name: no history, preferences, soft rules or hard
/// constraints, so relabelling members maps plans to equally good plans.
fn symmetric(p: &Problem) -> bool {
    p.units.len() == p.n
        && p.apart.iter().all(Vec::is_empty)
        && p.pref.is_none()
        && !p.has_extra()
        && p.hist.iter().all(|&c| c == 0)
}

/// Trades two random single members of different groups of a random round from `first`.
fn random_swap(p: &Problem, st: &mut State, first: usize, rng: &mut Rng, scratch: &mut Scratch) {
    for _ in 0..20 {
        let r = rng.range(first, st.rounds);
        let (a, b) = (rng.below(p.n), rng.below(p.n));
        let (ga, gb) = (st.group(r, a), st.group(r, b));
        if ga == gb
            || p.units[p.unit_of[a]].len() != 1
            || p.units[p.unit_of[b]].len() != 1
            || !st.apart_ok(p, r, ga, &[a], gb, &[b])
        {
            continue;
        }
        let d = st.delta_single(p, r, a, b, scratch);
        st.apply(p, r, ga, &[a], gb, &[b], d, scratch);
        return;
    }
}

/// Puts first the largest set of rounds that are free of repeats among themselves and
/// with the history, so the plan's repeat-free start is as long as it can be with these
/// rounds; the cost does not depend on the order of rounds.
fn order_rounds(p: &Problem, mut groups: Vec<Vec<Vec<usize>>>) -> Vec<Vec<Vec<usize>>> {
    let rounds = groups.len();
    if !(2..=20).contains(&rounds) {
        return groups;
    }
    let n = p.n;
    let mut group_of = vec![0usize; rounds * n];
    for (r, round) in groups.iter().enumerate() {
        for (g, grp) in round.iter().enumerate() {
            for &m in grp {
                group_of[r * n + m] = g;
            }
        }
    }
    // clash[r]: bit s set when rounds r and s share a pair; own[r] when round r repeats
    // a pair of the history.
    let mut clash = vec![0u32; rounds];
    let mut own = vec![false; rounds];
    for (r, round) in groups.iter().enumerate() {
        for grp in round {
            for (i, &a) in grp.iter().enumerate() {
                for &b in &grp[i + 1..] {
                    own[r] |= p.hist[a * n + b] > 0;
                    for s in r + 1..rounds {
                        if group_of[s * n + a] == group_of[s * n + b] {
                            clash[r] |= 1 << s;
                            clash[s] |= 1 << r;
                        }
                    }
                }
            }
        }
    }
    if clash.iter().all(|&c| c == 0) && !own.contains(&true) {
        return groups;
    }
    // Largest clique of compatible rounds by dynamic programming over subsets.
    let mut ok = vec![false; 1 << rounds];
    ok[0] = true;
    let mut chosen = 0u32;
    for mask in 1u32..(1 << rounds) {
        let low = mask.trailing_zeros() as usize;
        let rest = mask & (mask - 1);
        let good = ok[rest as usize] && !own[low] && clash[low] & rest == 0;
        ok[mask as usize] = good;
        if good
            && (mask.count_ones() > chosen.count_ones()
                || mask.count_ones() == chosen.count_ones() && mask.reverse_bits() > chosen.reverse_bits())
        {
            chosen = mask;
        }
    }
    let mut order: Vec<usize> = (0..rounds).filter(|&r| chosen & (1 << r) != 0).collect();
    order.extend((0..rounds).filter(|&r| chosen & (1 << r) == 0));
    let mut taken: Vec<Option<Vec<Vec<usize>>>> = groups.drain(..).map(Some).collect();
    order.into_iter().map(|r| taken[r].take().unwrap()).collect()
}

fn finish(mut groups: Vec<Vec<Vec<usize>>>) -> Vec<Vec<Vec<usize>>> {
    for round in &mut groups {
        for g in round.iter_mut() {
            g.sort_unstable();
        }
    }
    groups
}

#[cfg(test)]
pub(crate) fn recomputed_cost(p: &Problem, groups: &[Vec<Vec<usize>>]) -> i64 {
    State::new(p, groups).cost
}

#[cfg(test)]
mod tests;
