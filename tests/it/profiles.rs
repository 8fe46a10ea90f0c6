//! Profiles and introductions: who sees which field, introductions with welcomes and
//! pinned tutors, nudges at most once a day, "Meet the class" filters, the start-up kit.

use crate::both;
use crate::support::{Backend, TestApp};
use homeroom::policy::Role;
use reqwest::multipart::Form;

async fn id_of(app: &TestApp, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let row = app
        .db()
        .query_one_raw(sea_orm::Statement::from_string(app.db().get_database_backend(), sql.to_string()))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "id").unwrap()
}

struct Class {
    app: TestApp,
    course: i64,
    ada: i64,
}

async fn class(b: Backend) -> Class {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Course", &t).await;
    let ada = app.user("ada@example.org", "Ada Lovelace").await;
    let bo = app.user("bo@example.org", "Bo Berg").await;
    app.enrol(&c, &ada, Role::Student).await;
    app.enrol(&c, &bo, Role::Student).await;
    let other_t = app.user("other@example.org", "Otto").await;
    let other = app.course("Other", &other_t).await;
    let out = app.user("out@example.org", "Out Sider").await;
    app.enrol(&other, &out, Role::Student).await;
    Class { app, course: c.id, ada: ada.id }
}

fn ada_profile() -> Form {
    Form::new()
        .text("time_zone", "America/Lima")
        .text("pronouns", "she/her")
        .text("bio", "Bio for the class: I like engines.")
        .text("organisation", "Analytical Society")
        .text("job", "Mathematician")
        .text("interests", "Chess; poetry")
        .text("circumstances", "parent; working full time")
        .text("circumstances_note", "Circumstance note for tutors")
        .text("contact", "Contact note only for me")
        .text("vis_contact", "me")
        .text("birthday", "12-10")
}

async fn fields_show_only_to_those_allowed(b: Backend) {
    let Class { app, course, ada } = class(b).await;
    let a = app.signed_in("ada@example.org").await;
    let r = a.post_multipart("/account/profile", ada_profile()).await;
    assert!(r.redirects_to("/account/profile"), "{} {}", r.status, r.body);
    // The fields group planning reads are where it reads them.
    let basics = homeroom::accounts::profile_of(app.db(), ada).await.unwrap();
    assert_eq!(basics.organisation, "Analytical Society");
    assert_eq!(basics.circumstances, "parent; working full time");
    assert_eq!(basics.birthday.as_deref(), Some("12-10"));
    a.get("/account/profile").await.assert_contains("Contact note only for me").assert_contains("America/Lima");

    let page = format!("/courses/{course}/people/{ada}");
    let classmate = app.signed_in("bo@example.org").await;
    let r = classmate.get(&page).await;
    r.assert_status(200).assert_contains("Bio for the class").assert_contains("she/her").assert_contains("chess");
    r.assert_contains("America/Lima").assert_contains("Analytical Society");
    for hidden in ["Circumstance note for tutors", "Contact note only for me", "10 December", "working full time"] {
        assert!(!r.body.contains(hidden), "a classmate saw {hidden:?}");
    }
    let tutor = app.signed_in("tutor@example.org").await;
    let r = tutor.get(&page).await;
    r.assert_status(200).assert_contains("Circumstance note for tutors").assert_contains("10 December");
    r.assert_contains("working full time");
    assert!(!r.body.contains("Contact note only for me"), "only me is only me");
    a.get(&page).await.assert_contains("Contact note only for me");

    // A member of another course sees nothing.
    let outsider = app.signed_in("out@example.org").await;
    let r = outsider.get(&page).await;
    assert_eq!(r.status, 403);
    assert!(!r.body.contains("Bio for the class"));
    // Someone not in this course is not found here.
    tutor.get(&format!("/courses/{course}/people/999999")).await.assert_status(404);

    // Meet the class shows the card with only what the viewer may see.
    let r = classmate.get(&format!("/courses/{course}/class")).await;
    r.assert_status(200).assert_contains("Ada Lovelace").assert_contains("she/her");
    assert!(!r.body.contains("Circumstance note"));

    // An introduction without a photo shows the profile photo to those who may see it.
    let photo = crate::media::png(&crate::media::halves(40, 40));
    let form = ada_profile()
        .text("vis_photo", "tutors")
        .part("photo", reqwest::multipart::Part::bytes(photo).file_name("a.png").mime_str("image/png").unwrap());
    assert!(a.post_multipart("/account/profile", form).await.redirects_to("/account/profile"));
    let photo_id = crate::media::photo_id(&app, ada).await.unwrap();
    let intros = format!("/courses/{course}/introductions");
    assert!(a.post_multipart(&intros, Form::new().text("body", "Hi, Ada here.")).await.redirects_to(&intros));
    let src = format!("/media/{photo_id}?size=thumb");
    tutor.get(&intros).await.assert_contains(&src);
    assert!(!classmate.get(&intros).await.body.contains(&src), "a tutors-only photo reached a classmate");
    assert!(!classmate.get(&format!("/courses/{course}/class")).await.body.contains(&src));
    assert!(!classmate.get(&format!("/courses/{course}")).await.body.contains(&src), "nor on the course home");
    tutor.get(&format!("/courses/{course}")).await.assert_contains(&src);

    // Bad values are named, and nothing is written.
    let bad = Form::new().text("time_zone", "Mars/Olympus").text("birthday", "13-40").text("pronouns", "x".repeat(200));
    let r = a.post_multipart("/account/profile", bad).await;
    r.assert_status(422).assert_contains("MM-DD").assert_contains("120 characters");
    assert_eq!(homeroom::profiles::details_of(app.db(), ada).await.unwrap().pronouns, "she/her");
}
both!(fields_show_only_to_those_allowed);

