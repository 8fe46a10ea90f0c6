//! Every statement of feedback, values always bound, column lists spliced at compile
//! time. Each page reads a fixed number of statements whatever the class size: the
//! assignment's roster is one keyset page over the class with each student's state read
//! by correlated subqueries, its counts one statement, the turnaround one.

use sea_orm::{ConnectionTrait, DbErr, QueryResult, Value};

use crate::db::sql::{all, exec, one};

#[derive(Clone, Debug)]
pub struct Feedback {
    pub id: i64,
    pub course_id: i64,
    pub student_id: i64,
    pub giver_id: Option<i64>,
    pub target: String,
    pub target_id: i64,
    pub assignment_id: Option<i64>,
    pub about: String,
    pub kind: String,
    pub body: String,
    pub media_id: Option<i64>,
    pub status: String,
    pub since_at: i64,
    pub created_at: i64,
    pub released_at: Option<i64>,
    pub read_at: Option<i64>,
}

macro_rules! cols {
    () => {
        "id, course_id, student_id, giver_id, target, target_id, assignment_id, about, kind, body, media_id, status, \
         since_at, created_at, released_at, read_at"
    };
}

fn feedback_of(r: &QueryResult) -> Result<Feedback, DbErr> {
    Ok(Feedback {
        id: r.try_get("", "id")?,
        course_id: r.try_get("", "course_id")?,
        student_id: r.try_get("", "student_id")?,
        giver_id: r.try_get("", "giver_id")?,
        target: r.try_get("", "target")?,
        target_id: r.try_get("", "target_id")?,
        assignment_id: r.try_get("", "assignment_id")?,
        about: r.try_get("", "about")?,
        kind: r.try_get("", "kind")?,
        body: r.try_get("", "body")?,
        media_id: r.try_get("", "media_id")?,
        status: r.try_get("", "status")?,
        since_at: r.try_get("", "since_at")?,
        created_at: r.try_get("", "created_at")?,
        released_at: r.try_get("", "released_at")?,
        read_at: r.try_get("", "read_at")?,
    })
}

/// A course's feedback by id (another course's is `None`).
pub async fn feedback(db: &impl ConnectionTrait, course_id: i64, id: i64) -> Result<Option<Feedback>, DbErr> {
    let sql = concat!("SELECT ", cols!(), " FROM feedback WHERE id = $1 AND course_id = $2");
    one(db, sql, vec![id.into(), course_id.into()]).await?.map(|r| feedback_of(&r)).transpose()
}

/// Where a page of a keyset list starts: after `(key, id)`, read forward or backward.
pub struct Keyset {
    pub after: Option<(i64, i64)>,
    pub backward: bool,
    pub limit: u64,
}

/// The four statements of a newest-first keyset list over `(key, id)`: the first page
/// older-first and newer-first, then the page after a key in each direction. `$limit`,
/// `$at` and `$id` are the placeholders of the page size and the key; the rest is the
/// statement up to its WHERE conditions.
macro_rules! newest_first {
    ($key:literal, $limit:literal, $at:literal, $id:literal, $($head:tt)+) => {
        [
            concat!($($head)+, " ORDER BY ", $key, " DESC, id DESC LIMIT ", $limit),
            concat!($($head)+, " ORDER BY ", $key, " ASC, id ASC LIMIT ", $limit),
            concat!(
                $($head)+, " AND (", $key, " < ", $at, " OR (", $key, " = ", $at, " AND id < ", $id, "))",
                " ORDER BY ", $key, " DESC, id DESC LIMIT ", $limit
            ),
            concat!(
                $($head)+, " AND (", $key, " > ", $at, " OR (", $key, " = ", $at, " AND id > ", $id, "))",
                " ORDER BY ", $key, " ASC, id ASC LIMIT ", $limit
            ),
        ]
    };
}

