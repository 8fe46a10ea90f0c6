//! Every statement of live sessions, values always bound. The state a screen shows is
//! read in a fixed number of statements whatever the class size, and an event is the
//! state read right after its counter was bumped (under the session row's lock on
//! PostgreSQL), so a higher sequence number never shows less than a lower one.

use std::collections::HashSet;

use sea_orm::{ConnectionTrait, DbErr, QueryResult, TransactionTrait, Value};

use crate::db::sql::stmt;

/// Presence without a socket (a page that refreshes itself) lasts this long.
pub const PAGE_PRESENCE_MS: i64 = 30_000;

#[derive(Clone, Debug)]
pub struct SessionRow {
    pub id: i64,
    pub course_id: i64,
    pub title: String,
    pub starts_at: i64,
    pub video_url: String,
    pub state: String,
    pub step_id: Option<i64>,
    pub seq: i64,
    pub mood_named: bool,
    pub notes: String,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
}

/// The columns `session_of` reads, spliced into fixed statement text at compile time.
macro_rules! session_cols {
    () => {
        "id, course_id, title, starts_at, video_url, state, step_id, seq, mood_named, notes, started_at, ended_at"
    };
}

fn session_of(r: &QueryResult) -> Result<SessionRow, DbErr> {
    Ok(SessionRow {
        id: r.try_get("", "id")?,
        course_id: r.try_get("", "course_id")?,
        title: r.try_get("", "title")?,
        starts_at: r.try_get("", "starts_at")?,
        video_url: r.try_get("", "video_url")?,
        state: r.try_get("", "state")?,
        step_id: r.try_get("", "step_id")?,
        seq: r.try_get("", "seq")?,
        mood_named: r.try_get("", "mood_named")?,
        notes: r.try_get("", "notes")?,
        started_at: r.try_get("", "started_at")?,
        ended_at: r.try_get("", "ended_at")?,
    })
}

/// A course's session by id (another course's id is `None`).
pub async fn session(db: &impl ConnectionTrait, course_id: i64, id: i64) -> Result<Option<SessionRow>, DbErr> {
    let sql = concat!("SELECT ", session_cols!(), " FROM live_sessions WHERE id = $1 AND course_id = $2");
    db.query_one_raw(stmt(db, sql, vec![id.into(), course_id.into()])).await?.map(|r| session_of(&r)).transpose()
}

/// A page of a course's sessions, newest start first, keyset on (starts_at, id).
pub async fn sessions_page(
    db: &impl ConnectionTrait,
    course_id: i64,
    after: Option<(i64, i64)>,
    backward: bool,
    limit: u64,
) -> Result<Vec<SessionRow>, DbErr> {
    // Four fixed statements (first page or after a cursor, either way): values are bound.
    macro_rules! page {
        ($keyset:literal, $order:literal) => {
            concat!(
                "SELECT ",
                session_cols!(),
                " FROM live_sessions WHERE course_id = $1 ",
                $keyset,
                " ORDER BY starts_at ",
                $order,
                ", id ",
                $order,
                " LIMIT $2"
            )
        };
    }
    let limit = limit as i64;
    let (sql, values): (&str, Vec<Value>) = match (after, backward) {
        (None, false) => (page!("", "DESC"), vec![course_id.into(), limit.into()]),
        (None, true) => (page!("", "ASC"), vec![course_id.into(), limit.into()]),
        (Some((at, id)), false) => (
            page!("AND (starts_at < $3 OR (starts_at = $3 AND id < $4))", "DESC"),
            vec![course_id.into(), limit.into(), at.into(), id.into()],
        ),
        (Some((at, id)), true) => (
            page!("AND (starts_at > $3 OR (starts_at = $3 AND id > $4))", "ASC"),
            vec![course_id.into(), limit.into(), at.into(), id.into()],
        ),
    };
    db.query_all_raw(stmt(db, sql, values)).await?.iter().map(session_of).collect()
}

/// A session running now in the course, if any (the banner on the list).
pub async fn running(db: &impl ConnectionTrait, course_id: i64) -> Result<Option<SessionRow>, DbErr> {
    let sql = concat!(
        "SELECT ",
        session_cols!(),
        " FROM live_sessions WHERE course_id = $1 AND state = 'running' ORDER BY id DESC LIMIT 1"
    );
    db.query_one_raw(stmt(db, sql, vec![course_id.into()])).await?.map(|r| session_of(&r)).transpose()
}

