use proptest::prelude::{ProptestConfig, any, prop_assert_eq, prop_assume, proptest};

use super::*;
use crate::clock::StepClock;
use crate::model::{AttributeObjective, Class, GroupSize, HourSet, Member, NoLone, Preference, Remainder, Request};

fn class(n: usize) -> Class {
    Class {
        members: (0..n).map(|i| Member::new(format!("m{i}"), format!("M{i}"))).collect(),
        history: Default::default(),
    }
}

fn problem(n: usize, k: usize, rounds: usize) -> Problem {
    crate::problem::compile(&class(n), &Request::new(GroupSize::Exact(k), rounds)).unwrap()
}

/// A problem with every kind of cost: history, preferences, overlap, no-lone, blocks.
fn rich_problem(n: usize, k: usize, rounds: usize, seed: u64) -> Problem {
    let mut rng = Rng::new(seed);
    let mut c = class(n);
    for _ in 0..n {
        let (a, b) = (rng.below(n), rng.below(n));
        c.history.add_encounter(a, b);
    }
    for m in c.members.iter_mut() {
        let org = format!("org{}", rng.below(3));
        m.attributes.insert("org".into(), vec![org]);
        if rng.below(3) == 0 {
            m.attributes.insert("circ".into(), vec!["parent".into()]);
        }
        let from = rng.below(24) as u8;
        m.availability = Some(HourSet::utc_range(from, from + 10));
    }
    let mut req = Request::new(GroupSize::Target(k, Remainder::Larger), rounds);
    req.objectives.attributes =
        vec![AttributeObjective { attribute: "org".into(), preference: Preference::Mixed, weight: 7 }];
    req.constraints.no_lone = vec![NoLone { attribute: "circ".into(), value: None }];
    req.constraints.min_overlap_hours = Some(2);
    req.constraints.keep_together = vec![(0, 1)];
    req.constraints.keep_apart = vec![(2, 3)];
    crate::problem::compile(&c, &req).unwrap()
}

fn counts_match(p: &Problem, st: &State) {
    let fresh = State::new(p, &st.groups());
    assert_eq!(st.cost, fresh.cost);
    assert!(st.cnt == fresh.cnt, "meeting counts drifted");
    assert_eq!(st.extra, fresh.extra);
    for r in 0..st.rounds {
        for m in 0..p.n {
            assert_eq!(st.slots[r * p.n + st.pos[r * p.n + m]], m);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// The O(k) delta of a single trade equals the general delta and the difference of
    /// full re-evaluations, and applying it keeps the incremental state exact.
    #[test]
    fn delta_equals_full_reevaluation(n in 8usize..40, k in 2usize..6, rounds in 1usize..6, seed in any::<u64>()) {
        prop_assume!(k * 2 <= n);
        let p = rich_problem(n, k, rounds, seed);
        let mut rng = Rng::new(seed ^ 0x5eed);
        let mut st = State::new(&p, &construct(&p, &mut rng, true).unwrap());
        let mut scratch = Scratch::default();
        for _ in 0..60 {
            let r = rng.below(rounds);
            let (a, b) = (rng.below(n), rng.below(n));
            let (ga, gb) = (st.group(r, a), st.group(r, b));
            if ga == gb || p.units[p.unit_of[a]].len() != 1 || p.units[p.unit_of[b]].len() != 1 {
                continue;
            }
            let fast = st.delta_single(&p, r, a, b, &mut scratch);
            let slow = st.delta(&p, r, ga, &[a], gb, &[b], &mut scratch);
            prop_assert_eq!(fast, slow);
            let before = st.cost;
            st.apply(&p, r, ga, &[a], gb, &[b], fast, &mut scratch);
            prop_assert_eq!(st.cost - before, fast);
            prop_assert_eq!(st.cost, recomputed_cost(&p, &st.groups()));
        }
        counts_match(&p, &st);
    }
}

#[test]
fn block_trades_keep_the_state_exact() {
    let p = rich_problem(30, 4, 4, 9);
    let mut rng = Rng::new(2);
    let mut st = State::new(&p, &construct(&p, &mut rng, true).unwrap());
    let mut scratch = Scratch::default();
    let block = &p.units[p.unit_of[0]];
    assert_eq!(block.len(), 2);
    for _ in 0..200 {
        let r = rng.below(st.rounds);
        let ga = st.group(r, 0);
        let gb = rng.below(st.gcount);
        let singles: Vec<usize> =
            st.members(r, gb).iter().copied().filter(|&b| p.units[p.unit_of[b]].len() == 1).collect();
        if gb == ga || singles.len() < 2 {
            continue;
        }
        let out_b = [singles[0], singles[1]];
        let d = st.delta(&p, r, ga, block, gb, &out_b, &mut scratch);
        let block = block.clone();
        st.apply(&p, r, ga, &block, gb, &out_b, d, &mut scratch);
        assert_eq!(st.cost, recomputed_cost(&p, &st.groups()));
    }
    counts_match(&p, &st);
}

#[test]
fn conflicts_are_the_members_of_repeated_pairs() {
    let p = problem(12, 3, 3);
    let groups = vec![
        vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8], vec![9, 10, 11]],
        vec![vec![0, 1, 3], vec![2, 4, 6], vec![5, 7, 9], vec![8, 10, 11]],
        vec![vec![0, 4, 8], vec![1, 5, 10], vec![2, 7, 11], vec![3, 6, 9]],
    ];
    let st = State::new(&p, &groups);
    let mut c = Vec::new();
    st.conflicts(0, &mut c);
    c.sort_unstable();
    // 0-1 meet in rounds 1 and 2, 10-11 likewise.
    assert_eq!(c, vec![(0, 0), (0, 1), (0, 10), (0, 11), (1, 0), (1, 1), (1, 10), (1, 11)]);
    assert_eq!(st.cost, 2 * p.w_rep);
}

