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
use crate::policy::Action;
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
    /// The latest readers and the first students not yet read, a few of each.
    read_by: Vec<String>,
    not_yet: Vec<String>,
    read_by_more: u64,
    not_yet_more: u64,
    read_count: u64,
    students: u64,
}

/// How many names each list shows; the counts cover the rest.
const NAMES_SHOWN: i64 = 50;

/// The students who read the current version, the latest first.
const READ_SQL: &str = "SELECT u.name AS name FROM expectation_reads r \
    JOIN memberships m ON m.course_id = r.course_id AND m.user_id = r.user_id JOIN users u ON u.id = r.user_id \
    WHERE r.course_id = $1 AND r.version = $2 AND m.role = 'student' AND m.state = 'active' \
    ORDER BY r.id DESC LIMIT $3";

/// The students who have not read it, those who joined first first.
const NOT_YET_SQL: &str = "SELECT u.name AS name FROM memberships m JOIN users u ON u.id = m.user_id \
    WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' AND NOT EXISTS \
    (SELECT 1 FROM expectation_reads r WHERE r.course_id = $1 AND r.user_id = m.user_id AND r.version = $2) \
    ORDER BY m.created_at, m.user_id LIMIT $3";

const STUDENTS_SQL: &str =
    "SELECT COUNT(*) AS n FROM memberships WHERE course_id = $1 AND role = 'student' AND state = 'active'";

async fn page_for(
    state: &AppState,
    c: &CourseCtx,
    typed: Option<String>,
    error: Option<String>,
) -> AppResult<ExpectationsPage> {
    let cur = current(&state.db, c.course.id).await?;
    let me = c.user()?.id;
    let may_edit = c.may(Action::EditCourse);
    let (read_by, not_yet, read_count, students) = match (&cur, may_edit) {
        (Some(e), true) => {
            use crate::db::sql::{all, one};
            let db = &state.db;
            let (course, version) = (c.course.id, e.version);
            let names = |rows: Vec<sea_orm::QueryResult>| {
                rows.iter().map(|r| r.try_get::<String>("", "name")).collect::<Result<Vec<_>, _>>()
            };
            // The counts are the start-up kit's (kept per course, decision 0038); the names
            // are the first few of each list, each walk stopping at its limit.
            let (progress, read, unread, students) = tokio::try_join!(
                crate::courses::kit_progress::load(db, course, crate::time::now_ms()),
                all(db, READ_SQL, vec![course.into(), version.into(), NAMES_SHOWN.into()]),
                all(db, NOT_YET_SQL, vec![course.into(), version.into(), NAMES_SHOWN.into()]),
                one(db, STUDENTS_SQL, vec![course.into()]),
            )?;
            let read_count =
                progress.get(&crate::courses::startup::Activity::Expectations).map_or(0, |p| p.students_done);
            let students: i64 = students.map(|r| r.try_get("", "n")).transpose()?.unwrap_or(0);
            (names(read)?, names(unread)?, read_count, students.max(0) as u64)
        }
        _ => (vec![], vec![], 0, 0),
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
        not_yet_more: students.saturating_sub(read_count).saturating_sub(not_yet.len() as u64),
        read_by_more: read_count.saturating_sub(read_by.len() as u64),
        read_by,
        not_yet,
        read_count,
        students,
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
