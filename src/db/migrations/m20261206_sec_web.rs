//! Browser defences: the server's own secrets (the key that binds CSRF tokens to
//! sessions), made on first start and shared by every replica through the database.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::Table;

use super::*;

pub(super) struct M20261206SiteSecrets;

impl MigrationName for M20261206SiteSecrets {
    fn name(&self) -> &str {
        "m20261206_000001_site_secrets"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261206SiteSecrets {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("site_secrets")
                .col(id())
                .col(text("name").unique_key())
                .col(text("value"))
                .col(instant("created_at"))
                .to_owned(),
        )
        .await
    }
}
