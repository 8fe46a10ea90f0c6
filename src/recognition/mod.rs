//! Recognition: shout-outs (any member, observers aside, thanks another publicly) and
//! Win of the Week (members nominate a classmate or themselves during an ISO week in the
//! course's zone; the teaching team features one or more). Both show on the course home;
//! `shout_outs_for` and `templates/recognition/shout_outs.html` let a profile page show a
//! person's shout-outs.

pub mod picker;
pub mod week;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, JoinType, Order, Query as SqlQuery};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{nomination, shout_out, user};
use crate::error::{AppError, AppResult};
use crate::notifications::{self, Kind};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};
use week::Week;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/shout-outs", get(shout_outs_page).post(give))
        .route("/courses/{course_id}/wins", get(wins_page).post(nominate))
        .route("/courses/{course_id}/wins/{nomination_id}/feature", post(feature))
}

pub const MAX_SHOUT_OUT: usize = 280;
pub const MAX_REASON: usize = 500;

/// A short public text: spaces tidied, not empty, not longer than `max` characters.
pub fn short_text(raw: &str, max: usize) -> Option<String> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty() && s.chars().count() <= max).then_some(s)
}

/// A shout-out as pages show it.
#[derive(Clone, Debug)]
pub struct ShoutOutView {
    pub id: i64,
    pub from: String,
    pub to: String,
    pub to_id: i64,
    pub body: String,
    pub at: i64,
}

async fn shout_outs_where(
    db: &impl ConnectionTrait,
    filter: Condition,
    limit: u64,
) -> Result<Vec<ShoutOutView>, DbErr> {
    let q = SqlQuery::select()
        .expr_as(Expr::col(("s", "id")), "id")
        .expr_as(Expr::col(("s", "to_id")), "to_id")
        .expr_as(Expr::col(("s", "body")), "body")
        .expr_as(Expr::col(("s", "created_at")), "at")
        .expr_as(Expr::col(("f", "name")), "from_name")
        .expr_as(Expr::col(("t", "name")), "to_name")
        .from_as(shout_out::Entity, "s")
        .join_as(JoinType::InnerJoin, user::Entity, "t", Expr::col(("t", "id")).equals(("s", "to_id")))
        .join_as(JoinType::LeftJoin, user::Entity, "f", Expr::col(("f", "id")).equals(("s", "from_id")))
        .cond_where(filter)
        .order_by(("s", "created_at"), Order::Desc)
        .order_by(("s", "id"), Order::Desc)
        .limit(limit)
        .to_owned();
    let mut out = vec![];
    for r in db.query_all(&q).await? {
        out.push(ShoutOutView {
            id: r.try_get("", "id")?,
            from: r.try_get::<Option<String>>("", "from_name")?.unwrap_or_default(),
            to: r.try_get("", "to_name")?,
            to_id: r.try_get("", "to_id")?,
            body: r.try_get("", "body")?,
            at: r.try_get("", "at")?,
        });
    }
    Ok(out)
}

/// The newest shout-outs of a course (course home, newsfeed).
pub async fn recent_shout_outs(
    db: &impl ConnectionTrait,
    course_id: i64,
    limit: u64,
) -> Result<Vec<ShoutOutView>, DbErr> {
    shout_outs_where(db, Condition::all().add(Expr::col(("s", "course_id")).eq(course_id)), limit).await
}

/// The shout-outs a person received in a course, newest first (for their profile).
pub async fn shout_outs_for(
    db: &impl ConnectionTrait,
    course_id: i64,
    user_id: i64,
) -> Result<Vec<ShoutOutView>, DbErr> {
    shout_outs_where(
        db,
        Condition::all().add(Expr::col(("s", "course_id")).eq(course_id)).add(Expr::col(("s", "to_id")).eq(user_id)),
        200,
    )
    .await
}

/// The picker's search and choice, from the address (`?q=…&to=…`).
#[derive(Deserialize, Default)]
struct PickQuery {
    #[serde(default)]
    q: String,
    to: Option<String>,
    nominee: Option<String>,
    week: Option<String>,
}

fn id_of(v: &Option<String>) -> Option<i64> {
    v.as_deref().and_then(|v| v.trim().parse().ok())
}

