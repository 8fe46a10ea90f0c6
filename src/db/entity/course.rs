use sea_orm::entity::prelude::*;

/// A course: the place where a class gets to know each other.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "courses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub description: String,
    /// YYYY-MM-DD in the course's time zone.
    pub start_date: String,
    pub time_zone: String,
    /// "face_to_face", "live_online" or "asynchronous": shapes the start-up kit.
    pub start_mode: String,
    /// The code in the join link; `None` until the tutor creates one.
    #[sea_orm(unique)]
    pub join_code: Option<String>,
    pub join_enabled: bool,
    pub created_by: Option<i64>,
    pub created_at: i64,
    /// When a tutor or admin archived it: read-only for everyone, still visible to members.
    pub archived_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
