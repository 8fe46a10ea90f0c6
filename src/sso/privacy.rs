//! Export and erasure of a person's linked identities, for `crate::privacy`.

use sea_orm::{ConnectionTrait, DbErr, Statement};
use serde_json::{Value, json};

pub async fn export(db: &impl ConnectionTrait, user_id: i64) -> Result<Value, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT issuer, subject, email, created_at, signed_in_at FROM sso_identities \
             WHERE user_id = $1 ORDER BY id",
            vec![user_id.into()],
        ))
        .await?;
    let mut out = vec![];
    for r in rows {
        out.push(json!({
            "issuer": r.try_get::<String>("", "issuer")?,
            "subject": r.try_get::<String>("", "subject")?,
            "email": r.try_get::<String>("", "email")?,
            "created_at": r.try_get::<i64>("", "created_at")?,
            "signed_in_at": r.try_get::<Option<i64>>("", "signed_in_at")?,
        }));
    }
    Ok(Value::Array(out))
}

/// Forgotten with the person: a later sign-in with the same provider starts afresh.
pub async fn erase(db: &impl ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "DELETE FROM sso_identities WHERE user_id = $1",
        vec![user_id.into()],
    ))
    .await
    .map(|_| ())
}
