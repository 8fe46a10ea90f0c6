use sea_orm::entity::prelude::*;

/// A signed-in browser. Only a hash of the cookie's token is stored, so a leaked
/// database does not hand out sessions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_seen_at: i64,
    /// The browser's User-Agent at sign-in (cut short), to name the device.
    pub user_agent: Option<String>,
    /// The client address at sign-in: roughly where it was.
    pub ip: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
