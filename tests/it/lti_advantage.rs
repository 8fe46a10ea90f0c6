//! LTI Advantage beyond the launch, against the in-process platform of `lti.rs`: Deep
//! Linking (an instructor places a space; the link lands on it), Course Groups (the LMS's
//! groups become a published group set the planner sees), and platform-initiated
//! Dynamic Registration (against a small registration server in the test).

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::both;
use crate::lti::{
    CLAIM, INSTRUCTOR, LEARNER, Platform, launch_with, linked, member, register, scalar, session_started,
    spawn_platform,
};
use crate::support::{Backend, Browser, TestApp, eventually};

const DL: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/";

fn deep_linking(p: &Platform) -> impl FnOnce(&mut Value) {
    let ret = format!("{}/dl-return", p.base);
    move |c: &mut Value| {
        c[format!("{CLAIM}message_type")] = json!("LtiDeepLinkingRequest");
        c.as_object_mut().unwrap().remove(&format!("{CLAIM}resource_link"));
        c[format!("{DL}deep_linking_settings")] = json!({
            "deep_link_return_url": ret, "accept_types": ["ltiResourceLink"],
            "accept_presentation_document_targets": ["iframe", "window"], "data": "opaque-1"
        });
    }
}

fn field(body: &str, name: &str) -> String {
    body.split(&format!("name=\"{name}\" value=\"")).nth(1).unwrap().split('"').next().unwrap().to_string()
}

/// Check the response JWT as the platform would: signed with a key the tool publishes.
async fn verified(app: &TestApp, jwt: &str) -> Value {
    let set: jsonwebtoken::jwk::JwkSet = serde_json::from_str(&app.browser().get("/lti/jwks").await.body).unwrap();
    let kid = jsonwebtoken::decode_header(jwt).unwrap().kid.unwrap();
    let key = jsonwebtoken::DecodingKey::from_jwk(set.find(&kid).unwrap()).unwrap();
    let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    // The audience (the platform's issuer) is checked by the caller.
    v.validate_aud = false;
    jsonwebtoken::decode::<Value>(jwt, &key, &v).unwrap().claims
}

async fn a_space_deep_linked_from_the_lms_opens_there(b: Backend) {
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    register(&app, &p).await;
    let (course, _) = linked(&app, &p, "c1").await;
    let space = scalar(&app, "SELECT MIN(id) FROM forum_spaces WHERE course_id = $1", vec![course.into()]).await;
    let space_title: String = {
        use sea_orm::{ConnectionTrait, Statement};
        let db = app.db();
        db.query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT title FROM forum_spaces WHERE id = $1",
            vec![space.into()],
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "title")
        .unwrap()
    };

    // The instructor's deep-linking launch lands on the picker of the linked course.
    let (ib, r) = launch_with(&app, &p, "ines", &[INSTRUCTOR], "c1", deep_linking(&p)).await;
    assert!(r.redirects_to(&format!("/courses/{course}/lti/deep-links/")), "{} {:?} {}", r.status, r.location, r.body);
    assert!(session_started(&r));
    let picker = r.location.unwrap();
    ib.get(&picker).await.assert_status(200).assert_contains(&space_title).assert_contains("value=\"home\"");

    // A place of another course, or none, is named next to the choice; nothing is sent.
    ib.post(&picker, &[("place", "space:999999")]).await.assert_status(422).assert_contains("Choose one of the places");
    ib.post(&picker, &[("place", "wiki:1")]).await.assert_status(422);

    let r = ib.post(&picker, &[("place", &format!("space:{space}"))]).await;
    r.assert_status(200)
        .assert_contains(&format!("action=\"{}/dl-return\"", p.base))
        .assert_contains("data-autosubmit");
    let claims = verified(&app, &field(&r.body, "JWT")).await;
    assert_eq!(claims["aud"], p.issuer());
    assert_eq!(claims["iss"], crate::lti::CLIENT);
    assert_eq!(claims[format!("{CLAIM}message_type")], "LtiDeepLinkingResponse");
    assert_eq!(claims[format!("{CLAIM}deployment_id")], crate::lti::DEPLOYMENT);
    assert_eq!(claims[format!("{DL}data")], "opaque-1", "the platform's data comes back as it went");
    let item = &claims[format!("{DL}content_items")][0];
    assert_eq!(item["type"], "ltiResourceLink");
    assert_eq!(item["title"], space_title.as_str());
    assert_eq!(item["url"], format!("{}/lti/launch", app.base));
    let place = item["custom"]["homeroom_place"].as_str().unwrap().to_string();
    assert_eq!(place, format!("space:{space}"));
    // Answered once.
    ib.post(&picker, &[("place", "home")]).await.assert_status(404);

    // A student launching the link lands on the space.
    let (sb, r) = launch_with(&app, &p, "sol", &[LEARNER], "c1", |c| {
        c[format!("{CLAIM}custom")] = json!({ "homeroom_place": place });
    })
    .await;
    assert!(r.redirects_to(&format!("/courses/{course}/spaces/{space}")), "{} {:?}", r.status, r.location);
    sb.get(&format!("/courses/{course}/spaces/{space}")).await.assert_status(200);
    // Students cannot deep-link, nor open someone else's picker.
    let (_, r) = launch_with(&app, &p, "sol", &[LEARNER], "c1", deep_linking(&p)).await;
    r.assert_status(403).assert_contains("teaching team");
    sb.get(&picker).await.assert_status(403);
}
both!(a_space_deep_linked_from_the_lms_opens_there);

