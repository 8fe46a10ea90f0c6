//! Single sign-on with OpenID Connect, for institutions that run Homeroom themselves:
//! people sign in with the institution's identity provider (configured as `[[sso]]`
//! tables in the config file; docs/sso.md). The authorization code flow with PKCE, a
//! state and a nonce kept on the server and taken once, and the ID token checked against
//! the provider's published keys. Why a thin layer on `jsonwebtoken` rather than the
//! `openidconnect` crate, and what SSO means for two-factor: docs/decisions/0029-sso.md.

pub mod config;
pub mod flow;
pub mod oidc;
pub mod privacy;
pub mod store;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use sea_orm::TransactionTrait;
use serde::Deserialize;

pub use config::{Provider, sso_only_for};

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::{Page, ReqCtx, Viewer, cookies, render};

/// The browser's half of a sign-in in progress: the state, which the provider's redirect
/// must carry back to the same browser (so nobody can finish their sign-in in yours).
const COOKIE: &str = "hr_sso";

pub fn router() -> Router<AppState> {
    Router::new().route("/sso/{provider}/start", get(start)).route("/sso/{provider}/callback", get(callback))
}

fn provider<'a>(state: &'a AppState, id: &str) -> AppResult<&'a Provider> {
    state.config.sso.iter().find(|p| p.id == id).ok_or(AppError::NotFound)
}

/// The sign-in page's buttons: (provider id, "Sign in with <name>").
pub fn buttons(state: &AppState, ctx: &ReqCtx) -> Vec<(String, String)> {
    state.config.sso.iter().map(|p| (p.id.clone(), ctx.tr().t1("sso-button", "provider", &p.name))).collect()
}

/// Where a sign-in button starts: a link, not a form. A form's submission that the
/// server redirects to the provider is checked against the page's CSP `form-action`
/// ('self') at every redirect, and browsers refuse it; a link's navigation is not.
pub fn start_href(id: impl AsRef<str>, next: impl AsRef<str>) -> String {
    let next: String = url::form_urlencoded::byte_serialize(next.as_ref().as_bytes()).collect();
    format!("/sso/{}/start?next={next}", id.as_ref())
}

/// Words for someone typing a password for an SSO-only address, or `None`.
pub fn password_refused(state: &AppState, ctx: &ReqCtx, email: &str) -> Option<String> {
    sso_only_for(&state.config.sso, email).map(|p| ctx.tr().t1("sso-only-password", "provider", &p.name))
}

#[derive(Template)]
#[template(path = "sso/refused.html")]
struct RefusedPage {
    page: Page,
    message: String,
    detail: Option<String>,
}

/// A sign-in we cannot go on with: plain words for the person, the reason for the admin.
fn refused(ctx: &ReqCtx, status: StatusCode, message_id: &str, detail: Option<String>) -> AppResult<Response> {
    if let Some(d) = &detail {
        tracing::info!(reason = %d, "single sign-on refused");
    }
    let detail = detail.map(|d| d.chars().take(300).collect());
    let mut res =
        render(&RefusedPage { page: Page::new(ctx, "sso-refused-title"), message: ctx.tr().t(message_id), detail })?;
    *res.status_mut() = status;
    res.headers_mut().append(header::SET_COOKIE, cookies::set(COOKIE, "", Some(0), ctx.secure));
    Ok(res)
}

fn redirect_uri(state: &AppState, p: &Provider) -> String {
    format!("{}/sso/{}/callback", state.config.base_url(), p.id)
}

#[derive(Deserialize)]
struct StartQuery {
    next: Option<String>,
}

