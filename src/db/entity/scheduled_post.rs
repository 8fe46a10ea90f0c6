use sea_orm::entity::prelude::*;

/// A post the teaching team scheduled: once (`weekdays` 0, at `first_date` and
/// `local_time`) or weekly on the `weekdays` bits (Monday lowest) at `local_time`, in the
/// course's zone, until `until_date`. Each occurrence becomes a new thread.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scheduled_posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub space_id: i64,
    pub author_id: Option<i64>,
    pub title: String,
    pub body: String,
    pub weekdays: i32,
    /// "HH:MM" in the course's zone.
    pub local_time: String,
    /// For a one-off post: its day ("YYYY-MM-DD").
    pub first_date: Option<String>,
    pub until_date: Option<String>,
    /// Add the day of the occurrence to the title ("Weekly message – 30 Nov").
    pub date_in_title: bool,
    /// The next occurrence, while "pending".
    pub next_at: Option<i64>,
    /// "pending", "done" or "cancelled".
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
