//! The forms of the spaces: managing spaces, starting threads, replying, editing,
//! reacting, answering, reporting and moderating. Each handler asks the policy, reads
//! and checks the form, and hands the writing to `write`.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

use super::access::{back, editable, may_reply, post_in, post_link, require_open, space_in, thread_in};
use super::pages::{edit_page, space_view, thread_view};
use super::queries::{self, Kind};
use super::rules::{EMOJIS, about_ok, body_ok, reason_ok, title_ok};
use super::views::ThreadQuery;
use super::write::{self, Changes};
use super::{attachments, text};
use crate::app::AppState;
use crate::db::entity::{forum_post, forum_prompt, forum_reaction, forum_report, forum_space, forum_thread};
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, render};

fn to_spaces(c: &CourseCtx, notice: &'static str) -> Response {
    back(c, "/spaces", notice)
}

fn to_thread(c: &CourseCtx, thread_id: i64, notice: &'static str) -> Response {
    back(c, &format!("/threads/{thread_id}"), notice)
}

/// Back to a post where it stands in its thread.
fn to_post(c: &CourseCtx, thread_id: i64, post_id: i64, notice: &'static str) -> Response {
    crate::web::with_notice(
        notice,
        axum::response::Redirect::to(&post_link(c.course.id, thread_id, post_id)),
        c.ctx.secure,
    )
}

#[derive(Deserialize)]
pub(super) struct SpaceForm {
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    about: String,
}

pub(super) async fn create_space(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<SpaceForm>,
) -> AppResult<Response> {
    c.require(Action::ManageSpaces)?;
    let title = title_ok(&f.title)?;
    let kind = Kind::parse(&f.kind).ok_or(AppError::BadRequest("forum-err-kind"))?;
    let about = about_ok(&f.about)?;
    let existing = queries::spaces(&state.db, c.course.id, c.ctx.tr()).await?;
    forum_space::ActiveModel {
        course_id: Set(c.course.id),
        kind: Set(kind.as_str().into()),
        title: Set(title),
        about: Set(about),
        position: Set(existing.iter().map(|s| s.position + 1).max().unwrap_or(0)),
        archived: Set(false),
        default_key: Set(None),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(to_spaces(&c, "notice-forum-space-created"))
}

pub(super) async fn edit_space(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, space_id)): Path<(i64, i64)>,
    Form(f): Form<SpaceForm>,
) -> AppResult<Response> {
    c.require(Action::ManageSpaces)?;
    let s = space_in(&state, &c, space_id).await?;
    let title = title_ok(&f.title)?;
    let about = about_ok(&f.about)?;
    let mut a: forum_space::ActiveModel = s.into();
    a.title = Set(title);
    a.about = Set(about);
    a.update(&state.db).await?;
    Ok(back(&c, &format!("/spaces/{space_id}"), "notice-saved"))
}

#[derive(Deserialize)]
pub(super) struct MoveForm {
    direction: String,
}

