//! One's pending invitations: a tutor's invitation to someone who already has an
//! account is only an invitation until they accept it here, so nobody is put into a
//! course (least of all on its teaching team) without saying yes.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};

use crate::app::AppState;
use crate::courses::queries::{self, MyCourse};
use crate::error::{AppError, AppResult};
use crate::policy::{Action, Role};
use crate::web::{Page, SignedIn, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invitations", get(invitations_page))
        .route("/invitations/{course_id}/accept", post(accept))
        .route("/invitations/{course_id}/decline", post(decline))
}

#[derive(Template)]
#[template(path = "accounts/invitations.html")]
struct InvitationsPage {
    page: Page,
    /// Each with what the role lets one do, so that joining a teaching team is a clear
    /// choice.
    invitations: Vec<(MyCourse, &'static str)>,
}

/// What a role means, in a sentence (Fluent id).
fn role_explained(role: Role) -> &'static str {
    match role {
        Role::Tutor => "accounts-role-tutor-explained",
        Role::Ta => "accounts-role-ta-explained",
        Role::Student => "accounts-role-student-explained",
        Role::Observer => "accounts-role-observer-explained",
    }
}

async fn invitations_page(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let invitations = queries::pending_invitations(&state.db, me.user.id)
        .await?
        .into_iter()
        .map(|i| {
            let explained = role_explained(i.role);
            (i, explained)
        })
        .collect();
    render(&InvitationsPage { page: Page::new(&me.ctx, "accounts-invitations-title"), invitations })
}

async fn accept(State(state): State<AppState>, me: SignedIn, Path(course_id): Path<i64>) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    if !queries::answer_invitation(&state.db, me.user.id, course_id, true).await? {
        return Err(AppError::NotFound);
    }
    Ok(with_notice("notice-joined", Redirect::to(&format!("/courses/{course_id}")), me.ctx.secure))
}

async fn decline(State(state): State<AppState>, me: SignedIn, Path(course_id): Path<i64>) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    if !queries::answer_invitation(&state.db, me.user.id, course_id, false).await? {
        return Err(AppError::NotFound);
    }
    Ok(with_notice("notice-accounts-declined", Redirect::to("/invitations"), me.ctx.secure))
}
