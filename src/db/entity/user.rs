use sea_orm::entity::prelude::*;

/// A person with an account on this site.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Lower-cased; one person, one account.
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    /// Argon2id PHC string; `None` until an invited person sets their own password.
    pub password_hash: Option<String>,
    /// "en" or "nb".
    pub locale: String,
    /// IANA time zone name.
    pub time_zone: String,
    pub is_site_admin: bool,
    /// Made through a join link and the address not yet proved: such an account can do
    /// nothing, and the next genuine sign-up or invitation for the address replaces it.
    pub unconfirmed: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// When a site admin deactivated the account: no sign-in, no sessions.
    pub deactivated_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
