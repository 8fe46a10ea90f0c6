//! The search: a greedy construction round by round, then tabu search over swaps of
//! members between groups of the same round (after Dotú and Van Hentenryck's local
//! search for the social golfer problem), restarting from the best plan when it stalls.

use std::time::Duration;

use crate::clock::Clock;
use crate::problem::Problem;
use crate::rng::Rng;

/// How hard to try; the baselines exist for comparison in the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Greedy construction followed by tabu search until the time limit.
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
/// Conflicting members considered per iteration; beyond this we sample, so an iteration
/// stays cheap for large classes.
const MAX_CANDIDATES: usize = 48;

struct State {
    n: usize,
    groups: Vec<Vec<Vec<usize>>>,
    group_of: Vec<Vec<usize>>,
    cnt: Vec<u16>,
    extra: Vec<Vec<i64>>,
    cost: i64,
}

impl State {
    fn new(p: &Problem, groups: Vec<Vec<Vec<usize>>>) -> State {
        let n = p.n;
        let mut st = State {
            n,
            group_of: vec![vec![0; n]; groups.len()],
            cnt: p.hist.clone(),
            extra: Vec::new(),
            cost: 0,
            groups,
        };
        let mut scratch = Vec::new();
        let mut cost = 0i64;
        for (r, round) in st.groups.iter().enumerate() {
            let mut extras = Vec::with_capacity(round.len());
            for (g, grp) in round.iter().enumerate() {
                for (i, &a) in grp.iter().enumerate() {
                    st.group_of[r][a] = g;
                    for &b in &grp[i + 1..] {
                        cost += p.w_rep * p.marg(st.cnt[a * n + b] as i64) + p.pref(a, b);
                        st.cnt[a * n + b] += 1;
                        st.cnt[b * n + a] += 1;
                    }
                }
                let e = p.extra_cost(grp, &mut scratch);
                cost += e;
                extras.push(e);
            }
            st.extra.push(extras);
        }
        st.cost = cost;
        st
    }

    #[inline]
    fn c(&self, a: usize, b: usize) -> i64 {
        self.cnt[a * self.n + b] as i64
    }

