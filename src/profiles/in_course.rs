//! Everyone's visibility choices in one course, in one query, for lists and APIs that
//! show a field of many people at once (the members API's time zones).

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::visibility::Choices;
use crate::db::entity::{membership, profile_detail};

/// The choices of the course's members who have made any; the others have the defaults.
pub async fn choices(db: &impl ConnectionTrait, course_id: i64) -> Result<HashMap<i64, Choices>, DbErr> {
    let members = Query::select()
        .column(membership::Column::UserId)
        .from(membership::Entity)
        .and_where(membership::Column::CourseId.eq(course_id))
        .to_owned();
    let rows: Vec<(i64, String)> = profile_detail::Entity::find()
        .select_only()
        .column(profile_detail::Column::UserId)
        .column(profile_detail::Column::Visibility)
        .filter(Expr::col(profile_detail::Column::UserId).in_subquery(members))
        .into_tuple()
        .all(db)
        .await?;
    // Most people share a few settings: parse each distinct one once.
    let mut parsed: HashMap<String, Choices> = HashMap::new();
    Ok(rows
        .into_iter()
        .map(|(id, vis)| (id, parsed.entry(vis).or_insert_with_key(|v| Choices::from_json(v)).clone()))
        .collect())
}
