//! The course home: what matters to the reader this week first (a student's group and
//! what is due, the tutor's latest message, replies to them; the teaching team's
//! start-up kit and who needs attention), then "What's new", the teaching team and a
//! summary of the class. A class of 300 costs the same statements as a class of 10: it
//! shows counts, the newest members and a sample of faces, never the whole class.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Statement, Value};

use super::{feed, kit_progress, mode_label, queries, startup};
use crate::app::AppState;
use crate::db::entity::course;
use crate::error::AppResult;
use crate::groups::rounds::MyGroup;
use crate::policy::{Action, Role};
use crate::profiles::visibility::{Choices, Field};
use crate::web::{CourseCtx, Page, render};

/// How many faces the class summary shows, whatever the class size.
pub const SAMPLE_FACES: u64 = 12;
/// How many of the newest members, and of each "needs attention" list, are named.
pub const NEWEST: u64 = 5;
/// How many items "What's new" shows.
pub const FEED_LIMIT: usize = 15;

/// A person as the course home shows them: face, name, and what is worth knowing at a
/// glance, already in the reader's language.
pub struct PersonCard {
    pub user_id: i64,
    /// Their profile photo, when the reader may see it.
    pub photo_id: Option<i64>,
    pub name: String,
    pub initials: String,
    /// 0 to 11: the colour behind their initials (`hue-N` in the stylesheet).
    pub hue: i64,
    /// "Tutor · 14:05 their time"; the time only when the reader may see their location.
    pub line: String,
}

/// Someone read from the database for a card.
struct Person {
    user_id: i64,
    name: String,
    time_zone: String,
    role: Option<Role>,
}

async fn people(db: &impl ConnectionTrait, sql: &'static str, values: Vec<Value>) -> Result<Vec<Person>, DbErr> {
    let rows = db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(Person {
            user_id: r.try_get("", "id")?,
            name: r.try_get("", "name")?,
            time_zone: r.try_get("", "tz")?,
            role: Role::parse(&r.try_get::<String>("", "role")?),
        });
    }
    Ok(out)
}

const TEAM: &str = "SELECT u.id AS id, u.name AS name, u.time_zone AS tz, m.role AS role FROM memberships m \
                    JOIN users u ON u.id = m.user_id WHERE m.course_id = $1 AND m.role IN ('tutor', 'ta') \
                    AND m.state = 'active' ORDER BY m.role DESC, u.name";
const NEWEST_SQL: &str = "SELECT u.id AS id, u.name AS name, u.time_zone AS tz, m.role AS role FROM memberships m \
                          JOIN users u ON u.id = m.user_id WHERE m.course_id = $1 AND m.role = 'student' \
                          AND m.state = 'active' ORDER BY m.created_at DESC, m.user_id DESC LIMIT $2";
/// People with a photo first, so the sample shows faces: the first few with a photo and the
/// first few of all, each walking the course's members in id order and stopping at the
/// limit (sorting the whole class by "has a photo" cost a scan of every member).
const SAMPLE_SQL: &str = "SELECT id, name, tz, role, rank FROM (\
                          SELECT u.id AS id, u.name AS name, u.time_zone AS tz, m.role AS role, 0 AS rank \
                          FROM memberships m JOIN users u ON u.id = m.user_id \
                          WHERE m.course_id = $1 AND m.role IN ('student', 'observer') AND m.state = 'active' \
                          AND EXISTS (SELECT 1 FROM profile_details d WHERE d.user_id = m.user_id \
                          AND d.photo_id IS NOT NULL) ORDER BY m.user_id LIMIT $2) f \
                          UNION ALL SELECT id, name, tz, role, rank FROM (\
                          SELECT u.id AS id, u.name AS name, u.time_zone AS tz, m.role AS role, 1 AS rank \
                          FROM memberships m JOIN users u ON u.id = m.user_id \
                          WHERE m.course_id = $1 AND m.role IN ('student', 'observer') AND m.state = 'active' \
                          ORDER BY m.user_id LIMIT $2) a ORDER BY rank, id";
const INVITED_SQL: &str = "SELECT u.id AS id, u.name AS name, u.time_zone AS tz, m.role AS role FROM memberships m \
                           JOIN users u ON u.id = m.user_id WHERE m.course_id = $1 AND m.state = 'invited' \
                           ORDER BY m.created_at DESC, m.user_id DESC LIMIT $2";
