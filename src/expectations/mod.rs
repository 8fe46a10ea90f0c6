//! The tutor's written expectations: how to take part, response times, what students can
//! expect of the tutor. Pinned on the course home; students mark "I have read this", and
//! the tutor sees who has read the current version.

use askama::Template;
use axum::extract::State;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{expectation, expectation_read};
use crate::error::{AppError, AppResult};
use crate::policy::{Action, Role};
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/expectations", get(show).post(save))
        .route("/courses/{course_id}/expectations/read", post(mark_read))
}

pub const MAX_BODY: usize = 20_000;

/// A first draft that the tutor adapts: writing from a blank page is the hard part.
pub const STARTER: &str = "## How we take part\n\n- Log in at least twice a week and read what is new.\n- Post in the forum rather than by email, so everyone learns from the answer.\n\n## What you can expect of me\n\n- I answer questions within two working days.\n- I give feedback on assignments within a week.\n\n## What we expect of each other\n\n- Be curious about each other's contexts.\n- Disagree with ideas, kindly, never with people.\n";

pub async fn current(db: &impl ConnectionTrait, course_id: i64) -> Result<Option<expectation::Model>, DbErr> {
    expectation::Entity::find_by_id(course_id).one(db).await
}

/// Whether this person has read the current version (for the course home's pin).
pub async fn has_read(db: &impl ConnectionTrait, course_id: i64, user_id: i64, version: i32) -> Result<bool, DbErr> {
    Ok(expectation_read::Entity::find()
        .filter(expectation_read::Column::CourseId.eq(course_id))
        .filter(expectation_read::Column::UserId.eq(user_id))
        .filter(expectation_read::Column::Version.eq(version))
        .one(db)
        .await?
        .is_some())
}

#[derive(Template)]
#[template(path = "expectations/show.html")]
struct ExpectationsPage {
    page: Page,
    course_id: i64,
    course_title: String,
    html: String,
    body: String,
    exists: bool,
    may_edit: bool,
    may_ack: bool,
    read: bool,
    error: Option<String>,
    read_by: Vec<String>,
    not_yet: Vec<String>,
}

async fn page_for(
    state: &AppState,
    c: &CourseCtx,
    typed: Option<String>,
    error: Option<String>,
) -> AppResult<ExpectationsPage> {
    let cur = current(&state.db, c.course.id).await?;
    let me = c.user()?.id;
    let may_edit = c.may(Action::EditCourse);
    let (read_by, not_yet) = match (&cur, may_edit) {
        (Some(e), true) => {
            let reads = expectation_read::Entity::find()
                .filter(expectation_read::Column::CourseId.eq(c.course.id))
                .filter(expectation_read::Column::Version.eq(e.version))
                .all(&state.db)
                .await?;
            let students = crate::courses::queries::members(&state.db, c.course.id).await?;
            let (read, unread): (Vec<_>, Vec<_>) = students
                .into_iter()
                .filter(|m| m.role == Role::Student && m.active)
                .partition(|m| reads.iter().any(|r| r.user_id == m.user_id));
            (read.into_iter().map(|m| m.name).collect(), unread.into_iter().map(|m| m.name).collect())
        }
        _ => (vec![], vec![]),
    };
    Ok(ExpectationsPage {
        page: Page::new(&c.ctx, "expectations-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        html: cur.as_ref().map(|e| crate::markdown::to_html(&e.body)).unwrap_or_default(),
        body: typed.unwrap_or_else(|| cur.as_ref().map(|e| e.body.clone()).unwrap_or_else(|| STARTER.to_string())),
        exists: cur.is_some(),
        may_edit,
        may_ack: c.may(Action::AcknowledgeExpectations),
        read: match &cur {
            Some(e) => has_read(&state.db, c.course.id, me, e.version).await?,
            None => false,
        },
        error,
        read_by,
        not_yet,
    })
}

async fn show(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(&page_for(&state, &c, None, None).await?)
}

#[derive(Deserialize)]
struct SaveForm {
    body: String,
}

async fn save(State(state): State<AppState>, c: CourseCtx, Form(f): Form<SaveForm>) -> AppResult<Response> {
    c.require(Action::EditCourse)?;
    let body = f.body.trim().replace("\r\n", "\n");
    if body.is_empty() || body.chars().count() > MAX_BODY {
        let mut res = render(&page_for(&state, &c, Some(body), Some(c.ctx.tr().t("expectations-err-body"))).await?)?;
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let me = c.user()?.id;
    let txn = state.db.begin().await?;
    match current(&txn, c.course.id).await? {
        Some(e) => {
            let version = e.version + 1;
            let mut a: expectation::ActiveModel = e.into();
            a.body = Set(body);
            a.version = Set(version);
            a.updated_by = Set(Some(me));
            a.updated_at = Set(now_ms());
            a.update(&txn).await?;
        }
        None => {
            expectation::ActiveModel {
                course_id: Set(c.course.id),
                body: Set(body),
                version: Set(1),
                updated_by: Set(Some(me)),
                updated_at: Set(now_ms()),
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(with_notice("notice-saved", Redirect::to(&format!("/courses/{}/expectations", c.course.id)), c.ctx.secure))
}

async fn mark_read(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::AcknowledgeExpectations)?;
    let cur = current(&state.db, c.course.id).await?.ok_or(AppError::NotFound)?;
    let me = c.user()?.id;
    let txn = state.db.begin().await?;
    expectation_read::Entity::delete_many()
        .filter(expectation_read::Column::CourseId.eq(c.course.id))
        .filter(expectation_read::Column::UserId.eq(me))
        .exec(&txn)
        .await?;
    expectation_read::ActiveModel {
        course_id: Set(c.course.id),
        user_id: Set(me),
        version: Set(cur.version),
        read_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(with_notice("notice-expectations-read", Redirect::to(&format!("/courses/{}", c.course.id)), c.ctx.secure))
}
