//! What a personalised message reads about a class: every active student's facts for
//! the merge fields, in a fixed number of statements whatever the class size. Values are
//! always bound (`$1` is a bound value on both databases).

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ConnectionTrait, DbErr, QueryResult, Statement, Value};

use super::fields::Facts;
use crate::survey::rules::AnswerValue;

pub(crate) async fn all(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await
}

/// The course's active students and what the merge fields read about them.
pub struct Class {
    /// The course survey's question keys, in the survey's order.
    pub survey_keys: Vec<String>,
    /// By name, then id.
    pub students: Vec<Facts>,
}

impl Class {
    pub fn get(&self, id: i64) -> Option<&Facts> {
        self.students.iter().find(|f| f.id == id)
    }
}

const STUDENTS: &str = "SELECT u.id AS id, u.name AS name, u.locale AS locale, m.created_at AS joined FROM memberships m \
    JOIN users u ON u.id = m.user_id \
    WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' ORDER BY u.name, u.id";

const DETAILS: &str = "SELECT d.user_id AS who, d.pronouns AS pronouns, d.job AS job, d.location AS location, \
    d.interests AS interests, d.looking_forward AS looking_forward, d.use_for AS use_for, \
    d.circumstances_note AS note, d.visibility AS visibility FROM profile_details d \
    JOIN memberships m ON m.user_id = d.user_id \
    WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active'";

const PROFILES: &str = "SELECT p.user_id AS who, p.organisation AS organisation, p.circumstances AS tags \
    FROM profiles p JOIN memberships m ON m.user_id = p.user_id \
    WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active'";

const SURVEY_KEYS: &str = "SELECT q.key AS key FROM survey_questions q JOIN surveys s ON s.id = q.survey_id \
    WHERE s.course_id = $1 ORDER BY q.position, q.id";

const ANSWERS: &str = "SELECT r.user_id AS who, q.key AS key, a.value AS value FROM survey_answers a \
    JOIN survey_responses r ON r.id = a.response_id JOIN survey_questions q ON q.id = a.question_id \
    JOIN surveys s ON s.id = q.survey_id WHERE s.course_id = $1";

/// Every published group of the course with its members.
const GROUPS: &str = "SELECT gs.id AS set_id, gs.kind AS kind, COALESCE(gs.published_at, gs.created_at) AS at, \
    r.number AS round, g.id AS group_id, g.number AS number, g.facilitator_id AS facilitator, \
    gm.user_id AS who, u.name AS name FROM group_sets gs \
    JOIN group_rounds r ON r.group_set_id = gs.id JOIN course_groups g ON g.round_id = r.id \
    JOIN group_members gm ON gm.group_id = g.id JOIN users u ON u.id = gm.user_id \
    WHERE gs.course_id = $1 AND gs.status = 'published'";

const LAST_POST: &str = "SELECT author_id AS who, MAX(created_at) AS at FROM forum_posts \
    WHERE course_id = $1 AND deleted_at IS NULL AND author_id IS NOT NULL GROUP BY author_id";

/// What a student did (as the radar counts it): posts, messages, introductions.
const LAST_ACTIVITY: &str = "SELECT who, MAX(at) AS at FROM ( \
    SELECT author_id AS who, created_at AS at FROM forum_posts \
      WHERE course_id = $1 AND deleted_at IS NULL AND author_id IS NOT NULL \
    UNION ALL \
    SELECT m.user_id, m.created_at FROM messages m JOIN conversations cv ON cv.id = m.conversation_id \
      WHERE cv.course_id = $1 AND m.user_id IS NOT NULL \
    UNION ALL \
    SELECT user_id, created_at FROM introductions WHERE course_id = $1) x GROUP BY who";

const LAST_CONTACT: &str =
    "SELECT student_id AS who, MAX(at) AS at FROM contacts WHERE course_id = $1 GROUP BY student_id";

