//! Courses: starting one, its home page, its settings and its members. Inviting people
//! (join link, email, roster import) lives in `invite` and `import`.

pub mod feed;
pub mod import;
pub mod invite;
pub mod member_list;
pub mod members;
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
use queries::{Member, MyCourse};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/courses/new", get(new_course_form).post(create_course))
        .route("/courses/{course_id}", get(course_home))
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

/// A person as the course home shows them: face, name, and what is worth knowing at a
/// glance, already in the reader's language.
pub struct PersonCard {
    pub user_id: i64,
    /// Their profile photo, when the reader may see it (filled in by the course home).
    pub photo_id: Option<i64>,
    pub name: String,
    pub initials: String,
    pub hue: i64,
    /// "Tutor · 14:05 their time", or just the local time for students.
    pub line: String,
}

/// Cards for many people at once. Local times and labels repeat across a class (a few
/// dozen zones for hundreds of people), so each is worked out once per page.
pub fn person_cards<'a>(
    tr: crate::i18n::Tr,
    members: impl Iterator<Item = &'a Member>,
    show_role: impl Fn(Role) -> bool,
) -> Vec<PersonCard> {
    let mut local: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    let mut roles: std::collections::HashMap<Role, String> = std::collections::HashMap::new();
    members
        .map(|m| {
            let time = local
                .entry(m.time_zone.as_str())
                .or_insert_with(|| tr.t1("person-local-time", "time", crate::time::local_time_now(&m.time_zone)))
                .clone();
            let line = if show_role(m.role) {
                format!("{} · {time}", roles.entry(m.role).or_insert_with(|| tr.t(m.role.label_id())))
            } else {
                time
            };
            PersonCard {
                user_id: m.user_id,
                photo_id: None,
                name: m.name.clone(),
                initials: m.initials(),
                hue: m.hue(),
                line,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "courses/home.html")]
struct CourseHomePage {
    page: Page,
    course: course::Model,
    tutors: Vec<PersonCard>,
    members: Vec<PersonCard>,
    students: usize,
    observers: usize,
    may_manage: bool,
    course_time: String,
    /// The pinned expectations: `Some(read)` when they exist.
    expectations: Option<bool>,
    /// For the teaching team: the start-up kit and how far the class has come.
    kit: Vec<(startup::Activity, startup::Progress)>,
    /// The asker has not introduced themselves here yet: the Fluent id of the prompt.
    intro_prompt: Option<&'static str>,
    /// "What's new": announcements, threads, recognition, milestones, coming events.
    feed: Vec<feed::Item>,
    birthdays: Vec<String>,
    may_schedule: bool,
    may_celebrate: bool,
    /// Unread direct messages, for those who use messages here.
    unread_messages: Option<i64>,
}

async fn course_home(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    let all = queries::members(&state.db, c.course.id).await?;
    let counts = Role::ALL.map(|r| all.iter().filter(|m| m.role == r).count());
    let tr = c.ctx.tr();
    let mut tutors = person_cards(tr, all.iter().filter(|m| m.role.is_teaching()), |_| true);
    let mut members = person_cards(tr, all.iter().filter(|m| !m.role.is_teaching()), |r| r == Role::Observer);
    crate::profiles::add_photos(&state.db, &c, tutors.iter_mut().chain(members.iter_mut())).await?;
    // The pin asks students to read; the teaching team follows reading in the kit.
    let expectations = match crate::expectations::current(&state.db, c.course.id).await? {
        Some(e) if c.may(Action::AcknowledgeExpectations) => {
            Some(crate::expectations::has_read(&state.db, c.course.id, c.user()?.id, e.version).await?)
        }
        _ => None,
    };
    let kit = if c.may(Action::ViewMemberDetails) {
        queries::startup_progress(&state.db, c.course.id, &startup::kit(&c.course.start_mode)).await?
    } else {
        vec![]
    };
    let intro_prompt = if c.role.is_some_and(|r| r != Role::Observer)
        && !crate::introductions::has_introduced(&state.db, c.course.id, c.user()?.id).await?
    {
        Some(if c.role.is_some_and(Role::is_teaching) { "intro-prompt-tutor" } else { "intro-prompt-student" })
    } else {
        None
    };
    let (mut news, birthdays, unread_messages) = home_social(&state, &c, &all).await?;
    let faces: std::collections::HashMap<i64, &PersonCard> =
        tutors.iter().chain(members.iter()).map(|p| (p.user_id, p)).collect();
    for item in &mut news {
        item.face = item.person.and_then(|id| faces.get(&id)).map(|p| feed::Face {
            name: p.name.clone(),
            initials: p.initials.clone(),
            hue: p.hue,
            photo_id: p.photo_id,
        });
    }
    render(&CourseHomePage {
        intro_prompt,
        feed: news,
        birthdays,
        unread_messages,
        may_schedule: c.may(Action::SchedulePosts),
        may_celebrate: c.may(Action::Celebrate),
        kit,
        expectations,
        page: Page::titled(&c.ctx, c.course.title.clone()),
        course_time: crate::time::local_time_now(&c.course.time_zone),
        may_manage: c.may(Action::ManageMembers),
        course: c.course,
        tutors,
        members,
        students: counts[2],
        observers: counts[3],
    })
}

/// How many items "What's new" shows.
pub const FEED_LIMIT: usize = 15;

type HomeSocial = (Vec<feed::Item>, Vec<String>, Option<i64>);

/// The course home's Homebase part: one small indexed query (or two) per source, with
/// fixed limits, run side by side, then merged without I/O. The count of queries does
/// not grow with the class or its posts.
async fn home_social(state: &AppState, c: &CourseCtx, people: &[Member]) -> AppResult<HomeSocial> {
    let db = &state.db;
    let (id, zone) = (c.course.id, c.course.time_zone.as_str());
    let me = c.user()?.id;
    let unread = async {
        if c.may(Action::UseMessages) { crate::messages::unread_total(db, id, me).await.map(Some) } else { Ok(None) }
    };
    let (announcements, threads, shout_outs, wins, birthdays, milestones, routine, unread) = tokio::try_join!(
        crate::forum::recent_announcements(db, id, 5),
        crate::forum::recent_threads(db, id, 8),
        crate::recognition::recent_shout_outs(db, id, 5),
        crate::recognition::featured_wins(db, id, crate::recognition::this_week(zone)),
        crate::celebrations::birthdays_today(db, id, zone),
        crate::celebrations::recent_milestones(db, id, me, 3),
        crate::routine::entries(db, id),
        unread,
    )?;
    let tr = c.ctx.tr();
    let former = tr.t("forum-former-member");
    let name = |uid: Option<i64>| {
        uid.and_then(|u| people.iter().find(|m| m.user_id == u))
            .map(|m| m.name.clone())
            .unwrap_or_else(|| former.clone())
    };
    let now = jiff::Timestamp::now();
    let news = feed::merge(
        vec![
            feed::events(&tr, id, &routine, zone, now),
            feed::announcements(&tr, id, &announcements, name),
            feed::threads(&tr, id, &threads, name),
            feed::shout_outs(&tr, id, &shout_outs),
            feed::wins(&tr, id, &wins, zone),
            feed::milestones(&tr, id, &milestones),
        ],
        now.as_millisecond(),
        FEED_LIMIT,
    );
    Ok((news, birthdays, unread))
}

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

impl CourseHomePage {
    fn mode_label(&self, m: &str) -> &'static str {
        mode_label(m)
    }
}
