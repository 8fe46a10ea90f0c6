//! Reading courses and their members.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::db::entity::{course, membership};
use crate::policy::{MemberState, Role};

#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub time_zone: String,
    pub joined_at: i64,
    /// Whether they have joined and not left (`state == Active`).
    pub active: bool,
    pub state: MemberState,
}

impl Member {
    /// Two letters for the face when there is no photo the reader may see.
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

/// Everyone in a course, tutors first, then by name. One lean query: the course home
/// of a large class runs it on every visit, so it reads only the columns it shows.
pub async fn members(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<Member>, DbErr> {
    // `$1` is a bound value on both databases (SQLite reads it as parameter 1).
    let sql = "SELECT u.id AS id, u.name AS name, u.email AS email, u.time_zone AS tz, m.role AS role, \
               m.created_at AS joined, m.state AS state \
               FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.course_id = $1";
    let stmt = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, [course_id.into()]);
    let rows = db.query_all_raw(stmt).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(role) = Role::parse(&r.try_get::<String>("", "role")?) else { continue };
        let state = MemberState::parse(&r.try_get::<String>("", "state")?).unwrap_or(MemberState::Active);
        out.push(Member {
            user_id: r.try_get("", "id")?,
            name: r.try_get("", "name")?,
            email: r.try_get("", "email")?,
            role,
            time_zone: r.try_get("", "tz")?,
            joined_at: r.try_get("", "joined")?,
            active: state == MemberState::Active,
            state,
        });
    }
    // Sort keys are computed once per person, not once per comparison.
    out.sort_by_cached_key(|m| (m.role, m.name.to_lowercase()));
    Ok(out)
}

/// "Last active" on the members page is good to a quarter of an hour, so a member's
/// pages write it at most that often rather than on every request.
pub const SEEN_EVERY_MS: i64 = 15 * 60 * 1000;

/// Whether a member's "last active" is older than [`SEEN_EVERY_MS`].
pub fn seen_is_due(m: &membership::Model) -> bool {
    crate::time::now_ms() - m.last_seen_at >= SEEN_EVERY_MS
}

/// Note that a member opened a page of their course, unless that was noted recently.
/// The condition repeats the check, so two requests at once write once.
pub async fn mark_seen(db: &impl ConnectionTrait, m: &membership::Model) -> Result<(), DbErr> {
    let now = crate::time::now_ms();
    if now - m.last_seen_at < SEEN_EVERY_MS {
        return Ok(());
    }
    use sea_orm::sea_query::Expr;
    membership::Entity::update_many()
        .col_expr(membership::Column::LastSeenAt, Expr::value(now))
        .filter(membership::Column::Id.eq(m.id))
        .filter(membership::Column::LastSeenAt.lt(now - SEEN_EVERY_MS))
        .exec(db)
        .await?;
    Ok(())
}

/// An invited person who chooses their password (or accepts an invitation) joins every
/// course they were invited to.
pub async fn activate_invited(db: &impl ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    membership::Entity::update_many()
        .col_expr(membership::Column::State, Expr::value(MemberState::Active.as_str()))
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::State.eq(MemberState::Invited.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

#[derive(Clone, Debug)]
pub struct MyCourse {
    pub course: course::Model,
    pub role: Role,
}

pub async fn courses_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<MyCourse>, DbErr> {
    // Invitations not yet accepted and courses left are not "your courses".
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::State.eq(MemberState::Active.as_str()))
        .find_also_related(course::Entity)
        .order_by_desc(membership::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(m, c)| Some(MyCourse { course: c?, role: Role::parse(&m.role)? })).collect())
}

/// The most pending invitations the invitations page lists (a person has a handful).
pub const INVITATIONS_LISTED: u64 = 50;

/// A person's invitations they have not answered, newest first.
pub async fn pending_invitations(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<MyCourse>, DbErr> {
    use sea_orm::QuerySelect;
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::State.eq(MemberState::Invited.as_str()))
        .find_also_related(course::Entity)
        .order_by_desc(membership::Column::CreatedAt)
        .order_by_desc(membership::Column::Id)
        .limit(INVITATIONS_LISTED)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(m, c)| Some(MyCourse { course: c?, role: Role::parse(&m.role)? })).collect())
}

pub async fn pending_invitation_count(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::State.eq(MemberState::Invited.as_str()))
        .count(db)
        .await
}

