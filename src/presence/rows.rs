//! Writing the radar's cached rows for one course: only the rows whose facts changed.
//!
//! The whole class travels as one JSON value in one statement on both databases. As
//! bound values, 10,000 rows were ten statements of 17,000 parameters, each sent, parsed
//! and planned, and on PostgreSQL they were most of the first computation's time. The
//! statement inserts new students and rewrites a row only when something in it differs,
//! so the refresh every few minutes writes the handful of rows that changed instead of
//! deleting and inserting the class under six indexes (docs/decisions/0040). Students who
//! left the course lose their row; when the figures were checked goes in
//! `radar_refreshes`.

use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr};

use crate::db::entity::radar_row;
use crate::db::sql::{exec, json_rows};

/// What an existing row takes from the new one, and only when something differs. The
/// statements read the fields they name and ignore the rest (`id`, `course_id`,
/// `refreshed_at`: the course and the time are bound).
const UPSERT_TAIL: &str = " ON CONFLICT (course_id, student_id) DO UPDATE SET name = excluded.name, \
    last_contact_at = excluded.last_contact_at, last_contact_by = excluded.last_contact_by, \
    last_activity_at = excluded.last_activity_at, posts = excluded.posts, peers = excluded.peers, \
    recent_peers = excluded.recent_peers, introduced = excluded.introduced, survey_done = excluded.survey_done, \
    signal_keys = excluded.signal_keys, signals = excluded.signals, refreshed_at = excluded.refreshed_at, \
    owner_id = excluded.owner_id, due_at = excluded.due_at, queue_order = excluded.queue_order \
    WHERE radar_rows.name <> excluded.name OR radar_rows.last_contact_at <> excluded.last_contact_at \
    OR radar_rows.last_contact_by IS DISTINCT FROM excluded.last_contact_by \
    OR radar_rows.last_activity_at <> excluded.last_activity_at OR radar_rows.posts <> excluded.posts \
    OR radar_rows.peers <> excluded.peers OR radar_rows.recent_peers <> excluded.recent_peers \
    OR radar_rows.introduced <> excluded.introduced OR radar_rows.survey_done <> excluded.survey_done \
    OR radar_rows.signal_keys <> excluded.signal_keys OR radar_rows.signals <> excluded.signals \
    OR radar_rows.owner_id IS DISTINCT FROM excluded.owner_id OR radar_rows.due_at <> excluded.due_at \
    OR radar_rows.queue_order <> excluded.queue_order";

const POSTGRES: &str = "INSERT INTO radar_rows (course_id, student_id, name, last_contact_at, last_contact_by, \
    last_activity_at, posts, peers, recent_peers, introduced, survey_done, signal_keys, signals, refreshed_at, \
    owner_id, due_at, queue_order) \
    SELECT $1, student_id, name, last_contact_at, last_contact_by, last_activity_at, posts, peers, recent_peers, \
    introduced, survey_done, signal_keys, signals, $2, owner_id, due_at, queue_order \
    FROM json_to_recordset($3::json) AS x(student_id bigint, name text, last_contact_at bigint, \
    last_contact_by bigint, last_activity_at bigint, posts integer, peers integer, recent_peers integer, \
    introduced boolean, survey_done boolean, signal_keys text, signals text, owner_id bigint, due_at bigint, \
    queue_order bigint)";

/// SQLite reads the same JSON with `json_each`; `WHERE true` tells its parser that the
/// `ON CONFLICT` that follows belongs to the insert, not to a join.
const SQLITE: &str = "INSERT INTO radar_rows (course_id, student_id, name, last_contact_at, last_contact_by, \
    last_activity_at, posts, peers, recent_peers, introduced, survey_done, signal_keys, signals, refreshed_at, \
    owner_id, due_at, queue_order) \
    SELECT $1, value ->> 'student_id', value ->> 'name', value ->> 'last_contact_at', value ->> 'last_contact_by', \
    value ->> 'last_activity_at', value ->> 'posts', value ->> 'peers', value ->> 'recent_peers', \
    value ->> 'introduced', value ->> 'survey_done', value ->> 'signal_keys', value ->> 'signals', $2, \
    value ->> 'owner_id', value ->> 'due_at', value ->> 'queue_order' \
    FROM json_each($3) WHERE true";

/// Bring the course's rows in line with `rows` (every active student of the course),
/// inside the caller's transaction; returns how many rows were written.
pub async fn store(
    db: &impl ConnectionTrait,
    course_id: i64,
    rows: &[radar_row::Model],
    now: i64,
) -> Result<u64, DbErr> {
    let head = match db.get_database_backend() {
        DatabaseBackend::Postgres => POSTGRES,
        _ => SQLITE,
    };
    let written =
        exec(db, &[head, UPSERT_TAIL].concat(), vec![course_id.into(), now.into(), json_rows(&rows)?]).await?;
    exec(
        db,
        "DELETE FROM radar_rows WHERE course_id = $1 AND NOT EXISTS (SELECT 1 FROM memberships m \
         WHERE m.course_id = $1 AND m.user_id = radar_rows.student_id AND m.role = 'student' AND m.state = 'active')",
        vec![course_id.into()],
    )
    .await?;
    exec(
        db,
        "INSERT INTO radar_refreshes (course_id, refreshed_at, students) VALUES ($1, $2, $3) \
         ON CONFLICT (course_id) DO UPDATE SET refreshed_at = excluded.refreshed_at, students = excluded.students",
        vec![course_id.into(), now.into(), (rows.len() as i64).into()],
    )
    .await?;
    Ok(written)
}

/// When the course's radar figures were last checked.
pub async fn refreshed_at(db: &impl ConnectionTrait, course_id: i64) -> Result<Option<i64>, DbErr> {
    crate::db::sql::one(db, "SELECT refreshed_at FROM radar_refreshes WHERE course_id = $1", vec![course_id.into()])
        .await?
        .map(|r| r.try_get("", "refreshed_at"))
        .transpose()
}
