//! The running totals behind the radar, kept incrementally: events are applied once, in
//! the order they happened, and the totals answer "who has this student interacted
//! with", "when were they last active", "when were they last contacted" at any time.
//!
//! The app feeds it every interaction (reply, mention, shout-out, message, shared group),
//! every action a student takes and every contact in the ledger, remembering the last
//! event it applied; a radar page then reads the totals instead of scanning a million
//! rows per request. Rebuilding from scratch is the same code applied to all events.

use std::collections::HashMap;

use crate::radar::{DAY, Facts, WEEK};

/// What a student's totals hold.
#[derive(Clone, Debug, Default)]
struct Student {
    /// Each classmate interacted with, and when last.
    peers: HashMap<i64, i64>,
    last_activity_at: Option<i64>,
    last_contact: Option<(i64, i64)>,
    /// Actions per week, by week number since the epoch.
    weeks: HashMap<i64, u32>,
}

/// Totals for one course.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    students: HashMap<i64, Student>,
}

impl Tally {
    pub fn new() -> Tally {
        Tally::default()
    }

    /// Someone the radar follows. Events about people never added (staff, observers) are
    /// kept only as the other side of a student's interaction.
    pub fn add_student(&mut self, id: i64) {
        self.students.entry(id).or_default();
    }

    pub fn is_student(&self, id: i64) -> bool {
        self.students.contains_key(&id)
    }

    /// Two members interacted (a reply, a mention, a shout-out, a message, a shared
    /// group). Only student–student pairs count as classmates.
    pub fn interaction(&mut self, a: i64, b: i64, at: i64) {
        if a == b || !self.is_student(a) || !self.is_student(b) {
            return;
        }
        for (x, y) in [(a, b), (b, a)] {
            if let Some(s) = self.students.get_mut(&x) {
                let last = s.peers.entry(y).or_insert(at);
                *last = (*last).max(at);
            }
        }
    }

    /// A student did something (posted, replied, reacted, answered, joined a session).
    pub fn activity(&mut self, who: i64, at: i64) {
        if let Some(s) = self.students.get_mut(&who) {
            s.last_activity_at = Some(s.last_activity_at.map_or(at, |l| l.max(at)));
            *s.weeks.entry(at.div_euclid(WEEK)).or_default() += 1;
        }
    }

    /// A member of the teaching team personally contacted a student.
    pub fn contact(&mut self, staff: i64, student: i64, at: i64) {
        if let Some(s) = self.students.get_mut(&student)
            && s.last_contact.is_none_or(|(l, _)| at >= l)
        {
            s.last_contact = Some((at, staff));
        }
    }

    /// The distinct classmates a student has interacted with since `since`.
    pub fn peers_since(&self, student: i64, since: i64) -> usize {
        self.students.get(&student).map_or(0, |s| s.peers.values().filter(|&&at| at >= since).count())
    }

    /// The classmates a student has interacted with, ever.
    pub fn peers_of(&self, student: i64) -> impl Iterator<Item = i64> + '_ {
        self.students.get(&student).into_iter().flat_map(|s| s.peers.keys().copied())
    }

    /// The radar's facts for a student as far as the totals know them; the app adds
    /// `joined_at`, `introduced` and `open_posts`.
    pub fn facts(&self, student: i64, now: i64, isolated_days: i64, weeks: usize) -> Facts {
        let Some(s) = self.students.get(&student) else { return Facts::default() };
        let this_week = now.div_euclid(WEEK);
        let weekly_activity =
            (0..weeks as i64).rev().map(|back| s.weeks.get(&(this_week - back)).copied().unwrap_or(0)).collect();
        Facts {
            last_contact: s.last_contact,
            last_activity_at: s.last_activity_at,
            recent_peers: self.peers_since(student, now - isolated_days * DAY),
            peers: s.peers.len(),
            weekly_activity,
            ..Facts::default()
        }
    }

    pub fn students(&self) -> impl Iterator<Item = i64> + '_ {
        self.students.keys().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn classmates_are_counted_once_and_staff_are_not_classmates() {
        let mut t = Tally::new();
        for s in [1, 2, 3] {
            t.add_student(s);
        }
        t.interaction(1, 2, 10);
        t.interaction(2, 1, 20);
        t.interaction(1, 99, 30); // 99 is the tutor
        t.interaction(1, 1, 40);
        assert_eq!(t.peers_of(1).collect::<Vec<_>>(), [2]);
        assert_eq!(t.peers_since(1, 15), 1);
        assert_eq!(t.peers_since(1, 21), 0);
        assert_eq!(t.peers_since(3, 0), 0);
    }

    #[test]
    fn the_latest_contact_wins_whatever_the_order() {
        let mut t = Tally::new();
        t.add_student(1);
        t.contact(7, 1, 50);
        t.contact(8, 1, 30);
        assert_eq!(t.facts(1, 100, 14, 4).last_contact, Some((50, 7)));
    }

    #[test]
    fn weekly_activity_ends_with_this_week() {
        let mut t = Tally::new();
        t.add_student(1);
        let now = 10 * WEEK + 3 * DAY;
        t.activity(1, now - DAY);
        t.activity(1, now - 2 * WEEK);
        t.activity(1, now - 2 * WEEK + 1);
        let f = t.facts(1, now, 14, 4);
        assert_eq!(f.weekly_activity, [0, 2, 0, 1]);
        assert_eq!(f.last_activity_at, Some(now - DAY));
    }

    proptest! {
        /// Applying the same events in any order gives the same totals: the app may feed
        /// events as they are found, and a rebuild equals the incremental result.
        #[test]
        fn order_does_not_matter(events in proptest::collection::vec((0i64..6, 0i64..6, 0i64..1000, 0u8..3), 0..60), seed in any::<u64>()) {
            let apply = |evs: &[(i64, i64, i64, u8)]| {
                let mut t = Tally::new();
                for s in 0..5 { t.add_student(s); }
                for &(a, b, at, kind) in evs {
                    match kind { 0 => t.interaction(a, b, at), 1 => t.activity(a, at), _ => t.contact(b + 100, a, at) }
                }
                (0..5).map(|s| { let f = t.facts(s, 2000, 1, 3); (f.peers, f.recent_peers, f.last_activity_at, f.last_contact.map(|c| c.0), f.weekly_activity) }).collect::<Vec<_>>()
            };
            let mut shuffled = events.clone();
            let mut x = seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            prop_assert_eq!(apply(&events), apply(&shuffled));
        }
    }
}
