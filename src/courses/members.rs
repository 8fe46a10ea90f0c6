//! The member list for the teaching team, and the tutor's changes to it: another role,
//! or removal. A removed member loses access on their next request, since every course
//! route looks their membership up afresh.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, EntityTrait, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::courses::queries::{self, Member};
use crate::db::entity::membership;
use crate::error::{AppError, AppResult};
use crate::policy::{Action, Role};
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/members", get(members_page))
        .route("/courses/{course_id}/members/{user_id}/role", post(change_role))
        .route("/courses/{course_id}/members/{user_id}/remove", post(remove))
}

#[derive(Template)]
#[template(path = "courses/members.html")]
struct MembersPage {
    page: Page,
    course_id: i64,
    course_title: String,
    members: Vec<Member>,
    may_manage: bool,
    roles: [Role; 4],
    me: i64,
}

async fn members_page(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewMemberDetails)?;
    render(&MembersPage {
        page: Page::new(&c.ctx, "members-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        members: queries::members(&state.db, c.course.id).await?,
        may_manage: c.may(Action::ManageMembers),
        roles: Role::ALL,
        me: c.user()?.id,
    })
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
}

async fn change_role(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((course_id, user_id)): Path<(i64, i64)>,
    Form(f): Form<RoleForm>,
) -> AppResult<Response> {
    c.require(Action::ManageMembers)?;
    let role = Role::parse(&f.role).ok_or(AppError::BadRequest("err-role"))?;
    let txn = state.db.begin().await?;
    let m = queries::membership_of(&txn, course_id, user_id).await?.ok_or(AppError::NotFound)?;
    if m.role == Role::Tutor.as_str() && role != Role::Tutor && queries::tutor_count(&txn, course_id).await? <= 1 {
        return Err(AppError::BadRequest("err-last-tutor"));
    }
    let mut active: membership::ActiveModel = m.into();
    active.role = Set(role.as_str().into());
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(with_notice("notice-role-changed", Redirect::to(&format!("/courses/{course_id}/members")), c.ctx.secure))
}

async fn remove(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((course_id, user_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ManageMembers)?;
    let txn = state.db.begin().await?;
    let m = queries::membership_of(&txn, course_id, user_id).await?.ok_or(AppError::NotFound)?;
    if m.role == Role::Tutor.as_str() && queries::tutor_count(&txn, course_id).await? <= 1 {
        return Err(AppError::BadRequest("err-last-tutor"));
    }
    membership::Entity::delete_by_id(m.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(with_notice("notice-member-removed", Redirect::to(&format!("/courses/{course_id}/members")), c.ctx.secure))
}
