//! Starting a course, its home page, the join link, and managing members.

use crate::both;
use crate::support::{Backend, PASSWORD, TestApp};
use homeroom::policy::Role;
use sea_orm::EntityTrait;

fn course_form<'a>(title: &'a str, date: &'a str, zone: &'a str, mode: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("description", "Getting to know each other."),
        ("start_date", date),
        ("time_zone", zone),
        ("start_mode", mode),
    ]
}

async fn a_tutor_starts_a_course_and_bad_input_writes_nothing(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    app.course("First course", &t).await;
    let br = app.signed_in("tutor@example.org").await;
    br.get("/courses/new")
        .await
        .assert_status(200)
        .assert_contains("How does the course start?")
        .assert_contains("Live online");

    let long = "t".repeat(121);
    let r = br.post("/courses/new", &course_form(&long, "2026-02-30", "Nowhere/City", "sometime")).await;
    r.assert_status(422)
        .assert_contains("title is too long")
        .assert_contains("give a date")
        .assert_contains("choose a time zone")
        .assert_contains("choose how the course starts");
    assert_eq!(app.count("courses").await, 1);

    let r =
        br.post("/courses/new", &course_form("Flexible Learning", "2026-09-01", "Europe/Oslo", "live_online")).await;
    let location = r.location.clone().unwrap();
    assert!(location.ends_with("/invite"), "{location}");
    assert_eq!(app.count("courses").await, 2);
    let home = location.trim_end_matches("/invite").to_string();
    let page = br.get(&home).await;
    page.assert_status(200)
        .assert_contains("Flexible Learning")
        .assert_contains("Tess Tutor")
        .assert_contains("Starts 2026-09-01");
    page.assert_contains("Invite people");
    br.get("/").await.assert_contains("Flexible Learning").assert_contains("First course");
}
both!(a_tutor_starts_a_course_and_bad_input_writes_nothing);

async fn people_who_teach_nowhere_cannot_start_courses(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("sam@example.org", "Sam Student").await;
    let br = app.signed_in("sam@example.org").await;
    br.get("/courses/new").await.assert_status(403);
    br.post("/courses/new", &course_form("Mine", "2026-09-01", "UTC", "asynchronous")).await.assert_status(403);
    assert!(!br.get("/").await.body.contains("Start a new course"));
    app.admin("root@example.org").await;
    let admin = app.signed_in("root@example.org").await;
    assert!(
        admin
            .post("/courses/new", &course_form("Admin's", "2026-09-01", "UTC", "asynchronous"))
            .await
            .redirects_to("/courses/")
    );
}
both!(people_who_teach_nowhere_cannot_start_courses);

async fn the_course_home_shows_the_team_and_the_class(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Home", &t).await;
    let ta = app.user("ta@example.org", "Theo Assistant").await;
    app.enrol(&c, &ta, Role::Ta).await;
    for i in 0..5 {
        let s = app.user(&format!("s{i}@example.org"), &format!("Student Number{i}")).await;
        app.enrol(&c, &s, Role::Student).await;
    }
    let br = app.signed_in("s0@example.org").await;
    let page = br.get(&format!("/courses/{}", c.id)).await;
    page.assert_status(200)
        .assert_contains("Tess Tutor")
        .assert_contains("Theo Assistant")
        .assert_contains("5 students");
    page.assert_contains("Student Number4").assert_contains("their time");
    // Students see names, not addresses, and no tutor tools.
    assert!(!page.body.contains("s1@example.org"));
    assert!(!page.body.contains("Invite people"));
    assert!(!page.body.contains("Start-up kit"));
    // The teaching team sees the start-up kit and how far the class has come.
    let tutor = app.signed_in("tutor@example.org").await;
    let home = tutor.get(&format!("/courses/{}", c.id)).await;
    home.assert_contains("Start-up kit")
        .assert_contains("0 of 5 students have taken part")
        .assert_contains("not set up yet");
    tutor.post(&format!("/courses/{}/expectations", c.id), &[("body", "Be kind.")]).await;
    br.post(&format!("/courses/{}/expectations/read", c.id), &[]).await;
    tutor.get(&format!("/courses/{}", c.id)).await.assert_contains("1 of 5 students have taken part");
}
both!(the_course_home_shows_the_team_and_the_class);

async fn settings_are_saved_with_validation(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess").await;
    let c = app.course("Old title", &t).await;
    let br = app.signed_in("tutor@example.org").await;
    let path = format!("/courses/{}/settings", c.id);
    br.get(&path).await.assert_status(200).assert_contains("Old title");
    br.post(&path, &course_form("", "2026-09-01", "UTC", "asynchronous"))
        .await
        .assert_status(422)
        .assert_contains("give the course a title");
    let r = br.post(&path, &course_form("New title", "2026-10-01", "America/Toronto", "face_to_face")).await;
    assert!(r.redirects_to(&format!("/courses/{}", c.id)));
    br.get(&format!("/courses/{}", c.id))
        .await
        .assert_contains("New title")
        .assert_contains("Face-to-face")
        .assert_contains("America/Toronto");
}
both!(settings_are_saved_with_validation);

