//! The introductions page's reads that must not grow with the class: the welcomes under a
//! page of introductions (the latest few of each, with a count) and the teaching team's
//! list of students who have not introduced themselves (the first few, with a count).

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{Asterisk, Expr, ExprTrait, Func, Order, Query, WindowStatement};
use sea_orm::{ConnectionTrait, DbErr};

use crate::db::entity::introduction_reply::{self, Column as R};
use crate::policy::Role;
use crate::time::now_ms;

/// Welcomes shown under each introduction; a popular one says how many more it has.
pub const WELCOMES_SHOWN: i64 = 5;
/// Students listed as not introduced yet; the radar's "not introduced" filter has them all.
pub const MISSING_SHOWN: u64 = 50;

/// The welcomes under a page of introductions.
#[derive(Default)]
pub struct Welcomes {
    /// The latest few of each introduction, oldest first.
    pub shown: HashMap<i64, Vec<introduction_reply::Model>>,
    /// How many each introduction has in all.
    pub total: HashMap<i64, i64>,
    /// The introductions the viewer has welcomed.
    pub mine: HashSet<i64>,
}

/// One statement whatever the number of welcomes: window functions pick the latest few of
/// each introduction, count them all and tell whether the viewer is among them.
pub async fn welcomes(db: &impl ConnectionTrait, intro_ids: &[i64], me: i64) -> Result<Welcomes, DbErr> {
    let mut out = Welcomes::default();
    if intro_ids.is_empty() {
        return Ok(out);
    }
    let by_intro = || WindowStatement::partition_by(R::IntroductionId);
    let latest = by_intro().order_by(R::CreatedAt, Order::Desc).order_by(R::Id, Order::Desc).to_owned();
    let inner = Query::select()
        .columns([R::Id, R::IntroductionId, R::UserId, R::Body, R::CreatedAt])
        .from(introduction_reply::Entity)
        .and_where(Expr::col(R::IntroductionId).is_in(intro_ids.iter().copied()))
        .expr_window_as(Func::cust("ROW_NUMBER"), latest, "rn")
        .expr_window_as(Func::count(Expr::col(Asterisk)), by_intro(), "total")
        .expr_window_as(Func::max(Expr::case(Expr::col(R::UserId).eq(me), 1).finally(0)), by_intro(), "mine")
        .to_owned();
    let outer = Query::select()
        .column(Asterisk)
        .from_subquery(inner, "w")
        .and_where(Expr::col("rn").lte(WELCOMES_SHOWN))
        .to_owned();
    let rows = db.query_all_raw(db.get_database_backend().build(&outer)).await?;
    for r in rows {
        let intro: i64 = r.try_get("", "introduction_id")?;
        out.total.insert(intro, r.try_get("", "total")?);
        if r.try_get::<i32>("", "mine").map(i64::from).or_else(|_| r.try_get::<i64>("", "mine"))? > 0 {
            out.mine.insert(intro);
        }
        out.shown.entry(intro).or_default().push(introduction_reply::Model {
            id: r.try_get("", "id")?,
            introduction_id: intro,
            user_id: r.try_get("", "user_id")?,
            body: r.try_get("", "body")?,
            created_at: r.try_get("", "created_at")?,
        });
    }
    for list in out.shown.values_mut() {
        list.sort_by_key(|w| (w.created_at, w.id));
    }
    Ok(out)
}

/// A student who has not introduced themselves: id, name, last nudged, nudged today.
pub type Missing = (i64, String, Option<i64>, bool);

/// For the teaching team: the first students (by name) who have not introduced themselves,
/// whether they were nudged in the last day, and how many there are in all. One query:
/// students left-joined to their introduction, counted by a window over the same rows.
pub async fn missing(
    db: &impl ConnectionTrait,
    course_id: i64,
    nudge_every_ms: i64,
) -> Result<(Vec<Missing>, i64), DbErr> {
    let sql = "SELECT u.id AS id, u.name AS name, COUNT(*) OVER () AS total, \
               (SELECT MAX(n.sent_at) FROM introduction_nudges n WHERE n.course_id = m.course_id AND n.user_id = u.id) AS nudged \
               FROM memberships m JOIN users u ON u.id = m.user_id \
               LEFT JOIN introductions i ON i.course_id = m.course_id AND i.user_id = m.user_id \
               WHERE m.course_id = $1 AND m.role = $2 AND m.state = 'active' AND i.id IS NULL \
               ORDER BY LOWER(u.name), u.id LIMIT $3";
    let stmt = sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        [course_id.into(), Role::Student.as_str().into(), (MISSING_SHOWN as i64).into()],
    );
    let since = now_ms() - nudge_every_ms;
    let (mut out, mut total) = (vec![], 0);
    for r in db.query_all_raw(stmt).await? {
        let nudged: Option<i64> = r.try_get("", "nudged")?;
        total = r.try_get("", "total")?;
        out.push((r.try_get("", "id")?, r.try_get::<String>("", "name")?, nudged, nudged.is_some_and(|t| t > since)));
    }
    Ok((out, total))
}
