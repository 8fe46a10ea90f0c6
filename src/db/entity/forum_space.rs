use sea_orm::entity::prelude::*;

/// A place for conversation in a course: a discussion forum, Q&A, coffee shop or announcements.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_spaces")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub kind: String,
    pub title: String,
    pub about: String,
    pub position: i32,
    pub archived: bool,
    pub default_key: Option<String>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
