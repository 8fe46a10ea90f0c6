//! Roster import: the tutor uploads or pastes `name,email,role` CSV, sees a preview with
//! every bad row named, fixes the text in place, and imports. The import writes everyone
//! or no one, in bulk, so a roster of thousands takes seconds.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::post;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionTrait};

use crate::app::AppState;
use crate::courses::roster::{self, FileError, RosterRow, RowError};
use crate::db::entity::{course, membership, password_token, user};
use crate::error::{AppError, AppResult};
use crate::i18n::{Locale, Tr};
use crate::mail::OutgoingEmail;
use crate::policy::{Action, MemberState, Role};
use crate::time::now_ms;
use crate::validate::Email;
use crate::web::{CourseCtx, CurrentUser, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new().route("/courses/{course_id}/roster", post(roster))
}

/// Someone to add to a course.
#[derive(Clone, Debug)]
pub struct Person {
    pub name: String,
    pub email: Email,
    pub role: Role,
}

impl From<&RosterRow> for Person {
    fn from(r: &RosterRow) -> Person {
        Person { name: r.name.clone(), email: r.email.clone(), role: r.role }
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// New accounts made (they set a password from their invitation).
    pub created: usize,
    /// People who had an account and were invited (they accept on their invitations page).
    pub added: usize,
    /// People already in the course, left as they were.
    pub already: usize,
}

const CHUNK: usize = 400;

async fn users_by_email(db: &impl ConnectionTrait, emails: &[String]) -> Result<HashMap<String, user::Model>, DbErr> {
    let mut out = HashMap::new();
    for chunk in emails.chunks(CHUNK) {
        for u in user::Entity::find().filter(user::Column::Email.is_in(chunk.to_vec())).all(db).await? {
            out.insert(u.email.clone(), u);
        }
    }
    Ok(out)
}

async fn member_ids(db: &impl ConnectionTrait, course_id: i64, user_ids: &[i64]) -> Result<HashSet<i64>, DbErr> {
    let mut out = HashSet::new();
    for chunk in user_ids.chunks(CHUNK) {
        for m in membership::Entity::find()
            .filter(membership::Column::CourseId.eq(course_id))
            .filter(membership::Column::UserId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            out.insert(m.user_id);
        }
    }
    Ok(out)
}

/// What an import would do with each person, for the preview.
pub async fn classify(db: &impl ConnectionTrait, course_id: i64, people: &[Person]) -> Result<Summary, DbErr> {
    let emails: Vec<String> = people.iter().map(|p| p.email.as_str().to_string()).collect();
    let existing = users_by_email(db, &emails).await?;
    let ids: Vec<i64> = existing.values().map(|u| u.id).collect();
    let members = member_ids(db, course_id, &ids).await?;
    let mut s = Summary::default();
    for p in people {
        match existing.get(p.email.as_str()) {
            None => s.created += 1,
            Some(u) if members.contains(&u.id) => s.already += 1,
            Some(_) => s.added += 1,
        }
    }
    Ok(s)
}

/// Invite people to a course in one transaction: accounts for those who have none, the
/// memberships (invited: nobody is added without saying yes), and an email each (a link
/// to choose a password, or to the invitations page to accept). People already in the
/// course keep their role.
pub async fn add_people(
    state: &AppState,
    course: &course::Model,
    inviter: &CurrentUser,
    people: &[Person],
    send_emails: bool,
) -> AppResult<Summary> {
    let now = now_ms();
    let txn = state.db.begin().await?;
    let emails: Vec<String> = people.iter().map(|p| p.email.as_str().to_string()).collect();
    let mut before = users_by_email(&txn, &emails).await?;
    // An account nobody has confirmed (made by a join link) is replaced by this
    // invitation: the invited person chooses their own password from the link below.
    let mut replaced = HashSet::new();
    for p in people {
        if let Some(u) = before.get(p.email.as_str()).filter(|u| u.unconfirmed).cloned()
            && replaced.insert(u.id)
        {
            let fresh =
                crate::accounts::replace_unconfirmed(&txn, u, &p.name, None, inviter.locale, &course.time_zone, false)
                    .await?;
            before.insert(fresh.email.clone(), fresh);
        }
    }

    let new_users: Vec<user::ActiveModel> = people
        .iter()
        .filter(|p| !before.contains_key(p.email.as_str()))
        .map(|p| user::ActiveModel {
            email: Set(p.email.as_str().to_string()),
            name: Set(p.name.clone()),
            password_hash: Set(None),
            locale: Set(inviter.locale.code().to_string()),
            time_zone: Set(course.time_zone.clone()),
            is_site_admin: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    let created = new_users.len() + replaced.len();
    for chunk in new_users.chunks(CHUNK) {
        user::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    let users = if new_users.is_empty() { before.clone() } else { users_by_email(&txn, &emails).await? };
    let ids: Vec<i64> = users.values().map(|u| u.id).collect();
    let already_in = member_ids(&txn, course.id, &ids).await?;

    let mut memberships = vec![];
    let mut tokens = vec![];
    let mut mails = vec![];
    let base = state.config.base_url();
    let mut summary = Summary { created, ..Default::default() };
    for p in people {
        let u = users.get(p.email.as_str()).ok_or_else(|| AppError::Internal(anyhow::anyhow!("user vanished")))?;
        if already_in.contains(&u.id) {
            summary.already += 1;
            continue;
        }
        if before.contains_key(p.email.as_str()) && !replaced.contains(&u.id) {
            summary.added += 1;
        }
        memberships.push(membership::ActiveModel {
            course_id: Set(course.id),
            user_id: Set(u.id),
            role: Set(p.role.as_str().into()),
            // Nobody is in a course before they say yes: a new account by choosing its
            // password, an existing one by accepting on its invitations page.
            state: Set(MemberState::Invited.as_str().into()),
            created_at: Set(now),
            ..Default::default()
        });
        if !send_emails {
            continue;
        }
        let tr = Tr(Locale::parse(&u.locale).unwrap_or_default());
        let body = if u.password_hash.is_none() {
            let token = crate::auth::tokens::new_token();
            tokens.push(password_token::ActiveModel {
                token_hash: Set(crate::auth::tokens::hash(&token)),
                user_id: Set(u.id),
                purpose: Set("invite".into()),
                created_at: Set(now),
                expires_at: Set(now + crate::auth::INVITE_LIFETIME_MS),
                used_at: Set(None),
                ..Default::default()
            });
            let link = format!("{base}/set-password/{token}");
            crate::i18n::message(
                tr.0,
                "email-invite-body",
                &[("name", &u.name), ("tutor", &inviter.name), ("course", &course.title), ("link", &link)],
            )
        } else {
            let link = format!("{base}/invitations");
            let role = tr.t(p.role.label_id());
            crate::i18n::message(
                tr.0,
                "accounts-email-invited-body",
                &[
                    ("name", &u.name),
                    ("tutor", &inviter.name),
                    ("course", &course.title),
                    ("role", &role),
                    ("link", &link),
                ],
            )
        };
        mails.push(OutgoingEmail {
            to_address: u.email.clone(),
            to_user_id: Some(u.id),
            subject: tr.t1("email-invite-subject", "course", &course.title),
            body_text: body,
        });
    }
    for chunk in memberships.chunks(CHUNK) {
        membership::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in tokens.chunks(CHUNK) {
        password_token::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    state.mailer.queue_many(&txn, mails).await?;
    txn.commit().await?;
    if people.len() >= crate::db::BULK {
        crate::db::analyze(&state.db, crate::db::Analyze::Roster).await?;
    }
    state.mailer.wake();
    Ok(summary)
}

#[derive(Template)]
#[template(path = "courses/roster_preview.html")]
struct PreviewPage {
    page: Page,
    course_id: i64,
    course_title: String,
    csv: String,
    file_error: Option<String>,
    errors: Vec<(usize, String, String)>,
    rows: Vec<RosterRow>,
    summary: Summary,
    send_emails: bool,
}

/// Both steps post here: without `confirm` it previews; with it, it imports if the
/// text is still clean (it is checked again: the page may be old).
async fn roster(State(state): State<AppState>, c: CourseCtx, mut multipart: Multipart) -> AppResult<Response> {
    c.require(Action::InviteMembers)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Roster).await?;
    let mut file: Option<Vec<u8>> = None;
    let mut text = String::new();
    let mut confirm = false;
    let mut send_emails = false;
    while let Some(field) = multipart.next_field().await.map_err(|_| AppError::BadRequest("error-bad-form"))? {
        let name = field.name().unwrap_or("").to_string();
        let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
        match name.as_str() {
            "file" if !bytes.is_empty() => file = Some(bytes.to_vec()),
            "csv" => text = String::from_utf8_lossy(&bytes).into_owned(),
            "confirm" => confirm = true,
            "send_emails" => send_emails = true,
            _ => {}
        }
    }
    // A chosen file wins over the text box; the preview then shows its text for editing.
    let bytes = file.unwrap_or_else(|| text.into_bytes());
    // A OneRoster 1.2 zip becomes the plain roster of its class, previewed the same way;
    // a zip with any problem imports nothing (crate::lti::oneroster).
    let (bytes, oneroster_problems) = if crate::lti::oneroster::is_zip(&bytes) {
        match crate::lti::oneroster::to_plain_csv(&bytes, &c.course.title) {
            Ok(csv) => (csv.into_bytes(), None),
            Err(problems) => (vec![], Some(problems)),
        }
    } else {
        (bytes, None)
    };
    let tr = c.ctx.tr();
    let mut page = PreviewPage {
        page: Page::new(&c.ctx, "roster-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        csv: String::new(),
        file_error: None,
        errors: vec![],
        rows: vec![],
        summary: Summary::default(),
        send_emails,
    };
    if let Some(problems) = oneroster_problems {
        page.file_error = Some(tr.t1("roster-oneroster-problems", "list", problems.join("; ")));
        let mut res = render(&page)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let parsed = roster::parse(&bytes);
    // Keep what they gave us editable, unless it is not text we can show.
    if !matches!(parsed, Err(FileError::NotUtf8 | FileError::TooLarge | FileError::LineTooLong { .. })) {
        page.csv = String::from_utf8_lossy(&bytes).into_owned();
    }
    let parsed = match parsed {
        Ok(p) => p,
        Err(e) => {
            page.file_error = Some(match &e {
                FileError::LineTooLong { line } | FileError::Malformed { line } => tr.t1(e.message(), "line", line),
                FileError::BadHeader { found } => {
                    tr.t1(e.message(), "found", found.chars().take(80).collect::<String>())
                }
                _ => tr.t(e.message()),
            });
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let people: Vec<Person> = parsed.rows.iter().map(Person::from).collect();
    if confirm && parsed.is_clean() {
        let user = c.user()?.clone();
        let s = add_people(&state, &c.course, &user, &people, send_emails).await?;
        tracing::info!(created = s.created, added = s.added, already = s.already, "roster imported");
        return Ok(with_notice(
            "notice-roster-imported",
            Redirect::to(&format!("/courses/{}/members", c.course.id)),
            c.ctx.secure,
        ));
    }
    page.summary = classify(&state.db, c.course.id, &people).await?;
    page.errors = parsed
        .errors
        .iter()
        .map(|e: &RowError| (e.line, tr.t(e.message), e.value.chars().take(80).collect()))
        .collect();
    let clean = parsed.is_clean();
    page.rows = parsed.rows;
    let mut res = render(&page)?;
    if !clean {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}
