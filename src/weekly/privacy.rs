//! The weekly message in the privacy registry. A message is its author's: exported to
//! them and erased with them, the reactions and replies under it too, and its recording
//! (the author's upload: its row goes in the `media` arm, its files after the commit, as
//! for introductions). Reactions and replies are their writer's: exported to them and
//! erased with them.

use sea_orm::{ConnectionTrait, DbErr};

use crate::db::sql::stmt;
use serde_json::{Value as Json, json};

pub async fn export(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<Json, DbErr> {
    let rows = match table {
        "weekly_messages" => db
            .query_all_raw(stmt(
                db,
                "SELECT id, course_id, week_key, title, kind, transcript, body, created_at, updated_at \
                 FROM weekly_messages WHERE author_id = $1 ORDER BY id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "weekly_message_id": r.try_get::<i64>("", "id")?,
                    "course_id": r.try_get::<i64>("", "course_id")?,
                    "week": r.try_get::<String>("", "week_key")?,
                    "title": r.try_get::<String>("", "title")?,
                    "kind": r.try_get::<String>("", "kind")?,
                    "transcript": r.try_get::<String>("", "transcript")?,
                    "text": r.try_get::<String>("", "body")?,
                    "created_at": r.try_get::<i64>("", "created_at")?,
                    "updated_at": r.try_get::<i64>("", "updated_at")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        "weekly_reactions" => db
            .query_all_raw(stmt(
                db,
                "SELECT message_id, emoji, created_at FROM weekly_reactions WHERE user_id = $1 ORDER BY id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "weekly_message_id": r.try_get::<i64>("", "message_id")?,
                    "emoji": r.try_get::<String>("", "emoji")?,
                    "at": r.try_get::<i64>("", "created_at")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
        "weekly_replies" => db
            .query_all_raw(stmt(
                db,
                "SELECT message_id, body, created_at FROM weekly_replies WHERE user_id = $1 ORDER BY id",
                vec![user_id.into()],
            ))
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "weekly_message_id": r.try_get::<i64>("", "message_id")?,
                    "body": r.try_get::<String>("", "body")?,
                    "at": r.try_get::<i64>("", "created_at")?,
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
        "weekly_replies" => {
            run("DELETE FROM weekly_replies WHERE user_id = $1").await?;
        }
        "weekly_reactions" => {
            run("DELETE FROM weekly_reactions WHERE user_id = $1").await?;
        }
        "weekly_messages" => {
            // What the class wrote under the person's messages goes with the messages.
            run("DELETE FROM weekly_replies WHERE message_id IN (SELECT id FROM weekly_messages WHERE author_id = $1)")
                .await?;
            run("DELETE FROM weekly_reactions WHERE message_id IN \
                 (SELECT id FROM weekly_messages WHERE author_id = $1)")
            .await?;
            run("DELETE FROM weekly_messages WHERE author_id = $1").await?;
        }
        other => return Err(DbErr::Custom(format!("privacy: no erasure for table {other}"))),
    }
    Ok(())
}
