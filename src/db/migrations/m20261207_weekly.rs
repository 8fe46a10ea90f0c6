//! The tutor's weekly message: one per course and week (the week's Monday at midnight in
//! the course's zone, as an instant), with its recording, transcript and short text; the
//! class's reactions (one of each emoji per person) and replies under it
//! (docs/decisions/0030).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261207Weekly;

impl MigrationName for M20261207Weekly {
    fn name(&self) -> &str {
        "m20261207_000002_weekly"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Weekly {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("weekly_messages")
                .col(id())
                .col(reference("course_id"))
                .col(reference("author_id"))
                // Monday 00:00 in the course's zone, UTC ms: the week the message is for.
                .col(instant("week_start"))
                // "2026-W49", for links and the export.
                .col(text("week_key"))
                .col(text("title"))
                // voice or video
                .col(text("kind"))
                .col(ColumnDef::new("media_id").big_integer().null())
                .col(ColumnDef::new("transcript").text().not_null())
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("weekly_messages", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("weekly_messages", "author_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("weekly_messages", "media_id"), "media", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        // One message per course and week; also the keyset of the list of past weeks.
        m.create_index(
            Index::create()
                .name("weekly_messages_week")
                .table("weekly_messages")
                .col("course_id")
                .col("week_start")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("weekly_messages_author").table("weekly_messages").col("author_id").to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("weekly_reactions")
                .col(id())
                .col(reference("message_id"))
                .col(reference("user_id"))
                .col(text("emoji"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("weekly_reactions", "message_id"), "weekly_messages", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("weekly_reactions", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("weekly_reactions_one")
                .table("weekly_reactions")
                .col("message_id")
                .col("user_id")
                .col("emoji")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("weekly_reactions_user").table("weekly_reactions").col("user_id").to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("weekly_replies")
                .col(id())
                .col(reference("message_id"))
                // NULL once the writer is erased (the reply stays without their name).
                .col(ColumnDef::new("user_id").big_integer().null())
                // The reply this one answers (a tutor answering a student), if any.
                .col(ColumnDef::new("parent_id").big_integer().null())
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("weekly_replies", "message_id"), "weekly_messages", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("weekly_replies", "user_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("weekly_replies_page")
                .table("weekly_replies")
                .col("message_id")
                .col("created_at")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("weekly_replies_user").table("weekly_replies").col("user_id").to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["weekly_replies", "weekly_reactions", "weekly_messages"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
