//! Server-side sessions: the cookie holds a random token, the database its hash, the
//! person it belongs to and when it ends. Signing out deletes the row, so a copied
//! cookie stops working at once; so does removing the person.

use sea_orm::sea_query::{Expr, ExprTrait, Query, QueryStatementBuilder};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    QuerySelect, RelationDef, Set,
};

use crate::auth::tokens;
use crate::db::entity::{notification, session, user};
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
        .column(user::Column::IsSiteAdmin)
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

/// End every session of a person (after a password reset, say), except one if given.
pub async fn delete_all_for(db: &impl sea_orm::ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}
