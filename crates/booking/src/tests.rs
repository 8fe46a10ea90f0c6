use super::*;
use jiff::civil::{date, time};
use proptest::prelude::*;

fn oslo() -> TimeZone {
    TimeZone::get("Europe/Oslo").unwrap()
}

/// Thursdays 13:00–16:00 in Oslo, 30-minute meetings with a 10-minute buffer after.
fn thursdays() -> Availability {
    Availability {
        zone: oslo(),
        windows: vec![Window { weekday: Weekday::Thursday, start: time(13, 0, 0, 0), end: time(16, 0, 0, 0) }],
        exceptions: BTreeMap::new(),
        length_minutes: 30,
        buffer_before_minutes: 0,
        buffer_after_minutes: 10,
        notice_minutes: 12 * 60,
        horizon_days: 14,
        per_day: None,
        per_week: None,
        capacity: 1,
    }
}

fn at(d: Date, t: Time, zone: &TimeZone) -> Timestamp {
    d.to_datetime(t).to_zoned(zone.clone()).unwrap().timestamp()
}

fn local(ts: Timestamp, zone: &TimeZone) -> String {
    ts.to_zoned(zone.clone()).strftime("%a %Y-%m-%d %H:%M").to_string()
}

#[test]
fn thursday_afternoons_in_steps_of_meeting_and_buffer() {
    // Monday 7 December 2026, 09:00 in Oslo.
    let now = at(date(2026, 12, 7), time(9, 0, 0, 0), &oslo());
    let slots = open_slots(&thursdays(), &[], now);
    let shown: Vec<String> = slots.iter().map(|s| local(s.start, &oslo())).collect();
    assert_eq!(
        &shown[..5],
        [
            "Thu 2026-12-10 13:00",
            "Thu 2026-12-10 13:40",
            "Thu 2026-12-10 14:20",
            "Thu 2026-12-10 15:00",
            "Thu 2026-12-17 13:00"
        ]
    );
    // 15:40 + 30 + 10 would end after 16:00.
    assert_eq!(slots.len(), 8);
    assert!(slots.iter().all(|s| s.end.duration_since(s.start) == SignedDuration::from_mins(30)));
}

#[test]
fn the_window_stays_on_the_local_clock_across_daylight_saving() {
    // Oslo moves from summer to winter time on Sunday 25 October 2026.
    let now = at(date(2026, 10, 19), time(8, 0, 0, 0), &oslo());
    let slots = open_slots(&thursdays(), &[], now);
    let firsts: Vec<String> =
        slots.iter().filter(|s| local(s.start, &oslo()).ends_with("13:00")).map(|s| local(s.start, &oslo())).collect();
    assert_eq!(firsts, ["Thu 2026-10-22 13:00", "Thu 2026-10-29 13:00"]);
    // …which are 11:00 UTC before the change and 12:00 UTC after it.
    let utc: Vec<String> =
        slots.iter().filter(|s| local(s.start, &oslo()).ends_with("13:00")).map(|s| s.start.to_string()).collect();
    assert_eq!(utc, ["2026-10-22T11:00:00Z", "2026-10-29T12:00:00Z"]);
}

#[test]
fn a_window_in_the_spring_gap_starts_after_it() {
    let mut a = thursdays();
    a.windows = vec![Window { weekday: Weekday::Sunday, start: time(2, 30, 0, 0), end: time(4, 0, 0, 0) }];
    a.buffer_after_minutes = 0;
    let now = at(date(2026, 3, 25), time(8, 0, 0, 0), &oslo());
    let slots = open_slots(&a, &[], now);
    // 02:30 does not exist on 29 March 2026: the window opens at 03:30.
    let on_the_day: Vec<String> =
        slots.iter().map(|s| local(s.start, &oslo())).filter(|s| s.contains("2026-03-29")).collect();
    assert_eq!(on_the_day, ["Sun 2026-03-29 03:30"]);
}

