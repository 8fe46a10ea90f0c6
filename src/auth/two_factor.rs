//! Two-factor sign-in: a TOTP seed per person (RFC 6238, 30-second steps, six digits,
//! one step of clock skew either way) and ten single-use recovery codes, hashed at rest.
//! Between the password and the code a sign-in is a short-lived challenge held in the
//! database. A site setting can require two-factor of tutors and site admins; it is read
//! through a small cache so that pages do not pay a query for it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use rand::RngCore;
use sea_orm::DatabaseConnection;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};
use totp_rs::{Builder, Secret, Totp};

use crate::auth::tokens;
use crate::db::entity::{membership, recovery_code, site_setting, two_factor, two_factor_challenge};
use crate::policy::{MemberState, Role};
use crate::time::now_ms;

pub const RECOVERY_CODES: usize = 10;
pub const CHALLENGE_LIFETIME_MS: i64 = 5 * 60 * 1000;
/// Wrong codes one challenge may take before it is spent (the account's sign-in limit
/// counts them too).
pub const CHALLENGE_ATTEMPTS: i32 = 5;
/// The `site_settings` key, with value "staff" when tutors and site admins must use it.
pub const REQUIRE_KEY: &str = "require_two_factor";
const CACHE_FOR: Duration = Duration::from_secs(15);

fn totp(secret_b32: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_b32).ok()?;
    Builder::new().with_secret(secret).build().ok()
}

/// A new random seed (160 bits, as RFC 4226 recommends), base32 as apps show it.
pub fn new_secret() -> String {
    let mut bytes = vec![0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

/// The time step a code is right for at `unix_secs` (skew of one step), if any.
pub fn matching_step(secret_b32: &str, code: &str, unix_secs: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    totp(secret_b32)?.check(&code, unix_secs)
}

/// The code an authenticator app shows at `unix_secs` (for tests and the demo).
pub fn code_at(secret_b32: &str, unix_secs: u64) -> Option<String> {
    Some(totp(secret_b32)?.generate(unix_secs).to_string())
}

/// The `otpauth://` address the QR code carries.
pub fn otpauth_url(secret_b32: &str, site: &str, account: &str) -> String {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.replace(':', " ").as_bytes()).collect::<String>();
    format!(
        "otpauth://totp/{}:{}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(site),
        enc(account),
        enc(site)
    )
}

/// The QR code of a text as an SVG element, drawn on the server (no script).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
    // Inline in HTML the XML declaration is noise.
    svg.find("<svg").map(|i| svg[i..].to_string())
}

/// Ten fresh recovery codes as people type them ("abcde-fghjk").
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let c = tokens::join_code();
            format!("{}-{}", &c[..5], &c[5..])
        })
        .collect()
}

/// What is hashed of a recovery code: case, spaces and dashes do not matter.
pub fn normalise_recovery_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// Whether something typed looks like a recovery code rather than a TOTP code.
pub fn looks_like_recovery_code(code: &str) -> bool {
    normalise_recovery_code(code).len() == 10 && code.chars().any(|c| c.is_ascii_alphabetic())
}

pub async fn of(db: &impl ConnectionTrait, user_id: i64) -> Result<Option<two_factor::Model>, DbErr> {
    two_factor::Entity::find_by_id(user_id).one(db).await
}

pub async fn is_on(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, DbErr> {
    Ok(of(db, user_id).await?.is_some_and(|t| t.enabled_at.is_some()))
}

/// Check a TOTP code and spend its time step, so the same code cannot be used twice
/// (the conditional update makes two racing uses of one code count once).
pub async fn use_totp(db: &impl ConnectionTrait, tf: &two_factor::Model, code: &str) -> Result<bool, DbErr> {
    let now = (now_ms() / 1000) as u64;
    let Some(step) = matching_step(&tf.secret, code, now) else { return Ok(false) };
    let step = step as i64;
    if step <= tf.last_step {
        return Ok(false);
    }
    let r = two_factor::Entity::update_many()
        .col_expr(two_factor::Column::LastStep, Expr::value(step))
        .filter(two_factor::Column::UserId.eq(tf.user_id))
        .filter(two_factor::Column::LastStep.lt(step))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Spend a recovery code, if it is one of theirs and unused.
pub async fn use_recovery_code(db: &impl ConnectionTrait, user_id: i64, code: &str) -> Result<bool, DbErr> {
    let hash = tokens::hash(&normalise_recovery_code(code));
    let r = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now_ms()))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(hash))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Replace a person's recovery codes; returns the new ones, to be shown once.
