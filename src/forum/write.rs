//! Writing in the spaces: threads, replies, edits, deletion and moderation, each in one
//! transaction that also keeps the thread's `last_post_id` (what unread markers compare)
//! and the search index right. The handlers in `actions` check who may do what and read
//! the forms; scheduled posts and the demo come here too.

use axum::response::Response;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use super::access::{back, post_link};
use super::queries::{self, Kind};
use super::rules::search_text;
use super::{attachments, text};
use crate::app::AppState;
use crate::db::entity::{
    forum_mention, forum_post, forum_post_revision, forum_reaction, forum_report, forum_space, forum_thread,
};
use crate::error::AppResult;
use crate::notifications::{self, Kind as Notice};
use crate::time::now_ms;
use crate::web::{CourseCtx, with_notice};

/// Rendered HTML of a post and who it mentions. Mentions link to the person's profile.
pub(super) async fn render_body(
    db: &impl ConnectionTrait,
    course_id: i64,
    body: &str,
) -> AppResult<(String, Vec<i64>)> {
    let members = crate::courses::queries::members(db, course_id).await?;
    let names: Vec<(i64, &str)> = members.iter().map(|m| (m.user_id, m.name.as_str())).collect();
    Ok(render_with(course_id, body, &names))
}

/// A post's HTML given the course's members (id, name), and whom it mentions.
pub fn render_with(course_id: i64, body: &str, members: &[(i64, &str)]) -> (String, Vec<i64>) {
    let found = text::find_mentions(body, members);
    // A mention leads to the person's profile in this course (which asks the policy).
    let linked = text::link_mentions(body, &found, |id| format!("/courses/{course_id}/people/{id}"));
    (crate::markdown::to_html(&linked), text::mentioned_ids(&found))
}

pub(super) async fn write_thread(
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
    txn.commit().await?;
    Ok(back(c, &format!("/threads/{}", thread.id), "notice-forum-thread-started"))
}

/// Start a thread in `space` as `author`: the thread, its opening post (which the author
/// has read), mentions and, in an announcements space, an Announcement notification to
/// every member. The caller
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
        last_post_id: Set(0),
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
    let mut a: forum_thread::ActiveModel = thread.into();
    a.last_post_id = Set(p.id);
    let thread = a.update(txn).await?;
    queries::mark_read(txn, thread.id, author, p.id).await?;
    if !notify {
        return Ok((thread, p));
    }
    let link = post_link(course_id, thread.id, p.id);
    // Announcements reach every member, other threads the space's followers; a person
    // also mentioned in the post hears once.
    let told = notifications::events::thread_started(
        txn,
        notifications::events::Thread {
            course_id,
            space_id: space.id,
            thread_id: thread.id,
            title,
            author,
            announcement: space.kind == Kind::Announcements.as_str(),
            link: &link,
        },
    )
    .await?;
    notify_mentions_except(txn, course_id, author, p.id, &mentioned, &[], &told, title, &link).await?;
    Ok((thread, p))
}

/// Store who a post mentions and tell those not told before (an edit adds mentions), or
/// told about the same post another way.
async fn save_mentions(
    txn: &impl ConnectionTrait,
    c: &CourseCtx,
    post_id: i64,
    now: &[i64],
    before: &[i64],
    subject: &str,
    link: &str,
) -> AppResult<()> {
    notify_mentions_except(txn, c.course.id, c.user()?.id, post_id, now, before, &[], subject, link).await
}

