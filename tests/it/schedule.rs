//! Scheduled and recurring posts: the teaching team's list and form, and the job that
//! posts each occurrence exactly once, run directly and by the app's own worker.

use crate::both;
use crate::support::{Backend, TestApp, eventually};
use homeroom::policy::Role;
use sea_orm::{ConnectionTrait, Statement};

async fn num(app: &TestApp, sql: &str) -> i64 {
    let row = app
        .db()
        .query_one_raw(Statement::from_string(app.db().get_database_backend(), sql.to_string()))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

async fn exec(app: &TestApp, sql: &str) {
    app.db().execute_raw(Statement::from_string(app.db().get_database_backend(), sql.to_string())).await.unwrap();
}

fn tomorrow() -> String {
    jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
        .date()
        .tomorrow()
        .unwrap()
        .to_string()
}

async fn scheduled_posts_go_out_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Scheduling", &t).await;
    let s = app.user("sam@example.org", "Sam Student").await;
    app.enrol(&c, &s, Role::Student).await;
    let list = format!("/courses/{}/scheduled", c.id);
    let tutor = app.signed_in("tutor@example.org").await;
    tutor.get(&list).await.assert_status(200).assert_contains("Nothing is scheduled.");
    let announcements = num(
        &app,
        &format!("SELECT id AS n FROM forum_spaces WHERE course_id = {} AND default_key = 'announcements'", c.id),
    )
    .await
    .to_string();
    let day = tomorrow();

    // What is wrong is said in plain words, and nothing is written.
    tutor
        .post(
            &list,
            &[("space_id", &announcements), ("title", "Hi"), ("body", "x"), ("date", "2020-01-01"), ("time", "08:00")],
        )
        .await
        .assert_status(422)
        .assert_contains("That moment has passed");
    tutor
        .post(
            &list,
            &[
                ("space_id", &announcements),
                ("title", "Hi"),
                ("body", "x"),
                ("date", &day),
                ("time", "08:00"),
                ("repeat", "weekly"),
            ],
        )
        .await
        .assert_status(422)
        .assert_contains("Tick at least one day");
    assert_eq!(app.count("scheduled_posts").await, 0);

    let r = tutor
        .post(
            &list,
            &[
                ("space_id", &announcements),
                ("title", "Welcome to week two"),
                ("body", "Hello @Sam Student"),
                ("date", &day),
                ("time", "08:00"),
            ],
        )
        .await;
    assert!(r.redirects_to(&list), "{r:?}");
    let r = tutor
        .post(
            &list,
            &[
                ("space_id", &announcements),
                ("title", "Lunchtime question"),
                ("body", "What did you try today?"),
                ("date", &day),
                ("time", "12:00"),
                ("repeat", "weekly"),
                ("d1", "on"),
                ("d2", "on"),
                ("d3", "on"),
                ("d4", "on"),
                ("d5", "on"),
                ("d6", "on"),
                ("d7", "on"),
                ("date_in_title", "on"),
            ],
        )
        .await;
    assert!(r.redirects_to(&list), "{r:?}");
    tutor
        .get(&list)
        .await
        .assert_contains("Welcome to week two")
        .assert_contains("Lunchtime question")
        .assert_contains("Every day at 12:00");
    // Students do not see what the teaching team has planned.
    assert_eq!(app.signed_in("sam@example.org").await.get(&list).await.status, 403);

    // The one-off: its job is queued under a key naming the occurrence.
    let once = num(&app, "SELECT id AS n FROM scheduled_posts WHERE title = 'Welcome to week two'").await;
    let at = num(&app, &format!("SELECT next_at AS n FROM scheduled_posts WHERE id = {once}")).await;
    assert_eq!(
        num(&app, &format!("SELECT COUNT(*) AS n FROM jobs WHERE dedupe_key = 'schedule:{once}:{at}'")).await,
        1
    );
    // Run twice (a retry after a crash, or two replicas): one thread.
    let first = homeroom::schedule::post_occurrence(app.db(), once, at, at + 1_000).await.unwrap();
    assert!(first.is_some());
    assert_eq!(homeroom::schedule::post_occurrence(app.db(), once, at, at + 2_000).await.unwrap(), None);
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM forum_threads WHERE title = 'Welcome to week two'").await, 1);
    assert_eq!(
        num(&app, &format!("SELECT COUNT(*) AS n FROM scheduled_post_runs WHERE schedule_id = {once}")).await,
        1
    );
    assert_eq!(
        num(
            &app,
            &format!("SELECT COUNT(*) AS n FROM notifications WHERE user_id = {} AND kind = 'announcement'", s.id)
        )
        .await,
        1,
        "members hear of the announcement once"
    );
    assert_eq!(
        num(&app, &format!("SELECT COUNT(*) AS n FROM notifications WHERE user_id = {} AND kind = 'mention'", s.id))
            .await,
        0,
        "an announcement that mentions you is one notification"
    );
    assert_eq!(
        num(&app, &format!("SELECT COUNT(*) AS n FROM scheduled_posts WHERE id = {once} AND status = 'done'")).await,
        1
    );

    // The recurring one, by the app's own worker once its job is due.
    let weekly = num(&app, "SELECT id AS n FROM scheduled_posts WHERE title = 'Lunchtime question'").await;
    let at = num(&app, &format!("SELECT next_at AS n FROM scheduled_posts WHERE id = {weekly}")).await;
    exec(&app, &format!("UPDATE jobs SET run_at = 0 WHERE dedupe_key = 'schedule:{weekly}:{at}'")).await;
    eventually(20, "the worker posts the lunchtime question", || async {
        num(&app, "SELECT COUNT(*) AS n FROM forum_threads WHERE title LIKE 'Lunchtime question – %'").await == 1
    })
    .await;
    assert_eq!(homeroom::schedule::post_occurrence(app.db(), weekly, at, at + 1_000).await.unwrap(), None);
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM forum_threads WHERE title LIKE 'Lunchtime question – %'").await, 1);
    // It moved on to the next occurrence and queued it.
    let next = num(&app, &format!("SELECT next_at AS n FROM scheduled_posts WHERE id = {weekly}")).await;
    assert!(next > at);
    assert_eq!(
        num(&app, &format!("SELECT COUNT(*) AS n FROM jobs WHERE dedupe_key = 'schedule:{weekly}:{next}'")).await,
        1
    );

    // Editing re-times it; the old occurrence's job then has nothing to do.
    let edit = format!("{list}/{weekly}/edit");
    tutor.get(&edit).await.assert_status(200).assert_contains("What did you try today?");
    let r = tutor
        .post(
            &edit,
            &[
                ("space_id", &announcements),
                ("title", "Lunchtime question"),
                ("body", "What surprised you today?"),
                ("date", &day),
                ("time", "12:30"),
                ("repeat", "weekly"),
                ("d1", "on"),
                ("d2", "on"),
                ("d3", "on"),
                ("d4", "on"),
                ("d5", "on"),
            ],
        )
        .await;
    assert!(r.redirects_to(&list), "{r:?}");
    tutor.get(&list).await.assert_contains("Every weekday at 12:30");
    let moved = num(&app, &format!("SELECT next_at AS n FROM scheduled_posts WHERE id = {weekly}")).await;
    assert_ne!(moved, next);
    assert_eq!(homeroom::schedule::post_occurrence(app.db(), weekly, next, next + 1).await.unwrap(), None);

    // Cancelled, it leaves the list and never goes out.
    let r = tutor.post(&format!("{list}/{weekly}/cancel"), &[]).await;
    assert!(r.redirects_to(&list), "{r:?}");
    tutor.get(&list).await.assert_contains("Nothing is scheduled.");
    assert_eq!(homeroom::schedule::post_occurrence(app.db(), weekly, moved, moved + 1).await.unwrap(), None);
    assert_eq!(tutor.post(&format!("{list}/{weekly}/cancel"), &[]).await.status, 404);

    // Another course's tutor cannot touch it.
    let other = app.user("other@example.org", "Otto Other").await;
    app.course("Elsewhere", &other).await;
    let otto = app.signed_in("other@example.org").await;
    assert_eq!(otto.get(&edit).await.status, 403);
}
both!(scheduled_posts_go_out_once);

