//! Notifications that help (issue 11): groups published, a check-in opened, feedback;
//! a reply that mentions you is one notification; repeated events grouped in the centre
//! and the digest; follow and mute threads and spaces; the centre paged at a fixed cost.

use homeroom::db::entity::{notification, notification_subscription};
use homeroom::notifications::{self, Kind, New};
use homeroom::policy::Role;
use homeroom::time::now_ms;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};

use crate::both;
use crate::support::{Backend, TestApp};

async fn mine(app: &TestApp, user: i64) -> Vec<notification::Model> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .order_by_asc(notification::Column::Id)
        .all(app.db())
        .await
        .unwrap()
}

async fn of_kind(app: &TestApp, user: i64, kind: &str) -> Vec<notification::Model> {
    mine(app, user).await.into_iter().filter(|n| n.kind == kind).collect()
}

async fn num(app: &TestApp, sql: &str) -> i64 {
    let db = app.db();
    let row =
        db.query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_string())).await.unwrap().unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

async fn publishing_groups_tells_each_student_their_group_and_first_meeting(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Groups course", &t).await;
    let mut students = vec![];
    for i in 0..6 {
        let s = app.user(&format!("s{i}@example.org"), &format!("Student {i:02}")).await;
        app.enrol(&c, &s, Role::Student).await;
        students.push(s.id);
    }
    // An invitee is in no group and hears nothing.
    let invited = app.user("inv@example.org", "Ivy Invited").await;
    app.enrol(&c, &invited, Role::Student).await;
    app.db()
        .execute_raw(Statement::from_string(
            app.db().get_database_backend(),
            format!("UPDATE memberships SET state = 'invited' WHERE user_id = {}", invited.id),
        ))
        .await
        .unwrap();
    let tutor = app.signed_in("tutor@example.org").await;
    let set = crate::groups::make_set(&tutor, c.id, "breakout", "3", "1").await;
    tutor
        .post(
            &format!("/courses/{}/groups/{set}/rounds/1/when", c.id),
            &[("date", "2030-03-04"), ("time", "14:30"), ("link", "")],
        )
        .await;
    // A draft tells nobody.
    assert!(mine(&app, students[0]).await.is_empty());
    tutor.post(&format!("/courses/{}/groups/{set}/publish", c.id), &[]).await;
    for s in &students {
        let ns = of_kind(&app, *s, "groups").await;
        assert_eq!(ns.len(), 1, "{ns:?}");
        let subject = &ns[0].subject;
        assert!(subject.starts_with("Test groups · group "), "{subject}");
        assert!(subject.contains("first meeting 4 Mar 2030, 14:30"), "{subject}");
        assert!(subject.contains("facilitator") || subject.contains("you facilitate it"), "{subject}");
        assert_eq!(ns[0].link, format!("/courses/{}/groups/{set}", c.id));
    }
    assert!(mine(&app, invited.id).await.is_empty(), "invitees are not told");
    // Publishing again tells nobody twice.
    tutor.post(&format!("/courses/{}/groups/{set}/publish", c.id), &[]).await;
    assert_eq!(of_kind(&app, students[0], "groups").await.len(), 1);
    let s0 = app.signed_in("s0@example.org").await;
    s0.get("/notifications").await.assert_status(200).assert_contains("Your group is ready: Test groups · group ");
}
both!(publishing_groups_tells_each_student_their_group_and_first_meeting);

async fn an_opened_checkin_tells_the_groups(b: Backend) {
    let k = crate::support::class(b, "Check-ins").await;
    let app = &k.app;
    let tutor = app.signed_in("tutor@example.org").await;
    let set = crate::groups::make_set(&tutor, k.course, "partners", "2", "1").await;
    tutor.post(&format!("/courses/{}/groups/{set}/publish", k.course), &[]).await;
    let r = tutor
        .post(
            &format!("/courses/{}/groups/{set}/checkins", k.course),
            &[("title", "Week 2"), ("prompt", "How was it?")],
        )
        .await;
    let path = r.location.clone().unwrap();
    for s in [k.ada, k.bo] {
        let ns = of_kind(app, s, "checkin").await;
        assert_eq!(ns.len(), 1, "{ns:?}");
        assert_eq!(ns[0].subject, "Week 2");
        assert_eq!(ns[0].link, path);
        assert_eq!(ns[0].actor_id, Some(k.tutor));
    }
    assert!(of_kind(app, k.tutor, "checkin").await.is_empty(), "the tutor opened it");
    assert!(of_kind(app, k.outsider, "checkin").await.is_empty());
    let ada = app.signed_in("ada@example.org").await;
    ada.get("/notifications").await.assert_contains("A check-in is open for your group: Week 2");
}
both!(an_opened_checkin_tells_the_groups);

