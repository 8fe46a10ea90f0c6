//! Spaces at class scale: each thread keeps the id of its newest visible post (so unread
//! markers compare one number per thread instead of counting posts), the thread list
//! pages by last activity, and search uses each database's full-text index.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::sea_query::{ColumnDef, Index, Table};

pub(super) struct M20261206ScaleForum;

impl MigrationName for M20261206ScaleForum {
    fn name(&self) -> &str {
        "m20261206_000001_scale_forum"
    }
}

/// SQLite: an FTS5 index over `forum_posts.search_text` with the posts table as its
/// content, kept in step by triggers, so every write path (forms, the scheduler, the
/// demo, erasure) updates it in its own transaction. Case folding is the tokenizer's
/// (Unicode-aware); diacritics are kept, as PostgreSQL's `simple` configuration does.
const SQLITE_FTS: [&str; 5] = [
    "CREATE VIRTUAL TABLE forum_posts_fts USING fts5(search_text, content='forum_posts', content_rowid='id', \
     tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER forum_posts_fts_insert AFTER INSERT ON forum_posts BEGIN \
     INSERT INTO forum_posts_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER forum_posts_fts_delete AFTER DELETE ON forum_posts BEGIN \
     INSERT INTO forum_posts_fts(forum_posts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER forum_posts_fts_update AFTER UPDATE OF search_text ON forum_posts BEGIN \
     INSERT INTO forum_posts_fts(forum_posts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); \
     INSERT INTO forum_posts_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO forum_posts_fts(forum_posts_fts) VALUES ('rebuild')",
];

/// PostgreSQL: a generated `tsvector` of the (already lower-cased) search text with a
/// GIN index. Generated, so it can never drift from the text. `simple`: the courses are
/// in English and Norwegian, and a language's stemmer would be wrong for the other.
const POSTGRES_FTS: [&str; 2] = [
    "ALTER TABLE forum_posts ADD COLUMN search_tsv tsvector \
     GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX forum_posts_search ON forum_posts USING GIN (search_tsv)",
];

/// The newest post that stands (not deleted, not hidden) per thread; 0 for none.
const BACKFILL: &str = "UPDATE forum_threads SET last_post_id = COALESCE((SELECT MAX(p.id) FROM forum_posts p \
     WHERE p.thread_id = forum_threads.id AND p.deleted_at IS NULL AND p.hidden_at IS NULL), 0)";

#[async_trait::async_trait]
impl MigrationTrait for M20261206ScaleForum {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("forum_threads")
                .add_column(ColumnDef::new("last_post_id").big_integer().not_null().default(0))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(BACKFILL).await?;
        // Unread per space: the course's threads whose newest post is past a mark.
        m.create_index(
            Index::create()
                .name("forum_threads_course_last_post")
                .table("forum_threads")
                .col("course_id")
                .col("last_post_id")
                .to_owned(),
        )
        .await?;
        // A space's threads by last activity, with the id as the tie-breaker of the keyset.
        m.create_index(
            Index::create()
                .name("forum_threads_space_activity")
                .table("forum_threads")
                .col("space_id")
                .col("last_post_at")
                .col("id")
                .to_owned(),
        )
        .await?;
        // The moderation queue pages by id within a course's open reports.
        m.create_index(
            Index::create()
                .name("forum_reports_course_status_id")
                .table("forum_reports")
                .col("course_id")
                .col("status")
                .col("id")
                .to_owned(),
        )
        .await?;
        // Posts by one person (search's author filter), newest first.
        m.create_index(
            Index::create()
                .name("forum_posts_course_author")
                .table("forum_posts")
                .col("course_id")
                .col("author_id")
                .col("id")
                .to_owned(),
        )
        .await?;
        let statements: &[&str] = match m.get_database_backend() {
            DatabaseBackend::Sqlite => &SQLITE_FTS,
            _ => &POSTGRES_FTS,
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
