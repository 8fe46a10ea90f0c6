//! Password hashing with Argon2id at (at least) the argon2 crate's default cost.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Ok(hasher().hash_password(password.as_bytes(), &salt).map_err(|e| anyhow::anyhow!("hash: {e}"))?.to_string())
}

/// Check a password against a stored hash. A malformed hash never matches.
pub fn verify(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored).map(|h| hasher().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

/// Spend the same time as a real check when there is no account, so that response time
/// does not tell which emails have accounts.
pub fn verify_dummy(password: &str) {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash("not a real password").unwrap_or_default());
    let _ = verify(&DUMMY, password);
}

/// Hashing is slow on purpose; run it off the async threads.
pub async fn hash_async(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash(&password)).await?
}

pub async fn verify_async(stored: Option<String>, password: String) -> bool {
    tokio::task::spawn_blocking(move || match stored {
        Some(h) => verify(&h, &password),
        None => {
            verify_dummy(&password);
            false
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_use_argon2id_at_default_cost_or_more() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify(&h, "correct horse battery"));
        assert!(!verify(&h, "wrong"));
        assert!(!verify("garbage", "x"));
        let parsed = PasswordHash::new(&h).unwrap();
        let params = Params::try_from(&parsed).unwrap();
        let default = Params::default();
        // Fails if someone lowers the cost to make tests faster.
        assert!(params.m_cost() >= default.m_cost(), "memory cost lowered");
        assert!(params.t_cost() >= default.t_cost(), "time cost lowered");
        assert!(params.p_cost() >= default.p_cost(), "parallelism lowered");
        assert!(default.m_cost() >= 19 * 1024 && default.t_cost() >= 2);
    }
}