pub(crate) fn with_groups(p: &Platform) -> impl FnOnce(&mut Value) {
    let base = p.base.clone();
    move |c: &mut Value| {
        c["https://purl.imsglobal.org/spec/lti-gs/claim/groupsservice"] = json!({
            "scope": ["https://purl.imsglobal.org/spec/lti-gs/scope/contextgroup.readonly"],
            "context_groups_url": format!("{base}/groups/c1"),
            "context_group_sets_url": format!("{base}/sets/c1"),
            "service_versions": ["1.0"]
        });
    }
}

pub(crate) fn in_groups(sub: &str, groups: &[&str]) -> Value {
    let mut m = member(sub, LEARNER);
    m["group_enrollments"] = groups.iter().map(|g| json!({ "group_id": g })).collect();
    m
}

async fn set_members(app: &TestApp, title: &str) -> Vec<Vec<String>> {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.db();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT g.id AS gid, a.subject FROM group_sets s JOIN group_rounds r ON r.group_set_id = s.id \
             JOIN course_groups g ON g.round_id = r.id JOIN group_members m ON m.group_id = g.id \
             JOIN lti_accounts a ON a.user_id = m.user_id WHERE s.title = $1 AND s.status = 'published' \
             ORDER BY g.number, a.subject",
            vec![title.into()],
        ))
        .await
        .unwrap();
    let mut out: Vec<(i64, Vec<String>)> = vec![];
    for r in rows {
        let (g, s): (i64, String) = (r.try_get("", "gid").unwrap(), r.try_get("", "subject").unwrap());
        match out.last_mut() {
            Some((last, v)) if *last == g => v.push(s),
            _ => out.push((g, vec![s])),
        }
    }
    out.into_iter().map(|(_, v)| v).collect()
}

