//! A person's own data: "Your data" on the account page, where they download everything
//! the site holds about them (the JSON `privacy::export_user` makes) and ask to be
//! erased. Erasure is confirmed by a link sent to their email address (so a borrowed
//! signed-in browser cannot erase someone), then carried out by an `account.erase` job
//! when a grace period has passed; until then they can cancel, and the site admin sees
//! the request on the admin pages.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionTrait};

use crate::app::AppState;
use crate::auth::tokens;
use crate::db::entity::{erasure_request, user};
use crate::error::{AppError, AppResult};
use crate::mail::OutgoingEmail;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{Page, SignedIn, Viewer, render, with_notice};

/// How long a confirmed request waits before it is carried out.
pub const GRACE_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// How long the confirmation link in the email works.
const LINK_MS: i64 = 24 * 60 * 60 * 1000;
pub const JOB_KIND: &str = "account.erase";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/data", get(data_page))
        .route("/account/data/export", get(export))
        .route("/account/data/erasure", post(request))
        .route("/account/data/erasure/cancel", post(cancel))
        .route("/erasure/{token}", get(confirm_page).post(confirm))
}

pub fn register(r: crate::jobs::Registry) -> crate::jobs::Registry {
    r.on(JOB_KIND, |state, job| async move {
        let p: serde_json::Value = serde_json::from_str(&job.payload)?;
        let Some(id) = p["request_id"].as_i64() else { anyhow::bail!("an account.erase job without request_id") };
        carry_out(&state, id, now_ms()).await
    })
}

/// Erase the person of a confirmed request whose day has come. A cancelled request has
/// no row left, so its job does nothing.
pub async fn carry_out(state: &AppState, request_id: i64, now: i64) -> anyhow::Result<()> {
    let Some(r) = erasure_request::Entity::find_by_id(request_id).one(&state.db).await? else { return Ok(()) };
    if r.due_at.is_none_or(|due| due > now) {
        return Ok(());
    }
    let Some(u) = user::Entity::find_by_id(r.user_id).one(&state.db).await? else { return Ok(()) };
    crate::privacy::erase_user_and_media(&state.db, &state.config, &u.email).await
}

async fn mine(db: &impl ConnectionTrait, user_id: i64) -> Result<Option<erasure_request::Model>, DbErr> {
    erasure_request::Entity::find().filter(erasure_request::Column::UserId.eq(user_id)).one(db).await
}

#[derive(Template)]
#[template(path = "erasure/data.html")]
struct DataPage {
    page: Page,
    request: Option<erasure_request::Model>,
}

async fn data_page(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let request = mine(&state.db, me.user.id).await?;
    render(&DataPage { page: Page::new(&me.ctx, "data-title"), request })
}

async fn export(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let u = user::Entity::find_by_id(me.user.id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    crate::admin::json_download(&state, &u).await
}

/// Ask to be erased: a fresh request (replacing an unconfirmed one) and an email with the
/// link that confirms it.
async fn request(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let now = now_ms();
    let token = tokens::new_token();
    let txn = state.db.begin().await?;
    if let Some(r) = mine(&txn, me.user.id).await?
        && r.confirmed_at.is_some()
    {
        // Already confirmed and counting down: nothing to ask again.
        txn.commit().await?;
        return Ok(Redirect::to("/account/data").into_response());
    }
    erasure_request::Entity::delete_many().filter(erasure_request::Column::UserId.eq(me.user.id)).exec(&txn).await?;
    erasure_request::Entity::insert(erasure_request::ActiveModel {
        user_id: Set(me.user.id),
        token_hash: Set(tokens::hash(&token)),
        requested_at: Set(now),
        confirmed_at: Set(None),
        due_at: Set(None),
        ..Default::default()
    })
    .exec_without_returning(&txn)
    .await?;
    let tr = me.ctx.tr();
    let link = format!("{}/erasure/{token}", state.config.base_url());
    let email = OutgoingEmail {
        to_address: me.user.email.clone(),
        to_user_id: Some(me.user.id),
        subject: tr.t("data-erasure-email-subject"),
        body_text: tr.t2("data-erasure-email-body", "name", &me.user.name, "link", &link),
    };
    state.mailer.queue(&txn, email).await?;
    txn.commit().await?;
    state.mailer.wake();
    Ok(with_notice("notice-erasure-email-sent", Redirect::to("/account/data"), me.ctx.secure))
}

async fn cancel(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    erasure_request::Entity::delete_many()
        .filter(erasure_request::Column::UserId.eq(me.user.id))
        .exec(&state.db)
        .await?;
    Ok(with_notice("notice-erasure-cancelled", Redirect::to("/account/data"), me.ctx.secure))
}

/// The request a link points at, while the link still works.
async fn by_token(db: &impl ConnectionTrait, token: &str) -> Result<Option<erasure_request::Model>, DbErr> {
    if token.len() > 64 {
        return Ok(None);
    }
    let r = erasure_request::Entity::find()
        .filter(erasure_request::Column::TokenHash.eq(tokens::hash(token)))
        .one(db)
        .await?;
    Ok(r.filter(|r| r.confirmed_at.is_none() && r.requested_at + LINK_MS > now_ms()))
}

#[derive(Template)]
#[template(path = "erasure/confirm.html")]
struct ConfirmPage {
    page: Page,
    token: String,
    due_at: i64,
}

/// The link in the email opens a page with a button: mail programs that open links to
/// check them must not erase anyone.
async fn confirm_page(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(token): Path<String>,
) -> AppResult<Response> {
    by_token(&state.db, &token).await?.ok_or(AppError::NotFound)?;
    render(&ConfirmPage { page: Page::new(&ctx, "data-erasure-confirm-title"), token, due_at: now_ms() + GRACE_MS })
}

async fn confirm(State(state): State<AppState>, Viewer(ctx): Viewer, Path(token): Path<String>) -> AppResult<Response> {
    let r = by_token(&state.db, &token).await?.ok_or(AppError::NotFound)?;
    let now = now_ms();
    let due = now + GRACE_MS;
    let txn = state.db.begin().await?;
    // Conditional: of two clicks at once, one confirms and one finds nothing to do.
    let done = erasure_request::Entity::update_many()
        .col_expr(erasure_request::Column::ConfirmedAt, Expr::value(now))
        .col_expr(erasure_request::Column::DueAt, Expr::value(due))
        .filter(erasure_request::Column::Id.eq(r.id))
        .filter(erasure_request::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected == 1 {
        let key = format!("erasure:{}", r.id);
        crate::jobs::enqueue(&txn, JOB_KIND, &serde_json::json!({ "request_id": r.id }), due, Some(&key)).await?;
    }
    txn.commit().await?;
    Ok(with_notice(
        "notice-erasure-confirmed",
        Redirect::to(if ctx.user.is_some() { "/account/data" } else { "/" }),
        ctx.secure,
    ))
}