/// `told` holds those told about this post another way (a reply, an announcement): their
/// mention is stored, not announced again.
#[allow(clippy::too_many_arguments)]
async fn notify_mentions_except(
    txn: &impl ConnectionTrait,
    course_id: i64,
    author: i64,
    post_id: i64,
    now: &[i64],
    before: &[i64],
    told: &[i64],
    subject: &str,
    link: &str,
) -> AppResult<()> {
    for uid in now.iter().filter(|u| !before.contains(u)) {
        forum_mention::ActiveModel { post_id: Set(post_id), user_id: Set(*uid), ..Default::default() }
            .insert(txn)
            .await?;
    }
    let fresh: Vec<i64> = now.iter().copied().filter(|u| !before.contains(u)).collect();
    for uid in notifications::rules::mention_audience(author, &fresh, told) {
        notifications::notify(
            txn,
            notifications::New {
                user_id: uid,
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

pub(super) async fn write_reply(
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
        .col_expr(forum_thread::Column::LastPostId, Expr::value(p.id))
        .filter(forum_thread::Column::Id.eq(thread.id))
        .exec(&txn)
        .await?;
    let link = post_link(c.course.id, thread.id, p.id);
    // The thread's author, the author of the post replied to and the followers hear of
    // the reply; a mention in it is for the others (one notification each).
    let told = notifications::events::reply_posted(
        &txn,
        notifications::events::Reply {
            course_id: c.course.id,
            space_id: thread.space_id,
            thread_id: thread.id,
            thread_title: &thread.title,
            author,
            concerns: [thread.author_id, replied_to.as_ref().and_then(|r| r.author_id)].into_iter().flatten().collect(),
            link: &link,
        },
    )
    .await?;
    notify_mentions_except(&txn, c.course.id, author, p.id, &mentioned, &[], &told, &thread.title, &link).await?;
    queries::mark_read(&txn, thread.id, author, p.id).await?;
    txn.commit().await?;
    Ok(with_notice("notice-forum-replied", axum::response::Redirect::to(&link), c.ctx.secure))
}

/// What an edit does to a post's attachments.
pub(super) struct Changes<'a> {
    pub ready: &'a [attachments::Ready],
    pub removed: &'a [i64],
    pub keeping: usize,
    pub redescribed: &'a [(i64, String)],
}

/// Save an edit in one transaction; returns the storage keys of removed attachments.
pub(super) async fn write_edit(
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
    let link = post_link(c.course.id, t.id, p.id);
    save_mentions(&txn, c, p.id, &mentioned, &before, &subject, &link).await?;
    txn.commit().await?;
    Ok((with_notice("notice-saved", axum::response::Redirect::to(&link), c.ctx.secure), gone))
}

/// Soft deletion: the place in the thread stays ("deleted by its author") so replies
/// keep their context, but the words, their history, mentions and reactions go; the
/// thread's newest standing post may now be an earlier one. Returns the storage keys of
/// the attachments removed.
pub(super) async fn delete_post(state: &AppState, p: forum_post::Model) -> AppResult<Vec<String>> {
    let txn = state.db.begin().await?;
    let gone = attachments::delete(&txn, p.id, None).await?;
    forum_post_revision::Entity::delete_many().filter(forum_post_revision::Column::PostId.eq(p.id)).exec(&txn).await?;
    forum_mention::Entity::delete_many().filter(forum_mention::Column::PostId.eq(p.id)).exec(&txn).await?;
    forum_reaction::Entity::delete_many().filter(forum_reaction::Column::PostId.eq(p.id)).exec(&txn).await?;
    let thread_id = p.thread_id;
    let mut a: forum_post::ActiveModel = p.into();
    a.body = Set(String::new());
    a.body_html = Set(String::new());
    a.search_text = Set(String::new());
    a.deleted_at = Set(Some(now_ms()));
    a.update(&txn).await?;
    queries::refresh_last_post(&txn, thread_id).await?;
    txn.commit().await?;
    Ok(gone)
}

/// A moderator hides a post (or, with `None`, shows it again); hiding closes the open
/// reports on it. Hidden posts are not new to anyone and are never found by search.
pub(super) async fn set_hidden(state: &AppState, p: forum_post::Model, hide: Option<(String, i64)>) -> AppResult<()> {
    let now = now_ms();
    let txn = state.db.begin().await?;
    let (post_id, thread_id) = (p.id, p.thread_id);
    let mut a: forum_post::ActiveModel = p.into();
    a.hidden_at = Set(hide.as_ref().map(|_| now));
    a.hidden_reason = Set(hide.as_ref().map(|(reason, _)| reason.clone()));
    a.hidden_by = Set(hide.as_ref().map(|(_, by)| *by));
    a.update(&txn).await?;
    if let Some((_, by)) = hide {
        forum_report::Entity::update_many()
            .col_expr(forum_report::Column::Status, Expr::value("hidden"))
            .col_expr(forum_report::Column::ResolvedBy, Expr::value(by))
            .col_expr(forum_report::Column::ResolvedAt, Expr::value(now))
            .filter(forum_report::Column::PostId.eq(post_id))
            .filter(forum_report::Column::Status.eq("open"))
            .exec(&txn)
            .await?;
    }
    queries::refresh_last_post(&txn, thread_id).await?;
    txn.commit().await?;
    Ok(())
}
