//! Members have a state: invited (not joined yet), active, or inactive (left, or removed
//! from the institution's roster). Invitees are members everywhere they need to be found
//! (the members page, reminders to join) and nowhere they would be counted as students
//! who have not done something, or planned into groups.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ColumnDef, Index, Query, Table};

pub(super) struct M20261206MembershipState;

impl MigrationName for M20261206MembershipState {
    fn name(&self) -> &str {
        "m20261206_membership_state"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261206MembershipState {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("memberships")
                .add_column(ColumnDef::new("state").string().not_null().default("active"))
                .to_owned(),
        )
        .await?;
        // Everyone who has not chosen a password yet was invited and has not joined.
        let no_password =
            Query::select().column("id").from("users").and_where(Expr::col("password_hash").is_null()).to_owned();
        m.exec_stmt(
            Query::update()
                .table("memberships")
                .value("state", "invited")
                .and_where(Expr::col("user_id").in_subquery(no_password))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("memberships_course_state")
                .table("memberships")
                .col("course_id")
                .col("state")
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
