//! Single sign-on against a real OpenID Connect provider on loopback: the PyPI package
//! `oidc-provider-mock` run by tests/sso_idp/idp.py (scripts/test installs it), in a
//! process of its own per test. Its `--wrong-keys` variant publishes a JWKS without the
//! key it signs with.

use serde_json::{Value, json};

use crate::both;
use crate::support::{Backend, Browser, Options, PASSWORD, Resp, TestApp};

struct Idp {
    child: std::process::Child,
    base: String,
}

impl Drop for Idp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn idp(wrong_keys: bool) -> Idp {
    use std::io::BufRead;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sso_idp/idp.py");
    let mut cmd = std::process::Command::new("python3");
    cmd.arg("-W").arg("ignore").arg(script).stdout(std::process::Stdio::piped());
    if wrong_keys {
        cmd.arg("--wrong-keys");
    }
    let mut child = cmd.spawn().expect("python3 (scripts/test installs oidc-provider-mock)");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim().strip_prefix("listening ").unwrap_or_else(|| {
        panic!("the identity provider did not start ({line:?}); run scripts/test or `pip install oidc-provider-mock`")
    });
    Idp { base: base.to_string(), child }
}

impl Idp {
    /// Set a person's claims at the provider.
    async fn person(&self, sub: &str, claims: Value) {
        let r = reqwest::Client::new().put(format!("{}/users/{sub}", self.base)).json(&claims).send().await.unwrap();
        assert_eq!(r.status(), 204);
    }
}

/// An app with one provider, `uni`, at `idp` (and SSO-only for `domains`).
async fn app_with(b: Backend, idp: &Idp, domains: &[&str]) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("homeroom.toml");
    let domains: Vec<String> = domains.iter().map(|d| format!("{d:?}")).collect();
    std::fs::write(
        &file,
        format!(
            "[[sso]]\nid = \"uni\"\nname = \"Uni Login\"\nissuer = \"{}\"\nclient_id = \"homeroom\"\n\
             client_secret = \"test-secret\"\nsso_only_domains = [{}]\n",
            idp.base,
            domains.join(", ")
        ),
    )
    .unwrap();
    let app = TestApp::spawn_with(b, Options { config: Some(file), ..Default::default() }).await;
    (app, dir)
}

/// Start at Homeroom, sign in at the provider as `sub`; the URL it sends the browser back to.
async fn at_provider(app: &TestApp, idp: &Idp, br: &Browser, sub: &str) -> String {
    let r = br.get("/sso/uni/start?next=/account/data").await;
    assert_eq!(r.status, 303, "{}", r.body);
    let to = r.location.unwrap();
    assert!(to.starts_with(&format!("{}/oauth2/authorize?", idp.base)), "{to}");
    assert!(to.contains("code_challenge_method=S256") && to.contains("nonce="), "{to}");
    assert!(!to.contains("test-secret"));
    let r = br.client.post(&to).form(&[("sub", sub)]).send().await.unwrap();
    assert_eq!(r.status(), 302, "{}", r.text().await.unwrap());
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with(&format!("{}/sso/uni/callback?", app.base)), "{back}");
    back
}

async fn sign_in(app: &TestApp, idp: &Idp, br: &Browser, sub: &str) -> Resp {
    let back = at_provider(app, idp, br, sub).await;
    br.get(back.strip_prefix(&app.base).unwrap()).await
}

async fn email_of_identity(app: &TestApp, sub: &str) -> Option<String> {
    use sea_orm::ConnectionTrait;
    let row = app
        .db()
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            app.db().get_database_backend(),
            "SELECT u.email FROM sso_identities i JOIN users u ON u.id = i.user_id WHERE i.subject = $1",
            vec![sub.into()],
        ))
        .await
        .unwrap();
    row.map(|r| r.try_get("", "email").unwrap())
}

