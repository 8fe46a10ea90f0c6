//! Server-side sessions: the cookie holds a random token, the database its hash, the
//! person it belongs to and when it ends. Signing out deletes the row, so a copied
//! cookie stops working at once; so does removing the person.

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set};

use crate::auth::tokens;
use crate::db::entity::{session, user};
use crate::i18n::Locale;
use crate::time::now_ms;
use crate::web::context::CurrentUser;

pub const LIFETIME_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// How stale `last_seen_at` may get before we write it again (saves a write per request).
const TOUCH_EVERY_MS: i64 = 60 * 60 * 1000;

pub async fn create(db: &DatabaseConnection, user_id: i64) -> Result<String, DbErr> {
    let token = tokens::new_token();
    let now = now_ms();
    session::ActiveModel {
        token_hash: Set(tokens::hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + LIFETIME_MS),
        last_seen_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

pub async fn load(db: &DatabaseConnection, token: &str) -> Result<Option<(i64, CurrentUser)>, DbErr> {
    if token.len() > 64 {
        return Ok(None);
    }
    let now = now_ms();
    let Some(s) = session::Entity::find().filter(session::Column::TokenHash.eq(tokens::hash(token))).one(db).await?
    else {
        return Ok(None);
    };
    if s.expires_at <= now {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(None);
    }
    // A deactivated person's sessions are deleted; this catches one begun meanwhile.
    let Some(u) = user::Entity::find_by_id(s.user_id).one(db).await?.filter(|u| u.deactivated_at.is_none()) else {
        return Ok(None);
    };
    let session_id = s.id;
    if now - s.last_seen_at > TOUCH_EVERY_MS {
        let mut active: session::ActiveModel = s.into();
        active.last_seen_at = Set(now);
        active.expires_at = Set(now + LIFETIME_MS);
        active.update(db).await?;
    }
    let user = CurrentUser {
        id: u.id,
        email: u.email,
        name: u.name,
        locale: Locale::parse(&u.locale).unwrap_or_default(),
        time_zone: u.time_zone,
        is_site_admin: u.is_site_admin,
    };
    Ok(Some((session_id, user)))
}

pub async fn delete(db: &DatabaseConnection, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_many().filter(session::Column::TokenHash.eq(tokens::hash(token))).exec(db).await?;
    Ok(())
}

/// End every session of a person (after a password reset, say), except one if given.
pub async fn delete_all_for(db: &impl sea_orm::ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}
