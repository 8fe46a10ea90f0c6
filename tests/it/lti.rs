//! LTI 1.3 against an in-process test platform: our own RSA keys, a JWKS, a token
//! endpoint that checks the tool's signed client assertion, and a Names and Roles service
//! that pages with `Link` headers, all served by a tiny axum server in the test.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use sea_orm::{ConnectionTrait, Statement, Value as DbValue};
use serde_json::{Value, json};

use crate::both;
use crate::support::{Backend, Browser, TestApp, eventually};

pub(crate) const CLIENT: &str = "homeroom-client";
pub(crate) const DEPLOYMENT: &str = "dep-1";
pub(crate) const LEARNER: &str = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
pub(crate) const INSTRUCTOR: &str = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
pub(crate) const TA: &str = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant";
pub(crate) const CLAIM: &str = "https://purl.imsglobal.org/spec/lti/claim/";

pub(crate) struct Key {
    pub(crate) kid: String,
    pub(crate) pem: String,
    pub(crate) jwk: Value,
}

fn make_key(kid: &str) -> Key {
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::traits::PublicKeyParts;
    let k = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
    let pem = k.to_pkcs1_pem(rsa::pkcs1::LineEnding::LF).unwrap().to_string();
    let b64 = |b: Vec<u8>| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let jwk = json!({"kty": "RSA", "alg": "RS256", "use": "sig", "kid": kid, "n": b64(k.n().to_bytes_be()), "e": b64(k.e().to_bytes_be())});
    Key { kid: kid.into(), pem, jwk }
}

/// The platform's two keys (before and after a rotation), made once per test run.
pub(crate) fn keys() -> &'static (Key, Key) {
    static KEYS: OnceLock<(Key, Key)> = OnceLock::new();
    KEYS.get_or_init(|| (make_key("platform-key-a"), make_key("platform-key-b")))
}

#[derive(Default)]
pub(crate) struct Lms {
    /// Course Groups: the groups and sets listed (one per page), as the service sends them.
    pub(crate) groups: Vec<Value>,
    pub(crate) sets: Vec<Value>,
    jwks: Vec<Value>,
    jwks_hits: usize,
    pub(crate) members: Vec<Value>,
    pub(crate) page_size: usize,
    pub(crate) tokens_given: usize,
    /// The audience the token endpoint wants, when not its own address (Brightspace).
    pub(crate) audience: Option<String>,
    tool_jwks_url: String,
    base: String,
}

#[derive(Clone)]
pub(crate) struct Platform {
    pub(crate) base: String,
    pub(crate) lms: Arc<Mutex<Lms>>,
}

async fn platform_jwks(State(lms): State<Arc<Mutex<Lms>>>) -> Json<Value> {
    let mut l = lms.lock().unwrap();
    l.jwks_hits += 1;
    Json(json!({ "keys": l.jwks.clone() }))
}

