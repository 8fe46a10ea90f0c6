//! Counting hits in fixed windows, in the database so that every replica sees the same
//! counts. A check is ONE statement: an upsert of the person's and the address's rows
//! for the current window that returns the new counts (`INSERT … ON CONFLICT DO UPDATE
//! … RETURNING`, the same on SQLite and PostgreSQL). See docs/decisions/0010.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};
use sha2::{Digest, Sha256};

use super::limits::{self, Act, Limit};

pub const TABLE: &str = "rate_counters";

/// Who is counted. Stored only as a digest: the table says how often, not who.
pub fn subject(kind: &str, who: &str) -> String {
    let digest = Sha256::digest(format!("{kind}:{who}").as_bytes());
    hex::encode(&digest[..16])
}

/// Count one attempt of `act` by `person` (if signed in, or the address typed in for a
/// reset) from `address`. `Some(seconds)` when either count is over its limit: the
/// attempt is refused and may be retried after that many seconds.
pub async fn hit(
    db: &impl ConnectionTrait,
    act: Act,
    limit: Limit,
    person: Option<&str>,
    address: &str,
    now: i64,
) -> Result<Option<u64>, DbErr> {
    if limit.is_off() {
        return Ok(None);
    }
    let start = limits::window_start(now, limit.window_secs);
    let expires = start + i64::from(limit.window_secs) * 1000;
    let mut rows: Vec<(String, u32)> = vec![(subject("address", address), limit.per_address)];
    if let Some(p) = person {
        rows.push((subject("person", p), limit.per_person));
    }
    let mut insert = Query::insert();
    insert.into_table(TABLE).columns(["action", "subject", "window_start", "hits", "expires_at"]);
    for (s, _) in &rows {
        insert.values_panic([act.as_str().into(), s.clone().into(), start.into(), 1i64.into(), expires.into()]);
    }
    insert
        .on_conflict(
            OnConflict::columns(["action", "subject", "window_start"])
                .value("hits", Expr::col((TABLE, "hits")).add(1))
                .to_owned(),
        )
        .returning(Query::returning().columns(["subject", "hits"]));
    let stmt = db.get_database_backend().build(&insert);
    let mut over = false;
    for row in db.query_all_raw(stmt).await? {
        let s: String = row.try_get("", "subject")?;
        let hits: i64 = row.try_get("", "hits")?;
        let allowed = rows.iter().find(|(r, _)| *r == s).map(|(_, a)| *a).unwrap_or(0);
        over |= limits::over(hits, allowed);
    }
    Ok(over.then(|| limits::retry_after_secs(now, start, limit.window_secs)))
}

/// Forget windows that have passed (the cleanup job).
pub async fn prune(db: &impl ConnectionTrait, now: i64) -> Result<u64, DbErr> {
    let mut delete = Query::delete();
    delete.from_table(TABLE).and_where(Expr::col("expires_at").lt(now));
    let stmt = db.get_database_backend().build(&delete);
    Ok(db.execute_raw(stmt).await?.rows_affected())
}