async fn feedback_tells_the_student(b: Backend) {
    let k = crate::support::class(b, "Feedback").await;
    let app = &k.app;
    let link = format!("/courses/{}/feedback/1", k.course);
    notifications::events::feedback(app.db(), k.course, k.ada, k.tutor, "Your essay plan", &link).await.unwrap();
    notifications::events::feedback(app.db(), k.course, k.ada, k.tutor, "Your second draft", &link).await.unwrap();
    let ns = of_kind(app, k.ada, "feedback").await;
    assert_eq!(ns.len(), 2, "each piece of feedback is its own notice");
    let ada = app.signed_in("ada@example.org").await;
    ada.get("/notifications")
        .await
        .assert_contains("Tess Tutor gave you feedback: Your essay plan")
        .assert_contains("Tess Tutor gave you feedback: Your second draft");
}
both!(feedback_tells_the_student);

async fn a_reply_that_mentions_you_is_one_notification(b: Backend) {
    let k = crate::forum::class(b).await;
    let [ada, bo, chen, _] = k.ids;
    let space = k.space("coffee").await;
    let (t, opening) = k.start(&k.ada, space, "Hello", "Hi all").await;
    k.reply(&k.bo, t, Some(opening), "Hi @Ada Lovelace and @Chen Wu!").await;
    let ns = mine(&k.app, ada).await;
    assert_eq!(ns.len(), 1, "{ns:?}");
    assert_eq!(ns[0].kind, "reply");
    assert_eq!(of_kind(&k.app, chen, "mention").await.len(), 1, "the others mentioned still hear");
    assert!(mine(&k.app, bo).await.is_empty());
    // Both mentions are still recorded (search by mention, the contact ledger).
    assert_eq!(k.app.count("forum_mentions").await, 2);
}
both!(a_reply_that_mentions_you_is_one_notification);

async fn repeated_replies_are_grouped_in_the_centre_and_the_digest(b: Backend) {
    let k = crate::forum::class(b).await;
    let [ada, _, _, _] = k.ids;
    let space = k.space("introductions").await;
    let (t, _) = k.start(&k.ada, space, "Introduce yourself", "Hello from Oslo").await;
    for i in 0..12 {
        let who = if i % 2 == 0 { &k.bo } else { &k.chen };
        k.reply(who, t, None, &format!("Reply number {i}")).await;
    }
    let ns = mine(&k.app, ada).await;
    assert_eq!(ns.len(), 1, "twelve replies, one notification: {ns:?}");
    assert_eq!(ns[0].events, 12);
    assert_eq!(ns[0].actor_id, Some(k.ids[2]), "the latest replier");
    let first_reply =
        num(&k.app, &format!("SELECT MIN(id) AS n FROM forum_posts WHERE thread_id = {t} AND opening = false")).await;
    assert!(ns[0].link.ends_with(&format!("#post-{first_reply}")), "opens at the first new reply: {}", ns[0].link);
    k.ada
        .get("/notifications")
        .await
        .assert_status(200)
        .assert_contains("12 new replies in “Introduce yourself”, the latest from Chen Wu");

    // The digest says the same, once; after it a new reply starts a new notice.
    let later = now_ms() + 2 * 24 * 3_600_000;
    assert_eq!(notifications::email::sweep(&k.app.state, later).await.unwrap(), 1);
    let body =
        num(&k.app, "SELECT COUNT(*) AS n FROM emails WHERE body_text LIKE '%12 new replies in “Introduce yourself”%'")
            .await;
    assert_eq!(body, 1, "the digest groups the replies too");
    k.reply(&k.bo, t, None, "One more").await;
    let ns = mine(&k.app, ada).await;
    assert_eq!(ns.len(), 2);
    assert_eq!(ns[1].events, 1);
    k.ada.get("/notifications").await.assert_contains("Bo Berg replied: Introduce yourself");

    // Plurals in Norwegian through Fluent.
    let nb = homeroom::i18n::message(
        homeroom::i18n::Locale::Nb,
        "notification-reply-grouped",
        &[("count", "12"), ("actor", "Bo"), ("subject", "Hei")],
    );
    assert_eq!(nb, "12 nye svar i «Hei», det siste fra Bo");
}
both!(repeated_replies_are_grouped_in_the_centre_and_the_digest);

