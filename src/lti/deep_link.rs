//! Deep Linking 2.0: an instructor launches from the LMS's "add content" flow; we keep the
//! request on their sign-in row (where to answer, the platform's opaque data), show them
//! the places of the linked course (home, spaces, threads, live sessions, group sets), and
//! answer with a signed `LtiDeepLinkingResponse` posted back to the LMS by a form (an
//! external script submits it; without JavaScript the person presses its button).
//! A link made so launches like any other; its custom parameter names the place, and
//! `arrive` sends the person there.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use homeroom_lti::deep_link::{self, Item, Place};
use jsonwebtoken::{EncodingKey, Header};
use serde::Deserialize;

use super::{keys, platforms, sql};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render};

/// How long an instructor may take to pick, from the launch.
pub const PICK_WITHIN_MS: i64 = 60 * 60 * 1000;
/// The most of each kind of place listed (the newest); a course has a handful of spaces.
const LISTED: i64 = 50;

/// Where a deep-linking launch continues: the picker of course `course_id`.
pub fn picker_path(course_id: i64, login_id: i64) -> String {
    format!("/courses/{course_id}/lti/deep-links/{login_id}")
}

struct Request {
    platform_id: i64,
    return_url: String,
    data: Option<String>,
    deployment: String,
}

/// The open request of this person in this course, or not found.
async fn request(state: &AppState, c: &CourseCtx, login_id: i64) -> AppResult<Request> {
    c.require(Action::DeepLinkLti)?;
    let user = c.user()?;
    let row = sql::one(
        &state.db,
        "SELECT l.platform_id, l.deep_link_return_url, l.deep_link_data, l.deep_link_deployment \
         FROM lti_logins l JOIN lti_contexts x ON x.id = l.deep_link_context \
         WHERE l.id = $1 AND l.user_id = $2 AND x.course_id = $3 AND l.deep_linked_at IS NULL \
         AND l.deep_link_return_url IS NOT NULL AND l.created_at > $4",
        vec![login_id.into(), user.id.into(), c.course.id.into(), (now_ms() - PICK_WITHIN_MS).into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Request {
        platform_id: row.try_get("", "platform_id")?,
        return_url: row.try_get("", "deep_link_return_url")?,
        data: row.try_get("", "deep_link_data")?,
        deployment: row.try_get::<Option<String>>("", "deep_link_deployment")?.unwrap_or_default(),
    })
}

pub struct Choice {
    pub value: String,
    pub title: String,
}

pub struct Choices {
    pub spaces: Vec<Choice>,
    pub threads: Vec<Choice>,
    pub live: Vec<Choice>,
    pub groups: Vec<Choice>,
}

/// Four fixed statements, whatever the course's size.
async fn choices(state: &AppState, course_id: i64) -> AppResult<Choices> {
    let list = |query: &'static str, kind: &'static str| {
        let db = state.db.clone();
        async move {
            let rows = sql::all(&db, query, vec![course_id.into(), LISTED.into()]).await?;
            rows.iter()
                .map(|r| {
                    let id: i64 = r.try_get("", "id")?;
                    Ok(Choice { value: format!("{kind}:{id}"), title: r.try_get("", "title")? })
                })
                .collect::<AppResult<Vec<_>>>()
        }
    };
    Ok(Choices {
        spaces: list(
            "SELECT id, title FROM forum_spaces WHERE course_id = $1 AND archived = false ORDER BY position, id LIMIT $2",
            "space",
        )
        .await?,
        threads: list(
            "SELECT id, title FROM forum_threads WHERE course_id = $1 ORDER BY last_post_at DESC, id DESC LIMIT $2",
            "thread",
        )
        .await?,
        live: list(
            "SELECT id, title FROM live_sessions WHERE course_id = $1 ORDER BY starts_at DESC, id DESC LIMIT $2",
            "live",
        )
        .await?,
        groups: list(
            "SELECT id, title FROM group_sets WHERE course_id = $1 AND status = 'published' ORDER BY id DESC LIMIT $2",
            "groups",
        )
        .await?,
    })
}

#[derive(Template)]
#[template(path = "lti/deep_link.html")]
struct PickPage {
    page: Page,
    action: String,
    course_title: String,
    choices: Choices,
    error: Option<String>,
}

async fn pick_page(state: &AppState, c: &CourseCtx, login_id: i64, error: Option<String>) -> AppResult<Response> {
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut res = render(&PickPage {
        page: Page::new(&c.ctx, "lti-dl-title"),
        action: picker_path(c.course.id, login_id),
        course_title: c.course.title.clone(),
        choices: choices(state, c.course.id).await?,
        error,
    })?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn pick_form(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, login_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    request(&state, &c, login_id).await?;
    pick_page(&state, &c, login_id, None).await
}

#[derive(Default, Deserialize)]
pub struct PickForm {
    #[serde(default)]
    place: String,
}

/// The title of `place` if it is a place of this course (one statement).
async fn title_of(state: &AppState, course_id: i64, place: Place, course_title: &str) -> AppResult<Option<String>> {
    let query = match place {
        Place::Home => return Ok(Some(course_title.to_string())),
        Place::Space(_) => "SELECT title FROM forum_spaces WHERE id = $1 AND course_id = $2 AND archived = false",
        Place::Thread(_) => "SELECT title FROM forum_threads WHERE id = $1 AND course_id = $2",
        Place::Live(_) => "SELECT title FROM live_sessions WHERE id = $1 AND course_id = $2",
        Place::Groups(_) => "SELECT title FROM group_sets WHERE id = $1 AND course_id = $2 AND status = 'published'",
    };
    let id = match place {
        Place::Space(i) | Place::Thread(i) | Place::Live(i) | Place::Groups(i) => i,
        Place::Home => 0,
    };
    Ok(sql::one(&state.db, query, vec![id.into(), course_id.into()])
        .await?
        .map(|r| r.try_get::<String>("", "title"))
        .transpose()?)
}

#[derive(Template)]
#[template(path = "lti/deep_link_return.html")]
struct ReturnPage {
    page: Page,
    return_url: String,
    jwt: String,
    title: String,
}

pub async fn pick(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, login_id)): Path<(i64, i64)>,
    Form(f): Form<PickForm>,
) -> AppResult<Response> {
    let req = request(&state, &c, login_id).await?;
    let chosen = Place::parse(&f.place);
    let title = match chosen {
        Some(p) => title_of(&state, c.course.id, p, &c.course.title).await?,
        None => None,
    };
    let (Some(place), Some(title)) = (chosen, title) else {
        return pick_page(&state, &c, login_id, Some(c.ctx.tr().t("lti-dl-err-place"))).await;
    };
    let platform = platforms::by_id(&state.db, req.platform_id).await?.ok_or(AppError::NotFound)?;
    // Answered once: a second post of the same request is refused.
    let now = now_ms();
    let fresh = sql::exec(
        &state.db,
        "UPDATE lti_logins SET deep_linked_at = $1 WHERE id = $2 AND deep_linked_at IS NULL",
        vec![now.into(), login_id.into()],
    )
    .await?;
    if fresh != 1 {
        return Err(AppError::NotFound);
    }
    let launch_url = format!("{}/lti/launch", state.config.base_url());
    let nonce = crate::auth::tokens::new_token();
    let claims = deep_link::response_claims(
        &deep_link::Response {
            client_id: &platform.client_id,
            platform_issuer: &platform.issuer,
            deployment_id: &req.deployment,
            data: req.data.as_deref(),
            launch_url: &launch_url,
            now: now / 1000,
            nonce: &nonce,
        },
        &[Item { title: title.clone(), place }],
    );
    let key = keys::current(&state.db).await?;
    let mut head = Header::new(jsonwebtoken::Algorithm::RS256);
    head.kid = Some(key.kid);
    let encoding = EncodingKey::from_rsa_pem(key.private_pem.as_bytes())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("the tool key: {e}")))?;
    let jwt = jsonwebtoken::encode(&head, &claims, &encoding)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("signing the deep link: {e}")))?;
    let origin = url::Url::parse(&req.return_url).ok().filter(|u| matches!(u.scheme(), "https" | "http"));
    let Some(origin) = origin.map(|u| u.origin().ascii_serialization()) else {
        return Err(AppError::BadRequest("lti-dl-err-return"));
    };
    let mut res =
        render(&ReturnPage { page: Page::new(&c.ctx, "lti-dl-return-title"), return_url: req.return_url, jwt, title })?;
    // This page alone may post to the LMS: its form goes to the return address.
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self' {origin}"
    );
    let value = HeaderValue::from_str(&csp).map_err(|e| AppError::Internal(anyhow::anyhow!("csp: {e}")))?;
    res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    Ok(res)
}