/// The token endpoint: the client assertion must be signed with a key the tool publishes
/// and be addressed to this endpoint (or to the audience the platform names).
async fn platform_token(State(lms): State<Arc<Mutex<Lms>>>, Form(f): Form<HashMap<String, String>>) -> Response {
    let (jwks_url, token_url) = {
        let l = lms.lock().unwrap();
        (l.tool_jwks_url.clone(), l.audience.clone().unwrap_or_else(|| format!("{}/token", l.base)))
    };
    let set: jsonwebtoken::jwk::JwkSet = reqwest::get(&jwks_url).await.unwrap().json().await.unwrap();
    let assertion = f.get("client_assertion").cloned().unwrap_or_default();
    let jwk = jsonwebtoken::decode_header(&assertion).ok().and_then(|h| h.kid).and_then(|kid| set.find(&kid).cloned());
    let ok = f.get("grant_type").map(String::as_str) == Some("client_credentials")
        && jwk.is_some_and(|jwk| {
            let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
            v.set_audience(&[token_url.as_str()]);
            let key = jsonwebtoken::DecodingKey::from_jwk(&jwk).unwrap();
            jsonwebtoken::decode::<Value>(&assertion, &key, &v).is_ok_and(|d| d.claims["iss"] == CLIENT)
        });
    if !ok {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    lms.lock().unwrap().tokens_given += 1;
    Json(json!({"access_token": "platform-access-token", "token_type": "Bearer", "expires_in": 3600})).into_response()
}

async fn platform_nrps(
    State(lms): State<Arc<Mutex<Lms>>>,
    Path(ctx): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer platform-access-token") {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let l = lms.lock().unwrap();
    let page: usize = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(0);
    let size = l.page_size.max(1);
    let slice: Vec<Value> = l.members.iter().skip(page * size).take(size).cloned().collect();
    let mut res = Json(json!({ "id": ctx, "members": slice })).into_response();
    if (page + 1) * size < l.members.len() {
        // Several links, parameters in another order, as real platforms send them.
        let link = format!(
            "<{0}/nrps/{ctx}?page=0>; rel=\"first\", <{0}/nrps/{ctx}?page={1}>; rel=\"next\"",
            l.base,
            page + 1
        );
        res.headers_mut().insert("link", link.parse().unwrap());
    }
    res
}

/// The Course Groups service: one group (or set) a page, each page linking the next.
fn one_a_page(
    l: &Lms,
    list: &[Value],
    key: &str,
    path: &str,
    q: &HashMap<String, String>,
    headers: &HeaderMap,
) -> Response {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer platform-access-token") {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let page: usize = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(0);
    let mut res = Json(json!({ key: list.iter().skip(page).take(1).cloned().collect::<Vec<_>>() })).into_response();
    if page + 1 < list.len() {
        let link = format!("<{}{path}?page={}>; rel=\"next\"", l.base, page + 1);
        res.headers_mut().insert("link", link.parse().unwrap());
    }
    res
}

async fn platform_groups(
    State(lms): State<Arc<Mutex<Lms>>>,
    Path(ctx): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let l = lms.lock().unwrap();
    one_a_page(&l, &l.groups, "groups", &format!("/groups/{ctx}"), &q, &headers)
}

async fn platform_sets(
    State(lms): State<Arc<Mutex<Lms>>>,
    Path(ctx): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let l = lms.lock().unwrap();
    one_a_page(&l, &l.sets, "sets", &format!("/sets/{ctx}"), &q, &headers)
}

pub(crate) async fn spawn_platform(app: &TestApp) -> Platform {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let lms = Arc::new(Mutex::new(Lms {
        jwks: vec![keys().0.jwk.clone()],
        page_size: 100,
        tool_jwks_url: format!("{}/lti/jwks", app.base),
        base: base.clone(),
        ..Lms::default()
    }));
    let router = Router::new()
        .route("/jwks", get(platform_jwks))
        .route("/token", post(platform_token))
        .route("/nrps/{ctx}", get(platform_nrps))
        .route("/groups/{ctx}", get(platform_groups))
        .route("/sets/{ctx}", get(platform_sets))
        .with_state(lms.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Platform { base, lms }
}

impl Platform {
    pub(crate) fn issuer(&self) -> String {
        self.base.clone()
    }
}

/// Register the platform on the admin's page, as a site admin would.
pub(crate) async fn register(app: &TestApp, p: &Platform) {
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    let r = admin
        .post(
            "/admin/lti",
            &[
                ("name", "Test LMS"),
                ("issuer", &p.issuer()),
                ("client_id", CLIENT),
                ("auth_url", &format!("{}/auth", p.base)),
                ("token_url", &format!("{}/token", p.base)),
                ("jwks_url", &format!("{}/jwks", p.base)),
                ("deployments", &format!("{DEPLOYMENT}\ndep-2")),
            ],
        )
        .await;
    assert!(r.redirects_to("/admin/lti"), "{} {}", r.status, r.body);
    let page = admin.get("/admin/lti").await;
    page.assert_status(200).assert_contains(&p.issuer()).assert_contains(&format!("{}/lti/login", app.base));
}

/// The platform starts a sign-in; we answer with where to authenticate. Returns the
/// state and nonce the platform would carry back.
pub(crate) async fn login(app: &TestApp, p: &Platform, b: &Browser) -> (String, String) {
    let target = format!("{}/lti/launch", app.base);
    let q = serde_urlencoded::to_string([
        ("iss", p.issuer().as_str()),
        ("login_hint", "opaque-hint"),
        ("target_link_uri", target.as_str()),
        ("client_id", CLIENT),
        ("lti_deployment_id", DEPLOYMENT),
    ])
    .unwrap();
    let r = b.get(&format!("/lti/login?{q}")).await;
    let loc = r.location.clone().unwrap_or_else(|| panic!("login answered {} {}", r.status, r.body));
    let url = reqwest::Url::parse(&loc).unwrap();
    assert!(loc.starts_with(&format!("{}/auth?", p.base)), "{loc}");
    let get = |k: &str| url.query_pairs().find(|(n, _)| n == k).map(|(_, v)| v.to_string()).unwrap();
    assert_eq!(get("redirect_uri"), target);
    assert_eq!((get("client_id").as_str(), get("response_mode").as_str()), (CLIENT, "form_post"));
    assert_eq!(get("login_hint"), "opaque-hint");
    (get("state"), get("nonce"))
}

pub(crate) fn now() -> i64 {
    homeroom::time::now_ms() / 1000
}

pub(crate) fn claims(p: &Platform, nonce: &str, sub: &str, roles: &[&str], context: &str) -> Value {
    json!({
        "iss": p.issuer(), "aud": CLIENT, "sub": sub, "exp": now() + 300, "iat": now() - 5, "nonce": nonce,
        "name": format!("Person {sub}"), "email": format!("{sub}@uni.example"),
        format!("{CLAIM}deployment_id"): DEPLOYMENT,
        format!("{CLAIM}version"): "1.3.0",
        format!("{CLAIM}message_type"): "LtiResourceLinkRequest",
        format!("{CLAIM}resource_link"): {"id": "rl-1"},
        format!("{CLAIM}context"): {"id": context, "title": format!("Flexible Learning {context}")},
        format!("{CLAIM}roles"): roles,
        "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
            "context_memberships_url": format!("{}/nrps/{context}", p.base), "service_versions": ["2.0"]
        },
    })
}

pub(crate) fn sign(claims: &Value, key: &Key, kid: &str) -> String {
    let mut h = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    h.kid = Some(kid.into());
    jsonwebtoken::encode(&h, claims, &jsonwebtoken::EncodingKey::from_rsa_pem(key.pem.as_bytes()).unwrap()).unwrap()
}

/// A whole launch of `sub` in a browser of their own; `change` edits the claims first.
pub(crate) async fn launch_with(
    app: &TestApp,
    p: &Platform,
    sub: &str,
    roles: &[&str],
    context: &str,
    change: impl FnOnce(&mut Value),
) -> (Browser, crate::support::Resp) {
    let b = app.browser();
    let (state, nonce) = login(app, p, &b).await;
    let mut c = claims(p, &nonce, sub, roles, context);
    change(&mut c);
    let token = sign(&c, &keys().0, &keys().0.kid);
    let r = b.post_forged("/lti/launch", &[("id_token", &token), ("state", &state)]).await;
    (b, r)
}

pub(crate) async fn launch(
    app: &TestApp,
    p: &Platform,
    sub: &str,
    roles: &[&str],
    context: &str,
) -> (Browser, crate::support::Resp) {
    launch_with(app, p, sub, roles, context, |_| {}).await
}

pub(crate) fn session_started(r: &crate::support::Resp) -> bool {
    r.set_cookies.iter().any(|c| c.starts_with("hr_session=") && !c.starts_with("hr_session=;"))
}

pub(crate) async fn scalar(app: &TestApp, sql: &str, values: Vec<DbValue>) -> i64 {
    let db = app.db();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

pub(crate) async fn membership(app: &TestApp, sub: &str) -> Option<(String, String)> {
    let db = app.db();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT m.role, m.state FROM memberships m JOIN lti_accounts a ON a.user_id = m.user_id WHERE a.subject = $1",
            vec![sub.into()],
        ))
        .await
        .unwrap()?;
    Some((row.try_get("", "role").unwrap(), row.try_get("", "state").unwrap()))
}