async fn a_tutor_who_left_posts_nothing(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Scheduling", &t).await;
    let list = format!("/courses/{}/scheduled", c.id);
    let tutor = app.signed_in("tutor@example.org").await;
    tutor.get(&list).await;
    let space =
        num(&app, &format!("SELECT id AS n FROM forum_spaces WHERE course_id = {} AND default_key = 'coffee'", c.id))
            .await
            .to_string();
    let r = tutor
        .post(
            &list,
            &[
                ("space_id", &space),
                ("title", "Coffee?"),
                ("body", "Anyone?"),
                ("date", &tomorrow()),
                ("time", "09:00"),
            ],
        )
        .await;
    assert!(r.redirects_to(&list), "{r:?}");
    let id = num(&app, "SELECT id AS n FROM scheduled_posts").await;
    let at = num(&app, "SELECT next_at AS n FROM scheduled_posts").await;
    exec(&app, &format!("DELETE FROM memberships WHERE user_id = {}", t.id)).await;
    assert_eq!(homeroom::schedule::post_occurrence(app.db(), id, at, at + 1).await.unwrap(), None);
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM forum_threads").await, 0);
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM scheduled_posts WHERE status = 'cancelled'").await, 1);
}
both!(a_tutor_who_left_posts_nothing);

async fn the_demo_has_scheduled_posts(b: Backend) {
    let app = TestApp::spawn(b).await;
    homeroom::demo::seed(app.db(), &app.state.mailer, &app.base, &|_| {}).await.unwrap();
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM scheduled_posts WHERE status = 'pending'").await, 3);
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM scheduled_posts WHERE weekdays = 0").await, 1);
    // Four weeks of Monday messages and two weeks of lunchtime questions went out.
    let weekly = num(&app, "SELECT COUNT(*) AS n FROM forum_threads WHERE title LIKE 'Weekly message – %'").await;
    assert!((4..=5).contains(&weekly), "{weekly}");
    let lunch = num(&app, "SELECT COUNT(*) AS n FROM forum_threads WHERE title LIKE 'Lunchtime question – %'").await;
    assert!((9..=11).contains(&lunch), "{lunch}");
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM scheduled_post_runs").await, weekly + lunch);
    // Each schedule's next occurrence is queued under its key.
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'schedule.post' AND status = 'queued'").await, 3);
    let tutor = app.browser();
    tutor.sign_in(&homeroom::demo::sign_ins()[0].1, homeroom::demo::PASSWORD).await;
    let course = num(&app, "SELECT course_id AS n FROM scheduled_posts WHERE weekdays = 0").await;
    tutor
        .get(&format!("/courses/{course}/scheduled"))
        .await
        .assert_status(200)
        .assert_contains("Peer feedback opens on Thursday")
        .assert_contains("Every weekday at 12:00")
        .assert_contains("Every Monday at 08:00");
}
both!(the_demo_has_scheduled_posts);
