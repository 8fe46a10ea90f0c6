//! Every statement of the weekly message, values always bound, column lists spliced at
//! compile time. A page costs a fixed number of statements: the message with its
//! author's name is one, its reactions (counts and the reader's own) one, a page of
//! replies with their writers' names one, a page of past weeks one.

use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use crate::db::sql::{all, exec, one};

/// A weekly message with its author's name.
#[derive(Clone, Debug)]
pub struct Message {
    pub id: i64,
    pub course_id: i64,
    pub author_id: i64,
    pub author: String,
    pub week_start: i64,
    pub week_key: String,
    pub title: String,
    pub kind: String,
    pub media_id: Option<i64>,
    pub transcript: String,
    pub body: String,
    pub created_at: i64,
    pub updated_at: i64,
}

macro_rules! cols {
    () => {
        "w.id AS id, w.course_id AS course_id, w.author_id AS author_id, u.name AS author, w.week_start AS week_start, \
         w.week_key AS week_key, w.title AS title, w.kind AS kind, w.media_id AS media_id, w.transcript AS transcript, \
         w.body AS body, w.created_at AS created_at, w.updated_at AS updated_at \
         FROM weekly_messages w JOIN users u ON u.id = w.author_id"
    };
}

fn message_of(r: &QueryResult) -> Result<Message, DbErr> {
    Ok(Message {
        id: r.try_get("", "id")?,
        course_id: r.try_get("", "course_id")?,
        author_id: r.try_get("", "author_id")?,
        author: r.try_get("", "author")?,
        week_start: r.try_get("", "week_start")?,
        week_key: r.try_get("", "week_key")?,
        title: r.try_get("", "title")?,
        kind: r.try_get("", "kind")?,
        media_id: r.try_get("", "media_id")?,
        transcript: r.try_get("", "transcript")?,
        body: r.try_get("", "body")?,
        created_at: r.try_get("", "created_at")?,
        updated_at: r.try_get("", "updated_at")?,
    })
}

/// A course's message by id (another course's is `None`).
pub async fn message(db: &impl ConnectionTrait, course_id: i64, id: i64) -> Result<Option<Message>, DbErr> {
    let sql = concat!("SELECT ", cols!(), " WHERE w.id = $1 AND w.course_id = $2");
    one(db, sql, vec![id.into(), course_id.into()]).await?.map(|r| message_of(&r)).transpose()
}

/// The message of the week starting at `week_start` (the pinned one): one statement.
pub async fn of_week(db: &impl ConnectionTrait, course_id: i64, week_start: i64) -> Result<Option<Message>, DbErr> {
    let sql = concat!("SELECT ", cols!(), " WHERE w.course_id = $1 AND w.week_start = $2");
    one(db, sql, vec![course_id.into(), week_start.into()]).await?.map(|r| message_of(&r)).transpose()
}

/// Where a page of a keyset list starts: after `(key, id)`, read forward or backward.
pub struct Keyset {
    pub after: Option<(i64, i64)>,
    pub backward: bool,
    pub limit: u64,
}

/// Past weeks' messages (before `week_start`), newest first, keyset on (week_start, id).
pub async fn past(
    db: &impl ConnectionTrait,
    course_id: i64,
    week_start: i64,
    k: &Keyset,
) -> Result<Vec<Message>, DbErr> {
    macro_rules! page {
        ($keyset:literal, $order:literal) => {
            concat!(
                "SELECT ",
                cols!(),
                " WHERE w.course_id = $1 AND w.week_start < $2 ",
                $keyset,
                " ORDER BY w.week_start ",
                $order,
                ", w.id ",
                $order,
                " LIMIT $3"
            )
        };
    }
    let base = vec![course_id.into(), week_start.into(), (k.limit as i64).into()];
    let (sql, values) = match (k.after, k.backward) {
        (None, false) => (page!("", "DESC"), base),
        (None, true) => (page!("", "ASC"), base),
        (Some((at, id)), false) => (
            page!("AND (w.week_start < $4 OR (w.week_start = $4 AND w.id < $5))", "DESC"),
            [base, vec![at.into(), id.into()]].concat(),
        ),
        (Some((at, id)), true) => (
            page!("AND (w.week_start > $4 OR (w.week_start = $4 AND w.id > $5))", "ASC"),
            [base, vec![at.into(), id.into()]].concat(),
        ),
    };
    all(db, sql, values).await?.iter().map(message_of).collect()
}

/// A message to write for a week.
pub struct NewMessage<'a> {
    pub course_id: i64,
    pub author_id: i64,
    pub week_start: i64,
    pub week_key: &'a str,
    pub title: &'a str,
    pub transcript: &'a str,
    pub body: &'a str,
    /// A new recording (its kind and media id); `None` keeps the week's recording.
    pub clip: Option<(&'a str, i64)>,
}

