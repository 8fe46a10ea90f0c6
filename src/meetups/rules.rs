//! The meet-up form and its occurrences, apart from any I/O: what a member of staff types
//! (title, kind, day and time on the course's clock, length, a link or a place, how many
//! weeks) checked field by field, and the instants of each weekly occurrence. A weekly
//! meet-up keeps its time on the course's clock across a DST change: Friday 12:00 stays
//! 12:00 in Oslo, so its UTC instant moves by an hour. Pure.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::Deserialize;

/// The kinds a meet-up can be, as stored; each has a Fluent label `meetups-kind-<kind>`.
pub const KINDS: [&str; 5] = ["lunch", "lounge", "game-night", "fun-friday", "other"];
pub const MAX_TITLE: usize = 120;
pub const MAX_PLACE: usize = 500;
pub const MAX_NOTE: usize = 2000;
pub const MAX_WEEKS: i32 = 12;
/// How many photos "how it went" may carry, and the longest alt text of one.
pub const MAX_PHOTOS: u64 = 6;
pub const MAX_ALT: usize = 300;
/// The answers to "Are you coming?".
pub const ANSWERS: [&str; 3] = ["yes", "maybe", "no"];

/// The form as typed; kept whole when it is refused.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct MeetupForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub weeks: String,
    /// A student's email address, or empty for no student host.
    #[serde(default)]
    pub host: String,
}

/// A checked meet-up: the occurrences are computed from it with `occurrences`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meetup {
    pub title: String,
    pub kind: String,
    pub date: Date,
    pub time: Time,
    pub minutes: i32,
    pub place: String,
    pub weeks: i32,
    /// The email address of the student who hosts it, lower case.
    pub host: Option<String>,
}

/// Trimmed text with no control characters (new lines allowed when `lines`), or None when
/// it is too long.
pub fn clean(raw: &str, max: usize, lines: bool) -> Option<String> {
    let t = raw.trim();
    let ok = t.chars().count() <= max && t.chars().all(|c| !c.is_control() || (lines && (c == '\n' || c == '\r')));
    ok.then(|| t.replace("\r\n", "\n"))
}

impl MeetupForm {
    /// Every problem as (field, Fluent id), or the checked meet-up. `now_in_zone` is the
    /// course's date today: a new meet-up cannot start on a day already gone.
    pub fn check(&self, today: Date) -> Result<Meetup, Vec<(&'static str, &'static str)>> {
        let mut errors = vec![];
        let title = clean(&self.title, MAX_TITLE, false).filter(|t| !t.is_empty());
        if title.is_none() {
            errors.push(("title", "meetups-err-title"));
        }
        let kind = KINDS.contains(&self.kind.as_str()).then(|| self.kind.clone());
        if kind.is_none() {
            errors.push(("kind", "meetups-err-kind"));
        }
        let date = self.date.trim().parse::<Date>().ok().filter(|d| *d >= today);
        if date.is_none() {
            errors.push(("date", "meetups-err-date"));
        }
        let time = self.time.trim().parse::<Time>().ok();
        if time.is_none() {
            errors.push(("time", "meetups-err-time"));
        }
        let minutes = self.minutes.trim().parse::<i32>().ok().filter(|m| (10..=480).contains(m));
        if minutes.is_none() {
            errors.push(("minutes", "meetups-err-minutes"));
        }
        let place = clean(&self.place, MAX_PLACE, false);
        if place.is_none() {
            errors.push(("place", "meetups-err-place"));
        }
        let weeks = if self.weeks.trim().is_empty() { Some(1) } else { self.weeks.trim().parse::<i32>().ok() }
            .filter(|w| (1..=MAX_WEEKS).contains(w));
        if weeks.is_none() {
            errors.push(("weeks", "meetups-err-weeks"));
        }
        let host = match self.host.trim() {
            "" => Ok(None),
            h if h.len() <= 254 && h.contains('@') && !h.contains(char::is_whitespace) => Ok(Some(h.to_lowercase())),
            _ => Err(()),
        };
        if host.is_err() {
            errors.push(("host", "meetups-err-host"));
        }
        match (title, kind, date, time, minutes, place, weeks, host) {
            (Some(title), Some(kind), Some(date), Some(time), Some(minutes), Some(place), Some(weeks), Ok(host))
                if errors.is_empty() =>
            {
                Ok(Meetup { title, kind, date, time, minutes, place, weeks, host })
            }
            _ => Err(errors),
        }
    }
}

/// (start, end) in UTC milliseconds of each weekly occurrence, on the zone's clock. A
/// time that does not exist on a spring-forward day is moved later, as clocks do.
pub fn occurrences(m: &Meetup, zone: &TimeZone) -> Vec<(i64, i64)> {
    (0..m.weeks)
        .filter_map(|w| {
            let day = m.date.checked_add(Span::new().weeks(i64::from(w))).ok()?;
            let start = day.to_datetime(m.time).to_zoned(zone.clone()).ok()?.timestamp();
            let end = start.checked_add(Span::new().minutes(i64::from(m.minutes))).ok()?;
            Some((start.as_millisecond(), end.as_millisecond()))
        })
        .collect()
}

