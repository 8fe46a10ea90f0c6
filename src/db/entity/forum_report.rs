use sea_orm::entity::prelude::*;

/// A report of a post to the teaching team, with the reporter's reason.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub post_id: i64,
    pub course_id: i64,
    pub reporter_id: i64,
    pub reason: String,
    pub status: String,
    pub created_at: i64,
    pub resolved_by: Option<i64>,
    pub resolved_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