/// What writing a week's message did.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub id: i64,
    /// The first message of the week (the class is told); false when it replaced one.
    pub created: bool,
    /// The recording the message had before, now replaced (the caller removes it).
    pub replaced_media: Option<i64>,
}

/// Write the week's message: a new one, or the week's one edited in place (who posted
/// last signs it). Two tutors posting at once both end up in the one row: the insert
/// that loses the unique (course, week) index updates instead.
pub async fn write(db: &impl ConnectionTrait, m: &NewMessage<'_>, now: i64) -> Result<Written, DbErr> {
    let (kind, media) = match m.clip {
        Some((k, id)) => (Some(k), Some(id)),
        None => (None, None),
    };
    if let (Some(kind), Some(media)) = (kind, media) {
        let inserted = one(
            db,
            "INSERT INTO weekly_messages (course_id, author_id, week_start, week_key, title, kind, media_id, transcript, \
             body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
             ON CONFLICT (course_id, week_start) DO NOTHING RETURNING id",
            vec![
                m.course_id.into(),
                m.author_id.into(),
                m.week_start.into(),
                m.week_key.into(),
                m.title.into(),
                kind.into(),
                media.into(),
                m.transcript.into(),
                m.body.into(),
                now.into(),
            ],
        )
        .await?;
        if let Some(r) = inserted {
            return Ok(Written { id: r.try_get("", "id")?, created: true, replaced_media: None });
        }
    }
    let existing = one(
        db,
        "SELECT id, media_id FROM weekly_messages WHERE course_id = $1 AND week_start = $2",
        vec![m.course_id.into(), m.week_start.into()],
    )
    .await?
    .ok_or_else(|| DbErr::RecordNotFound("this week's message".into()))?;
    let id: i64 = existing.try_get("", "id")?;
    let old: Option<i64> = existing.try_get("", "media_id")?;
    exec(
        db,
        "UPDATE weekly_messages SET author_id = $1, title = $2, transcript = $3, body = $4, updated_at = $5, \
         kind = COALESCE($6, kind), media_id = COALESCE($7, media_id) WHERE id = $8",
        vec![
            m.author_id.into(),
            m.title.into(),
            m.transcript.into(),
            m.body.into(),
            now.into(),
            kind.map(str::to_string).into(),
            media.into(),
            id.into(),
        ],
    )
    .await?;
    let replaced_media = match (media, old) {
        (Some(new), Some(old)) if new != old => Some(old),
        _ => None,
    };
    Ok(Written { id, created: false, replaced_media })
}

/// A recording uploaded by `user_id` for this course's weekly message and kept from a
/// refused attempt (the form carries its id): its media kind, or `None` when it is not
/// theirs, not a recording, or already on a message.
pub async fn held_clip(
    db: &impl ConnectionTrait,
    media_id: i64,
    user_id: i64,
    course_id: i64,
) -> Result<Option<String>, DbErr> {
    let r = one(
        db,
        "SELECT md.kind AS kind FROM media md WHERE md.id = $1 AND md.user_id = $2 AND md.course_id = $3 \
         AND md.purpose = $4 AND md.kind IN ('audio', 'video') \
         AND NOT EXISTS (SELECT 1 FROM weekly_messages w WHERE w.media_id = md.id)",
        vec![media_id.into(), user_id.into(), course_id.into(), super::PURPOSE.into()],
    )
    .await?;
    r.map(|r| r.try_get("", "kind")).transpose()
}

/// Each reaction on a message: (emoji, how many, whether the reader is among them).
pub async fn reactions(db: &impl ConnectionTrait, message_id: i64, me: i64) -> Result<Vec<(String, i64, bool)>, DbErr> {
    let rows = all(
        db,
        "SELECT emoji, COUNT(*) AS n, CAST(MAX(CASE WHEN user_id = $2 THEN 1 ELSE 0 END) AS BIGINT) AS mine \
         FROM weekly_reactions WHERE message_id = $1 GROUP BY emoji",
        vec![message_id.into(), me.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            let mine: i64 = r.try_get("", "mine")?;
            Ok((r.try_get("", "emoji")?, r.try_get("", "n")?, mine > 0))
        })
        .collect()
}

/// React, or take the reaction back when it is there already.
pub async fn toggle_reaction(
    db: &impl ConnectionTrait,
    message_id: i64,
    me: i64,
    emoji: &str,
    now: i64,
) -> Result<(), DbErr> {
    let gone = exec(
        db,
        "DELETE FROM weekly_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3",
        vec![message_id.into(), me.into(), emoji.into()],
    )
    .await?;
    if gone == 0 {
        // A double click that raced itself adds nothing.
        exec(
            db,
            "INSERT INTO weekly_reactions (message_id, user_id, emoji, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (message_id, user_id, emoji) DO NOTHING",
            vec![message_id.into(), me.into(), emoji.into(), now.into()],
        )
        .await?;
    }
    Ok(())
}