/// The instructor launches into context `ctx`, makes a new course for it; returns the
/// course id and the instructor's browser.
pub(crate) async fn linked(app: &TestApp, p: &Platform, ctx: &str) -> (i64, Browser) {
    let (b, r) = launch(app, p, "ines", &[INSTRUCTOR], ctx).await;
    assert!(r.redirects_to("/lti/contexts/"), "{} {:?} {}", r.status, r.location, r.body);
    assert!(session_started(&r));
    let link = r.location.clone().unwrap();
    b.get(&link).await.assert_status(200).assert_contains(&format!("Flexible Learning {ctx}"));
    let r = b.post(&link, &[("course", "new")]).await;
    assert!(r.redirects_to("/courses/"), "{} {}", r.status, r.body);
    let course: i64 = r.location.unwrap().rsplit('/').next().unwrap().parse().unwrap();
    b.get(&format!("/courses/{course}")).await.assert_status(200).assert_contains(&format!("Flexible Learning {ctx}"));
    (course, b)
}

async fn an_instructor_links_and_students_arrive_in_their_roles(b: Backend) {
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    register(&app, &p).await;
    // A student before the course is linked is told to wait for the instructor.
    let (_, r) = launch(&app, &p, "early", &[LEARNER], "c1").await;
    r.assert_status(403).assert_contains("not connected to Homeroom yet");
    assert!(!session_started(&r));

    let (course, _) = linked(&app, &p, "c1").await;
    assert_eq!(membership(&app, "ines").await, Some(("tutor".into(), "active".into())));

    let (sb, r) = launch(&app, &p, "stu", &[LEARNER], "c1").await;
    assert!(r.redirects_to(&format!("/courses/{course}")), "{} {}", r.status, r.body);
    sb.get(&format!("/courses/{course}")).await.assert_status(200);
    assert_eq!(membership(&app, "stu").await, Some(("student".into(), "active".into())));
    let name =
        scalar(&app, "SELECT COUNT(*) FROM users WHERE name = 'Person stu' AND email = 'stu@uni.example'", vec![])
            .await;
    assert_eq!(name, 1, "name and email taken from the launch");

    launch(&app, &p, "tara", &[TA], "c1").await;
    assert_eq!(membership(&app, "tara").await, Some(("ta".into(), "active".into())));
    launch(&app, &p, "mo", &["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"], "c1").await;
    assert_eq!(membership(&app, "mo").await, Some(("observer".into(), "active".into())));

    // A role Homeroom does not know: no guess, no membership.
    let (_, r) = launch(&app, &p, "wiz", &["http://example.org/role#Wizard"], "c1").await;
    r.assert_status(403).assert_contains("not one Homeroom knows");
    assert_eq!(membership(&app, "wiz").await, None);

    // Someone whose address is taken by an existing account gets an account of their own.
    app.user("taken@uni.example", "Already Here").await;
    launch(&app, &p, "taken", &[LEARNER], "c1").await;
    let placeholder = scalar(
        &app,
        "SELECT COUNT(*) FROM users WHERE email LIKE 'lti-%@lti.invalid' AND name = 'Person taken'",
        vec![],
    )
    .await;
    assert_eq!(placeholder, 1);

    // Only the instructor the LMS named may link a context, and only once.
    let (_, r) = launch(&app, &p, "ines", &[INSTRUCTOR], "c2").await;
    let link = r.location.unwrap();
    let other = app.signed_in("taken@uni.example").await;
    other.get(&link).await.assert_status(403);
    other.post(&link, &[("course", "new")]).await.assert_status(403);
    let c1_link = scalar(&app, "SELECT id FROM lti_contexts WHERE context_id = 'c1'", vec![]).await;
    let ines = launch(&app, &p, "ines", &[INSTRUCTOR], "c1").await.0;
    ines.get(&format!("/lti/contexts/{c1_link}/link")).await.assert_status(403);
    // Linking to a course one does not tutor is refused in plain words.
    ines.post(&link, &[("course", "999999")]).await.assert_status(422).assert_contains("Choose a course you teach");
    let r = ines.post(&link, &[("course", &course.to_string())]).await;
    assert!(r.redirects_to(&format!("/courses/{course}")), "ines tutors course {course}: {} {}", r.status, r.body);
}
both!(an_instructor_links_and_students_arrive_in_their_roles);

