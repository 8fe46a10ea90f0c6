//! Abuse limits: rate limits answer 429 with Retry-After and write nothing, per person
//! and per address; uploads get their own time limits and a stalled body is cut off; the
//! storage quota; pictures too large to decode.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::both;
use crate::support::{Backend, Browser, Options, TestApp};
use homeroom::db::entity::course;
use homeroom::policy::Role;
use reqwest::multipart::{Form, Part};

struct Class {
    app: TestApp,
    course: course::Model,
    tutor: Browser,
    ada: Browser,
    bo: Browser,
}

async fn class(b: Backend, opts: Options) -> Class {
    let app = TestApp::spawn_with(b, opts).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Limits", &t).await;
    for (email, name) in [("ada@example.org", "Ada Lovelace"), ("bo@example.org", "Bo Berg")] {
        let u = app.user(email, name).await;
        app.enrol(&course, &u, Role::Student).await;
    }
    let tutor = app.signed_in("tutor@example.org").await;
    let ada = app.signed_in("ada@example.org").await;
    let bo = app.signed_in("bo@example.org").await;
    Class { app, course, tutor, ada, bo }
}

impl Class {
    fn c(&self) -> String {
        format!("/courses/{}", self.course.id)
    }

    async fn coffee_shop(&self) -> i64 {
        self.ada.get(&format!("{}/spaces", self.c())).await;
        crate::social_ids(
            &self.app,
            &format!("SELECT id FROM forum_spaces WHERE course_id = {} AND default_key = 'coffee'", self.course.id),
        )
        .await[0]
    }

    async fn upload(&self, who: &Browser, bytes: Vec<u8>, name: &str) -> crate::support::Resp {
        let part = Part::bytes(bytes).file_name(name.to_string()).mime_str("application/octet-stream").unwrap();
        who.post_multipart(&format!("{}/files/upload?folder=", self.c()), Form::new().part("file", part)).await
    }
}

