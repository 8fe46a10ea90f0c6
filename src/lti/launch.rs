//! The LTI 1.3 launch: the platform's third-party-initiated login (we answer with an
//! authentication request carrying a fresh state and nonce), the launch itself (the
//! `id_token` posted back), and the hand-off that lets a launch inside the LMS's frame
//! continue in a window of its own.
//!
//! The state is a random value with our signature, carried in the state parameter, and
//! its digest is a row in `lti_logins`; no cookie is needed, so browsers that block
//! cookies in third-party frames still launch. A state is good once, for ten minutes, and
//! the token must carry the nonce made with it: a replayed launch is refused.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

use super::{platforms, sql, verify};
use crate::app::AppState;
use crate::auth::{session, tokens};
use crate::error::AppResult;
use crate::web::context::ReqCtx;
use crate::web::extract::Viewer;
use crate::web::{Page, cookies, render};

const LOGIN_LIFETIME_MS: i64 = 10 * 60 * 1000;
const HANDOFF_LIFETIME_MS: i64 = 2 * 60 * 1000;

#[derive(Debug, Default, Deserialize)]
pub struct LoginParams {
    #[serde(default)]
    iss: String,
    #[serde(default)]
    login_hint: String,
    #[serde(default)]
    target_link_uri: String,
    lti_message_hint: Option<String>,
    client_id: Option<String>,
    lti_deployment_id: Option<String>,
}

#[derive(Template)]
#[template(path = "lti/refused.html")]
struct RefusedPage {
    page: Page,
    message: String,
    detail: Option<String>,
}

/// A launch we cannot go on with: plain words for the person, the reason for the admin.
pub fn refused(ctx: &ReqCtx, status: StatusCode, message_id: &str, detail: Option<String>) -> AppResult<Response> {
    let tr = ctx.tr();
    let mut res =
        render(&RefusedPage { page: Page::new(ctx, "lti-refused-title"), message: tr.t(message_id), detail })?;
    *res.status_mut() = status;
    Ok(res)
}

async fn state_key(state: &AppState) -> Result<Vec<u8>, sea_orm::DbErr> {
    crate::web::csrf::load_or_create(&state.db, "lti-state").await
}

fn sign(key: &[u8], value: &str) -> String {
    use base64::Engine;
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"homeroom lti state v1\0");
    mac.update(value.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// The random part of a state whose signature is ours.
pub fn unsigned(key: &[u8], state: &str) -> Option<String> {
    let (value, sig) = state.split_once('.')?;
    crate::web::csrf::same(sig, &sign(key, value)).then(|| value.to_string())
}

pub async fn login_get(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Query(p): Query<LoginParams>,
) -> AppResult<Response> {
    login(state, ctx, p).await
}

pub async fn login_post(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Form(p): Form<LoginParams>,
) -> AppResult<Response> {
    login(state, ctx, p).await
}

async fn login(state: AppState, ctx: ReqCtx, p: LoginParams) -> AppResult<Response> {
    crate::abuse::check_as(&state, &ctx, crate::abuse::Act::LtiLogin, None).await?;
    if p.iss.is_empty() || p.login_hint.is_empty() {
        return refused(
            &ctx,
            StatusCode::BAD_REQUEST,
            "lti-refused-login",
            Some("iss and login_hint are required".into()),
        );
    }
    let Some(platform) = platforms::find(&state.db, &p.iss, p.client_id.as_deref()).await? else {
        // Not found: no registration answers to this issuer (and client id).
        return refused(&ctx, StatusCode::NOT_FOUND, "lti-refused-platform", Some(format!("issuer {}", p.iss)));
    };
    if let Some(d) = &p.lti_deployment_id
        && !platform.deployments.contains(d)
    {
        return refused(&ctx, StatusCode::BAD_REQUEST, "lti-refused-deployment", Some(format!("deployment {d}")));
    }
    let value = tokens::new_token();
    let nonce = tokens::new_token();
    let key = state_key(&state).await?;
    let signed = format!("{value}.{}", sign(&key, &value));
    let now = crate::time::now_ms();
    let target = (!p.target_link_uri.is_empty()).then(|| p.target_link_uri.chars().take(1000).collect::<String>());
    sql::exec(
        &state.db,
        "INSERT INTO lti_logins (platform_id, state_hash, nonce, target_link_uri, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        vec![
            platform.id.into(),
            tokens::hash(&value).into(),
            nonce.clone().into(),
            target.into(),
            now.into(),
            (now + LOGIN_LIFETIME_MS).into(),
        ],
    )
    .await?;
    let redirect_uri = format!("{}/lti/launch", state.config.base_url());
    let mut params = vec![
        ("scope", "openid"),
        ("response_type", "id_token"),
        ("response_mode", "form_post"),
        ("prompt", "none"),
        ("client_id", platform.client_id.as_str()),
        ("redirect_uri", redirect_uri.as_str()),
        ("login_hint", p.login_hint.as_str()),
        ("state", signed.as_str()),
        ("nonce", nonce.as_str()),
    ];
    if let Some(h) = &p.lti_message_hint {
        params.push(("lti_message_hint", h));
    }
    let url = url::Url::parse_with_params(&platform.auth_url, &params)
        .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!("auth url: {e}")))?;
    Ok(Redirect::to(url.as_str()).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct LaunchForm {
    #[serde(default)]
    id_token: String,
    #[serde(default)]
    state: String,
    /// Some platforms post an error instead of a token (`prompt=none` refused).
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "lti/handoff.html")]
struct HandoffPage {
    page: Page,
    code: String,
}

