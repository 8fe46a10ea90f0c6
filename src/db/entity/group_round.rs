use sea_orm::entity::prelude::*;

/// One round of a group set: the class split into groups once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub group_set_id: i64,
    /// 1, 2, ...
    pub number: i32,
    pub prompt: String,
    /// When the round's groups meet (UTC milliseconds), if the teaching team set it.
    pub starts_at: Option<i64>,
    /// The live session's or video call's address, if any.
    pub video_link: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
