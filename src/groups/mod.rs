//! Groups that make new connections: tutors plan breakout rounds, peer partners and
//! project groups with the group engine (`crates/groups`), look at the quality report,
//! move people by hand and publish; students see their group, its facilitator and
//! prompt. Check-ins (`checkins`) and project group spaces (`space`) hang off groups.

pub mod checkins;
pub mod planning;
pub mod queries;
pub mod rounds;
mod show;
pub mod space;

use std::time::Duration;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{course_group, group_member, group_set};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::policy::Action;
use crate::time::now_ms;
use crate::validate::{self, Invalid};
use crate::web::{CourseCtx, Page, render, with_notice};
use planning::{Facilitator, Kind, Settings, SettingsErrors, SettingsForm};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/groups", get(list))
        .route("/courses/{course_id}/groups/new", get(new_form).post(create))
        .route("/courses/{course_id}/groups/{set_id}", get(show::show))
        .route("/courses/{course_id}/groups/{set_id}/move", post(move_member))
        .route("/courses/{course_id}/groups/{set_id}/replan", post(replan))
        .route("/courses/{course_id}/groups/{set_id}/publish", post(publish))
        .route("/courses/{course_id}/groups/{set_id}/delete", post(delete))
        .route("/courses/{course_id}/groups/{set_id}/zoom/{round}", get(zoom_csv))
        .merge(checkins::router())
        .merge(space::router())
        .merge(rounds::router())
}

/// Back to the set's page with a notice.
fn back_to_set(c: &CourseCtx, set_id: i64, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/groups/{set_id}", c.course.id)), c.ctx.secure)
}

/// The set of this course named in the path, for the teaching team.
pub(crate) async fn managed_set(state: &AppState, c: &CourseCtx, set_id: i64) -> AppResult<group_set::Model> {
    c.require(Action::ManageGroups)?;
    queries::set_in_course(&state.db, c.course.id, set_id).await?.ok_or(AppError::NotFound)
}

/// How long the planner may search while the tutor waits for the page.
const PLAN_TIME: Duration = Duration::from_secs(1);

fn settings_of(set: &group_set::Model) -> AppResult<Settings> {
    serde_json::from_str(&set.settings).map_err(|e| AppError::Internal(anyhow::anyhow!("group set settings: {e}")))
}

fn today(course_tz: &str) -> (u8, u8) {
    let d = jiff::Zoned::now().with_time_zone(crate::time::zone(course_tz)).date();
    (d.month() as u8, d.day() as u8)
}

/// Run the engine off the async threads: it computes for up to `PLAN_TIME`.
async fn run_plan(
    state: &AppState,
    course_id: i64,
    course_tz: &str,
    settings: Settings,
    except: Option<i64>,
) -> AppResult<Result<(Vec<Vec<planning::PlannedGroup>>, homeroom_groups::Report), String>> {
    let published = queries::published(&state.db, course_id).await?;
    let people = queries::students(&state.db, course_id, &published.facilitated()).await?;
    let past = published.groups(except);
    let today = today(course_tz);
    let result = tokio::task::spawn_blocking(move || planning::plan(&people, &past, &settings, today, PLAN_TIME))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(result.map_err(|e| e.to_string()))
}

#[derive(Template)]
#[template(path = "groups/list.html")]
struct ListPage {
    page: Page,
    course_id: i64,
    course_title: String,
    sets: Vec<group_set::Model>,
    may_manage: bool,
}

impl ListPage {
    fn kind_label(&self, kind: &str) -> &'static str {
        Kind::parse(kind).map(Kind::label_id).unwrap_or("groups-kind-breakout")
    }
}

async fn list(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewGroups)?;
    let may_manage = c.may(Action::ManageGroups);
    let mut q = group_set::Entity::find().filter(group_set::Column::CourseId.eq(c.course.id));
    if !may_manage {
        q = q.filter(group_set::Column::Status.eq("published"));
    }
    let sets = q.order_by_desc(group_set::Column::Id).all(&state.db).await?;
    render(&ListPage {
        page: Page::new(&c.ctx, "groups-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        sets,
        may_manage,
    })
}

