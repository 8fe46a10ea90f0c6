//! The admin's searchable lists (courses, people) read the same way: a lower-case
//! `LIKE` over some columns, then one keyset page by a text column and the id.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, LikeExpr, Order};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Select};

use crate::web::paging::{Cursor, DEFAULT_SIZE, Paged, base_href};

/// The search term as typed (trimmed) and the page of `query` it finds: rows whose
/// `searched` columns contain the term, ignoring case the same way on both databases,
/// sorted by `sort` then `id`, with links at `base` that keep the search.
pub(super) async fn page<E, M>(
    db: &impl ConnectionTrait,
    q: &super::ListQuery,
    mut query: Select<E>,
    searched: &[E::Column],
    (sort, id): (E::Column, E::Column),
    base: &str,
    key: impl Fn(&M) -> Cursor,
) -> Result<(String, Paged<M>), DbErr>
where
    E: EntityTrait,
    M: FromQueryResult + Send + Sync,
{
    let term = q.term();
    let p = q.paging();
    let (dir, from) = p.cursor();
    let size = p.size(DEFAULT_SIZE);
    let order = dir.order(Order::Asc);
    if !term.is_empty() {
        let pattern = crate::db::contains_pattern(&term);
        let mut any = Condition::any();
        for c in searched {
            any = any.add(Expr::expr(Func::lower(Expr::col(*c))).like(LikeExpr::new(pattern.clone()).escape('\\')));
        }
        query = query.filter(any);
    }
    if let Some(c) = &from {
        query = query.filter(c.condition(sort, id, order.clone()));
    }
    let rows =
        query.order_by(sort, order.clone()).order_by(id, order).limit(size + 1).into_model::<M>().all(db).await?;
    let paged = Paged::build(rows, size, dir, from.as_ref(), base_href(base, &[("q", &term)]), key);
    Ok((term, paged))
}
