//! One-to-one check-ins: what each member of staff offers (weekly windows in their own
//! zone, exceptions, length, buffers, notice, horizon, limits, a link or place), the
//! bookings themselves, and each person's secret calendar-feed address. Emails may carry
//! an iCalendar invitation.
//!
//! A booking holds a seat of one slot: the unique (staff, start, seat) index is what makes
//! it impossible for two people to take the same place, whatever the timing (the route
//! inserts with ON CONFLICT DO NOTHING and tells the loser the slot is gone). A cancelled
//! or moved booking gives its seat back by setting it to NULL (NULLs never collide).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_human"
    }
}

fn int(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("booking_offers")
                .col(id())
                .col(reference("course_id"))
                .col(reference("staff_id"))
                .col(text("time_zone"))
                // One line per window: "4 13:00-16:00" (ISO weekday, local times).
                .col(ColumnDef::new("windows").text().not_null())
                // One line per date: "2026-12-24 closed" or "2026-12-23 10:00-12:00".
                .col(ColumnDef::new("exceptions").text().not_null())
                .col(int("length_minutes"))
                .col(int("buffer_before_minutes"))
                .col(int("buffer_after_minutes"))
                .col(int("notice_minutes"))
                .col(int("horizon_days"))
                .col(ColumnDef::new("per_day").integer().null())
                .col(ColumnDef::new("per_week").integer().null())
                .col(int("capacity"))
                .col(int("cutoff_minutes"))
                .col(text("place"))
                .col(ColumnDef::new("open").boolean().not_null())
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("booking_offers", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("booking_offers", "staff_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("booking_offers_staff")
                .table("booking_offers")
                .col("course_id")
                .col("staff_id")
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("bookings")
                .col(id())
                .col(reference("course_id"))
                .col(reference("staff_id"))
                .col(reference("student_id"))
                .col(instant("starts_at"))
                .col(instant("ends_at"))
                // NULL once cancelled or moved: the place is free again.
                .col(ColumnDef::new("seat").integer().null())
                .col(ColumnDef::new("topic").text().not_null())
                // booked, cancelled, moved
                .col(text("status"))
                // The iCalendar UID, kept when the meeting moves; SEQUENCE counts changes.
                .col(text("uid"))
                .col(int("sequence"))
                .col(text("place"))
                // The staff member's own words after the meeting; never shown to the student.
                .col(ColumnDef::new("note").text().null())
                .col(text_null("follow_up"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("bookings", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("bookings", "staff_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("bookings", "student_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("bookings_seat")
                .table("bookings")
                .col("staff_id")
                .col("starts_at")
                .col("seat")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("bookings_student").table("bookings").col("student_id").col("starts_at").to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("bookings_course")
                .table("bookings")
                .col("course_id")
                .col("staff_id")
                .col("starts_at")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("booking_feeds")
                .col(id())
                .col(ColumnDef::new("user_id").big_integer().not_null().unique_key())
                .col(text("token").unique_key())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("booking_feeds", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        // An invitation travels with its email: "REQUEST" or "CANCEL" and the calendar.
        m.alter_table(Table::alter().table("emails").add_column(ColumnDef::new("calendar").text().null()).to_owned())
            .await?;
        Ok(())
    }
}
