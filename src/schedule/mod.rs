//! Scheduled and recurring posts: the teaching team writes a thread now and it goes out
//! later, once or weekly, in a space of the course (usually announcements).
//!
//! Each occurrence is a job (`schedule.post`) whose dedupe key names the schedule and the
//! instant, so a restart or a second replica enqueues it once. The job claims the
//! occurrence with a conditional UPDATE of `next_at` and records it in
//! `scheduled_post_runs` (unique per occurrence) in the same transaction that creates the
//! thread through `forum::create_thread`, so running the job twice posts once. The same
//! transaction moves `next_at` on and enqueues the next occurrence. The arithmetic of
//! "when next" is in `recur.rs`, pure.

pub mod recur;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{forum_space, membership, scheduled_post, scheduled_post_run};
use crate::error::{AppError, AppResult};
use crate::policy::{Action, Role};
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};
use recur::{Rule, Weekdays};

pub const JOB_KIND: &str = "schedule.post";
/// Upcoming posts a course may have at once: enough for a term, few enough to read.
pub const MAX_PENDING: usize = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/scheduled", get(list).post(create))
        .route("/courses/{course_id}/scheduled/{schedule_id}/edit", get(edit_form).post(save_edit))
        .route("/courses/{course_id}/scheduled/{schedule_id}/cancel", post(cancel))
}

/// Register the job handler.
pub fn register(r: crate::jobs::Registry) -> crate::jobs::Registry {
    r.on(JOB_KIND, |state, job| async move {
        let p: serde_json::Value = serde_json::from_str(&job.payload)?;
        let (Some(id), Some(at)) = (p["schedule_id"].as_i64(), p["at"].as_i64()) else {
            anyhow::bail!("a schedule.post job without schedule_id and at");
        };
        post_occurrence(&state.db, id, at, now_ms()).await?;
        Ok(())
    })
}

// ---------------------------------------------------------------------------------
// The form, checked without I/O.

#[derive(Deserialize, Default, Clone)]
pub struct ScheduleForm {
    #[serde(default)]
    pub space_id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    /// "once" or "weekly".
    #[serde(default)]
    pub repeat: String,
    #[serde(default)]
    pub d1: Option<String>,
    #[serde(default)]
    pub d2: Option<String>,
    #[serde(default)]
    pub d3: Option<String>,
    #[serde(default)]
    pub d4: Option<String>,
    #[serde(default)]
    pub d5: Option<String>,
    #[serde(default)]
    pub d6: Option<String>,
    #[serde(default)]
    pub d7: Option<String>,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub date_in_title: Option<String>,
}

impl ScheduleForm {
    fn weekdays(&self) -> Weekdays {
        let ticked = [&self.d1, &self.d2, &self.d3, &self.d4, &self.d5, &self.d6, &self.d7];
        Weekdays::from_days((1..=7).filter(|d| ticked[(*d - 1) as usize].is_some()))
    }

    /// Whether day `d` (1 = Monday) is ticked, for the template.
    pub fn has_day(&self, d: &i8) -> bool {
        self.weekdays().days().contains(d)
    }

    fn from_model(s: &scheduled_post::Model) -> ScheduleForm {
        let w = Weekdays(s.weekdays as u8);
        let tick = |d: i8| w.days().contains(&d).then(|| "on".to_string());
        ScheduleForm {
            space_id: s.space_id.to_string(),
            title: s.title.clone(),
            body: s.body.clone(),
            date: s.first_date.clone().unwrap_or_default(),
            time: s.local_time.clone(),
            repeat: if w.is_empty() { "once".into() } else { "weekly".into() },
            d1: tick(1),
            d2: tick(2),
            d3: tick(3),
            d4: tick(4),
            d5: tick(5),
            d6: tick(6),
            d7: tick(7),
            until: s.until_date.clone().unwrap_or_default(),
            date_in_title: s.date_in_title.then(|| "on".into()),
        }
    }
}

/// A schedule as checked: what to post, where, and its first occurrence.
#[derive(Debug, PartialEq, Eq)]
pub struct Valid {
    pub space_id: i64,
    pub title: String,
    pub body: String,
    pub weekdays: Weekdays,
    pub at: Time,
    pub first_date: Date,
    pub until: Option<Date>,
    pub date_in_title: bool,
    pub first: Timestamp,
}

