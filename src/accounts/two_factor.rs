//! Setting up two-factor sign-in on one's account (scan a QR code drawn on the server,
//! type a code, keep the recovery codes shown once), turning it off, new recovery codes,
//! and the site admin's switch that requires it of tutors and site admins. Every change
//! asks for the current password: a stolen session must not be able to lock the owner
//! out by turning two-factor on, nor weaken the account by turning it off.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::auth::{password, two_factor as tf};
use crate::db::entity::{two_factor, user};
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{Page, SignedIn, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/two-factor", get(page))
        .route("/account/two-factor/enable", post(enable))
        .route("/account/two-factor/disable", post(disable))
        .route("/account/two-factor/recovery-codes", post(new_codes))
        .route("/admin/two-factor", get(site_page).post(save_site))
}

#[derive(Template)]
#[template(path = "accounts/two_factor.html")]
struct TwoFactorPage {
    page: Page,
    on: bool,
    /// The site requires it of this person (they cannot turn it off).
    required: bool,
    /// While setting up: the QR code (an `<svg>` element) and the seed to type instead.
    qr_svg: String,
    secret: String,
    codes_left: u64,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/recovery_codes.html")]
struct RecoveryCodesPage {
    page: Page,
    codes: Vec<String>,
}

async fn required_of(state: &AppState, me: &SignedIn) -> AppResult<bool> {
    let staff_rule = tf::SiteRule::read(&state.db).await?;
    if !staff_rule {
        return Ok(false);
    }
    Ok(me.user.is_site_admin || crate::web::extract::tutors_somewhere(state, me.user.id).await?)
}

async fn page_for(state: &AppState, me: &SignedIn, error: Option<String>) -> AppResult<TwoFactorPage> {
    let required = required_of(state, me).await?;
    let current = tf::of(&state.db, me.user.id).await?;
    let mut page = TwoFactorPage {
        page: Page::new(&me.ctx, "accounts-two-factor-title"),
        on: false,
        required,
        qr_svg: String::new(),
        secret: String::new(),
        codes_left: 0,
        error,
    };
    match current {
        Some(t) if t.enabled_at.is_some() => {
            page.on = true;
            page.codes_left = tf::recovery_codes_left(&state.db, me.user.id).await?;
        }
        pending => {
            // The same seed until it is confirmed, so reloading shows the same QR code.
            let secret = match pending {
                Some(t) => t.secret,
                None => {
                    let secret = tf::new_secret();
                    two_factor::ActiveModel {
                        user_id: Set(me.user.id),
                        secret: Set(secret.clone()),
                        enabled_at: Set(None),
                        last_step: Set(0),
                        created_at: Set(now_ms()),
                    }
                    .insert(&state.db)
                    .await?;
                    secret
                }
            };
            let site = url::Url::parse(&state.config.base_url())
                .ok()
                .and_then(|u| u.host_str().map(|h| format!("Homeroom {h}")))
                .unwrap_or_else(|| "Homeroom".into());
            page.qr_svg = tf::qr_svg(&tf::otpauth_url(&secret, &site, &me.user.email)).unwrap_or_default();
            page.secret = secret;
        }
    }
    Ok(page)
}

async fn page(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    render(&page_for(&state, &me, None).await?)
}

async fn again(state: &AppState, me: &SignedIn, error: &str) -> AppResult<Response> {
    let mut res = render(&page_for(state, me, Some(me.ctx.tr().t(error))).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

async fn password_ok(state: &AppState, me: &SignedIn, typed: &str) -> AppResult<bool> {
    let u = user::Entity::find_by_id(me.user.id).one(&state.db).await?.ok_or(AppError::SignInRequired)?;
    Ok(password::verify_async(u.password_hash, typed.chars().take(crate::validate::MAX_PASSWORD).collect()).await)
}

#[derive(Deserialize)]
struct EnableForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    code: String,
}

async fn enable(State(state): State<AppState>, me: SignedIn, Form(f): Form<EnableForm>) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let Some(pending) = tf::of(&state.db, me.user.id).await?.filter(|t| t.enabled_at.is_none()) else {
        return Ok(Redirect::to("/account/two-factor").into_response());
    };
    if !password_ok(&state, &me, &f.current).await? {
        return again(&state, &me, "err-password-current").await;
    }
    let now_secs = (now_ms() / 1000) as u64;
    let Some(step) = tf::matching_step(&pending.secret, &f.code, now_secs) else {
        return again(&state, &me, "accounts-code-wrong").await;
    };
    let txn = state.db.begin().await?;
    // Turned on once, even if the form is sent twice.
    let r = two_factor::Entity::update_many()
        .col_expr(two_factor::Column::EnabledAt, Expr::value(now_ms()))
        .col_expr(two_factor::Column::LastStep, Expr::value(step as i64))
        .filter(two_factor::Column::UserId.eq(me.user.id))
        .filter(two_factor::Column::EnabledAt.is_null())
        .exec(&txn)
        .await?;
    if r.rows_affected != 1 {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    let codes = tf::renew_recovery_codes(&txn, me.user.id).await?;
    txn.commit().await?;
    render(&RecoveryCodesPage { page: Page::new(&me.ctx, "accounts-recovery-codes-title"), codes })
}

#[derive(Deserialize)]
struct PasswordOnly {
    #[serde(default)]
    current: String,
}

async fn disable(State(state): State<AppState>, me: SignedIn, Form(f): Form<PasswordOnly>) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    if !password_ok(&state, &me, &f.current).await? {
        return again(&state, &me, "err-password-current").await;
    }
    if required_of(&state, &me).await? {
        return again(&state, &me, "accounts-two-factor-cannot-off").await;
    }
    tf::remove(&state.db, me.user.id).await?;
    Ok(with_notice("notice-accounts-two-factor-off", Redirect::to("/account"), me.ctx.secure))
}

async fn new_codes(State(state): State<AppState>, me: SignedIn, Form(f): Form<PasswordOnly>) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    if !tf::is_on(&state.db, me.user.id).await? {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    if !password_ok(&state, &me, &f.current).await? {
        return again(&state, &me, "err-password-current").await;
    }
    let codes = tf::renew_recovery_codes(&state.db, me.user.id).await?;
    render(&RecoveryCodesPage { page: Page::new(&me.ctx, "accounts-recovery-codes-title"), codes })
}

#[derive(Template)]
#[template(path = "accounts/site_security.html")]
struct SitePage {
    page: Page,
    required: bool,
}

async fn site_page(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::ManageSiteSecurity).await?;
    let required = tf::SiteRule::read(&state.db).await?;
    render(&SitePage { page: Page::new(&me.ctx, "accounts-site-security-title"), required })
}

#[derive(Deserialize)]
struct SiteForm {
    #[serde(default)]
    require: Option<String>,
}

async fn save_site(State(state): State<AppState>, me: SignedIn, Form(f): Form<SiteForm>) -> AppResult<Response> {
    me.require(&state, Action::ManageSiteSecurity).await?;
    state.security.set_required(&state.db, f.require.is_some()).await?;
    Ok(with_notice("notice-saved", Redirect::to("/admin/two-factor"), me.ctx.secure))
}
