//! The holes a careful attacker finds first (issue 10): open redirects, a time zone the
//! API gave away, missing browser defences, a spoofable client address, CSRF tokens not
//! bound to the session or put in URLs, formulas in the Zoom CSV, and what the forgot
//! password page and `/metrics` told strangers. Each test failed before its fix.

use std::collections::HashMap;

use crate::both;
use crate::support::{Backend, Browser, Options, PASSWORD, TestApp};
use homeroom::policy::Role;
use reqwest::multipart::Form;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Redirect targets that lead (or have led, in some browser) off the site.
const BYPASSES: &[&str] = &[
    "//x",
    "//evil.example/path",
    "/\\x",
    "/\\evil.example",
    "\\/x",
    "/%09/x",
    "/%0a/x",
    "/\t/x",
    "/\t/evil.example",
    "/\n/x",
    "https:x",
    "https://evil.example",
    "javascript:alert(1)",
    "/%2F/x",
    "/%5C/x",
    "/%252F/x",
    " //x",
    "evil.example",
];

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn sign_in_never_sends_people_elsewhere(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada Lovelace").await;
    let signed_in = app.signed_in("ada@example.org").await;
    for target in BYPASSES {
        // The form keeps no such target to post back.
        let visitor = app.browser();
        let page = visitor.get(&format!("/sign-in?next={}", enc(target))).await;
        page.assert_status(200).assert_contains(r#"name="next" value="/""#);
        // Signing in with it goes home.
        let r =
            visitor.post("/sign-in", &[("email", "ada@example.org"), ("password", PASSWORD), ("next", target)]).await;
        assert_eq!((r.status, r.location.as_deref()), (303, Some("/")), "sign-in with next={target:?}");
        // Someone already signed in is sent home at once.
        let r = signed_in.get(&format!("/sign-in?next={}", enc(target))).await;
        assert_eq!((r.status, r.location.as_deref()), (303, Some("/")), "signed in, next={target:?}");
    }
    // Our own paths are still followed.
    let r = signed_in.get(&format!("/sign-in?next={}", enc("/account?tab=1"))).await;
    assert_eq!(r.location.as_deref(), Some("/account?tab=1"));
}
both!(sign_in_never_sends_people_elsewhere);

async fn the_members_api_keeps_a_hidden_location(b: Backend) {
    let app = TestApp::spawn(b).await;
    let tutor = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Course", &tutor).await;
    let ada = app.user("ada@example.org", "Ada Lovelace").await;
    let bo = app.user("bo@example.org", "Bo Berg").await;
    app.enrol(&course, &ada, Role::Student).await;
    app.enrol(&course, &bo, Role::Student).await;
    let a = app.signed_in("ada@example.org").await;
    let form = Form::new().text("time_zone", "America/Lima").text("vis_location", "tutors");
    let r = a.post_multipart("/account/profile", form).await;
    assert!(r.redirects_to("/account/profile"), "{} {}", r.status, &r.body[..r.body.len().min(2000)]);

    let zones = |body: &str| -> HashMap<i64, Option<String>> {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        v["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["user_id"].as_i64().unwrap(), m["time_zone"].as_str().map(String::from)))
            .collect()
    };
    let path = format!("/api/courses/{}/members", course.id);
    let classmate = app.signed_in("bo@example.org").await;
    let seen = zones(&classmate.get_json(&path).await.assert_status(200).body);
    assert_eq!(seen[&ada.id], None, "a classmate got the time zone of someone who shows it to tutors only");
    assert_eq!(seen[&bo.id].as_deref(), Some("Europe/Oslo"), "one's own zone");
    assert_eq!(seen[&tutor.id].as_deref(), Some("Europe/Oslo"), "a zone shown to the class");
    let teacher = app.signed_in("tutor@example.org").await;
    let seen = zones(&teacher.get_json(&path).await.assert_status(200).body);
    assert_eq!(seen[&ada.id].as_deref(), Some("America/Lima"), "the teaching team may see it");
    // Ada's own view.
    assert_eq!(zones(&a.get_json(&path).await.body)[&ada.id].as_deref(), Some("America/Lima"));
}
both!(the_members_api_keeps_a_hidden_location);

async fn every_response_carries_the_browser_defences(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada Lovelace").await;
    let visitor = app.browser();
    let ada = app.signed_in("ada@example.org").await;
    for (br, path) in [
        (&visitor, "/"),
        (&visitor, "/sign-in"),
        (&visitor, "/no-such-page"),
        (&visitor, "/static/app.css"),
        (&visitor, "/healthz"),
        (&ada, "/"),
        (&ada, "/account"),
    ] {
        let r = br.client.get(br.url(path)).send().await.unwrap();
        let h = |name: &str| r.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        assert_eq!(h("content-security-policy"), homeroom::web::defences::CONTENT_SECURITY_POLICY, "{path}");
        let csp = h("content-security-policy");
        for part in ["script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            assert!(csp.contains(part), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{path}: {csp}");
        assert_eq!(h("referrer-policy"), "same-origin", "{path}");
        assert_eq!(h("permissions-policy"), "microphone=(self), camera=(self), geolocation=()", "{path}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
    }
}
both!(every_response_carries_the_browser_defences);

/// The CSP allows no inline script or style: no template may need one, and no template
/// puts the CSRF token in a URL.
#[test]
fn templates_have_no_inline_script_style_or_token_in_a_url() {
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))];
    let mut problems = vec![];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            seen += 1;
            let text = std::fs::read_to_string(&p).unwrap();
            let lower = text.to_lowercase();
            let name = p.display().to_string();
            if lower.contains("style=") || lower.contains("<style") {
                problems.push(format!("{name}: a style attribute or block"));
            }
            for (i, _) in lower.match_indices("<script") {
                let tag = &lower[i..i + lower[i..].find('>').unwrap_or(0)];
                if !tag.contains(" src=") || !lower[i..].starts_with(&format!("{tag}></script>")) {
                    problems.push(format!("{name}: an inline script"));
                }
            }
            // Event handler attributes (onclick=, onload=, ...) and javascript: links.
            let handler = lower.split(|c: char| c.is_whitespace()).any(|w| {
                w.starts_with("on")
                    && w.find('=').is_some_and(|j| j > 2 && w[2..j].chars().all(|c| c.is_ascii_lowercase()))
            });
            if handler || lower.contains("javascript:") {
                problems.push(format!("{name}: an event handler attribute or javascript: link"));
            }
            if text.contains("_csrf=") {
                problems.push(format!("{name}: the CSRF token in a URL"));
            }
        }
    }
    assert!(seen > 40, "found only {seen} templates; is the scan broken?");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A sign-in from a forged leftmost `X-Forwarded-For` entry still counts against the