    /// Change in cost if `out_a` (in group `ga`) and `out_b` (in `gb`) trade places.
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
        let mut d = 0;
        for &x in &self.groups[r][ga] {
            if out_a.contains(&x) {
                continue;
            }
            for &u in out_a {
                d -= w * p.marg(self.c(x, u) - 1) + p.pref(x, u);
            }
            for &v in out_b {
                d += w * p.marg(self.c(x, v)) + p.pref(x, v);
            }
        }
        for &y in &self.groups[r][gb] {
            if out_b.contains(&y) {
                continue;
            }
            for &v in out_b {
                d -= w * p.marg(self.c(y, v) - 1) + p.pref(y, v);
            }
            for &u in out_a {
                d += w * p.marg(self.c(y, u)) + p.pref(y, u);
            }
        }
        if p.has_extra() {
            scratch.members.clear();
            scratch.members.extend(self.groups[r][ga].iter().filter(|x| !out_a.contains(x)));
            scratch.members.extend_from_slice(out_b);
            d += p.extra_cost(&scratch.members, &mut scratch.values) - self.extra[r][ga];
            scratch.members.clear();
            scratch.members.extend(self.groups[r][gb].iter().filter(|y| !out_b.contains(y)));
            scratch.members.extend_from_slice(out_a);
            d += p.extra_cost(&scratch.members, &mut scratch.values) - self.extra[r][gb];
        }
        d
    }

    /// Whether the trade keeps every keep-apart pair apart.
    fn apart_ok(&self, p: &Problem, r: usize, ga: usize, out_a: &[usize], gb: usize, out_b: &[usize]) -> bool {
        let clash = |movers: &[usize], target: usize, leaving: &[usize]| {
            movers.iter().any(|&u| p.apart[u].iter().any(|&q| self.group_of[r][q] == target && !leaving.contains(&q)))
        };
        !clash(out_a, gb, out_b) && !clash(out_b, ga, out_a)
    }

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
        for (g, leaving, coming) in [(ga, out_a, out_b), (gb, out_b, out_a)] {
            for &x in &self.groups[r][g] {
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
        for (i, &u) in out_a.iter().enumerate() {
            let v = out_b[i];
            let pa = self.groups[r][ga].iter().position(|&x| x == u).unwrap();
            let pb = self.groups[r][gb].iter().position(|&x| x == v).unwrap();
            self.groups[r][ga][pa] = v;
            self.groups[r][gb][pb] = u;
            self.group_of[r][v] = ga;
            self.group_of[r][u] = gb;
        }
        if p.has_extra() {
            self.extra[r][ga] = p.extra_cost(&self.groups[r][ga], &mut scratch.values);
            self.extra[r][gb] = p.extra_cost(&self.groups[r][gb], &mut scratch.values);
        }
        self.cost += d;
    }

    /// Whether `a` shares a group in round `r` with someone it meets more than once, or
    /// sits in a group that breaks a soft constraint.
    fn in_conflict(&self, r: usize, a: usize) -> bool {
        let g = self.group_of[r][a];
        self.extra[r][g] > 0 || self.groups[r][g].iter().any(|&x| x != a && self.cnt[a * self.n + x] >= 2)
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
        let st = State::new(p, construct(p, &mut rng, strategy == Strategy::Random)?);
        let cost = st.cost;
        return Ok(Outcome { groups: finish(st.groups), proven: false, cost, iterations: 0 });
    }

    // Rounds are added one at a time, each once the ones before it are free of
    // conflicts: earlier rounds matter most to a class, and a repeat-free prefix is a
    // far better start for the last, hard rounds than a greedy plan of all of them.
    let rounds = p.rounds;
    let mut st = State::new(p, extend(p, Vec::new(), 1, &mut rng, false)?);
    let n = p.n;
    // tabu[(r * n + m) * groups + g]: until which iteration member m may not go back
    // into group g of round r. Forbidding the way back (not the member) leaves the
    // member free to move on elsewhere.
    let gcount = p.sizes.len();
    let mut tabu = vec![0u32; rounds * n * gcount];
    let mut best = st.groups.clone();
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
    // Tuned on the golfer instances of the benchmark: short tenures with random length
    // and restarts after a stall that grows with the class.
    let stall_limit = 500 + 20 * n as u64;
    let tenure_span = (n / 4).max(4);
    let tenure_min = 2;
    let shake_max = 3;
    let limit_secs = limit.as_secs_f32().max(1e-6);

    loop {
        if st.cost == 0 && st.groups.len() == rounds {
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
            if elapsed * 2 >= limit && st.groups.len() < rounds {
                // Half the budget is gone without a repeat-free prefix: plan all rounds
                // together so the time left spreads repeats instead of piling them
                // into the greedy last rounds.
                st = State::new(p, extend(p, best.clone(), rounds, &mut rng, false)?);
                best.clone_from(&st.groups);
                best_cost = st.cost;
                stall = 0;
            }
        }

        cands.clear();
        for r in 0..st.groups.len() {
            for a in 0..n {
                if st.in_conflict(r, a) {
                    cands.push((r, a));
                }
            }
        }
        work += 1 + (st.groups.len() * n) as u64 / 8;
        if cands.is_empty() && st.groups.len() < rounds {
            let next = st.groups.len() + 1;
            st = State::new(p, extend(p, st.groups, next, &mut rng, false)?);
            best.clone_from(&st.groups);
            best_cost = st.cost;
            stall = 0;
            continue;
        }
        let pref_phase = cands.is_empty();
        if pref_phase {
            if p.pref.is_none() {
                proven = true;
                break;
            }
            for _ in 0..16 {
                cands.push((rng.below(st.groups.len()), rng.below(n)));
            }
        }
        if cands.len() > MAX_CANDIDATES {
            for i in 0..MAX_CANDIDATES {
                let j = rng.range(i, cands.len());
                cands.swap(i, j);
            }
            cands.truncate(MAX_CANDIDATES);
        }

        let mut pick = Pick::default();
        for &(r, a) in &cands {
            let ga = st.group_of[r][a];
            let ua = p.unit_of[a];
            let out_a: &[usize] = &p.units[ua];
            for gb in 0..st.groups[r].len() {
                if gb == ga {
                    continue;
                }
                if out_a.len() == 1 {
                    for &b in &st.groups[r][gb] {
                        if p.units[p.unit_of[b]].len() == 1 {
                            work += 1;
                            pick.consider(
                                p,
                                &st,
                                &tabu,
                                iter,
                                best_cost,
                                (r, ga, ua, gb),
                                &[b],
                                &mut rng,
                                &mut scratch,
                            );
                        }
                    }
                } else {
                    // A block trades with a set of the same size: another block, or
                    // single members drawn at random.
                    singles.clear();
                    for &b in &st.groups[r][gb] {
                        let ub = &p.units[p.unit_of[b]];
                        if ub.len() == 1 {
                            singles.push(b);
                        } else if ub.len() == out_a.len() && ub[0] == b {
                            work += 1;
                            pick.consider(p, &st, &tabu, iter, best_cost, (r, ga, ua, gb), ub, &mut rng, &mut scratch);
                        }
                    }
                    if singles.len() >= out_a.len() {
                        rng.shuffle(&mut singles);
                        out_b.clear();
                        out_b.extend_from_slice(&singles[..out_a.len()]);
                        work += 1;
                        pick.consider(p, &st, &tabu, iter, best_cost, (r, ga, ua, gb), &out_b, &mut rng, &mut scratch);
                    }
                }
            }
        }
        iter += 1;
        let Some((d, (r, ga, ua, gb))) = pick.chosen else {
            if pick.seen == 0 {
                // Keep-together and keep-apart leave no legal swap at all; the rounds
                // still missing are added greedily below.
                break;
            }
            // Everything useful is tabu: forget the tabu list rather than stand still.
            tabu.fill(0);
            stall += 1;
            continue;
        };
        out_b.clear();
        out_b.extend_from_slice(&pick.out_b);
        let out_a = &p.units[ua];
        st.apply(p, r, ga, out_a, gb, &out_b, d, &mut scratch);
        let tenure = tenure_min + rng.below(tenure_span) as u64;
        for &m in out_a.iter() {
            tabu[(r * n + m) * gcount + ga] = (iter + tenure) as u32;
        }
        for &m in out_b.iter() {
            tabu[(r * n + m) * gcount + gb] = (iter + tenure) as u32;
        }

        if st.cost < best_cost {
            best_cost = st.cost;
            best.clone_from(&st.groups);
            best_has_conflicts = !pref_phase || st.cost > 0;
            stall = 0;
            fruitless_restarts = 0;
        } else {
            stall += 1;
        }
        if stall > stall_limit {
            // Restart from the best plan, shaken by a few random swaps, so the search
            // leaves the basin it is stuck in without forgetting what it learnt.
            fruitless_restarts += 1;
            if !best_has_conflicts && fruitless_restarts > 20 {
                break;
            }
            st = State::new(p, best.clone());
            tabu.fill(0);
            let shakes = 1 + rng.below(shake_max);
            for _ in 0..shakes {
                random_swap(p, &mut st, &mut rng, &mut scratch);
            }
            stall = 0;
        }
    }
    progress(1.0);
    let best = extend(p, best, rounds, &mut rng, false)?;
    let best_cost = State::new(p, best.clone()).cost;
    Ok(Outcome { groups: finish(best), cost: best_cost, iterations: iter, proven })
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
    fn consider(
        &mut self,
        p: &Problem,
        st: &State,
        tabu: &[u32],
        iter: u64,
        best_cost: i64,
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
        if let Some((bd, _)) = self.chosen
            && d > bd
        {
            return;
        }
        let (n, gcount) = (p.n, p.sizes.len());
        let back = |m: usize, g: usize| tabu[(r * n + m) * gcount + g] as u64 > iter;
        let is_tabu = out_a.iter().any(|&m| back(m, gb)) || out_b.iter().any(|&m| back(m, ga));
        // Aspiration: a tabu move is fine when it beats the best plan found so far.
        if is_tabu && st.cost + d >= best_cost {
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
        self.chosen = Some((d, (r, ga, ua, gb)));
        self.out_b.clear();
        self.out_b.extend_from_slice(out_b);
    }
}

fn random_swap(p: &Problem, st: &mut State, rng: &mut Rng, scratch: &mut Scratch) {
    for _ in 0..20 {
        let r = rng.below(st.groups.len());
        let (a, b) = (rng.below(p.n), rng.below(p.n));
        let (ga, gb) = (st.group_of[r][a], st.group_of[r][b]);
        if ga == gb
            || p.units[p.unit_of[a]].len() != 1
            || p.units[p.unit_of[b]].len() != 1
            || !st.apart_ok(p, r, ga, &[a], gb, &[b])
        {
            continue;
        }
        let d = st.delta(p, r, ga, &[a], gb, &[b], scratch);
        st.apply(p, r, ga, &[a], gb, &[b], d, scratch);
        return;
    }
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
    State::new(p, groups.to_vec()).cost
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::StepClock;
    use crate::model::{Class, GroupSize, Member, Request};

    fn problem(n: usize, k: usize, rounds: usize) -> Problem {
        let class = Class {
            members: (0..n).map(|i| Member::new(format!("m{i}"), format!("M{i}"))).collect(),
            history: Default::default(),
        };
        crate::problem::compile(&class, &Request::new(GroupSize::Exact(k), rounds)).unwrap()
    }

    #[test]
    fn incremental_cost_matches_recomputed() {
        let p = problem(16, 4, 5);
        let mut rng = Rng::new(1);
        let groups = construct(&p, &mut rng, true).unwrap();
        let mut st = State::new(&p, groups);
        let mut scratch = Scratch::default();
        for _ in 0..500 {
            random_swap(&p, &mut st, &mut rng, &mut scratch);
            assert_eq!(st.cost, recomputed_cost(&p, &st.groups));
        }
    }

    #[test]
    fn solves_small_golfer_instance() {
        let p = problem(16, 4, 5);
        let out = solve(
            &p,
            3,
            Duration::from_secs(60),
            Strategy::Full,
            &mut StepClock::new(Duration::from_millis(1)),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(out.cost, 0);
        assert_eq!(recomputed_cost(&p, &out.groups), 0);
    }
}
