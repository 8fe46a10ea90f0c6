//! Tutor presence: the contact ledger (every personal touch from the teaching team to one
//! student, logged by hand or derived from messages, replies, mentions, shout-outs and
//! welcomes) and the relationship radar, whose rows a job keeps fresh so the page only
//! reads them. The rules themselves live in the pure `homeroom-presence` crate.

pub mod graph;
pub mod like_you;
pub mod outreach;
pub mod queries;
pub mod queue;
pub mod response;
pub mod routes;
mod rows;
pub mod sweep;
pub mod views;
pub mod weekly;

use jiff::civil::{Date, DateTime};
use sea_orm::{ConnectionTrait, DbErr};

pub use routes::router;

/// The job that derives contacts and refreshes a course's radar rows.
pub const JOB_KIND: &str = "presence.refresh";
/// The job that draws a course's class graph and computes its response times, queued by
/// the refresh so the radar rows never wait for a drawing (decision 0036).
pub const INSIGHT_KIND: &str = "presence.insight";
/// How often the sweep refreshes every open course's radar (see `sweep`).
pub const REFRESH_MS: i64 = 5 * 60 * 1000;

pub fn register(r: crate::jobs::Registry) -> crate::jobs::Registry {
    weekly::register(sweep::register(r))
        .on(JOB_KIND, |state, job| async move {
            let p: serde_json::Value = serde_json::from_str(&job.payload)?;
            let Some(course_id) = p["course_id"].as_i64() else {
                anyhow::bail!("a presence.refresh job without course_id")
            };
            let now = crate::time::now_ms();
            refresh_rows(&state.db, course_id, now).await?;
            // At most one drawing per course per sweep period, however many refreshes ran.
            let key = format!("insight:{course_id}:{}", now / REFRESH_MS);
            crate::jobs::enqueue(
                &state.db,
                INSIGHT_KIND,
                &serde_json::json!({ "course_id": course_id }),
                now,
                Some(&key),
            )
            .await?;
            Ok(())
        })
        .on(INSIGHT_KIND, |state, job| async move {
            let p: serde_json::Value = serde_json::from_str(&job.payload)?;
            let Some(course_id) = p["course_id"].as_i64() else {
                anyhow::bail!("a presence.insight job without course_id")
            };
            queries::refresh_insight(&state.db, course_id, crate::time::now_ms()).await?;
            Ok(())
        })
}

/// Derive new contacts and recompute one course's radar rows: the refresh job's work.
pub async fn refresh_rows(db: &sea_orm::DatabaseConnection, course_id: i64, now: i64) -> Result<usize, DbErr> {
    queries::derive_contacts(db, now).await?;
    queries::refresh_course(db, course_id, now).await
}

/// The radar rows, then the class graph and response times, in one go: what the two jobs
/// do between them, callable directly (tests, the command line).
pub async fn refresh(db: &sea_orm::DatabaseConnection, course_id: i64, now: i64) -> Result<usize, DbErr> {
    let n = refresh_rows(db, course_id, now).await?;
    queries::refresh_insight(db, course_id, now).await?;
    Ok(n)
}

/// Ask for a refresh of a course's radar; `reason` names what asked, so the dedupe key
/// lets one refresh through per course every few minutes, or one per logged contact.
pub async fn request_refresh(db: &impl ConnectionTrait, course_id: i64, reason: &str, now: i64) -> Result<bool, DbErr> {
    let key = format!("radar:{course_id}:{reason}");
    crate::jobs::enqueue(db, JOB_KIND, &serde_json::json!({ "course_id": course_id }), now, Some(&key)).await
}

/// Record contacts logged by hand (the form's, or the demo's), one per student, in the
/// caller's transaction.
pub async fn record_contacts(
    db: &impl ConnectionTrait,
    course_id: i64,
    staff_id: i64,
    checked: &Checked,
    now: i64,
) -> Result<(), DbErr> {
    use crate::db::entity::contact;
    use sea_orm::{EntityTrait, Set};
    let rows = checked.to.iter().map(|&student| contact::ActiveModel {
        course_id: Set(course_id),
        staff_id: Set(staff_id),
        student_id: Set(student),
        kind: Set(checked.kind.to_string()),
        at: Set(checked.at),
        note: Set(checked.note.clone()),
        follow_up: Set(checked.follow_up.clone()),
        source: Set("logged".into()),
        source_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    });
    contact::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// The kinds of contact a person can log by hand or the job derives.
pub const KINDS: [&str; 12] = [
    "message",
    "reply",
    "mention",
    "shout-out",
    "welcome",
    "feedback",
    "weekly-reply",
    "meeting",
    "call",
    "email",
    "chat",
    "other",
];
/// Kinds offered on the "log a contact" form (the others are derived).
pub const HAND_KINDS: [&str; 6] = ["meeting", "call", "email", "chat", "message", "other"];
pub const MAX_NOTE: usize = 2000;
/// How many students one logged contact may name.
pub const MAX_STUDENTS: usize = 100;

/// The "log a contact" form as typed.
#[derive(Clone, Debug, Default)]
pub struct ContactForm {
    pub to: Vec<i64>,
    pub kind: String,
    /// `YYYY-MM-DDTHH:MM` in the person's time zone; empty means now.
    pub when: String,
    pub note: String,
    /// `YYYY-MM-DD`, optional.
    pub follow_up: String,
}

/// A form that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub to: Vec<i64>,
    pub kind: &'static str,
    pub at: i64,
    pub note: Option<String>,
    pub follow_up: Option<String>,
}

