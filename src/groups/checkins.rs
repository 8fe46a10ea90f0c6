//! Weekly reflection check-ins: the tutor gives a prompt to the groups of a set; each
//! member writes a short reflection, reads their groupmates' and replies. The teaching
//! team sees who has taken part, and the words only of those who share them.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{checkin, checkin_entry, checkin_reply};
use crate::error::{AppError, AppResult};
use crate::groups::queries;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/groups/{set_id}/checkins", post(create))
        .route("/courses/{course_id}/checkins/{checkin_id}", get(show))
        .route("/courses/{course_id}/checkins/{checkin_id}/entry", post(write))
        .route("/courses/{course_id}/checkins/{checkin_id}/entries/{entry_id}/reply", post(reply))
}

pub const MAX_TEXT: usize = 4000;

/// A piece of writing: trimmed, not empty, not too long.
pub fn text(raw: &str, missing: &'static str) -> AppResult<String> {
    let t = raw.trim().replace("\r\n", "\n");
    if t.is_empty() {
        return Err(AppError::BadRequest(missing));
    }
    if t.chars().count() > MAX_TEXT {
        return Err(AppError::BadRequest("checkin-err-too-long"));
    }
    Ok(t)
}

#[derive(Deserialize)]
struct NewCheckin {
    title: String,
    prompt: String,
}

async fn create(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, set_id)): Path<(i64, i64)>,
    Form(f): Form<NewCheckin>,
) -> AppResult<Response> {
    let set = super::managed_set(&state, &c, set_id).await?;
    let title = crate::validate::course_title(&f.title).map_err(|_| AppError::BadRequest("checkin-err-title"))?;
    let prompt = text(&f.prompt, "checkin-err-prompt")?;
    // The check-in opens and its groups hear of it together.
    let txn = state.db.begin().await?;
    let ch = checkin::ActiveModel {
        group_set_id: Set(set.id),
        title: Set(title),
        prompt: Set(prompt),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // A check-in on a draft set is news to nobody yet.
    if set.status == "published" {
        crate::notifications::events::checkin_opened(&txn, c.course.id, &ch, Some(c.user()?.id)).await?;
    }
    txn.commit().await?;
    Ok(with_notice(
        "notice-checkin-created",
        Redirect::to(&format!("/courses/{}/checkins/{}", c.course.id, ch.id)),
        c.ctx.secure,
    ))
}

/// A check-in with the set and group it belongs to, for the person asking.
struct Context {
    checkin: checkin::Model,
    set: crate::db::entity::group_set::Model,
    /// The asker's group members in this set's first round (check-ins are per group).
    my_group: Option<Vec<i64>>,
    all_groups: Vec<Vec<i64>>,
}

async fn context(state: &AppState, c: &CourseCtx, checkin_id: i64) -> AppResult<Context> {
    let ch = checkin::Entity::find_by_id(checkin_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let set = queries::set_in_course(&state.db, c.course.id, ch.group_set_id).await?.ok_or(AppError::NotFound)?;
    let data = queries::load(&state.db, set.clone()).await?;
    let me = c.ctx.user.as_ref().map(|u| u.id);
    // Check-ins follow the set's latest round: partners and projects have one; for
    // breakouts the last planned round is the current one.
    let round = data.rounds.last();
    let all_groups: Vec<Vec<i64>> =
        round.map(|r| r.groups.iter().map(|g| g.members.clone()).collect()).unwrap_or_default();
    let my_group = me.and_then(|me| all_groups.iter().find(|g| g.contains(&me)).cloned());
    Ok(Context { checkin: ch, set, my_group, all_groups })
}

pub struct EntryView {
    pub id: i64,
    pub author: String,
    pub body: String,
    pub mine: bool,
    pub replies: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "groups/checkin.html")]
struct CheckinPage {
    page: Page,
    course_id: i64,
    set_id: i64,
    set_title: String,
    checkin: checkin::Model,
    in_group: bool,
    entries: Vec<EntryView>,
    my_body: String,
    my_shared: bool,
    may_manage: bool,
    /// For the teaching team: each person of each group, whether they wrote, and their
    /// words if they shared them.
    participation: Vec<(String, bool, Option<String>)>,
    wrote: usize,
    total: usize,
}

async fn show(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, checkin_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ViewGroups)?;
    let cx = context(&state, &c, checkin_id).await?;
    let may_manage = c.may(Action::ManageGroups);
    let in_group = cx.my_group.is_some();
    if !may_manage {
        c.require_in_group(Action::TakePartInGroup, in_group)?;
    }
    if cx.set.status != "published" && !may_manage {
        return Err(AppError::NotFound);
    }
    let entries_all = checkin_entry::Entity::find()
        .filter(checkin_entry::Column::CheckinId.eq(cx.checkin.id))
        .order_by_asc(checkin_entry::Column::Id)
        .all(&state.db)
        .await?;
    let ids: Vec<i64> = cx.all_groups.iter().flatten().copied().collect();
    let people = queries::people(&state.db, &ids).await?;
    let name = |id: i64| people.get(&id).map(|u| u.name.clone()).unwrap_or_default();
    let me = c.user()?.id;
    let mut entries = vec![];
    if let Some(group) = &cx.my_group {
        for e in entries_all.iter().filter(|e| group.contains(&e.user_id)) {
            let replies = checkin_reply::Entity::find()
                .filter(checkin_reply::Column::EntryId.eq(e.id))
                .order_by_asc(checkin_reply::Column::Id)
                .all(&state.db)
                .await?;
            let mut rs = vec![];
            for r in replies {
                let author = match people.get(&r.user_id) {
                    Some(u) => u.name.clone(),
                    None => queries::people(&state.db, &[r.user_id])
                        .await?
                        .get(&r.user_id)
                        .map(|u| u.name.clone())
                        .unwrap_or_default(),
                };
                rs.push((author, r.body));
            }
            entries.push(EntryView {
                id: e.id,
                author: name(e.user_id),
                body: e.body.clone(),
                mine: e.user_id == me,
                replies: rs,
            });
        }
    }
    let mine = entries_all.iter().find(|e| e.user_id == me);
    let participation: Vec<(String, bool, Option<String>)> = if may_manage {
        ids.iter()
            .map(|&id| {
                let e = entries_all.iter().find(|e| e.user_id == id);
                (name(id), e.is_some(), e.filter(|e| e.shared_with_tutors).map(|e| e.body.clone()))
            })
            .collect()
    } else {
        vec![]
    };
    render(&CheckinPage {
        page: Page::titled(&c.ctx, cx.checkin.title.clone()),
        course_id: c.course.id,
        set_id: cx.set.id,
        set_title: cx.set.title.clone(),
        in_group,
        entries,
        my_body: mine.map(|e| e.body.clone()).unwrap_or_default(),
        my_shared: mine.is_some_and(|e| e.shared_with_tutors),
        may_manage,
        wrote: participation.iter().filter(|p| p.1).count(),
        total: participation.len(),
        participation,
        checkin: cx.checkin,
    })
}