/// Those who have waited longest first: the walk follows the join-order index and stops at
/// the limit, where sorting by name read the whole class.
const NOT_INTRODUCED_SQL: &str = "SELECT u.id AS id, u.name AS name, u.time_zone AS tz, m.role AS role \
                                  FROM memberships m JOIN users u ON u.id = m.user_id \
                                  WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' \
                                  AND NOT EXISTS (SELECT 1 FROM introductions i WHERE i.course_id = m.course_id \
                                  AND i.user_id = m.user_id) ORDER BY m.created_at, m.user_id LIMIT $2";
/// The sample of faces: those with a photo, then anyone, each person once.
async fn sample(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<Person>, DbErr> {
    let mut all = people(db, SAMPLE_SQL, vec![course_id.into(), (SAMPLE_FACES as i64).into()]).await?;
    let mut seen = std::collections::HashSet::new();
    all.retain(|p| seen.insert(p.user_id));
    all.truncate(SAMPLE_FACES as usize);
    Ok(all)
}

/// The members of each role and state: one grouped statement.
#[derive(Default)]
pub struct Counts {
    pub students: i64,
    pub observers: i64,
    pub team: i64,
    pub invited: i64,
}

async fn counts(db: &impl ConnectionTrait, course_id: i64) -> Result<Counts, DbErr> {
    let sql = "SELECT role, state, COUNT(*) AS n FROM memberships WHERE course_id = $1 GROUP BY role, state";
    let rows =
        db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, [course_id.into()])).await?;
    let mut c = Counts::default();
    for r in rows {
        let (role, state, n): (String, String, i64) =
            (r.try_get("", "role")?, r.try_get("", "state")?, r.try_get("", "n")?);
        match (state.as_str(), role.as_str()) {
            ("invited", _) => c.invited += n,
            ("active", "student") => c.students += n,
            ("active", "observer") => c.observers += n,
            ("active", _) => c.team += n,
            _ => {}
        }
    }
    Ok(c)
}

/// Photos and visibility choices of the people shown: one statement, whoever they are
/// (the list is short and bounded: the team, a sample, the feed's people).
async fn choices_of(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, (Option<i64>, Choices)>, DbErr> {
    use crate::db::entity::profile_detail::{Column, Entity};
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, Option<i64>, String)> = Entity::find()
        .select_only()
        .columns([Column::UserId, Column::PhotoId, Column::Visibility])
        .filter(Column::UserId.is_in(ids.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, photo, vis)| (id, (photo, Choices::from_json(&vis)))).collect())
}

/// Cards for people, showing photos and local times only as their owners allow.
fn cards(
    c: &CourseCtx,
    list: &[Person],
    seen: &HashMap<i64, (Option<i64>, Choices)>,
    show_role: impl Fn(Role) -> bool,
) -> Vec<PersonCard> {
    let tr = c.ctx.tr();
    let (viewer, admin) = c.ctx.user.as_ref().map(|u| (u.id, u.is_site_admin)).unwrap_or((0, false));
    let none = Choices::default();
    list.iter()
        .map(|p| {
            let rel = crate::profiles::relation_in_course(viewer, c.role, admin, p.user_id);
            let (photo, choices) = seen.get(&p.user_id).map(|(ph, ch)| (*ph, ch)).unwrap_or((None, &none));
            let mut parts = vec![];
            if let Some(r) = p.role.filter(|r| show_role(*r)) {
                parts.push(tr.t(r.label_id()));
            }
            // Someone who hides their location hides their local time too.
            if choices.shows(Field::Location, rel) {
                parts.push(tr.t1("person-local-time", "time", crate::time::local_time_now(&p.time_zone)));
            }
            PersonCard {
                user_id: p.user_id,
                photo_id: photo.filter(|_| choices.shows(Field::Photo, rel)),
                name: p.name.clone(),
                initials: queries::initials(&p.name),
                hue: ((p.user_id * 47) % 360) / 30,
                line: parts.join(" · "),
            }
        })
        .collect()
}

/// Something the reader has to do here, with where to do it.
pub struct ToDo {
    pub label: String,
    pub link: String,
}

