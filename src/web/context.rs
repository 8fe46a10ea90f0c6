//! The request context middleware. For every request it:
//! - gives it a request id (logged, returned as `x-request-id`, shown on error pages);
//! - finds the signed-in person from the session cookie;
//! - checks the CSRF token on every state-changing request (`web::csrf`: the form's
//!   `_csrf` field, the first part of a multipart form, or the `x-csrf-token` header
//!   must be the session's token, or for a signed-out visitor the HttpOnly cookie's),
//!   except the one-click unsubscribe POST, which mail programs send without our
//!   cookies and whose secret is the token in its path
//!   (`notifications::is_one_click_unsubscribe`), and the posts of an LTI launch, whose
//!   proof is the signed state and token (`lti::is_platform_post`);
//! - picks the language;
//! - turns `AppError` markers and framework rejections into friendly pages or JSON;
//! - adds the browser defences (`web::defences`) to every response.

use std::net::SocketAddr;
use std::time::Instant;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use tracing::Instrument;

use crate::app::AppState;
use crate::auth::session;
use crate::error::{AppError, ErrorMarker};
use crate::i18n::{Locale, Tr};
use crate::web::cookies;
use crate::web::page::{ErrorPage, Page};

/// The largest form body we read (a roster of 10,000 rows pasted into the box fits).
pub const FORM_LIMIT: usize = 4 * 1024 * 1024;

#[derive(Clone, Debug, Serialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub locale: Locale,
    pub time_zone: String,
    pub is_site_admin: bool,
}

/// Everything about the request that pages and handlers need.
#[derive(Clone, Debug)]
pub struct ReqCtx {
    pub request_id: String,
    pub user: Option<CurrentUser>,
    pub session_id: Option<i64>,
    pub csrf: String,
    pub locale: Locale,
    pub notice: Option<String>,
    pub client_ip: String,
    /// Path and query, for "sign in and come back here".
    pub uri: String,
    pub wants_json: bool,
    pub secure: bool,
    /// The signed-in person's unread notifications, for the header badge.
    pub unread: u64,
    /// The site's name and the time zone for visitors, from the site's settings.
    pub site_name: String,
    pub site_zone: String,
    /// Set by `CourseCtx` on a course route when the course is archived (pages show a
    /// banner).
    pub course_archived: bool,
    /// On a course's pages, for its members: the course menu (set by `CourseCtx`).
    pub course_menu: Option<crate::courses::menu::CourseMenu>,
}

impl ReqCtx {
    pub fn tr(&self) -> Tr {
        Tr(self.locale)
    }
}

/// Paths that need none of this: health checks, metrics and static files stay cheap.
fn is_bare(path: &str) -> bool {
    path == "/healthz" || path == "/metrics" || path.starts_with("/static/")
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let count = state.config.count_statements;
    let (mut res, statements) = crate::db::count::counted(handle(state, req, next)).await;
    crate::web::defences::add(res.headers_mut());
    if count {
        res.headers_mut().insert("x-statements", HeaderValue::from(statements));
    }
    res
}

async fn handle(state: AppState, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route =
        req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_else(|| "unmatched".into());
    let path = req.uri().path().to_string();
    if is_bare(&path) {
        let res = next.run(req).await;
        state.metrics.observe(&method, &route, res.status(), started.elapsed());
        return res;
    }

    let request_id = crate::auth::tokens::short_id();
    let span = tracing::info_span!("request", id = %request_id, method = %method, path = %path);

    let (ctx, csrf_cookie_stale, req) = match build_context(&state, req, request_id.clone()).await {
        Ok(v) => v,
        Err((ctx, err)) => {
            let res = err.into_response();
            let res = finish(&state, &ctx, res);
            state.metrics.observe(&method, &route, res.status(), started.elapsed());
            return res;
        }
    };

    let mut res = next.run(req).instrument(span.clone()).await;
    // Signing in or out changes the token: give the browser the new one at once, so a
    // form posted right after needs no page load in between.
    let token = match session_change(&res) {
        Some(change) => match token_after(&state, change).await {
            Ok(t) => Some(t),
            Err(e) => return finish(&state, &ctx, AppError::from(e).into_response()),
        },
        None => csrf_cookie_stale.then(|| ctx.csrf.clone()),
    };
    if let Some(token) = token {
        let name = cookies::csrf_name(ctx.secure);
        res.headers_mut().append(header::SET_COOKIE, cookies::set(name, &token, Some(60 * 60 * 24 * 365), ctx.secure));
    }
    if ctx.notice.is_some() && res.status() == StatusCode::OK {
        res.headers_mut().append(header::SET_COOKIE, cookies::set(cookies::NOTICE, "", Some(0), ctx.secure));
    }
    let res = finish(&state, &ctx, res);
    tracing::info!(parent: &span, status = res.status().as_u16(), ms = started.elapsed().as_millis() as u64, "done");
    state.metrics.observe(&method, &route, res.status(), started.elapsed());
    res
}

