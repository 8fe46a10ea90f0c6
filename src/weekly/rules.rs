//! The pure rules of the weekly message: which course week an instant falls in (the
//! course's zone decides, daylight saving included), the default title "Week N", what
//! the form must hold (a transcript always: the message is for everyone, including
//! those who cannot listen), and replies. No I/O, unit- and property-tested here.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::recognition::week::Week;

pub const MAX_TITLE: usize = 120;
pub const MAX_TRANSCRIPT: usize = 20_000;
pub const MAX_BODY: usize = 1_000;
pub const MAX_REPLY: usize = 4_000;
/// Replies on one page under a message; past weeks on one page of the list.
pub const REPLIES_PAGE: u64 = 30;
pub const WEEKS_PAGE: u64 = 10;

/// The reactions on offer: the spaces' set, so a 👍 means the same everywhere.
pub use crate::forum::rules::EMOJIS;

/// A course week: the ISO week in the course's zone and the instant it starts (Monday
/// 00:00 there, in UTC milliseconds), which is what a message is stored under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CourseWeek {
    pub week: Week,
    pub start_ms: i64,
}

fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// Midnight at the start of a day in a zone (a zone that skips midnight starts the day
/// at the first instant that exists, as jiff's `start_of_day` does).
fn start_of(d: Date, tz: &TimeZone) -> i64 {
    d.to_zoned(tz.clone())
        .and_then(|z| z.start_of_day())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or_else(|_| d.to_zoned(TimeZone::UTC).map(|z| z.timestamp().as_millisecond()).unwrap_or(0))
}

/// The week an instant (UTC ms) falls in, in the course's zone.
pub fn week_of(at_ms: i64, zone_name: &str) -> CourseWeek {
    let tz = zone(zone_name);
    let at = Timestamp::from_millisecond(at_ms).unwrap_or(Timestamp::UNIX_EPOCH);
    let week = Week::of(at, &tz);
    CourseWeek { week, start_ms: start_of(week.monday(), &tz) }
}

/// The course's week number of `week`: 1 for the week the course starts in, counted in
/// whole weeks from there; `None` before the start or without a readable start date.
pub fn course_week_number(start_date: &str, week: Week) -> Option<i64> {
    let start: Date = start_date.trim().parse().ok()?;
    let first = Week::of_date(start).monday();
    let days = first.until(week.monday()).ok()?.get_days() as i64;
    (days >= 0).then_some(days / 7 + 1)
}

/// The number in the default title: the course week, or the ISO week number before the
/// course starts (a welcome message the week before is still "Week 48").
pub fn title_number(start_date: &str, week: Week) -> i64 {
    course_week_number(start_date, week).unwrap_or(week.week as i64)
}

/// What the form sent, tidied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub transcript: String,
    pub body: String,
}

/// The form's errors, each a Fluent id shown next to its field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Errors {
    pub title: Option<&'static str>,
    pub transcript: Option<&'static str>,
    pub body: Option<&'static str>,
    pub clip: Option<&'static str>,
}

impl Errors {
    pub fn any(&self) -> bool {
        self.title.is_some() || self.transcript.is_some() || self.body.is_some() || self.clip.is_some()
    }
}

fn tidy(s: &str) -> String {
    s.trim().replace("\r\n", "\n")
}

/// Check a message: a title (the default when left empty), a transcript (required), an
/// optional short text, and a recording (`has_clip`: one sent now, kept from a refused
/// attempt, or already on this week's message).
pub fn check(title: &str, transcript: &str, body: &str, default_title: &str, has_clip: bool) -> (Draft, Errors) {
    let mut e = Errors::default();
    let title = match tidy(title) {
        t if t.is_empty() => default_title.to_string(),
        t => t,
    };
    if title.chars().count() > MAX_TITLE {
        e.title = Some("weekly-err-title-long");
    }
    let transcript = tidy(transcript);
    if transcript.is_empty() {
        e.transcript = Some("weekly-err-transcript");
    } else if transcript.chars().count() > MAX_TRANSCRIPT {
        e.transcript = Some("weekly-err-transcript-long");
    }
    let body = tidy(body);
    if body.chars().count() > MAX_BODY {
        e.body = Some("weekly-err-body-long");
    }
    if !has_clip {
        e.clip = Some("weekly-err-clip");
    }
    (Draft { title, transcript, body }, e)
}

