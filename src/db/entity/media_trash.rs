use sea_orm::entity::prelude::*;

/// The files of a deleted media row, waiting to be removed from disk after the delete
/// committed (`crate::media::empty_trash`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "media_trash")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub storage_key: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