/// The statement of a page of a `newest_first!` list and its values: `base` (the filter's
/// values and the page size), then the key when the page starts after one.
fn keyset_page(k: &Keyset, sqls: [&'static str; 4], base: Vec<Value>) -> (&'static str, Vec<Value>) {
    match (k.after, k.backward) {
        (None, false) => (sqls[0], base),
        (None, true) => (sqls[1], base),
        (Some((at, id)), false) => (sqls[2], [base, vec![at.into(), id.into()]].concat()),
        (Some((at, id)), true) => (sqls[3], [base, vec![at.into(), id.into()]].concat()),
    }
}

/// A list of feedback filtered as `sqls` says (the statements of `newest_first!`).
async fn feedback_page(
    db: &impl ConnectionTrait,
    k: &Keyset,
    sqls: [&'static str; 4],
    base: Vec<Value>,
) -> Result<Vec<Feedback>, DbErr> {
    let (sql, values) = keyset_page(k, sqls, base);
    all(db, sql, values).await?.iter().map(feedback_of).collect()
}

/// A student's released feedback in a course, newest first, keyset on (released_at, id).
pub async fn inbox(
    db: &impl ConnectionTrait,
    course_id: i64,
    student: i64,
    k: &Keyset,
) -> Result<Vec<Feedback>, DbErr> {
    const SQLS: [&str; 4] = newest_first!(
        "released_at",
        "$3",
        "$4",
        "$5",
        "SELECT ",
        cols!(),
        " FROM feedback WHERE student_id = $1 AND course_id = $2 AND status = 'released'"
    );
    feedback_page(db, k, SQLS, vec![student.into(), course_id.into(), (k.limit as i64).into()]).await
}

/// All feedback given in a course (drafts too), newest first, keyset on (created_at, id).
pub async fn given(db: &impl ConnectionTrait, course_id: i64, k: &Keyset) -> Result<Vec<Feedback>, DbErr> {
    const SQLS: [&str; 4] =
        newest_first!("created_at", "$2", "$3", "$4", "SELECT ", cols!(), " FROM feedback WHERE course_id = $1");
    feedback_page(db, k, SQLS, vec![course_id.into(), (k.limit as i64).into()]).await
}

/// Released feedback the student has not opened yet.
pub async fn unread(db: &impl ConnectionTrait, course_id: i64, student: i64) -> Result<i64, DbErr> {
    let sql = "SELECT COUNT(*) AS n FROM feedback WHERE student_id = $1 AND course_id = $2 \
               AND status = 'released' AND read_at IS NULL";
    let r = one(db, sql, vec![student.into(), course_id.into()]).await?;
    Ok(r.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0))
}

pub struct NewFeedback<'a> {
    pub course_id: i64,
    pub student_id: i64,
    pub giver_id: i64,
    pub target: &'a str,
    pub target_id: i64,
    pub assignment_id: Option<i64>,
    pub about: &'a str,
    pub kind: &'a str,
    pub body: &'a str,
    pub media_id: Option<i64>,
    pub since_at: i64,
}

pub async fn insert(db: &impl ConnectionTrait, f: &NewFeedback<'_>, now: i64) -> Result<i64, DbErr> {
    let sql = "INSERT INTO feedback (course_id, student_id, giver_id, target, target_id, assignment_id, about, kind, \
               body, media_id, status, since_at, created_at, updated_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $12, $12) RETURNING id";
    let values: Vec<Value> = vec![
        f.course_id.into(),
        f.student_id.into(),
        f.giver_id.into(),
        f.target.into(),
        f.target_id.into(),
        f.assignment_id.into(),
        f.about.into(),
        f.kind.into(),
        f.body.into(),
        f.media_id.into(),
        f.since_at.into(),
        now.into(),
    ];
    let r = one(db, sql, values).await?.ok_or_else(|| DbErr::Custom("no id returned".into()))?;
    r.try_get("", "id")
}

