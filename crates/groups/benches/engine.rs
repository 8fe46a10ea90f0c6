//! Benchmark of the group engine on known social golfer instances and course-sized
//! classes, beside two baselines run in the same process: random groups (as video tools
//! make them) and the greedy construction alone.
//!
//! `cargo bench -p homeroom-groups --bench engine` runs the full mode; set
//! `HOMEROOM_BENCH_QUICK=1` (or pass `--quick`) for short limits suitable for CI, and
//! pass any other word to run only the instances whose name contains it.
//! `HOMEROOM_BENCH_SEEDS` and `HOMEROOM_BENCH_LIMIT_MS` override the seeds and the time
//! limit. With several seeds, "free", "repeats" and "time" are medians over the seeds
//! ("time" is the time to the plan returned: a repeat-free one, or the limit).

use std::time::{Duration, Instant};

use homeroom_groups::{
    AttributeObjective, Class, GroupSize, Member, Preference, Remainder, Request, Strategy, WallClock, peer_partners,
    plan_using,
};

struct Instance {
    name: &'static str,
    n: usize,
    size: GroupSize,
    rounds: usize,
    attributes: bool,
    /// Seeds to run (median time reported); full mode uses all, quick mode one.
    seeds: u64,
    limit: Duration,
    quick_limit: Duration,
}

fn golfers(name: &'static str, g: usize, k: usize, w: usize, limit: u64, seeds: u64) -> Instance {
    Instance {
        name,
        n: g * k,
        size: GroupSize::Exact(k),
        rounds: w,
        attributes: false,
        seeds,
        limit: Duration::from_secs(limit),
        quick_limit: Duration::from_millis(500),
    }
}

