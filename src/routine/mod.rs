//! "Our week": the weekly routine the teaching team publishes (when the tutor posts, when
//! live sessions are, when questions are answered), in the course's time zone. Shown on
//! the course home in the viewer's zone and the course's, and served as an iCalendar feed
//! at a secret per-course address that calendar programs subscribe to.

pub mod ical;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::civil::Date;
use jiff::{Zoned, tz::TimeZone};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{course, routine_entry, social_setting};
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, Viewer, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/routine", get(show).post(add))
        .route("/courses/{course_id}/routine/{routine_id}/delete", post(delete))
        .route("/courses/{course_id}/routine/feed", post(renew_feed))
        .route("/calendar/{feed}", get(feed))
}

pub const KINDS: [&str; 5] = ["tutor_posts", "live_session", "questions", "office_hours", "other"];
pub const MAX_ENTRIES: usize = 40;

pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "tutor_posts" => "routine-kind-tutor-posts",
        "live_session" => "routine-kind-live-session",
        "questions" => "routine-kind-questions",
        "office_hours" => "routine-kind-office-hours",
        _ => "routine-kind-other",
    }
}

/// A routine entry as typed, checked.
#[derive(Debug, PartialEq, Eq)]
pub struct NewEntry {
    pub weekday: i32,
    pub start_minute: i32,
    pub duration_minutes: i32,
    pub title: String,
    pub kind: String,
    pub location: String,
}

#[derive(Deserialize, Default)]
pub struct EntryForm {
    #[serde(default)]
    weekday: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    duration: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    location: String,
}

/// Check a typed entry; the error is the Fluent id of what is wrong.
pub fn check(f: &EntryForm) -> Result<NewEntry, &'static str> {
    let weekday: i32 = f.weekday.trim().parse().ok().filter(|d| (1..=7).contains(d)).ok_or("routine-err-weekday")?;
    let start = f.start.trim().parse::<jiff::civil::Time>().map_err(|_| "routine-err-start")?;
    let duration: i32 =
        f.duration.trim().parse().ok().filter(|d| (5..=600).contains(d)).ok_or("routine-err-duration")?;
    let title = f.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() || title.chars().count() > 120 {
        return Err("routine-err-title");
    }
    if !KINDS.contains(&f.kind.as_str()) {
        return Err("routine-err-kind");
    }
    let location = f.location.trim().to_string();
    if location.chars().count() > 300 || location.chars().any(char::is_control) {
        return Err("routine-err-location");
    }
    Ok(NewEntry {
        weekday,
        start_minute: start.hour() as i32 * 60 + start.minute() as i32,
        duration_minutes: duration,
        title,
        kind: f.kind.clone(),
        location,
    })
}

