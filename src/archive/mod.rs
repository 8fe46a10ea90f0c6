//! A course's run ends: the tutor (or a site admin) archives it, which makes it read-only
//! for everyone (the policy refuses every change; see `policy::Action::allowed_when_archived`)
//! while its members can still read it under a banner; and copies its structure into a
//! new course for the next run (`copy`). Restoring an archived course opens it again.

pub mod copy;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::course;
use crate::error::AppResult;
use crate::policy::Action;
use crate::time::now_ms;
use crate::validate::{self, Invalid};
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/run", get(run_page))
        .route("/courses/{course_id}/archive", post(archive))
        .route("/courses/{course_id}/restore", post(restore))
        .route("/courses/{course_id}/copy", post(copy_course))
}

/// Archive (`Some(now)`) or restore (`None`) a course.
pub async fn set_archived(db: &impl ConnectionTrait, course_id: i64, at: Option<i64>) -> Result<(), DbErr> {
    course::Entity::update_many()
        .col_expr(course::Column::ArchivedAt, Expr::value(at))
        .filter(course::Column::Id.eq(course_id))
        .exec(db)
        .await?;
    Ok(())
}

#[derive(Default, Deserialize)]
struct CopyForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    start_date: String,
}

#[derive(Default)]
struct CopyErrors {
    title: Option<String>,
    start_date: Option<String>,
}

/// "This course's run": archive or restore it, and copy it for the next run.
#[derive(Template)]
#[template(path = "archive/run.html")]
struct RunPage {
    page: Page,
    course: course::Model,
    form: CopyForm,
    errors: CopyErrors,
}

fn run(c: &CourseCtx, form: CopyForm, errors: CopyErrors) -> AppResult<Response> {
    let failed = errors.title.is_some() || errors.start_date.is_some();
    let mut res = render(&RunPage { page: Page::new(&c.ctx, "run-title"), course: c.course.clone(), form, errors })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

async fn run_page(c: CourseCtx) -> AppResult<Response> {
    c.require(Action::CopyCourse)?;
    let title = c.ctx.tr().t1("run-copy-default-title", "title", c.course.title.as_str());
    let form = CopyForm { title: title.chars().take(validate::MAX_TITLE).collect(), start_date: String::new() };
    run(&c, form, CopyErrors::default())
}

async fn archive(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ArchiveCourse)?;
    set_archived(&state.db, c.course.id, Some(now_ms())).await?;
    Ok(with_notice("notice-course-archived", Redirect::to(&format!("/courses/{}/run", c.course.id)), c.ctx.secure))
}

async fn restore(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ArchiveCourse)?;
    set_archived(&state.db, c.course.id, None).await?;
    Ok(with_notice("notice-course-restored", Redirect::to(&format!("/courses/{}/run", c.course.id)), c.ctx.secure))
}

async fn copy_course(State(state): State<AppState>, c: CourseCtx, Form(f): Form<CopyForm>) -> AppResult<Response> {
    c.require(Action::CopyCourse)?;
    let tr = c.ctx.tr();
    let mut e = CopyErrors::default();
    let title = validate::course_title(&f.title).map_err(|Invalid(m)| e.title = Some(tr.t(m))).ok();
    let date = validate::date(&f.start_date).map_err(|Invalid(m)| e.start_date = Some(tr.t(m))).ok();
    let (Some(title), Some(date)) = (title, date) else {
        return run(&c, f, e);
    };
    let txn = state.db.begin().await?;
    let new = copy::copy_course(&txn, &c.course, title, date.to_string(), c.user()?.id, now_ms()).await?;
    txn.commit().await?;
    Ok(with_notice("notice-course-copied", Redirect::to(&format!("/courses/{}/settings", new.id)), c.ctx.secure))
}
