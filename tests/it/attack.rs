//! The automated attack pass. For every route in the route list (`matrix::cases`, so a
//! new route is attacked as soon as it is in the matrix), a member of ANOTHER course asks
//! with ids taken from this course, both under this course's path and under their own
//! course's path: each request is refused (403/404, or a redirect to sign-in), its body
//! holds none of this course's secrets, and nothing is written. Then every state-changing
//! route is sent without its CSRF token, by someone allowed to use it: refused, nothing
//! written.

use std::collections::BTreeMap;

use crate::both;
use crate::matrix::{Body, Who, cases};
use crate::support::{Backend, Browser, TestApp};
use homeroom::policy::Role;
use reqwest::multipart::{Form, Part};

/// Distinctive strings planted in the victim course; none may reach the attacker.
const SECRETS: &[&str] = &[
    "Zqx Victim Course",
    "Secretia Victimson",
    "Hidalgo Victimsen",
    "ZQX-THREAD-TITLE",
    "ZQX-POST-BODY",
    "ZQX-REPLY-BODY",
    "ZQX-WIKI-TITLE",
    "ZQX-CHECKIN-TITLE",
    "ZQX-ENTRY-BODY",
    "ZQX-GROUP-POST",
    "ZQX-DIRECT-MESSAGE",
    "ZQX-SHOUT-OUT",
    "ZQX-FILE-BODY",
    "ZQX-FOLDER-NAME",
    "ZQX-NOTE-BODY",
    "ZQX-REPORT-REASON",
    "secretia@example.org",
];

async fn ids(app: &TestApp, sql: &str) -> Vec<i64> {
    crate::social_ids(app, sql).await
}

async fn first(app: &TestApp, sql: &str) -> String {
    ids(app, sql).await.first().copied().unwrap_or(1).to_string()
}

/// Row counts of every table but the ones that sign-ins and rate limits touch.
async fn counts(app: &TestApp) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for t in homeroom::db::table_names(app.db()).await.unwrap() {
        if matches!(t.as_str(), "sessions" | "rate_counters" | "sign_in_failures" | "jobs" | "seaql_migrations") {
            continue;
        }
        out.insert(t.clone(), app.count(&t).await);
    }
    out
}

struct Victim {
    course: i64,
    /// Placeholder name -> an id from the victim course.
    ids: BTreeMap<&'static str, String>,
}

