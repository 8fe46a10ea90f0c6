//! Classmates like you, the rules: who among a few candidates shares a student's
//! circumstances, is awake when they are, and has not met them yet; and the words that
//! say why. Pure: the caller has already dropped every fact the viewer may not see (a
//! hidden field is an empty set here, a hidden time zone is `None`), so nothing here can
//! leak what it was never given.

use std::collections::{BTreeMap, BTreeSet, HashSet};

/// At most this many suggestions for one student: a short list a tutor can act on.
pub const MAX_SUGGESTIONS: usize = 5;
/// Waking hours, in minutes of the local day: 08:00 to 22:00.
pub const WAKING_START: i32 = 8 * 60;
pub const WAKING_END: i32 = 22 * 60;
/// Two people whose waking hours overlap by less than this cannot easily meet live. Two
/// 14-hour days overlap at least 4 h whatever the zones, so the bar is above that: more
/// than 9 h apart is too far.
pub const MIN_OVERLAP: i32 = 5 * 60;
const DAY: i32 = 24 * 60;

/// What is known of one person, already filtered by what the viewer may see.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    /// The UTC offset now, in minutes; `None` when their time zone is not shown.
    pub offset: Option<i32>,
    /// Circumstance tags ("parent", "working full time"), lower case.
    pub circumstances: BTreeSet<String>,
    /// Interest tags, lower case.
    pub interests: BTreeSet<String>,
    /// Survey answers by question key: the chosen options, lower case.
    pub answers: BTreeMap<String, BTreeSet<String>>,
    /// Distinct classmates they interacted with lately (the radar's count): those with
    /// fewer come first, so isolated students are suggested to each other.
    pub peers: i32,
}

/// One reason a suggestion is made, turned into words by the view.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Both have this circumstance.
    Circumstance(String),
    /// Both are interested in this.
    Interest(String),
    /// Both answered the survey question `key` with `value`.
    Answer(String, String),
    /// Their clocks are this many whole hours apart (0: the same time).
    HoursApart(i32),
    /// They have never shared a group, a pairing or a conversation.
    NeverGrouped,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub id: i64,
    pub score: i32,
    pub reasons: Vec<Reason>,
}

/// Minutes both are awake in a day, whatever the day boundary: two 14-hour arcs on a
/// 24-hour circle, `d` minutes apart, overlap on both sides once `d` is large.
pub fn overlap(a: i32, b: i32) -> i32 {
    let len = WAKING_END - WAKING_START;
    let d = (a - b).rem_euclid(DAY);
    ((len - d).max(0) + (len - (DAY - d)).max(0)).min(len)
}

/// Whole hours between two clocks, the short way round.
pub fn hours_apart(a: i32, b: i32) -> i32 {
    let d = (a - b).rem_euclid(DAY);
    d.min(DAY - d) / 60
}

/// Normalise a list of tags as people type them ("Parent; working full time").
pub fn tags(text: &str) -> BTreeSet<String> {
    text.split([';', ','])
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty() && t.chars().count() <= 80)
        .collect()
}

/// How alike two people are, and why; `None` when they share nothing or cannot meet.
pub fn compare(me: &Person, other: &Person) -> Option<Suggestion> {
    let mut reasons = vec![];
    let mut score = 0;
    for c in me.circumstances.intersection(&other.circumstances) {
        reasons.push(Reason::Circumstance(c.clone()));
        score += 3;
    }
    for (key, mine) in &me.answers {
        if let Some(theirs) = other.answers.get(key) {
            for v in mine.intersection(theirs) {
                reasons.push(Reason::Answer(key.clone(), v.clone()));
                score += 2;
            }
        }
    }
    for i in me.interests.intersection(&other.interests) {
        reasons.push(Reason::Interest(i.clone()));
        score += 1;
    }
    if reasons.is_empty() {
        return None;
    }
    if let (Some(a), Some(b)) = (me.offset, other.offset) {
        let o = overlap(a, b);
        if o < MIN_OVERLAP {
            return None;
        }
        // Being awake at the same time matters as much as one shared circumstance.
        score += o / 240;
        reasons.push(Reason::HoursApart(hours_apart(a, b)));
    }
    reasons.push(Reason::NeverGrouped);
    Some(Suggestion { id: other.id, score, reasons })
}

/// The best few classmates for `me` among `candidates`, leaving out `me` and everyone in
/// `met`. Best first: most alike, then fewest peers (two isolated students helped at
/// once), then the lower id so the list is stable.
pub fn suggest(me: &Person, candidates: &[Person], met: &HashSet<i64>) -> Vec<Suggestion> {
    let mut found: Vec<(Suggestion, i32)> = candidates
        .iter()
        .filter(|c| c.id != me.id && !met.contains(&c.id))
        .filter_map(|c| compare(me, c).map(|s| (s, c.peers)))
        .collect();
    found.sort_by(|(a, pa), (b, pb)| b.score.cmp(&a.score).then(pa.cmp(pb)).then(a.id.cmp(&b.id)));
    found.truncate(MAX_SUGGESTIONS);
    found.into_iter().map(|(s, _)| s).collect()
}

