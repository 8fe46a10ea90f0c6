use sea_orm::entity::prelude::*;

/// A thread in a space; its opening post is the first of its posts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_threads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub space_id: i64,
    pub course_id: i64,
    pub author_id: Option<i64>,
    pub title: String,
    pub pinned: bool,
    pub locked: bool,
    pub answer_post_id: Option<i64>,
    pub reply_count: i32,
    pub created_at: i64,
    pub last_post_at: i64,
    /// The newest post that stands (not deleted or hidden); what unread markers compare.
    pub last_post_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