/// Sessions running now or starting from two hours ago on, soonest first (the course
/// home and "Our week" link to them).
pub async fn upcoming(
    db: &impl ConnectionTrait,
    course_id: i64,
    now: i64,
    limit: u64,
) -> Result<Vec<SessionRow>, DbErr> {
    let sql = concat!(
        "SELECT ",
        session_cols!(),
        " FROM live_sessions WHERE course_id = $1 AND (state = 'running' OR (state = 'planned' AND starts_at > $2)) \
         ORDER BY starts_at, id LIMIT $3"
    );
    let rows = db
        .query_all_raw(stmt(db, sql, vec![course_id.into(), (now - 2 * 3_600_000).into(), (limit as i64).into()]))
        .await?;
    rows.iter().map(session_of).collect()
}

pub struct NewSession<'a> {
    pub course_id: i64,
    pub title: &'a str,
    pub starts_at: i64,
    pub video_url: &'a str,
    pub mood_named: bool,
    pub created_by: i64,
}

pub async fn create_session(db: &impl ConnectionTrait, s: &NewSession<'_>, now: i64) -> Result<i64, DbErr> {
    let r = db
        .query_one_raw(stmt(
            db,
            "INSERT INTO live_sessions (course_id, title, starts_at, video_url, state, seq, mood_named, notes, created_by, created_at) \
             VALUES ($1, $2, $3, $4, 'planned', 0, $5, '', $6, $7) RETURNING id",
            vec![
                s.course_id.into(),
                s.title.into(),
                s.starts_at.into(),
                s.video_url.into(),
                s.mood_named.into(),
                s.created_by.into(),
                now.into(),
            ],
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("no id returned".into()))?;
    r.try_get("", "id")
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRow {
    pub id: i64,
    pub session_id: i64,
    pub position: i32,
    pub kind: String,
    pub prompt: String,
    pub options: Vec<String>,
    pub max_answers: i32,
    pub multiple: bool,
    pub anonymous: bool,
    pub show_names: bool,
    pub revealed: bool,
    pub hidden_words: Vec<String>,
    pub opened_at: Option<i64>,
    /// A breakout's settings: a group set's round, or the engine's size and facilitator rule.
    pub round_id: Option<i64>,
    pub group_size: i32,
    pub minutes: i32,
    pub facilitator: String,
    /// When a breakout's rooms close, and the tutor's message to every room.
    pub ends_at: Option<i64>,
    pub message: String,
}

/// The columns `step_of` reads.
macro_rules! step_cols {
    () => {
        "id, session_id, position, kind, prompt, options, max_answers, multiple, anonymous, show_names, revealed, hidden_words, opened_at, \
         round_id, group_size, minutes, facilitator, ends_at, message"
    };
}

fn step_of(r: &QueryResult) -> Result<StepRow, DbErr> {
    let options: String = r.try_get("", "options")?;
    let hidden: String = r.try_get("", "hidden_words")?;
    Ok(StepRow {
        id: r.try_get("", "id")?,
        session_id: r.try_get("", "session_id")?,
        position: r.try_get("", "position")?,
        kind: r.try_get("", "kind")?,
        prompt: r.try_get("", "prompt")?,
        options: serde_json::from_str(&options).unwrap_or_default(),
        max_answers: r.try_get("", "max_answers")?,
        multiple: r.try_get("", "multiple")?,
        anonymous: r.try_get("", "anonymous")?,
        show_names: r.try_get("", "show_names")?,
        revealed: r.try_get("", "revealed")?,
        hidden_words: serde_json::from_str(&hidden).unwrap_or_default(),
        opened_at: r.try_get("", "opened_at")?,
        round_id: r.try_get("", "round_id")?,
        group_size: r.try_get("", "group_size")?,
        minutes: r.try_get("", "minutes")?,
        facilitator: r.try_get("", "facilitator")?,
        ends_at: r.try_get("", "ends_at")?,
        message: r.try_get("", "message")?,
    })
}

impl StepRow {
    pub fn kind(&self) -> homeroom_live::answer::StepKind {
        use homeroom_live::answer::StepKind;
        match self.kind.as_str() {
            "checkin" => StepKind::CheckIn { max_answers: self.max_answers.max(1) as usize },
            "mood" => StepKind::Mood,
            "poll" => {
                StepKind::Poll(homeroom_live::poll::Poll { options: self.options.len(), multiple: self.multiple })
            }
            _ => StepKind::Together,
        }
    }
}

/// The agenda, in order.
pub async fn steps(db: &impl ConnectionTrait, session_id: i64) -> Result<Vec<StepRow>, DbErr> {
    let sql = concat!("SELECT ", step_cols!(), " FROM live_steps WHERE session_id = $1 ORDER BY position, id");
    db.query_all_raw(stmt(db, sql, vec![session_id.into()])).await?.iter().map(step_of).collect()
}

pub async fn step(db: &impl ConnectionTrait, session_id: i64, step_id: i64) -> Result<Option<StepRow>, DbErr> {
    let sql = concat!("SELECT ", step_cols!(), " FROM live_steps WHERE id = $1 AND session_id = $2");
    db.query_one_raw(stmt(db, sql, vec![step_id.into(), session_id.into()])).await?.map(|r| step_of(&r)).transpose()
}

pub struct NewStep {
    pub kind: &'static str,
    pub prompt: String,
    pub options: Vec<String>,
    pub max_answers: i32,
    pub multiple: bool,
    pub anonymous: bool,
    pub show_names: bool,
    pub round_id: Option<i64>,
    pub group_size: i32,
    pub minutes: i32,
    pub facilitator: &'static str,
}

pub async fn add_step(db: &impl ConnectionTrait, session_id: i64, s: &NewStep) -> Result<i64, DbErr> {
    let r = db
        .query_one_raw(stmt(
            db,
            "INSERT INTO live_steps (session_id, position, kind, prompt, options, max_answers, multiple, anonymous, show_names, revealed, hidden_words, \
             round_id, group_size, minutes, facilitator, message) \
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM live_steps WHERE session_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, '[]', \
             $10, $11, $12, $13, '') RETURNING id",
            vec![
                session_id.into(),
                s.kind.into(),
                s.prompt.clone().into(),
                serde_json::to_string(&s.options).unwrap_or_default().into(),
                s.max_answers.into(),
                s.multiple.into(),
                s.anonymous.into(),
                s.show_names.into(),
                false.into(),
                s.round_id.into(),
                s.group_size.into(),
                s.minutes.into(),
                s.facilitator.into(),
            ],
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("no id returned".into()))?;
    r.try_get("", "id")
}

/// Change a session's columns (named by the caller from a fixed list, values bound).
pub async fn update_session(
    db: &impl ConnectionTrait,
    session_id: i64,
    set: &[(&'static str, Value)],
) -> Result<(), DbErr> {
    update(db, "live_sessions", session_id, set).await
}

pub async fn update_step(db: &impl ConnectionTrait, step_id: i64, set: &[(&'static str, Value)]) -> Result<(), DbErr> {
    update(db, "live_steps", step_id, set).await
}

/// One row's columns, built by SeaQuery: the names are the caller's constants, the values bound.
async fn update(
    db: &impl ConnectionTrait,
    table: &'static str,
    id: i64,
    set: &[(&'static str, Value)],
) -> Result<(), DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let q = Query::update()
        .table(table)
        .values(set.iter().map(|(c, v)| (*c, Expr::val(v.clone()))))
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// Store a participant's answer; `false` when it was already exactly this (a retry), so
/// nothing changes and no event goes out.
pub async fn save_answer(
    db: &impl ConnectionTrait,
    session_id: i64,
    step_id: i64,
    user_id: i64,
    body: &str,
    now: i64,
) -> Result<bool, DbErr> {
    let r = db
        .execute_raw(stmt(
            db,
            "INSERT INTO live_answers (step_id, session_id, user_id, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) \
             ON CONFLICT (step_id, user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at \
             WHERE live_answers.body <> excluded.body",
            vec![step_id.into(), session_id.into(), user_id.into(), body.into(), now.into()],
        ))
        .await?;
    Ok(r.rows_affected() > 0)
}

/// Store an answer to `step_id` only if it is the step on screen in the course's
/// running session, in one statement; `false` when nothing was stored (not open, or
/// already exactly this answer).
pub async fn save_open_answer(
    db: &impl ConnectionTrait,
    course_id: i64,
    session_id: i64,
    step_id: i64,
    user_id: i64,
    body: &str,
    now: i64,
) -> Result<bool, DbErr> {
    let r = db
        .execute_raw(stmt(
            db,
            "INSERT INTO live_answers (step_id, session_id, user_id, body, created_at, updated_at) \
             SELECT $1, $2, $3, $4, $5, $5 WHERE EXISTS (SELECT 1 FROM live_sessions \
             WHERE id = $2 AND course_id = $6 AND state = 'running' AND step_id = $1) \
             ON CONFLICT (step_id, user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at \
             WHERE live_answers.body <> excluded.body",
            vec![step_id.into(), session_id.into(), user_id.into(), body.into(), now.into(), course_id.into()],
        ))
        .await?;
    Ok(r.rows_affected() > 0)
}

/// `save_open_answer` for many answers in one PostgreSQL statement, each (step, person)
/// at most once: the answers travel as one JSON value, and the statement returns the
/// (step, person) of each one stored.
pub async fn save_open_answers(
    db: &impl ConnectionTrait,
    answers: &[&super::answer_writer::Answer],
) -> Result<HashSet<(i64, i64)>, DbErr> {
    let stored = crate::db::sql::all(
        db,
        "INSERT INTO live_answers (step_id, session_id, user_id, body, created_at, updated_at) \
         SELECT x.step_id, x.session_id, x.user_id, x.body, x.at, x.at \
         FROM json_to_recordset($1::json) AS x(course_id bigint, session_id bigint, step_id bigint, user_id bigint, body text, at bigint) \
         WHERE EXISTS (SELECT 1 FROM live_sessions s WHERE s.id = x.session_id AND s.course_id = x.course_id \
         AND s.state = 'running' AND s.step_id = x.step_id) \
         ON CONFLICT (step_id, user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at \
         WHERE live_answers.body <> excluded.body \
         RETURNING step_id, user_id",
        vec![crate::db::sql::json_rows(&answers)?],
    )
    .await?;
    stored.iter().map(|r| Ok((r.try_get("", "step_id")?, r.try_get("", "user_id")?))).collect()
}

/// Note someone's arrival (`delta` 1, a socket opened), departure (-1) or a page view (0).
pub async fn attend(
    db: &impl ConnectionTrait,
    session_id: i64,
    user_id: i64,
    delta: i32,
    now: i64,
) -> Result<(), DbErr> {
    db.execute_raw(stmt(
        db,
        "INSERT INTO live_attendance (session_id, user_id, first_seen, last_seen, connections) VALUES ($1, $2, $3, $3, $4) \
         ON CONFLICT (session_id, user_id) DO UPDATE SET last_seen = excluded.last_seen, \
         connections = live_attendance.connections + excluded.connections",
        vec![session_id.into(), user_id.into(), now.into(), delta.max(0).into()],
    ))
    .await?;
    if delta < 0 {
        db.execute_raw(stmt(
            db,
            "UPDATE live_attendance SET connections = connections - 1 WHERE session_id = $1 AND user_id = $2 AND connections > 0",
            vec![session_id.into(), user_id.into()],
        ))
        .await?;
    }
    Ok(())
}

#[derive(Clone, Debug)]
pub struct AnswerRow {
    pub user_id: i64,
    pub name: String,
    pub body: String,
}

/// Every answer to one step with the answerer's name, by name.
pub async fn answers(db: &impl ConnectionTrait, step_id: i64) -> Result<Vec<AnswerRow>, DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT a.user_id AS user_id, u.name AS name, a.body AS body FROM live_answers a JOIN users u ON u.id = a.user_id \
             WHERE a.step_id = $1 ORDER BY u.name, a.user_id",
            vec![step_id.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(AnswerRow {
                user_id: r.try_get("", "user_id")?,
                name: r.try_get("", "name")?,
                body: r.try_get("", "body")?,
            })
        })
        .collect()
}

/// Who is here now: a socket open, or the page seen in the last half minute.
pub async fn here(db: &impl ConnectionTrait, session_id: i64, now: i64) -> Result<Vec<(i64, String)>, DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT u.id AS id, u.name AS name FROM live_attendance a JOIN users u ON u.id = a.user_id \
             WHERE a.session_id = $1 AND (a.connections > 0 OR a.last_seen > $2) ORDER BY u.name, u.id",
            vec![session_id.into(), (now - PAGE_PRESENCE_MS).into()],
        ))
        .await?;
    rows.iter().map(|r| Ok((r.try_get("", "id")?, r.try_get("", "name")?))).collect()
}

/// Everyone who came, for the summary.
pub async fn came(db: &impl ConnectionTrait, session_id: i64) -> Result<Vec<(i64, String)>, DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT u.id AS id, u.name AS name FROM live_attendance a JOIN users u ON u.id = a.user_id \
             WHERE a.session_id = $1 ORDER BY u.name, u.id",
            vec![session_id.into()],
        ))
        .await?;
    rows.iter().map(|r| Ok((r.try_get("", "id")?, r.try_get("", "name")?))).collect()
}

/// All answers of a session (the summary), by step.
pub async fn session_answers(db: &impl ConnectionTrait, session_id: i64) -> Result<Vec<(i64, AnswerRow)>, DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT a.step_id AS step_id, a.user_id AS user_id, u.name AS name, a.body AS body FROM live_answers a \
             JOIN users u ON u.id = a.user_id WHERE a.session_id = $1 ORDER BY a.step_id, u.name, a.user_id",
            vec![session_id.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("", "step_id")?,
                AnswerRow {
                    user_id: r.try_get("", "user_id")?,
                    name: r.try_get("", "name")?,
                    body: r.try_get("", "body")?,
                },
            ))
        })
        .collect()
}