async fn start(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(id): Path<String>,
    Query(q): Query<StartQuery>,
) -> AppResult<Response> {
    let p = provider(&state, &id)?;
    // Each start writes a row: counted per network address (nobody is signed in yet).
    crate::abuse::check_as(&state, &ctx, crate::abuse::Act::SsoSignIn, None).await?;
    let d = match oidc::discover(p).await {
        Ok(d) => d,
        Err(e) => return refused(&ctx, StatusCode::BAD_GATEWAY, "sso-refused-down", Some(e.to_string())),
    };
    let next = crate::web::redirect::safe_next(q.next.as_deref());
    let (st, nonce, verifier) = store::begin(&state.db, &p.id, &next).await?;
    let to = flow::authorize_url(&flow::AuthRequest {
        endpoint: &d.authorization_endpoint,
        client_id: &p.client_id,
        redirect_uri: &redirect_uri(&state, p),
        state: &st,
        nonce: &nonce,
        verifier: &verifier,
    });
    let Ok(to) = to else {
        return refused(&ctx, StatusCode::BAD_GATEWAY, "sso-refused-down", Some("bad authorization_endpoint".into()));
    };
    let mut res = Redirect::to(&to).into_response();
    let max_age = store::ATTEMPT_LIFETIME_MS / 1000;
    res.headers_mut().append(header::SET_COOKIE, cookies::set(COOKIE, &st, Some(max_age), ctx.secure));
    Ok(res)
}

#[derive(Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

async fn callback(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> AppResult<Response> {
    let p = provider(&state, &id)?;
    crate::abuse::check_as(&state, &ctx, crate::abuse::Act::SsoSignIn, None).await?;
    let Some(st) = q.state.filter(|s| !s.is_empty() && s.len() <= 100) else {
        return refused(&ctx, StatusCode::BAD_REQUEST, "sso-refused-state", Some("no state".into()));
    };
    // The state must be the one this browser was given when it started.
    if cookies::get(&headers, COOKIE).as_deref() != Some(st.as_str()) {
        return refused(&ctx, StatusCode::BAD_REQUEST, "sso-refused-state", Some("not this browser's state".into()));
    }
    let attempt = match store::take(&state.db, &st).await? {
        Some(a) if a.provider == p.id => a,
        _ => return refused(&ctx, StatusCode::BAD_REQUEST, "sso-refused-replay", None),
    };
    if let Some(e) = q.error {
        return refused(&ctx, StatusCode::FORBIDDEN, "sso-refused-provider", Some(e));
    }
    let Some(code) = q.code.filter(|c| !c.is_empty()) else {
        return refused(&ctx, StatusCode::BAD_REQUEST, "sso-refused-provider", Some("no code".into()));
    };
    let outcome = async {
        let d = oidc::discover(p).await?;
        let token = oidc::exchange(p, &d, &code, &attempt.verifier, &redirect_uri(&state, p)).await?;
        oidc::verify(p, &d, &token).await
    };
    let claims = match outcome.await {
        Ok(c) => c,
        Err(e @ oidc::Failure::Down(_)) => {
            return refused(&ctx, StatusCode::BAD_GATEWAY, "sso-refused-down", Some(e.to_string()));
        }
        Err(e @ oidc::Failure::Refused(_)) => {
            return refused(&ctx, StatusCode::FORBIDDEN, "sso-refused-provider", Some(e.to_string()));
        }
        Err(e) => return refused(&ctx, StatusCode::FORBIDDEN, "sso-refused-token", Some(e.to_string())),
    };
    let person = match flow::check(&claims, &p.issuer, &p.client_id, &attempt.nonce, crate::time::now_ms() / 1000) {
        Ok(person) => person,
        Err(e) => return refused(&ctx, StatusCode::FORBIDDEN, "sso-refused-token", Some(e.to_string())),
    };
    let txn = state.db.begin().await?;
    let zone = state.site.get().time_zone;
    let user = match store::account(&txn, &p.issuer, &person, &zone).await? {
        store::Outcome::Account(u) => u,
        store::Outcome::Refuse(message) => return refused(&ctx, StatusCode::FORBIDDEN, message, None),
    };
    txn.commit().await?;
    let mut res = crate::auth::finish_sign_in(&state, &ctx, &headers, &user, attempt.next).await?;
    res.headers_mut().append(header::SET_COOKIE, cookies::set(COOKIE, "", Some(0), ctx.secure));
    Ok(res)
}
