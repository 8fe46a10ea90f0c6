//! The one way email leaves Homeroom. Callers queue a message inside their own
//! transaction (so an invitation and its email are written together or not at all);
//! with SMTP configured, a worker sends queued messages, retrying with backoff; without,
//! messages stay in the outbox that the site admin reads.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use tokio::sync::Notify;

use crate::db::entity::email;
use crate::time::now_ms;

pub struct OutgoingEmail {
    pub to_address: String,
    pub to_user_id: Option<i64>,
    pub subject: String,
    pub body_text: String,
}

#[derive(Clone)]
pub struct Mailer {
    smtp: Option<Arc<AsyncSmtpTransport<Tokio1Executor>>>,
    from: Mailbox,
    wake: Arc<Notify>,
}

const MAX_ATTEMPTS: i32 = 8;

impl Mailer {
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Mailer> {
        let from: Mailbox =
            from.parse().map_err(|e| anyhow::anyhow!("--mail-from {from:?} is not an email address: {e}"))?;
        let smtp = match smtp_url {
            Some(url) => Some(Arc::new(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("--smtp-url: {e}"))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            )),
            None => None,
        };
        Ok(Mailer { smtp, from, wake: Arc::new(Notify::new()) })
    }

    pub fn uses_smtp(&self) -> bool {
        self.smtp.is_some()
    }

    /// Write the email in the caller's transaction. Call `wake` after committing.
    pub async fn queue(&self, db: &impl ConnectionTrait, msg: OutgoingEmail) -> Result<(), DbErr> {
        self.queue_many(db, vec![msg]).await
    }

    pub async fn queue_many(&self, db: &impl ConnectionTrait, msgs: Vec<OutgoingEmail>) -> Result<(), DbErr> {
        let now = now_ms();
        let status = if self.smtp.is_some() { "queued" } else { "outbox" };
        let rows: Vec<email::ActiveModel> = msgs
            .into_iter()
            .map(|m| email::ActiveModel {
                to_address: Set(m.to_address),
                to_user_id: Set(m.to_user_id),
                subject: Set(m.subject),
                body_text: Set(m.body_text),
                status: Set(status.to_string()),
                attempts: Set(0),
                not_before: Set(0),
                last_error: Set(None),
                created_at: Set(now),
                sent_at: Set(None),
                ..Default::default()
            })
            .collect();
        for chunk in rows.chunks(500) {
            email::Entity::insert_many(chunk.to_vec()).exec(db).await?;
        }
        Ok(())
    }

    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Run the sender until the process ends. Safe to run on every replica: a message is
    /// claimed by one conditional update before it is sent.
    pub fn spawn_worker(&self, db: DatabaseConnection) {
        let Some(smtp) = self.smtp.clone() else { return };
        let me = self.clone();
        tokio::spawn(async move {
            loop {
                match me.send_due(&db, &smtp).await {
                    Ok(0) => {
                        let _ = tokio::time::timeout(Duration::from_secs(5), me.wake.notified()).await;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "mail worker");
                        tokio::time::sleep(Duration::from_secs(5)).await;
                    }
                }
            }
        });
    }

    async fn send_due(
        &self,
        db: &DatabaseConnection,
        smtp: &AsyncSmtpTransport<Tokio1Executor>,
    ) -> anyhow::Result<usize> {
        let now = now_ms();
        let due = email::Entity::find()
            .filter(email::Column::Status.eq("queued"))
            .filter(email::Column::NotBefore.lte(now))
            .order_by_asc(email::Column::Id)
            .limit(50)
            .all(db)
            .await?;
        let mut sent = 0;
        for m in due {
            let claimed = email::Entity::update_many()
                .col_expr(email::Column::Status, Expr::value("sending"))
                .col_expr(email::Column::Attempts, Expr::col(email::Column::Attempts).add(1))
                .filter(email::Column::Id.eq(m.id))
                .filter(email::Column::Status.eq("queued"))
                .exec(db)
                .await?;
            if claimed.rows_affected != 1 {
                continue;
            }
            let attempts = m.attempts + 1;
            let result = match self.build(&m) {
                Ok(msg) => smtp.send(msg).await.map(|_| ()).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            let mut active: email::ActiveModel = m.into();
            active.attempts = Set(attempts);
            match result {
                Ok(()) => {
                    active.status = Set("sent".into());
                    active.sent_at = Set(Some(now_ms()));
                    active.last_error = Set(None);
                    sent += 1;
                }
                Err(e) => {
                    tracing::warn!(error = %e, attempts, "email not sent");
                    let give_up = attempts >= MAX_ATTEMPTS;
                    active.status = Set(if give_up { "failed" } else { "queued" }.into());
                    // Back off: 30 s, 1 min, 2 min, ... so a mail server that is down
                    // is not hammered.
                    active.not_before = Set(now_ms() + 30_000 * (1i64 << std::cmp::min(attempts - 1, 10)));
                    active.last_error = Set(Some(e.chars().take(500).collect()));
                }
            }
            active.update(db).await?;
        }
        Ok(sent)
    }

    fn build(&self, m: &email::Model) -> Result<Message, String> {
        let to: Mailbox = m.to_address.parse().map_err(|e| format!("bad address: {e}"))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(m.body_text.clone())
            .map_err(|e| e.to_string())
    }
}
