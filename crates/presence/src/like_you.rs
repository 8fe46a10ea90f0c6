//! "Classmates like you": for a student with few connections, a short list of classmates
//! they have not met yet who share their circumstances and whose day overlaps theirs.
//!
//! The caller decides what may be used: for the teaching team, what each student shows
//! tutors or the class; for a student's own suggestions, only what classmates show the
//! class. This module only ranks what it is given, and says why for each suggestion.

use std::collections::BTreeSet;

/// What one person shares that can make a match.
#[derive(Clone, Debug, Default)]
pub struct Person {
    pub id: i64,
    /// Circumstances, interests, organisation kind… as lower-case tags.
    pub tags: BTreeSet<String>,
    /// Offset from UTC in minutes now, if the person's zone may be used.
    pub utc_offset_minutes: Option<i32>,
}

/// A suggested classmate and the reasons.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub id: i64,
    pub shared: Vec<String>,
    /// Hours between the two people's clocks, when both are known.
    pub hours_apart: Option<u32>,
    pub score: u32,
}

/// Rank `candidates` for `who`, leaving out anyone in `met` (shared a group, already
/// interacted) and anyone with nothing in common. At most `limit`, best first.
pub fn suggest(who: &Person, candidates: &[Person], met: &BTreeSet<i64>, limit: usize) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = candidates
        .iter()
        .filter(|c| c.id != who.id && !met.contains(&c.id))
        .filter_map(|c| {
            let shared: Vec<String> = who.tags.intersection(&c.tags).cloned().collect();
            let hours_apart = match (who.utc_offset_minutes, c.utc_offset_minutes) {
                (Some(a), Some(b)) => Some(hours_between(a, b)),
                _ => None,
            };
            // Three or fewer hours apart is easy to meet; more than eight is hard.
            let zone = match hours_apart {
                Some(h) if h <= 3 => 2,
                Some(h) if h <= 8 => 1,
                _ => 0,
            };
            let score = shared.len() as u32 * 3 + zone;
            (!shared.is_empty()).then_some(Suggestion { id: c.id, shared, hours_apart, score })
        })
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
    out.truncate(limit);
    out
}

/// Hours between two clocks, the short way round the world.
fn hours_between(a: i32, b: i32) -> u32 {
    let d = (a - b).rem_euclid(24 * 60);
    (d.min(24 * 60 - d) as u32 + 30) / 60
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(id: i64, tags: &[&str], offset_h: Option<i32>) -> Person {
        Person { id, tags: tags.iter().map(|t| t.to_string()).collect(), utc_offset_minutes: offset_h.map(|h| h * 60) }
    }

    #[test]
    fn shared_circumstances_and_close_clocks_come_first() {
        let me = p(1, &["parent", "nurse", "part-time"], Some(1));
        let others = [
            p(2, &["parent"], Some(-8)),
            p(3, &["parent", "part-time"], Some(2)),
            p(4, &["gardening"], Some(1)),
            p(5, &["parent"], Some(0)),
            p(6, &["parent", "nurse"], None),
        ];
        let got = suggest(&me, &others, &BTreeSet::from([5]), 10);
        let ids: Vec<i64> = got.iter().map(|s| s.id).collect();
        assert_eq!(ids, [3, 6, 2]);
        assert_eq!(got[0].shared, ["parent", "part-time"]);
        assert_eq!(got[0].hours_apart, Some(1));
        assert_eq!(got[2].hours_apart, Some(9));
    }

    #[test]
    fn the_short_way_round() {
        assert_eq!(hours_between(13 * 60, -11 * 60), 0);
        assert_eq!(hours_between(9 * 60, -5 * 60), 10);
        assert_eq!(hours_between(330, 0), 6);
    }

    proptest! {
        #[test]
        fn never_suggests_self_met_or_strangers(tags in proptest::collection::vec(proptest::collection::btree_set("[a-c]", 0..3), 1..20), met in proptest::collection::btree_set(0i64..20, 0..5)) {
            let people: Vec<Person> = tags.iter().enumerate().map(|(i, t)| Person { id: i as i64, tags: t.clone(), utc_offset_minutes: Some(i as i32 * 60) }).collect();
            let got = suggest(&people[0], &people, &met, 5);
            prop_assert!(got.len() <= 5);
            for s in &got {
                prop_assert!(s.id != 0 && !met.contains(&s.id) && !s.shared.is_empty());
            }
            prop_assert!(got.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }
}
