//! Emails about check-ins, each in its reader's language and time zone, with the
//! iCalendar invitation attached: confirmed (REQUEST), moved (REQUEST, same UID, higher
//! SEQUENCE), cancelled (CANCEL); and the reminders a day and an hour before, which are
//! jobs (durable, never sent twice) that check the meeting is still on when they run.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use super::ical::{self, Meeting};
use super::queries::{Person, people};
use crate::app::AppState;
use crate::db::entity::{booking, course};
use crate::i18n::{Locale, Tr};
use crate::mail::{Mailer, OutgoingEmail};

pub const REMIND_JOB: &str = "booking.remind";

/// What happened, for the subject line and the calendar's method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Booked,
    Moved,
    Cancelled,
    RemindDay,
    RemindHour,
}

impl Event {
    fn subject_id(self) -> &'static str {
        match self {
            Event::Booked => "booking-mail-booked",
            Event::Moved => "booking-mail-moved",
            Event::Cancelled => "booking-mail-cancelled",
            Event::RemindDay => "booking-mail-remind-day",
            Event::RemindHour => "booking-mail-remind-hour",
        }
    }
}

pub fn uid_of(b: &booking::Model, base_url: &str) -> String {
    let host = base_url.split("://").nth(1).unwrap_or("homeroom").trim_end_matches('/');
    let host = host.split(['/', ':']).next().unwrap_or("homeroom");
    format!("checkin-{}@{host}", b.uid)
}

/// One meeting as a calendar shows it to `me`.
pub fn summary(tr: &Tr, b: &booking::Model, me: i64, staff: &str, student: &str) -> String {
    if b.staff_id == me {
        tr.t1("booking-ical-with-student", "name", student)
    } else {
        tr.t1("booking-ical-with-staff", "name", staff)
    }
}

/// Queue the emails about `b` to the student and the staff member, in the caller's
/// transaction.
pub async fn send(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    base_url: &str,
    b: &booking::Model,
    event: Event,
) -> Result<(), DbErr> {
    let folks = people(db, [b.staff_id, b.student_id]).await?;
    let (Some(staff), Some(student)) =
        (folks.iter().find(|p| p.id == b.staff_id), folks.iter().find(|p| p.id == b.student_id))
    else {
        return Ok(());
    };
    let course = course::Entity::find_by_id(b.course_id).one(db).await?;
    let course_title = course.map(|c| c.title).unwrap_or_default();
    let staff_zone = super::queries::offer(db, b.course_id, b.staff_id)
        .await?
        .map(|o| o.time_zone)
        .unwrap_or_else(|| staff.time_zone.clone());
    let uid = uid_of(b, base_url);
    let link = format!("{base_url}/courses/{}/check-ins", b.course_id);
    let now = jiff::Timestamp::now();
    for (me, other) in [(student, staff), (staff, student)] {
        let tr = Tr(Locale::parse(&me.locale).unwrap_or(Locale::En));
        let when = crate::time::format_instant(b.starts_at, &me.time_zone, tr.code());
        let title = summary(&tr, b, me.id, &staff.name, &student.name);
        let mut body = vec![
            tr.t2(event.subject_id(), "name", &other.name, "when", &when),
            String::new(),
            format!("{}: {course_title}", tr.t("booking-mail-course")),
            format!("{}: {when} ({})", tr.t("booking-mail-when"), me.time_zone),
        ];
        if !b.place.is_empty() {
            body.push(format!("{}: {}", tr.t("booking-mail-place"), b.place));
        }
        if !b.topic.is_empty() {
            body.push(format!("{}: {}", tr.t("booking-mail-topic"), b.topic));
        }
        body.push(String::new());
        body.push(link.clone());
        let msg = OutgoingEmail {
            to_address: me.email.clone(),
            to_user_id: Some(me.id),
            subject: tr.t2(event.subject_id(), "name", &other.name, "when", &when),
            body_text: body.join("\n"),
        };
        let start = jiff::Timestamp::from_millisecond(b.starts_at).unwrap_or(now);
        let end = jiff::Timestamp::from_millisecond(b.ends_at).unwrap_or(now);
        let description =
            if b.topic.is_empty() { String::new() } else { format!("{}: {}", tr.t("booking-mail-topic"), b.topic) };
        let calendar = ical::invitation(&Meeting {
            uid: &uid,
            sequence: b.sequence,
            start,
            end,
            zone: &staff_zone,
            summary: &title,
            description: &description,
            place: &b.place,
            organizer_name: &staff.name,
            organizer_address: &mailer.from_address(),
            attendee_name: &me.name,
            attendee_address: &me.email,
            cancelled: event == Event::Cancelled,
            stamp: now,
        });
        match event {
            // A reminder is just a note: the calendar already has the meeting.
            Event::RemindDay | Event::RemindHour => mailer.queue(db, msg).await?,
            _ => mailer.queue_with_calendar(db, msg, calendar).await?,
        }
    }
    Ok(())
}

/// Queue the two reminders of a booking (those still in the future).
pub async fn plan_reminders(db: &impl ConnectionTrait, b: &booking::Model, now: i64) -> Result<(), DbErr> {
    let payload = serde_json::json!({ "booking_id": b.id });
    crate::jobs::reminders::plan(db, REMIND_JOB, &b.id.to_string(), payload, b.starts_at, now).await
}

pub fn register(r: crate::jobs::Registry) -> crate::jobs::Registry {
    r.on(REMIND_JOB, |state: AppState, job| async move {
        let p: serde_json::Value = serde_json::from_str(&job.payload)?;
        let Some(id) = p["booking_id"].as_i64() else { anyhow::bail!("a reminder without booking_id") };
        let event = if crate::jobs::reminders::is_hour(&p) { Event::RemindHour } else { Event::RemindDay };
        // Cancelled, moved (the new booking has reminders of its own) or gone: nothing to say.
        let Some(b) = booking::Entity::find_by_id(id).one(&state.db).await? else { return Ok(()) };
        if b.status != "booked" || b.starts_at <= crate::time::now_ms() {
            return Ok(());
        }
        send(&state.db, &state.mailer, &state.config.base_url(), &b, event).await?;
        state.mailer.wake();
        Ok(())
    })
}

/// The people of a list of meetings, by id (for pages).
pub fn name_of(folks: &[Person], id: i64) -> String {
    folks.iter().find(|p| p.id == id).map(|p| p.name.clone()).unwrap_or_default()
}
