//! The survey's results, for the teaching team only: per question, per student and as
//! CSV. The page costs the same whatever the class size: counts come grouped from SQL
//! (one row per distinct answer of a choice, scale or hours question), free-text answers
//! show a few per question with a paged list of all of them, and the per-student list
//! is a page of the class. Only current students count: a person who left the course,
//! or an admin trying the form, is not part of the class's results.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sea_orm::sea_query::{Expr, ExprTrait, Query as SqlQuery};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Statement,
};

use super::rules::{self, AnswerValue, Bar, Kind, Summary};
use super::{kind, managed_survey, options, question_in, questions_of, response_of, rule};
use crate::app::AppState;
use crate::db::entity::{membership, survey_answer, survey_response};
use crate::error::{AppError, AppResult};
use crate::policy::{MemberState, Role};
use crate::web::paging::{Cursor, PageParams, Paged, Pager};
use crate::web::{CourseCtx, Page, render};

/// Answers of the course's current students (`$1` course, `$2` role, `$3` state).
macro_rules! class_answers {
    () => {
        "FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id \
         JOIN memberships m ON m.user_id = r.user_id AND m.course_id = $1 AND m.role = $2 AND m.state = $3 \
         JOIN survey_questions qq ON qq.id = a.question_id "
    };
}

/// Free-text answers shown per question on the results page; the rest are a link away.
pub const TEXT_PREVIEW: i64 = 5;
/// Free-text answers per page of one question's list.
pub const TEXTS_PAGE: u64 = 40;
/// Students the per-student list shows at a time.
pub const PER_STUDENT_PAGE: u64 = 50;

const TEXT_KINDS: [&str; 2] = ["short_text", "long_text"];

pub struct ResultView {
    pub id: i64,
    pub prompt: String,
    pub key: String,
    pub kind_label: String,
    pub answered: usize,
    pub is_text: bool,
    pub texts: Vec<String>,
    pub bars: Vec<Bar>,
    pub median: Option<String>,
    pub scale_ends: String,
    pub hour_rows: Vec<(String, String)>,
    pub hours_total: Option<String>,
}

pub struct Person {
    pub user_id: i64,
    pub name: String,
    pub at: Option<i64>,
}

#[derive(Template)]
#[template(path = "survey/results.html")]
struct ResultsPage {
    page: Page,
    course_id: i64,
    course_title: String,
    title: String,
    results: Vec<ResultView>,
    /// This page's students who have and have not answered.
    answered: Vec<Person>,
    missing: Vec<Person>,
    pager: Pager,
    answered_count: usize,
    students: usize,
}

fn class_values(survey_course: i64, survey_id: i64) -> Vec<sea_orm::Value> {
    vec![
        survey_course.into(),
        Role::Student.as_str().into(),
        MemberState::Active.as_str().into(),
        survey_id.into(),
        TEXT_KINDS[0].into(),
        TEXT_KINDS[1].into(),
    ]
}

/// The class's students, and how many of them answered (one statement).
async fn totals(db: &impl ConnectionTrait, course_id: i64, survey_id: i64) -> Result<(usize, usize), DbErr> {
    let sql = "SELECT COUNT(*) AS students, COUNT(r.id) AS answered FROM memberships m \
               LEFT JOIN survey_responses r ON r.user_id = m.user_id AND r.survey_id = $4 \
               WHERE m.course_id = $1 AND m.role = $2 AND m.state = $3";
    let mut values = class_values(course_id, survey_id);
    values.truncate(4);
    let row = db.query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?;
    Ok(match row {
        Some(r) => (r.try_get::<i64>("", "students")? as usize, r.try_get::<i64>("", "answered")? as usize),
        None => (0, 0),
    })
}

/// Per question: how many answered, each distinct answer of a question that is not free
/// text with how many gave it, and the first few free-text answers. Three statements.
struct Grouped {
    answered: HashMap<i64, usize>,
    counted: HashMap<i64, Vec<(AnswerValue, usize)>>,
    texts: HashMap<i64, Vec<String>>,
}

