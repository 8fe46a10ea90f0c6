//! iCalendar (RFC 5545) output for "Our week": text escaping, line folding at 75
//! octets, a VTIMEZONE built from the zone's real transitions, and weekly recurring
//! events. Pure, so it is tested here and, in `tests/it/routine.rs`, by a parser that
//! is not ours.

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ToSpan};

/// Escape a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so that no physical line exceeds 75 octets (not counting the
/// CRLF), never inside a UTF-8 character, each continuation starting with one space.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            // The leading space counts towards the continuation line's 75 octets.
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// The reverse of [`fold`] for a whole document: continuation lines joined back.
pub fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "")
}

fn utc_stamp(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn local_stamp(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

fn offset_text(o: Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    let (h, m, s) = (a / 3600, (a % 3600) / 60, a % 60);
    if s == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{s:02}") }
}

/// A VTIMEZONE for `name` covering `from` to `until`: one observance for the offset in
/// force at `from`, then one per real transition in between, each with its own DTSTART
/// (local time before the change) so that clients without the IANA database still get
/// every summer-time change right. Zones without transitions get a single STANDARD.
pub fn vtimezone(name: &str, tz: &TimeZone, from: Timestamp, until: Timestamp) -> Vec<String> {
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{name}")];
    let first = tz.to_offset_info(from);
    let mut previous = first.offset();
    let observance =
        |lines: &mut Vec<String>, dst: bool, start: DateTime, off_from: Offset, off_to: Offset, abbr: &str| {
            let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
            lines.push(format!("BEGIN:{kind}"));
            lines.push(format!("DTSTART:{}", local_stamp(start)));
            lines.push(format!("TZOFFSETFROM:{}", offset_text(off_from)));
            lines.push(format!("TZOFFSETTO:{}", offset_text(off_to)));
            if !abbr.is_empty() {
                lines.push(format!("TZNAME:{}", escape(abbr)));
            }
            lines.push(format!("END:{kind}"));
        };
    observance(&mut lines, first.dst().is_dst(), previous.to_datetime(from), previous, previous, first.abbreviation());
    for t in tz.following(from) {
        if t.timestamp() > until {
            break;
        }
        let start = previous.to_datetime(t.timestamp());
        observance(&mut lines, t.dst().is_dst(), start, previous, t.offset(), t.abbreviation());
        previous = t.offset();
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

/// RFC 5545 two-letter weekday for 1 (Monday) to 7 (Sunday).
pub fn byday(weekday: i32) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][(weekday.clamp(1, 7) - 1) as usize]
}

/// One weekly event of the routine.
pub struct Event<'a> {
    pub uid: String,
    pub stamp: Timestamp,
    /// The first day on or after which it recurs (the course's start).
    pub from: Date,
    pub weekday: i32,
    pub start_minute: i32,
    pub duration_minutes: i32,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    pub url: Option<&'a str>,
}

/// The first date on or after `from` that falls on `weekday` (1 = Monday).
pub fn first_on_or_after(from: Date, weekday: i32) -> Date {
    let have = from.weekday().to_monday_one_offset() as i32;
    let ahead = (weekday - have).rem_euclid(7);
    from.checked_add((ahead as i64).days()).unwrap_or(from)
}

/// The whole feed: VCALENDAR with the zone and every event, folded, with CRLF line ends.
pub fn calendar(name: &str, zone_name: &str, events: &[Event<'_>], now: Timestamp) -> String {
    let tz = crate::time::zone(zone_name);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Homeroom//Our week//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape(name)),
        format!("X-WR-TIMEZONE:{zone_name}"),
    ];
    // From a year before the earliest start to five years ahead: a term's calendar
    // outlives the term, and older events keep correct times too.
    let earliest = events.iter().map(|e| e.from).min().unwrap_or_else(|| now.to_zoned(tz.clone()).date());
    let from = earliest
        .checked_sub(1.year())
        .ok()
        .and_then(|d| d.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp())
        .unwrap_or(now);
    let until = now.checked_add(jiff::SignedDuration::from_hours(24 * 366 * 5)).unwrap_or(now);
    lines.extend(vtimezone(zone_name, &tz, from, until));
    for e in events {
        let day = first_on_or_after(e.from, e.weekday);
        let start = day.at((e.start_minute / 60) as i8, (e.start_minute % 60) as i8, 0, 0);
        lines.push("BEGIN:VEVENT".to_string());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{}", utc_stamp(e.stamp)));
        lines.push(format!("DTSTART;TZID={zone_name}:{}", local_stamp(start)));
        lines.push(format!("DURATION:PT{}M", e.duration_minutes));
        lines.push(format!("RRULE:FREQ=WEEKLY;BYDAY={}", byday(e.weekday)));
        lines.push(format!("SUMMARY:{}", escape(e.summary)));
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(e.description)));
        }
        if !e.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape(e.location)));
        }
        if let Some(url) = e.url {
            lines.push(format!("URL:{url}"));
        }
        lines.push("END:VEVENT".to_string());
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne\r\n"), "a\\,b\\;c\\\\d\\ne\\n");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let short = "SUMMARY:hello";
        assert_eq!(fold(short), "SUMMARY:hello\r\n");
        let long = format!("DESCRIPTION:{}", "ø".repeat(100));
        let folded = fold(&long);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= 75, "{} octets: {physical}", physical.len());
        }
        assert_eq!(unfold(&folded), format!("{long}\r\n"));
        assert!(folded.split("\r\n").skip(1).filter(|l| !l.is_empty()).all(|l| l.starts_with(' ')));
    }

    #[test]
    fn finds_the_first_weekday() {
        let monday = jiff::civil::date(2026, 11, 23);
        assert_eq!(first_on_or_after(monday, 1), monday);
        assert_eq!(first_on_or_after(monday, 3), jiff::civil::date(2026, 11, 25));
        assert_eq!(first_on_or_after(jiff::civil::date(2026, 11, 26), 2), jiff::civil::date(2026, 12, 1));
        assert_eq!(byday(1), "MO");
        assert_eq!(byday(7), "SU");
    }

    #[test]
    fn oslo_gets_its_summer_time_changes() {
        let tz = TimeZone::get("Europe/Oslo").unwrap();
        let from: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let until: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
        let v = vtimezone("Europe/Oslo", &tz, from, until).join("\n");
        // 29 March 2026 02:00 CET becomes 03:00 CEST; 25 October 03:00 CEST becomes 02:00 CET.
        assert!(v.contains("BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200"), "{v}");
        assert!(v.contains("BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100"), "{v}");
        let utc = vtimezone("UTC", &TimeZone::UTC, from, until).join("\n");
        assert_eq!(utc.matches("BEGIN:STANDARD").count(), 1);
        assert!(utc.contains("TZOFFSETTO:+0000"));
    }

    #[test]
    fn offsets_are_written_as_rfc5545_wants() {
        assert_eq!(offset_text(Offset::from_seconds(5 * 3600 + 45 * 60).unwrap()), "+0545");
        assert_eq!(offset_text(Offset::from_seconds(-(3 * 3600 + 30 * 60)).unwrap()), "-0330");
        assert_eq!(offset_text(Offset::from_seconds(-(44 * 60 + 30)).unwrap()), "-004430");
    }

    proptest! {
        #[test]
        fn unfolding_a_folded_line_gives_it_back(s in "\\PC{0,400}") {
            let line = format!("DESCRIPTION:{}", escape(&s));
            let folded = fold(&line);
            prop_assert!(folded.ends_with("\r\n"));
            for physical in folded.trim_end_matches("\r\n").split("\r\n") {
                prop_assert!(physical.len() <= 75);
            }
            prop_assert_eq!(unfold(&folded), format!("{line}\r\n"));
        }

        #[test]
        fn escaped_text_has_no_bare_separators(s in "\\PC{0,200}") {
            let e = escape(&s);
            prop_assert!(!e.contains('\n') && !e.contains('\r'));
            // Every ; and , is preceded by an odd run of backslashes.
            let b = e.as_bytes();
            for (i, c) in b.iter().enumerate() {
                if *c == b';' || *c == b',' {
                    let run = b[..i].iter().rev().take_while(|x| **x == b'\\').count();
                    prop_assert!(run % 2 == 1);
                }
            }
        }
    }
}
