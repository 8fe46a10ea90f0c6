//! Informal meet-ups: one row per occurrence (a weekly meet-up is several rows sharing a
//! series token), with its optional student host and its "how it went" note; one answer
//! per person and meet-up. Booking turns: one counter row per member of staff that every booking of theirs
//! updates first, so two bookings for the same person take turns and the per-day and
//! per-week limits are checked against what is really booked (docs/decisions/0026).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261207Meetups;

impl MigrationName for M20261207Meetups {
    fn name(&self) -> &str {
        "m20261207_000001_meetups"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Meetups {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("booking_turns")
                .col(ColumnDef::new("staff_id").big_integer().not_null().primary_key())
                .col(ColumnDef::new("turns").big_integer().not_null())
                .foreign_key(&mut fk(("booking_turns", "staff_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("meetups")
                .col(id())
                .col(reference("course_id"))
                .col(text("title"))
                // lunch, lounge, game-night, fun-friday, other
                .col(text("kind"))
                .col(instant("starts_at"))
                .col(instant("ends_at"))
                // The course's zone when it was planned: the invitation's VTIMEZONE.
                .col(text("time_zone"))
                .col(text("place"))
                .col(ColumnDef::new("host_id").big_integer().null())
                .col(text("series"))
                .col(ColumnDef::new("uid").string().not_null().unique_key())
                .col(ColumnDef::new("note").text().null())
                .col(ColumnDef::new("note_by").big_integer().null())
                .col(ColumnDef::new("created_by").big_integer().null())
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("meetups", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("meetups", "host_id"), "users", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk(("meetups", "note_by"), "users", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk(("meetups", "created_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("meetups_course_start")
                .table("meetups")
                .col("course_id")
                .col("starts_at")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("meetup_rsvps")
                .col(id())
                .col(reference("meetup_id"))
                .col(reference("user_id"))
                // yes, maybe, no
                .col(text("answer"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("meetup_rsvps", "meetup_id"), "meetups", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("meetup_rsvps", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("meetup_rsvps_one")
                .table("meetup_rsvps")
                .col("meetup_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("meetup_rsvps_answer")
                .table("meetup_rsvps")
                .col("meetup_id")
                .col("answer")
                .col("updated_at")
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["meetup_rsvps", "meetups", "booking_turns"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
