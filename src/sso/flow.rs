//! The rules of an OpenID Connect sign-in that need no I/O: the PKCE challenge, the
//! address we send people to, and what an ID token's claims must say before we believe
//! them (issuer, audience, times, nonce, a subject, the address and whether the provider
//! verified it). Pure, so every rule has a test.

use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Clock differences between the provider and us that we forgive, in seconds.
pub const LEEWAY_SECS: i64 = 60;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// 32 random bytes, URL-safe: states, nonces and PKCE verifiers (RFC 7636 asks for 43
/// to 128 characters; this is 43).
pub fn random_value() -> String {
    let mut bytes = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    b64(&bytes)
}

/// The PKCE `S256` challenge of a verifier.
pub fn pkce_challenge(verifier: &str) -> String {
    b64(&Sha256::digest(verifier.as_bytes()))
}

/// What we keep of a state: its digest, so the table cannot finish anyone's sign-in.
pub fn state_digest(state: &str) -> String {
    hex::encode(Sha256::digest(state.as_bytes()))
}

pub struct AuthRequest<'a> {
    pub endpoint: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub state: &'a str,
    pub nonce: &'a str,
    pub verifier: &'a str,
}

/// The provider's authorization address for this sign-in. Parameters the endpoint
/// already carries are kept (some providers put a tenant there).
pub fn authorize_url(r: &AuthRequest) -> Result<String, url::ParseError> {
    let mut u = url::Url::parse(r.endpoint)?;
    u.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", r.client_id)
        .append_pair("redirect_uri", r.redirect_uri)
        .append_pair("scope", "openid email profile")
        .append_pair("state", r.state)
        .append_pair("nonce", r.nonce)
        .append_pair("code_challenge", &pkce_challenge(r.verifier))
        .append_pair("code_challenge_method", "S256");
    Ok(u.into())
}

/// Why an ID token's claims are not believed. Each maps to words for the person and a
/// detail for the admin.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the token was issued by {0:?}, not by the configured issuer")]
    Issuer(String),
    #[error("the token is not meant for this client")]
    Audience,
    #[error("the token has expired")]
    Expired,
    #[error("the token was issued in the future")]
    Future,
    #[error("the token's nonce is not the one this sign-in sent")]
    Nonce,
    #[error("the token names nobody (no sub)")]
    Subject,
}

/// The person an ID token names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub subject: String,
    pub email: Option<String>,
    /// Only a `true` boolean counts: a missing claim or the string "true" does not.
    pub email_verified: bool,
    pub name: Option<String>,
}

fn int(claims: &Value, key: &str) -> Option<i64> {
    claims.get(key).and_then(Value::as_i64)
}

