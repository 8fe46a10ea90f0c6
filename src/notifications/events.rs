//! The notifications of events that concern many people or need a little reading first:
//! a reply, a new thread, groups published, a check-in opened, feedback. Each is called
//! inside the transaction that makes the event (the handlers and the demo call the same
//! function), so the event and its notices are written together.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::rules;
use super::{About, Kind, New, notify, notify_in, subscriptions};
use crate::db::entity::{checkin, group_set, membership, user};
use crate::i18n::{Locale, message};

/// A reply was written in a thread.
pub struct Reply<'a> {
    pub course_id: i64,
    pub space_id: i64,
    pub thread_id: i64,
    pub thread_title: &'a str,
    pub author: i64,
    /// Whom the reply concerns: the thread's author and the author of the post replied to.
    pub concerns: Vec<i64>,
    /// The reply's own address (`…/threads/9#post-12`).
    pub link: &'a str,
}

/// Tell those a reply concerns and the thread's and space's followers, less those who
/// muted it. Returns who was told, so that mentions in the same reply skip them.
pub async fn reply_posted(db: &impl ConnectionTrait, r: Reply<'_>) -> Result<Vec<i64>, DbErr> {
    let choices = subscriptions::for_thread(db, r.thread_id, r.space_id).await?;
    let told = rules::reply_audience(r.author, &r.concerns, &choices);
    let about = About { thread_id: Some(r.thread_id), space_id: Some(r.space_id) };
    for &uid in &told {
        let n = New {
            user_id: uid,
            course_id: Some(r.course_id),
            kind: Kind::Reply,
            actor_id: Some(r.author),
            subject: r.thread_title,
            link: r.link,
        };
        notify_in(db, n, about).await?;
    }
    Ok(told)
}

/// A thread was started in a space.
pub struct Thread<'a> {
    pub course_id: i64,
    pub space_id: i64,
    pub thread_id: i64,
    pub title: &'a str,
    pub author: i64,
    /// An announcement goes to every member; other threads to the space's followers.
    pub announcement: bool,
    pub link: &'a str,
}