/// A reply under a message, with its writer's name (empty once erased).
#[derive(Clone, Debug)]
pub struct Reply {
    pub id: i64,
    pub user_id: Option<i64>,
    pub name: String,
    pub parent_id: Option<i64>,
    pub body: String,
    pub created_at: i64,
}

fn reply_of(r: &QueryResult) -> Result<Reply, DbErr> {
    Ok(Reply {
        id: r.try_get("", "id")?,
        user_id: r.try_get("", "user_id")?,
        name: r.try_get::<Option<String>>("", "name")?.unwrap_or_default(),
        parent_id: r.try_get("", "parent_id")?,
        body: r.try_get("", "body")?,
        created_at: r.try_get("", "created_at")?,
    })
}

/// A page of replies, oldest first (a conversation reads down), keyset on (created_at, id).
pub async fn replies(db: &impl ConnectionTrait, message_id: i64, k: &Keyset) -> Result<Vec<Reply>, DbErr> {
    macro_rules! page {
        ($keyset:literal, $order:literal) => {
            concat!(
                "SELECT r.id AS id, r.user_id AS user_id, u.name AS name, r.parent_id AS parent_id, r.body AS body, \
                 r.created_at AS created_at FROM weekly_replies r LEFT JOIN users u ON u.id = r.user_id \
                 WHERE r.message_id = $1 ",
                $keyset,
                " ORDER BY r.created_at ",
                $order,
                ", r.id ",
                $order,
                " LIMIT $2"
            )
        };
    }
    let base = vec![message_id.into(), (k.limit as i64).into()];
    let (sql, values) = match (k.after, k.backward) {
        (None, false) => (page!("", "ASC"), base),
        (None, true) => (page!("", "DESC"), base),
        (Some((at, id)), false) => (
            page!("AND (r.created_at > $3 OR (r.created_at = $3 AND r.id > $4))", "ASC"),
            [base, vec![at.into(), id.into()]].concat(),
        ),
        (Some((at, id)), true) => (
            page!("AND (r.created_at < $3 OR (r.created_at = $3 AND r.id < $4))", "DESC"),
            [base, vec![at.into(), id.into()]].concat(),
        ),
    };
    all(db, sql, values).await?.iter().map(reply_of).collect()
}

/// The writer of a reply under a message and their role in the course (`None` for a
/// reply that is not there, or whose writer was erased or left).
pub async fn reply_author(
    db: &impl ConnectionTrait,
    message_id: i64,
    reply_id: i64,
) -> Result<Option<(i64, Option<String>)>, DbErr> {
    let r = one(
        db,
        "SELECT r.user_id AS user_id, m.role AS role FROM weekly_replies r \
         JOIN weekly_messages w ON w.id = r.message_id \
         LEFT JOIN memberships m ON m.course_id = w.course_id AND m.user_id = r.user_id \
         WHERE r.id = $1 AND r.message_id = $2 AND r.user_id IS NOT NULL",
        vec![reply_id.into(), message_id.into()],
    )
    .await?;
    r.map(|r| Ok((r.try_get("", "user_id")?, r.try_get("", "role")?))).transpose()
}

pub async fn add_reply(
    db: &impl ConnectionTrait,
    message_id: i64,
    user_id: i64,
    parent_id: Option<i64>,
    body: &str,
    now: i64,
) -> Result<i64, DbErr> {
    let r = one(
        db,
        "INSERT INTO weekly_replies (message_id, user_id, parent_id, body, created_at) VALUES ($1, $2, $3, $4, $5) \
         RETURNING id",
        vec![message_id.into(), user_id.into(), parent_id.into(), body.into(), now.into()],
    )
    .await?
    .ok_or_else(|| DbErr::Custom("weekly reply not inserted".into()))?;
    r.try_get("", "id")
}

/// A reply by staff answering a student is a contact in the ledger (kind `weekly-reply`,
/// derived from the reply's row), kept once.
pub async fn record_contact(
    db: &impl ConnectionTrait,
    course_id: i64,
    staff_id: i64,
    student_id: i64,
    reply_id: i64,
    now: i64,
) -> Result<(), DbErr> {
    exec(
        db,
        "INSERT INTO contacts (course_id, staff_id, student_id, kind, at, source, source_id, created_at) \
         VALUES ($1, $2, $3, 'weekly-reply', $4, 'derived', $5, $4) ON CONFLICT DO NOTHING",
        vec![course_id.into(), staff_id.into(), student_id.into(), now.into(), reply_id.into()],
    )
    .await?;
    Ok(())
}
