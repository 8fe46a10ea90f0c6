use sea_orm::entity::prelude::*;

/// The full profile, one per person, shown in every course they are in. The first
/// fields (organisation, circumstance tags, birthday) stay in `profiles`, which group
/// planning reads.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "profile_details")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub pronouns: String,
    /// How to say my name, in words.
    pub name_say: String,
    pub name_audio_id: Option<i64>,
    pub photo_id: Option<i64>,
    pub photo_caption: String,
    pub bio: String,
    pub job: String,
    pub location: String,
    /// Tags separated by "; ".
    pub interests: String,
    pub looking_forward: String,
    pub use_for: String,
    pub circumstances_note: String,
    pub contact: String,
    /// JSON object: field name to "class", "tutors" or "me".
    pub visibility: String,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