async fn a_verified_address_signs_in_and_links_the_account(b: Backend) {
    let idp = idp(false);
    let (app, _dir) = app_with(b, &idp, &[]).await;
    app.user("ada@uni.example", "Ada").await;
    let users = app.count("users").await;
    // A link (a form redirected to the provider would break the page's `form-action`).
    app.browser()
        .get("/sign-in?next=/account/data")
        .await
        .assert_status(200)
        .assert_contains("Sign in with Uni Login")
        .assert_contains("href=\"/sso/uni/start?next=%2Faccount%2Fdata\"");

    // An existing account, matched by the address the provider verified.
    idp.person("ada-1", json!({"email": "Ada@Uni.example", "email_verified": true, "name": "Ada L"})).await;
    let br = app.browser();
    let r = sign_in(&app, &idp, &br, "ada-1").await;
    assert!(r.redirects_to("/account/data"), "{} {}", r.status, r.body);
    br.get("/account/data").await.assert_status(200);
    assert_eq!(app.count("users").await, users);
    assert_eq!(email_of_identity(&app, "ada-1").await.as_deref(), Some("ada@uni.example"));
    assert_eq!(app.count("sso_attempts").await, 0);

    // Later sign-ins match by the provider's subject, whatever address it says now.
    idp.person("ada-1", json!({"email": "ada.lovelace@uni.example", "email_verified": false})).await;
    let br = app.browser();
    let r = sign_in(&app, &idp, &br, "ada-1").await;
    assert!(r.redirects_to("/account/data"), "{} {}", r.status, r.body);
    assert_eq!(app.count("sso_identities").await, 1);

    // Someone new gets an account named from the claims, with no password.
    idp.person(
        "bo-2",
        json!({"email": "bo@uni.example", "email_verified": true, "given_name": "Bo", "family_name": "Berg"}),
    )
    .await;
    let br = app.browser();
    let r = sign_in(&app, &idp, &br, "bo-2").await;
    assert!(r.redirects_to("/account/data"), "{} {}", r.status, r.body);
    br.get("/account/data").await.assert_status(200).assert_contains("Bo Berg");
    assert_eq!(app.count("users").await, users + 1);
    assert_eq!(email_of_identity(&app, "bo-2").await.as_deref(), Some("bo@uni.example"));
}
both!(a_verified_address_signs_in_and_links_the_account);

async fn an_unverified_address_is_refused(b: Backend) {
    let idp = idp(false);
    let (app, _dir) = app_with(b, &idp, &[]).await;
    app.user("cy@uni.example", "Cy").await;
    let users = app.count("users").await;
    for verified in [json!(false), json!("true"), Value::Null] {
        idp.person("cy-3", json!({"email": "cy@uni.example", "email_verified": verified})).await;
        let br = app.browser();
        let r = sign_in(&app, &idp, &br, "cy-3").await;
        r.assert_status(403).assert_contains("has not confirmed your email address");
        assert!(!r.set_cookies.iter().any(|c| c.starts_with("hr_session=") && !c.starts_with("hr_session=;")));
        assert!(br.get("/account/data").await.redirects_to("/sign-in"));
    }
    assert_eq!(app.count("users").await, users);
    assert_eq!(app.count("sso_identities").await, 0);
}
both!(an_unverified_address_is_refused);

async fn an_sso_only_domain_has_no_password_sign_in_nor_reset(b: Backend) {
    let idp = idp(false);
    let (app, _dir) = app_with(b, &idp, &["uni.example"]).await;
    app.user("di@uni.example", "Di").await;
    app.user("ed@elsewhere.example", "Ed").await;
    let br = app.browser();
    let r = br.post("/sign-in", &[("email", "Di@UNI.example"), ("password", PASSWORD)]).await;
    r.assert_status(403).assert_contains("sign in with Uni Login, not with a password");
    assert!(br.get("/account/data").await.redirects_to("/sign-in"));
    let r = br.post("/forgot-password", &[("email", "di@uni.example")]).await;
    r.assert_status(403).assert_contains("Uni Login");
    assert_eq!(app.count("password_tokens").await, 0);
    // Other domains sign in with a password as before.
    let r = br.post("/sign-in", &[("email", "ed@elsewhere.example"), ("password", PASSWORD)]).await;
    assert!(r.redirects_to("/"), "{} {}", r.status, r.body);
    // And the SSO-only person signs in with the provider.
    idp.person("di-4", json!({"email": "di@uni.example", "email_verified": true})).await;
    let br = app.browser();
    let r = sign_in(&app, &idp, &br, "di-4").await;
    assert!(r.redirects_to("/account/data"), "{} {}", r.status, r.body);
}
both!(an_sso_only_domain_has_no_password_sign_in_nor_reset);

