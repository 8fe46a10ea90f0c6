//! Reminders a day and an hour before something starts (a check-in, a meet-up): one job
//! per reminder, queued when the thing is booked or answered, under a dedupe key naming
//! what it is about and which reminder it is, so answering twice (or two replicas) never
//! queues a second. The handler decides at run time whether there is still anything to
//! say (cancelled, changed to "no", gone): a job only carries ids.

use sea_orm::{ConnectionTrait, DbErr};

const HOUR_MS: i64 = 3_600_000;

/// Which reminders go, and how long before the start.
pub const BEFORE: [(&str, i64); 2] = [("day", 24 * HOUR_MS), ("hour", HOUR_MS)];

/// Queue the reminders of something starting at `starts_at` that are still in the
/// future: `kind` jobs with `payload` plus `"which": "day" | "hour"`, keyed
/// `{kind}:{key}:{which}`.
pub async fn plan(
    db: &impl ConnectionTrait,
    kind: &str,
    key: &str,
    payload: serde_json::Value,
    starts_at: i64,
    now: i64,
) -> Result<(), DbErr> {
    for (which, before) in BEFORE {
        let at = starts_at - before;
        if at > now {
            let mut p = payload.clone();
            p["which"] = which.into();
            super::enqueue(db, kind, &p, at, Some(&format!("{kind}:{key}:{which}"))).await?;
        }
    }
    Ok(())
}

/// Whether a reminder job's payload is the hour-before one (else the day-before one).
pub fn is_hour(payload: &serde_json::Value) -> bool {
    payload["which"] == "hour"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hour_reminder_is_told_apart() {
        assert!(is_hour(&serde_json::json!({ "which": "hour" })));
        assert!(!is_hour(&serde_json::json!({ "which": "day" })));
        assert!(BEFORE[0].1 > BEFORE[1].1);
    }
}
