//! The site admin's pages: the courses on the site (archive, restore, copy, delete), the
//! people (password reset links, deactivation, export, erasure, and people's own erasure
//! requests), the site's settings, background jobs that failed (with retry), the outbox of
//! emails, and the log of admins' visits to courses they are not in.
//!
//! A site admin is not a member of the courses they look after: in a course, the policy
//! grants them only what `policy::Action::granted_to_admins` lists, and `access` logs it.

pub mod access;
mod courses;
mod jobs;
mod list;
mod outbox;
mod people;
pub mod settings;

pub use people::json_download;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

use crate::app::AppState;
use crate::error::AppResult;
use crate::policy::Action;
use crate::web::paging::PageParams;
use crate::web::{Page, SignedIn, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard))
        .route("/admin/outbox", get(outbox::outbox))
        .route("/admin/access", get(access::access_page))
        .route("/admin/settings", get(settings::settings_form).post(settings::save_settings))
        .route("/admin/jobs", get(jobs::failed_jobs))
        .route("/admin/jobs/{job_id}/retry", post(jobs::retry))
        .route("/admin/courses", get(courses::list))
        .route("/admin/courses/{course_id}/delete", get(courses::confirm_delete).post(courses::delete))
        .route("/admin/people", get(people::list))
        .route("/admin/people/{user_id}", get(people::show))
        .route("/admin/people/{user_id}/reset", post(people::send_reset))
        .route("/admin/people/{user_id}/deactivate", post(people::deactivate))
        .route("/admin/people/{user_id}/reactivate", post(people::reactivate))
        .route("/admin/people/{user_id}/export", get(people::export))
        .route("/admin/people/{user_id}/erase", post(people::erase))
}

/// The query string of the admin's lists: a search, a filter, and the page.
#[derive(Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    q: String,
    course: Option<String>,
    after: Option<String>,
    before: Option<String>,
    size: Option<String>,
}

impl ListQuery {
    fn paging(&self) -> PageParams {
        PageParams {
            after: self.after.clone(),
            before: self.before.clone(),
            size: self.size.as_deref().and_then(|s| s.parse().ok()),
        }
    }

    /// The search, trimmed and cut to a sane length.
    fn term(&self) -> String {
        self.q.trim().chars().take(100).collect()
    }
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardPage {
    page: Page,
    erasures: Vec<people::PendingErasure>,
}

async fn dashboard(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let erasures = people::pending_erasures(&state.db).await?;
    render(&DashboardPage { page: Page::new(&me.ctx, "admin-title"), erasures })
}
