//! Abuse limits: rate limits on everything a person can repeat (answered with 429 and
//! `Retry-After`), the per-person storage quota, and the request timeouts that treat an
//! upload differently from a page. The numbers are in `limits.rs` and the config; why the
//! counters look as they do is docs/decisions/0010-abuse-limits.md.

pub mod counter;
pub mod limits;
pub mod timeouts;
pub mod uploads;

use sea_orm::ConnectionTrait;

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::jobs::{self, Registry};
use crate::time::now_ms;
use crate::web::context::ReqCtx;
pub use limits::{Act, Limit, RateLimits};

/// Count this attempt of `act` by the signed-in person and their address; refuse it with
/// 429 when either is over its limit. Call it after the policy check, before any work.
pub async fn check(state: &AppState, ctx: &ReqCtx, act: Act) -> AppResult<()> {
    let person = ctx.user.as_ref().map(|u| format!("user:{}", u.id));
    check_as(state, ctx, act, person.as_deref()).await
}

/// Like `check`, naming who is counted (a password reset counts the address typed in).
pub async fn check_as(state: &AppState, ctx: &ReqCtx, act: Act, person: Option<&str>) -> AppResult<()> {
    let limit = state.config.rate_limits.get(act);
    match counter::hit(&state.db, act, limit, person, &ctx.client_ip, now_ms()).await? {
        None => Ok(()),
        Some(retry_after) => {
            tracing::info!(action = %act, retry_after, "rate limited");
            Err(AppError::RateLimited { retry_after })
        }
    }
}

/// The job kind that forgets passed windows, once an hour.
pub const PRUNE: &str = "abuse.prune-counters";
const PRUNE_EVERY_MS: i64 = 3_600_000;

pub fn register(r: Registry) -> Registry {
    r.on(PRUNE, |state: AppState, _job| async move {
        let now = now_ms();
        schedule_prune(&state.db, now).await?;
        counter::prune(&state.db, now).await?;
        Ok(())
    })
}

/// Enqueue the next prune at the next whole hour; the key makes it one job however many
/// replicas ask.
pub async fn schedule_prune(db: &impl ConnectionTrait, now: i64) -> Result<(), sea_orm::DbErr> {
    let at = (now / PRUNE_EVERY_MS + 1) * PRUNE_EVERY_MS;
    jobs::enqueue_with(db, PRUNE, &serde_json::json!({}), at, Some(&format!("{PRUNE}:{at}")), 3).await?;
    Ok(())
}
