//! The availability form and the booking form as typed, checked without I/O: every field
//! at once, each error the Fluent id of what to say next to it.

use std::collections::BTreeMap;

use homeroom_booking::text::{exceptions_text, hours_text, parse_exceptions, parse_hours, parse_windows, weekday};
use homeroom_booking::{Availability, Window};
use serde::Deserialize;

use crate::db::entity::booking_offer;

pub const MAX_TOPIC: usize = 500;
pub const MAX_NOTE: usize = 2000;
pub const MAX_PLACE: usize = 300;

/// A field and the Fluent id that explains what is wrong with it.
pub type FieldError = (&'static str, &'static str);

/// The availability form: one "hours" box per weekday, in the staff member's own zone.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct OfferForm {
    #[serde(default)]
    pub day1: String,
    #[serde(default)]
    pub day2: String,
    #[serde(default)]
    pub day3: String,
    #[serde(default)]
    pub day4: String,
    #[serde(default)]
    pub day5: String,
    #[serde(default)]
    pub day6: String,
    #[serde(default)]
    pub day7: String,
    #[serde(default)]
    pub exceptions: String,
    #[serde(default)]
    pub length: String,
    #[serde(default)]
    pub buffer_before: String,
    #[serde(default)]
    pub buffer_after: String,
    #[serde(default)]
    pub notice_hours: String,
    #[serde(default)]
    pub horizon_days: String,
    #[serde(default)]
    pub per_day: String,
    #[serde(default)]
    pub per_week: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub cutoff_hours: String,
    #[serde(default)]
    pub place: String,
    /// "on" when the check-ins are open for booking.
    #[serde(default)]
    pub open: String,
}

/// What the form says, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub windows: String,
    pub exceptions: String,
    pub length_minutes: i32,
    pub buffer_before_minutes: i32,
    pub buffer_after_minutes: i32,
    pub notice_minutes: i32,
    pub horizon_days: i32,
    pub per_day: Option<i32>,
    pub per_week: Option<i32>,
    pub capacity: i32,
    pub cutoff_minutes: i32,
    pub place: String,
    pub open: bool,
}

fn number(s: &str, range: std::ops::RangeInclusive<i32>) -> Option<i32> {
    s.trim().parse().ok().filter(|n| range.contains(n))
}

fn optional(s: &str, range: std::ops::RangeInclusive<i32>) -> Result<Option<i32>, ()> {
    if s.trim().is_empty() { Ok(None) } else { number(s, range).map(Some).ok_or(()) }
}

impl OfferForm {
    pub fn days(&self) -> [&str; 7] {
        [&self.day1, &self.day2, &self.day3, &self.day4, &self.day5, &self.day6, &self.day7]
    }

    /// The form filled in from what is stored (or sensible first values).
    pub fn from_offer(o: Option<&booking_offer::Model>) -> OfferForm {
        let Some(o) = o else {
            return OfferForm {
                length: "30".into(),
                buffer_before: "0".into(),
                buffer_after: "10".into(),
                notice_hours: "12".into(),
                horizon_days: "21".into(),
                capacity: "1".into(),
                cutoff_hours: "12".into(),
                open: "on".into(),
                ..OfferForm::default()
            };
        };
        let windows = parse_windows(&o.windows);
        let day = |n: i8| {
            let hours: Vec<_> =
                windows.iter().filter(|w| w.weekday.to_monday_one_offset() == n).map(|w| (w.start, w.end)).collect();
            hours_text(&hours)
        };
        OfferForm {
            day1: day(1),
            day2: day(2),
            day3: day(3),
            day4: day(4),
            day5: day(5),
            day6: day(6),
            day7: day(7),
            exceptions: parse_exceptions(&o.exceptions).map(|e| exceptions_text(&e)).unwrap_or_default(),
            length: o.length_minutes.to_string(),
            buffer_before: o.buffer_before_minutes.to_string(),
            buffer_after: o.buffer_after_minutes.to_string(),
            notice_hours: format_hours(o.notice_minutes),
            horizon_days: o.horizon_days.to_string(),
            per_day: o.per_day.map(|n| n.to_string()).unwrap_or_default(),
            per_week: o.per_week.map(|n| n.to_string()).unwrap_or_default(),
            capacity: o.capacity.to_string(),
            cutoff_hours: format_hours(o.cutoff_minutes),
            place: o.place.clone(),
            open: if o.open { "on".into() } else { String::new() },
        }
    }