/// Change the written part (the transcript of a recording, typed later).
pub async fn set_body(db: &impl ConnectionTrait, id: i64, body: &str, now: i64) -> Result<(), DbErr> {
    exec(db, "UPDATE feedback SET body = $1, updated_at = $2 WHERE id = $3", vec![body.into(), now.into(), id.into()])
        .await?;
    Ok(())
}

/// Release drafts: one by id, or all of an assignment's that are complete (a recording
/// with its transcript). Returns the released ones.
pub async fn release(db: &impl ConnectionTrait, which: Release, now: i64) -> Result<Vec<Feedback>, DbErr> {
    let (sql, id) = match which {
        Release::One(id) => (
            concat!(
                "UPDATE feedback SET status = 'released', released_at = $1, updated_at = $1 \
                 WHERE id = $2 AND status = 'draft' AND (kind = 'file' OR TRIM(body) <> '') RETURNING ",
                cols!()
            ),
            id,
        ),
        Release::Assignment(id) => (
            concat!(
                "UPDATE feedback SET status = 'released', released_at = $1, updated_at = $1 \
                 WHERE assignment_id = $2 AND status = 'draft' AND (kind = 'file' OR TRIM(body) <> '') RETURNING ",
                cols!()
            ),
            id,
        ),
    };
    let released: Vec<Feedback> =
        all(db, sql, vec![now.into(), id.into()]).await?.iter().map(feedback_of).collect::<Result<_, _>>()?;
    // Each released piece is a contact between its giver and the student (when they are
    // staff and student there): the ledger keeps it once.
    for f in &released {
        exec(
            db,
            "INSERT INTO contacts (course_id, staff_id, student_id, kind, at, source, source_id, created_at) \
             SELECT f.course_id, f.giver_id, f.student_id, 'feedback', f.released_at, 'derived', f.id, $2 \
             FROM feedback f \
             JOIN memberships sm ON sm.course_id = f.course_id AND sm.user_id = f.giver_id AND sm.role IN ('tutor', 'ta') \
             JOIN memberships st ON st.course_id = f.course_id AND st.user_id = f.student_id AND st.role = 'student' \
             WHERE f.id = $1 \
             ON CONFLICT DO NOTHING",
            vec![f.id.into(), now.into()],
        )
        .await?;
    }
    Ok(released)
}

#[derive(Clone, Copy, Debug)]
pub enum Release {
    One(i64),
    Assignment(i64),
}

/// The student opened their feedback.
pub async fn mark_read(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<(), DbErr> {
    exec(db, "UPDATE feedback SET read_at = $1 WHERE id = $2 AND read_at IS NULL", vec![now.into(), id.into()]).await?;
    Ok(())
}

pub struct Reply {
    pub user_id: Option<i64>,
    pub name: Option<String>,
    pub body: String,
    pub at: i64,
}

/// Replies under one piece of feedback shown at most; a thread this long is better
/// carried on in a conversation.
pub const MAX_REPLIES: i64 = 100;

pub async fn replies(db: &impl ConnectionTrait, feedback_id: i64) -> Result<Vec<Reply>, DbErr> {
    let sql = "SELECT r.user_id AS user_id, u.name AS name, r.body AS body, r.created_at AS at \
               FROM feedback_replies r LEFT JOIN users u ON u.id = r.user_id \
               WHERE r.feedback_id = $1 ORDER BY r.created_at, r.id LIMIT $2";
    all(db, sql, vec![feedback_id.into(), MAX_REPLIES.into()])
        .await?
        .iter()
        .map(|r| {
            Ok(Reply {
                user_id: r.try_get("", "user_id")?,
                name: r.try_get("", "name")?,
                body: r.try_get("", "body")?,
                at: r.try_get("", "at")?,
            })
        })
        .collect()
}

pub async fn reply_count(db: &impl ConnectionTrait, feedback_id: i64) -> Result<i64, DbErr> {
    let r =
        one(db, "SELECT COUNT(*) AS n FROM feedback_replies WHERE feedback_id = $1", vec![feedback_id.into()]).await?;
    Ok(r.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0))
}

