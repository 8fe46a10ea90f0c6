use sea_orm::entity::prelude::*;

/// One student's copy of a personalised message and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "personal_recipients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub send_id: i64,
    pub student_id: i64,
    pub name: String,
    pub variant: String,
    pub subject: String,
    /// Markdown, as the in-app message reads.
    pub body: String,
    /// Plain text, as the email reads.
    pub body_text: String,
    pub conversation_id: Option<i64>,
    pub message_id: Option<i64>,
    pub email_id: Option<i64>,
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
