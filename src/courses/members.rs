//! The members page for the teaching team: searched, filtered by role and state, sorted
//! by name or last active, a page at a time, and exported as CSV; and the tutor's changes
//! to it (another role, or removal), which return to the row they were made on. A removed
//! member loses access on their next request, since every course route looks their
//! membership up afresh.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, EntityTrait, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::courses::member_list::{self, Filter, Row, Sort};
use crate::courses::queries;
use crate::db::entity::membership;
use crate::error::{AppError, AppResult};
use crate::policy::{Action, MemberState, Role};
use crate::web::paging::{PageParams, Paged, Pager, base_href};
use crate::web::{CourseCtx, Page, render, with_notice};

/// About a screenful of rows for a tutor to scan.
pub const PAGE_SIZE: u64 = 50;
/// The export reads the list in pages this large.
const EXPORT_BATCH: u64 = 500;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/members", get(members_page))
        .route("/courses/{course_id}/members.csv", get(export))
        .route("/courses/{course_id}/members/{user_id}/role", post(change_role))
        .route("/courses/{course_id}/members/{user_id}/remove", post(remove))
}

pub struct MemberView {
    pub row: Row,
    pub photo_id: Option<i64>,
    pub initials: String,
    pub hue: i64,
    /// This row's change was refused because they are the last tutor.
    pub refused: bool,
}

#[derive(Template)]
#[template(path = "courses/members.html")]
struct MembersPage {
    page: Page,
    course_id: i64,
    course_title: String,
    members: Vec<MemberView>,
    pager: Pager,
    may_manage: bool,
    roles: [Role; 4],
    states: [MemberState; 3],
    me: i64,
    q: String,
    role: String,
    state: String,
    by_activity: bool,
    /// The address of this very page, for forms to come back to.
    here: String,
    export_href: String,
    total: i64,
    invited: i64,
    inactive: i64,
}

impl MembersPage {
    fn state_label(&self, s: &MemberState) -> &'static str {
        state_label(*s)
    }
}

#[derive(Deserialize, Default)]
struct Refused {
    refused: Option<i64>,
}

async fn members_page(
    State(state): State<AppState>,
    c: CourseCtx,
    Query(f): Query<Filter>,
    Query(p): Query<PageParams>,
    Query(r): Query<Refused>,
) -> AppResult<Response> {
    c.require(Action::ViewMemberDetails)?;
    let db = &state.db;
    let course_id = c.course.id;
    let path = format!("/courses/{course_id}/members");
    let size = p.size(PAGE_SIZE);
    let params = f.params();
    let mut kept: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let export_href = base_href(&format!("{path}.csv"), &kept);
    let size_text = size.to_string();
    if p.size.is_some() {
        kept.push(("size", &size_text));
    }
    let base = base_href(&path, &kept);
    let (dir, from) = p.cursor();
    let (rows, counts) = futures::join!(
        member_list::page(db, course_id, &f, dir, from.as_ref(), size + 1),
        member_list::counts(db, course_id)
    );
    let sort = f.sort();
    let paged = Paged::build(rows?, size, dir, from.as_ref(), base.clone(), |r: &Row| r.cursor(sort));
    let ids: Vec<i64> = paged.items.iter().map(|r| r.user_id).collect();
    let cards = crate::people::cards(db, course_id, crate::people::Seer::of(&c), &ids).await?;
    let here = match (&p.after, &p.before) {
        (Some(a), _) => paging_link(&base, "after", a),
        (None, Some(b)) => paging_link(&base, "before", b),
        _ => base.clone(),
    };
    let members = paged
        .items
        .into_iter()
        .map(|row| {
            let card = cards.get(&row.user_id);
            MemberView {
                photo_id: card.and_then(|c| c.photo_id),
                initials: queries::initials(&row.name),
                hue: (row.user_id * 47) % 360,
                refused: r.refused == Some(row.user_id),
                row,
            }
        })
        .collect();
    let counts = counts?;
    let count = |s: MemberState| counts.iter().find(|(k, _)| *k == s).map(|(_, n)| *n).unwrap_or(0);
    render(&MembersPage {
        page: Page::new(&c.ctx, "members-title"),
        course_id,
        course_title: c.course.title.clone(),
        members,
        pager: paged.pager,
        may_manage: c.may(Action::ManageMembers),
        roles: Role::ALL,
        states: MemberState::ALL,
        me: c.user()?.id,
        q: f.term().to_string(),
        role: f.role().map(|r| r.as_str().to_string()).unwrap_or_default(),
        state: f.state().map(|s| s.as_str().to_string()).unwrap_or_default(),
        by_activity: sort == Sort::LastActive,
        here,
        export_href,
        total: counts.iter().map(|(_, n)| n).sum(),
        invited: count(MemberState::Invited),
        inactive: count(MemberState::Inactive),
    })
}

fn paging_link(base: &str, param: &str, cursor: &str) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    let cursor: String = url::form_urlencoded::byte_serialize(cursor.as_bytes()).collect();
    format!("{base}{sep}{param}={cursor}")
}

