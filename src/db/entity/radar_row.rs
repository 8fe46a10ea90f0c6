use sea_orm::entity::prelude::*;

/// The radar's cached facts and signals for one student in one course.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "radar_rows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub student_id: i64,
    pub name: String,
    pub last_contact_at: i64,
    pub last_contact_by: Option<i64>,
    pub last_activity_at: i64,
    pub posts: i32,
    pub peers: i32,
    pub recent_peers: i32,
    pub introduced: bool,
    pub survey_done: bool,
    pub signal_keys: String,
    pub signals: String,
    pub refreshed_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