#[derive(Deserialize, Default)]
struct NewSetForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    size: String,
    #[serde(default)]
    rounds: String,
    #[serde(default)]
    mix_organisations: Option<String>,
    #[serde(default)]
    similar_circumstances: Option<String>,
    #[serde(default)]
    overlap_hours: String,
    #[serde(default)]
    facilitator: String,
    #[serde(default)]
    prompts: String,
}

#[derive(Template)]
#[template(path = "groups/new.html")]
struct NewPage {
    page: Page,
    course_id: i64,
    students: usize,
    form: NewSetForm,
    title_error: Option<String>,
    errors: SettingsErrors,
    plan_error: Option<String>,
    kinds: [Kind; 3],
    facilitators: [Facilitator; 4],
}

impl NewPage {
    fn err(&self, e: &Option<&'static str>) -> Option<String> {
        e.map(|id| self.page.t.t(id))
    }
}

async fn new_form(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ManageGroups)?;
    let students = queries::students(&state.db, c.course.id, &Default::default()).await?.len();
    render(&NewPage {
        page: Page::new(&c.ctx, "groups-new-title"),
        course_id: c.course.id,
        students,
        form: NewSetForm {
            kind: "breakout".into(),
            size: "4".into(),
            rounds: "3".into(),
            mix_organisations: Some("1".into()),
            facilitator: "rotation".into(),
            ..Default::default()
        },
        title_error: None,
        errors: SettingsErrors::default(),
        plan_error: None,
        kinds: Kind::ALL,
        facilitators: Facilitator::ALL,
    })
}