async fn grouped(db: &impl ConnectionTrait, course_id: i64, survey_id: i64) -> Result<Grouped, DbErr> {
    let backend = db.get_database_backend();
    let answered_sql = concat!(
        "SELECT a.question_id AS q, COUNT(*) AS n ",
        class_answers!(),
        "WHERE r.survey_id = $4 GROUP BY a.question_id"
    );
    let counted_sql = concat!(
        "SELECT a.question_id AS q, a.value AS v, COUNT(*) AS n ",
        class_answers!(),
        "WHERE r.survey_id = $4 AND qq.kind NOT IN ($5, $6) GROUP BY a.question_id, a.value"
    );
    // The newest answers first: a tutor looking again wants what came in since.
    let texts_sql = concat!(
        "SELECT t.q AS q, t.v AS v FROM (SELECT a.question_id AS q, a.value AS v, a.id AS id, \
         ROW_NUMBER() OVER (PARTITION BY a.question_id ORDER BY a.id DESC) AS rn ",
        class_answers!(),
        "WHERE r.survey_id = $4 AND qq.kind IN ($5, $6)) t WHERE t.rn <= $7 ORDER BY t.q, t.id DESC"
    );
    let mut four = class_values(course_id, survey_id);
    four.truncate(4);
    let mut seven = class_values(course_id, survey_id);
    seven.push(TEXT_PREVIEW.into());
    let (a, c, t) = futures::join!(
        db.query_all_raw(Statement::from_sql_and_values(backend, answered_sql, four)),
        db.query_all_raw(Statement::from_sql_and_values(backend, counted_sql, class_values(course_id, survey_id))),
        db.query_all_raw(Statement::from_sql_and_values(backend, texts_sql, seven)),
    );
    let mut g = Grouped { answered: HashMap::new(), counted: HashMap::new(), texts: HashMap::new() };
    for r in a? {
        g.answered.insert(r.try_get("", "q")?, r.try_get::<i64>("", "n")? as usize);
    }
    for r in c? {
        if let Some(v) = AnswerValue::from_json(&r.try_get::<String>("", "v")?) {
            g.counted.entry(r.try_get("", "q")?).or_default().push((v, r.try_get::<i64>("", "n")? as usize));
        }
    }
    for r in t? {
        if let Some(AnswerValue::Text(v)) = AnswerValue::from_json(&r.try_get::<String>("", "v")?) {
            g.texts.entry(r.try_get("", "q")?).or_default().push(v);
        }
    }
    Ok(g)
}

pub(super) async fn results(
    State(state): State<AppState>,
    c: CourseCtx,
    Query(p): Query<PageParams>,
) -> AppResult<Response> {
    let s = managed_survey(&state, &c).await?;
    let tr = c.ctx.tr();
    let db = &state.db;
    let (qs, g, counts) =
        futures::join!(questions_of(db, s.id), grouped(db, c.course.id, s.id), totals(db, c.course.id, s.id));
    let (qs, mut g, (students, answered_count)) = (qs?, g?, counts?);
    let results = qs
        .iter()
        .map(|q| {
            let is_text = matches!(kind(q), Kind::ShortText | Kind::LongText);
            let mut view = ResultView {
                id: q.id,
                prompt: q.prompt.clone(),
                key: q.key.clone(),
                kind_label: tr.t(kind(q).label_id()),
                answered: g.answered.get(&q.id).copied().unwrap_or(0),
                is_text,
                texts: g.texts.remove(&q.id).unwrap_or_default(),
                bars: vec![],
                median: None,
                scale_ends: String::new(),
                hour_rows: vec![],
                hours_total: None,
            };
            if is_text {
                return view;
            }
            match rules::summarise_counted(&rule(q), &g.counted.remove(&q.id).unwrap_or_default()) {
                Summary::Texts(_) => {}
                Summary::Bars(b) => view.bars = b,
                Summary::Scale { bars, median } => {
                    let o = options(q);
                    if o.len() == 2 {
                        view.scale_ends = tr.t2("survey-scale-ends", "low", &o[0], "high", &o[1]);
                    }
                    view.bars = bars;
                    view.median = median;
                }
                Summary::Hours { rows, total } => {
                    view.hour_rows = rows;
                    view.hours_total = total;
                }
            }
            view
        })
        .collect();
    // Per student: a page of the class by name, split into who has and has not answered.
    let size = p.size(PER_STUDENT_PAGE);
    let (dir, from) = p.cursor();
    let only_students =
        crate::courses::member_list::Filter { role: Role::Student.as_str().into(), ..Default::default() };
    let rows = crate::courses::member_list::page(db, c.course.id, &only_students, dir, from.as_ref(), size + 1).await?;
    let sort = only_students.sort();
    let paged = Paged::build(rows, size, dir, from.as_ref(), format!("/courses/{}/survey/results", c.course.id), |r| {
        r.cursor(sort)
    });
    let ids: Vec<i64> = paged.items.iter().map(|m| m.user_id).collect();
    let at: HashMap<i64, i64> = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(s.id))
        .filter(survey_response::Column::UserId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.user_id, r.updated_at))
        .collect();
    let (answered, missing): (Vec<Person>, Vec<Person>) = paged
        .items
        .iter()
        .map(|m| Person { user_id: m.user_id, name: m.name.clone(), at: at.get(&m.user_id).copied() })
        .partition(|p| p.at.is_some());
    render(&ResultsPage {
        page: Page::new(&c.ctx, "survey-results-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        title: s.title,
        results,
        students,
        answered_count,
        answered,
        missing,
        pager: paged.pager,
    })
}

