//! The routes: the inbox (a student's) or the assignments (the teaching team's), the
//! feedback given in the course, an assignment's roster with turnaround, giving
//! feedback, one piece of feedback with its replies, releasing. Thin handlers: the
//! rules are in `rules`, the statements in `queries`.

use axum::Form;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::queries::{self, Keyset, Release};
use super::rules;
use super::views::*;
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::media::Accept;
use crate::media::form::FileField;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::paging::{Cursor, Dir, Key, PageParams, Paged};
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/feedback", get(index))
        .route("/courses/{course_id}/feedback/given", get(given))
        .route("/courses/{course_id}/feedback/assignments", post(create_assignment))
        .route("/courses/{course_id}/feedback/assignments/{assignment_id}", get(assignment))
        .route("/courses/{course_id}/feedback/assignments/{assignment_id}/release", post(release_assignment))
        .route(
            "/courses/{course_id}/feedback/new",
            get(new_form).post(give).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/courses/{course_id}/feedback/{feedback_id}", get(show).post(update))
        .route("/courses/{course_id}/feedback/{feedback_id}/reply", post(reply))
}

pub fn link(course_id: i64, id: i64) -> String {
    format!("/courses/{course_id}/feedback/{id}")
}

fn keyset(p: &PageParams, size: u64) -> (Dir, Option<Cursor>, Keyset) {
    let (dir, from) = p.cursor();
    let after = from.as_ref().and_then(|c| match c.key {
        Key::Int(k) => Some((k, c.id)),
        _ => None,
    });
    (dir, from, Keyset { after, backward: dir == Dir::Backward, limit: size + 1 })
}

fn unprocessable(mut res: Response) -> Response {
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    res
}

/// A student's inbox; the teaching team's list of assignments.
async fn index(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    c.require(Action::ViewFeedback)?;
    if c.may(Action::GiveFeedback) {
        return render(&staff_page(&state, &c, &p, "", "", None, None).await?);
    }
    let me = c.user()?.id;
    let size = p.size(crate::web::paging::DEFAULT_SIZE);
    let (dir, from, k) = keyset(&p, size);
    let rows = queries::inbox(&state.db, c.course.id, me, &k).await?;
    let base = format!("/courses/{}/feedback", c.course.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |f| Cursor::int(f.released_at.unwrap_or(0), f.id));
    let givers: Vec<i64> = paged.items.iter().filter_map(|f| f.giver_id).collect();
    let names = queries::names(&state.db, &givers).await?;
    render(&InboxPage {
        page: Page::new(&c.ctx, "feedback-title"),
        course_id: c.course.id,
        items: paged
            .items
            .iter()
            .map(|f| Item {
                id: f.id,
                about: f.about.clone(),
                kind: f.kind.clone(),
                who: f.giver_id.and_then(|g| names.get(&g).cloned()).unwrap_or_default(),
                at: f.released_at.unwrap_or(f.created_at),
                unread: f.read_at.is_none(),
                draft: false,
            })
            .collect(),
        pager: paged.pager,
    })
}

async fn staff_page(
    state: &AppState,
    c: &CourseCtx,
    p: &PageParams,
    title: &str,
    due: &str,
    title_error: Option<String>,
    due_error: Option<String>,
) -> AppResult<StaffPage> {
    let size = p.size(crate::web::paging::DEFAULT_SIZE);
    let (dir, from, k) = keyset(p, size);
    let rows = queries::assignments(&state.db, c.course.id, &k).await?;
    let base = format!("/courses/{}/feedback", c.course.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |a| Cursor::int(a.due_at, a.id));
    Ok(StaffPage {
        page: Page::new(&c.ctx, "feedback-title"),
        course_id: c.course.id,
        assignments: paged.items,
        pager: paged.pager,
        title: title.to_string(),
        due: due.to_string(),
        title_error,
        due_error,
    })
}

