//! Counting the SQL statements a request issues, so a test can hold every page to a fixed
//! budget whatever the size of the class (see `tests/it/query_budget.rs`).
//!
//! SeaORM calls a metric callback after each statement, in the task that ran it. The
//! request middleware runs each request inside [`counted`], which gives the task a
//! counter; statements outside a request (the job worker, the mailer) find none and are
//! not counted. Work a handler spawns onto another task is not counted either, so pages
//! run their queries side by side with `join!`, not with `spawn`.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::DatabaseConnection;

tokio::task_local! {
    static STATEMENTS: Arc<AtomicU64>;
}

/// Count every statement run through `db` (and its clones made after this call).
pub fn install(db: &mut DatabaseConnection) {
    db.set_metric_callback(|info| {
        let _ = STATEMENTS.try_with(|n| n.fetch_add(1, Ordering::Relaxed));
        // `RUST_LOG=homeroom::sql=debug` lists every statement with its time: the quickest
        // way to see which query makes a page slow.
        tracing::debug!(target: "homeroom::sql", micros = info.elapsed.as_micros() as u64, sql = %info.statement.sql);
    });
}

/// Run `f`, counting the statements it issues.
pub async fn counted<F: Future>(f: F) -> (F::Output, u64) {
    let n = Arc::new(AtomicU64::new(0));
    let out = STATEMENTS.scope(n.clone(), f).await;
    (out, n.load(Ordering::Relaxed))
}

/// Run `f` without counting its statements towards the request: for housekeeping a page
/// does at most once in a while (noting "last active" every quarter of an hour), which
/// would otherwise make the same page cost one more statement now and then.
pub async fn uncounted<F: Future>(f: F) -> F::Output {
    STATEMENTS.scope(Arc::new(AtomicU64::new(0)), f).await
}

/// Statements issued so far by the current request (0 outside one).
pub fn so_far() -> u64 {
    STATEMENTS.try_with(|n| n.load(Ordering::Relaxed)).unwrap_or(0)
}
