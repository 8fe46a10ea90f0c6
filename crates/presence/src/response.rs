//! Response times: how long students' questions wait for the first reply from the
//! teaching team, as a median and a 90th percentile per week and per member of staff.

use std::collections::BTreeMap;

/// A student's question and the first staff reply to it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub asked_at: i64,
    /// When and by whom it was first answered by the teaching team.
    pub first_reply: Option<(i64, i64)>,
}

/// Figures for one set of questions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub answered: usize,
    pub waiting: usize,
    /// Milliseconds to the first staff reply.
    pub median: Option<i64>,
    pub p90: Option<i64>,
}

/// Figures over all the questions given.
pub fn figures(questions: &[Question]) -> Figures {
    let mut waits: Vec<i64> =
        questions.iter().filter_map(|q| q.first_reply.map(|(at, _)| (at - q.asked_at).max(0))).collect();
    waits.sort_unstable();
    Figures {
        answered: waits.len(),
        waiting: questions.len() - waits.len(),
        median: percentile(&waits, 50),
        p90: percentile(&waits, 90),
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    Some(sorted[rank - 1])
}

/// Figures per week (by `week_of(asked_at)`) and per member of staff (who answered first).
pub fn by_week_and_staff(
    questions: &[Question],
    week_of: impl Fn(i64) -> i64,
) -> (BTreeMap<i64, Figures>, BTreeMap<i64, Figures>) {
    let mut weeks: BTreeMap<i64, Vec<Question>> = BTreeMap::new();
    let mut staff: BTreeMap<i64, Vec<Question>> = BTreeMap::new();
    for q in questions {
        weeks.entry(week_of(q.asked_at)).or_default().push(*q);
        if let Some((_, by)) = q.first_reply {
            staff.entry(by).or_default().push(*q);
        }
    }
    (
        weeks.into_iter().map(|(w, qs)| (w, figures(&qs))).collect(),
        staff.into_iter().map(|(s, qs)| (s, figures(&qs))).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(asked: i64, reply: Option<(i64, i64)>) -> Question {
        Question { asked_at: asked, first_reply: reply }
    }

    #[test]
    fn median_and_p90_of_waits() {
        let qs: Vec<Question> = (1..=10).map(|h| q(0, Some((h * 10, 1)))).chain([q(0, None)]).collect();
        let f = figures(&qs);
        assert_eq!((f.answered, f.waiting, f.median, f.p90), (10, 1, Some(50), Some(90)));
        assert_eq!(figures(&[]), Figures::default());
    }

    #[test]
    fn split_by_week_and_by_who_answered() {
        let qs = [q(0, Some((5, 1))), q(100, Some((130, 2))), q(110, None), q(120, Some((200, 1)))];
        let (weeks, staff) = by_week_and_staff(&qs, |at| at / 100);
        assert_eq!(weeks[&0].median, Some(5));
        assert_eq!((weeks[&1].answered, weeks[&1].waiting), (2, 1));
        assert_eq!(staff[&1].answered, 2);
        assert_eq!(staff[&2].median, Some(30));
    }

    proptest! {
        #[test]
        fn median_is_at_most_p90(waits in proptest::collection::vec(0i64..1_000_000, 1..100)) {
            let qs: Vec<Question> = waits.iter().map(|w| q(0, Some((*w, 1)))).collect();
            let f = figures(&qs);
            prop_assert!(f.median <= f.p90);
            prop_assert!(f.p90 <= waits.iter().max().copied());
        }
    }
}
