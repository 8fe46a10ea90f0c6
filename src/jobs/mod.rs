//! The durable job queue: background work written to the `jobs` table, so it survives a
//! restart and runs once even with several replicas.
//!
//! The whole API:
//! - [`enqueue`] writes a job in the caller's transaction (so "schedule this post" and the
//!   post are written together). A `dedupe_key` makes enqueueing idempotent: a second job
//!   with the same key is silently not written. Recurring work re-enqueues its next run
//!   under a key naming that run's time, so two replicas finishing the same run agree.
//! - [`Registry::on`] registers the handler for a kind. A handler gets the app state and
//!   the job; `Ok` finishes it, `Err` retries it later with exponential backoff and jitter,
//!   until `max_attempts`, after which it is `failed` and listed on the admin's outbox page.
//! - [`spawn_worker`] runs the loop; `Application::run` starts it and stops it cleanly.
//!
//! A worker claims a job with one conditional UPDATE (queued and due, or running with an
//! expired lease): the database lets exactly one claimant change the row. The lease is
//! how a crashed worker's job is recovered; a handler must therefore be safe to run again
//! after a crash mid-way (make it idempotent, e.g. with conditional writes). See
//! docs/decisions/0008-jobs.md.
//!
//! Privacy rule: a payload holds ids of rows (`{"post_id": 12}`), never names, email
//! addresses or text people wrote. The privacy registry relies on it: erasing a person
//! erases the rows, and a job pointing at a missing row has nothing left to do.

pub mod backoff;
pub mod prune;
pub mod reminders;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use tokio::sync::watch;

use crate::app::AppState;
use crate::db::entity::job;
use crate::time::now_ms;

pub use job::Model as Job;

/// How many times a job is tried unless its kind says otherwise.
pub const DEFAULT_MAX_ATTEMPTS: i32 = 8;
/// How long a claim lasts; a handler running longer is stopped and retried.
pub const LEASE_MS: i64 = 5 * 60 * 1000;
const BACKOFF_BASE_MS: i64 = 30_000;
const BACKOFF_CAP_MS: i64 = 6 * 60 * 60 * 1000;

/// Queue a job. Returns `false` when a job with the same `dedupe_key` already exists (in
/// any state), in which case nothing is written and the caller's transaction goes on.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    kind: &str,
    payload: &serde_json::Value,
    run_at: i64,
    dedupe_key: Option<&str>,
) -> Result<bool, DbErr> {
    enqueue_with(db, kind, payload, run_at, dedupe_key, DEFAULT_MAX_ATTEMPTS).await
}

