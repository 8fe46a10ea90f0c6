//! Homeroom's group engine: plans breakout rounds, peer partners and project groups so
//! that the class keeps meeting someone new, under the tutor's objectives and rules.
//! The engine modules are pure (no I/O); [`cli`] is the `homeroom groups` command.
//!
//! Start with [`plan`] (or [`plan_with`] for a custom clock and a progress callback)
//! and [`peer_partners`] for one round of pairs by exact maximum-weight matching.

pub mod cli;
mod clock;
mod design;
mod facilitator;
pub mod matching;
mod model;
mod problem;
mod report;
mod rng;
mod search;
mod sizes;

use std::time::Duration;

pub use clock::{Clock, StepClock, WallClock};
pub use facilitator::days_until_birthday;
pub use matching::{max_weight_matching, peer_partners};
pub use model::*;
pub use search::Strategy;
pub use sizes::{group_sizes, round_bound};

/// Plans with the wall clock and the request's time limit.
pub fn plan(class: &Class, request: &Request) -> Result<Plan, PlanError> {
    plan_with(class, request, &mut WallClock::start(), &mut |_| {})
}

/// Plans with a caller's clock; `progress` receives the fraction of the time budget
/// used (it reaches 1.0 when the search ends, often early).
pub fn plan_with(
    class: &Class,
    request: &Request,
    clock: &mut dyn Clock,
    progress: &mut dyn FnMut(f32),
) -> Result<Plan, PlanError> {
    plan_using(class, request, Strategy::Full, clock, progress)
}

/// Like [`plan_with`] with a chosen strategy; the weaker ones are baselines.
pub fn plan_using(
    class: &Class,
    request: &Request,
    strategy: Strategy,
    clock: &mut dyn Clock,
    progress: &mut dyn FnMut(f32),
) -> Result<Plan, PlanError> {
    let p = problem::compile(class, request)?;
    let outcome = search::solve(&p, request.seed, request.time_limit, strategy, clock, progress)
        .map_err(|()| unplaceable(class, request, &p))?;
    let elapsed: Duration = clock.elapsed();
    let facilitators = facilitator::assign(class, request.facilitator, &outcome.groups);
    let report = report::build(
        class,
        request,
        &p,
        &outcome.groups,
        report::SearchStats {
            cost: outcome.cost,
            elapsed_ms: elapsed.as_millis() as u64,
            iterations: outcome.iterations,
            proven: outcome.proven,
        },
    );
    let rounds = outcome
        .groups
        .into_iter()
        .zip(facilitators)
        .enumerate()
        .map(|(r, (groups, facs))| Round {
            groups: groups
                .into_iter()
                .zip(facs)
                .map(|(members, facilitator)| Group {
                    members,
                    facilitator,
                    prompt: (!request.prompts.is_empty()).then(|| request.prompts[r % request.prompts.len()].clone()),
                })
                .collect(),
        })
        .collect();
    Ok(Plan { rounds, report })
}

/// The quality report of any grouping of this class (a plan edited by hand, peer
/// partners, an imported plan), measured against the request's rules and the history.
pub fn evaluate(class: &Class, request: &Request, rounds: &[Round]) -> Result<Report, PlanError> {
    let mut req = request.clone();
    req.rounds = rounds.len().max(1);
    if let Some(first) = rounds.first() {
        // The report describes the sizes actually used, not the requested ones.
        let n = class.members.len();
        let k = first.groups.iter().map(|g| g.members.len()).min().unwrap_or(2).max(2);
        req.size = GroupSize::Target(k.min(n.max(2)), Remainder::Larger);
    }
    let mut p = problem::compile(class, &req)?;
    let groups: Vec<Vec<Vec<usize>>> =
        rounds.iter().map(|r| r.groups.iter().map(|g| g.members.clone()).collect()).collect();
    if let Some(first) = groups.first() {
        let mut sizes: Vec<usize> = first.iter().map(Vec::len).collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        p.sizes = sizes;
    }
    Ok(report::build(
        class,
        request,
        &p,
        &groups,
        report::SearchStats { cost: 0, elapsed_ms: 0, iterations: 0, proven: false },
    ))
}

/// The greedy packer found no way to keep every keep-apart pair apart; name the members
/// with the most such rules, since they are the likely cause.
fn unplaceable(class: &Class, request: &Request, p: &problem::Problem) -> PlanError {
    let mut busiest: Vec<(usize, usize)> =
        p.apart.iter().enumerate().filter(|(_, a)| !a.is_empty()).map(|(m, a)| (a.len(), m)).collect();
    busiest.sort_by(|x, y| y.cmp(x));
    let names: Vec<String> = busiest
        .iter()
        .take(3)
        .map(|&(k, m)| format!("{} (kept apart from {k})", problem::describe(class, m)))
        .collect();
    PlanError::Unsatisfiable(format!(
        "no grouping into {} groups keeps all {} keep-apart pairs apart together with {} keep-together pairs; most constrained: {}",
        p.sizes.len(),
        request.constraints.keep_apart.len(),
        request.constraints.keep_together.len(),
        names.join(", ")
    ))
}

#[cfg(test)]
mod engine_tests;
