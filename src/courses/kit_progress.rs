//! How far the start-up kit has come, as the teaching team's course home shows it. The
//! counts are whole-class aggregates, so they are cached in one row per course
//! (`course_kit_progress`): triggers on every table they come from bump the row's `stale`
//! counter (migration m20261207_kit), and the page recounts only when something changed
//! since the last count. A recount subtracts only the staleness it saw, so a change made
//! while it counts leaves the row stale for the next view. See decision 0038.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbErr};

use crate::courses::startup::{ALL, Activity, Progress};
use crate::db::sql::{exec, one};

/// Every activity's progress in a course: one statement while nothing changed.
pub async fn load(db: &impl ConnectionTrait, course_id: i64, now: i64) -> Result<HashMap<Activity, Progress>, DbErr> {
    let row =
        one(db, "SELECT stale, body FROM course_kit_progress WHERE course_id = $1", vec![course_id.into()]).await?;
    let seen = match row {
        Some(r) => {
            let stale: i64 = r.try_get("", "stale")?;
            if stale == 0
                && let Some(cached) = decode(&r.try_get::<String>("", "body")?)
            {
                return Ok(cached);
            }
            stale
        }
        None => {
            // The row exists before the count starts, so a change made during it marks it stale.
            exec(
                db,
                "INSERT INTO course_kit_progress (course_id, stale, body, computed_at) VALUES ($1, 1, '', 0) \
                 ON CONFLICT (course_id) DO NOTHING",
                vec![course_id.into()],
            )
            .await?;
            1
        }
    };
    let counted: HashMap<Activity, Progress> =
        super::queries::startup_progress(db, course_id, &ALL).await?.into_iter().collect();
    exec(
        db,
        "UPDATE course_kit_progress SET body = $2, computed_at = $3, stale = stale - $4 WHERE course_id = $1",
        vec![course_id.into(), encode(&counted).into(), now.into(), seen.into()],
    )
    .await?;
    Ok(counted)
}

/// `[["kit-board", true, 12], …]`: keyed by the activity's stable label id.
fn encode(counted: &HashMap<Activity, Progress>) -> String {
    let rows: Vec<(&str, bool, u64)> =
        ALL.iter().filter_map(|a| counted.get(a).map(|p| (a.label_id(), p.ready, p.students_done))).collect();
    serde_json::to_string(&rows).unwrap_or_default()
}

/// `None` when the body is unreadable or misses an activity (a newer kit): recount.
fn decode(body: &str) -> Option<HashMap<Activity, Progress>> {
    let rows: Vec<(String, bool, u64)> = serde_json::from_str(body).ok()?;
    let mut out = HashMap::new();
    for (key, ready, students_done) in rows {
        if let Some(a) = ALL.iter().find(|a| a.label_id() == key) {
            out.insert(*a, Progress { ready, students_done });
        }
    }
    (out.len() == ALL.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_round_trips_and_an_incomplete_one_is_recounted() {
        let counted: HashMap<Activity, Progress> = ALL
            .iter()
            .enumerate()
            .map(|(i, a)| (*a, Progress { ready: i % 2 == 0, students_done: i as u64 * 3 }))
            .collect();
        assert_eq!(decode(&encode(&counted)), Some(counted.clone()));
        let mut partial = counted;
        partial.remove(&Activity::Wiki);
        assert_eq!(decode(&encode(&partial)), None);
        assert_eq!(decode(""), None);
        assert_eq!(decode("[[\"kit-unknown\", true, 1]]"), None);
    }
}
