use sea_orm::entity::prelude::*;

/// A photo with a meet-up's "how it went", with the alt text its uploader wrote.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetup_photos")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meetup_id: i64,
    pub media_id: i64,
    pub user_id: i64,
    pub alt: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
