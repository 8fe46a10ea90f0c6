//! Ending one's own sessions from the account page: one device, or every one but this.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::post;

use crate::app::AppState;
use crate::auth::session;
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::web::{SignedIn, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/sessions/{session_id}/end", post(end_one))
        .route("/account/sessions/end-others", post(end_others))
}

async fn end_one(State(state): State<AppState>, me: SignedIn, Path(session_id): Path<i64>) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    // Only one's own: another person's session id is simply not found.
    if !session::delete_one(&state.db, me.user.id, session_id).await? {
        return Err(AppError::NotFound);
    }
    if me.ctx.session_id == Some(session_id) {
        return Ok(with_notice("notice-signed-out", Redirect::to("/"), me.ctx.secure));
    }
    Ok(with_notice("notice-accounts-session-ended", Redirect::to("/account#sessions"), me.ctx.secure))
}

async fn end_others(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    session::delete_others(&state.db, me.user.id, me.ctx.session_id).await?;
    Ok(with_notice("notice-accounts-sessions-ended", Redirect::to("/account#sessions"), me.ctx.secure))
}