async fn messages_in_one_conversation_are_grouped(b: Backend) {
    let k = crate::support::class(b, "Messages").await;
    let app = &k.app;
    let list = format!("/courses/{}/messages", k.course);
    let ada = app.signed_in("ada@example.org").await;
    let r = ada.post(&list, &[("to", &k.bo.to_string()), ("body", "Coffee chat?")]).await;
    let conv = r.location.clone().unwrap();
    ada.post(&conv, &[("body", "Tomorrow at ten?")]).await;
    ada.post(&conv, &[("body", "Or Friday")]).await;
    let ns = of_kind(app, k.bo, "message").await;
    assert_eq!(ns.len(), 1, "{ns:?}");
    assert_eq!(ns[0].events, 3);
    // The grouped notice opens the conversation at the first message Bo has not read.
    let first = num(
        app,
        &format!("SELECT MIN(id) AS n FROM messages WHERE conversation_id = {}", conv.rsplit('/').next().unwrap()),
    )
    .await;
    assert!(ns[0].link.ends_with(&format!("?message={first}#message-{first}")), "{}", ns[0].link);
    let page = app.signed_in("bo@example.org").await.get(&ns[0].link).await;
    page.assert_status(200).assert_contains(&format!("id=\"message-{first}\"")).assert_contains("Coffee chat?");
    app.signed_in("bo@example.org")
        .await
        .get("/notifications")
        .await
        .assert_contains("3 new messages, the latest from Ada Lovelace: Or Friday");
}
both!(messages_in_one_conversation_are_grouped);

async fn following_and_muting_threads_and_spaces(b: Backend) {
    let k = crate::forum::class(b).await;
    let [ada, bo, chen, olly] = k.ids;
    let space = k.space("coffee").await;
    let (t, opening) = k.start(&k.ada, space, "Weekend plans", "Anyone hiking?").await;
    let thread = format!("{}/threads/{t}", k.c());
    k.chen
        .get(&thread)
        .await
        .assert_contains("You hear about replies to your own posts here.")
        .assert_contains("Follow this thread");

    // Chen follows a thread she never posted in and hears of its replies.
    let r = k.chen.post(&format!("{thread}/hearing"), &[("choice", "follow")]).await;
    assert!(r.redirects_to(&format!("{thread}#hearing")), "{r:?}");
    k.chen.get(&thread).await.assert_contains("You follow this thread").assert_contains("Stop following");
    k.reply(&k.bo, t, Some(opening), "Yes, Saturday!").await;
    assert_eq!(of_kind(&k.app, chen, "reply").await.len(), 1);
    assert_eq!(of_kind(&k.app, ada, "reply").await.len(), 1);

    // Ada mutes her own thread: what was waiting is quieted, replies no longer reach her,
    // a mention by name still does.
    k.ada.post(&format!("{thread}/hearing"), &[("choice", "mute")]).await;
    assert!(of_kind(&k.app, ada, "reply").await.iter().all(|n| n.read_at.is_some()), "muting quiets what waits");
    k.reply(&k.bo, t, Some(opening), "Bring boots").await;
    assert_eq!(of_kind(&k.app, ada, "reply").await.len(), 1, "nothing new after the mute");
    k.reply(&k.bo, t, None, "What do you think, @Ada Lovelace?").await;
    assert_eq!(of_kind(&k.app, ada, "mention").await.len(), 1, "a mention comes through a mute");
    // A bad choice is refused; an observer may choose too (it is their own inbox).
    k.ada.post(&format!("{thread}/hearing"), &[("choice", "shout")]).await.assert_status(400);
    k.olly.post(&format!("{thread}/hearing"), &[("choice", "follow")]).await;
    k.reply(&k.chen, t, None, "Count me in").await;
    assert_eq!(of_kind(&k.app, olly, "reply").await.len(), 1);

    // A space: Bo follows it and hears of new threads and of replies in them.
    let space_path = format!("{}/spaces/{space}", k.c());
    k.bo.post(&format!("{space_path}/hearing"), &[("choice", "follow")]).await;
    k.bo.get(&space_path).await.assert_contains("You follow this space");
    let (t2, _) = k.start(&k.chen, space, "Book club", "Who reads?").await;
    assert_eq!(of_kind(&k.app, bo, "thread").await.len(), 1);
    k.reply(&k.ada, t2, None, "Me").await;
    assert_eq!(of_kind(&k.app, bo, "reply").await.iter().filter(|n| n.thread_id == Some(t2)).count(), 1);
    // Muting the one thread beats following the space.
    k.bo.post(&format!("{}/threads/{t2}/hearing", k.c()), &[("choice", "mute")]).await;
    k.reply(&k.ada, t2, None, "Me again").await;
    let in_t2: i32 =
        of_kind(&k.app, bo, "reply").await.iter().filter(|n| n.thread_id == Some(t2)).map(|n| n.events).sum();
    assert_eq!(in_t2, 1);

    // The settings page lists the choices; removing one goes back to the default.
    let page = k.bo.get("/notifications/settings").await;
    page.assert_status(200)
        .assert_contains("Book club")
        .assert_contains("Coffee shop")
        .assert_contains("Muted")
        .assert_contains("Following");
    let choice = notification_subscription::Entity::find()
        .filter(notification_subscription::Column::UserId.eq(bo))
        .filter(notification_subscription::Column::Target.eq("thread"))
        .one(k.app.db())
        .await
        .unwrap()
        .unwrap();
    // Someone else's choice is not theirs to remove.
    k.ada.post(&format!("/notifications/settings/{}/remove", choice.id), &[]).await.assert_status(404);
    let r = k.bo.post(&format!("/notifications/settings/{}/remove", choice.id), &[]).await;
    assert!(r.redirects_to("/notifications/settings"), "{r:?}");
    k.reply(&k.ada, t2, None, "Third time").await;
    let in_t2: i32 =
        of_kind(&k.app, bo, "reply").await.iter().filter(|n| n.thread_id == Some(t2)).map(|n| n.events).sum();
    assert_eq!(in_t2, 2, "following the space again brings replies");
    // Back to the default by the thread page's button.
    k.chen.post(&format!("{thread}/hearing"), &[("choice", "default")]).await;
    assert_eq!(
        num(&k.app, &format!("SELECT COUNT(*) AS n FROM notification_subscriptions WHERE user_id = {chen}")).await,
        0
    );
}
both!(following_and_muting_threads_and_spaces);

