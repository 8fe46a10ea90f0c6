//! Search in the spaces with each database's full-text index: SQLite's FTS5 table
//! `forum_posts_fts` (kept in step by triggers) ranked by bm25, PostgreSQL's
//! `search_tsv` (a generated `tsvector` with a GIN index) ranked by `ts_rank`. Results
//! are paged by a keyset on (rank, id): the rank is scaled to an integer so a cursor
//! compares exactly. Every value is bound; the statements are fixed text. (FTS5's rank
//! is read in a subquery of its own: its ranking functions refuse to run inside one
//! with a window function.) On SQLite the matches must be the outer loop: left to
//! itself the planner walks the course's posts and runs the full-text match once for
//! each, which took minutes on a course of 100,000 posts. `CROSS JOIN` fixes the order
//! (SQLite never reorders its operands), and a test reads the plan to keep it so.

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
};
use sea_orm::{PaginatorTrait, Statement, Value};

use crate::db::entity::forum_post;
use crate::web::paging::{Cursor, Dir};

/// A post found, with what the results list shows of it.
pub struct Found {
    pub id: i64,
    pub thread_id: i64,
    pub author_id: Option<i64>,
    pub created_at: i64,
    pub opening: bool,
    /// The start of its source, to cut the snippet from.
    pub excerpt: String,
    /// The rank as the cursor keeps it (0 when listing one person's posts).
    pub score: i64,
}

/// The columns every statement returns, and the posts that may show: this course's,
/// standing (deleted and hidden posts are never found), by the author if one is given.
/// `?1`/`$1` is the query, `?2` the course, `?3` the author or NULL, `?4`/`?5` the
/// cursor's rank and id, `?6` the limit.
const SQLITE_AFTER: &str = "SELECT s.id, s.score, s.total, p.thread_id, p.author_id, p.created_at, p.opening, \
     SUBSTR(p.body, 1, ?7) AS excerpt FROM (\
       SELECT q.id, CAST(-f.rank * 1000000000 AS INTEGER) AS score, COUNT(*) OVER () AS total \
       FROM (SELECT rowid AS id, rank FROM forum_posts_fts WHERE forum_posts_fts MATCH ?1) f \
       CROSS JOIN forum_posts q ON q.id = f.id \
       WHERE q.course_id = ?2 AND q.deleted_at IS NULL AND q.hidden_at IS NULL \
       AND (?3 IS NULL OR q.author_id = ?3)\
     ) s JOIN forum_posts p ON p.id = s.id \
     WHERE s.score < ?4 OR (s.score = ?4 AND s.id < ?5) ORDER BY s.score DESC, s.id DESC LIMIT ?6";

const SQLITE_BEFORE: &str = "SELECT s.id, s.score, s.total, p.thread_id, p.author_id, p.created_at, p.opening, \
     SUBSTR(p.body, 1, ?7) AS excerpt FROM (\
       SELECT q.id, CAST(-f.rank * 1000000000 AS INTEGER) AS score, COUNT(*) OVER () AS total \
       FROM (SELECT rowid AS id, rank FROM forum_posts_fts WHERE forum_posts_fts MATCH ?1) f \
       CROSS JOIN forum_posts q ON q.id = f.id \
       WHERE q.course_id = ?2 AND q.deleted_at IS NULL AND q.hidden_at IS NULL \
       AND (?3 IS NULL OR q.author_id = ?3)\
     ) s JOIN forum_posts p ON p.id = s.id \
     WHERE s.score > ?4 OR (s.score = ?4 AND s.id > ?5) ORDER BY s.score ASC, s.id ASC LIMIT ?6";

const POSTGRES_AFTER: &str = "SELECT s.id, s.score, s.total, p.thread_id, p.author_id, p.created_at, p.opening, \
     SUBSTR(p.body, 1, $7) AS excerpt FROM (\
       SELECT q.id, CAST(ts_rank(q.search_tsv, w) * 1000000000 AS BIGINT) AS score, COUNT(*) OVER () AS total \
       FROM forum_posts q, plainto_tsquery('simple', $1) w \
       WHERE q.search_tsv @@ w AND q.course_id = $2 AND q.deleted_at IS NULL AND q.hidden_at IS NULL \
       AND ($3::bigint IS NULL OR q.author_id = $3)\
     ) s JOIN forum_posts p ON p.id = s.id \
     WHERE s.score < $4 OR (s.score = $4 AND s.id < $5) ORDER BY s.score DESC, s.id DESC LIMIT $6";

const POSTGRES_BEFORE: &str = "SELECT s.id, s.score, s.total, p.thread_id, p.author_id, p.created_at, p.opening, \
     SUBSTR(p.body, 1, $7) AS excerpt FROM (\
       SELECT q.id, CAST(ts_rank(q.search_tsv, w) * 1000000000 AS BIGINT) AS score, COUNT(*) OVER () AS total \
       FROM forum_posts q, plainto_tsquery('simple', $1) w \
       WHERE q.search_tsv @@ w AND q.course_id = $2 AND q.deleted_at IS NULL AND q.hidden_at IS NULL \
       AND ($3::bigint IS NULL OR q.author_id = $3)\
     ) s JOIN forum_posts p ON p.id = s.id \
     WHERE s.score > $4 OR (s.score = $4 AND s.id > $5) ORDER BY s.score ASC, s.id ASC LIMIT $6";

