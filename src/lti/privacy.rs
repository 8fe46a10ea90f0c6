//! Export and erasure of a person's LTI rows, for `crate::privacy`.

use sea_orm::{ConnectionTrait, DbErr};
use serde_json::{Value, json};

use super::sql;

pub async fn export(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<Value, DbErr> {
    let (query, fields): (&str, &[&str]) = match table {
        "lti_accounts" => (
            "SELECT p.issuer, a.subject, a.created_at, a.launched_at, a.picture_url FROM lti_accounts a \
             JOIN lti_platforms p ON p.id = a.platform_id WHERE a.user_id = $1 ORDER BY a.id",
            &["issuer", "subject", "created_at", "launched_at", "picture_url"],
        ),
        "lti_logins" => (
            "SELECT p.issuer, l.created_at, l.used_at FROM lti_logins l \
             JOIN lti_platforms p ON p.id = l.platform_id WHERE l.user_id = $1 ORDER BY l.id",
            &["issuer", "created_at", "used_at"],
        ),
        "lti_contexts" => (
            "SELECT context_id, title FROM lti_contexts WHERE instructor_id = $1 ORDER BY id",
            &["context_id", "title"],
        ),
        other => return Err(DbErr::Custom(format!("lti privacy: no table {other}"))),
    };
    let rows = sql::all(db, query, vec![user_id.into()]).await?;
    let mut out = vec![];
    for r in rows {
        let mut o = serde_json::Map::new();
        for f in fields {
            let v = match r.try_get::<Option<String>>("", f) {
                Ok(s) => json!(s),
                Err(_) => json!(r.try_get::<Option<i64>>("", f)?),
            };
            o.insert(f.to_string(), v);
        }
        out.push(Value::Object(o));
    }
    Ok(Value::Array(out))
}

pub async fn erase(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<(), DbErr> {
    let query = match table {
        "lti_accounts" => "DELETE FROM lti_accounts WHERE user_id = $1",
        "lti_logins" => "DELETE FROM lti_logins WHERE user_id = $1",
        // The LMS course stays (it may be linked to a course of others); only who may
        // link it is forgotten.
        "lti_contexts" => "UPDATE lti_contexts SET instructor_id = NULL WHERE instructor_id = $1",
        other => return Err(DbErr::Custom(format!("lti privacy: no table {other}"))),
    };
    sql::exec(db, query, vec![user_id.into()]).await.map(|_| ())
}
