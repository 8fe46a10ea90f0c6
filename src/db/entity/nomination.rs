use sea_orm::entity::prelude::*;

/// A nomination for Win of the Week; `week` is the ISO week in the course's zone, e.g. "2026-W48".
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "nominations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub week: String,
    pub nominee_id: i64,
    pub nominator_id: Option<i64>,
    pub reason: String,
    pub featured: bool,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
