use sea_orm::entity::prelude::*;

/// One recurring moment of the course's week ("Our week"), in the course's time zone.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "routine_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub weekday: i32,
    pub start_minute: i32,
    pub duration_minutes: i32,
    pub title: String,
    pub kind: String,
    pub location: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
