//! A person's own account: name, email, password, language and time zone, and the
//! `admin create` command that makes a site admin.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

use crate::app::AppState;
use crate::auth::{password, session};
use crate::db::entity::{profile, user};
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::policy::Action;
use crate::time::now_ms;
use crate::validate::{self, Email, Invalid, NewPassword, PersonName};
use crate::web::{Page, SignedIn, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_page).post(save_account))
        .route("/account/password", post(change_password))
        .route("/account/about", post(save_about))
}

/// The profile basics of a person (empty until they fill them in).
pub async fn profile_of(db: &impl ConnectionTrait, user_id: i64) -> Result<profile::Model, DbErr> {
    Ok(profile::Entity::find_by_id(user_id).one(db).await?.unwrap_or(profile::Model {
        user_id,
        organisation: String::new(),
        circumstances: String::new(),
        birthday: None,
        updated_at: 0,
    }))
}

#[derive(Deserialize)]
struct AboutForm {
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    circumstances: String,
    #[serde(default)]
    birthday: String,
}

async fn save_about(State(state): State<AppState>, me: SignedIn, Form(f): Form<AboutForm>) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let tr = me.ctx.tr();
    let organisation = f.organisation.split_whitespace().collect::<Vec<_>>().join(" ");
    let circumstances = crate::groups::planning::tags(&f.circumstances).join("; ");
    let birthday = f.birthday.trim();
    let mut errors = FieldErrors::default();
    if organisation.chars().count() > 120 || circumstances.chars().count() > 500 {
        errors.about = Some(tr.t("err-organisation-too-long"));
    }
    if !birthday.is_empty() && crate::groups::planning::parse_birthday(birthday).is_none() {
        errors.about = Some(tr.t("err-birthday"));
    }
    if errors.any() {
        let mut page = account_page_for(&state, &me, errors).await?;
        page.about = profile::Model {
            user_id: me.user.id,
            organisation: f.organisation.chars().take(200).collect(),
            circumstances: f.circumstances.chars().take(600).collect(),
            birthday: Some(birthday.chars().take(10).collect()),
            updated_at: 0,
        };
        let mut res = render(&page)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let row = profile::ActiveModel {
        user_id: Set(me.user.id),
        organisation: Set(organisation),
        circumstances: Set(circumstances),
        birthday: Set((!birthday.is_empty()).then(|| birthday.to_string())),
        updated_at: Set(now_ms()),
    };
    let exists = profile::Entity::find_by_id(me.user.id).one(&state.db).await?.is_some();
    if exists {
        row.update(&state.db).await?;
    } else {
        row.insert(&state.db).await?;
    }
    Ok(with_notice("notice-saved", Redirect::to("/account"), me.ctx.secure))
}

async fn account_page_for(state: &AppState, me: &SignedIn, errors: FieldErrors) -> AppResult<AccountPage> {
    Ok(AccountPage {
        page: Page::new(&me.ctx, "account-title"),
        name: me.user.name.clone(),
        email: me.user.email.clone(),
        locale: me.user.locale.code().to_string(),
        time_zone: me.user.time_zone.clone(),
        zones: crate::time::zone_names(),
        locales: locales(),
        about: profile_of(&state.db, me.user.id).await?,
        errors,
        email_frequency: crate::notifications::email::frequency_of(&state.db, me.user.id).await?.as_str(),
        frequencies: frequencies(),
    })
}

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await
}

