//! Loading what a route is about, always within the asker's course, and who may write
//! where. The policy (`src/policy/`) decides the actions; these add the forum's own
//! conditions (archived spaces, locked threads, one's own posts).

use axum::response::{Redirect, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::queries::Kind;
use crate::app::AppState;
use crate::db::entity::{forum_post, forum_space, forum_thread};
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::web::{CourseCtx, with_notice};

pub async fn space_in(state: &AppState, c: &CourseCtx, space_id: i64) -> AppResult<forum_space::Model> {
    forum_space::Entity::find_by_id(space_id)
        .filter(forum_space::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn thread_in(
    state: &AppState,
    c: &CourseCtx,
    thread_id: i64,
) -> AppResult<(forum_thread::Model, forum_space::Model)> {
    let t = forum_thread::Entity::find_by_id(thread_id)
        .filter(forum_thread::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = space_in(state, c, t.space_id).await?;
    Ok((t, s))
}

pub async fn post_in(
    state: &AppState,
    c: &CourseCtx,
    post_id: i64,
) -> AppResult<(forum_post::Model, forum_thread::Model, forum_space::Model)> {
    let p = forum_post::Entity::find_by_id(post_id)
        .filter(forum_post::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (t, s) = thread_in(state, c, p.thread_id).await?;
    Ok((p, t, s))
}

/// The asker's user id, 0 for nobody (no post or mark has that id).
pub fn me(c: &CourseCtx) -> i64 {
    c.ctx.user.as_ref().map(|u| u.id).unwrap_or(0)
}

/// Writing in a space: members who post, not in an archived space.
pub fn require_open(c: &CourseCtx, space: &forum_space::Model) -> AppResult<()> {
    c.require(Action::PostInSpaces)?;
    if space.archived {
        return Err(AppError::BadRequest("forum-err-archived"));
    }
    Ok(())
}

pub fn may_start(c: &CourseCtx, space: &forum_space::Model) -> bool {
    !space.archived
        && c.may(Action::PostInSpaces)
        && (space.kind != Kind::Announcements.as_str() || c.may(Action::ModerateSpaces))
}

pub fn may_reply(c: &CourseCtx, space: &forum_space::Model, thread: &forum_thread::Model) -> bool {
    !space.archived && c.may(Action::PostInSpaces) && (!thread.locked || c.may(Action::ModerateSpaces))
}

/// Only the author edits or deletes, and only while the post stands and the space is open.
pub async fn editable(
    state: &AppState,
    c: &CourseCtx,
    post_id: i64,
) -> AppResult<(forum_post::Model, forum_thread::Model, forum_space::Model)> {
    c.require(Action::PostInSpaces)?;
    let (p, t, s) = post_in(state, c, post_id).await?;
    if p.author_id != Some(c.user()?.id) {
        return Err(AppError::Forbidden);
    }
    require_open(c, &s)?;
    if p.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    Ok((p, t, s))
}

/// After a change: back to a page of the course with a notice.
pub fn back(c: &CourseCtx, path: &str, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}{path}", c.course.id)), c.ctx.secure)
}

/// The address of a post: its thread opened at the window that starts with it.
pub fn post_link(course_id: i64, thread_id: i64, post_id: i64) -> String {
    format!("/courses/{course_id}/threads/{thread_id}?post={post_id}#post-{post_id}")
}