pub async fn renew_recovery_codes(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<String>, DbErr> {
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(db).await?;
    let codes = new_recovery_codes();
    let rows: Vec<recovery_code::ActiveModel> = codes
        .iter()
        .map(|c| recovery_code::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(tokens::hash(&normalise_recovery_code(c))),
            used_at: Set(None),
            ..Default::default()
        })
        .collect();
    recovery_code::Entity::insert_many(rows).exec(db).await?;
    Ok(codes)
}

pub async fn recovery_codes_left(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, DbErr> {
    recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await
}

/// Turn two-factor off: the seed and the codes go.
pub async fn remove(db: &impl ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(db).await?;
    two_factor::Entity::delete_many().filter(two_factor::Column::UserId.eq(user_id)).exec(db).await?;
    two_factor_challenge::Entity::delete_many()
        .filter(two_factor_challenge::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Start a challenge after a right password; returns the token for the code form.
pub async fn start_challenge(db: &impl ConnectionTrait, user_id: i64, next: &str) -> Result<String, DbErr> {
    let now = now_ms();
    // Stale challenges are useless; clearing them here keeps the table small.
    two_factor_challenge::Entity::delete_many()
        .filter(two_factor_challenge::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    let token = tokens::new_token();
    two_factor_challenge::ActiveModel {
        token_hash: Set(tokens::hash(&token)),
        user_id: Set(user_id),
        next: Set(next.to_string()),
        attempts: Set(0),
        created_at: Set(now),
        expires_at: Set(now + CHALLENGE_LIFETIME_MS),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live challenge a token stands for.
pub async fn find_challenge(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<two_factor_challenge::Model>, DbErr> {
    if token.is_empty() || token.len() > 64 {
        return Ok(None);
    }
    let found = two_factor_challenge::Entity::find()
        .filter(two_factor_challenge::Column::TokenHash.eq(tokens::hash(token)))
        .one(db)
        .await?;
    Ok(found.filter(|c| c.expires_at > now_ms() && c.attempts < CHALLENGE_ATTEMPTS))
}

/// Count a wrong code against the challenge.
pub async fn challenge_failed(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
    two_factor_challenge::Entity::update_many()
        .col_expr(two_factor_challenge::Column::Attempts, Expr::col(two_factor_challenge::Column::Attempts).add(1))
        .filter(two_factor_challenge::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Spend a challenge; of two racing right answers only one gets a session.
pub async fn finish_challenge(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    let r = two_factor_challenge::Entity::delete_by_id(id).exec(db).await?;
    Ok(r.rows_affected == 1)
}

/// The site's setting, cached per process: every page asks it, so asking must cost the
/// request no query (and the same number of statements on every request, which the
/// query-budget tests count). A stale value is refreshed on a task of its own while the
/// request goes on with the old one; a change made on this replica is seen at once
/// (`set_required`), elsewhere within `CACHE_FOR`. Loaded when the server starts.
#[derive(Debug, Default)]
pub struct SiteRule {
    cached: RwLock<Option<(Instant, bool)>>,
    refreshing: AtomicBool,
}

impl SiteRule {
    /// Read the setting from the database (for the pages that show it).
    pub async fn read(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
        Ok(site_setting::Entity::find_by_id(REQUIRE_KEY.to_string()).one(db).await?.is_some_and(|s| s.value == "staff"))
    }

    fn remember(&self, v: bool) {
        if let Ok(mut g) = self.cached.write() {
            *g = Some((Instant::now(), v));
        }
    }

    pub async fn load(&self, db: &impl ConnectionTrait) -> Result<bool, DbErr> {
        let v = SiteRule::read(db).await?;
        self.remember(v);
        Ok(v)
    }

    /// Whether tutors and site admins must use two-factor, as last read.
    pub fn staff_must_use(self: &Arc<Self>, db: &DatabaseConnection) -> bool {
        let cached = self.cached.read().ok().and_then(|g| *g);
        let fresh = cached.is_some_and(|(at, _)| at.elapsed() < CACHE_FOR);
        if !fresh && !self.refreshing.swap(true, Ordering::AcqRel) {
            let (rule, db) = (self.clone(), db.clone());
            tokio::spawn(async move {
                if let Err(e) = rule.load(&db).await {
                    tracing::warn!(error = %e, "reading the two-factor site setting");
                }
                rule.refreshing.store(false, Ordering::Release);
            });
        }
        cached.is_some_and(|(_, v)| v)
    }

    pub async fn set_required(&self, db: &impl ConnectionTrait, required: bool) -> Result<(), DbErr> {
        site_setting::Entity::delete_by_id(REQUIRE_KEY.to_string()).exec(db).await?;
        if required {
            site_setting::ActiveModel { key: Set(REQUIRE_KEY.into()), value: Set("staff".into()) }.insert(db).await?;
        }
        self.remember(required);
        Ok(())
    }
}

/// Whether this person must set up two-factor before doing anything else: the site
/// requires it of staff, they are a site admin or tutor somewhere, and it is not on.
pub async fn setup_needed(
    rule: &Arc<SiteRule>,
    db: &DatabaseConnection,
    user_id: i64,
    is_site_admin: bool,
) -> Result<bool, DbErr> {
    if !rule.staff_must_use(db) {
        return Ok(false);
    }
    let staff = is_site_admin
        || membership::Entity::find()
            .filter(membership::Column::UserId.eq(user_id))
            .filter(membership::Column::Role.eq(Role::Tutor.as_str()))
            .filter(membership::Column::State.eq(MemberState::Active.as_str()))
            .count(db)
            .await?
            > 0;
    Ok(staff && !is_on(db, user_id).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_their_step_only() {
        let s = new_secret();
        let t = 1_800_000_000u64;
        let code = code_at(&s, t).unwrap();
        assert_eq!(matching_step(&s, &code, t), Some(t / 30));
        // One step of skew either way, no more.
        assert_eq!(matching_step(&s, &code, t + 30), Some(t / 30));
        assert_eq!(matching_step(&s, &code, t - 30), Some(t / 30));
        assert_eq!(matching_step(&s, &code, t + 90), None);
        assert_eq!(matching_step(&s, &format!("{} {}", &code[..3], &code[3..]), t), Some(t / 30));
        assert_eq!(matching_step(&s, "12345", t), None);
        assert_eq!(matching_step(&s, "abcdef", t), None);
        assert_eq!(matching_step(&new_secret(), &code, t + 300), None);
    }

    #[test]
    fn recovery_codes_are_distinct_and_forgiving_to_type() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let set: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(set.len(), RECOVERY_CODES);
        let c = &codes[0];
        assert!(looks_like_recovery_code(c) || !c.chars().any(|c| c.is_ascii_alphabetic()));
        assert_eq!(normalise_recovery_code(&c.to_uppercase().replace('-', " ")), normalise_recovery_code(c));
        assert!(!looks_like_recovery_code("123456"));
    }

    #[test]
    fn the_qr_code_is_an_svg_element_without_script() {
        let svg = qr_svg(&otpauth_url(&new_secret(), "Homeroom", "ada@example.org")).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(!svg.contains("<script") && !svg.contains("style="));
    }

    #[test]
    fn the_otpauth_url_names_the_site_and_account() {
        let u = otpauth_url("ABC", "Homeroom", "ada@example.org");
        assert!(u.starts_with("otpauth://totp/Homeroom:ada%40example.org?secret=ABC&issuer=Homeroom"), "{u}");
    }
}