#[test]
fn rounds_are_reordered_to_start_repeat_free() {
    let p = problem(8, 2, 4);
    let groups = vec![
        vec![vec![0, 1], vec![2, 3], vec![4, 5], vec![6, 7]],
        vec![vec![0, 1], vec![2, 4], vec![3, 6], vec![5, 7]],
        vec![vec![0, 2], vec![1, 3], vec![4, 6], vec![5, 7]],
        vec![vec![0, 3], vec![1, 2], vec![4, 7], vec![5, 6]],
    ];
    let before = recomputed_cost(&p, &groups);
    let ordered = order_rounds(&p, groups.clone());
    assert_eq!(recomputed_cost(&p, &ordered), before);
    // Round 0 clashes with 1 (0-1), and 1 with 2 (5-7); {0, 2, 3} is compatible.
    assert_eq!(ordered, vec![groups[0].clone(), groups[2].clone(), groups[3].clone(), groups[1].clone()]);
}

fn run_tabu(p: &Problem, init: Vec<Vec<Vec<usize>>>, seed: u64, limit_ms: u64) -> (Vec<Vec<Vec<usize>>>, u64, bool) {
    let mut rng = Rng::new(seed);
    tabu(
        p,
        init,
        &mut rng,
        Duration::from_millis(limit_ms),
        Tuning::for_problem(),
        &mut StepClock::new(Duration::from_millis(1)),
        &mut |_| {},
    )
}

#[test]
fn tabu_solves_small_golfer_instances_from_greedy_starts() {
    for (g, k, w) in [(4, 4, 5), (5, 3, 7), (3, 3, 4)] {
        let p = problem(g * k, k, w);
        let init = construct(&p, &mut Rng::new(1), false).unwrap();
        assert!(State::new(&p, &init).cost > 0);
        let (best, _, proven) = run_tabu(&p, init, 3, 60_000);
        assert!(proven, "{g}x{k}x{w}");
        assert_eq!(recomputed_cost(&p, &best), 0, "{g}x{k}x{w}");
    }
}