/// The newest announcement, for the student's "From your tutor".
pub struct TutorMessage {
    pub author: String,
    pub title: String,
    pub link: String,
    pub at: i64,
}

/// An unread reply or mention for the reader.
pub struct Reply {
    pub subject: String,
    pub link: String,
    pub at: i64,
}

#[derive(Template)]
#[template(path = "courses/home.html")]
struct CourseHomePage {
    page: Page,
    course: course::Model,
    course_time: String,
    teaching: bool,
    may_manage: bool,
    may_celebrate: bool,
    counts: Counts,
    // A student's week.
    my_group: Option<MyGroup>,
    to_do: Vec<ToDo>,
    tutor_message: Option<TutorMessage>,
    /// The pinned expectations exist and the reader is asked to read them: whether they have.
    expectations_read: Option<bool>,
    replies: Vec<Reply>,
    // The teaching team's week.
    kit: Vec<(startup::Activity, startup::Progress)>,
    not_introduced: (i64, Vec<PersonCard>),
    invited: Vec<PersonCard>,
    feed: Vec<feed::Item>,
    birthdays: Vec<String>,
    team: Vec<PersonCard>,
    newest: Vec<PersonCard>,
    faces: Vec<PersonCard>,
    /// The next meet-up: (title, starts at).
    next_meetup: Option<(String, i64)>,
    /// This week's message from the teaching team, pinned for its week.
    weekly: Option<crate::weekly::views::MessageView>,
    /// Whether the reader books check-ins (students) or offers them (staff).
    books_check_ins: bool,
}

impl CourseHomePage {
    fn mode_label(&self, m: &str) -> &'static str {
        mode_label(m)
    }
}

pub async fn course_home(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    let db = &state.db;
    let id = c.course.id;
    let me = c.user()?.id;
    let teaching = c.may(Action::ViewMemberDetails);
    let this_week = crate::weekly::rules::week_of(crate::time::now_ms(), &c.course.time_zone);
    let (counts, team, newest, sample, next_meetup, weekly) = tokio::try_join!(
        counts(db, id),
        people(db, TEAM, vec![id.into()]),
        people(db, NEWEST_SQL, vec![id.into(), (NEWEST as i64).into()]),
        sample(db, id),
        crate::meetups::queries::next(db, id, crate::time::now_ms()),
        crate::weekly::queries::of_week(db, id, this_week.start_ms),
    )?;
    // The teaching team's attention list; a student's own week.
    let (kit, not_introduced, invited, introduced) = if teaching {
        let activities = startup::kit(&c.course.start_mode);
        let (progress, not_intro, invited) = tokio::try_join!(
            kit_progress::load(db, id, crate::time::now_ms()),
            people(db, NOT_INTRODUCED_SQL, vec![id.into(), (NEWEST as i64).into()]),
            people(db, INVITED_SQL, vec![id.into(), (NEWEST as i64).into()]),
        )?;
        let kit = activities.iter().map(|a| (*a, progress.get(a).copied().unwrap_or_default())).collect();
        let introduced = progress.get(&startup::Activity::Introductions).map_or(0, |p| p.students_done as i64);
        (kit, not_intro, invited, introduced)
    } else {
        (vec![], vec![], vec![], 0)
    };
    let (my_group, to_do, replies, expectations_read) = week(&state, &c, me).await?;
    let (mut news, birthdays, tutor_message) = home_social(&state, &c).await?;
    // Everyone shown, and the feed's people: one statement for names, one for photos.
    let mut shown: Vec<i64> =
        team.iter().chain(&newest).chain(&sample).chain(&not_introduced).map(|p| p.user_id).collect();
    let feed_people: Vec<i64> = news.iter().filter_map(|i| i.person).collect();
    shown.extend(&feed_people);
    shown.sort_unstable();
    shown.dedup();
    let (seen, feed_names) = tokio::try_join!(choices_of(db, &shown), names(db, &feed_people))?;
    let feed_cards = cards(&c, &feed_names, &seen, |_| false);
    let faces: HashMap<i64, &PersonCard> = feed_cards.iter().map(|p| (p.user_id, p)).collect();
    for item in &mut news {
        item.face = item.person.and_then(|id| faces.get(&id)).map(|p| feed::Face {
            name: p.name.clone(),
            initials: p.initials.clone(),
            hue: p.hue,
            photo_id: p.photo_id,
        });
    }
    let page = CourseHomePage {
        page: Page::titled(&c.ctx, c.course.title.clone()),
        course_time: crate::time::local_time_now(&c.course.time_zone),
        teaching,
        may_manage: c.may(Action::ManageMembers),
        may_celebrate: c.may(Action::Celebrate),
        my_group,
        to_do,
        tutor_message,
        expectations_read,
        replies,
        kit,
        not_introduced: ((counts.students - introduced).max(0), cards(&c, &not_introduced, &seen, |_| false)),
        invited: cards(&c, &invited, &HashMap::new(), |r| r != Role::Student),
        feed: news,
        birthdays,
        team: cards(&c, &team, &seen, |_| true),
        newest: cards(&c, &newest, &seen, |_| false),
        faces: cards(&c, &sample, &seen, |r| r == Role::Observer),
        counts,
        course: c.course.clone(),
        next_meetup: next_meetup.map(|m| (m.title, m.starts_at)),
        weekly: weekly.as_ref().map(crate::weekly::views::MessageView::of),
        books_check_ins: c.may(Action::BookCheckIns),
    };
    render(&page)
}

