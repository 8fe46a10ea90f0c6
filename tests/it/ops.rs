//! Health, metrics, error pages and odd requests.

use crate::both;
use crate::support::{Backend, Options, TestApp};

async fn healthz_and_metrics(b: Backend) {
    let token = "a metrics token for the test";
    let app = TestApp::spawn_with(b, Options { metrics_token: Some(token.into()), ..Default::default() }).await;
    let br = app.browser();
    br.get("/healthz").await.assert_status(200).assert_contains("ok");
    br.get("/").await.assert_status(200);
    br.get("/no-such-page").await.assert_status(404);
    let m = br.client.get(br.url("/metrics")).bearer_auth(token).send().await.unwrap();
    assert_eq!(m.status(), 200);
    let content_type = m.headers()["content-type"].to_str().unwrap().to_string();
    let m = crate::support::Resp {
        status: 200,
        location: None,
        set_cookies: vec![],
        content_type,
        body: m.text().await.unwrap(),
        statements: None,
    };
    m.assert_status(200)
        .assert_contains("homeroom_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 1")
        .assert_contains("homeroom_http_request_duration_seconds_bucket")
        .assert_contains("homeroom_live_sockets 0")
        .assert_contains("homeroom_live_events_made_total 0");
    assert!(m.content_type.contains("text"), "{}", m.content_type);
}
both!(healthz_and_metrics);

async fn errors_are_friendly_pages_or_json_with_a_request_id(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess").await;
    app.course("C", &t).await;
    let br = app.signed_in("tutor@example.org").await;
    let r = br.get("/courses/999999").await;
    r.assert_status(404).assert_contains("could not find that page").assert_contains("Reference ");
    assert!(r.content_type.starts_with("text/html"));
    br.get("/courses/not-a-number").await.assert_status(404);
    br.get("/courses/99999999999999999999999").await.assert_status(404);
    let r = br.get_json("/api/courses/999999/members").await;
    r.assert_status(404);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["error"], "error-not-found");
    assert!(v["request_id"].as_str().is_some_and(|s| s.len() == 16));
    let anon = app.browser();
    let r = anon.get_json("/api/courses/1/members").await;
    r.assert_status(401);
    // A method the route does not take, and a malformed form body.
    br.get("/sign-out").await.assert_status(405).assert_contains("not available");
    let r = br.post("/courses/new", &[("title", "only a title")]).await;
    assert_eq!(r.status, 422);
    let big = "x".repeat(5 * 1024 * 1024);
    // The server answers 413 and may close the connection before the upload ends.
    let token = br.ensure_csrf().await;
    match br.client.post(br.url("/account")).form(&[("name", big.as_str()), ("_csrf", &token)]).send().await {
        Ok(r) => assert_eq!(r.status().as_u16(), 413),
        Err(e) => assert!(e.is_request(), "{e}"),
    }
}
both!(errors_are_friendly_pages_or_json_with_a_request_id);

async fn pages_speak_the_visitors_language(b: Backend) {
    let app = TestApp::spawn(b).await;
    let br = app.browser();
    let r = br.client.get(br.url("/sign-in")).header("accept-language", "nb-NO,nb;q=0.9").send().await.unwrap();
    let body = r.text().await.unwrap();
    assert!(body.contains("Logg inn") && body.contains("lang=\"nb\""));
    br.get("/sign-in").await.assert_contains("Sign in");
}
both!(pages_speak_the_visitors_language);