/// What every screen shows now, read in four statements (six during a breakout).
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub session: SessionRow,
    pub step: Option<StepRow>,
    pub answers: Vec<AnswerRow>,
    pub here: Vec<(i64, String)>,
    /// A breakout's rooms and open calls for the tutor (empty for other steps).
    pub rooms: Vec<super::breakouts::Room>,
    pub calls: Vec<super::breakouts::Call>,
}

async fn read_snapshot(db: &impl ConnectionTrait, session: SessionRow, now: i64) -> Result<Snapshot, DbErr> {
    let step_id = session.step_id.unwrap_or(0);
    let step = step(db, session.id, step_id).await?;
    let answers = answers(db, step_id).await?;
    let here = here(db, session.id, now).await?;
    let (rooms, calls) = match &step {
        Some(st) if st.kind == "breakout" => {
            (super::rooms::rooms(db, st.id).await?, super::rooms::calls(db, st.id).await?)
        }
        _ => (vec![], vec![]),
    };
    Ok(Snapshot { session, step, answers, here, rooms, calls })
}

/// The state as it is (a screen connecting, a page).
pub async fn snapshot(db: &impl ConnectionTrait, session_id: i64, now: i64) -> Result<Option<Snapshot>, DbErr> {
    let sql = concat!("SELECT ", session_cols!(), " FROM live_sessions WHERE id = $1");
    let Some(r) = db.query_one_raw(stmt(db, sql, vec![session_id.into()])).await? else { return Ok(None) };
    Ok(Some(read_snapshot(db, session_of(&r)?, now).await?))
}

