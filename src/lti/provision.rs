//! What a launch (or a roster sync) makes in Homeroom: the LMS course ("context"), the
//! account of each LMS person, and their membership with the role the LMS gives.
//!
//! Accounts are matched by the platform's person id (`sub`), never by email: an LMS lets
//! people type their own address, and matching on it would hand them someone else's
//! account. A person whose address is already taken gets a placeholder address in the
//! reserved `.invalid` domain (never mailed) and a separate account.

use sea_orm::{ConnectionTrait, DbErr};
use sha2::{Digest, Sha256};

use super::sql;
use crate::policy::{MemberState, Role};
use crate::time::now_ms;

pub fn role(r: homeroom_lti::roles::Role) -> Role {
    match r {
        homeroom_lti::roles::Role::Tutor => Role::Tutor,
        homeroom_lti::roles::Role::Ta => Role::Ta,
        homeroom_lti::roles::Role::Student => Role::Student,
        homeroom_lti::roles::Role::Observer => Role::Observer,
    }
}

#[derive(Clone, Debug)]
pub struct Context {
    pub id: i64,
    pub platform_id: i64,
    pub title: String,
    pub course_id: Option<i64>,
    pub instructor_id: Option<i64>,
    pub memberships_url: Option<String>,
}

fn context_from(r: &sea_orm::QueryResult) -> Result<Context, DbErr> {
    Ok(Context {
        id: r.try_get("", "id")?,
        platform_id: r.try_get("", "platform_id")?,
        title: r.try_get("", "title")?,
        course_id: r.try_get("", "course_id")?,
        instructor_id: r.try_get("", "instructor_id")?,
        memberships_url: r.try_get("", "memberships_url")?,
    })
}

macro_rules! context_columns {
    () => {
        "id, platform_id, title, course_id, instructor_id, memberships_url"
    };
}

pub async fn context(db: &impl ConnectionTrait, id: i64) -> Result<Option<Context>, DbErr> {
    sql::one(db, concat!("SELECT ", context_columns!(), " FROM lti_contexts WHERE id = $1"), vec![id.into()])
        .await?
        .map(|r| context_from(&r))
        .transpose()
}

/// The context a launch is about, made or brought up to date.
pub async fn upsert_context(
    db: &impl ConnectionTrait,
    platform_id: i64,
    context_id: &str,
    title: Option<&str>,
    memberships_url: Option<&str>,
) -> Result<Context, DbErr> {
    let title: String = title.unwrap_or(context_id).chars().take(200).collect();
    let row = sql::one(
        db,
        concat!(
            "INSERT INTO lti_contexts (platform_id, context_id, title, memberships_url, created_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (platform_id, context_id) DO UPDATE SET title = excluded.title, \
             memberships_url = COALESCE(excluded.memberships_url, lti_contexts.memberships_url) \
             RETURNING ",
            context_columns!()
        ),
        vec![
            platform_id.into(),
            context_id.into(),
            title.into(),
            memberships_url.map(str::to_string).into(),
            now_ms().into(),
        ],
    )
    .await?
    .ok_or_else(|| DbErr::Custom("the context was not stored".into()))?;
    context_from(&row)
}

/// The placeholder address of an LMS person whose own address we cannot use.
pub fn placeholder_email(platform_id: i64, subject: &str) -> String {
    let digest = hex::encode(Sha256::digest(subject.as_bytes()));
    format!("lti-{platform_id}-{}@lti.invalid", &digest[..20])
}

/// Someone the LMS told us about.
pub struct Person<'a> {
    pub subject: &'a str,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
}

pub enum Account {
    Found { user_id: i64, deactivated: bool },
    Made { user_id: i64 },
}

impl Account {
    pub fn user_id(&self) -> i64 {
        match self {
            Account::Found { user_id, .. } | Account::Made { user_id } => *user_id,
        }
    }
}

