//! Informal meet-ups: staff plan a weekly one on the course's clock with a student host
//! (a bad form keeps what was typed and names each field); people answer and see who is
//! coming; a yes emails an iCalendar invitation over real SMTP that the `icalendar`
//! crate reads, and a change of mind cancels it with the same UID; the host writes how
//! it went once it has started, a classmate may not; export and erasure.

use homeroom::policy::Role;
use icalendar::Component;
use sea_orm::{ConnectionTrait, Statement};

use reqwest::multipart::{Form, Part};

use crate::booking::{calendar_part, event, raw_mails};
use crate::both;
use crate::support::{Backend, Browser, Options, Resp, TestApp, eventually, smtp_server};

async fn scalar(app: &TestApp, sql: &str, values: Vec<sea_orm::Value>) -> i64 {
    let db = app.db();
    let r = db
        .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values))
        .await
        .unwrap()
        .unwrap();
    r.try_get("", "n").unwrap()
}

/// Write how it went, with a photo and its alt text if given.
async fn write_note(b: &Browser, path: &str, note: &str, photo: Option<(Vec<u8>, &str)>) -> Resp {
    let mut form = Form::new().text("note", note.to_string());
    if let Some((bytes, alt)) = photo {
        form = form
            .text("alt", alt.to_string())
            .part("photo", Part::bytes(bytes).file_name("lunch.jpg").mime_str("image/jpeg").unwrap());
    }
    b.post_multipart(path, form).await
}

async fn exec(app: &TestApp, sql: &str, values: Vec<sea_orm::Value>) {
    let db = app.db();
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
}

async fn calendars(to: &str, n: usize) -> Vec<String> {
    smtp_server().wait_for(to, n).await;
    let mut out: Vec<String> = raw_mails(to).iter().filter_map(|r| calendar_part(r)).collect();
    out.sort_by_key(|t| t.contains("METHOD:CANCEL"));
    out
}

fn parse(text: &str) -> icalendar::Calendar {
    let unfolded = icalendar::parser::unfold(text);
    icalendar::parser::read_calendar(&unfolded).expect("the icalendar crate parses the invitation").into()
}

