//! The relationship radar's signals: named, explainable reasons a student may need a
//! personal touch, rather than one opaque score. Each signal carries the figures that
//! explain it ("no classmate in 21 days") and what to link to as evidence.
//!
//! The facts come from [`crate::tally::Tally`] (interactions, activity, contacts, kept
//! incrementally) and from the app (introductions, unanswered posts). Thresholds are the
//! course's settings; the defaults are what a tutor of a weekly online course would pick.

use serde::Serialize;

pub const HOUR: i64 = 3_600_000;
pub const DAY: i64 = 24 * HOUR;
pub const WEEK: i64 = 7 * DAY;

/// When each signal fires.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Thresholds {
    /// A student not personally contacted for this many days (or ever, once they have
    /// been in the course this long).
    pub not_contacted_days: i64,
    /// No interaction with a classmate in this many days…
    pub isolated_days: i64,
    /// …or at most this many distinct classmates ever.
    pub isolated_max_peers: usize,
    /// A post with no reply after this many hours.
    pub unanswered_hours: i64,
    /// Gone quiet: the last two weeks' activity is at most this share of their usual
    /// weekly level…
    pub quiet_ratio: f64,
    /// …and their usual level was at least this many actions a week (someone who was
    /// always quiet has not "gone" quiet).
    pub quiet_min_usual: f64,
    /// New members get this many days before "isolated" or "not introduced" applies.
    pub settling_days: i64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            not_contacted_days: 14,
            isolated_days: 14,
            isolated_max_peers: 1,
            unanswered_hours: 48,
            quiet_ratio: 0.25,
            quiet_min_usual: 2.0,
            settling_days: 5,
        }
    }
}

/// A post of the student's that nobody has answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenPost {
    pub post_id: i64,
    pub thread_id: i64,
    pub at: i64,
}

/// What the radar knows about one student.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Facts {
    pub joined_at: i64,
    pub introduced: bool,
    /// The last personal contact from the teaching team: when, and by whom.
    pub last_contact: Option<(i64, i64)>,
    pub last_activity_at: Option<i64>,
    /// Distinct classmates interacted with in the last `isolated_days`.
    pub recent_peers: usize,
    /// Distinct classmates interacted with since the course began.
    pub peers: usize,
    pub open_posts: Vec<OpenPost>,
    /// Actions per week, oldest first; the last entry is the week that ends now.
    pub weekly_activity: Vec<u32>,
}

/// One reason to reach out, with what explains it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Signal {
    /// Never contacted (`days: None`) or not for `days` days.
    NotContacted { days: Option<i64> },
    /// Few or no classmates: `recent_peers` in the last `window_days`, `peers` ever.
    Isolated { recent_peers: usize, peers: usize, window_days: i64 },
    /// A post with no reply for `hours`.
    Unanswered { post_id: i64, thread_id: i64, hours: i64 },
    /// Activity fell from about `usual` actions a week to `recent` in the last two weeks.
    GoneQuiet { usual: f64, recent: u32 },
    /// In the course for `days` days without an introduction.
    NotIntroduced { days: i64 },
}

impl Signal {
    /// A stable name, for filters, CSV columns and message ids.
    pub fn key(&self) -> &'static str {
        match self {
            Signal::NotContacted { .. } => "not-contacted",
            Signal::Isolated { .. } => "isolated",
            Signal::Unanswered { .. } => "unanswered",
            Signal::GoneQuiet { .. } => "gone-quiet",
            Signal::NotIntroduced { .. } => "not-introduced",
        }
    }

    pub const KEYS: [&'static str; 5] = ["not-contacted", "isolated", "unanswered", "gone-quiet", "not-introduced"];
}

