//! The job queue (dedupe, backoff, leases, racing workers) and email delivery that
//! survives the mail server dying mid-send: nothing lost, nothing sent twice.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use homeroom::db::entity::{email, job};
use homeroom::jobs::{self, Registry};
use homeroom::mail::OutgoingEmail;
use homeroom::time::now_ms;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;

use crate::both;
use crate::support::{Backend, Options, OwnSmtp, TestApp, eventually};

async fn the_job(app: &TestApp, id_key: &str) -> job::Model {
    job::Entity::find().filter(job::Column::DedupeKey.eq(id_key)).one(app.db()).await.unwrap().unwrap()
}

async fn make_due(app: &TestApp) {
    job::Entity::update_many().col_expr(job::Column::RunAt, Expr::value(0)).exec(app.db()).await.unwrap();
}

async fn enqueueing_is_idempotent_by_key_and_inside_the_callers_transaction(b: Backend) {
    let app = TestApp::spawn(b).await;
    let db = app.db();
    assert!(jobs::enqueue(db, "test.noop", &json!({"post_id": 1}), 0, Some("k1")).await.unwrap());
    // Inside a transaction, a duplicate is skipped without spoiling the transaction.
    let txn = db.begin().await.unwrap();
    assert!(!jobs::enqueue(&txn, "test.noop", &json!({"post_id": 1}), 0, Some("k1")).await.unwrap());
    assert!(jobs::enqueue(&txn, "test.noop", &json!({"post_id": 2}), 0, Some("k2")).await.unwrap());
    txn.commit().await.unwrap();
    // Rolled back with the caller's work.
    let txn = db.begin().await.unwrap();
    assert!(jobs::enqueue(&txn, "test.noop", &json!({}), 0, Some("k3")).await.unwrap());
    txn.rollback().await.unwrap();
    // No key: no deduplication.
    jobs::enqueue(db, "test.noop", &json!({}), 0, None).await.unwrap();
    jobs::enqueue(db, "test.noop", &json!({}), 0, None).await.unwrap();
    let keyed = job::Entity::find().filter(job::Column::Kind.eq("test.noop")).all(db).await.unwrap();
    assert_eq!(keyed.len(), 4, "k1, k2 and two without a key");
}
both!(enqueueing_is_idempotent_by_key_and_inside_the_callers_transaction);

async fn failures_back_off_then_give_up_visibly(b: Backend) {
    let app = TestApp::spawn(b).await;
    let registry = Registry::new().on("test.broken", |_, _| async { anyhow::bail!("the printer is on fire") });
    jobs::enqueue_with(app.db(), "test.broken", &json!({}), 0, Some("broken"), 3).await.unwrap();

    let before = now_ms();
    assert!(jobs::run_once(&app.state, &registry, "w1").await.unwrap());
    let j = the_job(&app, "broken").await;
    assert_eq!((j.status.as_str(), j.attempts), ("queued", 1));
    assert!(j.run_at >= before + 30_000, "first retry waits at least the base delay");
    assert!(j.last_error.as_deref().unwrap().contains("printer is on fire"));
    // Not due yet: nothing to run.
    assert!(!jobs::run_once(&app.state, &registry, "w1").await.unwrap());

    make_due(&app).await;
    let before = now_ms();
    assert!(jobs::run_once(&app.state, &registry, "w1").await.unwrap());
    let j = the_job(&app, "broken").await;
    assert_eq!((j.status.as_str(), j.attempts), ("queued", 2));
    assert!(j.run_at >= before + 60_000, "the second retry waits twice as long");

    make_due(&app).await;
    assert!(jobs::run_once(&app.state, &registry, "w1").await.unwrap());
    let j = the_job(&app, "broken").await;
    assert_eq!((j.status.as_str(), j.attempts), ("failed", 3));
    assert!(j.finished_at.is_some());
    make_due(&app).await;
    assert!(!jobs::run_once(&app.state, &registry, "w1").await.unwrap(), "a failed job is not run again");

    // The site admin sees it.
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    admin
        .get("/admin/outbox")
        .await
        .assert_status(200)
        .assert_contains("test.broken")
        .assert_contains("printer is on fire");
}
both!(failures_back_off_then_give_up_visibly);

