//! One WebSocket per participant: authenticated by the session cookie (the course
//! extractor and the policy, as for a page), Origin checked, small buffers, small
//! messages. It sends the session's state as events with sequence numbers (or a
//! snapshot when the client is new or too far behind) and takes answers, which are
//! idempotent: the same answer twice changes nothing.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use homeroom_live::answer::{self, Refused};
use prometheus_client::metrics::gauge::Gauge;
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::RecvError;

use super::answer_writer::Answer;
use super::hub::{Room, Start};
use super::queries;
use super::state::Event;
use crate::app::AppState;
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::CourseCtx;

/// Socket buffers, set deliberately: tungstenite's defaults reserve 128 KiB to read
/// and 128 KiB to write per socket, which is what makes an idle connection cost
/// ~130 KB. Participants send a few hundred bytes at most (4 KiB is refused), and what
/// we send is written out at once, so small buffers cost nothing in speed. The read
/// buffer is allocated whole for every socket, idle or not: 2 KiB was 20 MB of 10,000
/// idle sockets.
pub const READ_BUFFER: usize = 512;
pub const WRITE_BUFFER: usize = 0;
/// Unsent bytes a socket may hold before sending fails (a client not reading).
pub const MAX_WRITE_BUFFER: usize = 1 << 20;
/// Messages a participant may send a second (bursts up to this), and refusals in a row
/// before the socket is closed.
pub const PER_SECOND: u32 = 10;
pub const STRIKES: u32 = 20;

#[derive(Deserialize)]
pub struct SocketQuery {
    /// The last sequence number the client saw.
    seen: Option<u64>,
}

/// The browser's Origin must be this site: the public address when configured,
/// otherwise the Host the request came to.
pub fn origin_ok(config: &Config, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(axum::http::header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    match &config.public_url {
        Some(u) => url::Url::parse(u).is_ok_and(|u| u.origin().ascii_serialization() == origin),
        None => {
            let host = headers.get(axum::http::header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
            !host.is_empty() && (origin == format!("http://{host}") || origin == format!("https://{host}"))
        }
    }
}

/// Who is on the socket and what they may do, decided once at the upgrade.
#[derive(Clone, Debug)]
struct Who {
    user_id: i64,
    course_id: i64,
    session_id: i64,
    staff: bool,
    may_answer: bool,
}

pub async fn socket(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, session_id)): Path<(i64, i64)>,
    Query(q): Query<SocketQuery>,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> AppResult<Response> {
    c.require(Action::ViewLive)?;
    let session = queries::session(&state.db, c.course.id, session_id).await?.ok_or(AppError::NotFound)?;
    // Opened as a page (not a socket): the session's page is what was meant.
    let Ok(ws) = ws else {
        return Ok(Redirect::to(&format!("/courses/{}/live/{}", c.course.id, session.id)).into_response());
    };
    if !origin_ok(&state.config, &headers) {
        return Err(AppError::Forbidden);
    }
    let who = Who {
        user_id: c.user()?.id,
        course_id: c.course.id,
        session_id: session.id,
        staff: c.may(Action::RunLive),
        may_answer: c.may(Action::AnswerLive),
    };
    Ok(ws
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(WRITE_BUFFER)
        .max_write_buffer_size(MAX_WRITE_BUFFER)
        .max_message_size(answer::MAX_MESSAGE)
        .max_frame_size(answer::MAX_MESSAGE)
        .on_upgrade(move |sock| async move {
            if let Err(e) = run(state, sock, who, q.seen).await {
                tracing::debug!("live socket ended: {e}");
            }
        }))
}

async fn send(sock: &mut WebSocket, text: impl Into<Utf8Bytes>) -> anyhow::Result<()> {
    sock.send(Message::Text(text.into())).await?;
    Ok(())
}

// The database calls below are boxed: an idle socket's task then holds only the loop's
// own state, not room for the largest query future it might one day await (every
// socket's task is as large as its largest await point).
async fn run(state: AppState, mut sock: WebSocket, who: Who, seen: Option<u64>) -> anyhow::Result<()> {
    let _open = Open::count(&state.live.metrics().sockets);
    // Subscribed before arriving: the event the arrival asks for cannot go out unseen.
    let joined = state.live.join(who.session_id, seen);
    Box::pin(arrive(&state, &who)).await?;
    let r = serve(&state, &mut sock, &who, seen, joined).await;
    // Whatever ended the socket, the person is no longer here through it.
    Box::pin(queries::attend(&state.db, who.session_id, who.user_id, -1, now_ms())).await?;
    state.live.changed(&state.db, who.session_id);
    r
}

/// A socket counted as open (`/metrics`) for as long as its task lives, however it ends.
struct Open(Gauge);

impl Open {
    fn count(gauge: &Gauge) -> Open {
        gauge.inc();
        Open(gauge.clone())
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.dec();
    }
}

async fn arrive(state: &AppState, who: &Who) -> anyhow::Result<()> {
    queries::attend(&state.db, who.session_id, who.user_id, 1, now_ms()).await?;
    // Arriving while the rooms are open: a room now (the event below carries it).
    super::planner::seat_latecomer(&state.db, who.course_id, who.session_id, who.user_id, who.may_answer && !who.staff)
        .await?;
    state.live.changed(&state.db, who.session_id);
    Ok(())
}

async fn serve(
    state: &AppState,
    sock: &mut WebSocket,
    who: &Who,
    seen: Option<u64>,
    (room, mut rx, start): (Arc<Room>, Receiver<Arc<Event>>, Start),
) -> anyhow::Result<()> {
    let mut last = 0u64;
    match start {
        Start::UpToDate => last = seen.unwrap_or(0),
        Start::Events(evs) => {
            for e in evs {
                send(sock, e.frame_for(who.staff, who.user_id)).await?;
                last = e.seq;
            }
        }
        // New, or too far behind for the tail: the first state is the event this
        // socket's own arrival asked for (`arrive`), read after the arrival and so after
        // everything before it. Reading a snapshot from the database here instead made
        // joining a class of N read N × N rows.
        Start::Snapshot => {}
    }
    let mut strikes = 0u32;
    let mut bucket = PER_SECOND as f64;
    let mut refilled = Instant::now();
    loop {
        tokio::select! {
            r = rx.recv() => match r {
                Ok(ev) => {
                    if ev.seq > last {
                        send(sock, ev.frame_for(who.staff, who.user_id)).await?;
                        last = ev.seq;
                    }
                }
                // Too far behind: the newest state replaces everything missed.
                Err(RecvError::Lagged(_)) => {
                    if let Some(ev) = room.newest().filter(|e| e.seq > last) {
                        send(sock, ev.frame_for(who.staff, who.user_id)).await?;
                        last = ev.seq;
                    }
                }
                Err(RecvError::Closed) => return Ok(()),
            },
            m = sock.recv() => match m {
                Some(Ok(Message::Text(t))) => {
                    let now = Instant::now();
                    bucket = (bucket + now.duration_since(refilled).as_secs_f64() * PER_SECOND as f64).min(PER_SECOND as f64);
                    refilled = now;
                    let reply = if bucket < 1.0 {
                        refused(None, "slow-down")
                    } else {
                        bucket -= 1.0;
                        Box::pin(handle(state, who, t.as_str())).await?
                    };
                    if reply["type"] == "refused" {
                        strikes += 1;
                    } else {
                        strikes = 0;
                    }
                    send(sock, reply.to_string()).await?;
                    if strikes >= STRIKES {
                        let _ = sock.send(Message::Close(None)).await;
                        return Ok(());
                    }
                }
                Some(Ok(Message::Binary(_))) => {
                    strikes += 1;
                    send(sock, refused(None, Refused::Malformed.key()).to_string()).await?;
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_))) | None => return Ok(()),
                // An oversized frame or a broken connection ends this socket only.
                Some(Err(e)) => return Err(e.into()),
            },
        }
    }
}