/// A field and the Fluent id that explains what is wrong with it.
pub type FieldError = (&'static str, &'static str);

impl ContactForm {
    /// Read a form body; `to` may repeat (one per selected student).
    pub fn parse(body: &[u8]) -> ContactForm {
        let mut f = ContactForm::default();
        for (k, v) in url::form_urlencoded::parse(body) {
            match k.as_ref() {
                "to" => f.to.extend(v.trim().parse::<i64>().ok()),
                "kind" => f.kind = v.into_owned(),
                "when" => f.when = v.into_owned(),
                "note" => f.note = v.into_owned(),
                "follow_up" => f.follow_up = v.into_owned(),
                _ => {}
            }
        }
        f.to.sort_unstable();
        f.to.dedup();
        f
    }

    /// Check everything without I/O; `students` are the course's active students.
    pub fn check(&self, students: &[i64], zone: &str, now: i64) -> Result<Checked, Vec<FieldError>> {
        let mut errors = vec![];
        if self.to.is_empty() {
            errors.push(("to", "radar-err-no-student"));
        } else if self.to.len() > MAX_STUDENTS || self.to.iter().any(|s| !students.contains(s)) {
            errors.push(("to", "radar-err-student"));
        }
        let kind = HAND_KINDS.iter().find(|k| **k == self.kind.trim()).copied();
        if kind.is_none() {
            errors.push(("kind", "radar-err-kind"));
        }
        let at = if self.when.trim().is_empty() {
            Some(now)
        } else {
            self.when
                .trim()
                .parse::<DateTime>()
                .ok()
                .and_then(|d| d.to_zoned(crate::time::zone(zone)).ok())
                .map(|z| z.timestamp().as_millisecond())
        };
        match at {
            None => errors.push(("when", "radar-err-when")),
            // A minute's grace for clocks that disagree.
            Some(at) if at > now + 60_000 => errors.push(("when", "radar-err-future")),
            _ => {}
        }
        let note = self.note.trim();
        if note.chars().count() > MAX_NOTE {
            errors.push(("note", "radar-err-note"));
        }
        let follow_up = self.follow_up.trim();
        if !follow_up.is_empty() && follow_up.parse::<Date>().is_err() {
            errors.push(("follow_up", "radar-err-follow-up"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Checked {
            to: self.to.clone(),
            kind: kind.unwrap_or("other"),
            at: at.unwrap_or(now),
            note: (!note.is_empty()).then(|| note.to_string()),
            follow_up: (!follow_up.is_empty()).then(|| follow_up.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn form(body: &str) -> ContactForm {
        ContactForm::parse(body.as_bytes())
    }

    #[test]
    fn a_good_form_for_two_students() {
        let f = form("to=3&to=2&to=3&kind=call&when=&note=+Talked+about+week+2+&follow_up=2027-01-10");
        let c = f.check(&[2, 3, 4], "UTC", NOW).unwrap();
        assert_eq!(c.to, [2, 3]);
        assert_eq!(c.kind, "call");
        assert_eq!(c.at, NOW);
        assert_eq!(c.note.as_deref(), Some("Talked about week 2"));
        assert_eq!(c.follow_up.as_deref(), Some("2027-01-10"));
    }

    #[test]
    fn when_is_read_in_the_persons_time_zone() {
        let c = form("to=2&kind=chat&when=2026-12-01T10:00").check(&[2], "Europe/Oslo", NOW).unwrap();
        assert_eq!(c.at, "2026-12-01T09:00:00Z".parse::<jiff::Timestamp>().unwrap().as_millisecond());
    }

    #[test]
    fn every_problem_is_named_by_field() {
        let f = form(&format!("to=9&kind=telepathy&when=yesterday&note={}&follow_up=soon", "x".repeat(MAX_NOTE + 1)));
        let fields: Vec<&str> = f.check(&[2], "UTC", NOW).unwrap_err().iter().map(|e| e.0).collect();
        assert_eq!(fields, ["to", "kind", "when", "note", "follow_up"]);
        assert_eq!(form("kind=call").check(&[2], "UTC", NOW).unwrap_err(), [("to", "radar-err-no-student")]);
        let future = form("to=2&kind=call&when=2099-01-01T00:00").check(&[2], "UTC", NOW).unwrap_err();
        assert_eq!(future, [("when", "radar-err-future")]);
    }
}
