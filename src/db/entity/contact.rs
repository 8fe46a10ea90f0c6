use sea_orm::entity::prelude::*;

/// A personal touch from a tutor or TA to one student (the contact ledger).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub staff_id: i64,
    pub student_id: i64,
    pub kind: String,
    pub at: i64,
    /// Staff only: never shown to the student or exported to them.
    pub note: Option<String>,
    /// "YYYY-MM-DD".
    pub follow_up: Option<String>,
    pub source: String,
    pub source_id: Option<i64>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
