//! The one way email leaves Homeroom. Callers queue a message inside their own
//! transaction (so an invitation and its email are written together or not at all);
//! with SMTP configured, a worker sends queued messages, retrying with backoff; without,
//! messages stay in the outbox that the site admin reads.
//!
//! Delivery is exactly once as far as we can make it (docs/decisions/0008-jobs.md): a
//! message is claimed with a lease before the SMTP transaction and marked sent as soon
//! as the server accepts it; a failure is retried with backoff; a claim left by a crashed
//! sender expires and the message is retried. Every message carries a Message-ID derived
//! from its row, the same on every attempt, so a receiver can drop the one duplicate our
//! unavoidable window (accepted, then crashed before recording it) could cause.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use tokio::sync::{Mutex, Notify};

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
    /// The earliest instant the next message may start (rate limit, per process).
    next_slot: Arc<Mutex<tokio::time::Instant>>,
    interval: Duration,
    retry_base_ms: i64,
}

const MAX_ATTEMPTS: i32 = 8;
/// How long a claim on a message lasts: well past the SMTP timeout below.
const LEASE_MS: i64 = 2 * 60 * 1000;
const RETRY_CAP_MS: i64 = 6 * 60 * 60 * 1000;

impl Mailer {
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Mailer> {
        Mailer::with_limits(smtp_url, from, 60, 30)
    }

    /// `per_minute`: the most messages a minute this process sends; `retry_seconds`: the
    /// first retry's delay, doubled per attempt.
    pub fn with_limits(
        smtp_url: Option<&str>,
        from: &str,
        per_minute: u32,
        retry_seconds: u64,
    ) -> anyhow::Result<Mailer> {
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
        Ok(Mailer {
            smtp,
            from,
            wake: Arc::new(Notify::new()),
            next_slot: Arc::new(Mutex::new(tokio::time::Instant::now())),
            interval: Duration::from_millis(60_000 / u64::from(std::cmp::max(per_minute, 1))),
            retry_base_ms: (std::cmp::max(retry_seconds, 1) * 1000) as i64,
        })
    }

    /// The site's own sender address (the organizer of calendar invitations).
    pub fn from_address(&self) -> String {
        self.from.email.to_string()
    }

    pub fn uses_smtp(&self) -> bool {
        self.smtp.is_some()
    }

    /// Write the email in the caller's transaction. Call `wake` after committing.
    pub async fn queue(&self, db: &impl ConnectionTrait, msg: OutgoingEmail) -> Result<(), DbErr> {
        self.insert(db, vec![msg], None).await
    }

    pub async fn queue_many(&self, db: &impl ConnectionTrait, msgs: Vec<OutgoingEmail>) -> Result<(), DbErr> {
        self.insert(db, msgs, None).await
    }

    /// A notification email: it carries the person's one-click unsubscribe link in its
    /// `List-Unsubscribe` headers (RFC 8058).
    pub async fn queue_with_unsubscribe(
        &self,
        db: &impl ConnectionTrait,
        msg: OutgoingEmail,
        unsubscribe_url: &str,
    ) -> Result<(), DbErr> {
        self.insert(db, vec![msg], Some(unsubscribe_url)).await
    }

    /// An email with an iCalendar invitation attached (`text/calendar` with the method
    /// the calendar names, so mail programs offer to add, move or remove the meeting).
    pub async fn queue_with_calendar(
        &self,
        db: &impl ConnectionTrait,
        msg: OutgoingEmail,
        calendar: String,
    ) -> Result<(), DbErr> {
        self.insert_rows(db, vec![msg], None, Some(calendar)).await
    }

    /// Like [`Mailer::queue_many`], returning the rows written, so a caller can follow
    /// each message's delivery (personalised messages show it per recipient).
    pub async fn queue_returning(
        &self,
        db: &impl ConnectionTrait,
        msgs: Vec<OutgoingEmail>,
    ) -> Result<Vec<email::Model>, DbErr> {
        let mut out = Vec::with_capacity(msgs.len());
        for chunk in self.rows(msgs, None, None).chunks(500) {
            out.extend(email::Entity::insert_many(chunk.to_vec()).exec_with_returning(db).await?);
        }
        Ok(out)
    }

