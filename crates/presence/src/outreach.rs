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
        let chosen = by_hand.get(&s).filter(|t| staff.contains(t)).copied().unwrap_or_else(|| match sharing {
            Sharing::RoundRobin => {
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
        .map(|&(student, joined, last, signals)| Due {
            student,
            due_at: last.unwrap_or(joined) + rhythm_days * DAY,
            signals,
        })
        .filter(|d| d.due_at <= week_end || d.signals > 0)
        .collect();
    out.sort_by(|a, b| {
        (b.signals > 0).cmp(&(a.signals > 0)).then(a.due_at.cmp(&b.due_at)).then(a.student.cmp(&b.student))
    });
    out
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

    proptest! {
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
