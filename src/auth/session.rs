//! Server-side sessions: the cookie holds a random token, the database its hash, the
//! person it belongs to, when it ends, and which device and address it came from (so a
//! person can see where they are signed in and end any of it). Signing out deletes the
//! row, so a copied cookie stops working at once; so does removing the person.

use sea_orm::sea_query::{Expr, ExprTrait, Query, QueryStatementBuilder};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult, JoinType,
    QueryFilter, QueryOrder, QuerySelect, RelationDef, Set,
};

use crate::auth::tokens;
use crate::db::entity::{notification, session, user};
use crate::i18n::Locale;
use crate::time::now_ms;
use crate::web::context::CurrentUser;

pub const LIFETIME_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// How stale `last_seen_at` may get before we write it again: "last seen" is shown to
/// the minute or so, and a write per request would cost more than it tells.
pub const TOUCH_EVERY_MS: i64 = 5 * 60 * 1000;
/// The most sessions the account page lists (newest activity first).
pub const LISTED: u64 = 50;

/// Where a sign-in came from: the browser's User-Agent and the client address.
#[derive(Clone, Debug, Default)]
pub struct Device {
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

impl Device {
    pub fn from_request(headers: &axum::http::HeaderMap, ip: &str) -> Device {
        let user_agent = headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(300).collect());
        Device { user_agent, ip: Some(ip.chars().take(64).collect()) }
    }
}

pub async fn create(db: &DatabaseConnection, user_id: i64) -> Result<String, DbErr> {
    create_for(db, user_id, &Device::default()).await
}

/// A new session for a sign-in from this device; returns the cookie's token.
pub async fn create_for(db: &impl ConnectionTrait, user_id: i64, device: &Device) -> Result<String, DbErr> {
    let token = tokens::new_token();
    let now = now_ms();
    session::ActiveModel {
        token_hash: Set(tokens::hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + LIFETIME_MS),
        last_seen_at: Set(now),
        user_agent: Set(device.user_agent.clone()),
        ip: Set(device.ip.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// What one session lookup reads: the session, its person (only the columns a request
/// needs, never the password hash) and their unread notifications for the header badge.
#[derive(FromQueryResult)]
struct SessionRow {
    id: i64,
    expires_at: i64,
    last_seen_at: i64,
    user_id: i64,
    email: String,
    name: String,
    locale: String,
    time_zone: String,
    is_site_admin: bool,
    unconfirmed: bool,
    deactivated_at: Option<i64>,
    unread: i64,
}

/// The signed-in person behind a session token, with their unread notifications: one
/// statement (the session by its unique token hash, the person by primary key, the
/// count over the `(user_id, read_at)` index), plus a write at most once an hour.
pub async fn load(db: &DatabaseConnection, token: &str) -> Result<Option<(i64, CurrentUser, u64)>, DbErr> {
    if token.len() > 64 {
        return Ok(None);
    }
    let now = now_ms();
    let unread = Query::select()
        .expr(Expr::col((notification::Entity, notification::Column::Id)).count())
        .from(notification::Entity)
        .and_where(
            Expr::col((notification::Entity, notification::Column::UserId))
                .equals((session::Entity, session::Column::UserId)),
        )
        .and_where(Expr::col((notification::Entity, notification::Column::ReadAt)).is_null())
        .to_owned();
    let person: RelationDef =
        session::Entity::belongs_to(user::Entity).from(session::Column::UserId).to(user::Column::Id).into();
    let Some(s) = session::Entity::find()
        .select_only()
        .columns([
            session::Column::Id,
            session::Column::ExpiresAt,
            session::Column::LastSeenAt,
            session::Column::UserId,
        ])
        .columns([user::Column::Email, user::Column::Name, user::Column::Locale, user::Column::TimeZone])
        .columns([user::Column::IsSiteAdmin, user::Column::Unconfirmed, user::Column::DeactivatedAt])
        .expr_as(Expr::SubQuery(None, Box::new(unread.into_sub_query_statement())), "unread")
        .join(JoinType::InnerJoin, person)
        .filter(session::Column::TokenHash.eq(tokens::hash(token)))
        .into_model::<SessionRow>()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if s.expires_at <= now {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(None);
    }
    // An account made by a join link can do nothing until its address is confirmed; a
    // deactivated person's sessions are deleted, and this catches one begun meanwhile.
    if s.unconfirmed || s.deactivated_at.is_some() {
        return Ok(None);
    }
    if now - s.last_seen_at > TOUCH_EVERY_MS {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .col_expr(session::Column::ExpiresAt, Expr::value(now + LIFETIME_MS))
            .filter(session::Column::Id.eq(s.id))
            .exec(db)
            .await?;
    }
    let user = CurrentUser {
        id: s.user_id,
        email: s.email,
        name: s.name,
        locale: Locale::parse(&s.locale).unwrap_or_default(),
        time_zone: s.time_zone,
        is_site_admin: s.is_site_admin,
    };
    Ok(Some((s.id, user, u64::try_from(s.unread).unwrap_or(0))))
}

pub async fn delete(db: &DatabaseConnection, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_many().filter(session::Column::TokenHash.eq(tokens::hash(token))).exec(db).await?;
    Ok(())
}

/// End every session of a person (after a password reset, say).
pub async fn delete_all_for(db: &impl ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}

/// End every session of a person but the one they are using.
pub async fn delete_others(db: &impl ConnectionTrait, user_id: i64, keep: Option<i64>) -> Result<u64, DbErr> {
    let mut q = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        q = q.filter(session::Column::Id.ne(keep));
    }
    Ok(q.exec(db).await?.rows_affected)
}

/// End one of a person's sessions; someone else's session id ends nothing.
pub async fn delete_one(db: &impl ConnectionTrait, user_id: i64, session_id: i64) -> Result<bool, DbErr> {
    let r = session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// One line of "where you are signed in".
#[derive(Clone, Debug)]
pub struct Listed {
    pub id: i64,
    pub device: Option<String>,
    pub ip: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// A person's live sessions, most recently used first (at most `LISTED`).
pub async fn list_for(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<Listed>, DbErr> {
    let rows = session::Entity::find()
        .select_only()
        .columns([
            session::Column::Id,
            session::Column::UserAgent,
            session::Column::Ip,
            session::Column::CreatedAt,
            session::Column::LastSeenAt,
        ])
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now_ms()))
        .order_by_desc(session::Column::LastSeenAt)
        .order_by_desc(session::Column::Id)
        .limit(LISTED)
        .into_tuple::<(i64, Option<String>, Option<String>, i64, i64)>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, ua, ip, created_at, last_seen_at)| Listed {
            id,
            device: ua.as_deref().and_then(crate::auth::device::describe),
            ip: ip.unwrap_or_default(),
            created_at,
            last_seen_at,
        })
        .collect())
}
