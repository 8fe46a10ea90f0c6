//! Reading the spaces: the course's spaces (made lazily), unread counts, thread lists,
//! a whole thread in a fixed number of queries, search, and small lists for a course
//! home newsfeed.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement, TransactionTrait,
};

use crate::db::entity::{forum_course_read, forum_post, forum_read, forum_space, forum_thread};

/// The kinds of space. Stored by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Discussion,
    Qa,
    Social,
    Announcements,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Discussion, Kind::Qa, Kind::Social, Kind::Announcements];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Discussion => "discussion",
            Kind::Qa => "qa",
            Kind::Social => "social",
            Kind::Announcements => "announcements",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Kind::Discussion => "forum-kind-discussion",
            Kind::Qa => "forum-kind-qa",
            Kind::Social => "forum-kind-social",
            Kind::Announcements => "forum-kind-announcements",
        }
    }
}

/// The spaces every course starts with: key, kind, Fluent ids of title and about.
pub const DEFAULTS: [(&str, Kind, &str, &str); 3] = [
    ("introductions", Kind::Discussion, "forum-default-introductions", "forum-default-introductions-about"),
    ("coffee", Kind::Social, "forum-default-coffee", "forum-default-coffee-about"),
    ("announcements", Kind::Announcements, "forum-default-announcements", "forum-default-announcements-about"),
];

