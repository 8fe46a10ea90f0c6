use sea_orm::entity::prelude::*;

/// The first profile fields: what group planning uses. Organisation is shown to the
/// class; circumstances and birthday only to the teaching team.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub organisation: String,
    /// Tags separated by ";", e.g. "parent;working full time".
    pub circumstances: String,
    /// "MM-DD"; no year.
    pub birthday: Option<String>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