/// Check a typed schedule against the course's zone and the present moment. The error
/// is the Fluent id of what is wrong.
pub fn check(f: &ScheduleForm, zone: &TimeZone, now: Timestamp) -> Result<Valid, &'static str> {
    let space_id: i64 = f.space_id.trim().parse().map_err(|_| "schedule-err-space")?;
    let title = crate::forum::title_ok(&f.title).map_err(|_| "forum-err-title")?;
    let body = crate::forum::body_ok(&f.body)?;
    let first_date: Date = f.date.trim().parse().map_err(|_| "schedule-err-date")?;
    let at: Time = f.time.trim().parse().map_err(|_| "schedule-err-time")?;
    let date_in_title = f.date_in_title.is_some();
    let (weekdays, until, first) = match f.repeat.as_str() {
        "once" | "" => {
            let t = recur::instant(first_date, at, zone).ok_or("schedule-err-time")?.timestamp();
            if t <= now {
                return Err("schedule-err-past");
            }
            (Weekdays(0), None, t)
        }
        "weekly" => {
            let days = f.weekdays();
            if days.is_empty() {
                return Err("schedule-err-days");
            }
            let until = match f.until.trim() {
                "" => None,
                u => Some(u.parse::<Date>().map_err(|_| "schedule-err-until")?),
            };
            if until.is_some_and(|u| u < first_date) {
                return Err("schedule-err-until");
            }
            let day_start = first_date.to_zoned(zone.clone()).map_err(|_| "schedule-err-date")?.timestamp();
            let from = std::cmp::max(now, day_start - jiff::SignedDuration::from_nanos(1));
            let rule = Rule { weekdays: days, at, until };
            let first = recur::next_after(&rule, from, zone).ok_or("schedule-err-none")?;
            (days, until, first)
        }
        _ => return Err("schedule-err-repeat"),
    };
    let at = at.round(jiff::Unit::Minute).map_err(|_| "schedule-err-time")?;
    Ok(Valid { space_id, title, body, weekdays, at, first_date, until, date_in_title, first })
}

/// The title of one occurrence: with its day when asked ("Weekly message – 30 Nov").
pub fn title_for(title: &str, date_in_title: bool, day: Date) -> String {
    if date_in_title { format!("{title} – {}", day.strftime("%-d %b")) } else { title.to_string() }
}

pub fn rule_of(s: &scheduled_post::Model) -> Option<Rule> {
    let w = Weekdays(s.weekdays as u8);
    if w.is_empty() {
        return None;
    }
    Some(Rule {
        weekdays: w,
        at: s.local_time.parse().ok()?,
        until: s.until_date.as_deref().and_then(|u| u.parse().ok()),
    })
}

fn job_key(schedule_id: i64, at: i64) -> String {
    format!("schedule:{schedule_id}:{at}")
}

/// Queue the job for one occurrence (a no-op when it is already queued).
pub async fn enqueue_occurrence(db: &impl ConnectionTrait, schedule_id: i64, at: i64) -> Result<bool, DbErr> {
    crate::jobs::enqueue(
        db,
        JOB_KIND,
        &serde_json::json!({ "schedule_id": schedule_id, "at": at }),
        at,
        Some(&job_key(schedule_id, at)),
    )
    .await
}

// ---------------------------------------------------------------------------------
// Running an occurrence.

