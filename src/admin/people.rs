//! The people on the site, for the site admin: a searchable list, and for one person a
//! password reset link by email, deactivation (no sign-in; their sessions end) and
//! reactivation, their data export, and erasure (through `privacy`). People's own erasure
//! requests (`crate::erasure`) are listed here while they wait out their grace period.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::prelude::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{erasure_request, user};
use crate::error::{AppError, AppResult};
use crate::mail::OutgoingEmail;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::paging::{Cursor, Pager};
use crate::web::{Page, SignedIn, render, with_notice};

/// A row of the list: only what it shows (never the password hash).
#[derive(Clone, Debug, FromQueryResult)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub is_site_admin: bool,
    pub deactivated_at: Option<i64>,
}

#[derive(Template)]
#[template(path = "admin/people.html")]
struct PeoplePage {
    page: Page,
    q: String,
    people: Vec<PersonRow>,
    pager: Pager,
}

pub(super) async fn list(
    State(state): State<AppState>,
    me: SignedIn,
    Query(q): Query<super::ListQuery>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let query = user::Entity::find().select_only().columns([
        user::Column::Id,
        user::Column::Name,
        user::Column::Email,
        user::Column::IsSiteAdmin,
        user::Column::DeactivatedAt,
    ]);
    // Matches the search in name or email.
    let (term, page) = super::list::page(
        &state.db,
        &q,
        query,
        &[user::Column::Name, user::Column::Email],
        (user::Column::Name, user::Column::Id),
        "/admin/people",
        |r: &PersonRow| Cursor::text(r.name.clone(), r.id),
    )
    .await?;
    render(&PeoplePage {
        page: Page::new(&me.ctx, "admin-people-title"),
        q: term,
        people: page.items,
        pager: page.pager,
    })
}

#[derive(Template)]
#[template(path = "admin/person.html")]
struct PersonPage {
    page: Page,
    person: PersonRow,
    is_me: bool,
    erasure: Option<erasure_request::Model>,
    /// What was typed in the erasure confirmation, and why it was not enough.
    confirm: String,
    confirm_error: Option<String>,
}

async fn person(db: &impl ConnectionTrait, id: i64) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(db).await
}

fn row(u: &user::Model) -> PersonRow {
    PersonRow {
        id: u.id,
        name: u.name.clone(),
        email: u.email.clone(),
        is_site_admin: u.is_site_admin,
        deactivated_at: u.deactivated_at,
    }
}

async fn person_page(
    state: &AppState,
    me: &SignedIn,
    u: &user::Model,
    confirm: String,
    err: Option<String>,
) -> AppResult<Response> {
    let erasure =
        erasure_request::Entity::find().filter(erasure_request::Column::UserId.eq(u.id)).one(&state.db).await?;
    let failed = err.is_some();
    let mut res = render(&PersonPage {
        page: Page::titled(&me.ctx, u.name.clone()),
        person: row(u),
        is_me: u.id == me.user.id,
        erasure,
        confirm,
        confirm_error: err,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub(super) async fn show(State(state): State<AppState>, me: SignedIn, Path(id): Path<i64>) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let u = person(&state.db, id).await?.ok_or(AppError::NotFound)?;
    person_page(&state, &me, &u, String::new(), None).await
}

/// Send the person a link to choose a new password (as "Forgot your password?" does).
pub(super) async fn send_reset(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let u = person(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let txn = state.db.begin().await?;
    let link = crate::auth::issue_password_link(&state, &txn, u.id, "reset").await?;
    let tr = crate::i18n::Tr(crate::i18n::Locale::parse(&u.locale).unwrap_or_default());
    let email = OutgoingEmail {
        to_address: u.email.clone(),
        to_user_id: Some(u.id),
        subject: tr.t("email-reset-subject"),
        body_text: tr.t2("email-reset-body", "name", &u.name, "link", &link),
    };
    state.mailer.queue(&txn, email).await?;
    txn.commit().await?;
    state.mailer.wake();
    Ok(with_notice("notice-admin-reset-sent", Redirect::to(&format!("/admin/people/{id}")), me.ctx.secure))
}

/// Deactivate: no more sign-in, and every session of theirs ends now.
pub(super) async fn deactivate(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let u = person(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if u.id == me.user.id {
        return Err(AppError::BadRequest("admin-person-not-yourself"));
    }
    let txn = state.db.begin().await?;
    set_deactivated(&txn, u.id, Some(now_ms())).await?;
    crate::auth::session::delete_all_for(&txn, u.id).await?;
    txn.commit().await?;
    Ok(with_notice("notice-admin-deactivated", Redirect::to(&format!("/admin/people/{id}")), me.ctx.secure))
}

pub(super) async fn reactivate(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let u = person(&state.db, id).await?.ok_or(AppError::NotFound)?;
    set_deactivated(&state.db, u.id, None).await?;
    Ok(with_notice("notice-admin-reactivated", Redirect::to(&format!("/admin/people/{id}")), me.ctx.secure))
}

async fn set_deactivated(db: &impl ConnectionTrait, id: i64, at: Option<i64>) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::DeactivatedAt, Expr::value(at))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Everything the site holds about the person, as the JSON `privacy` makes.
pub(super) async fn export(State(state): State<AppState>, me: SignedIn, Path(id): Path<i64>) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let u = person(&state.db, id).await?.ok_or(AppError::NotFound)?;
    json_download(&state, &u).await
}

/// The person's export as a JSON file to save (shared with their own download).
pub async fn json_download(state: &AppState, u: &user::Model) -> AppResult<Response> {
    let data = crate::privacy::export_user(&state.db, &u.email).await?;
    let body = serde_json::to_string_pretty(&data).map_err(|e| AppError::Internal(e.into()))?;
    let name = format!("attachment; filename=\"homeroom-export-{}.json\"", u.id);
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize)]
pub(super) struct EraseForm {
    #[serde(default)]
    confirm: String,
}

/// Erase the person now. The admin types their email address to confirm.
pub(super) async fn erase(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<EraseForm>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let u = person(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if u.id == me.user.id {
        return Err(AppError::BadRequest("admin-person-not-yourself"));
    }
    if f.confirm.trim().to_lowercase() != u.email {
        let err = me.ctx.tr().t("admin-erase-confirm-wrong");
        return person_page(&state, &me, &u, f.confirm.chars().take(254).collect(), Some(err)).await;
    }
    crate::privacy::erase_user_and_media(&state.db, &state.config, &u.email).await?;
    Ok(with_notice("notice-admin-erased", Redirect::to("/admin/people"), me.ctx.secure))
}

/// A confirmed erasure request waiting for its day, for the admin.
pub struct PendingErasure {
    pub user_id: i64,
    pub name: String,
    pub due_at: i64,
}

/// The confirmed requests, soonest first (a short list: at most 100).
pub async fn pending_erasures(db: &impl ConnectionTrait) -> Result<Vec<PendingErasure>, DbErr> {
    let rows = erasure_request::Entity::find()
        .filter(erasure_request::Column::DueAt.is_not_null())
        .order_by_asc(erasure_request::Column::DueAt)
        .limit(100)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.user_id).collect();
    let names: Vec<(i64, String)> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::Name])
        .filter(user::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let name = names.iter().find(|(id, _)| *id == r.user_id)?.1.clone();
            Some(PendingErasure { user_id: r.user_id, name, due_at: r.due_at? })
        })
        .collect())
}
