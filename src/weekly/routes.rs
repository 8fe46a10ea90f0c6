//! The routes: this week's message with past weeks' below it, recording (or replacing)
//! this week's message, one message with its reactions and replies, reacting, replying.
//! Thin handlers: the rules are in `rules`, the statements in `queries`.

use axum::Form;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::queries::{self, Keyset, Message};
use super::views::*;
use super::{PURPOSE, link, rules};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::media::Accept;
use crate::media::form::FileField;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::paging::{Cursor, Dir, Key, PageParams, Paged};
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/weekly", get(index))
        .route(
            "/courses/{course_id}/weekly/new",
            get(new_form).post(post_message).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/courses/{course_id}/weekly/{weekly_id}", get(show))
        .route("/courses/{course_id}/weekly/{weekly_id}/react", post(react))
        .route("/courses/{course_id}/weekly/{weekly_id}/reply", post(reply))
}

fn keyset(p: &PageParams, size: u64) -> (Dir, Option<Cursor>, Keyset) {
    let (dir, from) = p.cursor();
    let after = from.as_ref().and_then(|c| match c.key {
        Key::Int(k) => Some((k, c.id)),
        _ => None,
    });
    (dir, from, Keyset { after, backward: dir == Dir::Backward, limit: size + 1 })
}

fn unprocessable(mut res: Response) -> Response {
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    res
}

/// "Week 3": the default title of the message for the week `now` falls in.
fn week_title(c: &CourseCtx, now: i64) -> String {
    let w = rules::week_of(now, &c.course.time_zone);
    let n = rules::title_number(&c.course.start_date, w.week).to_string();
    crate::i18n::message(c.ctx.tr().0, "weekly-default-title", &[("number", &n)])
}

/// This week's message on top, past weeks' below, newest first (keyset paged).
async fn index(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    let now = now_ms();
    let week = rules::week_of(now, &c.course.time_zone);
    let size = p.size(rules::WEEKS_PAGE);
    let (dir, from, k) = keyset(&p, size);
    let (current, rows) = tokio::try_join!(
        queries::of_week(&state.db, c.course.id, week.start_ms),
        queries::past(&state.db, c.course.id, week.start_ms, &k),
    )?;
    let base = format!("/courses/{}/weekly", c.course.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |m| Cursor::int(m.week_start, m.id));
    render(&IndexPage {
        page: Page::new(&c.ctx, "weekly-title"),
        course_id: c.course.id,
        // The first page shows this week's on top; further pages only past weeks.
        current: if from.is_none() { current.as_ref().map(MessageView::of) } else { None },
        past: paged.items.iter().map(MessageView::of).collect(),
        pager: paged.pager,
        may_post: c.may(Action::PostWeeklyMessage),
        week_title: week_title(&c, now),
    })
}

fn new_page(state: &AppState, c: &CourseCtx, now: i64, replacing: Option<&Message>) -> NewPage {
    let default_title = week_title(c, now);
    NewPage {
        page: Page::new(&c.ctx, "weekly-new-title"),
        course_id: c.course.id,
        title: replacing.map(|m| m.title.clone()).unwrap_or_default(),
        transcript: replacing.map(|m| m.transcript.clone()).unwrap_or_default(),
        body: replacing.map(|m| m.body.clone()).unwrap_or_default(),
        default_title,
        title_error: None,
        transcript_error: None,
        body_error: None,
        clip_error: None,
        held: None,
        replacing: replacing.map(MessageView::of),
        audio_mb: state.config.max_audio_mb,
        video_mb: state.config.max_video_mb,
    }
}

/// The form, filled with this week's message when there is one (posting replaces it).
async fn new_form(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::PostWeeklyMessage)?;
    let now = now_ms();
    let week = rules::week_of(now, &c.course.time_zone);
    let existing = queries::of_week(&state.db, c.course.id, week.start_ms).await?;
    render(&new_page(&state, &c, now, existing.as_ref()))
}

