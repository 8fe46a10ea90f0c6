//! Group rounds get a date and time and an optional video link, so that a student's
//! "your group this week" says when and where the group meets.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::Table;

use super::{instant_null, text_null};

pub(super) struct M20261206TrustUx;

impl MigrationName for M20261206TrustUx {
    fn name(&self) -> &str {
        "m20261206_trust_ux"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261206TrustUx {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        m.alter_table(Table::alter().table("group_rounds").add_column(instant_null("starts_at")).to_owned()).await?;
        m.alter_table(Table::alter().table("group_rounds").add_column(text_null("video_link")).to_owned()).await?;
        Ok(())
    }
}
