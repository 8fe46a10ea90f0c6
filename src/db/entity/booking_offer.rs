use sea_orm::entity::prelude::*;

/// What one member of staff offers for one-to-one check-ins in one course.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub staff_id: i64,
    /// The staff member's own zone: the windows are on their clock.
    pub time_zone: String,
    /// One line per window: "4 13:00-16:00" (ISO weekday 1-7).
    pub windows: String,
    /// One line per date: "2026-12-24 closed" or "2026-12-23 10:00-12:00".
    pub exceptions: String,
    pub length_minutes: i32,
    pub buffer_before_minutes: i32,
    pub buffer_after_minutes: i32,
    pub notice_minutes: i32,
    pub horizon_days: i32,
    pub per_day: Option<i32>,
    pub per_week: Option<i32>,
    /// 1 for one-to-one; more for group office hours.
    pub capacity: i32,
    /// Students may cancel or move up to this many minutes before.
    pub cutoff_minutes: i32,
    /// A meeting link or a place.
    pub place: String,
    pub open: bool,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
