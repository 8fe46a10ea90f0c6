//! Talking to an identity provider: its discovery document, the code-for-token exchange
//! (with the PKCE verifier and the client secret, server to server), and the ID token's
//! signature against the provider's published keys.
//!
//! Discovery and keys are cached in memory per issuer (every replica asks the provider
//! on its own; a provider's keys are public and cheap to fetch). A token naming a key we
//! lack makes us fetch the keys again, so a provider can rotate them, but at most every
//! `REFETCH_AFTER`, so made-up key ids cannot turn us into a client hammering it.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::Value;

use super::config::Provider;

const DISCOVERY_LIFETIME: Duration = Duration::from_secs(3600);
const KEYS_LIFETIME: Duration = Duration::from_secs(3600);
const REFETCH_AFTER: Duration = Duration::from_secs(30);

/// Asymmetric algorithms only: `none` and the HMAC family (whose "key" would be the
/// client secret) are never accepted.
const ALGORITHMS: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("the identity provider could not be reached or answered wrongly: {0}")]
    Down(String),
    #[error("the identity provider refused the sign-in: {0}")]
    Refused(String),
    #[error("the ID token cannot be read: {0}")]
    Unreadable(String),
    #[error("the ID token is signed with a key the provider does not publish")]
    UnknownKey,
    #[error("the ID token's signature is not right")]
    BadSignature,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Discovered {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
}

#[derive(Default)]
struct Cached {
    discovered: Option<(Discovered, Instant)>,
    keys: Option<(JwkSet, Instant)>,
}

fn cache() -> &'static Mutex<HashMap<String, Cached>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Cached>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            // The token endpoint answers directly; a redirect there would carry the code
            // and secret somewhere we did not choose.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client")
    })
}

async fn get_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, Failure> {
    let res = client().get(url).send().await.map_err(|e| Failure::Down(e.to_string()))?;
    let res = res.error_for_status().map_err(|e| Failure::Down(e.to_string()))?;
    res.json().await.map_err(|e| Failure::Down(format!("{url}: {e}")))
}

/// The provider's endpoints, from its discovery document (cached). The document must
/// name the configured issuer exactly (OpenID Connect Discovery 4.3).
pub async fn discover(p: &Provider) -> Result<Discovered, Failure> {
    if let Some((d, at)) = cache().lock().expect("sso cache").get(&p.issuer).and_then(|c| c.discovered.clone())
        && at.elapsed() < DISCOVERY_LIFETIME
    {
        return Ok(d);
    }
    let url = format!("{}/.well-known/openid-configuration", p.issuer.trim_end_matches('/'));
    let d: Discovered = get_json(&url).await?;
    if d.issuer != p.issuer {
        return Err(Failure::Down(format!("the discovery document names issuer {:?}", d.issuer)));
    }
    cache().lock().expect("sso cache").entry(p.issuer.clone()).or_default().discovered =
        Some((d.clone(), Instant::now()));
    Ok(d)
}

#[derive(Deserialize)]
struct TokenAnswer {
    id_token: Option<String>,
}

/// Trade the code for tokens; returns the ID token.
pub async fn exchange(
    p: &Provider,
    d: &Discovered,
    code: &str,
    verifier: &str,
    redirect_uri: &str,
) -> Result<String, Failure> {
    let res = client()
        .post(&d.token_endpoint)
        .basic_auth(&p.client_id, Some(&p.client_secret))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .map_err(|e| Failure::Down(e.to_string()))?;
    let status = res.status();
    if status.is_client_error() {
        // An OAuth error answer: its `error` code is safe to show an admin.
        let body: Value = res.json().await.unwrap_or(Value::Null);
        let code = body.get("error").and_then(Value::as_str).unwrap_or("unknown error");
        return Err(Failure::Refused(format!("token endpoint: {status} {code}")));
    }
    if !status.is_success() {
        return Err(Failure::Down(format!("token endpoint: {status}")));
    }
    let answer: TokenAnswer = res.json().await.map_err(|e| Failure::Down(e.to_string()))?;
    answer.id_token.ok_or_else(|| Failure::Refused("the token answer has no id_token".into()))
}

fn pick<'a>(set: &'a JwkSet, kid: Option<&str>) -> Option<&'a Jwk> {
    match kid {
        Some(k) => set.find(k),
        // A token without a key id is fine when the provider publishes one key only.
        None if set.keys.len() == 1 => set.keys.first(),
        None => None,
    }
}

async fn key_for(p: &Provider, d: &Discovered, kid: Option<&str>) -> Result<Jwk, Failure> {
    let cached = cache().lock().expect("sso cache").get(&p.issuer).and_then(|c| c.keys.clone());
    if let Some((set, at)) = &cached {
        if at.elapsed() < KEYS_LIFETIME
            && let Some(k) = pick(set, kid)
        {
            return Ok(k.clone());
        }
        if at.elapsed() < REFETCH_AFTER {
            return Err(Failure::UnknownKey);
        }
    }
    let set: JwkSet = get_json(&d.jwks_uri).await?;
    let found = pick(&set, kid).cloned();
    cache().lock().expect("sso cache").entry(p.issuer.clone()).or_default().keys = Some((set, Instant::now()));
    found.ok_or(Failure::UnknownKey)
}

/// The claims of an ID token whose signature is right; the claims themselves are checked
/// by `flow::check`, which names what is wrong.
pub async fn verify(p: &Provider, d: &Discovered, token: &str) -> Result<Value, Failure> {
    let header = jsonwebtoken::decode_header(token).map_err(|e| Failure::Unreadable(e.to_string()))?;
    if !ALGORITHMS.contains(&header.alg) {
        return Err(Failure::Unreadable(format!("{:?} is not an algorithm we accept", header.alg)));
    }
    let jwk = key_for(p, d, header.kid.as_deref()).await?;
    let key = DecodingKey::from_jwk(&jwk).map_err(|e| Failure::Unreadable(e.to_string()))?;
    let mut v = Validation::new(header.alg);
    v.validate_exp = false;
    v.validate_aud = false;
    v.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Value>(token, &key, &v).map_err(|e| match e.kind() {
        jsonwebtoken::errors::ErrorKind::InvalidSignature => Failure::BadSignature,
        _ => Failure::Unreadable(e.to_string()),
    })?;
    Ok(data.claims)
}
