use sea_orm::entity::prelude::*;

/// A plan of one or more rounds: breakout rounds, peer partners or project groups.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_sets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    /// "breakout", "partners" or "project".
    pub kind: String,
    pub title: String,
    /// "draft" until the tutor publishes it, then "published".
    pub status: String,
    /// The tutor's choices as JSON (`groups::planning::Settings`).
    pub settings: String,
    /// The quality report of the plan as first made, as JSON.
    pub report: String,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub published_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