/// The routine of a course, in weekly order.
pub async fn entries(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<routine_entry::Model>, DbErr> {
    routine_entry::Entity::find()
        .filter(routine_entry::Column::CourseId.eq(course_id))
        .order_by_asc(routine_entry::Column::Weekday)
        .order_by_asc(routine_entry::Column::StartMinute)
        .order_by_asc(routine_entry::Column::Id)
        .all(db)
        .await
}

/// When an entry happens in the week starting on `monday` (in the course's zone).
pub fn occurrence(monday: Date, weekday: i32, start_minute: i32, zone: &TimeZone) -> Option<Zoned> {
    let day = monday.checked_add(jiff::Span::new().days((weekday - 1) as i64)).ok()?;
    day.at((start_minute / 60) as i8, (start_minute % 60) as i8, 0, 0).to_zoned(zone.clone()).ok()
}

/// An entry of this week as a page shows it.
pub struct WeekItem {
    pub id: i64,
    pub title: String,
    pub kind: &'static str,
    pub location: String,
    pub location_is_link: bool,
    /// "Tue 09:00–10:00" in the course's zone.
    pub course_time: String,
    /// The same moment in the viewer's zone, when that zone differs.
    pub my_time: Option<String>,
    pub today: bool,
    pub past: bool,
}

fn weekday_name(tr: &crate::i18n::Tr, z: &Zoned) -> String {
    tr.t(match z.weekday().to_monday_one_offset() {
        1 => "routine-day-1",
        2 => "routine-day-2",
        3 => "routine-day-3",
        4 => "routine-day-4",
        5 => "routine-day-5",
        6 => "routine-day-6",
        _ => "routine-day-7",
    })
}

fn span_text(tr: &crate::i18n::Tr, start: &Zoned, minutes: i32) -> String {
    let end = start.checked_add(jiff::Span::new().minutes(minutes as i64)).unwrap_or_else(|_| start.clone());
    format!("{} {}–{}", weekday_name(tr, start), start.strftime("%H:%M"), end.strftime("%H:%M"))
}

/// This week's routine for a viewer: each entry at its course time and their own.
pub fn this_week(
    list: &[routine_entry::Model],
    course_zone: &str,
    viewer_zone: &str,
    tr: &crate::i18n::Tr,
    now: jiff::Timestamp,
) -> Vec<WeekItem> {
    let cz = crate::time::zone(course_zone);
    let vz = crate::time::zone(viewer_zone);
    let today = now.to_zoned(cz.clone()).date();
    let monday = crate::recognition::week::Week::of_date(today).monday();
    let differs = |z: &Zoned| z.with_time_zone(vz.clone()).offset() != z.offset();
    list.iter()
        .filter_map(|e| {
            let at = occurrence(monday, e.weekday, e.start_minute, &cz)?;
            let mine = at.with_time_zone(vz.clone());
            Some(WeekItem {
                id: e.id,
                title: e.title.clone(),
                kind: kind_label(&e.kind),
                location_is_link: e.location.starts_with("https://") || e.location.starts_with("http://"),
                location: e.location.clone(),
                course_time: span_text(tr, &at, e.duration_minutes),
                my_time: (differs(&at) && viewer_zone != course_zone).then(|| span_text(tr, &mine, e.duration_minutes)),
                today: at.date() == today,
                past: at.timestamp() < now && at.date() != today,
            })
        })
        .collect()
}

/// The feed token, made the first time anyone looks (unique index: a race makes one).
async fn feed_token(db: &impl ConnectionTrait, course_id: i64) -> Result<String, DbErr> {
    let mut s = crate::messages::settings(db, course_id).await?;
    if let Some(t) = &s.calendar_token {
        return Ok(t.clone());
    }
    let t = crate::auth::tokens::new_token();
    s.calendar_token = Some(t.clone());
    crate::messages::save_setting(db, s).await?;
    Ok(t)
}

#[derive(Template)]
#[template(path = "routine/show.html")]
struct RoutinePage {
    page: Page,
    course_id: i64,
    course_title: String,
    course_zone: String,
    routine_items: Vec<WeekItem>,
    may_manage: bool,
    feed_url: String,
    kinds: [&'static str; 5],
    error: Option<String>,
    /// Live sessions running now or coming up, to join from here.
    live: Vec<crate::live::views::SessionItem>,
    /// Meet-ups in the coming seven days: (title, when in the reader's zone).
    meetups: Vec<(String, String)>,
    /// Whether the reader books check-ins (a link to them).
    books_check_ins: bool,
    /// This week's message from the teaching team: (id, title, author).
    weekly: Option<(i64, String, String)>,
}

impl RoutinePage {
    fn kind_label(&self, k: &str) -> &'static str {
        kind_label(k)
    }
}

async fn page_for(state: &AppState, c: &CourseCtx, error: Option<String>) -> AppResult<RoutinePage> {
    let list = entries(&state.db, c.course.id).await?;
    let viewer_zone = c.ctx.user.as_ref().map(|u| u.time_zone.clone()).unwrap_or_else(|| "UTC".into());
    let token = feed_token(&state.db, c.course.id).await?;
    let tr = c.ctx.tr();
    let now = crate::time::now_ms();
    let live = crate::live::queries::upcoming(&state.db, c.course.id, now, 5)
        .await?
        .iter()
        .map(|s| crate::live::views::SessionItem::of(s, &tr))
        .collect();
    let meetups = crate::meetups::queries::upcoming_page(&state.db, c.course.id, now, None, false, 10)
        .await?
        .into_iter()
        .filter(|m| m.starts_at < now + 7 * 86_400_000)
        .map(|m| (m.title, crate::booking::views::slot_label(m.starts_at, m.ends_at, &viewer_zone, &tr)))
        .collect();
    let week = crate::weekly::rules::week_of(now, &c.course.time_zone);
    let weekly = crate::weekly::queries::of_week(&state.db, c.course.id, week.start_ms)
        .await?
        .map(|m| (m.id, m.title, m.author));
    Ok(RoutinePage {
        page: Page::new(&c.ctx, "routine-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        course_zone: c.course.time_zone.clone(),
        routine_items: this_week(&list, &c.course.time_zone, &viewer_zone, &c.ctx.tr(), jiff::Timestamp::now()),
        may_manage: c.may(Action::ManageRoutine),
        feed_url: format!("{}/calendar/{token}.ics", state.config.base_url()),
        kinds: KINDS,
        error,
        live,
        meetups,
        books_check_ins: c.may(Action::BookCheckIns),
        weekly,
    })
}

async fn show(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(&page_for(&state, &c, None).await?)
}

fn back(c: &CourseCtx, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/routine", c.course.id)), c.ctx.secure)
}

async fn add(State(state): State<AppState>, c: CourseCtx, Form(f): Form<EntryForm>) -> AppResult<Response> {
    c.require(Action::ManageRoutine)?;
    let count = entries(&state.db, c.course.id).await?.len();
    let checked = check(&f).and_then(|e| if count >= MAX_ENTRIES { Err("routine-err-too-many") } else { Ok(e) });
    let e = match checked {
        Ok(e) => e,
        Err(id) => {
            let mut res = render(&page_for(&state, &c, Some(c.ctx.tr().t(id))).await?)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    routine_entry::ActiveModel {
        course_id: Set(c.course.id),
        weekday: Set(e.weekday),
        start_minute: Set(e.start_minute),
        duration_minutes: Set(e.duration_minutes),
        title: Set(e.title),
        kind: Set(e.kind),
        location: Set(e.location),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(back(&c, "notice-saved"))
}

async fn delete(State(state): State<AppState>, c: CourseCtx, Path((_, id)): Path<(i64, i64)>) -> AppResult<Response> {
    c.require(Action::ManageRoutine)?;
    let r = routine_entry::Entity::delete_many()
        .filter(routine_entry::Column::Id.eq(id))
        .filter(routine_entry::Column::CourseId.eq(c.course.id))
        .exec(&state.db)
        .await?;
    if r.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(back(&c, "notice-routine-deleted"))
}

/// A new secret address; the old one stops working at once.
async fn renew_feed(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ManageRoutine)?;
    let mut s = crate::messages::settings(&state.db, c.course.id).await?;
    s.calendar_token = Some(crate::auth::tokens::new_token());
    crate::messages::save_setting(&state.db, s).await?;
    Ok(back(&c, "notice-feed-renewed"))
}

/// The iCalendar feed. The secret in the address is the permission (calendar programs
/// cannot sign in), so it answers anyone who has it, and 404 to everyone else.
async fn feed(State(state): State<AppState>, Viewer(_): Viewer, Path(file): Path<String>) -> AppResult<Response> {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::NotFound);
    }
    let s = social_setting::Entity::find()
        .filter(social_setting::Column::CalendarToken.eq(token))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = course::Entity::find_by_id(s.course_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let list = entries(&state.db, c.id).await?;
    let from = c.start_date.parse::<Date>().unwrap_or_else(|_| jiff::Zoned::now().date());
    let tr = crate::i18n::Tr(crate::i18n::Locale::En);
    let host = state.config.base_url().split("://").nth(1).unwrap_or("homeroom").trim_end_matches('/').to_string();
    let descriptions: Vec<String> = list.iter().map(|e| tr.t(kind_label(&e.kind))).collect();
    let events: Vec<ical::Event<'_>> = list
        .iter()
        .zip(&descriptions)
        .map(|(e, d)| ical::Event {
            uid: format!("routine-{}-{}@{host}", c.id, e.id),
            stamp: jiff::Timestamp::from_millisecond(e.created_at).unwrap_or_else(|_| jiff::Timestamp::now()),
            from,
            weekday: e.weekday,
            start_minute: e.start_minute,
            duration_minutes: e.duration_minutes,
            summary: &e.title,
            description: d,
            location: &e.location,
            url: (e.location.starts_with("https://") || e.location.starts_with("http://"))
                .then_some(e.location.as_str())
                .filter(|u| !u.contains(char::is_whitespace)),
        })
        .collect();
    let body = ical::calendar(&format!("{} – Our week", c.title), &c.time_zone, &events, jiff::Timestamp::now());
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "inline; filename=\"our-week.ics\""),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(weekday: &str, start: &str, duration: &str, title: &str, kind: &str) -> EntryForm {
        EntryForm {
            weekday: weekday.into(),
            start: start.into(),
            duration: duration.into(),
            title: title.into(),
            kind: kind.into(),
            location: String::new(),
        }
    }

    #[test]
    fn entries_are_checked() {
        let ok = check(&form("2", "09:30", "60", " Live  session ", "live_session")).unwrap();
        assert_eq!((ok.weekday, ok.start_minute, ok.title.as_str()), (2, 570, "Live session"));
        assert_eq!(check(&form("8", "09:30", "60", "x", "other")), Err("routine-err-weekday"));
        assert_eq!(check(&form("1", "25:00", "60", "x", "other")), Err("routine-err-start"));
        assert_eq!(check(&form("1", "09:00", "0", "x", "other")), Err("routine-err-duration"));
        assert_eq!(check(&form("1", "09:00", "30", "  ", "other")), Err("routine-err-title"));
        assert_eq!(check(&form("1", "09:00", "30", "x", "party")), Err("routine-err-kind"));
    }

    #[test]
    fn this_week_shows_course_and_viewer_times() {
        let e = routine_entry::Model {
            id: 1,
            course_id: 1,
            weekday: 2,
            start_minute: 9 * 60,
            duration_minutes: 60,
            title: "Live".into(),
            kind: "live_session".into(),
            location: "https://meet.example.org/x".into(),
            created_at: 0,
        };
        let tr = crate::i18n::Tr(crate::i18n::Locale::En);
        // Monday 23 November 2026, noon UTC.
        let now: jiff::Timestamp = "2026-11-23T12:00:00Z".parse().unwrap();
        let items = this_week(std::slice::from_ref(&e), "Europe/Oslo", "America/New_York", &tr, now);
        assert_eq!(items[0].course_time, "Tuesday 09:00–10:00");
        assert_eq!(items[0].my_time.as_deref(), Some("Tuesday 03:00–04:00"));
        assert!(items[0].location_is_link && !items[0].today && !items[0].past);
        let same = this_week(std::slice::from_ref(&e), "Europe/Oslo", "Europe/Oslo", &tr, now);
        assert_eq!(same[0].my_time, None);
    }
}