async fn the_lms_groups_become_a_group_set_the_planner_sees(b: Backend) {
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    register(&app, &p).await;
    {
        let mut l = p.lms.lock().unwrap();
        l.members = vec![
            member("ines", INSTRUCTOR),
            in_groups("s1", &["g1"]),
            in_groups("s2", &["g1"]),
            in_groups("s3", &["g2"]),
            in_groups("s4", &["g2", "g3"]),
            in_groups("s5", &["g-unknown"]),
            member("s6", LEARNER),
        ];
        l.groups = vec![
            json!({"id": "g1", "name": "Team A", "set_ids": ["set-1"]}),
            json!({"id": "g2", "name": "Team B", "set_ids": ["set-1"]}),
            json!({"id": "g3", "name": "Lab", "tag": "lab"}),
        ];
        l.sets = vec![json!({"id": "set-1", "name": "Project teams"})];
    }
    let (ib, r) = launch_with(&app, &p, "ines", &[INSTRUCTOR], "c1", with_groups(&p)).await;
    let r = ib.post(&r.location.unwrap(), &[("course", "new")]).await;
    let course: i64 = r.location.unwrap().rsplit('/').next().unwrap().parse().unwrap();
    // Linking asks for a sync; the groups come with it (three pages of groups, one of sets).
    eventually(120, "the LMS groups imported", || async {
        scalar(&app, "SELECT COUNT(*) FROM lti_group_sets", vec![]).await == 2
    })
    .await;
    let teams = set_members(&app, "Project teams").await;
    assert_eq!(teams, vec![vec!["s1".to_string(), "s2".into()], vec!["s3".into(), "s4".into()]]);
    assert_eq!(set_members(&app, "LMS groups").await, vec![vec!["s4".to_string()]], "a group in no set");

    // Run again: the same sets, replaced, never doubled.
    let context = scalar(&app, "SELECT id FROM lti_contexts WHERE context_id = 'c1'", vec![]).await;
    eventually(60, "no sync left running", || async {
        scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'lti.sync' AND status IN ('queued', 'running')", vec![])
            .await
            == 0
    })
    .await;
    p.lms.lock().unwrap().members[2] = in_groups("s2", &["g2"]);
    let report = homeroom::lti::sync::run(&app.state, context).await.unwrap();
    assert_eq!(report.group_sets, 2);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM group_sets WHERE course_id = $1", vec![course.into()]).await, 2);
    let teams = set_members(&app, "Project teams").await;
    assert_eq!(teams, vec![vec!["s1".to_string()], vec!["s2".into(), "s3".into(), "s4".into()]]);

    // The planner reads published sets as who has already worked together.
    let published = homeroom::groups::queries::published(app.db(), course).await.unwrap();
    assert_eq!(published.groups(None).len(), 3);
    // The tutor sees the imported set like any other.
    ib.get(&format!("/courses/{course}/groups")).await.assert_status(200).assert_contains("Project teams");
}
both!(the_lms_groups_become_a_group_set_the_planner_sees);

/// A platform's dynamic registration endpoints.
#[derive(Default)]
struct Registrar {
    base: String,
    issuer: String,
    posted: Vec<(Option<String>, Value)>,
}

async fn openid_config(State(r): State<Arc<Mutex<Registrar>>>) -> Json<Value> {
    let r = r.lock().unwrap();
    Json(json!({
        "issuer": r.issuer,
        "authorization_endpoint": format!("{}/auth", r.base),
        "token_endpoint": format!("{}/token", r.base),
        "jwks_uri": format!("{}/jwks", r.base),
        "registration_endpoint": format!("{}/register", r.base),
        "https://purl.imsglobal.org/spec/lti-platform-configuration": {"product_family_code": "moodle", "version": "4.5"}
    }))
}

async fn registration(State(r): State<Arc<Mutex<Registrar>>>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::to_string);
    let ok = auth.as_deref() == Some("Bearer reg-token-1");
    r.lock().unwrap().posted.push((auth, body));
    if !ok {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    Json(json!({
        "client_id": "dyn-client-7",
        "https://purl.imsglobal.org/spec/lti-tool-configuration": {"deployment_id": "dyn-dep-1"}
    }))
    .into_response()
}

async fn spawn_registrar() -> Arc<Mutex<Registrar>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let r = Arc::new(Mutex::new(Registrar { base: base.clone(), issuer: base, ..Registrar::default() }));
    let router = Router::new()
        .route("/.well-known/openid-configuration", get(openid_config))
        .route("/register", post(registration))
        .with_state(r.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    r
}

fn start_url(r: &Arc<Mutex<Registrar>>, token: &str) -> String {
    let base = r.lock().unwrap().base.clone();
    let q = serde_urlencoded::to_string([
        ("openid_configuration", format!("{base}/.well-known/openid-configuration")),
        ("registration_token", token.to_string()),
    ])
    .unwrap();
    format!("/lti/register?{q}")
}

async fn confirm(b: &Browser, url: &str) -> crate::support::Resp {
    let page = b.get(url).await;
    page.assert_status(200);
    b.post(
        "/lti/register",
        &[
            ("openid_configuration", &field(&page.body, "openid_configuration")),
            ("registration_token", &field(&page.body, "registration_token")),
        ],
    )
    .await
}

