use sea_orm::entity::prelude::*;

/// A course's outreach settings: the rhythm of personal contact, how students are shared
/// among the teaching team, and what TAs and students see.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outreach_settings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub course_id: i64,
    pub rhythm_days: i32,
    /// "round-robin", "group" or "hand".
    pub sharing: String,
    pub ta_insight: bool,
    pub answer_line: bool,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
