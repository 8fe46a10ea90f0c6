//! Extractors that hand a handler the person asking and, for course routes, the course
//! and their role in it. Handlers then ask the policy with `require`, which is the only
//! way to turn "may they?" into a 401 or 403.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QuerySelect, RelationTrait};

use crate::app::AppState;
use crate::db::entity::{course, membership};
use crate::error::{AppError, AppResult};
use crate::policy::{self, Action, Actor, MemberState, Role};
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
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let ctx = ctx_of(parts)?;
        let user = ctx.user.clone().ok_or(AppError::SignInRequired)?;
        two_factor_first(state, parts, &user).await?;
        Ok(SignedIn { ctx, user })
    }
}

/// Where the site requires two-factor of staff, a tutor or site admin without it is led
/// to set it up before anything else (costs no query unless the site requires it).
async fn two_factor_first(state: &AppState, parts: &Parts, user: &CurrentUser) -> AppResult<()> {
    if parts.uri.path().starts_with("/account/two-factor") {
        return Ok(());
    }
    if crate::auth::two_factor::setup_needed(&state.security, &state.db, user.id, user.is_site_admin).await? {
        return Err(AppError::TwoFactorSetupRequired);
    }
    Ok(())
}

impl SignedIn {
    /// Ask the policy about an action that belongs to no course.
    pub async fn require(&self, state: &AppState, action: Action) -> AppResult<()> {
        // Only starting a course depends on teaching somewhere: ask only then.
        let tutors_somewhere =
            action == Action::CreateCourse && !self.user.is_site_admin && tutors_somewhere(state, self.user.id).await?;
        let actor = Actor {
            signed_in: true,
            site_admin: self.user.is_site_admin,
            tutors_somewhere,
            creators: state.site.get().creators,
            ..Actor::default()
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

/// Whether a person is a tutor (active) in at least one course.
pub async fn tutors_somewhere(state: &AppState, user_id: i64) -> AppResult<bool> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Role.eq(Role::Tutor.as_str()))
        .filter(membership::Column::State.eq(MemberState::Active.as_str()))
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
    /// The request changes something (the policy refuses changes in archived courses).
    pub writing: bool,
    /// The site's setting of who may start courses (copying a course starts one).
    pub creators: policy::Creators,
}

impl FromRequestParts<AppState> for CourseCtx {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let mut ctx = ctx_of(parts)?;
        let Path(params) =
            Path::<HashMap<String, String>>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        let id: i64 = params.get("course_id").and_then(|s| s.parse().ok()).ok_or(AppError::NotFound)?;
        // The course and the asker's membership in one statement: the course by primary
        // key, the membership by the unique (course_id, user_id) index.
        let (course, role) = match &ctx.user {
            Some(u) => {
                let uid = u.id;
                let mine = membership::Relation::Course
                    .def()
                    .rev()
                    .on_condition(move |_, m| Condition::all().add(Expr::col((m, membership::Column::UserId)).eq(uid)));
                let (course, member) = course::Entity::find_by_id(id)
                    .select_also(membership::Entity)
                    .join(JoinType::LeftJoin, mine)
                    .one(&state.db)
                    .await?
                    .ok_or(AppError::NotFound)?;
                // An invitation not yet accepted, or a course left, gives no role.
                let member = member.filter(|m| m.state == MemberState::Active.as_str());
                // "Last active" is written at most once a quarter of an hour, in the
                // request (not beside it, which would race the page's own writes on
                // SQLite) but outside the page's statement count.
                if let Some(m) = member.as_ref().filter(|m| crate::courses::queries::seen_is_due(m)) {
                    crate::db::count::uncounted(crate::courses::queries::mark_seen(&state.db, m)).await?;
                }
                (course, member.and_then(|m| Role::parse(&m.role)))
            }
            None => (course::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?, None),
        };
        if let Some(u) = &ctx.user {
            two_factor_first(state, parts, u).await?;
        }
        if let Some(u) = ctx.user.as_ref().filter(|u| u.is_site_admin && role.is_none()) {
            crate::admin::access::record(&state.db, u.id, id, parts.method.as_str(), parts.uri.path()).await?;
        }
        ctx.course_archived = course.archived_at.is_some();
        let writing = !matches!(parts.method, axum::http::Method::GET | axum::http::Method::HEAD);
        if role.is_some() || ctx.user.as_ref().is_some_and(|u| u.is_site_admin) {
            let admin = ctx.user.as_ref().is_some_and(|u| u.is_site_admin);
            ctx.course_menu = Some(crate::courses::menu::CourseMenu::new(id, &course.title, role, admin, &ctx.uri));
        }
        Ok(CourseCtx { ctx, course, role, writing, creators: state.site.get().creators })
    }
}

impl CourseCtx {
    pub fn actor(&self) -> Actor {
        Actor {
            signed_in: self.ctx.user.is_some(),
            site_admin: self.ctx.user.as_ref().is_some_and(|u| u.is_site_admin),
            role: self.role,
            tutors_somewhere: self.role == Some(Role::Tutor),
            course_archived: self.course.archived_at.is_some(),
            writing: self.writing,
            creators: self.creators,
            ..Actor::default()
        }
    }

    pub fn may(&self, action: Action) -> bool {
        policy::allows(&self.actor(), action)
    }

    /// Ask the policy; anonymous people are sent to sign in, others refused.
    pub fn require(&self, action: Action) -> AppResult<()> {
        self.refusal(self.actor(), action)
    }

    fn refusal(&self, actor: Actor, action: Action) -> AppResult<()> {
        if policy::allows(&actor, action) {
            Ok(())
        } else if self.ctx.user.is_none() {
            Err(AppError::SignInRequired)
        } else if policy::refused_for_archive(&actor, action) {
            Err(AppError::BadRequest("course-archived-refused"))
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Ask about what the teaching team sees about students: `withheld` says whether the
    /// course's tutor keeps it from TAs (`presence::outreach::Settings::ta_insight` off).
    pub fn require_insight(&self, action: Action, withheld: bool) -> AppResult<()> {
        self.refusal(Actor { insight_withheld: withheld, ..self.actor() }, action)
    }

    /// Ask about a group: `in_group` says whether the asker belongs to it.
    pub fn require_in_group(&self, action: Action, in_group: bool) -> AppResult<()> {
        self.refusal(self.actor().with_group(in_group), action)
    }

    /// The signed-in person (only call after `require`).
    pub fn user(&self) -> AppResult<&CurrentUser> {
        self.ctx.user.as_ref().ok_or(AppError::SignInRequired)
    }
}