/// Like [`enqueue`], with its own number of attempts.
pub async fn enqueue_with(
    db: &impl ConnectionTrait,
    kind: &str,
    payload: &serde_json::Value,
    run_at: i64,
    dedupe_key: Option<&str>,
    max_attempts: i32,
) -> Result<bool, DbErr> {
    let row = job::ActiveModel {
        kind: Set(kind.to_string()),
        payload: Set(payload.to_string()),
        run_at: Set(run_at),
        status: Set("queued".into()),
        attempts: Set(0),
        max_attempts: Set(std::cmp::max(max_attempts, 1)),
        lease_until: Set(None),
        locked_by: Set(None),
        last_error: Set(None),
        dedupe_key: Set(dedupe_key.map(String::from)),
        created_at: Set(now_ms()),
        finished_at: Set(None),
        ..Default::default()
    };
    // ON CONFLICT DO NOTHING rather than catching the unique violation: on PostgreSQL a
    // failed statement would abort the caller's whole transaction.
    let n = job::Entity::insert(row)
        .on_conflict(OnConflict::column(job::Column::DedupeKey).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(n == 1)
}

/// Wakes the process's job worker from its idle poll, so work a request queues for now
/// starts at once rather than up to a poll later (a tutor watching "sending…" sees it
/// go). Only a hint: a worker of another replica finds the job at its next poll.
#[derive(Clone, Default)]
pub struct Waker(Arc<tokio::sync::Notify>);

impl Waker {
    /// Call after the transaction that queued the job has committed.
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

type BoxFuture = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;
type Handler = Arc<dyn Fn(AppState, Job) -> BoxFuture + Send + Sync>;

/// The handlers, by kind. Jobs of kinds nobody registered are left alone (an older
/// replica during a rolling upgrade must not fail a newer replica's jobs).
#[derive(Clone, Default)]
pub struct Registry {
    handlers: HashMap<String, Handler>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Handle jobs of `kind` with `f`.
    pub fn on<F, Fut>(mut self, kind: &str, f: F) -> Registry
    where
        F: Fn(AppState, Job) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        self.handlers.insert(kind.to_string(), Arc::new(move |s, j| Box::pin(f(s, j))));
        self
    }

    fn kinds(&self) -> Vec<String> {
        self.handlers.keys().cloned().collect()
    }
}

/// The registry of the app's own kinds.
pub fn registry() -> Registry {
    // One capability a line, so that adding one is a one-line change.
    let r = Registry::new();
    let r = crate::notifications::email::register(r);
    let r = crate::schedule::register(r);
    let r = crate::abuse::register(r);
    let r = prune::register(r);
    let r = crate::erasure::register(r);
    let r = crate::presence::register(r);
    let r = crate::booking::register(r);
    let r = crate::meetups::register(r);
    let r = crate::personal::register(r);
    let r = crate::lti::picture::register(r);
    crate::lti::sync::register(r)
}

/// Work that is due, or a claim that has expired.
fn claimable(now: i64) -> Condition {
    Condition::any()
        .add(Condition::all().add(job::Column::Status.eq("queued")).add(job::Column::RunAt.lte(now)))
        .add(Condition::all().add(job::Column::Status.eq("running")).add(job::Column::LeaseUntil.lt(now)))
}

/// Claim one due job for `worker`, or `None`. Several workers may call this at once:
/// each job goes to exactly one of them.
pub async fn claim(
    db: &impl ConnectionTrait,
    worker: &str,
    kinds: &[String],
    now: i64,
    lease_ms: i64,
) -> Result<Option<Job>, DbErr> {
    if kinds.is_empty() {
        return Ok(None);
    }
    let candidates = job::Entity::find()
        .filter(claimable(now))
        .filter(job::Column::Kind.is_in(kinds.iter().cloned()))
        .order_by_asc(job::Column::RunAt)
        .order_by_asc(job::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    for c in candidates {
        let won = job::Entity::update_many()
            .col_expr(job::Column::Status, Expr::value("running"))
            .col_expr(job::Column::LockedBy, Expr::value(worker))
            .col_expr(job::Column::LeaseUntil, Expr::value(now + lease_ms))
            .col_expr(job::Column::Attempts, Expr::col(job::Column::Attempts).add(1))
            .filter(job::Column::Id.eq(c.id))
            .filter(claimable(now))
            .exec(db)
            .await?;
        if won.rows_affected != 1 {
            continue;
        }
        let Some(j) = job::Entity::find_by_id(c.id).one(db).await? else { continue };
        // A job whose worker died on its last attempt is not run again.
        if j.attempts > j.max_attempts {
            fail(db, &j, worker, "the worker stopped while running it (lease expired)", now).await?;
            continue;
        }
        return Ok(Some(j));
    }
    Ok(None)
}

/// Mark a claimed job done. `false` if the claim was lost (lease expired and another
/// worker took it over), in which case that worker's outcome counts.
pub async fn complete(db: &impl ConnectionTrait, j: &Job, worker: &str, now: i64) -> Result<bool, DbErr> {
    let r = job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value("done"))
        .col_expr(job::Column::FinishedAt, Expr::value(now))
        .col_expr(job::Column::LeaseUntil, Expr::value(Option::<i64>::None))
        .col_expr(job::Column::LastError, Expr::value(Option::<String>::None))
        .filter(owned_by(j, worker))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Mark the job a handler is running done, inside the handler's own transaction: when
/// what the job does is a write (queueing an email), doing both in one transaction makes
/// it happen exactly once even if the worker dies before `run_once` completes the job.
/// `false` when the claim was lost (then do nothing).
pub async fn complete_within(db: &impl ConnectionTrait, j: &Job, now: i64) -> Result<bool, DbErr> {
    complete(db, j, j.locked_by.as_deref().unwrap_or_default(), now).await
}

/// Record a failed attempt: retry later with backoff, or give up after the last attempt.
pub async fn fail(db: &impl ConnectionTrait, j: &Job, worker: &str, error: &str, now: i64) -> Result<bool, DbErr> {
    let give_up = j.attempts >= j.max_attempts;
    let delay = backoff::delay_ms(j.attempts, BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoff::random_jitter());
    let error: String = error.chars().take(1000).collect();
    let r = job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value(if give_up { "failed" } else { "queued" }))
        .col_expr(job::Column::RunAt, Expr::value(if give_up { j.run_at } else { now + delay }))
        .col_expr(job::Column::FinishedAt, Expr::value(give_up.then_some(now)))
        .col_expr(job::Column::LeaseUntil, Expr::value(Option::<i64>::None))
        .col_expr(job::Column::LastError, Expr::value(error))
        .filter(owned_by(j, worker))
        .exec(db)
        .await?;
    if give_up {
        tracing::error!(job = j.id, kind = %j.kind, "job failed for good");
    }
    Ok(r.rows_affected == 1)
}

fn owned_by(j: &Job, worker: &str) -> Condition {
    Condition::all()
        .add(job::Column::Id.eq(j.id))
        .add(job::Column::Status.eq("running"))
        .add(job::Column::LockedBy.eq(worker))
        .add(job::Column::Attempts.eq(j.attempts))
}

/// Claim and run one due job. `Ok(false)` when nothing was due.
pub async fn run_once(state: &AppState, registry: &Registry, worker: &str) -> anyhow::Result<bool> {
    let Some(j) = claim(&state.db, worker, &registry.kinds(), now_ms(), LEASE_MS).await? else {
        return Ok(false);
    };
    let handler = registry.handlers.get(&j.kind).cloned().expect("claimed only registered kinds");
    // The handler runs in its own task so that a panic is an error, not a dead worker.
    let run = tokio::spawn(handler(state.clone(), j.clone()));
    let outcome = match tokio::time::timeout(Duration::from_millis(LEASE_MS as u64 - 5_000), run).await {
        Ok(Ok(Ok(()))) => Ok(()),
        Ok(Ok(Err(e))) => Err(format!("{e:#}")),
        Ok(Err(join)) => Err(format!("handler panicked: {join}")),
        Err(_) => Err("took longer than its lease".to_string()),
    };
    match outcome {
        Ok(()) => {
            complete(&state.db, &j, worker, now_ms()).await?;
        }
        Err(e) => {
            tracing::warn!(job = j.id, kind = %j.kind, attempt = j.attempts, error = %e, "job failed");
            fail(&state.db, &j, worker, &e, now_ms()).await?;
        }
    }
    Ok(true)
}

/// Run jobs until `stop` turns true. Idle, it looks again every `poll` or when woken.
pub fn spawn_worker(
    state: AppState,
    registry: Registry,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let worker = format!("{}-{}", std::process::id(), crate::auth::tokens::short_id());
    tokio::spawn(async move {
        let poll = Duration::from_secs(2);
        let mut scheduled_at: Option<i64> = None;
        while !*stop.borrow() {
            // Recurring work re-enqueues itself; making sure once a minute that the next
            // run exists (a no-op by its dedupe key) restarts a chain that a failed run
            // or a crash broke.
            let now = now_ms();
            if scheduled_at.is_none_or(|t| now - t >= 60_000) {
                if let Err(e) = crate::abuse::schedule_prune(&state.db, now).await {
                    tracing::warn!(error = %e, "could not schedule the rate counters' cleanup");
                }
                match crate::notifications::email::schedule_sweep(&state.db, now).await {
                    Ok(()) => scheduled_at = Some(now),
                    Err(e) => tracing::warn!(error = %e, "could not schedule the notification email sweep"),
                }
                if let Err(e) = prune::schedule(&state.db, now).await {
                    tracing::warn!(error = %e, "could not schedule the daily prune");
                }
                if let Err(e) = crate::lti::sync::schedule(&state.db, now).await {
                    tracing::warn!(error = %e, "could not schedule the daily LTI roster sync");
                }
                if let Err(e) = crate::presence::sweep::schedule(&state.db, now).await {
                    tracing::warn!(error = %e, "could not schedule the radar's refresh sweep");
                }
                // Another replica may have saved the site's settings.
                if let Err(e) = state.site.reload(&state.db).await {
                    tracing::warn!(error = %e, "could not read the site's settings");
                }
            }
            let idle = match run_once(&state, &registry, &worker).await {
                Ok(ran) => !ran,
                Err(e) => {
                    tracing::warn!(error = %e, "job worker");
                    true
                }
            };
            if idle {
                tokio::select! {
                    _ = stop.changed() => {}
                    _ = state.jobs.0.notified() => {}
                    _ = tokio::time::sleep(poll) => {}
                }
            }
        }
    })
}

/// Jobs for the admin: those that gave up, newest first, and counts by status.
pub async fn failed(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Job>, DbErr> {
    job::Entity::find()
        .filter(job::Column::Status.eq("failed"))
        .order_by_desc(job::Column::FinishedAt)
        .limit(limit)
        .all(db)
        .await
}

/// Try a failed job again from its first attempt, now. `false` when it is not (or no
/// longer) failed: a second click, or another admin, does nothing.
pub async fn retry(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<bool, DbErr> {
    let r = job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value("queued"))
        .col_expr(job::Column::Attempts, Expr::value(0))
        .col_expr(job::Column::RunAt, Expr::value(now))
        .col_expr(job::Column::FinishedAt, Expr::value(Option::<i64>::None))
        .col_expr(job::Column::LockedBy, Expr::value(Option::<String>::None))
        .filter(job::Column::Id.eq(id))
        .filter(job::Column::Status.eq("failed"))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Forget finished jobs older than `before` (failed ones stay for the admin).
pub async fn prune_done(db: &impl ConnectionTrait, before: i64) -> Result<u64, DbErr> {
    Ok(job::Entity::delete_many()
        .filter(job::Column::Status.eq("done"))
        .filter(job::Column::FinishedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
