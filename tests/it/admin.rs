//! Site administration (courses, people, settings, failed jobs, the log of admins' visits),
//! archiving and copying a course, and people's own data export and erasure requests.

use sea_orm::{ConnectionTrait, Statement};

use crate::both;
use crate::social_ids;
use crate::support::{Backend, TestApp, class, eventually, link_in};

async fn exec(app: &TestApp, sql: &str) {
    app.db().execute_raw(Statement::from_string(app.db().get_database_backend(), sql.to_string())).await.unwrap();
}

async fn admin_lists_courses_and_people_with_paging_and_search(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    for title in ["Biology 101", "biology lab", "Chemistry", "Drama"] {
        app.course(title, &t).await;
    }
    for i in 0..4 {
        app.user(&format!("p{i}@example.org"), &format!("Person {i}")).await;
    }
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;

    // Three a page, then the fourth; no course twice. (Whether "biology lab" sorts
    // before "Chemistry" is the database's collation.)
    let titles = ["Biology 101", "biology lab", "Chemistry", "Drama"];
    let first = admin.get("/admin/courses?size=3").await;
    first.assert_status(200);
    let on_first: Vec<&str> = titles.iter().copied().filter(|t| first.body.contains(t)).collect();
    assert_eq!(on_first.len(), 3, "{on_first:?}");
    let next = first.body.split("rel=\"next\" href=\"").nth(1).and_then(|s| s.split('"').next()).unwrap();
    let second = admin.get(&next.replace("&amp;", "&")).await;
    second.assert_status(200);
    let on_second: Vec<&str> = titles.iter().copied().filter(|t| second.body.contains(t)).collect();
    assert_eq!(on_second.len(), 1, "{on_second:?}");
    assert!(!on_first.contains(&on_second[0]));
    assert!(!second.body.contains("rel=\"next\""));

    // Case does not matter, and wildcards are only text.
    let found = admin.get("/admin/courses?q=BIOLOGY").await;
    found.assert_contains("Biology 101").assert_contains("biology lab");
    assert!(!found.body.contains("Chemistry"));
    assert!(!admin.get("/admin/courses?q=%25").await.body.contains("Drama"));

    let people = admin.get("/admin/people?q=p2%40example").await;
    people.assert_status(200).assert_contains("Person 2");
    assert!(!people.body.contains("Person 3"));
    let paged = admin.get("/admin/people?size=2").await;
    assert!(paged.body.contains("rel=\"next\""), "more than two people: a next page");

    // Nobody else reaches the admin's pages.
    let tutor = app.signed_in("tutor@example.org").await;
    for path in ["/admin", "/admin/courses", "/admin/people", "/admin/settings", "/admin/jobs", "/admin/access"] {
        tutor.get(path).await.assert_status(403);
    }
}
both!(admin_lists_courses_and_people_with_paging_and_search);

async fn an_admin_outside_a_course_looks_after_it_without_reading_it_and_is_logged(b: Backend) {
    let c = class(b, "Flexible Learning").await;
    let app = &c.app;
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    // The class's conversations are not the admin's to read.
    admin.get(&format!("/courses/{}", c.course)).await.assert_status(403);
    admin.get(&format!("/courses/{}/spaces", c.course)).await.assert_status(403);
    admin.get(&format!("/courses/{}/messages", c.course)).await.assert_status(403);
    // Looking after the course is.
    admin.get(&format!("/courses/{}/members", c.course)).await.assert_status(200).assert_contains("Ada Lovelace");
    admin.get(&format!("/courses/{}/settings", c.course)).await.assert_status(200);
    assert_eq!(app.count("admin_access_log").await, 5, "every visit is logged, refused ones too");
    // Members' own visits are not.
    let tutor = app.signed_in("tutor@example.org").await;
    tutor.get(&format!("/courses/{}", c.course)).await.assert_status(200);
    assert_eq!(app.count("admin_access_log").await, 5);
    let log = admin.get(&format!("/admin/access?course={}", c.course)).await;
    log.assert_status(200).assert_contains("Flexible Learning").assert_contains("Site Admin");
    log.assert_contains(&format!("/courses/{}/members", c.course));
}
both!(an_admin_outside_a_course_looks_after_it_without_reading_it_and_is_logged);