/// The kind of a message from its recording's media kind: voice or video.
pub fn kind_of(media_kind: &str) -> Option<&'static str> {
    match media_kind {
        "audio" => Some("voice"),
        "video" => Some("video"),
        _ => None,
    }
}

/// A reply's text, or the Fluent id of what is wrong with it.
pub fn check_reply(body: &str) -> Result<String, &'static str> {
    let b = tidy(body);
    if b.is_empty() {
        return Err("weekly-err-reply-empty");
    }
    if b.chars().count() > MAX_REPLY {
        return Err("weekly-err-reply-long");
    }
    Ok(b)
}

/// One of the reactions on offer, or `None`.
pub fn emoji(s: &str) -> Option<&'static str> {
    EMOJIS.iter().find(|e| **e == s).copied()
}

/// Whether a reply by `author_teaching` to a reply by a student is a contact: staff
/// answering a student personally is; a student's reply (to anyone) is not, nor is staff
/// answering staff, nor a reply to nobody in particular.
pub fn is_contact(author_teaching: bool, parent_author_is_student: Option<bool>) -> bool {
    author_teaching && parent_author_is_student == Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ms(s: &str) -> i64 {
        s.parse::<Timestamp>().unwrap().as_millisecond()
    }

    #[test]
    fn the_week_starts_on_monday_midnight_in_the_course_zone() {
        // Sunday 2026-11-29 23:30 UTC is Monday 00:30 in Oslo: already week 49 there.
        let w = week_of(ms("2026-11-29T23:30:00Z"), "Europe/Oslo");
        assert_eq!(w.week.key(), "2026-W49");
        assert_eq!(w.start_ms, ms("2026-11-29T23:00:00Z"));
        // The same instant is still Sunday in New York: week 48.
        let ny = week_of(ms("2026-11-29T23:30:00Z"), "America/New_York");
        assert_eq!(ny.week.key(), "2026-W48");
        assert_eq!(ny.start_ms, ms("2026-11-23T05:00:00Z"));
    }

    #[test]
    fn daylight_saving_moves_the_start_but_not_the_week() {
        // Oslo leaves summer time on Sunday 2026-10-25: the week of 19 October starts
        // at 22:00 UTC the Sunday before (UTC+2), the next at 23:00 UTC (UTC+1).
        let before = week_of(ms("2026-10-25T00:30:00Z"), "Europe/Oslo");
        assert_eq!(before.week.key(), "2026-W43");
        assert_eq!(before.start_ms, ms("2026-10-18T22:00:00Z"));
        // 23:30 on the Sunday of the change, local time, is still that week.
        let late = week_of(ms("2026-10-25T22:30:00Z"), "Europe/Oslo");
        assert_eq!(late.week.key(), "2026-W43");
        let after = week_of(ms("2026-10-25T23:00:00Z"), "Europe/Oslo");
        assert_eq!(after.week.key(), "2026-W44");
        assert_eq!(after.start_ms, ms("2026-10-25T23:00:00Z"));
        // A week with a change is 167 or 169 hours long.
        assert_eq!(after.start_ms - before.start_ms, 169 * 3_600_000);
        let spring_before = week_of(ms("2026-03-25T12:00:00Z"), "Europe/Oslo");
        let spring_after = week_of(ms("2026-04-01T12:00:00Z"), "Europe/Oslo");
        assert_eq!(spring_after.start_ms - spring_before.start_ms, 167 * 3_600_000);
    }

    #[test]
    fn an_unknown_zone_is_utc() {
        let w = week_of(ms("2026-12-07T10:00:00Z"), "Not/AZone");
        assert_eq!(w.start_ms, ms("2026-12-07T00:00:00Z"));
    }

    #[test]
    fn course_weeks_count_from_the_start_week() {
        let w = |s: &str| Week::parse(s).unwrap();
        // The course starts on a Wednesday: its week is week 1.
        assert_eq!(course_week_number("2026-11-25", w("2026-W48")), Some(1));
        assert_eq!(course_week_number("2026-11-25", w("2026-W49")), Some(2));
        // 2026 has a week 53: the new year's first week is the course's seventh.
        assert_eq!(course_week_number("2026-11-25", w("2026-W53")), Some(6));
        assert_eq!(course_week_number("2026-11-25", w("2027-W01")), Some(7));
        assert_eq!(course_week_number("2026-11-25", w("2026-W47")), None);
        assert_eq!(course_week_number("soon", w("2026-W47")), None);
        assert_eq!(title_number("2026-11-25", w("2026-W47")), 47);
        assert_eq!(title_number("2026-11-25", w("2026-W50")), 3);
    }

    #[test]
    fn the_transcript_is_required_and_the_title_defaults() {
        let (d, e) = check("  ", " Hello class ", "", "Week 3", true);
        assert!(!e.any());
        assert_eq!((d.title.as_str(), d.transcript.as_str()), ("Week 3", "Hello class"));
        let (d, e) = check("My title", "  ", "Short", "Week 3", true);
        assert_eq!(e.transcript, Some("weekly-err-transcript"));
        assert_eq!((d.title.as_str(), d.body.as_str()), ("My title", "Short"), "what was typed is kept");
        let (_, e) = check("t", "x", "", "Week 3", false);
        assert_eq!(e.clip, Some("weekly-err-clip"));
        let (_, e) = check(&"a".repeat(MAX_TITLE + 1), "x", &"b".repeat(MAX_BODY + 1), "W", true);
        assert_eq!((e.title, e.body), (Some("weekly-err-title-long"), Some("weekly-err-body-long")));
    }

    #[test]
    fn replies_reactions_and_contacts() {
        assert_eq!(check_reply(" Thanks! \r\n"), Ok("Thanks!".into()));
        assert_eq!(check_reply("   "), Err("weekly-err-reply-empty"));
        assert_eq!(check_reply(&"x".repeat(MAX_REPLY + 1)), Err("weekly-err-reply-long"));
        assert_eq!(emoji("👍"), Some("👍"));
        assert_eq!(emoji("💩"), None);
        assert_eq!((kind_of("audio"), kind_of("video"), kind_of("image")), (Some("voice"), Some("video"), None));
        assert!(is_contact(true, Some(true)));
        assert!(!is_contact(false, Some(true)), "a student's reply is not a contact");
        assert!(!is_contact(true, Some(false)), "staff answering staff");
        assert!(!is_contact(true, None), "a reply to the class");
    }

    proptest! {
        /// Every instant lies in the week it is given, whatever the zone: at or after that
        /// week's start and before the next week's.
        #[test]
        fn an_instant_lies_in_its_week(
            at in 1_600_000_000_000i64..2_000_000_000_000,
            z in prop::sample::select(vec!["Europe/Oslo", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"]),
        ) {
            let w = week_of(at, z);
            prop_assert!(w.start_ms <= at);
            let next = start_of(w.week.next().monday(), &zone(z));
            prop_assert!(at < next);
            // 7 days, give or take a change of clocks.
            prop_assert!((next - w.start_ms - 7 * 86_400_000).abs() <= 3_600_000);
        }

        #[test]
        fn week_numbers_grow_by_one_a_week(days in 0i64..400) {
            let start = jiff::civil::date(2026, 8, 17).checked_add(jiff::Span::new().days(days % 7)).unwrap();
            let later = start.checked_add(jiff::Span::new().days(days)).unwrap();
            let n = course_week_number(&start.to_string(), Week::of_date(later)).unwrap();
            let first_monday = Week::of_date(start).monday();
            prop_assert_eq!(n, (first_monday.until(later).unwrap().get_days() as i64) / 7 + 1);
        }
    }
}