/// Post this week's message: a multipart form with the recording (made in the browser or
/// chosen as a file). A refused form keeps everything typed and the recording itself
/// (stored, its id carried in the form as `held`), so nothing has to be recorded again.
async fn post_message(State(state): State<AppState>, c: CourseCtx, mut mp: Multipart) -> AppResult<Response> {
    c.require(Action::PostWeeklyMessage)?;
    let me = c.user()?.id;
    let t = c.ctx.tr();
    let db = &state.db;
    let mut form = crate::media::form::read(
        &state.config,
        &t,
        &mut mp,
        &[FileField { name: "clip", accept: Accept::Clip, label_id: "weekly-clip" }],
    )
    .await;
    let file = form.take("clip");
    let mut clip_error = form.file_error.take().map(|(_, m)| m);
    let (title, transcript, body) =
        (form.get("title").to_string(), form.get("transcript").to_string(), form.get("body").to_string());
    let held_id: Option<i64> = form.get("held").trim().parse().ok();
    form.discard().await;
    let now = now_ms();
    let week = rules::week_of(now, &c.course.time_zone);
    let existing = queries::of_week(db, c.course.id, week.start_ms).await?;
    // The recording: a new one, else one kept from a refused attempt.
    let mut clip: Option<(&'static str, i64)> = None;
    if let Some(f) = file {
        match crate::media::store(&state.config, f).await {
            Ok(s) => match rules::kind_of(s.kind.as_str()) {
                Some(kind) => match s.insert(db, me, Some(c.course.id), PURPOSE).await {
                    Ok(row) => clip = Some((kind, row.id)),
                    Err(e) => {
                        s.remove(&state.config).await;
                        return Err(e.into());
                    }
                },
                None => {
                    s.remove(&state.config).await;
                    clip_error = Some(t.t("weekly-err-clip"));
                }
            },
            Err(e) => clip_error = Some(e.message(&t, &t.t("weekly-clip"))),
        }
    } else if let Some(h) = held_id
        && let Some(kind) = queries::held_clip(db, h, me, c.course.id).await?
    {
        clip = rules::kind_of(&kind).map(|k| (k, h));
    }
    let default_title = week_title(&c, now);
    let has_clip = clip.is_some() || existing.as_ref().is_some_and(|m| m.media_id.is_some());
    let (draft, errors) = rules::check(&title, &transcript, &body, &default_title, has_clip);
    if errors.any() || clip_error.is_some() {
        let mut page = new_page(&state, &c, now, existing.as_ref());
        page.title = title.trim().to_string();
        page.transcript = transcript;
        page.body = body;
        page.title_error = errors.title.map(|e| t.t(e));
        page.transcript_error = errors.transcript.map(|e| t.t(e));
        page.body_error = errors.body.map(|e| t.t(e));
        // A refused file says why; otherwise a missing recording says so.
        page.clip_error = clip_error.or_else(|| errors.clip.map(|e| t.t(e)));
        page.held = clip.map(|(k, id)| (id, if k == "video" { "video" } else { "audio" }));
        return Ok(unprocessable(render(&page)?));
    }
    let txn = state.db.begin().await?;
    let (written, gone) = super::post_in(&txn, &c.course, me, &draft, clip, now).await?;
    txn.commit().await?;
    if let Some(key) = gone {
        crate::media::remove_files(&state.config, &key).await;
    }
    let notice = if written.created { "notice-weekly-posted" } else { "notice-weekly-replaced" };
    Ok(with_notice(notice, Redirect::to(&link(c.course.id, written.id)), c.ctx.secure))
}

#[derive(Deserialize, Default)]
struct ShowParams {
    after: Option<String>,
    before: Option<String>,
    size: Option<u64>,
    /// The reply a member of staff is answering.
    to: Option<i64>,
}

async fn visible(state: &AppState, c: &CourseCtx, id: i64) -> AppResult<Message> {
    c.require(Action::ViewCourse)?;
    queries::message(&state.db, c.course.id, id).await?.ok_or(AppError::NotFound)
}

async fn show(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Query(q): Query<ShowParams>,
) -> AppResult<Response> {
    let m = visible(&state, &c, id).await?;
    render(&show_page(&state, &c, m, &q, String::new(), None).await?)
}

async fn show_page(
    state: &AppState,
    c: &CourseCtx,
    m: Message,
    q: &ShowParams,
    reply_body: String,
    reply_error: Option<String>,
) -> AppResult<ShowPage> {
    let db = &state.db;
    let me = c.user()?.id;
    let p = PageParams { after: q.after.clone(), before: q.before.clone(), size: q.size };
    let size = p.size(rules::REPLIES_PAGE);
    let (dir, from, k) = keyset(&p, size);
    let (counts, rows) = tokio::try_join!(queries::reactions(db, m.id, me), queries::replies(db, m.id, &k))?;
    let base = link(c.course.id, m.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |r| Cursor::int(r.created_at, r.id));
    let may_answer = c.may(Action::PostWeeklyMessage);
    let answering = match q.to.filter(|_| may_answer) {
        Some(to) => match queries::reply_author(db, m.id, to).await? {
            Some((uid, _)) => {
                let name = paged.items.iter().find(|r| r.user_id == Some(uid)).map(|r| r.name.clone());
                Some((to, name.unwrap_or_default()))
            }
            None => None,
        },
        None => None,
    };
    let names: std::collections::HashMap<i64, String> = paged.items.iter().map(|r| (r.id, r.name.clone())).collect();
    let reactions = rules::EMOJIS
        .iter()
        .map(|e| {
            let found = counts.iter().find(|(x, _, _)| x == e);
            ReactionView { emoji: e, count: found.map(|f| f.1).unwrap_or(0), mine: found.is_some_and(|f| f.2) }
        })
        .collect();
    let current = rules::week_of(now_ms(), &c.course.time_zone).start_ms == m.week_start;
    Ok(ShowPage {
        page: Page::titled(&c.ctx, m.title.clone()),
        course_id: c.course.id,
        week_key: m.week_key.clone(),
        current,
        reactions,
        replies: paged
            .items
            .iter()
            .map(|r| ReplyView {
                id: r.id,
                who: r.name.clone(),
                body: r.body.clone(),
                at: r.created_at,
                answers: r.parent_id.and_then(|p| names.get(&p).cloned()),
            })
            .collect(),
        pager: paged.pager,
        may_respond: c.may(Action::RespondToWeekly),
        may_answer,
        may_post: c.may(Action::PostWeeklyMessage),
        reply_body,
        reply_error,
        answering,
        m: MessageView::of(&m),
    })
}

#[derive(Deserialize)]
struct ReactForm {
    #[serde(default)]
    emoji: String,
}

/// React with one of the spaces' emoji, or take the reaction back.
async fn react(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<ReactForm>,
) -> AppResult<Response> {
    c.require(Action::RespondToWeekly)?;
    let m = visible(&state, &c, id).await?;
    let emoji = rules::emoji(&f.emoji).ok_or(AppError::BadRequest("weekly-err-emoji"))?;
    queries::toggle_reaction(&state.db, m.id, c.user()?.id, emoji, now_ms()).await?;
    Ok(with_notice("notice-weekly-reacted", Redirect::to(&link(c.course.id, m.id)), c.ctx.secure))
}

#[derive(Deserialize)]
struct ReplyForm {
    #[serde(default)]
    body: String,
    /// The reply answered (staff answering a student), if any.
    #[serde(default)]
    parent: String,
}

/// A reply under the message, visible to the class.
async fn reply(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(r): Form<ReplyForm>,
) -> AppResult<Response> {
    c.require(Action::RespondToWeekly)?;
    let m = visible(&state, &c, id).await?;
    let me = c.user()?.id;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Post).await?;
    let parent_id: Option<i64> = r.parent.trim().parse().ok();
    let body = match rules::check_reply(&r.body) {
        Ok(b) => b,
        Err(e) => {
            let e = c.ctx.tr().t(e);
            let q = ShowParams { to: parent_id, ..ShowParams::default() };
            return Ok(unprocessable(render(&show_page(&state, &c, m, &q, r.body, Some(e)).await?)?));
        }
    };
    let parent = match parent_id {
        Some(p) => queries::reply_author(&state.db, m.id, p).await?.map(|(uid, role)| (p, uid, role)),
        None => None,
    };
    let teaching = c.may(Action::PostWeeklyMessage);
    let txn = state.db.begin().await?;
    let rid = super::reply_in(&txn, &m, me, teaching, parent, &body, now_ms()).await?;
    txn.commit().await?;
    let to = format!("{}#reply-{rid}", link(c.course.id, m.id));
    Ok(with_notice("notice-weekly-replied", Redirect::to(&to), c.ctx.secure))
}