async fn a_platform_registers_homeroom_dynamically(b: Backend) {
    let app = TestApp::spawn(b).await;
    let reg = spawn_registrar().await;
    let url = start_url(&reg, "reg-token-1");

    // Framed in the LMS, without our cookie: continue in a window of one's own.
    app.browser().get(&url).await.assert_status(200).assert_contains("new window").assert_contains("target=\"_blank\"");
    // Only a site admin may register.
    app.user("someone@example.org", "Someone").await;
    let someone = app.signed_in("someone@example.org").await;
    someone.post("/lti/register", &[("openid_configuration", "http://x.example/c")]).await.assert_status(403);

    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    let r = confirm(&admin, &url).await;
    r.assert_status(200).assert_contains("data-lti-close").assert_contains("/static/lti.js");
    let (auth, body) = reg.lock().unwrap().posted[0].clone();
    assert_eq!(auth.as_deref(), Some("Bearer reg-token-1"), "the one-time token goes with the registration");
    assert_eq!(body["initiate_login_uri"], format!("{}/lti/login", app.base));
    assert_eq!(body["redirect_uris"][0], format!("{}/lti/launch", app.base));
    assert_eq!(body["jwks_uri"], format!("{}/lti/jwks", app.base));
    assert!(body["scope"].as_str().unwrap().contains("contextmembership.readonly"));
    let messages = &body["https://purl.imsglobal.org/spec/lti-tool-configuration"]["messages"];
    assert!(messages.as_array().unwrap().iter().any(|m| m["type"] == "LtiDeepLinkingRequest"));
    let issuer = reg.lock().unwrap().issuer.clone();
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM lti_platforms WHERE issuer = $1 AND client_id = 'dyn-client-7' AND deployments = 'dyn-dep-1'",
            vec![issuer.into()],
        )
        .await,
        1
    );
    admin.get("/admin/lti").await.assert_contains("dyn-client-7");

    // Registered once; a second try is told so.
    confirm(&admin, &url).await.assert_status(422).assert_contains("registered already");
    // A configuration whose issuer is elsewhere is refused before anything is posted.
    reg.lock().unwrap().issuer = "https://elsewhere.example".into();
    let posted = reg.lock().unwrap().posted.len();
    confirm(&admin, &url).await.assert_status(422).assert_contains("not where the configuration was served");
    assert_eq!(reg.lock().unwrap().posted.len(), posted);
    // A wrong token: the platform refuses, nothing is stored.
    let base = reg.lock().unwrap().base.clone();
    reg.lock().unwrap().issuer = base;
    confirm(&admin, &start_url(&reg, "forged")).await.assert_status(422);
    assert_eq!(app.count("lti_platforms").await, 1);
}
both!(a_platform_registers_homeroom_dynamically);

/// Deep linking against the PyPI `lti1p3platform` LMS (tests/lti_platform/platform.py):
/// its deep-linking request reaches the picker, and the response we post back is
/// validated by the library's own code (signature against our JWKS, the item types),
/// then by the platform's checks of audience, issuer, deployment and data.
async fn a_platform_that_is_not_ours_takes_the_deep_link_back(b: Backend) {
    let app = TestApp::spawn(b).await;
    let py = crate::lti::python_platform(&app.base);
    crate::lti::register_python(&app, &py).await;
    let (ib, r) = crate::lti::python_launch_with(&app, &py, app.browser(), "pia", "instructor", "").await;
    let r = ib.post(&r.location.unwrap(), &[("course", "new")]).await;
    let course: i64 = r.location.unwrap().rsplit('/').next().unwrap().parse().unwrap();
    let space = scalar(&app, "SELECT MIN(id) FROM forum_spaces WHERE course_id = $1", vec![course.into()]).await;

    let (ib, r) = crate::lti::python_launch_with(&app, &py, ib, "pia", "instructor", "&dl=1").await;
    assert!(r.redirects_to(&format!("/courses/{course}/lti/deep-links/")), "{} {:?} {}", r.status, r.location, r.body);
    let picker = r.location.unwrap();
    let r = ib.post(&picker, &[("place", &format!("space:{space}"))]).await;
    r.assert_status(200).assert_contains(&format!("action=\"{}/dl-return\"", py.base));
    let jwt = field(&r.body, "JWT");

    let lms = reqwest::Client::new();
    let back = |jwt: String| {
        let lms = lms.clone();
        let url = format!("{}/dl-return", py.base);
        async move {
            let r = lms.post(url).form(&[("JWT", jwt)]).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    // A signature that is not ours is refused by the library.
    let (head, rest) = jwt.rsplit_once('.').unwrap();
    let forged = format!("{head}.{}", rest.chars().rev().collect::<String>());
    let (status, body) = back(forged).await;
    assert_eq!(status, 400, "{body}");

    let (status, body) = back(jwt).await;
    assert_eq!(status, 200, "{body}");
    let items: Value = serde_json::from_str(&body).unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 1, "{body}");
    assert_eq!(items[0]["type"], "ltiResourceLink");
    assert_eq!(items[0]["url"], format!("{}/lti/launch", app.base));
    assert_eq!(items[0]["custom"]["homeroom_place"], format!("space:{space}"));
    let title: String = {
        use sea_orm::{ConnectionTrait, Statement};
        let db = app.db();
        let row = db
            .query_one_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                "SELECT title FROM forum_spaces WHERE id = $1",
                vec![space.into()],
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "title").unwrap()
    };
    assert_eq!(items[0]["title"], title.as_str());
}
both!(a_platform_that_is_not_ours_takes_the_deep_link_back);

