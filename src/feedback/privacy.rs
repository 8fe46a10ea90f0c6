//! Feedback in the privacy registry. Feedback is about its student: exported to them and
//! erased with them (its recording too). The giver's export lists what they gave; when
//! the giver's account goes, the student keeps the feedback without the giver's name.
//! Replies are their writer's: exported to them, and kept without a name when they go.

use sea_orm::{ConnectionTrait, DbErr};

use crate::db::sql::stmt;
use serde_json::{Value as Json, json};

pub async fn export(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<Json, DbErr> {
    let rows = match table {
        "feedback" => db
            .query_all_raw(stmt(
                db,
                "SELECT id, course_id, student_id, giver_id, target, about, kind, body, status, created_at, released_at, \
                 read_at FROM feedback WHERE student_id = $1 OR giver_id = $1 ORDER BY id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                let student: i64 = r.try_get("", "student_id")?;
                Ok(json!({
                    "feedback_id": r.try_get::<i64>("", "id")?,
                    "course_id": r.try_get::<i64>("", "course_id")?,
                    "role": if student == user_id { "received" } else { "given" },
                    "student_user_id": student,
                    "giver_user_id": r.try_get::<Option<i64>>("", "giver_id")?,
                    "on": r.try_get::<String>("", "target")?,
                    "about": r.try_get::<String>("", "about")?,
                    "kind": r.try_get::<String>("", "kind")?,
                    "text": r.try_get::<String>("", "body")?,
                    "status": r.try_get::<String>("", "status")?,
                    "created_at": r.try_get::<i64>("", "created_at")?,
                    "released_at": r.try_get::<Option<i64>>("", "released_at")?,
                    "read_at": r.try_get::<Option<i64>>("", "read_at")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        "feedback_replies" => db
            .query_all_raw(stmt(
                db,
                "SELECT feedback_id, body, created_at FROM feedback_replies WHERE user_id = $1 ORDER BY id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "feedback_id": r.try_get::<i64>("", "feedback_id")?,
                    "body": r.try_get::<String>("", "body")?,
                    "at": r.try_get::<i64>("", "created_at")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        "feedback_assignments" => db
            .query_all_raw(stmt(
                db,
                "SELECT id, course_id, title, due_at FROM feedback_assignments WHERE created_by = $1 ORDER BY id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "assignment_id": r.try_get::<i64>("", "id")?,
                    "course_id": r.try_get::<i64>("", "course_id")?,
                    "title": r.try_get::<String>("", "title")?,
                    "due_at": r.try_get::<i64>("", "due_at")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        other => return Err(DbErr::Custom(format!("privacy: no export for table {other}"))),
    };
    Ok(Json::Array(rows))
}

pub async fn erase(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<(), DbErr> {
    let run = |sql: &'static str| db.execute_raw(stmt(db, sql, vec![user_id.into()]));
    match table {
        "feedback_replies" => {
            // Replies under feedback about the person go with it; their replies elsewhere
            // stay without their name.
            run("DELETE FROM feedback_replies WHERE feedback_id IN (SELECT id FROM feedback WHERE student_id = $1)")
                .await?;
            run("UPDATE feedback_replies SET user_id = NULL WHERE user_id = $1").await?;
        }
        "feedback" => {
            // The recordings of feedback about the person go with it (their files are the
            // giver's uploads; the rows are removed here, the files when unreferenced).
            let media = super::queries::media_about(db, user_id).await?;
            run("DELETE FROM contacts WHERE kind = 'feedback' AND student_id = $1").await?;
            run("DELETE FROM feedback WHERE student_id = $1").await?;
            for m in media {
                crate::media::delete_row(db, m).await?;
            }
            run("UPDATE feedback SET giver_id = NULL WHERE giver_id = $1").await?;
        }
        "feedback_assignments" => {
            run("UPDATE feedback_assignments SET created_by = NULL WHERE created_by = $1").await?;
        }
        other => return Err(DbErr::Custom(format!("privacy: no erasure for table {other}"))),
    }
    Ok(())
}
