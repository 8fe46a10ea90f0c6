//! The authorization matrix: every route, asked by every kind of person. A route that
//! forgets to ask the policy, or asks the wrong question, fails here. The last test
//! checks that every route in the source appears in the table.

use std::collections::BTreeSet;

use crate::both;
use crate::support::{Backend, Browser, TestApp};
use homeroom::policy::Role;
use reqwest::multipart::Form;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    /// A student of another course.
    Outsider,
    Student,
    Observer,
    Ta,
    Tutor,
    Admin,
}

const EVERYONE: &[Who] = &[Who::Anonymous, Who::Outsider, Who::Student, Who::Observer, Who::Ta, Who::Tutor, Who::Admin];
const SIGNED_IN: &[Who] = &[Who::Outsider, Who::Student, Who::Observer, Who::Ta, Who::Tutor, Who::Admin];
const MEMBERS: &[Who] = &[Who::Student, Who::Observer, Who::Ta, Who::Tutor, Who::Admin];
const TEACHING: &[Who] = &[Who::Ta, Who::Tutor, Who::Admin];
const TUTORS: &[Who] = &[Who::Tutor, Who::Admin];
const ADMIN: &[Who] = &[Who::Admin];

enum Body {
    None,
    Form(Vec<(&'static str, &'static str)>),
    Multipart,
}

struct Case {
    method: &'static str,
    /// The route as written in the router, e.g. `/courses/{course_id}`.
    route: &'static str,
    body: Body,
    allowed: &'static [Who],
}

fn cases() -> Vec<Case> {
    use Body::*;
    let c = |method, route, body, allowed| Case { method, route, body, allowed };
    // Bodies are chosen so that an allowed request fails validation (or does no harm):
    // a refusal and a validation error are then easy to tell apart.
    vec![
        c("GET", "/", None, EVERYONE),
        c("GET", "/healthz", None, EVERYONE),
        c("GET", "/metrics", None, EVERYONE),
        c("GET", "/static/{file}", None, EVERYONE),
        c("GET", "/sign-in", None, EVERYONE),
        c("POST", "/sign-in", Form(vec![("email", ""), ("password", "")]), EVERYONE),
        c("GET", "/forgot-password", None, EVERYONE),
        c("POST", "/forgot-password", Form(vec![("email", "bad")]), EVERYONE),
        c("GET", "/set-password/{token}", None, EVERYONE),
        c("POST", "/set-password/{token}", Form(vec![("password", ""), ("confirm", "")]), EVERYONE),
        c("GET", "/account", None, SIGNED_IN),
        c("POST", "/account", Form(vec![("name", ""), ("email", ""), ("locale", "en"), ("time_zone", "")]), SIGNED_IN),
        c("POST", "/account/password", Form(vec![("current", "wrong"), ("password", ""), ("confirm", "")]), SIGNED_IN),
        c("GET", "/courses/new", None, &[Who::Tutor, Who::Admin]),
        c("POST", "/courses/new", Form(vec![("title", "")]), &[Who::Tutor, Who::Admin]),
        c("GET", "/courses/{course_id}", None, MEMBERS),
        c("GET", "/api/courses/{course_id}/members", None, MEMBERS),
        c("GET", "/courses/{course_id}/settings", None, TUTORS),
        c("POST", "/courses/{course_id}/settings", Form(vec![("title", "")]), TUTORS),
        c("GET", "/courses/{course_id}/members", None, TEACHING),
        c("POST", "/courses/{course_id}/members/{user_id}/role", Form(vec![("role", "wizard")]), TUTORS),
        c("POST", "/courses/{course_id}/members/{user_id}/remove", None, TUTORS),
        c("GET", "/courses/{course_id}/invite", None, TUTORS),
        c("POST", "/courses/{course_id}/invite", Form(vec![("name", ""), ("email", ""), ("role", "student")]), TUTORS),
        c("POST", "/courses/{course_id}/join-link", Form(vec![("action", "bogus")]), TUTORS),
        c("POST", "/courses/{course_id}/roster", Multipart, TUTORS),
        c("GET", "/join/{code}", None, EVERYONE),
        c("POST", "/join/{code}", Form(vec![("name", "")]), EVERYONE),
        c("GET", "/admin/outbox", None, ADMIN),
        // Last, since it ends the session the cases above use.
        c("POST", "/sign-out", None, EVERYONE),
    ]
}

fn refused(status: u16, location: Option<&str>) -> bool {
    status == 401
        || status == 403
        || ((300..400).contains(&status) && location.is_some_and(|l| l.starts_with("/sign-in")))
}

