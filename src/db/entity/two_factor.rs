use sea_orm::entity::prelude::*;

/// A person's TOTP seed (base32). `enabled_at` is `None` while they are setting it up.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "two_factors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub secret: String,
    pub enabled_at: Option<i64>,
    /// The last TOTP time step accepted: a code is accepted once.
    pub last_step: i64,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
