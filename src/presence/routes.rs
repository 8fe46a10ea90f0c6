//! The radar's routes: the page (sorted, filtered, paged), its CSV export, logging a
//! contact by hand, and a student's own list of contacts. Thin handlers: the rules are in
//! `homeroom-presence` and `super`, the rows were computed by the refresh job.

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Statement,
    TransactionTrait,
};
use serde::Deserialize;

use super::views::{Choice, LogPage, MyContact, MyContactsPage, RadarItem, RadarPage, explain};
use super::{ContactForm, HAND_KINDS};
use crate::app::AppState;
use crate::db::entity::{contact, radar_row, user};
use crate::error::AppResult;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::paging::{Cursor, PageParams, Paged, base_href};
use crate::web::{CourseCtx, Page, render, with_notice};
use homeroom_presence::radar::Signal;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/radar", get(radar))
        .route("/courses/{course_id}/radar/export.csv", get(export))
        .route("/courses/{course_id}/radar/contacts", get(log_form).post(log_contact))
        .route("/courses/{course_id}/my-contacts", get(my_contacts))
        .merge(super::queue::router())
        .merge(super::graph::router())
        .merge(super::response::router())
        .merge(super::like_you::router())
}

#[derive(Deserialize, Default)]
struct RadarQuery {
    #[serde(default)]
    sort: String,
    #[serde(default)]
    signal: String,
    // Written out: `serde(flatten)` cannot read numbers from a query string.
    after: Option<String>,
    before: Option<String>,
    size: Option<u64>,
}

impl RadarQuery {
    fn page(&self) -> PageParams {
        PageParams { after: self.after.clone(), before: self.before.clone(), size: self.size }
    }
}

/// The sort a query asks for: name, longest since contact, longest since activity.
fn sort_column(sort: &str) -> (&'static str, radar_row::Column) {
    match sort {
        "contact" => ("contact", radar_row::Column::LastContactAt),
        "activity" => ("activity", radar_row::Column::LastActivityAt),
        _ => ("name", radar_row::Column::Name),
    }
}

fn cursor_of(sort: &str, r: &radar_row::Model) -> Cursor {
    match sort {
        "contact" => Cursor::int(r.last_contact_at, r.student_id),
        "activity" => Cursor::int(r.last_activity_at, r.student_id),
        _ => Cursor::text(r.name.clone(), r.student_id),
    }
}

/// The rows of a course, with the signal filter (a bound LIKE on " key ").
fn rows_of(course_id: i64, signal: &str) -> sea_orm::Select<radar_row::Entity> {
    let mut q = radar_row::Entity::find().filter(radar_row::Column::CourseId.eq(course_id));
    if let Some(k) = Signal::KEYS.iter().find(|k| **k == signal) {
        q = q.filter(radar_row::Column::SignalKeys.like(format!("% {k} %")));
    }
    q
}

