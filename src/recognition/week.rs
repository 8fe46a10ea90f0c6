//! ISO weeks in a course's time zone: the rhythm of Win of the Week. Pure, so the edges
//! (a Sunday night in Oslo that is already Monday in Auckland, week 53) are tested here.

use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::{Timestamp, tz::TimeZone};

/// A week as stored and shown in links: "2026-W48".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Week {
    pub year: i16,
    pub week: i8,
}

impl Week {
    /// The week an instant falls in, in the given zone.
    pub fn of(at: Timestamp, zone: &TimeZone) -> Week {
        Week::of_date(at.to_zoned(zone.clone()).date())
    }

    pub fn of_date(d: Date) -> Week {
        let w = d.iso_week_date();
        Week { year: w.year(), week: w.week() }
    }

    pub fn parse(s: &str) -> Option<Week> {
        let (y, w) = s.trim().split_once("-W")?;
        let year: i16 = y.parse().ok()?;
        let week: i8 = w.parse().ok()?;
        ISOWeekDate::new(year, week, Weekday::Monday).ok()?;
        Some(Week { year, week })
    }

    pub fn key(self) -> String {
        format!("{:04}-W{:02}", self.year, self.week)
    }

    /// The Monday the week starts on.
    pub fn monday(self) -> Date {
        ISOWeekDate::new(self.year, self.week, Weekday::Monday).map(|w| w.date()).unwrap_or_default()
    }

    pub fn previous(self) -> Week {
        Week::of_date(self.monday().checked_sub(jiff::Span::new().days(7)).unwrap_or_default())
    }

    pub fn next(self) -> Week {
        Week::of_date(self.monday().checked_add(jiff::Span::new().days(7)).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn weeks_follow_the_course_zone() {
        // Sunday 2026-11-29 22:30 UTC: still Sunday (week 48) in Oslo, Monday (week 49) in Auckland.
        let t: Timestamp = "2026-11-29T22:30:00Z".parse().unwrap();
        assert_eq!(Week::of(t, &TimeZone::get("Europe/Oslo").unwrap()).key(), "2026-W48");
        assert_eq!(Week::of(t, &TimeZone::get("Pacific/Auckland").unwrap()).key(), "2026-W49");
    }

    #[test]
    fn year_edges() {
        // 2027-01-01 is a Friday, in 2026's week 53.
        assert_eq!(Week::of_date(jiff::civil::date(2027, 1, 1)).key(), "2026-W53");
        assert_eq!(Week::parse("2026-W53").unwrap().next().key(), "2027-W01");
        assert_eq!(Week::parse("2027-W01").unwrap().previous().key(), "2026-W53");
        assert!(Week::parse("2027-W53").is_none(), "2027 has 52 weeks");
        for bad in ["", "2026", "2026-48", "2026-W0", "2026-Wxx", "W48"] {
            assert!(Week::parse(bad).is_none(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn keys_round_trip(days in 0i32..40_000) {
            let d = jiff::civil::date(1990, 1, 1).checked_add(jiff::Span::new().days(days)).unwrap();
            let w = Week::of_date(d);
            prop_assert_eq!(Week::parse(&w.key()), Some(w));
            prop_assert!(w.monday() <= d && d < w.monday().checked_add(jiff::Span::new().days(7)).unwrap());
            prop_assert_eq!(w.next().previous(), w);
        }
    }
}