#[derive(Template)]
#[template(path = "recognition/page.html")]
struct ShoutOutsPage {
    page: Page,
    course_id: i64,
    course_title: String,
    shout_outs: Vec<ShoutOutView>,
    picker: picker::Picker,
    may_give: bool,
    error: Option<String>,
    body: String,
}

async fn shout_outs_view(
    state: &AppState,
    c: &CourseCtx,
    error: Option<String>,
    body: String,
    chosen: Option<i64>,
    term: &str,
) -> AppResult<ShoutOutsPage> {
    let me = c.user()?.id;
    let may_give = c.may(Action::Celebrate);
    let picker = if may_give {
        picker::picker(&state.db, c.course.id, "to", term, chosen, Some(me)).await?
    } else {
        picker::Picker::default()
    };
    Ok(ShoutOutsPage {
        page: Page::new(&c.ctx, "shout-outs-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        shout_outs: recent_shout_outs(&state.db, c.course.id, 500).await?,
        picker,
        may_give,
        error,
        body,
    })
}

async fn shout_outs_page(
    State(state): State<AppState>,
    c: CourseCtx,
    Query(q): Query<PickQuery>,
) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(&shout_outs_view(&state, &c, None, String::new(), id_of(&q.to), &q.q).await?)
}

#[derive(Deserialize)]
struct GiveForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    body: String,
}