async fn an_expired_lease_hands_the_job_to_another_worker(b: Backend) {
    let app = TestApp::spawn(b).await;
    let db = app.db();
    let kinds = vec!["test.lease".to_string()];
    jobs::enqueue(db, "test.lease", &json!({}), 0, Some("lease")).await.unwrap();
    let now = now_ms();
    let a = jobs::claim(db, "worker-a", &kinds, now, 1_000).await.unwrap().expect("a claims it");
    assert_eq!(a.attempts, 1);
    // While A's lease lasts, B gets nothing.
    assert!(jobs::claim(db, "worker-b", &kinds, now + 500, 1_000).await.unwrap().is_none());
    // A "crashes": its lease runs out and B takes over.
    let bj = jobs::claim(db, "worker-b", &kinds, now + 1_001, 60_000).await.unwrap().expect("b recovers it");
    assert_eq!((bj.id, bj.attempts, bj.locked_by.as_deref()), (a.id, 2, Some("worker-b")));
    // A waking up late cannot overwrite B's claim.
    assert!(!jobs::complete(db, &a, "worker-a", now_ms()).await.unwrap());
    assert!(!jobs::fail(db, &a, "worker-a", "late", now_ms()).await.unwrap());
    assert!(jobs::complete(db, &bj, "worker-b", now_ms()).await.unwrap());
    assert_eq!(the_job(&app, "lease").await.status, "done");

    // A job whose worker died on its last attempt fails rather than running again.
    jobs::enqueue_with(db, "test.lease", &json!({}), 0, Some("last"), 1).await.unwrap();
    let now = now_ms();
    jobs::claim(db, "worker-a", &kinds, now, 1_000).await.unwrap().expect("claimed");
    assert!(jobs::claim(db, "worker-b", &kinds, now + 1_001, 1_000).await.unwrap().is_none());
    let j = the_job(&app, "last").await;
    assert_eq!(j.status, "failed");
    assert!(j.last_error.unwrap().contains("lease expired"));
}
both!(an_expired_lease_hands_the_job_to_another_worker);

async fn two_racing_workers_run_each_job_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    let ran: Arc<Mutex<HashMap<i64, u32>>> = Arc::default();
    let seen = ran.clone();
    let registry = Registry::new().on("test.count", move |_, j| {
        let seen = seen.clone();
        async move {
            *seen.lock().unwrap().entry(j.id).or_default() += 1;
            Ok(())
        }
    });
    for i in 0..40 {
        jobs::enqueue(app.db(), "test.count", &json!({ "n": i }), 0, None).await.unwrap();
    }
    let mut workers = vec![];
    for name in ["racer-1", "racer-2"] {
        let (state, registry) = (app.state.clone(), registry.clone());
        workers.push(tokio::spawn(async move {
            let mut mine = 0;
            while jobs::run_once(&state, &registry, name).await.unwrap() {
                mine += 1;
            }
            mine
        }));
    }
    let mut total = 0;
    for w in workers {
        total += w.await.unwrap();
    }
    let ran = ran.lock().unwrap().clone();
    assert_eq!(ran.len(), 40, "every job ran");
    assert!(ran.values().all(|n| *n == 1), "a job ran twice: {ran:?}");
    assert_eq!(total, 40);
    let done = job::Entity::find()
        .filter(job::Column::Kind.eq("test.count"))
        .filter(job::Column::Status.eq("done"))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(done.len(), 40);
}
both!(two_racing_workers_run_each_job_once);

async fn all_rows(app: &TestApp) -> Vec<email::Model> {
    email::Entity::find().all(app.db()).await.unwrap()
}

/// Kill the SMTP server while the sender is working through 30 messages, start it again
/// on the same port and Maildir, and check every message arrived exactly once.
async fn a_mail_server_crash_mid_send_loses_and_duplicates_nothing(b: Backend) {
    // The server lingers 0.3 s over each message's data before storing it, so the kill
    // below lands inside an SMTP transaction: the sender has a message in flight.
    let mut smtp = OwnSmtp::start_slow(0.3);
    let app = TestApp::spawn_with(
        b,
        Options {
            smtp_url: Some(smtp.url()),
            mail_per_minute: Some(600),
            mail_retry_seconds: Some(1),
            ..Default::default()
        },
    )
    .await;
    let msgs = (0..30)
        .map(|i| OutgoingEmail {
            to_address: format!("person{i}@example.org"),
            to_user_id: None,
            subject: format!("Message {i}"),
            body_text: format!("Body {i}"),
        })
        .collect();
    let txn = app.db().begin().await.unwrap();
    app.state.mailer.queue_many(&txn, msgs).await.unwrap();
    txn.commit().await.unwrap();
    app.state.mailer.wake();

    // Some have gone out; kill the server while the rest are being sent.
    smtp.wait_for_count(3, 60).await;
    eventually(60, "a message to be in flight", || async {
        all_rows(&app).await.iter().any(|m| m.status == "sending")
    })
    .await;
    smtp.kill();
    let arrived_before = smtp.messages().len();
    assert!(arrived_before < 30, "the sender finished before the crash; nothing was tested");
    eventually(60, "a send to fail while the server is down", || async {
        all_rows(&app).await.iter().any(|m| m.last_error.is_some())
    })
    .await;
    smtp.restart();

    eventually(120, "every message to be marked sent", || async {
        all_rows(&app).await.iter().all(|m| m.status == "sent")
    })
    .await;
    let rows = all_rows(&app).await;
    assert!(rows.iter().any(|m| m.attempts > 1), "some messages were retried");
    let mail = smtp.wait_for_count(30, 30).await;
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for m in &mail {
        *by_id.entry(m.message_id.clone()).or_default() += 1;
    }
    for row in &rows {
        let id = app.state.mailer.message_id(row);
        assert_eq!(by_id.get(&id), Some(&1), "{id} ({}) arrived {:?} times", row.subject, by_id.get(&id));
    }
    assert_eq!(mail.len(), 30, "exactly one delivery per message");
}
both!(a_mail_server_crash_mid_send_loses_and_duplicates_nothing);

