//! Personalised messages: saved templates, sends (a message composed once, with its
//! recipients condition, status and schedule) and one row per recipient with the text
//! rendered for them and what became of it (the conversation message, the email).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261207Personal;

impl MigrationName for M20261207Personal {
    fn name(&self) -> &str {
        "m20261207_000001_personal"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Personal {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("personal_templates")
                .col(id())
                .col(reference("course_id"))
                .col(reference("author_id"))
                .col(text("name"))
                .col(text("subject"))
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("personal_templates", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("personal_templates", "author_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("personal_templates_course").table("personal_templates").col("course_id").to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("personal_sends")
                .col(id())
                .col(reference("course_id"))
                .col(reference("sender_id"))
                .col(text("subject"))
                .col(ColumnDef::new("body").text().not_null())
                // "chosen" (ids from the radar or the list) or "condition".
                .col(text("who"))
                .col(text("condition"))
                // draft, scheduled, sending, sent, cancelled
                .col(text("status"))
                .col(instant_null("send_at"))
                .col(instant_null("sent_at"))
                .col(ColumnDef::new("total").integer().not_null())
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("personal_sends", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("personal_sends", "sender_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("personal_sends_course")
                .table("personal_sends")
                .col("course_id")
                .col("created_at")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("personal_recipients")
                .col(id())
                .col(reference("send_id"))
                .col(reference("student_id"))
                // The student's name when the message was composed: the preview's order.
                .col(text("name"))
                // The message with merge fields blanked: equal for the same branches.
                .col(ColumnDef::new("variant").text().not_null())
                .col(text("subject"))
                // Markdown for the in-app message, plain text for the email.
                .col(ColumnDef::new("body").text().not_null())
                .col(ColumnDef::new("body_text").text().not_null())
                .col(ColumnDef::new("conversation_id").big_integer().null())
                .col(ColumnDef::new("message_id").big_integer().null())
                .col(ColumnDef::new("email_id").big_integer().null())
                // Why nothing went to this person (they blocked the sender, left ...).
                .col(text_null("error"))
                .foreign_key(&mut fk(("personal_recipients", "send_id"), "personal_sends", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("personal_recipients", "student_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("personal_recipients_send")
                .table("personal_recipients")
                .col("send_id")
                .col("student_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("personal_recipients_name")
                .table("personal_recipients")
                .col("send_id")
                .col("name")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("personal_recipients_student")
                .table("personal_recipients")
                .col("student_id")
                .to_owned(),
        )
        .await
    }
}
