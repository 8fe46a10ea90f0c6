//! Notifications that help (issue 11): a grouped notification counts the events it
//! stands for, remembers the thread and space it is about (so a mute can silence what is
//! still waiting), and people follow or mute threads and spaces.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261207Notify;

impl MigrationName for M20261207Notify {
    fn name(&self) -> &str {
        "m20261207_000001_notify"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Notify {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        let add = |col: ColumnDef| Table::alter().table("notifications").add_column(col).to_owned();
        // "reply:/courses/3/threads/9": events with the same key collapse into one row
        // while it is unread and not yet emailed. NULL for kinds that never group.
        m.alter_table(add(text_null("group_key"))).await?;
        // How many events the row stands for (1 for most).
        m.alter_table(add(ColumnDef::new("events").integer().not_null().default(1).to_owned())).await?;
        m.alter_table(add(ColumnDef::new("thread_id").big_integer().null().to_owned())).await?;
        m.alter_table(add(ColumnDef::new("space_id").big_integer().null().to_owned())).await?;
        // Finding the open row of a group: one person, one key.
        m.create_index(
            Index::create()
                .name("notifications_user_group")
                .table("notifications")
                .col("user_id")
                .col("group_key")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("notification_subscriptions")
                .col(id())
                .col(reference("user_id"))
                .col(reference("course_id"))
                // "thread" or "space"
                .col(text("target"))
                .col(reference("target_id"))
                // "follow" or "mute"
                .col(text("mode"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("notification_subscriptions", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("notification_subscriptions", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        // One choice per person and thing; also the lookup of a page's own button.
        m.create_index(
            Index::create()
                .name("notification_subscriptions_one")
                .table("notification_subscriptions")
                .col("user_id")
                .col("target")
                .col("target_id")
                .unique()
                .to_owned(),
        )
        .await?;
        // Who follows or mutes a thread or space, when a reply is written.
        m.create_index(
            Index::create()
                .name("notification_subscriptions_target")
                .table("notification_subscriptions")
                .col("target")
                .col("target_id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
