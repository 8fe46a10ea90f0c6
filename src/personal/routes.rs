//! The routes: the list of sends and saved templates, composing (a draft with its
//! preview), sending now or later, taking a scheduled send back, its progress (a page
//! and JSON), and saving templates. Thin handlers; the rules are in `rules`, `fields`
//! and the template language, the work in `send`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Redirect, Response};
use axum::routing::{get, post};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement, TransactionTrait,
};
use serde::Deserialize;

use super::rules::{ComposeForm, FieldError, MAX_NAME, MAX_TEMPLATES};
use super::status::{self, State as RState};
use super::views::*;
use super::{fields, queries, send};
use crate::app::AppState;
use crate::db::entity::{personal_recipient, personal_send, personal_template, user};
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::paging::{Cursor, PageParams, Paged, Pager};
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/personal", get(index))
        .route("/courses/{course_id}/personal/new", get(new_form).post(create))
        .route("/courses/{course_id}/personal/{send_id}", get(show).post(update))
        .route("/courses/{course_id}/personal/{send_id}/send", post(send_it))
        .route("/courses/{course_id}/personal/{send_id}/cancel", post(cancel))
        .route("/courses/{course_id}/personal/{send_id}/status.json", get(status_json))
        .route("/courses/{course_id}/personal/{send_id}/template", post(save_template))
        .route("/courses/{course_id}/personal/templates/{template_id}/delete", post(delete_template))
}

fn link(course_id: i64, send_id: i64) -> String {
    format!("/courses/{course_id}/personal/{send_id}")
}

