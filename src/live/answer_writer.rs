//! Answers stored together: a group commit for the moment a whole class answers at once.
//!
//! Each answer is still its own statement (`queries::save_open_answer`, which checks that
//! the step is open and ignores a repeat), and each answerer still hears whether theirs
//! was stored only after it is committed. What changes is the commit: answers that arrive
//! while one batch is being written wait in a queue and go in the next batch, one
//! transaction for all of them. On PostgreSQL a commit waits for the WAL to reach the
//! disk, and 5,000 answers in a second were 5,000 such waits (docs/decisions/0039);
//! now they are a few dozen. On SQLite a batch takes the single write lock once instead
//! of once per answer.
//!
//! One answer alone goes straight to the database, so a quiet session answers as fast
//! as before. If a statement of a batch fails, the batch is rolled back and each of its
//! answers is written on its own, so one bad answer never costs the others theirs.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::{DatabaseBackend, DatabaseConnection, DbErr, TransactionTrait};
use tokio::sync::{Mutex, mpsc, oneshot};

use super::queries;

/// The most answers in one transaction: enough that a class of 5,000 needs a few dozen
/// commits, few enough that the first answer of a batch is not kept long.
pub const BATCH: usize = 250;
/// Answers waiting beyond this make their senders wait for room (back pressure on the
/// sockets, not memory).
const QUEUE: usize = 20_000;

/// One answer to the step on screen, already checked against the step's kind.
#[derive(Clone, Debug)]
pub struct Answer {
    pub course_id: i64,
    pub session_id: i64,
    pub step_id: i64,
    pub user_id: i64,
    pub body: String,
    pub at: i64,
}

struct Job {
    answer: Answer,
    done: oneshot::Sender<Result<bool, DbErr>>,
}

/// The queue and the tasks that write it, started with the first answer.
pub struct Writer {
    tx: mpsc::Sender<Job>,
    /// Batches of more than one answer committed together (tests look at it).
    batches: Arc<AtomicU64>,
}

impl Writer {
    /// Writers in parallel: PostgreSQL commits of separate transactions overlap, SQLite
    /// has one writer at a time whatever we do.
    pub fn start(db: DatabaseConnection) -> Writer {
        let workers = match db.get_database_backend() {
            DatabaseBackend::Sqlite => 1,
            _ => 4,
        };
        let (tx, rx) = mpsc::channel(QUEUE);
        let rx = Arc::new(Mutex::new(rx));
        let batches = Arc::new(AtomicU64::new(0));
        for _ in 0..workers {
            let (db, rx, batches) = (db.clone(), rx.clone(), batches.clone());
            tokio::spawn(async move {
                while let Some(batch) = next_batch(&rx).await {
                    write(&db, batch, &batches).await;
                }
            });
        }
        Writer { tx, batches }
    }

    pub fn batches(&self) -> u64 {
        self.batches.load(Ordering::Relaxed)
    }

    /// Store an answer if its step is open; `Ok(false)` when nothing was stored.
    pub async fn save(&self, answer: Answer) -> Result<bool, DbErr> {
        let (done, rx) = oneshot::channel();
        self.tx.send(Job { answer, done }).await.map_err(|_| closed())?;
        rx.await.map_err(|_| closed())?
    }
}

fn closed() -> DbErr {
    DbErr::Custom("the answer writer has stopped".into())
}

/// Wait for one answer, then take whatever else is already waiting, up to `BATCH`.
/// The receiver is held only while taking, so another worker gathers the next batch
/// while this one writes.
async fn next_batch(rx: &Mutex<mpsc::Receiver<Job>>) -> Option<Vec<Job>> {
    let mut rx = rx.lock().await;
    let first = rx.recv().await?;
    let mut batch = Vec::with_capacity(BATCH.min(rx.len() + 1));
    batch.push(first);
    while batch.len() < BATCH {
        match rx.try_recv() {
            Ok(job) => batch.push(job),
            Err(_) => break,
        }
    }
    Some(batch)
}

async fn one(db: &impl sea_orm::ConnectionTrait, a: &Answer) -> Result<bool, DbErr> {
    queries::save_open_answer(db, a.course_id, a.session_id, a.step_id, a.user_id, &a.body, a.at).await
}

async fn write(db: &DatabaseConnection, batch: Vec<Job>, batches: &AtomicU64) {
    if batch.len() > 1 {
        match together(db, &batch).await {
            Ok(stored) => {
                batches.fetch_add(1, Ordering::Relaxed);
                for (job, s) in batch.into_iter().zip(stored) {
                    let _ = job.done.send(Ok(s));
                }
                return;
            }
            Err(e) => tracing::warn!(answers = batch.len(), "a batch of answers is written one by one: {e}"),
        }
    }
    for job in batch {
        let r = one(db, &job.answer).await;
        // The socket may have closed meanwhile; its answer is stored all the same.
        let _ = job.done.send(r);
    }
}

async fn together(db: &DatabaseConnection, batch: &[Job]) -> Result<Vec<bool>, DbErr> {
    let txn = db.begin().await?;
    let mut stored = Vec::with_capacity(batch.len());
    for job in batch {
        stored.push(one(&txn, &job.answer).await?);
    }
    txn.commit().await?;
    Ok(stored)
}