async fn launches_that_break_a_rule_are_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    register(&app, &p).await;
    let (course, _) = linked(&app, &p, "c1").await;
    type Change = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "expired",
            Box::new(|c: &mut Value| {
                c["exp"] = json!(now() - 3600);
                c["iat"] = json!(now() - 7200);
            }),
            "expired",
        ),
        ("wrong audience", Box::new(|c: &mut Value| c["aud"] = json!("someone-else")), "not addressed to this tool"),
        (
            "wrong issuer",
            Box::new(|c: &mut Value| c["iss"] = json!("https://evil.example")),
            "not from the registered platform",
        ),
        ("unknown deployment", Box::new(|c: &mut Value| c[format!("{CLAIM}deployment_id")] = json!("dep-9")), "dep-9"),
        (
            "no context",
            Box::new(|c: &mut Value| {
                c.as_object_mut().unwrap().remove(&format!("{CLAIM}context"));
            }),
            "course",
        ),
    ];
    for (what, change, detail) in cases {
        let (_, r) = launch_with(&app, &p, "stu", &[LEARNER], "c1", change).await;
        assert_eq!(r.status, 401, "{what}: {}", r.body);
        r.assert_contains("could not be checked").assert_contains(detail);
        assert!(!session_started(&r), "{what}");
    }
    assert_eq!(membership(&app, "stu").await, None);

    // Signed by another key under the platform's key id: the signature is wrong.
    let b1 = app.browser();
    let (state, nonce) = login(&app, &p, &b1).await;
    let forged = sign(&claims(&p, &nonce, "stu", &[LEARNER], "c1"), &keys().1, &keys().0.kid);
    let r = b1.post_forged("/lti/launch", &[("id_token", &forged), ("state", &state)]).await;
    r.assert_status(401).assert_contains("signature");

    // No state, or a state we did not sign.
    let good = sign(&claims(&p, "whatever", "stu", &[LEARNER], "c1"), &keys().0, &keys().0.kid);
    b1.post_forged("/lti/launch", &[("id_token", &good)]).await.assert_status(400);
    b1.post_forged("/lti/launch", &[("id_token", &good), ("state", "made.up")]).await.assert_status(400);

    // A launch is good once: posting it again is refused.
    let b2 = app.browser();
    let (state, nonce) = login(&app, &p, &b2).await;
    let token = sign(&claims(&p, &nonce, "stu", &[LEARNER], "c1"), &keys().0, &keys().0.kid);
    let r = b2.post_forged("/lti/launch", &[("id_token", &token), ("state", &state)]).await;
    assert!(r.redirects_to(&format!("/courses/{course}")), "{} {}", r.status, r.body);
    let again = app.browser().post_forged("/lti/launch", &[("id_token", &token), ("state", &state)]).await;
    again.assert_status(400).assert_contains("already been used");
    assert!(!session_started(&again));
    // The same token (its nonce) under a fresh state is refused too.
    let b3 = app.browser();
    let (fresh_state, _) = login(&app, &p, &b3).await;
    let r = b3.post_forged("/lti/launch", &[("id_token", &token), ("state", &fresh_state)]).await;
    r.assert_status(401).assert_contains("nonce");
    // An expired state.
    let b4 = app.browser();
    let (old_state, nonce) = login(&app, &p, &b4).await;
    app.db().execute_unprepared("UPDATE lti_logins SET expires_at = 0 WHERE used_at IS NULL").await.unwrap();
    let token = sign(&claims(&p, &nonce, "stu", &[LEARNER], "c1"), &keys().0, &keys().0.kid);
    b4.post_forged("/lti/launch", &[("id_token", &token), ("state", &old_state)]).await.assert_status(400);
    // An unregistered platform's sign-in.
    app.browser().get("/lti/login?iss=https%3A%2F%2Fnowhere.example&login_hint=x").await.assert_status(404);
}
both!(launches_that_break_a_rule_are_refused);