async fn the_join_link_lets_people_in_until_it_is_turned_off(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Joinable", &t).await;
    let code = c.join_code.clone().unwrap();
    let visitor = app.browser();
    let page = visitor.get(&format!("/join/{code}")).await;
    page.assert_status(200).assert_contains("Join Joinable").assert_contains("Tess Tutor");
    let r = visitor
        .post(
            &format!("/join/{code}"),
            &[("name", "Nia New"), ("email", "nia@example.org"), ("password", "short"), ("confirm", "short")],
        )
        .await;
    r.assert_status(422).assert_contains("too short");
    assert_eq!(app.count("users").await, 1);
    let r = visitor
        .post(
            &format!("/join/{code}"),
            &[
                ("name", "Nia New"),
                ("email", "nia@example.org"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
                ("time_zone", "Asia/Tokyo"),
            ],
        )
        .await;
    // Nothing until the address is confirmed by the link sent to it (tests/it/takeover.rs).
    r.assert_status(200).assert_contains("Check your email");
    assert!(visitor.get(&format!("/courses/{}", c.id)).await.redirects_to("/sign-in"));
    let link = crate::support::link_in(&app.only_email_body().await, &app.base).unwrap();
    let r = visitor.post(&link, &[("password", PASSWORD)]).await;
    assert!(r.redirects_to("/"), "{r:?}");
    visitor.get(&format!("/courses/{}", c.id)).await.assert_status(200).assert_contains("Nia New");
    let nia = homeroom::accounts::find_by_email(app.db(), "nia@example.org").await.unwrap().unwrap();
    assert_eq!(nia.time_zone, "Asia/Tokyo");

    // An address with an account cannot be claimed: the page looks like any sign-up's
    // (tests/it/security.rs compares them) and nothing changes for Nia.
    let other = app.browser();
    other
        .post(
            &format!("/join/{code}"),
            &[
                ("name", "Impostor"),
                ("email", "nia@example.org"),
                ("password", "the impostor's password"),
                ("confirm", "the impostor's password"),
            ],
        )
        .await
        .assert_status(200)
        .assert_contains("Check your email");
    let still = homeroom::accounts::find_by_email(app.db(), "nia@example.org").await.unwrap().unwrap();
    assert_eq!((still.id, still.name.as_str()), (nia.id, "Nia New"));
    other
        .post("/sign-in", &[("email", "nia@example.org"), ("password", "the impostor's password")])
        .await
        .assert_status(401);

    // Turning it off, then renewing: old links stop working.
    let tutor = app.signed_in("tutor@example.org").await;
    tutor.post(&format!("/courses/{}/join-link", c.id), &[("action", "disable")]).await;
    app.browser().get(&format!("/join/{code}")).await.assert_status(400).assert_contains("turned it off");
    tutor.post(&format!("/courses/{}/join-link", c.id), &[("action", "renew")]).await;
    app.browser().get(&format!("/join/{code}")).await.assert_status(400);
    let page = tutor.get(&format!("/courses/{}/invite", c.id)).await;
    let start = page.body.find("/join/").unwrap();
    let new_code: String = page.body[start + 6..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    assert_ne!(new_code, code);
    app.browser().get(&format!("/join/{new_code}")).await.assert_status(200);

    // A signed-in person joins with one click.
    app.user("sam@example.org", "Sam").await;
    let sam = app.signed_in("sam@example.org").await;
    assert!(sam.post(&format!("/join/{new_code}"), &[]).await.redirects_to(&format!("/courses/{}", c.id)));
    sam.get(&format!("/courses/{}", c.id)).await.assert_status(200);
}
both!(the_join_link_lets_people_in_until_it_is_turned_off);

async fn removed_members_lose_access_at_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess").await;
    let c = app.course("Course", &t).await;
    let s = app.user("sam@example.org", "Sam").await;
    app.enrol(&c, &s, Role::Student).await;
    let sam = app.signed_in("sam@example.org").await;
    sam.get(&format!("/courses/{}", c.id)).await.assert_status(200);
    let tutor = app.signed_in("tutor@example.org").await;
    let r = tutor.post(&format!("/courses/{}/members/{}/remove", c.id, s.id), &[]).await;
    assert!(r.redirects_to(&format!("/courses/{}/members", c.id)));
    sam.get(&format!("/courses/{}", c.id)).await.assert_status(403);
    sam.get_json(&format!("/api/courses/{}/members", c.id)).await.assert_status(403);
}
both!(removed_members_lose_access_at_once);

async fn roles_change_but_a_course_keeps_a_tutor(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess").await;
    let c = app.course("Course", &t).await;
    let s = app.user("sam@example.org", "Sam").await;
    app.enrol(&c, &s, Role::Student).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let base = format!("/courses/{}/members", c.id);
    tutor.post(&format!("{base}/{}/role", s.id), &[("role", "ta")]).await;
    let sam = app.signed_in("sam@example.org").await;
    sam.get(&base).await.assert_status(200).assert_contains("tutor@example.org");
    tutor
        .post(&format!("{base}/{}/role", s.id), &[("role", "wizard")])
        .await
        .assert_status(400)
        .assert_contains("tutor, TA, student or observer");
    // The last tutor cannot step down or leave: the reason shows next to their row.
    let back = format!("{base}?q=tess");
    let r = tutor.post(&format!("{base}/{}/role", t.id), &[("role", "student"), ("back", &back)]).await;
    let there = format!("{back}&refused={}#member-{}", t.id, t.id);
    assert_eq!(r.location.as_deref(), Some(there.as_str()), "{r:?}");
    let page = tutor.get(there.split('#').next().unwrap()).await;
    page.assert_status(200).assert_contains("at least one tutor").assert_contains(&format!("id=\"member-{}\"", t.id));
    let r = tutor.post(&format!("{base}/{}/remove", t.id), &[]).await;
    assert!(r.redirects_to(&format!("{base}?refused={}", t.id)), "{r:?}");
    assert_eq!(homeroom::courses::queries::tutor_count(app.db(), c.id).await.unwrap(), 1);
    tutor.post(&format!("{base}/999999/role",), &[("role", "ta")]).await.assert_status(404);
    // With a second tutor, the first may step down.
    tutor.post(&format!("{base}/{}/role", s.id), &[("role", "tutor")]).await;
    assert!(tutor.post(&format!("{base}/{}/role", t.id), &[("role", "student")]).await.redirects_to(&base));
    tutor.get(&base).await.assert_status(403);
}
both!(roles_change_but_a_course_keeps_a_tutor);

async fn an_email_invitation_lets_a_new_person_choose_a_password(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Invited", &t).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let path = format!("/courses/{}/invite", c.id);
    tutor.post(&path, &[("name", "Ivy"), ("email", "nope"), ("role", "student")]).await.assert_status(422);
    tutor.post(&path, &[("name", "Ivy"), ("email", "ivy@example.org"), ("role", "kingpin")]).await.assert_status(422);
    assert_eq!(app.count("users").await, 1);
    assert!(
        tutor
            .post(&path, &[("name", "Ivy Invited"), ("email", "ivy@example.org"), ("role", "student")])
            .await
            .redirects_to(&path)
    );
    tutor.get(&path).await.assert_contains("on its way");
    tutor.post(&path, &[("name", "Ivy Invited"), ("email", "ivy@example.org"), ("role", "student")]).await;
    tutor.get(&path).await.assert_contains("already in the course");
    assert_eq!(app.count("emails").await, 1);
    let body = app.only_email_body().await;
    assert!(body.contains("Tess Tutor has invited you to the course \"Invited\""), "{body}");
    let link = crate::support::link_in(&body, &app.base).unwrap();
    let ivy = app.browser();
    ivy.get(&link).await.assert_status(200).assert_contains("Welcome, Ivy Invited");
    let r = ivy.post(&link, &[("password", "ivy's own password"), ("confirm", "ivy's own password")]).await;
    assert!(r.redirects_to("/"));
    ivy.get("/").await.assert_contains("Invited");
    ivy.get(&format!("/courses/{}", c.id)).await.assert_status(200);
}
both!(an_email_invitation_lets_a_new_person_choose_a_password);

async fn another_courses_ids_are_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let ta = app.user("tutor-a@example.org", "Tutor A").await;
    let a = app.course("Course A", &ta).await;
    let tb = app.user("tutor-b@example.org", "Tutor B").await;
    let course_b = app.course("Course B", &tb).await;
    let sb = app.user("sb@example.org", "Student B").await;
    app.enrol(&course_b, &sb, Role::Student).await;
    let tutor_a = app.signed_in("tutor-a@example.org").await;
    // B's member through A's URL: not a member of A, so nothing to change.
    tutor_a.post(&format!("/courses/{}/members/{}/remove", a.id, sb.id), &[]).await.assert_status(404);
    tutor_a.post(&format!("/courses/{}/members/{}/role", a.id, sb.id), &[("role", "ta")]).await.assert_status(404);
    // B's URLs: refused outright.
    tutor_a.post(&format!("/courses/{}/members/{}/remove", course_b.id, sb.id), &[]).await.assert_status(403);
    tutor_a.get(&format!("/courses/{}/members", course_b.id)).await.assert_status(403);
    tutor_a.post(&format!("/courses/{}/settings", course_b.id), &[("title", "Hijacked")]).await.assert_status(403);
    assert!(homeroom::courses::queries::membership_of(app.db(), course_b.id, sb.id).await.unwrap().is_some());
    let b_now = homeroom::db::entity::course::Entity::find_by_id(course_b.id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(b_now.title, "Course B");
}
both!(another_courses_ids_are_refused);