async fn create(State(state): State<AppState>, c: CourseCtx, Form(f): Form<NewSetForm>) -> AppResult<Response> {
    c.require(Action::ManageGroups)?;
    let students = queries::students(&state.db, c.course.id, &Default::default()).await?.len();
    let seed = rand::random::<u32>() as u64;
    let title = validate::course_title(&f.title);
    let checked = SettingsForm {
        kind: &f.kind,
        size: &f.size,
        rounds: &f.rounds,
        mix_organisations: f.mix_organisations.is_some(),
        similar_circumstances: f.similar_circumstances.is_some(),
        overlap_hours: &f.overlap_hours,
        facilitator: &f.facilitator,
        prompts: &f.prompts,
    }
    .check(students, seed);
    let again = |f: NewSetForm, title_error: Option<String>, errors: SettingsErrors, plan_error: Option<String>| {
        let mut res = render(&NewPage {
            page: Page::new(&c.ctx, "groups-new-title"),
            course_id: c.course.id,
            students,
            form: f,
            title_error,
            errors,
            plan_error,
            kinds: Kind::ALL,
            facilitators: Facilitator::ALL,
        })?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok::<Response, AppError>(res)
    };
    let (title, settings) = match (title, checked) {
        (Ok(t), Ok(s)) => (t, s),
        (t, s) => {
            // The course title's words would name the wrong thing here.
            let title_error = t
                .err()
                .map(|Invalid(m)| c.ctx.tr().t(if m == "err-title-missing" { "trust-groups-err-title" } else { m }));
            return again(f, title_error, s.err().unwrap_or_default(), None);
        }
    };
    let (rounds, report) = match run_plan(&state, c.course.id, &c.course.time_zone, settings.clone(), None).await? {
        Ok(v) => v,
        Err(why) => return again(f, None, SettingsErrors::default(), Some(why)),
    };
    let txn = state.db.begin().await?;
    let set = group_set::ActiveModel {
        course_id: Set(c.course.id),
        kind: Set(settings.kind.as_str().into()),
        title: Set(title),
        status: Set("draft".into()),
        settings: Set(serde_json::to_string(&settings).map_err(|e| AppError::Internal(e.into()))?),
        report: Set(serde_json::to_string(&report).map_err(|e| AppError::Internal(e.into()))?),
        created_by: Set(Some(c.user()?.id)),
        created_at: Set(now_ms()),
        published_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    queries::save_plan(&txn, set.id, &rounds, &settings.prompts).await?;
    txn.commit().await?;
    Ok(with_notice(
        "notice-groups-planned",
        Redirect::to(&format!("/courses/{}/groups/{}", c.course.id, set.id)),
        c.ctx.secure,
    ))
}

/// A person in a group as the page shows them.
pub struct Card {
    pub user_id: i64,
    pub name: String,
    pub initials: String,
    pub hue: i64,
    pub local: String,
    pub facilitator: bool,
}

pub struct GroupView {
    pub id: i64,
    pub number: i32,
    pub members: Vec<Card>,
    pub mine: bool,
    /// The new-message address's query naming the others of my group ("to=1&to=2").
    pub message_query: String,
}

pub struct RoundView {
    pub number: i32,
    pub prompt: String,
    /// When the groups meet, and where (a video link), if the teaching team said.
    pub starts_at: Option<i64>,
    pub video_link: Option<String>,
    /// The form's date and time, in the course's zone.
    pub date_value: String,
    pub time_value: String,
    pub groups: Vec<GroupView>,
}

/// The report in words the tutor reads at a glance.
pub struct ReportView {
    pub repeats_within: u32,
    pub repeats_history: u32,
    pub repeat_free_rounds: usize,
    pub pairs_met: u64,
    pub pairs_possible: u64,
    pub size_min: usize,
    pub size_max: usize,
    pub bound: usize,
    pub violations: Vec<String>,
}

impl ReportView {
    pub(super) fn from(r: &homeroom_groups::Report, tr: Tr) -> ReportView {
        ReportView {
            repeats_within: r.repeats_within_plan,
            repeats_history: r.repeats_with_history,
            repeat_free_rounds: r.repeat_free_rounds,
            pairs_met: r.pairs_met,
            pairs_possible: r.pairs_possible,
            size_min: r.sizes.min,
            size_max: r.sizes.max,
            bound: r.bound.known.max(1),
            violations: r
                .violations
                .iter()
                .map(|v| {
                    crate::i18n::message(
                        tr.0,
                        "groups-violation",
                        &[
                            ("round", &(v.round + 1).to_string()),
                            ("group", &(v.group + 1).to_string()),
                            ("why", &v.explanation),
                        ],
                    )
                })
                .collect(),
        }
    }
}

#[derive(Deserialize)]
struct MoveForm {
    round: i32,
    user_id: i64,
    to_group: i32,
    /// The page of groups the move was made from, to return to it.
    #[serde(default)]
    back: String,
}

/// Move one person to another group of the same round, by hand. The facilitator of the
/// group they leave is replaced by its first remaining member if it was them.
async fn move_member(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, set_id)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> AppResult<Response> {
    let set = managed_set(&state, &c, set_id).await?;
    let txn = state.db.begin().await?;
    let data = queries::load(&txn, set).await?;
    let round =
        data.rounds.iter().find(|r| r.round.number == f.round).ok_or(AppError::BadRequest("groups-err-move"))?;
    let from = queries::group_of(round, f.user_id).ok_or(AppError::BadRequest("groups-err-move"))?;
    let to =
        round.groups.iter().find(|g| g.group.number == f.to_group).ok_or(AppError::BadRequest("groups-err-move"))?;
    let page = crate::web::redirect::local_path(&f.back)
        .filter(|p| p.starts_with(&format!("/courses/{}/groups/{set_id}", c.course.id)))
        .unwrap_or_else(|| format!("/courses/{}/groups/{set_id}?round={}", c.course.id, f.round));
    let back = |notice: &'static str| {
        let to = format!("{}#round-{}", page.split('#').next().unwrap_or_default(), f.round);
        with_notice(notice, Redirect::to(&to), c.ctx.secure)
    };
    if from.group.id == to.group.id {
        return Ok(back("notice-groups-same"));
    }
    // Said on the page, next to the round, rather than as an error page.
    if from.members.len() <= 1 {
        return Ok(back("notice-trust-move-alone"));
    }
    group_member::Entity::update_many()
        .col_expr(group_member::Column::GroupId, sea_orm::sea_query::Expr::value(to.group.id))
        .filter(group_member::Column::GroupId.eq(from.group.id))
        .filter(group_member::Column::UserId.eq(f.user_id))
        .exec(&txn)
        .await?;
    if from.group.facilitator_id == Some(f.user_id) {
        let next = from.members.iter().copied().find(|&m| m != f.user_id);
        let mut g: course_group::ActiveModel = from.group.clone().into();
        g.facilitator_id = Set(next);
        g.update(&txn).await?;
    }
    // The page shows the stored report, so a move brings it up to date (the one place
    // that reads the whole class for it is this change, never the page).
    let settings = settings_of(&data.set)?;
    let set = data.set.clone();
    let data = queries::load(&txn, set.clone()).await?;
    let published = queries::published(&txn, c.course.id).await?;
    let students = queries::students(&txn, c.course.id, &published.facilitated()).await?;
    if let Ok(report) = planning::report(&students, &published.groups(Some(set.id)), &settings, &data.planned()) {
        let mut active: group_set::ActiveModel = set.into();
        active.report = Set(serde_json::to_string(&report).map_err(|e| AppError::Internal(e.into()))?);
        active.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(back("notice-groups-moved"))
}

async fn replan(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, set_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let set = managed_set(&state, &c, set_id).await?;
    if set.status == "published" {
        return Err(AppError::BadRequest("groups-err-published"));
    }
    let mut settings = settings_of(&set)?;
    settings.seed = settings.seed.wrapping_add(1);
    let (rounds, report) =
        match run_plan(&state, c.course.id, &c.course.time_zone, settings.clone(), Some(set.id)).await? {
            Ok(v) => v,
            Err(_) => return Err(AppError::BadRequest("groups-err-replan")),
        };
    let txn = state.db.begin().await?;
    queries::save_plan(&txn, set.id, &rounds, &settings.prompts).await?;
    let mut active: group_set::ActiveModel = set.into();
    active.settings = Set(serde_json::to_string(&settings).map_err(|e| AppError::Internal(e.into()))?);
    active.report = Set(serde_json::to_string(&report).map_err(|e| AppError::Internal(e.into()))?);
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(back_to_set(&c, set_id, "notice-groups-planned"))
}

async fn publish(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, set_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let set = managed_set(&state, &c, set_id).await?;
    let first_time = set.status != "published";
    // The set goes out and its people hear of their groups together.
    let txn = state.db.begin().await?;
    let mut active: group_set::ActiveModel = set.into();
    active.status = Set("published".into());
    active.published_at = Set(Some(now_ms()));
    let set = active.update(&txn).await?;
    if first_time {
        crate::notifications::events::groups_published(&txn, &set, Some(c.user()?.id)).await?;
    }
    txn.commit().await?;
    Ok(back_to_set(&c, set_id, "notice-groups-published"))
}

async fn delete(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, set_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let set = managed_set(&state, &c, set_id).await?;
    group_set::Entity::delete_by_id(set.id).exec(&state.db).await?;
    Ok(with_notice("notice-groups-deleted", Redirect::to(&format!("/courses/{}/groups", c.course.id)), c.ctx.secure))
}

/// Zoom's breakout pre-assignment file for one round.
async fn zoom_csv(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, set_id, round)): Path<(i64, i64, i32)>,
) -> AppResult<Response> {
    let set = managed_set(&state, &c, set_id).await?;
    let data = queries::load(&state.db, set).await?;
    let r = data.rounds.iter().find(|r| r.round.number == round).ok_or(AppError::NotFound)?;
    let ids: Vec<i64> = r.groups.iter().flat_map(|g| g.members.clone()).collect();
    let people = queries::people(&state.db, &ids).await?;
    let rows: Vec<(i32, String)> = r
        .groups
        .iter()
        .flat_map(|g| g.members.iter().filter_map(|id| people.get(id)).map(|u| (g.group.number, u.email.clone())))
        .collect();
    Ok(zoom_file(&rows, &format!("zoom-breakouts-round-{round}.csv")))
}

/// Zoom's breakout pre-assignment CSV from (room number, email) rows; live breakouts too.
pub(crate) fn zoom_file(rows: &[(i32, String)], filename: &str) -> Response {
    let rows: Vec<Vec<String>> =
        rows.iter().map(|(number, email)| vec![format!("Room {number}"), email.clone()]).collect();
    let header = ["Pre-assign Room Name".to_string(), "Email Address".to_string()];
    let csv = crate::spreadsheet::csv(&header, &rows);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        csv,
    )
        .into_response()
}