async fn given(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    c.require(Action::GiveFeedback)?;
    let size = p.size(crate::web::paging::DEFAULT_SIZE);
    let (dir, from, k) = keyset(&p, size);
    let rows = queries::given(&state.db, c.course.id, &k).await?;
    let base = format!("/courses/{}/feedback/given", c.course.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |f| Cursor::int(f.created_at, f.id));
    let students: Vec<i64> = paged.items.iter().map(|f| f.student_id).collect();
    let names = queries::names(&state.db, &students).await?;
    render(&GivenPage {
        page: Page::new(&c.ctx, "feedback-given-title"),
        course_id: c.course.id,
        items: paged
            .items
            .iter()
            .map(|f| Item {
                id: f.id,
                about: f.about.clone(),
                kind: f.kind.clone(),
                who: names.get(&f.student_id).cloned().unwrap_or_default(),
                at: f.created_at,
                unread: f.read_at.is_none(),
                draft: f.status == "draft",
            })
            .collect(),
        pager: paged.pager,
    })
}

#[derive(Deserialize)]
struct AssignmentForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    due: String,
}

async fn create_assignment(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<AssignmentForm>,
) -> AppResult<Response> {
    c.require(Action::GiveFeedback)?;
    let me = c.user()?;
    let t = c.ctx.tr();
    let title = rules::check_title(&f.title);
    let due = rules::due_at(&f.due, &c.course.time_zone);
    if title.is_err() || due.is_none() {
        let page = staff_page(
            &state,
            &c,
            &PageParams::default(),
            &f.title,
            &f.due,
            title.as_ref().err().map(|e| t.t(e)),
            due.is_none().then(|| t.t("feedback-err-due")),
        )
        .await?;
        return Ok(unprocessable(render(&page)?));
    }
    let (Ok(title), Some(due)) = (title, due) else { return Err(AppError::BadRequest("feedback-err-due")) };
    let id = queries::create_assignment(&state.db, c.course.id, &title, due, me.id, now_ms()).await?;
    let to = format!("/courses/{}/feedback/assignments/{id}", c.course.id);
    Ok(with_notice("notice-feedback-assignment", Redirect::to(&to), c.ctx.secure))
}

#[derive(Deserialize, Default)]
struct RosterParams {
    #[serde(default)]
    show: String,
    after: Option<String>,
    before: Option<String>,
    size: Option<u64>,
}

async fn assignment(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, assignment_id)): Path<(i64, i64)>,
    Query(q): Query<RosterParams>,
) -> AppResult<Response> {
    c.require(Action::GiveFeedback)?;
    let db = &state.db;
    let a = queries::assignment(db, c.course.id, assignment_id).await?.ok_or(AppError::NotFound)?;
    let waiting_only = q.show == "waiting";
    let p = PageParams { after: q.after, before: q.before, size: q.size };
    let size = p.size(50);
    let (dir, from) = p.cursor();
    let after = from.as_ref().and_then(|c| match &c.key {
        Key::Text(n) => Some((n.as_str(), c.id)),
        _ => None,
    });
    let rows = queries::roster(db, c.course.id, a.id, waiting_only, after, dir == Dir::Backward, size + 1).await?;
    let base = format!(
        "/courses/{}/feedback/assignments/{}{}",
        c.course.id,
        a.id,
        if waiting_only { "?show=waiting" } else { "" }
    );
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |r| Cursor::text(r.name.clone(), r.id));
    let (students, released, drafts) = queries::counts(db, c.course.id, a.id).await?;
    let took = queries::turnarounds(db, a.id).await?;
    let names: std::collections::HashMap<i64, String> = took.iter().map(|(g, n, _)| (*g, n.clone())).collect();
    let pairs: Vec<(i64, i64)> = took.iter().map(|(g, _, t)| (*g, *t)).collect();
    let t = c.ctx.tr();
    let turnaround = rules::by_giver(&pairs)
        .into_iter()
        .map(|(g, med, n)| {
            let name = names.get(&g).cloned().unwrap_or_default();
            let (time, count) = (rules::span(med), n.to_string());
            crate::i18n::message(t.0, "feedback-turnaround-row", &[("name", &name), ("time", &time), ("count", &count)])
        })
        .collect();
    let summary = crate::i18n::message(
        t.0,
        "feedback-summary",
        &[
            ("released", &released.to_string()),
            ("students", &students.to_string()),
            ("drafts", &drafts.to_string()),
            ("waiting", &(students - released).to_string()),
        ],
    );
    render(&AssignmentPage {
        page: Page::titled(&c.ctx, a.title.clone()),
        course_id: c.course.id,
        rows: paged
            .items
            .into_iter()
            .map(|r| RosterItem {
                id: r.id,
                name: r.name,
                state_id: match r.state {
                    2 => "feedback-state-released",
                    1 => "feedback-state-draft",
                    _ => "feedback-state-waiting",
                },
                feedback_id: r.feedback_id,
            })
            .collect(),
        pager: paged.pager,
        a,
        waiting_only,
        summary,
        drafts,
        turnaround,
    })
}

