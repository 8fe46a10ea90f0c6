//! "Our week": the routine page and its iCalendar feed, read by the `icalendar` crate's
//! parser (not ours) with `rrule` working out the occurrences in the course's zone.

use crate::both;
use crate::support::{Backend, TestApp};
use homeroom::policy::Role;
use icalendar::{Component, EventLike};

fn feed_path(page: &str) -> String {
    let start = page.find("/calendar/").expect("the page shows the feed address");
    let end = start + page[start..].find(".ics").unwrap() + 4;
    page[start..end].to_string()
}

async fn the_feed_is_valid_icalendar(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    // The test course starts on Tuesday 1 September 2026, in Europe/Oslo.
    let c = app.course("Routine", &t).await;
    let s = app.user("sam@example.org", "Sam Student").await;
    app.enrol(&c, &s, Role::Student).await;
    let routine = format!("/courses/{}/routine", c.id);
    let tutor = app.signed_in("tutor@example.org").await;
    let long =
        "Questions answered, in the forum; \\ all of them – ærlig talt, også de vanskelige spørsmålene om vurdering";
    for (day, start, minutes, title, kind, place) in [
        ("2", "09:00", "60", "Live session", "live_session", "https://meet.example.org/flp?a=1&b=2"),
        ("5", "16:30", "45", long, "questions", "Room 101, 1st floor"),
    ] {
        let r = tutor
            .post(
                &routine,
                &[
                    ("weekday", day),
                    ("start", start),
                    ("duration", minutes),
                    ("title", title),
                    ("kind", kind),
                    ("location", place),
                ],
            )
            .await;
        assert!(r.redirects_to(&routine), "{r:?}");
    }
    tutor
        .post(&routine, &[("weekday", "9"), ("start", "09:00"), ("duration", "60"), ("title", "x"), ("kind", "other")])
        .await
        .assert_status(422)
        .assert_contains("Choose a day of the week");
    let student = app.signed_in("sam@example.org").await;
    let page = student.get(&routine).await;
    page.assert_status(200).assert_contains("Live session").assert_contains("Tuesday 09:00–10:00");
    assert_eq!(student.post(&routine, &[("weekday", "1"), ("start", "09:00"), ("duration", "60")]).await.status, 403);

    // Anyone with the address reads the feed; calendar programs do not sign in.
    let path = feed_path(&page.body);
    let r = app.browser().get(&path).await;
    r.assert_status(200);
    assert!(r.content_type.starts_with("text/calendar"), "{}", r.content_type);
    assert!(r.body.ends_with("\r\n"));
    for line in r.body.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "a bare line feed");
    }

    let unfolded = icalendar::parser::unfold(&r.body);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("the icalendar crate parses the feed");
    let zones: Vec<_> = parsed.components.iter().filter(|c| c.name == "VTIMEZONE").collect();
    assert_eq!(zones.len(), 1);
    let observances: Vec<&str> = zones[0].components.iter().map(|c| c.name.as_str()).collect();
    assert!(observances.contains(&"DAYLIGHT") && observances.contains(&"STANDARD"), "{observances:?}");
    let cal: icalendar::Calendar = parsed.into();
    let events: Vec<&icalendar::Event> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 2);

    let live = events.iter().find(|e| e.get_summary() == Some("Live session")).unwrap();
    assert_eq!(live.property_value("RRULE"), Some("FREQ=WEEKLY;BYDAY=TU"));
    assert_eq!(live.get_location(), Some("https://meet.example.org/flp?a=1&b=2"));
    let dtstart = live.properties().get("DTSTART").unwrap();
    assert_eq!(dtstart.params().get("TZID").map(|p| p.value()), Some("Europe/Oslo"));
    assert!(live.property_value("DTSTAMP").is_some_and(|v| v.ends_with('Z')));
    // The occurrences, worked out by rrule with chrono-tz: 09:00 in Oslo is 07:00 UTC in
    // summer and 08:00 UTC after the clocks go back on 25 October.
    let dates = live.get_recurrence().unwrap().all(12).dates;
    let utc: Vec<i64> = dates.iter().map(|d| d.timestamp()).collect();
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_second();
    assert_eq!(utc[0], at("2026-09-01T07:00:00Z"));
    assert_eq!(utc[1], at("2026-09-08T07:00:00Z"));
    assert!(utc.contains(&at("2026-10-20T07:00:00Z")));
    assert!(utc.contains(&at("2026-10-27T08:00:00Z")), "winter time after 25 October");

    let questions = events.iter().find(|e| e.property_value("RRULE") == Some("FREQ=WEEKLY;BYDAY=FR")).unwrap();
    // Escaped commas, semicolons and backslashes come back as typed, across folded lines.
    assert_eq!(questions.get_summary(), Some(long));
    assert_eq!(questions.get_location(), Some("Room 101, 1st floor"));
    let first = questions.get_recurrence().unwrap().all(1).dates[0].timestamp();
    assert_eq!(first, at("2026-09-04T14:30:00Z"));
    assert_eq!(questions.property_value("DURATION"), Some("PT45M"));

    // UIDs are stable between fetches.
    let again = app.browser().get(&path).await;
    let uids = |body: &str| body.lines().filter(|l| l.starts_with("UID:")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(uids(&r.body), uids(&again.body));
    assert_eq!(uids(&r.body).len(), 2);

    // A new address: the old one stops working. Only the teaching team can renew it.
    assert_eq!(student.post(&format!("{routine}/feed"), &[]).await.status, 403);
    tutor.post(&format!("{routine}/feed"), &[]).await;
    app.browser().get(&path).await.assert_status(404);
    let new_path = feed_path(&student.get(&routine).await.body);
    assert_ne!(new_path, path);
    app.browser().get(&new_path).await.assert_status(200);
    app.browser().get("/calendar/nonsense").await.assert_status(404);
}
both!(the_feed_is_valid_icalendar);
