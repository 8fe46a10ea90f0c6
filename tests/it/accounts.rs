//! A person's own settings: name, email, language, time zone, password.

use crate::both;
use crate::support::{Backend, PASSWORD, TestApp};

async fn changes_are_saved_and_shown_in_the_chosen_language(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada").await;
    let br = app.signed_in("ada@example.org").await;
    let r = br
        .post(
            "/account",
            &[("name", "  Ada   King "), ("email", "ADA@Example.org"), ("locale", "nb"), ("time_zone", "America/Lima")],
        )
        .await;
    assert!(r.redirects_to("/account"), "{r:?}");
    let page = br.get("/account").await;
    page.assert_status(200).assert_contains("Ada King").assert_contains("ada@example.org");
    // Norwegian now, with the notice in Norwegian too.
    page.assert_contains("Min konto").assert_contains("Lagret.").assert_contains("lang=\"nb\"");
    page.assert_contains("<option selected>America/Lima</option>");
    br.sign_in("ada@example.org", PASSWORD).await;
}
both!(changes_are_saved_and_shown_in_the_chosen_language);

async fn bad_input_is_explained_and_nothing_is_saved(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada").await;
    app.user("bo@example.org", "Bo").await;
    let br = app.signed_in("ada@example.org").await;
    let long = "x".repeat(5000);
    let r = br
        .post("/account", &[("name", &long), ("email", "bo@example.org"), ("locale", "en"), ("time_zone", "Mars/Base")])
        .await;
    r.assert_status(422)
        .assert_contains("too long")
        .assert_contains("Another account already uses that email")
        .assert_contains("choose a time zone");
    let r =
        br.post("/account", &[("name", "Ada"), ("email", "no-at-sign"), ("locale", "en"), ("time_zone", "UTC")]).await;
    r.assert_status(422).assert_contains("does not look like an email");
    let u = homeroom::accounts::find_by_email(app.db(), "ada@example.org").await.unwrap().unwrap();
    assert_eq!((u.name.as_str(), u.time_zone.as_str()), ("Ada", "Europe/Oslo"));
    // A form with fields missing is an error page, not a crash.
    br.post("/account", &[("name", "Ada")]).await.assert_status(422);
}
both!(bad_input_is_explained_and_nothing_is_saved);

async fn changing_the_password_signs_out_other_devices(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada").await;
    let laptop = app.signed_in("ada@example.org").await;
    let phone = app.signed_in("ada@example.org").await;
    let r = laptop
        .post(
            "/account/password",
            &[("current", "wrong one!!"), ("password", "another fine password"), ("confirm", "another fine password")],
        )
        .await;
    r.assert_status(422).assert_contains("current password is not right");
    let r = laptop
        .post(
            "/account/password",
            &[("current", PASSWORD), ("password", "another fine password"), ("confirm", "another fine password")],
        )
        .await;
    assert!(r.redirects_to("/account"));
    laptop.get("/account").await.assert_status(200);
    assert!(phone.get("/account").await.redirects_to("/sign-in"));
    app.browser().sign_in("ada@example.org", "another fine password").await;
}
both!(changing_the_password_signs_out_other_devices);

async fn times_are_shown_in_the_viewers_time_zone(b: Backend) {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Zones", &t).await;
    // Joined at 2026-01-15 12:00 UTC.
    app.db().execute_unprepared("UPDATE memberships SET created_at = 1768478400000").await.unwrap();
    let br = app.signed_in("tutor@example.org").await;
    br.get(&format!("/courses/{}/members", c.id)).await.assert_contains("15 Jan 2026, 13:00");
    br.post(
        "/account",
        &[("name", "Tess Tutor"), ("email", "tutor@example.org"), ("locale", "nb"), ("time_zone", "Asia/Tokyo")],
    )
    .await;
    br.get(&format!("/courses/{}/members", c.id)).await.assert_contains("15.01.2026 21:00");
}
both!(times_are_shown_in_the_viewers_time_zone);