/// Up or down one place: the neighbours swap positions, in one transaction.
pub(super) async fn move_space(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, space_id)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> AppResult<Response> {
    c.require(Action::ManageSpaces)?;
    space_in(&state, &c, space_id).await?;
    let list = queries::spaces(&state.db, c.course.id, c.ctx.tr()).await?;
    let i = list.iter().position(|s| s.id == space_id).ok_or(AppError::NotFound)?;
    let j = match f.direction.as_str() {
        "up" if i > 0 => i - 1,
        "down" if i + 1 < list.len() => i + 1,
        "up" | "down" => return Ok(to_spaces(&c, "notice-saved")),
        _ => return Err(AppError::BadRequest("forum-err-direction")),
    };
    let txn = state.db.begin().await?;
    // Positions are renumbered densely so that equal positions of old rows cannot stick.
    for (k, s) in list.iter().enumerate() {
        let pos = if k == i {
            j
        } else if k == j {
            i
        } else {
            k
        };
        if s.position != pos as i32 {
            forum_space::Entity::update_many()
                .col_expr(forum_space::Column::Position, Expr::value(pos as i32))
                .filter(forum_space::Column::Id.eq(s.id))
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(to_spaces(&c, "notice-saved"))
}

#[derive(Deserialize)]
pub(super) struct ArchiveForm {
    archived: String,
}

pub(super) async fn archive_space(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, space_id)): Path<(i64, i64)>,
    Form(f): Form<ArchiveForm>,
) -> AppResult<Response> {
    c.require(Action::ManageSpaces)?;
    let s = space_in(&state, &c, space_id).await?;
    let archived = match f.archived.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest("forum-err-archive")),
    };
    let mut a: forum_space::ActiveModel = s.into();
    a.archived = Set(archived);
    a.update(&state.db).await?;
    Ok(to_spaces(&c, if archived { "notice-forum-archived" } else { "notice-forum-unarchived" }))
}

#[derive(Deserialize)]
pub(super) struct StartersForm {
    starters: String,
}

pub(super) async fn save_starters(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<StartersForm>,
) -> AppResult<Response> {
    c.require(Action::ManageSpaces)?;
    let list = text::starters(&f.starters);
    if list.is_empty() || list.len() > 20 || list.iter().any(|s| s.chars().count() > 200) {
        return Err(AppError::BadRequest("forum-err-starters"));
    }
    let body = list.join("\n");
    let existing =
        forum_prompt::Entity::find().filter(forum_prompt::Column::CourseId.eq(c.course.id)).one(&state.db).await?;
    match existing {
        Some(p) => {
            let mut a: forum_prompt::ActiveModel = p.into();
            a.body = Set(body);
            a.update(&state.db).await?;
        }
        None => {
            forum_prompt::ActiveModel { course_id: Set(c.course.id), body: Set(body), ..Default::default() }
                .insert(&state.db)
                .await?;
        }
    }
    Ok(to_spaces(&c, "notice-saved"))
}

pub(super) async fn read_all(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    queries::mark_course_read(&state.db, c.course.id, c.user()?.id).await?;
    Ok(to_spaces(&c, "notice-forum-all-read"))
}

