//! Issue 9, a fixed cost per request: the header's unread-notification badge and the
//! pruning of old read notifications each read an index made for them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::Index;

pub(super) struct M20261206ScaleBudget;

impl MigrationName for M20261206ScaleBudget {
    fn name(&self) -> &str {
        "m20261206_000001_scale_budget"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261206ScaleBudget {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Every signed-in page counts `user_id = ? AND read_at IS NULL`: with `read_at` in
        // the index the count never visits a person's read notifications or their rows.
        m.create_index(
            Index::create()
                .name("notifications_user_read")
                .table("notifications")
                .col("user_id")
                .col("read_at")
                .to_owned(),
        )
        .await?;
        // The daily prune deletes read notifications older than a cutoff.
        m.create_index(Index::create().name("notifications_read_at").table("notifications").col("read_at").to_owned())
            .await?;
        Ok(())
    }
}