/// The test platform's picture metadata (tests/lti_platform/platform.py).
const PICTURE_SECRET: &[u8] = b"secret-gps-59.91N-10.75E";

/// An app that may fetch from loopback (the Python LMS), with the LMS registered and its
/// course linked by an instructor's launch.
async fn picture_app(b: Backend, private_ok: bool) -> (TestApp, crate::lti::PythonPlatform, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("homeroom.toml");
    std::fs::write(&file, format!("fetch_private_addresses = {private_ok}\n")).unwrap();
    let app = TestApp::spawn_with(b, crate::support::Options { config: Some(file), ..Default::default() }).await;
    let py = crate::lti::python_platform(&app.base);
    crate::lti::register_python(&app, &py).await;
    let (ib, r) = crate::lti::python_launch_with(&app, &py, app.browser(), "pia", "instructor", "").await;
    let r = ib.post(&r.location.unwrap(), &[("course", "new")]).await;
    assert!(r.redirects_to("/courses/"), "{}", r.body);
    (app, py, dir)
}

async fn photo_of(app: &TestApp, sub: &str) -> Option<i64> {
    let id = scalar(
        app,
        "SELECT COALESCE(MAX(d.photo_id), 0) FROM lti_accounts a JOIN profile_details d ON d.user_id = a.user_id \
         WHERE a.subject = $1",
        vec![sub.into()],
    )
    .await;
    (id != 0).then_some(id)
}

async fn no_picture_job_left(app: &TestApp) {
    eventually(60, "the picture jobs done", || async {
        scalar(app, "SELECT COUNT(*) FROM jobs WHERE kind = 'lti.picture' AND status IN ('queued', 'running')", vec![])
            .await
            == 0
    })
    .await;
}

async fn the_picture_the_lms_offers_becomes_the_photo_once(b: Backend) {
    let (app, py, _dir) = picture_app(b, true).await;
    let (sb, r) = crate::lti::python_launch_with(&app, &py, app.browser(), "sol", "learner", "&picture=1").await;
    assert!(r.redirects_to("/courses/"), "{} {}", r.status, r.body);
    // The launch does not wait for the picture: a job fetches it.
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'lti.picture'", vec![]).await, 1);
    eventually(60, "the LMS picture taken", || async { photo_of(&app, "sol").await.is_some() }).await;
    let photo = photo_of(&app, "sol").await.unwrap();
    // Re-encoded through the media code: a JPEG, without the picture's metadata.
    let key: String = {
        use sea_orm::{ConnectionTrait, Statement};
        let db = app.db();
        let row = db
            .query_one_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                "SELECT storage_key, content_type, purpose FROM media WHERE id = $1",
                vec![photo.into()],
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get::<String>("", "content_type").unwrap(), "image/jpeg");
        assert_eq!(row.try_get::<String>("", "purpose").unwrap(), homeroom::profiles::PURPOSE_PHOTO);
        row.try_get("", "storage_key").unwrap()
    };
    let bytes = std::fs::read(app.state.config.data_path("media").join(&key)).unwrap();
    assert!(bytes.starts_with(&[0xff, 0xd8]), "a JPEG");
    assert!(!bytes.windows(PICTURE_SECRET.len()).any(|w| w == PICTURE_SECRET), "the metadata is gone");
    let r = sb.get(&format!("/media/{photo}")).await;
    assert_eq!(r.status, 200);

    // The same address again queues nothing; a new one is fetched but never replaces
    // the photo they have.
    crate::lti::python_launch_with(&app, &py, app.browser(), "sol", "learner", "&picture=1").await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'lti.picture'", vec![]).await, 1);
    crate::lti::python_launch_with(&app, &py, app.browser(), "sol", "learner", "&picture=2").await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM jobs WHERE kind = 'lti.picture'", vec![]).await, 2);
    no_picture_job_left(&app).await;
    assert_eq!(photo_of(&app, "sol").await, Some(photo));
    let platform = scalar(&app, "SELECT MIN(id) FROM lti_platforms", vec![]).await;
    let sol = scalar(&app, "SELECT user_id FROM lti_accounts WHERE subject = 'sol'", vec![]).await;
    assert_eq!(
        homeroom::lti::picture::take(&app.state, platform, sol).await.unwrap(),
        homeroom::lti::picture::Taken::NotNeeded
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM media WHERE user_id = $1", vec![sol.into()]).await, 1);
}
both!(the_picture_the_lms_offers_becomes_the_photo_once);

