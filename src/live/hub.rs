//! Fan-out of live sessions' events to the sockets of this process, and between
//! processes over NATS when `--nats-url` is given.
//!
//! A change (an answer, a step opened, someone arriving) marks the session dirty; a
//! moment later one event is made from the database (`queries::next_event`: the counter
//! bumped, the state read) and delivered. So a thousand answers in a second make a few
//! dozen events, not a thousand, and every event is the whole state: a client that
//! missed some needs only the newest.
//!
//! One event at a time per session and process (`Room::publishing`): changes arriving
//! while an event is being made ride along in the next one, made one gathering pause
//! after it started. So a class of 5,000 answering at once gets a steady stream of events, not
//! a pile of overlapping ones that each read the whole class (the cause of the 7 to 15 s
//! tails before, see docs/benchmarks.md). The pause grows with the audience, since every
//! event costs a frame to each socket.
//!
//! Each session has one broadcast channel, a ring shared by all its sockets: a socket
//! more than `CLIENT_QUEUE` events behind is told so (`Lagged`) and sent the newest
//! state instead, so a slow reader costs nobody else anything and no per-client queue
//! grows. Events are taken in sequence order only: one already superseded (a relayed
//! copy of our own, or a late one from another replica) is dropped, so every screen sees
//! the numbers rise.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use futures::StreamExt;
use homeroom_live::answer::StepKind;
use homeroom_live::stream::{CatchUp, Tail};
use sea_orm::DatabaseConnection;
use tokio::sync::broadcast;

use super::state::Event;
use crate::ops::metrics::LiveMetrics;

/// Events kept per session for clients reconnecting (beyond: a snapshot).
pub const TAIL: usize = 16;
/// How far behind a socket may fall before it is sent a snapshot instead.
pub const CLIENT_QUEUE: usize = 32;
/// The NATS subjects of live events: `<prefix>.<session id>`.
pub const NATS_PREFIX: &str = "homeroom.live";
/// How long changes gather before an event is made (plus `GATHER_PER_WATCHER_US`
/// for each socket watching: every event is a frame to each).
pub const GATHER_MS: u64 = 20;
pub const GATHER_PER_WATCHER_US: u64 = 10;
/// Beyond the time another replica took to make its last event, how much later its next
/// one may arrive before this replica makes its own (the wobble of the NATS hop).
pub const RELAY_MARGIN_MS: u64 = 5;

/// The pause before the next event of a session watched by `watchers` sockets here.
pub fn gather(watchers: usize) -> Duration {
    Duration::from_millis(GATHER_MS) + Duration::from_micros(GATHER_PER_WATCHER_US * watchers as u64)
}

pub struct Room {
    tx: broadcast::Sender<Arc<Event>>,
    tail: Mutex<Tail<Arc<Event>>>,
    /// An event is scheduled or being made by this process.
    pending: AtomicBool,
    /// Something changed since the running event read the state.
    dirty: AtomicBool,
    /// Held while an event is made and delivered: events of one process are read in the
    /// order of their numbers.
    publishing: tokio::sync::Mutex<()>,
    /// What each step answered here asks for: a step's kind and options never change
    /// once it exists, so an answer needs no read of the step.
    kinds: Mutex<HashMap<i64, StepKind>>,
    /// The newest event made by another replica (over NATS): when it arrived here and
    /// how long it took to make.
    elsewhere: Mutex<Option<Elsewhere>>,
    /// Who was present in the session at this process's last event, on every replica.
    audience: AtomicUsize,
}

impl Room {
    fn new() -> Room {
        Room {
            tx: broadcast::channel(CLIENT_QUEUE).0,
            tail: Mutex::new(Tail::new(TAIL)),
            pending: AtomicBool::new(false),
            dirty: AtomicBool::new(false),
            publishing: tokio::sync::Mutex::new(()),
            kinds: Mutex::new(HashMap::new()),
            elsewhere: Mutex::new(None),
            audience: AtomicUsize::new(0),
        }
    }

