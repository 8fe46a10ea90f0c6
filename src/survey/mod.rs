//! The start-of-course survey: the teaching team builds it (from the ready template or
//! from scratch), opens and closes it on dates in the course's time zone, and reads the
//! results per question, per student and as CSV. Students answer and may edit until it
//! closes. Answers are data by question key (`answers_by_key`), and answers a student
//! agreed to share can be shown on their profile (`profile_answers`).

pub mod questions;
pub mod results;
pub mod rules;
pub mod template;

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{survey, survey_answer, survey_question, survey_response};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};
use rules::{AnswerValue, Kind, Phase};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/survey", get(show).post(answer))
        .route("/courses/{course_id}/survey/create", post(create))
        .route("/courses/{course_id}/survey/settings", post(save_settings))
        .route("/courses/{course_id}/survey/schedule", post(schedule))
        .route("/courses/{course_id}/survey/questions", post(questions::add_question))
        .route("/courses/{course_id}/survey/questions/{question_id}", post(questions::edit_question))
        .route("/courses/{course_id}/survey/questions/{question_id}/move", post(questions::move_question))
        .route("/courses/{course_id}/survey/questions/{question_id}/delete", post(questions::delete_question))
        .route("/courses/{course_id}/survey/results", get(results::results))
        .route("/courses/{course_id}/survey/results.csv", get(results::download))
        .route("/courses/{course_id}/survey/results/{user_id}", get(results::one_response))
        .route("/courses/{course_id}/survey/results/questions/{question_id}", get(results::texts))
}

// ---------------------------------------------------------------------------------
// Reading, for this page and for other capabilities.

pub async fn survey_of(db: &impl ConnectionTrait, course_id: i64) -> Result<Option<survey::Model>, DbErr> {
    survey::Entity::find().filter(survey::Column::CourseId.eq(course_id)).one(db).await
}

pub async fn questions_of(db: &impl ConnectionTrait, survey_id: i64) -> Result<Vec<survey_question::Model>, DbErr> {
    survey_question::Entity::find()
        .filter(survey_question::Column::SurveyId.eq(survey_id))
        .order_by_asc(survey_question::Column::Position)
        .order_by_asc(survey_question::Column::Id)
        .all(db)
        .await
}

fn options(q: &survey_question::Model) -> Vec<String> {
    q.options.lines().map(str::to_string).filter(|l| !l.is_empty()).collect()
}

fn kind(q: &survey_question::Model) -> Kind {
    Kind::parse(&q.kind).unwrap_or(Kind::ShortText)
}

fn rule(q: &survey_question::Model) -> rules::Question {
    rules::Question { kind: kind(q), required: q.required, options: options(q) }
}

fn phase_of(s: &survey::Model) -> Phase {
    rules::phase(s.published, s.opens_at, s.closes_at, now_ms())
}

/// A response and its answers by question id.
struct StoredResponse {
    response: survey_response::Model,
    answers: HashMap<i64, (AnswerValue, bool)>,
}

async fn response_of(db: &impl ConnectionTrait, survey_id: i64, user_id: i64) -> Result<Option<StoredResponse>, DbErr> {
    let Some(r) = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::UserId.eq(user_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let answers = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.eq(r.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| AnswerValue::from_json(&a.value).map(|v| (a.question_id, (v, a.on_profile))))
        .collect();
    Ok(Some(StoredResponse { response: r, answers }))
}

/// Every answer to the course survey's question `key`, by person. Later capabilities
/// (personalised messages, group matching) read answers this way, by name.
pub async fn answers_by_key(
    db: &impl ConnectionTrait,
    course_id: i64,
    key: &str,
) -> Result<Vec<(i64, AnswerValue)>, DbErr> {
    let Some(s) = survey_of(db, course_id).await? else { return Ok(vec![]) };
    let Some(q) = survey_question::Entity::find()
        .filter(survey_question::Column::SurveyId.eq(s.id))
        .filter(survey_question::Column::Key.eq(key))
        .one(db)
        .await?
    else {
        return Ok(vec![]);
    };
    let people: HashMap<i64, i64> = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(s.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.user_id))
        .collect();
    let mut out: Vec<(i64, AnswerValue)> = survey_answer::Entity::find()
        .filter(survey_answer::Column::QuestionId.eq(q.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| Some((*people.get(&a.response_id)?, AnswerValue::from_json(&a.value)?)))
        .collect();
    out.sort_by_key(|(u, _)| *u);
    Ok(out)
}

/// An answer a student agreed to show on their profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileAnswer {
    /// One of `rules::PROFILE_FIELDS`.
    pub field: String,
    pub question: String,
    pub answer: String,
}

