//! Linking an LMS course to Homeroom: the instructor who launched into a course not yet
//! linked chooses one of the courses they teach, or makes a new one named after it. Only
//! the person the LMS named as its instructor may, and only to a course they tutor.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use serde::Deserialize;

use super::provision::{self, Context};
use super::sql;
use crate::app::AppState;
use crate::db::entity::{course, membership};
use crate::error::{AppError, AppResult};
use crate::policy::{self, Action, Actor, Role};
use crate::time::now_ms;
use crate::web::{Page, SignedIn, render, with_notice};

#[derive(Template)]
#[template(path = "lti/link.html")]
struct LinkPage {
    page: Page,
    context: Context,
    courses: Vec<(i64, String)>,
    error: Option<String>,
}

async fn mine(state: &AppState, me: &SignedIn, id: i64) -> AppResult<Context> {
    me.require(state, Action::LinkLtiContext).await?;
    let context = provision::context(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if context.instructor_id != Some(me.user.id) || context.course_id.is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(context)
}

/// The courses this person tutors (a person tutors a handful).
async fn tutored(state: &AppState, user_id: i64) -> AppResult<Vec<(i64, String)>> {
    let rows = sql::all(
        &state.db,
        "SELECT c.id, c.title FROM courses c JOIN memberships m ON m.course_id = c.id \
         WHERE m.user_id = $1 AND m.role = 'tutor' AND m.state = 'active' AND c.archived_at IS NULL \
         ORDER BY c.title, c.id LIMIT 200",
        vec![user_id.into()],
    )
    .await?;
    rows.iter().map(|r| Ok((r.try_get("", "id")?, r.try_get("", "title")?))).collect()
}

fn page(me: &SignedIn, context: Context, courses: Vec<(i64, String)>, error: Option<String>) -> AppResult<Response> {
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut res = render(&LinkPage { page: Page::new(&me.ctx, "lti-link-title"), context, courses, error })?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn link_form(State(state): State<AppState>, me: SignedIn, Path(id): Path<i64>) -> AppResult<Response> {
    let context = mine(&state, &me, id).await?;
    let courses = tutored(&state, me.user.id).await?;
    page(&me, context, courses, None)
}

#[derive(Default, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    course: String,
}

pub async fn link(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<LinkForm>,
) -> AppResult<Response> {
    let context = mine(&state, &me, id).await?;
    let now = now_ms();
    let txn = state.db.begin().await?;
    let course_id = if f.course == "new" {
        let today = jiff::Timestamp::now().to_zoned(crate::time::zone(&me.user.time_zone)).date().to_string();
        let c = course::ActiveModel {
            title: Set(context.title.clone()),
            description: Set(String::new()),
            start_date: Set(today),
            time_zone: Set(me.user.time_zone.clone()),
            start_mode: Set("asynchronous".into()),
            join_code: Set(Some(crate::auth::tokens::join_code())),
            join_enabled: Set(false),
            created_by: Set(Some(me.user.id)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        membership::ActiveModel {
            course_id: Set(c.id),
            user_id: Set(me.user.id),
            role: Set(Role::Tutor.as_str().into()),
            state: Set("active".into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        crate::forum::queries::create_defaults(&txn, c.id, me.ctx.tr()).await?;
        c.id
    } else {
        let chosen: Option<i64> = f.course.parse().ok();
        let role = match chosen {
            Some(c) => sql::one(
                &txn,
                "SELECT role FROM memberships WHERE course_id = $1 AND user_id = $2 AND state = 'active'",
                vec![c.into(), me.user.id.into()],
            )
            .await?
            .map(|r| r.try_get::<String>("", "role"))
            .transpose()?,
            None => None,
        };
        let actor =
            Actor { signed_in: true, role: role.as_deref().and_then(Role::parse), writing: true, ..Actor::default() };
        let (Some(c), true) = (chosen, policy::allows(&actor, Action::EditCourse)) else {
            drop(txn);
            let courses = tutored(&state, me.user.id).await?;
            return page(&me, context, courses, Some(me.ctx.tr().t("lti-link-err-course")));
        };
        c
    };
    // Only if still unlinked: two instructors linking at once, the first one wins.
    let done = sql::exec(
        &txn,
        "UPDATE lti_contexts SET course_id = $1 WHERE id = $2 AND course_id IS NULL",
        vec![course_id.into(), context.id.into()],
    )
    .await?;
    if done != 1 {
        return Err(AppError::Forbidden);
    }
    txn.commit().await?;
    super::sync::queue(&state, context.id, course_id).await?;
    Ok(with_notice("notice-lti-linked", Redirect::to(&format!("/courses/{course_id}")), me.ctx.secure))
}
