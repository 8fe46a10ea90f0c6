//! Celebrations: opt-in birthdays and personal milestones. A birthday (the profile's
//! "MM-DD") is celebrated in a course only when its owner opted in there, and only on the
//! day itself in the course's time zone; the date is never shown otherwise. Milestones
//! are short posts ("finished my first assignment") that classmates congratulate.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::civil::Date;
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Order, Query, QueryStatementBuilder};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{birthday_optin, membership, milestone, milestone_cheer, profile, user};
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/celebrations", get(show))
        .route("/courses/{course_id}/celebrations/birthday", post(birthday))
        .route("/courses/{course_id}/celebrations/milestones", post(add_milestone))
        .route("/courses/{course_id}/celebrations/milestones/{milestone_id}/cheer", post(cheer))
}

pub const MAX_MILESTONE: usize = 200;

/// Whether a birthday written "MM-DD" falls on `today`. People born on 29 February are
/// celebrated on the 28th in years without one.
pub fn is_birthday(mmdd: &str, today: Date) -> bool {
    let Some((m, d)) = mmdd.trim().split_once('-') else { return false };
    let (Ok(m), Ok(d)) = (m.parse::<i8>(), d.parse::<i8>()) else { return false };
    if m == today.month() && d == today.day() {
        return true;
    }
    m == 2 && d == 29 && !today.in_leap_year() && today.month() == 2 && today.day() == 28
}