/// address our proxy saw.
async fn a_forged_forwarded_address_does_not_dodge_the_limit(b: Backend) {
    let app = TestApp::spawn_with(b, Options { proxy_hops: Some(1), ..Default::default() }).await;
    let br = app.browser();
    let token = br.ensure_csrf().await;
    let attempt = |forged: String, real: &'static str, n: usize| {
        let email = format!("nobody{n}@example.org");
        let req = br.client.post(br.url("/sign-in")).header("x-forwarded-for", format!("{forged}, {real}")).form(&[
            ("email", email.as_str()),
            ("password", "wrong password"),
            ("_csrf", token.as_str()),
        ]);
        async move { req.send().await.unwrap().status().as_u16() }
    };
    for n in 0..homeroom::auth::rate_limit::PER_ADDRESS as usize {
        assert_eq!(attempt(format!("203.0.113.{n}"), "198.51.100.7", n).await, 401);
    }
    assert_eq!(attempt("203.0.113.250".into(), "198.51.100.7", 900).await, 429, "a new forged entry got through");
    assert_eq!(attempt("203.0.113.250".into(), "198.51.100.8", 901).await, 401, "another real address is not blocked");
}
both!(a_forged_forwarded_address_does_not_dodge_the_limit);

/// Post a form with this token (not the browser's own).
async fn post_with(br: &Browser, path: &str, token: &str) -> u16 {
    br.client.post(br.url(path)).form(&[("_csrf", token)]).send().await.unwrap().status().as_u16()
}

