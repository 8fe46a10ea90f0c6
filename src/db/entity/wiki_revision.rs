use sea_orm::entity::prelude::*;

/// One saved version of a wiki page; never changed once written.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wiki_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub page_id: i64,
    pub number: i32,
    pub title: String,
    pub body: String,
    /// `None` once the author has been erased: the class keeps the text.
    pub author_id: Option<i64>,
    /// e.g. "restored revision 3"; empty for ordinary edits.
    pub note: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