pub async fn launch(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    headers: HeaderMap,
    Form(f): Form<LaunchForm>,
) -> AppResult<Response> {
    if let Some(e) = f.error {
        return refused(
            &ctx,
            StatusCode::BAD_REQUEST,
            "lti-refused-platform-error",
            Some(e.chars().take(200).collect()),
        );
    }
    if f.state.is_empty() || f.id_token.is_empty() {
        return refused(&ctx, StatusCode::BAD_REQUEST, "lti-refused-state", Some("state or id_token missing".into()));
    }
    let key = state_key(&state).await?;
    let Some(value) = unsigned(&key, &f.state) else {
        return refused(&ctx, StatusCode::BAD_REQUEST, "lti-refused-state", Some("state not signed by us".into()));
    };
    let now = crate::time::now_ms();
    let row = sql::one(
        &state.db,
        "SELECT id, platform_id, nonce, target_link_uri FROM lti_logins WHERE state_hash = $1 AND expires_at > $2",
        vec![tokens::hash(&value).into(), now.into()],
    )
    .await?;
    let Some(row) = row else {
        return refused(&ctx, StatusCode::BAD_REQUEST, "lti-refused-state", Some("state unknown or expired".into()));
    };
    let login_id: i64 = row.try_get("", "id")?;
    // Used once: of two posts of the same state, one wins this update.
    let fresh = sql::exec(
        &state.db,
        "UPDATE lti_logins SET used_at = $1 WHERE id = $2 AND used_at IS NULL",
        vec![now.into(), login_id.into()],
    )
    .await?;
    if fresh != 1 {
        return refused(&ctx, StatusCode::BAD_REQUEST, "lti-refused-replay", Some("state already used".into()));
    }
    let platform_id: i64 = row.try_get("", "platform_id")?;
    let nonce: String = row.try_get("", "nonce")?;
    let Some(platform) = platforms::by_id(&state.db, platform_id).await? else {
        return refused(&ctx, StatusCode::BAD_REQUEST, "lti-refused-platform", None);
    };
    let launch = match verify::id_token(&state.db, &platform, &f.id_token, &nonce).await {
        Ok(l) => l,
        Err(e) => {
            tracing::info!(platform = platform.id, reason = %e, "LTI launch refused");
            return refused(&ctx, StatusCode::UNAUTHORIZED, "lti-refused-token", Some(e.to_string()));
        }
    };
    let outcome = super::arrive::arrive(&state, &platform, &launch).await?;
    let (user_id, next) = match outcome {
        super::arrive::Outcome::Go { user_id, next } => (user_id, next),
        super::arrive::Outcome::DeepLink { user_id, context_id, course_id } => {
            // The request waits on this sign-in's row until the instructor picks a place.
            sql::exec(
                &state.db,
                "UPDATE lti_logins SET user_id = $1, deep_link_return_url = $2, deep_link_data = $3, \
                 deep_link_deployment = $4, deep_link_context = $5 WHERE id = $6",
                vec![
                    user_id.into(),
                    launch.deep_link_return_url.clone().into(),
                    launch.deep_link_data.clone().into(),
                    launch.deployment_id.clone().into(),
                    context_id.into(),
                    login_id.into(),
                ],
            )
            .await?;
            (user_id, super::deep_link::picker_path(course_id, login_id))
        }
        super::arrive::Outcome::Refuse(message_id) => {
            return refused(&ctx, StatusCode::FORBIDDEN, message_id, None);
        }
    };
    // Inside the LMS's frame our cookies may be blocked, and our pages refuse to be
    // framed: offer a button that continues in a window of its own.
    let framed = headers.get("sec-fetch-dest").and_then(|v| v.to_str().ok()) == Some("iframe");
    if framed {
        let code = tokens::new_token();
        sql::exec(
            &state.db,
            "UPDATE lti_logins SET user_id = $1, next_path = $2, handoff_hash = $3, expires_at = $4 WHERE id = $5",
            vec![
                user_id.into(),
                next.clone().into(),
                tokens::hash(&code).into(),
                (now + HANDOFF_LIFETIME_MS).into(),
                login_id.into(),
            ],
        )
        .await?;
        let mut res = render(&HandoffPage { page: Page::new(&ctx, "lti-handoff-title"), code })?;
        // This one page may sit in the LMS's frame (its address can differ from the
        // issuer, as Canvas's does); it holds a button and a one-time code only.
        res.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                 object-src 'none'; base-uri 'none'; frame-ancestors *; form-action 'self'",
            ),
        );
        return Ok(res);
    }
    sign_in(&state, &ctx, &headers, user_id, &next).await
}

