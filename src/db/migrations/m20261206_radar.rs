//! The contact ledger (every personal touch from the teaching team to one student), the
//! radar's cached rows (one per student per course, refreshed by a job so the page never
//! recomputes them), and the watermarks of the derivation job.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261206Radar;

impl MigrationName for M20261206Radar {
    fn name(&self) -> &str {
        "m20261206_000010_radar"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261206Radar {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("contacts")
                .col(id())
                .col(reference("course_id"))
                .col(reference("staff_id"))
                .col(reference("student_id"))
                // message, reply, mention, shout-out, welcome, meeting, call, email, chat, other
                .col(text("kind"))
                .col(instant("at"))
                // The teaching team's own words; never shown to the student.
                .col(ColumnDef::new("note").text().null())
                .col(text_null("follow_up"))
                // "logged" by hand or "derived" from the row `source_id` of the kind's table.
                .col(text("source"))
                .col(ColumnDef::new("source_id").big_integer().null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("contacts", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("contacts", "staff_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("contacts", "student_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        // Deriving twice records once (hand-logged rows have no source id, and NULLs
        // never collide).
        m.create_index(
            Index::create()
                .name("contacts_source")
                .table("contacts")
                .col("kind")
                .col("source_id")
                .col("student_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("contacts_student").table("contacts").col("student_id").col("at").to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("contacts_course").table("contacts").col("course_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("radar_rows")
                .col(id())
                .col(reference("course_id"))
                .col(reference("student_id"))
                .col(text("name"))
                // 0 when never: a non-null sort key keeps keyset paging simple.
                .col(instant("last_contact_at"))
                .col(ColumnDef::new("last_contact_by").big_integer().null())
                .col(instant("last_activity_at"))
                .col(ColumnDef::new("posts").integer().not_null())
                .col(ColumnDef::new("peers").integer().not_null())
                .col(ColumnDef::new("recent_peers").integer().not_null())
                .col(ColumnDef::new("introduced").boolean().not_null())
                .col(ColumnDef::new("survey_done").boolean().not_null())
                // " key key " (for a bound LIKE filter) and the signals as JSON.
                .col(text("signal_keys"))
                .col(ColumnDef::new("signals").text().not_null())
                .col(instant("refreshed_at"))
                .foreign_key(&mut fk(("radar_rows", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("radar_rows", "student_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("radar_rows_student")
                .table("radar_rows")
                .col("course_id")
                .col("student_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("radar_rows_name").table("radar_rows").col("course_id").col("name").to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("radar_watermarks")
                .col(id())
                .col(text("source").unique_key())
                .col(ColumnDef::new("last_id").big_integer().not_null())
                .to_owned(),
        )
        .await
    }
}
