//! Extractors that hand a handler the person asking and, for course routes, the course
//! and their role in it. Handlers then ask the policy with `require`, which is the only
//! way to turn "may they?" into a 401 or 403.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::app::AppState;
use crate::db::entity::{course, membership};
use crate::error::{AppError, AppResult};
use crate::policy::{self, Action, Actor, Role};
use crate::web::context::{CurrentUser, ReqCtx};

fn ctx_of(parts: &Parts) -> AppResult<ReqCtx> {
    parts
        .extensions
        .get::<ReqCtx>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("request context missing")))
}

/// Anyone, signed in or not.
pub struct Viewer(pub ReqCtx);

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> AppResult<Self> {
        Ok(Viewer(ctx_of(parts)?))
    }
}

/// A signed-in person, for routes outside any course.
pub struct SignedIn {
    pub ctx: ReqCtx,
    pub user: CurrentUser,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> AppResult<Self> {
        let ctx = ctx_of(parts)?;
        let user = ctx.user.clone().ok_or(AppError::SignInRequired)?;
        Ok(SignedIn { ctx, user })
    }
}

impl SignedIn {
    /// Ask the policy about an action that belongs to no course.
    pub async fn require(&self, state: &AppState, action: Action) -> AppResult<()> {
        let actor = Actor {
            signed_in: true,
            site_admin: self.user.is_site_admin,
            role: None,
            tutors_somewhere: tutors_somewhere(state, self.user.id).await?,
            in_group: false,
        };
        if policy::allows(&actor, action) { Ok(()) } else { Err(AppError::Forbidden) }
    }

    pub async fn may(&self, state: &AppState, action: Action) -> AppResult<bool> {
        match self.require(state, action).await {
            Ok(()) => Ok(true),
            Err(AppError::Forbidden) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

async fn tutors_somewhere(state: &AppState, user_id: i64) -> AppResult<bool> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Role.eq(Role::Tutor.as_str()))
        .count(&state.db)
        .await?
        > 0)
}

/// A course route: `/courses/{course_id}/...`. An unknown or malformed id is a 404.
pub struct CourseCtx {
    pub ctx: ReqCtx,
    pub course: course::Model,
    /// The asker's role in this course, if they are a member.
    pub role: Option<Role>,
}

impl FromRequestParts<AppState> for CourseCtx {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let mut ctx = ctx_of(parts)?;
        let Path(params) =
            Path::<HashMap<String, String>>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        let id: i64 = params.get("course_id").and_then(|s| s.parse().ok()).ok_or(AppError::NotFound)?;
        let course = course::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
        let role = match &ctx.user {
            Some(u) => membership::Entity::find()
                .filter(membership::Column::CourseId.eq(id))
                .filter(membership::Column::UserId.eq(u.id))
                .one(&state.db)
                .await?
                .and_then(|m| Role::parse(&m.role)),
            None => None,
        };
        if role.is_some() || ctx.user.as_ref().is_some_and(|u| u.is_site_admin) {
            let admin = ctx.user.as_ref().is_some_and(|u| u.is_site_admin);
            ctx.course_menu = Some(crate::courses::menu::CourseMenu::new(id, &course.title, role, admin, &ctx.uri));
        }
        Ok(CourseCtx { ctx, course, role })
    }
}

impl CourseCtx {
    pub fn actor(&self) -> Actor {
        Actor {
            signed_in: self.ctx.user.is_some(),
            site_admin: self.ctx.user.as_ref().is_some_and(|u| u.is_site_admin),
            role: self.role,
            tutors_somewhere: self.role == Some(Role::Tutor),
            in_group: false,
        }
    }

    pub fn may(&self, action: Action) -> bool {
        policy::allows(&self.actor(), action)
    }

    /// Ask the policy; anonymous people are sent to sign in, others refused.
    pub fn require(&self, action: Action) -> AppResult<()> {
        if self.may(action) {
            Ok(())
        } else if self.ctx.user.is_none() {
            Err(AppError::SignInRequired)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Ask about a group: `in_group` says whether the asker belongs to it.
    pub fn require_in_group(&self, action: Action, in_group: bool) -> AppResult<()> {
        if policy::allows(&self.actor().with_group(in_group), action) {
            Ok(())
        } else if self.ctx.user.is_none() {
            Err(AppError::SignInRequired)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The signed-in person (only call after `require`).
    pub fn user(&self) -> AppResult<&CurrentUser> {
        self.ctx.user.as_ref().ok_or(AppError::SignInRequired)
    }
}
