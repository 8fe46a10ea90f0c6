//! One-to-one check-ins: availability as the tutor types it, slots in the student's
//! zone, booking with a topic, moving and cancelling with iCalendar invitations that
//! the `icalendar` crate's parser reads back (a stable UID, SEQUENCE, VTIMEZONE,
//! METHOD:REQUEST and METHOD:CANCEL) over real SMTP, concurrent bookings of one slot on
//! both databases, reminders in each person's language, the private note and the
//! contact ledger, and the personal calendar feed.

use homeroom::policy::Role;
use icalendar::{Component, EventLike};
use sea_orm::{ConnectionTrait, Statement};

use crate::both;
use crate::support::{Backend, Browser, Options, TestApp, eventually, smtp_server};

const THURSDAYS: &[(&str, &str)] = &[
    ("day4", "13:00-16:00"),
    ("exceptions", ""),
    ("length", "30"),
    ("buffer_before", "0"),
    ("buffer_after", "10"),
    ("notice_hours", "12"),
    ("horizon_days", "21"),
    ("per_day", ""),
    ("per_week", ""),
    ("capacity", "1"),
    ("cutoff_hours", "12"),
    ("place", "https://meet.example.org/tess"),
    ("open", "on"),
];

async fn exec(app: &TestApp, sql: &str, values: Vec<sea_orm::Value>) {
    let db = app.db();
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
}

async fn scalar(app: &TestApp, sql: &str, values: Vec<sea_orm::Value>) -> i64 {
    let db = app.db();
    let r = db
        .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values))
        .await
        .unwrap()
        .unwrap();
    r.try_get("", "n").unwrap()
}

/// A course with a tutor in Oslo and students; emails are unique to the test.
struct Setup {
    app: TestApp,
    course: i64,
    tutor: Browser,
    students: Vec<(i64, String, Browser)>,
}

async fn setup(b: Backend, tag: &str, students: usize, smtp: bool) -> Setup {
    let app = TestApp::spawn_with(b, Options { smtp, ..Default::default() }).await;
    let tag = format!("{tag}-{b:?}").to_lowercase();
    let tutor_email = format!("tutor-{tag}@example.org");
    let t = app.user(&tutor_email, "Tess Tutor").await;
    let course = app.course("Check-ins", &t).await;
    let mut out = vec![];
    for i in 0..students {
        let email = format!("s{i}-{tag}@example.org");
        let u = app.user(&email, &format!("Student {i}")).await;
        app.enrol(&course, &u, Role::Student).await;
        out.push((u.id, email.clone(), app.signed_in(&email).await));
    }
    let tutor = app.signed_in(&tutor_email).await;
    Setup { course: course.id, tutor, students: out, app }
}

/// The `value` of every slot radio button on the page, in order.
fn slot_values(page: &str) -> Vec<i64> {
    page.split("name=\"start\" value=\"").skip(1).filter_map(|s| s.split('"').next()?.parse().ok()).collect()
}

async fn publish(s: &Setup, fields: &[(&str, &str)]) {
    let r = s.tutor.post(&format!("/courses/{}/check-ins/availability", s.course), fields).await;
    assert_eq!(r.status, 303, "{}", r.body);
}

async fn book(who: &Browser, course: i64, staff: i64, start: i64, topic: &str) -> u16 {
    who.post(
        &format!("/courses/{course}/check-ins/book"),
        &[("staff_id", &staff.to_string()), ("start", &start.to_string()), ("topic", topic)],
    )
    .await
    .status
}

async fn tutor_id(s: &Setup) -> i64 {
    scalar(&s.app, "SELECT staff_id AS n FROM booking_offers WHERE course_id = $1", vec![s.course.into()]).await
}

/// The text/calendar part of a raw message, decoded.
pub(crate) fn calendar_part(raw: &str) -> Option<String> {
    let raw = raw.replace("\r\n", "\n");
    let at = raw.find("Content-Type: text/calendar")?;
    let part = &raw[at..];
    let (head, body) = part.split_once("\n\n")?;
    let body = body.split("\n--").next()?;
    let head = head.to_ascii_lowercase();
    let text = if head.contains("quoted-printable") {
        quoted_printable(body)
    } else if head.contains("base64") {
        use base64::Engine;
        let clean: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(clean).ok()?).ok()?
    } else {
        body.to_string()
    };
    Some(text.replace("\r\n", "\n").replace('\n', "\r\n"))
}

