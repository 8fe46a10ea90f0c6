//! Signing in and out, forgotten passwords, and setting a first password from an
//! invitation. Routes, forms and pages for all of it live here.

pub mod confirm;
pub mod device;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod tokens;
pub mod two_factor;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{password_token, user};
use crate::error::{AppError, AppResult};
use crate::mail::OutgoingEmail;
use crate::time::now_ms;
use crate::validate::{Email, Invalid, NewPassword};
use crate::web::{Page, ReqCtx, Viewer, cookies, render, with_notice};

pub const RESET_LIFETIME_MS: i64 = 60 * 60 * 1000;
pub const INVITE_LIFETIME_MS: i64 = 14 * 24 * 60 * 60 * 1000;
const RESETS_PER_HOUR: u64 = 3;
/// Longer than writing a reset link and its email takes, so the time of the answer says
/// nothing about whether there was one to write.
pub const FORGOT_TAKES: std::time::Duration = std::time::Duration::from_millis(400);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sign-in", get(sign_in_form).post(sign_in))
        .route("/sign-out", post(sign_out))
        .route("/forgot-password", get(forgot_form).post(forgot))
        .route("/set-password/{token}", get(set_password_form).post(set_password))
        .route("/sign-in/two-factor", post(sign_in_code))
        .merge(confirm::router())
}

#[derive(Template)]
#[template(path = "auth/sign_in.html")]
struct SignInPage {
    page: Page,
    email: String,
    next: String,
    error: Option<String>,
    /// "Sign in with <provider>" buttons: (provider id, label).
    sso: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// Only local paths are followed after sign-in, so a link cannot send people elsewhere.
pub use crate::web::redirect::safe_next;

async fn sign_in_form(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    if ctx.user.is_some() {
        return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
    }
    render(&SignInPage {
        page: Page::new(&ctx, "sign-in-title"),
        email: String::new(),
        next: safe_next(q.next.as_deref()),
        error: None,
        sso: crate::sso::buttons(&state, &ctx),
    })
}

#[derive(Deserialize)]
struct SignInForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn sign_in(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    headers: axum::http::HeaderMap,
    Form(f): Form<SignInForm>,
) -> AppResult<Response> {
    let next = safe_next(f.next.as_deref());
    let again_with = |status: StatusCode, error: String| -> AppResult<Response> {
        let mut res = render(&SignInPage {
            page: Page::new(&ctx, "sign-in-title"),
            email: f.email.chars().take(254).collect(),
            next: next.clone(),
            error: Some(error),
            sso: crate::sso::buttons(&state, &ctx),
        })?;
        *res.status_mut() = status;
        if status == StatusCode::TOO_MANY_REQUESTS {
            res.headers_mut().insert(header::RETRY_AFTER, (rate_limit::WINDOW_MS / 1000).into());
        }
        Ok(res)
    };
    let again = |status: StatusCode, error: &str| again_with(status, ctx.tr().t(error));
    let email = match Email::parse(&f.email) {
        Ok(e) => e,
        Err(Invalid(m)) => return again(StatusCode::UNPROCESSABLE_ENTITY, m),
    };
    // The institution signs these addresses in itself (docs/sso.md): no password here.
    if let Some(words) = crate::sso::password_refused(&state, &ctx, email.as_str()) {
        return again_with(StatusCode::FORBIDDEN, words);
    }
    if rate_limit::is_blocked(&state.db, email.as_str(), &ctx.client_ip).await? {
        return again(StatusCode::TOO_MANY_REQUESTS, "sign-in-too-many");
    }
    let found = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&state.db).await?;
    let stored = found.as_ref().and_then(|u| u.password_hash.clone());
    let password = f.password.chars().take(crate::validate::MAX_PASSWORD).collect();
    if !password::verify_async(stored, password).await {
        rate_limit::record_failure(&state.db, email.as_str(), &ctx.client_ip).await?;
        return again(StatusCode::UNAUTHORIZED, "sign-in-wrong");
    }
    let user = found.ok_or(AppError::Internal(anyhow::anyhow!("verified without a user")))?;
    if user.deactivated_at.is_some() {
        return again(StatusCode::FORBIDDEN, "sign-in-deactivated");
    }
    // Until its address is confirmed, an account made by a join link can do nothing:
    // otherwise whoever typed someone else's address first would hold their account.
    if user.unconfirmed {
        return again(StatusCode::FORBIDDEN, "accounts-sign-in-unconfirmed");
    }
    if two_factor::is_on(&state.db, user.id).await? {
        // Earlier mistakes are forgiven only when the code is right too: otherwise a new
        // challenge after each wrong code would make the limit useless.
        let challenge = two_factor::start_challenge(&state.db, user.id, &next).await?;
        return render(&CodePage { page: Page::new(&ctx, "accounts-code-title"), challenge, error: None });
    }
    rate_limit::clear(&state.db, email.as_str()).await?;
    let device = session::Device::from_request(&headers, &ctx.client_ip);
    let token = session::create_for(&state.db, user.id, &device).await?;
    let next = if two_factor::setup_needed(&state.security, &state.db, user.id, user.is_site_admin).await? {
        "/account/two-factor".to_string()
    } else {
        next
    };
    let mut res = Redirect::to(&next).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, &token, Some(session::LIFETIME_MS / 1000), ctx.secure),
    );
    Ok(res)
}