/// Names of the staff who made the last contacts, in one query.
async fn staff_names(state: &AppState, ids: Vec<i64>) -> AppResult<HashMap<i64, String>> {
    // Asked even when empty, so a page costs the same statements whatever its rows.
    let rows: Vec<(i64, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(rows.into_iter().collect())
}

async fn radar(State(state): State<AppState>, c: CourseCtx, Query(q): Query<RadarQuery>) -> AppResult<Response> {
    super::queue::require_insight(&state, &c, Action::ViewRadar).await?;
    let course_id = c.course.id;
    let (sort, col) = sort_column(&q.sort);
    let signal = Signal::KEYS.iter().find(|k| **k == q.signal).copied().unwrap_or("");
    let page = q.page();
    let size = page.size(crate::web::paging::DEFAULT_SIZE);
    let (dir, from) = page.cursor();
    let mut select = rows_of(course_id, signal);
    if let Some(cur) = &from {
        select = select.filter(cur.condition(col, radar_row::Column::StudentId, dir.order(Order::Asc)));
    }
    let rows = select
        .order_by(col, dir.order(Order::Asc))
        .order_by(radar_row::Column::StudentId, dir.order(Order::Asc))
        .limit(size + 1)
        .all(&state.db)
        .await?;
    let size_s = q.size.map(|s| s.to_string()).unwrap_or_default();
    let base = base_href(
        &format!("/courses/{course_id}/radar"),
        &[("sort", if sort == "name" { "" } else { sort }), ("signal", signal), ("size", &size_s)],
    );
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |r| cursor_of(sort, r));
    let names = staff_names(&state, paged.items.iter().filter_map(|r| r.last_contact_by).collect()).await?;
    let t = c.ctx.tr();
    let refreshed_at = super::rows::refreshed_at(&state.db, course_id).await?;
    let items = paged
        .items
        .into_iter()
        .map(|r| RadarItem {
            student_id: r.student_id,
            last_contact_by: r.last_contact_by.and_then(|id| names.get(&id).cloned()).unwrap_or_default(),
            signals: explain(&t, course_id, &r.signals),
            name: r.name,
            last_contact_at: r.last_contact_at,
            last_activity_at: r.last_activity_at,
            posts: r.posts,
            peers: r.peers,
            introduced: r.introduced,
            survey_done: r.survey_done,
        })
        .collect();
    render(&RadarPage {
        page: Page::new(&c.ctx, "radar-title"),
        course_id,
        course_title: c.course.title.clone(),
        items,
        pager: paged.pager,
        sort: sort.to_string(),
        signal: signal.to_string(),
        sorts: ["name", "contact", "activity"].into_iter().map(|s| (s, t.t(&format!("radar-sort-{s}")))).collect(),
        signal_keys: Signal::KEYS.into_iter().map(|k| (k, t.t(&format!("radar-signal-{k}")))).collect(),
        export_href: base_href(&format!("/courses/{course_id}/radar/export.csv"), &[("signal", signal)]),
        refreshed_at,
    })
}

#[derive(Deserialize, Default)]
struct ExportQuery {
    #[serde(default)]
    signal: String,
}

/// Every row of the radar (with the filter) as formula-safe CSV, in three statements.
async fn export(State(state): State<AppState>, c: CourseCtx, Query(q): Query<ExportQuery>) -> AppResult<Response> {
    super::queue::require_insight(&state, &c, Action::ViewRadar).await?;
    let rows = rows_of(c.course.id, &q.signal)
        .order_by_asc(radar_row::Column::Name)
        .order_by_asc(radar_row::Column::StudentId)
        .all(&state.db)
        .await?;
    let names = staff_names(&state, rows.iter().filter_map(|r| r.last_contact_by).collect()).await?;
    let t = c.ctx.tr();
    let iso = |ms: i64| {
        if ms == 0 {
            String::new()
        } else {
            jiff::Timestamp::from_millisecond(ms).map(|t| t.to_string()).unwrap_or_default()
        }
    };
    let header: Vec<String> = [
        "name",
        "last-contact",
        "contacted-by",
        "last-activity",
        "posts",
        "classmates",
        "introduced",
        "survey",
        "signals",
    ]
    .iter()
    .map(|h| t.t(&format!("radar-col-{h}")))
    .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                iso(r.last_contact_at),
                r.last_contact_by.and_then(|id| names.get(&id).cloned()).unwrap_or_default(),
                iso(r.last_activity_at),
                r.posts.to_string(),
                r.peers.to_string(),
                r.introduced.to_string(),
                r.survey_done.to_string(),
                explain(&t, c.course.id, &r.signals).into_iter().map(|e| e.text).collect::<Vec<_>>().join("; "),
            ]
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"radar-{}.csv\"", c.course.id)),
        ],
        crate::spreadsheet::csv(&header, &body),
    )
        .into_response())
}

/// The course's active students, by name: the people a contact may be about.
async fn students(state: &AppState, course_id: i64) -> AppResult<Vec<(i64, String)>> {
    let sql = "SELECT u.id AS id, u.name AS name FROM memberships m JOIN users u ON u.id = m.user_id \
               WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' ORDER BY u.name, u.id";
    let stmt = Statement::from_sql_and_values(state.db.get_database_backend(), sql, [course_id.into()]);
    let mut out = vec![];
    for r in state.db.query_all_raw(stmt).await? {
        out.push((r.try_get("", "id")?, r.try_get("", "name")?));
    }
    Ok(out)
}