/// The answers of one person in one course that they agreed to show on their profile,
/// in the survey's question order. Nothing else: no consent, no row.
pub async fn profile_answers(
    db: &impl ConnectionTrait,
    course_id: i64,
    user_id: i64,
) -> Result<Vec<ProfileAnswer>, DbErr> {
    let Some(s) = survey_of(db, course_id).await? else { return Ok(vec![]) };
    let Some(r) = response_of(db, s.id, user_id).await? else { return Ok(vec![]) };
    Ok(questions_of(db, s.id)
        .await?
        .into_iter()
        .filter_map(|q| {
            let field = q.profile_field.clone()?;
            let (value, agreed) = r.answers.get(&q.id)?;
            agreed.then(|| ProfileAnswer { field, question: q.prompt.clone(), answer: value.display() })
        })
        .collect())
}

// ---------------------------------------------------------------------------------
// The survey page: the builder for the teaching team, the form for students.

pub struct ChoiceView {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub struct RowView {
    pub index: usize,
    pub label: String,
    pub value: String,
}

pub struct QuestionView {
    pub id: i64,
    pub key: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub prompt: String,
    pub help: String,
    pub required: bool,
    pub profile_field: String,
    pub profile_label: String,
    pub options_text: String,
    pub choices: Vec<ChoiceView>,
    pub rows: Vec<RowView>,
    pub text: String,
    pub shared: bool,
    pub error: Option<String>,
    /// The saved answer as text, for read-only views.
    pub answer: String,
}

/// What the add-question form holds (kept when the tutor's question was not accepted).
#[derive(Default, Deserialize)]
pub struct QuestionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    prompt: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    options: String,
    #[serde(default)]
    required: Option<String>,
    #[serde(default)]
    profile_field: String,
}