/// The next event: bump the counter, read the state.
///
/// On PostgreSQL the reads happen in the transaction that bumped the counter, under the
/// session row's lock, so across replicas a higher number never shows less than a lower
/// one; readers there do not block writers. On SQLite a transaction that has written
/// holds the database's only write lock, so reading a class of 5,000 in it held every
/// answer back: the counter is bumped on its own and the state read after. One process
/// makes one event at a time per session (the hub's `publishing` lock), so its events
/// are still read in the order of their numbers; replicas on one SQLite file are not a
/// deployment we support (docs/decisions/0037-live-events-at-scale.md).
pub async fn next_event(
    db: &sea_orm::DatabaseConnection,
    session_id: i64,
    now: i64,
) -> Result<Option<Snapshot>, DbErr> {
    let sql = concat!("UPDATE live_sessions SET seq = seq + 1 WHERE id = $1 RETURNING ", session_cols!(), "");
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        let Some(r) = db.query_one_raw(stmt(db, sql, vec![session_id.into()])).await? else { return Ok(None) };
        return Ok(Some(read_snapshot(db, session_of(&r)?, now).await?));
    }
    let txn = db.begin().await?;
    let Some(r) = txn.query_one_raw(stmt(&txn, sql, vec![session_id.into()])).await? else {
        txn.rollback().await?;
        return Ok(None);
    };
    let snap = read_snapshot(&txn, session_of(&r)?, now).await?;
    txn.commit().await?;
    Ok(Some(snap))
}