fn class(n: usize, attributes: bool) -> Class {
    const ORGS: [&str; 7] = ["Oslo", "Bergen", "Nairobi", "Lima", "Pune", "Leeds", "Quito"];
    const CIRC: [&str; 4] = ["parent", "full-time job", "carer", "student"];
    let members = (0..n)
        .map(|i| {
            let m = Member::new(format!("s{i}@example.org"), format!("Student {i:04}"));
            if attributes {
                m.with("organisation", &[ORGS[(i * 7 + i / 3) % ORGS.len()]])
                    .with("circumstances", &[CIRC[(i * 5 + i / 7) % CIRC.len()]])
            } else {
                m
            }
        })
        .collect();
    Class { members, history: Default::default() }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let quick =
        std::env::var_os("HOMEROOM_BENCH_QUICK").is_some_and(|v| v != "0") || args.iter().any(|a| a == "--quick");
    let filter: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let instances = vec![
        golfers("kirkman 5x3x7", 5, 3, 7, 10, 11),
        golfers("golfers 4x4x5", 4, 4, 5, 10, 11),
        golfers("golfers 8x4x8", 8, 4, 8, 10, 11),
        golfers("golfers 6x5x6", 6, 5, 6, 10, 11),
        golfers("golfers 10x4x10", 10, 4, 10, 10, 11),
        golfers("golfers 8x4x9", 8, 4, 9, 60, 1),
        golfers("golfers 6x5x7", 6, 5, 7, 60, 1),
        golfers("golfers 8x4x10", 8, 4, 10, 60, 1),
        Instance {
            name: "course 36 by 4 x8",
            n: 36,
            size: GroupSize::Target(4, Remainder::Larger),
            rounds: 8,
            attributes: false,
            seeds: 5,
            limit: Duration::from_secs(2),
            quick_limit: Duration::from_millis(500),
        },
        Instance {
            name: "course 500 by 5 x10 +mix/similar",
            n: 500,
            size: GroupSize::Target(5, Remainder::Larger),
            rounds: 10,
            attributes: true,
            seeds: 1,
            limit: Duration::from_secs(2),
            quick_limit: Duration::from_millis(500),
        },
        Instance {
            name: "course 1000 by 4 x12",
            n: 1000,
            size: GroupSize::Target(4, Remainder::Larger),
            rounds: 12,
            attributes: false,
            seeds: 1,
            limit: Duration::from_secs(2),
            quick_limit: Duration::from_millis(500),
        },
    ];

    println!("mode: {} (one core; timings are wall clock)", if quick { "quick" } else { "full" });
    println!(
        "{:<34} {:<8} {:>6} {:>7} {:>6} {:>9}   {:>13}   {:>13}",
        "instance", "engine", "free", "repeats", "viol", "time", "random rep/fr", "greedy rep/fr"
    );
    for inst in &instances {
        if !filter.is_empty() && !filter.iter().any(|f| inst.name.contains(f.as_str())) {
            continue;
        }
        let class = class(inst.n, inst.attributes);
        let mut request = Request::new(inst.size, inst.rounds);
        request.time_limit = if quick { inst.quick_limit } else { inst.limit };
        if let Some(ms) = std::env::var("HOMEROOM_BENCH_LIMIT_MS").ok().and_then(|s| s.parse().ok()) {
            request.time_limit = Duration::from_millis(ms);
        }
        if inst.attributes {
            request.objectives.attributes = vec![
                AttributeObjective { attribute: "organisation".into(), preference: Preference::Mixed, weight: 10 },
                AttributeObjective { attribute: "circumstances".into(), preference: Preference::Similar, weight: 10 },
            ];
        }
        let seeds = std::env::var("HOMEROOM_BENCH_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(if quick {
            1
        } else {
            inst.seeds
        });
        let mut times = Vec::new();
        let mut repeats = Vec::new();
        let mut free = Vec::new();
        let mut solved = 0;
        let mut last = None;
        for seed in 0..seeds {
            request.seed = seed;
            let start = Instant::now();
            let plan =
                plan_using(&class, &request, Strategy::Full, &mut WallClock::start(), &mut |_| {}).expect("plan");
            times.push(start.elapsed());
            if plan.report.repeats_within_plan == 0 {
                solved += 1;
            }
            repeats.push(plan.report.repeats_within_plan);
            free.push(plan.report.repeat_free_rounds);
            last = Some(plan.report);
        }
        times.sort();
        repeats.sort_unstable();
        free.sort_unstable();
        let report = last.unwrap();
        let baseline = |strategy| {
            let plan = plan_using(&class, &request, strategy, &mut WallClock::start(), &mut |_| {}).expect("baseline");
            format!("{}/{}", plan.report.repeats_within_plan, plan.report.repeat_free_rounds)
        };
        println!(
            "{:<34} {:<8} {:>6} {:>7} {:>6} {:>8.3}s   {:>13}   {:>13}{}",
            inst.name,
            if seeds > 1 { format!("{solved}/{seeds}ok") } else { "tabu".into() },
            free[free.len() / 2],
            repeats[repeats.len() / 2],
            report.violations.len(),
            times[times.len() / 2].as_secs_f64(),
            baseline(Strategy::Random),
            baseline(Strategy::Greedy),
            if inst.attributes {
                format!("  (preference cost {}) it={}", report.preference_cost, report.iterations)
            } else {
                format!(" it={} repeats per seed {:?}", report.iterations, repeats)
            }
        );
    }

    if filter.is_empty() || filter.iter().any(|f| "matching".contains(f.as_str())) {
        let class = class(300, true);
        let mut request = Request::new(GroupSize::Target(2, Remainder::Larger), 1);
        request.objectives.attributes =
            vec![AttributeObjective { attribute: "circumstances".into(), preference: Preference::Similar, weight: 10 }];
        let start = Instant::now();
        let round = peer_partners(&class, &request).expect("matching");
        println!(
            "{:<34} {:<8} {:>6} {:>7} {:>6} {:>8.3}s   ({} pairs)",
            "matching 300 peer partners",
            "exact",
            "-",
            "-",
            "-",
            start.elapsed().as_secs_f64(),
            round.groups.len()
        );
    }
}
