use sea_orm::entity::prelude::*;

/// A file attached to a forum post. The bytes and their owner are in `media`; kind, name
/// and size are kept here too so a thread page lists every attachment in one query.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub post_id: i64,
    pub course_id: i64,
    pub user_id: i64,
    pub media_id: i64,
    /// "image", "audio", "video" or "file".
    pub kind: String,
    /// The file name the author's computer gave, cleaned; shown and used for downloads.
    pub name: String,
    pub size: i64,
    /// Alt text for an image, a transcript for sound or video; empty for other files.
    pub description: String,
    pub position: i32,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
