//! Personalised messages: a tutor writes one message with merge fields and conditional
//! blocks, chooses students (by a condition or from the radar), pages through each
//! student's copy, and sends it now or at a time in the course's time zone. Each student
//! gets it in Homeroom, as a message in their conversation with the sender (so a reply is
//! a conversation, and the message a contact in the ledger), and by email through the
//! outbox. No open or click tracking. The template language is the pure
//! `homeroom_presence::template`; see docs/decisions/0019-personalised-messages.md.

pub mod fields;
pub mod queries;
pub mod routes;
pub mod rows;
pub mod rules;
pub mod send;
pub mod status;
pub mod views;

pub use routes::router;

/// The job that sends one scheduled message.
pub const JOB_KIND: &str = "personal.send";

pub fn register(r: crate::jobs::Registry) -> crate::jobs::Registry {
    r.on(JOB_KIND, |state, job| async move {
        let p: serde_json::Value = serde_json::from_str(&job.payload)?;
        let Some(send_id) = p["send_id"].as_i64() else { anyhow::bail!("a personal.send job without send_id") };
        send::dispatch(&state, send_id, crate::time::now_ms()).await?;
        Ok(())
    })
}

/// Queue the sending of a send at `at`. The key names the moment it was scheduled, so
/// taking it back and scheduling it again queues a new run while a retry of the old one
/// finds nothing to do.
pub async fn schedule(
    db: &impl sea_orm::ConnectionTrait,
    send_id: i64,
    at: i64,
    scheduled_at: i64,
) -> Result<bool, sea_orm::DbErr> {
    let key = format!("personal:{send_id}:{scheduled_at}");
    crate::jobs::enqueue(db, JOB_KIND, &serde_json::json!({ "send_id": send_id }), at, Some(&key)).await
}