async fn a_weekly_meetup_with_a_host_answers_and_how_it_went(b: Backend) {
    let app = TestApp::spawn_with(b, Options { smtp: true, ..Default::default() }).await;
    let tag = format!("{b:?}").to_lowercase();
    let t = app.user(&format!("tutor-meet-{tag}@example.org"), "Tess Tutor").await;
    let course = app.course("Meet-ups", &t).await;
    let mut students = vec![];
    for i in 0..3 {
        let email = format!("s{i}-meet-{tag}@example.org");
        let u = app.user(&email, &format!("Student {i}")).await;
        app.enrol(&course, &u, Role::Student).await;
        students.push((u.id, email.clone(), app.signed_in(&email).await));
    }
    let tutor = app.signed_in(&format!("tutor-meet-{tag}@example.org")).await;
    let path = format!("/courses/{}/meetups", course.id);

    // A bad form: each field says what is wrong, and what was typed stays.
    let r = tutor
        .post(
            &path,
            &[
                ("title", ""),
                ("kind", "rave"),
                ("date", "2020-01-01"),
                ("time", "12:00"),
                ("minutes", "60"),
                ("place", "The café by the library"),
                ("weeks", "2"),
                ("host", "nobody@example.org"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    for id in ["title-error", "kind-error", "date-error"] {
        assert!(r.body.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(r.body.contains("The café by the library"));

    let tomorrow =
        jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::get("Europe/Oslo").unwrap()).date().tomorrow().unwrap();
    let good = |host: &'static str| {
        vec![
            ("title", "Lunch together"),
            ("kind", "lunch"),
            ("date", "2099-01-01"),
            ("time", "12:00"),
            ("minutes", "45"),
            ("place", ""),
            ("weeks", "1"),
            ("host", host),
        ]
    };
    // A host who is not a student of the course is refused next to the field.
    let r = tutor.post(&path, &good("nobody@example.org")).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("id=\"host-error\""));
    assert_eq!(scalar(&app, "SELECT COUNT(*) AS n FROM meetups", vec![]).await, 0);

    let r = tutor
        .post(
            &path,
            &[
                ("title", "Lunch together"),
                ("kind", "lunch"),
                ("date", &tomorrow.to_string()),
                ("time", "12:00"),
                ("minutes", "45"),
                ("place", "https://meet.example.org/lunch"),
                ("weeks", "2"),
                ("host", &students[1].1.to_uppercase()),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(scalar(&app, "SELECT COUNT(DISTINCT series) AS n FROM meetups", vec![]).await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) AS n FROM meetups", vec![]).await, 2);
    let first = scalar(&app, "SELECT MIN(id) AS n FROM meetups", vec![]).await;
    let starts = scalar(&app, "SELECT starts_at AS n FROM meetups WHERE id = $1", vec![first.into()]).await;
    let local =
        jiff::Timestamp::from_millisecond(starts).unwrap().to_zoned(jiff::tz::TimeZone::get("Europe/Oslo").unwrap());
    assert_eq!((local.date(), local.hour(), local.minute()), (tomorrow, 12, 0), "on the course's clock");

    let page = students[0].2.get(&path).await;
    page.assert_status(200).assert_contains("Lunch together").assert_contains("hosted by Student 1");

    // Student 0 says yes: an invitation; then no: the same event, cancelled.
    let rsvp = format!("{path}/{first}/rsvp");
    assert_eq!(students[0].2.post(&rsvp, &[("answer", "yes")]).await.status, 303);
    let cals = calendars(&students[0].1, 1).await;
    assert!(
        cals[0].contains("METHOD:REQUEST") && cals[0].contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo"),
        "{}",
        cals[0]
    );
    let cal = parse(&cals[0]);
    let uid = event(&cal).get_uid().unwrap().to_string();
    assert!(uid.starts_with("meetup-"), "{uid}");
    assert_eq!(event(&cal).get_summary(), Some("Lunch together"));
    // Saying yes again sends nothing more.
    assert_eq!(students[0].2.post(&rsvp, &[("answer", "yes")]).await.status, 303);
    assert_eq!(students[0].2.post(&rsvp, &[("answer", "no")]).await.status, 303);
    let cals = calendars(&students[0].1, 2).await;
    assert_eq!(cals.len(), 2);
    assert!(cals[1].contains("METHOD:CANCEL"));
    assert_eq!(event(&parse(&cals[1])).get_uid(), Some(uid.as_str()));
    assert_eq!(students[0].2.post(&rsvp, &[("answer", "party")]).await.status, 400);

    // Two say yes, one maybe: the page counts them and shows who is coming.
    students[1].2.post(&rsvp, &[("answer", "yes")]).await;
    students[2].2.post(&rsvp, &[("answer", "yes")]).await;
    tutor.post(&rsvp, &[("answer", "maybe")]).await;
    let page = students[0].2.get(&path).await;
    page.assert_contains("2 coming, 1 maybe").assert_contains("Student 2");
    assert_eq!(scalar(&app, "SELECT COUNT(*) AS n FROM meetup_rsvps", vec![]).await, 4);

    // How it went: not before it starts; then the host may, a classmate may not.
    let note = format!("{path}/{first}/note");
    write_note(&students[1].2, &note, "Too early", None).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) AS n FROM meetups WHERE note IS NOT NULL", vec![]).await, 0);
    let db = app.db();
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE meetups SET starts_at = starts_at - $1, ends_at = ends_at - $1 WHERE id = $2",
        vec![(3 * 86_400_000i64).into(), first.into()],
    ))
    .await
    .unwrap();
    assert_eq!(write_note(&students[2].2, &note, "Not mine to write", None).await.status, 403);
    assert_eq!(write_note(&students[1].2, &note, "Five of us, and a cat.", None).await.status, 303);
    students[0].2.get(&path).await.assert_contains("Five of us, and a cat.");
    // Once over, it takes no more answers.
    students[0].2.post(&rsvp, &[("answer", "yes")]).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) AS n FROM meetup_rsvps WHERE answer = 'yes'", vec![]).await, 2);

    // Export and erasure: the host's answer and note go with them; the meet-up stays.
    let data = homeroom::privacy::export_user(app.db(), &students[1].1).await.unwrap();
    let tables = &data["tables"];
    assert_eq!(tables["meetup_rsvps"][0]["answer"], "yes");
    assert!(tables["meetups"].as_array().unwrap().iter().any(|m| m["how_it_went"] == "Five of us, and a cat."));
    homeroom::privacy::erase_user(app.db(), &students[1].1).await.unwrap();
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) AS n FROM meetups WHERE note IS NOT NULL OR host_id IS NOT NULL", vec![]).await,
        0
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) AS n FROM meetups", vec![]).await, 2);
    assert_eq!(scalar(&app, "SELECT COUNT(*) AS n FROM meetup_rsvps", vec![]).await, 3);
}
both!(a_weekly_meetup_with_a_host_answers_and_how_it_went);

