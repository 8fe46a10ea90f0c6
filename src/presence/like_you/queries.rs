//! Classmates like you, the reads and writes. A page costs the same few statements
//! whatever the class size: the student, whom they have met, two bounded pools of
//! candidates (those whose tags match the student's, found by bound LIKE patterns, and
//! the least connected), and the survey answers of that pool only. Each fact is then
//! kept or dropped by the owner's visibility choice for the viewer before the rules see it.

use std::collections::{BTreeSet, HashMap, HashSet};

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult, Statement, Value};

use super::rules::{self, Person};
use crate::db::entity::{survey, survey_answer, survey_question, survey_response};
use crate::profiles::visibility::{Choices, Field, Relation};
use crate::survey::rules::AnswerValue;

async fn all(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await
}

async fn exec(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<u64, DbErr> {
    Ok(db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?.rows_affected())
}

/// Candidates whose tags match, at most; the least connected are asked for besides, so a
/// student with no tags still gets survey-based suggestions.
pub const MATCHING_POOL: u64 = 200;
pub const QUIET_POOL: u64 = 100;
/// How many of the student's tags are looked for (fixed slots in one statement).
const TAG_SLOTS: usize = 8;

/// The columns read of every person, and the joins that give them.
macro_rules! person_select {
    () => {
        "SELECT u.id AS id, u.name AS name, u.time_zone AS time_zone, \
         COALESCE(p.circumstances, '') AS circumstances, COALESCE(d.interests, '') AS interests, \
         COALESCE(d.visibility, '{}') AS visibility, COALESCE(r.recent_peers, 0) AS peers \
         FROM memberships m JOIN users u ON u.id = m.user_id \
         LEFT JOIN profiles p ON p.user_id = m.user_id \
         LEFT JOIN profile_details d ON d.user_id = m.user_id \
         LEFT JOIN radar_rows r ON r.course_id = m.course_id AND r.student_id = m.user_id \
         WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' "
    };
}

const ONE: &str = concat!(person_select!(), "AND m.user_id = $2");
const MATCHING: &str = concat!(
    person_select!(),
    "AND m.user_id <> $2 AND (",
    "LOWER(COALESCE(p.circumstances, '') || ';' || COALESCE(d.interests, '')) LIKE $3 ",
    "OR LOWER(COALESCE(p.circumstances, '') || ';' || COALESCE(d.interests, '')) LIKE $4 ",
    "OR LOWER(COALESCE(p.circumstances, '') || ';' || COALESCE(d.interests, '')) LIKE $5 ",
    "OR LOWER(COALESCE(p.circumstances, '') || ';' || COALESCE(d.interests, '')) LIKE $6 ",
    "OR LOWER(COALESCE(p.circumstances, '') || ';' || COALESCE(d.interests, '')) LIKE $7 ",
    "OR LOWER(COALESCE(p.circumstances, '') || ';' || COALESCE(d.interests, '')) LIKE $8 ",
    "OR LOWER(COALESCE(p.circumstances, '') || ';' || COALESCE(d.interests, '')) LIKE $9 ",
    "OR LOWER(COALESCE(p.circumstances, '') || ';' || COALESCE(d.interests, '')) LIKE $10",
    ") ORDER BY peers, u.id LIMIT $11"
);
const QUIET: &str = concat!(person_select!(), "AND m.user_id <> $2 ORDER BY peers, u.id LIMIT $3");

/// Everyone the student has met in the course: a published group, a pairing, or a
/// conversation together.
const MET: &str = "\
    SELECT b.user_id AS other FROM group_members a \
      JOIN group_members b ON b.group_id = a.group_id AND b.user_id <> a.user_id \
      JOIN course_groups g ON g.id = a.group_id JOIN group_rounds r ON r.id = g.round_id \
      JOIN group_sets gs ON gs.id = r.group_set_id \
      WHERE gs.course_id = $1 AND gs.status = 'published' AND a.user_id = $2 \
    UNION \
    SELECT CASE WHEN a_id = $2 THEN b_id ELSE a_id END FROM like_you_pairings \
      WHERE course_id = $1 AND (a_id = $2 OR b_id = $2) \
    UNION \
    SELECT o.user_id FROM conversation_members me \
      JOIN conversation_members o ON o.conversation_id = me.conversation_id AND o.user_id <> me.user_id \
      JOIN conversations cv ON cv.id = me.conversation_id \
      WHERE cv.course_id = $1 AND me.user_id = $2";

/// One person as read, before visibility is applied.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: i64,
    pub name: String,
    time_zone: String,
    circumstances: String,
    interests: String,
    visibility: String,
    peers: i32,
}

fn row(r: &QueryResult) -> Result<Row, DbErr> {
    Ok(Row {
        id: r.try_get("", "id")?,
        name: r.try_get("", "name")?,
        time_zone: r.try_get("", "time_zone")?,
        circumstances: r.try_get("", "circumstances")?,
        interests: r.try_get("", "interests")?,
        visibility: r.try_get("", "visibility")?,
        peers: r.try_get::<i32>("", "peers")?,
    })
}