/// Write the default spaces of a new course (in the caller's transaction).
pub async fn create_defaults(db: &impl ConnectionTrait, course_id: i64, tr: crate::i18n::Tr) -> Result<(), DbErr> {
    let now = crate::time::now_ms();
    for (i, (key, kind, title, about)) in DEFAULTS.iter().enumerate() {
        forum_space::ActiveModel {
            course_id: Set(course_id),
            kind: Set(kind.as_str().into()),
            title: Set(tr.t(title)),
            about: Set(tr.t(about)),
            position: Set(i as i32),
            archived: Set(false),
            default_key: Set(Some(key.to_string())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The course's spaces in order, making the defaults for a course that predates them
/// (two first visitors at once: the unique key index stops the second, which then reads).
pub async fn spaces(
    db: &DatabaseConnection,
    course_id: i64,
    tr: crate::i18n::Tr,
) -> Result<Vec<forum_space::Model>, DbErr> {
    let list = ordered_spaces(db, course_id).await?;
    if list.iter().any(|s| s.default_key.is_some()) {
        return Ok(list);
    }
    let txn = db.begin().await?;
    match create_defaults(&txn, course_id, tr).await {
        Ok(()) => txn.commit().await?,
        Err(e) if crate::db::is_unique_violation(&e) => txn.rollback().await?,
        Err(e) => return Err(e),
    }
    ordered_spaces(db, course_id).await
}

async fn ordered_spaces(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<forum_space::Model>, DbErr> {
    forum_space::Entity::find()
        .filter(forum_space::Column::CourseId.eq(course_id))
        .order_by_asc(forum_space::Column::Position)
        .order_by_asc(forum_space::Column::Id)
        .all(db)
        .await
}

/// The post id up to which "mark all read" has read the course for this person.
pub async fn course_mark(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<i64, DbErr> {
    Ok(forum_course_read::Entity::find()
        .filter(forum_course_read::Column::CourseId.eq(course_id))
        .filter(forum_course_read::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|r| r.last_post_id)
        .unwrap_or(0))
}

/// Unread posts (by others, after the person's markers) per thread of the course, or of
/// one space. One query.
pub async fn unread_by_thread(
    db: &impl ConnectionTrait,
    course_id: i64,
    user_id: i64,
    space_id: Option<i64>,
) -> Result<HashMap<i64, (i64, i64)>, DbErr> {
    let mark = course_mark(db, course_id, user_id).await?;
    let space = space_id.map(|s| format!(" AND t.space_id = {s}")).unwrap_or_default();
    // All values are integers from our own rows, so formatting them in is safe.
    let sql = format!(
        "SELECT p.thread_id AS tid, t.space_id AS sid, COUNT(p.id) AS n FROM forum_posts p \
         JOIN forum_threads t ON t.id = p.thread_id \
         LEFT JOIN forum_reads r ON r.thread_id = p.thread_id AND r.user_id = {user_id} \
         WHERE p.course_id = {course_id}{space} AND p.id > {mark} AND p.id > COALESCE(r.last_post_id, 0) \
         AND (p.author_id IS NULL OR p.author_id <> {user_id}) GROUP BY p.thread_id, t.space_id"
    );
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    let mut out = HashMap::new();
    for r in rows {
        out.insert(r.try_get::<i64>("", "tid")?, (r.try_get::<i64>("", "sid")?, r.try_get::<i64>("", "n")?));
    }
    Ok(out)
}

/// Per space: threads, unanswered questions.
pub async fn space_counts(db: &impl ConnectionTrait, course_id: i64) -> Result<HashMap<i64, (i64, i64)>, DbErr> {
    let sql = format!(
        "SELECT space_id AS sid, COUNT(id) AS n, SUM(CASE WHEN answer_post_id IS NULL THEN 1 ELSE 0 END) AS open \
         FROM forum_threads WHERE course_id = {course_id} GROUP BY space_id"
    );
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    let mut out = HashMap::new();
    for r in rows {
        out.insert(r.try_get::<i64>("", "sid")?, (r.try_get::<i64>("", "n")?, r.try_get::<i64>("", "open")?));
    }
    Ok(out)
}

/// Record that a person has read a thread up to `last_post_id` (never backwards).
pub async fn mark_read(
    db: &impl ConnectionTrait,
    thread_id: i64,
    user_id: i64,
    last_post_id: i64,
) -> Result<(), DbErr> {
    let existing = forum_read::Entity::find()
        .filter(forum_read::Column::ThreadId.eq(thread_id))
        .filter(forum_read::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(r) if r.last_post_id >= last_post_id => Ok(()),
        Some(r) => {
            forum_read::Entity::update_many()
                .col_expr(forum_read::Column::LastPostId, Expr::value(last_post_id))
                .filter(forum_read::Column::Id.eq(r.id))
                .filter(forum_read::Column::LastPostId.lt(last_post_id))
                .exec(db)
                .await?;
            Ok(())
        }
        None => {
            let r = forum_read::ActiveModel {
                thread_id: Set(thread_id),
                user_id: Set(user_id),
                last_post_id: Set(last_post_id),
                ..Default::default()
            }
            .insert(db)
            .await;
            match r {
                // Two tabs at once: the other one recorded it.
                Err(e) if crate::db::is_unique_violation(&e) => Ok(()),
                other => other.map(|_| ()),
            }
        }
    }
}

/// Mark everything in the course read up to its newest post.
pub async fn mark_course_read(db: &DatabaseConnection, course_id: i64, user_id: i64) -> Result<(), DbErr> {
    let newest = forum_post::Entity::find()
        .filter(forum_post::Column::CourseId.eq(course_id))
        .order_by_desc(forum_post::Column::Id)
        .one(db)
        .await?
        .map(|p| p.id)
        .unwrap_or(0);
    let existing = forum_course_read::Entity::find()
        .filter(forum_course_read::Column::CourseId.eq(course_id))
        .filter(forum_course_read::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(r) => {
            let mut a: forum_course_read::ActiveModel = r.into();
            a.last_post_id = Set(newest);
            a.update(db).await?;
        }
        None => {
            let r = forum_course_read::ActiveModel {
                course_id: Set(course_id),
                user_id: Set(user_id),
                last_post_id: Set(newest),
                ..Default::default()
            }
            .insert(db)
            .await;
            if let Err(e) = r
                && !crate::db::is_unique_violation(&e)
            {
                return Err(e);
            }
        }
    }
    Ok(())
}

/// The newest threads of the course's open spaces, for a newsfeed.
pub async fn recent_threads(
    db: &impl ConnectionTrait,
    course_id: i64,
    limit: u64,
) -> Result<Vec<forum_thread::Model>, DbErr> {
    let open = forum_space::Column::Archived.eq(false);
    newest_threads(db, course_id, open, forum_thread::Column::LastPostAt, limit).await
}

/// The newest announcements of the course, newest first.
pub async fn recent_announcements(
    db: &impl ConnectionTrait,
    course_id: i64,
    limit: u64,
) -> Result<Vec<forum_thread::Model>, DbErr> {
    let announcements = forum_space::Column::Kind.eq(Kind::Announcements.as_str());
    newest_threads(db, course_id, announcements, forum_thread::Column::CreatedAt, limit).await
}

/// The course's threads in the spaces `which` picks, newest by `by` first: one query,
/// since both lists are read on every course home.
async fn newest_threads(
    db: &impl ConnectionTrait,
    course_id: i64,
    which: sea_orm::sea_query::SimpleExpr,
    by: forum_thread::Column,
    limit: u64,
) -> Result<Vec<forum_thread::Model>, DbErr> {
    let spaces = sea_orm::sea_query::Query::select()
        .column(forum_space::Column::Id)
        .from(forum_space::Entity)
        .and_where(forum_space::Column::CourseId.eq(course_id))
        .and_where(which)
        .to_owned();
    forum_thread::Entity::find()
        .filter(forum_thread::Column::SpaceId.in_subquery(spaces))
        .order_by_desc(by)
        .order_by_desc(forum_thread::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

pub const SEARCH_PAGE: u64 = 20;

/// Visible posts of the course whose title or body contains `term` (any case), newest
/// first, one page; and how many there are in all. Matching is on the stored folded
/// text with LIKE, which behaves the same on both databases.
pub async fn search(
    db: &impl ConnectionTrait,
    course_id: i64,
    term: &str,
    author: Option<i64>,
    page: u64,
) -> Result<(Vec<forum_post::Model>, u64), DbErr> {
    let mut q = forum_post::Entity::find()
        .filter(forum_post::Column::CourseId.eq(course_id))
        .filter(forum_post::Column::DeletedAt.is_null())
        .filter(forum_post::Column::HiddenAt.is_null());
    if !term.trim().is_empty() {
        q = q.filter(
            Expr::col((forum_post::Entity, forum_post::Column::SearchText))
                .like(LikeExpr::new(super::text::like_pattern(term)).escape('\\')),
        );
    }
    if let Some(a) = author {
        q = q.filter(forum_post::Column::AuthorId.eq(a));
    }
    let total = q.clone().count(db).await?;
    let rows = q.order_by_desc(forum_post::Column::Id).offset(page * SEARCH_PAGE).limit(SEARCH_PAGE).all(db).await?;
    Ok((rows, total))
}