async fn a_picture_on_a_private_address_is_not_fetched(b: Backend) {
    // The default: the server does not fetch from loopback, whoever names it.
    let (app, py, _dir) = picture_app(b, false).await;
    crate::lti::python_launch_with(&app, &py, app.browser(), "sol", "learner", "&picture=1").await;
    no_picture_job_left(&app).await;
    assert_eq!(photo_of(&app, "sol").await, None);
    let platform = scalar(&app, "SELECT MIN(id) FROM lti_platforms", vec![]).await;
    let sol = scalar(&app, "SELECT user_id FROM lti_accounts WHERE subject = 'sol'", vec![]).await;
    assert_eq!(
        homeroom::lti::picture::take(&app.state, platform, sol).await.unwrap(),
        homeroom::lti::picture::Taken::Refused("a private or loopback address")
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM media WHERE user_id = $1", vec![sol.into()]).await, 0);
}
both!(a_picture_on_a_private_address_is_not_fetched);

/// A platform whose token endpoint wants an audience of its own (as Brightspace does):
/// registered with it, the roster sync's client assertion names it and gets a token.
async fn a_platform_with_its_own_token_audience_is_synced(b: Backend) {
    const AUDIENCE: &str = "https://api.lms.example/auth/token";
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    {
        let mut l = p.lms.lock().unwrap();
        l.audience = Some(AUDIENCE.into());
        l.members = vec![member("ines", INSTRUCTOR), member("s1", LEARNER), member("s2", LEARNER)];
    }
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    let fields = |audience: &'static str| {
        vec![
            ("name", "Audience LMS".to_string()),
            ("issuer", p.issuer()),
            ("client_id", crate::lti::CLIENT.to_string()),
            ("auth_url", format!("{}/auth", p.base)),
            ("token_url", format!("{}/token", p.base)),
            ("jwks_url", format!("{}/jwks", p.base)),
            ("deployments", crate::lti::DEPLOYMENT.to_string()),
            ("token_audience", audience.to_string()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        let admin = &admin;
        async move {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            admin.post("/admin/lti", &f).await
        }
    };
    // Named next to its field, with what was typed kept.
    post(fields("two words"))
        .await
        .assert_status(422)
        .assert_contains("token-audience-error")
        .assert_contains("value=\"two words\"");
    assert_eq!(app.count("lti_platforms").await, 0);
    let r = post(fields(AUDIENCE)).await;
    assert!(r.redirects_to("/admin/lti"), "{} {}", r.status, r.body);

    let (course, _) = linked(&app, &p, "c1").await;
    eventually(120, "the roster synced", || async {
        scalar(&app, "SELECT COUNT(*) FROM lti_contexts WHERE synced_at IS NOT NULL", vec![]).await == 1
    })
    .await;
    assert_eq!(p.lms.lock().unwrap().tokens_given, 1);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM memberships WHERE course_id = $1", vec![course.into()]).await,
        3,
        "the instructor and the two students"
    );
}
both!(a_platform_with_its_own_token_audience_is_synced);