async fn release_assignment(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, assignment_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::GiveFeedback)?;
    let a = queries::assignment(&state.db, c.course.id, assignment_id).await?.ok_or(AppError::NotFound)?;
    super::release(&state, c.course.id, Release::Assignment(a.id)).await?;
    let to = format!("/courses/{}/feedback/assignments/{}", c.course.id, a.id);
    Ok(with_notice("notice-feedback-released", Redirect::to(&to), c.ctx.secure))
}

#[derive(Deserialize)]
struct NewParams {
    #[serde(default)]
    student: i64,
    #[serde(default)]
    on: String,
}

/// The student and the thing, checked: feedback on a post, introduction or file goes to
/// its author; on an assignment to the student named.
async fn what(
    state: &AppState,
    c: &CourseCtx,
    student: i64,
    on: &str,
) -> AppResult<(String, rules::Target, i64, i64, String)> {
    let (target, id) = rules::parse_on(on).ok_or(AppError::NotFound)?;
    let name = queries::student(&state.db, c.course.id, student).await?.ok_or(AppError::NotFound)?;
    let (owner, since, about) = queries::target(&state.db, c.course.id, target, id).await?.ok_or(AppError::NotFound)?;
    if owner.is_some_and(|o| o != student) {
        return Err(AppError::NotFound);
    }
    Ok((name, target, id, since, crate::introductions::filter::first_line(&about, 80)))
}

async fn new_form(State(state): State<AppState>, c: CourseCtx, Query(q): Query<NewParams>) -> AppResult<Response> {
    c.require(Action::GiveFeedback)?;
    let (name, _, _, _, about) = what(&state, &c, q.student, &q.on).await?;
    render(&NewPage {
        page: Page::new(&c.ctx, "feedback-new-title"),
        course_id: c.course.id,
        student_id: q.student,
        student: name,
        on: q.on,
        about,
        body: String::new(),
        body_error: None,
        file_error: None,
        audio_mb: state.config.max_audio_mb,
        video_mb: state.config.max_video_mb,
    })
}