fn quoted_printable(s: &str) -> String {
    let s = s.replace("=\n", "");
    let b = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'='
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn raw_mails(to: &str) -> Vec<String> {
    let dir = &smtp_server().maildir;
    let mut out = vec![];
    for sub in ["new", "cur"] {
        for e in std::fs::read_dir(dir.join(sub)).into_iter().flatten().flatten() {
            if let Ok(raw) = std::fs::read_to_string(e.path())
                && raw.lines().any(|l| l.starts_with("To: ") && l.contains(to))
            {
                out.push(raw);
            }
        }
    }
    out
}

/// Wait for `n` invitations to `to` and return their calendars, parsed by the
/// `icalendar` crate.
async fn invitations(to: &str, n: usize) -> Vec<(String, icalendar::Calendar)> {
    smtp_server().wait_for(to, n).await;
    let mut cals: Vec<(String, icalendar::Calendar)> = raw_mails(to)
        .iter()
        .filter_map(|raw| calendar_part(raw))
        .map(|text| {
            let unfolded = icalendar::parser::unfold(&text);
            let parsed =
                icalendar::parser::read_calendar(&unfolded).expect("the icalendar crate parses the invitation");
            (text.clone(), parsed.into())
        })
        .collect();
    // Oldest first: by SEQUENCE, then CANCEL after REQUEST.
    cals.sort_by_key(|(text, c)| (event(c).get_sequence().unwrap_or(0), text.contains("METHOD:CANCEL")));
    cals
}

pub(crate) fn event(c: &icalendar::Calendar) -> &icalendar::Event {
    c.components.iter().find_map(|c| c.as_event()).expect("an event")
}

async fn a_student_books_in_their_zone_moves_and_cancels(b: Backend) {
    let s = setup(b, "zone", 1, true).await;
    publish(&s, THURSDAYS).await;
    let (student_id, student_email, student) = &s.students[0];
    exec(&s.app, "UPDATE users SET time_zone = 'America/New_York' WHERE id = $1", vec![(*student_id).into()]).await;
    let student = {
        // A fresh sign-in picks up the new zone.
        let _ = student;
        s.app.signed_in(student_email).await
    };
    let page = student.get(&format!("/courses/{}/check-ins", s.course)).await;
    page.assert_status(200).assert_contains("America/New_York").assert_contains("Tess Tutor");
    let slots = slot_values(&page.body);
    assert!(slots.len() >= 4, "Thursday afternoons for three weeks: {slots:?}");
    // Each slot is shown on the student's clock: 13:00 in Oslo is 07:00 in New York.
    let first = jiff::Timestamp::from_millisecond(slots[0]).unwrap();
    let oslo = first.to_zoned(jiff::tz::TimeZone::get("Europe/Oslo").unwrap());
    assert_eq!(oslo.weekday(), jiff::civil::Weekday::Thursday);
    let ny = first.to_zoned(jiff::tz::TimeZone::get("America/New_York").unwrap());
    assert!(page.body.contains(&ny.strftime("%H:%M").to_string()));
    assert!(!page.body.contains(&format!("{}–", oslo.strftime("%H:%M"))) || oslo.hour() == ny.hour());

    let tutor = tutor_id(&s).await;
    assert_eq!(book(&student, s.course, tutor, slots[0], "My essay plan").await, 303);
    let mine = student.get(&format!("/courses/{}/check-ins", s.course)).await;
    mine.assert_contains("My essay plan");
    assert!(!slot_values(&mine.body).contains(&slots[0]), "a booked slot is no longer offered");
    let booked = invitations(student_email, 1).await;
    let (text, cal) = &booked[0];
    assert!(text.contains("METHOD:REQUEST"));
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo"));
    let ev = event(cal);
    let uid = ev.get_uid().unwrap().to_string();
    assert_eq!(ev.get_summary(), Some("Check-in with Tess Tutor"));
    assert_eq!(ev.get_location(), Some("https://meet.example.org/tess"));
    assert!(text.contains(&format!("DTSTART;TZID=Europe/Oslo:{}", oslo.strftime("%Y%m%dT%H%M%S"))), "{text}");
    assert!(!text.contains("tutor-zone"), "the tutor's own address does not travel in the invitation");
    // The tutor gets their own copy, with the topic.
    let tutor_email = format!("tutor-zone-{b:?}@example.org").to_lowercase();
    let theirs = invitations(&tutor_email, 1).await;
    assert_eq!(event(&theirs[0].1).get_uid(), Some(uid.as_str()));
    assert!(theirs[0].0.contains("My essay plan"));

    // Move to the next slot: the same UID, a higher SEQUENCE.
    let id = scalar(&s.app, "SELECT id AS n FROM bookings WHERE status = 'booked'", vec![]).await;
    let r =
        student.post(&format!("/courses/{}/check-ins/{id}/move", s.course), &[("start", &slots[1].to_string())]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let moved = invitations(student_email, 2).await;
    let ev = event(&moved[1].1);
    assert_eq!(ev.get_uid(), Some(uid.as_str()));
    assert_eq!(ev.get_sequence(), Some(1));
    assert!(moved[1].0.contains("METHOD:REQUEST"));

    // Cancel: METHOD:CANCEL, still the same UID.
    let id = scalar(&s.app, "SELECT id AS n FROM bookings WHERE status = 'booked'", vec![]).await;
    let r = student.post(&format!("/courses/{}/check-ins/{id}/cancel", s.course), &[]).await;
    assert_eq!(r.status, 303);
    let all = invitations(student_email, 3).await;
    let (text, cal) = all.last().unwrap();
    assert!(text.contains("METHOD:CANCEL") && text.contains("STATUS:CANCELLED"), "{text}");
    assert_eq!(event(cal).get_uid(), Some(uid.as_str()));
    // Cancelling twice changes (and emails) nothing more.
    student.post(&format!("/courses/{}/check-ins/{id}/cancel", s.course), &[]).await;
    let again = student.get(&format!("/courses/{}/check-ins", s.course)).await;
    assert!(slot_values(&again.body).contains(&slots[0]) && slot_values(&again.body).contains(&slots[1]));
    assert_eq!(scalar(&s.app, "SELECT COUNT(*) AS n FROM bookings WHERE status = 'booked'", vec![]).await, 0);
}
both!(a_student_books_in_their_zone_moves_and_cancels);

async fn one_slot_is_never_booked_twice(b: Backend) {
    let s = setup(b, "race", 6, false).await;
    publish(&s, THURSDAYS).await;
    let tutor = tutor_id(&s).await;
    let page = s.students[0].2.get(&format!("/courses/{}/check-ins", s.course)).await;
    let slot = slot_values(&page.body)[0];
    // Six students press "Book" on the same slot at the same moment.
    let tries =
        futures::future::join_all(s.students.iter().map(|(_, _, br)| book(br, s.course, tutor, slot, ""))).await;
    assert_eq!(tries.iter().filter(|s| **s == 303).count(), 1, "{tries:?}");
    assert!(tries.iter().all(|s| *s == 303 || *s == 422), "{tries:?}");
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM bookings WHERE starts_at = $1 AND status = 'booked'",
            vec![slot.into()]
        )
        .await,
        1
    );

    // Group office hours: three places, six students at once, three get in.
    let mut group: Vec<(&str, &str)> = THURSDAYS.iter().filter(|(k, _)| *k != "capacity").copied().collect();
    group.push(("capacity", "3"));
    publish(&s, &group).await;
    let slot = slot_values(&s.students[0].2.get(&format!("/courses/{}/check-ins", s.course)).await.body)[0];
    let tries =
        futures::future::join_all(s.students.iter().map(|(_, _, br)| book(br, s.course, tutor, slot, ""))).await;
    // The one-to-one booked above is already in the first slot: two more get in.
    let got = tries.iter().filter(|s| **s == 303).count();
    assert_eq!(got, 2, "{tries:?}");
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM bookings WHERE starts_at = $1 AND status = 'booked'",
            vec![slot.into()]
        )
        .await,
        3
    );
    let page = s.students[5].2.get(&format!("/courses/{}/check-ins", s.course)).await;
    if tries[5] != 303 {
        assert!(!slot_values(&page.body).contains(&slot), "a full group slot is not offered");
    }
    // One student cannot take two places of one slot.
    let (_, _, first) = &s.students[tries.iter().position(|s| *s == 303).unwrap()];
    assert_eq!(book(first, s.course, tutor, slot, "").await, 422);
}
both!(one_slot_is_never_booked_twice);

