//! Response times: how long students' questions wait for the first reply from the
//! teaching team, as a median and 90th percentile per week and per member of staff.
//! A question is a thread a student opens in a Q&A space or, elsewhere, one whose title
//! asks ("…?"), and a direct message from a student to a conversation with staff (the
//! first of their turn). The refresh job computes the figures (`compute`) and caches
//! them; the page and the Q&A space's "we usually answer within …" line only read them.

use std::collections::{HashMap, HashSet};

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use homeroom_presence::radar::WEEK;
use homeroom_presence::response::{Figures, Question, by_week_and_staff, figures};
use sea_orm::{ConnectionTrait, DbErr, Statement, Value};
use serde_json::json;

use super::views::{ResponsePage, ResponseRow};
use crate::app::AppState;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::policy::Action;
use crate::web::{CourseCtx, Page, render};

pub const CACHE_KEY: &str = "response-times";

async fn all(db: &impl ConnectionTrait, sql: &str, course_id: i64) -> Result<Vec<sea_orm::QueryResult>, DbErr> {
    db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, [Value::from(course_id)])).await
}

fn fig(f: &Figures) -> serde_json::Value {
    json!({ "answered": f.answered, "waiting": f.waiting, "median": f.median, "p90": f.p90 })
}

/// The students' questions of a course and their first staff replies, as figures (JSON).
pub async fn compute(db: &impl ConnectionTrait, course_id: i64, staff: &[(i64, String)]) -> Result<String, DbErr> {
    let (openings, replies, messages, with_staff) = futures::try_join!(
        all(
            db,
            "SELECT p.thread_id AS thread_id, p.created_at AS at, s.kind AS kind, t.title AS title FROM forum_posts p \
             JOIN forum_threads t ON t.id = p.thread_id JOIN forum_spaces s ON s.id = t.space_id \
             JOIN memberships m ON m.course_id = p.course_id AND m.user_id = p.author_id AND m.role = 'student' \
             WHERE p.course_id = $1 AND p.opening AND p.deleted_at IS NULL",
            course_id
        ),
        all(
            db,
            "SELECT p.thread_id AS thread_id, p.created_at AS at, p.author_id AS who FROM forum_posts p \
             JOIN memberships m ON m.course_id = p.course_id AND m.user_id = p.author_id AND m.role IN ('tutor', 'ta') \
             WHERE p.course_id = $1 AND NOT p.opening AND p.deleted_at IS NULL ORDER BY p.created_at, p.id",
            course_id
        ),
        all(
            db,
            "SELECT m.conversation_id AS conversation_id, m.user_id AS who, m.created_at AS at FROM messages m \
             JOIN conversations cv ON cv.id = m.conversation_id WHERE cv.course_id = $1 AND m.user_id IS NOT NULL \
             ORDER BY m.conversation_id, m.created_at, m.id",
            course_id
        ),
        all(
            db,
            "SELECT DISTINCT cm.conversation_id AS conversation_id FROM conversation_members cm \
             JOIN conversations cv ON cv.id = cm.conversation_id \
             JOIN memberships ms ON ms.course_id = cv.course_id AND ms.user_id = cm.user_id AND ms.role IN ('tutor', 'ta') \
             WHERE cv.course_id = $1",
            course_id
        ),
    )?;
    let staff_ids: HashSet<i64> = staff.iter().map(|s| s.0).collect();
    let mut first_reply: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    for r in &replies {
        first_reply.entry(r.try_get("", "thread_id")?).or_default().push((r.try_get("", "at")?, r.try_get("", "who")?));
    }
    let mut questions = vec![];
    for r in &openings {
        let (kind, title): (String, String) = (r.try_get("", "kind")?, r.try_get("", "title")?);
        if kind != "qa" && !title.trim_end().ends_with('?') {
            continue;
        }
        let (thread, at): (i64, i64) = (r.try_get("", "thread_id")?, r.try_get("", "at")?);
        let reply = first_reply.get(&thread).and_then(|rs| rs.iter().find(|(t, _)| *t >= at)).copied();
        questions.push(Question { asked_at: at, first_reply: reply });
    }
    let with_staff: HashSet<i64> =
        with_staff.iter().map(|r| r.try_get("", "conversation_id")).collect::<Result<_, _>>()?;
    let mut conv: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    for r in &messages {
        let id: i64 = r.try_get("", "conversation_id")?;
        if with_staff.contains(&id) {
            conv.entry(id).or_default().push((r.try_get("", "who")?, r.try_get("", "at")?));
        }
    }
    for msgs in conv.values() {
        for (i, &(who, at)) in msgs.iter().enumerate() {
            let student_turn_starts = !staff_ids.contains(&who) && (i == 0 || staff_ids.contains(&msgs[i - 1].0));
            if student_turn_starts {
                let reply = msgs[i + 1..].iter().find(|(w, _)| staff_ids.contains(w)).map(|&(w, t)| (t, w));
                questions.push(Question { asked_at: at, first_reply: reply });
            }
        }
    }
    let (weeks, by_staff) = by_week_and_staff(&questions, |at| at.div_euclid(WEEK));
    let names: HashMap<i64, &str> = staff.iter().map(|(id, n)| (*id, n.as_str())).collect();
    Ok(json!({
        "overall": fig(&figures(&questions)),
        // Newest week first.
        "weeks": weeks.iter().rev().map(|(w, f)| json!([w * WEEK, fig(f)])).collect::<Vec<_>>(),
        "staff": by_staff.iter().map(|(id, f)| json!([names.get(id).copied().unwrap_or_default(), fig(f)])).collect::<Vec<_>>(),
    })
    .to_string())
}

