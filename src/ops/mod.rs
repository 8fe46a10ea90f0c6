//! Operations: `/healthz` for load balancers, `/metrics` for Prometheus, and the
//! embedded static files. `/metrics` names every route and how busy it is, so it is
//! served only to whoever holds `--metrics-token`, or on the operator's own
//! `--metrics-listen` address; otherwise it does not exist (404).

pub mod metrics;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sea_orm::ConnectionTrait;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .route("/static/{file}", get(static_file))
}

/// Healthy when the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

async fn metrics_text(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    let Some(token) = &state.config.metrics_token else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| crate::web::csrf::same(g.trim(), token)) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "unauthorized\n").into_response();
    }
    metrics_body(&state)
}

fn metrics_body(state: &AppState) -> Response {
    ([(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], state.metrics.render())
        .into_response()
}

/// The router of the separate `--metrics-listen` address: only `/metrics`, no token.
pub fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(|State(state): State<AppState>| async move { metrics_body(&state) }))
        .with_state(state)
}

/// Static files are compiled into the binary: one file to deploy, no build step.
const STATIC: &[(&str, &str, &str)] = &[
    ("app.css", "text/css; charset=utf-8", include_str!("../../static/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("../../static/app.js")),
    ("favicon.svg", "image/svg+xml", include_str!("../../static/favicon.svg")),
    ("forum.js", "text/javascript; charset=utf-8", include_str!("../../static/forum.js")),
    ("forms.js", "text/javascript; charset=utf-8", include_str!("../../static/forms.js")),
    ("live.js", "text/javascript; charset=utf-8", include_str!("../../static/live.js")),
    ("record.js", "text/javascript; charset=utf-8", include_str!("../../static/record.js")),
    ("recipients.js", "text/javascript; charset=utf-8", include_str!("../../static/recipients.js")),
    ("personal.js", "text/javascript; charset=utf-8", include_str!("../../static/personal.js")),
    ("lti.js", "text/javascript; charset=utf-8", include_str!("../../static/lti.js")),
];

async fn static_file(Path(file): Path<String>) -> Response {
    match STATIC.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, body)) => {
            ([(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, "public, max-age=3600")], *body).into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
