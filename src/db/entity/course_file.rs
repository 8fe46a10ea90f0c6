use sea_orm::entity::prelude::*;

/// A file in a course's files area (`folder_id` `None` at the top). The bytes are in
/// `media`, uploaded by `user_id`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "course_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub folder_id: Option<i64>,
    pub user_id: i64,
    pub media_id: i64,
    pub kind: String,
    pub name: String,
    pub size: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
