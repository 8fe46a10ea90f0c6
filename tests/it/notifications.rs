//! The notification centre, email preferences, digests delivered to a real SMTP server
//! (language, grouping by course, unsubscribe), and nothing emailed twice.

use homeroom::db::entity::{email, email_preference, notification, user};
use homeroom::i18n::Locale;
use homeroom::notifications::{self, Kind, New};
use homeroom::policy::Role;
use homeroom::time::now_ms;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::both;
use crate::support::{Backend, Options, OwnSmtp, PASSWORD, TestApp, link_in};

async fn tell(app: &TestApp, to: &user::Model, course: Option<i64>, kind: Kind, actor: i64, subject: &str) {
    notifications::notify(
        app.db(),
        New { user_id: to.id, course_id: course, kind, actor_id: Some(actor), subject, link: "/courses" },
    )
    .await
    .unwrap();
}

async fn ids_of(app: &TestApp, u: &user::Model) -> Vec<i64> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(u.id))
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.id)
        .collect()
}

async fn nb_user(app: &TestApp, email: &str, name: &str) -> user::Model {
    let hash = homeroom::auth::password::hash(PASSWORD).unwrap();
    let email = homeroom::validate::Email::parse(email).unwrap();
    homeroom::accounts::create_user(app.db(), &email, name, Some(hash), Locale::Nb, "Europe/Oslo").await.unwrap()
}

async fn the_centre_lists_newest_first_and_marks_read(b: Backend) {
    let app = TestApp::spawn(b).await;
    let tutor = app.user("tutor@example.org", "Tess Tutor").await;
    let a = app.course("Course A", &tutor).await;
    let c2 = app.course("Course B", &tutor).await;
    let sam = app.user("sam@example.org", "Sam Student").await;
    app.enrol(&a, &sam, Role::Student).await;
    app.enrol(&c2, &sam, Role::Student).await;
    tell(&app, &sam, Some(a.id), Kind::Reply, tutor.id, "Week one plans").await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    tell(&app, &sam, Some(c2.id), Kind::Announcement, tutor.id, "Welcome to B").await;
    // Nobody hears about their own doing.
    tell(&app, &sam, Some(a.id), Kind::Mention, sam.id, "myself").await;

    let browser = app.signed_in("sam@example.org").await;
    let page = browser.get("/notifications").await;
    page.assert_status(200)
        .assert_contains("Tess Tutor replied: Week one plans")
        .assert_contains("Tess Tutor posted an announcement: Welcome to B")
        .assert_contains("Course A")
        .assert_contains("<span class=\"badge\" aria-hidden=\"true\">2</span>")
        .assert_contains("(2 unread notifications)");
    assert!(page.body.find("Welcome to B").unwrap() < page.body.find("Week one plans").unwrap(), "newest first");
    let r = browser.get_json("/api/notifications/unread").await;
    r.assert_status(200);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["unread"], 2);

    // Following one marks it read and goes where it points.
    let ids = ids_of(&app, &sam).await;
    assert_eq!(ids.len(), 2);
    let first = *ids.iter().min().unwrap();
    // Someone else cannot open (or mark) it.
    let tess = app.signed_in("tutor@example.org").await;
    tess.get(&format!("/notifications/{first}")).await.assert_status(404);
    let r = browser.get(&format!("/notifications/{first}")).await;
    assert!(r.redirects_to("/courses"), "{r:?}");
    let r = browser.get_json("/api/notifications/unread").await;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["unread"], 1);

    let r = browser.post("/notifications/read-all", &[]).await;
    assert!(r.redirects_to("/notifications"));
    let page = browser.get("/notifications").await;
    assert!(!page.body.contains("unread notifications)"), "no unread badge after mark all read");
    assert!(!page.body.contains("class=\"card unread\""));
    let r = browser.get_json("/api/notifications/unread").await;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["unread"], 0);
}
both!(the_centre_lists_newest_first_and_marks_read);

async fn email_preferences_default_to_daily_and_can_change(b: Backend) {
    let app = TestApp::spawn(b).await;
    let sam = app.user("sam@example.org", "Sam").await;
    let browser = app.signed_in("sam@example.org").await;
    browser.get("/account").await.assert_status(200).assert_contains("value=\"daily\" checked");
    let r = browser.post("/account/email", &[("frequency", "weekly")]).await;
    assert!(r.redirects_to("/account"), "{r:?}");
    browser.get("/account").await.assert_contains("value=\"weekly\" checked");
    let r = browser.post("/account/email", &[("frequency", "hourly")]).await;
    r.assert_status(400).assert_contains("Choose one of the ways");
    browser.get("/account").await.assert_contains("value=\"weekly\" checked");
    let freq = homeroom::notifications::email::frequency_of(app.db(), sam.id).await.unwrap();
    assert_eq!(freq.as_str(), "weekly");
}
both!(email_preferences_default_to_daily_and_can_change);