async fn a_platform_key_rotation_is_followed(b: Backend) {
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    register(&app, &p).await;
    let (course, _) = linked(&app, &p, "c1").await;
    let (_, r) = launch(&app, &p, "stu", &[LEARNER], "c1").await;
    assert!(r.redirects_to(&format!("/courses/{course}")));
    assert_eq!(p.lms.lock().unwrap().jwks_hits, 1, "the platform's keys are cached");

    // The platform rotates to key B.
    p.lms.lock().unwrap().jwks = vec![keys().1.jwk.clone()];
    let launch_b = || async {
        let b = app.browser();
        let (state, nonce) = login(&app, &p, &b).await;
        let token = sign(&claims(&p, &nonce, "stu", &[LEARNER], "c1"), &keys().1, &keys().1.kid);
        b.post_forged("/lti/launch", &[("id_token", &token), ("state", &state)]).await
    };
    // Just after a fetch, an unknown key id does not make us fetch again (a stream of
    // made-up key ids must not turn us against the platform).
    launch_b().await.assert_status(401).assert_contains("does not publish");
    assert_eq!(p.lms.lock().unwrap().jwks_hits, 1);
    // A little later, the unknown key id makes us fetch the keys again, and it is there.
    app.db().execute_unprepared("UPDATE lti_platforms SET jwks_fetched_at = 0").await.unwrap();
    let r = launch_b().await;
    assert!(r.redirects_to(&format!("/courses/{course}")), "{} {}", r.status, r.body);
    assert_eq!(p.lms.lock().unwrap().jwks_hits, 2);
}
both!(a_platform_key_rotation_is_followed);