fn log_page(
    c: &CourseCtx,
    students: Vec<(i64, String)>,
    f: &ContactForm,
    errors: Vec<(&'static str, String)>,
) -> LogPage {
    let t = c.ctx.tr();
    LogPage {
        page: Page::new(&c.ctx, "radar-log-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        students: students.into_iter().map(|(id, name)| Choice { chosen: f.to.contains(&id), id, name }).collect(),
        kinds: HAND_KINDS.into_iter().map(|k| (k, t.t(&format!("radar-kind-{k}")))).collect(),
        kind: f.kind.clone(),
        when: f.when.clone(),
        note: f.note.clone(),
        follow_up: f.follow_up.clone(),
        errors,
    }
}

/// The form, with the students chosen on the radar (`?to=1&to=2`) ticked.
async fn log_form(State(state): State<AppState>, c: CourseCtx, RawQuery(q): RawQuery) -> AppResult<Response> {
    c.require(Action::LogContact)?;
    let f = ContactForm::parse(q.unwrap_or_default().as_bytes());
    let students = students(&state, c.course.id).await?;
    render(&log_page(&c, students, &f, vec![]))
}

/// Record one contact per chosen student, all or nothing, then refresh the radar.
async fn log_contact(State(state): State<AppState>, c: CourseCtx, body: Bytes) -> AppResult<Response> {
    c.require(Action::LogContact)?;
    let me = c.user()?;
    let f = ContactForm::parse(&body);
    let students = students(&state, c.course.id).await?;
    let ids: Vec<i64> = students.iter().map(|s| s.0).collect();
    let now = now_ms();
    let checked = match f.check(&ids, &me.time_zone, now) {
        Ok(ok) => ok,
        Err(errors) => {
            let t = c.ctx.tr();
            let errors = errors.into_iter().map(|(field, id)| (field, t.t(id))).collect();
            let mut res = render(&log_page(&c, students, &f, errors))?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let txn = state.db.begin().await?;
    super::record_contacts(&txn, c.course.id, me.id, &checked, now).await?;
    // Right after a hand-logged contact, whatever refreshes ran a moment ago.
    super::request_refresh(&txn, c.course.id, &format!("logged-{now}-{}", me.id), now).await?;
    txn.commit().await?;
    Ok(with_notice("radar-notice-logged", Redirect::to(&format!("/courses/{}/radar", c.course.id)), c.ctx.secure))
}

/// A student's own contacts: kind, when, by whom; never the teaching team's note.
async fn my_contacts(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    let me = c.user()?.id;
    let size = p.size(crate::web::paging::DEFAULT_SIZE);
    let (dir, from) = p.cursor();
    let mut q = contact::Entity::find()
        .select_only()
        .column(contact::Column::Id)
        .column(contact::Column::Kind)
        .column(contact::Column::At)
        .column(contact::Column::StaffId)
        .filter(contact::Column::CourseId.eq(c.course.id))
        .filter(contact::Column::StudentId.eq(me));
    if let Some(cur) = &from {
        q = q.filter(Condition::all().add(cur.condition(
            contact::Column::At,
            contact::Column::Id,
            dir.order(Order::Desc),
        )));
    }
    let rows: Vec<(i64, String, i64, i64)> = q
        .order_by(contact::Column::At, dir.order(Order::Desc))
        .order_by(contact::Column::Id, dir.order(Order::Desc))
        .limit(size + 1)
        .into_tuple()
        .all(&state.db)
        .await?;
    let base = format!("/courses/{}/my-contacts", c.course.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |r| Cursor::int(r.2, r.0));
    let names = staff_names(&state, paged.items.iter().map(|r| r.3).collect()).await?;
    let t = c.ctx.tr();
    let paged = paged.map(|(id, kind, at, staff)| MyContact {
        id,
        kind: t.t(&format!("radar-kind-{kind}")),
        at,
        by: names.get(&staff).cloned().unwrap_or_default(),
    });
    render(&MyContactsPage {
        page: Page::new(&c.ctx, "radar-my-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        items: paged.items,
        pager: paged.pager,
    })
}
