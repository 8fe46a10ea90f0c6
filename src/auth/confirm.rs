//! Proving an address: a single-use, expiring link sent to it. Two purposes:
//! - "join": an account made by a join link can do nothing until the link is followed
//!   and the password chosen at sign-up is typed again (so a link that reaches the
//!   address's owner after someone else claimed it does not hand the claimant the
//!   account);
//! - "change": a new address takes effect only when the link sent to it is followed.
//!
//! Only the token's hash is stored, and the token never goes into a log.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::auth::{password, rate_limit, session, tokens};
use crate::db::entity::{email_confirmation, user};
use crate::error::{AppError, AppResult};
use crate::time::now_ms;
use crate::web::{Page, ReqCtx, Viewer, cookies, render, with_notice};

pub const LIFETIME_MS: i64 = 24 * 60 * 60 * 1000;
pub const JOIN: &str = "join";
pub const CHANGE: &str = "change";

pub fn router() -> Router<AppState> {
    Router::new().route("/confirm/{token}", get(confirm_page).post(confirm))
}

/// Store a new link for `email` and return its full URL (to be emailed, never logged).
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: &'static str,
    email: &str,
    base_url: &str,
) -> Result<String, DbErr> {
    let token = tokens::new_token();
    let now = now_ms();
    email_confirmation::ActiveModel {
        token_hash: Set(tokens::hash(&token)),
        user_id: Set(user_id),
        purpose: Set(purpose.into()),
        email: Set(email.into()),
        created_at: Set(now),
        expires_at: Set(now + LIFETIME_MS),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(format!("{base_url}/confirm/{token}"))
}

/// Forget a person's unused links of one purpose (a newer one replaces them).
pub async fn forget(db: &impl ConnectionTrait, user_id: i64, purpose: &str) -> Result<(), DbErr> {
    email_confirmation::Entity::delete_many()
        .filter(email_confirmation::Column::UserId.eq(user_id))
        .filter(email_confirmation::Column::Purpose.eq(purpose))
        .filter(email_confirmation::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// A new password cancels any address change still waiting for its link.
pub async fn cancel_changes(db: &impl ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    forget(db, user_id, CHANGE).await
}

/// The address change a person is waiting on, if any.
pub async fn pending_change(db: &impl ConnectionTrait, user_id: i64) -> Result<Option<String>, DbErr> {
    Ok(email_confirmation::Entity::find()
        .filter(email_confirmation::Column::UserId.eq(user_id))
        .filter(email_confirmation::Column::Purpose.eq(CHANGE))
        .filter(email_confirmation::Column::UsedAt.is_null())
        .filter(email_confirmation::Column::ExpiresAt.gt(now_ms()))
        .one(db)
        .await?
        .map(|c| c.email))
}

async fn find(state: &AppState, token: &str) -> AppResult<Option<(email_confirmation::Model, user::Model)>> {
    if token.len() > 64 {
        return Ok(None);
    }
    let Some(c) = email_confirmation::Entity::find()
        .filter(email_confirmation::Column::TokenHash.eq(tokens::hash(token)))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    if c.used_at.is_some() || c.expires_at <= now_ms() {
        return Ok(None);
    }
    // A join link is for the account as it was made; a changed address, for the
    // address the account still has.
    let Some(u) = user::Entity::find_by_id(c.user_id).one(&state.db).await? else { return Ok(None) };
    let current = match c.purpose.as_str() {
        JOIN => u.unconfirmed && u.email == c.email,
        CHANGE => !u.unconfirmed,
        _ => false,
    };
    Ok(current.then_some((c, u)))
}

#[derive(Template)]
#[template(path = "auth/confirm.html")]
struct ConfirmPage {
    page: Page,
    join: bool,
    email: String,
    error: Option<String>,
    usable: bool,
}

fn unusable(ctx: &ReqCtx) -> AppResult<Response> {
    let mut res = render(&ConfirmPage {
        page: Page::new(ctx, "accounts-confirm-title"),
        join: false,
        email: String::new(),
        error: Some(ctx.tr().t("accounts-confirm-expired")),
        usable: false,
    })?;
    *res.status_mut() = StatusCode::GONE;
    Ok(res)
}

/// Following the link only shows a button: mail scanners that open links must not use
/// them up.
async fn confirm_page(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let Some((c, _)) = find(&state, &token).await? else { return unusable(&ctx) };
    render(&ConfirmPage {
        page: Page::new(&ctx, "accounts-confirm-title"),
        join: c.purpose == JOIN,
        email: c.email,
        error: None,
        usable: true,
    })
}

#[derive(Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    password: String,
}

async fn confirm(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(token): Path<String>,
    headers: axum::http::HeaderMap,
    Form(f): Form<ConfirmForm>,
) -> AppResult<Response> {
    let Some((c, u)) = find(&state, &token).await? else { return unusable(&ctx) };
    let join = c.purpose == JOIN;
    if join {
        let again = |status: StatusCode, m: &str| -> AppResult<Response> {
            let mut res = render(&ConfirmPage {
                page: Page::new(&ctx, "accounts-confirm-title"),
                join: true,
                email: c.email.clone(),
                error: Some(ctx.tr().t(m)),
                usable: true,
            })?;
            *res.status_mut() = status;
            Ok(res)
        };
        if rate_limit::is_blocked(&state.db, &u.email, &ctx.client_ip).await? {
            return again(StatusCode::TOO_MANY_REQUESTS, "sign-in-too-many");
        }
        let typed = f.password.chars().take(crate::validate::MAX_PASSWORD).collect();
        if !password::verify_async(u.password_hash.clone(), typed).await {
            rate_limit::record_failure(&state.db, &u.email, &ctx.client_ip).await?;
            return again(StatusCode::UNAUTHORIZED, "accounts-confirm-wrong-password");
        }
    }
    let txn = state.db.begin().await?;
    // Claim the link first: of two racing submissions only one finds it unused.
    let claimed = email_confirmation::Entity::update_many()
        .col_expr(email_confirmation::Column::UsedAt, Expr::value(now_ms()))
        .filter(email_confirmation::Column::Id.eq(c.id))
        .filter(email_confirmation::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return unusable(&ctx);
    }
    let user_id = u.id;
    let mut active: user::ActiveModel = u.into();
    if join {
        active.unconfirmed = Set(false);
    } else {
        active.email = Set(c.email.clone());
    }
    active.updated_at = Set(now_ms());
    match active.update(&txn).await {
        Ok(_) => {}
        // Someone else took the address since the link was sent.
        Err(e) if crate::db::is_unique_violation(&e) => return Err(AppError::BadRequest("err-email-taken")),
        Err(e) => return Err(e.into()),
    }
    if join {
        // The course they joined through the link.
        crate::courses::queries::activate_invited(&txn, user_id).await?;
    }
    forget(&txn, user_id, &c.purpose).await?;
    txn.commit().await?;
    if !join {
        return Ok(with_notice("notice-accounts-email-changed", Redirect::to("/account"), ctx.secure));
    }
    let device = session::Device::from_request(&headers, &ctx.client_ip);
    let token = session::create_for(&state.db, user_id, &device).await?;
    let mut res = with_notice("notice-accounts-email-confirmed", Redirect::to("/"), ctx.secure);
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, &token, Some(session::LIFETIME_MS / 1000), ctx.secure),
    );
    Ok(res)
}