#[derive(Template)]
#[template(path = "survey/show.html")]
struct SurveyPage {
    page: Page,
    course_id: i64,
    course_title: String,
    course_zone: String,
    exists: bool,
    title: String,
    intro: String,
    is_draft: bool,
    not_yet_open: bool,
    is_open: bool,
    is_closed: bool,
    /// Opening and closing times in the viewer's zone.
    opens_at: Option<String>,
    closes_at: Option<String>,
    opens_input: String,
    closes_input: String,
    questions: Vec<QuestionView>,
    may_manage: bool,
    may_answer: bool,
    answered: bool,
    answered_at: Option<String>,
    responses: usize,
    error: Option<String>,
    new_question: QuestionForm,
    kinds: Vec<(&'static str, String)>,
    profile_fields: Vec<(&'static str, String)>,
}

fn profile_label(tr: Tr, field: &str) -> String {
    tr.t(match field {
        "interests" => "survey-profile-interests",
        "looking_forward" => "survey-profile-looking-forward",
        "how_use" => "survey-profile-how-use",
        "contact_preferences" => "survey-profile-contact",
        _ => "survey-profile-about",
    })
}

/// The values a saved answer puts back into the form.
fn values_of(q: &survey_question::Model, a: &AnswerValue) -> Vec<String> {
    match a {
        AnswerValue::Text(t) | AnswerValue::Choice(t) => vec![t.clone()],
        AnswerValue::Choices(cs) => cs.clone(),
        AnswerValue::Scale(n) => vec![n.to_string()],
        AnswerValue::Hours(rows) => options(q)
            .iter()
            .map(|row| rows.iter().find(|(r, _)| r == row).map(|(_, h)| h.to_string()).unwrap_or_default())
            .collect(),
    }
}

/// The values the form sent for one question: `q_<id>` (repeated for multiple choice),
/// or `h_<id>_<row>` per row of the hours grid.
fn typed_of(q: &survey_question::Model, form: &[(String, String)]) -> Vec<String> {
    let limit = |v: &String| v.chars().take(rules::MAX_LONG + 1).collect::<String>();
    if kind(q) == Kind::Hours {
        (0..options(q).len())
            .map(|i| {
                let name = format!("h_{}_{i}", q.id);
                form.iter().find(|(k, _)| *k == name).map(|(_, v)| v.chars().take(10).collect()).unwrap_or_default()
            })
            .collect()
    } else {
        let name = format!("q_{}", q.id);
        form.iter().filter(|(k, _)| *k == name).map(|(_, v)| limit(v)).collect()
    }
}

fn question_view(
    tr: Tr,
    q: &survey_question::Model,
    values: &[String],
    shared: bool,
    error: Option<String>,
    answer: String,
) -> QuestionView {
    let k = kind(q);
    let opts = options(q);
    let choices = match k {
        Kind::SingleChoice | Kind::MultipleChoice => opts
            .iter()
            .map(|o| ChoiceView { value: o.clone(), label: o.clone(), checked: values.contains(o) })
            .collect(),
        Kind::Scale => (1..=5)
            .map(|n: u8| {
                let end = match n {
                    1 => opts.first().cloned(),
                    5 => opts.get(1).cloned(),
                    _ => None,
                };
                ChoiceView {
                    value: n.to_string(),
                    label: match end {
                        Some(l) => format!("{n} – {l}"),
                        None => n.to_string(),
                    },
                    checked: values.first().is_some_and(|v| *v == n.to_string()),
                }
            })
            .collect(),
        _ => vec![],
    };
    let rows = if k == Kind::Hours {
        opts.iter()
            .enumerate()
            .map(|(index, label)| RowView {
                index,
                label: label.clone(),
                value: values.get(index).cloned().unwrap_or_default(),
            })
            .collect()
    } else {
        vec![]
    };
    QuestionView {
        id: q.id,
        key: q.key.clone(),
        kind: k.as_str(),
        kind_label: tr.t(k.label_id()),
        prompt: q.prompt.clone(),
        help: q.help.clone(),
        required: q.required,
        profile_field: q.profile_field.clone().unwrap_or_default(),
        profile_label: q.profile_field.as_deref().map(|f| profile_label(tr, f)).unwrap_or_default(),
        options_text: q.options.clone(),
        choices,
        rows,
        text: if matches!(k, Kind::ShortText | Kind::LongText) {
            values.first().cloned().unwrap_or_default()
        } else {
            String::new()
        },
        shared,
        error,
        answer,
    }
}

/// What a bad submission typed, to show again with the errors.
struct Typed {
    values: HashMap<i64, Vec<String>>,
    shared: HashSet<i64>,
    errors: HashMap<i64, String>,
}

async fn page_for(state: &AppState, c: &CourseCtx, typed: Option<Typed>) -> AppResult<SurveyPage> {
    let tr = c.ctx.tr();
    let s = survey_of(&state.db, c.course.id).await?;
    let may_manage = c.may(Action::ManageSurvey);
    let may_answer = c.may(Action::AnswerSurvey);
    let zone = c.course.time_zone.clone();
    let mut page = SurveyPage {
        page: Page::new(&c.ctx, "survey-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        course_zone: zone.clone(),
        exists: s.is_some(),
        title: String::new(),
        intro: String::new(),
        is_draft: true,
        not_yet_open: false,
        is_open: false,
        is_closed: false,
        opens_at: None,
        closes_at: None,
        opens_input: String::new(),
        closes_input: String::new(),
        questions: vec![],
        may_manage,
        may_answer,
        answered: false,
        answered_at: None,
        responses: 0,
        error: None,
        new_question: QuestionForm { kind: "short_text".into(), required: Some("1".into()), ..Default::default() },
        kinds: Kind::ALL.iter().map(|k| (k.as_str(), tr.t(k.label_id()))).collect(),
        profile_fields: rules::PROFILE_FIELDS.iter().map(|f| (*f, profile_label(tr, f))).collect(),
    };
    let Some(s) = s else { return Ok(page) };
    let phase = phase_of(&s);
    page.title = s.title.clone();
    page.intro = s.intro.clone();
    page.is_draft = phase == Phase::Draft;
    page.not_yet_open = phase == Phase::NotYetOpen;
    page.is_open = phase == Phase::Open;
    page.is_closed = phase == Phase::Closed;
    page.opens_at = s.opens_at.filter(|_| s.published).map(|ms| page.page.when(&ms));
    page.closes_at = s.closes_at.filter(|_| s.published).map(|ms| page.page.when(&ms));
    page.opens_input = s.opens_at.map(|ms| rules::to_local_input(ms, &zone)).unwrap_or_default();
    page.closes_input = s.closes_at.map(|ms| rules::to_local_input(ms, &zone)).unwrap_or_default();
    let qs = questions_of(&state.db, s.id).await?;
    let mine = match &c.ctx.user {
        Some(u) if may_answer => response_of(&state.db, s.id, u.id).await?,
        _ => None,
    };
    page.answered = mine.is_some();
    page.answered_at = mine.as_ref().map(|r| page.page.when(&r.response.updated_at));
    if may_manage {
        page.responses = survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.eq(s.id))
            .all(&state.db)
            .await?
            .len();
    }
    page.questions = qs
        .iter()
        .map(|q| {
            let saved = mine.as_ref().and_then(|r| r.answers.get(&q.id));
            let answer = saved.map(|(v, _)| v.display()).unwrap_or_default();
            match &typed {
                Some(t) => question_view(
                    tr,
                    q,
                    t.values.get(&q.id).map(Vec::as_slice).unwrap_or(&[]),
                    t.shared.contains(&q.id),
                    t.errors.get(&q.id).cloned(),
                    answer,
                ),
                None => {
                    let values = saved.map(|(v, _)| values_of(q, v)).unwrap_or_default();
                    question_view(tr, q, &values, saved.is_some_and(|(_, s)| *s), None, answer)
                }
            }
        })
        .collect();
    Ok(page)
}

async fn show(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewSurvey)?;
    render(&page_for(&state, &c, None).await?)
}

fn back(c: &CourseCtx, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/survey", c.course.id)), c.ctx.secure)
}

fn unprocessable(page: &SurveyPage) -> AppResult<Response> {
    let mut res = render(page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// A student's answers: every question checked, then all saved in one transaction
/// (or, if any is wrong, nothing saved and the form shown again as typed).
async fn answer(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(form): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    c.require(Action::AnswerSurvey)?;
    let s = survey_of(&state.db, c.course.id).await?.ok_or(AppError::NotFound)?;
    match phase_of(&s) {
        Phase::Open => {}
        Phase::Closed => return Err(AppError::BadRequest("survey-err-closed")),
        Phase::Draft | Phase::NotYetOpen => return Err(AppError::BadRequest("survey-err-not-open")),
    }
    let qs = questions_of(&state.db, s.id).await?;
    let tr = c.ctx.tr();
    let mut typed = Typed { values: HashMap::new(), shared: HashSet::new(), errors: HashMap::new() };
    let mut parsed = vec![];
    for q in &qs {
        let values = typed_of(q, &form);
        let share = q.profile_field.is_some() && form.iter().any(|(k, v)| *k == format!("share_{}", q.id) && v == "1");
        match rules::parse_answer(&rule(q), &values) {
            Ok(Some(v)) => parsed.push((q.id, v, share)),
            Ok(None) => {}
            Err(e) => {
                typed.errors.insert(q.id, tr.t(e.0));
            }
        }
        if share {
            typed.shared.insert(q.id);
        }
        typed.values.insert(q.id, values);
    }
    if !typed.errors.is_empty() {
        let n = typed.errors.len();
        let mut page = page_for(&state, &c, Some(typed)).await?;
        page.error = Some(tr.t1("survey-err-summary", "count", n));
        return unprocessable(&page);
    }
    let me = c.user()?.id;
    match save_response(&state.db, s.id, me, &parsed).await {
        // A double submit that raced itself to create the response: the second try
        // finds it and replaces its answers.
        Err(e) if crate::db::is_unique_violation(&e) => save_response(&state.db, s.id, me, &parsed).await?,
        other => other?,
    }
    Ok(back(&c, "notice-survey-saved"))
}

/// Replace a person's answers in one transaction, making their response the first time.
async fn save_response(
    db: &sea_orm::DatabaseConnection,
    survey_id: i64,
    me: i64,
    parsed: &[(i64, AnswerValue, bool)],
) -> Result<(), DbErr> {
    let now = now_ms();
    let txn = db.begin().await?;
    let existing = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::UserId.eq(me))
        .one(&txn)
        .await?;
    let response_id = match existing {
        Some(r) => {
            survey_answer::Entity::delete_many().filter(survey_answer::Column::ResponseId.eq(r.id)).exec(&txn).await?;
            let mut a: survey_response::ActiveModel = r.into();
            a.updated_at = Set(now);
            a.update(&txn).await?.id
        }
        None => {
            survey_response::ActiveModel {
                survey_id: Set(survey_id),
                user_id: Set(me),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    let rows: Vec<survey_answer::ActiveModel> = parsed
        .iter()
        .map(|(question_id, v, share)| survey_answer::ActiveModel {
            response_id: Set(response_id),
            question_id: Set(*question_id),
            value: Set(v.to_json()),
            on_profile: Set(*share),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        survey_answer::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await
}

// ---------------------------------------------------------------------------------
// Building the survey.

#[derive(Deserialize)]
struct CreateForm {
    #[serde(default)]
    from: String,
}

/// Start the course's survey, from the template (in the tutor's language) or empty.
async fn create(State(state): State<AppState>, c: CourseCtx, Form(f): Form<CreateForm>) -> AppResult<Response> {
    c.require(Action::ManageSurvey)?;
    let from_template = match f.from.as_str() {
        "template" => true,
        "empty" => false,
        _ => return Err(AppError::BadRequest("survey-err-from")),
    };
    if survey_of(&state.db, c.course.id).await?.is_some() {
        return Ok(back(&c, "notice-survey-exists"));
    }
    let locale = c.ctx.tr().0;
    let txn = state.db.begin().await?;
    let made = create_survey(&txn, c.course.id, locale, from_template, now_ms()).await;
    let made = match made {
        Ok(_) => txn.commit().await,
        Err(e) => Err(e),
    };
    match made {
        Ok(()) => Ok(back(&c, "notice-survey-created")),
        // Two clicks at once: the unique course index kept the first survey.
        Err(e) if crate::db::is_unique_violation(&e) => Ok(back(&c, "notice-survey-exists")),
        Err(e) => Err(e.into()),
    }
}

/// Make a course's survey as a draft, in the caller's transaction; the demo uses this too.
pub async fn create_survey(
    txn: &impl ConnectionTrait,
    course_id: i64,
    locale: crate::i18n::Locale,
    from_template: bool,
    now: i64,
) -> Result<survey::Model, DbErr> {
    let s = survey::ActiveModel {
        course_id: Set(course_id),
        title: Set(crate::i18n::message(locale, "survey-tpl-title", &[])),
        intro: Set(if from_template { crate::i18n::message(locale, "survey-tpl-intro", &[]) } else { String::new() }),
        published: Set(false),
        opens_at: Set(None),
        closes_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if from_template {
        for (i, q) in template::QUESTIONS.iter().enumerate() {
            let (prompt, help, opts) = template::text(q, locale);
            survey_question::ActiveModel {
                survey_id: Set(s.id),
                key: Set(q.key.to_string()),
                kind: Set(q.kind.as_str().to_string()),
                prompt: Set(prompt),
                help: Set(help),
                options: Set(opts.join("\n")),
                required: Set(q.required),
                profile_field: Set(q.profile_field.map(str::to_string)),
                position: Set(i as i32),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(s)
}

async fn managed_survey(state: &AppState, c: &CourseCtx) -> AppResult<survey::Model> {
    c.require(Action::ManageSurvey)?;
    survey_of(&state.db, c.course.id).await?.ok_or(AppError::NotFound)
}

/// Questions change only while the survey is a draft: answers depend on them.
async fn draft_survey(state: &AppState, c: &CourseCtx) -> AppResult<survey::Model> {
    let s = managed_survey(state, c).await?;
    if s.published {
        return Err(AppError::BadRequest("survey-err-not-draft"));
    }
    Ok(s)
}

async fn question_in(state: &AppState, s: &survey::Model, question_id: i64) -> AppResult<survey_question::Model> {
    survey_question::Entity::find_by_id(question_id)
        .filter(survey_question::Column::SurveyId.eq(s.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    intro: String,
}

async fn save_settings(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<SettingsForm>,
) -> AppResult<Response> {
    let s = managed_survey(&state, &c).await?;
    let title = f.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let intro = f.intro.trim().replace("\r\n", "\n");
    if title.is_empty() || title.chars().count() > 120 || intro.chars().count() > 2000 {
        return Err(AppError::BadRequest("survey-err-settings"));
    }
    let mut a: survey::ActiveModel = s.into();
    a.title = Set(title);
    a.intro = Set(intro);
    a.updated_at = Set(now_ms());
    a.update(&state.db).await?;
    Ok(back(&c, "notice-saved"))
}

#[derive(Deserialize)]
struct ScheduleForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    opens: String,
    #[serde(default)]
    closes: String,
}

/// Publish with dates (or change the dates), or take an unanswered survey back to draft.
async fn schedule(State(state): State<AppState>, c: CourseCtx, Form(f): Form<ScheduleForm>) -> AppResult<Response> {
    let s = managed_survey(&state, &c).await?;
    let mut a: survey::ActiveModel = s.clone().into();
    a.updated_at = Set(now_ms());
    if f.action == "draft" {
        let answered = survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.eq(s.id))
            .one(&state.db)
            .await?
            .is_some();
        if answered {
            return Err(AppError::BadRequest("survey-err-has-answers"));
        }
        a.published = Set(false);
        a.update(&state.db).await?;
        return Ok(back(&c, "notice-survey-draft"));
    }
    let (opens, closes) = match rules::parse_schedule(&f.opens, &f.closes, &c.course.time_zone) {
        Ok(v) => v,
        Err(e) => {
            let mut page = page_for(&state, &c, None).await?;
            page.error = Some(c.ctx.tr().t(e.0));
            page.opens_input = f.opens.chars().take(20).collect();
            page.closes_input = f.closes.chars().take(20).collect();
            return unprocessable(&page);
        }
    };
    if questions_of(&state.db, s.id).await?.is_empty() {
        return Err(AppError::BadRequest("survey-err-no-questions"));
    }
    a.published = Set(true);
    a.opens_at = Set(Some(opens));
    a.closes_at = Set(closes);
    a.update(&state.db).await?;
    Ok(back(&c, "notice-survey-scheduled"))
}