fn limits(specs: &[&str]) -> Options {
    Options { rate_limits: specs.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

#[track_caller]
fn assert_limited(r: &crate::support::Resp) {
    assert_eq!(r.status, 429, "expected 429, got {}: {}", r.status, &r.body[..r.body.len().min(2000)]);
    assert!(r.body.contains("many times in a short while"), "{}", r.body);
}

async fn the_post_after_the_limit_is_refused_and_writes_nothing(b: Backend) {
    let k = class(b, limits(&["post=3,100/600"])).await;
    let space = k.coffee_shop().await;
    let path = format!("{}/spaces/{space}/threads", k.c());
    for i in 0..3 {
        let r = k.ada.post(&path, &[("title", &format!("Hello {i}")), ("body", "Hi all")]).await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let before = (k.app.count("forum_threads").await, k.app.count("forum_posts").await);
    let r = k
        .ada
        .client
        .post(k.ada.url(&path))
        .form(&[("title", "Spam"), ("body", "Spam"), ("_csrf", &k.ada.ensure_csrf().await)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=600).contains(&retry), "{retry}");
    let body = r.text().await.unwrap();
    assert!(body.contains("many times in a short while") && body.contains("try again in about"), "{body}");
    assert_eq!((k.app.count("forum_threads").await, k.app.count("forum_posts").await), before);
    // Replies count as posts too.
    let thread = crate::social_ids(&k.app, "SELECT MIN(id) AS id FROM forum_threads").await[0];
    assert_limited(&k.ada.post(&format!("{}/threads/{thread}/reply", k.c()), &[("body", "More")]).await);
    assert_eq!(k.app.count("forum_posts").await, before.1);
    // Someone else is not affected.
    let r = k.bo.post(&path, &[("title", "Bo here"), ("body", "Hello")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(k.app.count("forum_threads").await, before.0 + 1);
}
both!(the_post_after_the_limit_is_refused_and_writes_nothing);

async fn an_address_is_limited_across_people(b: Backend) {
    // Every test client comes from 127.0.0.1: two people share the address's count.
    let k = class(b, limits(&["shout-out=10,3/600"])).await;
    let bo_id = crate::social_ids(&k.app, "SELECT id FROM users WHERE email = 'bo@example.org'").await[0].to_string();
    let ada_id = crate::social_ids(&k.app, "SELECT id FROM users WHERE email = 'ada@example.org'").await[0].to_string();
    let path = format!("{}/shout-outs", k.c());
    for _ in 0..2 {
        assert_eq!(k.ada.post(&path, &[("to", &bo_id), ("body", "Great notes")]).await.status, 303);
    }
    assert_eq!(k.bo.post(&path, &[("to", &ada_id), ("body", "Thanks")]).await.status, 303);
    let n = k.app.count("shout_outs").await;
    assert_limited(&k.bo.post(&path, &[("to", &ada_id), ("body", "Thanks again")]).await);
    assert_eq!(k.app.count("shout_outs").await, n);
}
both!(an_address_is_limited_across_people);

async fn messages_invitations_resets_and_search_are_limited(b: Backend) {
    let k = class(
        b,
        limits(&["message=1,100/600", "invite=1,100/600", "reset=2,100/600", "search=2,100/60", "roster=1,100/600"]),
    )
    .await;
    // Direct messages.
    k.tutor.post(&format!("{}/messages/settings", k.c()), &[("student_messages", "on")]).await;
    let bo_id = crate::social_ids(&k.app, "SELECT id FROM users WHERE email = 'bo@example.org'").await[0].to_string();
    let msgs = format!("{}/messages", k.c());
    k.ada.post(&msgs, &[("to", &bo_id), ("body", "Hello Bo")]).await;
    let n = k.app.count("messages").await;
    assert_limited(&k.ada.post(&msgs, &[("to", &bo_id), ("body", "Hello again")]).await);
    assert_eq!(k.app.count("messages").await, n);
    // Invitations by email and roster imports.
    let invite = format!("{}/invite", k.c());
    k.tutor.post(&invite, &[("name", "Cy Cole"), ("email", "cy@example.org"), ("role", "student")]).await;
    let emails = k.app.count("emails").await;
    assert_limited(&k.tutor.post(&invite, &[("name", "Di"), ("email", "di@example.org"), ("role", "student")]).await);
    let roster = format!("{}/roster", k.c());
    k.tutor.post_multipart(&roster, Form::new().text("csv", "name,email\nEd,ed@example.org\n")).await;
    let r = k.tutor.post_multipart(&roster, Form::new().text("csv", "name,email\nFi,fi@example.org\n")).await;
    assert_limited(&r);
    assert_eq!(k.app.count("emails").await, emails);
    // Password resets, counted per address typed in, whether or not it has an account.
    let anon = k.app.browser();
    for email in ["ada@example.org", "ada@example.org", "nobody@example.org", "nobody@example.org"] {
        anon.post("/forgot-password", &[("email", email)]).await.assert_status(200);
    }
    let tokens = k.app.count("password_tokens").await;
    assert_limited(&anon.post("/forgot-password", &[("email", "ada@example.org")]).await);
    assert_limited(&anon.post("/forgot-password", &[("email", "nobody@example.org")]).await);
    assert_eq!(k.app.count("password_tokens").await, tokens);
    // Search; an API caller gets JSON.
    let search = format!("{}/spaces/search?q=hello", k.c());
    k.ada.get(&search).await.assert_status(200);
    k.ada.get(&search).await.assert_status(200);
    let r = k.ada.get_json(&search).await;
    assert_eq!(r.status, 429);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(json["error"], "abuse-slow-down");
    k.bo.get(&search).await.assert_status(200);
}
both!(messages_invitations_resets_and_search_are_limited);

async fn uploads_are_limited_on_every_upload_route(b: Backend) {
    let k = class(b, limits(&["upload=2,100/600"])).await;
    k.tutor.post(&format!("{}/files/settings", k.c()), &[("students_upload", "1")]).await;
    for i in 0..2 {
        let r = k.upload(&k.tutor, b"notes for the week\n".to_vec(), &format!("n{i}.txt")).await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let files = k.app.count("course_files").await;
    assert_limited(&k.upload(&k.tutor, b"more notes\n".to_vec(), "n3.txt").await);
    // The same count covers the other upload routes: profile, collage, attachments.
    assert_limited(&k.tutor.post_multipart("/account/profile", Form::new().text("time_zone", "Europe/Oslo")).await);
    assert_limited(&k.tutor.post_multipart(&format!("{}/collage", k.c()), Form::new().text("caption", "x")).await);
    assert_eq!(k.app.count("course_files").await, files);
    assert_eq!(k.app.count("media").await, files);
}
both!(uploads_are_limited_on_every_upload_route);

async fn a_quota_stops_uploads_past_it_and_says_how_much(b: Backend) {
    let k = class(b, Options { quota_mb: Some(1), ..Default::default() }).await;
    let text = |n: usize| "a line of notes\n".repeat(n / 16).into_bytes();
    let r = k.upload(&k.tutor, text(600 * 1024), "week1.txt").await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = k.upload(&k.tutor, text(600 * 1024), "week2.txt").await;
    assert!(r.status >= 400, "{} {}", r.status, r.body);
    r.assert_contains("does not fit in your storage").assert_contains("use 1 MB of the 1 MB");
    assert_eq!(k.app.count("course_files").await, 1);
    // (The quota is per person: another person still has room.)
    k.tutor.post(&format!("{}/files/settings", k.c()), &[("students_upload", "1")]).await;
    let r = k.upload(&k.ada, text(600 * 1024), "ada.txt").await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(k.app.count("course_files").await, 2);
}
both!(a_quota_stops_uploads_past_it_and_says_how_much);

/// A PNG that is all header: it declares `w` x `h` pixels in a few dozen bytes.
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    out
}

async fn a_decompression_bomb_is_refused_with_a_clear_message(b: Backend) {
    let k = class(b, Options::default()).await;
    let r = k.upload(&k.tutor, png_declaring(30_000, 30_000), "bomb.png").await;
    assert!(r.status >= 400, "{} {}", r.status, r.body);
    r.assert_contains("too large to process").assert_contains("10000 pixels");
    assert_eq!(k.app.count("media").await, 0);
    // The server is still there.
    k.tutor.get(&format!("{}/files", k.c())).await.assert_status(200);
}
both!(a_decompression_bomb_is_refused_with_a_clear_message);

/// A raw HTTP/1.1 request whose body is sent in `pieces`, `pause` apart, then the answer's
/// status (None when the server closed the connection without one).
async fn send_slowly(
    who: &Browser,
    path: &str,
    content_type: &str,
    body: &[u8],
    pieces: usize,
    pause: Duration,
    stall_after: Option<usize>,
) -> Option<u16> {
    let url: reqwest::Url = who.base.parse().unwrap();
    let cookies = reqwest::cookie::CookieStore::cookies(&*who.jar, &url).unwrap();
    let mut s = tokio::net::TcpStream::connect(url.socket_addrs(|| None).unwrap()[0]).await.unwrap();
    // The CSRF token in the header as well as in the query or the form.
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nX-CSRF-Token: {}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        url.authority(),
        cookies.to_str().unwrap(),
        who.csrf().unwrap_or_default(),
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let size = body.len().div_ceil(pieces);
    for (i, piece) in body.chunks(size).enumerate() {
        if stall_after == Some(i) {
            break;
        }
        if s.write_all(piece).await.is_err() {
            break;
        }
        tokio::time::sleep(pause).await;
    }
    let mut answer = vec![];
    let _ = tokio::time::timeout(Duration::from_secs(20), s.read_to_end(&mut answer)).await;
    let text = String::from_utf8_lossy(&answer);
    text.strip_prefix("HTTP/1.1 ").and_then(|t| t.get(..3)).and_then(|c| c.parse().ok())
}

async fn a_slow_upload_gets_through_and_a_stalled_one_is_cut_off(b: Backend) {
    let opts = Options {
        request_timeout_secs: Some(2),
        upload_timeout_secs: Some(60),
        idle_timeout_secs: Some(2),
        ..Default::default()
    };
    let k = class(b, opts).await;
    let csrf = k.tutor.ensure_csrf().await;
    let boundary = "XyZBoundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n\
         Content-Type: text/plain\r\n\r\n"
    )
    .into_bytes();
    body.extend("notes for the week\n".repeat(2000).as_bytes());
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let path = format!("{}/files/upload?folder=&_csrf={csrf}", k.c());
    let ct = format!("multipart/form-data; boundary={boundary}");
    // Steady: ten pieces, half a second apart, five seconds in all (over the 2 s page limit).
    let started = Instant::now();
    let status = send_slowly(&k.tutor, &path, &ct, &body, 10, Duration::from_millis(500), None).await;
    assert!(started.elapsed() > Duration::from_secs(4));
    assert_eq!(status, Some(303));
    assert_eq!(k.app.count("course_files").await, 1);
    // Stalled after three pieces: cut off after the idle limit, nothing kept.
    let started = Instant::now();
    let status = send_slowly(&k.tutor, &path, &ct, &body, 10, Duration::from_millis(100), Some(3)).await;
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert!(status.is_none_or(|s| s >= 400), "{status:?}");
    assert_eq!(k.app.count("course_files").await, 1);
    assert_eq!(k.app.count("media").await, 1);
    // An ordinary form sent as slowly runs into the page limit.
    let form = format!("title=Slow&body=slowly&_csrf={csrf}").into_bytes();
    let space = k.coffee_shop().await;
    let status = send_slowly(
        &k.tutor,
        &format!("{}/spaces/{space}/threads", k.c()),
        "application/x-www-form-urlencoded",
        &form,
        6,
        Duration::from_millis(600),
        None,
    )
    .await;
    assert_eq!(status, Some(408));
    assert_eq!(k.app.count("forum_threads").await, 0);
}
both!(a_slow_upload_gets_through_and_a_stalled_one_is_cut_off);

async fn counting_is_exact_under_concurrency_and_passed_windows_are_forgotten(b: Backend) {
    use homeroom::abuse::{Act, Limit, counter};
    let app = TestApp::spawn(b).await;
    let db = app.db();
    let limit = Limit { per_person: 10, per_address: 1000, window_secs: 600 };
    let now = homeroom::time::now_ms();
    // Twenty attempts at once (as from several replicas): exactly ten get through.
    let tries = (0..20).map(|_| counter::hit(db, Act::Post, limit, Some("user:7"), "10.0.0.1", now));
    let results = futures::future::join_all(tries).await;
    let refused = results.iter().filter(|r| r.as_ref().unwrap().is_some()).count();
    assert_eq!(refused, 10, "{results:?}");
    // Someone else, from the same address, still gets through.
    assert_eq!(counter::hit(db, Act::Post, limit, Some("user:8"), "10.0.0.1", now).await.unwrap(), None);
    // An hour-old window is forgotten by the cleanup job; the current one stays.
    counter::hit(db, Act::Search, limit, Some("user:7"), "10.0.0.1", now - 3_600_000).await.unwrap();
    assert_eq!(app.count("rate_counters").await, 5);
    assert_eq!(counter::prune(db, now).await.unwrap(), 2);
    assert_eq!(app.count("rate_counters").await, 3);
}
both!(counting_is_exact_under_concurrency_and_passed_windows_are_forgotten);
