//! Courses: starting one, its home page, its settings and its members. Inviting people
//! (join link, email, roster import) lives in `invite` and `import`.

pub mod feed;
pub mod home;
pub mod import;
pub mod invite;
pub mod kit_progress;
pub mod member_list;
pub mod members;
pub mod menu;
pub mod queries;
pub mod roster;
pub mod startup;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{course, membership};
use crate::error::{AppError, AppResult};
use crate::policy::{Action, Role};
use crate::profiles::{self, visibility::Field};
use crate::time::now_ms;
use crate::validate::{self, Invalid};
use crate::web::{CourseCtx, Page, SignedIn, Viewer, render, with_notice};
use queries::MyCourse;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/courses/new", get(new_course_form).post(create_course))
        .route("/courses/{course_id}", get(home::course_home))
        .route("/courses/{course_id}/settings", get(settings_form).post(save_settings))
        .route("/api/courses/{course_id}/members", get(members_json))
        .merge(members::router())
        .merge(invite::router())
        .merge(import::router())
}

pub const START_MODES: [&str; 3] = ["face_to_face", "live_online", "asynchronous"];

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Page,
    courses: Vec<MyCourse>,
    may_create: bool,
    /// Invitations waiting for an answer (accounts::invitations).
    invitations: u64,
}

/// The front page: what Homeroom is for visitors, "my courses" for people signed in.
async fn home(State(state): State<AppState>, Viewer(ctx): Viewer) -> AppResult<Response> {
    let (courses, may_create, invitations) = match &ctx.user {
        Some(u) => {
            if crate::auth::two_factor::setup_needed(&state.security, &state.db, u.id, u.is_site_admin).await? {
                return Err(AppError::TwoFactorSetupRequired);
            }
            let me = SignedIn { ctx: ctx.clone(), user: u.clone() };
            let (courses, may_create, invitations) = futures::join!(
                queries::courses_of(&state.db, u.id),
                me.may(&state, Action::CreateCourse),
                queries::pending_invitation_count(&state.db, u.id)
            );
            (courses?, may_create?, invitations?)
        }
        None => (vec![], false, 0),
    };
    render(&HomePage { page: Page::new(&ctx, "home-title"), courses, may_create, invitations })
}

/// The fields of the course form, as typed, with a message per field.
#[derive(Default, Deserialize)]
pub struct CourseForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    start_date: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    start_mode: String,
}

#[derive(Default)]
pub struct CourseFormErrors {
    title: Option<String>,
    description: Option<String>,
    start_date: Option<String>,
    time_zone: Option<String>,
    start_mode: Option<String>,
}

struct ValidCourse {
    title: String,
    description: String,
    start_date: String,
    time_zone: String,
    start_mode: String,
}

fn check_course(f: &CourseForm, tr: crate::i18n::Tr) -> Result<ValidCourse, CourseFormErrors> {
    let mut e = CourseFormErrors::default();
    let title = validate::course_title(&f.title).map_err(|Invalid(m)| e.title = Some(tr.t(m))).ok();
    let description = validate::description(&f.description).map_err(|Invalid(m)| e.description = Some(tr.t(m))).ok();
    let start_date = validate::date(&f.start_date).map_err(|Invalid(m)| e.start_date = Some(tr.t(m))).ok();
    let time_zone = validate::time_zone(&f.time_zone).map_err(|Invalid(m)| e.time_zone = Some(tr.t(m))).ok();
    let start_mode = START_MODES.contains(&f.start_mode.as_str()).then(|| f.start_mode.clone());
    if start_mode.is_none() {
        e.start_mode = Some(tr.t("err-start-mode"));
    }
    match (title, description, start_date, time_zone, start_mode) {
        (Some(title), Some(description), Some(d), Some(time_zone), Some(start_mode)) => {
            Ok(ValidCourse { title, description, start_date: d.to_string(), time_zone, start_mode })
        }
        _ => Err(e),
    }
}

#[derive(Template)]
#[template(path = "courses/form.html")]
struct CourseFormPage {
    page: Page,
    action: String,
    form: CourseForm,
    errors: CourseFormErrors,
    zones: Vec<String>,
    modes: [&'static str; 3],
    course_id: Option<i64>,
}

async fn new_course_form(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::CreateCourse).await?;
    let today = jiff::Zoned::now().with_time_zone(crate::time::zone(&me.user.time_zone)).date();
    render(&CourseFormPage {
        page: Page::new(&me.ctx, "course-new-title"),
        action: "/courses/new".into(),
        form: CourseForm {
            start_date: today.to_string(),
            time_zone: me.user.time_zone.clone(),
            start_mode: "asynchronous".into(),
            ..Default::default()
        },
        errors: CourseFormErrors::default(),
        zones: crate::time::zone_names(),
        modes: START_MODES,
        course_id: None,
    })
}

