//! The live pages: the course's sessions, planning one, the session itself (lobby,
//! running step, summary), the tutor's controls and the no-JavaScript answer form.
//! Thin handlers; the socket is in `socket`, the rules in `rules` and `homeroom-live`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{DatabaseConnection, TransactionTrait, Value};
use serde::Deserialize;

use super::queries::{self, SessionRow};
use super::rules::{MAX_NOTES, PlanForm, StepForm};
use super::views::{Errors, ListPage, Mine, PlanPage, ResultsView, SessionItem, SessionPage, StepView};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::paging::{Cursor, Key, PageParams, Paged};
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    let s = "/courses/{course_id}/live/{session_id}";
    Router::new()
        .route("/courses/{course_id}/live", get(list))
        .route("/courses/{course_id}/live/new", get(plan_form).post(plan))
        .route(s, get(session))
        .route(&format!("{s}/socket"), get(super::socket::socket))
        .route(&format!("{s}/steps"), post(add_step))
        .route(&format!("{s}/start"), post(start))
        .route(&format!("{s}/end"), post(end))
        .route(&format!("{s}/open"), post(open))
        .route(&format!("{s}/reveal"), post(reveal))
        .route(&format!("{s}/hide"), post(hide))
        .route(&format!("{s}/names"), post(names))
        .route(&format!("{s}/notes"), post(notes))
        .route(&format!("{s}/answer"), post(answer))
        .merge(super::breakout_routes::router())
}

pub(super) fn href(course_id: i64, session_id: i64) -> String {
    format!("/courses/{course_id}/live/{session_id}")
}

async fn list(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    c.require(Action::ViewLive)?;
    let size = p.size(crate::web::paging::DEFAULT_SIZE);
    let (dir, from) = p.cursor();
    let after = from.as_ref().and_then(|c| match c.key {
        Key::Int(at) => Some((at, c.id)),
        _ => None,
    });
    let backward = dir == crate::web::paging::Dir::Backward;
    let rows = queries::sessions_page(&state.db, c.course.id, after, backward, size + 1).await?;
    let base = format!("/courses/{}/live", c.course.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |s| Cursor::int(s.starts_at, s.id));
    let running = queries::running(&state.db, c.course.id).await?;
    let t = c.ctx.tr();
    render(&ListPage {
        page: Page::new(&c.ctx, "live-title"),
        course_id: c.course.id,
        running: running.as_ref().map(|s| SessionItem::of(s, &t)),
        items: paged.items.iter().map(|s| SessionItem::of(s, &t)).collect(),
        pager: paged.pager,
        may_run: c.may(Action::RunLive),
    })
}

async fn plan_form(c: CourseCtx) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    render(&PlanPage {
        page: Page::new(&c.ctx, "live-plan-title"),
        course_id: c.course.id,
        form: PlanForm::default(),
        errors: Errors::default(),
    })
}