/// Sign in someone whose identity was proved another way (single sign-on). Homeroom's own
/// two-factor, when the person turned it on, is still asked, and the site's rule that
/// staff set it up still holds (docs/decisions/0029-sso.md).
pub async fn finish_sign_in(
    state: &AppState,
    ctx: &ReqCtx,
    headers: &axum::http::HeaderMap,
    user: &user::Model,
    next: String,
) -> AppResult<Response> {
    if two_factor::is_on(&state.db, user.id).await? {
        let challenge = two_factor::start_challenge(&state.db, user.id, &next).await?;
        return render(&CodePage { page: Page::new(ctx, "accounts-code-title"), challenge, error: None });
    }
    let device = session::Device::from_request(headers, &ctx.client_ip);
    let token = session::create_for(&state.db, user.id, &device).await?;
    let next = if two_factor::setup_needed(&state.security, &state.db, user.id, user.is_site_admin).await? {
        "/account/two-factor".to_string()
    } else {
        safe_next(Some(&next))
    };
    let mut res = Redirect::to(&next).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, &token, Some(session::LIFETIME_MS / 1000), ctx.secure),
    );
    Ok(res)
}

/// The second step of a sign-in with two-factor on: the code from the app, or a
/// recovery code.
#[derive(Template)]
#[template(path = "auth/two_factor.html")]
struct CodePage {
    page: Page,
    challenge: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    code: String,
}

async fn sign_in_code(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    headers: axum::http::HeaderMap,
    Form(f): Form<CodeForm>,
) -> AppResult<Response> {
    let expired = |ctx: &ReqCtx| -> AppResult<Response> {
        let mut res = render(&SignInPage {
            page: Page::new(ctx, "sign-in-title"),
            email: String::new(),
            next: "/".into(),
            error: Some(ctx.tr().t("accounts-code-expired")),
            sso: crate::sso::buttons(&state, ctx),
        })?;
        *res.status_mut() = StatusCode::GONE;
        Ok(res)
    };
    let Some(challenge) = two_factor::find_challenge(&state.db, &f.challenge).await? else {
        return expired(&ctx);
    };
    let Some(user) = user::Entity::find_by_id(challenge.user_id).one(&state.db).await? else {
        return expired(&ctx);
    };
    let again = |status: StatusCode, error: &str| -> AppResult<Response> {
        let mut res = render(&CodePage {
            page: Page::new(&ctx, "accounts-code-title"),
            challenge: f.challenge.clone(),
            error: Some(ctx.tr().t(error)),
        })?;
        *res.status_mut() = status;
        if status == StatusCode::TOO_MANY_REQUESTS {
            res.headers_mut().insert(header::RETRY_AFTER, (rate_limit::WINDOW_MS / 1000).into());
        }
        Ok(res)
    };
    // Wrong codes count like wrong passwords, per account and per address.
    if rate_limit::is_blocked(&state.db, &user.email, &ctx.client_ip).await? {
        return again(StatusCode::TOO_MANY_REQUESTS, "sign-in-too-many");
    }
    let right = match two_factor::of(&state.db, user.id).await? {
        Some(tf) if tf.enabled_at.is_some() => {
            if two_factor::looks_like_recovery_code(&f.code) {
                two_factor::use_recovery_code(&state.db, user.id, &f.code).await?
            } else {
                two_factor::use_totp(&state.db, &tf, &f.code).await?
            }
        }
        _ => false,
    };
    if !right {
        two_factor::challenge_failed(&state.db, challenge.id).await?;
        rate_limit::record_failure(&state.db, &user.email, &ctx.client_ip).await?;
        return again(StatusCode::UNAUTHORIZED, "accounts-code-wrong");
    }
    if !two_factor::finish_challenge(&state.db, challenge.id).await? {
        return expired(&ctx);
    }
    rate_limit::clear(&state.db, &user.email).await?;
    let device = session::Device::from_request(&headers, &ctx.client_ip);
    let token = session::create_for(&state.db, user.id, &device).await?;
    let mut res = Redirect::to(&safe_next(Some(&challenge.next))).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, &token, Some(session::LIFETIME_MS / 1000), ctx.secure),
    );
    Ok(res)
}

