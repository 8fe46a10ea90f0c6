//! The media trash: the storage keys of media rows deleted in a transaction, written in
//! that same transaction, so their files are removed from disk once it has committed
//! (right after, by whoever deleted them, and by the daily prune for anything a crash
//! left behind). Decision in docs/decisions/0031-media-trash.md.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::Table;

use super::*;

pub(super) struct M20261207MediaTrash;

impl MigrationName for M20261207MediaTrash {
    fn name(&self) -> &str {
        "m20261207_000002_media_trash"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207MediaTrash {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("media_trash")
                .col(id())
                .col(text("storage_key"))
                .col(instant("created_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("media_trash").to_owned()).await
    }
}
