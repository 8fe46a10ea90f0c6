//! The time budget: each student plans their weekly study hours per activity and can
//! come back to it; they see their plan as a chart. The teaching team sees the class's
//! anonymous summary (median and range per activity), who has not made a plan, and
//! edits the list of activities.

pub mod stats;

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

use crate::app::AppState;
use crate::db::entity::{budget_activity, budget_entry};
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/time-budget", get(show).post(save))
        .route("/courses/{course_id}/time-budget/activities", post(save_activities))
}

/// The activities a new course starts with; the tutor can change them.
pub const DEFAULT_ACTIVITIES: [&str; 5] = ["Reading", "Discussion", "Group work", "Assignments", "Live sessions"];
/// The most hours one activity can take in a week: more is a typo.
pub const MAX_TENTHS: i32 = 600;

/// The course's activities, creating the default list the first time. Two first
/// visitors at once: the unique name index stops the second list, which then reads the
/// first.
pub async fn activities(
    db: &sea_orm::DatabaseConnection,
    course_id: i64,
) -> Result<Vec<budget_activity::Model>, DbErr> {
    match create_defaults(db, course_id).await {
        Err(e) if crate::db::is_unique_violation(&e) => create_defaults(db, course_id).await,
        other => other,
    }
}

async fn create_defaults(
    db: &sea_orm::DatabaseConnection,
    course_id: i64,
) -> Result<Vec<budget_activity::Model>, DbErr> {
    let txn = db.begin().await?;
    let mut list = budget_activity::Entity::find()
        .filter(budget_activity::Column::CourseId.eq(course_id))
        .order_by_asc(budget_activity::Column::Position)
        .all(&txn)
        .await?;
    if list.is_empty() {
        for (i, name) in DEFAULT_ACTIVITIES.iter().enumerate() {
            list.push(
                budget_activity::ActiveModel {
                    course_id: Set(course_id),
                    name: Set(name.to_string()),
                    position: Set(i as i32),
                    ..Default::default()
                }
                .insert(&txn)
                .await?,
            );
        }
    }
    txn.commit().await?;
    Ok(list)
}

