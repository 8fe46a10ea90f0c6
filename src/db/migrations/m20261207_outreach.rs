//! The outreach queue and the rest of tutor presence: each course's outreach settings
//! (the rhythm, how students are shared among the teaching team, what TAs may see, the
//! "we usually answer within" line), the students given to a member of staff by hand,
//! the radar rows' owner and place in the queue, and the cached class graph and
//! response-time figures that the refresh job draws so pages only read them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_outreach"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("outreach_settings")
                .col(id())
                .col(reference("course_id").unique_key())
                // Every student hears from one of the team at least every N days.
                .col(ColumnDef::new("rhythm_days").integer().not_null())
                // "round-robin", "group" or "hand".
                .col(text("sharing"))
                // TAs see the radar, notes and class graph (tutors always do).
                .col(ColumnDef::new("ta_insight").boolean().not_null())
                // Students see "we usually answer within …" on the Q&A space.
                .col(ColumnDef::new("answer_line").boolean().not_null())
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("outreach_settings", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("outreach_assignments")
                .col(id())
                .col(reference("course_id"))
                .col(reference("student_id"))
                .col(reference("staff_id"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("outreach_assignments", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("outreach_assignments", "student_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("outreach_assignments", "staff_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("outreach_assignments_student")
                .table("outreach_assignments")
                .col("course_id")
                .col("student_id")
                .unique()
                .to_owned(),
        )
        .await?;

        // One column per statement: SQLite adds columns one at a time.
        m.alter_table(
            Table::alter()
                .table("radar_rows")
                .add_column(ColumnDef::new("owner_id").big_integer().null().to_owned())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("radar_rows")
                .add_column(ColumnDef::new("due_at").big_integer().not_null().default(0).to_owned())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("radar_rows")
                .add_column(ColumnDef::new("queue_order").big_integer().not_null().default(0).to_owned())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("radar_rows_queue")
                .table("radar_rows")
                .col("course_id")
                .col("owner_id")
                .col("queue_order")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("presence_caches")
                .col(id())
                .col(reference("course_id"))
                // "graph:<period>:<kind>" or "response-times".
                .col(text("key"))
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("computed_at"))
                .foreign_key(&mut fk(("presence_caches", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("presence_caches_key")
                .table("presence_caches")
                .col("course_id")
                .col("key")
                .unique()
                .to_owned(),
        )
        .await
    }
}