pub async fn add_reply(
    db: &impl ConnectionTrait,
    feedback_id: i64,
    user_id: i64,
    body: &str,
    now: i64,
) -> Result<(), DbErr> {
    exec(
        db,
        "INSERT INTO feedback_replies (feedback_id, user_id, body, created_at) VALUES ($1, $2, $3, $4)",
        vec![feedback_id.into(), user_id.into(), body.into(), now.into()],
    )
    .await?;
    Ok(())
}

#[derive(Clone, Debug)]
pub struct Assignment {
    pub id: i64,
    pub title: String,
    pub due_at: i64,
}

fn assignment_of(r: &QueryResult) -> Result<Assignment, DbErr> {
    Ok(Assignment { id: r.try_get("", "id")?, title: r.try_get("", "title")?, due_at: r.try_get("", "due_at")? })
}

pub async fn assignment(db: &impl ConnectionTrait, course_id: i64, id: i64) -> Result<Option<Assignment>, DbErr> {
    let sql = "SELECT id, title, due_at FROM feedback_assignments WHERE id = $1 AND course_id = $2";
    one(db, sql, vec![id.into(), course_id.into()]).await?.map(|r| assignment_of(&r)).transpose()
}

/// A course's assignments, latest due first, keyset on (due_at, id).
pub async fn assignments(db: &impl ConnectionTrait, course_id: i64, k: &Keyset) -> Result<Vec<Assignment>, DbErr> {
    const SQLS: [&str; 4] = newest_first!(
        "due_at",
        "$2",
        "$3",
        "$4",
        "SELECT id, title, due_at FROM feedback_assignments WHERE course_id = $1"
    );
    let (sql, values) = keyset_page(k, SQLS, vec![course_id.into(), (k.limit as i64).into()]);
    all(db, sql, values).await?.iter().map(assignment_of).collect()
}

pub async fn create_assignment(
    db: &impl ConnectionTrait,
    course_id: i64,
    title: &str,
    due_at: i64,
    by: i64,
    now: i64,
) -> Result<i64, DbErr> {
    let sql = "INSERT INTO feedback_assignments (course_id, title, due_at, created_by, created_at) \
               VALUES ($1, $2, $3, $4, $5) RETURNING id";
    let r = one(db, sql, vec![course_id.into(), title.into(), due_at.into(), by.into(), now.into()])
        .await?
        .ok_or_else(|| DbErr::Custom("no id returned".into()))?;
    r.try_get("", "id")
}

/// One student on an assignment's roster: 2 released feedback, 1 a draft, 0 waiting.
pub struct RosterRow {
    pub id: i64,
    pub name: String,
    pub state: i64,
    pub feedback_id: Option<i64>,
}

