//! The notification centre (`/notifications`), the unread count for scripts, the email
//! preference on the account page, and the one-click unsubscribe pages.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::notification;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::notifications::email::{self, Names};
use crate::notifications::schedule::Frequency;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::paging::{Cursor, PageParams, Paged, Pager};
use crate::web::{Page, SignedIn, Viewer, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(centre))
        .route("/notifications/{notification_id}", get(open))
        .route("/notifications/read-all", post(read_all))
        .route("/api/notifications/unread", get(unread_json))
        .route("/account/email", post(save_preference))
        .route("/unsubscribe/{token}", get(unsubscribe_page).post(unsubscribe))
}

/// The only state-changing request taken without the CSRF cookie: RFC 8058 mail
/// programs POST the unsubscribe link with no cookies at all. It is safe because the
/// secret is the unguessable token in the path (a forger would need it), and all the
/// request can do is stop email for that token's owner. Only well-formed tokens qualify.
pub fn is_one_click_unsubscribe(method: &Method, path: &str) -> bool {
    *method == Method::POST
        && path.strip_prefix("/unsubscribe/").is_some_and(|t| {
            (32..=64).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

pub struct Item {
    pub id: i64,
    pub text: String,
    pub course: Option<String>,
    pub created_at: i64,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "notifications/centre.html")]
struct CentrePage {
    page: Page,
    items: Vec<Item>,
    pager: Pager,
}

/// Notifications per page: a screenful to scan.
const PAGE_SIZE: u64 = 30;

/// The centre, newest first, a keyset page at a time on (created_at, id): the page of
/// rows, then the names of the people and courses on it (one statement each).
async fn centre(State(state): State<AppState>, me: SignedIn, Query(p): Query<PageParams>) -> AppResult<Response> {
    me.require(&state, Action::ReadOwnNotifications).await?;
    let (dir, from) = p.cursor();
    let size = p.size(PAGE_SIZE);
    let order = dir.order(Order::Desc);
    let mut q = notification::Entity::find().filter(notification::Column::UserId.eq(me.user.id));
    if let Some(c) = &from {
        q = q.filter(c.condition(notification::Column::CreatedAt, notification::Column::Id, order.clone()));
    }
    let rows = q
        .order_by(notification::Column::CreatedAt, order.clone())
        .order_by(notification::Column::Id, order)
        .limit(size + 1)
        .all(&state.db)
        .await?;
    let paged =
        Paged::build(rows, size, dir, from.as_ref(), "/notifications".into(), |n| Cursor::int(n.created_at, n.id));
    let names: Names = email::names_for(&state.db, &paged.items).await?;
    let locale: Locale = me.ctx.locale;
    let paged = paged.map(|n| Item {
        id: n.id,
        text: email::line(locale, &n, &names),
        course: n.course_id.and_then(|c| names.courses.get(&c).cloned()),
        created_at: n.created_at,
        unread: n.read_at.is_none(),
    });
    render(&CentrePage { page: Page::new(&me.ctx, "notifications-title"), items: paged.items, pager: paged.pager })
}

/// Follow a notification: it is read now, and we go where it points. A GET so that the
/// centre and emails can use plain links; marking one's own notice read is harmless.
async fn open(State(state): State<AppState>, me: SignedIn, Path(id): Path<i64>) -> AppResult<Response> {
    me.require(&state, Action::ReadOwnNotifications).await?;
    let n = notification::Entity::find_by_id(id)
        .filter(notification::Column::UserId.eq(me.user.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now_ms()))
        .filter(notification::Column::Id.eq(n.id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(&state.db)
        .await?;
    // Only our own paths: a stored link is never an open redirect.
    let to = crate::web::redirect::local_path(&n.link).unwrap_or_else(|| "/notifications".into());
    Ok(Redirect::to(&to).into_response())
}

async fn read_all(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::ReadOwnNotifications).await?;
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now_ms()))
        .filter(notification::Column::UserId.eq(me.user.id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(with_notice("notice-notifications-read", Redirect::to("/notifications"), me.ctx.secure))
}

async fn unread_json(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::ReadOwnNotifications).await?;
    let n = super::unread_count(&state.db, me.user.id).await?;
    Ok(Json(serde_json::json!({ "unread": n })).into_response())
}

#[derive(Deserialize)]
struct PreferenceForm {
    #[serde(default)]
    frequency: String,
}

async fn save_preference(
    State(state): State<AppState>,
    me: SignedIn,
    Form(f): Form<PreferenceForm>,
) -> AppResult<Response> {
    me.require(&state, Action::ReadOwnNotifications).await?;
    let Some(freq) = Frequency::parse(f.frequency.trim()) else {
        return Err(AppError::BadRequest("err-email-frequency"));
    };
    email::set_frequency(&state.db, me.user.id, freq).await?;
    Ok(with_notice("notice-saved", Redirect::to("/account#email-heading"), me.ctx.secure))
}

#[derive(Template)]
#[template(path = "notifications/unsubscribe.html")]
struct UnsubscribePage {
    page: Page,
    token: String,
    done: bool,
}

async fn unsubscribe_page(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if !email::token_known(&state.db, &token).await? {
        return Err(AppError::NotFound);
    }
    render(&UnsubscribePage { page: Page::new(&ctx, "unsubscribe-title"), token, done: false })
}

/// Works without signing in and without the CSRF cookie (see
/// `is_one_click_unsubscribe`); the body, if any, is ignored.
async fn unsubscribe(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if !email::unsubscribe(&state.db, &token).await? {
        return Err(AppError::NotFound);
    }
    let mut res = render(&UnsubscribePage { page: Page::new(&ctx, "unsubscribe-title"), token, done: true })?;
    *res.status_mut() = StatusCode::OK;
    Ok(res)
}
