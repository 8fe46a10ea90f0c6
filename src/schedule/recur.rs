//! When a scheduled post goes out next: pure arithmetic on the course's wall clock.
//!
//! A rule is a set of weekdays and a local time in the course's zone, with an optional
//! last date. Occurrences are found day by day in civil time and only then turned into
//! instants, so "Monday 08:00" stays 08:00 across daylight saving changes. A local time
//! that does not exist on a spring-forward day is moved later by the gap (02:30 becomes
//! 03:30); one that happens twice on a fall-back day is the first of the two, so a day
//! never has two occurrences.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// Days of the week as bits, Monday the lowest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Weekdays(pub u8);

impl Weekdays {
    pub const ALL: Weekdays = Weekdays(0b111_1111);
    pub const WORKDAYS: Weekdays = Weekdays(0b001_1111);

    /// From ISO day numbers (1 = Monday … 7 = Sunday); others are ignored.
    pub fn from_days(days: impl IntoIterator<Item = i8>) -> Weekdays {
        Weekdays(days.into_iter().filter(|d| (1..=7).contains(d)).fold(0, |acc, d| acc | (1 << (d - 1))))
    }

    pub fn contains(self, day: jiff::civil::Weekday) -> bool {
        self.0 & (1 << day.to_monday_zero_offset()) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 & 0b111_1111 == 0
    }

    /// ISO day numbers in the set, Monday first.
    pub fn days(self) -> Vec<i8> {
        (1..=7).filter(|d| self.0 & (1 << (d - 1)) != 0).collect()
    }
}

/// A weekly rule in the course's zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub weekdays: Weekdays,
    pub at: Time,
    /// The last day (in the course's zone) on which it may go out.
    pub until: Option<Date>,
}

/// A civil date and time in a zone as an instant, the way the module comment says.
pub fn instant(date: Date, at: Time, zone: &TimeZone) -> Option<Zoned> {
    date.to_datetime(at).to_zoned(zone.clone()).ok()
}

/// The first occurrence strictly after `after`, or `None` when the rule has ended or
/// names no day.
pub fn next_after(rule: &Rule, after: Timestamp, zone: &TimeZone) -> Option<Timestamp> {
    if rule.weekdays.is_empty() {
        return None;
    }
    let mut day = after.to_zoned(zone.clone()).date();
    // A week and a day covers every weekday plus a first day whose time has passed.
    for _ in 0..9 {
        if rule.until.is_some_and(|u| day > u) {
            return None;
        }
        if rule.weekdays.contains(day.weekday())
            && let Some(z) = instant(day, rule.at, zone)
            && z.timestamp() > after
        {
            return Some(z.timestamp());
        }
        day = day.tomorrow().ok()?;
    }
    None
}

