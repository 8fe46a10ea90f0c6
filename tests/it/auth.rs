//! Signing in, rate limits, CSRF, sessions and password resets.

use crate::both;
use crate::support::{Backend, Options, PASSWORD, TestApp, link_in, smtp_server};
use sea_orm::EntityTrait as _;

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

fn browser_as(app: &TestApp, user_agent: &str) -> crate::support::Browser {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(user_agent)
        .build()
        .unwrap();
    crate::support::Browser { base: app.base.clone(), client, jar }
}

const FIREFOX: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

async fn sessions_are_listed_and_any_can_be_ended(b: Backend) {
    use homeroom::db::entity::session;
    use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn(b).await;
    let ada = app.user("ada@example.org", "Ada").await;
    app.user("bo@example.org", "Bo").await;
    let laptop = browser_as(&app, FIREFOX);
    laptop.sign_in("ada@example.org", PASSWORD).await;
    let phone = browser_as(&app, IPHONE);
    phone.sign_in("ada@example.org", PASSWORD).await;
    let third = app.signed_in("ada@example.org").await;
    let bo = app.signed_in("bo@example.org").await;

    let page = laptop.get("/account").await;
    page.assert_status(200)
        .assert_contains("Firefox · Windows")
        .assert_contains("Safari · iPhone")
        .assert_contains("Address 127.0.0.1")
        .assert_contains("This device");
    let phone_session = session::Entity::find()
        .filter(session::Column::UserId.eq(ada.id))
        .filter(session::Column::UserAgent.eq(IPHONE))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    // Nobody ends someone else's session.
    bo.post(&format!("/account/sessions/{}/end", phone_session.id), &[]).await.assert_status(404);
    phone.get("/account").await.assert_status(200);
    assert!(laptop.post(&format!("/account/sessions/{}/end", phone_session.id), &[]).await.redirects_to("/account"));
    assert!(phone.get("/account").await.redirects_to("/sign-in"));
    third.get("/account").await.assert_status(200);
    assert!(laptop.post("/account/sessions/end-others", &[]).await.redirects_to("/account"));
    assert!(third.get("/account").await.redirects_to("/sign-in"));
    laptop.get("/account").await.assert_status(200);
    bo.get("/account").await.assert_status(200);

    // "Last seen" is written at most every few minutes, not on every request.
    let sql = |ms: i64| format!("UPDATE sessions SET last_seen_at = {ms} WHERE user_id = {}", ada.id);
    let now = homeroom::time::now_ms();
    app.db().execute_unprepared(&sql(now - 60_000)).await.unwrap();
    laptop.get("/account").await;
    let seen = |app: &TestApp| {
        let db = app.db().clone();
        async move {
            session::Entity::find()
                .filter(session::Column::UserId.eq(ada.id))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .last_seen_at
        }
    };
    assert_eq!(seen(&app).await, now - 60_000, "not written a minute later");
    app.db().execute_unprepared(&sql(now - homeroom::auth::session::TOUCH_EVERY_MS - 1000)).await.unwrap();
    laptop.get("/account").await;
    assert!(seen(&app).await >= now, "written once it is stale");
}
both!(sessions_are_listed_and_any_can_be_ended);

