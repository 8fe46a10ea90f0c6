//! Bringing people into a course: the join link (which the tutor can turn off or renew),
//! a single email invitation, and joining through the link, with or without an account.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::auth::password;
use crate::courses::import::{self, Person};
use crate::courses::queries;
use crate::db::entity::{course, membership};
use crate::error::{AppError, AppResult};
use crate::mail::OutgoingEmail;
use crate::policy::{Action, MemberState, Role};
use crate::time::now_ms;
use crate::validate::{self, Email, Invalid, NewPassword, PersonName};
use crate::web::{CourseCtx, Page, ReqCtx, Viewer, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/invite", get(invite_page).post(invite_by_email))
        .route("/courses/{course_id}/join-link", post(join_link))
        .route("/join/{code}", get(join_page).post(join))
}

#[derive(Template)]
#[template(path = "courses/invite.html")]
pub struct InvitePage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub join_url: Option<String>,
    pub join_enabled: bool,
    pub name: String,
    pub email: String,
    pub role: String,
    pub error: Option<String>,
    pub roles: [Role; 4],
}

pub fn invite_page_for(state: &AppState, c: &CourseCtx) -> InvitePage {
    InvitePage {
        page: Page::new(&c.ctx, "invite-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        join_url: c.course.join_code.as_ref().map(|code| format!("{}/join/{code}", state.config.base_url())),
        join_enabled: c.course.join_enabled,
        name: String::new(),
        email: String::new(),
        role: "student".into(),
        error: None,
        roles: Role::ALL,
    }
}

async fn invite_page(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::InviteMembers)?;
    render(&invite_page_for(&state, &c))
}

#[derive(Deserialize)]
struct InviteForm {
    name: String,
    email: String,
    role: String,
}

async fn invite_by_email(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<InviteForm>,
) -> AppResult<Response> {
    c.require(Action::InviteMembers)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Invite).await?;
    let tr = c.ctx.tr();
    let checked = PersonName::parse(&f.name)
        .and_then(|n| Email::parse(&f.email).map(|e| (n, e)))
        .and_then(|(n, e)| Role::parse(&f.role).map(|r| (n, e, r)).ok_or(Invalid("err-role")));
    let (name, email, role) = match checked {
        Ok(v) => v,
        Err(Invalid(m)) => {
            let mut page = invite_page_for(&state, &c);
            page.name = f.name.chars().take(200).collect();
            page.email = f.email.chars().take(300).collect();
            page.role = f.role.chars().take(20).collect();
            page.error = Some(tr.t(m));
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let person = Person { name: name.into_string(), email, role };
    let summary = import::add_people(&state, &c.course, c.user()?, &[person], true).await?;
    let notice = if summary.already > 0 { "notice-already-member" } else { "notice-invited" };
    Ok(with_notice(notice, Redirect::to(&format!("/courses/{}/invite", c.course.id)), c.ctx.secure))
}

#[derive(Deserialize)]
struct JoinLinkForm {
    action: String,
}

async fn join_link(State(state): State<AppState>, c: CourseCtx, Form(f): Form<JoinLinkForm>) -> AppResult<Response> {
    c.require(Action::InviteMembers)?;
    let id = c.course.id;
    let mut active: course::ActiveModel = c.course.into();
    match f.action.as_str() {
        "enable" => active.join_enabled = Set(true),
        "disable" => active.join_enabled = Set(false),
        // A new code makes every copy of the old link useless.
        "renew" => {
            active.join_code = Set(Some(crate::auth::tokens::join_code()));
            active.join_enabled = Set(true);
        }
        _ => return Err(AppError::BadRequest("error-bad-form")),
    }
    active.update(&state.db).await?;
    Ok(with_notice("notice-join-link", Redirect::to(&format!("/courses/{id}/invite")), c.ctx.secure))
}

#[derive(Template)]
#[template(path = "courses/join.html")]
struct JoinPage {
    page: Page,
    code: String,
    course: course::Model,
    tutors: Vec<queries::Member>,
    name: String,
    email: String,
    error: Option<String>,
}

async fn course_by_code(state: &AppState, code: &str) -> AppResult<course::Model> {
    if code.len() > 32 {
        return Err(AppError::BadRequest("join-invalid"));
    }
    course::Entity::find()
        .filter(course::Column::JoinCode.eq(code))
        .filter(course::Column::JoinEnabled.eq(true))
        .one(&state.db)
        .await?
        .ok_or(AppError::BadRequest("join-invalid"))
}

async fn join_page_for(state: &AppState, ctx: &ReqCtx, code: String, course: course::Model) -> AppResult<JoinPage> {
    let tutors = queries::members(&state.db, course.id).await?.into_iter().filter(|m| m.role == Role::Tutor).collect();
    Ok(JoinPage {
        page: Page::titled(ctx, ctx.tr().t1("join-title", "course", &course.title)),
        code,
        course,
        tutors,
        name: String::new(),
        email: String::new(),
        error: None,
    })
}

async fn join_page(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let course = course_by_code(&state, &code).await?;
    if let Some(u) = &ctx.user
        && let Some(m) = queries::membership_of(&state.db, course.id, u.id).await?
    {
        return Ok(Redirect::to(&after_join(&m, course.id)).into_response());
    }
    render(&join_page_for(&state, &ctx, code, course).await?)
}

#[derive(Deserialize)]
struct JoinForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    time_zone: String,
}

