//! Writing a new message from anywhere a person is named: a profile, a group ("message my
//! group"), the members list. `/messages/new?to=…` (one `to` per person) opens the form
//! with those people chosen. More people are added by typing a name: a small script
//! asks `/messages/people?q=…` (paged JSON) and offers matches; without the script, the
//! form's "Find" button posts back and the page lists the matches to tick. The form
//! answers at its own address, with everything typed kept and each message next to its
//! field. Who may write to whom is still `rules::check_new`, through `send_new`.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use super::recipients::{self, Find, Person};
use super::{conversation_link, rules, send_new, settings};
use crate::app::AppState;
use crate::error::AppResult;
use crate::policy::{Action, Role};
use crate::web::paging::Cursor;
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/messages/new", get(new_page).post(send_post))
        .route("/courses/{course_id}/messages/people", get(people))
}

/// The most `to` values read from one address or form: more than a conversation holds,
/// so that "too many" is said in words rather than silently cut.
const MAX_TO: usize = 20;
/// Matches the plain (no script) search lists at once.
const MATCHES: u64 = 20;
/// Matches the type-ahead asks for at a time.
const SUGGESTIONS: u64 = 8;

#[derive(Template)]
#[template(path = "messages/new.html")]
struct NewPage {
    page: Page,
    course_id: i64,
    course_title: String,
    chosen: Vec<Person>,
    /// People an address or the form named whom the writer cannot reach.
    dropped: usize,
    term: String,
    searched: bool,
    matches: Vec<Person>,
    more: bool,
    body: String,
    students_off_for_me: bool,
    max_others: usize,
    error_to: Option<String>,
    error_body: Option<String>,
}

impl NewPage {
    fn has_errors(&self) -> bool {
        self.error_to.is_some() || self.error_body.is_some()
    }
}

/// The form's state, from an address or a post.
#[derive(Default)]
struct Draft {
    to: Vec<i64>,
    term: String,
    body: String,
    action: String,
}

impl Draft {
    fn read(pairs: Vec<(String, String)>, me: i64) -> Draft {
        let to = recipients::ids(pairs.iter().cloned(), me, MAX_TO);
        let mut d = Draft { to, ..Default::default() };
        for (k, v) in pairs {
            match k.as_str() {
                "q" => d.term = v,
                "body" => d.body = v,
                "action" => d.action = v,
                _ => {}
            }
        }
        d
    }
}

/// Whether the writer may reach only the teaching team (student messages off).
async fn teaching_only(state: &AppState, c: &CourseCtx) -> AppResult<bool> {
    let s = settings(&state.db, c.course.id).await?;
    // A site admin who is not a member writes as if teaching (as in `send_new`).
    Ok(!s.student_messages && !c.role.unwrap_or(Role::Tutor).is_teaching())
}

async fn view(
    state: &AppState,
    c: &CourseCtx,
    d: Draft,
    search: bool,
    error: Option<&'static str>,
) -> AppResult<NewPage> {
    let me = c.user()?.id;
    let tr = c.ctx.tr();
    let only_teaching = teaching_only(state, c).await?;
    let base = Find { course_id: c.course.id, me, teaching_only: only_teaching, term: "", only: None, except: &[] };
    // The chosen, as the writer may reach them (someone named in a link who cannot be
    // written to is left out and said so).
    let chosen = if d.to.is_empty() {
        vec![]
    } else {
        recipients::find(&state.db, &Find { only: Some(&d.to), ..base }, None, MAX_TO as u64).await?
    };
    let dropped = d.to.len() - chosen.len();
    let term = d.term.trim().to_string();
    let searched = search && !term.is_empty();
    let (matches, more) = if searched {
        let ids: Vec<i64> = chosen.iter().map(|p| p.id).collect();
        let mut found =
            recipients::find(&state.db, &Find { term: &term, except: &ids, ..base }, None, MATCHES + 1).await?;
        let more = found.len() as u64 > MATCHES;
        found.truncate(MATCHES as usize);
        (found, more)
    } else {
        (vec![], false)
    };
    let (error_to, error_body) = match error {
        Some(e @ "messages-err-body") => (None, Some(tr.t(e))),
        Some(e) => (Some(tr.t(e)), None),
        None => (None, None),
    };
    Ok(NewPage {
        page: Page::new(&c.ctx, "messages-new"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        chosen,
        dropped,
        term: if searched { term } else { String::new() },
        searched,
        matches,
        more,
        body: d.body,
        students_off_for_me: only_teaching,
        max_others: rules::MAX_PEOPLE - 1,
        error_to,
        error_body,
    })
}

async fn new_page(State(state): State<AppState>, c: CourseCtx, RawQuery(q): RawQuery) -> AppResult<Response> {
    c.require(Action::UseMessages)?;
    let pairs = url::form_urlencoded::parse(q.unwrap_or_default().as_bytes()).into_owned().collect();
    let d = Draft::read(pairs, c.user()?.id);
    // The body never travels in an address: only whom to write to does.
    let d = Draft { body: String::new(), action: String::new(), ..d };
    render(&view(&state, &c, d, true, None).await?)
}

/// The form posts here: "Find" lists people by name (the fallback without the script),
/// "Send" sends.
pub(super) async fn send_post(State(state): State<AppState>, c: CourseCtx, raw: Bytes) -> AppResult<Response> {
    c.require(Action::UseMessages)?;
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&raw).into_owned().collect();
    let d = Draft::read(pairs, c.user()?.id);
    if d.action == "find" {
        return render(&view(&state, &c, d, true, None).await?);
    }
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Message).await?;
    match send_new(&state, &c, &d.to, &d.body).await? {
        Ok(conv_id) => {
            Ok(with_notice("notice-message-sent", Redirect::to(&conversation_link(c.course.id, conv_id)), c.ctx.secure))
        }
        Err(e) => {
            let page = view(&state, &c, d, false, Some(e)).await?;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

#[derive(Deserialize, Default)]
struct PeopleQuery {
    #[serde(default)]
    q: String,
    after: Option<String>,
}

/// People the asker may write to whose name contains `q`, a page at a time:
/// `{"people": [{"id", "name", "teaching"}], "next": cursor or null}`.
async fn people(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PeopleQuery>) -> AppResult<Response> {
    c.require(Action::UseMessages)?;
    let me = c.user()?.id;
    let term: String = p.q.chars().take(100).collect();
    let from = p.after.as_deref().and_then(Cursor::decode);
    let only_teaching = teaching_only(&state, &c).await?;
    let f = Find { course_id: c.course.id, me, teaching_only: only_teaching, term: &term, only: None, except: &[] };
    let mut found = recipients::find(&state.db, &f, from.as_ref(), SUGGESTIONS + 1).await?;
    let next = (found.len() as u64 > SUGGESTIONS).then(|| found[SUGGESTIONS as usize - 1].cursor().encode());
    found.truncate(SUGGESTIONS as usize);
    let list: Vec<serde_json::Value> =
        found.iter().map(|p| serde_json::json!({ "id": p.id, "name": p.name, "teaching": p.teaching })).collect();
    Ok(Json(serde_json::json!({ "people": list, "next": next })).into_response())
}
