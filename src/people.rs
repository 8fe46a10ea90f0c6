//! The one lookup of people for lists: names, faces and roles in a course, in one query
//! for a page's worth of people. It reads only what a list shows (never password hashes,
//! emails or profile text), and a photo only when the viewer may see it.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Query};
use sea_orm::{ConnectionTrait, DbErr};

use crate::policy::{MemberState, Role};
use crate::profiles::visibility::{Choices, Field};
use crate::web::CourseCtx;

/// Who is looking, as far as faces are concerned.
#[derive(Clone, Copy, Debug)]
pub struct Seer {
    pub user_id: i64,
    pub role: Option<Role>,
    pub site_admin: bool,
}

impl Seer {
    pub fn of(c: &CourseCtx) -> Seer {
        Seer {
            user_id: c.ctx.user.as_ref().map(|u| u.id).unwrap_or(0),
            role: c.role,
            site_admin: c.ctx.user.as_ref().is_some_and(|u| u.is_site_admin),
        }
    }
}

/// A person as a list shows them.
#[derive(Clone, Debug)]
pub struct Card {
    pub user_id: i64,
    pub name: String,
    /// Their profile photo, if the viewer may see it.
    pub photo_id: Option<i64>,
    /// Their role in the course, if they are (still) a member.
    pub role: Option<Role>,
    pub state: Option<MemberState>,
    /// Their time zone, for their local time, if the viewer may see where they are.
    pub time_zone: Option<String>,
}

impl Card {
    pub fn initials(&self) -> String {
        crate::courses::queries::initials(&self.name)
    }

    /// A stable hue per person, so a placeholder face is recognisably theirs.
    pub fn hue(&self) -> i64 {
        (self.user_id * 47) % 360
    }
}

/// These people as `seer` may see them in the course: one query per 400 people (a page
/// needs one).
pub async fn cards(
    db: &impl ConnectionTrait,
    course_id: i64,
    seer: Seer,
    ids: &[i64],
) -> Result<HashMap<i64, Card>, DbErr> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut out = HashMap::with_capacity(ids.len());
    let mut parsed: HashMap<String, Choices> = HashMap::new();
    for chunk in ids.chunks(400) {
        let q = Query::select()
            .expr_as(Expr::col(("u", "id")), "id")
            .expr_as(Expr::col(("u", "name")), "name")
            .expr_as(Expr::col(("u", "time_zone")), "tz")
            .expr_as(Expr::col(("d", "photo_id")), "photo")
            .expr_as(Expr::col(("d", "visibility")), "vis")
            .expr_as(Expr::col(("m", "role")), "role")
            .expr_as(Expr::col(("m", "state")), "state")
            .from_as("users", "u")
            .join_as(JoinType::LeftJoin, "profile_details", "d", Expr::col(("d", "user_id")).equals(("u", "id")))
            .join_as(
                JoinType::LeftJoin,
                "memberships",
                "m",
                Expr::col(("m", "user_id")).equals(("u", "id")).and(Expr::col(("m", "course_id")).eq(course_id)),
            )
            .and_where(Expr::col(("u", "id")).is_in(chunk.iter().copied()))
            .to_owned();
        for r in db.query_all(&q).await? {
            let user_id: i64 = r.try_get("", "id")?;
            let role = r.try_get::<Option<String>>("", "role")?.and_then(|s| Role::parse(&s));
            let state = r.try_get::<Option<String>>("", "state")?.and_then(|s| MemberState::parse(&s));
            let photo: Option<i64> = r.try_get("", "photo")?;
            let rel = crate::profiles::relation_in_course(seer.user_id, seer.role, seer.site_admin, user_id);
            // No settings yet means the defaults, which `Choices` knows.
            let vis = r.try_get::<Option<String>>("", "vis")?.unwrap_or_default();
            let choices = parsed.entry(vis).or_insert_with_key(|v| Choices::from_json(v));
            let photo_id = photo.filter(|_| choices.shows(Field::Photo, rel));
            let time_zone = choices.shows(Field::Location, rel).then(|| r.try_get::<String>("", "tz")).transpose()?;
            out.insert(user_id, Card { user_id, name: r.try_get("", "name")?, photo_id, role, state, time_zone });
        }
    }
    Ok(out)
}
