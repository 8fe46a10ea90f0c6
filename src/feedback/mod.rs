//! Feedback: a tutor or TA gives one student feedback on something of theirs (a post,
//! an introduction, a file, or an assignment the course names) in writing, as a voice or
//! video clip recorded in the browser (`static/record.js`, as introductions do) with its
//! transcript, or as a file. Feedback starts as a draft and is released one by one or
//! for a whole assignment at once; a recording is released only with its transcript.
//! The student finds it in their inbox, opening it marks it read, and they reply in a
//! thread under it that reaches the giver. Each released piece is a contact in the
//! ledger. The teaching team sees, per assignment, who has feedback, who is waiting and
//! each staff member's median turnaround. See docs/decisions/0025-feedback.md.

pub mod privacy;
pub mod queries;
pub mod routes;
pub mod rules;
pub mod views;

pub use routes::router;

use crate::app::AppState;
use queries::Release;

/// The purpose of a stored feedback recording or file: only its student (once released)
/// and the teaching team may fetch it.
pub const PURPOSE: &str = "feedback";

/// Release drafts and tell each student, in one transaction: the notification (and with
/// it the email, as the student's preferences say) and the contact in the ledger go with
/// the release or not at all. Returns how many were released.
pub async fn release(state: &AppState, course_id: i64, which: Release) -> Result<usize, sea_orm::DbErr> {
    use sea_orm::TransactionTrait;
    let txn = state.db.begin().await?;
    let n = release_in(&txn, course_id, which, crate::time::now_ms()).await?;
    txn.commit().await?;
    Ok(n)
}

/// [`release`] inside the caller's transaction (the demo seeds through it too).
pub async fn release_in(
    db: &impl sea_orm::ConnectionTrait,
    course_id: i64,
    which: Release,
    now: i64,
) -> Result<usize, sea_orm::DbErr> {
    let released = queries::release(db, which, now).await?;
    for f in &released {
        let link = routes::link(course_id, f.id);
        if let Some(giver) = f.giver_id {
            crate::notifications::events::feedback(db, course_id, f.student_id, giver, &f.about, &link).await?;
        }
    }
    if let Some(first) = released.first() {
        crate::presence::request_refresh(db, course_id, &format!("feedback-{now}-{}", first.id), now).await?;
    }
    Ok(released.len())
}
