use sea_orm::entity::prelude::*;

/// Something that happened that one person should hear about: a reply to their post, a
/// mention, a message, a shout-out, an announcement. Rendered in the reader's language
/// from `kind`, the actor's name and `subject` when shown or emailed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Who is told.
    pub user_id: i64,
    pub course_id: Option<i64>,
    pub kind: String,
    /// Who did it; `None` once they are erased, or for the system.
    pub actor_id: Option<i64>,
    /// A short plain-text line about the thing, e.g. a thread title or a message's start.
    pub subject: String,
    /// A path in the app, e.g. `/courses/3/threads/9#post-12`.
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
    /// When it went out by email (immediately or in a digest); `None` while still due.
    pub emailed_at: Option<i64>,
    /// Events of one kind about one thing (`reply:/courses/3/threads/9`) collapse into one
    /// row while it is unread and not yet emailed; `None` for kinds that never group.
    pub group_key: Option<String>,
    /// How many events this row stands for ("12 new replies").
    pub events: i32,
    /// The forum thread and space it is about, so a mute silences what is still waiting.
    pub thread_id: Option<i64>,
    pub space_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
