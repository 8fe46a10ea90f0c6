use sea_orm::entity::prelude::*;

/// A page of the course's "About the class" wiki.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wiki_pages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub slug: String,
    pub title: String,
    /// Markdown; rendered through `markdown::to_html`.
    pub body: String,
    /// The latest revision's number.
    pub revision: i32,
    /// Locked pages are edited by the teaching team only.
    pub locked: bool,
    pub updated_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
