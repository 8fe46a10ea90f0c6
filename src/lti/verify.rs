//! Checking a platform's `id_token`: its RS256 signature against the platform's published
//! keys (cached in the database; fetched again when a token names a key we lack, so a
//! platform can rotate its keys), then the claims by the pure rules of `homeroom_lti`.

use std::sync::OnceLock;
use std::time::Duration;

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use sea_orm::ConnectionTrait;
use serde_json::Value;

use super::platforms::{self, Platform};
use crate::time::now_ms;

/// Clock differences between the platform and us that we forgive, in seconds.
pub const LEEWAY_SECS: i64 = 60;
/// A token naming an unknown key makes us fetch the platform's keys at most this often,
/// so a stream of made-up key ids cannot turn us into a client hammering the platform.
const REFETCH_AFTER_MS: i64 = 30_000;

#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("the token cannot be read: {0}")]
    Unreadable(String),
    #[error("the token is signed with a key the platform does not publish")]
    UnknownKey,
    #[error("the platform's keys could not be fetched: {0}")]
    Fetch(String),
    #[error("the token's signature is not right")]
    BadSignature,
    #[error(transparent)]
    Claims(#[from] homeroom_lti::launch::Refused),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
}

pub fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::limited(3))
            .build()
            .expect("an HTTP client")
    })
}

async fn fetch_jwks(db: &impl ConnectionTrait, p: &Platform) -> Result<JwkSet, Refusal> {
    let text = client()
        .get(&p.jwks_url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| Refusal::Fetch(e.to_string()))?
        .text()
        .await
        .map_err(|e| Refusal::Fetch(e.to_string()))?;
    let set: JwkSet = serde_json::from_str(&text).map_err(|e| Refusal::Fetch(e.to_string()))?;
    platforms::save_jwks(db, p.id, &text).await?;
    Ok(set)
}

fn pick<'a>(set: &'a JwkSet, kid: Option<&str>) -> Option<&'a jsonwebtoken::jwk::Jwk> {
    match kid {
        Some(k) => set.find(k),
        // A token without a key id is fine when the platform has one key only.
        None if set.keys.len() == 1 => set.keys.first(),
        None => None,
    }
}

/// Verify a launch's `id_token` from `p`, expecting `nonce`.
pub async fn id_token(
    db: &impl ConnectionTrait,
    p: &Platform,
    token: &str,
    nonce: &str,
) -> Result<homeroom_lti::launch::Launch, Refusal> {
    let header = jsonwebtoken::decode_header(token).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if header.alg != Algorithm::RS256 {
        return Err(Refusal::Unreadable(format!("{:?} is not RS256", header.alg)));
    }
    let kid = header.kid.as_deref();
    let cached: Option<JwkSet> = p.jwks_cache.as_deref().and_then(|c| serde_json::from_str(c).ok());
    let jwk = match cached.as_ref().and_then(|s| pick(s, kid)) {
        Some(k) => k.clone(),
        None => {
            let recent = p.jwks_fetched_at.is_some_and(|t| now_ms() - t < REFETCH_AFTER_MS);
            if recent && cached.is_some() {
                return Err(Refusal::UnknownKey);
            }
            let fresh = fetch_jwks(db, p).await?;
            pick(&fresh, kid).cloned().ok_or(Refusal::UnknownKey)?
        }
    };
    let key = DecodingKey::from_jwk(&jwk).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    // Times, audience and issuer are checked by `homeroom_lti::launch::check`, which
    // names what is wrong; here only the signature.
    let mut v = Validation::new(Algorithm::RS256);
    v.validate_exp = false;
    v.validate_aud = false;
    v.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Value>(token, &key, &v).map_err(|e| match e.kind() {
        jsonwebtoken::errors::ErrorKind::InvalidSignature => Refusal::BadSignature,
        _ => Refusal::Unreadable(e.to_string()),
    })?;
    let now = now_ms() / 1000;
    Ok(homeroom_lti::launch::check(&data.claims, &p.registration(), nonce, now, LEEWAY_SECS)?)
}