async fn a_token_from_another_session_is_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada Lovelace").await;
    app.user("bo@example.org", "Bo Berg").await;
    let visitor = app.browser();
    let before = visitor.ensure_csrf().await;
    visitor.sign_in("ada@example.org", PASSWORD).await;
    let ada_token = visitor.csrf().unwrap();
    assert_ne!(ada_token, before, "signing in gives a new token");
    let bo = app.signed_in("bo@example.org").await;
    let bo_token = bo.csrf().unwrap();
    assert_ne!(ada_token, bo_token);
    // Bo's token, or Ada's token from before she signed in, does not work for Ada.
    assert_eq!(post_with(&visitor, "/sign-out", &bo_token).await, 403);
    assert_eq!(post_with(&visitor, "/sign-out", &before).await, 403);
    // The token is bound to the session, not to the cookie: planting a cookie with
    // Bo's token in Ada's browser does not make it hers.
    let url: reqwest::Url = visitor.base.parse().unwrap();
    visitor.jar.add_cookie_str(&format!("hr_csrf={bo_token}; Path=/"), &url);
    assert_eq!(post_with(&visitor, "/sign-out", &bo_token).await, 403);
    // Her own token does.
    let r = visitor.client.post(visitor.url("/sign-out")).form(&[("_csrf", ada_token.as_str())]).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    // Signed out, she has a fresh random token and a form from before does not work.
    assert_ne!(visitor.csrf().unwrap(), ada_token);
    assert_eq!(post_with(&visitor, "/forgot-password", &ada_token).await, 403);
}
both!(a_token_from_another_session_is_refused);

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| if e.path().is_dir() { files_in(&e.path()) } else { 1 }).sum::<usize>())
        .unwrap_or(0)
}