#[derive(Deserialize)]
struct EntryForm {
    body: String,
    #[serde(default)]
    share: Option<String>,
}

async fn write(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, checkin_id)): Path<(i64, i64)>,
    Form(f): Form<EntryForm>,
) -> AppResult<Response> {
    let cx = context(&state, &c, checkin_id).await?;
    c.require_in_group(Action::TakePartInGroup, cx.my_group.is_some() && cx.set.status == "published")?;
    let body = text(&f.body, "checkin-err-body")?;
    let me = c.user()?.id;
    let now = now_ms();
    let existing = checkin_entry::Entity::find()
        .filter(checkin_entry::Column::CheckinId.eq(checkin_id))
        .filter(checkin_entry::Column::UserId.eq(me))
        .one(&state.db)
        .await?;
    match existing {
        Some(e) => {
            let mut a: checkin_entry::ActiveModel = e.into();
            a.body = Set(body);
            a.shared_with_tutors = Set(f.share.is_some());
            a.updated_at = Set(now);
            a.update(&state.db).await?;
        }
        None => {
            checkin_entry::ActiveModel {
                checkin_id: Set(checkin_id),
                user_id: Set(me),
                body: Set(body),
                shared_with_tutors: Set(f.share.is_some()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&state.db)
            .await?;
        }
    }
    Ok(with_notice(
        "notice-saved",
        Redirect::to(&format!("/courses/{}/checkins/{checkin_id}", c.course.id)),
        c.ctx.secure,
    ))
}

#[derive(Deserialize)]
struct ReplyForm {
    body: String,
}

async fn reply(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, checkin_id, entry_id)): Path<(i64, i64, i64)>,
    Form(f): Form<ReplyForm>,
) -> AppResult<Response> {
    let cx = context(&state, &c, checkin_id).await?;
    let entry = checkin_entry::Entity::find_by_id(entry_id)
        .filter(checkin_entry::Column::CheckinId.eq(checkin_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Replies only within the writer's own group.
    let same_group = cx.my_group.as_ref().is_some_and(|g| g.contains(&entry.user_id));
    c.require_in_group(Action::TakePartInGroup, same_group && cx.set.status == "published")?;
    let body = text(&f.body, "checkin-err-body")?;
    checkin_reply::ActiveModel {
        entry_id: Set(entry.id),
        user_id: Set(c.user()?.id),
        body: Set(body),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(with_notice(
        "notice-replied",
        Redirect::to(&format!("/courses/{}/checkins/{checkin_id}", c.course.id)),
        c.ctx.secure,
    ))
}
