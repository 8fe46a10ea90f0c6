use sea_orm::entity::prelude::*;

/// A stored file: a photo, a voice or video clip, an attachment. The bytes live under
/// the data directory at `media/<storage_key>`; this row says whose it is and what it is.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "media")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    /// The course it was shared in, if any; profile media belong to no course.
    pub course_id: Option<i64>,
    /// "image", "audio", "video" or "file".
    pub kind: String,
    /// What it is for ("profile_photo", "name_audio", "intro_photo", "intro_clip",
    /// "collage", "board_image"), which
    /// says whose permission the serving route asks.
    pub purpose: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    /// Images also have a small square at `<storage_key>.thumb`.
    pub has_thumb: bool,
    pub created_at: i64,
    /// How long a recording plays (ms), when known: browser recordings are made
    /// seekable on upload and measured then (`media::webm`).
    pub duration_ms: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