async fn join(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(code): Path<String>,
    Form(f): Form<JoinForm>,
) -> AppResult<Response> {
    let course = course_by_code(&state, &code).await?;
    let course_id = course.id;
    let now = now_ms();
    if let Some(u) = &ctx.user {
        match queries::membership_of(&state.db, course_id, u.id).await? {
            None => add_student(&state.db, course_id, u.id, MemberState::Active, now).await?,
            Some(m) => return Ok(Redirect::to(&after_join(&m, course_id)).into_response()),
        }
        return Ok(with_notice("notice-joined", Redirect::to(&format!("/courses/{course_id}")), ctx.secure));
    }

    let tr = ctx.tr();
    let checked = PersonName::parse(&f.name).and_then(|n| Email::parse(&f.email).map(|e| (n, e))).and_then(|(n, e)| {
        NewPassword::parse(&f.password)?;
        if f.password != f.confirm {
            return Err(Invalid("err-password-mismatch"));
        }
        Ok((n, e))
    });
    let again = |page: JoinPage, msg: &str| -> AppResult<Response> {
        let mut page = page;
        page.name = f.name.chars().take(200).collect();
        page.email = f.email.chars().take(300).collect();
        page.error = Some(tr.t(msg));
        let mut res = render(&page)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(res)
    };
    let (name, email) = match checked {
        Ok(v) => v,
        Err(Invalid(m)) => return again(join_page_for(&state, &ctx, code, course).await?, m),
    };
    // An address that already has a real account cannot be claimed through a join link.
    // The answer is the same page as for a new address, after the same work (the
    // password is hashed either way), so the page cannot tell anyone who has an account;
    // the owner is told by email and can sign in to join. An account nobody has
    // confirmed is no one's yet: this sign-up replaces it.
    let existing = crate::accounts::find_by_email(&state.db, email.as_str()).await?;
    let hash = password::hash_async(f.password.clone()).await?;
    if let Some(owner) = existing.as_ref().filter(|u| !u.unconfirmed) {
        return already_has_an_account(&state, &ctx, &course, &code, owner).await;
    }
    let zone = validate::time_zone(&f.time_zone).unwrap_or_else(|_| course.time_zone.clone());
    let name = name.into_string();
    let txn = state.db.begin().await?;
    let user = match existing {
        Some(old) => {
            crate::accounts::replace_unconfirmed(&txn, old, &name, Some(hash), ctx.locale, &zone, true).await?
        }
        None => match crate::accounts::create_user_with(&txn, &email, &name, Some(hash), ctx.locale, &zone, true).await
        {
            Ok(u) => u,
            Err(e) if crate::db::is_unique_violation(&e) => {
                // Someone made the account a moment ago: answer as for any existing one.
                drop(txn);
                return match crate::accounts::find_by_email(&state.db, email.as_str()).await? {
                    Some(owner) => already_has_an_account(&state, &ctx, &course, &code, &owner).await,
                    None => Err(e.into()),
                };
            }
            Err(e) => return Err(e.into()),
        },
    };
    // Not in the course until the address is confirmed.
    add_student(&txn, course_id, user.id, MemberState::Invited, now).await?;
    let link =
        crate::auth::confirm::issue(&txn, user.id, crate::auth::confirm::JOIN, &user.email, &state.config.base_url())
            .await?;
    let tr = crate::i18n::Tr(ctx.locale);
    state
        .mailer
        .queue(
            &txn,
            OutgoingEmail {
                to_address: user.email.clone(),
                to_user_id: Some(user.id),
                subject: tr.t1("accounts-email-confirm-join-subject", "course", &course.title),
                body_text: crate::i18n::message(
                    ctx.locale,
                    "accounts-email-confirm-join-body",
                    &[("name", &user.name), ("course", &course.title), ("link", &link)],
                ),
            },
        )
        .await?;
    txn.commit().await?;
    state.mailer.wake();
    render(&CheckEmailPage { page: Page::new(&ctx, "accounts-check-email-title"), email: user.email })
}

/// A join-link sign-up for an address that already has an account: tell its owner (who
/// can sign in and join), and show the same page a new address gets.
async fn already_has_an_account(
    state: &AppState,
    ctx: &crate::web::ReqCtx,
    course: &course::Model,
    code: &str,
    owner: &crate::db::entity::user::Model,
) -> AppResult<Response> {
    let locale = crate::i18n::Locale::parse(&owner.locale).unwrap_or_default();
    let tr = crate::i18n::Tr(locale);
    let link = format!("{}/sign-in?next=/join/{code}", state.config.base_url());
    let txn = state.db.begin().await?;
    state
        .mailer
        .queue(
            &txn,
            OutgoingEmail {
                to_address: owner.email.clone(),
                to_user_id: Some(owner.id),
                subject: tr.t1("security-email-join-existing-subject", "course", &course.title),
                body_text: crate::i18n::message(
                    locale,
                    "security-email-join-existing-body",
                    &[("name", &owner.name), ("course", &course.title), ("link", &link)],
                ),
            },
        )
        .await?;
    txn.commit().await?;
    state.mailer.wake();
    render(&CheckEmailPage { page: Page::new(ctx, "accounts-check-email-title"), email: owner.email.clone() })
}

/// "Look in your inbox": what a join-link sign-up sees until the address is confirmed.
#[derive(Template)]
#[template(path = "auth/check_email.html")]
struct CheckEmailPage {
    page: Page,
    email: String,
}

/// Where someone who is already in the course goes: a pending invitation is answered on
/// the invitations page, not by the join link.
fn after_join(m: &membership::Model, course_id: i64) -> String {
    if m.state == MemberState::Invited.as_str() { "/invitations".into() } else { format!("/courses/{course_id}") }
}

async fn add_student(
    db: &impl sea_orm::ConnectionTrait,
    course_id: i64,
    user_id: i64,
    state: MemberState,
    now: i64,
) -> AppResult<()> {
    membership::ActiveModel {
        course_id: Set(course_id),
        user_id: Set(user_id),
        role: Set(Role::Student.as_str().into()),
        state: Set(state.as_str().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
