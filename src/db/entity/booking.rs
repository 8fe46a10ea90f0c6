use sea_orm::entity::prelude::*;

/// One student's place in one check-in slot.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub staff_id: i64,
    pub student_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Which place of the slot (0 for a one-to-one); NULL once cancelled or moved.
    pub seat: Option<i32>,
    /// The student's optional topic: seen by them and the staff member only.
    pub topic: String,
    /// "booked", "cancelled" or "moved".
    pub status: String,
    /// The iCalendar UID, the same across reschedules.
    pub uid: String,
    pub sequence: i32,
    pub place: String,
    /// Staff only: never shown to the student.
    pub note: Option<String>,
    pub follow_up: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
