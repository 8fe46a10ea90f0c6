use sea_orm::entity::prelude::*;

/// One occurrence of a scheduled post that went out, and the thread it became. Unique
/// per `(schedule_id, occurrence_at)`: a second run of the same occurrence finds it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scheduled_post_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub schedule_id: i64,
    pub occurrence_at: i64,
    pub thread_id: i64,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
