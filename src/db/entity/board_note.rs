use sea_orm::entity::prelude::*;

/// A sticky note on the expectations board.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "board_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub column_id: i64,
    pub user_id: i64,
    pub body: String,
    /// "yellow", "pink", "blue" or "green".
    pub colour: String,
    pub created_at: i64,
    /// An optional picture on the note (a `media` row with purpose "board_image").
    pub image_id: Option<i64>,
    /// The picture's description for people who cannot see it.
    pub image_alt: String,
    /// How many +1s it has: kept by triggers on `board_votes` (migration m20261207_board).
    pub votes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