/// Every signal that holds for a student now, in a fixed order.
pub fn signals(f: &Facts, now: i64, t: &Thresholds) -> Vec<Signal> {
    let mut out = vec![];
    let in_course = now.saturating_sub(f.joined_at);
    let settled = in_course >= t.settling_days * DAY;

    match f.last_contact {
        None if in_course >= t.not_contacted_days * DAY => out.push(Signal::NotContacted { days: None }),
        Some((at, _)) if now.saturating_sub(at) >= t.not_contacted_days * DAY => {
            out.push(Signal::NotContacted { days: Some(now.saturating_sub(at) / DAY) })
        }
        _ => {}
    }

    if settled && (f.recent_peers == 0 || f.peers <= t.isolated_max_peers) {
        out.push(Signal::Isolated { recent_peers: f.recent_peers, peers: f.peers, window_days: t.isolated_days });
    }

    let mut open: Vec<&OpenPost> =
        f.open_posts.iter().filter(|p| now.saturating_sub(p.at) >= t.unanswered_hours * HOUR).collect();
    open.sort_by_key(|p| (p.at, p.post_id));
    for p in open {
        out.push(Signal::Unanswered {
            post_id: p.post_id,
            thread_id: p.thread_id,
            hours: now.saturating_sub(p.at) / HOUR,
        });
    }

    if let Some((usual, recent)) = gone_quiet(&f.weekly_activity, t) {
        out.push(Signal::GoneQuiet { usual, recent });
    }

    if settled && !f.introduced {
        out.push(Signal::NotIntroduced { days: in_course / DAY });
    }
    out
}

