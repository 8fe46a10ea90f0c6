//! Site administration and the lifecycle of courses and accounts: a course can be archived
//! (read-only, still visible to its members), a person can be deactivated (cannot sign in),
//! a site admin's visits to courses they are not in are logged, and people can ask for
//! their own erasure, which waits out a grace period they can cancel.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ForeignKeyAction, Index, Table};

use super::{fk, id, instant, instant_null, reference, text};

pub(super) struct M20261206TrustAdmin;

impl MigrationName for M20261206TrustAdmin {
    fn name(&self) -> &str {
        "m20261206_trust_admin"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261206TrustAdmin {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        m.alter_table(Table::alter().table("courses").add_column(instant_null("archived_at")).to_owned()).await?;
        m.alter_table(Table::alter().table("users").add_column(instant_null("deactivated_at")).to_owned()).await?;

        // Who looked at which course without being in it, newest first on the admin pages.
        m.create_table(
            Table::create()
                .table("admin_access_log")
                .col(id())
                .col(reference("admin_id"))
                .col(reference("course_id"))
                .col(text("method"))
                .col(text("path"))
                .col(instant("at"))
                .foreign_key(&mut fk(("admin_access_log", "admin_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("admin_access_log", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("admin_access_log_course").table("admin_access_log").col("course_id").to_owned(),
        )
        .await?;

        // A person's own request to be erased: confirmed by a link in an email, carried out
        // by a job when the grace period ends, cancelled by them until then. One per person.
        m.create_table(
            Table::create()
                .table("erasure_requests")
                .col(id())
                .col(reference("user_id").unique_key())
                .col(text("token_hash").unique_key())
                .col(instant("requested_at"))
                .col(instant_null("confirmed_at"))
                .col(instant_null("due_at"))
                .foreign_key(&mut fk(("erasure_requests", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("erasure_requests_due").table("erasure_requests").col("due_at").to_owned())
            .await?;
        Ok(())
    }
}