/// Posts of the course with every word, best first, one page (`size + 1` rows), and how
/// many there are in all. `words` are already folded (`rules::search_words`) and not
/// empty. One statement.
pub async fn by_words(
    db: &impl ConnectionTrait,
    course_id: i64,
    words: &[String],
    author: Option<i64>,
    dir: Dir,
    from: Option<&Cursor>,
    size: u64,
) -> Result<(Vec<Found>, u64), DbErr> {
    let backend = db.get_database_backend();
    let (sql, query) = match (backend, dir) {
        (DbBackend::Sqlite, Dir::Forward) => (SQLITE_AFTER, super::rules::fts5_query(words)),
        (DbBackend::Sqlite, Dir::Backward) => (SQLITE_BEFORE, super::rules::fts5_query(words)),
        (_, Dir::Forward) => (POSTGRES_AFTER, words.join(" ")),
        (_, Dir::Backward) => (POSTGRES_BEFORE, words.join(" ")),
    };
    // The first page starts past the best possible rank.
    let (key, id) = match from {
        Some(Cursor { key: crate::web::paging::Key::Int(k), id }) => (*k, *id),
        _ => (i64::MAX, i64::MAX),
    };
    let values: Vec<Value> = vec![
        query.into(),
        course_id.into(),
        author.into(),
        key.into(),
        id.into(),
        (size as i64 + 1).into(),
        super::rules::EXCERPT_CHARS.into(),
    ];
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    let mut total = 0;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        total = r.try_get::<i64>("", "total")? as u64;
        out.push(Found {
            id: r.try_get("", "id")?,
            thread_id: r.try_get("", "thread_id")?,
            author_id: r.try_get("", "author_id")?,
            created_at: r.try_get("", "created_at")?,
            opening: r.try_get("", "opening")?,
            excerpt: r.try_get("", "excerpt")?,
            score: r.try_get("", "score")?,
        });
    }
    Ok((out, total))
}

/// One person's standing posts in the course, newest first, one page, and how many.
pub async fn by_author(
    db: &impl ConnectionTrait,
    course_id: i64,
    author: i64,
    dir: Dir,
    from: Option<&Cursor>,
    size: u64,
) -> Result<(Vec<Found>, u64), DbErr> {
    let order = dir.order(Order::Desc);
    let base = forum_post::Entity::find()
        .filter(forum_post::Column::CourseId.eq(course_id))
        .filter(forum_post::Column::AuthorId.eq(author))
        .filter(forum_post::Column::DeletedAt.is_null())
        .filter(forum_post::Column::HiddenAt.is_null());
    let mut q = base.clone();
    if let Some(c) = from {
        q = q.filter(c.condition(forum_post::Column::Id, forum_post::Column::Id, order.clone()));
    }
    let page = q
        .select_only()
        .columns([
            forum_post::Column::Id,
            forum_post::Column::ThreadId,
            forum_post::Column::AuthorId,
            forum_post::Column::CreatedAt,
            forum_post::Column::Opening,
        ])
        .expr(Func::cust("SUBSTR").arg(Expr::col(forum_post::Column::Body)).arg(1).arg(super::rules::EXCERPT_CHARS))
        .order_by(forum_post::Column::Id, order)
        .limit(size + 1)
        .into_tuple::<(i64, i64, Option<i64>, i64, bool, String)>();
    let (rows, total) = futures::join!(page.all(db), base.count(db));
    let found = rows?
        .into_iter()
        .map(|(id, thread_id, author_id, created_at, opening, excerpt)| Found {
            id,
            thread_id,
            author_id,
            created_at,
            opening,
            excerpt,
            score: 0,
        })
        .collect();
    Ok((found, total?))
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    /// SQLite must scan the full-text matches first and look each post up by its key; the
    /// other way round runs the match once per post of the course.
    #[tokio::test]
    async fn sqlite_walks_the_matches_not_the_course() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/plan.db?mode=rwc", dir.path().display());
        let db = crate::db::connect(&url).await.unwrap();
        for sql in [super::SQLITE_AFTER, super::SQLITE_BEFORE] {
            let plan = db
                .query_all_raw(Statement::from_string(DbBackend::Sqlite, format!("EXPLAIN QUERY PLAN {sql}")))
                .await
                .unwrap()
                .iter()
                .map(|r| r.try_get::<String>("", "detail").unwrap())
                .collect::<Vec<_>>();
            let fts = plan.iter().position(|d| d.contains("forum_posts_fts")).expect("the plan reads the index");
            let by_key = plan.iter().position(|d| d.starts_with("SEARCH q USING INTEGER PRIMARY KEY"));
            assert!(by_key.is_some_and(|k| k > fts), "posts are looked up by key after the match: {plan:#?}");
            assert!(!plan.iter().any(|d| d.starts_with("SEARCH q USING INDEX")), "{plan:#?}");
        }
    }
}