async fn the_availability_form_names_every_bad_field(b: Backend) {
    let s = setup(b, "form", 1, false).await;
    let mut bad: Vec<(&str, &str)> =
        THURSDAYS.iter().filter(|(k, _)| !["day2", "length", "exceptions"].contains(k)).copied().collect();
    bad.extend([("day2", "after lunch"), ("length", "0"), ("exceptions", "Christmas Eve")]);
    let r = s.tutor.post(&format!("/courses/{}/check-ins/availability", s.course), &bad).await;
    assert_eq!(r.status, 422);
    for id in ["day2-error", "length-error", "exceptions-error"] {
        r.assert_contains(&format!("id=\"{id}\""));
    }
    // Everything typed comes back.
    r.assert_contains("after lunch").assert_contains("Christmas Eve").assert_contains("13:00-16:00");
    assert_eq!(s.app.count("booking_offers").await, 0, "nothing is saved");
    // Students and observers may not publish times.
    let r = s.students[0].2.post(&format!("/courses/{}/check-ins/availability", s.course), THURSDAYS).await;
    assert_eq!(r.status, 403);
}
both!(the_availability_form_names_every_bad_field);

async fn notes_stay_with_staff_and_a_meeting_is_a_contact(b: Backend) {
    let s = setup(b, "note", 2, false).await;
    publish(&s, THURSDAYS).await;
    let tutor = tutor_id(&s).await;
    let (ada, _, ada_b) = &s.students[0];
    let (_, _, bo_b) = &s.students[1];
    let slot = slot_values(&ada_b.get(&format!("/courses/{}/check-ins", s.course)).await.body)[0];
    assert_eq!(book(ada_b, s.course, tutor, slot, "Worried about the deadline").await, 303);
    let id = scalar(&s.app, "SELECT id AS n FROM bookings", vec![]).await;
    // Another student sees neither the booking nor its topic, and cannot touch it.
    let bo_page = bo_b.get(&format!("/courses/{}/check-ins", s.course)).await;
    assert!(!bo_page.body.contains("Worried about the deadline"));
    assert_eq!(bo_b.post(&format!("/courses/{}/check-ins/{id}/cancel", s.course), &[]).await.status, 404);
    assert_eq!(bo_b.post(&format!("/courses/{}/check-ins/{id}/move", s.course), &[("start", "1")]).await.status, 404);
    // The tutor sees the topic.
    s.tutor.get(&format!("/courses/{}/check-ins", s.course)).await.assert_contains("Worried about the deadline");
    // Not before the meeting.
    let r = s.tutor.post(&format!("/courses/{}/check-ins/{id}/note", s.course), &[("note", "x")]).await;
    assert_eq!(r.status, 422);
    // The meeting happened (moved into the past).
    let past = homeroom::time::now_ms() - 3_600_000;
    exec(&s.app, "UPDATE bookings SET starts_at = $1, ends_at = $2", vec![past.into(), (past + 1_800_000).into()])
        .await;
    let r = s
        .tutor
        .post(
            &format!("/courses/{}/check-ins/{id}/note", s.course),
            &[("note", "Needs an extension; ask the exams office"), ("follow_up", "2026-12-20")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // Saved twice: still one contact, with the latest note.
    s.tutor
        .post(
            &format!("/courses/{}/check-ins/{id}/note", s.course),
            &[("note", "Extension granted"), ("follow_up", "2026-12-20")],
        )
        .await;
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM contacts WHERE kind = 'meeting' AND source = 'booking' AND student_id = $1",
            vec![(*ada).into()]
        )
        .await,
        1
    );
    s.tutor.get(&format!("/courses/{}/check-ins", s.course)).await.assert_contains("Extension granted");
    let db = s.app.db();
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT note FROM contacts WHERE kind = 'meeting'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<Option<String>>("", "note").unwrap().as_deref(), Some("Extension granted"));
    // The student never sees the note, here or in their ledger or their data export.
    for path in [format!("/courses/{}/check-ins", s.course), format!("/courses/{}/my-contacts", s.course)] {
        let r = ada_b.get(&path).await;
        assert_eq!(r.status, 200);
        assert!(!r.body.contains("Extension granted"), "{path}");
    }
    let export = ada_b.get("/account/data/export").await;
    assert!(export.body.contains("Worried about the deadline") && !export.body.contains("Extension granted"));
    // A student cannot write a note.
    assert_eq!(ada_b.post(&format!("/courses/{}/check-ins/{id}/note", s.course), &[("note", "x")]).await.status, 403);
}
both!(notes_stay_with_staff_and_a_meeting_is_a_contact);

