//! LTI 1.3: Homeroom as a tool that an LMS (Canvas, Moodle, Blackboard, Brightspace)
//! launches, with the course and its people provisioned from the launch, and the
//! roster kept in step by Names and Roles. The rules without I/O live in the
//! `homeroom-lti` crate; why we wrote this thin layer on `jsonwebtoken` rather than use
//! an LTI crate is docs/decisions/0022-lti.md. How to register Homeroom in each LMS is
//! docs/lti.md.

pub mod admin;
pub mod arrive;
pub mod course_groups;
pub mod deep_link;
pub mod demo;
pub mod keys;
pub mod launch;
pub mod link;
pub mod oneroster;
pub mod picture;
pub mod platforms;
pub mod privacy;
pub mod provision;
pub mod register;
pub mod sql;
pub mod sync;
pub mod verify;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::app::AppState;
use crate::error::AppResult;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/lti/jwks", get(jwks))
        .route("/lti/login", get(launch::login_get).post(launch::login_post))
        .route("/lti/launch", post(launch::launch))
        .route("/lti/continue", post(launch::carry_on))
        .route("/lti/contexts/{context_id}/link", get(link::link_form).post(link::link))
        .route("/admin/lti", get(admin::admin_page).post(admin::register))
        .route("/courses/{course_id}/lti/deep-links/{login_id}", get(deep_link::pick_form).post(deep_link::pick))
        .route("/lti/register", get(register::start).post(register::finish))
}

/// The posts a platform (or our own hand-off page, inside the platform's frame) sends
/// without our cookies: their proof is the signed state and token, or the one-time code,
/// not a CSRF token.
pub fn is_platform_post(method: &Method, path: &str) -> bool {
    method == Method::POST && matches!(path, "/lti/login" | "/lti/launch" | "/lti/continue")
}

async fn jwks(State(state): State<AppState>) -> AppResult<Response> {
    let doc = keys::jwks(&state.db).await?;
    let mut res = Json(doc).into_response();
    // Platforms cache it; a rotation keeps the previous key published for a while.
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("public, max-age=300"));
    Ok(res)
}