/// Names and zones of a few people (the feed's authors and faces): one statement.
async fn names(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<Person>, DbErr> {
    use crate::db::entity::user::{Column, Entity};
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let rows: Vec<(i64, String, String)> = Entity::find()
        .select_only()
        .columns([Column::Id, Column::Name, Column::TimeZone])
        .filter(Column::Id.is_in(ids.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(user_id, name, time_zone)| Person { user_id, name, time_zone, role: None }).collect())
}

/// The reader's week: their group, what is due, and unread replies to them. A fixed
/// handful of statements.
type Week = (Option<MyGroup>, Vec<ToDo>, Vec<Reply>, Option<bool>);

async fn week(state: &AppState, c: &CourseCtx, me: i64) -> AppResult<Week> {
    let db = &state.db;
    let id = c.course.id;
    let tr = c.ctx.tr();
    let base = format!("/courses/{id}");
    let student = c.role == Some(Role::Student);
    let group = async { if student { crate::groups::rounds::my_group(db, id, me).await } else { Ok(None) } };
    // Feedback released to a student and not opened yet: "Feedback (2 new)".
    let feedback_new = async { if student { crate::feedback::queries::unread(db, id, me).await } else { Ok(0) } };
    let (group, expectations, introduced, survey, replies, feedback_new) = tokio::try_join!(
        group,
        crate::expectations::current(db, id),
        crate::introductions::has_introduced(db, id, me),
        crate::survey::survey_of(db, id),
        unread_replies(db, id, me),
        feedback_new,
    )?;
    let mut to_do = vec![];
    if feedback_new > 0 {
        to_do
            .push(ToDo { label: tr.t1("feedback-home-link", "count", feedback_new), link: format!("{base}/feedback") });
    }
    if c.role.is_some_and(|r| r != Role::Observer) && !introduced {
        let label = if c.role.is_some_and(Role::is_teaching) { "intro-prompt-tutor" } else { "intro-prompt-student" };
        to_do.push(ToDo { label: tr.t(label), link: format!("{base}/introductions") });
    }
    let mut expectations_read = None;
    if let Some(e) = expectations
        && c.may(Action::AcknowledgeExpectations)
    {
        let read = crate::expectations::has_read(db, id, me, e.version).await?;
        if !read {
            to_do.push(ToDo { label: tr.t("expectations-pin-unread"), link: format!("{base}/expectations") });
        }
        expectations_read = Some(read);
    }
    if student
        && let Some(s) = survey.filter(|s| s.published)
        && !answered(db, s.id, me).await?
    {
        to_do.push(ToDo { label: tr.t("home-todo-survey"), link: format!("{base}/survey") });
    }
    Ok((group, to_do, replies, expectations_read))
}

async fn answered(db: &impl ConnectionTrait, survey_id: i64, me: i64) -> Result<bool, DbErr> {
    let sql = "SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id = $1 AND user_id = $2";
    let row = db
        .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, [survey_id.into(), me.into()]))
        .await?;
    Ok(row.map(|r| r.try_get::<i64>("", "n").unwrap_or(0)).unwrap_or(0) > 0)
}

