//! The outreach queue's routes: a member of staff's queue for this week, the tutor's
//! outreach settings, giving students to someone's queue, the radar's selection actions
//! and the follow-ups due with the staff's notes. Thin handlers: the queue was stored on
//! the radar rows by the refresh job; the rules are in `outreach` and `homeroom-presence`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Statement,
    TransactionTrait,
};

use super::outreach::{self, AssignForm, Settings, SettingsForm};
use super::views::{FollowUp, FollowUpsPage, QueueItem, QueuePage, SettingsPage, StaffShare, explain};
use crate::app::AppState;
use crate::db::entity::{contact, radar_row, user};
use crate::error::AppResult;
use crate::policy::{Action, Role};
use crate::time::now_ms;
use crate::web::paging::{Cursor, PageParams, Paged};
use crate::web::{CourseCtx, Page, render, with_notice};
use homeroom_presence::radar::{DAY, WEEK};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/outreach", get(queue))
        .route("/courses/{course_id}/outreach/settings", get(settings_form).post(save_settings))
        .route("/courses/{course_id}/outreach/assign", post(assign))
        .route("/courses/{course_id}/outreach/follow-ups", get(follow_ups))
        .route("/courses/{course_id}/radar/act", post(act))
}

/// Ask about what the tutor may keep from TAs: the setting is read only for a TA.
pub async fn require_insight(state: &AppState, c: &CourseCtx, action: Action) -> AppResult<()> {
    let withheld = c.role == Some(Role::Ta) && !outreach::load(&state.db, c.course.id).await?.ta_insight;
    c.require_insight(action, withheld)
}

async fn all(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<Vec<sea_orm::QueryResult>, sea_orm::DbErr> {
    db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await
}

/// The course's active students and active tutors and TAs (id, name), by name.
pub async fn people(db: &impl ConnectionTrait, course_id: i64) -> AppResult<(Vec<(i64, String)>, Vec<(i64, String)>)> {
    let rows = all(
        db,
        "SELECT u.id AS id, u.name AS name, m.role AS role FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.course_id = $1 AND m.role IN ('student', 'tutor', 'ta') AND m.state = 'active' ORDER BY u.name, u.id",
        vec![course_id.into()],
    )
    .await?;
    let (mut students, mut staff) = (vec![], vec![]);
    for r in rows {
        let who = (r.try_get::<i64>("", "id")?, r.try_get::<String>("", "name")?);
        if r.try_get::<String>("", "role")? == "student" { students.push(who) } else { staff.push(who) }
    }
    Ok((students, staff))
}

#[derive(serde::Deserialize, Default)]
struct QueueQuery {
    after: Option<String>,
    before: Option<String>,
    size: Option<u64>,
}

/// My queue for this week: those showing a signal, then whoever waited longest, then
/// (at the end, ticked) those already contacted this week.
async fn queue(State(state): State<AppState>, c: CourseCtx, Query(q): Query<QueueQuery>) -> AppResult<Response> {
    c.require(Action::ViewOutreach)?;
    let me = c.user()?.id;
    let course_id = c.course.id;
    let now = now_ms();
    let (week_start, week_end) = (now - WEEK, now + WEEK);
    let p = PageParams { after: q.after, before: q.before, size: q.size };
    let size = p.size(crate::web::paging::DEFAULT_SIZE);
    let (dir, from) = p.cursor();
    let mut select = radar_row::Entity::find()
        .filter(radar_row::Column::CourseId.eq(course_id))
        .filter(radar_row::Column::OwnerId.eq(me))
        .filter(
            Condition::any()
                .add(radar_row::Column::QueueOrder.lte(week_end))
                .add(radar_row::Column::LastContactAt.gte(week_start)),
        );
    if let Some(cur) = &from {
        select = select.filter(cur.condition(
            radar_row::Column::QueueOrder,
            radar_row::Column::StudentId,
            dir.order(Order::Asc),
        ));
    }
    let rows = select
        .order_by(radar_row::Column::QueueOrder, dir.order(Order::Asc))
        .order_by(radar_row::Column::StudentId, dir.order(Order::Asc))
        .limit(size + 1)
        .all(&state.db)
        .await?;
    let base = format!("/courses/{course_id}/outreach");
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |r| Cursor::int(r.queue_order, r.student_id));
    // The whole queue's size and my follow-ups due, in one statement each.
    let counts = all(
        &state.db,
        "SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN last_contact_at >= $3 THEN 1 ELSE 0 END), 0) AS done \
         FROM radar_rows WHERE course_id = $1 AND owner_id = $2 AND (queue_order <= $4 OR last_contact_at >= $3)",
        vec![course_id.into(), me.into(), week_start.into(), week_end.into()],
    )
    .await?;
    let (total, done): (i64, i64) = counts
        .first()
        .map(|r| Ok::<_, sea_orm::DbErr>((r.try_get("", "n")?, r.try_get("", "done")?)))
        .transpose()?
        .unwrap_or((0, 0));
    let today = today_in(&c.ctx.user.as_ref().map(|u| u.time_zone.clone()).unwrap_or_default(), now);
    let due = all(
        &state.db,
        "SELECT COUNT(*) AS n FROM contacts c WHERE c.course_id = $1 AND c.staff_id = $2 AND c.follow_up <= $3 \
         AND NOT EXISTS (SELECT 1 FROM contacts l WHERE l.course_id = c.course_id AND l.student_id = c.student_id AND l.at > c.at)",
        vec![course_id.into(), me.into(), today.clone().into()],
    )
    .await?;
    let follow_ups_due: i64 = due.first().map(|r| r.try_get("", "n")).transpose()?.unwrap_or(0);
    let t = c.ctx.tr();
    let items = paged
        .items
        .into_iter()
        .map(|r| QueueItem {
            student_id: r.student_id,
            done: r.last_contact_at >= week_start,
            overdue_days: (now - r.due_at).max(0) / DAY,
            signals: explain(&t, course_id, &r.signals),
            name: r.name,
            due_at: r.due_at,
            last_contact_at: r.last_contact_at,
        })
        .collect();
    render(&QueuePage {
        page: Page::new(&c.ctx, "outreach-title"),
        course_id,
        course_title: c.course.title.clone(),
        items,
        pager: paged.pager,
        total,
        done,
        follow_ups_due,
        may_manage: c.may(Action::ManageOutreach),
    })
}

