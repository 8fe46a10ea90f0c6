//! Raw statements written once for both databases, with every value bound (`$1`…),
//! never formatted into the text. Feature query modules call these instead of each
//! keeping its own copy.

use sea_orm::{ConnectionTrait, DbErr, QueryResult, Statement, Value};

pub fn stmt(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(db.get_database_backend(), sql, values)
}

pub async fn exec(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<u64, DbErr> {
    Ok(db.execute_raw(stmt(db, sql, values)).await?.rows_affected())
}

pub async fn one(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<Option<QueryResult>, DbErr> {
    db.query_one_raw(stmt(db, sql, values)).await
}

/// Many rows as one bound value: a JSON array that `json_to_recordset` (PostgreSQL) or
/// `json_each` (SQLite) turns back into rows, so a batch is one statement with one
/// parameter instead of thousands (decision 0040).
pub fn json_rows(rows: &impl serde::Serialize) -> Result<Value, DbErr> {
    serde_json::to_string(rows).map(Value::from).map_err(|e| DbErr::Custom(e.to_string()))
}

pub async fn all(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all_raw(stmt(db, sql, values)).await
}
