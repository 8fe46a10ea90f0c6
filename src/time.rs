//! Instants are stored as UTC milliseconds since the Unix epoch (see
//! `docs/decisions/0002-time-as-epoch-millis.md`) and shown in the viewer's own time zone.

use jiff::{Timestamp, tz::TimeZone};

/// Now, as stored in the database.
pub fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

/// A time zone by IANA name, falling back to UTC for names the database does not know
/// (an old browser or an imported roster may send one).
pub fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// Whether `name` is an IANA time zone this server knows.
pub fn is_known_zone(name: &str) -> bool {
    !name.is_empty() && name.len() <= 64 && TimeZone::get(name).is_ok()
}

/// An instant formatted for a person: date and time in their zone, in their language's
/// usual numeric order.
pub fn format_instant(ms: i64, zone_name: &str, locale: &str) -> String {
    let Ok(ts) = Timestamp::from_millisecond(ms) else {
        return String::new();
    };
    let zoned = ts.to_zoned(zone(zone_name));
    let pattern = if locale == "nb" { "%d.%m.%Y %H:%M" } else { "%-d %b %Y, %H:%M" };
    zoned.strftime(pattern).to_string()
}

/// The wall-clock time now in a zone, e.g. "14:05", for "their local time" hints.
pub fn local_time_now(zone_name: &str) -> String {
    Timestamp::now().to_zoned(zone(zone_name)).strftime("%H:%M").to_string()
}

/// The time zones offered in forms: every zone the bundled database knows, sorted.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> =
        jiff::tz::db().available().map(|n| n.as_str().to_string()).filter(|n| n.contains('/') || n == "UTC").collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_the_viewers_zone_and_language() {
        // 2026-01-15 12:00 UTC
        let ms = 1_768_478_400_000;
        assert_eq!(format_instant(ms, "Europe/Oslo", "nb"), "15.01.2026 13:00");
        assert_eq!(format_instant(ms, "America/New_York", "en"), "15 Jan 2026, 07:00");
        assert_eq!(format_instant(ms, "Not/AZone", "en"), "15 Jan 2026, 12:00");
    }

    #[test]
    fn knows_real_zones_only() {
        assert!(is_known_zone("Europe/Oslo"));
        assert!(is_known_zone("UTC"));
        assert!(!is_known_zone("Mars/Olympus"));
        assert!(!is_known_zone(""));
        assert!(zone_names().iter().any(|z| z == "Pacific/Auckland"));
    }
}