/// A page of the class's active students by name with where each stands on the
/// assignment; `waiting_only` leaves out those whose feedback is released.
pub async fn roster(
    db: &impl ConnectionTrait,
    course_id: i64,
    assignment_id: i64,
    waiting_only: bool,
    after: Option<(&str, i64)>,
    backward: bool,
    limit: u64,
) -> Result<Vec<RosterRow>, DbErr> {
    macro_rules! page {
        ($filter:expr, $keyset:literal, $order:literal) => {
            concat!(
                "SELECT u.id AS id, u.name AS name, \
                 CAST(COALESCE((SELECT MAX(CASE WHEN f.status = 'released' THEN 2 ELSE 1 END) FROM feedback f \
                   WHERE f.assignment_id = $2 AND f.student_id = u.id), 0) AS BIGINT) AS state, \
                 (SELECT MAX(f.id) FROM feedback f WHERE f.assignment_id = $2 AND f.student_id = u.id) AS fid \
                 FROM memberships m JOIN users u ON u.id = m.user_id \
                 WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' ",
                $filter,
                $keyset,
                " ORDER BY u.name ",
                $order,
                ", u.id ",
                $order,
                " LIMIT $3"
            )
        };
    }
    macro_rules! waiting {
        () => {
            "AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.assignment_id = $2 AND f.student_id = u.id \
             AND f.status = 'released') "
        };
    }
    let base: Vec<Value> = vec![course_id.into(), assignment_id.into(), (limit as i64).into()];
    let (sql, values) = match (after, backward, waiting_only) {
        (None, false, false) => (page!("", "", "ASC"), base),
        (None, true, false) => (page!("", "", "DESC"), base),
        (None, false, true) => (page!(waiting!(), "", "ASC"), base),
        (None, true, true) => (page!(waiting!(), "", "DESC"), base),
        (Some((n, id)), false, false) => (
            page!("", "AND (u.name > $4 OR (u.name = $4 AND u.id > $5))", "ASC"),
            [base, vec![n.into(), id.into()]].concat(),
        ),
        (Some((n, id)), true, false) => (
            page!("", "AND (u.name < $4 OR (u.name = $4 AND u.id < $5))", "DESC"),
            [base, vec![n.into(), id.into()]].concat(),
        ),
        (Some((n, id)), false, true) => (
            page!(waiting!(), "AND (u.name > $4 OR (u.name = $4 AND u.id > $5))", "ASC"),
            [base, vec![n.into(), id.into()]].concat(),
        ),
        (Some((n, id)), true, true) => (
            page!(waiting!(), "AND (u.name < $4 OR (u.name = $4 AND u.id < $5))", "DESC"),
            [base, vec![n.into(), id.into()]].concat(),
        ),
    };
    all(db, sql, values)
        .await?
        .iter()
        .map(|r| {
            Ok(RosterRow {
                id: r.try_get("", "id")?,
                name: r.try_get("", "name")?,
                state: r.try_get("", "state")?,
                feedback_id: r.try_get("", "fid")?,
            })
        })
        .collect()
}

/// How many active students an assignment has, how many have released feedback and how
/// many a draft only.
pub async fn counts(db: &impl ConnectionTrait, course_id: i64, assignment_id: i64) -> Result<(i64, i64, i64), DbErr> {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) AS students, \
               CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM feedback f WHERE f.assignment_id = $2 \
                 AND f.student_id = m.user_id AND f.status = 'released') THEN 1 ELSE 0 END), 0) AS BIGINT) AS released, \
               CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM feedback f WHERE f.assignment_id = $2 \
                 AND f.student_id = m.user_id AND f.status = 'draft') AND NOT EXISTS (SELECT 1 FROM feedback f \
                 WHERE f.assignment_id = $2 AND f.student_id = m.user_id AND f.status = 'released') \
                 THEN 1 ELSE 0 END), 0) AS BIGINT) AS drafts \
               FROM memberships m WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active'";
    let r = one(db, sql, vec![course_id.into(), assignment_id.into()]).await?;
    Ok(match r {
        Some(r) => (r.try_get("", "students")?, r.try_get("", "released")?, r.try_get("", "drafts")?),
        None => (0, 0, 0),
    })
}

/// The turnaround of each released piece of feedback on an assignment: giver, their
/// name, and how long it took.
pub async fn turnarounds(db: &impl ConnectionTrait, assignment_id: i64) -> Result<Vec<(i64, String, i64)>, DbErr> {
    let sql = "SELECT f.giver_id AS giver, u.name AS name, f.since_at AS since_at, f.released_at AS released_at \
               FROM feedback f JOIN users u ON u.id = f.giver_id \
               WHERE f.assignment_id = $1 AND f.status = 'released' ORDER BY u.name, f.giver_id, f.id";
    all(db, sql, vec![assignment_id.into()])
        .await?
        .iter()
        .map(|r| {
            let since: i64 = r.try_get("", "since_at")?;
            let at: Option<i64> = r.try_get("", "released_at")?;
            Ok((r.try_get("", "giver")?, r.try_get("", "name")?, super::rules::turnaround(since, at.unwrap_or(since))))
        })
        .collect()
}