/// The account of an LMS person, made on first sight; the name follows the LMS when it
/// sends one. `launched` records that the person themself came through a launch.
pub async fn account(
    db: &impl ConnectionTrait,
    platform_id: i64,
    p: &Person<'_>,
    time_zone: &str,
    launched: bool,
) -> Result<Account, DbErr> {
    let now = now_ms();
    let name =
        p.name.and_then(|n| crate::validate::PersonName::parse(n).ok()).map(crate::validate::PersonName::into_string);
    let found = sql::one(
        db,
        "SELECT a.user_id, u.deactivated_at FROM lti_accounts a JOIN users u ON u.id = a.user_id \
         WHERE a.platform_id = $1 AND a.subject = $2",
        vec![platform_id.into(), p.subject.into()],
    )
    .await?;
    if let Some(r) = found {
        let user_id: i64 = r.try_get("", "user_id")?;
        let deactivated: Option<i64> = r.try_get("", "deactivated_at")?;
        if let Some(n) = &name {
            sql::exec(
                db,
                "UPDATE users SET name = $1, updated_at = $2 WHERE id = $3 AND name <> $1",
                vec![n.clone().into(), now.into(), user_id.into()],
            )
            .await?;
        }
        if launched {
            sql::exec(
                db,
                "UPDATE lti_accounts SET launched_at = $1 WHERE platform_id = $2 AND subject = $3",
                vec![now.into(), platform_id.into(), p.subject.into()],
            )
            .await?;
        }
        return Ok(Account::Found { user_id, deactivated: deactivated.is_some() });
    }
    let email = match p.email.and_then(|e| crate::validate::Email::parse(e).ok()) {
        Some(e) => {
            let taken = sql::one(db, "SELECT id FROM users WHERE email = $1", vec![e.as_str().into()]).await?;
            if taken.is_some() { placeholder_email(platform_id, p.subject) } else { e.as_str().to_string() }
        }
        None => placeholder_email(platform_id, p.subject),
    };
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or("LMS").to_string());
    let user_id = sql::insert(
        db,
        "INSERT INTO users (email, name, password_hash, locale, time_zone, is_site_admin, unconfirmed, created_at, updated_at) \
         VALUES ($1, $2, NULL, 'en', $3, $4, $4, $5, $5)",
        vec![email.into(), name.into(), time_zone.into(), false.into(), now.into()],
    )
    .await?;
    sql::exec(
        db,
        "INSERT INTO lti_accounts (platform_id, subject, user_id, created_at, launched_at) VALUES ($1, $2, $3, $4, $5)",
        vec![platform_id.into(), p.subject.into(), user_id.into(), now.into(), launched.then_some(now).into()],
    )
    .await?;
    Ok(Account::Made { user_id })
}

/// The person's membership as the LMS says: with `role` (or their current role when the
/// LMS's is not one we know), active when they launched themselves, invited when only
/// the roster names them (an existing active or inactive membership keeps its state).
pub async fn member(
    db: &impl ConnectionTrait,
    course_id: i64,
    user_id: i64,
    role: Option<Role>,
    launched: bool,
) -> Result<Option<(Role, MemberState)>, DbErr> {
    let now = now_ms();
    let found = sql::one(
        db,
        "SELECT id, role, state FROM memberships WHERE course_id = $1 AND user_id = $2",
        vec![course_id.into(), user_id.into()],
    )
    .await?;
    match found {
        Some(r) => {
            let id: i64 = r.try_get("", "id")?;
            let old_role = Role::parse(&r.try_get::<String>("", "role")?).unwrap_or(Role::Student);
            let old_state = MemberState::parse(&r.try_get::<String>("", "state")?).unwrap_or(MemberState::Invited);
            let role = role.unwrap_or(old_role);
            let state = if launched { MemberState::Active } else { old_state };
            if role != old_role || state != old_state {
                sql::exec(
                    db,
                    "UPDATE memberships SET role = $1, state = $2 WHERE id = $3",
                    vec![role.as_str().into(), state.as_str().into(), id.into()],
                )
                .await?;
            }
            Ok(Some((role, state)))
        }
        None => {
            let Some(role) = role else { return Ok(None) };
            let state = if launched { MemberState::Active } else { MemberState::Invited };
            sql::exec(
                db,
                "INSERT INTO memberships (course_id, user_id, role, state, created_at, last_seen_at) \
                 VALUES ($1, $2, $3, $4, $5, 0)",
                vec![course_id.into(), user_id.into(), role.as_str().into(), state.as_str().into(), now.into()],
            )
            .await?;
            Ok(Some((role, state)))
        }
    }
}
