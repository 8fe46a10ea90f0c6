//! Measures a plan in the terms a tutor cares about: repeat encounters, broken rules
//! (each with a sentence saying who and why), how much of the class has met, and how
//! far this class could go without repeats.

use std::collections::BTreeMap;

use crate::model::{Class, Report, Request, SizeSpread, Violation, ViolationKind};
use crate::problem::{Problem, describe};
use crate::sizes::round_bound;

pub(crate) struct SearchStats {
    pub cost: i64,
    pub elapsed_ms: u64,
    pub iterations: u64,
    pub proven: bool,
}

pub(crate) fn build(
    class: &Class,
    request: &Request,
    p: &Problem,
    groups: &[Vec<Vec<usize>>],
    stats: SearchStats,
) -> Report {
    let n = p.n;
    let mut plan_cnt = vec![0u16; n * n];
    let mut repeats_within_plan = 0;
    let mut repeats_with_history = 0;
    let mut repeat_free_rounds = None;
    let mut preference_cost = 0i64;
    let mut violations = Vec::new();
    for (r, round) in groups.iter().enumerate() {
        let mut round_has_repeat = false;
        for (g, grp) in round.iter().enumerate() {
            for (i, &a) in grp.iter().enumerate() {
                for &b in &grp[i + 1..] {
                    if plan_cnt[a * n + b] > 0 {
                        repeats_within_plan += 1;
                        round_has_repeat = true;
                    }
                    if p.hist[a * n + b] > 0 {
                        repeats_with_history += 1;
                        round_has_repeat = true;
                    }
                    plan_cnt[a * n + b] += 1;
                    plan_cnt[b * n + a] += 1;
                    preference_cost += p.pref(a, b);
                }
            }
            violations.extend(group_violations(class, request, p, r, g, grp));
        }
        if round_has_repeat && repeat_free_rounds.is_none() {
            repeat_free_rounds = Some(r);
        }
    }
    let pairs_met = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .filter(|&(a, b)| plan_cnt[a * n + b] > 0 || p.hist[a * n + b] > 0)
        .count() as u64;
    let mut counts = BTreeMap::new();
    for &s in &p.sizes {
        *counts.entry(s).or_insert(0) += 1;
    }
    Report {
        repeats_within_plan,
        repeats_with_history,
        repeat_free_rounds: repeat_free_rounds.unwrap_or(groups.len()),
        violations,
        pairs_met,
        pairs_possible: (n * (n - 1) / 2) as u64,
        sizes: SizeSpread {
            min: *p.sizes.iter().min().unwrap_or(&0),
            max: *p.sizes.iter().max().unwrap_or(&0),
            counts,
        },
        bound: round_bound(&p.sizes),
        cost: stats.cost,
        preference_cost,
        elapsed_ms: stats.elapsed_ms,
        iterations: stats.iterations,
        proven_best: stats.proven,
    }
}

fn group_violations(
    class: &Class,
    request: &Request,
    p: &Problem,
    r: usize,
    g: usize,
    grp: &[usize],
) -> Vec<Violation> {
    let mut out = Vec::new();
    let place = format!("group {} of round {}", g + 1, r + 1);
    let names = |ms: &[usize]| ms.iter().map(|&m| describe(class, m)).collect::<Vec<_>>().join(", ");
    let mut push = |kind, explanation| out.push(Violation { round: r, group: g, kind, explanation });
    for &(a, b) in &request.constraints.keep_together {
        if grp.contains(&a) != grp.contains(&b) {
            let (inside, outside) = if grp.contains(&a) { (a, b) } else { (b, a) };
            push(
                ViolationKind::KeepTogether,
                format!(
                    "{} is in {place} without {}, who must be kept together with them",
                    describe(class, inside),
                    describe(class, outside)
                ),
            );
        }
    }
    for &(a, b) in &request.constraints.keep_apart {
        if grp.contains(&a) && grp.contains(&b) {
            push(
                ViolationKind::KeepApart,
                format!("{} and {} must be kept apart but share {place}", describe(class, a), describe(class, b)),
            );
        }
    }
    if let Some(h) = request.constraints.min_overlap_hours.filter(|&h| h > 0) {
        let common = grp.iter().fold(u32::MAX, |acc, &m| acc & p.masks[m]).count_ones().min(24);
        if common < h {
            push(
                ViolationKind::Overlap,
                format!("{place} shares {common} of the {h} hours of availability needed ({})", names(grp)),
            );
        }
    }
    for rule in &request.constraints.no_lone {
        let mut holders: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &m in grp {
            for v in class.members[m].values(&rule.attribute) {
                if rule.value.as_deref().is_none_or(|want| want == v) {
                    holders.entry(v.as_str()).or_default().push(m);
                }
            }
        }
        for (value, ms) in holders {
            if let [m] = ms[..] {
                let only =
                    if class.members.iter().filter(|x| x.values(&rule.attribute).iter().any(|y| y == value)).count()
                        == 1
                    {
                        " (and the only one in the class, so this cannot be avoided)"
                    } else {
                        ""
                    };
                push(
                    ViolationKind::LoneMember,
                    format!(
                        "{} is the only member with {} = {value} in {place}{only}",
                        describe(class, m),
                        rule.attribute
                    ),
                );
            }
        }
    }
    out
}