async fn deleting_a_course_needs_its_title_typed(b: Backend) {
    let c = class(b, "Old Course").await;
    let app = &c.app;
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    let path = format!("/admin/courses/{}/delete", c.course);
    admin.get(&path).await.assert_status(200).assert_contains("Old Course");
    let wrong = admin.post(&path, &[("confirm", "Old")]).await;
    wrong.assert_status(422).assert_contains("value=\"Old\"");
    assert_eq!(social_ids(app, &format!("SELECT id FROM courses WHERE id = {}", c.course)).await.len(), 1);
    let r = admin.post(&path, &[("confirm", " Old  Course ")]).await;
    assert!(r.redirects_to("/admin/courses"), "{r:?}");
    assert!(social_ids(app, &format!("SELECT id FROM courses WHERE id = {}", c.course)).await.is_empty());
    assert!(social_ids(app, &format!("SELECT id FROM memberships WHERE course_id = {}", c.course)).await.is_empty());
}
both!(deleting_a_course_needs_its_title_typed);

async fn a_deactivated_person_cannot_sign_in_and_is_signed_out(b: Backend) {
    let c = class(b, "Course").await;
    let app = &c.app;
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    let ada = app.signed_in("ada@example.org").await;
    ada.get("/account").await.assert_status(200);
    let r = admin.post(&format!("/admin/people/{}/deactivate", c.ada), &[]).await;
    assert!(r.redirects_to(&format!("/admin/people/{}", c.ada)), "{r:?}");
    let r = ada.get("/account").await;
    assert!(r.redirects_to("/sign-in") || r.status == 401, "the session ended: {r:?}");
    let again = app.browser();
    let r = again.post("/sign-in", &[("email", "ada@example.org"), ("password", crate::support::PASSWORD)]).await;
    r.assert_status(403).assert_contains("deactivated");
    admin.get("/admin/people?q=ada").await.assert_contains("deactivated");
    admin.post(&format!("/admin/people/{}/reactivate", c.ada), &[]).await;
    app.signed_in("ada@example.org").await.get("/account").await.assert_status(200);
    // Not oneself: the admin would lock themselves out.
    let me = social_ids(app, "SELECT id FROM users WHERE email = 'admin@example.org'").await[0];
    admin.post(&format!("/admin/people/{me}/deactivate"), &[]).await.assert_status(400);
}
both!(a_deactivated_person_cannot_sign_in_and_is_signed_out);

async fn the_admin_sends_a_reset_link_exports_and_erases_a_person(b: Backend) {
    let c = class(b, "Course").await;
    let app = &c.app;
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    admin.post(&format!("/admin/people/{}/reset", c.bo), &[]).await;
    let body = app.only_email_body().await;
    let link = link_in(&body, &app.base).expect("a link in the email");
    assert!(link.starts_with("/set-password/"), "{link}");
    app.browser().get(&link).await.assert_status(200);

    let export = admin.get(&format!("/admin/people/{}/export", c.bo)).await;
    export.assert_status(200).assert_contains("bo@example.org");
    assert!(export.content_type.starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&export.body).unwrap();
    assert!(json["tables"]["memberships"].as_array().is_some_and(|m| m.len() == 1));

    let path = format!("/admin/people/{}/erase", c.bo);
    admin.post(&path, &[("confirm", "someone@example.org")]).await.assert_status(422);
    assert_eq!(social_ids(app, &format!("SELECT id FROM users WHERE id = {}", c.bo)).await.len(), 1);
    let r = admin.post(&path, &[("confirm", "BO@example.org")]).await;
    assert!(r.redirects_to("/admin/people"), "{r:?}");
    assert!(social_ids(app, &format!("SELECT id FROM users WHERE id = {}", c.bo)).await.is_empty());
}
both!(the_admin_sends_a_reset_link_exports_and_erases_a_person);

