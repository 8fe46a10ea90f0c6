//! The account takeover chain of issue 10, item 2, link by link: claiming an address
//! through a join link, being added to a course (even to its teaching team) without
//! saying yes, and moving an account to another address with a stolen session.

use homeroom::db::entity::membership;
use homeroom::policy::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::both;
use crate::support::{Backend, Options, PASSWORD, TestApp, link_in, smtp_server};

fn unique(b: Backend, who: &str) -> String {
    format!("{who}-{b:?}-{}@example.org", std::process::id()).to_lowercase()
}

async fn state_of(app: &TestApp, course_id: i64, user_id: i64) -> Option<String> {
    membership::Entity::find()
        .filter(membership::Column::CourseId.eq(course_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(app.db())
        .await
        .unwrap()
        .map(|m| m.state)
}

async fn join(app: &TestApp, code: &str, name: &str, email: &str, password: &str) -> crate::support::Resp {
    app.browser()
        .post(
            &format!("/join/{code}"),
            &[("name", name), ("email", email), ("password", password), ("confirm", password)],
        )
        .await
}

async fn a_join_link_account_does_nothing_until_its_owner_confirms_it(b: Backend) {
    let app = TestApp::spawn_with(b, Options { smtp: true, ..Default::default() }).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Joinable", &t).await;
    let code = c.join_code.clone().unwrap();
    let victim = unique(b, "vera");

    // Mallory signs up first with Vera's address: no session, no course, no sign-in.
    let mallory = app.browser();
    let r = mallory
        .post(
            &format!("/join/{code}"),
            &[
                ("name", "Mallory"),
                ("email", &victim),
                ("password", "mallory's password"),
                ("confirm", "mallory's password"),
            ],
        )
        .await;
    r.assert_status(200).assert_contains("Check your email");
    assert!(!r.set_cookies.iter().any(|c| c.starts_with("hr_session=")), "no session before confirmation");
    assert!(mallory.get(&format!("/courses/{}", c.id)).await.redirects_to("/sign-in"));
    let r = app.browser().post("/sign-in", &[("email", &victim), ("password", "mallory's password")]).await;
    r.assert_status(403).assert_contains("confirm your email address");
    let claimed = homeroom::accounts::find_by_email(app.db(), &victim).await.unwrap().unwrap();
    assert!(claimed.unconfirmed);
    assert_eq!(state_of(&app, c.id, claimed.id).await.as_deref(), Some("invited"));
    let mails = smtp_server().wait_for(&victim, 1).await;
    let mallorys_link = link_in(&mails[0].body, &app.base).expect("a confirmation link");
    assert!(mallorys_link.starts_with("/confirm/"));
    // The token is stored only as a hash.
    let token = mallorys_link.trim_start_matches("/confirm/");
    assert_eq!(app.count("email_confirmations").await, 1);
    assert!(
        homeroom::db::entity::email_confirmation::Entity::find()
            .filter(homeroom::db::entity::email_confirmation::Column::TokenHash.eq(token))
            .one(app.db())
            .await
            .unwrap()
            .is_none()
    );

    // Vera, who really owns the address, signs up: Mallory's claim is gone.
    join(&app, &code, "Vera Victim", &victim, PASSWORD).await.assert_status(200);
    let mails = smtp_server().wait_for(&victim, 2).await;
    let veras_link =
        mails.iter().filter_map(|m| link_in(&m.body, &app.base)).find(|l| *l != mallorys_link).expect("a second link");
    app.browser().get(&mallorys_link).await.assert_status(410);
    let fresh = homeroom::accounts::find_by_email(app.db(), &victim).await.unwrap().unwrap();
    assert_eq!((fresh.id, fresh.name.as_str()), (claimed.id, "Vera Victim"));
    // Even with Vera's link, Mallory's password does nothing; Vera's confirms.
    let vera = app.browser();
    vera.get(&veras_link).await.assert_status(200).assert_contains("Type the password");
    vera.post(&veras_link, &[("password", "mallory's password")]).await.assert_status(401);
    let r = vera.post(&veras_link, &[("password", PASSWORD)]).await;
    assert!(r.redirects_to("/"), "{r:?}");
    vera.get(&format!("/courses/{}", c.id)).await.assert_status(200).assert_contains("Vera Victim");
    assert_eq!(state_of(&app, c.id, fresh.id).await.as_deref(), Some("active"));
    // Single use.
    app.browser().get(&veras_link).await.assert_status(410);
    app.browser().post("/sign-in", &[("email", &victim), ("password", "mallory's password")]).await.assert_status(401);
    // Now the address has a real account: a join link cannot claim it any more (the
    // answer looks like any sign-up's, and the owner is told by email).
    join(&app, &code, "Mallory", &victim, "mallory's password")
        .await
        .assert_status(200)
        .assert_contains("Check your email");
    app.browser().post("/sign-in", &[("email", &victim), ("password", "mallory's password")]).await.assert_status(401);
    let still = homeroom::accounts::find_by_email(app.db(), &victim).await.unwrap().unwrap();
    assert_eq!((still.id, still.unconfirmed), (fresh.id, false));
}
both!(a_join_link_account_does_nothing_until_its_owner_confirms_it);

async fn an_invitation_replaces_an_unconfirmed_account(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let open = app.course("Open course", &t).await;
    let other = app.course("Invited course", &t).await;
    join(&app, open.join_code.as_deref().unwrap(), "Mallory", "zed@example.org", "mallory's password")
        .await
        .assert_status(200);
    let claimed = homeroom::accounts::find_by_email(app.db(), "zed@example.org").await.unwrap().unwrap();
    let tutor = app.signed_in("tutor@example.org").await;
    let path = format!("/courses/{}/invite", other.id);
    tutor.post(&path, &[("name", "Zed Real"), ("email", "zed@example.org"), ("role", "student")]).await;
    let zed = homeroom::accounts::find_by_email(app.db(), "zed@example.org").await.unwrap().unwrap();
    assert_eq!((zed.id, zed.name.as_str(), zed.password_hash.is_none()), (claimed.id, "Zed Real", true));
    assert!(!zed.unconfirmed, "the invitation link proves the address when followed");
    assert_eq!(state_of(&app, open.id, zed.id).await, None, "Mallory's join is gone");
    assert_eq!(state_of(&app, other.id, zed.id).await.as_deref(), Some("invited"));
    app.browser()
        .post("/sign-in", &[("email", "zed@example.org"), ("password", "mallory's password")])
        .await
        .assert_status(401);
}
both!(an_invitation_replaces_an_unconfirmed_account);

async fn an_invitation_to_an_existing_account_waits_for_an_answer(b: Backend) {
    let app = TestApp::spawn_with(b, Options { smtp: true, ..Default::default() }).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Team course", &t).await;
    let bo_email = unique(b, "bo");
    let bo = app.user(&bo_email, "Bo Berg").await;
    let tutor = app.signed_in("tutor@example.org").await;
    let path = format!("/courses/{}/invite", c.id);
    assert!(tutor.post(&path, &[("name", "Bo Berg"), ("email", &bo_email), ("role", "ta")]).await.redirects_to(&path));
    assert_eq!(state_of(&app, c.id, bo.id).await.as_deref(), Some("invited"));

    // Not on the teaching team, nor in the course, until Bo says yes.
    let bob = app.signed_in(&bo_email).await;
    bob.get(&format!("/courses/{}", c.id)).await.assert_status(403);
    bob.get(&format!("/courses/{}/members", c.id)).await.assert_status(403);
    let home = bob.get("/").await;
    home.assert_contains("You have an invitation").assert_contains("href=\"/invitations\"");
    assert!(!home.body.contains("Team course"), "not among Bo's courses yet");
    let mail = smtp_server().wait_for(&bo_email, 1).await.remove(0);
    assert!(mail.body.contains("as Teaching assistant"), "{}", mail.body);
    assert_eq!(link_in(&mail.body, &app.base).as_deref(), Some("/invitations"));
    bob.get("/invitations")
        .await
        .assert_status(200)
        .assert_contains("Team course")
        .assert_contains("Accept as Teaching assistant")
        .assert_contains("private notes");
    // Another person cannot answer Bo's invitation.
    let other = app.user("other@example.org", "Otto").await;
    let otto = app.signed_in("other@example.org").await;
    otto.post(&format!("/invitations/{}/accept", c.id), &[]).await.assert_status(404);
    assert_eq!(state_of(&app, c.id, other.id).await, None);

    assert!(bob.post(&format!("/invitations/{}/accept", c.id), &[]).await.redirects_to(&format!("/courses/{}", c.id)));
    bob.get(&format!("/courses/{}/members", c.id)).await.assert_status(200);
    assert_eq!(state_of(&app, c.id, bo.id).await.as_deref(), Some("active"));
    // Answered once.
    bob.post(&format!("/invitations/{}/decline", c.id), &[]).await.assert_status(404);

    // Declining removes the invitation; a roster import invites the same way.
    let second = app.course("Second course", &t).await;
    let csv = format!("name,email,role\nBo Berg,{bo_email},tutor\n");
    let form = reqwest::multipart::Form::new().text("csv", csv).text("confirm", "1");
    tutor.post_multipart(&format!("/courses/{}/roster", second.id), form).await;
    assert_eq!(state_of(&app, second.id, bo.id).await.as_deref(), Some("invited"));
    bob.get("/invitations").await.assert_contains("Accept as Tutor");
    assert!(bob.post(&format!("/invitations/{}/decline", second.id), &[]).await.redirects_to("/invitations"));
    assert_eq!(state_of(&app, second.id, bo.id).await, None);
    bob.get(&format!("/courses/{}", second.id)).await.assert_status(403);
    let _ = Role::Ta;
}
both!(an_invitation_to_an_existing_account_waits_for_an_answer);

async fn changing_the_email_needs_the_password_and_the_new_address(b: Backend) {
    let app = TestApp::spawn_with(b, Options { smtp: true, ..Default::default() }).await;
    let old = unique(b, "ada-old");
    let new = unique(b, "ada-new");
    app.user(&old, "Ada").await;
    let br = app.signed_in(&old).await;
    let form =
        |pw: &'static str| vec![("name", "Ada"), ("locale", "en"), ("time_zone", "UTC"), ("current_password", pw)];
    let post = |pw: &'static str| {
        let mut f = form(pw);
        f.push(("email", new.as_str()));
        f
    };
    // A stolen session alone cannot move the account.
    br.post("/account", &post("")).await.assert_status(422).assert_contains("type your current password");
    br.post("/account", &post("not my password")).await.assert_status(422);
    assert!(homeroom::accounts::find_by_email(app.db(), &new).await.unwrap().is_none());

    assert!(br.post("/account", &post(PASSWORD)).await.redirects_to("/account"));
    // Not yet: only when the link sent to the new address is followed.
    assert!(homeroom::accounts::find_by_email(app.db(), &old).await.unwrap().is_some());
    br.get("/account").await.assert_contains("Waiting for you to confirm");
    let notice = smtp_server().wait_for(&old, 1).await.remove(0);
    assert!(notice.body.contains(&new) && notice.body.contains("change your password"), "{}", notice.body);
    assert!(
        !notice.body.contains("/confirm/") && link_in(&notice.body, &app.base).is_none(),
        "no link to the old address"
    );
    let confirm = smtp_server().wait_for(&new, 1).await.remove(0);
    let link = link_in(&confirm.body, &app.base).unwrap();

    // Following it from any browser (the link proves the new address) changes it.
    let r = app.browser().post(&link, &[]).await;
    assert!(r.redirects_to("/account"), "{r:?}");
    assert!(homeroom::accounts::find_by_email(app.db(), &old).await.unwrap().is_none());
    app.browser().sign_in(&new, PASSWORD).await;
    app.browser().post(&link, &[]).await.assert_status(410);

    // A password change cancels a change still waiting for its link.
    let third = unique(b, "ada-third");
    let br = app.signed_in(&new).await;
    let mut f = form(PASSWORD);
    f.push(("email", third.as_str()));
    br.post("/account", &f).await;
    let link = link_in(&smtp_server().wait_for(&third, 1).await.remove(0).body, &app.base).unwrap();
    br.post(
        "/account/password",
        &[("current", PASSWORD), ("password", "another fine password"), ("confirm", "another fine password")],
    )
    .await;
    app.browser().post(&link, &[]).await.assert_status(410);
    assert!(homeroom::accounts::find_by_email(app.db(), &third).await.unwrap().is_none());
}
both!(changing_the_email_needs_the_password_and_the_new_address);
