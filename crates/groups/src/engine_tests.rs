//! Tests of the engine through its public API: the plan's shape, hard rules, errors
//! that explain themselves, determinism, and the objectives doing their job.

use std::time::Duration;

use proptest::prelude::*;

use crate::*;

fn class(n: usize) -> Class {
    Class {
        members: (0..n).map(|i| Member::new(format!("m{i}@x.org"), format!("Member {i:02}"))).collect(),
        history: History::new(),
    }
}

/// A clock that makes the search do a fixed amount of work whatever the machine.
fn run(class: &Class, request: &Request) -> Result<Plan, PlanError> {
    plan_with(class, request, &mut StepClock::new(Duration::from_millis(1)), &mut |_| {})
}

fn request(size: GroupSize, rounds: usize) -> Request {
    let mut r = Request::new(size, rounds);
    r.time_limit = Duration::from_millis(40);
    r
}

fn assert_partition(class: &Class, request: &Request, plan: &Plan) {
    let n = class.members.len();
    let mut want = group_sizes(n, request.size).unwrap();
    want.sort_unstable();
    assert_eq!(plan.rounds.len(), request.rounds);
    for round in &plan.rounds {
        let mut seen = vec![0; n];
        for g in &round.groups {
            for &m in &g.members {
                seen[m] += 1;
            }
        }
        assert!(seen.iter().all(|&c| c == 1), "every member exactly once per round");
        let mut sizes: Vec<usize> = round.groups.iter().map(|g| g.members.len()).collect();
        sizes.sort_unstable();
        assert_eq!(sizes, want);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn plans_are_partitions_that_keep_hard_rules(
        n in 2usize..28,
        k in 2usize..6,
        rounds in 1usize..4,
        exact in any::<bool>(),
        seed in any::<u64>(),
        together in proptest::collection::vec((0usize..28, 0usize..28), 0..3),
        apart in proptest::collection::vec((0usize..28, 0usize..28), 0..4),
    ) {
        let class = class(n);
        let size = if exact { GroupSize::Exact(k) } else { GroupSize::Target(k, Remainder::Larger) };
        let mut req = request(size, rounds);
        req.seed = seed;
        req.time_limit = Duration::from_millis(10);
        req.constraints.keep_together = together.into_iter().filter(|&(a, b)| a < n && b < n && a != b).collect();
        req.constraints.keep_apart = apart.into_iter().filter(|&(a, b)| a < n && b < n && a != b).collect();
        match run(&class, &req) {
            Ok(plan) => {
                assert_partition(&class, &req, &plan);
                prop_assert!(plan.report.violations.iter().all(|v| !matches!(v.kind, ViolationKind::KeepApart | ViolationKind::KeepTogether)), "{:?}", plan.report.violations);
                let again = run(&class, &req).unwrap();
                prop_assert_eq!(plan, again, "same seed, same plan");
            }
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(msg.len() > 20, "{}", msg);
                // Any failure must be one the request makes inevitable or a tight packing.
                prop_assert!(k > n || (exact && n % k != 0) || !req.constraints.keep_together.is_empty() || !req.constraints.keep_apart.is_empty(), "{}", msg);
            }
        }
    }
}

#[test]
fn finds_repeat_free_plans_far_from_the_limit() {
    let class = class(36);
    let req = request(GroupSize::Target(4, Remainder::Larger), 6);
    let plan = run(&class, &req).unwrap();
    assert_eq!(plan.report.repeats_within_plan, 0);
    assert_eq!(plan.report.repeat_free_rounds, 6);
    assert!(plan.report.proven_best);
    assert_eq!(plan.report.pairs_met, 36 * 6 * 3 / 2);
}

#[test]
fn solves_four_by_four_for_five_rounds() {
    let class = class(16);
    let mut req = request(GroupSize::Exact(4), 5);
    req.time_limit = Duration::from_secs(30);
    let plan = run(&class, &req).unwrap();
    assert_eq!(plan.report.repeats_within_plan, 0);
    assert_eq!(plan.report.bound.known, 5);
}

#[test]
fn different_seeds_may_differ_but_each_is_reproducible() {
    let class = class(20);
    let mut a = request(GroupSize::Exact(4), 3);
    a.seed = 1;
    let mut b = a.clone();
    b.seed = 2;
    assert_eq!(run(&class, &a).unwrap(), run(&class, &a).unwrap());
    assert_ne!(run(&class, &a).unwrap().rounds, run(&class, &b).unwrap().rounds);
}

#[test]
fn history_is_avoided() {
    let mut c = class(12);
    for g in 0..3 {
        c.history.add_group(&[4 * g, 4 * g + 1, 4 * g + 2, 4 * g + 3]);
    }
    let plan = run(&c, &request(GroupSize::Exact(3), 3)).unwrap();
    assert_eq!(plan.report.repeats_with_history, 0);
    assert_eq!(plan.report.repeats_within_plan, 0);
    assert_eq!(plan.report.pairs_met, 3 * 6 + 3 * 12);
}

#[test]
fn errors_name_members_and_options() {
    let c = class(8);
    let mut req = request(GroupSize::Exact(2), 1);
    req.constraints.keep_together = vec![(0, 1), (1, 2)];
    let e = run(&c, &req).unwrap_err().to_string();
    assert!(e.contains("m0@x.org") && e.contains("m2@x.org") && e.contains("holds 2"), "{e}");

    let mut req = request(GroupSize::Exact(4), 1);
    req.constraints.keep_together = vec![(0, 1)];
    req.constraints.keep_apart = vec![(1, 0)];
    let e = run(&c, &req).unwrap_err().to_string();
    assert!(e.contains("kept apart") && e.contains("m1@x.org"), "{e}");

    let e = run(&c, &request(GroupSize::Exact(9), 1)).unwrap_err().to_string();
    assert!(e.contains("larger than the class"), "{e}");
    let e = run(&c, &request(GroupSize::Exact(3), 1)).unwrap_err().to_string();
    assert!(e.contains("exactly 3"), "{e}");

    // Four members who must all be apart cannot fit in two groups.
    let mut req = request(GroupSize::Exact(4), 1);
    req.constraints.keep_apart = vec![(0, 1), (0, 2), (1, 2)];
    let e = run(&c, &req).unwrap_err().to_string();
    assert!(e.contains("keep-apart") && e.contains("m0@x.org"), "{e}");
}