#[test]
fn tabu_keeps_hard_rules_and_improves_soft_ones() {
    let p = rich_problem(24, 4, 3, 5);
    let init = construct(&p, &mut Rng::new(4), false).unwrap();
    let start = State::new(&p, &init).cost;
    let (best, iterations, _) = run_tabu(&p, init, 4, 30);
    assert!(iterations > 0);
    assert!(recomputed_cost(&p, &best) <= start);
    for round in &best {
        let g0 = round.iter().position(|g| g.contains(&0)).unwrap();
        assert!(round[g0].contains(&1), "keep-together");
        assert!(!round.iter().any(|g| g.contains(&2) && g.contains(&3)), "keep-apart");
    }
}

#[test]
fn designs_start_repeat_free_when_the_shape_allows() {
    for (g, k, w) in [(8, 4, 9), (4, 4, 5), (5, 5, 6), (8, 4, 3), (6, 5, 6), (4, 3, 4)] {
        let p = problem(g * k, k, w);
        let init = initial(&p, &mut Rng::new(7)).unwrap();
        assert_eq!(init.len(), w);
        assert_eq!(recomputed_cost(&p, &init), 0, "{g}x{k}x{w}");
    }
    // Different seeds label the design differently.
    let p = problem(16, 4, 5);
    assert_ne!(initial(&p, &mut Rng::new(1)).unwrap(), initial(&p, &mut Rng::new(2)).unwrap());
}

#[test]
fn solve_is_deterministic_and_reports_work() {
    let p = problem(20, 4, 4);
    let go = || {
        solve(
            &p,
            11,
            Duration::from_millis(20),
            Strategy::Full,
            &mut StepClock::new(Duration::from_millis(1)),
            &mut |_| {},
        )
        .unwrap()
    };
    let (a, b) = (go(), go());
    assert_eq!(a.groups, b.groups);
    assert_eq!(a.cost, recomputed_cost(&p, &a.groups));
}

#[test]
fn tabu_list_forgets_after_the_tenure() {
    let mut t = TabuList::default();
    t.add(2, &[5], &[3], 10, 0);
    assert!(t.contains(2, 3, 5, 9) && t.contains(2, 5, 3, 0));
    assert!(!t.contains(2, 3, 5, 10), "expired");
    assert!(!t.contains(1, 3, 5, 0), "other round");
    t.add(2, &[7, 8], &[1, 2], 20, 11);
    assert_eq!(t.moves.len(), 2, "expired entries are dropped");
    assert!(t.any(2, &[8], &[2], 15) && !t.any(2, &[8], &[1], 15));
}

#[test]
fn the_first_round_stays_when_members_are_alike() {
    let p = problem(15, 3, 7);
    let init = construct(&p, &mut Rng::new(5), false).unwrap();
    let (best, _, _) = run_tabu(&p, init.clone(), 5, 20);
    let sorted = |round: &Vec<Vec<usize>>| {
        let mut r: Vec<Vec<usize>> = round
            .iter()
            .map(|g| {
                let mut g = g.clone();
                g.sort_unstable();
                g
            })
            .collect();
        r.sort();
        r
    };
    assert_eq!(sorted(&best[0]), sorted(&init[0]));
    // With a history the first round matters and is searched too.
    assert!(symmetric(&p));
    assert!(!symmetric(&rich_problem(15, 3, 2, 1)));
}

#[test]
fn one_round_past_a_design_starts_from_the_design() {
    let p = problem(30, 5, 7);
    let init = initial(&p, &mut Rng::new(3)).unwrap();
    assert_eq!(init.len(), 7);
    // Six rounds of the rotational design meet no pair twice; only the seventh repeats.
    let ordered = order_rounds(&p, init.clone());
    assert_eq!(recomputed_cost(&p, &ordered[..6]), 0);
    assert!(recomputed_cost(&p, &ordered) > 0);
    let out = solve(
        &p,
        3,
        Duration::from_millis(30),
        Strategy::Full,
        &mut StepClock::new(Duration::from_millis(1)),
        &mut |_| {},
    )
    .unwrap();
    assert!(out.cost <= recomputed_cost(&p, &init));
}