    /// Check every field; all errors at once.
    pub fn check(&self) -> Result<Offer, Vec<FieldError>> {
        let mut errors = vec![];
        let mut windows = vec![];
        for (i, text) in self.days().iter().enumerate() {
            match parse_hours(text) {
                Some(hours) => {
                    let day = weekday(i as i8 + 1).expect("1 to 7");
                    windows.extend(hours.into_iter().map(|(start, end)| Window { weekday: day, start, end }));
                }
                None => errors.push((DAY_FIELDS[i], "booking-err-hours")),
            }
        }
        let exceptions = match parse_exceptions(&self.exceptions) {
            Ok(e) if e.len() <= 200 => exceptions_text(&e),
            _ => {
                errors.push(("exceptions", "booking-err-exceptions"));
                String::new()
            }
        };
        let length = number(&self.length, 5..=240);
        if length.is_none() {
            errors.push(("length", "booking-err-length"));
        }
        let before = number(&self.buffer_before, 0..=120);
        if before.is_none() {
            errors.push(("buffer_before", "booking-err-buffer"));
        }
        let after = number(&self.buffer_after, 0..=120);
        if after.is_none() {
            errors.push(("buffer_after", "booking-err-buffer"));
        }
        let notice = hours_to_minutes(&self.notice_hours, 0, 24 * 30);
        if notice.is_none() {
            errors.push(("notice_hours", "booking-err-notice"));
        }
        let horizon = number(&self.horizon_days, 1..=180);
        if horizon.is_none() {
            errors.push(("horizon_days", "booking-err-horizon"));
        }
        let per_day = optional(&self.per_day, 1..=50).map_err(|_| errors.push(("per_day", "booking-err-limit")));
        let per_week = optional(&self.per_week, 1..=200).map_err(|_| errors.push(("per_week", "booking-err-limit")));
        let capacity = number(&self.capacity, 1..=50);
        if capacity.is_none() {
            errors.push(("capacity", "booking-err-capacity"));
        }
        let cutoff = hours_to_minutes(&self.cutoff_hours, 0, 24 * 14);
        if cutoff.is_none() {
            errors.push(("cutoff_hours", "booking-err-cutoff-hours"));
        }
        let place = self.place.trim().to_string();
        if place.chars().count() > MAX_PLACE || place.chars().any(char::is_control) {
            errors.push(("place", "booking-err-place"));
        }
        let open = self.open == "on";
        if open && windows.is_empty() && !exceptions.contains(':') {
            errors.push(("day1", "booking-err-no-hours"));
        }
        match (length, before, after, notice, horizon, per_day, per_week, capacity, cutoff) {
            (Some(l), Some(b), Some(a), Some(n), Some(h), Ok(pd), Ok(pw), Some(c), Some(cut)) if errors.is_empty() => {
                Ok(Offer {
                    windows: homeroom_booking::text::windows_text(&windows),
                    exceptions,
                    length_minutes: l,
                    buffer_before_minutes: b,
                    buffer_after_minutes: a,
                    notice_minutes: n,
                    horizon_days: h,
                    per_day: pd,
                    per_week: pw,
                    capacity: c,
                    cutoff_minutes: cut,
                    place,
                    open,
                })
            }
            _ => Err(errors),
        }
    }
}

pub const DAY_FIELDS: [&str; 7] = ["day1", "day2", "day3", "day4", "day5", "day6", "day7"];

/// Hours as typed ("12", "1.5", "0,5") to whole minutes within `[min, max]` hours.
fn hours_to_minutes(s: &str, min: i32, max: i32) -> Option<i32> {
    let v: f64 = s.trim().replace(',', ".").parse().ok()?;
    (v.is_finite() && v >= f64::from(min) && v <= f64::from(max)).then(|| (v * 60.0).round() as i32)
}

fn format_hours(minutes: i32) -> String {
    if minutes % 60 == 0 { (minutes / 60).to_string() } else { format!("{}", f64::from(minutes) / 60.0) }
}

