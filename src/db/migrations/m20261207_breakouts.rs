//! Breakouts of live sessions (#14): a breakout step's settings on `live_steps`, its
//! rooms (number, facilitator, video room), who is in each, and open "call the tutor"
//! requests (one per person and step, so asking twice changes nothing).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261207Breakouts;

impl MigrationName for M20261207Breakouts {
    fn name(&self) -> &str {
        "m20261207_000002_breakouts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Breakouts {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for col in [
            // A round of a group set to use (None: planned on the spot by the engine).
            ColumnDef::new("round_id").big_integer().null().to_owned(),
            ColumnDef::new("group_size").integer().not_null().default(4).to_owned(),
            ColumnDef::new("minutes").integer().not_null().default(10).to_owned(),
            // groups::planning::Facilitator as text.
            ColumnDef::new("facilitator").string().not_null().default("birthday").to_owned(),
            // When the rooms close (server time; the client counts down to it).
            instant_null("ends_at"),
            // The tutor's message to every room.
            ColumnDef::new("message").text().not_null().default("").to_owned(),
        ] {
            m.alter_table(Table::alter().table("live_steps").add_column(col).to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table("live_rooms")
                .col(id())
                .col(reference("step_id"))
                .col(reference("session_id"))
                .col(ColumnDef::new("number").integer().not_null())
                .col(ColumnDef::new("facilitator_id").big_integer().null())
                // A video room's name or link (a link is http(s) only).
                .col(ColumnDef::new("video").text().not_null().default(""))
                .foreign_key(&mut fk(("live_rooms", "step_id"), "live_steps", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_rooms", "session_id"), "live_sessions", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_rooms", "facilitator_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("live_rooms_one").table("live_rooms").col("step_id").col("number").unique().to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("live_rooms_session").table("live_rooms").col("session_id").to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table("live_room_members")
                .col(id())
                .col(reference("room_id"))
                .col(reference("step_id"))
                .col(reference("user_id"))
                .foreign_key(&mut fk(("live_room_members", "room_id"), "live_rooms", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_room_members", "step_id"), "live_steps", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_room_members", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("live_room_members_one")
                .table("live_room_members")
                .col("step_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("live_room_members_room").table("live_room_members").col("room_id").to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("live_room_members_user").table("live_room_members").col("user_id").to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("live_calls")
                .col(id())
                .col(reference("step_id"))
                .col(reference("session_id"))
                .col(reference("user_id"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("live_calls", "step_id"), "live_steps", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_calls", "session_id"), "live_sessions", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_calls", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("live_calls_one")
                .table("live_calls")
                .col("step_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("live_calls_user").table("live_calls").col("user_id").to_owned()).await?;
        Ok(())
    }
}
