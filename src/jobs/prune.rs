//! Housekeeping that keeps tables the size of what people still use: once a day, read
//! notifications older than [`KEEP_READ_NOTIFICATIONS_MS`] are deleted (unread ones stay
//! however old they are: the person has not seen them yet), and the media trash is
//! emptied (`crate::media::trash`).

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::Registry;
use crate::app::AppState;
use crate::db::entity::notification;

/// The job kind of the daily prune.
pub const PRUNE: &str = "housekeeping.prune";
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// How long a read notification stays in the centre.
pub const KEEP_READ_NOTIFICATIONS_MS: i64 = 90 * DAY_MS;

pub fn register(r: Registry) -> Registry {
    r.on(PRUNE, |state: AppState, _job| async move {
        let now = crate::time::now_ms();
        schedule(&state.db, now).await?;
        let n = prune_read_notifications(&state.db, now - KEEP_READ_NOTIFICATIONS_MS).await?;
        tracing::info!(notifications = n, "pruned old read notifications");
        // Files whose rows went in a transaction that nobody emptied the trash after (a
        // crash between the commit and the removal).
        let files = crate::media::trash::empty(&state.db, &state.config).await?;
        tracing::info!(files, "removed the files of deleted media");
        Ok(())
    })
}

/// Enqueue the next prune at the next midnight UTC; the key names that day, so replicas
/// and restarts scheduling it write one job between them.
pub async fn schedule(db: &impl ConnectionTrait, now: i64) -> Result<(), DbErr> {
    let at = (now / DAY_MS + 1) * DAY_MS;
    super::enqueue_with(db, PRUNE, &serde_json::json!({}), at, Some(&format!("{PRUNE}:{at}")), 3).await?;
    Ok(())
}

/// Delete notifications read before `before` (through the `read_at` index).
pub async fn prune_read_notifications(db: &impl ConnectionTrait, before: i64) -> Result<u64, DbErr> {
    Ok(notification::Entity::delete_many()
        .filter(notification::Column::ReadAt.is_not_null())
        .filter(notification::Column::ReadAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