/// The pure crate's view of a stored offer.
pub fn availability(o: &booking_offer::Model) -> Availability {
    Availability {
        zone: crate::time::zone(&o.time_zone),
        windows: parse_windows(&o.windows),
        exceptions: parse_exceptions(&o.exceptions).unwrap_or_else(|_| BTreeMap::new()),
        length_minutes: i64::from(o.length_minutes),
        buffer_before_minutes: i64::from(o.buffer_before_minutes),
        buffer_after_minutes: i64::from(o.buffer_after_minutes),
        notice_minutes: i64::from(o.notice_minutes),
        horizon_days: i64::from(o.horizon_days),
        per_day: o.per_day.and_then(|n| u32::try_from(n).ok()),
        per_week: o.per_week.and_then(|n| u32::try_from(n).ok()),
        capacity: u32::try_from(o.capacity).unwrap_or(1),
    }
}

/// A topic or a note: trimmed, within its length, no control characters but newlines.
pub fn clean_text(s: &str, max: usize) -> Option<String> {
    let t = s.trim().replace("\r\n", "\n");
    (t.chars().count() <= max && !t.chars().any(|c| c.is_control() && c != '\n')).then_some(t)
}

/// A follow-up date, "YYYY-MM-DD" or empty; the error is the Fluent id to show.
pub fn follow_up(s: &str) -> Result<Option<String>, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<jiff::civil::Date>().map(|d| Some(d.to_string())).map_err(|_| "booking-err-note")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thursdays() -> OfferForm {
        OfferForm { day4: "13:00-16:00".into(), ..OfferForm::from_offer(None) }
    }

    #[test]
    fn a_good_form_is_an_offer() {
        let o = thursdays().check().unwrap();
        assert_eq!(o.windows, "4 13:00-16:00");
        assert_eq!((o.length_minutes, o.notice_minutes, o.cutoff_minutes, o.capacity), (30, 720, 720, 1));
        assert!(o.open && o.per_day.is_none());
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let f = OfferForm {
            day2: "late".into(),
            exceptions: "Christmas".into(),
            length: "0".into(),
            buffer_after: "x".into(),
            per_day: "-1".into(),
            capacity: "0".into(),
            cutoff_hours: "1000".into(),
            ..thursdays()
        };
        let fields: Vec<&str> = f.check().unwrap_err().iter().map(|e| e.0).collect();
        assert_eq!(fields, ["day2", "exceptions", "length", "buffer_after", "per_day", "capacity", "cutoff_hours"]);
    }

    #[test]
    fn open_without_hours_is_refused_but_closed_is_fine() {
        let empty = OfferForm { day4: String::new(), ..thursdays() };
        assert_eq!(empty.check().unwrap_err(), vec![("day1", "booking-err-no-hours")]);
        assert!(OfferForm { open: String::new(), ..empty }.check().is_ok());
    }

    #[test]
    fn a_stored_offer_fills_the_form_back() {
        let o = thursdays().check().unwrap();
        let m = booking_offer::Model {
            id: 1,
            course_id: 1,
            staff_id: 1,
            time_zone: "Europe/Oslo".into(),
            windows: o.windows.clone(),
            exceptions: "2026-12-24 closed".into(),
            length_minutes: 30,
            buffer_before_minutes: 0,
            buffer_after_minutes: 10,
            notice_minutes: 90,
            horizon_days: 21,
            per_day: Some(4),
            per_week: None,
            capacity: 1,
            cutoff_minutes: 720,
            place: "Room 1".into(),
            open: true,
            updated_at: 0,
        };
        let f = OfferForm::from_offer(Some(&m));
        assert_eq!((f.day4.as_str(), f.notice_hours.as_str(), f.per_day.as_str()), ("13:00-16:00", "1.5", "4"));
        assert_eq!(f.check().unwrap().notice_minutes, 90);
        assert_eq!(availability(&m).windows.len(), 1);
    }

    #[test]
    fn topics_and_dates() {
        assert_eq!(clean_text("  Essay plan \r\n", MAX_TOPIC).as_deref(), Some("Essay plan"));
        assert_eq!(clean_text("a\u{0}b", MAX_TOPIC), None);
        assert_eq!(clean_text(&"x".repeat(501), MAX_TOPIC), None);
        assert_eq!(follow_up(""), Ok(None));
        assert_eq!(follow_up("2026-12-24"), Ok(Some("2026-12-24".into())));
        assert_eq!(follow_up("24/12"), Err("booking-err-note"));
    }
}