#[test]
fn bookings_with_their_buffers_close_nearby_slots() {
    let mut a = thursdays();
    a.buffer_before_minutes = 5;
    let now = at(date(2026, 12, 7), time(9, 0, 0, 0), &oslo());
    let all = open_slots(&a, &[], now);
    // Book the second slot; its neighbours stay open only if the buffers clear.
    let b = Booking { start: all[1].start, end: all[1].end, attendees: 1 };
    let open = open_slots(&a, &[b], now);
    assert!(!open.iter().any(|s| s.start == b.start));
    assert!(open.iter().any(|s| s.start == all[0].start));
    assert!(open.iter().any(|s| s.start == all[2].start));
    // A booking made elsewhere that overlaps two slots closes both.
    let odd = Booking {
        start: at(date(2026, 12, 10), time(13, 20, 0, 0), &oslo()),
        end: at(date(2026, 12, 10), time(13, 50, 0, 0), &oslo()),
        attendees: 1,
    };
    let open = open_slots(&a, &[odd], now);
    assert!(!open.iter().any(|s| s.start == all[0].start || s.start == all[1].start));
}

#[test]
fn notice_horizon_and_limits() {
    let now = at(date(2026, 12, 10), time(6, 0, 0, 0), &oslo());
    let mut a = thursdays();
    a.notice_minutes = 8 * 60; // nothing before 14:00 today
    let slots = open_slots(&a, &[], now);
    assert_eq!(local(slots[0].start, &oslo()), "Thu 2026-12-10 14:20");
    a.horizon_days = 3;
    assert!(open_slots(&a, &[], now).iter().all(|s| s.start < now + SignedDuration::from_hours(72)));

    let a = Availability { per_day: Some(1), notice_minutes: 0, ..thursdays() };
    let first = open_slots(&a, &[], now)[0];
    let booked = Booking { start: first.start, end: first.end, attendees: 1 };
    let open = open_slots(&a, &[booked], now);
    assert!(open.iter().all(|s| local(s.start, &oslo()).contains("2026-12-17")), "the day is full");
}

#[test]
fn group_hours_stay_open_until_full() {
    let a = Availability { capacity: 3, notice_minutes: 0, ..thursdays() };
    let now = at(date(2026, 12, 7), time(9, 0, 0, 0), &oslo());
    let first = open_slots(&a, &[], now)[0];
    let two = Booking { start: first.start, end: first.end, attendees: 2 };
    let slots = open_slots(&a, &[two], now);
    assert_eq!(slots[0], Slot { places_left: 1, ..first });
    let full = Booking { attendees: 3, ..two };
    assert_ne!(open_slots(&a, &[full], now)[0].start, first.start);
}

#[test]
fn exceptions_close_a_day_or_change_its_hours() {
    let mut a = thursdays();
    a.exceptions.insert(date(2026, 12, 10), Exception::Closed);
    a.exceptions.insert(date(2026, 12, 12), Exception::Hours(vec![(time(10, 0, 0, 0), time(10, 40, 0, 0))]));
    let now = at(date(2026, 12, 7), time(9, 0, 0, 0), &oslo());
    let days: Vec<String> = open_slots(&a, &[], now).iter().map(|s| local(s.start, &oslo())).collect();
    assert!(!days.iter().any(|d| d.contains("2026-12-10")));
    assert!(days.contains(&"Sat 2026-12-12 10:00".to_string()));
}

#[test]
fn changes_up_to_the_cutoff() {
    let now = Timestamp::from_second(1_000_000).unwrap();
    assert!(may_change(now + SignedDuration::from_hours(25), now, 24 * 60));
    assert!(!may_change(now + SignedDuration::from_hours(23), now, 24 * 60));
}

