//! The gate in front of every request that carries files: the upload rate limit, and the
//! per-person storage quota. It is a layer rather than a line in each handler so that a
//! new upload route is covered without anyone remembering to: the room left in the
//! quota is set for the request's task, and `media::receive` (the one place every upload
//! streams through) stops a file that would go past it.

use std::cell::Cell;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr};

use super::Act;
use crate::app::AppState;
use crate::error::AppError;
use crate::web::context::ReqCtx;

pub const MB: u64 = 1024 * 1024;

/// A person's storage: what their files take and what they may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    pub used: u64,
    pub allowed: u64,
}

impl Room {
    /// Whether `more` bytes still fit.
    pub fn fits(&self, more: u64) -> bool {
        self.used.saturating_add(more) <= self.allowed
    }
}

tokio::task_local! {
    static ROOM: Cell<Room>;
}

/// The room left for this request's uploader, when the request came through the gate.
pub fn room() -> Option<Room> {
    ROOM.try_with(Cell::get).ok()
}

/// Count a kept file against the room, so a second file in the same form sees it.
pub fn spend(bytes: u64) {
    let _ = ROOM.try_with(|r| {
        let mut room = r.get();
        room.used = room.used.saturating_add(bytes);
        r.set(room);
    });
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !super::timeouts::is_upload(&req) {
        return next.run(req).await;
    }
    let Some(ctx) = req.extensions().get::<ReqCtx>().cloned() else { return next.run(req).await };
    if let Err(e) = super::check(&state, &ctx, Act::Upload).await {
        return e.into_response();
    }
    let Some(user) = &ctx.user else { return next.run(req).await };
    let used = match used_bytes(&state.db, user.id).await {
        Ok(u) => u,
        Err(e) => return AppError::from(e).into_response(),
    };
    let room = Room { used, allowed: state.config.quota_mb.saturating_mul(MB) };
    ROOM.scope(Cell::new(room), next.run(req)).await
}

/// The bytes a person's stored files take (one SUM over the `media_user` index).
pub async fn used_bytes(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, DbErr> {
    let mut q = Query::select();
    // SUM of a bigint is NUMERIC on PostgreSQL: cast it back, so both read an i64.
    q.expr_as(Expr::col("size").sum().cast_as("BIGINT"), "used")
        .from("media")
        .and_where(Expr::col("user_id").eq(user_id));
    let stmt = db.get_database_backend().build(&q);
    let Some(row) = db.query_one_raw(stmt).await? else { return Ok(0) };
    // NULL when the person has no files yet.
    let used: Option<i64> = row.try_get("", "used")?;
    Ok(u64::try_from(used.unwrap_or(0)).unwrap_or(0))
}