async fn sign_out(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    headers: axum::http::HeaderMap,
) -> AppResult<Response> {
    if let Some(token) = cookies::get(&headers, cookies::SESSION) {
        session::delete(&state.db, &token).await?;
    }
    let mut res = with_notice("notice-signed-out", Redirect::to("/"), ctx.secure);
    res.headers_mut().append(header::SET_COOKIE, cookies::set(cookies::SESSION, "", Some(0), ctx.secure));
    Ok(res)
}

#[derive(Template)]
#[template(path = "auth/forgot.html")]
struct ForgotPage {
    page: Page,
    email: String,
    error: Option<String>,
    sent: bool,
}

async fn forgot_form(Viewer(ctx): Viewer) -> AppResult<Response> {
    render(&ForgotPage { page: Page::new(&ctx, "forgot-title"), email: String::new(), error: None, sent: false })
}

#[derive(Deserialize)]
struct ForgotForm {
    email: String,
}

async fn forgot(State(state): State<AppState>, Viewer(ctx): Viewer, Form(f): Form<ForgotForm>) -> AppResult<Response> {
    let email = match Email::parse(&f.email) {
        Ok(e) => e,
        Err(Invalid(m)) => {
            let mut res = render(&ForgotPage {
                page: Page::new(&ctx, "forgot-title"),
                email: f.email.chars().take(254).collect(),
                error: Some(ctx.tr().t(m)),
                sent: false,
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    // An SSO-only address has no password here to reset: the institution's own page does that.
    if let Some(words) = crate::sso::password_refused(&state, &ctx, email.as_str()) {
        let mut res = render(&ForgotPage {
            page: Page::new(&ctx, "forgot-title"),
            email: email.as_str().to_string(),
            error: Some(words),
            sent: false,
        })?;
        *res.status_mut() = StatusCode::FORBIDDEN;
        return Ok(res);
    }
    // Counted per address typed in (whether or not it has an account) and per network address.
    crate::abuse::check_as(&state, &ctx, crate::abuse::Act::PasswordReset, Some(email.as_str())).await?;
    // The answer is the same whether or not the account exists, in words and in time,
    // so this page cannot be used to find out who has an account: both ways look the
    // account up, and neither answers before `FORGOT_TAKES` has passed.
    let answer_at = tokio::time::Instant::now() + FORGOT_TAKES;
    if let Some(u) = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&state.db).await? {
        let recent = password_token::Entity::find()
            .filter(password_token::Column::UserId.eq(u.id))
            .filter(password_token::Column::Purpose.eq("reset"))
            .filter(password_token::Column::CreatedAt.gt(now_ms() - 60 * 60 * 1000))
            .count(&state.db)
            .await?;
        if recent < RESETS_PER_HOUR {
            let txn = state.db.begin().await?;
            let link = issue_password_link(&state, &txn, u.id, "reset").await?;
            let tr = crate::i18n::Tr(crate::i18n::Locale::parse(&u.locale).unwrap_or_default());
            state
                .mailer
                .queue(
                    &txn,
                    OutgoingEmail {
                        to_address: u.email.clone(),
                        to_user_id: Some(u.id),
                        subject: tr.t("email-reset-subject"),
                        body_text: tr.t2("email-reset-body", "name", &u.name, "link", &link),
                    },
                )
                .await?;
            txn.commit().await?;
            state.mailer.wake();
        }
    }
    tokio::time::sleep_until(answer_at).await;
    render(&ForgotPage { page: Page::new(&ctx, "forgot-title"), email: String::new(), error: None, sent: true })
}

/// Create a single-use link to set a password and return its full URL.
pub async fn issue_password_link(
    state: &AppState,
    db: &impl sea_orm::ConnectionTrait,
    user_id: i64,
    purpose: &'static str,
) -> AppResult<String> {
    Ok(issue_link(db, user_id, purpose, &state.config.base_url()).await?)
}

/// The demo's invitations, made before any server state exists.
pub async fn issue_password_link_for_seed(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i64,
    base_url: &str,
) -> Result<String, sea_orm::DbErr> {
    issue_link(db, user_id, "invite", base_url).await
}

async fn issue_link(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i64,
    purpose: &'static str,
    base_url: &str,
) -> Result<String, sea_orm::DbErr> {
    let token = tokens::new_token();
    let now = now_ms();
    let life = if purpose == "invite" { INVITE_LIFETIME_MS } else { RESET_LIFETIME_MS };
    password_token::ActiveModel {
        token_hash: Set(tokens::hash(&token)),
        user_id: Set(user_id),
        purpose: Set(purpose.to_string()),
        created_at: Set(now),
        expires_at: Set(now + life),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(format!("{base_url}/set-password/{token}"))
}

#[derive(Template)]
#[template(path = "auth/set_password.html")]
struct SetPasswordPage {
    page: Page,
    invite: bool,
    name: String,
    error: Option<String>,
    usable: bool,
}

async fn find_token(state: &AppState, token: &str) -> AppResult<Option<(password_token::Model, user::Model)>> {
    if token.len() > 64 {
        return Ok(None);
    }
    let Some(t) = password_token::Entity::find()
        .filter(password_token::Column::TokenHash.eq(tokens::hash(token)))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    if t.used_at.is_some() || t.expires_at <= now_ms() {
        return Ok(None);
    }
    let u = user::Entity::find_by_id(t.user_id).one(&state.db).await?;
    Ok(u.map(|u| (t, u)))
}

fn unusable_link(ctx: &ReqCtx) -> AppResult<Response> {
    let mut res = render(&SetPasswordPage {
        page: Page::new(ctx, "set-password-title"),
        invite: false,
        name: String::new(),
        error: Some(ctx.tr().t("set-password-expired")),
        usable: false,
    })?;
    *res.status_mut() = StatusCode::GONE;
    Ok(res)
}

async fn set_password_form(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let Some((t, u)) = find_token(&state, &token).await? else {
        return unusable_link(&ctx);
    };
    render(&SetPasswordPage {
        page: Page::new(&ctx, "set-password-title"),
        invite: t.purpose == "invite",
        name: u.name,
        error: None,
        usable: true,
    })
}

#[derive(Deserialize)]
struct SetPasswordForm {
    password: String,
    confirm: String,
}

async fn set_password(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(token): Path<String>,
    headers: axum::http::HeaderMap,
    Form(f): Form<SetPasswordForm>,
) -> AppResult<Response> {
    let Some((t, u)) = find_token(&state, &token).await? else {
        return unusable_link(&ctx);
    };
    let problem = match NewPassword::parse(&f.password) {
        Err(Invalid(m)) => Some(m),
        Ok(_) if f.password != f.confirm => Some("err-password-mismatch"),
        Ok(_) => None,
    };
    if let Some(m) = problem {
        let mut res = render(&SetPasswordPage {
            page: Page::new(&ctx, "set-password-title"),
            invite: t.purpose == "invite",
            name: u.name,
            error: Some(ctx.tr().t(m)),
            usable: true,
        })?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let hash = password::hash_async(f.password).await?;
    let txn = state.db.begin().await?;
    // Claim the token first: of two racing submissions only one finds it unused.
    let claimed = password_token::Entity::update_many()
        .col_expr(password_token::Column::UsedAt, sea_orm::sea_query::Expr::value(now_ms()))
        .filter(password_token::Column::Id.eq(t.id))
        .filter(password_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return unusable_link(&ctx);
    }
    let user_id = u.id;
    let mut active: user::ActiveModel = u.into();
    active.password_hash = Set(Some(hash));
    // The link came to this address, so the address is proved.
    active.unconfirmed = Set(false);
    active.updated_at = Set(now_ms());
    active.update(&txn).await?;
    // Choosing a first password through an invitation is joining the courses one was
    // invited to. A reset is not: an existing account accepts invitations one by one.
    if t.purpose == "invite" {
        crate::courses::queries::activate_invited(&txn, user_id).await?;
    }
    // A new password ends every other session, in case the old one was known to someone,
    // and cancels an address change that someone with the old one may have asked for.
    session::delete_all_for(&txn, user_id).await?;
    confirm::cancel_changes(&txn, user_id).await?;
    txn.commit().await?;
    // With two-factor on, a reset link alone must not sign anyone in.
    if two_factor::is_on(&state.db, user_id).await? {
        return Ok(with_notice("notice-password-set", Redirect::to("/sign-in"), ctx.secure));
    }
    let device = session::Device::from_request(&headers, &ctx.client_ip);
    let token = session::create_for(&state.db, user_id, &device).await?;
    let mut res = with_notice("notice-password-set", Redirect::to("/"), ctx.secure);
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, &token, Some(session::LIFETIME_MS / 1000), ctx.secure),
    );
    Ok(res)
}