/// A photo's alt text: required (a photo nobody can hear described shuts people out),
/// one line, up to `MAX_ALT` characters. The error is a Fluent id.
pub fn alt_text(raw: &str) -> Result<String, &'static str> {
    match clean(raw, MAX_ALT, false) {
        Some(t) if !t.is_empty() => Ok(t),
        _ => Err("meetups-err-alt"),
    }
}

/// Whether the "how it went" note may be written: once the meet-up has started.
pub fn may_write_note(starts_at: i64, now: Timestamp) -> bool {
    now.as_millisecond() >= starts_at
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn form() -> MeetupForm {
        MeetupForm {
            title: "Friday lunch".into(),
            kind: "lunch".into(),
            date: "2027-03-19".into(),
            time: "12:00".into(),
            minutes: "45".into(),
            place: "https://meet.example.org/lunch".into(),
            weeks: "3".into(),
            host: String::new(),
        }
    }

    fn today() -> Date {
        jiff::civil::date(2027, 3, 1)
    }

    #[test]
    fn a_good_form_passes() {
        let m = form().check(today()).unwrap();
        assert_eq!(m.weeks, 3);
        assert_eq!(m.host, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = MeetupForm {
            title: " ".into(),
            kind: "party".into(),
            date: "2020-01-01".into(),
            time: "25:00".into(),
            minutes: "5".into(),
            place: "x".repeat(MAX_PLACE + 1),
            weeks: "13".into(),
            host: "someone".into(),
        };
        let fields: Vec<_> = bad.check(today()).unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["title", "kind", "date", "time", "minutes", "place", "weeks", "host"]);
    }

    #[test]
    fn a_photo_needs_its_alt_text() {
        assert_eq!(alt_text("  Five of us round a table  ").unwrap(), "Five of us round a table");
        assert!(alt_text("   ").is_err());
        assert!(alt_text("two\nlines").is_err());
        assert!(alt_text(&"x".repeat(MAX_ALT + 1)).is_err());
    }

    #[test]
    fn weekly_meetups_keep_their_clock_time_across_dst() {
        // Oslo moves its clocks on 28 March 2027: 12:00 stays 12:00, an hour earlier in UTC.
        let oslo = TimeZone::get("Europe/Oslo").unwrap();
        let o = occurrences(&form().check(today()).unwrap(), &oslo);
        assert_eq!(o.len(), 3);
        let hours: Vec<i64> = o.iter().map(|(s, _)| (s / 3_600_000) % 24).collect();
        assert_eq!(hours, [11, 11, 10]);
        assert!(o.iter().all(|(s, e)| e - s == 45 * 60_000));
    }

    proptest! {
        #[test]
        fn occurrences_are_a_week_apart_on_the_clock(
            day in 0i64..2000, hour in 0i8..24, minute in 0i8..60, weeks in 1i32..=MAX_WEEKS, minutes in 10i32..=480,
            z in prop::sample::select(vec!["Europe/Oslo", "America/New_York", "Australia/Sydney", "UTC", "Asia/Kolkata"]),
        ) {
            let zone = TimeZone::get(z).unwrap();
            let date = jiff::civil::date(2026, 1, 1).checked_add(Span::new().days(day)).unwrap();
            let m = Meetup {
                title: "t".into(), kind: "lunch".into(), date, time: Time::constant(hour, minute, 0, 0),
                minutes, place: String::new(), weeks, host: None,
            };
            let o = occurrences(&m, &zone);
            prop_assert_eq!(o.len() as i32, weeks);
            for (i, (s, e)) in o.iter().enumerate() {
                prop_assert_eq!(e - s, i64::from(minutes) * 60_000);
                let local = Timestamp::from_millisecond(*s).unwrap().to_zoned(zone.clone());
                prop_assert_eq!(local.date(), date.checked_add(Span::new().weeks(i as i64)).unwrap());
                if i > 0 {
                    // A week apart, give or take a DST shift of up to an hour.
                    prop_assert!((s - o[i - 1].0 - 7 * 86_400_000).abs() <= 3_600_000);
                }
            }
        }

        #[test]
        fn an_alt_text_is_one_non_empty_line_or_refused(s in "\\PC{0,400}") {
            match alt_text(&s) {
                Ok(t) => prop_assert!(!t.is_empty() && t.chars().count() <= MAX_ALT && !t.contains('\n')),
                Err(id) => prop_assert_eq!(id, "meetups-err-alt"),
            }
        }

        #[test]
        fn clean_never_lets_control_characters_through(s in ".{0,50}") {
            if let Some(t) = clean(&s, 100, false) {
                prop_assert!(!t.chars().any(char::is_control));
            }
        }
    }
}