/// The occurrences in `(after, before]`, oldest first, at most `limit`.
pub fn between(rule: &Rule, after: Timestamp, before: Timestamp, zone: &TimeZone, limit: usize) -> Vec<Timestamp> {
    let mut out = vec![];
    let mut t = after;
    while out.len() < limit {
        match next_after(rule, t, zone) {
            Some(n) if n <= before => {
                out.push(n);
                t = n;
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};
    use proptest::prelude::*;

    fn oslo() -> TimeZone {
        TimeZone::get("Europe/Oslo").unwrap()
    }

    fn at(d: Date, h: i8, m: i8) -> Timestamp {
        instant(d, time(h, m, 0, 0), &oslo()).unwrap().timestamp()
    }

    fn local(t: Timestamp) -> jiff::civil::DateTime {
        t.to_zoned(oslo()).datetime()
    }

    #[test]
    fn every_monday_at_eight() {
        let r = Rule { weekdays: Weekdays::from_days([1]), at: time(8, 0, 0, 0), until: None };
        // Monday 23 November 2026, 07:59 and 08:00.
        assert_eq!(next_after(&r, at(date(2026, 11, 23), 7, 59), &oslo()), Some(at(date(2026, 11, 23), 8, 0)));
        assert_eq!(next_after(&r, at(date(2026, 11, 23), 8, 0), &oslo()), Some(at(date(2026, 11, 30), 8, 0)));
    }

    #[test]
    fn weekdays_skip_the_weekend() {
        let r = Rule { weekdays: Weekdays::WORKDAYS, at: time(12, 0, 0, 0), until: None };
        // Friday 27 November 2026 after lunch: next is Monday.
        assert_eq!(next_after(&r, at(date(2026, 11, 27), 12, 30), &oslo()), Some(at(date(2026, 11, 30), 12, 0)));
        let week = between(&r, at(date(2026, 11, 22), 0, 0), at(date(2026, 11, 29), 23, 0), &oslo(), 20);
        assert_eq!(week.len(), 5);
    }

    #[test]
    fn the_wall_clock_holds_across_daylight_saving() {
        let r = Rule { weekdays: Weekdays::from_days([1]), at: time(8, 0, 0, 0), until: None };
        // Clocks go back on Sunday 25 October 2026: the Monday after is still 08:00 local,
        // which is 25 hours after the Sunday's 07:00 UTC.
        let before = next_after(&r, at(date(2026, 10, 18), 12, 0), &oslo()).unwrap();
        let after = next_after(&r, before, &oslo()).unwrap();
        assert_eq!(local(before).time(), time(8, 0, 0, 0));
        assert_eq!(local(after).time(), time(8, 0, 0, 0));
        assert_eq!(after.as_second() - before.as_second(), 7 * 86_400 + 3_600);
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_later_and_a_repeated_one_happens_once() {
        let every_day = |h, m| Rule { weekdays: Weekdays::ALL, at: time(h, m, 0, 0), until: None };
        // 29 March 2026: 02:00 jumps to 03:00 in Oslo.
        let gap = next_after(&every_day(2, 30), at(date(2026, 3, 28), 12, 0), &oslo()).unwrap();
        assert_eq!(local(gap), date(2026, 3, 29).at(3, 30, 0, 0));
        // 25 October 2026: 02:30 happens twice; once is enough.
        let runs = between(&every_day(2, 30), at(date(2026, 10, 24), 12, 0), at(date(2026, 10, 26), 12, 0), &oslo(), 9);
        assert_eq!(runs.len(), 2);
        assert_eq!(local(runs[0]), date(2026, 10, 25).at(2, 30, 0, 0));
    }

    #[test]
    fn the_end_date_is_the_last_day() {
        let r = Rule { weekdays: Weekdays::from_days([1, 3]), at: time(9, 0, 0, 0), until: Some(date(2026, 12, 2)) };
        let runs = between(&r, at(date(2026, 11, 20), 0, 0), at(date(2027, 1, 1), 0, 0), &oslo(), 20);
        assert_eq!(
            runs,
            vec![
                at(date(2026, 11, 23), 9, 0),
                at(date(2026, 11, 25), 9, 0),
                at(date(2026, 11, 30), 9, 0),
                at(date(2026, 12, 2), 9, 0)
            ]
        );
        assert_eq!(next_after(&r, at(date(2026, 12, 2), 9, 0), &oslo()), None);
    }

    #[test]
    fn no_days_no_occurrences() {
        let r = Rule { weekdays: Weekdays(0), at: time(9, 0, 0, 0), until: None };
        assert_eq!(next_after(&r, Timestamp::UNIX_EPOCH, &oslo()), None);
        assert_eq!(Weekdays::from_days([0, 8, 1, 7]).days(), vec![1, 7]);
    }

    proptest! {
        #[test]
        fn occurrences_follow_the_rule(
            bits in 1u8..128,
            h in 0i8..24,
            m in 0i8..60,
            start in 1_700_000_000i64..1_900_000_000,
            zone in prop::sample::select(vec!["Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]),
        ) {
            let tz = TimeZone::get(zone).unwrap();
            let r = Rule { weekdays: Weekdays(bits), at: time(h, m, 0, 0), until: None };
            let from = Timestamp::from_second(start).unwrap();
            let runs = between(&r, from, from + jiff::SignedDuration::from_hours(24 * 21), &tz, 100);
            // Three weeks hold at least three of every chosen day (minus the edges).
            prop_assert!(runs.len() + 2 >= 3 * Weekdays(bits).days().len());
            let mut prev = from;
            let mut dates = std::collections::HashSet::new();
            for t in &runs {
                prop_assert!(*t > prev);
                let z = t.to_zoned(tz.clone());
                prop_assert!(Weekdays(bits).contains(z.weekday()));
                prop_assert!(dates.insert(z.date()), "two on one day");
                // Only a gap day moves the time, and only later.
                prop_assert!(z.time() >= r.at);
                prev = *t;
            }
            // Nothing chosen is skipped: every day between two runs is not in the set.
            for w in runs.windows(2) {
                let mut d = w[0].to_zoned(tz.clone()).date().tomorrow().unwrap();
                let end = w[1].to_zoned(tz.clone()).date();
                while d < end {
                    prop_assert!(!Weekdays(bits).contains(d.weekday()) || instant(d, r.at, &tz).is_none());
                    d = d.tomorrow().unwrap();
                }
            }
        }

        #[test]
        fn nothing_after_the_end_date(bits in 1u8..128, start in 1_700_000_000i64..1_900_000_000, days in 0i64..30) {
            let tz = oslo();
            let from = Timestamp::from_second(start).unwrap();
            let until = from.to_zoned(tz.clone()).date().checked_add(jiff::Span::new().days(days)).unwrap();
            let r = Rule { weekdays: Weekdays(bits), at: time(9, 0, 0, 0), until: Some(until) };
            for t in between(&r, from, from + jiff::SignedDuration::from_hours(24 * 60), &tz, 100) {
                prop_assert!(t.to_zoned(tz.clone()).date() <= until);
            }
        }
    }
}
