//! Photos with a meet-up's "how it went": each a media row of the course (so only its
//! members may see it) with the alt text its uploader wrote; they go with the meet-up,
//! and with their media row when the uploader is erased.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261207MeetupPhotos;

impl MigrationName for M20261207MeetupPhotos {
    fn name(&self) -> &str {
        "m20261207_000003_meetup_photos"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207MeetupPhotos {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("meetup_photos")
                .col(id())
                .col(reference("meetup_id"))
                .col(reference("media_id"))
                .col(reference("user_id"))
                .col(text("alt"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("meetup_photos", "meetup_id"), "meetups", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("meetup_photos", "media_id"), "media", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("meetup_photos", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("meetup_photos_meetup").table("meetup_photos").col("meetup_id").col("id").to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("meetup_photos_user").table("meetup_photos").col("user_id").to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("meetup_photos").to_owned()).await
    }
}
