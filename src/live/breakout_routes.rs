//! The tutor's controls of a running breakout (a message to every room, more time, the
//! rooms' video names or links, clearing "call the tutor" requests, the Zoom file) and
//! the participant's "call the tutor". Thin handlers: the rules are in `breakouts`, the
//! statements in `rooms`; each change makes one event for every screen.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

use super::breakouts::{self, MAX_MESSAGE};
use super::queries::{self, SessionRow, StepRow};
use super::rooms;
use super::routes::{control, href, load, session_page, step_of};
use super::rules::StepForm;
use super::views::{BreakoutView, Errors, MemberView, RoomView};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, with_notice};

pub fn router() -> Router<AppState> {
    let s = "/courses/{course_id}/live/{session_id}/breakout";
    Router::new()
        .route(&format!("{s}/message"), post(message))
        .route(&format!("{s}/extend"), post(extend))
        .route(&format!("{s}/videos"), post(videos))
        .route(&format!("{s}/call"), post(call))
        .route(&format!("{s}/clear"), post(clear))
        .route(&format!("{s}/{{step_id}}/zoom"), get(zoom))
}

#[derive(Deserialize)]
struct BreakoutForm {
    #[serde(default)]
    step: i64,
    #[serde(default)]
    message: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    videos: String,
    /// Whose call to clear (empty: everyone's).
    #[serde(default)]
    user: String,
}

/// The breakout on screen now in this session (a control for another step is refused).
async fn current(state: &AppState, c: &CourseCtx, session_id: i64, step: i64) -> AppResult<(SessionRow, StepRow)> {
    let s = load(&state.db, c, session_id).await?;
    if s.state != "running" {
        return Err(AppError::BadRequest("live-err-not-running"));
    }
    let st = step_of(state, &s, step).await?;
    if st.kind != "breakout" || s.step_id != Some(st.id) {
        return Err(AppError::BadRequest("live-err-not-breakout"));
    }
    Ok((s, st))
}

/// The session page again with a problem explained (the form's field named).
async fn refuse(state: &AppState, c: &CourseCtx, s: SessionRow, id: &'static str) -> AppResult<Response> {
    let msg = c.ctx.tr().t(id);
    let mut r = session_page(state, c, s, StepForm::default(), Errors::default(), Some(msg)).await?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

async fn message(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<BreakoutForm>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let (s, st) = current(&state, &c, id, f.step).await?;
    let text = f.message.trim();
    if text.chars().count() > MAX_MESSAGE {
        return refuse(&state, &c, s, "live-err-message-long").await;
    }
    queries::update_step(&state.db, st.id, &[("message", text.to_string().into())]).await?;
    control(&state, &c, &s).await
}

async fn extend(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<BreakoutForm>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let (s, st) = current(&state, &c, id, f.step).await?;
    let Some(minutes) = breakouts::extend_minutes(&f.minutes) else {
        return refuse(&state, &c, s, "live-err-extend").await;
    };
    let until = breakouts::extend(st.ends_at, now_ms(), minutes);
    queries::update_step(&state.db, st.id, &[("ends_at", until.into())]).await?;
    control(&state, &c, &s).await
}

async fn videos(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<BreakoutForm>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let (s, st) = current(&state, &c, id, f.step).await?;
    let list = match breakouts::videos(&f.videos) {
        Ok(l) => l,
        Err(e) => return refuse(&state, &c, s, e).await,
    };
    rooms::set_videos(&state.db, st.id, &list).await?;
    control(&state, &c, &s).await
}

/// A participant asks for the tutor (asking again changes nothing).
async fn call(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<BreakoutForm>,
) -> AppResult<Response> {
    c.require(Action::AnswerLive)?;
    let (s, st) = current(&state, &c, id, f.step).await?;
    if rooms::call(&state.db, s.id, st.id, c.user()?.id, now_ms()).await? {
        state.live.changed(&state.db, s.id);
    }
    Ok(with_notice("live-notice-called", Redirect::to(&href(c.course.id, s.id)), c.ctx.secure))
}

async fn clear(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<BreakoutForm>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let (s, st) = current(&state, &c, id, f.step).await?;
    let user = f.user.trim().parse::<i64>().ok();
    rooms::clear(&state.db, st.id, user).await?;
    control(&state, &c, &s).await
}

/// The rooms as Zoom's breakout pre-assignment file (the groups' export, shared).
async fn zoom(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id, step_id)): Path<(i64, i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::RunLive)?;
    let s = load(&state.db, &c, id).await?;
    let st = step_of(&state, &s, step_id).await?;
    if st.kind != "breakout" {
        return Err(AppError::NotFound);
    }
    let rooms = rooms::rooms(&state.db, st.id).await?;
    let ids: Vec<i64> = rooms.iter().flat_map(|r| r.members.iter().map(|m| m.0)).collect();
    let people = crate::groups::queries::people(&state.db, &ids).await?;
    let rows: Vec<(i32, String)> = rooms
        .iter()
        .flat_map(|r| r.members.iter().filter_map(|m| people.get(&m.0)).map(|u| (r.number, u.email.clone())))
        .collect();
    Ok(crate::groups::zoom_file(&rows, &format!("zoom-breakouts-live-{}-{}.csv", s.id, st.id)).into_response())
}

