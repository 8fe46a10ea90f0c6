//! Signing in, rate limits, CSRF, sessions and password resets.

use crate::both;
use crate::support::{Backend, Options, PASSWORD, TestApp, link_in, smtp_server};

async fn wrong_password_is_explained_and_right_one_signs_in(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada Lovelace").await;
    let br = app.browser();
    let r = br.post("/sign-in", &[("email", "ada@example.org"), ("password", "not it at all")]).await;
    r.assert_status(401).assert_contains("do not match");
    let r = br.post("/sign-in", &[("email", "nobody@example.org"), ("password", "not it at all")]).await;
    r.assert_status(401).assert_contains("do not match");
    let r = br.post("/sign-in", &[("email", "not an email"), ("password", "x")]).await;
    r.assert_status(422).assert_contains("does not look like an email");
    let r = br.post("/sign-in", &[("email", "ADA@example.org "), ("password", PASSWORD), ("next", "/account")]).await;
    assert!(r.redirects_to("/account"), "{r:?}");
    br.get("/account").await.assert_status(200).assert_contains("Ada Lovelace");
}
both!(wrong_password_is_explained_and_right_one_signs_in);

async fn repeated_failures_are_rate_limited_per_account(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada").await;
    let br = app.browser();
    for _ in 0..homeroom::auth::rate_limit::PER_ACCOUNT {
        br.post("/sign-in", &[("email", "ada@example.org"), ("password", "wrong guess!")]).await.assert_status(401);
    }
    // Even the right password is refused now: the limit protects the account.
    let r = br.post("/sign-in", &[("email", "ada@example.org"), ("password", PASSWORD)]).await;
    r.assert_status(429).assert_contains("Too many attempts");
    assert!(!r.set_cookies.iter().any(|c| c.starts_with("hr_session=") && !c.contains("Max-Age=0")));
    // Another account from the same address is not blocked by Ada's mistakes.
    app.user("bo@example.org", "Bo").await;
    br.sign_in("bo@example.org", PASSWORD).await;
}
both!(repeated_failures_are_rate_limited_per_account);

async fn repeated_failures_are_rate_limited_per_address(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada").await;
    let br = app.browser();
    for i in 0..homeroom::auth::rate_limit::PER_ADDRESS {
        let email = format!("guess{i}@example.org");
        br.post("/sign-in", &[("email", &email), ("password", "wrong guess!")]).await.assert_status(401);
    }
    br.post("/sign-in", &[("email", "ada@example.org"), ("password", PASSWORD)]).await.assert_status(429);
}
both!(repeated_failures_are_rate_limited_per_address);

async fn forms_without_the_csrf_token_are_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let u = app.user("ada@example.org", "Ada").await;
    let br = app.signed_in("ada@example.org").await;
    let r = br
        .post_forged(
            "/account",
            &[("name", "Mallory"), ("email", "ada@example.org"), ("locale", "en"), ("time_zone", "UTC")],
        )
        .await;
    r.assert_status(403).assert_contains("expired");
    let r = br
        .post_forged(
            "/account",
            &[
                ("name", "Mallory"),
                ("email", "ada@example.org"),
                ("locale", "en"),
                ("time_zone", "UTC"),
                ("_csrf", "x".repeat(43).as_str()),
            ],
        )
        .await;
    r.assert_status(403);
    let fresh = homeroom::accounts::find_by_email(app.db(), "ada@example.org").await.unwrap().unwrap();
    assert_eq!(fresh.name, u.name, "a forged form changed nothing");
}
both!(forms_without_the_csrf_token_are_refused);

async fn session_cookies_are_httponly_lax_and_secure_behind_https(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada").await;
    let r = app.browser().sign_in("ada@example.org", PASSWORD).await;
    let cookie = r.set_cookies.iter().find(|c| c.starts_with("hr_session=")).unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"), "{cookie}");

    let https = TestApp::spawn_with(
        b,
        Options { public_url: Some("https://homeroom.example.edu".into()), ..Default::default() },
    )
    .await;
    https.user("ada@example.org", "Ada").await;
    let r = https.browser().sign_in("ada@example.org", PASSWORD).await;
    let cookie = r.set_cookies.iter().find(|c| c.starts_with("hr_session=")).unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
}
both!(session_cookies_are_httponly_lax_and_secure_behind_https);

async fn signing_out_ends_the_session(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada").await;
    let br = app.signed_in("ada@example.org").await;
    assert_eq!(app.count("sessions").await, 1);
    assert!(br.post("/sign-out", &[]).await.redirects_to("/"));
    assert_eq!(app.count("sessions").await, 0);
    assert!(br.get("/account").await.redirects_to("/sign-in?next=%2Faccount"));
}
both!(signing_out_ends_the_session);

async fn forgotten_password_link_arrives_by_smtp_and_works_once(b: Backend) {
    let app = TestApp::spawn_with(b, Options { smtp: true, ..Default::default() }).await;
    let email = format!("reset-{:?}-{}@example.org", b, std::process::id()).to_lowercase();
    app.user(&email, "Rosa Reset").await;
    let old = app.signed_in(&email).await;

    let br = app.browser();
    br.post("/forgot-password", &[("email", &email)]).await.assert_status(200).assert_contains("on its way");
    // Same answer for an address with no account: no way to probe who is registered.
    br.post("/forgot-password", &[("email", "nobody-here@example.org")])
        .await
        .assert_status(200)
        .assert_contains("on its way");

    let mails = smtp_server().wait_for(&email, 1).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "Choose a new Homeroom password");
    assert!(mails[0].body.contains("Rosa Reset"));
    let path = link_in(&mails[0].body, &app.base).expect("a link to our server");
    assert!(path.starts_with("/set-password/"));

    let r = br.post(&path, &[("password", "short"), ("confirm", "short")]).await;
    r.assert_status(422).assert_contains("too short");
    let r = br.post(&path, &[("password", "a brand new password"), ("confirm", "something else entirely")]).await;
    r.assert_status(422).assert_contains("not the same");
    let r = br.post(&path, &[("password", "a brand new password"), ("confirm", "a brand new password")]).await;
    assert!(r.redirects_to("/"), "{r:?}");
    br.get("/account").await.assert_status(200);

    // Single use, and the old password and the old session are gone.
    br.get(&path).await.assert_status(410).assert_contains("expired");
    assert!(old.get("/account").await.redirects_to("/sign-in"));
    let fresh = app.browser();
    fresh.post("/sign-in", &[("email", &email), ("password", PASSWORD)]).await.assert_status(401);
    fresh.sign_in(&email, "a brand new password").await;
}
both!(forgotten_password_link_arrives_by_smtp_and_works_once);

async fn reset_links_expire(b: Backend) {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada").await;
    let br = app.browser();
    br.post("/forgot-password", &[("email", "ada@example.org")]).await.assert_status(200);
    // Without SMTP the email waits in the outbox.
    assert_eq!(app.count("emails").await, 1);
    let body = app.only_email_body().await;
    let path = link_in(&body, &app.base).unwrap();
    br.get(&path).await.assert_status(200);
    app.db().execute_unprepared("UPDATE password_tokens SET expires_at = 0").await.unwrap();
    br.get(&path).await.assert_status(410);
    br.post(&path, &[("password", "a brand new password"), ("confirm", "a brand new password")])
        .await
        .assert_status(410);
    br.get("/set-password/not-a-token").await.assert_status(410);
}
both!(reset_links_expire);
