use sea_orm::entity::prelude::*;

/// The tutor's written expectations of a course: how to take part, response times,
/// what students can expect of the tutor. Pinned on the course home.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expectations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub course_id: i64,
    /// Markdown.
    pub body: String,
    /// Goes up with each save, so "I have read this" can refer to a version.
    pub version: i32,
    pub updated_by: Option<i64>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