async fn introductions_welcomes_and_nudges(b: Backend) {
    let Class { app, course, ada } = class(b).await;
    let intros = format!("/courses/{course}/introductions");
    let tutor = app.signed_in("tutor@example.org").await;
    // The course home asks the tutor to go first; the kit counts.
    tutor.get(&format!("/courses/{course}")).await.assert_contains("Introduce yourself to the class first");

    let a = app.signed_in("ada@example.org").await;
    let r = a.post_multipart(&intros, Form::new().text("body", "Hello, I am Ada from London.")).await;
    assert!(r.redirects_to(&intros));
    let r = tutor.post_multipart(&intros, Form::new().text("body", "Welcome all, I am Tess.")).await;
    assert!(r.redirects_to(&intros));
    let page = a.get(&intros).await;
    page.assert_status(200).assert_contains("Pinned");
    // The list follows Ada's own form (which holds her text for editing).
    let list = &page.body[page.body.find("class=\"intros\"").unwrap()..];
    let tess = list.find("Welcome all, I am Tess.").unwrap();
    let ada_at = list.find("Hello, I am Ada").unwrap();
    assert!(tess < ada_at, "the tutor's introduction comes first, pinned");
    tutor.get(&format!("/courses/{course}")).await.assert_contains("1 of 2 students");

    // An empty introduction is refused in words; an observer may not post.
    a.post_multipart(&intros, Form::new().text("body", "  ")).await.assert_status(422).assert_contains("a few words");

    // Bo welcomes Ada.
    let ada_intro = homeroom::introductions::first_line(app.db(), course, ada).await.unwrap();
    assert_eq!(ada_intro.as_deref(), Some("Hello, I am Ada from London."));
    let id = id_of(&app, &format!("SELECT id FROM introductions WHERE user_id = {ada}")).await;
    let bo = app.signed_in("bo@example.org").await;
    bo.post(&format!("{intros}/{id}/welcome"), &[("body", "")]).await.assert_status(422);
    assert!(bo.post(&format!("{intros}/{id}/welcome"), &[("body", "Welcome, Ada!")]).await.redirects_to(&intros));
    a.get(&intros).await.assert_contains("Welcome, Ada!");
    // Another course's introduction cannot be welcomed from here.
    let outsider = app.signed_in("out@example.org").await;
    outsider.get(&intros).await.assert_status(403);

    // The tutor sees Bo has not introduced themselves and nudges once a day.
    let r = tutor.get(&intros).await;
    r.assert_contains("Not introduced yet (1)").assert_contains("Bo Berg");
    assert!(!a.get(&intros).await.body.contains("Not introduced yet"), "students do not see the list");
    let bo_id = id_of(&app, "SELECT id FROM users WHERE email = 'bo@example.org'").await;
    let r = tutor.post(&format!("{intros}/nudge"), &[("user_id", &bo_id.to_string())]).await;
    assert!(r.redirects_to(&intros));
    let body = app.only_email_body().await;
    assert!(body.contains("Tess Tutor") && body.contains(&intros), "{body}");
    tutor.post(&format!("{intros}/nudge"), &[("user_id", &bo_id.to_string())]).await;
    assert_eq!(app.count("emails").await, 1, "no second nudge within a day");
    tutor.get(&intros).await.assert_contains("reminded in the last day");
    // Students may not nudge, nor nudge someone who already introduced themselves.
    a.post(&format!("{intros}/nudge"), &[("user_id", &bo_id.to_string())]).await.assert_status(403);
    tutor.post(&format!("{intros}/nudge"), &[("user_id", &ada.to_string())]).await;
    assert_eq!(app.count("emails").await, 1);
}
both!(introductions_welcomes_and_nudges);

async fn meet_the_class_filters(b: Backend) {
    let Class { app, course, .. } = class(b).await;
    let a = app.signed_in("ada@example.org").await;
    assert!(a.post_multipart("/account/profile", ada_profile()).await.redirects_to("/account/profile"));
    let bo = app.signed_in("bo@example.org").await;
    let form = Form::new()
        .text("time_zone", "Europe/Oslo")
        .text("organisation", "Fjord College")
        .text("interests", "skiing")
        .text("vis_work", "tutors");
    assert!(bo.post_multipart("/account/profile", form).await.redirects_to("/account/profile"));
    let base = format!("/courses/{course}/class");
    let r = a.get(&format!("{base}?interest=chess")).await;
    r.assert_status(200).assert_contains("Ada Lovelace").assert_contains("Showing 1 of 3");
    assert!(!r.body.contains("Bo Berg"));
    let r = a.get(&format!("{base}?zone=Europe%2FOslo")).await;
    r.assert_contains("Bo Berg");
    assert!(!r.body.contains(">Ada Lovelace<"));
    // Bo's organisation is for the teaching team: filtering by it finds nobody for Ada,
    // and the filter does not offer it.
    let r = a.get(&format!("{base}?organisation=Fjord+College")).await;
    assert!(!r.body.contains("Bo Berg") && !r.body.contains("Fjord College"));
    let tutor = app.signed_in("tutor@example.org").await;
    tutor.get(&format!("{base}?organisation=Fjord+College")).await.assert_contains("Bo Berg");
}
both!(meet_the_class_filters);
