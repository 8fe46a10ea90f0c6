//! Reading courses and their members.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::db::entity::{course, membership, user};
use crate::policy::Role;

#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub time_zone: String,
    pub joined_at: i64,
    /// Whether they have chosen a password yet (invited people have not).
    pub active: bool,
}

impl Member {
    /// Two letters for the face placeholder until profiles bring photos.
    pub fn initials(&self) -> String {
        initials(&self.name)
    }

    /// A stable hue per person, so a placeholder face is recognisably theirs.
    pub fn hue(&self) -> i64 {
        (self.user_id * 47) % 360
    }
}

pub fn initials(name: &str) -> String {
    let mut parts = name.split_whitespace();
    let first = parts.next().and_then(|p| p.chars().next());
    let last = parts.last().and_then(|p| p.chars().next());
    first.into_iter().chain(last).flat_map(char::to_uppercase).collect()
}

/// Everyone in a course, tutors first, then by name.
pub async fn members(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<Member>, DbErr> {
    let rows = membership::Entity::find()
        .filter(membership::Column::CourseId.eq(course_id))
        .find_also_related(user::Entity)
        .all(db)
        .await?;
    let mut out: Vec<Member> = rows
        .into_iter()
        .filter_map(|(m, u)| {
            let u = u?;
            Some(Member {
                user_id: u.id,
                name: u.name,
                email: u.email,
                role: Role::parse(&m.role)?,
                time_zone: u.time_zone,
                joined_at: m.created_at,
                active: u.password_hash.is_some(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.role.cmp(&b.role).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    Ok(out)
}

#[derive(Clone, Debug)]
pub struct MyCourse {
    pub course: course::Model,
    pub role: Role,
}

pub async fn courses_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<MyCourse>, DbErr> {
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .find_also_related(course::Entity)
        .order_by_desc(membership::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(m, c)| Some(MyCourse { course: c?, role: Role::parse(&m.role)? })).collect())
}

pub async fn membership_of(
    db: &impl ConnectionTrait,
    course_id: i64,
    user_id: i64,
) -> Result<Option<membership::Model>, DbErr> {
    membership::Entity::find()
        .filter(membership::Column::CourseId.eq(course_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await
}

pub async fn tutor_count(db: &impl ConnectionTrait, course_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    membership::Entity::find()
        .filter(membership::Column::CourseId.eq(course_id))
        .filter(membership::Column::Role.eq(Role::Tutor.as_str()))
        .count(db)
        .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials() {
        assert_eq!(super::initials("Ada Lovelace"), "AL");
        assert_eq!(super::initials("Ada King Lovelace"), "AL");
        assert_eq!(super::initials("ørjan"), "Ø");
        assert_eq!(super::initials(""), "");
    }
}
