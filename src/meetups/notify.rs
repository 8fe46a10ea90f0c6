//! The invitation emailed to someone who says they are coming: the meet-up's iCalendar
//! event (METHOD:REQUEST, the meet-up's own stable UID) in their language and zone; and
//! METHOD:CANCEL to take it out of their calendar when they change their mind. The
//! calendar text is the check-ins' writer (`booking::ical`), so every invitation
//! Homeroom sends behaves the same.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use crate::booking::ical::{self, Meeting};
use crate::booking::queries::people;
use crate::db::entity::{course, meetup};
use crate::i18n::{Locale, Tr};
use crate::mail::{Mailer, OutgoingEmail};

pub fn uid_of(m: &meetup::Model, base_url: &str) -> String {
    let host = base_url.split("://").nth(1).unwrap_or("homeroom").trim_end_matches('/');
    let host = host.split(['/', ':']).next().unwrap_or("homeroom");
    format!("meetup-{}@{host}", m.uid)
}

/// Queue the invitation (or its cancellation) for one person, in the caller's transaction.
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
    let course_title = course::Entity::find_by_id(m.course_id).one(db).await?.map(|c| c.title).unwrap_or_default();
    let tr = Tr(Locale::parse(&me.locale).unwrap_or(Locale::En));
    let when = crate::time::format_instant(m.starts_at, &me.time_zone, tr.code());
    let subject_id = if cancelled { "meetups-mail-cancelled" } else { "meetups-mail-invite" };
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
        description: &course_title,
        place: &m.place,
        organizer_name: &course_title,
        organizer_address: &mailer.from_address(),
        attendee_name: &me.name,
        attendee_address: &me.email,
        cancelled,
        stamp: now,
    });
    let msg =
        OutgoingEmail { to_address: me.email.clone(), to_user_id: Some(me.id), subject, body_text: body.join("\n") };
    mailer.queue_with_calendar(db, msg, calendar).await
}
