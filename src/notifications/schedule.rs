//! When a person's notification email is due, pure: from their choice, their time zone
//! and the oldest notification still waiting. Digests go out at 07:00 local (weekly on
//! Monday); an immediate email that would arrive between 22:00 and 07:00 waits until
//! 07:00. Local times are resolved with jiff, so days of 23 or 25 hours (DST) are right;
//! a 07:00 that does not exist that day (a gap) becomes the first instant after it.

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// What a person chose on their account page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    Immediate,
    Daily,
    Weekly,
    None,
}

impl Frequency {
    pub const ALL: [Frequency; 4] = [Frequency::Immediate, Frequency::Daily, Frequency::Weekly, Frequency::None];
    /// Most people want to hear about their course without a mail per reply.
    pub const DEFAULT: Frequency = Frequency::Daily;

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Immediate => "immediate",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// The local hour digests go out, and the end of the quiet night.
pub const MORNING_HOUR: i8 = 7;
/// From this local hour on, immediate emails wait for the morning.
pub const QUIET_FROM_HOUR: i8 = 22;

/// The instant (UTC millis) at which the email covering notifications waiting since
/// `pending_since` is due, or `None` for people who want no email.
pub fn due_at(freq: Frequency, zone: &TimeZone, pending_since: i64) -> Option<i64> {
    let since = Timestamp::from_millisecond(pending_since).ok()?;
    let local = since.to_zoned(zone.clone());
    let due = match freq {
        Frequency::None => return None,
        Frequency::Immediate => {
            let h = local.hour();
            if (MORNING_HOUR..QUIET_FROM_HOUR).contains(&h) { since } else { next_morning(&local, zone, None)? }
        }
        Frequency::Daily => next_morning(&local, zone, None)?,
        Frequency::Weekly => next_morning(&local, zone, Some(Weekday::Monday))?,
    };
    Some(due.as_millisecond())
}

/// The first 07:00 local strictly after `after` (on the given weekday, if any).
fn next_morning(after: &Zoned, zone: &TimeZone, weekday: Option<Weekday>) -> Option<Timestamp> {
    let mut day: Date = after.date();
    for _ in 0..9 {
        if weekday.is_none_or(|w| day.weekday() == w) {
            let at = day.at(MORNING_HOUR, 0, 0, 0).to_zoned(zone.clone()).ok()?.timestamp();
            if at > after.timestamp() {
                return Some(at);
            }
        }
        day = day.tomorrow().ok()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ms(s: &str, zone: &str) -> i64 {
        let dt: jiff::civil::DateTime = s.parse().unwrap();
        dt.to_zoned(TimeZone::get(zone).unwrap()).unwrap().timestamp().as_millisecond()
    }

    fn local(ms: i64, zone: &str) -> String {
        Timestamp::from_millisecond(ms)
            .unwrap()
            .to_zoned(TimeZone::get(zone).unwrap())
            .strftime("%Y-%m-%d %H:%M %a")
            .to_string()
    }

    #[test]
    fn daily_goes_out_at_seven_the_next_morning_or_this_morning() {
        let oslo = TimeZone::get("Europe/Oslo").unwrap();
        let due = due_at(Frequency::Daily, &oslo, ms("2026-03-10T15:00", "Europe/Oslo")).unwrap();
        assert_eq!(local(due, "Europe/Oslo"), "2026-03-11 07:00 Wed");
        let due = due_at(Frequency::Daily, &oslo, ms("2026-03-10T05:00", "Europe/Oslo")).unwrap();
        assert_eq!(local(due, "Europe/Oslo"), "2026-03-10 07:00 Tue");
    }

    #[test]
    fn weekly_waits_for_monday_morning() {
        let z = TimeZone::get("America/New_York").unwrap();
        let due = due_at(Frequency::Weekly, &z, ms("2026-03-10T15:00", "America/New_York")).unwrap();
        assert_eq!(local(due, "America/New_York"), "2026-03-16 07:00 Mon");
        // Monday after seven: next Monday.
        let due = due_at(Frequency::Weekly, &z, ms("2026-03-16T07:30", "America/New_York")).unwrap();
        assert_eq!(local(due, "America/New_York"), "2026-03-23 07:00 Mon");
    }

    #[test]
    fn immediate_is_now_by_day_and_seven_after_a_quiet_night() {
        let oslo = TimeZone::get("Europe/Oslo").unwrap();
        let t = ms("2026-06-01T12:34", "Europe/Oslo");
        assert_eq!(due_at(Frequency::Immediate, &oslo, t), Some(t));
        let due = due_at(Frequency::Immediate, &oslo, ms("2026-06-01T23:10", "Europe/Oslo")).unwrap();
        assert_eq!(local(due, "Europe/Oslo"), "2026-06-02 07:00 Tue");
        let due = due_at(Frequency::Immediate, &oslo, ms("2026-06-02T03:00", "Europe/Oslo")).unwrap();
        assert_eq!(local(due, "Europe/Oslo"), "2026-06-02 07:00 Tue");
        assert_eq!(due_at(Frequency::None, &oslo, t), None);
    }

    #[test]
    fn seven_oclock_is_local_across_daylight_saving_changes() {
        // Europe switches on the last Sunday of March: the night before is 23 hours.
        let oslo = TimeZone::get("Europe/Oslo").unwrap();
        let due = due_at(Frequency::Daily, &oslo, ms("2026-03-28T20:00", "Europe/Oslo")).unwrap();
        assert_eq!(local(due, "Europe/Oslo"), "2026-03-29 07:00 Sun");
        let due = due_at(Frequency::Daily, &oslo, ms("2026-10-24T20:00", "Europe/Oslo")).unwrap();
        assert_eq!(local(due, "Europe/Oslo"), "2026-10-25 07:00 Sun");
    }

    const ZONES: [&str; 6] =
        ["Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Apia", "UTC"];

    proptest! {
        #[test]
        fn due_times_are_after_and_close_to_the_notification(
            since in 1_600_000_000_000i64..2_000_000_000_000, z in 0usize..ZONES.len(), f in 0usize..3
        ) {
            let zone = TimeZone::get(ZONES[z]).unwrap();
            let freq = Frequency::ALL[f];
            let due = due_at(freq, &zone, since).unwrap();
            prop_assert!(due >= since);
            let hour = 3_600_000;
            let limit = match freq {
                Frequency::Immediate => 10 * hour,
                Frequency::Daily => 26 * hour,
                _ => 7 * 24 * hour + 2 * hour,
            };
            prop_assert!(due - since <= limit, "{} after", due - since);
            let local = Timestamp::from_millisecond(due).unwrap().to_zoned(zone.clone());
            if due != since {
                prop_assert_eq!(local.hour(), MORNING_HOUR);
                prop_assert_eq!(local.minute(), 0);
            } else {
                prop_assert!((MORNING_HOUR..QUIET_FROM_HOUR).contains(&local.hour()));
            }
            if freq == Frequency::Weekly {
                prop_assert_eq!(local.weekday(), Weekday::Monday);
            }
            // Due is a fixed point: asking again a moment before gives the same answer.
            if due > since {
                prop_assert_eq!(due_at(freq, &zone, due - 1), Some(due));
            }
        }
    }
}