/// Give feedback: a multipart form (the recording or file with it), saved as a draft or
/// released now.
async fn give(State(state): State<AppState>, c: CourseCtx, mut mp: Multipart) -> AppResult<Response> {
    c.require(Action::GiveFeedback)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Message).await?;
    let me = c.user()?.id;
    let t = c.ctx.tr();
    let mut form = crate::media::form::read(
        &state.config,
        &t,
        &mut mp,
        &[FileField { name: "clip", accept: Accept::Any, label_id: "feedback-file" }],
    )
    .await;
    let student: i64 = form.get("student").parse().unwrap_or(0);
    let on = form.get("on").to_string();
    let body = form.get("body").trim().replace("\r\n", "\n");
    let releasing = form.get("release") == "1";
    let file = form.take("clip");
    let file_error = form.file_error.take().map(|(_, m)| m);
    let checked = what(&state, &c, student, &on).await;
    let (name, target, target_id, since, about) = match checked {
        Ok(w) => w,
        Err(e) => {
            if let Some(f) = file {
                crate::media::discard(f).await;
            }
            form.discard().await;
            return Err(e);
        }
    };
    form.discard().await;
    let mut stored = None;
    let mut file_error = file_error;
    if let Some(f) = file {
        match crate::media::store(&state.config, f).await {
            Ok(s) => stored = Some(s),
            Err(e) => file_error = Some(e.message(&t, &t.t("feedback-file"))),
        }
    }
    let kind = rules::kind_of(stored.as_ref().map(|s| s.kind.as_str()));
    let body_error = rules::check_body(kind, &body, releasing).map(|e| t.t(e));
    if body_error.is_some() || file_error.is_some() {
        if let Some(s) = &stored {
            s.remove(&state.config).await;
        }
        return Ok(unprocessable(render(&NewPage {
            page: Page::new(&c.ctx, "feedback-new-title"),
            course_id: c.course.id,
            student_id: student,
            student: name,
            on,
            about,
            body,
            body_error,
            file_error,
            audio_mb: state.config.max_audio_mb,
            video_mb: state.config.max_video_mb,
        })?));
    }
    let now = now_ms();
    let written = async {
        let txn = state.db.begin().await?;
        let media_id = match &stored {
            Some(s) => Some(s.insert(&txn, me, Some(c.course.id), super::PURPOSE).await?.id),
            None => None,
        };
        let id = queries::insert(
            &txn,
            &queries::NewFeedback {
                course_id: c.course.id,
                student_id: student,
                giver_id: me,
                target: target.as_str(),
                target_id,
                assignment_id: (target == rules::Target::Assignment).then_some(target_id),
                about: &about,
                kind,
                body: &body,
                media_id,
                since_at: since,
            },
            now,
        )
        .await?;
        txn.commit().await?;
        Ok::<i64, sea_orm::DbErr>(id)
    }
    .await;
    let id = match written {
        Ok(id) => id,
        Err(e) => {
            if let Some(s) = &stored {
                s.remove(&state.config).await;
            }
            return Err(e.into());
        }
    };
    let notice = if releasing {
        super::release(&state, c.course.id, Release::One(id)).await?;
        "notice-feedback-released"
    } else {
        "notice-feedback-draft"
    };
    Ok(with_notice(notice, Redirect::to(&link(c.course.id, id)), c.ctx.secure))
}

/// The piece of feedback the asker may see: the student's own once released, anything
/// in the course for the teaching team. Anyone else learns nothing about it.
async fn visible(state: &AppState, c: &CourseCtx, id: i64) -> AppResult<queries::Feedback> {
    c.require(Action::ViewFeedback)?;
    let me = c.user()?.id;
    let f = queries::feedback(&state.db, c.course.id, id).await?.ok_or(AppError::NotFound)?;
    let mine = f.student_id == me && f.status == "released";
    if !(mine || c.may(Action::GiveFeedback)) {
        return Err(AppError::NotFound);
    }
    Ok(f)
}

async fn show(State(state): State<AppState>, c: CourseCtx, Path((_, id)): Path<(i64, i64)>) -> AppResult<Response> {
    let f = visible(&state, &c, id).await?;
    let me = c.user()?.id;
    if f.student_id == me && f.read_at.is_none() {
        queries::mark_read(&state.db, f.id, now_ms()).await?;
    }
    render(&show_page(&state, &c, f, None, None).await?)
}