async fn reminders_come_in_each_persons_language(b: Backend) {
    let s = setup(b, "remind", 1, true).await;
    // Far enough ahead for both reminders: notice of three days.
    let mut fields: Vec<(&str, &str)> = THURSDAYS.iter().filter(|(k, _)| *k != "notice_hours").copied().collect();
    fields.push(("notice_hours", "72"));
    publish(&s, &fields).await;
    let (student_id, student_email, student) = &s.students[0];
    exec(&s.app, "UPDATE users SET locale = 'nb' WHERE id = $1", vec![(*student_id).into()]).await;
    let tutor = tutor_id(&s).await;
    let slot = slot_values(&student.get(&format!("/courses/{}/check-ins", s.course)).await.body)[0];
    assert_eq!(book(student, s.course, tutor, slot, "").await, 303);
    assert_eq!(s.app.count("jobs WHERE kind = 'booking.remind'").await, 2);
    smtp_server().wait_for(student_email, 1).await;
    // Make the day-before reminder due now.
    exec(&s.app, "UPDATE jobs SET run_at = 0 WHERE kind = 'booking.remind' AND dedupe_key LIKE '%:day'", vec![]).await;
    let mails = smtp_server().wait_for(student_email, 2).await;
    assert!(mails.iter().any(|m| m.subject.contains("I morgen")), "{mails:?}");
    let tutor_email = format!("tutor-remind-{b:?}@example.org").to_lowercase();
    let mails = smtp_server().wait_for(&tutor_email, 2).await;
    assert!(mails.iter().any(|m| m.subject.starts_with("Tomorrow")), "{mails:?}");
    // A cancelled meeting is not reminded of.
    let id = scalar(&s.app, "SELECT id AS n FROM bookings", vec![]).await;
    student.post(&format!("/courses/{}/check-ins/{id}/cancel", s.course), &[]).await;
    smtp_server().wait_for(student_email, 3).await;
    exec(&s.app, "UPDATE jobs SET run_at = 0 WHERE kind = 'booking.remind'", vec![]).await;
    let app = &s.app;
    eventually(20, "the hour reminder job ran", || async {
        app.count("jobs WHERE kind = 'booking.remind' AND status = 'done'").await == 2
    })
    .await;
    let subjects: Vec<String> = smtp_server()
        .messages()
        .into_iter()
        .filter(|m| m.to.contains(student_email.as_str()))
        .map(|m| m.subject)
        .collect();
    assert!(!subjects.iter().any(|s| s.contains("Om en time")), "{subjects:?}");
}
both!(reminders_come_in_each_persons_language);