/// A send of this course, or 404.
async fn send_of(state: &AppState, c: &CourseCtx, id: i64) -> AppResult<personal_send::Model> {
    personal_send::Entity::find_by_id(id)
        .filter(personal_send::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A send the asker wrote: only its sender changes or sends it (it goes out in their name).
async fn my_send(state: &AppState, c: &CourseCtx, id: i64) -> AppResult<personal_send::Model> {
    let s = send_of(state, c, id).await?;
    if s.sender_id != c.user()?.id {
        return Err(AppError::Forbidden);
    }
    Ok(s)
}

async fn index(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let me = c.user()?.id;
    let size = p.size(crate::web::paging::DEFAULT_SIZE);
    let (dir, from) = p.cursor();
    let mut q = personal_send::Entity::find().filter(personal_send::Column::CourseId.eq(c.course.id));
    if let Some(cur) = &from {
        q = q.filter(cur.condition(
            personal_send::Column::CreatedAt,
            personal_send::Column::Id,
            dir.order(Order::Desc),
        ));
    }
    let rows = q
        .order_by(personal_send::Column::CreatedAt, dir.order(Order::Desc))
        .order_by(personal_send::Column::Id, dir.order(Order::Desc))
        .limit(size + 1)
        .all(&state.db)
        .await?;
    let base = format!("/courses/{}/personal", c.course.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |s| Cursor::int(s.created_at, s.id));
    let ids: Vec<i64> = paged.items.iter().map(|s| s.sender_id).collect();
    let names: std::collections::HashMap<i64, String> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();
    let templates = templates(&state, c.course.id).await?;
    let t = c.ctx.tr();
    render(&IndexPage {
        page: Page::new(&c.ctx, "personal-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        sends: paged
            .items
            .into_iter()
            .map(|s| SendRow {
                id: s.id,
                by: names.get(&s.sender_id).cloned().unwrap_or_default(),
                status: t.t(&format!("personal-status-{}", s.status)),
                subject: s.subject,
                total: s.total,
                at: s.sent_at.or(s.send_at).unwrap_or(s.created_at),
            })
            .collect(),
        pager: paged.pager,
        templates: templates.into_iter().map(|t| (t.id, t.name, t.author_id == me)).collect(),
    })
}

/// The course's saved templates (at most `MAX_TEMPLATES`, so a short list).
async fn templates(state: &AppState, course_id: i64) -> AppResult<Vec<personal_template::Model>> {
    Ok(personal_template::Entity::find()
        .filter(personal_template::Column::CourseId.eq(course_id))
        .order_by_asc(personal_template::Column::Name)
        .order_by_asc(personal_template::Column::Id)
        .limit(MAX_TEMPLATES)
        .all(&state.db)
        .await?)
}

/// The active students, by name, for the list to choose from.
async fn students(state: &AppState, course_id: i64) -> AppResult<Vec<(i64, String)>> {
    let sql = "SELECT u.id AS id, u.name AS name FROM memberships m JOIN users u ON u.id = m.user_id \
               WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' ORDER BY u.name, u.id";
    let stmt = Statement::from_sql_and_values(state.db.get_database_backend(), sql, [c_id(course_id)]);
    let mut out = vec![];
    for r in state.db.query_all_raw(stmt).await? {
        out.push((r.try_get("", "id")?, r.try_get("", "name")?));
    }
    Ok(out)
}

fn c_id(id: i64) -> sea_orm::Value {
    id.into()
}

/// The survey's keys, for the list of fields (one statement).
async fn survey_keys(state: &AppState, course_id: i64) -> AppResult<Vec<String>> {
    let rows = queries::all(
        &state.db,
        "SELECT q.key AS key FROM survey_questions q JOIN surveys s ON s.id = q.survey_id \
         WHERE s.course_id = $1 ORDER BY q.position, q.id",
        vec![course_id.into()],
    )
    .await?;
    Ok(rows.iter().map(|r| r.try_get("", "key")).collect::<Result<_, _>>()?)
}

fn field_help(c: &CourseCtx, keys: &[String]) -> Vec<FieldHelp> {
    let t = c.ctx.tr();
    let set = fields::field_set(keys);
    set.names()
        .map(|(name, kind)| FieldHelp {
            code: format!("{{{{ {name} }}}}"),
            kind: t.t(&format!("personal-kind-{}", format!("{kind:?}").to_lowercase())),
        })
        .collect()
}

struct Form {
    subject: String,
    body: String,
    who: String,
    condition: String,
    to: Vec<i64>,
}

impl From<&ComposeForm> for Form {
    fn from(f: &ComposeForm) -> Form {
        Form {
            subject: f.subject.clone(),
            body: f.body.clone(),
            who: f.who.clone(),
            condition: f.condition.clone(),
            to: f.to.clone(),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn compose_page(
    c: &CourseCtx,
    send_id: Option<i64>,
    mine: bool,
    f: Form,
    students: Vec<(i64, String)>,
    keys: &[String],
    templates: Vec<(i64, String)>,
    errors: Vec<(&'static str, String)>,
) -> ComposePage {
    ComposePage {
        page: Page::new(&c.ctx, "personal-compose-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        send_id,
        mine,
        students: students.into_iter().map(|(id, name)| Choice { chosen: f.to.contains(&id), id, name }).collect(),
        subject: f.subject,
        body: f.body,
        who: f.who,
        condition: f.condition,
        fields: field_help(c, keys),
        templates,
        errors,
        preview: None,
        pager: Pager::default(),
        total: 0,
        variants: vec![],
        zone: c.course.time_zone.clone(),
        when: String::new(),
        template_name: String::new(),
    }
}

fn words(c: &CourseCtx, errors: Vec<FieldError>) -> Vec<(&'static str, String)> {
    let t = c.ctx.tr();
    errors
        .into_iter()
        .map(|(field, id, args)| {
            let name = args.iter().find(|(k, _)| *k == "name").map(|(_, v)| v.clone());
            let args: Vec<(&str, &str)> =
                args.iter().filter(|(k, _)| *k != "name").map(|(k, v)| (*k, v.as_str())).collect();
            let reason = crate::i18n::message(t.0, id, &args);
            // Rendering failed for one student: say for whom.
            match name {
                Some(name) => (field, t.t2("personal-err-for", "name", name, "reason", reason)),
                None => (field, reason),
            }
        })
        .collect()
}

#[derive(Deserialize, Default)]
struct NewQuery {
    template: Option<i64>,
}

/// A new message, with the students chosen on the radar (`?to=1&to=2`) ticked, or
/// started from a saved template (`?template=3`).
async fn new_form(State(state): State<AppState>, c: CourseCtx, RawQuery(q): RawQuery) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let raw = q.unwrap_or_default();
    let mut f = ComposeForm::parse(raw.as_bytes());
    let nq: NewQuery = serde_urlencoded::from_str(&raw).unwrap_or_default();
    let (students, keys, templates) = futures::try_join!(
        students(&state, c.course.id),
        survey_keys(&state, c.course.id),
        templates(&state, c.course.id)
    )?;
    if let Some(t) = nq.template.and_then(|id| templates.iter().find(|t| t.id == id)) {
        f.subject = t.subject.clone();
        f.body = t.body.clone();
    }
    let list = templates.into_iter().map(|t| (t.id, t.name)).collect();
    render(&compose_page(&c, None, true, Form::from(&f), students, &keys, list, vec![]))
}

/// Check the form and render every recipient's copy; errors come back as the page again.
async fn check_and_render(
    state: &AppState,
    c: &CourseCtx,
    send_id: Option<i64>,
    f: &ComposeForm,
) -> AppResult<Result<(super::rules::Checked, Vec<send::Rendered>), Response>> {
    let class = queries::class(&state.db, c.course.id).await?;
    let set = fields::field_set(&class.survey_keys);
    let ids: Vec<i64> = class.students.iter().map(|s| s.id).collect();
    let now = now_ms();
    let zone = c.course.time_zone.clone();
    let outcome = f.check(&set, &ids).and_then(|checked| {
        let who = send::recipients(&class, &set, checked.who, &checked.to, &checked.condition, &zone, now)
            .map_err(|e| vec![e])?;
        let rendered =
            send::render_all(&checked.subject, &checked.body, &who, &set, &zone, now).map_err(|e| vec![e])?;
        Ok((checked, rendered))
    });
    match outcome {
        Ok(ok) => Ok(Ok(ok)),
        Err(errors) => {
            let students = class.students.iter().map(|s| (s.id, s.name.clone())).collect();
            let list = templates(state, c.course.id).await?.into_iter().map(|t| (t.id, t.name)).collect();
            let page =
                compose_page(c, send_id, true, Form::from(f), students, &class.survey_keys, list, words(c, errors));
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(Err(res))
        }
    }
}

/// Save a new draft and show its preview.
async fn create(State(state): State<AppState>, c: CourseCtx, body: Bytes) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let me = c.user()?.id;
    let f = ComposeForm::parse(&body);
    let (checked, rendered) = match check_and_render(&state, &c, None, &f).await? {
        Ok(ok) => ok,
        Err(page) => return Ok(page),
    };
    let txn = state.db.begin().await?;
    let id = send::create_draft(&txn, c.course.id, me, &checked, rendered, now_ms()).await?;
    txn.commit().await?;
    Ok(Redirect::to(&link(c.course.id, id)).into_response())
}

/// Change a draft: the same checks, a fresh rendering.
async fn update(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    body: Bytes,
) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let s = my_send(&state, &c, id).await?;
    if s.status != "draft" {
        return Err(AppError::BadRequest("personal-err-not-draft"));
    }
    let f = ComposeForm::parse(&body);
    let (checked, rendered) = match check_and_render(&state, &c, Some(id), &f).await? {
        Ok(ok) => ok,
        Err(page) => return Ok(page),
    };
    let txn = state.db.begin().await?;
    let changed = personal_send::Entity::update_many()
        .col_expr(personal_send::Column::Subject, Expr::value(checked.subject.source()))
        .col_expr(personal_send::Column::Body, Expr::value(checked.body.source()))
        .col_expr(personal_send::Column::Who, Expr::value(checked.who))
        .col_expr(personal_send::Column::Condition, Expr::value(checked.condition.source()))
        .col_expr(personal_send::Column::Total, Expr::value(rendered.len() as i32))
        .col_expr(personal_send::Column::UpdatedAt, Expr::value(now_ms()))
        .filter(personal_send::Column::Id.eq(id))
        .filter(personal_send::Column::Status.eq("draft"))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::BadRequest("personal-err-not-draft"));
    }
    send::store_recipients(&txn, id, rendered).await?;
    txn.commit().await?;
    Ok(with_notice("notice-saved", Redirect::to(&link(c.course.id, id)), c.ctx.secure))
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    after: Option<String>,
    before: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let s = send_of(&state, &c, id).await?;
    let p = PageParams { after: q.after, before: q.before, size: None };
    if s.status == "draft" {
        render(&draft_page(&state, &c, &s, &p, vec![], String::new(), String::new()).await?)
    } else {
        render(&status_page(&state, &c, &s, &p).await?)
    }
}

/// Recipients in name order, a page of `size` from the cursor.
async fn recipients_page(
    state: &AppState,
    c: &CourseCtx,
    s: &personal_send::Model,
    p: &PageParams,
    size: u64,
) -> AppResult<Paged<personal_recipient::Model>> {
    let (dir, from) = p.cursor();
    let mut q = personal_recipient::Entity::find().filter(personal_recipient::Column::SendId.eq(s.id));
    if let Some(cur) = &from {
        q = q.filter(cur.condition(
            personal_recipient::Column::Name,
            personal_recipient::Column::Id,
            dir.order(Order::Asc),
        ));
    }
    let rows = q
        .order_by(personal_recipient::Column::Name, dir.order(Order::Asc))
        .order_by(personal_recipient::Column::Id, dir.order(Order::Asc))
        .limit(size + 1)
        .all(&state.db)
        .await?;
    Ok(Paged::build(rows, size, dir, from.as_ref(), link(c.course.id, s.id), |r| Cursor::text(r.name.clone(), r.id)))
}

/// A draft: the form as saved, and its preview one student at a time.
async fn draft_page(
    state: &AppState,
    c: &CourseCtx,
    s: &personal_send::Model,
    p: &PageParams,
    errors: Vec<(&'static str, String)>,
    when: String,
    template_name: String,
) -> AppResult<ComposePage> {
    let mine = s.sender_id == c.user()?.id;
    let paged = recipients_page(state, c, s, p, 1).await?;
    let (students, keys, templates) = futures::try_join!(
        students(state, c.course.id),
        survey_keys(state, c.course.id),
        templates(state, c.course.id)
    )?;
    let variants: Vec<(i64, String)> = {
        let rows = queries::all(
            &state.db,
            "SELECT variant, COUNT(*) AS n FROM personal_recipients WHERE send_id = $1 \
             GROUP BY variant ORDER BY COUNT(*) DESC, variant LIMIT 10",
            vec![s.id.into()],
        )
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("", "n")?, r.try_get("", "variant")?)))
            .collect::<Result<_, sea_orm::DbErr>>()?
    };
    let to: Vec<i64> = if s.who == "chosen" {
        personal_recipient::Entity::find()
            .select_only()
            .column(personal_recipient::Column::StudentId)
            .filter(personal_recipient::Column::SendId.eq(s.id))
            .into_tuple()
            .all(&state.db)
            .await?
    } else {
        // Asked anyway, so the page costs the same statements whoever it was sent to.
        personal_recipient::Entity::find()
            .select_only()
            .column(personal_recipient::Column::StudentId)
            .filter(personal_recipient::Column::SendId.eq(-1))
            .into_tuple()
            .all(&state.db)
            .await?
    };
    let f = Form {
        subject: s.subject.clone(),
        body: s.body.clone(),
        who: s.who.clone(),
        condition: s.condition.clone(),
        to,
    };
    let list = templates.into_iter().map(|t| (t.id, t.name)).collect();
    let mut page = compose_page(c, Some(s.id), mine, f, students, &keys, list, errors);
    page.preview = paged.items.first().map(|r| PreviewItem {
        name: r.name.clone(),
        subject: r.subject.clone(),
        html: crate::markdown::to_html(&r.body),
    });
    page.pager = paged.pager;
    page.total = i64::from(s.total);
    page.variants = variants;
    page.when = when;
    page.template_name = template_name;
    Ok(page)
}

async fn status_page(
    state: &AppState,
    c: &CourseCtx,
    s: &personal_send::Model,
    p: &PageParams,
) -> AppResult<StatusPage> {
    let paged = recipients_page(state, c, s, p, crate::web::paging::DEFAULT_SIZE).await?;
    let sent = s.status == "sent";
    let (progress, states) = futures::try_join!(
        status::progress(&state.db, s.id, &s.status),
        status::states(&state.db, sent, &paged.items)
    )?;
    let t = c.ctx.tr();
    let rows = paged
        .items
        .iter()
        .map(|r| {
            let st = states.get(&r.id).cloned().unwrap_or(RState::Queued);
            let (state, detail) = match &st {
                RState::Queued => ("queued", String::new()),
                RState::Sent => ("sent", String::new()),
                RState::Replied => ("replied", String::new()),
                RState::Failed(why) if why.starts_with("personal-") => ("failed", t.t(why)),
                RState::Failed(why) => ("failed", why.clone()),
            };
            RecipientRow {
                name: r.name.clone(),
                state,
                label: t.t(&format!("personal-state-{state}")),
                detail,
                conversation: r.conversation_id,
            }
        })
        .collect();
    Ok(StatusPage {
        page: Page::new(&c.ctx, "personal-status-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        send_id: s.id,
        mine: s.sender_id == c.user()?.id,
        subject: s.subject.clone(),
        status: s.status.clone(),
        send_at: s.send_at,
        sent_at: s.sent_at,
        progress,
        rows,
        pager: paged.pager,
    })
}

async fn status_json(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let s = send_of(&state, &c, id).await?;
    Ok(Json(status::progress(&state.db, s.id, &s.status).await?).into_response())
}

fn form_field(body: &[u8], name: &str) -> String {
    url::form_urlencoded::parse(body).find(|(k, _)| k == name).map(|(_, v)| v.into_owned()).unwrap_or_default()
}

async fn draft_again(
    state: &AppState,
    c: &CourseCtx,
    s: &personal_send::Model,
    field: &'static str,
    error: &str,
    when: String,
    name: String,
) -> AppResult<Response> {
    let errors = vec![(field, c.ctx.tr().t(error))];
    let mut res = render(&draft_page(state, c, s, &PageParams::default(), errors, when, name).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// Send a draft now, or schedule it (`when`, in the course's time zone).
async fn send_it(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    body: Bytes,
) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let s = my_send(&state, &c, id).await?;
    if s.status != "draft" {
        return Err(AppError::BadRequest("personal-err-not-draft"));
    }
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Message).await?;
    let when = form_field(&body, "when");
    let now = now_ms();
    let at = match super::rules::send_at(&when, &c.course.time_zone, now) {
        Ok(at) => at,
        Err(e) => return draft_again(&state, &c, &s, "when", e, when, String::new()).await,
    };
    let txn = state.db.begin().await?;
    let changed = personal_send::Entity::update_many()
        .col_expr(personal_send::Column::Status, Expr::value("scheduled"))
        .col_expr(personal_send::Column::SendAt, Expr::value(at))
        .col_expr(personal_send::Column::UpdatedAt, Expr::value(now))
        .filter(personal_send::Column::Id.eq(id))
        .filter(personal_send::Column::Status.eq("draft"))
        .exec(&txn)
        .await?;
    if changed.rows_affected == 1 {
        super::schedule(&txn, id, at.unwrap_or(now), now).await?;
    }
    txn.commit().await?;
    if changed.rows_affected == 1 && at.is_none() {
        state.jobs.wake();
    }
    let notice = if at.is_some() { "personal-notice-scheduled" } else { "personal-notice-sending" };
    Ok(with_notice(notice, Redirect::to(&link(c.course.id, id)), c.ctx.secure))
}

/// Take a scheduled send back to a draft (before it has gone).
async fn cancel(State(state): State<AppState>, c: CourseCtx, Path((_, id)): Path<(i64, i64)>) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let s = my_send(&state, &c, id).await?;
    let changed = personal_send::Entity::update_many()
        .col_expr(personal_send::Column::Status, Expr::value("draft"))
        .col_expr(personal_send::Column::SendAt, Expr::value(Option::<i64>::None))
        .col_expr(personal_send::Column::UpdatedAt, Expr::value(now_ms()))
        .filter(personal_send::Column::Id.eq(s.id))
        .filter(personal_send::Column::Status.eq("scheduled"))
        .exec(&state.db)
        .await?;
    let notice = if changed.rows_affected == 1 { "personal-notice-cancelled" } else { "personal-notice-too-late" };
    Ok(with_notice(notice, Redirect::to(&link(c.course.id, id)), c.ctx.secure))
}

/// Save a send's subject and text as a template for later.
async fn save_template(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    body: Bytes,
) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let s = send_of(&state, &c, id).await?;
    let name = form_field(&body, "name");
    let trimmed = name.trim();
    let error = if trimmed.is_empty() {
        Some("personal-err-name-empty")
    } else if trimmed.chars().count() > MAX_NAME {
        Some("personal-err-name-long")
    } else if personal_template::Entity::find()
        .filter(personal_template::Column::CourseId.eq(c.course.id))
        .count(&state.db)
        .await?
        >= MAX_TEMPLATES
    {
        Some("personal-err-too-many")
    } else {
        None
    };
    if let Some(e) = error {
        if s.status == "draft" {
            return draft_again(&state, &c, &s, "name", e, String::new(), name).await;
        }
        return Err(AppError::BadRequest(e));
    }
    personal_template::ActiveModel {
        course_id: Set(c.course.id),
        author_id: Set(c.user()?.id),
        name: Set(trimmed.to_string()),
        subject: Set(s.subject.clone()),
        body: Set(s.body.clone()),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(with_notice("personal-notice-template", Redirect::to(&link(c.course.id, id)), c.ctx.secure))
}

async fn delete_template(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::SendPersonalMessages)?;
    let gone = personal_template::Entity::delete_many()
        .filter(personal_template::Column::Id.eq(id))
        .filter(personal_template::Column::CourseId.eq(c.course.id))
        .filter(personal_template::Column::AuthorId.eq(c.user()?.id))
        .exec(&state.db)
        .await?;
    if gone.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(with_notice(
        "personal-notice-template-deleted",
        Redirect::to(&format!("/courses/{}/personal", c.course.id)),
        c.ctx.secure,
    ))
}
