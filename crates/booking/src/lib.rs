//! One-to-one check-ins: which meeting slots a member of staff has open, from their
//! published availability. Pure: no I/O, no clock (the caller passes "now").
//!
//! Availability is weekly windows on the staff member's own wall clock ("Thursday 13:00
//! to 16:00" in Europe/Oslo), date exceptions (a day off, or extra hours on one date), a
//! meeting length, buffers before and after, a minimum notice, a horizon, and limits per
//! day and per week. Windows are laid out day by day in civil time and only then turned
//! into instants, so Thursday 13:00 stays 13:00 across daylight saving changes; a window
//! edge that falls in a spring-forward gap moves later, one in an autumn repeat is the
//! first of the two.
//!
//! A slot is offered only when the meeting with its buffers fits inside a window and
//! clear of every existing booking with *its* buffers, so two meetings never run into
//! each other. Group office hours are slots with a capacity; a group slot stays open
//! until it is full.

pub mod text;

use std::collections::BTreeMap;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

const MINUTE: i64 = 60_000;

/// A weekly window on the staff member's clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub weekday: Weekday,
    pub start: Time,
    pub end: Time,
}

/// A change for one date: closed, or these hours instead of the weekly ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exception {
    Closed,
    Hours(Vec<(Time, Time)>),
}

/// Everything a member of staff publishes.
#[derive(Clone, Debug)]
pub struct Availability {
    pub zone: TimeZone,
    pub windows: Vec<Window>,
    pub exceptions: BTreeMap<Date, Exception>,
    pub length_minutes: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    /// No booking closer to now than this.
    pub notice_minutes: i64,
    /// No booking further ahead than this many days.
    pub horizon_days: i64,
    /// At most this many meetings on one day (on the staff member's clock), if set.
    pub per_day: Option<u32>,
    /// At most this many meetings in one ISO week (on the staff member's clock), if set.
    pub per_week: Option<u32>,
    /// How many students may book one slot (1 for a one-to-one, more for group hours).
    pub capacity: u32,
}

/// A meeting already booked, with the number of students in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Booking {
    pub start: Timestamp,
    pub end: Timestamp,
    pub attendees: u32,
}

/// An open slot and how many places are left in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub start: Timestamp,
    pub end: Timestamp,
    pub places_left: u32,
}

/// The open slots from `now` to the horizon, in time order.
pub fn open_slots(a: &Availability, bookings: &[Booking], now: Timestamp) -> Vec<Slot> {
    if a.length_minutes <= 0 || a.capacity == 0 {
        return vec![];
    }
    let length = a.length_minutes * MINUTE;
    let before = a.buffer_before_minutes.max(0) * MINUTE;
    let after = a.buffer_after_minutes.max(0) * MINUTE;
    let earliest = now.as_millisecond() + a.notice_minutes.max(0) * MINUTE;
    let latest = now.as_millisecond() + a.horizon_days.max(0) * 24 * 60 * MINUTE;

    // Meetings per local day and ISO week, for the limits.
    let mut per_day: BTreeMap<Date, u32> = BTreeMap::new();
    let mut per_week: BTreeMap<(i16, i8), u32> = BTreeMap::new();
    for b in bookings {
        let d = b.start.to_zoned(a.zone.clone()).date();
        *per_day.entry(d).or_default() += 1;
        *per_week.entry(iso_week(d)).or_default() += 1;
    }

    let today = now.to_zoned(a.zone.clone()).date();
    let mut out = vec![];
    let mut date = today;
    while date <= today.saturating_add((a.horizon_days.max(0) + 1).days()) {
        let hours: Vec<(Time, Time)> = match a.exceptions.get(&date) {
            Some(Exception::Closed) => vec![],
            Some(Exception::Hours(h)) => h.clone(),
            None => a.windows.iter().filter(|w| w.weekday == date.weekday()).map(|w| (w.start, w.end)).collect(),
        };
        let day_full = a.per_day.is_some_and(|l| per_day.get(&date).copied().unwrap_or(0) >= l);
        let week_full = a.per_week.is_some_and(|l| per_week.get(&iso_week(date)).copied().unwrap_or(0) >= l);
        // Overlapping or touching windows are one window, so their slots cannot overlap.
        let mut spans: Vec<(i64, i64)> = hours
            .iter()
            .filter_map(|(start, end)| Some((instant(date, *start, &a.zone)?, instant(date, *end, &a.zone)?)))
            .filter(|(s, e)| s < e)
            .collect();
        spans.sort_unstable();
        let mut merged: Vec<(i64, i64)> = vec![];
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        for (ws, we) in merged {
            let mut s = ws + before;
            while s + length + after <= we {
                let e = s + length;
                if s >= earliest && s < latest {
                    // The same meeting already booked (group hours) leaves places; any
                    // other booking nearby closes the slot.
                    let same: u32 = bookings
                        .iter()
                        .filter(|b| b.start.as_millisecond() == s && b.end.as_millisecond() == e)
                        .map(|b| b.attendees)
                        .sum();
                    let clash = bookings.iter().any(|b| {
                        let (bs, be) = (b.start.as_millisecond(), b.end.as_millisecond());
                        !(bs == s && be == e) && bs - before < e + after && s - before < be + after
                    });
                    let new_meeting = same == 0;
                    let limited = new_meeting && (day_full || week_full);
                    if !clash && !limited && same < a.capacity {
                        out.push(Slot { start: ms(s), end: ms(e), places_left: a.capacity - same });
                    }
                }
                s += length + after + before;
            }
        }
        date = match date.tomorrow() {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    out.sort_by_key(|s| s.start);
    out.dedup_by_key(|s| s.start);
    out
}

fn instant(date: Date, at: Time, zone: &TimeZone) -> Option<i64> {
    date.to_datetime(at).to_zoned(zone.clone()).ok().map(|z| z.timestamp().as_millisecond())
}

fn ms(v: i64) -> Timestamp {
    Timestamp::from_millisecond(v).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn iso_week(d: Date) -> (i16, i8) {
    let w = d.iso_week_date();
    (w.year(), w.week())
}

/// Whether a booking may still be cancelled or moved: up to `cutoff_minutes` before.
pub fn may_change(start: Timestamp, now: Timestamp, cutoff_minutes: i64) -> bool {
    start.duration_since(now) >= SignedDuration::from_mins(cutoff_minutes.max(0))
}

#[cfg(test)]
mod tests;