async fn give(State(state): State<AppState>, c: CourseCtx, Form(f): Form<GiveForm>) -> AppResult<Response> {
    c.require(Action::Celebrate)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::ShoutOut).await?;
    let me = c.user()?.id;
    let to = match f.to.trim().parse::<i64>().ok().filter(|id| *id != me) {
        Some(id) if picker::may_be_chosen(&state.db, c.course.id, id).await? => Some(id),
        _ => None,
    };
    let again = |e: &str| c.ctx.tr().t(e);
    let (Some(to), Some(body)) = (to, short_text(&f.body, MAX_SHOUT_OUT)) else {
        let msg = if to.is_none() { again("shout-outs-err-person") } else { again("shout-outs-err-body") };
        let mut res = render(&shout_outs_view(&state, &c, Some(msg), f.body, to, "").await?)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    let txn = state.db.begin().await?;
    shout_out::ActiveModel {
        course_id: Set(c.course.id),
        from_id: Set(Some(me)),
        to_id: Set(to),
        body: Set(body.clone()),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    notifications::notify(
        &txn,
        notifications::New {
            user_id: to,
            course_id: Some(c.course.id),
            kind: Kind::ShoutOut,
            actor_id: Some(me),
            subject: &body,
            link: &format!("/courses/{}/shout-outs", c.course.id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(with_notice("notice-shout-out", Redirect::to(&format!("/courses/{}/shout-outs", c.course.id)), c.ctx.secure))
}

/// A nomination as pages show it.
#[derive(Clone, Debug)]
pub struct WinView {
    pub id: i64,
    pub week: String,
    pub nominee: String,
    pub nominee_id: i64,
    pub nominator: String,
    pub reason: String,
    pub featured: bool,
}

/// Nominations of a course, with the nominee's and nominator's names; `week` and
/// `featured_only` narrow them.
async fn wins_where(
    db: &impl ConnectionTrait,
    course_id: i64,
    week: Option<String>,
    featured_only: bool,
) -> Result<Vec<WinView>, DbErr> {
    let mut filter = Condition::all().add(Expr::col(("n", "course_id")).eq(course_id));
    if let Some(week) = week {
        filter = filter.add(Expr::col(("n", "week")).eq(week));
    }
    if featured_only {
        filter = filter.add(Expr::col(("n", "featured")).eq(true));
    }
    let q = SqlQuery::select()
        .expr_as(Expr::col(("n", "id")), "id")
        .expr_as(Expr::col(("n", "week")), "week")
        .expr_as(Expr::col(("n", "nominee_id")), "nominee_id")
        .expr_as(Expr::col(("n", "reason")), "reason")
        .expr_as(Expr::col(("n", "featured")), "featured")
        .expr_as(Expr::col(("e", "name")), "nominee")
        .expr_as(Expr::col(("o", "name")), "nominator")
        .from_as(nomination::Entity, "n")
        .join_as(JoinType::InnerJoin, user::Entity, "e", Expr::col(("e", "id")).equals(("n", "nominee_id")))
        .join_as(JoinType::LeftJoin, user::Entity, "o", Expr::col(("o", "id")).equals(("n", "nominator_id")))
        .cond_where(filter)
        .order_by(("n", "week"), Order::Desc)
        .order_by(("n", "created_at"), Order::Asc)
        .order_by(("n", "id"), Order::Asc)
        .to_owned();
    let mut out = vec![];
    for r in db.query_all(&q).await? {
        out.push(WinView {
            id: r.try_get("", "id")?,
            week: r.try_get("", "week")?,
            nominee: r.try_get("", "nominee")?,
            nominee_id: r.try_get("", "nominee_id")?,
            nominator: r.try_get::<Option<String>>("", "nominator")?.unwrap_or_default(),
            reason: r.try_get("", "reason")?,
            featured: r.try_get("", "featured")?,
        });
    }
    Ok(out)
}

/// The current week of a course, in its time zone.
pub fn this_week(course_zone: &str) -> Week {
    Week::of(jiff::Timestamp::now(), &crate::time::zone(course_zone))
}

/// The wins the teaching team featured in a week (course home: "Win of the Week").
pub async fn featured_wins(db: &impl ConnectionTrait, course_id: i64, week: Week) -> Result<Vec<WinView>, DbErr> {
    wins_where(db, course_id, Some(week.key()), true).await
}

/// The most recent featured wins, any week (for the newsfeed).
pub async fn recent_wins(db: &impl ConnectionTrait, course_id: i64, limit: usize) -> Result<Vec<WinView>, DbErr> {
    let mut all = wins_where(db, course_id, None, true).await?;
    all.truncate(limit);
    Ok(all)
}

#[derive(Template)]
#[template(path = "recognition/wins.html")]
struct WinsPage {
    page: Page,
    course_id: i64,
    course_title: String,
    week_start: String,
    is_current: bool,
    previous: String,
    next: Option<String>,
    featured: Vec<WinView>,
    /// The week's nominations: all for the teaching team, one's own for everyone else.
    nominations: Vec<WinView>,
    may_feature: bool,
    may_nominate: bool,
    picker: picker::Picker,
    /// Earlier weeks with featured wins: their key (for the link) and how people say it.
    past_weeks: Vec<(String, String)>,
    error: Option<String>,
    reason: String,
}

async fn wins_view(
    state: &AppState,
    c: &CourseCtx,
    week: Week,
    error: Option<String>,
    reason: String,
    pick: (Option<i64>, &str),
) -> AppResult<WinsPage> {
    let me = c.user()?.id;
    let tr = c.ctx.tr();
    let current = this_week(&c.course.time_zone);
    let all_week = wins_where(&state.db, c.course.id, Some(week.key()), false).await?;
    let may_feature = c.may(Action::FeatureWins);
    let featured = all_week.iter().filter(|w| w.featured).cloned().collect();
    let mine: Vec<i64> = if may_feature {
        vec![]
    } else {
        nomination::Entity::find()
            .filter(nomination::Column::CourseId.eq(c.course.id))
            .filter(nomination::Column::Week.eq(week.key()))
            .filter(nomination::Column::NominatorId.eq(me))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|n| n.id)
            .collect()
    };
    let nominations = all_week.into_iter().filter(|w| may_feature || mine.contains(&w.id)).collect();
    let weeks = SqlQuery::select()
        .distinct()
        .column(nomination::Column::Week)
        .from(nomination::Entity)
        .and_where(nomination::Column::CourseId.eq(c.course.id))
        .and_where(nomination::Column::Featured.eq(true))
        .order_by(nomination::Column::Week, Order::Desc)
        .to_owned();
    let past_weeks = state
        .db
        .query_all(&weeks)
        .await?
        .iter()
        .filter_map(|r| r.try_get::<String>("", "week").ok())
        .filter(|w| *w != current.key())
        .map(|w| {
            let label = week::Week::parse(&w).map(|k| week_of(&tr, k)).unwrap_or_else(|| w.clone());
            (w, label)
        })
        .collect();
    let may_nominate = c.may(Action::Celebrate) && week == current;
    // Members may nominate a classmate or themselves: nobody is left out.
    let picker = if may_nominate {
        picker::picker(&state.db, c.course.id, "nominee", pick.1, pick.0, None).await?
    } else {
        picker::Picker::default()
    };
    Ok(WinsPage {
        page: Page::new(&c.ctx, "wins-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        week_start: week_of(&tr, week),
        is_current: week == current,
        previous: week.previous().key(),
        next: (week < current).then(|| week.next().key()),
        featured,
        nominations,
        may_feature,
        may_nominate,
        picker,
        past_weeks,
        error,
        reason,
    })
}

async fn wins_page(State(state): State<AppState>, c: CourseCtx, Query(q): Query<PickQuery>) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    let week = match q.week.as_deref() {
        None | Some("") => this_week(&c.course.time_zone),
        Some(s) => Week::parse(s).ok_or(AppError::NotFound)?,
    };
    render(&wins_view(&state, &c, week, None, String::new(), (id_of(&q.nominee), &q.q)).await?)
}

#[derive(Deserialize)]
struct NominateForm {
    #[serde(default)]
    nominee: String,
    #[serde(default)]
    reason: String,
}

async fn nominate(State(state): State<AppState>, c: CourseCtx, Form(f): Form<NominateForm>) -> AppResult<Response> {
    c.require(Action::Celebrate)?;
    let me = c.user()?.id;
    let week = this_week(&c.course.time_zone);
    let nominee = match f.nominee.trim().parse::<i64>().ok() {
        Some(id) if picker::may_be_chosen(&state.db, c.course.id, id).await? => Some(id),
        _ => None,
    };
    let (Some(nominee), Some(reason)) = (nominee, short_text(&f.reason, MAX_REASON)) else {
        let id = if nominee.is_none() { "wins-err-person" } else { "wins-err-reason" };
        let mut res = render(&wins_view(&state, &c, week, Some(c.ctx.tr().t(id)), f.reason, (nominee, "")).await?)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    // Nominating the same person again in the same week rewrites the reason.
    let earlier = nomination::Entity::find()
        .filter(nomination::Column::CourseId.eq(c.course.id))
        .filter(nomination::Column::Week.eq(week.key()))
        .filter(nomination::Column::NominatorId.eq(me))
        .filter(nomination::Column::NomineeId.eq(nominee))
        .one(&state.db)
        .await?;
    match earlier {
        Some(n) => {
            let mut a: nomination::ActiveModel = n.into();
            a.reason = Set(reason);
            a.update(&state.db).await?;
        }
        None => {
            nomination::ActiveModel {
                course_id: Set(c.course.id),
                week: Set(week.key()),
                nominee_id: Set(nominee),
                nominator_id: Set(Some(me)),
                reason: Set(reason),
                featured: Set(false),
                created_at: Set(now_ms()),
                ..Default::default()
            }
            .insert(&state.db)
            .await?;
        }
    }
    Ok(with_notice("notice-nominated", Redirect::to(&format!("/courses/{}/wins", c.course.id)), c.ctx.secure))
}

#[derive(Deserialize)]
struct FeatureForm {
    #[serde(default)]
    featured: String,
}

/// Feature a nomination (or take it back). The featured person is told once, when featured.
async fn feature(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<FeatureForm>,
) -> AppResult<Response> {
    c.require(Action::FeatureWins)?;
    let featured = match f.featured.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest("wins-err-feature")),
    };
    let n = nomination::Entity::find_by_id(id)
        .filter(nomination::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = state.db.begin().await?;
    let was = n.featured;
    let (nominee, week, reason) = (n.nominee_id, n.week.clone(), n.reason.clone());
    let mut a: nomination::ActiveModel = n.into();
    a.featured = Set(featured);
    a.update(&txn).await?;
    if featured && !was {
        notifications::notify(
            &txn,
            notifications::New {
                user_id: nominee,
                course_id: Some(c.course.id),
                kind: Kind::Featured,
                actor_id: Some(c.user()?.id),
                subject: &reason,
                link: &format!("/courses/{}/wins?week={week}", c.course.id),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(with_notice("notice-saved", Redirect::to(&format!("/courses/{}/wins?week={week}", c.course.id)), c.ctx.secure))
}

/// "week of 30 November", as people say it, in the reader's language.
pub fn week_of(tr: &crate::i18n::Tr, w: week::Week) -> String {
    let monday = w.monday();
    let day_month = tr.t2("trust-day-month", "day", monday.day(), "month", tr.t(&format!("month-{}", monday.month())));
    tr.t1("trust-week-of", "date", day_month)
}
