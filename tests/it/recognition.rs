//! Shout-outs, Win of the Week and celebrations (opt-in birthdays, milestones), and how
//! they show on the course home.

use crate::both;
use crate::support::{Backend, TestApp, class as small_class};
use homeroom::db::entity::{nomination, profile};
use sea_orm::{ActiveModelTrait, Set};

async fn notifications_of_kind(app: &TestApp, kind: &str) -> i64 {
    let row = sea_orm::ConnectionTrait::query_one_raw(
        app.db(),
        sea_orm::Statement::from_string(
            app.db().get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM notifications WHERE kind = '{kind}'"),
        ),
    )
    .await
    .unwrap()
    .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

async fn shout_outs_show_on_the_course_home(b: Backend) {
    let k = small_class(b, "Recognition").await;
    let path = format!("/courses/{}/shout-outs", k.course);
    let ada = k.app.signed_in("ada@example.org").await;
    let bo = k.bo.to_string();
    let r = ada.post(&path, &[("to", &bo), ("body", "Thanks for   explaining rubrics <b>so</b> well!")]).await;
    assert!(r.redirects_to(&path), "{r:?}");
    let home = ada.get(&format!("/courses/{}", k.course)).await;
    home.assert_status(200)
        .assert_contains("What’s new")
        .assert_contains("Ada Lovelace gave Bo Berg a shout-out")
        .assert_contains("Thanks for explaining rubrics &#60;b&#62;so&#60;/b&#62; well!");
    assert_eq!(notifications_of_kind(&k.app, "shout-out").await, 1);
    let for_bo = homeroom::recognition::shout_outs_for(k.app.db(), k.course, k.bo).await.unwrap();
    assert_eq!(for_bo.len(), 1);
    assert_eq!(for_bo[0].from, "Ada Lovelace");
    assert!(homeroom::recognition::shout_outs_for(k.app.db(), k.course, k.ada).await.unwrap().is_empty());

    // The person is found by name, a short list whatever the class size; no list of
    // everyone, and the giver is not offered.
    let page = ada.get(&path).await;
    assert!(!page.body.contains("<select"), "no list of the whole class");
    assert!(!page.body.contains(&format!("value=\"{bo}\"")));
    let found = ada.get(&format!("{path}?q=berg")).await;
    found.assert_status(200).assert_contains(&format!("name=\"to\" value=\"{bo}\""));
    assert!(!ada.get(&format!("{path}?q=ada")).await.body.contains(&format!("name=\"to\" value=\"{}\"", k.ada)));
    ada.get(&format!("{path}?to={bo}")).await.assert_contains(&format!("value=\"{bo}\" checked"));

    // Not oneself, not a stranger, not empty, not too long; observers only watch.
    let me = k.ada.to_string();
    let stranger = k.outsider.to_string();
    ada.post(&path, &[("to", &me), ("body", "I'm great")]).await.assert_status(422);
    ada.post(&path, &[("to", &stranger), ("body", "Hi")]).await.assert_status(422);
    ada.post(&path, &[("to", &bo), ("body", "  ")]).await.assert_status(422).assert_contains("280 characters");
    ada.post(&path, &[("to", &bo), ("body", &"x".repeat(281))]).await.assert_status(422);
    let obs = k.app.signed_in("obs@example.org").await;
    assert_eq!(obs.post(&path, &[("to", &bo), ("body", "Hi")]).await.status, 403);
    obs.get(&path).await.assert_status(200).assert_contains("explaining rubrics");
    assert_eq!(k.app.count("shout_outs").await, 1);
}
both!(shout_outs_show_on_the_course_home);

async fn a_featured_win_shows_on_the_course_home(b: Backend) {
    let k = small_class(b, "Recognition").await;
    let wins = format!("/courses/{}/wins", k.course);
    let home = format!("/courses/{}", k.course);
    let ada = k.app.signed_in("ada@example.org").await;
    let cy = k.app.signed_in("cy@example.org").await;
    ada.post(&wins, &[("nominee", &k.bo.to_string()), ("reason", "Ran the study group all week")]).await;
    cy.post(&wins, &[("nominee", &k.ada.to_string()), ("reason", "Shared her lesson plan")]).await;
    ada.post(&wins, &[("nominee", &k.outsider.to_string()), ("reason", "x")]).await.assert_status(422);
    ada.post(&wins, &[("nominee", &k.bo.to_string()), ("reason", "")]).await.assert_status(422);

    // Students see their own nominations only; the teaching team sees all.
    let page = ada.get(&wins).await;
    page.assert_contains("Ran the study group");
    assert!(!page.body.contains("Shared her lesson plan"));
    assert!(!page.body.contains("/feature"));
    let tutor = k.app.signed_in("tutor@example.org").await;
    let page = tutor.get(&wins).await;
    page.assert_contains("Ran the study group").assert_contains("Shared her lesson plan");
    assert!(!ada.get(&home).await.body.contains("Win of the Week</h2>"));

    let ids = crate::social_ids(&k.app, "SELECT id FROM nominations ORDER BY id").await;
    let feature = format!("{wins}/{}/feature", ids[0]);
    assert_eq!(ada.post(&feature, &[("featured", "1")]).await.status, 403);
    tutor.post(&feature, &[("featured", "1")]).await;
    let h = cy.get(&home).await;
    h.assert_contains("Win of the Week").assert_contains("Ran the study group all week");
    assert!(!h.body.contains("Shared her lesson plan"), "only featured wins reach the home");
    assert_eq!(notifications_of_kind(&k.app, "featured").await, 1);
    // Featuring again tells nobody twice; taking it back takes it off the home.
    tutor.post(&feature, &[("featured", "1")]).await;
    assert_eq!(notifications_of_kind(&k.app, "featured").await, 1);
    tutor.post(&feature, &[("featured", "0")]).await;
    assert!(!cy.get(&home).await.body.contains("Ran the study group"));

    // Past weeks stay viewable.
    nomination::ActiveModel {
        course_id: Set(k.course),
        week: Set("2026-W02".into()),
        nominee_id: Set(k.ada),
        nominator_id: Set(Some(k.bo)),
        reason: Set("First week's hero".into()),
        featured: Set(true),
        created_at: Set(0),
        ..Default::default()
    }
    .insert(k.app.db())
    .await
    .unwrap();
    cy.get(&wins).await.assert_contains("?week=2026-W02");
    cy.get(&format!("{wins}?week=2026-W02")).await.assert_status(200).assert_contains("First week&#39;s hero");
    cy.get(&format!("{wins}?week=2026-W99")).await.assert_status(404);
}
both!(a_featured_win_shows_on_the_course_home);

async fn birthdays_only_when_opted_in(b: Backend) {
    let k = small_class(b, "Recognition").await;
    // The test course's zone is Europe/Oslo.
    let today = homeroom::celebrations::today_in("Europe/Oslo");
    let mmdd = format!("{:02}-{:02}", today.month(), today.day());
    let other_day = format!("{:02}-{:02}", today.month(), if today.day() == 1 { 2 } else { 1 });
    for (id, birthday) in [(k.ada, &mmdd), (k.bo, &mmdd)] {
        profile::ActiveModel {
            user_id: Set(id),
            organisation: Set(String::new()),
            circumstances: Set(String::new()),
            birthday: Set(Some(birthday.clone())),
            updated_at: Set(0),
        }
        .insert(k.app.db())
        .await
        .unwrap();
    }
    let cy = crate::social_ids(&k.app, "SELECT id FROM users WHERE email = 'cy@example.org'").await[0];
    profile::ActiveModel {
        user_id: Set(cy),
        organisation: Set(String::new()),
        circumstances: Set(String::new()),
        birthday: Set(Some(other_day.clone())),
        updated_at: Set(0),
    }
    .insert(k.app.db())
    .await
    .unwrap();
    let path = format!("/courses/{}/celebrations/birthday", k.course);
    let ada = k.app.signed_in("ada@example.org").await;
    ada.post(&path, &[("celebrate", "on")]).await;
    k.app.signed_in("cy@example.org").await.post(&path, &[("celebrate", "on")]).await;
    ada.post(&path, &[("celebrate", "sometimes")]).await.assert_status(400);
    let obs = k.app.signed_in("obs@example.org").await;
    assert_eq!(obs.post(&path, &[("celebrate", "on")]).await.status, 403);

    let home = format!("/courses/{}", k.course);
    let page = obs.get(&home).await;
    page.assert_contains("Happy birthday, Ada Lovelace!");
    assert!(!page.body.contains("Happy birthday, Bo Berg"), "Bo did not opt in");
    assert!(!page.body.contains("Happy birthday, Cy Cole"), "not Cy's day");
    assert!(!page.body.contains(&mmdd) && !page.body.contains(&other_day), "the date is never shown");
    // Opting out ends it.
    ada.post(&path, &[("celebrate", "off")]).await;
    assert!(!obs.get(&home).await.body.contains("Happy birthday"));
}
both!(birthdays_only_when_opted_in);

async fn milestones_and_congratulations(b: Backend) {
    let k = small_class(b, "Recognition").await;
    let base = format!("/courses/{}/celebrations", k.course);
    let ada = k.app.signed_in("ada@example.org").await;
    ada.post(&format!("{base}/milestones"), &[("body", "Finished my first assignment")]).await;
    ada.post(&format!("{base}/milestones"), &[("body", "")]).await.assert_status(422);
    let id = crate::social_ids(&k.app, "SELECT id FROM milestones").await[0];
    let cheer = format!("{base}/milestones/{id}/cheer");
    let bo = k.app.signed_in("bo@example.org").await;
    bo.post(&cheer, &[]).await;
    k.app.signed_in("cy@example.org").await.post(&cheer, &[]).await;
    bo.get(&format!("/courses/{}", k.course))
        .await
        .assert_contains("Finished my first assignment")
        .assert_contains("Congratulate · 2");
    // A second press takes it back.
    bo.post(&cheer, &[]).await;
    assert_eq!(k.app.count("milestone_cheers").await, 1);
    let r = k.app.signed_in("out@example.org").await.post(&cheer, &[]).await;
    assert_eq!(r.status, 403, "members of another course cannot congratulate");
}
both!(milestones_and_congratulations);

async fn export_and_erasure_of_recognition(b: Backend) {
    let k = small_class(b, "Recognition").await;
    let c = k.course;
    let ada = k.app.signed_in("ada@example.org").await;
    let bo = k.app.signed_in("bo@example.org").await;
    ada.post(&format!("/courses/{c}/shout-outs"), &[("to", &k.bo.to_string()), ("body", "Great notes")]).await;
    bo.post(&format!("/courses/{c}/shout-outs"), &[("to", &k.ada.to_string()), ("body", "Thanks Ada")]).await;
    ada.post(&format!("/courses/{c}/wins"), &[("nominee", &k.bo.to_string()), ("reason", "First draft")]).await;
    // Nominating Bo again this week rewrites the reason rather than adding a row.
    ada.post(&format!("/courses/{c}/wins"), &[("nominee", &k.bo.to_string()), ("reason", "Helped everyone")]).await;
    assert_eq!(k.app.count("nominations").await, 1);
    bo.post(&format!("/courses/{c}/celebrations/milestones"), &[("body", "Submitted!")]).await;
    bo.post(&format!("/courses/{c}/celebrations/birthday"), &[("celebrate", "on")]).await;
    bo.post(&format!("/courses/{c}/messages/block"), &[("user_id", &k.ada.to_string())]).await;

    let export = homeroom::privacy::export_user(k.app.db(), "bo@example.org").await.unwrap();
    let t = &export["tables"];
    assert_eq!(t["shout_outs"].as_array().unwrap().len(), 2, "given and received");
    assert_eq!(t["nominations"][0]["reason"], "Helped everyone");
    assert_eq!(t["milestones"][0]["milestone"], "Submitted!");
    assert_eq!(t["birthday_optins"].as_array().unwrap().len(), 1);
    assert_eq!(t["blocks"].as_array().unwrap().len(), 1);

    homeroom::privacy::erase_user(k.app.db(), "bo@example.org").await.unwrap();
    for table in ["shout_outs", "nominations", "milestones", "birthday_optins", "blocks"] {
        assert_eq!(k.app.count(table).await, 0, "{table} kept something of Bo");
    }
    ada.get(&format!("/courses/{c}")).await.assert_status(200);
}
both!(export_and_erasure_of_recognition);