fn text(claims: &Value, key: &str) -> Option<String> {
    claims.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

/// The display name a provider offers: `name`, else given and family names, else
/// `preferred_username`.
pub fn name_of(claims: &Value) -> Option<String> {
    if let Some(n) = text(claims, "name") {
        return Some(n);
    }
    let parts: Vec<String> = ["given_name", "family_name"].iter().filter_map(|k| text(claims, k)).collect();
    if !parts.is_empty() {
        return Some(parts.join(" "));
    }
    text(claims, "preferred_username")
}

/// Check the claims of a token whose signature is already verified (OpenID Connect Core
/// 3.1.3.7): issuer, audience (and `azp` when there are several), expiry, issue time,
/// nonce; `now` in seconds.
pub fn check(claims: &Value, issuer: &str, client_id: &str, nonce: &str, now: i64) -> Result<Person, Refused> {
    let iss = text(claims, "iss").unwrap_or_default();
    if iss != issuer {
        return Err(Refused::Issuer(iss));
    }
    let audiences: Vec<&str> = match claims.get("aud") {
        Some(Value::String(a)) => vec![a.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !audiences.contains(&client_id) {
        return Err(Refused::Audience);
    }
    let azp = text(claims, "azp");
    if (audiences.len() > 1 || azp.is_some()) && azp.as_deref() != Some(client_id) {
        return Err(Refused::Audience);
    }
    match int(claims, "exp") {
        Some(exp) if exp + LEEWAY_SECS > now => {}
        _ => return Err(Refused::Expired),
    }
    if int(claims, "iat").is_some_and(|iat| iat - LEEWAY_SECS > now) {
        return Err(Refused::Future);
    }
    if text(claims, "nonce").as_deref() != Some(nonce) {
        return Err(Refused::Nonce);
    }
    let subject = text(claims, "sub").filter(|s| s.len() <= 255).ok_or(Refused::Subject)?;
    Ok(Person {
        subject,
        email: text(claims, "email"),
        email_verified: claims.get("email_verified") == Some(&Value::Bool(true)),
        name: name_of(claims).map(|n| n.chars().take(100).collect()),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const ISS: &str = "https://idp.uni.example";

    fn claims() -> Value {
        json!({"iss": ISS, "aud": ["homeroom"], "sub": "u-1", "exp": 2_000, "iat": 1_000, "nonce": "n",
               "email": "ada@uni.example", "email_verified": true, "name": "Ada Lovelace"})
    }

    fn with(key: &str, v: Value) -> Value {
        let mut c = claims();
        c[key] = v;
        c
    }

    #[test]
    fn a_good_token_names_the_person() {
        let p = check(&claims(), ISS, "homeroom", "n", 1_500).unwrap();
        assert_eq!(p.subject, "u-1");
        assert_eq!(p.email.as_deref(), Some("ada@uni.example"));
        assert!(p.email_verified);
        assert_eq!(p.name.as_deref(), Some("Ada Lovelace"));
    }

    #[test]
    fn each_wrong_claim_is_named() {
        let c = |v: &Value| check(v, ISS, "homeroom", "n", 1_500);
        assert_eq!(c(&with("iss", json!("https://evil.example"))), Err(Refused::Issuer("https://evil.example".into())));
        assert_eq!(c(&with("aud", json!("someone-else"))), Err(Refused::Audience));
        assert_eq!(c(&with("aud", json!(["homeroom", "other"]))), Err(Refused::Audience));
        assert!(c(&with("aud", json!("homeroom"))).is_ok());
        assert_eq!(c(&with("exp", json!(1_400))), Err(Refused::Expired));
        assert_eq!(c(&with("iat", json!(1_600 + LEEWAY_SECS))), Err(Refused::Future));
        assert_eq!(c(&with("nonce", json!("replayed"))), Err(Refused::Nonce));
        assert_eq!(c(&with("sub", json!(""))), Err(Refused::Subject));
        assert!(!c(&with("email_verified", json!("true"))).unwrap().email_verified);
    }

    #[test]
    fn a_name_is_made_from_what_is_offered() {
        assert_eq!(name_of(&json!({"given_name": "Ada", "family_name": "L"})).as_deref(), Some("Ada L"));
        assert_eq!(name_of(&json!({"preferred_username": "ada"})).as_deref(), Some("ada"));
        assert_eq!(name_of(&json!({"name": "  "})), None);
    }

    #[test]
    fn the_authorize_url_carries_pkce_state_and_nonce_and_no_secret() {
        let u = authorize_url(&AuthRequest {
            endpoint: "https://idp.uni.example/auth?tenant=1",
            client_id: "homeroom",
            redirect_uri: "https://homeroom.uni.example/sso/uni/callback",
            state: "st",
            nonce: "no",
            verifier: "ve",
        })
        .unwrap();
        let q: std::collections::HashMap<_, _> = url::Url::parse(&u).unwrap().query_pairs().into_owned().collect();
        assert_eq!(q["tenant"], "1");
        assert_eq!(q["state"], "st");
        assert_eq!(q["nonce"], "no");
        assert_eq!(q["code_challenge"], pkce_challenge("ve"));
        assert_eq!(q["code_challenge_method"], "S256");
        assert!(!u.contains("ve&") && !q.values().any(|v| v == "ve"));
    }

    #[test]
    fn the_pkce_challenge_is_rfc7636s_example() {
        // RFC 7636, appendix B.
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    proptest::proptest! {
        #[test]
        fn only_the_nonce_sent_is_accepted(sent in "[A-Za-z0-9_-]{1,43}", got in "[A-Za-z0-9_-]{1,43}") {
            let ok = check(&with("nonce", json!(got.clone())), ISS, "homeroom", &sent, 1_500).is_ok();
            proptest::prop_assert_eq!(ok, sent == got);
        }

        #[test]
        fn tokens_are_good_only_until_expiry_plus_leeway(now in 0i64..5_000) {
            let ok = check(&claims(), ISS, "homeroom", "n", now).is_ok();
            proptest::prop_assert_eq!(ok, (1_000 - LEEWAY_SECS..2_000 + LEEWAY_SECS).contains(&now));
        }

        #[test]
        fn random_values_are_long_and_url_safe(_n in 0u8..10) {
            let v = random_value();
            proptest::prop_assert_eq!(v.len(), 43);
            proptest::prop_assert!(v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        }
    }
}