/// The thing feedback is on: whose it is, when it was handed in, and a few words
/// naming it. `None` when it is not in the course.
pub async fn target(
    db: &impl ConnectionTrait,
    course_id: i64,
    target: super::rules::Target,
    id: i64,
) -> Result<Option<(Option<i64>, i64, String)>, DbErr> {
    use super::rules::Target;
    let sql = match target {
        Target::Post => {
            "SELECT author_id AS owner, created_at AS at, body AS about FROM forum_posts \
             WHERE id = $1 AND course_id = $2 AND deleted_at IS NULL"
        }
        Target::Introduction => {
            "SELECT user_id AS owner, created_at AS at, body AS about FROM introductions WHERE id = $1 AND course_id = $2"
        }
        Target::File => {
            "SELECT user_id AS owner, created_at AS at, name AS about FROM course_files WHERE id = $1 AND course_id = $2"
        }
        Target::Assignment => {
            "SELECT CAST(NULL AS BIGINT) AS owner, due_at AS at, title AS about FROM feedback_assignments \
             WHERE id = $1 AND course_id = $2"
        }
    };
    let Some(r) = one(db, sql, vec![id.into(), course_id.into()]).await? else { return Ok(None) };
    Ok(Some((r.try_get("", "owner")?, r.try_get("", "at")?, r.try_get("", "about")?)))
}

