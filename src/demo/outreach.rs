//! Outreach in the demo course, so the radar, the queues and the follow-ups have
//! something worth looking at: the tutor's rhythm (every student hears from one of us at
//! least every ten days, shared in turn between the tutor and the TA, TAs seeing the
//! radar), a few students the tutor gave to the TA by hand, and a few contacts logged by
//! hand with private notes and follow-up dates (one due already). Written through the
//! same checks and functions as the settings, assign and "log a contact" forms.

use jiff::Timestamp;
use sea_orm::ConnectionTrait;

use crate::presence::outreach::{self, SettingsForm};
use crate::presence::{self, ContactForm};

const DAY: i64 = 24 * 60 * 60 * 1000;

/// A contact logged by hand.
struct Logged {
    by_ta: bool,
    /// The student, by index into the demo's students.
    student: usize,
    kind: &'static str,
    days_ago: i64,
    note: &'static str,
    /// Days from today (negative: due already).
    follow_up: Option<i64>,
}

const fn logged(
    by_ta: bool,
    student: usize,
    kind: &'static str,
    days_ago: i64,
    note: &'static str,
    follow_up: Option<i64>,
) -> Logged {
    Logged { by_ta, student, kind, days_ago, note, follow_up }
}

const LOGGED: [Logged; 4] = [
    logged(
        false,
        3,
        "call",
        6,
        "Caring for his father this month; agreed to focus on the weekly summary only.",
        Some(-1),
    ),
    logged(true, 9, "chat", 4, "Night shifts again: will post on weekends. Suggested the Saturday breakout.", Some(5)),
    logged(false, 14, "email", 2, "Asked for a later deadline on the reflection; said yes.", Some(9)),
    logged(true, 5, "meeting", 1, "One-to-one about the first assignment; confident now.", None),
];

/// `students` in the demo's order (the hand-written ones first).
pub async fn seed(
    db: &impl ConnectionTrait,
    course_id: i64,
    (tutor, tutor_zone): (i64, &str),
    (ta, ta_zone): (i64, &str),
    students: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    let form =
        SettingsForm { rhythm_days: "10".into(), sharing: "round-robin".into(), ta_insight: true, answer_line: true };
    let settings = form.check().map_err(|e| anyhow::anyhow!("demo outreach settings: {e:?}"))?;
    outreach::save(db, course_id, &settings, now).await?;
    // Three students the tutor gave to the TA (they know them from another course).
    let to_ta: Vec<i64> = [6, 11, 20].iter().filter_map(|&i| students.get(i).copied()).collect();
    if !to_ta.is_empty() {
        outreach::give(db, course_id, &to_ta, Some(ta), now).await?;
    }
    for Logged { by_ta, student, kind, days_ago, note, follow_up } in LOGGED {
        let Some(&student) = students.get(student) else { continue };
        let (staff, zone) = if by_ta { (ta, ta_zone) } else { (tutor, tutor_zone) };
        let tz = crate::time::zone(zone);
        let when = Timestamp::from_millisecond(now - days_ago * DAY)?.to_zoned(tz.clone());
        let follow_up = follow_up
            .map(|d| Timestamp::from_millisecond(now + d * DAY).map(|t| t.to_zoned(tz.clone()).date().to_string()))
            .transpose()?
            .unwrap_or_default();
        let f = ContactForm {
            to: vec![student],
            kind: kind.into(),
            when: when.strftime("%Y-%m-%dT%H:%M").to_string(),
            note: note.into(),
            follow_up,
        };
        let checked = f.check(students, zone, now).map_err(|e| anyhow::anyhow!("demo contact: {e:?}"))?;
        presence::record_contacts(db, course_id, staff, &checked, now).await?;
    }
    presence::request_refresh(db, course_id, "demo-outreach", now).await?;
    Ok(())
}
