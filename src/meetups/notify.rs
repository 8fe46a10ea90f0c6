//! The emails of a meet-up, each in its reader's language and zone: the invitation
//! emailed to someone who says they are coming (the meet-up's iCalendar event,
//! METHOD:REQUEST, with its own stable UID), METHOD:CANCEL to take it out of their
//! calendar when they change their mind, and the reminders a day and an hour before to
//! everyone who said yes or maybe. The calendar text is the check-ins' writer
//! (`booking::ical`) and the reminders are planned like theirs (`jobs::reminders`), so
//! every invitation and reminder Homeroom sends behaves the same.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, TransactionTrait};

use crate::app::AppState;
use crate::booking::ical::{self, Meeting};
use crate::booking::queries::{Person, people};
use crate::db::entity::{course, meetup};
use crate::i18n::{Locale, Tr};
use crate::mail::{Mailer, OutgoingEmail};

pub const REMIND_JOB: &str = "meetup.remind";

pub fn uid_of(m: &meetup::Model, base_url: &str) -> String {
    let host = base_url.split("://").nth(1).unwrap_or("homeroom").trim_end_matches('/');
    let host = host.split(['/', ':']).next().unwrap_or("homeroom");
    format!("meetup-{}@{host}", m.uid)
}

/// One person's email about `m`: the subject (`subject_id` with the title and the time in
/// their zone) and a body with the course, the time, the place and the page's address.
fn letter(
    tr: &Tr,
    m: &meetup::Model,
    course_title: &str,
    me: &Person,
    base_url: &str,
    subject_id: &str,
) -> OutgoingEmail {
    let when = crate::time::format_instant(m.starts_at, &me.time_zone, tr.code());
    let subject = tr.t2(subject_id, "title", &m.title, "when", &when);
    let mut body = vec![
        subject.clone(),
        String::new(),
        format!("{}: {course_title}", tr.t("booking-mail-course")),
        format!("{}: {when} ({})", tr.t("booking-mail-when"), me.time_zone),
    ];
    if !m.place.is_empty() {
        body.push(format!("{}: {}", tr.t("booking-mail-place"), m.place));
    }
    body.push(String::new());
    body.push(format!("{base_url}/courses/{}/meetups#meetup-{}", m.course_id, m.id));
    OutgoingEmail { to_address: me.email.clone(), to_user_id: Some(me.id), subject, body_text: body.join("\n") }
}

fn tr_of(p: &Person) -> Tr {
    Tr(Locale::parse(&p.locale).unwrap_or(Locale::En))
}

async fn course_title(db: &impl ConnectionTrait, m: &meetup::Model) -> Result<String, DbErr> {
    Ok(course::Entity::find_by_id(m.course_id).one(db).await?.map(|c| c.title).unwrap_or_default())
}

/// Queue the invitation (or its cancellation, when they change their mind) for one
/// person, in the caller's transaction.
pub async fn invite(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    base_url: &str,
    m: &meetup::Model,
    user_id: i64,
    cancelled: bool,
) -> Result<(), DbErr> {
    let folks = people(db, [user_id]).await?;
    let Some(me) = folks.first() else {
        return Ok(());
    };
    let course_title = course_title(db, m).await?;
    let subject_id = if cancelled { "meetups-mail-cancelled" } else { "meetups-mail-invite" };
    queue_invitation(mailer, base_url, m, &course_title, me, cancelled, subject_id, db).await
}