async fn build_context(
    state: &AppState,
    req: Request,
    request_id: String,
) -> Result<(ReqCtx, bool, Request), (ReqCtx, AppError)> {
    let headers = req.headers();
    let secure = state.config.secure_cookies()
        || (state.config.proxy_hops > 0
            && headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https"));
    let client_ip = client_ip(state, &req);
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let wants_json =
        req.uri().path().starts_with("/api/") || (accept.contains("application/json") && !accept.contains("text/html"));
    let cookie_csrf = cookies::get(headers, cookies::csrf_name(secure)).filter(|t| t.len() >= 32 && t.len() <= 64);
    let csrf = cookie_csrf.clone().unwrap_or_else(crate::auth::tokens::new_token);
    let notice = cookies::get(headers, cookies::NOTICE).filter(|n| crate::i18n::is_notice_id(n));
    let accept_language = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let session_token = cookies::get(headers, cookies::SESSION);
    let uri = req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());

    let site = state.site.get();
    let mut ctx = ReqCtx {
        request_id,
        user: None,
        session_id: None,
        csrf,
        locale: Locale::accepted(accept_language).unwrap_or(site.locale),
        notice: notice.map(|n| crate::i18n::message(Locale::En, &n, &[])),
        client_ip,
        uri,
        wants_json,
        secure,
        unread: 0,
        site_name: site.name,
        site_zone: site.time_zone,
        course_archived: false,
        course_menu: None,
    };
    let notice_id = cookies::get(req.headers(), cookies::NOTICE);

    if let Some(token) = session_token {
        match session::load(&state.db, &token).await {
            Ok(Some((session_id, user, unread))) => {
                // Read in the session's own statement; pages show it as a badge.
                ctx.unread = unread;
                ctx.csrf = match state.site_key.get(&state.db).await {
                    Ok(key) => crate::web::csrf::session_token(key, session_id),
                    Err(e) => return Err((ctx, e.into())),
                };
                ctx.locale = user.locale;
                ctx.user = Some(user);
                ctx.session_id = Some(session_id);
            }
            Ok(None) => {}
            Err(e) => return Err((ctx, e.into())),
        }
    }
    // Now that the language is known, translate the notice in it.
    if let Some(n) = notice_id.filter(|n| crate::i18n::is_notice_id(n)) {
        ctx.notice = Some(crate::i18n::message(ctx.locale, &n, &[]));
    }

    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && !crate::notifications::is_one_click_unsubscribe(req.method(), req.uri().path())
        && !crate::lti::is_platform_post(req.method(), req.uri().path())
    {
        // Signed out, the token is only as good as the cookie it must match: without
        // the cookie, the form is from elsewhere or from before the browser had it.
        if ctx.session_id.is_none() && cookie_csrf.is_none() {
            return Err((ctx, AppError::CsrfRejected));
        }
        match check_csrf(&ctx, req).await {
            Ok(r) => req = r,
            Err(e) => return Err((ctx, e)),
        }
    }
    req.extensions_mut().insert(ctx.clone());
    let stale = cookie_csrf.as_deref() != Some(ctx.csrf.as_str());
    Ok((ctx, stale, req))
}

fn client_ip(state: &AppState, req: &Request) -> String {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let forwarded: Vec<&str> =
        req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    crate::web::forwarded::client_ip(peer, &forwarded, state.config.proxy_hops)
}

/// A response that starts a session (`Some(Some(token))`) or ends one (`Some(None)`).
fn session_change(res: &Response) -> Option<Option<String>> {
    let prefix = format!("{}=", cookies::SESSION);
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.strip_prefix(&prefix))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .next_back()
        .map(|token| (!token.is_empty()).then_some(token))
}

