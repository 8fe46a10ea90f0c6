//! The test harness: the real app on port 0 against a fresh database (SQLite file or a
//! PostgreSQL database cloned from a migrated template), driven over HTTP by clients with
//! their own cookie jars, and a real SMTP server for email.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use homeroom::config::{Config, ServerArgs};
use homeroom::db::entity::{course, membership, user};
use homeroom::policy::Role;
use homeroom::{AppState, Application};
use reqwest::cookie::{CookieStore, Jar};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, Set};
use tokio::sync::Mutex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generate `sqlite` and `postgres` tests from one async fn taking a `Backend`.
#[macro_export]
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::support::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::support::Backend::Postgres).await
            }
        }
    };
}

pub const PASSWORD: &str = "a good long password";

fn pg_admin_url() -> String {
    std::env::var("HOMEROOM_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn pg_url_for(db: &str) -> String {
    let admin = pg_admin_url();
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
    format!("{base}/{db}")
}

/// The template database is named after the schema's source, so a changed migration
/// gets a fresh template rather than a stale one.
fn template_name() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/db/migrations");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("the migrations folder").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut h: u64 = 0xcbf29ce484222325;
    for file in files {
        for b in std::fs::read(&file).expect("a migration file") {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    format!("hr_tpl_{:012x}", h & 0xffff_ffff_ffff)
}

static PG_READY: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

async fn pg_admin() -> DatabaseConnection {
    Database::connect(pg_admin_url()).await.unwrap_or_else(|e| {
        panic!("PostgreSQL is not reachable at {} ({e}); run ./scripts/test, which starts it", pg_admin_url())
    })
}

async fn prepare_postgres() {
    PG_READY
        .get_or_init(|| async {
            let admin = pg_admin().await;
            // Leftovers of earlier test processes that are gone. Databases of processes
            // still running (other worktrees testing at the same time) are left alone, and
            // the LIKE escapes `_`, which would otherwise also match the templates.
            let rows = admin
                .query_all_raw(sea_orm::Statement::from_string(
                    admin.get_database_backend(),
                    r"SELECT datname FROM pg_database WHERE datname LIKE 'hr\_t\_%'",
                ))
                .await
                .unwrap();
            for r in rows {
                let name: String = r.try_get("", "datname").unwrap();
                let owner = name.strip_prefix("hr_t_").and_then(|rest| rest.split('_').next());
                let alive = owner.is_some_and(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists());
                if name.starts_with("hr_t_") && !alive {
                    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                }
            }
            ensure_template(&admin).await;
            admin.close().await.unwrap();
        })
        .await;
}

/// Build the migrated template unless it exists. Several test processes may race to
/// build it: the advisory lock serialises them.
async fn ensure_template(admin: &DatabaseConnection) {
    let tpl = template_name();
    admin.execute_unprepared("SELECT pg_advisory_lock(424242)").await.unwrap();
    let exists = admin
        .query_one_raw(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            format!("SELECT 1 AS one FROM pg_database WHERE datname = '{tpl}'"),
        ))
        .await
        .unwrap()
        .is_some();
    if !exists {
        admin.execute_unprepared(&format!("CREATE DATABASE \"{tpl}\"")).await.unwrap();
        let db = homeroom::db::connect(&pg_url_for(&tpl)).await.expect("migrate template");
        db.close().await.unwrap();
    }
    admin.execute_unprepared("SELECT pg_advisory_unlock(424242)").await.unwrap();
}

/// A fresh, migrated database URL for one test.
pub async fn fresh_database(backend: Backend) -> (String, Option<tempfile::TempDir>) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let url = homeroom::db::default_url(dir.path());
            (url, Some(dir))
        }
        Backend::Postgres => {
            prepare_postgres().await;
            let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let name = format!("hr_t_{}_{n}", std::process::id());
            let admin = pg_admin().await;
            // An older harness in another worktree may have dropped our template (its
            // cleanup pattern matched it): rebuild it and try again.
            let mut tries = 0;
            while let Err(e) =
                admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\" TEMPLATE \"{}\"", template_name())).await
            {
                tries += 1;
                assert!(tries < 5, "cannot create test database {name}: {e}");
                ensure_template(&admin).await;
                tokio::time::sleep(Duration::from_millis(100 * tries)).await;
            }
            admin.close().await.unwrap();
            (pg_url_for(&name), None)
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    _dir: Option<tempfile::TempDir>,
    _data: tempfile::TempDir,
}

