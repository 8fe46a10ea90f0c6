use sea_orm::entity::prelude::*;

/// A person's choice about one thread or space: follow it (hear about every reply) or
/// mute it (hear nothing from it but a mention by name). No row means the default: hear
/// about replies to one's own posts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_subscriptions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub course_id: i64,
    /// "thread" or "space".
    pub target: String,
    pub target_id: i64,
    /// "follow" or "mute".
    pub mode: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