/// Post the occurrence of `schedule_id` due at `at`, at most once however often it is
/// called: `Ok(Some(thread_id))` when this call posted it, `Ok(None)` when it was already
/// posted, or the schedule moved, was cancelled or ended.
pub async fn post_occurrence(
    db: &DatabaseConnection,
    schedule_id: i64,
    at: i64,
    now: i64,
) -> anyhow::Result<Option<i64>> {
    let txn = db.begin().await?;
    let Some(s) = scheduled_post::Entity::find_by_id(schedule_id).one(&txn).await? else { return Ok(None) };
    if s.status != "pending" || s.next_at != Some(at) {
        return Ok(None);
    }
    let course = crate::db::entity::course::Entity::find_by_id(s.course_id).one(&txn).await?;
    let space = forum_space::Entity::find_by_id(s.space_id).one(&txn).await?;
    let zone = crate::time::zone(course.as_ref().map(|c| c.time_zone.as_str()).unwrap_or("UTC"));
    let next = rule_of(&s).and_then(|r| {
        // Long downtime does not bring a flood of missed posts: the next is after now.
        let from = Timestamp::from_millisecond(std::cmp::max(at, now)).ok()?;
        recur::next_after(&r, from, &zone).map(|t| t.as_millisecond())
    });
    // The claim: only one caller moves `next_at` on from `at`.
    let claimed = scheduled_post::Entity::update_many()
        .col_expr(scheduled_post::Column::NextAt, Expr::value(next))
        .col_expr(scheduled_post::Column::Status, Expr::value(if next.is_some() { "pending" } else { "done" }))
        .col_expr(scheduled_post::Column::UpdatedAt, Expr::value(now))
        .filter(scheduled_post::Column::Id.eq(s.id))
        .filter(scheduled_post::Column::Status.eq("pending"))
        .filter(scheduled_post::Column::NextAt.eq(at))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    // The author must still be on the teaching team, and the space and the course open
    // (an archived course is read-only); otherwise the occurrence is skipped and the
    // schedule stops, rather than posting in a stale name.
    let author_ok = match s.author_id {
        Some(a) => membership::Entity::find()
            .filter(membership::Column::CourseId.eq(s.course_id))
            .filter(membership::Column::UserId.eq(a))
            .one(&txn)
            .await?
            .and_then(|m| Role::parse(&m.role))
            .is_some_and(Role::is_teaching),
        None => false,
    };
    let (Some(author), Some(space)) = (
        s.author_id.filter(|_| author_ok),
        space.filter(|sp| !sp.archived && course.as_ref().is_some_and(|c| c.archived_at.is_none())),
    ) else {
        scheduled_post::Entity::update_many()
            .col_expr(scheduled_post::Column::Status, Expr::value("cancelled"))
            .col_expr(scheduled_post::Column::NextAt, Expr::value(Option::<i64>::None))
            .filter(scheduled_post::Column::Id.eq(s.id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        return Ok(None);
    };
    let day = Timestamp::from_millisecond(at)?.to_zoned(zone.clone()).date();
    let title = title_for(&s.title, s.date_in_title, day);
    let (thread, _) = crate::forum::create_thread(&txn, &space, author, &title, s.body.clone(), now, true)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let recorded = scheduled_post_run::Entity::insert(scheduled_post_run::ActiveModel {
        schedule_id: Set(s.id),
        occurrence_at: Set(at),
        thread_id: Set(thread.id),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([scheduled_post_run::Column::ScheduleId, scheduled_post_run::Column::OccurrenceAt])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if recorded != 1 {
        // Posted before (the schedule was edited back to an instant that already ran).
        txn.rollback().await?;
        return Ok(None);
    }
    if let Some(n) = next {
        enqueue_occurrence(&txn, s.id, n).await?;
    }
    txn.commit().await?;
    Ok(Some(thread.id))
}

// ---------------------------------------------------------------------------------
// Pages.

pub struct Upcoming {
    pub id: i64,
    pub title: String,
    pub space: String,
    /// The next occurrence in the viewer's zone.
    pub when: String,
    /// "Every Monday, Wednesday at 08:00", or empty for a one-off.
    pub repeat: String,
}

#[derive(Template)]
#[template(path = "schedule/list.html")]
struct SchedulePage {
    page: Page,
    course_id: i64,
    course_title: String,
    course_zone: String,
    upcoming: Vec<Upcoming>,
    spaces: Vec<(i64, String)>,
    form: ScheduleForm,
    error: Option<String>,
    /// Editing this schedule rather than adding one.
    editing: Option<i64>,
    days: Vec<(i8, String)>,
}

fn day_names(tr: &crate::i18n::Tr) -> Vec<(i8, String)> {
    (1..=7).map(|d| (d, tr.t(&format!("routine-day-{d}")))).collect()
}

fn repeat_line(tr: &crate::i18n::Tr, s: &scheduled_post::Model) -> String {
    let w = Weekdays(s.weekdays as u8);
    if w.is_empty() {
        return String::new();
    }
    let days = if w == Weekdays::ALL {
        tr.t("schedule-every-day")
    } else if w == Weekdays::WORKDAYS {
        tr.t("schedule-every-weekday")
    } else {
        w.days().iter().map(|d| tr.t(&format!("routine-day-{d}"))).collect::<Vec<_>>().join(", ")
    };
    let mut line = tr.t2("schedule-repeat-line", "days", days, "time", s.local_time.clone());
    if let Some(u) = &s.until_date {
        line = format!("{line} · {}", tr.t1("schedule-until-line", "date", u.clone()));
    }
    line
}

async fn page_for(
    state: &AppState,
    c: &CourseCtx,
    form: ScheduleForm,
    editing: Option<i64>,
    error: Option<String>,
) -> AppResult<SchedulePage> {
    let tr = c.ctx.tr();
    let (pending, spaces) = tokio::try_join!(
        scheduled_post::Entity::find()
            .filter(scheduled_post::Column::CourseId.eq(c.course.id))
            .filter(scheduled_post::Column::Status.eq("pending"))
            .order_by_asc(scheduled_post::Column::NextAt)
            .order_by_asc(scheduled_post::Column::Id)
            .all(&state.db),
        crate::forum::queries::spaces(&state.db, c.course.id, tr),
    )?;
    let page = Page::new(&c.ctx, "schedule-title");
    let space_name = |id: i64| spaces.iter().find(|s| s.id == id).map(|s| s.title.clone()).unwrap_or_default();
    let upcoming = pending
        .iter()
        .map(|s| Upcoming {
            id: s.id,
            title: s.title.clone(),
            space: space_name(s.space_id),
            when: s.next_at.map(|t| page.when(&t)).unwrap_or_default(),
            repeat: repeat_line(&tr, s),
        })
        .collect();
    // Announcements first: it is what most scheduled posts are.
    let mut open: Vec<&forum_space::Model> = spaces.iter().filter(|s| !s.archived).collect();
    open.sort_by_key(|s| s.kind != crate::forum::Kind::Announcements.as_str());
    Ok(SchedulePage {
        page,
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        course_zone: c.course.time_zone.clone(),
        upcoming,
        spaces: open.into_iter().map(|s| (s.id, s.title.clone())).collect(),
        form,
        error,
        editing,
        days: day_names(&tr),
    })
}

async fn list(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::SchedulePosts)?;
    let tomorrow = jiff::Zoned::now().with_time_zone(crate::time::zone(&c.course.time_zone)).date().tomorrow().ok();
    let form = ScheduleForm {
        date: tomorrow.map(|d| d.to_string()).unwrap_or_default(),
        time: "08:00".into(),
        repeat: "once".into(),
        ..Default::default()
    };
    render(&page_for(&state, &c, form, None, None).await?)
}

async fn again(
    state: &AppState,
    c: &CourseCtx,
    f: ScheduleForm,
    editing: Option<i64>,
    msg: &str,
) -> AppResult<Response> {
    let mut res = render(&page_for(state, c, f, editing, Some(c.ctx.tr().t(msg))).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// The space must be an open one of this course.
async fn open_space(db: &impl ConnectionTrait, course_id: i64, space_id: i64) -> Result<bool, DbErr> {
    Ok(forum_space::Entity::find_by_id(space_id)
        .filter(forum_space::Column::CourseId.eq(course_id))
        .filter(forum_space::Column::Archived.eq(false))
        .one(db)
        .await?
        .is_some())
}

fn back(c: &CourseCtx, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/scheduled", c.course.id)), c.ctx.secure)
}

async fn create(State(state): State<AppState>, c: CourseCtx, Form(f): Form<ScheduleForm>) -> AppResult<Response> {
    c.require(Action::SchedulePosts)?;
    let zone = crate::time::zone(&c.course.time_zone);
    let v = match check(&f, &zone, Timestamp::now()) {
        Ok(v) => v,
        Err(msg) => return again(&state, &c, f, None, msg).await,
    };
    if !open_space(&state.db, c.course.id, v.space_id).await? {
        return again(&state, &c, f, None, "schedule-err-space").await;
    }
    let pending = scheduled_post::Entity::find()
        .filter(scheduled_post::Column::CourseId.eq(c.course.id))
        .filter(scheduled_post::Column::Status.eq("pending"))
        .all(&state.db)
        .await?
        .len();
    if pending >= MAX_PENDING {
        return again(&state, &c, f, None, "schedule-err-too-many").await;
    }
    let now = now_ms();
    let txn = state.db.begin().await?;
    let s = insert(&txn, c.course.id, Some(c.user()?.id), &v, now).await?;
    enqueue_occurrence(&txn, s.id, v.first.as_millisecond()).await?;
    txn.commit().await?;
    Ok(back(&c, "notice-schedule-saved"))
}

/// Write a new schedule (the demo seeds through here too). The caller enqueues its job.
pub async fn insert(
    db: &impl ConnectionTrait,
    course_id: i64,
    author_id: Option<i64>,
    v: &Valid,
    now: i64,
) -> Result<scheduled_post::Model, DbErr> {
    scheduled_post::ActiveModel {
        course_id: Set(course_id),
        space_id: Set(v.space_id),
        author_id: Set(author_id),
        title: Set(v.title.clone()),
        body: Set(v.body.clone()),
        weekdays: Set(v.weekdays.0 as i32),
        local_time: Set(v.at.strftime("%H:%M").to_string()),
        first_date: Set(Some(v.first_date.to_string())),
        until_date: Set(v.until.map(|u| u.to_string())),
        date_in_title: Set(v.date_in_title),
        next_at: Set(Some(v.first.as_millisecond())),
        status: Set("pending".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

async fn pending_in(state: &AppState, c: &CourseCtx, id: i64) -> AppResult<scheduled_post::Model> {
    scheduled_post::Entity::find_by_id(id)
        .filter(scheduled_post::Column::CourseId.eq(c.course.id))
        .filter(scheduled_post::Column::Status.eq("pending"))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn edit_form(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::SchedulePosts)?;
    let s = pending_in(&state, &c, id).await?;
    render(&page_for(&state, &c, ScheduleForm::from_model(&s), Some(s.id), None).await?)
}

async fn save_edit(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<ScheduleForm>,
) -> AppResult<Response> {
    c.require(Action::SchedulePosts)?;
    let s = pending_in(&state, &c, id).await?;
    let zone = crate::time::zone(&c.course.time_zone);
    let v = match check(&f, &zone, Timestamp::now()) {
        Ok(v) => v,
        Err(msg) => return again(&state, &c, f, Some(id), msg).await,
    };
    if !open_space(&state.db, c.course.id, v.space_id).await? {
        return again(&state, &c, f, Some(id), "schedule-err-space").await;
    }
    let now = now_ms();
    let txn = state.db.begin().await?;
    // Conditional on it still being pending at the instant we read: an occurrence that
    // went out meanwhile is not silently re-timed.
    let r = scheduled_post::Entity::update_many()
        .col_expr(scheduled_post::Column::SpaceId, Expr::value(v.space_id))
        .col_expr(scheduled_post::Column::Title, Expr::value(v.title.clone()))
        .col_expr(scheduled_post::Column::Body, Expr::value(v.body.clone()))
        .col_expr(scheduled_post::Column::Weekdays, Expr::value(v.weekdays.0 as i32))
        .col_expr(scheduled_post::Column::LocalTime, Expr::value(v.at.strftime("%H:%M").to_string()))
        .col_expr(scheduled_post::Column::FirstDate, Expr::value(v.first_date.to_string()))
        .col_expr(scheduled_post::Column::UntilDate, Expr::value(v.until.map(|u| u.to_string())))
        .col_expr(scheduled_post::Column::DateInTitle, Expr::value(v.date_in_title))
        .col_expr(scheduled_post::Column::NextAt, Expr::value(v.first.as_millisecond()))
        .col_expr(scheduled_post::Column::UpdatedAt, Expr::value(now))
        .filter(scheduled_post::Column::Id.eq(s.id))
        .filter(scheduled_post::Column::Status.eq("pending"))
        .filter(scheduled_post::Column::NextAt.eq(s.next_at))
        .exec(&txn)
        .await?;
    if r.rows_affected != 1 {
        return again(&state, &c, f, Some(id), "schedule-err-changed").await;
    }
    // The old occurrence's job finds `next_at` moved and does nothing.
    enqueue_occurrence(&txn, s.id, v.first.as_millisecond()).await?;
    txn.commit().await?;
    Ok(back(&c, "notice-schedule-saved"))
}

async fn cancel(State(state): State<AppState>, c: CourseCtx, Path((_, id)): Path<(i64, i64)>) -> AppResult<Response> {
    c.require(Action::SchedulePosts)?;
    let r = scheduled_post::Entity::update_many()
        .col_expr(scheduled_post::Column::Status, Expr::value("cancelled"))
        .col_expr(scheduled_post::Column::NextAt, Expr::value(Option::<i64>::None))
        .col_expr(scheduled_post::Column::UpdatedAt, Expr::value(now_ms()))
        .filter(scheduled_post::Column::Id.eq(id))
        .filter(scheduled_post::Column::CourseId.eq(c.course.id))
        .filter(scheduled_post::Column::Status.eq("pending"))
        .exec(&state.db)
        .await?;
    if r.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(back(&c, "notice-schedule-cancelled"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn oslo() -> TimeZone {
        TimeZone::get("Europe/Oslo").unwrap()
    }

    fn form(repeat: &str, date: &str, time: &str) -> ScheduleForm {
        ScheduleForm {
            space_id: "3".into(),
            title: " Weekly   message ".into(),
            body: "Hello class".into(),
            date: date.into(),
            time: time.into(),
            repeat: repeat.into(),
            ..Default::default()
        }
    }

    fn now() -> Timestamp {
        // Monday 23 November 2026, 10:00 in Oslo.
        "2026-11-23T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_one_off_post_must_be_in_the_future() {
        let v = check(&form("once", "2026-11-24", "08:00"), &oslo(), now()).unwrap();
        assert_eq!(v.title, "Weekly message");
        assert_eq!(v.first, "2026-11-24T07:00:00Z".parse().unwrap());
        assert_eq!(check(&form("once", "2026-11-23", "09:59"), &oslo(), now()), Err("schedule-err-past"));
        assert_eq!(check(&form("once", "24.11.2026", "08:00"), &oslo(), now()), Err("schedule-err-date"));
        assert_eq!(check(&form("once", "2026-11-24", "8 o'clock"), &oslo(), now()), Err("schedule-err-time"));
        let mut f = form("once", "2026-11-24", "08:00");
        f.space_id = "x".into();
        assert_eq!(check(&f, &oslo(), now()), Err("schedule-err-space"));
        f = form("once", "2026-11-24", "08:00");
        f.title = "  ".into();
        assert_eq!(check(&f, &oslo(), now()), Err("forum-err-title"));
        f = form("sometimes", "2026-11-24", "08:00");
        assert_eq!(check(&f, &oslo(), now()), Err("schedule-err-repeat"));
    }

    #[test]
    fn a_weekly_post_starts_on_its_first_chosen_day() {
        let mut f = form("weekly", "2026-11-23", "08:00");
        assert_eq!(check(&f, &oslo(), now()), Err("schedule-err-days"));
        f.d1 = Some("on".into());
        // Monday 08:00 has passed today: the first is next Monday.
        let v = check(&f, &oslo(), now()).unwrap();
        assert_eq!(v.first, "2026-11-30T07:00:00Z".parse().unwrap());
        assert_eq!(v.weekdays, Weekdays::from_days([1]));
        // Starting later, on a Wednesday: the first Monday after that.
        f.date = "2026-12-02".into();
        assert_eq!(check(&f, &oslo(), now()).unwrap().first, "2026-12-07T07:00:00Z".parse().unwrap());
        f.until = "2026-12-01".into();
        assert_eq!(check(&f, &oslo(), now()), Err("schedule-err-until"));
        f.until = "2026-12-06".into();
        assert_eq!(check(&f, &oslo(), now()), Err("schedule-err-none"));
    }

    #[test]
    fn titles_can_carry_the_day() {
        assert_eq!(title_for("Weekly message", true, date(2026, 11, 30)), "Weekly message – 30 Nov");
        assert_eq!(title_for("Weekly message", false, date(2026, 11, 30)), "Weekly message");
    }
}
