//! The course's spaces: discussion forums, Q&A, a coffee shop and announcements. Threads
//! with one level of replies, Markdown with @mentions, reactions, edit history, soft
//! deletion, pins and locks, answers to questions, follow-up question starters, unread
//! markers, reports and moderation, and search. Everything works as plain forms; a
//! small module (`static/forum.js`) suggests names while typing an @mention.

pub mod attachments;
pub mod queries;
pub mod text;

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, Statement,
    TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{
    forum_mention, forum_post, forum_post_revision, forum_prompt, forum_reaction, forum_report, forum_space,
    forum_thread, membership, user,
};
use crate::error::{AppError, AppResult};
use crate::notifications::{self, Kind as Notice};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};
pub use queries::{Kind, recent_announcements, recent_threads};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/spaces", get(index).post(create_space))
        .route("/courses/{course_id}/spaces/search", get(search))
        .route("/courses/{course_id}/spaces/read-all", post(read_all))
        .route("/courses/{course_id}/spaces/starters", post(save_starters))
        .route("/courses/{course_id}/spaces/{space_id}", get(space_page))
        .route("/courses/{course_id}/spaces/{space_id}/edit", post(edit_space))
        .route("/courses/{course_id}/spaces/{space_id}/move", post(move_space))
        .route("/courses/{course_id}/spaces/{space_id}/archive", post(archive_space))
        .route("/courses/{course_id}/spaces/{space_id}/threads", post(start_thread).layer(files_ok()))
        .route("/courses/{course_id}/threads/{thread_id}", get(thread_page))
        .route("/courses/{course_id}/threads/{thread_id}/reply", post(reply).layer(files_ok()))
        .route("/courses/{course_id}/threads/{thread_id}/pin", post(pin))
        .route("/courses/{course_id}/threads/{thread_id}/lock", post(lock))
        .route("/courses/{course_id}/posts/{post_id}/edit", get(edit_form).post(edit_post).layer(files_ok()))
        .route("/courses/{course_id}/posts/{post_id}/history", get(history))
        .route("/courses/{course_id}/posts/{post_id}/delete", post(delete_post))
        .route("/courses/{course_id}/posts/{post_id}/react", post(react))
        .route("/courses/{course_id}/posts/{post_id}/answer", post(mark_answer))
        .route("/courses/{course_id}/posts/{post_id}/report", post(report))
        .route("/courses/{course_id}/posts/{post_id}/hide", post(hide))
        .route("/courses/{course_id}/posts/{post_id}/restore", post(restore))
        .route("/courses/{course_id}/reports", get(reports))
        .route("/courses/{course_id}/reports/{report_id}/dismiss", post(dismiss))
}

/// Post forms may carry attachments: the streaming limits per file apply instead of the
/// global form limit (plain forms keep it, see `attachments::Body`).
fn files_ok() -> DefaultBodyLimit {
    DefaultBodyLimit::disable()
}

/// The reactions on offer: a small fixed set keeps them light and comparable.
pub const EMOJIS: [&str; 5] = ["👍", "❤️", "🎉", "💡", "😂"];
pub const MAX_TITLE: usize = 150;
pub const MAX_BODY: usize = 20_000;
pub const MAX_REASON: usize = 500;
pub const MAX_ABOUT: usize = 2_000;
const DEFAULT_STARTERS: [&str; 5] =
    ["forum-starter-1", "forum-starter-2", "forum-starter-3", "forum-starter-4", "forum-starter-5"];

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn title_ok(raw: &str) -> AppResult<String> {
    let t = squash(raw);
    if t.is_empty() || t.chars().count() > MAX_TITLE {
        return Err(AppError::BadRequest("forum-err-title"));
    }
    Ok(t)
}

pub(crate) fn body_ok(raw: &str) -> Result<String, &'static str> {
    let b = raw.trim().replace("\r\n", "\n");
    if b.is_empty() || b.chars().count() > MAX_BODY { Err("forum-err-body") } else { Ok(b) }
}

fn reason_ok(raw: &str) -> AppResult<String> {
    let r = squash(raw);
    if r.is_empty() || r.chars().count() > MAX_REASON {
        return Err(AppError::BadRequest("forum-err-reason"));
    }
    Ok(r)
}

/// Rendered HTML of a post and who it mentions. Mentions link to the person's posts.
async fn render_body(db: &impl ConnectionTrait, course_id: i64, body: &str) -> AppResult<(String, Vec<i64>)> {
    let members = crate::courses::queries::members(db, course_id).await?;
    let names: Vec<(i64, &str)> = members.iter().map(|m| (m.user_id, m.name.as_str())).collect();
    Ok(render_with(course_id, body, &names))
}

/// A post's HTML given the course's members (id, name), and whom it mentions.
pub fn render_with(course_id: i64, body: &str, members: &[(i64, &str)]) -> (String, Vec<i64>) {
    let found = text::find_mentions(body, members);
    let linked = text::link_mentions(body, &found, |id| format!("/courses/{course_id}/spaces/search?author={id}"));
    (crate::markdown::to_html(&linked), text::mentioned_ids(&found))
}

/// What search matches a post by.
pub fn search_text_of(title: Option<&str>, body: &str) -> String {
    search_text(title, body)
}

fn search_text(title: Option<&str>, body: &str) -> String {
    text::fold(&match title {
        Some(t) => format!("{t}\n{body}"),
        None => body.to_string(),
    })
}

fn thread_link(course_id: i64, thread_id: i64, post_id: i64) -> String {
    format!("/courses/{course_id}/threads/{thread_id}#post-{post_id}")
}

// ---------------------------------------------------------------------------------
// Loading what a route is about, always within the asker's course.