#[derive(Default)]
pub struct Options {
    /// Share another app's database (a second replica, tests/it/live.rs).
    pub database_url: Option<String>,
    pub smtp: bool,
    pub public_url: Option<String>,
    /// A small photo limit, for the tests of oversized uploads.
    pub max_image_mb: Option<u64>,
    /// Send to this SMTP server (e.g. a test's own `SmtpServer::start()`) instead of the
    /// shared one.
    pub smtp_url: Option<String>,
    pub mail_per_minute: Option<u32>,
    pub mail_retry_seconds: Option<u64>,
    /// A small limit for documents, for the attachments and files tests.
    pub max_file_mb: Option<u64>,
    /// Reverse proxies in front, `/metrics` access (security tests).
    pub proxy_hops: Option<u8>,
    pub metrics_token: Option<String>,
    pub metrics_listen: Option<String>,
    /// Abuse limits (`--rate-limit`, `--quota-mb`, the timeouts), for tests/it/abuse.rs.
    pub rate_limits: Vec<String>,
    pub quota_mb: Option<u64>,
    pub request_timeout_secs: Option<u64>,
    pub upload_timeout_secs: Option<u64>,
    pub idle_timeout_secs: Option<u64>,
    /// A config file (single sign-on providers are configured only there).
    pub config: Option<PathBuf>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, Options::default()).await
    }

    pub async fn spawn_with(backend: Backend, opts: Options) -> TestApp {
        let (url, dir) = match opts.database_url.clone() {
            Some(url) => (url, None),
            None => fresh_database(backend).await,
        };
        let data = tempfile::tempdir().unwrap();
        let args = ServerArgs {
            config: opts.config,
            data_dir: Some(data.path().to_path_buf()),
            database_url: Some(url),
            host: Some("127.0.0.1".into()),
            port: Some(0),
            public_url: opts.public_url,
            smtp_url: opts.smtp_url.or_else(|| opts.smtp.then(|| smtp_server().url.clone())),
            mail_per_minute: opts.mail_per_minute,
            mail_retry_seconds: opts.mail_retry_seconds,
            mail_from: Some("Homeroom Tests <homeroom@tests.invalid>".into()),
            max_image_mb: opts.max_image_mb,
            max_file_mb: opts.max_file_mb,
            proxy_hops: opts.proxy_hops,
            metrics_token: opts.metrics_token,
            metrics_listen: opts.metrics_listen,
            count_statements: Some(true),
            // Tests that build a busy course post far faster than any person: the posting
            // limit is off unless a test (tests/it/abuse.rs) sets limits of its own.
            rate_limit: if opts.rate_limits.is_empty() { vec!["post=off".into()] } else { opts.rate_limits },
            quota_mb: opts.quota_mb,
            request_timeout_secs: opts.request_timeout_secs,
            upload_timeout_secs: opts.upload_timeout_secs,
            idle_timeout_secs: opts.idle_timeout_secs,
            ..Default::default()
        };
        let config = Config::resolve(&args).unwrap();
        let app = Application::build(config).await.unwrap();
        let port = app.port();
        let state = app.state().clone();
        tokio::spawn(app.run());
        let base = format!("http://127.0.0.1:{port}");
        TestApp { base, state, _dir: dir, _data: data }
    }

    /// Where the app keeps its files.
    pub fn data_dir(&self) -> &std::path::Path {
        self._data.path()
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    pub fn browser(&self) -> Browser {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        Browser { base: self.base.clone(), client, jar }
    }

    /// A person with an account and a password.
    pub async fn user(&self, email: &str, name: &str) -> user::Model {
        let hash = homeroom::auth::password::hash(PASSWORD).unwrap();
        let email = homeroom::validate::Email::parse(email).unwrap();
        homeroom::accounts::create_user(self.db(), &email, name, Some(hash), homeroom::i18n::Locale::En, "Europe/Oslo")
            .await
            .unwrap()
    }

    pub async fn admin(&self, email: &str) -> user::Model {
        homeroom::accounts::create_site_admin(self.db(), email, "Site Admin", PASSWORD).await.unwrap()
    }

    pub async fn course(&self, title: &str, tutor: &user::Model) -> course::Model {
        let c = course::ActiveModel {
            title: Set(title.into()),
            description: Set(String::new()),
            start_date: Set("2026-09-01".into()),
            time_zone: Set("Europe/Oslo".into()),
            start_mode: Set("asynchronous".into()),
            join_code: Set(Some(homeroom::auth::tokens::join_code())),
            join_enabled: Set(true),
            created_by: Set(Some(tutor.id)),
            created_at: Set(homeroom::time::now_ms()),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap();
        self.enrol(&c, tutor, Role::Tutor).await;
        c
    }

    pub async fn enrol(&self, c: &course::Model, u: &user::Model, role: Role) {
        membership::ActiveModel {
            course_id: Set(c.id),
            user_id: Set(u.id),
            role: Set(role.as_str().into()),
            state: Set("active".into()),
            created_at: Set(homeroom::time::now_ms()),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap();
    }

    /// A browser already signed in as this person.
    pub async fn signed_in(&self, email: &str) -> Browser {
        let b = self.browser();
        b.sign_in(email, PASSWORD).await;
        b
    }

    /// The body of the one email in the outbox (the app has no SMTP in most tests).
    pub async fn only_email_body(&self) -> String {
        assert_eq!(self.count("emails").await, 1);
        let row = self
            .db()
            .query_one_raw(sea_orm::Statement::from_string(
                self.db().get_database_backend(),
                "SELECT body_text FROM emails",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "body_text").unwrap()
    }

    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db()
            .query_one_raw(sea_orm::Statement::from_string(
                self.db().get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
    pub content_type: String,
    pub body: String,
    /// SQL statements the request issued (the server runs with `--count-statements`).
    pub statements: Option<u64>,
}

impl Resp {
    pub fn redirects_to(&self, prefix: &str) -> bool {
        (300..400).contains(&self.status) && self.location.as_deref().is_some_and(|l| l.starts_with(prefix))
    }

    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "unexpected status; body: {}", &self.body[..self.body.len().min(3000)]);
        self
    }

    #[track_caller]
    pub fn assert_contains(&self, text: &str) -> &Self {
        assert!(self.body.contains(text), "{text:?} not in body: {}", &self.body[..self.body.len().min(5000)]);
        self
    }
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The CSRF token: the value of our cookie, which forms echo back.
    pub fn csrf(&self) -> Option<String> {
        let url: reqwest::Url = self.base.parse().unwrap();
        let cookies = self.jar.cookies(&url)?;
        cookies
            .to_str()
            .ok()?
            .split(';')
            .filter_map(|p| p.trim().split_once('='))
            // Named with the `__Host-` prefix when the app is on HTTPS.
            .find(|(k, _)| *k == "hr_csrf" || *k == "__Host-hr_csrf")
            .map(|(_, v)| v.to_string())
    }

    async fn resp(r: reqwest::Response) -> Resp {
        let status = r.status().as_u16();
        let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(String::from);
        let set_cookies =
            r.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(String::from).collect();
        let content_type = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let statements = r.headers().get("x-statements").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
        let body = r.text().await.unwrap_or_default();
        Resp { status, location, set_cookies, content_type, body, statements }
    }

    pub async fn get(&self, path: &str) -> Resp {
        Self::resp(self.client.get(self.url(path)).send().await.unwrap()).await
    }

    pub async fn get_json(&self, path: &str) -> Resp {
        Self::resp(self.client.get(self.url(path)).header("accept", "application/json").send().await.unwrap()).await
    }

    /// Make sure we hold a CSRF cookie, as a browser would after loading any page.
    pub async fn ensure_csrf(&self) -> String {
        if self.csrf().is_none() {
            self.get("/sign-in").await;
        }
        self.csrf().expect("a CSRF cookie")
    }

    /// Post a form as the page would, with its CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.ensure_csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("_csrf", &token));
        Self::resp(self.client.post(self.url(path)).form(&all).send().await.unwrap()).await
    }

    /// Post without any CSRF token, as a forged cross-site form would.
    pub async fn post_forged(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        Self::resp(self.client.post(self.url(path)).form(&fields.to_vec()).send().await.unwrap()).await
    }

    /// Post a multipart form with the token in the `x-csrf-token` header (pages put it in
    /// the form's first part; `security.rs` tests that way).
    pub async fn post_multipart(&self, path: &str, form: reqwest::multipart::Form) -> Resp {
        let token = self.ensure_csrf().await;
        let req = self.client.post(self.url(path)).header("x-csrf-token", token).multipart(form);
        Self::resp(req.send().await.unwrap()).await
    }

    /// Like `post_multipart`, but a connection the server closed early is `None`.
    pub async fn try_post_multipart(&self, path: &str, form: reqwest::multipart::Form) -> Option<Resp> {
        let token = self.ensure_csrf().await;
        match self.client.post(self.url(path)).header("x-csrf-token", token).multipart(form).send().await {
            Ok(r) => Some(Self::resp(r).await),
            Err(e) if e.is_request() => None,
            Err(e) => panic!("{e}"),
        }
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Resp {
        let r = self.post("/sign-in", &[("email", email), ("password", password)]).await;
        assert!(r.redirects_to("/"), "sign-in as {email} failed: {} {}", r.status, &r.body[..r.body.len().min(2000)]);
        r
    }
}

/// A real SMTP server (aiosmtpd) writing what it receives into a Maildir.
pub struct SmtpServer {
    pub url: String,
    pub maildir: PathBuf,
    _child: Mutex<std::process::Child>,
}

static SMTP: OnceLock<SmtpServer> = OnceLock::new();

pub fn smtp_server() -> &'static SmtpServer {
    SMTP.get_or_init(|| {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        // aiosmtpd makes the Maildir itself (and only if the folder does not exist yet).
        let dir = std::env::temp_dir().join(format!("homeroom-mail-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        // A watchdog shell stops the server when this test process is gone, since a
        // process-wide static is never dropped.
        let script = format!(
            "python3 -m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Mailbox '{}' & s=$!; \
             while kill -0 {} 2>/dev/null; do sleep 1; done; kill $s",
            dir.display(),
            std::process::id()
        );
        let child = std::process::Command::new("sh")
            .args(["-c", &script])
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(std::env::temp_dir().join("homeroom-smtp.log")).unwrap())
            .spawn()
            .expect("sh to start aiosmtpd");
        let mut up = false;
        for _ in 0..150 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                up = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(up, "aiosmtpd did not start; is it installed (pip install aiosmtpd)? See /tmp/homeroom-smtp.log");
        SmtpServer { url: format!("smtp://127.0.0.1:{port}"), maildir: dir, _child: Mutex::new(child) }
    })
}

/// One delivered message: headers as read, body decoded if it was quoted-printable.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub list_unsubscribe: String,
    pub list_unsubscribe_post: String,
}

impl SmtpServer {
    pub fn messages(&self) -> Vec<Mail> {
        read_maildir(&self.maildir)
    }
}

/// What an aiosmtpd Maildir holds (it writes to tmp/ and renames, so no half messages).
pub fn read_maildir(maildir: &std::path::Path) -> Vec<Mail> {
    let mut out = vec![];
    for sub in ["new", "cur"] {
        let Ok(entries) = std::fs::read_dir(maildir.join(sub)) else { continue };
        for e in entries.flatten() {
            let Ok(raw) = std::fs::read_to_string(e.path()) else { continue };
            let raw = raw.replace("\r\n", "\n");
            let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
            // Unfold continued header lines before reading them.
            let head = head.replace("\n ", " ").replace("\n\t", " ");
            let header = |name: &str| {
                head.lines().find_map(|l| l.strip_prefix(&format!("{name}: ")).map(String::from)).unwrap_or_default()
            };
            let body = if header("Content-Transfer-Encoding").eq_ignore_ascii_case("quoted-printable") {
                decode_qp(body)
            } else {
                body.to_string()
            };
            out.push(Mail {
                to: header("To"),
                subject: header("Subject"),
                body,
                message_id: header("Message-ID"),
                list_unsubscribe: header("List-Unsubscribe"),
                list_unsubscribe_post: header("List-Unsubscribe-Post"),
            });
        }
    }
    out
}

impl SmtpServer {
    /// Wait until a message to `to` arrives (the app sends in the background).
    pub async fn wait_for(&self, to: &str, at_least: usize) -> Vec<Mail> {
        for _ in 0..200 {
            let got: Vec<Mail> = self.messages().into_iter().filter(|m| m.to.contains(to)).collect();
            if got.len() >= at_least {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no email to {to} arrived at the SMTP server ({}): {:?}", self.maildir.display(), self.messages());
    }
}

fn decode_qp(s: &str) -> String {
    let s = s.replace("=\n", "");
    let bytes = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The first link to our own server found in a text.
pub fn link_in(text: &str, base: &str) -> Option<String> {
    let start = text.find(base)?;
    let rest = &text[start + base.len()..];
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

/// A test's own SMTP server, which the test may stop (as a crash would) and start again
/// on the same port and Maildir. Stopped when dropped.
pub struct OwnSmtp {
    pub port: u16,
    pub maildir: PathBuf,
    dir: tempfile::TempDir,
    /// Seconds the server waits after the message's data arrives, before storing it.
    data_delay: f64,
    child: Option<std::process::Child>,
}

/// aiosmtpd's Maildir handler, optionally pausing before it stores a message, so that a
/// test can kill the server in the middle of an SMTP transaction.
const SMTP_SCRIPT: &str = r#"
import asyncio, sys
from aiosmtpd.handlers import Mailbox
from aiosmtpd.main import main

class Slow(Mailbox):
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(float(sys.argv[1]))
        return await super().handle_DATA(server, session, envelope)

main(["-n", "-l", sys.argv[2], "-c", "__main__.Slow", sys.argv[3]])
"#;

impl OwnSmtp {
    pub fn start() -> OwnSmtp {
        OwnSmtp::start_slow(0.0)
    }

    /// A server that takes `data_delay` seconds over each message's data.
    pub fn start_slow(data_delay: f64) -> OwnSmtp {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = tempfile::tempdir().unwrap();
        let maildir = dir.path().join("Maildir");
        std::fs::write(dir.path().join("smtp.py"), SMTP_SCRIPT).unwrap();
        let mut s = OwnSmtp { port, maildir, dir, data_delay, child: None };
        s.restart();
        s
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Kill the server at once (SIGKILL), mid-transaction if it is in one.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Start (again) on the same port and Maildir; returns once it accepts connections.
    pub fn restart(&mut self) {
        self.kill();
        let child = std::process::Command::new("python3")
            .arg(self.dir.path().join("smtp.py"))
            .args([self.data_delay.to_string(), format!("127.0.0.1:{}", self.port), self.maildir.display().to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 to start aiosmtpd");
        self.child = Some(child);
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(std::time::Instant::now() < deadline, "aiosmtpd did not start on port {}", self.port);
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn messages(&self) -> Vec<Mail> {
        read_maildir(&self.maildir)
    }

    /// Wait until at least `n` messages have arrived, or panic after `secs`.
    pub async fn wait_for_count(&self, n: usize, secs: u64) -> Vec<Mail> {
        let deadline = std::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            assert!(std::time::Instant::now() < deadline, "only {} of {n} messages arrived", got.len());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for OwnSmtp {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Poll `check` until it holds, or panic with `what` after `secs`.
pub async fn eventually<F, Fut>(secs: u64, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    while !check().await {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A small course for the social features' tests: a tutor, students Ada, Bo and Cy, an
/// observer, and a student of another course.
pub struct Class {
    pub app: TestApp,
    pub course: i64,
    pub tutor: i64,
    pub ada: i64,
    pub bo: i64,
    pub outsider: i64,
}

pub async fn class(b: Backend, title: &str) -> Class {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course(title, &t).await;
    let mut ids = vec![];
    for (email, name, role) in [
        ("ada@example.org", "Ada Lovelace", Role::Student),
        ("bo@example.org", "Bo Berg", Role::Student),
        ("cy@example.org", "Cy Cole", Role::Student),
        ("obs@example.org", "Olly Observer", Role::Observer),
    ] {
        let u = app.user(email, name).await;
        app.enrol(&c, &u, role).await;
        ids.push(u.id);
    }
    let other_tutor = app.user("other@example.org", "Otto Other").await;
    let other = app.course("Elsewhere", &other_tutor).await;
    let out = app.user("out@example.org", "Una Outsider").await;
    app.enrol(&other, &out, Role::Student).await;
    Class { course: c.id, tutor: t.id, ada: ids[0], bo: ids[1], outsider: out.id, app }
}