async fn uploads_carry_the_token_in_the_body_never_in_the_url(b: Backend) {
    let app = TestApp::spawn(b).await;
    let tutor = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Course", &tutor).await;
    let ada = app.user("ada@example.org", "Ada Lovelace").await;
    app.enrol(&course, &ada, Role::Student).await;
    let a = app.signed_in("ada@example.org").await;
    let token = a.csrf().unwrap();
    let picture = || {
        reqwest::multipart::Part::bytes(include_bytes!("../../static/favicon.svg").to_vec())
            .file_name("me.png")
            .mime_str("image/png")
            .unwrap()
    };
    let send = |url: String, form: Form| {
        let req = a.client.post(url).multipart(form);
        async move { req.send().await.unwrap().status().as_u16() }
    };
    let media_before = app.count("media").await;
    let files_before = files_in(app.data_dir());
    // No token at all; the token in the URL (as the pages once sent it); the token
    // behind a file: all refused before anything is read or stored.
    let bare = Form::new().text("time_zone", "Asia/Tokyo").part("photo", picture());
    assert_eq!(send(a.url("/account/profile"), bare).await, 403);
    let in_url = Form::new().text("time_zone", "Asia/Tokyo").part("photo", picture());
    assert_eq!(send(a.url(&format!("/account/profile?_csrf={token}")), in_url).await, 403);
    let late = Form::new().part("photo", picture()).text("_csrf", token.clone()).text("time_zone", "Asia/Tokyo");
    assert_eq!(send(a.url("/account/profile"), late).await, 403);
    let collage = Form::new().text("caption", "Hello").part("picture", picture());
    assert_eq!(send(a.url(&format!("/courses/{}/collage", course.id)), collage).await, 403);
    assert_eq!(app.count("media").await, media_before, "a refused upload stored a file");
    assert_eq!(files_in(app.data_dir()), files_before, "a refused upload left a file behind");
    let zone: String = homeroom::accounts::find_by_email(app.db(), "ada@example.org").await.unwrap().unwrap().time_zone;
    assert_eq!(zone, "Europe/Oslo");
    // The token as the first part, as our pages send it, works.
    let good = Form::new().text("_csrf", token.clone()).text("time_zone", "Asia/Tokyo");
    assert_eq!(send(a.url("/account/profile"), good).await, 303);
    let zone: String = homeroom::accounts::find_by_email(app.db(), "ada@example.org").await.unwrap().unwrap().time_zone;
    assert_eq!(zone, "Asia/Tokyo");

    // No page with an upload form puts the token in its address.
    let t = app.signed_in("tutor@example.org").await;
    for (br, path) in [
        (&a, "/account/profile".to_string()),
        (&a, format!("/courses/{}/collage", course.id)),
        (&a, format!("/courses/{}/introductions", course.id)),
        (&a, format!("/courses/{}/board", course.id)),
        (&t, format!("/courses/{}/files", course.id)),
        (&t, format!("/courses/{}/invite", course.id)),
    ] {
        let r = br.get(&path).await;
        r.assert_status(200).assert_contains(r#"enctype="multipart/form-data""#);
        assert!(!r.body.contains("_csrf="), "{path} puts the token in a URL");
        // The token is the form's first field.
        for form in r.body.split("<form").skip(1).filter(|f| f.contains("multipart/form-data")) {
            let first = form.find("<input").unwrap();
            assert!(form[first..].starts_with(r#"<input type="hidden" name="_csrf""#), "{path}: {form}");
        }
    }
}
both!(uploads_carry_the_token_in_the_body_never_in_the_url);

async fn on_https_the_token_cookie_is_host_only(b: Backend) {
    let app =
        TestApp::spawn_with(b, Options { public_url: Some("https://hr.example.edu".into()), ..Default::default() })
            .await;
    let r = app.browser().get("/sign-in").await;
    let cookie = r.set_cookies.iter().find(|c| c.contains("hr_csrf=")).expect("a CSRF cookie");
    assert!(cookie.starts_with("__Host-hr_csrf="), "{cookie}");
    assert!(cookie.contains("; Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"), "{cookie}");
}
both!(on_https_the_token_cookie_is_host_only);

async fn the_zoom_file_runs_no_formula(b: Backend) {
    let app = TestApp::spawn(b).await;
    let tutor = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Course", &tutor).await;
    for (email, name) in [("=1+2@example.org", "Eve Formula"), ("ada@example.org", "Ada Lovelace")] {
        let u = app.user(email, name).await;
        app.enrol(&course, &u, Role::Student).await;
    }
    let t = app.signed_in("tutor@example.org").await;
    let set = crate::groups::make_set(&t, course.id, "partners", "2", "1").await;
    let r = t.get(&format!("/courses/{}/groups/{set}/zoom/1", course.id)).await;
    r.assert_status(200).assert_contains("Pre-assign Room Name,Email Address\r\n");
    r.assert_contains(",'=1+2@example.org").assert_contains(",ada@example.org");
    let mut csv = csv::ReaderBuilder::new().from_reader(r.body.as_bytes());
    for rec in csv.records() {
        for cell in rec.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?} would run in a spreadsheet");
        }
    }
}
both!(the_zoom_file_runs_no_formula);

async fn forgot_password_says_the_same_for_everyone(b: Backend) {
    let app = TestApp::spawn(b).await;
    app.user("ada@example.org", "Ada Lovelace").await;
    let br = app.browser();
    br.ensure_csrf().await;
    let started = std::time::Instant::now();
    let known = br.post("/forgot-password", &[("email", "ada@example.org")]).await;
    let known_took = started.elapsed();
    let started = std::time::Instant::now();
    let unknown = br.post("/forgot-password", &[("email", "nobody@example.org")]).await;
    let unknown_took = started.elapsed();
    // Neither answers sooner than writing a link could take (a floor, so the lower
    // bound is safe to test; the upper bound would only test the machine).
    assert!(known_took >= homeroom::auth::FORGOT_TAKES, "{known_took:?}");
    assert!(unknown_took >= homeroom::auth::FORGOT_TAKES, "an unknown address answered in {unknown_took:?}");
    known.assert_status(200);
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.body, unknown.body, "the answer told whether the account exists");
    assert_eq!(app.count("emails").await, 1, "only the real account is sent a link");
}
both!(forgot_password_says_the_same_for_everyone);