async fn sign_in(state: &AppState, ctx: &ReqCtx, headers: &HeaderMap, user_id: i64, next: &str) -> AppResult<Response> {
    let device = session::Device::from_request(headers, &ctx.client_ip);
    let token = session::create_for(&state.db, user_id, &device).await?;
    let mut res = Redirect::to(next).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, &token, Some(session::LIFETIME_MS / 1000), ctx.secure),
    );
    Ok(res)
}

#[derive(Debug, Default, Deserialize)]
pub struct ContinueForm {
    #[serde(default)]
    code: String,
}

/// The framed launch's button, opened in a window of its own: sign in and go on.
pub async fn carry_on(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    headers: HeaderMap,
    Form(f): Form<ContinueForm>,
) -> AppResult<Response> {
    let now = crate::time::now_ms();
    let row = sql::one(
        &state.db,
        "SELECT id, user_id, next_path FROM lti_logins WHERE handoff_hash = $1 AND expires_at > $2",
        vec![tokens::hash(&f.code).into(), now.into()],
    )
    .await?;
    let Some(row) = row else {
        return refused(&ctx, StatusCode::BAD_REQUEST, "lti-refused-handoff", None);
    };
    let id: i64 = row.try_get("", "id")?;
    let taken = sql::exec(
        &state.db,
        "UPDATE lti_logins SET handed_off_at = $1 WHERE id = $2 AND handed_off_at IS NULL",
        vec![now.into(), id.into()],
    )
    .await?;
    if taken != 1 {
        return refused(&ctx, StatusCode::BAD_REQUEST, "lti-refused-handoff", None);
    }
    let user_id: Option<i64> = row.try_get("", "user_id")?;
    let next: Option<String> = row.try_get("", "next_path")?;
    let (Some(user_id), Some(next)) = (user_id, next) else {
        return refused(&ctx, StatusCode::BAD_REQUEST, "lti-refused-handoff", None);
    };
    sign_in(&state, &ctx, &headers, user_id, &next).await
}