#[derive(Template)]
#[template(path = "survey/texts.html")]
struct TextsPage {
    page: Page,
    course_id: i64,
    course_title: String,
    prompt: String,
    texts: Vec<(i64, String)>,
    pager: Pager,
}

/// Every free-text answer to one question, a page at a time in the order given.
pub(super) async fn texts(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, question_id)): Path<(i64, i64)>,
    Query(p): Query<PageParams>,
) -> AppResult<Response> {
    let s = managed_survey(&state, &c).await?;
    let q = question_in(&state, &s, question_id).await?;
    if !matches!(kind(&q), Kind::ShortText | Kind::LongText) {
        return Err(AppError::NotFound);
    }
    let class = SqlQuery::select()
        .column((survey_response::Entity, survey_response::Column::Id))
        .from(survey_response::Entity)
        .inner_join(
            membership::Entity,
            Expr::col((membership::Entity, membership::Column::UserId))
                .equals((survey_response::Entity, survey_response::Column::UserId)),
        )
        .and_where(Expr::col((survey_response::Entity, survey_response::Column::SurveyId)).eq(s.id))
        .and_where(Expr::col((membership::Entity, membership::Column::CourseId)).eq(c.course.id))
        .and_where(Expr::col((membership::Entity, membership::Column::Role)).eq(Role::Student.as_str()))
        .and_where(Expr::col((membership::Entity, membership::Column::State)).eq(MemberState::Active.as_str()))
        .to_owned();
    let size = p.size(TEXTS_PAGE);
    let (dir, from) = p.cursor();
    let order = dir.order(Order::Asc);
    let mut find = survey_answer::Entity::find()
        .filter(survey_answer::Column::QuestionId.eq(q.id))
        .filter(survey_answer::Column::ResponseId.in_subquery(class));
    if let Some(cur) = &from {
        find = find.filter(cur.condition(survey_answer::Column::Id, survey_answer::Column::Id, order.clone()));
    }
    let rows = find.order_by(survey_answer::Column::Id, order).limit(size + 1).all(&state.db).await?;
    let base = format!("/courses/{}/survey/results/questions/{}", c.course.id, q.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |a| Cursor::int(a.id, a.id));
    let texts = paged
        .items
        .into_iter()
        .filter_map(|a| match AnswerValue::from_json(&a.value) {
            Some(AnswerValue::Text(t)) => Some((a.id, t)),
            _ => None,
        })
        .collect();
    render(&TextsPage {
        page: Page::titled(&c.ctx, q.prompt.clone()),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        prompt: q.prompt,
        texts,
        pager: paged.pager,
    })
}

