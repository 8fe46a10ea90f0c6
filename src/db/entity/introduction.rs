use sea_orm::entity::prelude::*;

/// A member introducing themselves in one course.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "introductions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub user_id: i64,
    pub body: String,
    pub photo_id: Option<i64>,
    /// A voice or video clip.
    pub clip_id: Option<i64>,
    /// Transcript or captions of the clip.
    pub transcript: String,
    /// The teaching team's introductions are pinned to the top.
    pub pinned: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
