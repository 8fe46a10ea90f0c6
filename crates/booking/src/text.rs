//! Availability as people type it and as it is stored: hours like
//! "13:00-16:00, 18:00-19:00", weekly windows one per line ("4 13:00-16:00", ISO
//! weekday), and date exceptions one per line ("2026-12-24 closed",
//! "2026-12-23 10:00-12:00"). Parsing is strict and reports the first bad line, so a form
//! can point at it; writing and reading back give the same thing.

use std::collections::BTreeMap;

use jiff::civil::{Date, Time, Weekday};

use crate::{Exception, Window};

/// Hours of one day: comma- or semicolon-separated "HH:MM-HH:MM" spans, each ending
/// after it starts. Empty text is no hours. `None` when anything does not read.
pub fn parse_hours(s: &str) -> Option<Vec<(Time, Time)>> {
    let mut out = vec![];
    for part in s.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once(['-', '–']).map(|(a, b)| (a.trim(), b.trim()))?;
        let (a, b) = (clock(a)?, clock(b)?);
        if b <= a {
            return None;
        }
        out.push((a, b));
    }
    out.sort();
    Some(out)
}

/// "9:00", "09:00" or "0900" on a 24-hour clock.
fn clock(s: &str) -> Option<Time> {
    let (h, m) = match s.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None if s.len() == 4 => s.split_at(2),
        None => (s, "00"),
    };
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    Time::new(h, m, 0, 0).ok()
}

/// Hours as people read them: "13:00-16:00, 18:00-19:00".
pub fn hours_text(hours: &[(Time, Time)]) -> String {
    hours.iter().map(|(a, b)| format!("{}-{}", a.strftime("%H:%M"), b.strftime("%H:%M"))).collect::<Vec<_>>().join(", ")
}

/// The weekday of an ISO number (1 = Monday).
pub fn weekday(n: i8) -> Option<Weekday> {
    (1..=7).contains(&n).then(|| Weekday::from_monday_one_offset(n).ok()).flatten()
}

/// Windows as stored, one per line; lines that do not read are skipped (the form that
/// wrote them checked them).
pub fn parse_windows(text: &str) -> Vec<Window> {
    let mut out = vec![];
    for line in text.lines() {
        let Some((d, hours)) = line.trim().split_once(' ') else { continue };
        let (Some(day), Some(hours)) = (d.parse().ok().and_then(weekday), parse_hours(hours)) else { continue };
        out.extend(hours.into_iter().map(|(start, end)| Window { weekday: day, start, end }));
    }
    out
}

/// Windows for storage: one line per weekday that has hours, Monday first.
pub fn windows_text(windows: &[Window]) -> String {
    let mut lines = vec![];
    for n in 1..=7 {
        let hours: Vec<(Time, Time)> =
            windows.iter().filter(|w| w.weekday.to_monday_one_offset() == n).map(|w| (w.start, w.end)).collect();
        if !hours.is_empty() {
            let mut hours = hours;
            hours.sort();
            lines.push(format!("{n} {}", hours_text(&hours)));
        }
    }
    lines.join("\n")
}

/// Exceptions, one per line: a date and "closed" or hours. The error is the 1-based
/// number of the first line that does not read.
pub fn parse_exceptions(text: &str) -> Result<BTreeMap<Date, Exception>, usize> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (d, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let date: Date = d.parse().map_err(|_| i + 1)?;
        let rest = rest.trim();
        let e = if rest.is_empty() || rest.eq_ignore_ascii_case("closed") || rest.eq_ignore_ascii_case("stengt") {
            Exception::Closed
        } else {
            match parse_hours(rest) {
                Some(h) if !h.is_empty() => Exception::Hours(h),
                _ => return Err(i + 1),
            }
        };
        out.insert(date, e);
    }
    Ok(out)
}

/// Exceptions for storage and for the form, in date order.
pub fn exceptions_text(exceptions: &BTreeMap<Date, Exception>) -> String {
    exceptions
        .iter()
        .map(|(d, e)| match e {
            Exception::Closed => format!("{d} closed"),
            Exception::Hours(h) => format!("{d} {}", hours_text(h)),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};
    use proptest::prelude::*;

    #[test]
    fn reads_hours_as_people_type_them() {
        assert_eq!(parse_hours(""), Some(vec![]));
        assert_eq!(parse_hours(" 13:00 - 16:00 "), Some(vec![(time(13, 0, 0, 0), time(16, 0, 0, 0))]));
        assert_eq!(
            parse_hours("18:00-19:30; 9-11"),
            Some(vec![(time(9, 0, 0, 0), time(11, 0, 0, 0)), (time(18, 0, 0, 0), time(19, 30, 0, 0))])
        );
        assert_eq!(parse_hours("0900–1000"), Some(vec![(time(9, 0, 0, 0), time(10, 0, 0, 0))]));
        for bad in ["16:00-13:00", "13:00", "25:00-26:00", "1:5-2:00", "noon-1pm", "13:00-13:00"] {
            assert_eq!(parse_hours(bad), None, "{bad}");
        }
    }

    #[test]
    fn windows_round_trip_through_storage() {
        let text = "4 13:00-16:00\n2 09:00-10:00, 18:00-19:00";
        let w = parse_windows(text);
        assert_eq!(w.len(), 3);
        assert_eq!(windows_text(&w), "2 09:00-10:00, 18:00-19:00\n4 13:00-16:00");
        assert!(parse_windows("8 10:00-11:00\nnonsense").is_empty());
    }

    #[test]
    fn exceptions_name_the_bad_line() {
        let e = parse_exceptions("2026-12-24 closed\n\n2026-12-23 10:00-12:00\n2026-12-31").unwrap();
        assert_eq!(e.get(&date(2026, 12, 24)), Some(&Exception::Closed));
        assert_eq!(e.get(&date(2026, 12, 31)), Some(&Exception::Closed));
        assert_eq!(e.get(&date(2026, 12, 23)), Some(&Exception::Hours(vec![(time(10, 0, 0, 0), time(12, 0, 0, 0))])));
        assert_eq!(exceptions_text(&e), "2026-12-23 10:00-12:00\n2026-12-24 closed\n2026-12-31 closed");
        assert_eq!(parse_exceptions("2026-12-24 closed\n24.12.2026"), Err(2));
        assert_eq!(parse_exceptions("2026-12-24 all day"), Err(1));
    }

    proptest! {
        #[test]
        fn written_hours_read_back(spans in proptest::collection::vec((0i8..23, 0i8..60, 1i16..120), 0..4)) {
            let hours: Vec<(Time, Time)> = spans
                .iter()
                .filter_map(|(h, m, len)| {
                    let a = Time::new(*h, *m, 0, 0).ok()?;
                    let end = i16::from(*h) * 60 + i16::from(*m) + len;
                    (end < 24 * 60).then(|| Time::new((end / 60) as i8, (end % 60) as i8, 0, 0).ok()).flatten().map(|b| (a, b))
                })
                .collect();
            let mut sorted = hours.clone();
            sorted.sort();
            prop_assert_eq!(parse_hours(&hours_text(&hours)), Some(sorted));
        }
    }
}