/// One row per student who answered, one column per question. A download holds the
/// whole class by nature; it reads it in three statements whatever its size.
pub(super) async fn download(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    let s = managed_survey(&state, &c).await?;
    let tr = c.ctx.tr();
    let db = &state.db;
    let qs = questions_of(db, s.id).await?;
    let students: HashMap<i64, crate::courses::queries::Member> = crate::courses::queries::members(db, c.course.id)
        .await?
        .into_iter()
        .filter(|m| m.role == Role::Student && m.active)
        .map(|m| (m.user_id, m))
        .collect();
    let sql = "SELECT r.user_id AS u, r.updated_at AS at, a.question_id AS q, a.value AS v \
               FROM survey_responses r LEFT JOIN survey_answers a ON a.response_id = r.id \
               WHERE r.survey_id = $1 ORDER BY r.id";
    let stmt = Statement::from_sql_and_values(db.get_database_backend(), sql, [s.id.into()]);
    let mut by_user: Vec<(i64, i64, HashMap<i64, AnswerValue>)> = vec![];
    for r in db.query_all_raw(stmt).await? {
        let (u, at): (i64, i64) = (r.try_get("", "u")?, r.try_get("", "at")?);
        if by_user.last().is_none_or(|(last, _, _)| *last != u) {
            by_user.push((u, at, HashMap::new()));
        }
        let (Some(q), Some(v)) = (r.try_get::<Option<i64>>("", "q")?, r.try_get::<Option<String>>("", "v")?) else {
            continue;
        };
        if let (Some(v), Some(last)) = (AnswerValue::from_json(&v), by_user.last_mut()) {
            last.2.insert(q, v);
        }
    }
    let mut header = vec![tr.t("survey-csv-name"), tr.t("survey-csv-email"), tr.t("survey-csv-updated")];
    header.extend(qs.iter().map(|q| q.prompt.clone()));
    let zone = c.ctx.user.as_ref().map(|u| u.time_zone.clone()).unwrap_or_else(|| "UTC".into());
    let mut rows: Vec<Vec<String>> = by_user
        .iter()
        .filter_map(|(u, at, answers)| {
            let m = students.get(u)?;
            let mut row = vec![
                m.name.clone(),
                m.email.clone(),
                jiff::Timestamp::from_millisecond(*at)
                    .map(|t| t.to_zoned(crate::time::zone(&zone)).strftime("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default(),
            ];
            row.extend(qs.iter().map(|q| answers.get(&q.id).map(|v| v.display()).unwrap_or_default()));
            Some(row)
        })
        .collect();
    rows.sort_by_key(|r| r[0].to_lowercase());
    // A byte order mark, so that spreadsheets read "ø" as "ø".
    let body = format!("\u{feff}{}", rules::csv(&header, &rows));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"survey-{}.csv\"", c.course.id)),
        ],
        body,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "survey/response.html")]
struct ResponsePage {
    page: Page,
    course_id: i64,
    course_title: String,
    at: i64,
    answers: Vec<(String, String)>,
}

pub(super) async fn one_response(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, user_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let s = managed_survey(&state, &c).await?;
    let db = &state.db;
    // Only a current student of this course: one membership, not the class.
    let member = crate::courses::queries::membership_of(db, c.course.id, user_id)
        .await?
        .filter(|m| m.role == Role::Student.as_str() && m.state == MemberState::Active.as_str())
        .ok_or(AppError::NotFound)?;
    let name = crate::groups::queries::people(db, &[member.user_id])
        .await?
        .remove(&member.user_id)
        .map(|u| u.name)
        .ok_or(AppError::NotFound)?;
    let r = response_of(db, s.id, user_id).await?.ok_or(AppError::NotFound)?;
    let answers = questions_of(db, s.id)
        .await?
        .iter()
        .map(|q| (q.prompt.clone(), r.answers.get(&q.id).map(|(v, _)| v.display()).unwrap_or_default()))
        .collect();
    render(&ResponsePage {
        page: Page::titled(&c.ctx, c.ctx.tr().t1("survey-response-title", "name", &name)),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        at: r.response.updated_at,
        answers,
    })
}
