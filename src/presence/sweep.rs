//! The radar's heartbeat: a recurring job that, every few minutes, asks for a refresh of
//! every open course with students, so the radar, the queues, the class graph and the
//! response times stay fresh without anyone opening a page (and no page recomputes
//! anything). Each refresh is its own job, deduplicated per course and period, so two
//! replicas sweeping at once ask once, and a slow course does not hold up the others.
//! The same heartbeat queues the weekly staff emails when their hour comes (`weekly`).

use sea_orm::{ConnectionTrait, DbErr, Statement};

use crate::jobs::{self, Registry};

/// The job kind of the recurring sweep.
pub const SWEEP: &str = "presence.sweep";

pub fn register(r: Registry) -> Registry {
    r.on(SWEEP, |state, _job| async move {
        let now = crate::time::now_ms();
        // The next run first, so that this one failing does not end the chain.
        schedule(&state.db, now).await?;
        sweep(&state.db, now).await?;
        super::weekly::schedule_due(&state.db, now).await?;
        Ok(())
    })
}

/// Enqueue the next sweep at the start of the next period; the key names that period, so
/// replicas and restarts scheduling it write one job between them.
pub async fn schedule(db: &impl ConnectionTrait, now: i64) -> Result<(), DbErr> {
    let at = (now / super::REFRESH_MS + 1) * super::REFRESH_MS;
    jobs::enqueue_with(db, SWEEP, &serde_json::json!({}), at, Some(&format!("{SWEEP}:{at}")), 3).await?;
    Ok(())
}

/// Ask for a refresh of every course that is not archived and has an active student.
/// Returns how many refreshes were newly queued.
pub async fn sweep(db: &impl ConnectionTrait, now: i64) -> Result<usize, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT c.id AS id FROM courses c WHERE c.archived_at IS NULL AND EXISTS \
             (SELECT 1 FROM memberships m WHERE m.course_id = c.id AND m.role = 'student' AND m.state = 'active')",
        ))
        .await?;
    let period = (now / super::REFRESH_MS).to_string();
    let mut queued = 0;
    for r in rows {
        let course_id: i64 = r.try_get("", "id")?;
        if super::request_refresh(db, course_id, &period, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}