async fn show_page(
    state: &AppState,
    c: &CourseCtx,
    f: queries::Feedback,
    reply_error: Option<String>,
    body_error: Option<String>,
) -> AppResult<ShowPage> {
    let db = &state.db;
    let replies = queries::replies(db, f.id).await?;
    let mut ids = vec![f.student_id];
    ids.extend(f.giver_id);
    let names = queries::names(db, &ids).await?;
    let media = f.media_id.map(|m| (m, rules::player_of(&f.kind)));
    let me = c.user()?.id;
    Ok(ShowPage {
        page: Page::titled(&c.ctx, f.about.clone()),
        course_id: c.course.id,
        id: f.id,
        kind_id: format!("feedback-kind-{}", f.kind),
        giver: f.giver_id.and_then(|g| names.get(&g).cloned()).unwrap_or_default(),
        student: names.get(&f.student_id).cloned().unwrap_or_default(),
        draft: f.status == "draft",
        at: f.released_at.unwrap_or(f.created_at),
        media,
        replies: replies
            .into_iter()
            .map(|r| ReplyView { who: r.name.unwrap_or_default(), body: r.body, at: r.at })
            .collect(),
        may_reply: f.status == "released" && (f.student_id == me || c.may(Action::GiveFeedback)),
        may_manage: c.may(Action::GiveFeedback),
        reply_error,
        body_error,
        about: f.about,
        body: f.body,
    })
}

#[derive(Deserialize)]
struct UpdateForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    release: String,
}

/// The teaching team types the transcript later, and releases a draft.
async fn update(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(u): Form<UpdateForm>,
) -> AppResult<Response> {
    c.require(Action::GiveFeedback)?;
    let f = visible(&state, &c, id).await?;
    let body = u.body.trim().replace("\r\n", "\n");
    let releasing = u.release == "1" && f.status == "draft";
    if let Some(e) = rules::check_body(&f.kind, &body, releasing) {
        let e = c.ctx.tr().t(e);
        let mut f = f;
        f.body = body;
        return Ok(unprocessable(render(&show_page(&state, &c, f, None, Some(e)).await?)?));
    }
    queries::set_body(&state.db, f.id, &body, now_ms()).await?;
    let notice = if releasing {
        super::release(&state, c.course.id, Release::One(f.id)).await?;
        "notice-feedback-released"
    } else {
        "notice-feedback-saved"
    };
    Ok(with_notice(notice, Redirect::to(&link(c.course.id, f.id)), c.ctx.secure))
}

#[derive(Deserialize)]
struct ReplyForm {
    #[serde(default)]
    body: String,
}

/// A reply under the feedback: the student's goes back to the giver, the giver's to the
/// student.
async fn reply(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(r): Form<ReplyForm>,
) -> AppResult<Response> {
    let f = visible(&state, &c, id).await?;
    let me = c.user()?.id;
    if f.status != "released" {
        return Err(AppError::NotFound);
    }
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Message).await?;
    let body = match rules::check_reply(&r.body) {
        Ok(b) => b,
        Err(e) => {
            let e = c.ctx.tr().t(e);
            return Ok(unprocessable(render(&show_page(&state, &c, f, Some(e), None).await?)?));
        }
    };
    if queries::reply_count(&state.db, f.id).await? >= queries::MAX_REPLIES {
        let e = c.ctx.tr().t("feedback-err-reply-many");
        return Ok(unprocessable(render(&show_page(&state, &c, f, Some(e), None).await?)?));
    }
    let now = now_ms();
    let txn = state.db.begin().await?;
    queries::add_reply(&txn, f.id, me, &body, now).await?;
    // Who hears of it: the giver when the student writes; the student otherwise.
    let to = if me == f.student_id { f.giver_id } else { Some(f.student_id) };
    if let Some(to) = to {
        crate::notifications::notify(
            &txn,
            crate::notifications::New {
                user_id: to,
                course_id: Some(c.course.id),
                kind: crate::notifications::Kind::Reply,
                actor_id: Some(me),
                subject: &f.about,
                link: &link(c.course.id, f.id),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(with_notice("notice-feedback-replied", Redirect::to(&link(c.course.id, f.id)), c.ctx.secure))
}