/// A course in Oslo with a tutor and three students, emails unique to the test, and a
/// meet-up three days ahead (far enough for both reminders). Returns the meet-up's id.
struct Setup {
    app: TestApp,
    course: i64,
    tutor: Browser,
    students: Vec<(i64, String, Browser)>,
    meetup: i64,
}

async fn setup(b: Backend, tag: &str, title: &str) -> Setup {
    let app = TestApp::spawn_with(b, Options { smtp: true, ..Default::default() }).await;
    let tag = format!("{tag}-{b:?}").to_lowercase();
    let t = app.user(&format!("tutor-{tag}@example.org"), "Tess Tutor").await;
    let course = app.course("Meet-ups", &t).await;
    let mut students = vec![];
    for i in 0..3 {
        let email = format!("s{i}-{tag}@example.org");
        let u = app.user(&email, &format!("Student {i}")).await;
        app.enrol(&course, &u, Role::Student).await;
        students.push((u.id, email.clone(), app.signed_in(&email).await));
    }
    let tutor = app.signed_in(&format!("tutor-{tag}@example.org")).await;
    let oslo = jiff::tz::TimeZone::get("Europe/Oslo").unwrap();
    let day = jiff::Zoned::now().with_time_zone(oslo).date().checked_add(jiff::Span::new().days(3)).unwrap();
    let r = tutor
        .post(
            &format!("/courses/{}/meetups", course.id),
            &[
                ("title", title),
                ("kind", "lunch"),
                ("date", &day.to_string()),
                ("time", "12:00"),
                ("minutes", "45"),
                ("place", "The café"),
                ("weeks", "1"),
                ("host", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let meetup = scalar(&app, "SELECT MAX(id) AS n FROM meetups", vec![]).await;
    Setup { app, course: course.id, tutor, students, meetup }
}

fn subjects_to(to: &str) -> Vec<String> {
    smtp_server().messages().into_iter().filter(|m| m.to.contains(to)).map(|m| m.subject).collect()
}

/// Reminders a day and an hour before go to everyone who said yes or maybe, once each,
/// in their own language; not to someone who changed to no, nor for a meet-up called off.
async fn reminders_go_once_to_who_is_coming_in_their_language(b: Backend) {
    let s = setup(b, "meet-remind", "Pizza lunch").await;
    let app = &s.app;
    let rsvp = format!("/courses/{}/meetups/{}/rsvp", s.course, s.meetup);
    exec(app, "UPDATE users SET locale = 'nb' WHERE id = $1", vec![s.students[0].0.into()]).await;
    let [(_, nb_email, nb), (_, maybe_email, maybe), (_, no_email, no)] = &s.students[..] else { unreachable!() };
    nb.post(&rsvp, &[("answer", "yes")]).await;
    nb.post(&rsvp, &[("answer", "maybe")]).await;
    nb.post(&rsvp, &[("answer", "yes")]).await;
    maybe.post(&rsvp, &[("answer", "maybe")]).await;
    no.post(&rsvp, &[("answer", "yes")]).await;
    no.post(&rsvp, &[("answer", "no")]).await;
    // One job per person and reminder, however often they answered.
    assert_eq!(app.count("jobs WHERE kind = 'meetup.remind'").await, 6);
    smtp_server().wait_for(nb_email, 1).await;
    smtp_server().wait_for(no_email, 2).await;

    // The day-before reminders fall due.
    exec(app, "UPDATE jobs SET run_at = 0 WHERE kind = 'meetup.remind' AND dedupe_key LIKE '%:day'", vec![]).await;
    eventually(20, "the day reminders ran", || async {
        app.count("jobs WHERE kind = 'meetup.remind' AND status = 'done'").await == 3
    })
    .await;
    // Yes, maybe, yes: an invitation, its cancellation, an invitation; then the reminder.
    let mails = smtp_server().wait_for(nb_email, 4).await;
    assert!(mails.iter().any(|m| m.subject.starts_with("I morgen: Pizza lunch")), "{mails:?}");
    let mails = smtp_server().wait_for(maybe_email, 1).await;
    assert!(mails.iter().any(|m| m.subject.starts_with("Tomorrow: Pizza lunch")), "{mails:?}");
    assert!(!subjects_to(no_email).iter().any(|s| s.starts_with("Tomorrow")), "{:?}", subjects_to(no_email));
    assert_eq!(subjects_to(nb_email).iter().filter(|s| s.starts_with("I morgen")).count(), 1);

    // Called off: those coming are told, and the hour reminder finds nothing to say.
    let r = s.tutor.post(&format!("/courses/{}/meetups/{}/cancel", s.course, s.meetup), &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(scalar(app, "SELECT COUNT(*) AS n FROM meetups", vec![]).await, 0);
    let cals = calendars(maybe_email, 2).await;
    assert!(cals.iter().any(|c| c.contains("METHOD:CANCEL")), "{cals:?}");
    exec(app, "UPDATE jobs SET run_at = 0 WHERE kind = 'meetup.remind'", vec![]).await;
    eventually(20, "the hour reminders ran", || async {
        app.count("jobs WHERE kind = 'meetup.remind' AND status = 'done'").await == 6
    })
    .await;
    for to in [nb_email, maybe_email, no_email] {
        let subjects = subjects_to(to);
        assert!(!subjects.iter().any(|s| s.starts_with("In an hour") || s.starts_with("Om en time")), "{subjects:?}");
    }
    // Only staff call a meet-up off.
    assert_eq!(nb.post(&format!("/courses/{}/meetups/{}/cancel", s.course, s.meetup), &[]).await.status, 403);
}
both!(reminders_go_once_to_who_is_coming_in_their_language);

/// The meet-ups someone says yes or maybe to are in their personal calendar feed (the
/// one with their check-ins), linked from the meet-up page; "no" takes it out.
async fn my_meetups_are_in_my_calendar_feed(b: Backend) {
    let s = setup(b, "meet-feed", "Game night").await;
    let (_, _, student) = &s.students[0];
    let rsvp = format!("/courses/{}/meetups/{}/rsvp", s.course, s.meetup);
    let page = student.get(&format!("/courses/{}/meetups", s.course)).await;
    let url =
        page.body.split("id=\"feed-url\" readonly value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let path = url.strip_prefix(&s.app.base).unwrap().to_string();
    let anyone = s.app.browser();
    let events = |body: String| {
        let unfolded = icalendar::parser::unfold(&body);
        let cal: icalendar::Calendar = icalendar::parser::read_calendar(&unfolded).expect("parses").into();
        cal.components
            .iter()
            .filter_map(|c| c.as_event())
            .map(|e| (e.get_summary().unwrap_or_default().to_string(), e.get_uid().unwrap_or_default().to_string()))
            .collect::<Vec<_>>()
    };
    assert!(events(anyone.get(&path).await.body).is_empty());
    student.post(&rsvp, &[("answer", "maybe")]).await;
    let r = anyone.get(&path).await;
    assert!(r.content_type.starts_with("text/calendar"));
    let got = events(r.body.clone());
    assert_eq!(got.len(), 1, "{}", r.body);
    assert_eq!(got[0].0, "Game night");
    assert!(got[0].1.starts_with("meetup-"));
    assert!(r.body.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo") && !r.body.contains("mailto:"), "{}", r.body);
    // Not someone else's feed, and "no" takes it out.
    let other = s.students[1].2.get(&format!("/courses/{}/meetups", s.course)).await;
    let other_url =
        other.body.split("id=\"feed-url\" readonly value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    assert!(events(anyone.get(other_url.strip_prefix(&s.app.base).unwrap()).await.body).is_empty());
    student.post(&rsvp, &[("answer", "no")]).await;
    assert!(events(anyone.get(&path).await.body).is_empty());
}
both!(my_meetups_are_in_my_calendar_feed);

/// How it went may carry photos, each with its alt text: a photo without one is refused
/// and the note stays as typed; the photo is re-encoded without its GPS position, shown
/// to the course's members only, and goes (file too) when its uploader is erased.
async fn how_it_went_with_photos(b: Backend) {
    let s = setup(b, "meet-photo", "Fun Friday").await;
    let app = &s.app;
    exec(
        app,
        "UPDATE meetups SET starts_at = starts_at - $1, ends_at = ends_at - $1",
        vec![(4 * 86_400_000i64).into()],
    )
    .await;
    let note = format!("/courses/{}/meetups/{}/note", s.course, s.meetup);
    let photo = crate::media::jpeg_with_gps(&crate::media::halves(200, 120));
    assert!(photo.windows(4).any(|w| w == b"Exif"));

    // No alt text: refused next to its field, the note kept as typed, nothing written.
    let r = write_note(&s.tutor, &note, "Quiz, then cake.", Some((photo.clone(), " "))).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains(&format!("id=\"alt-{}-error\"", s.meetup)), "{}", r.body);
    assert!(r.body.contains("Quiz, then cake."));
    assert_eq!(scalar(app, "SELECT COUNT(*) AS n FROM meetups WHERE note IS NOT NULL", vec![]).await, 0);
    assert_eq!(app.count("media").await, 0);
    // Not a picture: refused, the note kept.
    let r = write_note(&s.tutor, &note, "Quiz, then cake.", Some((b"%PDF-1.7 not a photo".to_vec(), "A PDF"))).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains(&format!("id=\"photo-{}-error\"", s.meetup)) && r.body.contains("Quiz, then cake."));

    let r = write_note(&s.tutor, &note, "Quiz, then cake.", Some((photo, "Six of us round a table with a cake"))).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let media_id = scalar(app, "SELECT media_id AS n FROM meetup_photos", vec![]).await;
    let page = s.students[0].2.get(&format!("/courses/{}/meetups", s.course)).await;
    page.assert_contains("Quiz, then cake.")
        .assert_contains(&format!("/media/{media_id}?size=thumb\" alt=\"Six of us round a table with a cake\""));
    // The class sees it, without the camera's EXIF; someone of another course does not.
    let r = s.students[0].2.get(&format!("/media/{media_id}")).await;
    assert_eq!(r.status, 200);
    let outsider = app.user(&format!("out-{b:?}@example.org").to_lowercase(), "Outsider").await;
    // A member of another course (its tutor).
    app.course("Elsewhere", &outsider).await;
    let out = app.signed_in(&format!("out-{b:?}@example.org").to_lowercase()).await;
    assert!(matches!(out.get(&format!("/media/{media_id}")).await.status, 403 | 404));
    let bytes =
        crate::media::get_raw(&s.students[0].2, &format!("/media/{media_id}"), None).await.bytes().await.unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "EXIF is stripped");

    // The uploader's export has it; their erasure takes the row, the media row and the file.
    let tutor_email = format!("tutor-meet-photo-{b:?}@example.org").to_lowercase();
    let data = homeroom::privacy::export_user(app.db(), &tutor_email).await.unwrap();
    assert_eq!(data["tables"]["meetup_photos"][0]["alt"], "Six of us round a table with a cake");
    let key = {
        let db = app.db();
        let r = db
            .query_one_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                "SELECT storage_key FROM media WHERE id = $1",
                vec![media_id.into()],
            ))
            .await
            .unwrap()
            .unwrap();
        r.try_get_by_index::<String>(0).unwrap()
    };
    let file = app.data_dir().join("media").join(&key);
    assert!(file.is_file());
    homeroom::privacy::erase_user_and_media(app.db(), &app.state.config, &tutor_email).await.unwrap();
    assert_eq!(app.count("meetup_photos").await, 0);
    assert_eq!(app.count("media").await, 0);
    assert!(!file.exists(), "the photo's file is gone from disk");
}
both!(how_it_went_with_photos);
