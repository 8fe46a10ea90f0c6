//! Polls and mood check-ins: answers keyed by participant, so an answer sent twice (a
//! retry after a dropped connection) counts once and a changed answer replaces the old.

use std::collections::BTreeMap;

use serde::Serialize;

/// A poll's question form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poll {
    pub options: usize,
    pub multiple: bool,
}

/// Why an answer was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    NoChoice,
    UnknownOption(usize),
    OnlyOne,
}

/// The answer as it will be stored: sorted, without repeats.
pub fn check(poll: &Poll, choices: &[usize]) -> Result<Vec<usize>, Refused> {
    let mut c = choices.to_vec();
    c.sort_unstable();
    c.dedup();
    if c.is_empty() {
        return Err(Refused::NoChoice);
    }
    if let Some(&bad) = c.iter().find(|&&o| o >= poll.options) {
        return Err(Refused::UnknownOption(bad));
    }
    if !poll.multiple && c.len() > 1 {
        return Err(Refused::OnlyOne);
    }
    Ok(c)
}

/// Counts per option and how many people answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub counts: Vec<u32>,
    pub people: u32,
}

/// Tally the current answer of each participant.
pub fn tally(poll: &Poll, answers: &BTreeMap<i64, Vec<usize>>) -> Tally {
    let mut counts = vec![0u32; poll.options];
    for choices in answers.values() {
        for &c in choices {
            if let Some(n) = counts.get_mut(c) {
                *n += 1;
            }
        }
    }
    Tally { counts, people: answers.len() as u32 }
}

/// A mood check-in's distribution over the five points (1 = low … 5 = great).
pub fn mood(answers: &BTreeMap<i64, u8>) -> [u32; 5] {
    let mut out = [0u32; 5];
    for &m in answers.values() {
        if (1..=5).contains(&m) {
            out[(m - 1) as usize] += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn answers_are_checked_and_normalised() {
        let single = Poll { options: 3, multiple: false };
        assert_eq!(check(&single, &[2, 2]), Ok(vec![2]));
        assert_eq!(check(&single, &[0, 1]), Err(Refused::OnlyOne));
        assert_eq!(check(&single, &[3]), Err(Refused::UnknownOption(3)));
        assert_eq!(check(&single, &[]), Err(Refused::NoChoice));
        assert_eq!(check(&Poll { options: 3, multiple: true }, &[2, 0, 2]), Ok(vec![0, 2]));
    }

    #[test]
    fn a_retry_counts_once_and_a_change_replaces() {
        let poll = Poll { options: 2, multiple: false };
        let mut answers = BTreeMap::new();
        answers.insert(7, check(&poll, &[0]).unwrap());
        answers.insert(7, check(&poll, &[0]).unwrap());
        answers.insert(8, check(&poll, &[0]).unwrap());
        answers.insert(8, check(&poll, &[1]).unwrap());
        assert_eq!(tally(&poll, &answers), Tally { counts: vec![1, 1], people: 2 });
        assert_eq!(mood(&BTreeMap::from([(1, 5), (2, 5), (3, 1), (4, 9)])), [1, 0, 0, 0, 2]);
    }

    proptest! {
        #[test]
        fn single_choice_counts_add_up_to_people(votes in proptest::collection::vec((0i64..30, 0usize..4), 0..100)) {
            let poll = Poll { options: 4, multiple: false };
            let mut answers = BTreeMap::new();
            for (who, c) in votes { answers.insert(who, check(&poll, &[c]).unwrap()); }
            let t = tally(&poll, &answers);
            prop_assert_eq!(t.counts.iter().sum::<u32>(), t.people);
        }
    }
}