/// Read the whole class in nine statements.
pub async fn class(db: &impl ConnectionTrait, course_id: i64) -> Result<Class, DbErr> {
    let c = || vec![Value::from(course_id)];
    let (students, details, profiles, keys, answers, groups, posts, activity, contacts) = futures::try_join!(
        all(db, STUDENTS, c()),
        all(db, DETAILS, c()),
        all(db, PROFILES, c()),
        all(db, SURVEY_KEYS, c()),
        all(db, ANSWERS, c()),
        all(db, GROUPS, c()),
        all(db, LAST_POST, c()),
        all(db, LAST_ACTIVITY, c()),
        all(db, LAST_CONTACT, c()),
    )?;
    let mut out: Vec<Facts> = vec![];
    for r in &students {
        out.push(Facts {
            id: r.try_get("", "id")?,
            name: r.try_get("", "name")?,
            locale: r.try_get("", "locale")?,
            joined_at: r.try_get("", "joined")?,
            ..Default::default()
        });
    }
    let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let mut at = |who: i64| index.get(&who).copied();
    let mut notes: HashMap<i64, String> = HashMap::new();
    for r in &details {
        let who: i64 = r.try_get("", "who")?;
        let Some(i) = at(who) else { continue };
        let f = &mut out[i];
        f.visibility = r.try_get("", "visibility")?;
        for (field, col) in [
            ("pronouns", "pronouns"),
            ("work", "job"),
            ("location", "location"),
            ("interests", "interests"),
            ("looking_forward", "looking_forward"),
            ("use_for", "use_for"),
        ] {
            f.profile.insert(field, r.try_get::<String>("", col)?);
        }
        notes.insert(who, r.try_get("", "note")?);
    }
    for r in &profiles {
        let who: i64 = r.try_get("", "who")?;
        let Some(i) = at(who) else { continue };
        let tags: String = r.try_get("", "tags")?;
        let mut parts: Vec<String> =
            tags.split(';').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect();
        if let Some(n) = notes.get(&who).map(|n| n.trim()).filter(|n| !n.is_empty()) {
            parts.push(n.to_string());
        }
        let f = &mut out[i];
        f.profile.insert("organisation", r.try_get("", "organisation")?);
        f.profile.insert("circumstances", parts.join("; "));
    }
    // Someone with a circumstances note but no first profile row still has it.
    for (who, note) in notes {
        if let Some(i) = at(who) {
            out[i].profile.entry("circumstances").or_insert(note);
        }
    }
    let survey_keys = keys.iter().map(|r| r.try_get("", "key")).collect::<Result<Vec<String>, _>>()?;
    for r in &answers {
        let Some(i) = at(r.try_get("", "who")?) else { continue };
        let value: String = r.try_get("", "value")?;
        if let Some(v) = AnswerValue::from_json(&value) {
            out[i].survey.insert(r.try_get("", "key")?, v.display());
        }
    }
    place_in_groups(&mut out, &index, &groups)?;
    for (rows, set) in [
        (&posts, (|f: &mut Facts, t| f.last_post_at = Some(t)) as fn(&mut Facts, i64)),
        (&activity, |f: &mut Facts, t| f.last_activity_at = Some(t)),
        (&contacts, |f: &mut Facts, t| f.last_contact_at = Some(t)),
    ] {
        for r in rows {
            let (who, t): (Option<i64>, Option<i64>) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?);
            if let (Some(i), Some(t)) = (who.and_then(&mut at), t) {
                set(&mut out[i], t);
            }
        }
    }
    Ok(Class { survey_keys, students: out })
}

struct GroupRow {
    set_id: i64,
    kind: String,
    at: i64,
    round: i32,
    group_id: i64,
    number: i32,
    facilitator: Option<i64>,
    who: i64,
    name: String,
}

/// A student's group is theirs in the last round of the latest published set of groups
/// (breakouts or projects); their partner is from the latest set of partners.
fn place_in_groups(out: &mut [Facts], index: &HashMap<i64, usize>, rows: &[QueryResult]) -> Result<(), DbErr> {
    let mut all = vec![];
    for r in rows {
        all.push(GroupRow {
            set_id: r.try_get("", "set_id")?,
            kind: r.try_get("", "kind")?,
            at: r.try_get("", "at")?,
            round: r.try_get("", "round")?,
            group_id: r.try_get("", "group_id")?,
            number: r.try_get("", "number")?,
            facilitator: r.try_get("", "facilitator")?,
            who: r.try_get("", "who")?,
            name: r.try_get("", "name")?,
        });
    }
    for partners in [false, true] {
        let of_kind = |g: &&GroupRow| (g.kind == "partners") == partners;
        let Some(latest) = all.iter().filter(of_kind).max_by_key(|g| (g.at, g.set_id)).map(|g| g.set_id) else {
            continue;
        };
        let Some(round) = all.iter().filter(|g| g.set_id == latest).map(|g| g.round).max() else { continue };
        let mut groups: BTreeMap<i64, Vec<&GroupRow>> = BTreeMap::new();
        for g in all.iter().filter(|g| g.set_id == latest && g.round == round) {
            groups.entry(g.group_id).or_default().push(g);
        }
        for members in groups.values() {
            for m in members {
                let Some(&i) = index.get(&m.who) else { continue };
                let others: Vec<String> = members.iter().filter(|o| o.who != m.who).map(|o| o.name.clone()).collect();
                let f = &mut out[i];
                if partners {
                    f.partners = others;
                } else {
                    f.group = Some(i64::from(m.number));
                    f.group_members = others;
                    f.facilitator = m.facilitator == Some(m.who);
                }
            }
        }
    }
    Ok(())
}