async fn digests_go_out_once_in_each_language_grouped_by_course(b: Backend) {
    let smtp = OwnSmtp::start();
    let app = TestApp::spawn_with(
        b,
        Options { smtp_url: Some(smtp.url()), mail_per_minute: Some(600), ..Default::default() },
    )
    .await;
    let tutor = app.user("tutor@example.org", "Tess Tutor").await;
    let a = app.course("Algebra", &tutor).await;
    let z = app.course("Zoology", &tutor).await;
    let en = app.user("en@example.org", "Emma English").await;
    let nb = nb_user(&app, "nb@example.org", "Nora Norsk").await;
    let quiet = app.user("quiet@example.org", "Quentin Quiet").await;
    homeroom::notifications::email::set_frequency(
        app.db(),
        quiet.id,
        homeroom::notifications::schedule::Frequency::None,
    )
    .await
    .unwrap();
    for u in [&en, &nb, &quiet] {
        tell(&app, u, Some(z.id), Kind::Reply, tutor.id, "Zebra thread").await;
        tell(&app, u, Some(a.id), Kind::Mention, tutor.id, "Algebra question").await;
        tell(&app, u, Some(a.id), Kind::ShoutOut, tutor.id, "Great proof").await;
    }
    // Stale news (a month old) is not emailed.
    notification::ActiveModel {
        user_id: Set(en.id),
        course_id: Set(Some(a.id)),
        kind: Set("reply".into()),
        actor_id: Set(Some(tutor.id)),
        subject: Set("Month-old news".into()),
        link: Set("/".into()),
        created_at: Set(now_ms() - 30 * 24 * 3_600_000),
        read_at: Set(None),
        emailed_at: Set(None),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    // One Emma has already read stays out of her email.
    tell(&app, &en, Some(a.id), Kind::Announcement, tutor.id, "Already seen").await;
    let seen = ids_of(&app, &en).await.into_iter().max().unwrap();
    let browser = app.signed_in("en@example.org").await;
    browser.get(&format!("/notifications/{seen}")).await;

    // Not due before the morning: run the sweep a moment from now, then two days on.
    let queued = homeroom::notifications::email::sweep(&app.state, now_ms()).await.unwrap();
    let tomorrow = now_ms() + 2 * 24 * 3_600_000;
    let queued_later = homeroom::notifications::email::sweep(&app.state, tomorrow).await.unwrap();
    assert_eq!(queued + queued_later, 2, "Emma and Nora get a digest, Quentin chose none");
    // Running the digest again sends nothing more.
    assert_eq!(homeroom::notifications::email::sweep(&app.state, tomorrow).await.unwrap(), 0);
    assert_eq!(app.count("emails").await, 2);

    let mail = smtp.wait_for_count(2, 60).await;
    let to_en = mail.iter().find(|m| m.to.contains("en@example.org")).expect("Emma's digest");
    let to_nb = mail.iter().find(|m| m.to.contains("nb@example.org")).expect("Nora's digest");
    assert!(!mail.iter().any(|m| m.to.contains("quiet@")));
    assert!(to_en.subject.contains("daily"), "{}", to_en.subject);
    assert!(to_en.body.contains("Hello Emma English"), "{}", to_en.body);
    assert!(to_en.body.contains("Tess Tutor mentioned you: Algebra question"));
    assert!(!to_en.body.contains("Already seen"), "read notifications are left out");
    assert!(!to_en.body.contains("Month-old news"), "stale notifications are left out");
    assert!(to_en.subject.contains("3 new notifications"), "{}", to_en.subject);
    // Grouped by course, courses in order, each item under its course.
    let (alg, zoo) = (to_en.body.find("## Algebra").unwrap(), to_en.body.find("## Zoology").unwrap());
    let (proof, zebra) = (to_en.body.find("Great proof").unwrap(), to_en.body.find("Zebra thread").unwrap());
    assert!(alg < proof && proof < zoo && zoo < zebra, "{}", to_en.body);
    // Nora reads Norwegian.
    assert!(to_nb.body.contains("Hei Nora Norsk"), "{}", to_nb.body);
    assert!(to_nb.body.contains("Tess Tutor nevnte deg: Algebra question"), "{}", to_nb.body);
    assert!(to_nb.subject.contains("Din daglige oppsummering"), "{}", to_nb.subject);

    // RFC 8058 headers and a working one-click link, with no cookies at all.
    assert_eq!(to_en.list_unsubscribe_post, "List-Unsubscribe=One-Click");
    let header_url = to_en.list_unsubscribe.trim_matches(|c| c == '<' || c == '>').to_string();
    let path = link_in(&to_en.body, &app.base).filter(|p| p.starts_with("/unsubscribe/")).unwrap_or_else(|| {
        let unsub = to_en.body.find("/unsubscribe/").expect("an unsubscribe link in the body");
        to_en.body[unsub..].split_whitespace().next().unwrap().to_string()
    });
    assert!(header_url.ends_with(&path), "{header_url} vs {path}");
    let anonymous = app.browser();
    anonymous.get(&path).await.assert_status(200).assert_contains("Stop the emails");
    let r = reqwest::Client::new()
        .post(&header_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let pref = email_preference::Entity::find()
        .filter(email_preference::Column::UserId.eq(en.id))
        .one(app.db())
        .await
        .unwrap();
    assert_eq!(pref.unwrap().frequency, "none");
    // The exemption is narrow: a wrong token is still a 404, other routes still need CSRF.
    let r = reqwest::Client::new().post(format!("{}/unsubscribe/{}", app.base, "x".repeat(43))).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 404);
    let r = reqwest::Client::new().post(format!("{}/notifications/read-all", app.base)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 403);

    // After unsubscribing, new notifications are not emailed.
    tell(&app, &en, Some(a.id), Kind::Reply, tutor.id, "After unsubscribing").await;
    homeroom::notifications::email::sweep(&app.state, tomorrow + 3 * 24 * 3_600_000).await.unwrap();
    assert_eq!(app.count("emails").await, 2);
    let to_emma = email::Entity::find().filter(email::Column::ToUserId.eq(en.id)).all(app.db()).await.unwrap();
    assert_eq!(to_emma.len(), 1);
}
both!(digests_go_out_once_in_each_language_grouped_by_course);

async fn immediate_email_goes_out_by_itself_through_the_job(b: Backend) {
    let smtp = OwnSmtp::start();
    let app = TestApp::spawn_with(
        b,
        Options { smtp_url: Some(smtp.url()), mail_per_minute: Some(600), ..Default::default() },
    )
    .await;
    let tutor = app.user("tutor@example.org", "Tess Tutor").await;
    let a = app.course("Algebra", &tutor).await;
    let sam = app.user("sam@example.org", "Sam").await;
    // Sam lives where it is daytime now, so "right away" means now.
    let zone = ["Europe/Oslo", "America/New_York", "Asia/Tokyo", "Pacific/Auckland", "America/Los_Angeles"]
        .into_iter()
        .find(|z| (8..21).contains(&jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::get(z).unwrap()).hour()))
        .unwrap();
    let browser = app.signed_in("sam@example.org").await;
    let r = browser
        .post("/account", &[("name", "Sam"), ("email", "sam@example.org"), ("locale", "en"), ("time_zone", zone)])
        .await;
    assert!(r.redirects_to("/account"), "{r:?}");
    browser.post("/account/email", &[("frequency", "immediate")]).await;
    tell(&app, &sam, Some(a.id), Kind::Reply, tutor.id, "Quick reply").await;
    // Run the sweep job now rather than at the next minute: the worker picks it up.
    homeroom::jobs::enqueue(app.db(), homeroom::notifications::email::SWEEP, &serde_json::json!({}), 0, Some("now"))
        .await
        .unwrap();
    let mail = smtp.wait_for_count(1, 60).await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].subject.contains("Tess Tutor replied: Quick reply"), "{}", mail[0].subject);
    assert!(mail[0].to.contains("sam@example.org"));
    assert!(!mail[0].list_unsubscribe.is_empty());
    assert_eq!(app.count("emails").await, 1);
}
both!(immediate_email_goes_out_by_itself_through_the_job);