/// Every way a birthday on `today` may be stored: "03-05" as the profile form saves it,
/// "3-5" as typed into the plain field, and 29 February on the 28th in years without
/// one. The database then picks out the day's few people instead of sending every
/// opt-in of the course to be tested here.
pub fn birthday_keys(today: Date) -> Vec<String> {
    let mut days = vec![(today.month(), today.day())];
    if today.month() == 2 && today.day() == 28 && !today.in_leap_year() {
        days.push((2, 29));
    }
    let mut keys = vec![];
    for (m, d) in days {
        for month in [format!("{m}"), format!("{m:02}")] {
            for day in [format!("{d}"), format!("{d:02}")] {
                let key = format!("{month}-{day}");
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    keys
}

/// Today in a course's time zone.
pub fn today_in(course_zone: &str) -> Date {
    jiff::Timestamp::now().to_zoned(crate::time::zone(course_zone)).date()
}

/// The names of members who opted in and have their birthday on `today`.
pub async fn birthdays_on(db: &impl ConnectionTrait, course_id: i64, today: Date) -> Result<Vec<String>, DbErr> {
    // Only opted-in members of this course whose birthday is written one of the day's
    // ways are read; `is_birthday` stays the judge of what comes back.
    let q = Query::select()
        .expr_as(Expr::col(("u", "name")), "name")
        .expr_as(Expr::col(("p", "birthday")), "birthday")
        .from_as(birthday_optin::Entity, "o")
        .join_as(JoinType::InnerJoin, profile::Entity, "p", Expr::col(("p", "user_id")).equals(("o", "user_id")))
        .join_as(JoinType::InnerJoin, user::Entity, "u", Expr::col(("u", "id")).equals(("o", "user_id")))
        .join_as(
            JoinType::InnerJoin,
            membership::Entity,
            "m",
            Expr::col(("m", "user_id"))
                .equals(("o", "user_id"))
                .and(Expr::col(("m", "course_id")).equals(("o", "course_id"))),
        )
        .and_where(Expr::col(("o", "course_id")).eq(course_id))
        .and_where(Expr::col(("p", "birthday")).is_in(birthday_keys(today)))
        .order_by(("u", "name"), Order::Asc)
        .to_owned();
    let mut out = vec![];
    for r in db.query_all(&q).await? {
        let b: String = r.try_get("", "birthday")?;
        if is_birthday(&b, today) {
            out.push(r.try_get("", "name")?);
        }
    }
    Ok(out)
}

/// Today's birthdays in a course (course home, newsfeed).
pub async fn birthdays_today(
    db: &impl ConnectionTrait,
    course_id: i64,
    course_zone: &str,
) -> Result<Vec<String>, DbErr> {
    birthdays_on(db, course_id, today_in(course_zone)).await
}

#[derive(Clone, Debug)]
pub struct MilestoneView {
    pub id: i64,
    pub user_id: i64,
    pub author: String,
    pub body: String,
    pub at: i64,
    pub cheers: i64,
    pub cheered: bool,
    pub mine: bool,
}

/// The newest milestones of a course with their congratulations; `viewer` marks which
/// ones they congratulated.
pub async fn recent_milestones(
    db: &impl ConnectionTrait,
    course_id: i64,
    viewer: i64,
    limit: u64,
) -> Result<Vec<MilestoneView>, DbErr> {
    let cheers = |only_viewer: bool| {
        let mut q = Query::select();
        q.expr(Expr::col(("c", "id")).count())
            .from_as(milestone_cheer::Entity, "c")
            .and_where(Expr::col(("c", "milestone_id")).equals(("ms", "id")));
        if only_viewer {
            q.and_where(Expr::col(("c", "user_id")).eq(viewer));
        }
        Expr::SubQuery(None, Box::new(q.into_sub_query_statement()))
    };
    let q = Query::select()
        .expr_as(Expr::col(("ms", "id")), "id")
        .expr_as(Expr::col(("ms", "user_id")), "uid")
        .expr_as(Expr::col(("ms", "body")), "body")
        .expr_as(Expr::col(("ms", "created_at")), "at")
        .expr_as(Expr::col(("u", "name")), "name")
        .expr_as(cheers(false), "cheers")
        .expr_as(cheers(true), "mine")
        .from_as(milestone::Entity, "ms")
        .join_as(JoinType::InnerJoin, user::Entity, "u", Expr::col(("u", "id")).equals(("ms", "user_id")))
        .and_where(Expr::col(("ms", "course_id")).eq(course_id))
        .order_by(("ms", "created_at"), Order::Desc)
        .order_by(("ms", "id"), Order::Desc)
        .limit(limit)
        .to_owned();
    let mut out = vec![];
    for r in db.query_all(&q).await? {
        out.push(MilestoneView {
            id: r.try_get("", "id")?,
            user_id: r.try_get("", "uid")?,
            author: r.try_get("", "name")?,
            body: r.try_get("", "body")?,
            at: r.try_get("", "at")?,
            cheers: r.try_get("", "cheers")?,
            cheered: r.try_get::<i64>("", "mine")? > 0,
            mine: r.try_get::<i64>("", "uid")? == viewer,
        });
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "celebrations/page.html")]
struct CelebrationsPage {
    page: Page,
    course_id: i64,
    course_title: String,
    birthdays: Vec<String>,
    milestones: Vec<MilestoneView>,
    may_celebrate: bool,
    opted_in: bool,
    has_birthday: bool,
    error: Option<String>,
    body: String,
}

async fn view(state: &AppState, c: &CourseCtx, error: Option<String>, body: String) -> AppResult<CelebrationsPage> {
    let me = c.user()?.id;
    let opted_in = birthday_optin::Entity::find()
        .filter(birthday_optin::Column::CourseId.eq(c.course.id))
        .filter(birthday_optin::Column::UserId.eq(me))
        .one(&state.db)
        .await?
        .is_some();
    let has_birthday = profile::Entity::find_by_id(me)
        .one(&state.db)
        .await?
        .is_some_and(|p| p.birthday.is_some_and(|b| !b.is_empty()));
    Ok(CelebrationsPage {
        page: Page::new(&c.ctx, "celebrations-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        birthdays: birthdays_today(&state.db, c.course.id, &c.course.time_zone).await?,
        milestones: recent_milestones(&state.db, c.course.id, me, 300).await?,
        may_celebrate: c.may(Action::Celebrate),
        opted_in,
        has_birthday,
        error,
        body,
    })
}

async fn show(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(&view(&state, &c, None, String::new()).await?)
}

fn back(c: &CourseCtx, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/celebrations", c.course.id)), c.ctx.secure)
}

#[derive(Deserialize)]
struct BirthdayForm {
    #[serde(default)]
    celebrate: String,
}

async fn birthday(State(state): State<AppState>, c: CourseCtx, Form(f): Form<BirthdayForm>) -> AppResult<Response> {
    c.require(Action::Celebrate)?;
    let me = c.user()?.id;
    match f.celebrate.as_str() {
        "on" => {
            let r = birthday_optin::ActiveModel { course_id: Set(c.course.id), user_id: Set(me), ..Default::default() }
                .insert(&state.db)
                .await;
            match r {
                Ok(_) => {}
                Err(e) if crate::db::is_unique_violation(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
        "off" => {
            birthday_optin::Entity::delete_many()
                .filter(birthday_optin::Column::CourseId.eq(c.course.id))
                .filter(birthday_optin::Column::UserId.eq(me))
                .exec(&state.db)
                .await?;
        }
        _ => return Err(AppError::BadRequest("celebrations-err-birthday")),
    }
    Ok(back(&c, "notice-saved"))
}

#[derive(Deserialize)]
struct MilestoneForm {
    #[serde(default)]
    body: String,
}

async fn add_milestone(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<MilestoneForm>,
) -> AppResult<Response> {
    c.require(Action::Celebrate)?;
    let Some(body) = crate::recognition::short_text(&f.body, MAX_MILESTONE) else {
        let mut res = render(&view(&state, &c, Some(c.ctx.tr().t("celebrations-err-milestone")), f.body).await?)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    milestone::ActiveModel {
        course_id: Set(c.course.id),
        user_id: Set(c.user()?.id),
        body: Set(body),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(back(&c, "notice-milestone"))
}

/// Congratulate a milestone; a second press takes it back.
async fn cheer(State(state): State<AppState>, c: CourseCtx, Path((_, id)): Path<(i64, i64)>) -> AppResult<Response> {
    c.require(Action::Celebrate)?;
    let me = c.user()?.id;
    let m = milestone::Entity::find_by_id(id)
        .filter(milestone::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let existing = milestone_cheer::Entity::find()
        .filter(milestone_cheer::Column::MilestoneId.eq(m.id))
        .filter(milestone_cheer::Column::UserId.eq(me))
        .one(&state.db)
        .await?;
    match existing {
        Some(x) => {
            milestone_cheer::Entity::delete_by_id(x.id).exec(&state.db).await?;
        }
        None => {
            let r = milestone_cheer::ActiveModel { milestone_id: Set(m.id), user_id: Set(me), ..Default::default() }
                .insert(&state.db)
                .await;
            match r {
                Ok(_) => {}
                Err(e) if crate::db::is_unique_violation(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(back(&c, "notice-cheered"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn birthdays_match_the_day_only() {
        assert!(is_birthday("11-23", date(2026, 11, 23)));
        assert!(!is_birthday("11-24", date(2026, 11, 23)));
        assert!(!is_birthday("23-11", date(2026, 11, 23)));
        assert!(!is_birthday("", date(2026, 11, 23)));
        assert!(!is_birthday("nonsense", date(2026, 11, 23)));
    }

    proptest::proptest! {
        /// The keys the database matches are exactly the birthdays `is_birthday` keeps,
        /// however the month and day are padded.
        #[test]
        fn the_keys_are_the_days_birthdays(
            year in 2024i16..2030,
            day_of_year in 0i32..366,
            m in 1u8..=12,
            d in 1u8..=31,
            pad_m: bool,
            pad_d: bool,
            on_the_day: bool,
        ) {
            let today = date(year, 1, 1).checked_add(jiff::Span::new().days(day_of_year)).unwrap();
            // Half the cases are today's own date, so matches are tested as much as misses.
            let (m, d) = if on_the_day { (today.month() as u8, today.day() as u8) } else { (m, d) };
            let stored = match (pad_m, pad_d) {
                (true, true) => format!("{m:02}-{d:02}"),
                (true, false) => format!("{m:02}-{d}"),
                (false, true) => format!("{m}-{d:02}"),
                (false, false) => format!("{m}-{d}"),
            };
            proptest::prop_assert_eq!(birthday_keys(today).contains(&stored), is_birthday(&stored, today));
        }
    }

    #[test]
    fn leap_day_birthdays_move_to_the_28th_in_other_years() {
        assert!(is_birthday("02-29", date(2027, 2, 28)));
        assert!(!is_birthday("02-29", date(2028, 2, 28)));
        assert!(is_birthday("02-29", date(2028, 2, 29)));
        assert!(is_birthday("02-28", date(2027, 2, 28)));
    }
}
