use sea_orm::entity::prelude::*;

/// A personalised message composed once for many students.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "personal_sends")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub sender_id: i64,
    /// Templates (merge fields and conditions), as the sender wrote them.
    pub subject: String,
    pub body: String,
    /// "chosen" or "condition".
    pub who: String,
    pub condition: String,
    /// draft, scheduled, sending, sent, cancelled.
    pub status: String,
    pub send_at: Option<i64>,
    pub sent_at: Option<i64>,
    pub total: i32,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
