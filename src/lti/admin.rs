//! The site admin's LTI page: the tool's own addresses and keys to paste into an LMS,
//! the platforms registered, and the form to register one by hand.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Redirect, Response};

use super::platforms::{self, Errors, Platform};
use crate::app::AppState;
use crate::error::AppResult;
use crate::policy::Action;
use crate::web::{Page, SignedIn, render, with_notice};

#[derive(Template)]
#[template(path = "lti/admin.html")]
struct AdminPage {
    page: Page,
    base: String,
    jwks: String,
    platforms: Vec<Platform>,
    form: platforms::Form,
    errors: Errors,
}

impl AdminPage {
    fn err(&self, id: &Option<&'static str>) -> String {
        id.map(|i| self.page.t.t(i)).unwrap_or_default()
    }

    /// The first field with a problem takes the focus.
    fn focus(&self, field: &str) -> bool {
        self.errors.first() == Some(field)
    }
}

async fn page(state: &AppState, me: &SignedIn, form: platforms::Form, errors: Errors) -> AppResult<Response> {
    let status = if errors.any() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let jwks = serde_json::to_string_pretty(&super::keys::jwks(&state.db).await?).unwrap_or_default();
    let mut res = render(&AdminPage {
        page: Page::new(&me.ctx, "lti-admin-title"),
        base: state.config.base_url(),
        jwks,
        platforms: platforms::list(&state.db).await?,
        form,
        errors,
    })?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn admin_page(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    page(&state, &me, platforms::Form::default(), Errors::default()).await
}

pub async fn register(
    State(state): State<AppState>,
    me: SignedIn,
    Form(f): Form<platforms::Form>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let clean = match platforms::check(&f) {
        Ok(c) => c,
        Err(e) => return page(&state, &me, f, e).await,
    };
    if platforms::insert(&state.db, &clean).await?.is_none() {
        let e = Errors { client_id: Some("lti-err-taken"), ..Errors::default() };
        return page(&state, &me, f, e).await;
    }
    Ok(with_notice("notice-lti-registered", Redirect::to("/admin/lti"), me.ctx.secure))
}