async fn a_welcomed_introduction_tells_its_author(b: Backend) {
    let c = crate::support::class(b, "Welcomes").await;
    let app = &c.app;
    let intros = format!("/courses/{}/introductions", c.course);
    let ada = app.signed_in("ada@example.org").await;
    let r = ada.post_multipart(&intros, reqwest::multipart::Form::new().text("body", "Hello, I am Ada.")).await;
    assert!(r.redirects_to(&intros), "{r:?}");
    let intro = crate::social_ids(app, &format!("SELECT id FROM introductions WHERE user_id = {}", c.ada)).await[0];
    let bo = app.signed_in("bo@example.org").await;
    bo.post(&format!("{intros}/{intro}/welcome"), &[("body", "Welcome, Ada!")]).await;
    let mine = notification::Entity::find().filter(notification::Column::UserId.eq(c.ada)).all(app.db()).await.unwrap();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].kind, "welcome");
    assert_eq!(mine[0].actor_id, Some(c.bo));
    assert_eq!(mine[0].link, format!("{intros}#intro-{intro}"));
    ada.get("/notifications").await.assert_status(200).assert_contains("welcomed you");
    // Welcoming oneself tells nobody.
    ada.post(&format!("{intros}/{intro}/welcome"), &[("body", "Thanks all")]).await;
    assert_eq!(
        notification::Entity::find().filter(notification::Column::UserId.eq(c.ada)).all(app.db()).await.unwrap().len(),
        1
    );
}
both!(a_welcomed_introduction_tells_its_author);
