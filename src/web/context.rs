//! The request context middleware. For every request it:
//! - gives it a request id (logged, returned as `x-request-id`, shown on error pages);
//! - finds the signed-in person from the session cookie;
//! - checks the CSRF token on every state-changing request (double-submit: the form's
//!   `_csrf` field, `x-csrf-token` header or, for file uploads, `?_csrf=` must equal the
//!   HttpOnly `hr_csrf` cookie, which another site can neither read nor set), except
//!   the one-click unsubscribe POST, which mail programs send without our cookies and
//!   whose secret is the token in its path (`notifications::is_one_click_unsubscribe`);
//! - picks the language;
//! - turns `AppError` markers and framework rejections into friendly pages or JSON.

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

    let (ctx, new_csrf, req) = match build_context(&state, req, request_id.clone()).await {
        Ok(v) => v,
        Err((ctx, err)) => {
            let res = err.into_response();
            let res = finish(&state, &ctx, res);
            state.metrics.observe(&method, &route, res.status(), started.elapsed());
            return res;
        }
    };

    let mut res = next.run(req).instrument(span.clone()).await;
    if new_csrf {
        res.headers_mut()
            .append(header::SET_COOKIE, cookies::set(cookies::CSRF, &ctx.csrf, Some(60 * 60 * 24 * 365), ctx.secure));
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
        || (state.config.trust_proxy
            && headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https"));
    let client_ip = client_ip(state, &req);
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let wants_json =
        req.uri().path().starts_with("/api/") || (accept.contains("application/json") && !accept.contains("text/html"));
    let existing_csrf = cookies::get(headers, cookies::CSRF).filter(|t| t.len() >= 32 && t.len() <= 64);
    let new_csrf = existing_csrf.is_none();
    let csrf = existing_csrf.unwrap_or_else(crate::auth::tokens::new_token);
    let notice = cookies::get(headers, cookies::NOTICE)
        .filter(|n| n.starts_with("notice-") && n.len() < 64 && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
    let accept_language = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let session_token = cookies::get(headers, cookies::SESSION);
    let uri = req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());

    let mut ctx = ReqCtx {
        request_id,
        user: None,
        session_id: None,
        csrf,
        locale: Locale::from_accept_language(accept_language),
        notice: notice.map(|n| crate::i18n::message(Locale::En, &n, &[])),
        client_ip,
        uri,
        wants_json,
        secure,
        unread: 0,
        course_menu: None,
    };
    let notice_id = cookies::get(req.headers(), cookies::NOTICE);

    if let Some(token) = session_token {
        match session::load(&state.db, &token).await {
            Ok(Some((session_id, user))) => {
                // One COUNT over the (user_id, created_at) index; pages show it as a badge.
                ctx.unread = match crate::notifications::unread_count(&state.db, user.id).await {
                    Ok(n) => n,
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
    if let Some(n) = notice_id.filter(|n| n.starts_with("notice-")) {
        ctx.notice = Some(crate::i18n::message(ctx.locale, &n, &[]));
    }

    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && !crate::notifications::is_one_click_unsubscribe(req.method(), req.uri().path())
    {
        match check_csrf(&ctx, req, new_csrf).await {
            Ok(r) => req = r,
            Err(e) => return Err((ctx, e)),
        }
    }
    req.extensions_mut().insert(ctx.clone());
    Ok((ctx, new_csrf, req))
}

fn client_ip(state: &AppState, req: &Request) -> String {
    if state.config.trust_proxy
        && let Some(ip) =
            req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next())
    {
        return ip.trim().to_string();
    }
    req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

async fn check_csrf(ctx: &ReqCtx, req: Request, new_csrf: bool) -> Result<Request, AppError> {
    // Without the cookie there is nothing to compare with: the form is from elsewhere
    // or from before the browser had our cookie.
    if new_csrf {
        return Err(AppError::CsrfRejected);
    }
    let expected = ctx.csrf.as_bytes();
    let matches = |given: &str| constant_time_eq(given.as_bytes(), expected);
    if let Some(h) = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return if matches(h) { Ok(req) } else { Err(AppError::CsrfRejected) };
    }
    if let Some(q) = req.uri().query()
        && let Some((_, v)) = url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "_csrf")
    {
        return if matches(&v) { Ok(req) } else { Err(AppError::CsrfRejected) };
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
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
    let text = tr.t(m.message);
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