async fn a_token_with_a_wrong_signature_is_refused(b: Backend) {
    let idp = idp(true);
    let (app, _dir) = app_with(b, &idp, &[]).await;
    idp.person("fay-5", json!({"email": "fay@uni.example", "email_verified": true})).await;
    let br = app.browser();
    let r = sign_in(&app, &idp, &br, "fay-5").await;
    r.assert_status(403).assert_contains("could not be checked").assert_contains("signature is not right");
    assert!(br.get("/account/data").await.redirects_to("/sign-in"));
    assert_eq!(app.count("sso_identities").await, 0);
    assert_eq!(app.count("users").await, 0);
}
both!(a_token_with_a_wrong_signature_is_refused);

async fn a_replayed_or_foreign_state_is_refused(b: Backend) {
    let idp = idp(false);
    let (app, _dir) = app_with(b, &idp, &[]).await;
    idp.person("gil-6", json!({"email": "gil@uni.example", "email_verified": true})).await;

    // The provider's redirect opened in another browser (someone else's sign-in): refused,
    // and the sign-in is still there for its own browser.
    let br = app.browser();
    let back = at_provider(&app, &idp, &br, "gil-6").await;
    let path = back.strip_prefix(&app.base).unwrap().to_string();
    let other = app.browser();
    other.get(&path).await.assert_status(400).assert_contains("did not start in this browser");
    let r = br.get(&path).await;
    assert!(r.redirects_to("/account/data"), "{} {}", r.status, r.body);

    // The same redirect again, with the state's cookie put back: used already.
    let state = url::Url::parse(&back).unwrap().query_pairs().find(|(k, _)| k == "state").unwrap().1.to_string();
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(&back)
        .header("cookie", format!("hr_sso={state}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("already been used"));

    // A made-up state, and a provider that is not configured.
    let r = other.get("/sso/uni/callback?code=x&state=made-up").await;
    r.assert_status(400);
    other.get("/sso/nobody/start").await.assert_status(404);
}
both!(a_replayed_or_foreign_state_is_refused);

async fn a_provider_that_is_down_is_named(b: Backend) {
    let down = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}", l.local_addr().unwrap().port())
    };
    let fake = Idp { child: std::process::Command::new("true").spawn().unwrap(), base: down };
    let (app, _dir) = app_with(b, &fake, &[]).await;
    app.browser().get("/sso/uni/start").await.assert_status(502).assert_contains("did not answer");
}
both!(a_provider_that_is_down_is_named);

async fn two_factor_is_still_asked_after_the_provider(b: Backend) {
    use homeroom::auth::two_factor::code_at;
    use sea_orm::EntityTrait;
    let idp = idp(false);
    let (app, _dir) = app_with(b, &idp, &[]).await;
    let hal = app.user("hal@uni.example", "Hal").await;
    let br = app.signed_in("hal@uni.example").await;
    br.get("/account/two-factor").await.assert_status(200);
    let secret =
        homeroom::db::entity::two_factor::Entity::find_by_id(hal.id).one(app.db()).await.unwrap().unwrap().secret;
    let now = || (homeroom::time::now_ms() / 1000) as u64;
    br.post("/account/two-factor/enable", &[("current", PASSWORD), ("code", &code_at(&secret, now()).unwrap())])
        .await
        .assert_status(200);

    idp.person("hal-7", json!({"email": "hal@uni.example", "email_verified": true})).await;
    let fresh = app.browser();
    let r = sign_in(&app, &idp, &fresh, "hal-7").await;
    r.assert_status(200).assert_contains("Enter your code");
    assert!(!r.set_cookies.iter().any(|c| c.starts_with("hr_session=")));
    assert!(fresh.get("/account/data").await.redirects_to("/sign-in"));
    let challenge = r.body.split("name=\"challenge\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let code = code_at(&secret, now() + 30).unwrap();
    let r = fresh.post("/sign-in/two-factor", &[("challenge", &challenge), ("code", &code)]).await;
    assert!(r.redirects_to("/account/data"), "{} {}", r.status, r.body);
    fresh.get("/account/data").await.assert_status(200);
}
both!(two_factor_is_still_asked_after_the_provider);