/// A message left in "sending" by a sender that died is retried once its lease expires.
async fn a_message_stuck_in_sending_is_retried(b: Backend) {
    let smtp = OwnSmtp::start();
    let app = TestApp::spawn_with(
        b,
        Options { smtp_url: Some(smtp.url()), mail_per_minute: Some(600), ..Default::default() },
    )
    .await;
    let txn = app.db().begin().await.unwrap();
    app.state
        .mailer
        .queue(
            &txn,
            OutgoingEmail {
                to_address: "stuck@example.org".into(),
                to_user_id: None,
                subject: "Stuck".into(),
                body_text: "Hello".into(),
            },
        )
        .await
        .unwrap();
    // As a crashed sender would leave it: claimed, lease already over.
    email::Entity::update_many()
        .col_expr(email::Column::Status, Expr::value("sending"))
        .col_expr(email::Column::Attempts, Expr::value(1))
        .col_expr(email::Column::LeaseUntil, Expr::value(now_ms() - 1))
        .exec(&txn)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    app.state.mailer.wake();
    let got = smtp.wait_for_count(1, 60).await;
    assert_eq!(got[0].subject, "Stuck");
    eventually(30, "the row to be marked sent", || async { all_rows(&app).await[0].status == "sent" }).await;
    assert_eq!(all_rows(&app).await[0].attempts, 2);
}
both!(a_message_stuck_in_sending_is_retried);

/// Sending is paced to the configured rate (here 120 a minute: one per half second).
async fn sending_is_rate_limited(b: Backend) {
    let smtp = OwnSmtp::start();
    let app = TestApp::spawn_with(
        b,
        Options { smtp_url: Some(smtp.url()), mail_per_minute: Some(120), ..Default::default() },
    )
    .await;
    let msgs = (0..5)
        .map(|i| OutgoingEmail {
            to_address: format!("paced{i}@example.org"),
            to_user_id: None,
            subject: format!("Paced {i}"),
            body_text: "Hello".into(),
        })
        .collect();
    app.state.mailer.queue_many(app.db(), msgs).await.unwrap();
    app.state.mailer.wake();
    eventually(60, "all five to be sent", || async { all_rows(&app).await.iter().all(|m| m.status == "sent") }).await;
    let sent: Vec<i64> = all_rows(&app).await.iter().filter_map(|m| m.sent_at).collect();
    let span = sent.iter().max().unwrap() - sent.iter().min().unwrap();
    // Sends start at least 500 ms apart and one at a time, so the second starts after
    // the first is recorded, and the last is recorded at least 3 × 500 ms after the
    // second starts. A lower bound only: a slow machine makes it longer, never shorter.
    assert!(span >= 1_450, "five messages went out within {span} ms");
}
both!(sending_is_rate_limited);

/// The server stops its job worker and mail sender when it shuts down, and the worker
/// scheduled the recurring notification sweep when it started.
async fn background_workers_start_and_stop_with_the_server(b: Backend) {
    let (url, _dir) = crate::support::fresh_database(b).await;
    let data = tempfile::tempdir().unwrap();
    let smtp = OwnSmtp::start();
    let args = homeroom::config::ServerArgs {
        data_dir: Some(data.path().to_path_buf()),
        database_url: Some(url),
        host: Some("127.0.0.1".into()),
        port: Some(0),
        smtp_url: Some(smtp.url()),
        ..Default::default()
    };
    let app = homeroom::Application::build(homeroom::config::Config::resolve(&args).unwrap()).await.unwrap();
    let db = app.state().db.clone();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until(async move {
        let _ = rx.await;
    }));
    eventually(60, "the sweep to be scheduled", || async {
        job::Entity::find()
            .filter(job::Column::Kind.eq(homeroom::notifications::email::SWEEP))
            .one(&db)
            .await
            .unwrap()
            .is_some()
    })
    .await;
    tx.send(()).unwrap();
    let stopped = tokio::time::timeout(std::time::Duration::from_secs(60), running).await;
    assert!(matches!(stopped, Ok(Ok(Ok(())))), "the server and its workers did not stop: {stopped:?}");
}
both!(background_workers_start_and_stop_with_the_server);
