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

use std::time::{Duration, Instant};

use homeroom::config::{Config, ServerArgs};
use homeroom::db::entity::{course, membership, user};
use homeroom::{AppState, Application};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

struct Figures {
    requests: u64,
    errors: u64,
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
}

async fn load(client: &reqwest::Client, url: &str, cookie: &str, clients: u64, secs: u64) -> Figures {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = vec![];
    for _ in 0..clients {
        let client = client.clone();
        let url = url.to_string();
        let cookie = cookie.to_string();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(4096);
            let mut errors = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                match client.get(&url).header("cookie", &cookie).send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        lat.push(t.elapsed());
                    }
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }
    let mut all = vec![];
    let mut errors = 0;
    for t in tasks {
        let (lat, e) = t.await.unwrap();
        all.extend(lat);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    Figures {
        requests: all.len() as u64,
        errors,
        rps: all.len() as f64 / elapsed,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
    }
}

async fn seed(state: &AppState, members: u64) -> (i64, String) {
    let hash = homeroom::auth::password::hash("benchmark password").unwrap();
    let now = homeroom::time::now_ms();
    let tutor = user::ActiveModel {
        email: Set("tutor@bench.test".into()),
        name: Set("Bench Tutor".into()),
        password_hash: Set(Some(hash)),
        locale: Set("en".into()),
        time_zone: Set("Europe/Oslo".into()),
        is_site_admin: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .unwrap();
    let c = course::ActiveModel {
        title: Set("Benchmark course".into()),
        description: Set("A large class.".into()),
        start_date: Set("2026-09-01".into()),
        time_zone: Set("Europe/Oslo".into()),
        start_mode: Set("asynchronous".into()),
        join_code: Set(None),
        join_enabled: Set(false),
        created_by: Set(Some(tutor.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .unwrap();
    let zones = ["Europe/Oslo", "Asia/Tokyo", "America/Lima", "Africa/Lagos", "Pacific/Auckland"];
    let users: Vec<user::ActiveModel> = (0..members - 1)
        .map(|i| user::ActiveModel {
            email: Set(format!("s{i}@bench.test")),
            name: Set(format!("Student {i:04}")),
            password_hash: Set(None),
            locale: Set("en".into()),
            time_zone: Set(zones[i as usize % zones.len()].into()),
            is_site_admin: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    for chunk in users.chunks(400) {
        user::Entity::insert_many(chunk.to_vec()).exec(&state.db).await.unwrap();
    }
    let backend = state.db.get_database_backend();
    state
        .db
        .execute_raw(sea_orm::Statement::from_string(
            backend,
            format!(
                "INSERT INTO memberships (course_id, user_id, role, created_at) \
                 SELECT {}, id, 'student', {now} FROM users WHERE id <> {}",
                c.id, tutor.id
            ),
        ))
        .await
        .unwrap();
    membership::ActiveModel {
        course_id: Set(c.id),
        user_id: Set(tutor.id),
        role: Set("tutor".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .unwrap();
    let token = homeroom::auth::session::create(&state.db, tutor.id).await.unwrap();
    (c.id, format!("hr_session={token}"))
}

async fn run(label: &str, database_url: String, secs: u64, clients: u64, members: u64) {
    let data = tempfile::tempdir().unwrap();
    let args = ServerArgs {
        data_dir: Some(data.path().to_path_buf()),
        database_url: Some(database_url),
        port: Some(0),
        ..Default::default()
    };
    let state = AppState::new(Config::resolve(&args).unwrap()).await.unwrap();
    let (course_id, cookie) = seed(&state, members).await;
    let app = Application::with_state(state).await.unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run());
    let client = reqwest::Client::builder().pool_max_idle_per_host(clients as usize).build().unwrap();
    // Warm up connections and caches.
    let _ = load(&client, &format!("{base}/courses/{course_id}"), &cookie, clients, 1).await;
    let health = load(&client, &format!("{base}/healthz"), "", clients, secs).await;
    let home = load(&client, &format!("{base}/courses/{course_id}"), &cookie, clients, secs).await;
    let people = {
        let r = client.get(format!("{base}/courses/{course_id}")).header("cookie", &cookie).send().await.unwrap();
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
        let dir = tempfile::tempdir().unwrap();
        run("sqlite", homeroom::db::default_url(dir.path()), secs, clients, members).await;
        let admin = std::env::var("HOMEROOM_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        match sea_orm::Database::connect(&admin).await {
            Ok(db) => {
                let name = format!("hr_bench_{}", std::process::id());
                db.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
                let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);
                run("postgres", url, secs, clients, members).await;
                let _ = db.execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)")).await;
            }
            Err(e) => println!("postgres   skipped: {e}"),
        }
    });
}
