use sea_orm::entity::prelude::*;

/// One occurrence of an informal meet-up (a weekly one is several rows with one series).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub title: String,
    pub kind: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub time_zone: String,
    pub place: String,
    pub host_id: Option<i64>,
    pub series: String,
    #[sea_orm(unique)]
    pub uid: String,
    pub note: Option<String>,
    pub note_by: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