    /// The pause before this session's next event. Every replica's events reach every
    /// socket, so it grows with the whole audience, not only the sockets held here.
    fn pause(&self) -> Duration {
        gather(self.tx.receiver_count().max(self.audience.load(Ordering::Relaxed)))
    }

    /// The newest event held, if any (a full state).
    pub fn newest(&self) -> Option<Arc<Event>> {
        let tail = self.tail.lock().unwrap_or_else(|e| e.into_inner());
        tail.head().and_then(|h| tail.get(h).cloned())
    }
}

#[derive(Clone, Copy)]
struct Elsewhere {
    at: tokio::time::Instant,
    took: Duration,
}

impl Elsewhere {
    /// When this replica takes its turn if the other's next event has not come. The
    /// other makes its next event a pause after it *started* the last one, so the next
    /// arrives a pause after the last did, give or take the difference in how long the
    /// two took to make: waiting a pause plus the last one's making again covers a next
    /// one that takes up to twice as long. Waiting only a pause, two replicas each made
    /// an event most pauses (29 events where one server made 16: docs/benchmarks.md).
    fn turn(&self, pause: Duration) -> tokio::time::Instant {
        self.at + pause + self.took + Duration::from_millis(RELAY_MARGIN_MS)
    }
}

/// What a joining socket is sent first.
pub enum Start {
    Events(Vec<Arc<Event>>),
    UpToDate,
    Snapshot,
}

struct Nats {
    client: async_nats::Client,
    prefix: String,
}

#[derive(Default)]
struct Inner {
    rooms: Mutex<HashMap<i64, Arc<Room>>>,
    nats: OnceLock<Nats>,
    answers: OnceLock<super::answer_writer::Writer>,
    metrics: LiveMetrics,
}

#[derive(Clone, Default)]
pub struct Hub {
    inner: Arc<Inner>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Wire {
    session: i64,
    seq: u64,
    public: String,
    staff: String,
    #[serde(default)]
    mine: HashMap<i64, String>,
    /// How long the event took to make, from the start of its read to its sending.
    #[serde(default)]
    took_us: u64,
}

impl Hub {
    /// A hub counting into `metrics` (the process's `/metrics`).
    pub fn with_metrics(metrics: LiveMetrics) -> Hub {
        Hub { inner: Arc::new(Inner { metrics, ..Default::default() }) }
    }

    pub fn metrics(&self) -> &LiveMetrics {
        &self.inner.metrics
    }

    fn room(&self, session_id: i64) -> Arc<Room> {
        let mut rooms = self.inner.rooms.lock().unwrap_or_else(|e| e.into_inner());
        rooms.entry(session_id).or_insert_with(|| Arc::new(Room::new())).clone()
    }

    /// Subscribe a socket that last saw `seen`, and say what it needs first. Done under
    /// the tail's lock, which delivery also takes, so nothing falls between the two.
    pub fn join(&self, session_id: i64, seen: Option<u64>) -> (Arc<Room>, broadcast::Receiver<Arc<Event>>, Start) {
        let room = self.room(session_id);
        let tail = room.tail.lock().unwrap_or_else(|e| e.into_inner());
        let rx = room.tx.subscribe();
        let start = match tail.catch_up(seen) {
            CatchUp::Nothing => Start::UpToDate,
            CatchUp::Events(seqs) => Start::Events(seqs.iter().filter_map(|s| tail.get(*s).cloned()).collect()),
            CatchUp::Snapshot => Start::Snapshot,
        };
        drop(tail);
        (room, rx, start)
    }

    /// Hand an event to this process's sockets, unless a newer one is already out;
    /// `true` when it was new here.
    pub fn deliver(&self, session_id: i64, ev: Arc<Event>) -> bool {
        self.deliver_to(&self.room(session_id), ev)
    }

