//! The `homeroom` binary's commands, run as a person would run them.

use std::process::Command;

fn homeroom() -> Command {
    Command::new(env!("CARGO_BIN_EXE_homeroom"))
}

#[test]
fn admin_create_export_and_erase_work_on_the_same_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = homeroom()
        .args(["admin", "create", "--email", "Root@Example.org", "--name", "Rita Root", "--data-dir", data])
        .env("HOMEROOM_ADMIN_PASSWORD", "a fine admin password")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let out = homeroom().args(["export-user", "root@example.org", "--data-dir", data]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tables"]["users"][0]["name"], "Rita Root");
    assert_eq!(v["tables"]["users"][0]["is_site_admin"], true);

    // Without a terminal and without --yes, nothing is erased.
    let out = homeroom().args(["erase-user", "root@example.org", "--data-dir", data]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));
    let out = homeroom().args(["erase-user", "root@example.org", "--yes", "--data-dir", data]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = homeroom().args(["export-user", "root@example.org", "--data-dir", data]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no account"));
}

#[test]
fn bad_options_are_named() {
    let out = homeroom().args(["serve", "--database-url", "mysql://nope"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--database-url"));
    let out = homeroom()
        .args([
            "admin",
            "create",
            "--email",
            "not-an-email",
            "--password",
            "a fine admin password",
            "--data-dir",
            tempfile::tempdir().unwrap().path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid email"));
}

#[test]
fn migrate_runs_from_empty_and_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    for _ in 0..2 {
        let out = homeroom().args(["migrate", "--data-dir", data]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn demo_seeds_a_class_of_any_size_and_exits_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = homeroom().args(["demo", "--students", "120", "--seed-only", "--data-dir", data]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Seeded the demo course"));
    let students = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = homeroom::db::connect(&homeroom::db::default_url(dir.path())).await.unwrap();
        let sql = "SELECT COUNT(*) AS n FROM memberships WHERE role = 'student' AND course_id = \
                   (SELECT id FROM courses WHERE join_code = 'flexible2026')";
        let row = sea_orm::ConnectionTrait::query_one_raw(
            &db,
            sea_orm::Statement::from_string(sea_orm::DatabaseBackend::Sqlite, sql),
        )
        .await
        .unwrap()
        .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    });
    assert_eq!(students, 120);
    // A second run finds the seeded course and seeds nothing.
    let out = homeroom().args(["demo", "--students", "120", "--seed-only", "--data-dir", data]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Found the demo course"));
}
