use sea_orm::entity::prelude::*;

/// A member's reflection. Their group reads it; the teaching team sees only that it
/// exists, unless the writer shares it with them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkin_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub checkin_id: i64,
    pub user_id: i64,
    pub body: String,
    pub shared_with_tutors: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
