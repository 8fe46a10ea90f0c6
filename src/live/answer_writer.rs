//! Answers stored together: a group commit for the moment a whole class answers at once.
//!
//! Each answer is still checked by the database (`queries::save_open_answer`: the step
//! is open, a repeat is ignored), and each answerer still hears whether theirs was
//! stored only after it is committed. On PostgreSQL a batch is one statement
//! (`queries::save_open_answers`), on SQLite one statement an answer in one transaction. What changes is the commit: answers that arrive
//! while one batch is being written wait in a queue and go in the next batch, one
//! transaction for all of them. On PostgreSQL a commit waits for the WAL to reach the
//! disk, and 5,000 answers in a second were 5,000 such waits (docs/decisions/0039);
//! now they are a few dozen. On SQLite a batch takes the single write lock once instead
//! of once per answer.
//!
//! One answer alone goes straight to the database, so a quiet session answers as fast
//! as before. If a statement of a batch fails, the batch is rolled back and each of its
//! answers is written on its own, so one bad answer never costs the others theirs.

use std::collections::HashSet;

use prometheus_client::metrics::counter::Counter;
use sea_orm::{DatabaseBackend, DatabaseConnection, DbErr, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

use super::queries;

/// The most answers in one transaction: enough that a class of 5,000 needs a few dozen
/// commits, few enough that the first answer of a batch is not kept long.
pub const BATCH: usize = 250;
/// Answers waiting beyond this make their senders wait for room (back pressure on the
/// sockets, not memory).
const QUEUE: usize = 20_000;

/// One answer to the step on screen, already checked against the step's kind. Its JSON
/// is what `queries::save_open_answers` reads.
#[derive(Clone, Debug, serde::Serialize)]
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

/// The queues and the tasks that write them, started with the first answer. A person's
/// answers always go to the same queue, so two answers of theirs are written in the
/// order they were sent even while other queues commit in parallel.
pub struct Writer {
    queues: Vec<mpsc::Sender<Job>>,
    /// Batches of more than one answer committed together (`/metrics`; tests look at it).
    batches: Counter,
}

impl Writer {
    /// Writers in parallel: PostgreSQL commits of separate transactions overlap, SQLite
    /// has one writer at a time whatever we do. `batches` counts the batches committed.
    pub fn start(db: DatabaseConnection, batches: Counter) -> Writer {
        let workers = match db.get_database_backend() {
            DatabaseBackend::Sqlite => 1,
            _ => 4,
        };
        let queues = (0..workers)
            .map(|_| {
                let (tx, mut rx) = mpsc::channel(QUEUE / workers);
                let (db, batches) = (db.clone(), batches.clone());
                tokio::spawn(async move {
                    while let Some(batch) = next_batch(&mut rx).await {
                        write(&db, batch, &batches).await;
                    }
                });
                tx
            })
            .collect();
        Writer { queues, batches }
    }

    pub fn batches(&self) -> u64 {
        self.batches.get()
    }

    /// Store an answer if its step is open; `Ok(false)` when nothing was stored.
    pub async fn save(&self, answer: Answer) -> Result<bool, DbErr> {
        let (done, rx) = oneshot::channel();
        let queue = &self.queues[answer.user_id.unsigned_abs() as usize % self.queues.len()];
        queue.send(Job { answer, done }).await.map_err(|_| closed())?;
        rx.await.map_err(|_| closed())?
    }
}

fn closed() -> DbErr {
    DbErr::Custom("the answer writer has stopped".into())
}

/// Wait for one answer, then take whatever else is already waiting, up to `BATCH`.
async fn next_batch(rx: &mut mpsc::Receiver<Job>) -> Option<Vec<Job>> {
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

async fn write(db: &DatabaseConnection, batch: Vec<Job>, batches: &Counter) {
    if batch.len() > 1 {
        match together(db, &batch).await {
            Ok(stored) => {
                batches.inc();
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
    let stored = match db.get_database_backend() {
        DatabaseBackend::Postgres => in_rounds(&txn, batch).await?,
        _ => {
            let mut stored = Vec::with_capacity(batch.len());
            for job in batch {
                stored.push(one(&txn, &job.answer).await?);
            }
            stored
        }
    };
    txn.commit().await?;
    Ok(stored)
}

/// PostgreSQL: the batch as one statement per round (`queries::save_open_answers`), so
/// 250 answers cross the socket, are parsed and planned once instead of 250 times. A
/// statement may touch a row once, so someone who answered twice in the batch has
/// their later answer in a later round, and the later answer wins as it would alone.
async fn in_rounds(txn: &impl sea_orm::ConnectionTrait, batch: &[Job]) -> Result<Vec<bool>, DbErr> {
    let mut stored = vec![false; batch.len()];
    let mut left: Vec<usize> = (0..batch.len()).collect();
    while !left.is_empty() {
        let mut seen = HashSet::new();
        let (round, later): (Vec<usize>, Vec<usize>) =
            left.iter().partition(|&&i| seen.insert((batch[i].answer.step_id, batch[i].answer.user_id)));
        let answers: Vec<&Answer> = round.iter().map(|&i| &batch[i].answer).collect();
        let written = queries::save_open_answers(txn, &answers).await?;
        for i in round {
            stored[i] = written.contains(&(batch[i].answer.step_id, batch[i].answer.user_id));
        }
        left = later;
    }
    Ok(stored)
}
