//! Request time limits, chosen per request instead of one for all: an ordinary page must
//! finish within `--request-timeout-secs`, a request carrying files (multipart) within the
//! much longer `--upload-timeout-secs`, so a large video on an ordinary connection gets
//! through. What catches a stalled or deliberately slow sender is the idle limit: a
//! request body that sends nothing for `--idle-timeout-secs` ends with an error, which
//! every reader (forms, multipart, uploads) reports as a broken form.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;

use crate::app::AppState;

/// Whether a request carries files: a state-changing multipart request.
pub fn is_upload(req: &Request) -> bool {
    !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.trim_start().to_ascii_lowercase().starts_with("multipart/"))
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let c = &state.config;
    let total = Duration::from_secs(if is_upload(&req) { c.upload_timeout_secs } else { c.request_timeout_secs });
    let idle = Duration::from_secs(c.idle_timeout_secs);
    let req = req.map(|body| idle_limited(body, idle));
    match tokio::time::timeout(total, next.run(req)).await {
        Ok(res) => res,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// The body, ending in an error if no bytes arrive for `idle`.
pub fn idle_limited(body: Body, idle: Duration) -> Body {
    let stream = futures::stream::unfold(Some(body.into_data_stream()), move |state| async move {
        let mut s = state?;
        match tokio::time::timeout(idle, s.next()).await {
            Ok(Some(item)) => Some((item, Some(s))),
            Ok(None) => None,
            Err(_) => {
                let e = std::io::Error::new(std::io::ErrorKind::TimedOut, "the request body stalled");
                Some((Err(axum::Error::new(e)), None))
            }
        }
    });
    Body::from_stream(stream)
}
