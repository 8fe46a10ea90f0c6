use sea_orm::entity::prelude::*;

/// How a person wants notifications by email, and the secret of their unsubscribe link.
/// A person without a row gets the default (a daily digest); the row is made when they
/// choose, or when their first notification email needs a link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_preferences")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    /// "immediate", "daily", "weekly" or "none".
    pub frequency: String,
    pub unsubscribe_token: String,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
