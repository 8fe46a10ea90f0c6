//! LTI, the last pieces of issue 15: the picture an LMS offers for a person (fetched by a
//! job into their profile photo when they have none), and a platform's own audience for
//! the client assertion at its token endpoint (Brightspace names one that is not the
//! endpoint's address).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::Table;

use super::text_null;

pub(super) struct M20261207Lti3;

impl MigrationName for M20261207Lti3 {
    fn name(&self) -> &str {
        "m20261207_lti3"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Lti3 {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // The address the LMS last offered; a new one is fetched once (see lti::picture).
        m.alter_table(Table::alter().table("lti_accounts").add_column(text_null("picture_url")).to_owned()).await?;
        m.alter_table(Table::alter().table("lti_platforms").add_column(text_null("token_audience")).to_owned()).await?;
        Ok(())
    }
}