/// The members list as CSV, with the page's filters and order, read in keyset pages.
async fn export(State(state): State<AppState>, c: CourseCtx, Query(f): Query<Filter>) -> AppResult<Response> {
    c.require(Action::ViewMemberDetails)?;
    let tr = c.ctx.tr();
    let zone = c.ctx.user.as_ref().map(|u| u.time_zone.clone()).unwrap_or_else(|| "UTC".into());
    let when = |ms: i64| {
        if ms <= 0 {
            return String::new();
        }
        jiff::Timestamp::from_millisecond(ms)
            .map(|t| t.to_zoned(crate::time::zone(&zone)).strftime("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    let mut w = crate::spreadsheet::Writer::new();
    w.row(&[
        tr.t("members-csv-name"),
        tr.t("members-csv-email"),
        tr.t("members-csv-role"),
        tr.t("members-csv-state"),
        tr.t("members-csv-joined"),
        tr.t("members-csv-last-active"),
    ]);
    let sort = f.sort();
    let mut from = None;
    loop {
        let rows = member_list::page(
            &state.db,
            c.course.id,
            &f,
            crate::web::paging::Dir::Forward,
            from.as_ref(),
            EXPORT_BATCH,
        )
        .await?;
        for r in &rows {
            w.row(&[
                r.name.clone(),
                r.email.clone(),
                tr.t(r.role.label_id()),
                tr.t(state_label(r.state)),
                when(r.joined_at),
                when(r.last_seen_at),
            ]);
        }
        match rows.last() {
            Some(last) if rows.len() as u64 == EXPORT_BATCH => from = Some(last.cursor(sort)),
            _ => break,
        }
    }
    // A byte order mark, so that spreadsheets read "ø" as "ø".
    let body = format!("\u{feff}{}", w.finish());
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"members-{}.csv\"", c.course.id)),
        ],
        body,
    )
        .into_response())
}

pub fn state_label(s: MemberState) -> &'static str {
    match s {
        MemberState::Invited => "members-state-invited",
        MemberState::Active => "members-state-active",
        MemberState::Inactive => "members-state-inactive",
    }
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
    #[serde(default)]
    back: String,
}

#[derive(Deserialize)]
struct RemoveForm {
    #[serde(default)]
    back: String,
}

/// Where a change on the members page returns to: the page it was made on (with its
/// filters and position), never an address from elsewhere.
fn back_to(course_id: i64, raw: &str) -> String {
    let list = format!("/courses/{course_id}/members");
    let rest = raw.strip_prefix(&list).unwrap_or("!");
    let ok = (rest.is_empty() || rest.starts_with('?')) && !rest.contains(['#', '\\']) && !raw.contains("//");
    if ok { raw.to_string() } else { list }
}

fn with_param(back: &str, key: &str, value: i64) -> String {
    let sep = if back.contains('?') { '&' } else { '?' };
    format!("{back}{sep}{key}={value}")
}

async fn change_role(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((course_id, user_id)): Path<(i64, i64)>,
    Form(f): Form<RoleForm>,
) -> AppResult<Response> {
    c.require(Action::ManageMembers)?;
    let role = Role::parse(&f.role).ok_or(AppError::BadRequest("err-role"))?;
    let back = back_to(course_id, &f.back);
    let txn = state.db.begin().await?;
    let m = queries::membership_of(&txn, course_id, user_id).await?.ok_or(AppError::NotFound)?;
    if m.role == Role::Tutor.as_str() && role != Role::Tutor && queries::tutor_count(&txn, course_id).await? <= 1 {
        // Shown next to their row, where they tried.
        return Ok(Redirect::to(&format!("{}#member-{user_id}", with_param(&back, "refused", user_id))).into_response());
    }
    let mut active: membership::ActiveModel = m.into();
    active.role = Set(role.as_str().into());
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(with_notice("notice-role-changed", Redirect::to(&format!("{back}#member-{user_id}")), c.ctx.secure))
}

async fn remove(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((course_id, user_id)): Path<(i64, i64)>,
    Form(f): Form<RemoveForm>,
) -> AppResult<Response> {
    c.require(Action::ManageMembers)?;
    let back = back_to(course_id, &f.back);
    let txn = state.db.begin().await?;
    let m = queries::membership_of(&txn, course_id, user_id).await?.ok_or(AppError::NotFound)?;
    if m.role == Role::Tutor.as_str() && queries::tutor_count(&txn, course_id).await? <= 1 {
        return Ok(Redirect::to(&format!("{}#member-{user_id}", with_param(&back, "refused", user_id))).into_response());
    }
    membership::Entity::delete_by_id(m.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(with_notice("notice-member-removed", Redirect::to(&back), c.ctx.secure))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_return_only_to_the_members_page() {
        assert_eq!(back_to(3, "/courses/3/members?q=ann&after=abc"), "/courses/3/members?q=ann&after=abc");
        assert_eq!(back_to(3, "/courses/3/members"), "/courses/3/members");
        for bad in [
            "",
            "https://evil.example/",
            "/courses/4/members",
            "/courses/3/membersx",
            "/courses/3/members?x=//a",
            "/courses/3/members#x",
        ] {
            assert_eq!(back_to(3, bad), "/courses/3/members", "{bad}");
        }
        assert_eq!(with_param("/courses/3/members", "refused", 7), "/courses/3/members?refused=7");
    }
}
