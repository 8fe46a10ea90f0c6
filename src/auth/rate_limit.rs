//! Sign-in rate limits: a few wrong passwords per account, and more per address, in a
//! short window; past them, HTTP 429 until the window has moved on. Counted in the
//! database so that every replica sees the same attempts.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::db::entity::sign_in_failure;
use crate::time::now_ms;

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
pub const PER_ACCOUNT: u64 = 5;
pub const PER_ADDRESS: u64 = 30;

/// The rule itself, apart from the counting.
pub fn blocked(account_failures: u64, address_failures: u64) -> bool {
    account_failures >= PER_ACCOUNT || address_failures >= PER_ADDRESS
}

pub async fn is_blocked(db: &impl ConnectionTrait, email: &str, ip: &str) -> Result<bool, DbErr> {
    let since = now_ms() - WINDOW_MS;
    let by_account = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Email.eq(email))
        .filter(sign_in_failure::Column::At.gt(since))
        .count(db)
        .await?;
    let by_address = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Ip.eq(ip))
        .filter(sign_in_failure::Column::At.gt(since))
        .count(db)
        .await?;
    Ok(blocked(by_account, by_address))
}

pub async fn record_failure(db: &impl ConnectionTrait, email: &str, ip: &str) -> Result<(), DbErr> {
    let now = now_ms();
    // Old rows are useless; clearing them here keeps the table small without a job.
    sign_in_failure::Entity::delete_many().filter(sign_in_failure::Column::At.lt(now - WINDOW_MS)).exec(db).await?;
    sign_in_failure::ActiveModel {
        email: Set(email.chars().take(254).collect()),
        ip: Set(ip.to_string()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A successful sign-in forgives the account's earlier mistakes.
pub async fn clear(db: &impl ConnectionTrait, email: &str) -> Result<(), DbErr> {
    sign_in_failure::Entity::delete_many().filter(sign_in_failure::Column::Email.eq(email)).exec(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert!(!blocked(0, 0));
        assert!(!blocked(PER_ACCOUNT - 1, PER_ADDRESS - 1));
        assert!(blocked(PER_ACCOUNT, 0));
        assert!(blocked(0, PER_ADDRESS));
    }
}
