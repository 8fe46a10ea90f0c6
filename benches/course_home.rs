//! Course home benchmark: requests per second and latency of the course home page for a
//! course of 500 members, at 50 concurrent clients, on SQLite and on PostgreSQL, beside
//! the same server's `/healthz` as the ceiling.
//!
//!   cargo bench --bench course_home
//!   BENCH_SECONDS=20 BENCH_CLIENTS=50 BENCH_MEMBERS=500 cargo bench --bench course_home
//!
//! The load generator runs in the same process as the server (both share the machine's
//! cores), so the figures are a floor for what a separate load generator would see.
//! PostgreSQL is taken from HOMEROOM_TEST_POSTGRES (default: postgres@127.0.0.1:5432);
//! it is skipped with a note if unreachable.

#[path = "support/mod.rs"]
mod support;

use support::{env_num, load};

async fn run(label: &str, database_url: String, secs: u64, clients: u64, members: u64) {
    let (state, _data) = support::state(database_url).await;
    let seeded = support::seed_course(&state, members).await;
    let (course_id, cookie) = (seeded.course_id, vec![seeded.tutor_cookie]);
    let base = support::serve(state).await;
    let client = support::http_client(clients);
    // Warm up connections and caches.
    let _ = load(&client, &format!("{base}/courses/{course_id}"), &cookie, clients, 1).await;
    let health = load(&client, &format!("{base}/healthz"), &[], clients, secs).await;
    let home = load(&client, &format!("{base}/courses/{course_id}"), &cookie, clients, secs).await;
    let people = {
        let r = client.get(format!("{base}/courses/{course_id}")).header("cookie", &cookie[0]).send().await.unwrap();
        r.text().await.unwrap().matches("class=\"person\"").count()
    };
    for (what, f) in [("/healthz", &health), ("course home", &home)] {
        println!(
            "{label:<10} {what:<12} {:>9.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  ({} requests, {} errors)",
            f.rps, f.p50_ms, f.p99_ms, f.requests, f.errors
        );
    }
    println!(
        "{label:<10} course home / healthz = {:.3} of the ceiling ({people} people on the page)",
        home.rps / health.rps
    );
}

fn main() {
    let secs = env_num("BENCH_SECONDS", 10);
    let clients = env_num("BENCH_CLIENTS", 50);
    let members = env_num("BENCH_MEMBERS", 500);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async move {
        println!("course home for {members} members, {clients} concurrent clients, {secs} s per figure");
        support::each_database(|label, url| run(label, url, secs, clients, members)).await;
    });
}
