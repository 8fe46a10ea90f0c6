//! A project group's own small space: a list of threads with replies, readable and
//! writable by the group's members; the teaching team can read and post too.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{course_group, group_member, group_post, group_round};
use crate::error::{AppError, AppResult};
use crate::groups::queries;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new().route("/courses/{course_id}/group-space/{group_id}", get(show).post(post_message))
}

struct GroupCtx {
    set: crate::db::entity::group_set::Model,
    number: i32,
    members: Vec<i64>,
}

async fn group_ctx(state: &AppState, c: &CourseCtx, group_id: i64) -> AppResult<GroupCtx> {
    let g = course_group::Entity::find_by_id(group_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let r = group_round::Entity::find_by_id(g.round_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let set = queries::set_in_course(&state.db, c.course.id, r.group_set_id).await?.ok_or(AppError::NotFound)?;
    let members = group_member::Entity::find()
        .filter(group_member::Column::GroupId.eq(g.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    Ok(GroupCtx { set, number: g.number, members })
}

/// Members take part; the teaching team may look in and help.
fn check(c: &CourseCtx, g: &GroupCtx) -> AppResult<()> {
    if c.may(Action::ManageGroups) {
        return Ok(());
    }
    let me = c.ctx.user.as_ref().map(|u| u.id);
    c.require_in_group(
        Action::TakePartInGroup,
        me.is_some_and(|m| g.members.contains(&m)) && g.set.status == "published",
    )
}

pub struct Thread {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub body: String,
    pub when: i64,
    pub replies: Vec<(String, String, i64)>,
}

#[derive(Template)]
#[template(path = "groups/space.html")]
struct SpacePage {
    page: Page,
    course_id: i64,
    group_id: i64,
    set_id: i64,
    set_title: String,
    members: Vec<String>,
    threads: Vec<Thread>,
}

async fn show(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, group_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ViewGroups)?;
    let g = group_ctx(&state, &c, group_id).await?;
    check(&c, &g)?;
    let posts = group_post::Entity::find()
        .filter(group_post::Column::GroupId.eq(group_id))
        .order_by_asc(group_post::Column::Id)
        .all(&state.db)
        .await?;
    let mut ids: Vec<i64> = posts.iter().map(|p| p.user_id).collect();
    ids.extend(g.members.iter().copied());
    let people = queries::people(&state.db, &ids).await?;
    let name = |id: i64| people.get(&id).map(|u| u.name.clone()).unwrap_or_default();
    let mut threads: Vec<Thread> = posts
        .iter()
        .filter(|p| p.parent_id.is_none())
        .map(|p| Thread {
            id: p.id,
            title: p.title.clone(),
            author: name(p.user_id),
            body: p.body.clone(),
            when: p.created_at,
            replies: posts
                .iter()
                .filter(|r| r.parent_id == Some(p.id))
                .map(|r| (name(r.user_id), r.body.clone(), r.created_at))
                .collect(),
        })
        .collect();
    threads.reverse();
    render(&SpacePage {
        page: Page::titled(&c.ctx, c.ctx.tr().t1("space-title", "number", g.number)),
        course_id: c.course.id,
        group_id,
        set_id: g.set.id,
        set_title: g.set.title.clone(),
        members: g.members.iter().map(|&m| name(m)).collect(),
        threads,
    })
}

#[derive(Deserialize)]
struct PostForm {
    #[serde(default)]
    title: String,
    body: String,
    #[serde(default)]
    parent_id: Option<i64>,
}

async fn post_message(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, group_id)): Path<(i64, i64)>,
    Form(f): Form<PostForm>,
) -> AppResult<Response> {
    c.require(Action::ViewGroups)?;
    let g = group_ctx(&state, &c, group_id).await?;
    check(&c, &g)?;
    let body = super::checkins::text(&f.body, "checkin-err-body")?;
    let title = match f.parent_id {
        Some(parent) => {
            // A reply must answer a thread of this very group.
            group_post::Entity::find_by_id(parent)
                .filter(group_post::Column::GroupId.eq(group_id))
                .filter(group_post::Column::ParentId.is_null())
                .one(&state.db)
                .await?
                .ok_or(AppError::NotFound)?;
            String::new()
        }
        None => crate::validate::course_title(&f.title).map_err(|_| AppError::BadRequest("space-err-title"))?,
    };
    group_post::ActiveModel {
        group_id: Set(group_id),
        user_id: Set(c.user()?.id),
        parent_id: Set(f.parent_id),
        title: Set(title),
        body: Set(body),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(with_notice(
        "notice-posted",
        Redirect::to(&format!("/courses/{}/group-space/{group_id}", c.course.id)),
        c.ctx.secure,
    ))
}