/// Today's date where the person lives, `YYYY-MM-DD` (follow-up dates are written so).
fn today_in(zone: &str, now: i64) -> String {
    jiff::Timestamp::from_millisecond(now)
        .map(|t| t.to_zoned(crate::time::zone(zone)).date().to_string())
        .unwrap_or_default()
}

async fn settings_page(
    state: &AppState,
    c: &CourseCtx,
    f: SettingsForm,
    errors: Vec<(&'static str, String)>,
) -> AppResult<SettingsPage> {
    let (_, staff) = people(&state.db, c.course.id).await?;
    // How many students each member of staff looks after now, in one statement.
    let counts = all(
        &state.db,
        "SELECT owner_id, COUNT(*) AS n FROM radar_rows WHERE course_id = $1 AND owner_id IS NOT NULL GROUP BY owner_id",
        vec![c.course.id.into()],
    )
    .await?;
    let mut shares = std::collections::HashMap::new();
    for r in counts {
        shares.insert(r.try_get::<i64>("", "owner_id")?, r.try_get::<i64>("", "n")?);
    }
    let t = c.ctx.tr();
    Ok(SettingsPage {
        page: Page::new(&c.ctx, "outreach-settings-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        staff: staff
            .into_iter()
            .map(|(id, name)| StaffShare { students: shares.get(&id).copied().unwrap_or(0), id, name })
            .collect(),
        sharings: homeroom_presence::outreach::Sharing::KEYS
            .into_iter()
            .map(|k| (k, t.t(&format!("outreach-sharing-{k}"))))
            .collect(),
        form: f,
        errors,
    })
}

async fn settings_form(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ManageOutreach)?;
    let s = outreach::load(&state.db, c.course.id).await?;
    render(&settings_page(&state, &c, SettingsForm::of(&s), vec![]).await?)
}

async fn save_settings(State(state): State<AppState>, c: CourseCtx, body: Bytes) -> AppResult<Response> {
    c.require(Action::ManageOutreach)?;
    let f = SettingsForm::parse(&body);
    let s: Settings = match f.check() {
        Ok(s) => s,
        Err(errors) => {
            let t = c.ctx.tr();
            let errors = errors.into_iter().map(|(field, id)| (field, t.t(id))).collect();
            let mut res = render(&settings_page(&state, &c, f, errors).await?)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let now = now_ms();
    let txn = state.db.begin().await?;
    outreach::save(&txn, c.course.id, &s, now).await?;
    // Queues follow the new rhythm and sharing at once.
    super::request_refresh(&txn, c.course.id, &format!("settings-{now}"), now).await?;
    txn.commit().await?;
    Ok(with_notice(
        "outreach-notice-saved",
        Redirect::to(&format!("/courses/{}/outreach/settings", c.course.id)),
        c.ctx.secure,
    ))
}

/// Put students into a member of staff's queue (or back to the sharing rule). Anyone on
/// the team may take students into their own queue; only the tutor gives them to others.
async fn give(state: &AppState, c: &CourseCtx, f: &AssignForm) -> AppResult<Result<usize, &'static str>> {
    let me = c.user()?.id;
    if f.staff.is_some_and(|s| s != me) {
        c.require(Action::ManageOutreach)?;
    }
    let (students, staff) = people(&state.db, c.course.id).await?;
    let ids: Vec<i64> = students.iter().map(|s| s.0).collect();
    let staff_ids: Vec<i64> = staff.iter().map(|s| s.0).collect();
    let (to, owner) = match f.check(&ids, &staff_ids) {
        Ok(ok) => ok,
        Err(e) => return Ok(Err(e)),
    };
    let now = now_ms();
    let txn = state.db.begin().await?;
    super::outreach::give(&txn, c.course.id, &to, owner, now).await?;
    super::request_refresh(&txn, c.course.id, &format!("assign-{now}-{me}"), now).await?;
    txn.commit().await?;
    Ok(Ok(to.len()))
}

fn back_to(c: &CourseCtx, back: &str) -> String {
    match back {
        "queue" => format!("/courses/{}/outreach", c.course.id),
        "settings" => format!("/courses/{}/outreach/settings", c.course.id),
        _ => format!("/courses/{}/radar", c.course.id),
    }
}

async fn assign(State(state): State<AppState>, c: CourseCtx, body: Bytes) -> AppResult<Response> {
    c.require(Action::ViewOutreach)?;
    let f = AssignForm::parse(&body);
    let notice = match give(&state, &c, &f).await? {
        Ok(_) => "outreach-notice-assigned",
        Err(e) => e,
    };
    Ok(with_notice(notice, Redirect::to(&back_to(&c, &f.back)), c.ctx.secure))
}

/// The radar's selection, acted on: add to my queue (a write, hence a POST), or go on to
/// log a contact, write them a message, or pair them (a message introducing them).
async fn act(State(state): State<AppState>, c: CourseCtx, body: Bytes) -> AppResult<Response> {
    require_insight(&state, &c, Action::ViewRadar).await?;
    let mut f = AssignForm::parse(&body);
    let what =
        url::form_urlencoded::parse(&body).find(|(k, _)| k == "do").map(|(_, v)| v.into_owned()).unwrap_or_default();
    let course_id = c.course.id;
    let radar = format!("/courses/{course_id}/radar");
    if f.to.is_empty() {
        return Ok(with_notice("radar-err-no-student", Redirect::to(&radar), c.ctx.secure));
    }
    let to: String = f.to.iter().map(|id| format!("to={id}")).collect::<Vec<_>>().join("&");
    Ok(match what.as_str() {
        "queue" => {
            c.require(Action::ViewOutreach)?;
            f.staff = Some(c.user()?.id);
            let notice = match give(&state, &c, &f).await? {
                Ok(_) => "outreach-notice-queued",
                Err(e) => e,
            };
            with_notice(notice, Redirect::to(&radar), c.ctx.secure)
        }
        "log" => Redirect::to(&format!("/courses/{course_id}/radar/contacts?{to}")).into_response(),
        "message" => Redirect::to(&format!("/courses/{course_id}/messages?{to}")).into_response(),
        "pair" if f.to.len() == 1 => {
            Redirect::to(&format!("/courses/{course_id}/like-you/{}", f.to[0])).into_response()
        }
        "pair" => Redirect::to(&format!("/courses/{course_id}/messages?{to}&intro=1")).into_response(),
        _ => with_notice("outreach-err-action", Redirect::to(&radar), c.ctx.secure),
    })
}

/// Follow-ups due: hand-logged contacts whose follow-up date has come and after which
/// nobody has been in touch, with the staff's private note. Oldest first, paged.
async fn follow_ups(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    require_insight(&state, &c, Action::ViewRadar).await?;
    let course_id = c.course.id;
    let now = now_ms();
    let today = today_in(&c.user()?.time_zone, now);
    let size = p.size(crate::web::paging::DEFAULT_SIZE);
    let (dir, from) = p.cursor();
    let mut select = contact::Entity::find()
        .filter(contact::Column::CourseId.eq(course_id))
        .filter(contact::Column::FollowUp.lte(today))
        // Nobody has been in touch since: a later contact settles the follow-up.
        .filter(Expr::cust(
            "NOT EXISTS (SELECT 1 FROM contacts l WHERE l.course_id = contacts.course_id \
             AND l.student_id = contacts.student_id AND l.at > contacts.at)",
        ));
    if let Some(cur) = &from {
        select = select.filter(cur.condition(contact::Column::At, contact::Column::Id, dir.order(Order::Asc)));
    }
    let rows = select
        .order_by(contact::Column::At, dir.order(Order::Asc))
        .order_by(contact::Column::Id, dir.order(Order::Asc))
        .limit(size + 1)
        .all(&state.db)
        .await?;
    let ids: Vec<i64> = rows.iter().flat_map(|r| [r.student_id, r.staff_id]).collect();
    // Asked even when empty, so the page costs the same statements whatever its rows.
    let names: std::collections::HashMap<i64, String> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();
    let t = c.ctx.tr();
    let name = |id: &i64| names.get(id).cloned().unwrap_or_default();
    let items: Vec<FollowUp> = rows
        .into_iter()
        .map(|r| FollowUp {
            id: r.id,
            at: r.at,
            kind: t.t(&format!("radar-kind-{}", r.kind)),
            note: r.note.unwrap_or_default(),
            follow_up: r.follow_up.unwrap_or_default(),
            student: name(&r.student_id),
            student_id: r.student_id,
            staff: name(&r.staff_id),
        })
        .collect();
    let base = format!("/courses/{course_id}/outreach/follow-ups");
    let paged = Paged::build(items, size, dir, from.as_ref(), base, |f| Cursor::int(f.at, f.id));
    render(&FollowUpsPage {
        page: Page::new(&c.ctx, "outreach-follow-ups-title"),
        course_id,
        course_title: c.course.title.clone(),
        items: paged.items,
        pager: paged.pager,
    })
}