/// What two people share, for the introduction a tutor sends to both (the time of day
/// and never having met are for the tutor, not for the students' ears).
pub fn shared(reasons: &[Reason]) -> impl Iterator<Item = &Reason> {
    reasons.iter().filter(|r| matches!(r, Reason::Circumstance(_) | Reason::Interest(_) | Reason::Answer(..)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn person(id: i64, offset: Option<i32>, circ: &[&str]) -> Person {
        Person { id, offset, circumstances: circ.iter().map(|s| s.to_string()).collect(), ..Default::default() }
    }

    #[test]
    fn waking_hours_overlap_on_a_circle() {
        assert_eq!(overlap(0, 0), 14 * 60);
        assert_eq!(overlap(60, 0), 13 * 60);
        assert_eq!(overlap(0, 120), 12 * 60);
        // Twelve hours apart: two hours each side of the day.
        assert_eq!(overlap(12 * 60, 0), 4 * 60);
        assert_eq!(hours_apart(-5 * 60, 60), 6);
        assert_eq!(hours_apart(11 * 60, -11 * 60), 2, "the short way round the date line");
    }

    #[test]
    fn tags_are_read_as_people_type_them() {
        let t = tags(" Parent; working FULL time ,, ;");
        assert_eq!(t.into_iter().collect::<Vec<_>>(), ["parent", "working full time"]);
    }

    #[test]
    fn a_suggestion_says_why() {
        let me = person(1, Some(60), &["parent", "carer"]);
        let other = person(2, Some(180), &["parent"]);
        let s = suggest(&me, &[other], &HashSet::new());
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].reasons, [Reason::Circumstance("parent".into()), Reason::HoursApart(2), Reason::NeverGrouped]);
    }

    #[test]
    fn met_far_away_or_unalike_classmates_are_left_out() {
        let me = person(1, Some(0), &["parent"]);
        let met = person(2, Some(0), &["parent"]);
        let far = person(3, Some(11 * 60), &["parent"]);
        let unalike = person(4, Some(0), &["student athlete"]);
        let unknown_zone = person(5, None, &["parent"]);
        let s = suggest(&me, &[met, far, unalike, unknown_zone, me.clone()], &HashSet::from([2]));
        assert_eq!(s.iter().map(|s| s.id).collect::<Vec<_>>(), [5]);
        assert!(!s[0].reasons.iter().any(|r| matches!(r, Reason::HoursApart(_))), "no zone, no hours");
    }

    #[test]
    fn the_more_alike_and_the_more_isolated_come_first() {
        let me = person(1, Some(0), &["parent", "carer"]);
        let mut both = person(2, Some(0), &["parent", "carer"]);
        both.peers = 9;
        let mut lonely = person(3, Some(0), &["parent"]);
        lonely.peers = 0;
        let mut busy = person(4, Some(0), &["parent"]);
        busy.peers = 5;
        let ids: Vec<i64> = suggest(&me, &[busy, lonely, both], &HashSet::new()).iter().map(|s| s.id).collect();
        assert_eq!(ids, [2, 3, 4]);
    }

    #[test]
    fn survey_answers_and_interests_count() {
        let mut me = person(1, None, &[]);
        me.answers.insert("hours".into(), BTreeSet::from(["evenings".to_string()]));
        me.interests = tags("chess; hiking");
        let mut other = person(2, None, &[]);
        other.answers.insert("hours".into(), BTreeSet::from(["evenings".to_string(), "weekends".to_string()]));
        other.interests = tags("hiking");
        let s = compare(&me, &other).unwrap();
        assert_eq!(
            s.reasons,
            [
                Reason::Answer("hours".into(), "evenings".into()),
                Reason::Interest("hiking".into()),
                Reason::NeverGrouped
            ]
        );
    }

    #[test]
    fn the_introduction_tells_only_what_they_share() {
        let reasons = [Reason::Circumstance("parent".into()), Reason::HoursApart(1), Reason::NeverGrouped];
        assert_eq!(shared(&reasons).collect::<Vec<_>>(), [&Reason::Circumstance("parent".into())]);
    }

    fn arb_person() -> impl Strategy<Value = Person> {
        let tag = prop::sample::select(vec!["parent", "carer", "shift work", "rural", "evenings"]);
        (
            1i64..40,
            prop::option::of(-12 * 60..14 * 60),
            prop::collection::btree_set(tag.clone().prop_map(String::from), 0..4),
            prop::collection::btree_set(tag.prop_map(String::from), 0..3),
            0i32..10,
        )
            .prop_map(|(id, offset, circumstances, interests, peers)| Person {
                id,
                offset,
                circumstances,
                interests,
                peers,
                ..Default::default()
            })
    }

    proptest! {
        #[test]
        fn suggestions_are_few_new_alike_and_awake_together(
            me in arb_person(),
            others in prop::collection::vec(arb_person(), 0..30),
            met in prop::collection::hash_set(1i64..40, 0..10),
        ) {
            let s = suggest(&me, &others, &met);
            prop_assert!(s.len() <= MAX_SUGGESTIONS);
            let mut seen = HashSet::new();
            for x in &s {
                prop_assert!(x.id != me.id && !met.contains(&x.id));
                prop_assert!(seen.insert(x.id) || others.iter().filter(|o| o.id == x.id).count() > 1);
                // Generated ids may repeat: one candidate of that id is awake with me.
                let awake_with_me = others.iter().filter(|o| o.id == x.id).any(|o| match (me.offset, o.offset) {
                    (Some(a), Some(b)) => overlap(a, b) >= MIN_OVERLAP,
                    _ => true,
                });
                prop_assert!(awake_with_me, "suggested {} without enough shared waking hours", x.id);
                prop_assert!(x.reasons.iter().any(|r| matches!(r, Reason::Circumstance(_) | Reason::Interest(_) | Reason::Answer(..))));
                prop_assert_eq!(x.reasons.last(), Some(&Reason::NeverGrouped));
            }
            prop_assert!(s.windows(2).all(|w| w[0].score >= w[1].score));
        }

        #[test]
        fn overlap_is_symmetric_and_bounded(a in -1440i32..2880, b in -1440i32..2880) {
            prop_assert_eq!(overlap(a, b), overlap(b, a));
            prop_assert!((0..=WAKING_END - WAKING_START).contains(&overlap(a, b)));
            prop_assert!(hours_apart(a, b) <= 12);
        }
    }
}
