use sea_orm::entity::prelude::*;

/// A person's answer to "Are you coming?": yes, maybe or no.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetup_rsvps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meetup_id: i64,
    pub user_id: i64,
    pub answer: String,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
