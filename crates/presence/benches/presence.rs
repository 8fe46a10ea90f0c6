//! Figures for the tutor-presence rules at the sizes issue 12 names: the radar's totals
//! for 10,000 students and 1,000,000 interactions, the class graph of 1,000 students, and
//! a personalised message rendered for 2,000 students. Run with
//! `cargo bench -p homeroom-presence`; it prints times, it asserts none.

use std::time::Instant;

use homeroom_presence::graph::{Edge, Node, draw};
use homeroom_presence::radar::{DAY, Thresholds, signals};
use homeroom_presence::tally::Tally;
use homeroom_presence::template::{FieldKind, FieldSet, Mode, Values, compile};

/// A small deterministic generator, so every run measures the same class.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn main() {
    let mut rng = Rng(0x5eed);
    let now = 120 * DAY;

    // Radar: 10,000 students, 1,000,000 interactions, activity and contacts.
    let students = 10_000u64;
    let started = Instant::now();
    let mut tally = Tally::new();
    for s in 0..students as i64 {
        tally.add_student(s);
    }
    for _ in 0..1_000_000 {
        let a = rng.next(students) as i64;
        // Most interaction is local (a group, a thread), some is across the class.
        let b =
            if rng.next(4) == 0 { rng.next(students) as i64 } else { (a + 1 + rng.next(30) as i64) % students as i64 };
        let at = now - rng.next(100) as i64 * DAY;
        tally.interaction(a, b, at);
        tally.activity(a, at);
    }
    for s in 0..students as i64 {
        if rng.next(3) > 0 {
            tally.contact(99_999, s, now - rng.next(40) as i64 * DAY);
        }
    }
    let built = started.elapsed();
    let t = Thresholds::default();
    let started = Instant::now();
    let mut flagged = 0;
    for s in 0..students as i64 {
        let mut f = tally.facts(s, now, t.isolated_days, 8);
        f.joined_at = now - 100 * DAY;
        f.introduced = s % 10 != 0;
        flagged += usize::from(!signals(&f, now, &t).is_empty());
    }
    let scored = started.elapsed();
    println!(
        "radar: 10,000 students, 1,000,000 interactions: totals built in {:.0} ms, every student's signals in {:.0} ms ({flagged} flagged)",
        built.as_secs_f64() * 1000.0,
        scored.as_secs_f64() * 1000.0
    );

    // Class graph: 1,000 students, ~6,000 pairs, three staff.
    let nodes: Vec<Node> = (0..1003)
        .map(|i| Node { id: i, label: format!("Person {i}"), staff: i >= 1000, href: Some(format!("/r#{i}")) })
        .collect();
    let mut edges = vec![];
    for i in 0..1000i64 {
        if i % 17 == 0 {
            continue; // some isolated students
        }
        for _ in 0..6 {
            let j = if rng.next(5) == 0 { rng.next(1000) as i64 } else { (i + 1 + rng.next(12) as i64) % 1000 };
            edges.push(Edge { a: i, b: j, weight: 1 + rng.next(4) as u32 });
        }
        if i % 3 == 0 {
            edges.push(Edge { a: 1000 + i % 3, b: i, weight: 1 });
        }
    }
    // Several drawings, the median reported: one sample on a shared machine is noise.
    let mut times = vec![];
    let mut drawn = None;
    for _ in 0..7 {
        let started = Instant::now();
        drawn = Some(draw(&nodes, &edges));
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let (svg, analysis) = drawn.expect("drawn");
    println!(
        "class graph: 1,000 students, {} pairs: drawn in {:.0} ms (median of 7; fastest {:.0} ms; {} KB of SVG, {} isolated, {} clusters)",
        edges.len(),
        times[3],
        times[0],
        svg.len() / 1024,
        analysis.isolated.len(),
        analysis.clusters.len()
    );

    // A personalised message for 2,000 students.
    let fields = FieldSet::new()
        .with("first_name", FieldKind::Text)
        .with("days_since_posted", FieldKind::Number)
        .with("survey.circumstances", FieldKind::Text)
        .with("group", FieldKind::Text);
    let started = Instant::now();
    let tmpl = compile(
        "Hi {{ first_name }},\n{% if days_since_posted >= 7 %}\nWe have missed you in the forum this week.\n{% endif %}\n{% if 'parent' in survey.circumstances|lower %}\nThe Thursday session is recorded.\n{% endif %}\nSee you in {{ group }}!",
        &fields,
    )
    .expect("the benchmark's template composes");
    let mut bytes = 0;
    let mut variants = std::collections::BTreeMap::new();
    for i in 0..2000 {
        let v = Values::new()
            .with("first_name", format!("Student {i}"))
            .with("days_since_posted", i % 14)
            .with("survey.circumstances", if i % 3 == 0 { "Parent, works shifts" } else { "" })
            .with("group", format!("Group {}", i % 500));
        bytes += tmpl.render(&v, Mode::Markdown).expect("renders").len();
        *variants.entry(tmpl.variant(&v).expect("renders")).or_insert(0) += 1;
    }
    println!(
        "personalised message: 2,000 students rendered with variants in {:.0} ms ({} KB, {} variants)",
        started.elapsed().as_secs_f64() * 1000.0,
        bytes / 1024,
        variants.len()
    );
}