async fn two_factor_sign_in_asks_for_a_code_after_the_password(b: Backend) {
    use homeroom::auth::two_factor::code_at;
    let app = TestApp::spawn(b).await;
    let ada = app.user("ada@example.org", "Ada").await;
    let br = app.signed_in("ada@example.org").await;
    let page = br.get("/account/two-factor").await;
    page.assert_status(200).assert_contains("<svg").assert_contains("Turn on two-factor sign-in");
    // Drawn on the server: an SVG element, no script and no style attribute in it.
    let svg = &page.body[page.body.find("<svg").unwrap()..page.body.find("</svg>").unwrap()];
    assert!(!svg.contains("<script") && !svg.contains("style="), "{svg}");
    let secret =
        homeroom::db::entity::two_factor::Entity::find_by_id(ada.id).one(app.db()).await.unwrap().unwrap().secret;
    let now = || (homeroom::time::now_ms() / 1000) as u64;
    br.post("/account/two-factor/enable", &[("current", PASSWORD), ("code", "000000")]).await.assert_status(422);
    br.post(
        "/account/two-factor/enable",
        &[("current", "wrong password"), ("code", &code_at(&secret, now()).unwrap())],
    )
    .await
    .assert_status(422);
    let r = br
        .post("/account/two-factor/enable", &[("current", PASSWORD), ("code", &code_at(&secret, now()).unwrap())])
        .await;
    r.assert_status(200).assert_contains("recovery codes");
    let codes: Vec<String> =
        r.body.split("<li><code>").skip(1).map(|s| s.split("</code>").next().unwrap().to_string()).collect();
    assert_eq!(codes.len(), 10);
    assert_eq!(app.count("recovery_codes").await, 10);
    // Hashed at rest.
    let stored = crate::social_ids(&app, "SELECT id FROM recovery_codes").await;
    assert_eq!(stored.len(), 10);

    // Signing in: the password alone gives no session, only the code form.
    let fresh = app.browser();
    let r = fresh.post("/sign-in", &[("email", "ada@example.org"), ("password", PASSWORD), ("next", "/account")]).await;
    r.assert_status(200).assert_contains("Enter your code");
    assert!(!r.set_cookies.iter().any(|c| c.starts_with("hr_session=")));
    fresh.get("/account").await;
    let challenge = r.body.split("name=\"challenge\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    fresh
        .post("/sign-in/two-factor", &[("challenge", &challenge), ("code", "123456")])
        .await
        .assert_status(401)
        .assert_contains("not right");
    // The code of the next step (the one used to turn it on is spent).
    let code = code_at(&secret, now() + 30).unwrap();
    let r = fresh.post("/sign-in/two-factor", &[("challenge", &challenge), ("code", &code)]).await;
    assert!(r.redirects_to("/account"), "{r:?}");
    fresh.get("/account").await.assert_status(200).assert_contains("Two-factor sign-in is on");

    // A code works once; a spent challenge is gone.
    fresh.post("/sign-in/two-factor", &[("challenge", &challenge), ("code", &code)]).await.assert_status(410);
    let again = app.browser();
    let r = again.post("/sign-in", &[("email", "ada@example.org"), ("password", PASSWORD)]).await;
    let challenge = r.body.split("name=\"challenge\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    again.post("/sign-in/two-factor", &[("challenge", &challenge), ("code", &code)]).await.assert_status(401);
    // A recovery code instead, typed loosely; once only.
    let loose = codes[0].to_uppercase().replace('-', " ");
    assert!(again.post("/sign-in/two-factor", &[("challenge", &challenge), ("code", &loose)]).await.redirects_to("/"));
    let third = app.browser();
    let r = third.post("/sign-in", &[("email", "ada@example.org"), ("password", PASSWORD)]).await;
    let challenge = r.body.split("name=\"challenge\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    third.post("/sign-in/two-factor", &[("challenge", &challenge), ("code", &codes[0])]).await.assert_status(401);

    // Wrong codes are rate-limited like wrong passwords.
    for _ in 0..homeroom::auth::rate_limit::PER_ACCOUNT {
        let r = third.post("/sign-in", &[("email", "ada@example.org"), ("password", PASSWORD)]).await;
        if r.status == 429 {
            break;
        }
        let challenge =
            r.body.split("name=\"challenge\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        third.post("/sign-in/two-factor", &[("challenge", &challenge), ("code", "999999")]).await;
    }
    third.post("/sign-in", &[("email", "ada@example.org"), ("password", PASSWORD)]).await.assert_status(429);

    // Export says it is on, never the seed or the codes.
    let data = homeroom::privacy::export_user(app.db(), "ada@example.org").await.unwrap();
    let text = data.to_string();
    assert!(text.contains("\"two_factor\":\"on\""), "{text}");
    assert!(!text.contains(&secret));

    // Turning it off needs the password.
    br.post("/account/two-factor/disable", &[("current", "wrong password")]).await.assert_status(422);
    assert!(br.post("/account/two-factor/disable", &[("current", PASSWORD)]).await.redirects_to("/account"));
    assert_eq!(app.count("recovery_codes").await, 0);
}
both!(two_factor_sign_in_asks_for_a_code_after_the_password);

async fn the_site_can_require_two_factor_of_tutors_and_admins(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess").await;
    let c = app.course("Course", &t).await;
    let s = app.user("sam@example.org", "Sam").await;
    app.enrol(&c, &s, homeroom::policy::Role::Student).await;
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    let tutor = app.signed_in("tutor@example.org").await;
    let sam = app.signed_in("sam@example.org").await;
    tutor.get("/admin/two-factor").await.assert_status(403);
    assert!(admin.post("/admin/two-factor", &[("require", "staff")]).await.redirects_to("/admin/two-factor"));

    // Tutors and admins are led to set it up before anything else; students are not.
    for who in [&tutor, &admin] {
        assert!(who.get(&format!("/courses/{}", c.id)).await.redirects_to("/account/two-factor"));
        assert!(who.get("/account").await.redirects_to("/account/two-factor"));
        assert!(who.get("/").await.redirects_to("/account/two-factor"));
        who.get("/account/two-factor").await.assert_status(200).assert_contains("Please set it up to continue");
    }
    sam.get(&format!("/courses/{}", c.id)).await.assert_status(200);
    let r = app
        .browser()
        .post("/sign-in", &[("email", "tutor@example.org"), ("password", PASSWORD), ("next", "/account")])
        .await;
    assert!(r.redirects_to("/account/two-factor"), "{r:?}");

    // Once it is on, the tutor goes about their work; it cannot be turned off.
    let secret =
        homeroom::db::entity::two_factor::Entity::find_by_id(t.id).one(app.db()).await.unwrap().unwrap().secret;
    let code = homeroom::auth::two_factor::code_at(&secret, (homeroom::time::now_ms() / 1000) as u64).unwrap();
    tutor.post("/account/two-factor/enable", &[("current", PASSWORD), ("code", &code)]).await.assert_status(200);
    tutor.get(&format!("/courses/{}", c.id)).await.assert_status(200);
    tutor
        .post("/account/two-factor/disable", &[("current", PASSWORD)])
        .await
        .assert_status(422)
        .assert_contains("cannot be turned off");
}
both!(the_site_can_require_two_factor_of_tutors_and_admins);
