//! Who may see a stored file, decided with one indexed query: the file's row, the
//! viewer's membership in the file's course, the owner's visibility choices and how the
//! viewer stands to the owner across the courses they share. A page of 300 faces then
//! costs 300 small lookups by primary key, not a handful of queries each.

use sea_orm::{ConnectionTrait, DbErr};

use crate::db::entity::media;
use crate::policy::{self, Action, Actor, Role};
use crate::profiles::visibility::{Choices, Relation};
use crate::web::context::CurrentUser;

/// What the one query could decide.
#[derive(Debug, PartialEq, Eq)]
pub enum Access {
    Allowed,
    Denied,
    /// The file belongs to something with rules of its own (a forum attachment): ask it.
    AskOwner,
}

/// The file and whether `viewer` may see it; `None` when there is no such file.
pub async fn lookup(
    db: &impl ConnectionTrait,
    media_id: i64,
    viewer: &CurrentUser,
) -> Result<Option<(media::Model, Access)>, DbErr> {
    let sql = "SELECT md.id AS id, md.user_id AS user_id, md.course_id AS course_id, md.kind AS kind, \
               md.purpose AS purpose, md.content_type AS content_type, md.size AS size, md.sha256 AS sha256, \
               md.storage_key AS storage_key, md.has_thumb AS has_thumb, md.created_at AS created_at, \
               md.duration_ms AS duration_ms, \
               vm.role AS my_role, d.visibility AS vis, \
               CAST((SELECT MAX(CASE WHEN a.role IN ('tutor', 'ta') THEN 2 ELSE 1 END) FROM memberships a \
                JOIN memberships b ON b.course_id = a.course_id \
                WHERE a.user_id = $2 AND b.user_id = md.user_id) AS BIGINT) AS shared \
               FROM media md \
               LEFT JOIN memberships vm ON vm.course_id = md.course_id AND vm.user_id = $2 \
               LEFT JOIN profile_details d ON d.user_id = md.user_id \
               WHERE md.id = $1";
    let stmt =
        sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, [media_id.into(), viewer.id.into()]);
    let Some(r) = db.query_one_raw(stmt).await? else { return Ok(None) };
    let m = media::Model {
        id: r.try_get("", "id")?,
        user_id: r.try_get("", "user_id")?,
        course_id: r.try_get("", "course_id")?,
        kind: r.try_get("", "kind")?,
        purpose: r.try_get("", "purpose")?,
        content_type: r.try_get("", "content_type")?,
        size: r.try_get("", "size")?,
        sha256: r.try_get("", "sha256")?,
        storage_key: r.try_get("", "storage_key")?,
        has_thumb: r.try_get("", "has_thumb")?,
        created_at: r.try_get("", "created_at")?,
        duration_ms: r.try_get("", "duration_ms")?,
    };
    let my_role = r.try_get::<Option<String>>("", "my_role")?.and_then(|s| Role::parse(&s));
    let vis: Option<String> = r.try_get("", "vis")?;
    let shared: Option<i64> = r.try_get("", "shared")?;
    let access = decide(&m, viewer, my_role, vis.as_deref(), shared);
    Ok(Some((m, access)))
}

/// The decision, from what the query read (pure).
fn decide(
    m: &media::Model,
    viewer: &CurrentUser,
    my_role: Option<Role>,
    vis: Option<&str>,
    shared: Option<i64>,
) -> Access {
    let yes = |b: bool| if b { Access::Allowed } else { Access::Denied };
    if let Some(field) = crate::profiles::field_for_purpose(&m.purpose) {
        // The same relation as `profiles::relation`, across every shared course.
        let rel = if viewer.id == m.user_id {
            Relation::Myself
        } else if viewer.is_site_admin || shared == Some(2) {
            Relation::TeachingTeam
        } else if shared == Some(1) {
            Relation::Classmate
        } else {
            Relation::Other
        };
        return yes(Choices::from_json(vis.unwrap_or("{}")).shows(field, rel));
    }
    if m.purpose == crate::forum::attachments::PURPOSE || m.purpose == crate::feedback::PURPOSE {
        return Access::AskOwner;
    }
    let actor = Actor {
        signed_in: true,
        site_admin: viewer.is_site_admin,
        role: my_role,
        tutors_somewhere: my_role == Some(Role::Tutor),
        in_group: false,
        ..Actor::default()
    };
    match m.course_id {
        Some(_) if m.purpose == crate::files::PURPOSE => yes(policy::allows(&actor, Action::ViewFiles)),
        Some(_) => yes(policy::allows(&actor, Action::ViewCourse)),
        None => yes(viewer.id == m.user_id),
    }
}
