//! The members page's list: filtered by role and state, searched by name or email,
//! sorted by name or by last active, read a page at a time with keysets (the CSV export
//! reads the same list in large pages).

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, JoinType, LikeExpr, Order, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DbErr};
use serde::Deserialize;

use crate::policy::{MemberState, Role};
use crate::web::paging::{Cursor, Dir, Key};

/// What the list's address asks for; empty means "any".
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub sort: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Name,
    /// Most recently active first; people never seen last.
    LastActive,
}

impl Filter {
    pub fn sort(&self) -> Sort {
        if self.sort == "active" { Sort::LastActive } else { Sort::Name }
    }

    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.role)
    }

    pub fn state(&self) -> Option<MemberState> {
        MemberState::parse(self.state.trim())
    }

    pub fn term(&self) -> &str {
        self.q.trim()
    }

    /// The filters as they go back into links (paging, the export, role changes).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.term().to_string()),
            ("role", self.role().map(|r| r.as_str().to_string()).unwrap_or_default()),
            ("state", self.state().map(|s| s.as_str().to_string()).unwrap_or_default()),
            ("sort", if self.sort() == Sort::LastActive { "active".into() } else { String::new() }),
        ]
    }
}

/// A LIKE pattern that finds `term` anywhere in lower-cased text, wildcards escaped.
pub fn like_pattern(term: &str) -> String {
    let mut p = String::from("%");
    for c in term.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// One member as the page and the export show them.
#[derive(Clone, Debug)]
pub struct Row {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub state: MemberState,
    pub joined_at: i64,
    pub last_seen_at: i64,
    /// The sort key as the database compares it (for the cursor).
    sort_name: String,
}

impl Row {
    /// A stable hue per person, so a placeholder face is recognisably theirs.
    pub fn hue(&self) -> i64 {
        (self.user_id * 47) % 360
    }

    pub fn cursor(&self, sort: Sort) -> Cursor {
        match sort {
            Sort::Name => Cursor::text(self.sort_name.clone(), self.user_id),
            Sort::LastActive => Cursor::int(self.last_seen_at, self.user_id),
        }
    }
}

fn lower_name() -> SimpleExpr {
    Func::lower(Expr::col(("u", "name"))).into()
}

/// Up to `limit` members of the course after (or before) `from`, in `dir`'s order.
pub async fn page(
    db: &impl ConnectionTrait,
    course_id: i64,
    f: &Filter,
    dir: Dir,
    from: Option<&Cursor>,
    limit: u64,
) -> Result<Vec<Row>, DbErr> {
    let sort = f.sort();
    let reading = if sort == Sort::Name { Order::Asc } else { Order::Desc };
    let order = dir.order(reading);
    let key: SimpleExpr = match sort {
        Sort::Name => lower_name(),
        Sort::LastActive => Expr::col(("m", "last_seen_at")),
    };
    let mut q = Query::select();
    q.expr_as(Expr::col(("u", "id")), "id")
        .expr_as(Expr::col(("u", "name")), "name")
        .expr_as(Expr::col(("u", "email")), "email")
        .expr_as(Expr::col(("m", "role")), "role")
        .expr_as(Expr::col(("m", "state")), "state")
        .expr_as(Expr::col(("m", "created_at")), "joined")
        .expr_as(Expr::col(("m", "last_seen_at")), "seen")
        .expr_as(lower_name(), "sort_name")
        .from_as("memberships", "m")
        .join_as(JoinType::InnerJoin, "users", "u", Expr::col(("u", "id")).equals(("m", "user_id")))
        .and_where(Expr::col(("m", "course_id")).eq(course_id));
    if let Some(r) = f.role() {
        q.and_where(Expr::col(("m", "role")).eq(r.as_str()));
    }
    if let Some(s) = f.state() {
        q.and_where(Expr::col(("m", "state")).eq(s.as_str()));
    }
    if !f.term().is_empty() {
        let pattern = like_pattern(f.term());
        q.cond_where(
            Condition::any().add(lower_name().like(LikeExpr::new(pattern.clone()).escape('\\'))).add(
                SimpleExpr::from(Func::lower(Expr::col(("u", "email")))).like(LikeExpr::new(pattern).escape('\\')),
            ),
        );
    }
    if let Some(c) = from {
        let k: SimpleExpr = match &c.key {
            Key::Int(v) => Expr::val(*v),
            Key::Text(v) => Expr::val(v.clone()),
        };
        let id = Expr::col(("m", "user_id"));
        let (beyond_key, beyond_id) = match order {
            Order::Desc => (key.clone().lt(k.clone()), id.lt(c.id)),
            _ => (key.clone().gt(k.clone()), id.gt(c.id)),
        };
        q.cond_where(Condition::any().add(beyond_key).add(Condition::all().add(key.clone().eq(k)).add(beyond_id)));
    }
    q.order_by_expr(key, order.clone()).order_by(("m", "user_id"), order).limit(limit);
    let mut out = vec![];
    for r in db.query_all(&q).await? {
        let Some(role) = Role::parse(&r.try_get::<String>("", "role")?) else { continue };
        out.push(Row {
            user_id: r.try_get("", "id")?,
            name: r.try_get("", "name")?,
            email: r.try_get("", "email")?,
            role,
            state: MemberState::parse(&r.try_get::<String>("", "state")?).unwrap_or(MemberState::Active),
            joined_at: r.try_get("", "joined")?,
            last_seen_at: r.try_get("", "seen")?,
            sort_name: r.try_get("", "sort_name")?,
        });
    }
    Ok(out)
}

/// How many members are in each state (the page's summary and filter labels).
pub async fn counts(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<(MemberState, i64)>, DbErr> {
    let q = Query::select()
        .column("state")
        .expr_as(Expr::col("id").count(), "n")
        .from("memberships")
        .and_where(Expr::col("course_id").eq(course_id))
        .group_by_col("state")
        .to_owned();
    let mut out = vec![];
    for r in db.query_all(&q).await? {
        if let Some(s) = MemberState::parse(&r.try_get::<String>("", "state")?) {
            out.push((s, r.try_get("", "n")?));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_escape_wildcards_and_ignore_case() {
        assert_eq!(like_pattern("Ann_50%"), "%ann\\_50\\%%");
        assert_eq!(like_pattern("a\\b"), "%a\\\\b%");
    }

    #[test]
    fn filters_go_back_into_links_only_when_meaningful() {
        let f = Filter { q: "  ann ".into(), role: "wizard".into(), state: "invited".into(), sort: "active".into() };
        let p = f.params();
        assert_eq!(p[0], ("q", "ann".to_string()));
        assert_eq!(p[1], ("role", String::new()));
        assert_eq!(p[2], ("state", "invited".to_string()));
        assert_eq!(p[3], ("sort", "active".to_string()));
        assert_eq!(Filter::default().sort(), Sort::Name);
    }
}
