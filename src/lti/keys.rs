//! The tool's own signing keys. RSA (RS256 is what every LMS verifies), made the first
//! time one is needed and kept in the database so every replica signs with the same key;
//! `homeroom lti rotate-key` makes a new one. The JWKS lists every key not retired: a
//! rotation retires all but the newest two, so a platform that cached the previous key
//! still verifies messages signed just before the rotation.

use base64::Engine;
use sea_orm::{ConnectionTrait, DbErr};
use serde_json::{Value, json};

use super::sql;
use crate::time::now_ms;

const BITS: usize = 2048;

pub struct ToolKey {
    pub kid: String,
    pub private_pem: String,
}

struct Fresh {
    kid: String,
    pem: String,
    n: String,
    e: String,
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn generate() -> Result<Fresh, String> {
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::traits::PublicKeyParts;
    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, BITS).map_err(|e| e.to_string())?;
    let pem = key.to_pkcs1_pem(rsa::pkcs1::LineEnding::LF).map_err(|e| e.to_string())?.to_string();
    let mut id = [0u8; 12];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut id);
    Ok(Fresh { kid: hex::encode(id), pem, n: b64(&key.n().to_bytes_be()), e: b64(&key.e().to_bytes_be()) })
}

/// Make a key off the async threads (a 2048-bit key takes a moment) and store it.
async fn add(db: &impl ConnectionTrait) -> Result<String, DbErr> {
    let fresh = tokio::task::spawn_blocking(generate)
        .await
        .map_err(|e| DbErr::Custom(format!("key generation stopped: {e}")))?
        .map_err(DbErr::Custom)?;
    sql::exec(
        db,
        "INSERT INTO lti_keys (kid, private_pem, public_n, public_e, created_at) VALUES ($1, $2, $3, $4, $5)",
        vec![fresh.kid.clone().into(), fresh.pem.into(), fresh.n.into(), fresh.e.into(), now_ms().into()],
    )
    .await?;
    Ok(fresh.kid)
}

/// The key that signs now, made if there is none yet.
pub async fn current(db: &impl ConnectionTrait) -> Result<ToolKey, DbErr> {
    let find = || {
        sql::one(db, "SELECT kid, private_pem FROM lti_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1", vec![])
    };
    let row = match find().await? {
        Some(r) => r,
        None => {
            add(db).await?;
            find().await?.ok_or_else(|| DbErr::Custom("the LTI key was not stored".into()))?
        }
    };
    Ok(ToolKey { kid: row.try_get("", "kid")?, private_pem: row.try_get("", "private_pem")? })
}

/// A new signing key; keys older than the previous one are retired. Returns the new kid.
pub async fn rotate(db: &impl ConnectionTrait) -> Result<String, DbErr> {
    let kid = add(db).await?;
    let keep: Vec<i64> =
        sql::all(db, "SELECT id FROM lti_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 2", vec![])
            .await?
            .iter()
            .map(|r| r.try_get("", "id"))
            .collect::<Result<_, _>>()?;
    let oldest_kept = keep.iter().copied().min().unwrap_or(0);
    sql::exec(
        db,
        "UPDATE lti_keys SET retired_at = $1 WHERE retired_at IS NULL AND id < $2",
        vec![now_ms().into(), oldest_kept.into()],
    )
    .await?;
    Ok(kid)
}

/// The public keys, as a JWKS document.
pub async fn jwks(db: &impl ConnectionTrait) -> Result<Value, DbErr> {
    current(db).await?;
    let rows =
        sql::all(db, "SELECT kid, public_n, public_e FROM lti_keys WHERE retired_at IS NULL ORDER BY id DESC", vec![])
            .await?;
    let mut keys = vec![];
    for r in rows {
        keys.push(json!({
            "kty": "RSA", "alg": "RS256", "use": "sig",
            "kid": r.try_get::<String>("", "kid")?,
            "n": r.try_get::<String>("", "public_n")?,
            "e": r.try_get::<String>("", "public_e")?,
        }));
    }
    Ok(json!({ "keys": keys }))
}
