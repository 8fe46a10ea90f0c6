//! Whom a member may write to, found by name a page at a time: the type-ahead on the
//! new-message page and its plain fallback read the same query. One statement whatever
//! the class size; the name is matched with a bound `LIKE` pattern.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, JoinType, LikeExpr, Order, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DbErr};

use crate::policy::{MemberState, Role};
use crate::web::paging::{Cursor, Key};

/// One person the writer may choose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub teaching: bool,
    /// The sort key as the database compares it (for the cursor).
    sort_name: String,
}

impl Person {
    pub fn cursor(&self) -> Cursor {
        Cursor::text(self.sort_name.clone(), self.id)
    }
}

/// What to look for.
pub struct Find<'a> {
    pub course_id: i64,
    /// The writer: never their own recipient.
    pub me: i64,
    /// With student-to-student messages off, a student reaches only the teaching team.
    pub teaching_only: bool,
    /// Part of a name; empty finds everyone.
    pub term: &'a str,
    /// Only these people (the ones a link preselects), if given.
    pub only: Option<&'a [i64]>,
    /// Leave these out (already chosen).
    pub except: &'a [i64],
}

fn lower_name() -> SimpleExpr {
    Func::lower(Expr::col(("u", "name"))).into()
}

/// Up to `limit` people after `from`, by name. Left out: the writer, observers, people
/// invited who have not joined, and anyone who blocked the writer (as the form's rules
/// refuse them anyway).
pub async fn find(
    db: &impl ConnectionTrait,
    f: &Find<'_>,
    from: Option<&Cursor>,
    limit: u64,
) -> Result<Vec<Person>, DbErr> {
    let blocked_me = Query::select()
        .expr(Expr::val(1))
        .from_as("blocks", "b")
        .and_where(Expr::col(("b", "user_id")).equals(("m", "user_id")))
        .and_where(Expr::col(("b", "blocked_id")).eq(f.me))
        .to_owned();
    let mut q = Query::select();
    q.expr_as(Expr::col(("u", "id")), "id")
        .expr_as(Expr::col(("u", "name")), "name")
        .expr_as(Expr::col(("m", "role")), "role")
        .expr_as(lower_name(), "sort_name")
        .from_as("memberships", "m")
        .join_as(JoinType::InnerJoin, "users", "u", Expr::col(("u", "id")).equals(("m", "user_id")))
        .and_where(Expr::col(("m", "course_id")).eq(f.course_id))
        .and_where(Expr::col(("m", "user_id")).ne(f.me))
        .and_where(Expr::col(("m", "state")).ne(MemberState::Invited.as_str()))
        .and_where(Expr::col(("m", "role")).ne(Role::Observer.as_str()))
        .and_where(Expr::exists(blocked_me).not());
    if f.teaching_only {
        q.and_where(Expr::col(("m", "role")).is_in([Role::Tutor.as_str(), Role::Ta.as_str()]));
    }
    let term = f.term.trim();
    if !term.is_empty() {
        q.and_where(lower_name().like(LikeExpr::new(crate::db::contains_pattern(term)).escape('\\')));
    }
    if let Some(ids) = f.only {
        q.and_where(Expr::col(("m", "user_id")).is_in(ids.to_vec()));
    }
    if !f.except.is_empty() {
        q.and_where(Expr::col(("m", "user_id")).is_not_in(f.except.to_vec()));
    }
    if let Some(c) = from {
        let k: SimpleExpr = match &c.key {
            // Names are text; an integer cursor is no name's and finds what sorts after it.
            Key::Int(v) => Expr::val(v.to_string()),
            Key::Text(v) => Expr::val(v.clone()),
        };
        q.cond_where(
            Condition::any()
                .add(lower_name().gt(k.clone()))
                .add(Condition::all().add(lower_name().eq(k)).add(Expr::col(("m", "user_id")).gt(c.id))),
        );
    }
    q.order_by_expr(lower_name(), Order::Asc).order_by(("m", "user_id"), Order::Asc).limit(limit);
    let mut out = vec![];
    for r in db.query_all(&q).await? {
        let Some(role) = Role::parse(&r.try_get::<String>("", "role")?) else { continue };
        out.push(Person {
            id: r.try_get("", "id")?,
            name: r.try_get("", "name")?,
            teaching: role.is_teaching(),
            sort_name: r.try_get("", "sort_name")?,
        });
    }
    Ok(out)
}

/// The `to` values of a query string or form, as ids: each once, the writer left out,
/// at most `max` (more than anyone may write to; the rules say so in words).
pub fn ids(pairs: impl Iterator<Item = (String, String)>, me: i64, max: usize) -> Vec<i64> {
    let mut out = vec![];
    for (k, v) in pairs {
        if k == "to"
            && let Ok(id) = v.trim().parse::<i64>()
            && id != me
            && !out.contains(&id)
            && out.len() < max
        {
            out.push(id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> impl Iterator<Item = (String, String)> {
        v.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn ids_are_distinct_never_mine_and_bounded() {
        assert_eq!(ids(pairs(&[("to", "3"), ("to", " 4"), ("to", "3"), ("to", "x"), ("q", "5")]), 9, 50), vec![3, 4]);
        assert_eq!(ids(pairs(&[("to", "9"), ("to", "2")]), 9, 50), vec![2]);
        let many: Vec<(String, String)> = (1..100).map(|i| ("to".to_string(), i.to_string())).collect();
        assert_eq!(ids(many.into_iter(), 0, 20).len(), 20);
    }
}
