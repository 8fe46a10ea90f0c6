//! How far a send has got: counts for the progress bar (also as JSON for the page's
//! small module) and each recipient's status, a page at a time. Fixed statements.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Value};
use serde::Serialize;

use super::queries::all;
use crate::db::entity::{email, message, personal_recipient};

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Progress {
    pub status: String,
    pub total: i64,
    /// Delivered in Homeroom and handed to the mail server (or kept in the outbox when
    /// the site sends no email).
    pub sent: i64,
    pub failed: i64,
    pub waiting: i64,
    pub replied: i64,
    pub percent: i64,
    pub done: bool,
}

const COUNTS: &str = "SELECT COUNT(*) AS total, \
    SUM(CASE WHEN r.error IS NOT NULL OR e.status = 'failed' THEN 1 ELSE 0 END) AS failed, \
    SUM(CASE WHEN r.error IS NULL AND e.status IN ('sent', 'outbox') THEN 1 ELSE 0 END) AS sent, \
    SUM(CASE WHEN EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = r.conversation_id \
        AND m.user_id = r.student_id AND m.id > r.message_id) THEN 1 ELSE 0 END) AS replied \
    FROM personal_recipients r LEFT JOIN emails e ON e.id = r.email_id WHERE r.send_id = $1";

/// The counts of one send, in one statement.
pub async fn progress(db: &impl ConnectionTrait, send_id: i64, status: &str) -> Result<Progress, DbErr> {
    let rows = all(db, COUNTS, vec![Value::from(send_id)]).await?;
    let n = |col: &str| -> Result<i64, DbErr> {
        Ok(rows.first().map(|r| r.try_get::<Option<i64>>("", col)).transpose()?.flatten().unwrap_or(0))
    };
    let (total, sent, failed, replied) = (n("total")?, n("sent")?, n("failed")?, n("replied")?);
    let finished = if status == "sent" { sent + failed } else { 0 };
    Ok(Progress {
        status: status.to_string(),
        total,
        sent: if status == "sent" { sent } else { 0 },
        failed: if status == "sent" { failed } else { 0 },
        waiting: total - finished,
        replied,
        percent: if total == 0 { 0 } else { finished * 100 / total },
        done: status == "sent" && finished == total,
    })
}

/// One recipient's status, for the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    Queued,
    Sent,
    /// The Fluent id of why, or the mail server's words.
    Failed(String),
    Replied,
}

/// The statuses of a page of recipients (two statements).
pub async fn states(
    db: &impl ConnectionTrait,
    sent: bool,
    rows: &[personal_recipient::Model],
) -> Result<HashMap<i64, State>, DbErr> {
    let email_ids: Vec<i64> = rows.iter().filter_map(|r| r.email_id).collect();
    let convs: Vec<i64> = rows.iter().filter_map(|r| r.conversation_id).collect();
    let emails: HashMap<i64, (String, Option<String>)> = email::Entity::find()
        .select_only()
        .column(email::Column::Id)
        .column(email::Column::Status)
        .column(email::Column::LastError)
        .filter(email::Column::Id.is_in(email_ids))
        .into_tuple::<(i64, String, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, s, e)| (id, (s, e)))
        .collect();
    let replies: Vec<(i64, Option<i64>, i64)> = message::Entity::find()
        .select_only()
        .column(message::Column::ConversationId)
        .column(message::Column::UserId)
        .column_as(message::Column::Id.max(), "id")
        .filter(message::Column::ConversationId.is_in(convs))
        .group_by(message::Column::ConversationId)
        .group_by(message::Column::UserId)
        .into_tuple()
        .all(db)
        .await?;
    let mut out = HashMap::new();
    for r in rows {
        let replied = replies.iter().any(|(conv, who, id)| {
            Some(*conv) == r.conversation_id && *who == Some(r.student_id) && Some(*id) > r.message_id
        });
        let state = if let Some(e) = &r.error {
            State::Failed(e.clone())
        } else if !sent {
            State::Queued
        } else if replied {
            State::Replied
        } else {
            match r.email_id.and_then(|id| emails.get(&id)) {
                Some((s, _)) if s == "sent" || s == "outbox" => State::Sent,
                Some((s, e)) if s == "failed" => State::Failed(e.clone().unwrap_or_default()),
                _ => State::Queued,
            }
        };
        out.insert(r.id, state);
    }
    Ok(out)
}
