//! What the HTTP benchmarks share: an in-process load generator, the server started on
//! a given database, a seeded course with its members, and a fresh PostgreSQL database
//! per run. Each bench includes this file with `#[path]`, so not every bench uses all.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use homeroom::config::{Config, ServerArgs};
use homeroom::db::entity::{course, membership, user};
use homeroom::{AppState, Application};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set};

pub fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

pub struct Figures {
    pub requests: u64,
    pub errors: u64,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// `clients` loops, each sending GET `url` again as soon as the answer is read, until
/// `secs` have passed. Client `i` sends `cookies[i % len]` (none when empty), so each
/// client can be a different person. Only 2xx answers count as requests.
pub async fn load(client: &reqwest::Client, url: &str, cookies: &[String], clients: u64, secs: u64) -> Figures {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = vec![];
    for i in 0..clients as usize {
        let client = client.clone();
        let url = url.to_string();
        let cookie = if cookies.is_empty() { None } else { Some(cookies[i % cookies.len()].clone()) };
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(4096);
            let mut errors = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                let mut req = client.get(&url);
                if let Some(c) = &cookie {
                    req = req.header("cookie", c);
                }
                match req.send().await {
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

/// The app's state on `database_url` (migrated), with its data directory.
pub async fn state(database_url: String) -> (AppState, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let args = ServerArgs {
        data_dir: Some(data.path().to_path_buf()),
        database_url: Some(database_url),
        port: Some(0),
        ..Default::default()
    };
    (AppState::new(Config::resolve(&args).unwrap()).await.unwrap(), data)
}

/// Serve `state` on a free port in this process; the base URL.
pub async fn serve(state: AppState) -> String {
    let app = Application::with_state(state).await.unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run());
    base
}

pub fn http_client(clients: u64) -> reqwest::Client {
    reqwest::Client::builder().pool_max_idle_per_host(clients as usize).build().unwrap()
}

/// A seeded course: its tutor and students, tutor's session cookie.
pub struct Seeded {
    pub course_id: i64,
    pub tutor_id: i64,
    /// Students in id order.
    pub students: Vec<i64>,
    pub tutor_cookie: String,
}

const FIRST: [&str; 40] = [
    "Ada", "Bjørn", "Chiara", "Dmitri", "Emeka", "Fatima", "Gustav", "Hana", "Ingrid", "Jamal", "Kirsten", "Luis",
    "Maja", "Nils", "Olu", "Priya", "Quentin", "Rania", "Sven", "Tomoko", "Uma", "Viktor", "Wanjiru", "Xavier",
    "Yusuf", "Zofia", "Astrid", "Bilal", "Camille", "Dagny", "Eirik", "Freya", "Goran", "Helga", "Ivan", "Jonas",
    "Kari", "Leila", "Magnus", "Nadia",
];
const LAST: [&str; 50] = [
    "Andersen",
    "Berg",
    "Costa",
    "Dahl",
    "Eze",
    "Fischer",
    "Garcia",
    "Haugen",
    "Ito",
    "Johansen",
    "Khan",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Pedersen",
    "Quispe",
    "Rossi",
    "Solberg",
    "Tanaka",
    "Usman",
    "Vik",
    "Wang",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Aas",
    "Bakke",
    "Chen",
    "Diallo",
    "Eriksen",
    "Fosse",
    "Gjerde",
    "Holm",
    "Iversen",
    "Jensen",
    "Kim",
    "Lund",
    "Mensah",
    "Nguyen",
    "Olsen",
    "Park",
    "Ruud",
    "Strand",
    "Torres",
    "Ulven",
    "Vestby",
    "Wold",
    "Yang",
    "Ødegård",
];

/// A distinct full name per index, so @mentions find exactly one person.
pub fn name_of(i: u64) -> String {
    let (f, l) = (i as usize % FIRST.len(), (i as usize / FIRST.len()) % LAST.len());
    let round = i as usize / (FIRST.len() * LAST.len());
    if round == 0 { format!("{} {}", FIRST[f], LAST[l]) } else { format!("{} {} {round}", FIRST[f], LAST[l]) }
}

/// A course with a tutor and `members - 1` students, written in bulk (not through HTTP).
pub async fn seed_course(state: &AppState, members: u64) -> Seeded {
    let db = &state.db;
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
    .insert(db)
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
    .insert(db)
    .await
    .unwrap();
    let zones = ["Europe/Oslo", "Asia/Tokyo", "America/Lima", "Africa/Lagos", "Pacific/Auckland"];
    let users: Vec<user::ActiveModel> = (0..members.saturating_sub(1))
        .map(|i| user::ActiveModel {
            email: Set(format!("s{i}@bench.test")),
            name: Set(name_of(i)),
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
        user::Entity::insert_many(chunk.to_vec()).exec(db).await.unwrap();
    }
    exec(
        db,
        format!(
            "INSERT INTO memberships (course_id, user_id, role, created_at) \
             SELECT {}, id, 'student', {now} FROM users WHERE id <> {}",
            c.id, tutor.id
        ),
    )
    .await;
    membership::ActiveModel {
        course_id: Set(c.id),
        user_id: Set(tutor.id),
        role: Set("tutor".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT id FROM users WHERE id <> {} ORDER BY id", tutor.id),
        ))
        .await
        .unwrap();
    let students = rows.iter().map(|r| r.try_get::<i64>("", "id").unwrap()).collect();
    Seeded { course_id: c.id, tutor_id: tutor.id, students, tutor_cookie: cookie_for(state, tutor.id).await }
}

/// A signed-in session for this person, as a Cookie header value.
pub async fn cookie_for(state: &AppState, user_id: i64) -> String {
    let token = homeroom::auth::session::create(&state.db, user_id).await.unwrap();
    format!("hr_session={token}")
}

pub async fn exec(db: &DatabaseConnection, sql: String) {
    db.execute_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
}

/// The databases to run on: SQLite in a temporary directory, then a fresh PostgreSQL
/// database from HOMEROOM_TEST_POSTGRES (default postgres@127.0.0.1:5432), dropped
/// afterwards. PostgreSQL is skipped with a note when unreachable, or when
/// BENCH_DATABASES=sqlite (BENCH_DATABASES=postgres skips SQLite).
pub async fn each_database<F, Fut>(mut run: F)
where
    F: FnMut(&'static str, String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let only = std::env::var("BENCH_DATABASES").unwrap_or_default();
    let dir = tempfile::tempdir().unwrap();
    if only != "postgres" {
        run("sqlite", homeroom::db::default_url(dir.path())).await;
        // To look at query plans afterwards: BENCH_KEEP_SQLITE=1 leaves the file behind.
        if std::env::var_os("BENCH_KEEP_SQLITE").is_some() {
            println!("sqlite     kept in {}", dir.keep().display());
        }
    }
    if only == "sqlite" {
        return;
    }
    let admin = std::env::var("HOMEROOM_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match sea_orm::Database::connect(&admin).await {
        Ok(db) => {
            let name = format!("hr_bench_{}", std::process::id());
            db.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
            let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);
            run("postgres", url.clone()).await;
            // The same for PostgreSQL: BENCH_KEEP_POSTGRES=1 keeps the database.
            if std::env::var_os("BENCH_KEEP_POSTGRES").is_some() {
                println!("postgres   kept as {url}");
            } else {
                let _ = db.execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)")).await;
            }
        }
        Err(e) => println!("postgres   skipped: {e}"),
    }
}
