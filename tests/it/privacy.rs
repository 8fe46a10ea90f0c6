//! The privacy registry covers every table, and export and erasure do what they say.

use crate::both;
use crate::support::{Backend, PASSWORD, TestApp};
use homeroom::policy::Role;
use homeroom::privacy::{self, Handling};

async fn every_table_is_registered(b: Backend) {
    let app = TestApp::spawn(b).await;
    let tables = homeroom::db::table_names(app.db()).await.unwrap();
    assert!(tables.len() >= 9, "{tables:?}");
    let missing: Vec<_> = tables.iter().filter(|t| privacy::entry(t).is_none()).collect();
    assert!(missing.is_empty(), "tables with personal data must be registered in src/privacy.rs: {missing:?}");
    // And the registry names no table that does not exist (a typo would hide a gap).
    let stale: Vec<_> =
        privacy::REGISTRY.iter().filter(|e| !tables.iter().any(|t| t == e.table)).map(|e| e.table).collect();
    assert!(stale.is_empty(), "registered but not in the schema: {stale:?}");
}
both!(every_table_is_registered);

async fn export_holds_everything_and_erasure_removes_it(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Private matters", &t).await;
    let s = app.user("sam@example.org", "Sam Student").await;
    app.enrol(&c, &s, Role::Student).await;
    // Give Sam a bit of everything: a session, a failed sign-in, a reset token and email.
    app.signed_in("sam@example.org").await;
    let br = app.browser();
    br.post("/sign-in", &[("email", "sam@example.org"), ("password", "wrong password")]).await;
    br.post("/forgot-password", &[("email", "sam@example.org")]).await;

    let data = privacy::export_user(app.db(), "sam@example.org").await.unwrap();
    let tables = data["tables"].as_object().unwrap();
    for e in privacy::REGISTRY {
        if let Handling::Personal = e.handling {
            assert!(tables.contains_key(e.table), "export lacks {}", e.table);
        }
    }
    assert_eq!(tables["users"][0]["name"], "Sam Student");
    assert!(tables["users"][0].get("password_hash").is_none(), "never export the hash");
    assert_eq!(tables["memberships"][0]["course"], "Private matters");
    assert_eq!(tables["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(tables["sign_in_failures"].as_array().unwrap().len(), 1);
    assert_eq!(tables["password_tokens"].as_array().unwrap().len(), 1);
    assert!(tables["emails"][0]["body"].as_str().unwrap().contains("Sam Student"));
    let tutor_export = privacy::export_user(app.db(), "tutor@example.org").await.unwrap();
    assert_eq!(tutor_export["tables"]["courses"][0]["title"], "Private matters");

    privacy::erase_user(app.db(), "sam@example.org").await.unwrap();
    assert!(homeroom::accounts::find_by_email(app.db(), "sam@example.org").await.unwrap().is_none());
    for table in ["sessions", "password_tokens", "sign_in_failures", "emails"] {
        assert_eq!(app.count(table).await, 0, "{table} still holds Sam's rows");
    }
    assert_eq!(app.count("memberships").await, 1, "only the tutor is left");
    app.browser().post("/sign-in", &[("email", "sam@example.org"), ("password", PASSWORD)]).await.assert_status(401);

    // Erasing the course's creator keeps the course for the class.
    privacy::erase_user(app.db(), "tutor@example.org").await.unwrap();
    assert_eq!(app.count("courses").await, 1);
    assert!(privacy::export_user(app.db(), "tutor@example.org").await.is_err());
}
both!(export_holds_everything_and_erasure_removes_it);