/// Compare the last two weeks with the weeks before them (at least two of those).
fn gone_quiet(weeks: &[u32], t: &Thresholds) -> Option<(f64, u32)> {
    if weeks.len() < 4 {
        return None;
    }
    let (before, last) = weeks.split_at(weeks.len() - 2);
    let usual = before.iter().map(|&w| w as f64).sum::<f64>() / before.len() as f64;
    let recent: u32 = last.iter().sum();
    let quiet = usual >= t.quiet_min_usual && (recent as f64 / 2.0) <= usual * t.quiet_ratio;
    quiet.then_some(((usual * 10.0).round() / 10.0, recent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW: i64 = 100 * DAY;

    fn settled() -> Facts {
        Facts {
            joined_at: NOW - 30 * DAY,
            introduced: true,
            last_contact: Some((NOW - 2 * DAY, 1)),
            last_activity_at: Some(NOW - DAY),
            recent_peers: 4,
            peers: 9,
            open_posts: vec![],
            weekly_activity: vec![5, 6, 4, 5],
        }
    }

    fn keys(f: &Facts) -> Vec<&'static str> {
        signals(f, NOW, &Thresholds::default()).iter().map(Signal::key).collect()
    }

    #[test]
    fn a_student_doing_well_shows_nothing() {
        assert!(keys(&settled()).is_empty());
    }

    #[test]
    fn not_contacted_says_for_how_long_or_never() {
        let f = Facts { last_contact: Some((NOW - 20 * DAY, 1)), ..settled() };
        assert_eq!(signals(&f, NOW, &Thresholds::default()), vec![Signal::NotContacted { days: Some(20) }]);
        let f = Facts { last_contact: None, ..settled() };
        assert_eq!(signals(&f, NOW, &Thresholds::default()), vec![Signal::NotContacted { days: None }]);
        // Someone who joined yesterday is not "never contacted" yet.
        let f = Facts { last_contact: None, joined_at: NOW - DAY, ..settled() };
        assert!(keys(&f).is_empty());
    }

    #[test]
    fn isolated_when_no_recent_classmate_or_only_one_ever() {
        assert_eq!(keys(&Facts { recent_peers: 0, ..settled() }), ["isolated"]);
        assert_eq!(keys(&Facts { recent_peers: 1, peers: 1, ..settled() }), ["isolated"]);
        assert!(keys(&Facts { recent_peers: 1, peers: 2, ..settled() }).is_empty());
        // New people get a few days to find their feet.
        assert!(keys(&Facts { recent_peers: 0, peers: 0, joined_at: NOW - 2 * DAY, ..settled() }).is_empty());
    }

    #[test]
    fn unanswered_posts_after_the_wait_oldest_first() {
        let f = Facts {
            open_posts: vec![
                OpenPost { post_id: 9, thread_id: 3, at: NOW - 50 * HOUR },
                OpenPost { post_id: 7, thread_id: 2, at: NOW - 80 * HOUR },
                OpenPost { post_id: 8, thread_id: 2, at: NOW - 3 * HOUR },
            ],
            ..settled()
        };
        assert_eq!(
            signals(&f, NOW, &Thresholds::default()),
            vec![
                Signal::Unanswered { post_id: 7, thread_id: 2, hours: 80 },
                Signal::Unanswered { post_id: 9, thread_id: 3, hours: 50 },
            ]
        );
    }

    #[test]
    fn gone_quiet_is_against_their_own_usual_level() {
        assert_eq!(
            signals(&Facts { weekly_activity: vec![6, 8, 7, 1, 0], ..settled() }, NOW, &Thresholds::default()),
            vec![Signal::GoneQuiet { usual: 7.0, recent: 1 }]
        );
        // Always quiet is not gone quiet; a short history says nothing.
        assert!(keys(&Facts { weekly_activity: vec![1, 1, 0, 0], ..settled() }).is_empty());
        assert!(keys(&Facts { weekly_activity: vec![9, 0, 0], ..settled() }).is_empty());
        // A dip to half is not a fall.
        assert!(keys(&Facts { weekly_activity: vec![8, 8, 4, 4], ..settled() }).is_empty());
    }

    #[test]
    fn not_introduced_after_settling_in() {
        assert_eq!(
            signals(&Facts { introduced: false, ..settled() }, NOW, &Thresholds::default()),
            vec![Signal::NotIntroduced { days: 30 }]
        );
        assert!(keys(&Facts { introduced: false, joined_at: NOW - DAY, ..settled() }).is_empty());
    }

    fn any_facts() -> impl Strategy<Value = Facts> {
        (
            0i64..200,
            any::<bool>(),
            proptest::option::of(0i64..200),
            0usize..20,
            0usize..40,
            proptest::collection::vec(0u32..30, 0..12),
        )
            .prop_map(|(joined_days, introduced, contact_days, recent, extra, weeks)| Facts {
                joined_at: NOW - joined_days * DAY,
                introduced,
                last_contact: contact_days.map(|d| (NOW - d * DAY, 1)),
                last_activity_at: None,
                recent_peers: recent,
                peers: recent + extra,
                open_posts: vec![],
                weekly_activity: weeks,
            })
    }

    proptest! {
        /// A more recent contact never adds "not contacted"; more classmates never add
        /// "isolated"; an introduction never adds "not introduced".
        #[test]
        fn more_connection_never_adds_a_signal(f in any_facts(), days_sooner in 0i64..50, more in 0usize..5) {
            let t = Thresholds::default();
            let before = keys(&f);
            let better = Facts {
                last_contact: f.last_contact.map(|(at, _)| ((at + days_sooner * DAY).min(NOW), 2)),
                recent_peers: f.recent_peers + more,
                peers: f.peers + more,
                introduced: true,
                ..f.clone()
            };
            let after: Vec<&str> = signals(&better, NOW, &t).iter().map(Signal::key).collect();
            for k in ["not-contacted", "isolated", "not-introduced"] {
                prop_assert!(!after.contains(&k) || before.contains(&k), "{k} appeared: {before:?} -> {after:?}");
            }
        }

        #[test]
        fn signals_come_in_a_fixed_order_once_each(f in any_facts()) {
            let ks = keys(&f);
            let order: Vec<usize> = ks.iter().map(|k| Signal::KEYS.iter().position(|x| x == k).unwrap()).collect();
            prop_assert!(order.windows(2).all(|w| w[0] < w[1]), "{ks:?}");
        }
    }
}