/// The viewer's own hours per activity.
async fn mine(db: &impl ConnectionTrait, ids: &[i64], me: i64) -> Result<HashMap<i64, i32>, DbErr> {
    let rows: Vec<(i64, i32)> = budget_entry::Entity::find()
        .select_only()
        .columns([budget_entry::Column::ActivityId, budget_entry::Column::Tenths])
        .filter(budget_entry::Column::ActivityId.is_in(ids.to_vec()))
        .filter(budget_entry::Column::UserId.eq(me))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Everyone's hours per activity, for the anonymous summary: two numbers a row.
async fn class_hours(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, Vec<i32>>, DbErr> {
    let rows: Vec<(i64, i32)> = budget_entry::Entity::find()
        .select_only()
        .columns([budget_entry::Column::ActivityId, budget_entry::Column::Tenths])
        .filter(budget_entry::Column::ActivityId.is_in(ids.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<i32>> = HashMap::new();
    for (activity, tenths) in rows {
        out.entry(activity).or_default().push(tenths);
    }
    Ok(out)
}

/// How many names of students without a plan the page lists; the count covers the rest.
pub const MISSING_SHOWN: i64 = 50;

/// Students without a plan, those who joined first first: the walk follows the join-order
/// index and stops at the limit.
const MISSING_SQL: &str = "SELECT u.name AS name FROM memberships m JOIN users u ON u.id = m.user_id \
     WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' \
     AND NOT EXISTS (SELECT 1 FROM budget_entries e JOIN budget_activities a ON a.id = e.activity_id \
     WHERE a.course_id = $1 AND e.user_id = m.user_id) ORDER BY m.created_at, m.user_id LIMIT $2";

const STUDENTS_SQL: &str =
    "SELECT COUNT(*) AS n FROM memberships WHERE course_id = $1 AND role = 'student' AND state = 'active'";

pub struct Row {
    pub id: i64,
    pub name: String,
    /// The viewer's own hours, as typed.
    pub mine: String,
    /// Bar width in percent of the largest planned activity.
    pub bar: i32,
    pub summary: Option<stats::Summary>,
}

#[derive(Template)]
#[template(path = "budget/show.html")]
struct BudgetPage {
    page: Page,
    course_id: i64,
    course_title: String,
    rows: Vec<Row>,
    total: String,
    has_plan: bool,
    may_plan: bool,
    may_manage: bool,
    error: Option<String>,
    /// The first few names; `missing_count` is all of them.
    missing: Vec<String>,
    missing_count: u64,
    planned: usize,
    activity_text: String,
}

impl BudgetPage {
    fn hours(&self, tenths: &i32) -> String {
        stats::hours(*tenths)
    }
}

async fn page_for(state: &AppState, c: &CourseCtx, typed: Option<&HashMap<i64, String>>) -> AppResult<BudgetPage> {
    let acts = activities(&state.db, c.course.id).await?;
    let ids: Vec<i64> = acts.iter().map(|a| a.id).collect();
    let me = c.user()?.id;
    let db = &state.db;
    let mine = mine(db, &ids, me).await?;
    let may_manage = c.may(Action::ManageTimeBudget);
    let largest = mine.values().copied().max().unwrap_or(0).max(1);
    let (hours, missing, students, planned) = if may_manage {
        use crate::db::sql::{all, one};
        let course = c.course.id;
        // Who has planned is the start-up kit's count, kept per course (decision 0038).
        let (hours, progress, missing, students) = tokio::try_join!(
            class_hours(db, &ids),
            crate::courses::kit_progress::load(db, course, now_ms()),
            all(db, MISSING_SQL, vec![course.into(), MISSING_SHOWN.into()]),
            one(db, STUDENTS_SQL, vec![course.into()]),
        )?;
        let planned = progress.get(&crate::courses::startup::Activity::TimeBudget).map_or(0, |p| p.students_done);
        let missing = missing.iter().map(|r| r.try_get::<String>("", "name")).collect::<Result<Vec<_>, _>>()?;
        let students: i64 = students.map(|r| r.try_get("", "n")).transpose()?.unwrap_or(0);
        (hours, missing, students.max(0) as u64, planned)
    } else {
        (HashMap::new(), vec![], 0, 0)
    };
    let rows = acts
        .iter()
        .map(|a| Row {
            id: a.id,
            name: a.name.clone(),
            mine: typed
                .and_then(|t| t.get(&a.id).cloned())
                .unwrap_or_else(|| mine.get(&a.id).map(|t| stats::hours(*t)).unwrap_or_default()),
            bar: mine.get(&a.id).map(|t| t * 100 / largest).unwrap_or(0),
            summary: hours.get(&a.id).and_then(|v| stats::summary(v)),
        })
        .collect();
    Ok(BudgetPage {
        page: Page::new(&c.ctx, "budget-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        total: stats::hours(mine.values().sum()),
        has_plan: !mine.is_empty(),
        may_plan: c.may(Action::PlanTimeBudget),
        may_manage,
        error: None,
        missing_count: students.saturating_sub(planned),
        missing,
        planned: planned as usize,
        activity_text: acts.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join("\n"),
        rows,
    })
}

async fn show(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(&page_for(&state, &c, None).await?)
}

/// A student's plan: `hours_<activity id>` fields. All are checked before any is saved.
async fn save(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    c.require(Action::PlanTimeBudget)?;
    let acts = activities(&state.db, c.course.id).await?;
    let typed: HashMap<i64, String> = f
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("hours_").and_then(|id| id.parse().ok()).map(|id| (id, v.chars().take(10).collect()))
        })
        .collect();
    let mut plan = vec![];
    let mut bad = false;
    for a in &acts {
        match stats::parse_hours(typed.get(&a.id).map(String::as_str).unwrap_or("")) {
            Some(t) if t <= MAX_TENTHS => plan.push((a.id, t)),
            _ => bad = true,
        }
    }
    if bad {
        let mut page = page_for(&state, &c, Some(&typed)).await?;
        page.error = Some(c.ctx.tr().t("budget-err-hours"));
        let mut res = render(&page)?;
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let me = c.user()?.id;
    let ids: Vec<i64> = acts.iter().map(|a| a.id).collect();
    let txn = state.db.begin().await?;
    budget_entry::Entity::delete_many()
        .filter(budget_entry::Column::UserId.eq(me))
        .filter(budget_entry::Column::ActivityId.is_in(ids))
        .exec(&txn)
        .await?;
    let now = now_ms();
    let rows: Vec<budget_entry::ActiveModel> = plan
        .into_iter()
        .map(|(activity_id, tenths)| budget_entry::ActiveModel {
            activity_id: Set(activity_id),
            user_id: Set(me),
            tenths: Set(tenths),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        budget_entry::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(with_notice("notice-saved", Redirect::to(&format!("/courses/{}/time-budget", c.course.id)), c.ctx.secure))
}

#[derive(serde::Deserialize)]
struct ActivitiesForm {
    activities: String,
}

/// The tutor's list, one per line. Names kept keep their plans; removed ones go.
async fn save_activities(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<ActivitiesForm>,
) -> AppResult<Response> {
    c.require(Action::ManageTimeBudget)?;
    let mut names: Vec<String> = vec![];
    for line in
        f.activities.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty())
    {
        if line.chars().count() > 60 || names.len() >= 20 {
            return Err(AppError::BadRequest("budget-err-activities"));
        }
        if !names.iter().any(|n| n.to_lowercase() == line.to_lowercase()) {
            names.push(line);
        }
    }
    if names.is_empty() {
        return Err(AppError::BadRequest("budget-err-activities"));
    }
    let existing = activities(&state.db, c.course.id).await?;
    let txn = state.db.begin().await?;
    for a in &existing {
        if !names.iter().any(|n| n.to_lowercase() == a.name.to_lowercase()) {
            budget_activity::Entity::delete_by_id(a.id).exec(&txn).await?;
        }
    }
    for (i, name) in names.iter().enumerate() {
        match existing.iter().find(|a| a.name.to_lowercase() == name.to_lowercase()) {
            Some(a) => {
                let mut m: budget_activity::ActiveModel = a.clone().into();
                m.name = Set(name.clone());
                m.position = Set(i as i32);
                m.update(&txn).await?;
            }
            None => {
                budget_activity::ActiveModel {
                    course_id: Set(c.course.id),
                    name: Set(name.clone()),
                    position: Set(i as i32),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    txn.commit().await?;
    Ok(with_notice("notice-saved", Redirect::to(&format!("/courses/{}/time-budget", c.course.id)), c.ctx.secure))
}
