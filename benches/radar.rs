//! The relationship radar at scale (issue 12): a course of 10,000 students with
//! 1,000,000 interactions (half shout-outs, half direct messages between classmates, over
//! sixty days; one student in twenty never interacts). Times, on SQLite and PostgreSQL:
//!
//! 1. the first computation: `presence::refresh_rows` (derive contacts, read the running
//!    totals the triggers keep, compute every row's signals and the outreach queue, and
//!    replace the cached rows), as the `presence.refresh` job runs it; then, apart, the
//!    `presence.insight` job's class graph and response times (decision 0036). The seeding
//!    time includes the triggers' upkeep of the totals;
//! 2. the radar page afterwards, from a separate `homeroom serve` process on the same
//!    database, signed in as the tutor: p50 and p99 of the first page, the "isolated"
//!    filter and the "longest since contact" sort (the page only reads cached rows).
//!
//!   cargo build --profile measure --locked --bin homeroom
//!   cargo bench --profile measure --locked --bench radar
//!   BENCH_STUDENTS=2000 BENCH_INTERACTIONS=100000 BENCH_DATABASES=sqlite cargo bench --bench radar
//!
//! Environment: BENCH_STUDENTS (10000), BENCH_INTERACTIONS (1000000), BENCH_SECONDS per
//! page (10), BENCH_CLIENTS (4 tutors' browsers at once), HOMEROOM_BIN (the server binary,
//! default target/measure/homeroom), HOMEROOM_TEST_POSTGRES as for the other benches.
//! The seeding is bulk SQL from generated series, not the app's write paths.

#[path = "support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, Value};
use support::{env_num, load};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

async fn exec(db: &DatabaseConnection, sql: &str, values: Vec<Value>) {
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
}

