//! The SSO tables: sign-ins in progress (taken once, so a replayed state finds nothing)
//! and linked identities, and which account a provider's person is.
//!
//! A person is matched by the provider's `sub` once linked; the first time, by an
//! address the provider says it verified. An address the provider did not verify is
//! never matched nor used for a new account: anyone can type any address at some
//! providers, and matching on it would hand them someone else's account.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryFilter, Statement, Value};

use super::flow::{self, Person};
use crate::db::entity::user;
use crate::i18n::Locale;
use crate::time::now_ms;
use crate::validate::Email;

/// How long a sign-in may take at the provider.
pub const ATTEMPT_LIFETIME_MS: i64 = 10 * 60 * 1000;

fn stmt(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(db.get_database_backend(), sql, values)
}

async fn exec(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<u64, DbErr> {
    Ok(db.execute_raw(stmt(db, sql, values)).await?.rows_affected())
}

pub struct Attempt {
    pub provider: String,
    pub nonce: String,
    pub verifier: String,
    pub next: String,
}

/// Start a sign-in; returns (state, nonce, verifier). Sign-ins that ran out of time are
/// forgotten on the way.
pub async fn begin(db: &impl ConnectionTrait, provider: &str, next: &str) -> Result<(String, String, String), DbErr> {
    let (state, nonce, verifier) = (flow::random_value(), flow::random_value(), flow::random_value());
    let now = now_ms();
    exec(db, "DELETE FROM sso_attempts WHERE created_at < $1", vec![(now - ATTEMPT_LIFETIME_MS).into()]).await?;
    exec(
        db,
        "INSERT INTO sso_attempts (state_hash, provider, nonce, verifier, next, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        vec![
            flow::state_digest(&state).into(),
            provider.into(),
            nonce.clone().into(),
            verifier.clone().into(),
            next.into(),
            now.into(),
        ],
    )
    .await?;
    Ok((state, nonce, verifier))
}

/// The sign-in a state started, taken so it cannot be used again; `None` when there is
/// none (never started here, already used, or out of time).
pub async fn take(db: &impl ConnectionTrait, state: &str) -> Result<Option<Attempt>, DbErr> {
    let row = db
        .query_one_raw(stmt(
            db,
            "DELETE FROM sso_attempts WHERE state_hash = $1 \
             RETURNING provider, nonce, verifier, next, created_at",
            vec![flow::state_digest(state).into()],
        ))
        .await?;
    let Some(r) = row else { return Ok(None) };
    if r.try_get::<i64>("", "created_at")? < now_ms() - ATTEMPT_LIFETIME_MS {
        return Ok(None);
    }
    Ok(Some(Attempt {
        provider: r.try_get("", "provider")?,
        nonce: r.try_get("", "nonce")?,
        verifier: r.try_get("", "verifier")?,
        next: r.try_get("", "next")?,
    }))
}

pub enum Outcome {
    Account(user::Model),
    /// A Fluent message id saying why not.
    Refuse(&'static str),
}

async fn link(db: &impl ConnectionTrait, user_id: i64, issuer: &str, p: &Person, email: &str) -> Result<(), DbErr> {
    let now = now_ms();
    exec(
        db,
        "INSERT INTO sso_identities (user_id, issuer, subject, email, created_at, signed_in_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
        vec![user_id.into(), issuer.into(), p.subject.clone().into(), email.into(), now.into()],
    )
    .await
    .map(|_| ())
}

/// The account of the provider's person: linked before, or matched (or made) by their
/// verified address and linked now. Run in a transaction.
pub async fn account(db: &impl ConnectionTrait, issuer: &str, p: &Person, zone: &str) -> Result<Outcome, DbErr> {
    use sea_orm::ColumnTrait;
    let linked = db
        .query_one_raw(stmt(
            db,
            "SELECT user_id FROM sso_identities WHERE issuer = $1 AND subject = $2",
            vec![issuer.into(), p.subject.clone().into()],
        ))
        .await?;
    if let Some(r) = linked {
        let user_id: i64 = r.try_get("", "user_id")?;
        exec(
            db,
            "UPDATE sso_identities SET signed_in_at = $1 WHERE issuer = $2 AND subject = $3",
            vec![now_ms().into(), issuer.into(), p.subject.clone().into()],
        )
        .await?;
        return Ok(match user::Entity::find_by_id(user_id).one(db).await? {
            Some(u) if u.deactivated_at.is_some() => Outcome::Refuse("sso-refused-deactivated"),
            Some(u) => Outcome::Account(u),
            None => Outcome::Refuse("sso-refused-email"),
        });
    }
    let Some(raw) = p.email.as_deref() else { return Ok(Outcome::Refuse("sso-refused-email")) };
    if !p.email_verified {
        return Ok(Outcome::Refuse("sso-refused-unverified"));
    }
    let Ok(email) = Email::parse(raw) else { return Ok(Outcome::Refuse("sso-refused-email")) };
    let name = p.name.clone().unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_string());
    let found = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(db).await?;
    let u = match found {
        Some(u) if u.deactivated_at.is_some() => return Ok(Outcome::Refuse("sso-refused-deactivated")),
        // Made by a join link and never confirmed: whoever typed the address first may
        // have chosen its password. The provider has now proved who owns the address,
        // so the account is handed over clean, as to any genuine sign-up.
        Some(u) if u.unconfirmed => {
            let locale = Locale::parse(&u.locale).unwrap_or_default();
            let zone = u.time_zone.clone();
            crate::accounts::replace_unconfirmed(db, u, &name, None, locale, &zone, false).await?
        }
        Some(u) => u,
        None => crate::accounts::create_user(db, &email, &name, None, Locale::default(), zone).await?,
    };
    link(db, u.id, issuer, p, email.as_str()).await?;
    Ok(Outcome::Account(u))
}