async fn site_settings_name_the_site_and_say_who_may_start_courses(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("tutor@example.org", "Tess").await;
    let t = app.user("t2@example.org", "Tim").await;
    app.course("Course", &t).await;
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    admin.get("/admin/settings").await.assert_status(200).assert_contains("Homeroom");
    // A mistake keeps what was typed and says what is wrong next to the field.
    let bad = admin
        .post("/admin/settings", &[("name", ""), ("creators", "admins"), ("locale", "nb"), ("time_zone", "Mars/Base")])
        .await;
    bad.assert_status(422).assert_contains("name-error").assert_contains("tz-error");
    assert!(bad.body.contains("value=\"admins\" checked"), "the choice stays");
    let tim = app.signed_in("t2@example.org").await;
    tim.get("/courses/new").await.assert_status(200);
    let r = admin
        .post(
            "/admin/settings",
            &[("name", "Fjordskolen"), ("creators", "admins"), ("locale", "nb"), ("time_zone", "Europe/Oslo")],
        )
        .await;
    assert!(r.redirects_to("/admin/settings"), "{r:?}");
    tim.get("/courses/new").await.assert_status(403);
    // Copying a course starts one: the same rule.
    let course = social_ids(&app, "SELECT id FROM courses").await[0];
    tim.post(&format!("/courses/{course}/copy"), &[("title", "Next"), ("start_date", "2027-01-10")])
        .await
        .assert_status(403);
    admin.get("/courses/new").await.assert_status(200);
    // The name is the site's, and a visitor whose browser asks for German reads Norwegian.
    let visitor = app.browser();
    let page = visitor.client.get(visitor.url("/sign-in")).header("accept-language", "de").send().await.unwrap();
    let text = page.text().await.unwrap();
    assert!(text.contains("Fjordskolen"), "{text}");
    assert!(text.contains("lang=\"nb\""));
    let r = admin
        .post(
            "/admin/settings",
            &[("name", "Fjordskolen"), ("creators", "anyone"), ("locale", "en"), ("time_zone", "UTC")],
        )
        .await;
    assert!(r.redirects_to("/admin/settings"));
    app.signed_in("tutor@example.org").await.get("/courses/new").await.assert_status(200);
}
both!(site_settings_name_the_site_and_say_who_may_start_courses);

async fn a_failed_job_can_be_tried_again_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.admin("admin@example.org").await;
    // A kind no worker handles, so the job stays where the test puts it.
    exec(
        &app,
        "INSERT INTO jobs (kind, payload, run_at, status, attempts, max_attempts, last_error, created_at, finished_at) \
         VALUES ('test.nobody', '{}', 1, 'failed', 8, 8, 'the mail server said no', 1, 2)",
    )
    .await;
    let id = social_ids(&app, "SELECT id FROM jobs WHERE kind = 'test.nobody'").await[0];
    let admin = app.signed_in("admin@example.org").await;
    admin.get("/admin/jobs").await.assert_status(200).assert_contains("the mail server said no");
    let r = admin.post(&format!("/admin/jobs/{id}/retry"), &[]).await;
    assert!(r.redirects_to("/admin/jobs"), "{r:?}");
    assert_eq!(
        social_ids(&app, &format!("SELECT id FROM jobs WHERE id = {id} AND status = 'queued' AND attempts = 0")).await,
        vec![id]
    );
    admin.post(&format!("/admin/jobs/{id}/retry"), &[]).await.assert_status(404);
    assert!(!admin.get("/admin/jobs").await.body.contains("the mail server said no"));
}
both!(a_failed_job_can_be_tried_again_once);

async fn an_archived_course_is_read_only_for_everyone_and_says_so(b: Backend) {
    let c = class(b, "Spring Course").await;
    let app = &c.app;
    let tutor = app.signed_in("tutor@example.org").await;
    let ada = app.signed_in("ada@example.org").await;
    let wiki = format!("/courses/{}/wiki", c.course);
    let made = ada.post(&wiki, &[("title", "Before")]).await;
    assert!((300..400).contains(&made.status), "{made:?}");
    // A post scheduled before the course was archived does not go out after.
    let list = format!("/courses/{}/scheduled", c.course);
    tutor.get(&list).await.assert_status(200);
    let space = social_ids(
        app,
        &format!("SELECT id FROM forum_spaces WHERE course_id = {} AND default_key = 'announcements'", c.course),
    )
    .await[0]
        .to_string();
    let day = jiff::Zoned::now().date().tomorrow().unwrap().tomorrow().unwrap().to_string();
    let r = tutor
        .post(&list, &[("space_id", &space), ("title", "Week 9"), ("body", "Hello"), ("date", &day), ("time", "08:00")])
        .await;
    assert!(r.redirects_to(&list), "{r:?}");
    let (schedule, at) = (
        social_ids(app, "SELECT id FROM scheduled_posts").await[0],
        social_ids(app, "SELECT next_at AS id FROM scheduled_posts").await[0],
    );

    let r = tutor.post(&format!("/courses/{}/archive", c.course), &[]).await;
    assert!(r.redirects_to(&format!("/courses/{}/run", c.course)), "{r:?}");
    assert_eq!(homeroom::schedule::post_occurrence(app.db(), schedule, at, at + 1).await.unwrap(), None);
    assert!(social_ids(app, "SELECT id FROM forum_threads").await.is_empty(), "nothing posted in the archive");

    let home = ada.get(&format!("/courses/{}", c.course)).await;
    home.assert_status(200).assert_contains("This course is archived");
    ada.get(&format!("/courses/{}/wiki", c.course)).await.assert_status(200);
    let refused = ada.post(&wiki, &[("title", "After")]).await;
    refused.assert_status(400).assert_contains("archived, so nothing in it can be changed");
    tutor.post(&format!("/courses/{}/settings", c.course), &[("title", "Renamed")]).await.assert_status(400);
    let settings = tutor.get(&format!("/courses/{}/settings", c.course)).await;
    settings.assert_status(200);
    assert_eq!(social_ids(app, "SELECT id FROM wiki_pages").await.len(), 1);

    tutor.post(&format!("/courses/{}/restore", c.course), &[]).await;
    let again = ada.post(&wiki, &[("title", "After")]).await;
    assert!((300..400).contains(&again.status), "{again:?}");
    assert!(!ada.get(&format!("/courses/{}", c.course)).await.body.contains("This course is archived"));
    // Students neither archive nor restore.
    ada.post(&format!("/courses/{}/archive", c.course), &[]).await.assert_status(403);
}
both!(an_archived_course_is_read_only_for_everyone_and_says_so);