async fn one(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> i64 {
    let r = db.query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
    r.unwrap().try_get_by_index(0).unwrap()
}

/// `n` rows of a generated series `i` in 0..n, the same SQL on both databases.
const SERIES: &str =
    "WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1) ";

/// Interactions among the first `active` of `students` contiguous ids from `first`.
async fn seed_interactions(db: &DatabaseConnection, course: i64, first: i64, active: i64, total: i64, now: i64) {
    let shouts = total / 2;
    let messages = total - shouts;
    // Student a = i mod active, b = a shifted by 1..active-1: never the same person.
    exec(
        db,
        &format!(
            "INSERT INTO shout_outs (course_id, from_id, to_id, body, created_at) {SERIES}\
             SELECT $2, $3 + (i % $4), $3 + ((i % $4) + 1 + (i * 7919) % ($4 - 1)) % $4, 'Thanks!', \
             $5 - (i * 37 % 60) * $6 - i % 86400000 FROM n"
        ),
        vec![shouts.into(), course.into(), first.into(), active.into(), now.into(), DAY_MS.into()],
    )
    .await;
    // Conversations between pairs, then messages spread over them, each from one member.
    let convs = (messages / 20).clamp(1, 50_000);
    let c0 = one(db, "SELECT COALESCE(MAX(id), 0) FROM conversations", vec![]).await + 1;
    exec(
        db,
        &format!(
            "INSERT INTO conversations (course_id, created_at, last_message_at) {SERIES} SELECT $2, $3, $3 FROM n"
        ),
        vec![convs.into(), course.into(), now.into()],
    )
    .await;
    let c1 = one(db, "SELECT MAX(id) FROM conversations", vec![]).await;
    assert_eq!(c1 - c0 + 1, convs, "conversation ids are contiguous in a fresh database");
    // Conversation j is between a = j mod active and b = a + 1 + (j * 104729) mod (active - 1).
    let pair = |side: &str| {
        if side == "a" {
            "$3 + (i % $4)".to_string()
        } else {
            "$3 + ((i % $4) + 1 + (i * 104729) % ($4 - 1)) % $4".to_string()
        }
    };
    for side in ["a", "b"] {
        exec(
            db,
            &format!(
                "INSERT INTO conversation_members (conversation_id, user_id, last_read_at) {SERIES}\
                 SELECT $2 + i, {}, 0 FROM n",
                pair(side)
            ),
            vec![convs.into(), c0.into(), first.into(), active.into()],
        )
        .await;
    }
    // Message k goes in conversation j = k mod convs, from side a when k/convs is even.
    exec(
        db,
        &format!(
            "INSERT INTO messages (conversation_id, user_id, body, created_at) {SERIES}\
             SELECT $2 + (i % $5), CASE WHEN (i / $5) % 2 = 0 THEN $3 + ((i % $5) % $4) \
             ELSE $3 + (((i % $5) % $4) + 1 + ((i % $5) * 104729) % ($4 - 1)) % $4 END, 'How is it going?', \
             $6 - (i * 53 % 60) * $7 - i % 86400000 FROM n"
        ),
        vec![messages.into(), c0.into(), first.into(), active.into(), convs.into(), now.into(), DAY_MS.into()],
    )
    .await;
    // Fresh statistics, as a database that grew over a term would have.
    exec(db, "ANALYZE", vec![]).await;
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn run(label: &str, database_url: String) {
    let students = env_num("BENCH_STUDENTS", 10_000) as i64;
    let total = env_num("BENCH_INTERACTIONS", 1_000_000) as i64;
    let secs = env_num("BENCH_SECONDS", 10);
    let clients = env_num("BENCH_CLIENTS", 4);
    let bin = std::env::var("HOMEROOM_BIN").unwrap_or_else(|_| "target/measure/homeroom".into());

    let (state, data) = support::state(database_url.clone()).await;
    let t = Instant::now();
    let seeded = support::seed_course(&state, students as u64 + 1).await;
    let first = seeded.students[0];
    let last = *seeded.students.last().unwrap();
    assert_eq!(last - first + 1, students, "student ids are contiguous in a fresh database");
    let now = homeroom::time::now_ms();
    // One student in twenty never interacts with a classmate.
    let active = students - students / 20;
    seed_interactions(&state.db, seeded.course_id, first, active, total, now).await;
    let n = one(&state.db, "SELECT (SELECT COUNT(*) FROM shout_outs) + (SELECT COUNT(*) FROM messages)", vec![]).await;
    println!("{label:<9} seeded {students} students and {n} interactions in {:.1} s", t.elapsed().as_secs_f64());

    // The radar rows (the `presence.refresh` job: deriving contacts from the rows written
    // since the last run, then the rows), then the drawing and response times (the
    // `presence.insight` job it queues), each timed apart.
    let db = &state.db;
    let c = seeded.course_id;
    let timed = Instant::now();
    homeroom::presence::queries::derive_contacts(db, homeroom::time::now_ms()).await.unwrap();
    let derive_ms = timed.elapsed().as_secs_f64() * 1000.0;
    let timed = Instant::now();
    let rows = homeroom::presence::queries::refresh_course(db, c, homeroom::time::now_ms()).await.unwrap();
    let first_ms = timed.elapsed().as_secs_f64() * 1000.0;
    let timed = Instant::now();
    homeroom::presence::refresh_rows(db, c, homeroom::time::now_ms()).await.unwrap();
    let again_ms = timed.elapsed().as_secs_f64() * 1000.0;
    let timed = Instant::now();
    homeroom::presence::queries::refresh_insight(db, c, homeroom::time::now_ms()).await.unwrap();
    let insight_ms = timed.elapsed().as_secs_f64() * 1000.0;
    let isolated = one(
        &state.db,
        "SELECT COUNT(*) FROM radar_rows WHERE course_id = $1 AND signal_keys LIKE '% isolated %'",
        vec![seeded.course_id.into()],
    )
    .await;
    println!(
        "{label:<9} first computation {first_ms:.0} ms ({rows} rows, {isolated} isolated), after deriving \
         contacts from every seeded row in {derive_ms:.0} ms; the next refresh (both) {again_ms:.0} ms; \
         graph and response times {insight_ms:.0} ms"
    );

    // The real server, as its own process, on the same database.
    let port = free_port();
    let _server = Server(
        std::process::Command::new(&bin)
            .args(["serve", "--host", "127.0.0.1", "--port", &port.to_string(), "--database-url", &database_url])
            .arg("--data-dir")
            .arg(data.path())
            .env("RUST_LOG", "warn")
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {bin}: {e}")),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = support::http_client(clients);
    let started = Instant::now();
    while client.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(60), "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The server's worker refreshes the course once on start (its sweep); let that
    // finish, so the figures are the page's, not the page's beside a refresh.
    let started = Instant::now();
    loop {
        let busy = one(
            &state.db,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'presence.refresh' AND status IN ('queued', 'running') AND run_at <= $1",
            vec![homeroom::time::now_ms().into()],
        )
        .await;
        if busy == 0 || started.elapsed() > Duration::from_secs(120) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let cookie = vec![seeded.tutor_cookie.clone()];
    let c = seeded.course_id;
    let page = client.get(format!("{base}/courses/{c}/radar")).header("cookie", &cookie[0]).send().await.unwrap();
    assert!(page.status().is_success(), "the tutor reads the radar: {}", page.status());
    let body = page.text().await.unwrap();
    assert!(body.contains("rel=\"next\""), "a paged radar");
    for (what, path) in [
        ("radar", format!("/courses/{c}/radar")),
        ("isolated", format!("/courses/{c}/radar?signal=isolated")),
        ("by contact", format!("/courses/{c}/radar?sort=contact")),
    ] {
        let url = format!("{base}{path}");
        let _ = load(&client, &url, &cookie, clients, 1).await;
        let f = load(&client, &url, &cookie, clients, secs).await;
        println!(
            "{label:<9} {what:<11} {:>7.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  ({} requests, {} errors)",
            f.rps, f.p50_ms, f.p99_ms, f.requests, f.errors
        );
    }
    drop(state);
}

fn main() {
    // RUST_LOG=homeroom::presence=debug shows where a refresh's time goes.
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_default_env() {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async move {
        println!(
            "radar: {} students, {} interactions, {} clients, {} s per page",
            env_num("BENCH_STUDENTS", 10_000),
            env_num("BENCH_INTERACTIONS", 1_000_000),
            env_num("BENCH_CLIENTS", 4),
            env_num("BENCH_SECONDS", 10)
        );
        support::each_database(run).await;
    });
}
