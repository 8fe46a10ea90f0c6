//! The site admin's pages. For now: the outbox, where email waits when no SMTP server is
//! configured (the demo's default), so invitations and reset links can still be followed,
//! and the background jobs that failed for good.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

use crate::app::AppState;
use crate::db::entity::email;
use crate::error::AppResult;
use crate::policy::Action;
use crate::web::{Page, SignedIn, render};

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/outbox", get(outbox))
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    page: Page,
    emails: Vec<email::Model>,
    uses_smtp: bool,
    /// Background jobs that gave up after their last attempt.
    failed_jobs: Vec<crate::jobs::Job>,
}

async fn outbox(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::ViewOutbox).await?;
    let emails = email::Entity::find().order_by_desc(email::Column::Id).limit(200).all(&state.db).await?;
    let failed_jobs = crate::jobs::failed(&state.db, 100).await?;
    render(&OutboxPage {
        page: Page::new(&me.ctx, "outbox-title"),
        emails,
        uses_smtp: state.mailer.uses_smtp(),
        failed_jobs,
    })
}