/// An active student of the course: their name.
pub async fn student(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<Option<String>, DbErr> {
    let sql = "SELECT u.name AS name FROM memberships m JOIN users u ON u.id = m.user_id \
               WHERE m.course_id = $1 AND m.user_id = $2 AND m.role = 'student' AND m.state = 'active'";
    one(db, sql, vec![course_id.into(), user_id.into()]).await?.map(|r| r.try_get("", "name")).transpose()
}

/// Names of people by id, in one statement.
pub async fn names(db: &impl ConnectionTrait, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>, DbErr> {
    use crate::db::entity::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::Id.is_in(ids.to_vec()))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Whether `viewer` may play or download a feedback file: its student once released, and
/// the course's teaching team.
pub async fn may_see_media(db: &impl ConnectionTrait, media_id: i64, viewer: i64) -> Result<bool, DbErr> {
    let sql = "SELECT f.student_id AS student_id, f.status AS status, \
               (SELECT m.role FROM memberships m WHERE m.course_id = f.course_id AND m.user_id = $2) AS role \
               FROM feedback f WHERE f.media_id = $1";
    let Some(r) = one(db, sql, vec![media_id.into(), viewer.into()]).await? else { return Ok(false) };
    let student: i64 = r.try_get("", "student_id")?;
    let status: String = r.try_get("", "status")?;
    let role: Option<String> = r.try_get("", "role")?;
    let teaching = role.as_deref().and_then(crate::policy::Role::parse).is_some_and(crate::policy::Role::is_teaching);
    Ok(teaching || (student == viewer && status == "released" && role.as_deref() == Some("student")))
}

/// The media of feedback about a student: removed with them.
pub async fn media_about(db: &impl ConnectionTrait, student: i64) -> Result<Vec<i64>, DbErr> {
    let sql = "SELECT media_id FROM feedback WHERE student_id = $1 AND media_id IS NOT NULL";
    all(db, sql, vec![student.into()]).await?.iter().map(|r| r.try_get("", "media_id")).collect()
}

/// Feedback as an item's own page shows it (under a post, an introduction, a file).
#[derive(Clone, Debug)]
pub struct OnItem {
    pub id: i64,
    pub target_id: i64,
    pub kind: String,
    pub body: String,
    pub media_id: Option<i64>,
    pub draft: bool,
    pub giver_name: Option<String>,
}

/// The feedback on these items of one kind (`target`: "post", "introduction", "file")
/// that `viewer` may see, with the giver's name: one statement bound to the viewer. A
/// student sees only the released feedback that is for them, the teaching team (`staff`)
/// all of it, drafts too; anyone else nothing.
pub async fn on_items(
    db: &impl ConnectionTrait,
    course_id: i64,
    target: &str,
    ids: &[i64],
    viewer: i64,
    staff: bool,
) -> Result<Vec<OnItem>, DbErr> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query};
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let (f, g) = (Alias::new("f"), Alias::new("g"));
    let col = |c: &str| Expr::col((f.clone(), Alias::new(c)));
    let mut q = Query::select();
    q.columns(["id", "target_id", "kind", "body", "media_id", "status"].map(|c| (f.clone(), Alias::new(c))))
        .expr_as(Expr::col((g.clone(), Alias::new("name"))), Alias::new("giver_name"))
        .from_as(Alias::new("feedback"), f.clone())
        .join_as(
            JoinType::LeftJoin,
            Alias::new("users"),
            g.clone(),
            Expr::col((g.clone(), Alias::new("id"))).equals((f.clone(), Alias::new("giver_id"))),
        )
        .and_where(col("course_id").eq(course_id))
        .and_where(col("target").eq(target))
        .and_where(col("target_id").is_in(ids.to_vec()))
        .order_by((f.clone(), Alias::new("id")), Order::Asc);
    if !staff {
        q.and_where(col("student_id").eq(viewer)).and_where(col("status").eq("released"));
    }
    db.query_all(&q)
        .await?
        .iter()
        .map(|r| {
            Ok(OnItem {
                id: r.try_get("", "id")?,
                target_id: r.try_get("", "target_id")?,
                kind: r.try_get("", "kind")?,
                body: r.try_get("", "body")?,
                media_id: r.try_get("", "media_id")?,
                draft: r.try_get::<String>("", "status")? != "released",
                giver_name: r.try_get("", "giver_name")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newest_first_list_reads_as_written_by_hand() {
        let s = newest_first!("due_at", "$2", "$3", "$4", "SELECT id FROM t WHERE course_id = $1");
        assert_eq!(s[0], "SELECT id FROM t WHERE course_id = $1 ORDER BY due_at DESC, id DESC LIMIT $2");
        assert_eq!(s[1], "SELECT id FROM t WHERE course_id = $1 ORDER BY due_at ASC, id ASC LIMIT $2");
        assert_eq!(
            s[2],
            "SELECT id FROM t WHERE course_id = $1 AND (due_at < $3 OR (due_at = $3 AND id < $4)) \
             ORDER BY due_at DESC, id DESC LIMIT $2"
        );
        assert_eq!(
            s[3],
            "SELECT id FROM t WHERE course_id = $1 AND (due_at > $3 OR (due_at = $3 AND id > $4)) \
             ORDER BY due_at ASC, id ASC LIMIT $2"
        );
    }

    #[test]
    fn a_page_after_a_key_binds_the_key_after_the_filter() {
        let sqls = ["a", "b", "c", "d"];
        let k = |after, backward| Keyset { after, backward, limit: 5 };
        assert_eq!(keyset_page(&k(None, false), sqls, vec![1i64.into()]), ("a", vec![1i64.into()]));
        assert_eq!(keyset_page(&k(None, true), sqls, vec![]).0, "b");
        let (sql, values) = keyset_page(&k(Some((7, 8)), false), sqls, vec![1i64.into()]);
        assert_eq!((sql, values), ("c", vec![1i64.into(), 7i64.into(), 8i64.into()]));
        assert_eq!(keyset_page(&k(Some((7, 8)), true), sqls, vec![]).0, "d");
    }
}
