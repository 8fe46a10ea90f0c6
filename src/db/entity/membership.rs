use sea_orm::entity::prelude::*;

/// A person in a course, with one role.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "memberships")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub user_id: i64,
    /// "tutor", "ta", "student" or "observer" (`policy::Role`).
    pub role: String,
    /// "invited", "active" or "inactive" (`policy::MemberState`).
    pub state: String,
    pub created_at: i64,
    /// When they last opened a page of the course (UTC ms; 0 = not since recorded),
    /// written at most once per `courses::SEEN_EVERY_MS`.
    pub last_seen_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::user::Entity", from = "Column::UserId", to = "super::user::Column::Id")]
    User,
    #[sea_orm(belongs_to = "super::course::Entity", from = "Column::CourseId", to = "super::course::Column::Id")]
    Course,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::course::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