async fn copying_a_course_takes_its_structure_not_its_people_or_posts(b: Backend) {
    let c = class(b, "Autumn Run").await;
    let app = &c.app;
    let tutor = app.signed_in("tutor@example.org").await;
    let id = c.course;
    tutor.post(&format!("/courses/{id}/wiki"), &[("title", "About the class")]).await;
    tutor.post(&format!("/courses/{id}/expectations"), &[("body", "Be kind; reply within two days.")]).await;
    crate::groups::make_set(&tutor, id, "project", "2", "1").await;
    let ada = app.signed_in("ada@example.org").await;
    // The first visit makes the default spaces.
    ada.get(&format!("/courses/{id}/spaces")).await.assert_status(200);
    let spaces = social_ids(app, &format!("SELECT id FROM forum_spaces WHERE course_id = {id}")).await;
    let coffee =
        social_ids(app, &format!("SELECT id FROM forum_spaces WHERE course_id = {id} AND default_key = 'coffee'"))
            .await;
    ada.post(&format!("/courses/{id}/spaces/{}/threads", coffee[0]), &[("title", "Hello all"), ("body", "Hi!")]).await;
    assert_eq!(social_ids(app, &format!("SELECT id FROM forum_threads WHERE course_id = {id}")).await.len(), 1);
    tutor.post(&format!("/courses/{id}/archive"), &[]).await;

    // A mistake keeps what was typed.
    let bad = tutor.post(&format!("/courses/{id}/copy"), &[("title", "Winter Run"), ("start_date", "soon")]).await;
    bad.assert_status(422).assert_contains("value=\"Winter Run\"").assert_contains("date-error");
    let r = tutor.post(&format!("/courses/{id}/copy"), &[("title", "Winter Run"), ("start_date", "2027-01-10")]).await;
    let new: i64 = r
        .location
        .as_deref()
        .and_then(|l| l.split('/').nth(2))
        .and_then(|s| s.parse().ok())
        .expect("to the new course");
    assert_ne!(new, id);
    let n = |sql: String| async move { social_ids(app, &sql).await.len() };
    assert_eq!(n(format!("SELECT id FROM memberships WHERE course_id = {new}")).await, 1, "only the tutor");
    assert_eq!(n(format!("SELECT id FROM memberships WHERE course_id = {new} AND user_id = {}", c.tutor)).await, 1);
    assert_eq!(n(format!("SELECT id FROM forum_spaces WHERE course_id = {new}")).await, spaces.len());
    assert_eq!(n(format!("SELECT id FROM forum_threads WHERE course_id = {new}")).await, 0, "no posts");
    assert_eq!(n(format!("SELECT id FROM wiki_pages WHERE course_id = {new}")).await, 1);
    assert_eq!(n(format!("SELECT course_id AS id FROM expectations WHERE course_id = {new}")).await, 1);
    let sets =
        social_ids(app, &format!("SELECT id FROM group_sets WHERE course_id = {new} AND status = 'draft'")).await;
    assert_eq!(sets.len(), 1, "group rules, as a draft");
    assert_eq!(n(format!("SELECT id FROM group_rounds WHERE group_set_id = {}", sets[0])).await, 0, "no groups");
    // The copy is open and works; the original stays archived.
    let home = tutor.get(&format!("/courses/{new}")).await;
    home.assert_status(200).assert_contains("Winter Run");
    assert!(!home.body.contains("This course is archived"));
    tutor.get(&format!("/courses/{new}/groups/{}", sets[0])).await.assert_status(200);
    tutor.get(&format!("/courses/{new}/wiki/about-the-class")).await.assert_status(200);
    assert!(tutor.get(&format!("/courses/{id}")).await.body.contains("This course is archived"));
}
both!(copying_a_course_takes_its_structure_not_its_people_or_posts);

