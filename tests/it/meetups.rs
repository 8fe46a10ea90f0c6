//! Informal meet-ups: staff plan a weekly one on the course's clock with a student host
//! (a bad form keeps what was typed and names each field); people answer and see who is
//! coming; a yes emails an iCalendar invitation over real SMTP that the `icalendar`
//! crate reads, and a change of mind cancels it with the same UID; the host writes how
//! it went once it has started, a classmate may not; export and erasure.

use homeroom::policy::Role;
use icalendar::Component;
use sea_orm::{ConnectionTrait, Statement};

use crate::booking::{calendar_part, event, raw_mails};
use crate::both;
use crate::support::{Backend, Options, TestApp, smtp_server};

async fn scalar(app: &TestApp, sql: &str, values: Vec<sea_orm::Value>) -> i64 {
    let db = app.db();
    let r = db
        .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values))
        .await
        .unwrap()
        .unwrap();
    r.try_get("", "n").unwrap()
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
    students[1].2.post(&note, &[("note", "Too early")]).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) AS n FROM meetups WHERE note IS NOT NULL", vec![]).await, 0);
    let db = app.db();
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE meetups SET starts_at = starts_at - $1, ends_at = ends_at - $1 WHERE id = $2",
        vec![(3 * 86_400_000i64).into(), first.into()],
    ))
    .await
    .unwrap();
    assert_eq!(students[2].2.post(&note, &[("note", "Not mine to write")]).await.status, 403);
    assert_eq!(students[1].2.post(&note, &[("note", "Five of us, and a cat.")]).await.status, 303);
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
