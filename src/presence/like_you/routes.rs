//! Classmates like you, the pages: the teaching team's list for one student (from the
//! radar's "pair" action), with an introduction to send and a pairing to make from each
//! suggestion; and a student's own list, off until they turn it on.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};

use super::queries::{self, Found};
use super::rules::{self, Reason};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/like-you", get(mine))
        .route("/courses/{course_id}/like-you/opt-in", post(opt_in))
        .route("/courses/{course_id}/like-you/{user_id}", get(page))
        .route("/courses/{course_id}/like-you/{user_id}/introduce", post(introduce))
        .route("/courses/{course_id}/like-you/{user_id}/pair", post(pair))
}

/// One suggestion as shown.
pub struct Item {
    pub id: i64,
    pub name: String,
    /// "both parents; 2 h apart; never grouped".
    pub why: String,
    /// The introduction, prefilled (or as the tutor last typed it).
    pub intro: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "presence/like_you.html")]
struct StaffPage {
    page: Page,
    course_id: i64,
    course_title: String,
    student_id: i64,
    student: String,
    items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "presence/like_you_mine.html")]
struct MinePage {
    page: Page,
    course_id: i64,
    course_title: String,
    opted_in: bool,
    items: Vec<Item>,
}

/// A reason in words, in the viewer's language.
fn words(t: &Tr, r: &Reason) -> String {
    match r {
        Reason::Circumstance(c) | Reason::Interest(c) => t.t1("like-you-both", "what", c),
        Reason::Answer(key, value) => t.t2("like-you-answer", "value", value, "key", key),
        Reason::HoursApart(h) => t.t1("like-you-hours-apart", "hours", h),
        Reason::NeverGrouped => t.t("like-you-never-grouped"),
    }
}

fn first(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

fn items(t: &Tr, found: &Found) -> Vec<Item> {
    found
        .suggestions
        .iter()
        .map(|(s, name)| Item {
            id: s.id,
            name: name.clone(),
            why: s.reasons.iter().map(|r| words(t, r)).collect::<Vec<_>>().join("; "),
            intro: {
                let shared: Vec<String> = rules::shared(&s.reasons).map(|r| words(t, r)).collect();
                let shared = shared.join(", ");
                let args = [("a", first(&found.me.name)), ("b", first(name)), ("shared", shared.as_str())];
                crate::i18n::message(t.0, "like-you-intro-text", &args)
            },
            error: None,
        })
        .collect()
}

async fn found(state: &AppState, c: &CourseCtx, student: i64) -> AppResult<Found> {
    queries::suggestions(&state.db, c.course.id, student, false, now_ms()).await?.ok_or(AppError::NotFound)
}

async fn page(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, student)): Path<(i64, i64)>,
) -> AppResult<Response> {
    crate::presence::queue::require_insight(&state, &c, Action::SuggestClassmates).await?;
    let f = found(&state, &c, student).await?;
    let items = items(&c.ctx.tr(), &f);
    render(&staff_page(&c, f, items))
}

fn staff_page(c: &CourseCtx, f: Found, items: Vec<Item>) -> StaffPage {
    let page = Page::titled(&c.ctx, c.ctx.tr().t1("like-you-title", "name", &f.me.name));
    StaffPage {
        page,
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        student_id: f.me.id,
        student: f.me.name,
        items,
    }
}

/// A form field by name.
fn field(body: &[u8], name: &str) -> String {
    url::form_urlencoded::parse(body).find(|(k, _)| k == name).map(|(_, v)| v.into_owned()).unwrap_or_default()
}

/// The suggestion a form names, if it is still one.
fn chosen(f: &Found, body: &[u8]) -> Option<i64> {
    let with: i64 = field(body, "with").trim().parse().ok()?;
    f.suggestions.iter().any(|(s, _)| s.id == with).then_some(with)
}

/// Send the (edited) introduction to both, as a message from the tutor to the two of
/// them; it is a contact with each, recorded in the ledger at once.
async fn introduce(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, student)): Path<(i64, i64)>,
    body: Bytes,
) -> AppResult<Response> {
    crate::presence::queue::require_insight(&state, &c, Action::SuggestClassmates).await?;
    c.require(Action::UseMessages)?;
    let f = found(&state, &c, student).await?;
    let here = format!("/courses/{}/like-you/{student}", c.course.id);
    let Some(with) = chosen(&f, &body) else {
        return Ok(with_notice("like-you-err-gone", Redirect::to(&here), c.ctx.secure));
    };
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Message).await?;
    let text = field(&body, "body");
    match crate::messages::send_new(&state, &c, &[student, with], &text).await? {
        Ok(conversation) => {
            let now = now_ms();
            // The ledger's own path records the message as a contact with each of them.
            crate::presence::queries::derive_contacts(&state.db, now).await?;
            crate::presence::request_refresh(&state.db, c.course.id, &format!("intro-{conversation}"), now).await?;
            let to = format!("/courses/{}/messages/{conversation}", c.course.id);
            Ok(with_notice("like-you-notice-introduced", Redirect::to(&to), c.ctx.secure))
        }
        Err(e) => {
            let t = c.ctx.tr();
            let mut items = items(&t, &f);
            for i in items.iter_mut().filter(|i| i.id == with) {
                i.intro = text.clone();
                i.error = Some(t.t(e));
            }
            let mut res = render(&staff_page(&c, f, items))?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

/// Pair the two as partners: a small record the radar, the graph and later
/// suggestions count as having met.
async fn pair(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, student)): Path<(i64, i64)>,
    body: Bytes,
) -> AppResult<Response> {
    crate::presence::queue::require_insight(&state, &c, Action::SuggestClassmates).await?;
    let f = found(&state, &c, student).await?;
    let here = format!("/courses/{}/like-you/{student}", c.course.id);
    let Some(with) = chosen(&f, &body) else {
        return Ok(with_notice("like-you-err-gone", Redirect::to(&here), c.ctx.secure));
    };
    let now = now_ms();
    queries::pair(&state.db, c.course.id, student, with, c.user()?.id, now).await?;
    crate::presence::request_refresh(&state.db, c.course.id, &format!("pair-{student}-{with}"), now).await?;
    Ok(with_notice("like-you-notice-paired", Redirect::to(&here), c.ctx.secure))
}

/// A student's own suggestions: nothing is computed until they turn them on.
async fn mine(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::SeeClassmatesLikeMe)?;
    let me = c.user()?.id;
    let opted_in = queries::opted_in(&state.db, c.course.id, me).await?;
    let items = if opted_in {
        match queries::suggestions(&state.db, c.course.id, me, true, now_ms()).await? {
            Some(f) => items(&c.ctx.tr(), &f),
            None => vec![],
        }
    } else {
        vec![]
    };
    render(&MinePage {
        page: Page::new(&c.ctx, "like-you-mine-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        opted_in,
        items,
    })
}

async fn opt_in(State(state): State<AppState>, c: CourseCtx, body: Bytes) -> AppResult<Response> {
    c.require(Action::SeeClassmatesLikeMe)?;
    let on = field(&body, "on") == "1";
    queries::set_opt_in(&state.db, c.course.id, c.user()?.id, on, now_ms()).await?;
    let notice = if on { "like-you-notice-on" } else { "like-you-notice-off" };
    Ok(with_notice(notice, Redirect::to(&format!("/courses/{}/like-you", c.course.id)), c.ctx.secure))
}