/// A course full of things, each carrying a secret string.
async fn plant(app: &TestApp) -> Victim {
    let t = app.user("victim-tutor@example.org", "Hidalgo Victimsen").await;
    let course = app.course("Zqx Victim Course", &t).await;
    let s1 = app.user("secretia@example.org", "Secretia Victimson").await;
    let s2 = app.user("victim2@example.org", "Vic Two").await;
    app.enrol(&course, &s1, Role::Student).await;
    app.enrol(&course, &s2, Role::Student).await;
    let c = course.id;
    let tutor = app.signed_in("victim-tutor@example.org").await;
    let ada = app.signed_in("secretia@example.org").await;
    let bo = app.signed_in("victim2@example.org").await;

    tutor.post(&format!("/courses/{c}/wiki"), &[("title", "ZQX-WIKI-TITLE")]).await;
    let set_id = crate::groups::make_set(&tutor, c, "partners", "2", "1").await;
    tutor.post(&format!("/courses/{c}/groups/{set_id}/publish"), &[]).await;
    let r = tutor
        .post(&format!("/courses/{c}/groups/{set_id}/checkins"), &[("title", "ZQX-CHECKIN-TITLE"), ("prompt", "How?")])
        .await;
    let checkin = r.location.unwrap().rsplit('/').next().unwrap().to_string();
    ada.post(&format!("/courses/{c}/checkins/{checkin}/entry"), &[("body", "ZQX-ENTRY-BODY")]).await;
    let project = crate::groups::make_set(&tutor, c, "project", "2", "1").await;
    tutor.post(&format!("/courses/{c}/groups/{project}/publish"), &[]).await;
    let group = crate::groups::group_ids(app.db(), project).await[0].to_string();
    ada.post(&format!("/courses/{c}/group-space/{group}"), &[("body", "ZQX-GROUP-POST")]).await;

    ada.get(&format!("/courses/{c}/spaces")).await;
    let space =
        first(app, &format!("SELECT id FROM forum_spaces WHERE course_id = {c} AND default_key = 'coffee'")).await;
    let r = ada
        .post(
            &format!("/courses/{c}/spaces/{space}/threads"),
            &[("title", "ZQX-THREAD-TITLE"), ("body", "ZQX-POST-BODY")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let thread = first(app, "SELECT MAX(id) AS id FROM forum_threads").await;
    bo.post(&format!("/courses/{c}/threads/{thread}/reply"), &[("body", "ZQX-REPLY-BODY")]).await;
    let post = first(app, "SELECT MAX(id) AS id FROM forum_posts").await;
    ada.post(&format!("/courses/{c}/posts/{post}/report"), &[("reason", "ZQX-REPORT-REASON")]).await;

    tutor.post(&format!("/courses/{c}/messages/settings"), &[("student_messages", "on")]).await;
    ada.post(&format!("/courses/{c}/messages"), &[("to", &s2.id.to_string()), ("body", "ZQX-DIRECT-MESSAGE")]).await;
    ada.post(&format!("/courses/{c}/shout-outs"), &[("to", &s2.id.to_string()), ("body", "ZQX-SHOUT-OUT")]).await;

    tutor.post(&format!("/courses/{c}/files/folders"), &[("name", "ZQX-FOLDER-NAME"), ("parent_id", "")]).await;
    let part = Part::bytes(b"ZQX-FILE-BODY\n".to_vec()).file_name("notes.txt").mime_str("text/plain").unwrap();
    let r = tutor.post_multipart(&format!("/courses/{c}/files/upload?folder="), Form::new().part("file", part)).await;
    assert_eq!(r.status, 303, "{}", r.body);

    ada.get(&format!("/courses/{c}/board")).await;
    let column = first(app, &format!("SELECT id FROM board_columns WHERE course_id = {c}")).await;
    ada.post(&format!("/courses/{c}/board/notes"), &[("column_id", &column), ("body", "ZQX-NOTE-BODY")]).await;
    tutor.post(&format!("/courses/{c}/survey/create"), &[("from", "template")]).await;

    let mut m = BTreeMap::new();
    m.insert("user_id", s1.id.to_string());
    m.insert("set_id", set_id.to_string());
    m.insert("round", "1".to_string());
    m.insert("checkin_id", checkin);
    m.insert("entry_id", first(app, "SELECT MAX(id) AS id FROM checkin_entries").await);
    m.insert("group_id", group);
    m.insert("slug", "zqx-wiki-title".to_string());
    m.insert("space_id", space);
    m.insert("thread_id", thread);
    m.insert("post_id", post);
    m.insert("report_id", first(app, "SELECT MAX(id) AS id FROM forum_reports").await);
    m.insert("media_id", first(app, "SELECT MAX(id) AS id FROM media").await);
    m.insert("conversation_id", first(app, "SELECT MAX(id) AS id FROM conversations").await);
    m.insert("notification_id", first(app, "SELECT MAX(id) AS id FROM notifications").await);
    m.insert("folder_id", first(app, "SELECT MAX(id) AS id FROM file_folders").await);
    m.insert("file_id", first(app, "SELECT MAX(id) AS id FROM course_files").await);
    m.insert("note_id", first(app, "SELECT MAX(id) AS id FROM board_notes").await);
    m.insert("question_id", first(app, "SELECT MIN(id) AS id FROM survey_questions").await);
    // The planted things are there for the victim course's own members, so a leak
    // would be seen.
    let own = ada.get(&format!("/courses/{c}/threads/{}", m["thread_id"])).await;
    own.assert_contains("ZQX-THREAD-TITLE").assert_contains("ZQX-REPLY-BODY");
    ada.get(&format!("/courses/{c}/messages/{}", m["conversation_id"])).await.assert_contains("ZQX-DIRECT-MESSAGE");
    tutor.get(&format!("/media/{}", m["media_id"])).await.assert_contains("ZQX-FILE-BODY");
    Victim { course: c, ids: m }
}

/// Fill a route's placeholders: the course given, the victim's ids, and for any other
/// placeholder `1` (the victim course and its things were made first, so a new route's
/// ids point into it too).
fn fill(route: &str, course: i64, v: &Victim) -> String {
    let mut path = route.replace("{course_id}", &course.to_string());
    while let Some(start) = path.find('{') {
        let end = start + path[start..].find('}').unwrap();
        let name = &path[start + 1..end];
        let value = v.ids.get(name).cloned().unwrap_or_else(|| "1".to_string());
        path.replace_range(start..=end, &value);
    }
    path
}

fn refused(status: u16, location: Option<&str>) -> bool {
    status == 401
        || status == 403
        || status == 404
        || ((300..400).contains(&status) && location.is_some_and(|l| l.starts_with("/sign-in")))
}

async fn send(b: &Browser, method: &str, body: &Body, path: &str) -> crate::support::Resp {
    match (method, body) {
        ("GET", _) => b.get(path).await,
        (_, Body::None) => b.post(path, &[]).await,
        (_, Body::Form(f)) => b.post(path, f).await,
        (_, Body::Multipart) => b.post_multipart(path, Form::new().text("csv", "")).await,
    }
}

async fn another_course_gets_nothing_of_this_one(b: Backend) {
    let app = TestApp::spawn(b).await;
    let v = plant(&app).await;
    let other_tutor = app.user("attacker-tutor@example.org", "Atta Tutor").await;
    let theirs = app.course("Attackers' course", &other_tutor).await;
    let student = app.user("attacker@example.org", "Atta Student").await;
    app.enrol(&theirs, &student, Role::Student).await;
    let attackers = [app.signed_in("attacker-tutor@example.org").await, app.signed_in("attacker@example.org").await];
    let before = counts(&app).await;

    let mut failures = vec![];
    let mut asked = 0;
    for attacker in &attackers {
        for case in cases() {
            // Public routes (sign-in, join links, secret feed addresses) and one's own
            // account pages are for anyone; they carry no ids of the victim course.
            // Routes without a placeholder (making a course, one's own account) carry no
            // ids of the victim course.
            let has_ids = case.route.replace("{course_id}", "").contains('{');
            if case.allowed.contains(&Who::Anonymous) || !case.route.contains('{') {
                continue;
            }
            if case.route == "/sign-out" {
                continue;
            }
            let mut paths = vec![fill(case.route, v.course, &v)];
            // The victim's ids under the attacker's own course, where they are a member.
            if case.route.contains("{course_id}") && has_ids {
                paths.push(fill(case.route, theirs.id, &v));
            }
            for path in paths {
                asked += 1;
                let r = send(attacker, case.method, &case.body, &path).await;
                // Under their own course a form may fail validation before the id is
                // looked up: that is a refusal too, as long as nothing leaks or is written.
                let own = path.starts_with(&format!("/courses/{}/", theirs.id));
                let ok = refused(r.status, r.location.as_deref()) || (own && matches!(r.status, 400 | 422));
                if !ok {
                    failures.push(format!("{} {path} ({}) -> {} {:?}", case.method, case.route, r.status, r.location));
                }
                for s in SECRETS {
                    if r.body.contains(s) {
                        failures.push(format!("{} {path} ({}) leaked {s:?}", case.method, case.route));
                    }
                }
            }
        }
    }
    assert!(asked > 150, "only {asked} requests: is the route list read?");
    assert!(failures.is_empty(), "the attack pass found:\n{}", failures.join("\n"));
    assert_eq!(counts(&app).await, before, "an attacker's request wrote something");
}
both!(another_course_gets_nothing_of_this_one);

async fn every_change_needs_the_csrf_token(b: Backend) {
    let app = TestApp::spawn(b).await;
    let v = plant(&app).await;
    app.admin("admin@example.org").await;
    // Someone allowed to do everything, so a missing check would show as a write.
    let admin = app.signed_in("admin@example.org").await;
    admin.ensure_csrf().await;
    let before = counts(&app).await;
    let mut failures = vec![];
    let mut asked = 0;
    for case in cases() {
        // The one-click unsubscribe is sent by mail programs without our cookies; its
        // secret is the token in its address (RFC 8058). An LMS posts the LTI sign-in and
        // launch from its own site: their proof is the signed state and token, or the
        // one-time code (tests/it/lti.rs), which `homeroom::lti::is_platform_post` names.
        if case.method == "GET"
            || case.route.starts_with("/unsubscribe/")
            || homeroom::lti::is_platform_post(&axum::http::Method::POST, case.route)
        {
            continue;
        }
        asked += 1;
        let path = fill(case.route, v.course, &v);
        let r = match &case.body {
            Body::Multipart => {
                let url = admin.url(&path);
                let res = admin.client.post(url).multipart(Form::new().text("csv", "")).send().await.unwrap();
                res.status().as_u16()
            }
            Body::Form(f) => admin.post_forged(&path, f).await.status,
            Body::None => admin.post_forged(&path, &[]).await.status,
        };
        if r != 403 {
            failures.push(format!("{} {} -> {r}", case.method, case.route));
        }
    }
    assert!(asked > 80, "only {asked} state-changing routes: is the route list read?");
    assert!(failures.is_empty(), "accepted without a CSRF token:\n{}", failures.join("\n"));
    assert_eq!(counts(&app).await, before, "a request without a CSRF token wrote something");
}
both!(every_change_needs_the_csrf_token);