async fn unread_replies(db: &impl ConnectionTrait, course_id: i64, me: i64) -> Result<Vec<Reply>, DbErr> {
    let sql = "SELECT subject, link, created_at FROM notifications WHERE user_id = $1 AND course_id = $2 \
               AND kind IN ('reply', 'mention') AND read_at IS NULL ORDER BY created_at DESC LIMIT 5";
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, [me.into(), course_id.into()]))
        .await?;
    let mut out = vec![];
    for r in rows {
        out.push(Reply {
            subject: r.try_get("", "subject")?,
            link: r.try_get("", "link")?,
            at: r.try_get("", "created_at")?,
        });
    }
    Ok(out)
}

type HomeSocial = (Vec<feed::Item>, Vec<String>, Option<TutorMessage>);

/// "What's new": one small indexed query (or two) per source, with fixed limits, run
/// side by side, then merged without I/O; the newest announcement also leads the home
/// as the tutor's latest message.
async fn home_social(state: &AppState, c: &CourseCtx) -> AppResult<HomeSocial> {
    let db = &state.db;
    let (id, zone) = (c.course.id, c.course.time_zone.as_str());
    let me = c.user()?.id;
    let (announcements, threads, shout_outs, wins, birthdays, milestones, routine, live) = tokio::try_join!(
        crate::forum::recent_announcements(db, id, 5),
        crate::forum::recent_threads(db, id, 8),
        crate::recognition::recent_shout_outs(db, id, 5),
        crate::recognition::featured_wins(db, id, crate::recognition::this_week(zone)),
        crate::celebrations::birthdays_today(db, id, zone),
        crate::celebrations::recent_milestones(db, id, me, 3),
        crate::routine::entries(db, id),
        crate::live::queries::upcoming(db, id, crate::time::now_ms(), 3),
    )?;
    let authors: Vec<i64> = announcements.iter().chain(&threads).filter_map(|t| t.author_id).collect();
    let who: HashMap<i64, String> = names(db, &authors).await?.into_iter().map(|p| (p.user_id, p.name)).collect();
    let tr = c.ctx.tr();
    let former = tr.t("forum-former-member");
    let name = |uid: Option<i64>| uid.and_then(|u| who.get(&u).cloned()).unwrap_or_else(|| former.clone());
    let now = jiff::Timestamp::now();
    let latest = announcements.first().map(|t| TutorMessage {
        author: name(t.author_id),
        title: t.title.clone(),
        link: format!("/courses/{id}/threads/{}", t.id),
        at: t.created_at,
    });
    let news = feed::merge(
        vec![
            feed::events(&tr, id, &routine, zone, now),
            feed::live(&tr, id, &live, now.as_millisecond()),
            feed::announcements(&tr, id, &announcements, name),
            feed::threads(&tr, id, &threads, name),
            feed::shout_outs(&tr, id, &shout_outs),
            feed::wins(&tr, id, &wins, zone),
            feed::milestones(&tr, id, &milestones),
        ],
        now.as_millisecond(),
        FEED_LIMIT,
    );
    Ok((news, birthdays, latest))
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Locale, message};

    /// Counts read as people say them in both languages ("1 hour", not "1 hours").
    #[test]
    fn counts_use_plural_rules() {
        let m = |l, id, k, v| message(l, id, &[(k, v)]);
        assert_eq!(m(Locale::En, "groups-asked-overlap", "hours", "1"), "1 hour together");
        assert_eq!(m(Locale::En, "groups-asked-overlap", "hours", "3"), "3 hours together");
        assert_eq!(m(Locale::Nb, "groups-asked-overlap", "hours", "1"), "1 time sammen");
        assert_eq!(m(Locale::En, "roster-import-button", "count", "1"), "Import 1 person");
        assert_eq!(m(Locale::En, "messages-pick", "count", "1"), "Who? (1 person)");
        assert_eq!(m(Locale::En, "home-not-joined", "count", "2"), "2 people invited have not joined yet");
        let kit = message(Locale::En, "kit-progress", &[("done", "0"), ("total", "1")]);
        assert_eq!(kit, "0 of 1 student has taken part");
        let pairs = message(Locale::En, "groups-report-repeats", &[("within", "1"), ("history", "0")]);
        assert!(pairs.starts_with("1 pair meets again"), "{pairs}");
    }
}