async fn space_in(state: &AppState, c: &CourseCtx, space_id: i64) -> AppResult<forum_space::Model> {
    forum_space::Entity::find_by_id(space_id)
        .filter(forum_space::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn thread_in(
    state: &AppState,
    c: &CourseCtx,
    thread_id: i64,
) -> AppResult<(forum_thread::Model, forum_space::Model)> {
    let t = forum_thread::Entity::find_by_id(thread_id)
        .filter(forum_thread::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = space_in(state, c, t.space_id).await?;
    Ok((t, s))
}

async fn post_in(
    state: &AppState,
    c: &CourseCtx,
    post_id: i64,
) -> AppResult<(forum_post::Model, forum_thread::Model, forum_space::Model)> {
    let p = forum_post::Entity::find_by_id(post_id)
        .filter(forum_post::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (t, s) = thread_in(state, c, p.thread_id).await?;
    Ok((p, t, s))
}

fn me(c: &CourseCtx) -> i64 {
    c.ctx.user.as_ref().map(|u| u.id).unwrap_or(0)
}

/// Writing in a space: members who post, not in an archived space.
fn require_open(c: &CourseCtx, space: &forum_space::Model) -> AppResult<()> {
    c.require(Action::PostInSpaces)?;
    if space.archived {
        return Err(AppError::BadRequest("forum-err-archived"));
    }
    Ok(())
}

fn may_start(c: &CourseCtx, space: &forum_space::Model) -> bool {
    !space.archived
        && c.may(Action::PostInSpaces)
        && (space.kind != Kind::Announcements.as_str() || c.may(Action::ModerateSpaces))
}

fn may_reply(c: &CourseCtx, space: &forum_space::Model, thread: &forum_thread::Model) -> bool {
    !space.archived && c.may(Action::PostInSpaces) && (!thread.locked || c.may(Action::ModerateSpaces))
}

// ---------------------------------------------------------------------------------
// The list of spaces.

pub struct SpaceRow {
    pub space: forum_space::Model,
    pub about_html: String,
    pub threads: i64,
    pub unanswered: i64,
    pub unread: i64,
    pub is_qa: bool,
}

#[derive(Template)]
#[template(path = "forum/index.html")]
struct IndexPage {
    page: Page,
    course_id: i64,
    course_title: String,
    spaces: Vec<SpaceRow>,
    may_manage: bool,
    may_moderate: bool,
    open_reports: u64,
    kinds: [Kind; 4],
    starters: String,
}

async fn starters_of(db: &impl ConnectionTrait, course_id: i64, tr: crate::i18n::Tr) -> AppResult<Vec<String>> {
    let custom = forum_prompt::Entity::find().filter(forum_prompt::Column::CourseId.eq(course_id)).one(db).await?;
    Ok(match custom {
        Some(p) => text::starters(&p.body),
        None => DEFAULT_STARTERS.iter().map(|id| tr.t(id)).collect(),
    })
}

async fn index(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let tr = c.ctx.tr();
    let list = queries::spaces(&state.db, c.course.id, tr).await?;
    let counts = queries::space_counts(&state.db, c.course.id).await?;
    let mut unread: HashMap<i64, i64> = HashMap::new();
    for (_, (sid, n)) in queries::unread_by_thread(&state.db, c.course.id, me(&c), None).await? {
        *unread.entry(sid).or_default() += n;
    }
    let may_manage = c.may(Action::ManageSpaces);
    let spaces = list
        .into_iter()
        .filter(|s| !s.archived || may_manage || counts.contains_key(&s.id))
        .map(|s| {
            let (threads, open) = counts.get(&s.id).copied().unwrap_or((0, 0));
            let is_qa = s.kind == Kind::Qa.as_str();
            SpaceRow {
                about_html: crate::markdown::to_html(&s.about),
                threads,
                unanswered: if is_qa { open } else { 0 },
                unread: unread.get(&s.id).copied().unwrap_or(0),
                is_qa,
                space: s,
            }
        })
        .collect();
    let may_moderate = c.may(Action::ModerateSpaces);
    let open_reports = if may_moderate {
        use sea_orm::PaginatorTrait;
        forum_report::Entity::find()
            .filter(forum_report::Column::CourseId.eq(c.course.id))
            .filter(forum_report::Column::Status.eq("open"))
            .count(&state.db)
            .await?
    } else {
        0
    };
    render(&IndexPage {
        page: Page::new(&c.ctx, "forum-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        spaces,
        may_manage,
        may_moderate,
        open_reports,
        kinds: Kind::ALL,
        starters: starters_of(&state.db, c.course.id, tr).await?.join("\n"),
    })
}

impl IndexPage {
    fn kind_label(&self, kind: &str) -> String {
        self.page.t.t(Kind::parse(kind).unwrap_or(Kind::Discussion).label_id())
    }
}

fn to_spaces(c: &CourseCtx, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/spaces", c.course.id)), c.ctx.secure)
}

#[derive(Deserialize)]
struct SpaceForm {
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    about: String,
}

fn about_ok(raw: &str) -> AppResult<String> {
    let a = raw.trim().replace("\r\n", "\n");
    if a.chars().count() > MAX_ABOUT {
        return Err(AppError::BadRequest("forum-err-about"));
    }
    Ok(a)
}

async fn create_space(State(state): State<AppState>, c: CourseCtx, Form(f): Form<SpaceForm>) -> AppResult<Response> {
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

async fn edit_space(
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
    Ok(with_notice("notice-saved", Redirect::to(&format!("/courses/{}/spaces/{space_id}", c.course.id)), c.ctx.secure))
}

#[derive(Deserialize)]
struct MoveForm {
    direction: String,
}

/// Up or down one place: the neighbours swap positions, in one transaction.
async fn move_space(
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
struct ArchiveForm {
    archived: String,
}

async fn archive_space(
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
struct StartersForm {
    starters: String,
}

async fn save_starters(
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

async fn read_all(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    queries::mark_course_read(&state.db, c.course.id, c.user()?.id).await?;
    Ok(to_spaces(&c, "notice-forum-all-read"))
}

// ---------------------------------------------------------------------------------
// One space: its threads.

pub struct ThreadRow {
    pub thread: forum_thread::Model,
    pub author: String,
    pub unread: i64,
    pub last: String,
}

#[derive(Template)]
#[template(path = "forum/space.html")]
struct SpacePage {
    page: Page,
    course_id: i64,
    course_title: String,
    space: forum_space::Model,
    about_html: String,
    threads: Vec<ThreadRow>,
    is_qa: bool,
    unanswered_only: bool,
    may_start: bool,
    may_manage: bool,
    error: Option<String>,
    draft_title: String,
    draft_body: String,
    attach_hint: String,
    attach_slots: Vec<usize>,
}

impl SpacePage {
    fn kind_label(&self) -> String {
        self.page.t.t(Kind::parse(&self.space.kind).unwrap_or(Kind::Discussion).label_id())
    }
}

#[derive(Deserialize, Default)]
struct SpaceQuery {
    #[serde(default)]
    filter: String,
}

fn author_name(people: &HashMap<i64, user::Model>, id: Option<i64>, tr: crate::i18n::Tr) -> String {
    id.and_then(|id| people.get(&id)).map(|u| u.name.clone()).unwrap_or_else(|| tr.t("forum-former-member"))
}

async fn space_view(
    state: &AppState,
    c: &CourseCtx,
    space: forum_space::Model,
    unanswered_only: bool,
    error: Option<String>,
    draft: (String, String),
) -> AppResult<SpacePage> {
    let tr = c.ctx.tr();
    let mut q = forum_thread::Entity::find().filter(forum_thread::Column::SpaceId.eq(space.id));
    if unanswered_only {
        q = q.filter(forum_thread::Column::AnswerPostId.is_null());
    }
    let threads = q
        .order_by_desc(forum_thread::Column::Pinned)
        .order_by_desc(forum_thread::Column::LastPostAt)
        .order_by_desc(forum_thread::Column::Id)
        .all(&state.db)
        .await?;
    let unread = queries::unread_by_thread(&state.db, c.course.id, me(c), Some(space.id)).await?;
    let ids: Vec<i64> = threads.iter().filter_map(|t| t.author_id).collect();
    let people = crate::groups::queries::people(&state.db, &ids).await?;
    let page = Page::titled(&c.ctx, space.title.clone());
    let rows = threads
        .into_iter()
        .map(|t| ThreadRow {
            author: author_name(&people, t.author_id, tr),
            unread: unread.get(&t.id).map(|(_, n)| *n).unwrap_or(0),
            last: page.when(&t.last_post_at),
            thread: t,
        })
        .collect();
    Ok(SpacePage {
        about_html: crate::markdown::to_html(&space.about),
        is_qa: space.kind == Kind::Qa.as_str(),
        may_start: may_start(c, &space),
        may_manage: c.may(Action::ManageSpaces),
        page,
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        space,
        threads: rows,
        unanswered_only,
        error,
        draft_title: draft.0,
        draft_body: draft.1,
        attach_hint: attachments::hint(tr, &state.config),
        attach_slots: (1..=attachments::MAX_PER_POST).collect(),
    })
}

async fn space_page(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, space_id)): Path<(i64, i64)>,
    Query(q): Query<SpaceQuery>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let s = space_in(&state, &c, space_id).await?;
    let unanswered = q.filter == "unanswered" && s.kind == Kind::Qa.as_str();
    render(&space_view(&state, &c, s, unanswered, None, Default::default()).await?)
}

async fn start_thread(
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
            let mut res = render(&space_view(&state, &c, space, false, Some(msg), (f_title, f_body)).await?)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let written = write_thread(&state, &c, &space, title, body, &ready).await;
    if written.is_err() {
        attachments::unstore(&state.config, &ready).await;
    }
    written
}

#[allow(clippy::too_many_arguments)]
async fn write_thread(
    state: &AppState,
    c: &CourseCtx,
    space: &forum_space::Model,
    title: String,
    body: String,
    ready: &[attachments::Ready],
) -> AppResult<Response> {
    let author = c.user()?.id;
    let txn = state.db.begin().await?;
    let (thread, p) = create_thread(&txn, space, author, &title, body, now_ms(), true).await?;
    attachments::insert(&txn, &p, author, ready, 0).await?;
    queries::mark_read(&txn, thread.id, author, p.id).await?;
    txn.commit().await?;
    Ok(with_notice(
        "notice-forum-thread-started",
        Redirect::to(&format!("/courses/{}/threads/{}", c.course.id, thread.id)),
        c.ctx.secure,
    ))
}

/// Start a thread in `space` as `author`: the thread, its opening post, mentions and,
/// in an announcements space, an Announcement notification to every member. The caller
/// owns the transaction and has checked who may post where; scheduled posts come here too.
/// `notify` is false only when writing history (the demo's past posts), which is news
/// to nobody.
pub async fn create_thread(
    txn: &impl ConnectionTrait,
    space: &forum_space::Model,
    author: i64,
    title: &str,
    body: String,
    now: i64,
    notify: bool,
) -> AppResult<(forum_thread::Model, forum_post::Model)> {
    let course_id = space.course_id;
    let (html, mentioned) = render_body(txn, course_id, &body).await?;
    let thread = forum_thread::ActiveModel {
        space_id: Set(space.id),
        course_id: Set(course_id),
        author_id: Set(Some(author)),
        title: Set(title.to_string()),
        pinned: Set(false),
        locked: Set(false),
        answer_post_id: Set(None),
        reply_count: Set(0),
        created_at: Set(now),
        last_post_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let p = forum_post::ActiveModel {
        thread_id: Set(thread.id),
        course_id: Set(course_id),
        parent_id: Set(None),
        opening: Set(true),
        author_id: Set(Some(author)),
        search_text: Set(search_text(Some(title), &body)),
        body: Set(body),
        body_html: Set(html),
        created_at: Set(now),
        edited_at: Set(None),
        deleted_at: Set(None),
        hidden_at: Set(None),
        hidden_reason: Set(None),
        hidden_by: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if !notify {
        return Ok((thread, p));
    }
    let link = thread_link(course_id, thread.id, p.id);
    notify_mentions(txn, course_id, author, p.id, &mentioned, &[], title, &link).await?;
    if space.kind == Kind::Announcements.as_str() {
        let everyone = membership::Entity::find().filter(membership::Column::CourseId.eq(course_id)).all(txn).await?;
        for m in everyone {
            notifications::notify(
                txn,
                notifications::New {
                    user_id: m.user_id,
                    course_id: Some(course_id),
                    kind: Notice::Announcement,
                    actor_id: Some(author),
                    subject: title,
                    link: &link,
                },
            )
            .await?;
        }
    }
    Ok((thread, p))
}

/// Store who a post mentions and tell those not told before (an edit adds mentions).
async fn save_mentions(
    txn: &impl ConnectionTrait,
    c: &CourseCtx,
    post_id: i64,
    now: &[i64],
    before: &[i64],
    subject: &str,
    link: &str,
) -> AppResult<()> {
    notify_mentions(txn, c.course.id, c.user()?.id, post_id, now, before, subject, link).await
}

#[allow(clippy::too_many_arguments)]
async fn notify_mentions(
    txn: &impl ConnectionTrait,
    course_id: i64,
    author: i64,
    post_id: i64,
    now: &[i64],
    before: &[i64],
    subject: &str,
    link: &str,
) -> AppResult<()> {
    for uid in now.iter().filter(|u| !before.contains(u)) {
        forum_mention::ActiveModel { post_id: Set(post_id), user_id: Set(*uid), ..Default::default() }
            .insert(txn)
            .await?;
        notifications::notify(
            txn,
            notifications::New {
                user_id: *uid,
                course_id: Some(course_id),
                kind: Notice::Mention,
                actor_id: Some(author),
                subject,
                link,
            },
        )
        .await?;
    }
    let gone: Vec<i64> = before.iter().copied().filter(|u| !now.contains(u)).collect();
    if !gone.is_empty() {
        forum_mention::Entity::delete_many()
            .filter(forum_mention::Column::PostId.eq(post_id))
            .filter(forum_mention::Column::UserId.is_in(gone))
            .exec(txn)
            .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// A thread.

pub struct ReactionView {
    pub emoji: &'static str,
    pub count: usize,
    pub names: String,
    pub mine: bool,
}

pub struct PostView {
    pub id: i64,
    pub author: String,
    pub author_id: Option<i64>,
    pub html: String,
    pub deleted: bool,
    pub hidden: bool,
    /// Whether the reader sees the words (not deleted; not hidden, or theirs, or a moderator).
    pub show_body: bool,
    pub hidden_reason: Option<String>,
    pub when: String,
    pub edited: bool,
    pub reactions: Vec<ReactionView>,
    pub is_answer: bool,
    pub opening: bool,
    pub unread: bool,
    pub mine: bool,
    pub may_answer: bool,
    pub children: Vec<PostView>,
    /// Only filled when the reader sees the words.
    pub attachments: Vec<attachments::AttachmentView>,
}

#[derive(Template)]
#[template(path = "forum/thread.html")]
struct ThreadPage {
    page: Page,
    course_id: i64,
    course_title: String,
    space: forum_space::Model,
    thread: forum_thread::Model,
    opening: Option<PostView>,
    replies: Vec<PostView>,
    may_reply: bool,
    may_post: bool,
    may_moderate: bool,
    is_qa: bool,
    first_unread: Option<i64>,
    reply_to: Option<i64>,
    draft: String,
    error: Option<String>,
    starters: Vec<String>,
    attach_hint: String,
    attach_slots: Vec<usize>,
}

impl ThreadPage {
    /// Whether the reply form goes under this post.
    fn replying(&self, p: &PostView) -> bool {
        self.may_reply && self.reply_to == Some(p.id)
    }
}

#[derive(Deserialize, Default)]
struct ThreadQuery {
    reply: Option<i64>,
    starter: Option<usize>,
}

/// Everything on a thread page, in a fixed number of queries whatever its length:
/// the posts, their reactions, the people (authors and reactors), the read markers.
async fn thread_view(
    state: &AppState,
    c: &CourseCtx,
    thread: forum_thread::Model,
    space: forum_space::Model,
    q: ThreadQuery,
    error: Option<String>,
    draft: Option<String>,
) -> AppResult<(ThreadPage, i64)> {
    let db = &state.db;
    let tr = c.ctx.tr();
    let me = me(c);
    let posts = forum_post::Entity::find()
        .filter(forum_post::Column::ThreadId.eq(thread.id))
        .order_by_asc(forum_post::Column::Id)
        .all(db)
        .await?;
    let sql = format!(
        "SELECT r.post_id AS post_id, r.user_id AS user_id, r.emoji AS emoji FROM forum_reactions r \
         JOIN forum_posts p ON p.id = r.post_id WHERE p.thread_id = {} ORDER BY r.id",
        thread.id
    );
    let mut reactions: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for r in db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await? {
        reactions
            .entry(r.try_get("", "post_id")?)
            .or_default()
            .push((r.try_get("", "user_id")?, r.try_get("", "emoji")?));
    }
    let mut attached = attachments::for_posts(db, &posts.iter().map(|p| p.id).collect::<Vec<_>>()).await?;
    let mut ids: HashSet<i64> = posts.iter().filter_map(|p| p.author_id).collect();
    ids.extend(reactions.values().flatten().map(|(u, _)| *u));
    let people = crate::groups::queries::people(db, &ids.into_iter().collect::<Vec<_>>()).await?;
    let marker = Ord::max(
        crate::db::entity::forum_read::Entity::find()
            .filter(crate::db::entity::forum_read::Column::ThreadId.eq(thread.id))
            .filter(crate::db::entity::forum_read::Column::UserId.eq(me))
            .one(db)
            .await?
            .map(|r| r.last_post_id)
            .unwrap_or(0),
        queries::course_mark(db, c.course.id, me).await?,
    );
    let moderator = c.may(Action::ModerateSpaces);
    let is_qa = space.kind == Kind::Qa.as_str();
    let asker = thread.author_id == Some(me) && me != 0;
    let page = Page::titled(&c.ctx, thread.title.clone());
    let mut first_unread = None;
    let last_id = posts.last().map(|p| p.id).unwrap_or(0);
    let mut views: Vec<(Option<i64>, PostView)> = Vec::with_capacity(posts.len());
    for p in posts {
        let mine = p.author_id == Some(me) && me != 0;
        let unread = p.id > marker && !mine;
        if unread && first_unread.is_none() {
            first_unread = Some(p.id);
        }
        let hidden = p.hidden_at.is_some();
        let deleted = p.deleted_at.is_some();
        let show_body = !deleted && (!hidden || mine || moderator);
        let list = reactions.remove(&p.id).unwrap_or_default();
        let reactions = EMOJIS
            .iter()
            .map(|e| {
                let who: Vec<&(i64, String)> = list.iter().filter(|(_, x)| x == e).collect();
                ReactionView {
                    emoji: e,
                    count: who.len(),
                    names: who.iter().map(|(u, _)| author_name(&people, Some(*u), tr)).collect::<Vec<_>>().join(", "),
                    mine: who.iter().any(|(u, _)| *u == me),
                }
            })
            .collect();
        views.push((
            p.parent_id,
            PostView {
                id: p.id,
                author: author_name(&people, p.author_id, tr),
                author_id: p.author_id,
                html: if show_body { p.body_html } else { String::new() },
                deleted,
                hidden,
                show_body,
                hidden_reason: if hidden && (mine || moderator) { p.hidden_reason } else { None },
                when: page.when(&p.created_at),
                edited: p.edited_at.is_some() && !deleted,
                reactions,
                is_answer: thread.answer_post_id == Some(p.id),
                opening: p.opening,
                unread,
                mine,
                may_answer: is_qa
                    && !space.archived
                    && !p.opening
                    && !deleted
                    && (asker || moderator)
                    && c.may(Action::PostInSpaces),
                children: vec![],
                attachments: if show_body { attached.remove(&p.id).unwrap_or_default() } else { vec![] },
            },
        ));
    }
    let mut opening = None;
    let mut replies: Vec<PostView> = vec![];
    let mut children: HashMap<i64, Vec<PostView>> = HashMap::new();
    for (parent, v) in views {
        match parent {
            _ if v.opening => opening = Some(v),
            Some(pid) => children.entry(pid).or_default().push(v),
            None => replies.push(v),
        }
    }
    for r in replies.iter_mut() {
        r.children = children.remove(&r.id).unwrap_or_default();
    }
    // Replies whose parent is gone from view still show, at the top level.
    for (_, orphans) in children {
        replies.extend(orphans);
    }
    replies.sort_by_key(|r| r.id);
    let starters = starters_of(db, c.course.id, tr).await?;
    let reply_to = q.reply.filter(|r| {
        opening.as_ref().is_some_and(|o| o.id == *r)
            || replies.iter().any(|p| p.id == *r || p.children.iter().any(|ch| ch.id == *r))
    });
    let draft = draft.unwrap_or_else(|| match (reply_to, q.starter.and_then(|i| starters.get(i))) {
        (Some(rid), Some(s)) => {
            let name = opening
                .iter()
                .chain(replies.iter())
                .chain(replies.iter().flat_map(|r| r.children.iter()))
                .find(|p| p.id == rid)
                .filter(|p| p.author_id.is_some() && !p.mine)
                .map(|p| format!("@{} ", p.author))
                .unwrap_or_default();
            format!("{name}{s}")
        }
        _ => String::new(),
    });
    Ok((
        ThreadPage {
            page,
            course_id: c.course.id,
            course_title: c.course.title.clone(),
            may_reply: may_reply(c, &space, &thread),
            may_post: !space.archived && c.may(Action::PostInSpaces),
            may_moderate: moderator,
            is_qa,
            space,
            thread,
            opening,
            replies,
            first_unread,
            reply_to,
            draft,
            error,
            starters,
            attach_hint: attachments::hint(tr, &state.config),
            attach_slots: (1..=attachments::MAX_PER_POST).collect(),
        },
        last_id,
    ))
}

async fn thread_page(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, thread_id)): Path<(i64, i64)>,
    Query(q): Query<ThreadQuery>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let (thread, space) = thread_in(&state, &c, thread_id).await?;
    let (page, last) = thread_view(&state, &c, thread, space, q, None, None).await?;
    let res = render(&page)?;
    if last > 0 {
        queries::mark_read(&state.db, thread_id, c.user()?.id, last).await?;
    }
    Ok(res)
}

async fn reply(
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
            let q = ThreadQuery { reply: replied_to.as_ref().map(|p| p.id), starter: None };
            let (page, _) = thread_view(&state, &c, thread, space, q, Some(msg), Some(f_body)).await?;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let written = write_reply(&state, &c, &thread, replied_to, body, &ready).await;
    if written.is_err() {
        attachments::unstore(&state.config, &ready).await;
    }
    written
}

async fn write_reply(
    state: &AppState,
    c: &CourseCtx,
    thread: &forum_thread::Model,
    replied_to: Option<forum_post::Model>,
    body: String,
    ready: &[attachments::Ready],
) -> AppResult<Response> {
    // One level of nesting: a reply to a reply sits under the same top-level reply.
    let parent_id = replied_to.as_ref().and_then(|p| if p.opening { None } else { Some(p.parent_id.unwrap_or(p.id)) });
    let author = c.user()?.id;
    let now = now_ms();
    let txn = state.db.begin().await?;
    let (html, mentioned) = render_body(&txn, c.course.id, &body).await?;
    let p = forum_post::ActiveModel {
        thread_id: Set(thread.id),
        course_id: Set(c.course.id),
        parent_id: Set(parent_id),
        opening: Set(false),
        author_id: Set(Some(author)),
        search_text: Set(search_text(None, &body)),
        body: Set(body),
        body_html: Set(html),
        created_at: Set(now),
        edited_at: Set(None),
        deleted_at: Set(None),
        hidden_at: Set(None),
        hidden_reason: Set(None),
        hidden_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    attachments::insert(&txn, &p, author, ready, 0).await?;
    forum_thread::Entity::update_many()
        .col_expr(forum_thread::Column::LastPostAt, Expr::value(now))
        .col_expr(forum_thread::Column::ReplyCount, Expr::col(forum_thread::Column::ReplyCount).add(1))
        .filter(forum_thread::Column::Id.eq(thread.id))
        .exec(&txn)
        .await?;
    let link = thread_link(c.course.id, thread.id, p.id);
    let mut told = vec![];
    for uid in [thread.author_id, replied_to.as_ref().and_then(|r| r.author_id)].into_iter().flatten() {
        if !told.contains(&uid) {
            told.push(uid);
            notifications::notify(
                &txn,
                notifications::New {
                    user_id: uid,
                    course_id: Some(c.course.id),
                    kind: Notice::Reply,
                    actor_id: Some(author),
                    subject: &thread.title,
                    link: &link,
                },
            )
            .await?;
        }
    }
    save_mentions(&txn, c, p.id, &mentioned, &[], &thread.title, &link).await?;
    queries::mark_read(&txn, thread.id, author, p.id).await?;
    txn.commit().await?;
    Ok(with_notice("notice-forum-replied", Redirect::to(&link), c.ctx.secure))
}

fn to_thread(c: &CourseCtx, thread_id: i64, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/threads/{thread_id}", c.course.id)), c.ctx.secure)
}

async fn pin(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, thread_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let (t, _) = thread_in(&state, &c, thread_id).await?;
    let pinned = !t.pinned;
    let mut a: forum_thread::ActiveModel = t.into();
    a.pinned = Set(pinned);
    a.update(&state.db).await?;
    Ok(to_thread(&c, thread_id, if pinned { "notice-forum-pinned" } else { "notice-forum-unpinned" }))
}

async fn lock(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, thread_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let (t, _) = thread_in(&state, &c, thread_id).await?;
    let locked = !t.locked;
    let mut a: forum_thread::ActiveModel = t.into();
    a.locked = Set(locked);
    a.update(&state.db).await?;
    Ok(to_thread(&c, thread_id, if locked { "notice-forum-locked" } else { "notice-forum-unlocked" }))
}

// ---------------------------------------------------------------------------------
// One post: edit, history, delete, react, answer, report, hide, restore.

#[derive(Template)]
#[template(path = "forum/edit.html")]
struct EditPage {
    page: Page,
    course_id: i64,
    thread: forum_thread::Model,
    post_id: i64,
    opening: bool,
    title: String,
    body: String,
    error: Option<String>,
    existing: Vec<attachments::AttachmentView>,
    attach_hint: String,
    attach_slots: Vec<usize>,
}

impl EditPage {
    #[allow(clippy::too_many_arguments)]
    async fn build(
        state: &AppState,
        c: &CourseCtx,
        p: &forum_post::Model,
        thread: forum_thread::Model,
        title: String,
        body: String,
        error: Option<String>,
    ) -> AppResult<EditPage> {
        let existing = attachments::for_posts(&state.db, &[p.id]).await?.remove(&p.id).unwrap_or_default();
        let free = attachments::MAX_PER_POST.saturating_sub(existing.len());
        Ok(EditPage {
            page: Page::new(&c.ctx, "forum-edit-title"),
            course_id: c.course.id,
            thread,
            post_id: p.id,
            opening: p.opening,
            title,
            body,
            error,
            existing,
            attach_hint: attachments::hint(c.ctx.tr(), &state.config),
            attach_slots: (1..=free).collect(),
        })
    }
}

/// Only the author edits, and only while the post stands and the space is open.
async fn editable(
    state: &AppState,
    c: &CourseCtx,
    post_id: i64,
) -> AppResult<(forum_post::Model, forum_thread::Model, forum_space::Model)> {
    c.require(Action::PostInSpaces)?;
    let (p, t, s) = post_in(state, c, post_id).await?;
    if p.author_id != Some(c.user()?.id) {
        return Err(AppError::Forbidden);
    }
    require_open(c, &s)?;
    if p.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    Ok((p, t, s))
}

async fn edit_form(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (p, t, _) = editable(&state, &c, post_id).await?;
    let (title, body) = (t.title.clone(), p.body.clone());
    render(&EditPage::build(&state, &c, &p, t, title, body, None).await?)
}

async fn edit_post(
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
            let mut res = render(&EditPage::build(&state, &c, &p, t, f_title, f_body, Some(msg)).await?)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let redescribed = f.redescribed();
    let changes = Changes { ready: &ready, removed: &removed, keeping, redescribed: &redescribed };
    let written = write_edit(&state, &c, p, t, title, body, changes).await;
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

/// What an edit does to a post's attachments.
struct Changes<'a> {
    ready: &'a [attachments::Ready],
    removed: &'a [i64],
    keeping: usize,
    redescribed: &'a [(i64, String)],
}

/// Save an edit in one transaction; returns the storage keys of removed attachments.
async fn write_edit(
    state: &AppState,
    c: &CourseCtx,
    p: forum_post::Model,
    t: forum_thread::Model,
    title: Option<String>,
    body: String,
    changes: Changes<'_>,
) -> AppResult<(Response, Vec<String>)> {
    let now = now_ms();
    let txn = state.db.begin().await?;
    let gone = attachments::delete(&txn, p.id, Some(changes.removed)).await?;
    attachments::redescribe(&txn, p.id, changes.redescribed).await?;
    attachments::insert(&txn, &p, c.user()?.id, changes.ready, changes.keeping).await?;
    // The version being replaced, with when it was written.
    forum_post_revision::ActiveModel {
        post_id: Set(p.id),
        author_id: Set(p.author_id),
        body: Set(p.body.clone()),
        created_at: Set(p.edited_at.unwrap_or(p.created_at)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let (html, mentioned) = render_body(&txn, c.course.id, &body).await?;
    let before: Vec<i64> = forum_mention::Entity::find()
        .filter(forum_mention::Column::PostId.eq(p.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let subject = title.clone().unwrap_or_else(|| t.title.clone());
    if let Some(new_title) = &title {
        let mut a: forum_thread::ActiveModel = t.clone().into();
        a.title = Set(new_title.clone());
        a.update(&txn).await?;
    }
    let mut a: forum_post::ActiveModel = p.clone().into();
    a.search_text = Set(search_text(title.as_deref(), &body));
    a.body = Set(body);
    a.body_html = Set(html);
    a.edited_at = Set(Some(now));
    a.update(&txn).await?;
    let link = thread_link(c.course.id, t.id, p.id);
    save_mentions(&txn, c, p.id, &mentioned, &before, &subject, &link).await?;
    txn.commit().await?;
    Ok((with_notice("notice-saved", Redirect::to(&link), c.ctx.secure), gone))
}

pub struct RevisionView {
    pub when: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "forum/history.html")]
struct HistoryPage {
    page: Page,
    course_id: i64,
    thread: forum_thread::Model,
    post_id: i64,
    author: String,
    current: RevisionView,
    earlier: Vec<RevisionView>,
}

async fn history(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let (p, t, _) = post_in(&state, &c, post_id).await?;
    let mine = p.author_id.is_some() && p.author_id == c.ctx.user.as_ref().map(|u| u.id);
    if p.deleted_at.is_some() || (p.hidden_at.is_some() && !mine && !c.may(Action::ModerateSpaces)) {
        return Err(AppError::NotFound);
    }
    let revisions = forum_post_revision::Entity::find()
        .filter(forum_post_revision::Column::PostId.eq(p.id))
        .order_by_desc(forum_post_revision::Column::Id)
        .all(&state.db)
        .await?;
    let people = crate::groups::queries::people(&state.db, &p.author_id.into_iter().collect::<Vec<_>>()).await?;
    let page = Page::new(&c.ctx, "forum-history-title");
    // Earlier versions are shown as they were written, without re-resolving mentions.
    let earlier = revisions
        .iter()
        .map(|r| RevisionView { when: page.when(&r.created_at), html: crate::markdown::to_html(&r.body) })
        .collect();
    render(&HistoryPage {
        course_id: c.course.id,
        post_id: p.id,
        author: author_name(&people, p.author_id, c.ctx.tr()),
        current: RevisionView { when: page.when(&p.edited_at.unwrap_or(p.created_at)), html: p.body_html },
        earlier,
        thread: t,
        page,
    })
}

/// Soft deletion: the place in the thread stays ("deleted by its author") so replies
/// keep their context, but the words, their history, mentions and reactions go.
async fn delete_post(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (p, t, _) = editable(&state, &c, post_id).await?;
    let txn = state.db.begin().await?;
    let gone = attachments::delete(&txn, p.id, None).await?;
    forum_post_revision::Entity::delete_many().filter(forum_post_revision::Column::PostId.eq(p.id)).exec(&txn).await?;
    forum_mention::Entity::delete_many().filter(forum_mention::Column::PostId.eq(p.id)).exec(&txn).await?;
    forum_reaction::Entity::delete_many().filter(forum_reaction::Column::PostId.eq(p.id)).exec(&txn).await?;
    let mut a: forum_post::ActiveModel = p.into();
    a.body = Set(String::new());
    a.body_html = Set(String::new());
    a.search_text = Set(String::new());
    a.deleted_at = Set(Some(now_ms()));
    a.update(&txn).await?;
    txn.commit().await?;
    for k in gone {
        crate::media::remove_files(&state.config, &k).await;
    }
    Ok(to_thread(&c, t.id, "notice-forum-deleted"))
}

#[derive(Deserialize)]
struct ReactForm {
    emoji: String,
}

async fn react(
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
    Ok(with_notice("notice-forum-reacted", Redirect::to(&thread_link(c.course.id, t.id, p.id)), c.ctx.secure))
}

/// The asker or the teaching team marks a reply as the answer (again: unmarks it).
async fn mark_answer(
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
    Ok(to_thread(&c, thread_id, if answer.is_some() { "notice-forum-answered" } else { "notice-forum-unanswered" }))
}

#[derive(Deserialize)]
struct ReasonForm {
    reason: String,
}

async fn report(
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
    Ok(to_thread(&c, t.id, "notice-forum-reported"))
}

async fn hide(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
    Form(f): Form<ReasonForm>,
) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let (p, t, _) = post_in(&state, &c, post_id).await?;
    let reason = reason_ok(&f.reason)?;
    let me = c.user()?.id;
    let now = now_ms();
    let txn = state.db.begin().await?;
    let mut a: forum_post::ActiveModel = p.clone().into();
    a.hidden_at = Set(Some(now));
    a.hidden_reason = Set(Some(reason));
    a.hidden_by = Set(Some(me));
    a.update(&txn).await?;
    close_reports(&txn, p.id, "hidden", me, now).await?;
    txn.commit().await?;
    Ok(to_thread(&c, t.id, "notice-forum-hidden"))
}

async fn close_reports(txn: &impl ConnectionTrait, post_id: i64, status: &str, by: i64, at: i64) -> AppResult<()> {
    forum_report::Entity::update_many()
        .col_expr(forum_report::Column::Status, Expr::value(status))
        .col_expr(forum_report::Column::ResolvedBy, Expr::value(by))
        .col_expr(forum_report::Column::ResolvedAt, Expr::value(at))
        .filter(forum_report::Column::PostId.eq(post_id))
        .filter(forum_report::Column::Status.eq("open"))
        .exec(txn)
        .await?;
    Ok(())
}

async fn restore(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let (p, t, _) = post_in(&state, &c, post_id).await?;
    let mut a: forum_post::ActiveModel = p.into();
    a.hidden_at = Set(None);
    a.hidden_reason = Set(None);
    a.hidden_by = Set(None);
    a.update(&state.db).await?;
    Ok(to_thread(&c, t.id, "notice-forum-restored"))
}

pub struct ReportView {
    pub id: i64,
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub author: String,
    pub reporter: String,
    pub reason: String,
    pub when: String,
    pub excerpt: String,
    pub hidden: bool,
}

#[derive(Template)]
#[template(path = "forum/reports.html")]
struct ReportsPage {
    page: Page,
    course_id: i64,
    course_title: String,
    reports: Vec<ReportView>,
}

async fn reports(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let db = &state.db;
    let open = forum_report::Entity::find()
        .filter(forum_report::Column::CourseId.eq(c.course.id))
        .filter(forum_report::Column::Status.eq("open"))
        .order_by_asc(forum_report::Column::Id)
        .all(db)
        .await?;
    let post_ids: Vec<i64> = open.iter().map(|r| r.post_id).collect();
    let posts: HashMap<i64, forum_post::Model> = forum_post::Entity::find()
        .filter(forum_post::Column::Id.is_in(post_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let thread_ids: Vec<i64> = posts.values().map(|p| p.thread_id).collect();
    let threads: HashMap<i64, forum_thread::Model> = forum_thread::Entity::find()
        .filter(forum_thread::Column::Id.is_in(thread_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut people_ids: Vec<i64> = open.iter().map(|r| r.reporter_id).collect();
    people_ids.extend(posts.values().filter_map(|p| p.author_id));
    let people = crate::groups::queries::people(db, &people_ids).await?;
    let page = Page::new(&c.ctx, "forum-reports-title");
    let tr = c.ctx.tr();
    let list = open
        .into_iter()
        .filter_map(|r| {
            let p = posts.get(&r.post_id)?;
            let t = threads.get(&p.thread_id)?;
            Some(ReportView {
                id: r.id,
                post_id: p.id,
                thread_id: t.id,
                thread_title: t.title.clone(),
                author: author_name(&people, p.author_id, tr),
                reporter: author_name(&people, Some(r.reporter_id), tr),
                reason: r.reason,
                when: page.when(&r.created_at),
                excerpt: text::snippet(&p.body, "", 280).into_iter().map(|(s, _)| s).collect(),
                hidden: p.hidden_at.is_some(),
            })
        })
        .collect();
    render(&ReportsPage { page, course_id: c.course.id, course_title: c.course.title.clone(), reports: list })
}

async fn dismiss(
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
    Ok(with_notice("notice-forum-dismissed", Redirect::to(&format!("/courses/{}/reports", c.course.id)), c.ctx.secure))
}

// ---------------------------------------------------------------------------------
// Search.

pub struct Hit {
    pub thread_id: i64,
    pub post_id: i64,
    pub title: Vec<text::Piece>,
    pub author: String,
    pub when: String,
    pub pieces: Vec<text::Piece>,
}

#[derive(Template)]
#[template(path = "forum/search.html")]
struct SearchPage {
    page: Page,
    course_id: i64,
    course_title: String,
    q: String,
    author: Option<i64>,
    author_name: Option<String>,
    hits: Vec<Hit>,
    total: u64,
    page_no: u64,
    has_more: bool,
}

#[derive(Deserialize, Default)]
struct SearchQuery {
    #[serde(default)]
    q: String,
    author: Option<i64>,
    #[serde(default)]
    page: u64,
}

async fn search(State(state): State<AppState>, c: CourseCtx, Query(sq): Query<SearchQuery>) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Search).await?;
    let db = &state.db;
    let term: String = squash(&sq.q).chars().take(100).collect();
    let (posts, total) = if term.is_empty() && sq.author.is_none() {
        (vec![], 0)
    } else {
        queries::search(db, c.course.id, &term, sq.author, sq.page).await?
    };
    let thread_ids: Vec<i64> = posts.iter().map(|p| p.thread_id).collect();
    let threads: HashMap<i64, forum_thread::Model> = forum_thread::Entity::find()
        .filter(forum_thread::Column::Id.is_in(thread_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut ids: Vec<i64> = posts.iter().filter_map(|p| p.author_id).collect();
    ids.extend(sq.author);
    let people = crate::groups::queries::people(db, &ids).await?;
    let tr = c.ctx.tr();
    let page = Page::new(&c.ctx, "forum-search-title");
    let hits = posts
        .into_iter()
        .map(|p| {
            let title = threads.get(&p.thread_id).map(|t| t.title.as_str()).unwrap_or_default();
            // The title is marked only where the opening post matched by it; a match only
            // in the title shows the start of the body.
            Hit {
                thread_id: p.thread_id,
                post_id: p.id,
                author: author_name(&people, p.author_id, tr),
                when: page.when(&p.created_at),
                pieces: text::snippet(&p.body, &term, 200),
                title: if p.opening { text::snippet(title, &term, 200) } else { vec![(title.to_string(), false)] },
            }
        })
        .collect();
    render(&SearchPage {
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        author_name: sq.author.and_then(|a| people.get(&a)).map(|u| u.name.clone()),
        has_more: (sq.page + 1) * queries::SEARCH_PAGE < total,
        q: term,
        author: sq.author,
        hits,
        total,
        page_no: sq.page,
        page,
    })
}

impl SearchPage {
    fn page_link(&self, n: u64) -> String {
        let mut pairs = vec![("q", self.q.clone()), ("page", n.to_string())];
        if let Some(a) = self.author {
            pairs.push(("author", a.to_string()));
        }
        format!("/courses/{}/spaces/search?{}", self.course_id, serde_urlencoded::to_string(pairs).unwrap_or_default())
    }
}