async fn the_centre_is_paged_at_a_fixed_cost(b: Backend) {
    let k = crate::support::class(b, "Paging").await;
    let app = &k.app;
    // 70 notices that do not group (each feedback is its own).
    for i in 0..70 {
        let link = format!("/courses/{}/feedback/{i}", k.course);
        let subject = format!("Note {i:02}");
        let n = New {
            user_id: k.ada,
            course_id: Some(k.course),
            kind: Kind::Feedback,
            actor_id: Some(k.tutor),
            subject: &subject,
            link: &link,
        };
        notifications::notify(app.db(), n).await.unwrap();
    }
    let ada = app.signed_in("ada@example.org").await;
    let first = ada.get("/notifications").await;
    first.assert_status(200).assert_contains("Note 69").assert_contains("Note 40");
    assert!(!first.body.contains("Note 39"), "a page holds thirty");
    assert!(!first.body.contains("rel=\"prev\""));
    let next = |body: &str| -> String {
        let i = body.find("rel=\"next\" href=\"").expect("a next link") + "rel=\"next\" href=\"".len();
        body[i..].split('"').next().unwrap().replace("&amp;", "&")
    };
    let second = ada.get(&next(&first.body)).await;
    second.assert_status(200).assert_contains("Note 39").assert_contains("Note 10").assert_contains("rel=\"prev\"");
    assert!(!second.body.contains("Note 40") && !second.body.contains("Note 09"));
    let third = ada.get(&next(&second.body)).await;
    third.assert_status(200).assert_contains("Note 09").assert_contains("Note 00");
    assert!(!third.body.contains("rel=\"next\""));
    assert_eq!(first.statements, second.statements, "page two costs what page one costs");
    assert_eq!(second.statements, third.statements);
    // Mark all read still covers every page.
    ada.post("/notifications/read-all", &[]).await;
    assert_eq!(
        num(app, &format!("SELECT COUNT(*) AS n FROM notifications WHERE user_id = {} AND read_at IS NULL", k.ada))
            .await,
        0
    );
}
both!(the_centre_is_paged_at_a_fixed_cost);

async fn the_demo_centre_has_real_notifications(b: Backend) {
    let app = TestApp::spawn(b).await;
    homeroom::demo::seed(app.db(), &app.state.mailer, &app.base, &|_| {}).await.unwrap();
    let student = app.browser();
    student.sign_in(&homeroom::demo::sign_ins()[2].1, homeroom::demo::PASSWORD).await;
    let page = student.get("/notifications").await;
    page.assert_status(200).assert_contains("Your group is ready").assert_contains("A check-in is open for your group");
    let tutor = app.browser();
    tutor.sign_in(&homeroom::demo::sign_ins()[0].1, homeroom::demo::PASSWORD).await;
    tutor.get("/notifications").await.assert_status(200).assert_contains("new replies in");
    student.get("/notifications/settings").await.assert_status(200).assert_contains("Following");
    // Nothing of it is emailed to the demo's made-up addresses.
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM notifications WHERE emailed_at IS NULL").await, 0);
}
both!(the_demo_centre_has_real_notifications);
