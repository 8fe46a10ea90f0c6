//! The tutor's weekly message: a short video or voice recording made in the browser
//! (`static/record.js`, as introductions and feedback do) or uploaded, with a transcript
//! that is always required, a title ("Week N" by default) and an optional short text.
//! There is one message per course week (the course's zone decides the week); posting
//! again in the same week replaces it. It is pinned on the course home and in "Our week"
//! for its week, every member is told (and emailed as their preferences say), and past
//! weeks' messages stay in a paged list. The class reacts with the spaces' emoji set and
//! replies under it; the author hears of replies, and staff answering a student is a
//! contact in the ledger. See docs/decisions/0030-weekly-message.md.

pub mod demo;
pub mod privacy;
pub mod queries;
pub mod routes;
pub mod rules;
pub mod views;

pub use routes::router;

use sea_orm::{ConnectionTrait, DbErr};

use crate::db::entity::course;
use queries::{Message, NewMessage, Written};

/// The purpose of a stored weekly recording: served to the course's members.
pub const PURPOSE: &str = "weekly";

pub fn link(course_id: i64, id: i64) -> String {
    format!("/courses/{course_id}/weekly/{id}")
}

/// Post (or replace) the message of the week `now` falls in, inside the caller's
/// transaction: the routes and the demo both write through here. The first message of a
/// week tells every member; a replacement tells nobody again. A recording replaced by a
/// new one loses its media row here; its storage key is returned for the caller to
/// remove the files once the transaction is committed.
pub async fn post_in(
    db: &impl ConnectionTrait,
    course: &course::Model,
    author: i64,
    draft: &rules::Draft,
    clip: Option<(&str, i64)>,
    now: i64,
) -> Result<(Written, Option<String>), DbErr> {
    let week = rules::week_of(now, &course.time_zone);
    let key = week.week.key();
    let m = NewMessage {
        course_id: course.id,
        author_id: author,
        week_start: week.start_ms,
        week_key: &key,
        title: &draft.title,
        transcript: &draft.transcript,
        body: &draft.body,
        clip,
    };
    let written = queries::write(db, &m, now).await?;
    if written.created {
        crate::notifications::events::weekly_message(
            db,
            course.id,
            author,
            &draft.title,
            &link(course.id, written.id),
            now,
        )
        .await?;
    }
    let gone = match written.replaced_media {
        Some(old) => crate::media::delete_row(db, old).await?,
        None => None,
    };
    Ok((written, gone))
}

/// A reply under a message, inside the caller's transaction (routes and demo): the
/// message's author hears of it, so does the writer of the reply it answers, and staff
/// answering a student is a contact in the ledger. `teaching` says whether the writer is
/// on the teaching team. Returns the reply's id.
#[allow(clippy::too_many_arguments)]
pub async fn reply_in(
    db: &impl ConnectionTrait,
    m: &Message,
    me: i64,
    teaching: bool,
    parent: Option<(i64, i64, Option<String>)>,
    body: &str,
    now: i64,
) -> Result<i64, DbErr> {
    let id = queries::add_reply(db, m.id, me, parent.as_ref().map(|p| p.0), body, now).await?;
    let link = link(m.course_id, m.id);
    let mut told = vec![me];
    if let Some((_, parent_author, role)) = &parent {
        let is_student = role.as_deref().map(|r| r == crate::policy::Role::Student.as_str());
        if rules::is_contact(teaching, is_student) {
            queries::record_contact(db, m.course_id, me, *parent_author, id, now).await?;
            crate::presence::request_refresh(db, m.course_id, &format!("weekly-{now}-{id}"), now).await?;
        }
        notify_reply(db, m, me, *parent_author, &link).await?;
        told.push(*parent_author);
    }
    if !told.contains(&m.author_id) {
        notify_reply(db, m, me, m.author_id, &link).await?;
    }
    Ok(id)
}

async fn notify_reply(db: &impl ConnectionTrait, m: &Message, me: i64, to: i64, link: &str) -> Result<(), DbErr> {
    crate::notifications::notify(
        db,
        crate::notifications::New {
            user_id: to,
            course_id: Some(m.course_id),
            kind: crate::notifications::Kind::Reply,
            actor_id: Some(me),
            subject: &m.title,
            link,
        },
    )
    .await
}
