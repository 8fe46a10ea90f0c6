//! The rows of a send written in bulk: every student's copy, and the messages. Each
//! batch travels as one bound JSON value in one statement on both databases, as the
//! radar's rows do (decision 0040). As sea-orm inserts of 300 rows they took some 45 ms
//! each to build and bind in the server against 4–30 ms in the database, most of a send
//! to 2,000 students (docs/benchmarks.md, decision 0041).

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr};

use crate::db::entity::personal_recipient;
use crate::db::sql::{all, exec, json_rows};

const RECIPIENTS_POSTGRES: &str = "INSERT INTO personal_recipients (send_id, student_id, name, variant, subject, \
    body, body_text, conversation_id, message_id, email_id, error) \
    SELECT send_id, student_id, name, variant, subject, body, body_text, conversation_id, message_id, email_id, error \
    FROM json_to_recordset($1::json) AS x(send_id bigint, student_id bigint, name text, variant text, subject text, \
    body text, body_text text, conversation_id bigint, message_id bigint, email_id bigint, error text)";

const RECIPIENTS_SQLITE: &str = "INSERT INTO personal_recipients (send_id, student_id, name, variant, subject, \
    body, body_text, conversation_id, message_id, email_id, error) \
    SELECT value ->> 'send_id', value ->> 'student_id', value ->> 'name', value ->> 'variant', \
    value ->> 'subject', value ->> 'body', value ->> 'body_text', value ->> 'conversation_id', \
    value ->> 'message_id', value ->> 'email_id', value ->> 'error' FROM json_each($1)";

const MESSAGES_POSTGRES: &str = "INSERT INTO messages (conversation_id, user_id, body, created_at) \
    SELECT conversation_id, $1, body, $2 FROM json_to_recordset($3::json) AS x(conversation_id bigint, body text) \
    RETURNING id, conversation_id";

const MESSAGES_SQLITE: &str = "INSERT INTO messages (conversation_id, user_id, body, created_at) \
    SELECT value ->> 'conversation_id', $1, value ->> 'body', $2 FROM json_each($3) WHERE true \
    RETURNING id, conversation_id";

fn postgres(db: &impl ConnectionTrait) -> bool {
    db.get_database_backend() == DatabaseBackend::Postgres
}

/// Store the recipients' rows (their `id` is ignored: the database gives one).
pub async fn insert_recipients(db: &impl ConnectionTrait, rows: &[personal_recipient::Model]) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let sql = if postgres(db) { RECIPIENTS_POSTGRES } else { RECIPIENTS_SQLITE };
    exec(db, sql, vec![json_rows(&rows)?]).await?;
    Ok(())
}

/// One message by `sender` at `now` in each conversation, with its body; returns each
/// conversation's new message id.
pub async fn insert_messages(
    db: &impl ConnectionTrait,
    sender: i64,
    now: i64,
    messages: &[(i64, &str)],
) -> Result<HashMap<i64, i64>, DbErr> {
    if messages.is_empty() {
        return Ok(HashMap::new());
    }
    #[derive(serde::Serialize)]
    struct Row<'a> {
        conversation_id: i64,
        body: &'a str,
    }
    let rows: Vec<Row> = messages.iter().map(|&(conversation_id, body)| Row { conversation_id, body }).collect();
    let sql = if postgres(db) { MESSAGES_POSTGRES } else { MESSAGES_SQLITE };
    all(db, sql, vec![sender.into(), now.into(), json_rows(&rows)?])
        .await?
        .iter()
        .map(|r| Ok((r.try_get("", "conversation_id")?, r.try_get("", "id")?)))
        .collect()
}
