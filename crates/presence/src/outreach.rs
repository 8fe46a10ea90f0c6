//! The outreach queue: the tutor sets a rhythm ("every student hears from one of us at
//! least every N days"), students are shared among the teaching team, and each member of
//! staff sees whom to contact this week, most urgent first.

use std::collections::BTreeMap;

use crate::radar::DAY;

/// How students are shared among the teaching team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sharing {
    /// Students in id order dealt to staff in turn.
    RoundRobin,
    /// Each group's students go to one member of staff, groups dealt in turn.
    ByGroup(BTreeMap<i64, i64>),
    /// Only the choices made by hand; everyone else is in nobody's queue.
    ByHand,
}

impl Sharing {
    /// The names settings use.
    pub const KEYS: [&'static str; 3] = ["round-robin", "group", "hand"];
}

/// Who looks after whom: explicit choices first, then the sharing rule for the rest.
/// Staff ids are used in the order given; an empty team assigns nobody.
pub fn assign(students: &[i64], staff: &[i64], by_hand: &BTreeMap<i64, i64>, sharing: &Sharing) -> BTreeMap<i64, i64> {
    let mut out = BTreeMap::new();
    if staff.is_empty() {
        return out;
    }
    let mut sorted: Vec<i64> = students.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut next = 0usize;
    let mut group_staff: BTreeMap<i64, i64> = BTreeMap::new();
    for s in sorted {
        let by_hand = by_hand.get(&s).filter(|t| staff.contains(t)).copied();
        if by_hand.is_none() && *sharing == Sharing::ByHand {
            continue;
        }
        let chosen = by_hand.unwrap_or_else(|| match sharing {
            Sharing::RoundRobin | Sharing::ByHand => {
                let t = staff[next % staff.len()];
                next += 1;
                t
            }
            Sharing::ByGroup(group_of) => match group_of.get(&s) {
                Some(g) => *group_staff.entry(*g).or_insert_with(|| {
                    let t = staff[next % staff.len()];
                    next += 1;
                    t
                }),
                None => {
                    let t = staff[next % staff.len()];
                    next += 1;
                    t
                }
            },
        });
        out.insert(s, chosen);
    }
    out
}

/// One student's place in a queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub student: i64,
    /// When the rhythm says they should next be contacted.
    pub due_at: i64,
    /// How many radar signals they show now.
    pub signals: usize,
}

/// A student is due `rhythm_days` after their last contact (or after joining, if never
/// contacted). The queue for the week holds those due by `week_end` or showing a signal,
/// those with signals first, then who has waited longest.
pub fn queue(
    students: &[(i64, i64, Option<i64>, usize)], // (student, joined_at, last_contact_at, signals)
    rhythm_days: i64,
    week_end: i64,
) -> Vec<Due> {
    let mut out: Vec<Due> = students
        .iter()
        .map(|&(student, joined, last, signals)| Due { student, due_at: due_at(joined, last, rhythm_days), signals })
        .filter(|d| d.due_at <= week_end || d.signals > 0)
        .collect();
    out.sort_by(|a, b| {
        (b.signals > 0).cmp(&(a.signals > 0)).then(a.due_at.cmp(&b.due_at)).then(a.student.cmp(&b.student))
    });
    out
}

/// Students showing a signal are pushed this far ahead of everyone else in
/// [`queue_order`]; far more than any instant in milliseconds we will meet.
pub const URGENT_OFFSET: i64 = 1 << 50;

/// The queue's order as one sortable number, so a page can keyset-page a queue stored in
/// the database: those with signals first (negative keys), then by when they are due.
/// A student is in the week's queue exactly when `queue_order(..) <= week_end`, the same
/// rule as [`queue`].
pub fn queue_order(due_at: i64, signals: usize) -> i64 {
    if signals > 0 { due_at - URGENT_OFFSET } else { due_at }
}