/// Answer an invitation: accepting makes the membership active, declining removes it.
/// Only an invitation still pending is touched; returns whether there was one.
pub async fn answer_invitation(
    db: &impl ConnectionTrait,
    user_id: i64,
    course_id: i64,
    accept: bool,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let pending = membership::Column::State.eq(MemberState::Invited.as_str());
    let n = if accept {
        membership::Entity::update_many()
            .col_expr(membership::Column::State, Expr::value(MemberState::Active.as_str()))
            .filter(membership::Column::UserId.eq(user_id))
            .filter(membership::Column::CourseId.eq(course_id))
            .filter(pending)
            .exec(db)
            .await?
            .rows_affected
    } else {
        membership::Entity::delete_many()
            .filter(membership::Column::UserId.eq(user_id))
            .filter(membership::Column::CourseId.eq(course_id))
            .filter(pending)
            .exec(db)
            .await?
            .rows_affected
    };
    Ok(n == 1)
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

/// How far the start-up kit has come in a course: one query per activity. Only students
/// who have joined count (invitees and people who left do not); values are bound.
pub async fn startup_progress(
    db: &impl ConnectionTrait,
    course_id: i64,
    kit: &[crate::courses::startup::Activity],
) -> Result<Vec<(crate::courses::startup::Activity, crate::courses::startup::Progress)>, DbErr> {
    use crate::courses::startup::{Activity, Progress};
    // Every statement takes the course as `$1` (bound, never formatted into the text).
    let count = |sql: &'static str| async move {
        let stmt = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, [course_id.into()]);
        let row = db.query_one_raw(stmt).await?;
        Ok::<i64, DbErr>(row.map(|r| r.try_get::<i64>("", "n").unwrap_or(0)).unwrap_or(0))
    };
    let mut out = vec![];
    for a in kit {
        let (ready, done) = match a {
            Activity::Expectations => (
                count("SELECT COUNT(*) AS n FROM expectations WHERE course_id = $1").await? > 0,
                count(
                    "SELECT COUNT(DISTINCT r.user_id) AS n FROM expectation_reads r JOIN expectations e \
                     ON e.course_id = r.course_id AND e.version = r.version \
                     JOIN memberships m ON m.course_id = r.course_id AND m.user_id = r.user_id \
                     WHERE r.course_id = $1 AND m.role = 'student' AND m.state = 'active'",
                )
                .await?,
            ),
            Activity::Board => (
                true,
                count(
                    "SELECT COUNT(DISTINCT n.user_id) AS n FROM board_notes n JOIN board_columns c ON c.id = n.column_id \
                     JOIN memberships m ON m.course_id = c.course_id AND m.user_id = n.user_id \
                     WHERE c.course_id = $1 AND m.role = 'student' AND m.state = 'active'",
                )
                .await?,
            ),
            Activity::TimeBudget => (
                true,
                count(
                    "SELECT COUNT(DISTINCT e.user_id) AS n FROM budget_entries e JOIN budget_activities a ON a.id = e.activity_id \
                     JOIN memberships m ON m.course_id = a.course_id AND m.user_id = e.user_id \
                     WHERE a.course_id = $1 AND m.role = 'student' AND m.state = 'active'",
                )
                .await?,
            ),
            Activity::Wiki => (
                count("SELECT COUNT(*) AS n FROM wiki_pages WHERE course_id = $1").await? > 0,
                count(
                    "SELECT COUNT(DISTINCT r.author_id) AS n FROM wiki_revisions r JOIN wiki_pages p ON p.id = r.page_id \
                     JOIN memberships m ON m.course_id = p.course_id AND m.user_id = r.author_id \
                     WHERE p.course_id = $1 AND m.role = 'student' AND m.state = 'active'",
                )
                .await?,
            ),
            Activity::TutorIntroduction => {
                let (posted, welcomed, _) = crate::introductions::progress(db, course_id).await?;
                (posted, welcomed)
            }
            Activity::Introductions => (true, crate::introductions::progress(db, course_id).await?.2),
            Activity::Groups => (
                count("SELECT COUNT(*) AS n FROM group_sets WHERE course_id = $1 AND status = 'published'").await? > 0,
                count(
                    "SELECT COUNT(DISTINCT gm.user_id) AS n FROM group_members gm JOIN course_groups g ON g.id = gm.group_id \
                     JOIN group_rounds r ON r.id = g.round_id JOIN group_sets s ON s.id = r.group_set_id \
                     JOIN memberships m ON m.course_id = s.course_id AND m.user_id = gm.user_id \
                     WHERE s.course_id = $1 AND s.status = 'published' AND m.role = 'student' AND m.state = 'active'",
                )
                .await?,
            ),
            // Ready once published; done by the students who have answered.
            Activity::Survey => (
                count("SELECT COUNT(*) AS n FROM surveys WHERE course_id = $1 AND published = true").await? > 0,
                count(
                    "SELECT COUNT(DISTINCT r.user_id) AS n FROM survey_responses r JOIN surveys s ON s.id = r.survey_id \
                     JOIN memberships m ON m.course_id = s.course_id AND m.user_id = r.user_id \
                     WHERE s.course_id = $1 AND m.role = 'student' AND m.state = 'active'",
                )
                .await?,
            ),
        };
        out.push((*a, Progress { ready, students_done: done as u64 }));
    }
    Ok(out)
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