/// The CSRF token that goes with a session just started, or a fresh signed-out one.
async fn token_after(state: &AppState, change: Option<String>) -> Result<String, sea_orm::DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let Some(token) = change else { return Ok(crate::auth::tokens::new_token()) };
    let id: Option<i64> = crate::db::entity::session::Entity::find()
        .select_only()
        .column(crate::db::entity::session::Column::Id)
        .filter(crate::db::entity::session::Column::TokenHash.eq(crate::auth::tokens::hash(&token)))
        .into_tuple()
        .one(&state.db)
        .await?;
    match id {
        Some(id) => Ok(crate::web::csrf::session_token(state.site_key.get(&state.db).await?, id)),
        None => Ok(crate::auth::tokens::new_token()),
    }
}

async fn check_csrf(ctx: &ReqCtx, req: Request) -> Result<Request, AppError> {
    let matches = |given: &str| crate::web::csrf::same(given, &ctx.csrf);
    if let Some(h) = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return if matches(h) { Ok(req) } else { Err(AppError::CsrfRejected) };
    }
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        let boundary = multer::parse_boundary(content_type).map_err(|_| AppError::BadRequest("error-bad-form"))?;
        let (req, token) = crate::web::csrf::multipart_token(req, &boundary).await?;
        return if token.is_some_and(|t| matches(&t)) { Ok(req) } else { Err(AppError::CsrfRejected) };
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(AppError::CsrfRejected);
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, FORM_LIMIT).await.map_err(|_| AppError::PayloadTooLarge)?;
    let ok = url::form_urlencoded::parse(&bytes).find(|(k, _)| k == "_csrf").is_some_and(|(_, v)| matches(&v));
    if !ok {
        return Err(AppError::CsrfRejected);
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Turn error markers and bare framework rejections into pages; add the request id.
fn finish(state: &AppState, ctx: &ReqCtx, mut res: Response) -> Response {
    let marker = res.extensions_mut().remove::<ErrorMarker>().or_else(|| {
        // Rejections from axum's extractors (a malformed form, a non-numeric id) arrive
        // as plain text; give them the same friendly treatment.
        let status = res.status();
        let plain = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|ct| ct.starts_with("text/plain"));
        (status.is_client_error() || status.is_server_error()).then_some(()).filter(|_| plain).map(|_| ErrorMarker {
            status,
            message: match status {
                StatusCode::NOT_FOUND => "error-not-found",
                StatusCode::METHOD_NOT_ALLOWED => "error-method",
                StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
                StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => {
                    "error-bad-form"
                }
                s if s.is_server_error() => "error-internal",
                _ => "error-bad-form",
            },
            internal: None,
            sign_in: false,
        })
    });
    let mut res = match marker {
        Some(m) => error_response(state, ctx, m, res.headers().get(header::RETRY_AFTER).cloned()),
        None => res,
    };
    if let Ok(v) = HeaderValue::from_str(&ctx.request_id) {
        res.headers_mut().insert("x-request-id", v);
    }
    res
}

fn error_response(_state: &AppState, ctx: &ReqCtx, m: ErrorMarker, retry: Option<HeaderValue>) -> Response {
    if let Some(e) = &m.internal {
        tracing::error!(request_id = %ctx.request_id, error = ?e, "internal error");
    }
    if m.sign_in && !ctx.wants_json {
        let next = url::form_urlencoded::byte_serialize(ctx.uri.as_bytes()).collect::<String>();
        return Redirect::to(&format!("/sign-in?next={next}")).into_response();
    }
    let tr = ctx.tr();
    let mut text = tr.t(m.message);
    // A rate limit says when to come back (Retry-After, in seconds).
    if let Some(secs) = retry.as_ref().and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok()) {
        text = format!("{text} {}", tr.t1("abuse-try-again", "minutes", secs.div_ceil(60)));
    }
    let mut res = if ctx.wants_json {
        let body = serde_json::json!({
            "error": m.message,
            "message": text.clone(),
            "request_id": ctx.request_id,
        });
        (m.status, axum::Json(body)).into_response()
    } else {
        let page = ErrorPage {
            page: Page::new(ctx, "error-title"),
            status: m.status.as_u16(),
            message: text.clone(),
            sign_in: ctx.user.is_none() && m.status == StatusCode::FORBIDDEN,
        };
        match askama::Template::render(&page) {
            Ok(html) => (m.status, axum::response::Html(html)).into_response(),
            Err(_) => (m.status, text).into_response(),
        }
    };
    if m.status == StatusCode::TOO_MANY_REQUESTS {
        res.headers_mut().insert(header::RETRY_AFTER, retry.unwrap_or(HeaderValue::from_static("900")));
    }
    res
}