/// A survey answer as read: whose, which question, the chosen options, shown on the profile.
type Answer = (i64, String, BTreeSet<String>, bool);

/// What the viewer may know of `r`, as the rules take it.
fn person(r: &Row, rel: Relation, answers: &[Answer], now: i64) -> Person {
    let choices = Choices::from_json(&r.visibility);
    let shows = |f| choices.shows(f, rel);
    let offset = shows(Field::Location).then(|| {
        let ts = jiff::Timestamp::from_millisecond(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        crate::time::zone(&r.time_zone).to_offset(ts).seconds() / 60
    });
    // The survey's answers are read by the teaching team on the results page; a classmate
    // sees only those the owner agreed to show on their profile.
    let answers = answers
        .iter()
        .filter(|(who, _, _, on_profile)| *who == r.id && (rel != Relation::Classmate || *on_profile))
        .map(|(_, key, values, _)| (key.clone(), values.clone()))
        .collect();
    Person {
        id: r.id,
        offset,
        circumstances: if shows(Field::Circumstances) { rules::tags(&r.circumstances) } else { BTreeSet::new() },
        interests: if shows(Field::Interests) { rules::tags(&r.interests) } else { BTreeSet::new() },
        answers,
        peers: r.peers,
    }
}

/// Who the suggestions are for and the classmates found, with names.
pub struct Found {
    pub me: Row,
    pub suggestions: Vec<(rules::Suggestion, String)>,
}

/// The suggestions for `student` in `course_id`, as `viewer_rel` (the teaching team, or
/// the student themselves, who then sees classmates as a classmate does). `None` when
/// the student is not an active student of the course.
pub async fn suggestions(
    db: &impl ConnectionTrait,
    course_id: i64,
    student: i64,
    for_student: bool,
    now: i64,
) -> Result<Option<Found>, DbErr> {
    let c = || vec![Value::from(course_id), Value::from(student)];
    let Some(me) = all(db, ONE, c()).await?.first().map(row).transpose()? else { return Ok(None) };
    let mine: Vec<String> =
        rules::tags(&me.circumstances).into_iter().chain(rules::tags(&me.interests)).take(TAG_SLOTS).collect();
    let mut values = c();
    for i in 0..TAG_SLOTS {
        // An empty pattern matches nothing: the searched text always holds a ';'.
        values.push(mine.get(i).map(|t| format!("%{t}%")).unwrap_or_default().into());
    }
    values.push((MATCHING_POOL as i64).into());
    let (matching, quiet, met) = futures::try_join!(
        all(db, MATCHING, values),
        all(db, QUIET, vec![course_id.into(), student.into(), (QUIET_POOL as i64).into()]),
        all(db, MET, c()),
    )?;
    let mut pool: Vec<Row> = vec![];
    let mut ids = HashSet::new();
    for r in matching.iter().chain(quiet.iter()) {
        let r = row(r)?;
        if ids.insert(r.id) {
            pool.push(r);
        }
    }
    let met: HashSet<i64> = met.iter().map(|r| r.try_get_by_index::<i64>(0)).collect::<Result<_, _>>()?;
    let mut asked: Vec<i64> = pool.iter().map(|r| r.id).collect();
    asked.push(student);
    let answers = answers(db, course_id, asked).await?;

    let (me_rel, them_rel) = if for_student {
        (Relation::Myself, Relation::Classmate)
    } else {
        (Relation::TeachingTeam, Relation::TeachingTeam)
    };
    let me_p = person(&me, me_rel, &answers, now);
    let candidates: Vec<Person> = pool.iter().map(|r| person(r, them_rel, &answers, now)).collect();
    let names: HashMap<i64, String> = pool.iter().map(|r| (r.id, r.name.clone())).collect();
    let suggestions = rules::suggest(&me_p, &candidates, &met)
        .into_iter()
        .map(|s| {
            let name = names.get(&s.id).cloned().unwrap_or_default();
            (s, name)
        })
        .collect();
    Ok(Some(Found { me, suggestions }))
}

/// The choice answers of these people to the course survey, in one statement.
async fn answers(db: &impl ConnectionTrait, course_id: i64, ids: Vec<i64>) -> Result<Vec<Answer>, DbErr> {
    let q = Query::select()
        .column((survey_response::Entity, survey_response::Column::UserId))
        .column((survey_question::Entity, survey_question::Column::Key))
        .column((survey_answer::Entity, survey_answer::Column::Value))
        .column((survey_answer::Entity, survey_answer::Column::OnProfile))
        .from(survey_answer::Entity)
        .inner_join(
            survey_response::Entity,
            Expr::col((survey_response::Entity, survey_response::Column::Id))
                .equals((survey_answer::Entity, survey_answer::Column::ResponseId)),
        )
        .inner_join(
            survey_question::Entity,
            Expr::col((survey_question::Entity, survey_question::Column::Id))
                .equals((survey_answer::Entity, survey_answer::Column::QuestionId)),
        )
        .inner_join(
            survey::Entity,
            Expr::col((survey::Entity, survey::Column::Id))
                .equals((survey_response::Entity, survey_response::Column::SurveyId)),
        )
        .and_where(Expr::col((survey::Entity, survey::Column::CourseId)).eq(course_id))
        .and_where(Expr::col((survey_response::Entity, survey_response::Column::UserId)).is_in(ids))
        .to_owned();
    let rows = db.query_all_raw(db.get_database_backend().build(&q)).await?;
    let mut out = vec![];
    for r in rows {
        let value: String = r.try_get_by_index(2)?;
        let chosen: BTreeSet<String> = match AnswerValue::from_json(&value) {
            Some(AnswerValue::Choice(c)) => BTreeSet::from([c.trim().to_lowercase()]),
            Some(AnswerValue::Choices(v)) => v.iter().map(|c| c.trim().to_lowercase()).collect(),
            // Free text and numbers are rarely the same word for word: not compared.
            _ => continue,
        };
        out.push((r.try_get_by_index(0)?, r.try_get_by_index(1)?, chosen, r.try_get_by_index(3)?));
    }
    Ok(out)
}

/// Whether the student asked to see their own suggestions in this course.
pub async fn opted_in(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<bool, DbErr> {
    Ok(!all(
        db,
        "SELECT id FROM like_you_optins WHERE course_id = $1 AND user_id = $2",
        vec![course_id.into(), user_id.into()],
    )
    .await?
    .is_empty())
}

pub async fn set_opt_in(
    db: &impl ConnectionTrait,
    course_id: i64,
    user_id: i64,
    on: bool,
    now: i64,
) -> Result<(), DbErr> {
    if on {
        exec(
            db,
            "INSERT INTO like_you_optins (course_id, user_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (course_id, user_id) DO NOTHING",
            vec![course_id.into(), user_id.into(), now.into()],
        )
        .await?;
    } else {
        exec(
            db,
            "DELETE FROM like_you_optins WHERE course_id = $1 AND user_id = $2",
            vec![course_id.into(), user_id.into()],
        )
        .await?;
    }
    Ok(())
}

/// Record a partner pairing; `false` when the two were paired already.
pub async fn pair(db: &impl ConnectionTrait, course_id: i64, a: i64, b: i64, by: i64, now: i64) -> Result<bool, DbErr> {
    let (a, b) = (std::cmp::min(a, b), std::cmp::max(a, b));
    Ok(exec(
        db,
        "INSERT INTO like_you_pairings (course_id, a_id, b_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (course_id, a_id, b_id) DO NOTHING",
        vec![course_id.into(), a.into(), b.into(), by.into(), now.into()],
    )
    .await?
        == 1)
}

/// The privacy registry's export: a person's opt-ins, and the pairings they are in (who
/// made a pairing is the teaching team's, not given back).
pub async fn export(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<serde_json::Value, DbErr> {
    use serde_json::json;
    let u = || vec![Value::from(user_id)];
    let rows: Vec<serde_json::Value> = match table {
        "like_you_optins" => {
            all(db, "SELECT course_id, created_at FROM like_you_optins WHERE user_id = $1 ORDER BY id", u())
                .await?
                .iter()
                .map(|r| {
                    Ok(json!({
                        "course_id": r.try_get::<i64>("", "course_id")?,
                        "show_me_classmates_like_me": true,
                        "since": r.try_get::<i64>("", "created_at")?,
                    }))
                })
                .collect::<Result<_, DbErr>>()?
        }
        _ => all(
            db,
            "SELECT course_id, a_id, b_id, created_at FROM like_you_pairings WHERE a_id = $1 OR b_id = $1 ORDER BY id",
            u(),
        )
        .await?
        .iter()
        .map(|r| {
            let (a, b): (i64, i64) = (r.try_get("", "a_id")?, r.try_get("", "b_id")?);
            Ok(json!({
                "course_id": r.try_get::<i64>("", "course_id")?,
                "paired_with_user_id": if a == user_id { b } else { a },
                "at": r.try_get::<i64>("", "created_at")?,
            }))
        })
        .collect::<Result<_, DbErr>>()?,
    };
    Ok(serde_json::Value::Array(rows))
}

/// The privacy registry's erasure: a pairing goes with either person in it; a pairing
/// the person made for others stays, without their name.
pub async fn erase(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<(), DbErr> {
    let u = || vec![Value::from(user_id)];
    if table == "like_you_optins" {
        exec(db, "DELETE FROM like_you_optins WHERE user_id = $1", u()).await?;
    } else {
        exec(db, "DELETE FROM like_you_pairings WHERE a_id = $1 OR b_id = $1", u()).await?;
        exec(db, "UPDATE like_you_pairings SET created_by = NULL WHERE created_by = $1", u()).await?;
    }
    Ok(())
}