fn any_availability() -> impl Strategy<Value = Availability> {
    let zones =
        prop::sample::select(vec!["Europe/Oslo", "America/New_York", "Australia/Adelaide", "Asia/Kolkata", "UTC"]);
    (
        zones,
        prop::collection::vec((0u8..7, 0u32..(24 * 4), 1u32..(12 * 4)), 1..4),
        prop::sample::select(vec![15i64, 20, 30, 45, 60]),
        0i64..20,
        0i64..20,
        0i64..(48 * 60),
        prop::option::of(1u32..4),
        1u32..4,
    )
        .prop_map(|(zone, windows, length, before, after, notice, per_day, capacity)| Availability {
            zone: TimeZone::get(zone).unwrap(),
            windows: windows
                .into_iter()
                .map(|(d, s, len)| {
                    let start = s * 15;
                    let end = (start + len * 15).min(24 * 60 - 1);
                    Window {
                        weekday: Weekday::from_monday_zero_offset(d as i8).unwrap(),
                        start: time((start / 60) as i8, (start % 60) as i8, 0, 0),
                        end: time((end / 60) as i8, (end % 60) as i8, 0, 0),
                    }
                })
                .collect(),
            exceptions: BTreeMap::new(),
            length_minutes: length,
            buffer_before_minutes: before,
            buffer_after_minutes: after,
            notice_minutes: notice,
            horizon_days: 21,
            per_day,
            per_week: None,
            capacity,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the zone, the windows and the bookings: every slot is a whole meeting
    /// inside a window on the local clock, after the notice and before the horizon, clear
    /// of every other booking with the buffers on both sides, and slots never overlap.
    #[test]
    fn slots_respect_every_rule(a in any_availability(), day in 0i64..400, picks in prop::collection::vec(0usize..50, 0..6)) {
        let now = Timestamp::from_second(1_767_225_600 + day * 86_400 + 3_600 * 7).unwrap();
        let all = open_slots(&a, &[], now);
        let mut bookings: Vec<Booking> = vec![];
        for p in picks {
            if let Some(s) = all.get(p) {
                bookings.push(Booking { start: s.start, end: s.end, attendees: a.capacity });
            }
        }
        bookings.dedup();
        let open = open_slots(&a, &bookings, now);
        let pad_b = SignedDuration::from_mins(a.buffer_before_minutes);
        let pad_a = SignedDuration::from_mins(a.buffer_after_minutes);
        for s in &open {
            prop_assert_eq!(s.end.duration_since(s.start), SignedDuration::from_mins(a.length_minutes));
            prop_assert!(s.start >= now + SignedDuration::from_mins(a.notice_minutes));
            prop_assert!(s.start < now + SignedDuration::from_hours(24 * 21));
            let ls = s.start.to_zoned(a.zone.clone());
            let le = (s.end + pad_a).to_zoned(a.zone.clone());
            // The day's windows as instants (on a day the clocks change, a window on the
            // wall clock is longer or shorter in real time), merged where they touch.
            let mut spans: Vec<(Timestamp, Timestamp)> = a
                .windows
                .iter()
                .filter(|w| w.weekday == ls.weekday())
                .map(|w| (at(ls.date(), w.start, &a.zone), at(ls.date(), w.end, &a.zone)))
                .collect();
            spans.sort_unstable();
            let mut merged: Vec<(Timestamp, Timestamp)> = vec![];
            for (x, y) in spans {
                match merged.last_mut() {
                    Some(last) if x <= last.1 => last.1 = last.1.max(y),
                    _ => merged.push((x, y)),
                }
            }
            let inside = ls.date() == le.date() && merged.iter().any(|(x, y)| *x <= s.start - pad_b && s.end + pad_a <= *y);
            prop_assert!(inside, "{} is outside every window", ls);
            for b in &bookings {
                prop_assert!(b.start - pad_b >= s.end + pad_a || s.start - pad_b >= b.end + pad_a, "clash with a booking");
            }
        }
        for w in open.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        if let Some(limit) = a.per_day {
            // A full day offers no new meeting.
            let mut per_day: BTreeMap<Date, u32> = BTreeMap::new();
            for b in &bookings { *per_day.entry(b.start.to_zoned(a.zone.clone()).date()).or_default() += 1; }
            for s in &open {
                let d = s.start.to_zoned(a.zone.clone()).date();
                prop_assert!(per_day.get(&d).copied().unwrap_or(0) < limit);
            }
        }
    }
}
