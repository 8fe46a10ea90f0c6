//! The live-session load tool (issue 14): real WebSockets against the real server run as
//! its own process (`homeroom serve`), on this machine's cores, beside the load.
//!
//!   cargo build --release && HOMEROOM_BIN=target/release/homeroom cargo bench --bench live
//!   LIVE_PARTICIPANTS=1000,5000 LIVE_IDLE=10000 BENCH_DATABASES=sqlite cargo bench --bench live
//!
//! For each class size N: N participants join one session (one socket each), then all
//! answer a poll within one second (sends spread evenly over it). Latency is measured
//! from an answer sent to the first tally that counts it, at every client: answers are
//! ranked by when their acknowledgement came back (after the write committed), and the
//! k-th answer is in a tally once that tally counts k people. Reported: p50 and p99 over
//! all (answer, client) pairs, and the time until every client had the final tally.
//! The same with two server processes on one database sharing events over NATS
//! (`--nats-url`, clients split between them), when NATS answers at LIVE_NATS (default
//! nats://127.0.0.1:4222). Then LIVE_IDLE idle sockets and the server's resident memory
//! before and after (VmRSS of its process). Between the two, LIVE_BREAKOUT (default
//! 1,000; 0 skips) participants wait in the lobby while the tutor opens a breakout
//! planned on the spot into rooms of four: the time from the tutor's request to each
//! client holding its own room (one server, then two over NATS).
//!
//! Seeding writes straight to the database through the library (the benches' support
//! module); the server and its sockets are the real thing.

#[path = "support/mod.rs"]
mod support;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::{SinkExt, StreamExt};
use homeroom::live::queries;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

