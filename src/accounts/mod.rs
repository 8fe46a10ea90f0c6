//! A person's own account: name, email (changed only through a link sent to the new
//! address), password, language and time zone, where they are signed in, two-factor
//! sign-in, their pending invitations, and the `admin create` command that makes a site
//! admin.

pub mod invitations;
pub mod sessions;
pub mod two_factor;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::auth::{password, session};
use crate::db::entity::{profile, user};
use crate::error::{AppError, AppResult};
use crate::i18n::{Locale, Tr};
use crate::mail::OutgoingEmail;
use crate::policy::Action;
use crate::time::now_ms;
use crate::validate::{self, Email, Invalid, NewPassword, PersonName};
use crate::web::{Page, SignedIn, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_page).post(save_account))
        .route("/account/password", post(change_password))
        .route("/account/about", post(save_about))
        .merge(invitations::router())
        .merge(sessions::router())
        .merge(two_factor::router())
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
    let db = &state.db;
    let uid = me.user.id;
    let (about, frequency, sessions, two_factor_on, pending_email) = futures::join!(
        profile_of(db, uid),
        crate::notifications::email::frequency_of(db, uid),
        session::list_for(db, uid),
        crate::auth::two_factor::is_on(db, uid),
        crate::auth::confirm::pending_change(db, uid),
    );
    Ok(AccountPage {
        page: Page::new(&me.ctx, "account-title"),
        name: me.user.name.clone(),
        email: me.user.email.clone(),
        locale: me.user.locale.code().to_string(),
        time_zone: me.user.time_zone.clone(),
        zones: crate::time::zone_names(),
        locales: locales(),
        about: about?,
        errors,
        email_frequency: frequency?.as_str(),
        frequencies: frequencies(),
        sessions: sessions?,
        this_session: me.ctx.session_id,
        two_factor_on: two_factor_on?,
        pending_email: pending_email?,
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
    create_user_with(db, email, name, password_hash, locale, time_zone, false).await
}

/// Create an account; `unconfirmed` for one made by a join link, which can do nothing
/// until its address is confirmed.
pub async fn create_user_with(
    db: &impl ConnectionTrait,
    email: &Email,
    name: &str,
    password_hash: Option<String>,
    locale: Locale,
    time_zone: &str,
    unconfirmed: bool,
) -> Result<user::Model, DbErr> {
    let now = now_ms();
    user::ActiveModel {
        unconfirmed: Set(unconfirmed),
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

/// Hand an account nobody has confirmed to the next genuine sign-up or invitation for
/// its address: whatever the first claimant set up (name, password, the course they
/// joined, their links and sessions) is gone.
pub async fn replace_unconfirmed(
    db: &impl ConnectionTrait,
    old: user::Model,
    name: &str,
    password_hash: Option<String>,
    locale: Locale,
    time_zone: &str,
    unconfirmed: bool,
) -> Result<user::Model, DbErr> {
    use crate::db::entity::{email_confirmation, membership, password_token, session};
    let id = old.id;
    membership::Entity::delete_many().filter(membership::Column::UserId.eq(id)).exec(db).await?;
    email_confirmation::Entity::delete_many().filter(email_confirmation::Column::UserId.eq(id)).exec(db).await?;
    password_token::Entity::delete_many().filter(password_token::Column::UserId.eq(id)).exec(db).await?;
    session::Entity::delete_many().filter(session::Column::UserId.eq(id)).exec(db).await?;
    crate::auth::two_factor::remove(db, id).await?;
    let mut active: user::ActiveModel = old.into();
    active.name = Set(name.to_string());
    active.password_hash = Set(password_hash);
    active.locale = Set(locale.code().to_string());
    active.time_zone = Set(time_zone.to_string());
    active.unconfirmed = Set(unconfirmed);
    active.updated_at = Set(now_ms());
    active.update(db).await
}

#[derive(Default)]
struct FieldErrors {
    name: Option<String>,
    email: Option<String>,
    /// The current password, asked for when the email changes.
    current_password: Option<String>,
    time_zone: Option<String>,
    password: Option<String>,
    about: Option<String>,
}

impl FieldErrors {
    fn any(&self) -> bool {
        self.name.is_some()
            || self.email.is_some()
            || self.current_password.is_some()
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
    /// Where they are signed in, and which of those is this browser.
    sessions: Vec<session::Listed>,
    this_session: Option<i64>,
    two_factor_on: bool,
    /// A new address waiting for its link to be followed.
    pending_email: Option<String>,
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
    /// Needed only when the email changes.
    #[serde(default)]
    current_password: String,
}

async fn save_account(State(state): State<AppState>, me: SignedIn, Form(f): Form<AccountForm>) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let tr = me.ctx.tr();
    let mut errors = FieldErrors::default();
    let name = PersonName::parse(&f.name).map_err(|Invalid(m)| errors.name = Some(tr.t(m))).ok();
    let email = Email::parse(&f.email).map_err(|Invalid(m)| errors.email = Some(tr.t(m))).ok();
    let zone = validate::time_zone(&f.time_zone).map_err(|Invalid(m)| errors.time_zone = Some(tr.t(m))).ok();
    let locale = Locale::parse(&f.locale).unwrap_or(me.user.locale);
    let current = user::Entity::find_by_id(me.user.id).one(&state.db).await?.ok_or(AppError::SignInRequired)?;
    let new_email = email.as_ref().filter(|e| e.as_str() != current.email).cloned();
    if let Some(e) = &new_email {
        if let Some(other) = find_by_email(&state.db, e.as_str()).await?
            && other.id != me.user.id
        {
            errors.email = Some(tr.t("err-email-taken"));
        }
        // A stolen session alone must not be able to move the account to another address.
        let typed = f.current_password.chars().take(validate::MAX_PASSWORD).collect();
        if !password::verify_async(current.password_hash.clone(), typed).await {
            errors.current_password = Some(tr.t("accounts-err-current-for-email"));
        }
    }
    let (Some(name), Some(_), Some(zone), false) = (name, email, zone, errors.any()) else {
        let mut page = account_page_for(&state, &me, errors).await?;
        page.name = f.name.chars().take(200).collect();
        page.email = f.email.chars().take(300).collect();
        page.locale = locale.code().to_string();
        page.time_zone = f.time_zone.chars().take(64).collect();
        let mut res = render(&page)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    let old_email = current.email.clone();
    let txn = state.db.begin().await?;
    let mut active: user::ActiveModel = current.into();
    active.name = Set(name.into_string());
    active.locale = Set(locale.code().to_string());
    active.time_zone = Set(zone);
    active.updated_at = Set(now_ms());
    let saved = active.update(&txn).await?;
    let Some(new_email) = new_email else {
        txn.commit().await?;
        return Ok(with_notice("notice-saved", Redirect::to("/account"), me.ctx.secure));
    };
    // The new address takes effect when the link sent to it is followed; the old one is
    // told, with no link (a stranger holding that mailbox must not undo anything).
    crate::auth::confirm::forget(&txn, saved.id, crate::auth::confirm::CHANGE).await?;
    let link = crate::auth::confirm::issue(
        &txn,
        saved.id,
        crate::auth::confirm::CHANGE,
        new_email.as_str(),
        &state.config.base_url(),
    )
    .await?;
    let mail_tr = Tr(locale);
    let args = [("name", saved.name.as_str()), ("old", old_email.as_str()), ("new", new_email.as_str())];
    state
        .mailer
        .queue_many(
            &txn,
            vec![
                OutgoingEmail {
                    to_address: new_email.as_str().to_string(),
                    to_user_id: Some(saved.id),
                    subject: mail_tr.t("accounts-email-change-confirm-subject"),
                    body_text: crate::i18n::message(
                        locale,
                        "accounts-email-change-confirm-body",
                        &[args[0], args[1], args[2], ("link", link.as_str())],
                    ),
                },
                OutgoingEmail {
                    to_address: old_email.clone(),
                    to_user_id: Some(saved.id),
                    subject: mail_tr.t("accounts-email-change-notice-subject"),
                    body_text: crate::i18n::message(locale, "accounts-email-change-notice-body", &args),
                },
            ],
        )
        .await?;
    txn.commit().await?;
    state.mailer.wake();
    Ok(with_notice("notice-accounts-email-pending", Redirect::to("/account"), me.ctx.secure))
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
    let txn = state.db.begin().await?;
    let mut active: user::ActiveModel = current.into();
    active.password_hash = Set(Some(hash));
    active.updated_at = Set(now_ms());
    active.update(&txn).await?;
    // Other browsers signed in as this person are signed out; this one stays. An address
    // change asked for with the old password is cancelled.
    session::delete_others(&txn, me.user.id, me.ctx.session_id).await?;
    crate::auth::confirm::cancel_changes(&txn, me.user.id).await?;
    txn.commit().await?;
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
