use sea_orm::entity::prelude::*;

/// A person's request to erase their account. Until `confirmed_at` it waits for the link
/// in the email; then a job erases them at `due_at` unless they cancel (the row goes).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "erasure_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub user_id: i64,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub requested_at: i64,
    pub confirmed_at: Option<i64>,
    pub due_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