    fn deliver_to(&self, room: &Room, ev: Arc<Event>) -> bool {
        let mut tail = room.tail.lock().unwrap_or_else(|e| e.into_inner());
        let new = tail.push(ev.seq, ev.clone());
        if new {
            // No receivers is fine: nobody on this replica is watching.
            let _ = room.tx.send(ev);
        }
        new
    }

    /// An event from NATS: our own come back too, but they are in the tail already, so
    /// one that is new here was made by another replica.
    fn deliver_from_nats(&self, session_id: i64, ev: Arc<Event>, took: Duration) {
        let room = self.room(session_id);
        if self.deliver_to(&room, ev) {
            self.inner.metrics.events_relayed.inc();
            let at = tokio::time::Instant::now();
            *room.elsewhere.lock().unwrap_or_else(|e| e.into_inner()) = Some(Elsewhere { at, took });
        }
    }

    /// Something in the session changed: make an event soon (changes arriving in the
    /// meantime ride along, and those arriving while it is made go in the next one).
    pub fn changed(&self, db: &DatabaseConnection, session_id: i64) {
        let room = self.room(session_id);
        room.dirty.store(true, Ordering::Release);
        if room.pending.swap(true, Ordering::AcqRel) {
            return;
        }
        let hub = self.clone();
        let db = db.clone();
        tokio::spawn(async move {
            // The first event waits one pause for changes to gather; each next one a
            // pause after the previous one *started*, so making an event (longer on
            // PostgreSQL, where the reads go over the wire) does not add to the pause.
            let mut due = tokio::time::Instant::now() + room.pause();
            loop {
                tokio::time::sleep_until(due).await;
                // Another replica's event counts as the last event: replicas that each
                // made their own every pause sent every socket an event per replica per
                // pause, each a read of the class. Its read may have missed our change,
                // but any later one of theirs has it, and if none comes we make our own.
                let elsewhere = *room.elsewhere.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(next) = elsewhere.map(|e| e.turn(room.pause()))
                    && next > tokio::time::Instant::now()
                {
                    due = next;
                    continue;
                }
                due = tokio::time::Instant::now() + room.pause();
                room.dirty.store(false, Ordering::Release);
                if let Err(e) = hub.publish_to(&db, session_id, &room).await {
                    tracing::warn!(session_id, "live event not made: {e}");
                }
                if room.dirty.load(Ordering::Acquire) {
                    continue;
                }
                room.pending.store(false, Ordering::Release);
                // A change between the look above and the store saw `pending` still set
                // and left it to us: take it on, unless a new task already has.
                if !room.dirty.load(Ordering::Acquire) || room.pending.swap(true, Ordering::AcqRel) {
                    break;
                }
            }
        });
    }

    /// Make the next event now and send it everywhere.
    pub async fn publish(&self, db: &DatabaseConnection, session_id: i64) -> anyhow::Result<()> {
        let room = self.room(session_id);
        self.publish_to(db, session_id, &room).await
    }

    async fn publish_to(&self, db: &DatabaseConnection, session_id: i64, room: &Room) -> anyhow::Result<()> {
        let _one_at_a_time = room.publishing.lock().await;
        let started = tokio::time::Instant::now();
        let Some(snap) = super::queries::next_event(db, session_id, crate::time::now_ms()).await? else {
            return Ok(());
        };
        room.audience.store(snap.here.len(), Ordering::Relaxed);
        let ev = Arc::new(Event::of(&snap));
        self.inner.metrics.events_made.inc();
        // Ours before NATS echoes it back, so the echo is never taken for another's.
        self.deliver_to(room, ev.clone());
        if let Some(n) = self.inner.nats.get() {
            let wire = Wire {
                session: session_id,
                seq: ev.seq,
                public: ev.public.to_string(),
                staff: ev.staff.to_string(),
                mine: ev.mine.clone(),
                took_us: started.elapsed().as_micros() as u64,
            };
            let subject = format!("{}.{session_id}", n.prefix);
            n.client.publish(subject, serde_json::to_vec(&wire)?.into()).await?;
        }
        Ok(())
    }

