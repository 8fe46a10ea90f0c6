//! iCalendar for check-ins: the invitation sent with each confirmation (METHOD:REQUEST),
//! move (the same UID, a higher SEQUENCE) and cancellation (METHOD:CANCEL), and a
//! person's feed of their meetings (METHOD:PUBLISH). Times are written in the staff
//! member's zone with its VTIMEZONE, so a calendar shows the meeting where it belongs
//! even across a summer-time change. Text escaping and line folding are the ones "Our
//! week" uses (`routine::ical`). Pure; `tests/it/booking.rs` reads the output with the
//! `icalendar` crate's parser.

use jiff::{SignedDuration, Timestamp};

use crate::routine::ical::{escape, fold, vtimezone};

/// What a calendar needs to know about one meeting.
pub struct Meeting<'a> {
    pub uid: &'a str,
    pub sequence: i32,
    pub start: Timestamp,
    pub end: Timestamp,
    /// The staff member's zone.
    pub zone: &'a str,
    pub summary: &'a str,
    pub description: &'a str,
    pub place: &'a str,
    /// Who organises (the staff member's name; the address is the site's own, so
    /// nobody's private address travels in an invitation).
    pub organizer_name: &'a str,
    pub organizer_address: &'a str,
    /// The person this copy is for.
    pub attendee_name: &'a str,
    pub attendee_address: &'a str,
    pub cancelled: bool,
    pub stamp: Timestamp,
}

fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn local(t: Timestamp, zone: &str) -> String {
    t.to_zoned(crate::time::zone(zone)).strftime("%Y%m%dT%H%M%S").to_string()
}

/// A CN parameter value: quoted, without the characters a quoted value may not hold.
fn cn(s: &str) -> String {
    s.chars().filter(|c| *c != '"' && !c.is_control()).collect()
}

fn event(m: &Meeting<'_>, with_people: bool) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", m.uid),
        format!("SEQUENCE:{}", m.sequence),
        format!("DTSTAMP:{}", utc(m.stamp)),
        format!("DTSTART;TZID={}:{}", m.zone, local(m.start, m.zone)),
        format!("DTEND;TZID={}:{}", m.zone, local(m.end, m.zone)),
        format!("SUMMARY:{}", escape(m.summary)),
        format!("STATUS:{}", if m.cancelled { "CANCELLED" } else { "CONFIRMED" }),
    ];
    if !m.description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape(m.description)));
    }
    if !m.place.is_empty() {
        lines.push(format!("LOCATION:{}", escape(m.place)));
        if (m.place.starts_with("https://") || m.place.starts_with("http://")) && !m.place.contains(char::is_whitespace)
        {
            lines.push(format!("URL:{}", m.place));
        }
    }
    if with_people {
        lines.push(format!("ORGANIZER;CN=\"{}\":mailto:{}", cn(m.organizer_name), m.organizer_address));
        lines.push(format!(
            "ATTENDEE;CN=\"{}\";ROLE=REQ-PARTICIPANT;PARTSTAT={}:mailto:{}",
            cn(m.attendee_name),
            if m.cancelled { "DECLINED" } else { "ACCEPTED" },
            m.attendee_address
        ));
    }
    lines.push("END:VEVENT".to_string());
    lines
}

fn wrap(method: &str, name: Option<&str>, zones: &[(&str, Timestamp, Timestamp)], events: Vec<String>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Homeroom//Check-ins//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        format!("METHOD:{method}"),
    ];
    if let Some(n) = name {
        lines.push(format!("X-WR-CALNAME:{}", escape(n)));
    }
    let mut seen: Vec<&str> = vec![];
    for (zone, from, until) in zones {
        if seen.contains(zone) {
            continue;
        }
        seen.push(zone);
        // The zone's rules from a day before the first meeting to a day after the last.
        let day = SignedDuration::from_hours(24);
        let from = zones.iter().filter(|z| z.0 == *zone).map(|z| z.1).min().unwrap_or(*from);
        let until = zones.iter().filter(|z| z.0 == *zone).map(|z| z.2).max().unwrap_or(*until);
        lines.extend(vtimezone(
            zone,
            &crate::time::zone(zone),
            from.checked_sub(day).unwrap_or(from),
            until.checked_add(day).unwrap_or(until),
        ));
    }
    lines.extend(events);
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

/// The invitation for one person: REQUEST, or CANCEL when the meeting is off.
pub fn invitation(m: &Meeting<'_>) -> String {
    let method = if m.cancelled { "CANCEL" } else { "REQUEST" };
    wrap(method, None, &[(m.zone, m.start, m.end)], event(m, true))
}

/// A person's feed of their meetings (no addresses: a feed is read by calendar programs
/// that anyone holding the link may point at it).
pub fn feed(name: &str, meetings: &[Meeting<'_>]) -> String {
    let zones: Vec<(&str, Timestamp, Timestamp)> = meetings.iter().map(|m| (m.zone, m.start, m.end)).collect();
    let events = meetings.iter().flat_map(|m| event(m, false)).collect();
    wrap("PUBLISH", Some(name), &zones, events)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(cancelled: bool) -> Meeting<'static> {
        Meeting {
            uid: "booking-abc@homeroom.test",
            sequence: 2,
            start: "2026-12-10T12:00:00Z".parse().unwrap(),
            end: "2026-12-10T12:30:00Z".parse().unwrap(),
            zone: "Europe/Oslo",
            summary: "Check-in with Tess, Tutor",
            description: "Topic: essay; plan",
            place: "https://meet.example.org/tess",
            organizer_name: "Tess \"T\" Tutor",
            organizer_address: "homeroom@tests.invalid",
            attendee_name: "Sam",
            attendee_address: "sam@example.org",
            cancelled,
            stamp: "2026-12-07T09:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn an_invitation_is_in_the_staff_members_zone() {
        let text = invitation(&meeting(false));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.contains("METHOD:REQUEST\r\n"));
        assert!(text.contains("DTSTART;TZID=Europe/Oslo:20261210T130000\r\n"));
        assert!(text.contains("DTEND;TZID=Europe/Oslo:20261210T133000\r\n"));
        assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"));
        assert!(text.contains("SUMMARY:Check-in with Tess\\, Tutor\r\n"));
        assert!(text.contains("ORGANIZER;CN=\"Tess T Tutor\":mailto:homeroom@tests.invalid"));
        assert!(text.contains("URL:https://meet.example.org/tess"));
        let cancel = invitation(&meeting(true));
        assert!(cancel.contains("METHOD:CANCEL\r\n") && cancel.contains("STATUS:CANCELLED\r\n"));
    }

    #[test]
    fn a_feed_has_no_addresses_and_one_zone_per_name() {
        let f = feed("My check-ins", &[meeting(false), meeting(false)]);
        assert_eq!(f.matches("BEGIN:VTIMEZONE").count(), 1);
        assert_eq!(f.matches("BEGIN:VEVENT").count(), 2);
        assert!(!f.contains("mailto:") && f.contains("METHOD:PUBLISH"));
    }
}
