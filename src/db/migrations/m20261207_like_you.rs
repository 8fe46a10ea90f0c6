//! Classmates like you: a student's opt-in to see their own suggestions (off unless they
//! turn it on), and the partner pairings a tutor makes from a suggestion, which the
//! radar, the class graph and the next suggestions count as a meeting.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{Index, Table};

use super::*;

pub(super) struct M20261207LikeYou;

impl MigrationName for M20261207LikeYou {
    fn name(&self) -> &str {
        "m20261207_000002_like_you"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207LikeYou {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("like_you_optins")
                .col(id())
                .col(reference("course_id"))
                .col(reference("user_id"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("like_you_optins", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("like_you_optins", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("like_you_optins_person")
                .table("like_you_optins")
                .col("course_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("like_you_pairings")
                .col(id())
                .col(reference("course_id"))
                // The smaller id first, so a pair is one row whichever way it was made.
                .col(reference("a_id"))
                .col(reference("b_id"))
                .col(ColumnDef::new("created_by").big_integer().null().to_owned())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("like_you_pairings", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("like_you_pairings", "a_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("like_you_pairings", "b_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("like_you_pairings", "created_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("like_you_pairings_pair")
                .table("like_you_pairings")
                .col("course_id")
                .col("a_id")
                .col("b_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("like_you_pairings_b").table("like_you_pairings").col("b_id").to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("like_you_pairings").to_owned()).await?;
        m.drop_table(Table::drop().table("like_you_optins").to_owned()).await
    }
}
