//! The courses on the site, for the site admin: a searchable list with each course's
//! member count, and deleting a course after a confirmation that names it. Archiving,
//! restoring and copying go through the course's own "run" page (`crate::archive`), which
//! the policy opens to admins.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{course, media, membership};
use crate::error::{AppError, AppResult};
use crate::policy::{Action, MemberState};
use crate::web::paging::{Cursor, Pager};
use crate::web::{Page, SignedIn, render, with_notice};

/// A row of the list: only what it shows.
#[derive(Clone, Debug, FromQueryResult)]
pub struct CourseRow {
    pub id: i64,
    pub title: String,
    pub start_date: String,
    pub archived_at: Option<i64>,
}

pub struct Listed {
    pub course: CourseRow,
    /// Active members.
    pub members: i64,
}

#[derive(Template)]
#[template(path = "admin/courses.html")]
struct CoursesPage {
    page: Page,
    q: String,
    courses: Vec<Listed>,
    pager: Pager,
}

pub(super) async fn list(
    State(state): State<AppState>,
    me: SignedIn,
    Query(q): Query<super::ListQuery>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let query = course::Entity::find().select_only().columns([
        course::Column::Id,
        course::Column::Title,
        course::Column::StartDate,
        course::Column::ArchivedAt,
    ]);
    let (term, page) = super::list::page(
        &state.db,
        &q,
        query,
        &[course::Column::Title],
        (course::Column::Title, course::Column::Id),
        "/admin/courses",
        |r: &CourseRow| Cursor::text(r.title.clone(), r.id),
    )
    .await?;
    let counts = member_counts(&state.db, page.items.iter().map(|c| c.id).collect()).await?;
    let page = page.map(|c| {
        let members = counts.iter().find(|(id, _)| *id == c.id).map(|(_, n)| *n).unwrap_or(0);
        Listed { course: c, members }
    });
    render(&CoursesPage {
        page: Page::new(&me.ctx, "admin-courses-title"),
        q: term,
        courses: page.items,
        pager: page.pager,
    })
}

/// Active members per course, for the courses on one page, in one grouped query.
async fn member_counts(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<Vec<(i64, i64)>, DbErr> {
    membership::Entity::find()
        .select_only()
        .column(membership::Column::CourseId)
        .column_as(membership::Column::Id.count(), "n")
        .filter(membership::Column::CourseId.is_in(ids))
        .filter(membership::Column::State.eq(MemberState::Active.as_str()))
        .group_by(membership::Column::CourseId)
        .into_tuple()
        .all(db)
        .await
}

#[derive(Template)]
#[template(path = "admin/course_delete.html")]
struct DeletePage {
    page: Page,
    course: course::Model,
    members: i64,
    confirm: String,
    error: Option<String>,
}

async fn delete_page(
    state: &AppState,
    me: &SignedIn,
    c: course::Model,
    confirm: String,
    error: Option<String>,
) -> AppResult<Response> {
    let members = member_counts(&state.db, vec![c.id]).await?.first().map(|(_, n)| *n).unwrap_or(0);
    let failed = error.is_some();
    let mut res = render(&DeletePage {
        page: Page::new(&me.ctx, "admin-course-delete-title"),
        course: c,
        members,
        confirm,
        error,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub(super) async fn confirm_delete(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let c = course::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    delete_page(&state, &me, c, String::new(), None).await
}

#[derive(Deserialize)]
pub(super) struct DeleteForm {
    #[serde(default)]
    confirm: String,
}

/// Delete the course and everything in it (the schema cascades from `courses`), then the
/// files of its media. The admin types the course's title to confirm.
pub(super) async fn delete(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<DeleteForm>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let c = course::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if f.confirm.split_whitespace().collect::<Vec<_>>().join(" ") != c.title {
        let err = me.ctx.tr().t("admin-course-delete-wrong");
        return delete_page(&state, &me, c, f.confirm.chars().take(200).collect(), Some(err)).await;
    }
    let txn = state.db.begin().await?;
    let keys: Vec<String> = media::Entity::find()
        .select_only()
        .column(media::Column::StorageKey)
        .filter(media::Column::CourseId.eq(c.id))
        .into_tuple()
        .all(&txn)
        .await?;
    course::Entity::delete_by_id(c.id).exec(&txn).await?;
    txn.commit().await?;
    for k in keys {
        crate::media::remove_files(&state.config, &k).await;
    }
    Ok(with_notice("notice-admin-course-deleted", Redirect::to("/admin/courses"), me.ctx.secure))
}
