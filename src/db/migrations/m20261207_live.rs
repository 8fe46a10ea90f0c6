//! Live sessions: the session (planned, running, ended) with its event counter, the
//! agenda of steps, each participant's current answer per step (one row, so a retried
//! answer replaces instead of adding), and who came.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261207Live;

impl MigrationName for M20261207Live {
    fn name(&self) -> &str {
        "m20261207_000001_live"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Live {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("live_sessions")
                .col(id())
                .col(reference("course_id"))
                .col(text("title"))
                .col(instant("starts_at"))
                .col(text("video_url"))
                // planned, running, ended
                .col(text("state"))
                // The step on every screen now (None: the lobby).
                .col(ColumnDef::new("step_id").big_integer().null())
                // The last event's sequence number: bumped with every change, under the
                // row's lock, so replicas agree on one order.
                .col(ColumnDef::new("seq").big_integer().not_null().default(0))
                // Whether the teaching team may see each person's mood (off: only the
                // distribution).
                .col(ColumnDef::new("mood_named").boolean().not_null().default(false))
                .col(ColumnDef::new("notes").text().not_null().default(""))
                .col(ColumnDef::new("created_by").big_integer().null())
                .col(instant("created_at"))
                .col(instant_null("started_at"))
                .col(instant_null("ended_at"))
                .foreign_key(&mut fk(("live_sessions", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_sessions", "created_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("live_sessions_course")
                .table("live_sessions")
                .col("course_id")
                .col("starts_at")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("live_steps")
                .col(id())
                .col(reference("session_id"))
                .col(ColumnDef::new("position").integer().not_null())
                // checkin, mood, poll, together
                .col(text("kind"))
                .col(ColumnDef::new("prompt").text().not_null())
                // A poll's options, JSON array of strings.
                .col(ColumnDef::new("options").text().not_null().default("[]"))
                .col(ColumnDef::new("max_answers").integer().not_null().default(1))
                .col(ColumnDef::new("multiple").boolean().not_null().default(false))
                .col(ColumnDef::new("anonymous").boolean().not_null().default(true))
                .col(ColumnDef::new("show_names").boolean().not_null().default(false))
                .col(ColumnDef::new("revealed").boolean().not_null().default(false))
                // Words the tutor hid from the cloud, JSON array of keys.
                .col(ColumnDef::new("hidden_words").text().not_null().default("[]"))
                .col(instant_null("opened_at"))
                .foreign_key(&mut fk(("live_steps", "session_id"), "live_sessions", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("live_steps_session").table("live_steps").col("session_id").col("position").to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("live_answers")
                .col(id())
                .col(reference("step_id"))
                .col(reference("session_id"))
                .col(reference("user_id"))
                // check-in: JSON array of words; poll: JSON array of option numbers;
                // mood: {"mood": 1..5, "word": "..."}.
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("live_answers", "step_id"), "live_steps", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_answers", "session_id"), "live_sessions", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_answers", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("live_answers_one")
                .table("live_answers")
                .col("step_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("live_answers_user").table("live_answers").col("user_id").to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table("live_attendance")
                .col(id())
                .col(reference("session_id"))
                .col(reference("user_id"))
                .col(instant("first_seen"))
                .col(instant("last_seen"))
                // Open sockets now, over all replicas.
                .col(ColumnDef::new("connections").integer().not_null().default(0))
                .foreign_key(&mut fk(("live_attendance", "session_id"), "live_sessions", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("live_attendance", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("live_attendance_one")
                .table("live_attendance")
                .col("session_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("live_attendance_user").table("live_attendance").col("user_id").to_owned())
            .await?;
        Ok(())
    }
}
