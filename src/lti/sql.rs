//! Statements on the LTI tables, written once for both databases: values are always
//! bound (`$1`…), never formatted into the text.

use sea_orm::{ConnectionTrait, DbErr, Value};

pub use crate::db::sql::{all, exec, one, stmt};

/// An `INSERT … RETURNING id`.
pub async fn insert(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<i64, DbErr> {
    let row = one(db, &format!("{sql} RETURNING id"), values)
        .await?
        .ok_or_else(|| DbErr::Custom("an insert returned no id".into()))?;
    row.try_get("", "id")
}