/// Rooms as the page shows them, members drawn from their cards as `c`'s asker may see them.
fn room_views(
    rooms: &[(i64, breakouts::Room)],
    cards: &std::collections::HashMap<i64, crate::people::Card>,
    t: &crate::i18n::Tr,
) -> Vec<(i64, RoomView)> {
    let mut local: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    rooms
        .iter()
        .map(|(step, r)| {
            let members = r
                .members
                .iter()
                .map(|(id, name)| {
                    let card = cards.get(id);
                    MemberView {
                        name: name.clone(),
                        initials: crate::courses::queries::initials(name),
                        hue: (id * 47) % 360,
                        // Only for people who show where they are.
                        local: card
                            .and_then(|c| c.time_zone.as_ref())
                            .map(|z| {
                                local
                                    .entry(z.clone())
                                    .or_insert_with(|| {
                                        t.t1("person-local-time", "time", crate::time::local_time_now(z))
                                    })
                                    .clone()
                            })
                            .unwrap_or_default(),
                        facilitator: r.facilitator_id == Some(*id),
                    }
                })
                .collect();
            let facilitator = r.facilitator_id.and_then(|f| r.members.iter().find(|m| m.0 == f)).map(|m| m.1.clone());
            (
                *step,
                RoomView {
                    number: r.number,
                    video: r.video.clone(),
                    video_is_link: breakouts::is_link(&r.video),
                    members,
                    facilitator,
                },
            )
        })
        .collect()
}

/// The breakout part of the session page in a fixed number of statements: the session's
/// rooms (one), the cards of the asker's room mates (one), the open calls and the rounds
/// to choose from (staff, one each).
pub(super) async fn page_view(
    state: &AppState,
    c: &CourseCtx,
    s: &SessionRow,
    steps: &[StepRow],
    staff: bool,
) -> AppResult<BreakoutView> {
    let mut v = BreakoutView::default();
    let me = c.user()?.id;
    if staff && s.state != "ended" {
        v.rounds = rooms::rounds_to_choose(&state.db, c.course.id).await?;
    }
    if !steps.iter().any(|st| st.kind == "breakout") {
        return Ok(v);
    }
    let all = rooms::session_rooms(&state.db, s.id).await?;
    let current = steps.iter().find(|st| st.kind == "breakout" && s.state == "running" && s.step_id == Some(st.id));
    let mine =
        current.and_then(|st| all.iter().find(|(step, r)| *step == st.id && r.members.iter().any(|m| m.0 == me)));
    let ids: Vec<i64> = mine.map(|(_, r)| r.members.iter().map(|m| m.0).collect()).unwrap_or_default();
    let cards = if ids.is_empty() {
        Default::default()
    } else {
        crate::people::cards(&state.db, c.course.id, crate::people::Seer::of(c), &ids).await?
    };
    let t = c.ctx.tr();
    if let (Some(st), Some(m)) = (current, mine) {
        v.mine = room_views(std::slice::from_ref(m), &cards, &t).pop().map(|(_, r)| r);
        v.why = t.t(breakouts::why_id(&st.facilitator));
    }
    if let Some(st) = current {
        let calls = rooms::calls(&state.db, st.id).await?;
        v.called = calls.iter().any(|call| call.user_id == me);
        if staff {
            let room_of = |u: i64| {
                all.iter().find(|(step, r)| *step == st.id && r.members.iter().any(|m| m.0 == u)).map(|(_, r)| r.number)
            };
            v.calls = calls.iter().map(|call| (call.user_id, call.name.clone(), room_of(call.user_id))).collect();
            v.videos = all
                .iter()
                .filter(|(step, _)| *step == st.id)
                .map(|(_, r)| r.video.clone())
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
    v.rooms = room_views(&all, &Default::default(), &t);
    Ok(v)
}
