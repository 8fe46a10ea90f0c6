//! The demo sign-ins' notification centres: the replies, mentions, welcomes and messages
//! the demo wrote for them, told through the same functions that tell people in use
//! (so they group as they would: "12 new replies in ..."). Groups and check-ins tell
//! their people where the demo publishes them (`seed_groups`).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entity::{
    conversation_member, forum_mention, forum_post, forum_thread, introduction, introduction_reply, message,
    notification,
};
use crate::notifications::events::{self, Reply};
use crate::notifications::rules::{Mode, Target};
use crate::notifications::{Kind, New, notify, subscriptions};

/// The newest replies in a thread that are told about: enough to show grouping, bounded
/// for the large demo classes.
const REPLIES_PER_THREAD: usize = 40;

/// Tell `who` (the demo's sign-ins) about what the demo wrote for them, and have the
/// first of them follow a thread, so the settings page has a choice to show.
pub async fn seed(txn: &impl ConnectionTrait, course_id: i64, who: &[i64], now: i64) -> anyhow::Result<()> {
    let link_of = |thread: i64, post: i64| format!("/courses/{course_id}/threads/{thread}?post={post}#post-{post}");
    // Replies in their threads.
    let threads = forum_thread::Entity::find()
        .filter(forum_thread::Column::CourseId.eq(course_id))
        .filter(forum_thread::Column::AuthorId.is_in(who.to_vec()))
        .order_by_asc(forum_thread::Column::Id)
        .all(txn)
        .await?;
    for t in &threads {
        let posts = forum_post::Entity::find()
            .filter(forum_post::Column::ThreadId.eq(t.id))
            .filter(forum_post::Column::Opening.eq(false))
            .order_by_desc(forum_post::Column::Id)
            .all(txn)
            .await?;
        for p in posts.iter().take(REPLIES_PER_THREAD).rev() {
            let Some(author) = p.author_id else { continue };
            let reply = Reply {
                course_id,
                space_id: t.space_id,
                thread_id: t.id,
                thread_title: &t.title,
                author,
                concerns: t.author_id.into_iter().collect(),
                link: &link_of(t.id, p.id),
            };
            events::reply_posted(txn, reply).await?;
        }
    }
    // Mentions of them elsewhere (in their own threads the reply was the news).
    let mentions =
        forum_mention::Entity::find().filter(forum_mention::Column::UserId.is_in(who.to_vec())).all(txn).await?;
    let posts: Vec<i64> = mentions.iter().map(|m| m.post_id).collect();
    let posts = forum_post::Entity::find().filter(forum_post::Column::Id.is_in(posts)).all(txn).await?;
    let titles = forum_thread::Entity::find()
        .filter(forum_thread::Column::Id.is_in(posts.iter().map(|p| p.thread_id).collect::<Vec<_>>()))
        .all(txn)
        .await?;
    for m in &mentions {
        let Some(p) = posts.iter().find(|p| p.id == m.post_id) else { continue };
        let Some(t) = titles.iter().find(|t| t.id == p.thread_id) else { continue };
        if t.author_id == Some(m.user_id) {
            continue;
        }
        let link = link_of(t.id, p.id);
        let n = New {
            user_id: m.user_id,
            course_id: Some(course_id),
            kind: Kind::Mention,
            actor_id: p.author_id,
            subject: &t.title,
            link: &link,
        };
        notify(txn, n).await?;
    }
    // Welcomes of their introductions.
    let intros = introduction::Entity::find()
        .filter(introduction::Column::CourseId.eq(course_id))
        .filter(introduction::Column::UserId.is_in(who.to_vec()))
        .all(txn)
        .await?;
    for intro in &intros {
        let replies = introduction_reply::Entity::find()
            .filter(introduction_reply::Column::IntroductionId.eq(intro.id))
            .order_by_asc(introduction_reply::Column::Id)
            .all(txn)
            .await?;
        let link = format!("/courses/{course_id}/introductions#intro-{}", intro.id);
        for r in &replies {
            let n = New {
                user_id: intro.user_id,
                course_id: Some(course_id),
                kind: Kind::Welcome,
                actor_id: Some(r.user_id),
                subject: &r.body,
                link: &link,
            };
            notify(txn, n).await?;
        }
    }
    // Messages to them.
    let memberships = conversation_member::Entity::find()
        .filter(conversation_member::Column::UserId.is_in(who.to_vec()))
        .all(txn)
        .await?;
    for cm in &memberships {
        let messages = message::Entity::find()
            .filter(message::Column::ConversationId.eq(cm.conversation_id))
            .order_by_asc(message::Column::Id)
            .all(txn)
            .await?;
        let link = format!("/courses/{course_id}/messages/{}", cm.conversation_id);
        for msg in messages.iter().filter(|m| m.user_id != Some(cm.user_id)) {
            let n = New {
                user_id: cm.user_id,
                course_id: Some(course_id),
                kind: Kind::Message,
                actor_id: msg.user_id,
                subject: &msg.body,
                link: &link,
            };
            notify(txn, n).await?;
        }
    }
    // The first sign-in follows the newest thread someone else started.
    if let Some(&me) = who.first() {
        let newest = forum_thread::Entity::find()
            .filter(forum_thread::Column::CourseId.eq(course_id))
            .filter(forum_thread::Column::AuthorId.ne(me))
            .order_by_desc(forum_thread::Column::Id)
            .one(txn)
            .await?;
        if let Some(t) = newest {
            subscriptions::choose(txn, me, course_id, Target::Thread, t.id, Some(Mode::Follow)).await?;
        }
    }
    // News to the demo's people, not to their (made-up) mailboxes: already "sent".
    notification::Entity::update_many()
        .col_expr(notification::Column::EmailedAt, Expr::value(now))
        .filter(notification::Column::EmailedAt.is_null())
        .exec(txn)
        .await?;
    Ok(())
}