async fn plan(State(state): State<AppState>, c: CourseCtx, Form(f): Form<PlanForm>) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let me = c.user()?;
    let p = match f.check(&me.time_zone) {
        Ok(p) => p,
        Err(errs) => {
            let t = c.ctx.tr();
            let mut res = render(&PlanPage {
                page: Page::new(&c.ctx, "live-plan-title"),
                course_id: c.course.id,
                errors: Errors(errs.into_iter().map(|(k, id)| (k, t.t(id))).collect()),
                form: f,
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let id = queries::create_session(
        &state.db,
        &queries::NewSession {
            course_id: c.course.id,
            title: &p.title,
            starts_at: p.starts_at,
            video_url: &p.video_url,
            mood_named: p.mood_named,
            created_by: me.id,
        },
        now_ms(),
    )
    .await?;
    Ok(with_notice("live-notice-planned", Redirect::to(&href(c.course.id, id)), c.ctx.secure))
}

pub(super) async fn load(db: &DatabaseConnection, c: &CourseCtx, session_id: i64) -> AppResult<SessionRow> {
    queries::session(db, c.course.id, session_id).await?.ok_or(AppError::NotFound)
}

fn mine_of(step: &queries::StepRow, body: &str) -> Mine {
    let mut m = Mine::default();
    match step.kind.as_str() {
        "checkin" => m.words = serde_json::from_str(body).unwrap_or_default(),
        "poll" => m.choices = serde_json::from_str(body).unwrap_or_default(),
        "mood" => {
            let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            m.mood = v["mood"].as_u64().unwrap_or(0) as u8;
            m.word = v["word"].as_str().unwrap_or("").to_string();
        }
        _ => {}
    }
    m
}

/// The session page in a fixed number of statements: the session, its agenda, the
/// answers (the current step's, or all for the summary), who is here, who came.
pub(super) async fn session_page(
    state: &AppState,
    c: &CourseCtx,
    s: SessionRow,
    step_form: StepForm,
    step_errors: Errors,
    error: Option<String>,
) -> AppResult<Response> {
    let staff = c.may(Action::RunLive);
    let me = c.user()?.id;
    let now = now_ms();
    if s.state == "running" {
        // A page view (with or without a socket) counts as being here for a while.
        queries::attend(&state.db, s.id, me, 0, now).await?;
        // Without JavaScript the page is how one arrives: a latecomer gets a room here too.
        let student = c.may(Action::AnswerLive) && !staff;
        if super::planner::seat_latecomer(&state.db, c.course.id, s.id, me, student).await? {
            state.live.changed(&state.db, s.id);
        }
    }
    let steps = queries::steps(&state.db, s.id).await?;
    let answers = queries::session_answers(&state.db, s.id).await?;
    let here = queries::here(&state.db, s.id, now).await?;
    let came = if staff && s.state == "ended" { queries::came(&state.db, s.id).await? } else { vec![] };
    let b = super::breakout_routes::page_view(state, c, &s, &steps, staff).await?;
    let t = c.ctx.tr();
    let views: Vec<StepView> = steps
        .iter()
        .map(|st| {
            let of_step: Vec<queries::AnswerRow> =
                answers.iter().filter(|(id, _)| *id == st.id).map(|(_, a)| a.clone()).collect();
            let mut v = super::state::results(st, &of_step, staff);
            if staff && st.kind == "mood" && s.mood_named {
                let snap = queries::Snapshot {
                    session: s.clone(),
                    step: Some(st.clone()),
                    answers: of_step.clone(),
                    here: vec![],
                    rooms: vec![],
                    calls: vec![],
                };
                v = super::state::view(&snap, true)["step"]["results"].clone();
            }
            StepView {
                step: st.clone(),
                label: t.t(&format!("live-kind-{}", st.kind)),
                results: ResultsView::of(st, &v),
            }
        })
        .collect();
    let current =
        if s.state == "running" { views.iter().find(|v| Some(v.step.id) == s.step_id).cloned() } else { None };
    let mine = current
        .as_ref()
        .and_then(|cur| {
            answers
                .iter()
                .find(|(id, a)| *id == cur.step.id && a.user_id == me)
                .map(|(_, a)| mine_of(&cur.step, &a.body))
        })
        .unwrap_or_default();
    let announce = match (&s.state[..], &current) {
        ("running", Some(cur)) if cur.step.kind == "breakout" => t.t("live-announce-breakout"),
        ("running", Some(cur)) => t.t2("live-announce-step", "kind", &cur.label, "prompt", &cur.step.prompt),
        ("running", None) => t.t("live-announce-lobby"),
        ("ended", _) => t.t("live-announce-ended"),
        _ => t.t("live-announce-planned"),
    };
    render(&SessionPage {
        page: Page::titled(&c.ctx, s.title.clone()),
        course_id: c.course.id,
        staff,
        may_answer: c.may(Action::AnswerLive),
        steps: views,
        current,
        mine,
        here: here.into_iter().map(|(_, n)| n).collect(),
        came: came.into_iter().map(|(_, n)| n).collect(),
        announce,
        step_form,
        step_errors,
        error,
        b,
        s,
    })
}

async fn session(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, session_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ViewLive)?;
    let s = load(&state.db, &c, session_id).await?;
    session_page(&state, &c, s, StepForm::default(), Errors::default(), None).await
}

async fn add_step(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, session_id)): Path<(i64, i64)>,
    Form(f): Form<StepForm>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let s = load(&state.db, &c, session_id).await?;
    if s.state == "ended" {
        return Err(AppError::BadRequest("live-err-ended"));
    }
    let mut checked = f.check();
    // A breakout's round must be one of this course's published group sets'.
    if let Ok(st) = &checked
        && let Some(r) = st.round_id
        && !super::rooms::rounds_to_choose(&state.db, c.course.id).await?.iter().any(|x| x.0 == r)
    {
        checked = Err(vec![("round", "live-err-round")]);
    }
    match checked {
        Ok(step) => {
            queries::add_step(&state.db, s.id, &step).await?;
            Ok(with_notice("live-notice-step-added", Redirect::to(&href(c.course.id, s.id)), c.ctx.secure))
        }
        Err(errs) => {
            let t = c.ctx.tr();
            let errors = Errors(errs.into_iter().map(|(k, id)| (k, t.t(id))).collect());
            let mut res = session_page(&state, &c, s, f, errors, None).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

/// A tutor's control: change the session, make an event, back to the page.
pub(super) async fn control(state: &AppState, c: &CourseCtx, s: &SessionRow) -> AppResult<Response> {
    state.live.publish(&state.db, s.id).await?;
    Ok(Redirect::to(&href(c.course.id, s.id)).into_response())
}

async fn start(State(state): State<AppState>, c: CourseCtx, Path((_, id)): Path<(i64, i64)>) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let s = load(&state.db, &c, id).await?;
    if s.state == "planned" {
        queries::update_session(&state.db, s.id, &[("state", "running".into()), ("started_at", now_ms().into())])
            .await?;
    }
    control(&state, &c, &s).await
}

async fn end(State(state): State<AppState>, c: CourseCtx, Path((_, id)): Path<(i64, i64)>) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let s = load(&state.db, &c, id).await?;
    if s.state != "ended" {
        queries::update_session(
            &state.db,
            s.id,
            &[("state", "ended".into()), ("step_id", Value::BigInt(None)), ("ended_at", now_ms().into())],
        )
        .await?;
    }
    control(&state, &c, &s).await
}

#[derive(Deserialize)]
struct StepField {
    #[serde(default)]
    step: i64,
    #[serde(default)]
    key: String,
}

pub(super) async fn step_of(state: &AppState, s: &SessionRow, id: i64) -> AppResult<queries::StepRow> {
    queries::step(&state.db, s.id, id).await?.ok_or(AppError::NotFound)
}

/// Put a step on every screen (0: the lobby).
async fn open(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<StepField>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let s = load(&state.db, &c, id).await?;
    if s.state != "running" {
        return Err(AppError::BadRequest("live-err-not-running"));
    }
    let step = if f.step == 0 { None } else { Some(step_of(&state, &s, f.step).await?) };
    let now = now_ms();
    // All or nothing: a breakout's rooms and the step on screen change together. The
    // write comes first so SQLite takes its write lock before the planner reads (a read
    // turned write later fails at once if another writer got in between).
    let txn = state.db.begin().await?;
    queries::update_session(&txn, s.id, &[("step_id", Value::BigInt(step.as_ref().map(|st| st.id)))]).await?;
    if let Some(st) = step.as_ref().filter(|st| st.kind == "breakout") {
        let present: Vec<i64> = queries::here(&txn, s.id, now).await?.into_iter().map(|(id, _)| id).collect();
        let planned =
            super::planner::open(&txn, c.course.id, &c.course.time_zone, st, &present, now, super::planner::PLAN_TIME)
                .await?;
        if planned == super::planner::Outcome::TooFew {
            txn.rollback().await?;
            return Err(AppError::BadRequest("live-err-breakout-few"));
        }
    }
    if let Some(st) = &step {
        queries::update_step(&txn, st.id, &[("opened_at", now.into())]).await?;
    }
    txn.commit().await?;
    control(&state, &c, &s).await
}

async fn reveal(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<StepField>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let s = load(&state.db, &c, id).await?;
    let step = step_of(&state, &s, f.step).await?;
    queries::update_step(&state.db, step.id, &[("revealed", (!step.revealed).into())]).await?;
    control(&state, &c, &s).await
}

async fn names(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<StepField>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let s = load(&state.db, &c, id).await?;
    let step = step_of(&state, &s, f.step).await?;
    queries::update_step(&state.db, step.id, &[("show_names", (!step.show_names).into())]).await?;
    control(&state, &c, &s).await
}

/// Hide a word from the cloud (every variant of it), or show it again.
async fn hide(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<StepField>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let s = load(&state.db, &c, id).await?;
    let step = step_of(&state, &s, f.step).await?;
    let Some(key) = homeroom_live::words::key(&f.key) else { return Err(AppError::BadRequest("live-err-word")) };
    let mut hidden = step.hidden_words.clone();
    if let Some(i) = hidden.iter().position(|k| *k == key) {
        hidden.remove(i);
    } else if hidden.len() < 200 {
        hidden.push(key);
    }
    queries::update_step(
        &state.db,
        step.id,
        &[("hidden_words", serde_json::to_string(&hidden).unwrap_or_default().into())],
    )
    .await?;
    control(&state, &c, &s).await
}

#[derive(Deserialize)]
struct NotesForm {
    #[serde(default)]
    notes: String,
}

async fn notes(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<NotesForm>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let s = load(&state.db, &c, id).await?;
    if f.notes.chars().count() > MAX_NOTES {
        return session_page(
            &state,
            &c,
            s,
            StepForm::default(),
            Errors::default(),
            Some(c.ctx.tr().t("live-err-notes")),
        )
        .await
        .map(|mut r| {
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        });
    }
    queries::update_session(&state.db, s.id, &[("notes", f.notes.trim().to_string().into())]).await?;
    Ok(with_notice("live-notice-notes", Redirect::to(&href(c.course.id, s.id)), c.ctx.secure))
}

/// The answer form without JavaScript: the same checks as the socket.
#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    step: i64,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    choices: Vec<usize>,
    mood: Option<u8>,
    #[serde(default)]
    word: String,
}