    /// Connect to NATS and relay other replicas' events to our sockets. `prefix` names
    /// the subjects (tests use one of their own).
    pub async fn connect_nats(&self, url: &str, prefix: &str) -> anyhow::Result<()> {
        let client = async_nats::connect(url).await.map_err(|e| anyhow::anyhow!("cannot reach NATS at {url}: {e}"))?;
        let mut sub = client.subscribe(format!("{prefix}.*")).await?;
        if self.inner.nats.set(Nats { client, prefix: prefix.to_string() }).is_err() {
            anyhow::bail!("NATS is already connected");
        }
        let hub = self.clone();
        tokio::spawn(async move {
            while let Some(msg) = sub.next().await {
                match serde_json::from_slice::<Wire>(&msg.payload) {
                    Ok(w) => hub.deliver_from_nats(
                        w.session,
                        Arc::new(Event { seq: w.seq, public: w.public.into(), staff: w.staff.into(), mine: w.mine }),
                        Duration::from_micros(w.took_us),
                    ),
                    Err(e) => tracing::warn!("a live event from NATS could not be read: {e}"),
                }
            }
        });
        Ok(())
    }

    /// Store an answer to the step on screen with the others arriving at the same moment
    /// (one commit for many: `answer_writer`); `Ok(false)` when nothing was stored.
    pub async fn save_answer(
        &self,
        db: &DatabaseConnection,
        answer: super::answer_writer::Answer,
    ) -> Result<bool, sea_orm::DbErr> {
        let writer = self
            .inner
            .answers
            .get_or_init(|| super::answer_writer::Writer::start(db.clone(), self.inner.metrics.answer_batches.clone()));
        writer.save(answer).await
    }

    /// A step's kind, if an answer to it was checked here before.
    pub fn step_kind(&self, session_id: i64, step_id: i64) -> Option<StepKind> {
        let room = self.room(session_id);
        let kinds = room.kinds.lock().unwrap_or_else(|e| e.into_inner());
        kinds.get(&step_id).cloned()
    }

    pub fn remember_kind(&self, session_id: i64, step_id: i64, kind: StepKind) {
        let room = self.room(session_id);
        room.kinds.lock().unwrap_or_else(|e| e.into_inner()).insert(step_id, kind);
    }

    /// How many sockets of this process watch a session (metrics, tests).
    pub fn watching(&self, session_id: i64) -> usize {
        self.room(session_id).tx.receiver_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(seq: u64) -> Arc<Event> {
        Arc::new(Event { seq, public: format!("p{seq}").into(), staff: format!("s{seq}").into(), mine: HashMap::new() })
    }

    #[tokio::test]
    async fn a_late_or_repeated_event_is_not_delivered() {
        let hub = Hub::default();
        let (_room, mut rx, start) = hub.join(1, None);
        assert!(matches!(start, Start::Snapshot));
        hub.deliver(1, ev(2));
        hub.deliver(1, ev(1));
        hub.deliver(1, ev(2));
        hub.deliver(1, ev(3));
        assert_eq!(rx.recv().await.unwrap().seq, 2);
        assert_eq!(rx.recv().await.unwrap().seq, 3);
        assert!(rx.try_recv().is_err());
        let (_room, _rx, start) = hub.join(1, Some(2));
        assert!(matches!(start, Start::Events(ref e) if e.len() == 1 && e[0].seq == 3));
    }

    #[tokio::test]
    async fn a_slow_socket_lags_without_holding_anyone_up() {
        let hub = Hub::default();
        let (room, mut slow, _) = hub.join(1, None);
        for s in 1..=(CLIENT_QUEUE as u64 * 2) {
            hub.deliver(1, ev(s));
        }
        assert!(matches!(slow.recv().await, Err(broadcast::error::RecvError::Lagged(_))));
        assert_eq!(room.newest().unwrap().seq, CLIENT_QUEUE as u64 * 2);
    }
}