async fn the_feed_lists_my_meetings_at_a_secret_address(b: Backend) {
    let s = setup(b, "feed", 1, false).await;
    publish(&s, THURSDAYS).await;
    let tutor = tutor_id(&s).await;
    let (_, _, student) = &s.students[0];
    let page = student.get(&format!("/courses/{}/check-ins", s.course)).await;
    let slots = slot_values(&page.body);
    assert_eq!(book(student, s.course, tutor, slots[0], "Feedback on draft").await, 303);
    assert_eq!(book(student, s.course, tutor, slots[1], "").await, 303);
    let page = student.get(&format!("/courses/{}/check-ins", s.course)).await;
    let url =
        page.body.split("id=\"feed-url\" readonly value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let path = url.strip_prefix(&s.app.base).unwrap().to_string();
    let anyone = s.app.browser();
    let r = anyone.get(&path).await;
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("text/calendar"));
    let unfolded = icalendar::parser::unfold(&r.body);
    let cal: icalendar::Calendar = icalendar::parser::read_calendar(&unfolded).expect("parses").into();
    let events: Vec<&icalendar::Event> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e.get_summary() == Some("Check-in with Tess Tutor")));
    assert!(!r.body.contains("mailto:"));
    // The tutor's feed has the same two meetings, named by the student.
    let tpage = s.tutor.get(&format!("/courses/{}/check-ins", s.course)).await;
    let turl =
        tpage.body.split("id=\"feed-url\" readonly value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let tfeed = anyone.get(turl.strip_prefix(&s.app.base).unwrap()).await;
    assert_eq!(tfeed.body.matches("SUMMARY:Check-in: Student 0").count(), 2, "{}", tfeed.body);
    // A new address; the old one is gone.
    student.post(&format!("/courses/{}/check-ins/feed", s.course), &[]).await;
    assert_eq!(anyone.get(&path).await.status, 404);
    assert_eq!(anyone.get("/check-ins/feed/not-a-token.ics").await.status, 404);
}
both!(the_feed_lists_my_meetings_at_a_secret_address);

