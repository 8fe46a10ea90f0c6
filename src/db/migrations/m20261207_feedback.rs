//! Feedback: assignments the course names (title and due date), feedback from a member
//! of the teaching team to one student on something of theirs (text, a recording with
//! its transcript, or a file), drafted and released, and the thread of replies under it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261207Feedback;

impl MigrationName for M20261207Feedback {
    fn name(&self) -> &str {
        "m20261207_000001_feedback"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Feedback {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("feedback_assignments")
                .col(id())
                .col(reference("course_id"))
                .col(text("title"))
                .col(instant("due_at"))
                .col(ColumnDef::new("created_by").big_integer().null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("feedback_assignments", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("feedback_assignments", "created_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("feedback_assignments_course")
                .table("feedback_assignments")
                .col("course_id")
                .col("due_at")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("feedback")
                .col(id())
                .col(reference("course_id"))
                .col(reference("student_id"))
                // NULL once the giver's account is erased: the student keeps the feedback.
                .col(ColumnDef::new("giver_id").big_integer().null())
                // post, introduction, file, assignment
                .col(text("target"))
                .col(ColumnDef::new("target_id").big_integer().not_null())
                .col(ColumnDef::new("assignment_id").big_integer().null())
                // A few words naming what the feedback is on, kept when the item goes.
                .col(text("about"))
                // text, voice, video, file
                .col(text("kind"))
                // The written feedback, or the transcript / summary of a recording.
                .col(ColumnDef::new("body").text().not_null())
                .col(ColumnDef::new("media_id").big_integer().null())
                // draft, released
                .col(text("status"))
                // When the student handed the thing in (or the assignment was due): the
                // start of the turnaround.
                .col(instant("since_at"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .col(instant_null("released_at"))
                .col(instant_null("read_at"))
                .foreign_key(&mut fk(("feedback", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("feedback", "student_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("feedback", "giver_id"), "users", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk(("feedback", "assignment_id"), "feedback_assignments", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("feedback", "media_id"), "media", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        // The student's inbox: their released feedback, newest first.
        m.create_index(
            Index::create()
                .name("feedback_inbox")
                .table("feedback")
                .col("student_id")
                .col("course_id")
                .col("released_at")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("feedback_assignment")
                .table("feedback")
                .col("assignment_id")
                .col("student_id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("feedback_course").table("feedback").col("course_id").col("created_at").to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("feedback_target").table("feedback").col("target").col("target_id").to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("feedback_replies")
                .col(id())
                .col(reference("feedback_id"))
                // NULL once the writer's account is erased.
                .col(ColumnDef::new("user_id").big_integer().null())
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("feedback_replies", "feedback_id"), "feedback", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("feedback_replies", "user_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("feedback_replies_feedback").table("feedback_replies").col("feedback_id").to_owned(),
        )
        .await?;
        Ok(())
    }
}