pub(crate) fn member(sub: &str, role: &str) -> Value {
    json!({"user_id": sub, "status": "Active", "name": format!("Person {sub}"), "email": format!("{sub}@uni.example"), "roles": [role]})
}

async fn count_in(app: &TestApp, course: i64, state: &str) -> i64 {
    scalar(
        app,
        "SELECT COUNT(*) FROM memberships WHERE course_id = $1 AND state = $2",
        vec![course.into(), state.into()],
    )
    .await
}

async fn nrps_roster_of_a_thousand_over_pages_and_people_who_leave(b: Backend) {
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    register(&app, &p).await;
    {
        let mut l = p.lms.lock().unwrap();
        l.members = std::iter::once(member("ines", INSTRUCTOR))
            .chain((0..1000).map(|i| member(&format!("s{i:04}"), LEARNER)))
            .chain(std::iter::once(member("wiz", "http://example.org/role#Wizard")))
            .collect();
    }
    let (course, _) = linked(&app, &p, "c1").await;
    // Linking asks for a sync, which the job worker runs.
    eventually(120, "the first roster sync", || async {
        scalar(&app, "SELECT COUNT(*) FROM lti_contexts WHERE synced_at IS NOT NULL", vec![]).await == 1
    })
    .await;
    assert_eq!(p.lms.lock().unwrap().tokens_given, 1, "one access token, from a signed client assertion");
    assert_eq!(count_in(&app, course, "invited").await, 1000, "students who never launched are invited");
    assert_eq!(count_in(&app, course, "active").await, 1, "the instructor");
    assert_eq!(membership(&app, "wiz").await, None, "an unknown role is not guessed");

    // A student launches: now active.
    launch(&app, &p, "s0005", &[LEARNER], "c1").await;
    assert_eq!(membership(&app, "s0005").await, Some(("student".into(), "active".into())));
    let context = scalar(&app, "SELECT id FROM lti_contexts WHERE context_id = 'c1'", vec![]).await;
    eventually(60, "no sync left running", || async {
        scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'lti.sync' AND status IN ('queued', 'running')", vec![])
            .await
            == 0
    })
    .await;

    // Four people leave the LMS course: inactive, never deleted.
    p.lms
        .lock()
        .unwrap()
        .members
        .retain(|m| !["s0001", "s0002", "s0003", "s0005"].contains(&m["user_id"].as_str().unwrap()));
    let report = homeroom::lti::sync::run(&app.state, context).await.unwrap();
    assert_eq!((report.listed, report.deactivated, report.unknown_roles), (998, 4, 1));
    assert_eq!(count_in(&app, course, "inactive").await, 4);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM memberships WHERE course_id = $1", vec![course.into()]).await, 1001);

    // Two come back: as they were before they left.
    {
        let mut l = p.lms.lock().unwrap();
        l.members.push(member("s0001", LEARNER));
        l.members.push(member("s0005", LEARNER));
    }
    let report = homeroom::lti::sync::run(&app.state, context).await.unwrap();
    assert_eq!(report.deactivated, 0);
    assert_eq!(membership(&app, "s0001").await, Some(("student".into(), "invited".into())));
    assert_eq!(membership(&app, "s0005").await, Some(("student".into(), "active".into())));
    assert_eq!(count_in(&app, course, "inactive").await, 2);
}
both!(nrps_roster_of_a_thousand_over_pages_and_people_who_leave);