async fn answer(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    c.require(Action::AnswerLive)?;
    let s = load(&state.db, &c, id).await?;
    // Repeated fields (`words`, `choices`) need the list-aware parser.
    let mut f = AnswerForm { step: 0, words: vec![], choices: vec![], mood: None, word: String::new() };
    for (k, v) in url::form_urlencoded::parse(&body) {
        match &*k {
            "step" => f.step = v.parse().unwrap_or(0),
            "words" => f.words.push(v.into_owned()),
            "choices" => f.choices.extend(v.parse::<usize>().ok()),
            "mood" => f.mood = v.parse().ok(),
            "word" => f.word = v.into_owned(),
            _ => {}
        }
    }
    let m = homeroom_live::answer::Incoming {
        kind: "answer".into(),
        step: Some(f.step),
        reference: None,
        words: Some(f.words),
        choices: Some(f.choices),
        mood: f.mood,
        word: Some(f.word),
    };
    match super::socket::save(&state, c.course.id, s.id, c.user()?.id, &m).await? {
        Ok(_) => Ok(with_notice("live-notice-answered", Redirect::to(&href(c.course.id, s.id)), c.ctx.secure)),
        Err(reason) => {
            let msg = c.ctx.tr().t(&format!("live-refused-{reason}"));
            let mut r = session_page(&state, &c, s, StepForm::default(), Errors::default(), Some(msg)).await?;
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
    }
}