async fn the_join_page_says_the_same_for_everyone(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let ada = app.user("ada@example.org", "Ada Lovelace").await;
    let c = app.course("Joinable", &t).await;
    let code = c.join_code.clone().unwrap();
    let sign_up = |email: &'static str| {
        let br = app.browser();
        let code = code.clone();
        async move {
            br.post(
                &format!("/join/{code}"),
                &[
                    ("name", "Someone"),
                    ("email", email),
                    ("password", "a long new password"),
                    ("confirm", "a long new password"),
                ],
            )
            .await
        }
    };
    let known = sign_up("ada@example.org").await;
    let unknown = sign_up("nobody@example.org").await;
    known.assert_status(200);
    assert_eq!(known.status, unknown.status);
    // The page names the address typed in; apart from that the two answers are the same.
    assert_eq!(
        known.body.replace("ada@example.org", "@"),
        unknown.body.replace("nobody@example.org", "@"),
        "the join page told whether an account exists"
    );
    // Ada's account is untouched and she is told, with a way to sign in and join.
    let still = homeroom::accounts::find_by_email(app.db(), "ada@example.org").await.unwrap().unwrap();
    assert_eq!(
        (still.id, still.name.as_str(), still.password_hash.clone()),
        (ada.id, "Ada Lovelace", ada.password_hash.clone())
    );
    let mail = homeroom::db::entity::email::Entity::find()
        .filter(homeroom::db::entity::email::Column::ToAddress.eq("ada@example.org"))
        .one(app.db())
        .await
        .unwrap()
        .expect("the owner is told");
    assert!(mail.body_text.contains(&format!("/sign-in?next=/join/{code}")), "{}", mail.body_text);
    assert!(!mail.body_text.contains("/confirm/"), "no link that would claim the account");
}
both!(the_join_page_says_the_same_for_everyone);

async fn metrics_are_not_public(b: Backend) {
    // By default there is nothing there.
    let app = TestApp::spawn(b).await;
    let br = app.browser();
    assert_eq!(br.get("/metrics").await.status, 404);
    let r = br.client.get(br.url("/metrics")).bearer_auth("anything at all, really").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 404);

    // With a token, only its holder reads them.
    let token = "the operator's metrics token";
    let app = TestApp::spawn_with(b, Options { metrics_token: Some(token.into()), ..Default::default() }).await;
    let br = app.browser();
    br.get("/").await;
    assert_eq!(br.get("/metrics").await.status, 401);
    let wrong = br.client.get(br.url("/metrics")).bearer_auth("the operator's metrics tokeN").send().await.unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    let right = br.client.get(br.url("/metrics")).bearer_auth(token).send().await.unwrap();
    assert_eq!(right.status().as_u16(), 200);
    assert!(right.text().await.unwrap().contains("homeroom_http_requests_total"));

    // On a separate address, they are served there and not on the public one.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let listen = format!("127.0.0.1:{port}");
    let app = TestApp::spawn_with(b, Options { metrics_listen: Some(listen.clone()), ..Default::default() }).await;
    let br = app.browser();
    br.get("/").await;
    assert_eq!(br.get("/metrics").await.status, 404);
    let mut body = None;
    for _ in 0..50 {
        if let Ok(r) = br.client.get(format!("http://{listen}/metrics")).send().await {
            body = Some((r.status().as_u16(), r.text().await.unwrap()));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (status, text) = body.expect("the metrics address answers");
    assert_eq!(status, 200);
    assert!(text.contains("homeroom_http_requests_total"), "{text}");
}
both!(metrics_are_not_public);
