//! Writing the radar's cached rows for one course, replacing what was there.
//!
//! SQLite binds every value in process, so rows go in as ordinary multi-row inserts.
//! PostgreSQL gets the whole class as one JSON value in one statement: 10,000 rows as
//! bound values were ten statements of 17,000 parameters, each sent, parsed and planned,
//! and they were most of the first computation's time there (docs/decisions/0040).

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, Set};
use serde::Serialize;

use crate::db::entity::radar_row;
use crate::db::sql::exec;

/// One student's row as the refresh computed it.
#[derive(Serialize)]
pub struct Row {
    pub student_id: i64,
    pub name: String,
    pub last_contact_at: i64,
    pub last_contact_by: Option<i64>,
    pub last_activity_at: i64,
    pub posts: i32,
    pub peers: i32,
    pub recent_peers: i32,
    pub introduced: bool,
    pub survey_done: bool,
    pub signal_keys: String,
    pub signals: String,
    pub owner_id: Option<i64>,
    pub due_at: i64,
    pub queue_order: i64,
}

/// Replace the course's rows with `rows`, inside the caller's transaction.
pub async fn replace(db: &impl ConnectionTrait, course_id: i64, rows: Vec<Row>, now: i64) -> Result<(), DbErr> {
    radar_row::Entity::delete_many().filter(radar_row::Column::CourseId.eq(course_id)).exec(db).await?;
    if rows.is_empty() {
        return Ok(());
    }
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let json = serde_json::to_string(&rows).map_err(|e| DbErr::Custom(e.to_string()))?;
            exec(
                db,
                "INSERT INTO radar_rows (course_id, student_id, name, last_contact_at, last_contact_by, last_activity_at, \
                 posts, peers, recent_peers, introduced, survey_done, signal_keys, signals, refreshed_at, owner_id, due_at, \
                 queue_order) \
                 SELECT $1, student_id, name, last_contact_at, last_contact_by, last_activity_at, posts, peers, recent_peers, \
                 introduced, survey_done, signal_keys, signals, $2, owner_id, due_at, queue_order \
                 FROM json_to_recordset($3::json) AS x(student_id bigint, name text, last_contact_at bigint, \
                 last_contact_by bigint, last_activity_at bigint, posts integer, peers integer, recent_peers integer, \
                 introduced boolean, survey_done boolean, signal_keys text, signals text, owner_id bigint, due_at bigint, \
                 queue_order bigint) \
                 ON CONFLICT (course_id, student_id) DO NOTHING",
                vec![course_id.into(), now.into(), json.into()],
            )
            .await?;
        }
        _ => {
            // Chunks keep each statement under SQLite's limit on bound values (17 a row).
            let mut rows = rows.into_iter().map(|r| active(course_id, r, now)).peekable();
            while rows.peek().is_some() {
                let chunk: Vec<_> = rows.by_ref().take(1000).collect();
                radar_row::Entity::insert_many(chunk)
                    .on_conflict(
                        OnConflict::columns([radar_row::Column::CourseId, radar_row::Column::StudentId])
                            .do_nothing()
                            .to_owned(),
                    )
                    .exec_without_returning(db)
                    .await?;
            }
        }
    }
    Ok(())
}

fn active(course_id: i64, r: Row, now: i64) -> radar_row::ActiveModel {
    radar_row::ActiveModel {
        course_id: Set(course_id),
        student_id: Set(r.student_id),
        name: Set(r.name),
        last_contact_at: Set(r.last_contact_at),
        last_contact_by: Set(r.last_contact_by),
        last_activity_at: Set(r.last_activity_at),
        posts: Set(r.posts),
        peers: Set(r.peers),
        recent_peers: Set(r.recent_peers),
        introduced: Set(r.introduced),
        survey_done: Set(r.survey_done),
        signal_keys: Set(r.signal_keys),
        signals: Set(r.signals),
        refreshed_at: Set(now),
        owner_id: Set(r.owner_id),
        due_at: Set(r.due_at),
        queue_order: Set(r.queue_order),
        ..Default::default()
    }
}