pub(super) async fn start_thread(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, space_id)): Path<(i64, i64)>,
    mp: attachments::Body,
) -> AppResult<Response> {
    c.require(Action::PostInSpaces)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Post).await?;
    let space = space_in(&state, &c, space_id).await?;
    require_open(&c, &space)?;
    let announcement = space.kind == Kind::Announcements.as_str();
    if announcement {
        c.require(Action::ModerateSpaces)?;
    }
    let tr = c.ctx.tr();
    let mut f = attachments::read(&state.config, tr, mp).await;
    let (f_title, f_body) = (f.field("title"), f.field("body"));
    // Only a body that is fine otherwise: its message then stands under the field.
    let body_wrong = f.error.is_none() && title_ok(&f_title).is_ok() && body_ok(&f_body).is_err();
    let checked = match (&f.error, title_ok(&f_title), body_ok(&f_body)) {
        (Some(e), _, _) => Err(e.clone()),
        (None, Ok(t), Ok(b)) => attachments::check(&f, tr, 0).map(|()| (t, b)),
        (None, t, b) => Err(tr.t(if t.is_err() { "forum-err-title" } else { b.err().unwrap_or("forum-err-body") })),
    };
    let stored = match checked {
        Ok(tb) => attachments::store_all(&state.config, tr, &mut f).await.map(|r| (tb, r)),
        Err(e) => Err(e),
    };
    let ((title, body), ready) = match stored {
        Ok(ok) => ok,
        Err(msg) => {
            f.discard().await;
            // A refused file's message stands next to its field; the rest above the form.
            let top = if f.file_error.is_some() || body_wrong { None } else { Some(msg.clone()) };
            let mut page = space_view(&state, &c, space, Default::default(), top, (f_title, f_body)).await?;
            page.body_error = body_wrong.then_some(msg);
            page.attach_slots = attachments::Slots::again(page.attach_slots.list.len(), &f);
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let written = write::write_thread(&state, &c, &space, title, body, &ready).await;
    if written.is_err() {
        attachments::unstore(&state.config, &ready).await;
    }
    written
}

pub(super) async fn reply(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, thread_id)): Path<(i64, i64)>,
    mp: attachments::Body,
) -> AppResult<Response> {
    c.require(Action::PostInSpaces)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Post).await?;
    let (thread, space) = thread_in(&state, &c, thread_id).await?;
    require_open(&c, &space)?;
    if !may_reply(&c, &space, &thread) {
        return Err(AppError::BadRequest("forum-err-locked"));
    }
    let tr = c.ctx.tr();
    let mut f = attachments::read(&state.config, tr, mp).await;
    let parent_raw = f.field("parent_id");
    let replied_to = match Some(parent_raw.trim()).filter(|s| !s.is_empty()) {
        Some(raw) => {
            let found = match raw.parse::<i64>() {
                Ok(id) => {
                    forum_post::Entity::find_by_id(id)
                        .filter(forum_post::Column::ThreadId.eq(thread.id))
                        .one(&state.db)
                        .await?
                }
                Err(_) => None,
            };
            match found {
                Some(p) => Some(p),
                None => {
                    f.discard().await;
                    return Err(AppError::BadRequest("forum-err-parent"));
                }
            }
        }
        None => None,
    };
    let f_body = f.field("body");
    let body_wrong = f.error.is_none() && body_ok(&f_body).is_err();
    let checked = match (&f.error, body_ok(&f_body)) {
        (Some(e), _) => Err(e.clone()),
        (None, Ok(b)) => attachments::check(&f, tr, 0).map(|()| b),
        (None, Err(msg)) => Err(tr.t(msg)),
    };
    let stored = match checked {
        Ok(b) => attachments::store_all(&state.config, tr, &mut f).await.map(|r| (b, r)),
        Err(e) => Err(e),
    };
    let (body, ready) = match stored {
        Ok(ok) => ok,
        Err(msg) => {
            f.discard().await;
            let at = replied_to.as_ref().map(|p| p.id);
            let q = ThreadQuery { reply: at, post: at, ..Default::default() };
            // A file's message stands next to its field, and so does the text's.
            let top = if f.file_error.is_some() || body_wrong { None } else { Some(msg.clone()) };
            let (mut page, _) = thread_view(&state, &c, thread, space, q, top, Some(f_body)).await?;
            page.body_error = body_wrong.then_some(msg);
            page.attach_slots = attachments::Slots::again(page.attach_slots.list.len(), &f);
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let written = write::write_reply(&state, &c, &thread, replied_to, body, &ready).await;
    if written.is_err() {
        attachments::unstore(&state.config, &ready).await;
    }
    written
}

/// A thread's two moderation switches: each press turns it the other way.
#[derive(Clone, Copy)]
enum Switch {
    Pinned,
    Locked,
}

/// Turn a switch of a thread and say which way it went.
async fn toggle(state: &AppState, c: &CourseCtx, thread_id: i64, switch: Switch) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let (t, _) = thread_in(state, c, thread_id).await?;
    let (on, notices) = match switch {
        Switch::Pinned => (!t.pinned, ("notice-forum-pinned", "notice-forum-unpinned")),
        Switch::Locked => (!t.locked, ("notice-forum-locked", "notice-forum-unlocked")),
    };
    let mut a: forum_thread::ActiveModel = t.into();
    match switch {
        Switch::Pinned => a.pinned = Set(on),
        Switch::Locked => a.locked = Set(on),
    }
    a.update(&state.db).await?;
    Ok(to_thread(c, thread_id, if on { notices.0 } else { notices.1 }))
}

