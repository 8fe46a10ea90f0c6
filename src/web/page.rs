//! Page rendering: the `Page` every template gets (language, signed-in person, CSRF
//! token, notice) and small helpers for responses.

use askama::Template;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppResult;
use crate::i18n::Tr;
use crate::web::context::{CurrentUser, ReqCtx};
use crate::web::cookies;

pub struct Page {
    pub t: Tr,
    pub user: Option<CurrentUser>,
    pub csrf: String,
    pub request_id: String,
    pub notice: Option<String>,
    pub title: String,
    /// Unread notifications, shown as a badge in the header.
    pub unread: u64,
    pub site_name: String,
    site_zone: String,
    /// The page belongs to an archived course: a banner says it is read-only.
    pub course_archived: bool,
    /// The course menu on a course's pages (`templates/courses/menu.html`).
    pub course_menu: Option<crate::courses::menu::CourseMenu>,
}

impl Page {
    pub fn new(ctx: &ReqCtx, title_id: &str) -> Page {
        Page::titled(ctx, ctx.tr().t(title_id))
    }

    pub fn titled(ctx: &ReqCtx, title: String) -> Page {
        Page {
            t: ctx.tr(),
            user: ctx.user.clone(),
            csrf: ctx.csrf.clone(),
            request_id: ctx.request_id.clone(),
            notice: ctx.notice.clone(),
            title,
            unread: ctx.unread,
            site_name: ctx.site_name.clone(),
            site_zone: ctx.site_zone.clone(),
            course_archived: ctx.course_archived,
            course_menu: ctx.course_menu.clone(),
        }
    }

    /// An instant in the viewer's time zone and language.
    pub fn when(&self, ms: &i64) -> String {
        let zone = self.user.as_ref().map(|u| u.time_zone.as_str()).unwrap_or(&self.site_zone);
        crate::time::format_instant(*ms, zone, self.t.code())
    }

    pub fn lang(&self) -> &'static str {
        self.t.code()
    }
}

pub fn render<T: Template>(t: &T) -> AppResult<Response> {
    Ok(Html(t.render()?).into_response())
}

/// Attach a one-time notice ("Saved.") to a redirect; the next page shows it.
pub fn with_notice(notice_id: &'static str, res: impl IntoResponse, secure: bool) -> Response {
    let mut res = res.into_response();
    res.headers_mut().append(header::SET_COOKIE, cookies::set(cookies::NOTICE, notice_id, Some(60), secure));
    res
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub page: Page,
    pub status: u16,
    pub message: String,
    pub sign_in: bool,
}
