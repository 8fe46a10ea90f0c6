use sea_orm::entity::prelude::*;

/// One question of a survey. `key` is a stable slug, unique in the survey, by which
/// later capabilities read the answers.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i64,
    pub key: String,
    /// `survey::rules::Kind::as_str`.
    pub kind: String,
    pub prompt: String,
    pub help: String,
    /// One per line: choices, the hours grid's rows, or a scale's two end labels.
    pub options: String,
    pub required: bool,
    /// A profile field the answer may be shown in, if the student agrees.
    pub profile_field: Option<String>,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