/// When a student is next due: `rhythm_days` after their last contact, or after joining.
pub fn due_at(joined_at: i64, last_contact_at: Option<i64>, rhythm_days: i64) -> i64 {
    last_contact_at.unwrap_or(joined_at) + rhythm_days * DAY
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_robin_after_choices_by_hand() {
        let got = assign(&[5, 1, 3, 2], &[10, 20], &BTreeMap::from([(3, 20), (2, 99)]), &Sharing::RoundRobin);
        assert_eq!(got, BTreeMap::from([(1, 10), (2, 20), (3, 20), (5, 10)]));
    }

    #[test]
    fn a_group_stays_with_one_person() {
        let groups = BTreeMap::from([(1, 7), (2, 8), (3, 7), (4, 8), (5, 9)]);
        let got = assign(&[1, 2, 3, 4, 5], &[10, 20], &BTreeMap::new(), &Sharing::ByGroup(groups));
        assert_eq!(got[&1], got[&3]);
        assert_eq!(got[&2], got[&4]);
        assert_ne!(got[&1], got[&2]);
        assert!(assign(&[1], &[], &BTreeMap::new(), &Sharing::RoundRobin).is_empty());
    }

    #[test]
    fn signals_first_then_longest_waiting() {
        let now = 100 * DAY;
        let q = queue(
            &[
                (1, 0, Some(now - 20 * DAY), 0),
                (2, 0, Some(now - 30 * DAY), 0),
                (3, 0, Some(now - DAY), 2),
                (4, 0, Some(now - 2 * DAY), 0),
                (5, now - 3 * DAY, None, 0),
            ],
            14,
            now + 7 * DAY,
        );
        assert_eq!(q.iter().map(|d| d.student).collect::<Vec<_>>(), [3, 2, 1]);
    }

    #[test]
    fn by_hand_leaves_the_rest_unassigned() {
        let got = assign(&[1, 2, 3], &[10, 20], &BTreeMap::from([(2, 20), (3, 99)]), &Sharing::ByHand);
        assert_eq!(got, BTreeMap::from([(2, 20)]));
    }

    proptest! {
        /// Sorting and filtering by the stored key gives exactly the queue.
        #[test]
        fn the_stored_key_orders_and_filters_like_the_queue(rows in proptest::collection::vec((0i64..100, proptest::option::of(0i64..100), 0usize..3), 0..40), rhythm in 1i64..30) {
            let now = 200 * DAY;
            let students: Vec<(i64, i64, Option<i64>, usize)> = rows.iter().enumerate()
                .map(|(i, (j, l, s))| (i as i64, j * DAY, l.map(|l| l * DAY), *s)).collect();
            let week_end = now + 7 * DAY;
            let expected: Vec<i64> = queue(&students, rhythm, week_end).iter().map(|d| d.student).collect();
            let mut keyed: Vec<(i64, i64)> = students.iter()
                .map(|&(s, j, l, n)| (queue_order(due_at(j, l, rhythm), n), s))
                .filter(|(k, _)| *k <= week_end).collect();
            keyed.sort();
            prop_assert_eq!(keyed.into_iter().map(|(_, s)| s).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn everyone_is_assigned_to_someone_on_the_team(students in proptest::collection::vec(0i64..100, 0..50), staff in proptest::collection::vec(100i64..110, 1..4)) {
            let got = assign(&students, &staff, &BTreeMap::new(), &Sharing::RoundRobin);
            for s in &students {
                prop_assert!(staff.contains(&got[s]));
            }
            // Shares differ by at most one when staff ids are distinct.
            let mut distinct = staff.clone(); distinct.sort(); distinct.dedup();
            if distinct.len() == staff.len() {
                let counts: Vec<usize> = staff.iter().map(|t| got.values().filter(|v| *v == t).count()).collect();
                prop_assert!(counts.iter().max().unwrap() - counts.iter().min().unwrap() <= 1);
            }
        }
    }
}