pub(super) async fn pin(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, thread_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    toggle(&state, &c, thread_id, Switch::Pinned).await
}

pub(super) async fn lock(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, thread_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    toggle(&state, &c, thread_id, Switch::Locked).await
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (p, t, _) = editable(&state, &c, post_id).await?;
    let (title, body) = (t.title.clone(), p.body.clone());
    render(&edit_page(&state, &c, &p, t, title, body, None).await?)
}

pub(super) async fn edit_post(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
    mp: attachments::Body,
) -> AppResult<Response> {
    let (p, t, _) = editable(&state, &c, post_id).await?;
    let tr = c.ctx.tr();
    let mut f = attachments::read(&state.config, tr, mp).await;
    let (f_title, f_body) = (f.field("title"), f.field("body"));
    let current = attachments::of_post(&state.db, p.id).await?;
    let removed: Vec<i64> = f.removed().into_iter().filter(|id| current.iter().any(|a| a.id == *id)).collect();
    let keeping = current.len() - removed.len();
    let title = if p.opening { title_ok(&f_title).map(Some) } else { Ok(None) };
    let checked = match (&f.error, title, body_ok(&f_body)) {
        (Some(e), _, _) => Err(e.clone()),
        (None, Ok(t), Ok(b)) => attachments::check(&f, tr, keeping).map(|()| (t, b)),
        (None, t_err, b) => {
            Err(tr.t(if t_err.is_err() { "forum-err-title" } else { b.err().unwrap_or("forum-err-body") }))
        }
    };
    let stored = match checked {
        Ok(tb) => attachments::store_all(&state.config, tr, &mut f).await.map(|r| (tb, r)),
        Err(e) => Err(e),
    };
    let ((title, body), ready) = match stored {
        Ok(ok) => ok,
        Err(msg) => {
            f.discard().await;
            let top = if f.file_error.is_some() { None } else { Some(msg) };
            let mut page = edit_page(&state, &c, &p, t, f_title, f_body, top).await?;
            page.attach_slots = attachments::Slots::again(page.attach_slots.list.len(), &f);
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let redescribed = f.redescribed();
    let changes = Changes { ready: &ready, removed: &removed, keeping, redescribed: &redescribed };
    let written = write::write_edit(&state, &c, p, t, title, body, changes).await;
    match written {
        Ok((res, gone)) => {
            for k in gone {
                crate::media::remove_files(&state.config, &k).await;
            }
            Ok(res)
        }
        Err(e) => {
            attachments::unstore(&state.config, &ready).await;
            Err(e)
        }
    }
}

/// Soft deletion: the place in the thread stays ("deleted by its author") so replies
/// keep their context, but the words, their history, mentions and reactions go.
pub(super) async fn delete_post(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (p, t, _) = editable(&state, &c, post_id).await?;
    let gone = write::delete_post(&state, p).await?;
    for k in gone {
        crate::media::remove_files(&state.config, &k).await;
    }
    Ok(to_thread(&c, t.id, "notice-forum-deleted"))
}

#[derive(Deserialize)]
pub(super) struct ReactForm {
    emoji: String,
}

pub(super) async fn react(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
    Form(f): Form<ReactForm>,
) -> AppResult<Response> {
    c.require(Action::PostInSpaces)?;
    let (p, t, s) = post_in(&state, &c, post_id).await?;
    require_open(&c, &s)?;
    let emoji = EMOJIS.iter().find(|e| **e == f.emoji).ok_or(AppError::BadRequest("forum-err-emoji"))?;
    if p.deleted_at.is_some() || p.hidden_at.is_some() {
        return Err(AppError::NotFound);
    }
    let me = c.user()?.id;
    let existing = forum_reaction::Entity::find()
        .filter(forum_reaction::Column::PostId.eq(p.id))
        .filter(forum_reaction::Column::UserId.eq(me))
        .filter(forum_reaction::Column::Emoji.eq(*emoji))
        .one(&state.db)
        .await?;
    match existing {
        Some(r) => {
            forum_reaction::Entity::delete_by_id(r.id).exec(&state.db).await?;
        }
        None => {
            let r = forum_reaction::ActiveModel {
                post_id: Set(p.id),
                user_id: Set(me),
                emoji: Set(emoji.to_string()),
                ..Default::default()
            }
            .insert(&state.db)
            .await;
            match r {
                Ok(_) => {}
                // A double click that raced itself.
                Err(e) if crate::db::is_unique_violation(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(to_post(&c, t.id, p.id, "notice-forum-reacted"))
}

/// The asker or the teaching team marks a reply as the answer (again: unmarks it).
pub(super) async fn mark_answer(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::PostInSpaces)?;
    let (p, t, s) = post_in(&state, &c, post_id).await?;
    if t.author_id != Some(c.user()?.id) {
        c.require(Action::ModerateSpaces)?;
    }
    require_open(&c, &s)?;
    if s.kind != Kind::Qa.as_str() || p.opening || p.deleted_at.is_some() {
        return Err(AppError::BadRequest("forum-err-answer"));
    }
    let answer = if t.answer_post_id == Some(p.id) { None } else { Some(p.id) };
    let thread_id = t.id;
    let mut a: forum_thread::ActiveModel = t.into();
    a.answer_post_id = Set(answer);
    a.update(&state.db).await?;
    Ok(to_post(
        &c,
        thread_id,
        post_id,
        if answer.is_some() { "notice-forum-answered" } else { "notice-forum-unanswered" },
    ))
}

#[derive(Deserialize)]
pub(super) struct ReasonForm {
    reason: String,
}

pub(super) async fn report(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
    Form(f): Form<ReasonForm>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let (p, t, _) = post_in(&state, &c, post_id).await?;
    let reason = reason_ok(&f.reason)?;
    let me = c.user()?.id;
    let already = forum_report::Entity::find()
        .filter(forum_report::Column::PostId.eq(p.id))
        .filter(forum_report::Column::ReporterId.eq(me))
        .filter(forum_report::Column::Status.eq("open"))
        .one(&state.db)
        .await?;
    if already.is_none() {
        forum_report::ActiveModel {
            post_id: Set(p.id),
            course_id: Set(c.course.id),
            reporter_id: Set(me),
            reason: Set(reason),
            status: Set("open".into()),
            created_at: Set(now_ms()),
            resolved_by: Set(None),
            resolved_at: Set(None),
            ..Default::default()
        }
        .insert(&state.db)
        .await?;
    }
    Ok(to_post(&c, t.id, p.id, "notice-forum-reported"))
}

pub(super) async fn hide(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
    Form(f): Form<ReasonForm>,
) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let (p, t, _) = post_in(&state, &c, post_id).await?;
    let reason = reason_ok(&f.reason)?;
    let (thread_id, post_id) = (t.id, p.id);
    write::set_hidden(&state, p, Some((reason, c.user()?.id))).await?;
    Ok(to_post(&c, thread_id, post_id, "notice-forum-hidden"))
}

pub(super) async fn restore(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let (p, t, _) = post_in(&state, &c, post_id).await?;
    let (thread_id, post_id) = (t.id, p.id);
    write::set_hidden(&state, p, None).await?;
    Ok(to_post(&c, thread_id, post_id, "notice-forum-restored"))
}

pub(super) async fn dismiss(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, report_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let r = forum_report::Entity::find_by_id(report_id)
        .filter(forum_report::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut a: forum_report::ActiveModel = r.into();
    a.status = Set("dismissed".into());
    a.resolved_by = Set(Some(c.user()?.id));
    a.resolved_at = Set(Some(now_ms()));
    a.update(&state.db).await?;
    Ok(back(&c, "/reports", "notice-forum-dismissed"))
}