struct Server {
    child: Child,
    base: String,
    /// The server's own `/metrics` address (`--metrics-listen`).
    metrics: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start_server(bin: &str, database_url: &str, data: &std::path::Path, nats: Option<&str>) -> Server {
    let (port, metrics_port) = (free_port(), free_port());
    let metrics_listen = format!("127.0.0.1:{metrics_port}");
    let mut cmd = Command::new(bin);
    cmd.args(["serve", "--database-url", database_url, "--host", "127.0.0.1", "--port", &port.to_string()])
        .args(["--metrics-listen", &metrics_listen])
        .arg("--data-dir")
        .arg(data)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(n) = nats {
        cmd.args(["--nats-url", n]);
    }
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            return Server { child, base, metrics: format!("http://{metrics_listen}/metrics") };
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("{bin} did not come up");
}

/// The live counters of each server's `/metrics`: (events made, events relayed from
/// another replica).
async fn live_counts(servers: &[&Server]) -> Vec<(u64, u64)> {
    let client = reqwest::Client::new();
    let mut out = vec![];
    for s in servers {
        let text = match client.get(&s.metrics).send().await {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        let value = |name: &str| {
            text.lines().find_map(|l| l.strip_prefix(name).and_then(|v| v.trim().parse::<f64>().ok())).unwrap_or(0.0)
                as u64
        };
        out.push((value("homeroom_live_events_made_total "), value("homeroom_live_events_relayed_total ")));
    }
    out
}

fn rss_kb(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn open(base: &str, course: i64, session: i64, cookie: &str) -> Ws {
    let url = format!("{}/courses/{course}/live/{session}/socket", base.replace("http://", "ws://"));
    let mut req = url.into_client_request().unwrap();
    req.headers_mut().insert("cookie", cookie.parse().unwrap());
    req.headers_mut().insert("origin", base.parse().unwrap());
    for attempt in 0..20 {
        // Small buffers on our side too: ten thousand sockets in one load process.
        let config = WebSocketConfig::default().read_buffer_size(4096).write_buffer_size(0);
        match tokio_tungstenite::connect_async_with_config(req.clone(), Some(config), false).await {
            Ok((ws, _)) => return ws,
            Err(e) if attempt < 19 => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(50 * (attempt + 1))).await;
            }
            Err(e) => panic!("socket: {e}"),
        }
    }
    unreachable!()
}

/// A session with one running poll step.
async fn poll_session(state: &homeroom::AppState, course: i64, tutor: i64, title: &str) -> (i64, i64) {
    let now = homeroom::time::now_ms();
    let s = queries::create_session(
        &state.db,
        &queries::NewSession {
            course_id: course,
            title,
            starts_at: now,
            video_url: "",
            mood_named: false,
            created_by: tutor,
        },
        now,
    )
    .await
    .unwrap();
    let step = queries::add_step(
        &state.db,
        s,
        &queries::NewStep {
            kind: "poll",
            prompt: "How is the pace?".into(),
            options: vec!["Slow".into(), "Fine".into(), "Fast".into()],
            max_answers: 1,
            multiple: false,
            anonymous: true,
            show_names: false,
            round_id: None,
            group_size: 4,
            minutes: 15,
            facilitator: "birthday",
        },
    )
    .await
    .unwrap();
    queries::update_session(&state.db, s, &[("state", "running".into()), ("step_id", step.into())]).await.unwrap();
    (s, step)
}

struct Client {
    sent: Option<Instant>,
    acked: Option<Instant>,
    /// (when, people counted) of every state received after the start.
    tallies: Vec<(Instant, u64)>,
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

/// N participants over `bases` (round robin) answer one poll within a second.
async fn poll_round(servers: &[&Server], course: i64, session: i64, step: i64, cookies: &[String]) -> String {
    let bases: Vec<&str> = servers.iter().map(|s| s.base.as_str()).collect();
    let n = cookies.len();
    let mut sockets = Vec::with_capacity(n);
    let joined = Instant::now();
    for (i, c) in cookies.iter().enumerate() {
        sockets.push(open(bases[i % bases.len()], course, session, c).await);
    }
    let join_secs = joined.elapsed().as_secs_f64();
    // Let the arrivals settle (presence events) before the poll.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let counted = live_counts(servers).await;
    let start = Instant::now() + Duration::from_millis(500);
    let spread = Duration::from_secs(1);
    let done = Arc::new(tokio::sync::Barrier::new(n + 1));
    let mut tasks = vec![];
    for (i, mut ws) in sockets.into_iter().enumerate() {
        let at = start + spread * i as u32 / n as u32;
        let done = done.clone();
        tasks.push(tokio::spawn(async move {
            let mut me = Client { sent: None, acked: None, tallies: vec![] };
            // Drain what came before the start.
            while let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(1), ws.next()).await {}
            let send_at = tokio::time::sleep_until(at.into());
            tokio::pin!(send_at);
            let deadline = tokio::time::sleep_until((start + Duration::from_secs(30)).into());
            tokio::pin!(deadline);
            let mut sent = false;
            loop {
                tokio::select! {
                    _ = &mut send_at, if !sent => {
                        sent = true;
                        me.sent = Some(Instant::now());
                        let msg = format!(r#"{{"type":"answer","ref":1,"step":{step},"choices":[{}]}}"#, i % 3);
                        if ws.send(Message::Text(msg.into())).await.is_err() { break; }
                    }
                    m = ws.next() => match m {
                        Some(Ok(Message::Text(t))) => {
                            let now = Instant::now();
                            let v: serde_json::Value = serde_json::from_str(&t).unwrap_or_default();
                            if v["type"] == "ack" { me.acked = Some(now); }
                            if v["type"] == "state" {
                                let people = v["step"]["results"]["people"].as_u64().unwrap_or(0);
                                me.tallies.push((now, people));
                                if people as usize >= n { break; }
                            }
                        }
                        Some(Ok(_)) => {}
                        _ => break,
                    },
                    _ = &mut deadline => break,
                }
            }
            done.wait().await;
            drop(ws);
            me
        }));
    }
    done.wait().await;
    let mut clients = vec![];
    for t in tasks {
        clients.push(t.await.unwrap());
    }
    // Answers in commit order (by acknowledgement).
    let mut answers: Vec<(Instant, Instant)> = clients.iter().filter_map(|c| Some((c.acked?, c.sent?))).collect();
    answers.sort_by_key(|a| a.0);
    let mut lat = Vec::with_capacity(answers.len() * n);
    let mut missing = 0usize;
    let mut all_final: Option<Instant> = None;
    for c in &clients {
        let mut j = 0;
        for (k, (_, sent)) in answers.iter().enumerate() {
            while j < c.tallies.len() && (c.tallies[j].1 as usize) < k + 1 {
                j += 1;
            }
            match c.tallies.get(j) {
                Some((when, _)) => lat.push(when.saturating_duration_since(*sent).as_secs_f64() * 1000.0),
                None => missing += 1,
            }
        }
        if let Some((when, _)) = c.tallies.iter().find(|t| t.1 as usize >= n) {
            all_final = Some(all_final.map_or(*when, |a| a.max(*when)));
        }
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    // How long the write itself took to be acknowledged: what is left of the latency is
    // the wait for the next event and its delivery.
    let mut acks: Vec<f64> = answers.iter().map(|(acked, sent)| (*acked - *sent).as_secs_f64() * 1000.0).collect();
    acks.sort_by(|a, b| a.total_cmp(b));
    // Events made and relayed during the poll, per server: with two replicas, each event
    // should be made once and relayed once.
    let events: Vec<String> = live_counts(servers)
        .await
        .iter()
        .zip(&counted)
        .map(|(now, then)| format!("{} made, {} relayed", now.0 - then.0, now.1 - then.1))
        .collect();
    format!(
        "{n:>5} participants on {} server(s): joined in {join_secs:.1} s; answer→ack p50 {:.0} ms, p99 {:.0} ms; \
         answer→tally p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms \
         over {} (answer, client) pairs; {} acked; every client had the final tally {}; {} pairs never seen; \
         events: {}",
        bases.len(),
        pct(&acks, 0.5),
        pct(&acks, 0.99),
        pct(&lat, 0.5),
        pct(&lat, 0.99),
        lat.last().copied().unwrap_or(f64::NAN),
        lat.len(),
        answers.len(),
        all_final
            .map_or("never".into(), |t| format!("{:.0} ms after the first send", (t - start).as_secs_f64() * 1000.0)),
        missing,
        events.join(" / "),
    )
}

/// A session in the lobby with one breakout step planned on the spot (rooms of four).
async fn breakout_session(state: &homeroom::AppState, course: i64, tutor: i64) -> (i64, i64) {
    let now = homeroom::time::now_ms();
    let new = queries::NewSession {
        course_id: course,
        title: "breakout",
        starts_at: now,
        video_url: "",
        mood_named: false,
        created_by: tutor,
    };
    let s = queries::create_session(&state.db, &new, now).await.unwrap();
    let step = queries::NewStep {
        kind: "breakout",
        prompt: "Plan one small change".into(),
        options: vec![],
        max_answers: 1,
        multiple: false,
        anonymous: false,
        show_names: false,
        round_id: None,
        group_size: 4,
        minutes: 15,
        facilitator: "birthday",
    };
    let step = queries::add_step(&state.db, s, &step).await.unwrap();
    queries::update_session(&state.db, s, &[("state", "running".into())]).await.unwrap();
    (s, step)
}

/// N participants over `bases` wait in the lobby; the tutor opens the breakout on the
/// first server (the engine plans rooms of four for everyone here); measured from the
/// tutor's request to each client holding a state with its own room.
async fn breakout_round(
    bases: &[String],
    course: i64,
    session: i64,
    step: i64,
    cookies: &[String],
    tutor_cookie: &str,
) -> String {
    let n = cookies.len();
    let mut sockets = Vec::with_capacity(n);
    for (i, c) in cookies.iter().enumerate() {
        sockets.push(open(&bases[i % bases.len()], course, session, c).await);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    // The tutor's form, as the page posts it: the CSRF token from the page.
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = http
        .get(format!("{}/courses/{course}/live/{session}", bases[0]))
        .header("cookie", tutor_cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = page
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .expect("a CSRF token on the tutor's page")
        .to_string();
    let start_at = Instant::now() + Duration::from_millis(300);
    let done = Arc::new(tokio::sync::Barrier::new(n + 1));
    let mut tasks = vec![];
    for mut ws in sockets {
        let done = done.clone();
        tasks.push(tokio::spawn(async move {
            while let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(1), ws.next()).await {}
            let deadline = tokio::time::sleep_until((start_at + Duration::from_secs(30)).into());
            tokio::pin!(deadline);
            let mut got: Option<(Instant, i64)> = None;
            loop {
                tokio::select! {
                    m = ws.next() => match m {
                        Some(Ok(Message::Text(t))) => {
                            let v: serde_json::Value = serde_json::from_str(&t).unwrap_or_default();
                            if v["type"] == "state" && v["mine"]["number"].is_i64() {
                                got = Some((Instant::now(), v["mine"]["number"].as_i64().unwrap_or(0)));
                                break;
                            }
                        }
                        Some(Ok(_)) => {}
                        _ => break,
                    },
                    _ = &mut deadline => break,
                }
            }
            done.wait().await;
            drop(ws);
            got
        }));
    }
    tokio::time::sleep_until(start_at.into()).await;
    let sent = Instant::now();
    let r = http
        .post(format!("{}/courses/{course}/live/{session}/open", bases[0]))
        .header("cookie", tutor_cookie)
        .header("origin", &bases[0])
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("_csrf={token}&step={step}"))
        .send()
        .await
        .unwrap();
    let answered = sent.elapsed().as_secs_f64() * 1000.0;
    let status = r.status();
    done.wait().await;
    let mut lat = vec![];
    let mut rooms = std::collections::HashSet::new();
    for t in tasks {
        if let Some((when, room)) = t.await.unwrap() {
            lat.push(when.saturating_duration_since(sent).as_secs_f64() * 1000.0);
            rooms.insert(room);
        }
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    format!(
        "{n:>5} participants on {} server(s): breakout opened ({status}, answered in {answered:.0} ms) into {} rooms; \
         own room on screen p50 {:.0} ms, p99 {:.0} ms, every client {:.0} ms after the request; {} of {n} had a room",
        bases.len(),
        rooms.len(),
        pct(&lat, 0.5),
        pct(&lat, 0.99),
        lat.last().copied().unwrap_or(f64::NAN),
        lat.len(),
    )
}

async fn run(label: &'static str, database_url: String) {
    let bin = std::env::var("HOMEROOM_BIN").unwrap_or_else(|_| "target/release/homeroom".into());
    let sizes: Vec<usize> = std::env::var("LIVE_PARTICIPANTS")
        .unwrap_or_else(|_| "1000,5000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let idle = support::env_num("LIVE_IDLE", 10_000) as usize;
    let nats = std::env::var("LIVE_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".into());
    let nats_up = std::net::TcpStream::connect(nats.trim_start_matches("nats://")).is_ok();
    let (state, data) = support::state(database_url.clone()).await;
    // One person per socket, idle ones included (ten thousand sessions take seconds).
    let breakout = support::env_num("LIVE_BREAKOUT", 1_000) as usize;
    let most = sizes.iter().copied().max().unwrap_or(0).max(breakout).max(idle).max(1);
    let seeded = support::seed_course(&state, most as u64 + 1).await;
    let mut cookies = Vec::with_capacity(most);
    for &s in seeded.students.iter().take(most) {
        cookies.push(support::cookie_for(&state, s).await);
    }
    for &n in &sizes {
        let (s, step) = poll_session(&state, seeded.course_id, seeded.tutor_id, "one server").await;
        let server = start_server(&bin, &database_url, data.path(), None).await;
        println!("{label:<8} {}", poll_round(&[&server], seeded.course_id, s, step, &cookies[..n]).await);
        drop(server);
        if nats_up {
            let (s, step) = poll_session(&state, seeded.course_id, seeded.tutor_id, "two replicas").await;
            let a = start_server(&bin, &database_url, data.path(), Some(&nats)).await;
            let b = start_server(&bin, &database_url, data.path(), Some(&nats)).await;
            println!("{label:<8} {}", poll_round(&[&a, &b], seeded.course_id, s, step, &cookies[..n]).await);
        } else {
            println!("{label:<8} NATS not reachable at {nats}: two-replica figures skipped");
        }
    }
    if breakout > 0 {
        let n = breakout.min(cookies.len());
        let (s, step) = breakout_session(&state, seeded.course_id, seeded.tutor_id).await;
        let server = start_server(&bin, &database_url, data.path(), None).await;
        let line = breakout_round(
            std::slice::from_ref(&server.base),
            seeded.course_id,
            s,
            step,
            &cookies[..n],
            &seeded.tutor_cookie,
        )
        .await;
        println!("{label:<8} {line}");
        drop(server);
        if nats_up {
            let (s, step) = breakout_session(&state, seeded.course_id, seeded.tutor_id).await;
            let a = start_server(&bin, &database_url, data.path(), Some(&nats)).await;
            let b = start_server(&bin, &database_url, data.path(), Some(&nats)).await;
            let bases = [a.base.clone(), b.base.clone()];
            let line = breakout_round(&bases, seeded.course_id, s, step, &cookies[..n], &seeded.tutor_cookie).await;
            println!("{label:<8} {line}");
        }
    }
    if idle > 0 {
        let (s, _) = poll_session(&state, seeded.course_id, seeded.tutor_id, "idle").await;
        let server = start_server(&bin, &database_url, data.path(), None).await;
        let pid = server.child.id();
        // One socket first, so the session's room and the code paths are warm.
        let warm = open(&server.base, seeded.course_id, s, &cookies[0]).await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let before = rss_kb(pid);
        let mut sockets = Vec::with_capacity(idle);
        for i in 0..idle {
            sockets.push(open(&server.base, seeded.course_id, s, &cookies[i % cookies.len()]).await);
        }
        // Let arrivals settle and their events go out, then read the idle cost.
        tokio::time::sleep(Duration::from_secs(5)).await;
        let after = rss_kb(pid);
        println!(
            "{label:<8} {idle} idle sockets: server RSS {:.1} MB → {:.1} MB, {:.1} MB for the sockets ({:.1} KB each)",
            before as f64 / 1024.0,
            after as f64 / 1024.0,
            (after.saturating_sub(before)) as f64 / 1024.0,
            (after.saturating_sub(before)) as f64 / idle as f64
        );
        drop(sockets);
        drop(warm);
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async move {
        support::each_database(run).await;
    });
}