async fn jwks_of(app: &TestApp) -> Vec<String> {
    let r = app.browser().get("/lti/jwks").await;
    r.assert_status(200);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    v["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap().to_string()).collect()
}

async fn the_tool_key_is_made_once_published_and_rotated(b: Backend) {
    let app = TestApp::spawn(b).await;
    let first = jwks_of(&app).await;
    assert_eq!(first.len(), 1);
    assert_eq!(jwks_of(&app).await, first, "made once");
    let second = homeroom::lti::keys::rotate(app.db()).await.unwrap();
    let now = jwks_of(&app).await;
    assert_eq!(now, vec![second.clone(), first[0].clone()], "the previous key stays published");
    assert_eq!(homeroom::lti::keys::current(app.db()).await.unwrap().kid, second);
    let third = homeroom::lti::keys::rotate(app.db()).await.unwrap();
    assert_eq!(jwks_of(&app).await, vec![third, second], "older keys are retired");
}
both!(the_tool_key_is_made_once_published_and_rotated);

async fn a_framed_launch_continues_in_a_window_of_its_own(b: Backend) {
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    register(&app, &p).await;
    let (course, _) = linked(&app, &p, "c1").await;
    let frame = app.browser();
    let (state, nonce) = login(&app, &p, &frame).await;
    let token = sign(&claims(&p, &nonce, "stu", &[LEARNER], "c1"), &keys().0, &keys().0.kid);
    let r = frame
        .client
        .post(frame.url("/lti/launch"))
        .header("sec-fetch-dest", "iframe")
        .form(&[("id_token", token.as_str()), ("state", state.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors *") && !csp.contains("unsafe-inline"), "{csp}");
    assert!(r.headers().get_all("set-cookie").iter().all(|c| !c.to_str().unwrap().starts_with("hr_session=")));
    let body = r.text().await.unwrap();
    let code = body.split("name=\"code\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    assert!(body.contains("target=\"_blank\""));

    let window = app.browser();
    let r = window.post_forged("/lti/continue", &[("code", &code)]).await;
    assert!(r.redirects_to(&format!("/courses/{course}")), "{} {}", r.status, r.body);
    assert!(session_started(&r));
    window.get(&format!("/courses/{course}")).await.assert_status(200);
    // Once only.
    app.browser().post_forged("/lti/continue", &[("code", &code)]).await.assert_status(400);
}
both!(a_framed_launch_continues_in_a_window_of_its_own);

async fn the_registration_form_names_every_problem(b: Backend) {
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    register(&app, &p).await;
    let admin = app.signed_in("admin@example.org").await;
    let r = admin
        .post(
            "/admin/lti",
            &[("name", ""), ("issuer", "not a url"), ("client_id", ""), ("auth_url", "ftp://x"), ("deployments", " ")],
        )
        .await;
    r.assert_status(422)
        .assert_contains("Give the platform a name")
        .assert_contains("Enter a full web address")
        .assert_contains("Enter the client id")
        .assert_contains("at least one deployment id")
        .assert_contains("value=\"not a url\"");
    // The same platform and client id again.
    let r = admin
        .post(
            "/admin/lti",
            &[
                ("name", "Again"),
                ("issuer", &p.issuer()),
                ("client_id", CLIENT),
                ("auth_url", &format!("{}/auth", p.base)),
                ("token_url", &format!("{}/token", p.base)),
                ("jwks_url", &format!("{}/jwks", p.base)),
                ("deployments", DEPLOYMENT),
            ],
        )
        .await;
    r.assert_status(422).assert_contains("already registered");
    assert_eq!(app.count("lti_platforms").await, 1);
}
both!(the_registration_form_names_every_problem);

/// The PyPI package `lti1p3platform` as the LMS, in a process of its own
/// (tests/lti_platform/platform.py; scripts/test installs the package).
pub(crate) struct PythonPlatform {
    child: std::process::Child,
    pub(crate) base: String,
}

impl Drop for PythonPlatform {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn python_platform(tool: &str) -> PythonPlatform {
    use std::io::BufRead;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lti_platform/platform.py");
    let mut child = std::process::Command::new("python3")
        .arg(script)
        .arg(tool)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 (scripts/test installs lti1p3platform)");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim().strip_prefix("listening ").unwrap_or_else(|| {
        panic!("the Python LMS did not start ({line:?}); run scripts/test or `pip install lti1p3platform`")
    });
    PythonPlatform { base: base.to_string(), child }
}

/// Follow the Python LMS's launch of `user` to the form it posts to Homeroom.
async fn python_launch(app: &TestApp, py: &PythonPlatform, user: &str, role: &str) -> (Browser, crate::support::Resp) {
    python_launch_with(app, py, app.browser(), user, role, "").await
}

/// [`python_launch`] in browser `b`, with more of the LMS's `/start` query (`&dl=1` for
/// a deep-linking request, `&picture=1` for a launch naming a picture).
pub(crate) async fn python_launch_with(
    app: &TestApp,
    py: &PythonPlatform,
    b: Browser,
    user: &str,
    role: &str,
    more: &str,
) -> (Browser, crate::support::Resp) {
    let start = format!("{}/start?user={user}&role={role}&context=py-1&name=Py%20{user}{more}", py.base);
    let r = b.client.get(&start).send().await.unwrap();
    assert_eq!(r.status(), 302);
    let to_tool = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to_tool.starts_with(&format!("{}/lti/login?", app.base)), "{to_tool}");
    let r = b.client.get(&to_tool).send().await.unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let to_platform = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to_platform.starts_with(&format!("{}/auth?", py.base)), "{to_platform}");
    let form = b.client.get(&to_platform).send().await.unwrap().text().await.unwrap();
    let field = |name: &str| {
        form.split(&format!("name=\"{name}\" value=\"")).nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    assert!(form.contains(&format!("action=\"{}/lti/launch\"", app.base)), "{form}");
    let r = b.post_forged("/lti/launch", &[("id_token", &field("id_token")), ("state", &field("state"))]).await;
    (b, r)
}

/// Register the Python LMS by hand, as an admin would.
pub(crate) async fn register_python(app: &TestApp, py: &PythonPlatform) {
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    let r = admin
        .post(
            "/admin/lti",
            &[
                ("name", "Python LMS"),
                ("issuer", &py.base),
                ("client_id", "python-platform-client"),
                ("auth_url", &format!("{}/auth", py.base)),
                ("token_url", &format!("{}/token", py.base)),
                ("jwks_url", &format!("{}/jwks", py.base)),
                ("deployments", "python-deployment-1"),
            ],
        )
        .await;
    assert!(r.redirects_to("/admin/lti"), "{}", r.body);
}

async fn a_platform_that_is_not_ours_launches_people_in(b: Backend) {
    let app = TestApp::spawn(b).await;
    let py = python_platform(&app.base);
    register_python(&app, &py).await;

    let (ib, r) = python_launch(&app, &py, "pia", "instructor").await;
    assert!(r.redirects_to("/lti/contexts/"), "{} {}", r.status, r.body);
    let r = ib.post(&r.location.unwrap(), &[("course", "new")]).await;
    assert!(r.redirects_to("/courses/"), "{}", r.body);
    let course = r.location.unwrap();
    ib.get(&course).await.assert_status(200).assert_contains("Python LMS course");

    let (sb, r) = python_launch(&app, &py, "sol", "learner").await;
    assert!(r.redirects_to(&course), "{} {}", r.status, r.body);
    sb.get(&course).await.assert_status(200);
    assert_eq!(membership(&app, "sol").await, Some(("student".into(), "active".into())));
    assert_eq!(membership(&app, "pia").await, Some(("tutor".into(), "active".into())));
}
both!(a_platform_that_is_not_ours_launches_people_in);
