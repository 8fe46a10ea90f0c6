//! The course's files area.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entity::course_file;

/// The `media.purpose` of a file in a course's files area.
pub const PURPOSE: &str = "course_file";

/// The name a downloaded file is saved under.
pub async fn name_of(db: &impl ConnectionTrait, media_id: i64) -> Result<Option<String>, DbErr> {
    Ok(course_file::Entity::find().filter(course_file::Column::MediaId.eq(media_id)).one(db).await?.map(|f| f.name))
}
