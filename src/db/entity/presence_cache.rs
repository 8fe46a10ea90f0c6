use sea_orm::entity::prelude::*;

/// Class-sized work drawn by the refresh job (the class graph, response-time figures),
/// kept so a page only reads it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "presence_caches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub key: String,
    pub body: String,
    pub computed_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