fn refused(reference: Option<u64>, reason: &str) -> Value {
    json!({ "type": "refused", "ref": reference, "reason": reason })
}

/// One message from the participant: checked, then stored.
async fn handle(state: &AppState, who: &Who, text: &str) -> anyhow::Result<Value> {
    let m = match answer::parse(text) {
        Ok(m) => m,
        Err(r) => return Ok(refused(None, r.key())),
    };
    if m.kind == "ping" {
        return Ok(json!({ "type": "pong", "ref": m.reference }));
    }
    if !who.may_answer {
        return Ok(refused(m.reference, "not-allowed"));
    }
    Ok(match store(state, who, &m).await? {
        Ok(changed) => json!({ "type": "ack", "ref": m.reference, "step": m.step, "changed": changed }),
        Err(reason) => refused(m.reference, reason),
    })
}

/// Store an answer for the step on screen now; `Ok(false)` when it was a repeat.
async fn store(state: &AppState, who: &Who, m: &answer::Incoming) -> anyhow::Result<Result<bool, &'static str>> {
    save(state, who.course_id, who.session_id, who.user_id, m).await
}

/// The same for the page's form (no JavaScript).
///
/// An answer to the step on screen is one statement: the step's kind (which never
/// changes once the step exists) is held in memory, and the insert itself checks that
/// the session is running with that step open, so the database stays the judge. Only
/// when that stores nothing (a repeat, a step no longer open, a message that fails its
/// checks) are the session and step read, to say which.
pub async fn save(
    state: &AppState,
    course_id: i64,
    session_id: i64,
    user_id: i64,
    m: &answer::Incoming,
) -> anyhow::Result<Result<bool, &'static str>> {
    if let Some(step_id) = m.step {
        let kind = match state.live.step_kind(session_id, step_id) {
            Some(k) => Some(k),
            None => queries::step(&state.db, session_id, step_id).await?.map(|st| {
                let k = st.kind();
                state.live.remember_kind(session_id, step_id, k.clone());
                k
            }),
        };
        if let Some(Ok(a)) = kind.map(|k| answer::check(m, step_id, &k)) {
            let answer = Answer { course_id, session_id, step_id, user_id, body: a.body(), at: now_ms() };
            let stored = state.live.save_answer(&state.db, answer).await?;
            if stored {
                state.live.changed(&state.db, session_id);
                return Ok(Ok(true));
            }
        }
    }
    save_checked(state, course_id, session_id, user_id, m).await
}

/// The answer checked against the session and step as read now: what says why an
/// answer was not stored (or that it was a repeat).
async fn save_checked(
    state: &AppState,
    course_id: i64,
    session_id: i64,
    user_id: i64,
    m: &answer::Incoming,
) -> anyhow::Result<Result<bool, &'static str>> {
    let Some(session) = queries::session(&state.db, course_id, session_id).await? else {
        return Ok(Err("not-running"));
    };
    if session.state != "running" {
        return Ok(Err("not-running"));
    }
    let Some(step) = queries::step(&state.db, session_id, session.step_id.unwrap_or(0)).await? else {
        return Ok(Err(Refused::NothingToAnswer.key()));
    };
    let a = match answer::check(m, step.id, &step.kind()) {
        Ok(a) => a,
        Err(r) => return Ok(Err(r.key())),
    };
    let changed = queries::save_answer(&state.db, session_id, step.id, user_id, &a.body(), now_ms()).await?;
    if changed {
        state.live.changed(&state.db, session_id);
    }
    Ok(Ok(changed))
}