async fn people_download_their_data_and_ask_to_be_erased_after_a_grace_period(b: Backend) {
    let c = class(b, "Course").await;
    let app = &c.app;
    let ada = app.signed_in("ada@example.org").await;
    ada.get("/account").await.assert_contains("/account/data");
    let export = ada.get("/account/data/export").await;
    export.assert_status(200).assert_contains("ada@example.org");
    assert!(!export.body.contains("bo@example.org"), "only one's own data");

    let r = ada.post("/account/data/erasure", &[]).await;
    assert!(r.redirects_to("/account/data"), "{r:?}");
    let link = link_in(&app.only_email_body().await, &app.base).expect("a confirmation link");
    assert!(link.starts_with("/erasure/"));
    // Opening the link changes nothing; the button on its page confirms.
    app.browser().get(&link).await.assert_status(200);
    assert!(social_ids(app, "SELECT id FROM erasure_requests WHERE confirmed_at IS NOT NULL").await.is_empty());
    let r = ada.post(&link, &[]).await;
    assert!(r.redirects_to("/account/data"), "{r:?}");
    ada.get("/account/data").await.assert_contains("will be erased");
    ada.post(&link, &[]).await.assert_status(404);

    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    admin.get("/admin").await.assert_contains("Ada Lovelace");

    // Cancelled: the job finds nothing to do.
    ada.post("/account/data/erasure/cancel", &[]).await;
    assert!(!admin.get("/admin").await.body.contains("Ada Lovelace"));
    exec(app, "UPDATE jobs SET run_at = 0 WHERE kind = 'account.erase'").await;
    eventually(20, "the cancelled erasure's job ran", || async {
        social_ids(app, "SELECT id FROM jobs WHERE kind = 'account.erase' AND status = 'done'").await.len() == 1
    })
    .await;
    assert_eq!(social_ids(app, &format!("SELECT id FROM users WHERE id = {}", c.ada)).await.len(), 1);

    // Asked again, confirmed, and the grace period over: erased.
    exec(app, "DELETE FROM emails").await;
    ada.post("/account/data/erasure", &[]).await;
    let link = link_in(&app.only_email_body().await, &app.base).unwrap();
    ada.post(&link, &[]).await;
    exec(app, "UPDATE erasure_requests SET due_at = 1").await;
    exec(app, "UPDATE jobs SET run_at = 0 WHERE kind = 'account.erase' AND status = 'queued'").await;
    eventually(20, "Ada was erased", || async {
        social_ids(app, &format!("SELECT id FROM users WHERE id = {}", c.ada)).await.is_empty()
    })
    .await;
}
both!(people_download_their_data_and_ask_to_be_erased_after_a_grace_period);

async fn the_admin_lists_cost_the_same_whatever_the_size_of_the_site(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    // Small pages, so that both sizes fill a page and have a next one.
    let pages = ["/admin", "/admin/courses?size=2", "/admin/people?size=2", "/admin/access?size=2", "/admin/jobs"];
    let grow = |from: usize, to: usize| {
        let app = &app;
        let admin = &admin;
        async move {
            for i in from..to {
                let t = app.user(&format!("t{i}@example.org"), &format!("Tutor {i}")).await;
                let c = app.course(&format!("Course {i}"), &t).await;
                // A visit of the admin's, for the log.
                admin.get(&format!("/courses/{}/members", c.id)).await.assert_status(200);
            }
        }
    };
    grow(0, 3).await;
    let mut small = vec![];
    for p in pages {
        small.push(admin.get(p).await.assert_status(200).statements.expect("x-statements"));
    }
    grow(3, 10).await;
    for (p, before) in pages.iter().zip(small) {
        let r = admin.get(p).await;
        r.assert_status(200);
        assert_eq!(r.statements, Some(before), "{p} costs more statements with more courses and people");
    }
}
both!(the_admin_lists_cost_the_same_whatever_the_size_of_the_site);