    async fn insert(
        &self,
        db: &impl ConnectionTrait,
        msgs: Vec<OutgoingEmail>,
        unsub: Option<&str>,
    ) -> Result<(), DbErr> {
        self.insert_rows(db, msgs, unsub, None).await
    }

    async fn insert_rows(
        &self,
        db: &impl ConnectionTrait,
        msgs: Vec<OutgoingEmail>,
        unsub: Option<&str>,
        calendar: Option<String>,
    ) -> Result<(), DbErr> {
        for chunk in self.rows(msgs, unsub, calendar).chunks(500) {
            email::Entity::insert_many(chunk.to_vec()).exec(db).await?;
        }
        Ok(())
    }

    fn rows(&self, msgs: Vec<OutgoingEmail>, unsub: Option<&str>, calendar: Option<String>) -> Vec<email::ActiveModel> {
        let now = now_ms();
        let status = if self.smtp.is_some() { "queued" } else { "outbox" };
        msgs.into_iter()
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
                lease_until: Set(None),
                unsubscribe_url: Set(unsub.map(String::from)),
                calendar: Set(calendar.clone()),
                ..Default::default()
            })
            .collect()
    }

    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Run the sender until `stop` turns true. Safe to run on every replica: a message is
    /// claimed by one conditional update before it is sent.
    pub fn spawn_worker(
        &self,
        db: DatabaseConnection,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) -> Option<tokio::task::JoinHandle<()>> {
        let smtp = self.smtp.clone()?;
        let me = self.clone();
        Some(tokio::spawn(async move {
            while !*stop.borrow() {
                let pause = match me.send_due(&db, &smtp, &stop).await {
                    Ok(0) => Some(Duration::from_secs(2)),
                    Ok(_) => None,
                    Err(e) => {
                        tracing::warn!(error = %e, "mail worker");
                        Some(Duration::from_secs(5))
                    }
                };
                if let Some(pause) = pause {
                    tokio::select! {
                        _ = stop.changed() => {}
                        _ = me.wake.notified() => {}
                        _ = tokio::time::sleep(pause) => {}
                    }
                }
            }
        }))
    }

    /// Wait for this process's next sending slot.
    async fn pace(&self) {
        let mut next = self.next_slot.lock().await;
        let now = tokio::time::Instant::now();
        if *next > now {
            tokio::time::sleep_until(*next).await;
        }
        *next = std::cmp::max(*next, now) + self.interval;
    }

    /// Send what is due now, paced; stops early when asked to.
    async fn send_due(
        &self,
        db: &DatabaseConnection,
        smtp: &AsyncSmtpTransport<Tokio1Executor>,
        stop: &tokio::sync::watch::Receiver<bool>,
    ) -> anyhow::Result<usize> {
        let due =
            email::Entity::find().filter(claimable(now_ms())).order_by_asc(email::Column::Id).limit(50).all(db).await?;
        let mut sent = 0;
        for m in due {
            if *stop.borrow() {
                break;
            }
            self.pace().await;
            let now = now_ms();
            let lease = now + LEASE_MS;
            let claimed = email::Entity::update_many()
                .col_expr(email::Column::Status, Expr::value("sending"))
                .col_expr(email::Column::LeaseUntil, Expr::value(lease))
                .col_expr(email::Column::Attempts, Expr::col(email::Column::Attempts).add(1))
                .filter(email::Column::Id.eq(m.id))
                .filter(claimable(now))
                .exec(db)
                .await?;
            if claimed.rows_affected != 1 {
                continue;
            }
            // Our claim: the row as we left it. Every later write is conditional on it, so
            // a sender whose lease ran out cannot overwrite the one that took over.
            let ours = Condition::all()
                .add(email::Column::Id.eq(m.id))
                .add(email::Column::Status.eq("sending"))
                .add(email::Column::LeaseUntil.eq(lease));
            let attempts = m.attempts + 1;
            if attempts > MAX_ATTEMPTS {
                email::Entity::update_many()
                    .col_expr(email::Column::Status, Expr::value("failed"))
                    .col_expr(email::Column::LastError, Expr::value("gave up after the sender stopped mid-send"))
                    .filter(ours)
                    .exec(db)
                    .await?;
                continue;
            }
            let result = match self.build(&m) {
                Ok(msg) => smtp.send(msg).await.map(|_| ()).map_err(|e| (e.is_permanent(), e.to_string())),
                Err(e) => Err((true, e)),
            };
            match result {
                Ok(()) => {
                    email::Entity::update_many()
                        .col_expr(email::Column::Status, Expr::value("sent"))
                        .col_expr(email::Column::SentAt, Expr::value(now_ms()))
                        .col_expr(email::Column::LastError, Expr::value(Option::<String>::None))
                        .col_expr(email::Column::LeaseUntil, Expr::value(Option::<i64>::None))
                        .filter(ours)
                        .exec(db)
                        .await?;
                    sent += 1;
                }
                Err((permanent, e)) => {
                    tracing::warn!(error = %e, attempts, "email not sent");
                    // A permanent refusal (no such mailbox) will not change by retrying.
                    let give_up = permanent || attempts >= MAX_ATTEMPTS;
                    let delay = crate::jobs::backoff::delay_ms(
                        attempts,
                        self.retry_base_ms,
                        RETRY_CAP_MS,
                        crate::jobs::backoff::random_jitter(),
                    );
                    email::Entity::update_many()
                        .col_expr(email::Column::Status, Expr::value(if give_up { "failed" } else { "queued" }))
                        .col_expr(email::Column::NotBefore, Expr::value(now_ms() + delay))
                        .col_expr(email::Column::LastError, Expr::value(e.chars().take(500).collect::<String>()))
                        .col_expr(email::Column::LeaseUntil, Expr::value(Option::<i64>::None))
                        .filter(ours)
                        .exec(db)
                        .await?;
                }
            }
        }
        Ok(sent)
    }

    /// The Message-ID of a row: the same on every attempt, unique per message.
    pub fn message_id(&self, m: &email::Model) -> String {
        format!("<homeroom.{}.{}@{}>", m.id, m.created_at, self.from.email.domain())
    }

    fn build(&self, m: &email::Model) -> Result<Message, String> {
        let to: Mailbox = m.to_address.parse().map_err(|e| format!("bad address: {e}"))?;
        let mut b = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(self.message_id(m)));
        if let Some(url) = &m.unsubscribe_url {
            use lettre::message::header::{HeaderName, HeaderValue};
            b = b
                .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_string(),
                ));
        }
        let Some(calendar) = &m.calendar else {
            return b
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(m.body_text.clone())
                .map_err(|e| e.to_string());
        };
        use lettre::message::header::ContentType;
        use lettre::message::{Attachment, MultiPart, SinglePart};
        let method = if calendar.contains("METHOD:CANCEL") { "CANCEL" } else { "REQUEST" };
        let kind =
            ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}")).map_err(|e| e.to_string())?;
        let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(m.body_text.clone());
        let invite = Attachment::new("invite.ics".to_string()).body(calendar.clone(), kind);
        b.multipart(MultiPart::mixed().singlepart(text).singlepart(invite)).map_err(|e| e.to_string())
    }
}

/// Due for a first try or a retry, or claimed by a sender whose lease ran out.
fn claimable(now: i64) -> Condition {
    Condition::any()
        .add(Condition::all().add(email::Column::Status.eq("queued")).add(email::Column::NotBefore.lte(now)))
        .add(Condition::all().add(email::Column::Status.eq("sending")).add(email::Column::LeaseUntil.lt(now)))
        // Claimed before leases existed: nobody holds it any more.
        .add(Condition::all().add(email::Column::Status.eq("sending")).add(email::Column::LeaseUntil.is_null()))
}