/// The slots of the day with the most of them (a day is the same UTC day here: the
/// Oslo afternoon never crosses midnight).
fn one_days_slots(slots: &[i64]) -> Vec<i64> {
    let day = |v: &i64| v.div_euclid(86_400_000);
    let busiest = slots.iter().map(day).max_by_key(|d| (slots.iter().filter(|v| day(v) == *d).count(), -d)).unwrap();
    slots.iter().copied().filter(|v| day(v) == busiest).collect()
}

async fn limits_per_day_hold_when_students_book_at_once(b: Backend) {
    let s = setup(b, "limit", 4, false).await;
    let mut one_a_day: Vec<(&str, &str)> = THURSDAYS.iter().filter(|(k, _)| *k != "per_day").copied().collect();
    one_a_day.push(("per_day", "1"));
    publish(&s, &one_a_day).await;
    let tutor = tutor_id(&s).await;
    let page = s.students[0].2.get(&format!("/courses/{}/check-ins", s.course)).await;
    let day = one_days_slots(&slot_values(&page.body));
    assert!(day.len() >= 2, "{day:?}");
    // Four students each press "Book" on a different slot of the same day at once: the
    // places never collide, only the limit of one a day stands between them.
    let tries = futures::future::join_all(
        s.students.iter().zip(day.iter().cycle()).map(|((_, _, br), slot)| book(br, s.course, tutor, *slot, "")),
    )
    .await;
    assert_eq!(tries.iter().filter(|s| **s == 303).count(), 1, "{tries:?}");
    assert!(tries.iter().all(|s| *s == 303 || *s == 422), "{tries:?}");
    let lo = day[0].div_euclid(86_400_000) * 86_400_000;
    assert_eq!(
        scalar(
            &s.app,
            "SELECT COUNT(*) AS n FROM bookings WHERE starts_at >= $1 AND starts_at < $2 AND status = 'booked'",
            vec![lo.into(), (lo + 86_400_000).into()]
        )
        .await,
        1
    );
    // The day is full now: none of its slots is offered any more.
    let page = s.students[1].2.get(&format!("/courses/{}/check-ins", s.course)).await;
    assert!(day.iter().all(|v| !slot_values(&page.body).contains(v)));
}
both!(limits_per_day_hold_when_students_book_at_once);

async fn booking_and_cancelling_are_rate_limited(b: Backend) {
    let s = setup(b, "ratelimit", 1, false).await;
    let who = &s.students[0].2;
    let mut last = 0;
    for _ in 0..31 {
        last = who.post(&format!("/courses/{}/check-ins/999999/cancel", s.course), &[]).await.status;
        if last == 429 {
            break;
        }
        assert_eq!(last, 404);
    }
    assert_eq!(last, 429, "the 31st change in ten minutes waits");
    assert_eq!(book(who, s.course, 1, 1, "").await, 429, "booking counts with cancelling");
}
both!(booking_and_cancelling_are_rate_limited);
