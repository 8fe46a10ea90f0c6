//! Live sessions in the privacy registry: a person's answers and attendance are theirs
//! (exported, erased with them), as are the breakout rooms they were in and their calls
//! for the tutor; sessions they planned stay with the course, without
//! their name.

use sea_orm::{ConnectionTrait, DbErr};

use crate::db::sql::stmt;
use serde_json::{Value as Json, json};

pub async fn export(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<Json, DbErr> {
    let rows = match table {
        "live_answers" => db
            .query_all_raw(stmt(
                db,
                "SELECT a.session_id AS session_id, s.prompt AS prompt, a.body AS body, a.updated_at AS at \
                 FROM live_answers a JOIN live_steps s ON s.id = a.step_id WHERE a.user_id = $1 ORDER BY a.id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "session_id": r.try_get::<i64>("", "session_id")?, "question": r.try_get::<String>("", "prompt")?,
                    "answer": r.try_get::<String>("", "body")?, "at": r.try_get::<i64>("", "at")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        "live_attendance" => db
            .query_all_raw(stmt(
                db,
                "SELECT session_id, first_seen, last_seen FROM live_attendance WHERE user_id = $1 ORDER BY id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "session_id": r.try_get::<i64>("", "session_id")?, "first_seen": r.try_get::<i64>("", "first_seen")?,
                    "last_seen": r.try_get::<i64>("", "last_seen")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        "live_sessions" => db
            .query_all_raw(stmt(
                db,
                "SELECT id, course_id, title, starts_at FROM live_sessions WHERE created_by = $1 ORDER BY id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "planned_session_id": r.try_get::<i64>("", "id")?, "course_id": r.try_get::<i64>("", "course_id")?,
                    "title": r.try_get::<String>("", "title")?, "starts_at": r.try_get::<i64>("", "starts_at")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        "live_room_members" | "live_rooms" => db
            .query_all_raw(stmt(
                db,
                if table == "live_rooms" {
                    "SELECT r.session_id AS session_id, r.number AS number FROM live_rooms r \
                     WHERE r.facilitator_id = $1 ORDER BY r.id"
                } else {
                    "SELECT r.session_id AS session_id, r.number AS number FROM live_room_members m \
                     JOIN live_rooms r ON r.id = m.room_id WHERE m.user_id = $1 ORDER BY m.id"
                },
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                let key = if table == "live_rooms" { "facilitated_room" } else { "breakout_room" };
                Ok(json!({ "session_id": r.try_get::<i64>("", "session_id")?, key: r.try_get::<i32>("", "number")? }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        "live_calls" => db
            .query_all_raw(stmt(
                db,
                "SELECT session_id, created_at FROM live_calls WHERE user_id = $1 ORDER BY id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "session_id": r.try_get::<i64>("", "session_id")?, "called_the_tutor_at": r.try_get::<i64>("", "created_at")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        other => return Err(DbErr::Custom(format!("privacy: no export for table {other}"))),
    };
    Ok(Json::Array(rows))
}

pub async fn erase(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<(), DbErr> {
    let sql = match table {
        "live_answers" => "DELETE FROM live_answers WHERE user_id = $1",
        "live_attendance" => "DELETE FROM live_attendance WHERE user_id = $1",
        "live_sessions" => "UPDATE live_sessions SET created_by = NULL WHERE created_by = $1",
        "live_rooms" => "UPDATE live_rooms SET facilitator_id = NULL WHERE facilitator_id = $1",
        "live_room_members" => "DELETE FROM live_room_members WHERE user_id = $1",
        "live_calls" => "DELETE FROM live_calls WHERE user_id = $1",
        other => return Err(DbErr::Custom(format!("privacy: no erasure for table {other}"))),
    };
    db.execute_raw(stmt(db, sql, vec![user_id.into()])).await?;
    Ok(())
}
