//! One error type for the web layer. Handlers return `AppError`; the response it makes
//! carries only a marker, and `web::context` turns the marker into a friendly page (or
//! JSON for API calls) in the reader's language, with the request id, and logs 500s.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("sign-in required")]
    SignInRequired,
    /// A request we cannot act on; the Fluent id says why.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("too many requests")]
    TooManyRequests,
    /// Over a rate limit (`crate::abuse`); may try again after this many seconds.
    #[error("rate limited")]
    RateLimited { retry_after: u64 },
    #[error("form expired")]
    CsrfRejected,
    #[error("payload too large")]
    PayloadTooLarge,
    /// The site requires two-factor sign-in of this person and they have not set it up:
    /// they are sent to do that first.
    #[error("two-factor setup required")]
    TwoFactorSetupRequired,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// What the error page middleware needs to know about an error.
#[derive(Clone, Debug)]
pub struct ErrorMarker {
    pub status: StatusCode,
    /// Fluent id of the sentence shown to the reader.
    pub message: &'static str,
    /// Set for internal errors, which are logged with the request id and never shown.
    pub internal: Option<Arc<anyhow::Error>>,
    pub sign_in: bool,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooManyRequests | AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TwoFactorSetupRequired => StatusCode::SEE_OTHER,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::SignInRequired => "error-sign-in",
            AppError::BadRequest(m) => m,
            AppError::TooManyRequests => "error-too-many",
            AppError::RateLimited { .. } => "abuse-slow-down",
            AppError::CsrfRejected => "error-csrf",
            AppError::PayloadTooLarge => "error-too-large",
            AppError::TwoFactorSetupRequired => "accounts-two-factor-required",
            AppError::Internal(_) => "error-internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::TwoFactorSetupRequired = self {
            return axum::response::Redirect::to("/account/two-factor").into_response();
        }
        let status = self.status();
        let message = self.message();
        let sign_in = matches!(self, AppError::SignInRequired);
        let retry_after = match self {
            AppError::RateLimited { retry_after } => Some(retry_after),
            _ => None,
        };
        let internal = match self {
            AppError::Internal(e) => Some(Arc::new(e)),
            _ => None,
        };
        let mut res = status.into_response();
        if let Some(secs) = retry_after {
            res.headers_mut().insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        res.extensions_mut().insert(ErrorMarker { status, message, internal, sign_in });
        res
    }
}

pub type AppResult<T> = Result<T, AppError>;