async fn every_route_asks_the_policy(b: Backend) {
    let app = TestApp::spawn(b).await;
    let tutor = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Course A", &tutor).await;
    for (email, role) in
        [("student@example.org", Role::Student), ("observer@example.org", Role::Observer), ("ta@example.org", Role::Ta)]
    {
        let u = app.user(email, email).await;
        app.enrol(&course, &u, role).await;
    }
    let other_tutor = app.user("tutor-b@example.org", "Bea Other").await;
    let other_course = app.course("Course B", &other_tutor).await;
    let outsider = app.user("outsider@example.org", "Otto Outsider").await;
    app.enrol(&other_course, &outsider, Role::Student).await;
    app.admin("admin@example.org").await;
    // A join code on a course nobody is asked about, so joining changes nothing above.
    let joinable = app.course("Course C", &other_tutor).await;
    let code = joinable.join_code.clone().unwrap();

    let mut failures = vec![];
    for who in EVERYONE {
        let browser: Browser = match who {
            Who::Anonymous => app.browser(),
            Who::Outsider => app.signed_in("outsider@example.org").await,
            Who::Student => app.signed_in("student@example.org").await,
            Who::Observer => app.signed_in("observer@example.org").await,
            Who::Ta => app.signed_in("ta@example.org").await,
            Who::Tutor => app.signed_in("tutor@example.org").await,
            Who::Admin => app.signed_in("admin@example.org").await,
        };
        for case in cases() {
            let path = case
                .route
                .replace("{course_id}", &course.id.to_string())
                // A member id that does not exist: allowed people get a 404, others a 403.
                .replace("{user_id}", "999999")
                .replace("{file}", "app.css")
                .replace("{token}", "no-such-token")
                .replace("{code}", &code);
            let r = match (&case.method, &case.body) {
                (&"GET", _) => browser.get(&path).await,
                (_, Body::None) => browser.post(&path, &[]).await,
                (_, Body::Form(f)) => browser.post(&path, f).await,
                (_, Body::Multipart) => browser.post_multipart(&path, Form::new().text("csv", "")).await,
            };
            let was_refused = refused(r.status, r.location.as_deref());
            let should_refuse = !case.allowed.contains(who);
            if was_refused != should_refuse || r.status >= 500 {
                failures.push(format!("{who:?} {} {} -> {} {:?}", case.method, case.route, r.status, r.location));
            }
        }
    }
    assert!(failures.is_empty(), "authorization matrix failures:\n{}", failures.join("\n"));
}
both!(every_route_asks_the_policy);

async fn tutors_only_details_never_reach_students(b: Backend) {
    let app = TestApp::spawn(b).await;
    let tutor = app.user("tutor@example.org", "Tess").await;
    let course = app.course("Course", &tutor).await;
    let s = app.user("student@example.org", "Sam").await;
    app.enrol(&course, &s, Role::Student).await;
    let student = app.signed_in("student@example.org").await;
    let r = student.get_json(&format!("/api/courses/{}/members", course.id)).await;
    r.assert_status(200);
    assert!(!r.body.contains("@example.org"), "a student saw email addresses: {}", r.body);
    let page = student.get(&format!("/courses/{}", course.id)).await;
    assert!(!page.body.contains("tutor@example.org"));
    let t = app.signed_in("tutor@example.org").await;
    t.get_json(&format!("/api/courses/{}/members", course.id)).await.assert_contains("student@example.org");
}
both!(tutors_only_details_never_reach_students);

/// Every `.route("...")` in the source must be in the matrix above.
#[test]
fn the_matrix_covers_every_route() {
    let mut in_source = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                let mut rest = text.as_str();
                while let Some(i) = rest.find(".route(\"") {
                    rest = &rest[i + 8..];
                    let end = rest.find('"').unwrap();
                    let path = &rest[..end];
                    // Which methods the route takes, read from the handler list after it.
                    let line_end = rest[end..].find(")\n").map(|j| end + j).unwrap_or(rest.len());
                    let handlers = &rest[end..line_end];
                    if handlers.contains("get(") {
                        in_source.insert(("GET", path.to_string()));
                    }
                    if handlers.contains("post(") {
                        in_source.insert(("POST", path.to_string()));
                    }
                }
            }
        }
    }
    let in_matrix: BTreeSet<_> = cases().into_iter().map(|c| (c.method, c.route.to_string())).collect();
    let missing: Vec<_> = in_source.difference(&in_matrix).collect();
    assert!(missing.is_empty(), "routes missing from the authorization matrix: {missing:?}");
    assert!(in_source.len() >= 25, "found only {} routes; is the scan broken?", in_source.len());
}