/// "2 hours", "3 days": a wait in plain words.
pub fn wait(t: &Tr, ms: Option<i64>) -> String {
    match ms {
        None => "–".to_string(),
        Some(ms) if ms < 3_600_000 => t.t1("response-minutes", "n", (ms / 60_000).max(1)),
        Some(ms) if ms < 48 * 3_600_000 => t.t1("response-hours", "n", ms / 3_600_000),
        Some(ms) => t.t1("response-days", "n", ms / 86_400_000),
    }
}

/// The line on the Q&A space, when the tutor turned it on and there is a median to say.
pub async fn usual_answer(db: &impl ConnectionTrait, t: &Tr, course_id: i64) -> Result<Option<String>, DbErr> {
    if !super::outreach::load(db, course_id).await?.answer_line {
        return Ok(None);
    }
    let median =
        super::graph::cached(db, course_id, CACHE_KEY).await?.and_then(|(b, _)| b["overall"]["median"].as_i64());
    Ok(median.map(|m| t.t1("response-usually", "wait", wait(t, Some(m)))))
}

pub fn router() -> Router<AppState> {
    Router::new().route("/courses/{course_id}/response-times", get(page))
}

fn row(t: &Tr, label: String, f: &serde_json::Value) -> ResponseRow {
    ResponseRow {
        label,
        answered: f["answered"].as_i64().unwrap_or(0),
        waiting: f["waiting"].as_i64().unwrap_or(0),
        median: wait(t, f["median"].as_i64()),
        p90: wait(t, f["p90"].as_i64()),
    }
}

async fn page(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewResponseTimes)?;
    let t = c.ctx.tr();
    let found = super::graph::cached(&state.db, c.course.id, CACHE_KEY).await?;
    let (body, computed_at) = found.map_or((serde_json::Value::Null, None), |(b, at)| (b, Some(at)));
    let page = Page::new(&c.ctx, "response-title");
    let weeks = body["weeks"]
        .as_array()
        .map(|a| a.iter().map(|w| row(&t, page.when(&w[0].as_i64().unwrap_or(0)), &w[1])).collect())
        .unwrap_or_default();
    let staff = body["staff"]
        .as_array()
        .map(|a| a.iter().map(|s| row(&t, s[0].as_str().unwrap_or_default().to_string(), &s[1])).collect())
        .unwrap_or_default();
    let overall = vec![row(&t, t.t("response-overall"), &body["overall"])];
    render(&ResponsePage {
        page,
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        computed_at,
        tables: vec![
            (t.t("response-overall"), overall),
            (t.t("response-by-week"), weeks),
            (t.t("response-by-staff"), staff),
        ],
    })
}