fn form_again(
    page: Page,
    action: String,
    form: CourseForm,
    errors: CourseFormErrors,
    course_id: Option<i64>,
) -> AppResult<Response> {
    let mut res = render(&CourseFormPage {
        page,
        action,
        form,
        errors,
        zones: crate::time::zone_names(),
        modes: START_MODES,
        course_id,
    })?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

async fn create_course(State(state): State<AppState>, me: SignedIn, Form(f): Form<CourseForm>) -> AppResult<Response> {
    me.require(&state, Action::CreateCourse).await?;
    let v = match check_course(&f, me.ctx.tr()) {
        Ok(v) => v,
        Err(errors) => {
            return form_again(Page::new(&me.ctx, "course-new-title"), "/courses/new".into(), f, errors, None);
        }
    };
    let now = now_ms();
    let txn = state.db.begin().await?;
    let c = course::ActiveModel {
        title: Set(v.title),
        description: Set(v.description),
        start_date: Set(v.start_date),
        time_zone: Set(v.time_zone),
        start_mode: Set(v.start_mode),
        join_code: Set(Some(crate::auth::tokens::join_code())),
        join_enabled: Set(true),
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
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::forum::queries::create_defaults(&txn, c.id, me.ctx.tr()).await?;
    txn.commit().await?;
    Ok(with_notice("notice-course-created", Redirect::to(&format!("/courses/{}/invite", c.id)), me.ctx.secure))
}

pub use home::{FEED_LIMIT, PersonCard};

async fn settings_form(c: CourseCtx) -> AppResult<Response> {
    c.require(Action::EditCourse)?;
    let course = &c.course;
    render(&CourseFormPage {
        page: Page::new(&c.ctx, "course-settings-title"),
        action: format!("/courses/{}/settings", course.id),
        form: CourseForm {
            title: course.title.clone(),
            description: course.description.clone(),
            start_date: course.start_date.clone(),
            time_zone: course.time_zone.clone(),
            start_mode: course.start_mode.clone(),
        },
        errors: CourseFormErrors::default(),
        zones: crate::time::zone_names(),
        modes: START_MODES,
        course_id: Some(course.id),
    })
}

async fn save_settings(State(state): State<AppState>, c: CourseCtx, Form(f): Form<CourseForm>) -> AppResult<Response> {
    c.require(Action::EditCourse)?;
    let id = c.course.id;
    let v = match check_course(&f, c.ctx.tr()) {
        Ok(v) => v,
        Err(errors) => {
            return form_again(
                Page::new(&c.ctx, "course-settings-title"),
                format!("/courses/{id}/settings"),
                f,
                errors,
                Some(id),
            );
        }
    };
    let mut active: course::ActiveModel = c.course.into();
    active.title = Set(v.title);
    active.description = Set(v.description);
    active.start_date = Set(v.start_date);
    active.time_zone = Set(v.time_zone);
    active.start_mode = Set(v.start_mode);
    active.update(&state.db).await?;
    Ok(with_notice("notice-saved", Redirect::to(&format!("/courses/{id}")), c.ctx.secure))
}

/// The member list for scripts and the live parts of the page. Emails only for the
/// teaching team.
async fn members_json(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    let details = c.may(Action::ViewMemberDetails);
    let viewer = c.user()?;
    let (members, choices) =
        futures::join!(queries::members(&state.db, c.course.id), profiles::in_course::choices(&state.db, c.course.id));
    let choices = choices?;
    let list: Vec<serde_json::Value> = members?
        .into_iter()
        .map(|m| {
            // A time zone says where someone is: shown only to those who may see the
            // person's location, as on their profile.
            let rel = profiles::relation_in_course(viewer.id, c.role, viewer.is_site_admin, m.user_id);
            let shown = choices.get(&m.user_id).cloned().unwrap_or_default().shows(Field::Location, rel);
            let time_zone = shown.then_some(m.time_zone);
            let mut v =
                serde_json::json!({ "user_id": m.user_id, "name": m.name, "role": m.role, "time_zone": time_zone });
            if details {
                v["email"] = m.email.into();
            }
            v
        })
        .collect();
    Ok(Json(serde_json::json!({ "course_id": c.course.id, "members": list })).into_response())
}

/// The Fluent id naming a start mode.
pub fn mode_label(mode: &str) -> &'static str {
    match mode {
        "face_to_face" => "mode-face-to-face",
        "live_online" => "mode-live-online",
        _ => "mode-asynchronous",
    }
}

pub fn mode_hint(mode: &str) -> &'static str {
    match mode {
        "face_to_face" => "mode-face-to-face-hint",
        "live_online" => "mode-live-online-hint",
        _ => "mode-asynchronous-hint",
    }
}

impl CourseFormPage {
    fn mode_label(&self, m: &str) -> &'static str {
        mode_label(m)
    }
    fn mode_hint(&self, m: &str) -> &'static str {
        mode_hint(m)
    }
}
