use sea_orm::entity::prelude::*;

/// The radar's cached facts and signals for one student in one course.
/// Serialize: the refresh sends the class's rows as one JSON value (`presence::rows`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
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
    /// Whose outreach queue the student is in.
    pub owner_id: Option<i64>,
    /// When the rhythm says the student should next hear from the team.
    pub due_at: i64,
    /// The queue's order as one key: students showing a signal first (negative keys),
    /// then by `due_at` (see `homeroom_presence::outreach::queue_order`).
    pub queue_order: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