/// Tell everyone who said yes or maybe that the meet-up is called off (METHOD:CANCEL
/// takes it out of the calendars of those who had it), in the caller's transaction.
pub async fn called_off(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    base_url: &str,
    m: &meetup::Model,
    user_ids: Vec<i64>,
) -> Result<(), DbErr> {
    let course_title = course_title(db, m).await?;
    for me in people(db, user_ids).await? {
        queue_invitation(mailer, base_url, m, &course_title, &me, true, "meetups-mail-called-off", db).await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn queue_invitation(
    mailer: &Mailer,
    base_url: &str,
    m: &meetup::Model,
    course_title: &str,
    me: &Person,
    cancelled: bool,
    subject_id: &str,
    db: &impl ConnectionTrait,
) -> Result<(), DbErr> {
    let tr = tr_of(me);
    let msg = letter(&tr, m, course_title, me, base_url, subject_id);
    let now = jiff::Timestamp::now();
    let uid = uid_of(m, base_url);
    let calendar = ical::invitation(&Meeting {
        uid: &uid,
        // Each answer is a newer version of the same event than the last: seconds since
        // the meet-up was planned only grow.
        sequence: i32::try_from((now.as_millisecond() - m.created_at).max(0) / 1000).unwrap_or(i32::MAX),
        start: jiff::Timestamp::from_millisecond(m.starts_at).unwrap_or(now),
        end: jiff::Timestamp::from_millisecond(m.ends_at).unwrap_or(now),
        zone: &m.time_zone,
        summary: &m.title,
        description: course_title,
        place: &m.place,
        organizer_name: course_title,
        organizer_address: &mailer.from_address(),
        attendee_name: &me.name,
        attendee_address: &me.email,
        cancelled,
        stamp: now,
    });
    mailer.queue_with_calendar(db, msg, calendar).await
}

/// Queue this person's reminders of `m` (a day and an hour before, those still ahead),
/// in the caller's transaction. Answering again queues nothing more (the dedupe key names
/// the meet-up, the person and the reminder); whether they still come is checked when
/// the reminder is due.
pub async fn plan_reminders(db: &impl ConnectionTrait, m: &meetup::Model, user_id: i64, now: i64) -> Result<(), DbErr> {
    let payload = serde_json::json!({ "meetup_id": m.id, "user_id": user_id });
    crate::jobs::reminders::plan(db, REMIND_JOB, &format!("{}:{user_id}", m.id), payload, m.starts_at, now).await
}

/// Send one reminder if there is still something to remind of: the meet-up is there (a
/// cancelled one is gone), not started, and the person still says yes or maybe. The job
/// is completed in the same transaction that queues the email, so it goes exactly once.
async fn remind(state: &AppState, job: &crate::jobs::Job) -> anyhow::Result<()> {
    let p: serde_json::Value = serde_json::from_str(&job.payload)?;
    let (Some(meetup_id), Some(user_id)) = (p["meetup_id"].as_i64(), p["user_id"].as_i64()) else {
        anyhow::bail!("a meet-up reminder without meetup_id or user_id")
    };
    let now = crate::time::now_ms();
    let txn = state.db.begin().await?;
    // The write first (SQLite then holds its lock for the reads that follow).
    if !crate::jobs::complete_within(&txn, job, now).await? {
        return Ok(());
    }
    let Some(m) = meetup::Entity::find_by_id(meetup_id).one(&txn).await? else {
        return Ok(txn.commit().await?);
    };
    let answer = super::queries::my_answers(&txn, &[m.id], user_id).await?.into_iter().next().map(|r| r.1);
    let folks = people(&txn, [user_id]).await?;
    match (folks.first(), answer.as_deref()) {
        (Some(me), Some("yes" | "maybe")) if m.starts_at > now => {
            let subject_id = if crate::jobs::reminders::is_hour(&p) {
                "meetups-mail-remind-hour"
            } else {
                "meetups-mail-remind-day"
            };
            let msg = letter(&tr_of(me), &m, &course_title(&txn, &m).await?, me, &state.config.base_url(), subject_id);
            // A reminder is just a note: the calendar already has the meet-up.
            state.mailer.queue(&txn, msg).await?;
            txn.commit().await?;
            state.mailer.wake();
        }
        _ => txn.commit().await?,
    }
    Ok(())
}

pub fn register(r: crate::jobs::Registry) -> crate::jobs::Registry {
    r.on(REMIND_JOB, |state: AppState, job| async move { remind(&state, &job).await })
}
