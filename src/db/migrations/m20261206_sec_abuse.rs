//! Abuse limits: fixed-window hit counters for the rate limits on everything a person can
//! repeat (posting, messages, invitations, resets, uploads, search, shout-outs).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ColumnDef, Index, Table};

use super::*;

pub(super) struct M20261206RateCounters;

impl MigrationName for M20261206RateCounters {
    fn name(&self) -> &str {
        "m20261206_000001_rate_counters"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261206RateCounters {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One row per (action, subject, window): a check is one upsert on the primary key.
        // The subject is a digest of "who" (an account or a network address), never the
        // address itself; rows are pruned once their window has passed.
        m.create_table(
            Table::create()
                .table("rate_counters")
                .col(text("action"))
                .col(text("subject"))
                .col(instant("window_start"))
                .col(ColumnDef::new("hits").big_integer().not_null())
                .col(instant("expires_at"))
                .primary_key(Index::create().col("action").col("subject").col("window_start"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("rate_counters_expires").table("rate_counters").col("expires_at").to_owned(),
        )
        .await?;
        Ok(())
    }
}
