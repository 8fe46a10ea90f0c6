//! The expectations board: notes, "+1", moving (form and script), columns, permissions.

use crate::both;
use crate::support::{Backend, TestApp};
use homeroom::policy::Role;
use sea_orm::{ConnectionTrait, Statement};

async fn ids(app: &TestApp, sql: &str) -> Vec<i64> {
    app.db()
        .query_all_raw(Statement::from_string(app.db().get_database_backend(), sql.to_string()))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<i64>("", "id").unwrap())
        .collect()
}

async fn notes_votes_moves_and_columns(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Board", &t).await;
    for (email, name, role) in [
        ("ada@example.org", "Ada", Role::Student),
        ("bo@example.org", "Bo", Role::Student),
        ("obs@example.org", "Olly", Role::Observer),
    ] {
        let u = app.user(email, name).await;
        app.enrol(&c, &u, role).await;
    }
    let board = format!("/courses/{}/board", c.id);
    let ada = app.signed_in("ada@example.org").await;
    ada.get(&board)
        .await
        .assert_status(200)
        .assert_contains("What I expect of the tutor")
        .assert_contains("What I expect of each other");
    let cols = ids(&app, "SELECT id FROM board_columns ORDER BY position").await;
    assert_eq!(cols.len(), 3);
    let (c1, c2) = (cols[0].to_string(), cols[1].to_string());
    ada.post(&format!("{board}/notes"), &[("column_id", &c1), ("body", "   "), ("colour", "pink")])
        .await
        .assert_status(422);
    ada.post(&format!("{board}/notes"), &[("column_id", &c1), ("body", "Answers within two days"), ("colour", "pink")])
        .await;
    ada.get(&board).await.assert_contains("note pink").assert_contains("Answers within two days");
    let note = ids(&app, "SELECT id FROM board_notes").await[0];
    let n = format!("{board}/notes/{note}");

    let bo = app.signed_in("bo@example.org").await;
    bo.post(&format!("{n}/vote"), &[]).await;
    bo.get(&board).await.assert_contains("aria-pressed=\"true\"").assert_contains(" · 1");
    bo.post(&format!("{n}/vote"), &[]).await;
    assert_eq!(app.count("board_votes").await, 0, "a second +1 takes it back");
    bo.post(&format!("{n}/vote"), &[]).await;
    // Bo may not move or delete Ada's note.
    bo.post(&format!("{n}/move"), &[("column_id", &c2)]).await.assert_status(403);
    bo.post(&format!("{n}/delete"), &[]).await.assert_status(403);
    // Ada moves it, with the form and with the page's script.
    assert!(ada.post(&format!("{n}/move"), &[("column_id", &c2)]).await.redirects_to(&board));
    let token = ada.csrf().unwrap();
    let r = ada
        .client
        .post(ada.url(&format!("{n}/move")))
        .header("x-csrf-token", token)
        .form(&[("column_id", &c1)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    // Observers look but do not post.
    let olly = app.signed_in("obs@example.org").await;
    olly.get(&board).await.assert_status(200);
    olly.post(&format!("{board}/notes"), &[("column_id", &c1), ("body", "hi")]).await.assert_status(403);

    // A column of another course is not ours.
    let t2 = app.user("t2@example.org", "Other Tutor").await;
    let other = app.course("Other", &t2).await;
    let t2b = app.signed_in("t2@example.org").await;
    t2b.get(&format!("/courses/{}/board", other.id)).await;
    let other_col =
        ids(&app, &format!("SELECT id FROM board_columns WHERE course_id = {} ORDER BY position", other.id)).await[0];
    ada.post(&format!("{board}/notes"), &[("column_id", &other_col.to_string()), ("body", "sneaky")])
        .await
        .assert_status(404);
    ada.post(&format!("{n}/move"), &[("column_id", &other_col.to_string())]).await.assert_status(404);

    // The tutor removes the first column: its notes move to the new first column.
    let tutor = app.signed_in("tutor@example.org").await;
    tutor.post(&format!("{board}/columns"), &[("columns", "What I expect of myself\nWhat we will try")]).await;
    let page = tutor.get(&board).await;
    page.assert_contains("What we will try").assert_contains("Answers within two days");
    assert!(!page.body.contains("What I expect of the tutor"));
    tutor.post(&format!("{board}/columns"), &[("columns", "")]).await.assert_status(400);
    ada.post(&format!("{board}/columns"), &[("columns", "Mine")]).await.assert_status(403);
    tutor.post(&format!("{n}/delete"), &[]).await;
    assert_eq!(app.count("board_notes").await, 0);
    assert_eq!(app.count("board_votes").await, 0);
}
both!(notes_votes_moves_and_columns);
