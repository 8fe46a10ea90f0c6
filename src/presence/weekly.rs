//! The weekly staff email: every Monday at 07:00 in each member of staff's own time zone
//! and language, for each course they teach, who is due a personal contact in their
//! queue, who on it is isolated or has gone quiet, which questions in the course are
//! unanswered, and how many follow-ups are due. The radar sweep (every few minutes)
//! finds who has reached that hour and queues one job per person, course and Monday
//! (deduplicated by key, so replicas and repeated sweeps queue it once); the job writes
//! the email into the outbox, whose worker delivers it exactly once.

use std::fmt::Write;

use jiff::civil::Weekday;
use sea_orm::{ConnectionTrait, DbErr, Statement, Value};

use crate::app::AppState;
use crate::i18n::{Locale, Tr};
use crate::jobs::{self, Registry};
use crate::mail::OutgoingEmail;

pub const WEEKLY: &str = "presence.weekly-email";
/// Names listed per section; the rest are counted ("and 12 more").
const LIST: usize = 15;

pub fn register(r: Registry) -> Registry {
    r.on(WEEKLY, |state, job| async move {
        let p: serde_json::Value = serde_json::from_str(&job.payload)?;
        let (Some(user_id), Some(course_id)) = (p["user_id"].as_i64(), p["course_id"].as_i64()) else {
            anyhow::bail!("a weekly email job without user_id or course_id")
        };
        send(&state, user_id, course_id, crate::time::now_ms()).await?;
        Ok(())
    })
}

async fn all(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<Vec<sea_orm::QueryResult>, DbErr> {
    db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await
}

/// Whether `now` is Monday between 07:00 and 08:00 in `zone`, and that Monday's date.
pub fn monday_morning(zone: &str, now: i64) -> Option<String> {
    let z = jiff::Timestamp::from_millisecond(now).ok()?.to_zoned(crate::time::zone(zone));
    (z.weekday() == Weekday::Monday && z.hour() == 7).then(|| z.date().to_string())
}

/// Queue the weekly email of every member of staff for whom it is Monday 07:00 now.
/// Returns how many were newly queued.
pub async fn schedule_due(db: &impl ConnectionTrait, now: i64) -> Result<usize, DbErr> {
    let rows = all(
        db,
        "SELECT m.user_id AS user_id, m.course_id AS course_id, u.time_zone AS zone FROM memberships m \
         JOIN users u ON u.id = m.user_id JOIN courses c ON c.id = m.course_id \
         WHERE m.role IN ('tutor', 'ta') AND m.state = 'active' AND c.archived_at IS NULL",
        vec![],
    )
    .await?;
    let mut queued = 0;
    for r in rows {
        let (user_id, course_id, zone): (i64, i64, String) =
            (r.try_get("", "user_id")?, r.try_get("", "course_id")?, r.try_get("", "zone")?);
        if let Some(date) = monday_morning(&zone, now) {
            let key = format!("{WEEKLY}:{course_id}:{user_id}:{date}");
            let payload = serde_json::json!({ "user_id": user_id, "course_id": course_id });
            if jobs::enqueue_with(db, WEEKLY, &payload, now, Some(&key), 5).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

fn names(rows: &[sea_orm::QueryResult]) -> Result<Vec<String>, DbErr> {
    rows.iter().map(|r| r.try_get::<String>("", "name")).collect()
}

fn section(out: &mut String, t: &Tr, id: &str, names: &[String]) {
    let _ = writeln!(out, "\n{}", t.t1(id, "count", names.len()));
    for n in names.iter().take(LIST) {
        let _ = writeln!(out, "  - {n}");
    }
    if names.len() > LIST {
        let _ = writeln!(out, "  {}", t.t1("weekly-more", "count", names.len() - LIST));
    }
}

/// Write one person's weekly email for one course into the outbox.
pub async fn send(state: &AppState, user_id: i64, course_id: i64, now: i64) -> anyhow::Result<()> {
    let db = &state.db;
    let me = all(
        db,
        "SELECT u.name AS name, u.email AS email, u.locale AS locale, c.title AS title FROM users u \
         JOIN memberships m ON m.user_id = u.id AND m.course_id = $2 AND m.role IN ('tutor', 'ta') AND m.state = 'active' \
         JOIN courses c ON c.id = m.course_id WHERE u.id = $1",
        vec![user_id.into(), course_id.into()],
    )
    .await?;
    // No longer on the team (or erased): nothing to send.
    let Some(me) = me.first() else { return Ok(()) };
    let (name, email, locale, title): (String, String, String, String) =
        (me.try_get("", "name")?, me.try_get("", "email")?, me.try_get("", "locale")?, me.try_get("", "title")?);
    let t = Tr(Locale::parse(&locale).unwrap_or_default());
    let week_end = now + homeroom_presence::radar::WEEK;
    let c = || vec![Value::from(course_id), Value::from(user_id)];
    let due = all(
        db,
        "SELECT name FROM radar_rows WHERE course_id = $1 AND owner_id = $2 AND queue_order <= $3 \
         ORDER BY queue_order, student_id",
        vec![course_id.into(), user_id.into(), week_end.into()],
    )
    .await?;
    let alone = all(
        db,
        "SELECT name FROM radar_rows WHERE course_id = $1 AND owner_id = $2 \
         AND (signal_keys LIKE '% isolated %' OR signal_keys LIKE '% gone-quiet %') ORDER BY name, student_id",
        c(),
    )
    .await?;
    let unanswered = all(
        db,
        "SELECT name FROM radar_rows WHERE course_id = $1 AND signal_keys LIKE '% unanswered %' ORDER BY name, student_id",
        vec![course_id.into()],
    )
    .await?;
    let mut body = t.t1("weekly-greeting", "name", name.as_str());
    body.push('\n');
    section(&mut body, &t, "weekly-due", &names(&due)?);
    section(&mut body, &t, "weekly-alone", &names(&alone)?);
    section(&mut body, &t, "weekly-unanswered", &names(&unanswered)?);
    let base = state.config.base_url();
    let _ = write!(body, "\n{}\n{base}/courses/{course_id}/outreach\n", t.t("weekly-open"));
    let msg = OutgoingEmail {
        to_address: email,
        to_user_id: Some(user_id),
        subject: t.t1("weekly-subject", "course", title.as_str()),
        body_text: body,
    };
    state.mailer.queue(db, msg).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_on_monday_morning_where_the_person_lives() {
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_millisecond();
        // 2026-12-07 is a Monday; 07:10 in Oslo is 06:10 UTC.
        assert_eq!(monday_morning("Europe/Oslo", at("2026-12-07T06:10:00Z")).as_deref(), Some("2026-12-07"));
        assert_eq!(monday_morning("UTC", at("2026-12-07T06:10:00Z")), None);
        assert_eq!(monday_morning("America/New_York", at("2026-12-07T12:30:00Z")).as_deref(), Some("2026-12-07"));
        assert_eq!(monday_morning("Europe/Oslo", at("2026-12-08T06:10:00Z")), None, "Tuesday");
    }
}
