//! Storage: one code path for SQLite (embedded default) and PostgreSQL (scale-out),
//! through SeaORM. See docs/decisions/0001-storage-seaorm.md.

pub mod count;
pub mod entity;
pub mod migrations;
pub mod sql;

use std::path::Path;
use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr, Statement};
use sea_orm_migration::MigratorTrait;

pub use sea_orm::DatabaseConnection as Db;

/// The database URL used when none is given: a SQLite file in the data directory.
pub fn default_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("homeroom.db").display())
}

/// Open the database and bring its schema up to date.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    let db = open(url).await?;
    migrate(&db).await?;
    Ok(db)
}

/// Open without migrating (the `migrate` command and tests use this).
pub async fn open(url: &str) -> anyhow::Result<DatabaseConnection> {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false).connect_timeout(Duration::from_secs(10)).acquire_timeout(Duration::from_secs(30));
    if url.starts_with("sqlite:") {
        if let Some(path) = sqlite_path(url)
            && let Some(parent) = Path::new(&path).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)?;
        }
        // WAL lets readers run beside the one writer; the busy timeout makes writers
        // queue instead of failing when two requests write at once.
        opts.max_connections(sqlite_connections()).min_connections(1).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .create_if_missing(true)
        });
    } else {
        opts.max_connections(16).min_connections(1);
    }
    let mut db = Database::connect(opts).await?;
    count::install(&mut db);
    Ok(db)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migrations::Migrator::up(db, None).await
}

/// SQLite's pool: two connections a core, at least four. There is one writer at a time
/// whatever the pool, and readers only need to keep the cores busy. Unlike PostgreSQL's,
/// each connection lives in our own process, with its thread, page cache, parsed schema
/// and prepared statements: eight on two cores held 10,000 idle live sockets at
/// 146–161 MB, four at 139–142 MB (docs/benchmarks.md, decision 0041).
fn sqlite_connections() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u32;
    (2 * cores).clamp(4, 16)
}

fn sqlite_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_string())
}

/// The names of every table in the schema, for the privacy registry's completeness test.
pub async fn table_names(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Sqlite => {
            // A full-text index (FTS5) is a virtual table with shadow tables: an index over
            // rows registered under their own table, not a table of its own.
            "SELECT name AS name FROM sqlite_master t WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' \
             AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND (t.name = v.name OR t.name LIKE v.name || '\\_%' ESCAPE '\\')) \
             ORDER BY name"
        }
        _ => {
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        }
    };
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await?;
    rows.iter().map(|r| r.try_get::<String>("", "name")).collect()
}

/// A roster of this many people or more is a bulk change worth fresh statistics.
pub const BULK: usize = 200;

/// After a bulk load, bring PostgreSQL's planner statistics up to date now instead of at
/// autovacuum's next round, a minute or more later. Until then a table that grew from a
/// handful of rows to thousands is planned as a handful: the radar's statements became
/// nested loops over the class, 18 s instead of 50 ms for 2,000 students right after the
/// demo was seeded (decision 0040). `statement` is one of the constant `ANALYZE`s below.
/// SQLite plans without statistics, and the radar's statements are written for that.
pub async fn analyze(db: &impl ConnectionTrait, statement: Analyze) -> Result<(), DbErr> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        let sql = match statement {
            Analyze::Everything => "ANALYZE",
            Analyze::Roster => "ANALYZE users, memberships, lti_accounts",
        };
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

/// What a bulk change touched.
#[derive(Clone, Copy, Debug)]
pub enum Analyze {
    /// A whole seeded course (the demo).
    Everything,
    /// People and their memberships (a roster import or sync).
    Roster,
}

/// Whether a database error is a unique-constraint violation (an email already taken,
/// say), which forms turn into a message on the field rather than an error page.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// A `LIKE … ESCAPE '\'` pattern matching text that contains `term`, lower-cased (compare
/// with `LOWER(column)`, which behaves the same on SQLite and PostgreSQL), with `%`, `_`
/// and `\` in the term matched literally.
pub fn contains_pattern(term: &str) -> String {
    let mut p = String::from("%");
    for c in term.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_search_term_matches_literally() {
        assert_eq!(super::contains_pattern(" 50%_Off\\ "), "%50\\%\\_off\\\\%");
    }
}