/// Create an account. The password may be absent for people a tutor adds, who set their
/// own from the invitation link.
pub async fn create_user(
    db: &impl ConnectionTrait,
    email: &Email,
    name: &str,
    password_hash: Option<String>,
    locale: Locale,
    time_zone: &str,
) -> Result<user::Model, DbErr> {
    let now = now_ms();
    user::ActiveModel {
        email: Set(email.as_str().to_string()),
        name: Set(name.to_string()),
        password_hash: Set(password_hash),
        locale: Set(locale.code().to_string()),
        time_zone: Set(time_zone.to_string()),
        is_site_admin: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

#[derive(Default)]
struct FieldErrors {
    name: Option<String>,
    email: Option<String>,
    time_zone: Option<String>,
    password: Option<String>,
    about: Option<String>,
}

impl FieldErrors {
    fn any(&self) -> bool {
        self.name.is_some()
            || self.email.is_some()
            || self.time_zone.is_some()
            || self.password.is_some()
            || self.about.is_some()
    }
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: Page,
    name: String,
    email: String,
    locale: String,
    time_zone: String,
    zones: Vec<String>,
    locales: Vec<(&'static str, &'static str)>,
    about: profile::Model,
    errors: FieldErrors,
    email_frequency: &'static str,
    frequencies: Vec<(&'static str, String)>,
}

/// The email choices with their message ids, for the account page.
fn frequencies() -> Vec<(&'static str, String)> {
    crate::notifications::schedule::Frequency::ALL
        .iter()
        .map(|f| (f.as_str(), format!("email-frequency-{}", f.as_str())))
        .collect()
}

fn locales() -> Vec<(&'static str, &'static str)> {
    Locale::ALL.iter().map(|l| (l.code(), l.native_name())).collect()
}

async fn account_page(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    render(&account_page_for(&state, &me, FieldErrors::default()).await?)
}

#[derive(Deserialize)]
struct AccountForm {
    name: String,
    email: String,
    locale: String,
    time_zone: String,
}

async fn save_account(State(state): State<AppState>, me: SignedIn, Form(f): Form<AccountForm>) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let tr = me.ctx.tr();
    let mut errors = FieldErrors::default();
    let name = PersonName::parse(&f.name).map_err(|Invalid(m)| errors.name = Some(tr.t(m))).ok();
    let email = Email::parse(&f.email).map_err(|Invalid(m)| errors.email = Some(tr.t(m))).ok();
    let zone = validate::time_zone(&f.time_zone).map_err(|Invalid(m)| errors.time_zone = Some(tr.t(m))).ok();
    let locale = Locale::parse(&f.locale).unwrap_or(me.user.locale);
    if let Some(e) = &email
        && e.as_str() != me.user.email
        && let Some(other) = find_by_email(&state.db, e.as_str()).await?
        && other.id != me.user.id
    {
        errors.email = Some(tr.t("err-email-taken"));
    }
    let (Some(name), Some(email), Some(zone), false) = (name, email, zone, errors.any()) else {
        let mut res = render(&AccountPage {
            page: Page::new(&me.ctx, "account-title"),
            name: f.name.chars().take(200).collect(),
            email: f.email.chars().take(300).collect(),
            locale: locale.code().to_string(),
            time_zone: f.time_zone.chars().take(64).collect(),
            zones: crate::time::zone_names(),
            locales: locales(),
            about: profile_of(&state.db, me.user.id).await?,
            errors,
            email_frequency: crate::notifications::email::frequency_of(&state.db, me.user.id).await?.as_str(),
            frequencies: frequencies(),
        })?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    let current = user::Entity::find_by_id(me.user.id).one(&state.db).await?.ok_or(AppError::SignInRequired)?;
    let mut active: user::ActiveModel = current.into();
    active.name = Set(name.into_string());
    active.email = Set(email.into_string());
    active.locale = Set(locale.code().to_string());
    active.time_zone = Set(zone);
    active.updated_at = Set(now_ms());
    match active.update(&state.db).await {
        Ok(_) => {}
        // Someone took the address between our check and the write.
        Err(e) if crate::db::is_unique_violation(&e) => return Err(AppError::BadRequest("err-email-taken")),
        Err(e) => return Err(e.into()),
    }
    Ok(with_notice("notice-saved", Redirect::to("/account"), me.ctx.secure))
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    password: String,
    confirm: String,
}

async fn change_password(
    State(state): State<AppState>,
    me: SignedIn,
    Form(f): Form<PasswordForm>,
) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let tr = me.ctx.tr();
    let current = user::Entity::find_by_id(me.user.id).one(&state.db).await?.ok_or(AppError::SignInRequired)?;
    let problem = if !password::verify_async(current.password_hash.clone(), f.current).await {
        Some("err-password-current")
    } else {
        match NewPassword::parse(&f.password) {
            Err(Invalid(m)) => Some(m),
            Ok(_) if f.password != f.confirm => Some("err-password-mismatch"),
            Ok(_) => None,
        }
    };
    if let Some(m) = problem {
        let errors = FieldErrors { password: Some(tr.t(m)), ..Default::default() };
        let mut res = render(&account_page_for(&state, &me, errors).await?)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let hash = password::hash_async(f.password).await?;
    let mut active: user::ActiveModel = current.into();
    active.password_hash = Set(Some(hash));
    active.updated_at = Set(now_ms());
    active.update(&state.db).await?;
    // Other browsers signed in as this person are signed out; this one stays.
    if let Some(sid) = me.ctx.session_id {
        crate::db::entity::session::Entity::delete_many()
            .filter(crate::db::entity::session::Column::UserId.eq(me.user.id))
            .filter(crate::db::entity::session::Column::Id.ne(sid))
            .exec(&state.db)
            .await?;
    } else {
        session::delete_all_for(&state.db, me.user.id).await?;
    }
    Ok(with_notice("notice-password-changed", Redirect::to("/account"), me.ctx.secure))
}

/// `homeroom admin create`: a site admin, or promote an existing account.
pub async fn create_site_admin(
    db: &impl ConnectionTrait,
    email: &str,
    name: &str,
    password_text: &str,
) -> anyhow::Result<user::Model> {
    let email = Email::parse(email).map_err(|_| anyhow::anyhow!("{email:?} is not a valid email address"))?;
    let name = PersonName::parse(name).map_err(|_| anyhow::anyhow!("the name must be 1 to 100 characters"))?;
    NewPassword::parse(password_text).map_err(|_| {
        anyhow::anyhow!("the password must be {} to {} characters", validate::MIN_PASSWORD, validate::MAX_PASSWORD)
    })?;
    let hash = password::hash(password_text)?;
    let user = match find_by_email(db, email.as_str()).await? {
        Some(existing) => {
            let mut active: user::ActiveModel = existing.into();
            active.is_site_admin = Set(true);
            active.password_hash = Set(Some(hash));
            active.updated_at = Set(now_ms());
            active.update(db).await?
        }
        None => {
            let mut u = create_user(db, &email, &name.into_string(), Some(hash), Locale::En, "UTC").await?;
            let mut active: user::ActiveModel = u.clone().into();
            active.is_site_admin = Set(true);
            u = active.update(db).await?;
            u
        }
    };
    Ok(user)
}