#[test]
fn similar_and_mixed_attributes_shape_groups() {
    let mut c = class(16);
    for (i, m) in c.members.iter_mut().enumerate() {
        m.attributes.insert("circumstances".into(), vec![if i % 2 == 0 { "parent" } else { "student" }.into()]);
        m.attributes.insert("organisation".into(), vec![format!("org{}", i % 4)]);
    }
    let mut req = request(GroupSize::Exact(4), 1);
    req.objectives.attributes =
        vec![AttributeObjective { attribute: "circumstances".into(), preference: Preference::Similar, weight: 10 }];
    let plan = run(&c, &req).unwrap();
    assert_eq!(plan.report.preference_cost, 0);
    req.objectives.attributes[0].attribute = "organisation".into();
    req.objectives.attributes[0].preference = Preference::Mixed;
    let plan = run(&c, &req).unwrap();
    assert_eq!(plan.report.preference_cost, 0);
}

#[test]
fn no_lone_member_and_overlap_are_kept_when_possible() {
    let mut c = class(12);
    for m in [0, 4, 5, 9] {
        c.members[m].attributes.insert("circumstances".into(), vec!["parent".into()]);
    }
    for (i, m) in c.members.iter_mut().enumerate() {
        // Two time-zone clusters with no shared hours.
        m.availability = Some(if i % 2 == 0 { HourSet::utc_range(6, 12) } else { HourSet::utc_range(16, 22) });
    }
    let mut req = request(GroupSize::Target(3, Remainder::Larger), 2);
    req.constraints.no_lone = vec![NoLone { attribute: "circumstances".into(), value: Some("parent".into()) }];
    req.constraints.min_overlap_hours = Some(3);
    let plan = run(&c, &req).unwrap();
    assert!(plan.report.violations.is_empty(), "{:?}", plan.report.violations);

    // One parent alone in the class: reported, with the reason.
    let mut c1 = class(6);
    c1.members[0].attributes.insert("circumstances".into(), vec!["parent".into()]);
    req.constraints.min_overlap_hours = None;
    req.rounds = 1;
    let plan = run(&c1, &req).unwrap();
    assert_eq!(plan.report.violations.len(), 1);
    assert!(plan.report.violations[0].explanation.contains("only one in the class"));
}

#[test]
fn facilitators_follow_the_rule() {
    let mut c = class(8);
    c.members[3].volunteer = true;
    c.members[5].birthday = Some((6, 2));
    c.members[6].birthday = Some((5, 30));
    let mut req = request(GroupSize::Exact(8), 1);
    req.facilitator = FacilitatorRule::Volunteers;
    assert_eq!(run(&c, &req).unwrap().rounds[0].groups[0].facilitator, Some(3));
    req.facilitator = FacilitatorRule::Birthday { today: (6, 1) };
    assert_eq!(run(&c, &req).unwrap().rounds[0].groups[0].facilitator, Some(5));

    // Rotation: with the whole class as one group, eight rounds give eight facilitators.
    req.facilitator = FacilitatorRule::Rotation;
    req.rounds = 8;
    let plan = run(&c, &req).unwrap();
    let mut who: Vec<usize> = plan.rounds.iter().map(|r| r.groups[0].facilitator.unwrap()).collect();
    who.sort_unstable();
    assert_eq!(who, (0..8).collect::<Vec<_>>());
}

#[test]
fn prompts_cycle_over_rounds() {
    let c = class(6);
    let mut req = request(GroupSize::Exact(3), 3);
    req.prompts = vec!["a".into(), "b".into()];
    let plan = run(&c, &req).unwrap();
    let prompts: Vec<_> = plan.rounds.iter().map(|r| r.groups[0].prompt.clone().unwrap()).collect();
    assert_eq!(prompts, ["a", "b", "a"]);
}

#[test]
fn peer_partners_pair_everyone_with_one_triple_when_odd() {
    let mut c = class(9);
    c.history.add_encounter(0, 1);
    let mut req = request(GroupSize::Exact(2), 1);
    req.constraints.keep_apart = vec![(2, 3)];
    req.constraints.keep_together = vec![(4, 5)];
    let round = peer_partners(&c, &req).unwrap();
    let sizes: Vec<usize> = round.groups.iter().map(|g| g.members.len()).collect();
    assert_eq!(sizes.iter().sum::<usize>(), 9);
    assert_eq!(sizes.iter().filter(|&&s| s == 3).count(), 1);
    for g in &round.groups {
        assert!(!(g.members.contains(&2) && g.members.contains(&3)));
        assert!(!(g.members.contains(&0) && g.members.contains(&1)));
        assert_eq!(g.members.contains(&4), g.members.contains(&5));
    }
    let report = evaluate(&c, &req, &[round]).unwrap();
    assert_eq!(report.repeats_with_history, 0);
}

#[test]
fn peer_partners_scale_to_three_hundred() {
    let c = class(300);
    let round = peer_partners(&c, &request(GroupSize::Exact(2), 1)).unwrap();
    assert_eq!(round.groups.len(), 150);
}