/// Tell the space's followers (or, for an announcement, every member) about a new
/// thread, less those who muted the space. Returns who was told.
pub async fn thread_started(db: &impl ConnectionTrait, t: Thread<'_>) -> Result<Vec<i64>, DbErr> {
    let choices = subscriptions::for_space(db, t.space_id).await?;
    let (everyone, kind) = if t.announcement {
        let members: Vec<i64> = membership::Entity::find()
            .filter(membership::Column::CourseId.eq(t.course_id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        (members, Kind::Announcement)
    } else {
        (rules::space_followers(&choices), Kind::Thread)
    };
    let told = rules::thread_audience(t.author, &everyone, &choices);
    let about = About { thread_id: Some(t.thread_id), space_id: Some(t.space_id) };
    for &uid in &told {
        let n = New {
            user_id: uid,
            course_id: Some(t.course_id),
            kind,
            actor_id: Some(t.author),
            subject: t.title,
            link: t.link,
        };
        notify_in(db, n, about).await?;
    }
    Ok(told)
}

/// Tell each person placed in a group set's first round that the groups are out: their
/// group, its facilitator and when it first meets, in their own language and time zone.
/// Returns how many were told.
pub async fn groups_published(
    db: &impl ConnectionTrait,
    set: &group_set::Model,
    actor: Option<i64>,
) -> Result<usize, DbErr> {
    let data = crate::groups::queries::load(db, set.clone()).await?;
    let Some(first) = data.rounds.first() else { return Ok(0) };
    let mut ids: Vec<i64> = first.groups.iter().flat_map(|g| g.members.iter().copied()).collect();
    ids.extend(first.groups.iter().filter_map(|g| g.group.facilitator_id));
    ids.sort_unstable();
    ids.dedup();
    let people = people(db, &ids).await?;
    let link = format!("/courses/{}/groups/{}", set.course_id, set.id);
    let mut told = 0;
    for g in &first.groups {
        let facilitator = g.group.facilitator_id.and_then(|f| people.get(&f)).map(|p| p.name.clone());
        for m in &g.members {
            let Some(person) = people.get(m) else { continue };
            let locale = Locale::parse(&person.locale).unwrap_or(Locale::En);
            let mut parts = vec![
                set.title.clone(),
                message(locale, "notify-groups-number", &[("number", &g.group.number.to_string())]),
            ];
            match (&facilitator, g.group.facilitator_id == Some(*m)) {
                (_, true) => parts.push(message(locale, "notify-groups-you-facilitate", &[])),
                (Some(name), false) => parts.push(message(locale, "notify-groups-facilitator", &[("name", name)])),
                (None, false) => {}
            }
            if let Some(at) = first.round.starts_at {
                let when = crate::time::format_instant(at, &person.time_zone, locale.code());
                parts.push(message(locale, "notify-groups-first", &[("when", &when)]));
            }
            let subject = parts.join(" · ");
            let n = New {
                user_id: *m,
                course_id: Some(set.course_id),
                kind: Kind::Groups,
                actor_id: actor,
                subject: &subject,
                link: &link,
            };
            notify(db, n).await?;
            told += 1;
        }
    }
    Ok(told)
}

/// Tell everyone in the groups of a check-in's set (its latest round, as the check-in
/// page uses) that the check-in is open. Returns how many were told.
pub async fn checkin_opened(
    db: &impl ConnectionTrait,
    course_id: i64,
    ch: &checkin::Model,
    actor: Option<i64>,
) -> Result<usize, DbErr> {
    let Some(set) = crate::groups::queries::set_in_course(db, course_id, ch.group_set_id).await? else { return Ok(0) };
    let data = crate::groups::queries::load(db, set).await?;
    let Some(round) = data.rounds.last() else { return Ok(0) };
    let link = format!("/courses/{course_id}/checkins/{}", ch.id);
    let mut told = 0;
    for m in round.groups.iter().flat_map(|g| g.members.iter()) {
        let n = New {
            user_id: *m,
            course_id: Some(course_id),
            kind: Kind::Checkin,
            actor_id: actor,
            subject: &ch.title,
            link: &link,
        };
        notify(db, n).await?;
        told += 1;
    }
    Ok(told)
}

/// Feedback for a student, for the feedback feature to call where it saves the feedback:
/// `about` names what the feedback is on (a few words), `link` where to read it.
pub async fn feedback(
    db: &impl ConnectionTrait,
    course_id: i64,
    student_id: i64,
    from: i64,
    about: &str,
    link: &str,
) -> Result<(), DbErr> {
    let n = New {
        user_id: student_id,
        course_id: Some(course_id),
        kind: Kind::Feedback,
        actor_id: Some(from),
        subject: about,
        link,
    };
    notify(db, n).await
}

/// This week's message from the tutor, for every member of the course who has joined
/// (but its author): one statement whatever the class size. The notices never group, so
/// each goes into the member's email (immediately or in their digest) in their language.
/// Returns how many were told.
pub async fn weekly_message(
    db: &impl ConnectionTrait,
    course_id: i64,
    author: i64,
    title: &str,
    link: &str,
    now: i64,
) -> Result<u64, DbErr> {
    let sql = "INSERT INTO notifications (user_id, course_id, kind, actor_id, subject, link, created_at, events) \
               SELECT m.user_id, m.course_id, $1, $2, $3, $4, $5, 1 FROM memberships m \
               WHERE m.course_id = $6 AND m.state = 'active' AND m.user_id <> $2";
    let values: Vec<sea_orm::Value> = vec![
        Kind::Weekly.as_str().into(),
        author.into(),
        super::shorten(title).into(),
        link.into(),
        now.into(),
        course_id.into(),
    ];
    let r = db.execute_raw(sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?;
    Ok(r.rows_affected())
}

async fn people(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, user::Model>, DbErr> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for u in user::Entity::find().filter(user::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            out.insert(u.id, u);
        }
    }
    Ok(out)
}
