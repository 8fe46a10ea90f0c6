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

fn note_with_picture(column: i64, body: &str, picture: Vec<u8>, alt: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("column_id", column.to_string())
        .text("body", body.to_string())
        .text("colour", "green")
        .text("image_alt", alt.to_string())
        .part("image", reqwest::multipart::Part::bytes(picture).file_name("p.png").mime_str("image/png").unwrap())
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| rd.flatten().filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().into()).collect())
        .unwrap_or_default()
}

async fn notes_carry_pictures_for_the_class_only(b: Backend) {
    let app = TestApp::spawn_with(b, crate::support::Options { max_image_mb: Some(1), ..Default::default() }).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Board", &t).await;
    for (email, name) in [("ada@example.org", "Ada"), ("bo@example.org", "Bo")] {
        let u = app.user(email, name).await;
        app.enrol(&c, &u, Role::Student).await;
    }
    let other_t = app.user("other@example.org", "Otto").await;
    app.course("Elsewhere", &other_t).await;
    let board = format!("/courses/{}/board", c.id);
    let ada = app.signed_in("ada@example.org").await;
    ada.get(&board).await.assert_status(200).assert_contains("enctype=\"multipart/form-data\"");
    let col = ids(&app, "SELECT id FROM board_columns ORDER BY position").await[2];
    let picture = || crate::media::png(&crate::media::halves(120, 80));
    let notes = format!("{board}/notes");

    // Refused, in plain words, with nothing written: no description, a file that is not
    // a picture, a damaged picture, a note without words, one over the limit.
    let bad: Vec<(reqwest::multipart::Form, &str)> = vec![
        (note_with_picture(col, "Kind words", picture(), " "), "Say in a few words what the picture shows"),
        (note_with_picture(col, "Kind words", b"%PDF-1.4 nope".to_vec(), "A file"), "cannot be used here"),
        (note_with_picture(col, "Kind words", picture()[..300].to_vec(), "Cut"), "could not be read"),
        (note_with_picture(col, "  ", picture(), "Two hands"), "A note needs some words"),
    ];
    for (form, message) in bad {
        ada.post_multipart(&notes, form).await.assert_status(422).assert_contains(message);
    }
    let mut big = picture();
    big.resize(1024 * 1024 + 200_000, 0);
    if let Some(r) = ada.try_post_multipart(&notes, note_with_picture(col, "Big", big, "Big picture")).await {
        r.assert_status(422).assert_contains("larger than the 1 MB limit");
    }
    assert_eq!(app.count("board_notes").await, 0);
    assert_eq!(app.count("media").await, 0);
    let media_dir = app.data_dir().join("media");
    assert!(files_in(&media_dir).is_empty() && files_in(&media_dir.join("tmp")).is_empty());

    // A note with a picture, and one without through the same multipart form.
    let r = ada.post_multipart(&notes, note_with_picture(col, "We help each other", picture(), "Two hands")).await;
    assert!(r.redirects_to(&board), "{} {}", r.status, r.body);
    let plain = reqwest::multipart::Form::new().text("column_id", col.to_string()).text("body", "No picture here");
    assert!(ada.post_multipart(&notes, plain).await.redirects_to(&board));
    let media_id = ids(&app, "SELECT id FROM media").await[0];
    assert_eq!(ids(&app, "SELECT id FROM board_notes WHERE image_id IS NULL").await.len(), 1);

    let bo = app.signed_in("bo@example.org").await;
    bo.get(&board)
        .await
        .assert_status(200)
        .assert_contains(&format!("src=\"/media/{media_id}?size=thumb\""))
        .assert_contains("alt=\"Two hands\"")
        .assert_contains("No picture here");
    assert_eq!(crate::media::get_raw(&bo, &format!("/media/{media_id}"), None).await.status(), 200);
    let otto = app.signed_in("other@example.org").await;
    assert_eq!(crate::media::get_raw(&otto, &format!("/media/{media_id}"), None).await.status(), 404);

    // Deleting the note removes its picture.
    let note = ids(&app, "SELECT id FROM board_notes WHERE image_id IS NOT NULL").await[0];
    bo.post(&format!("{notes}/{note}/delete"), &[]).await.assert_status(403);
    assert!(ada.post(&format!("{notes}/{note}/delete"), &[]).await.redirects_to(&board));
    assert_eq!(app.count("media").await, 0);
    assert!(files_in(&media_dir).is_empty(), "the picture's files went with the note");

    // Erasure takes a note's picture with it; export names it.
    assert!(
        ada.post_multipart(&notes, note_with_picture(col, "Listen first", picture(), "An ear"))
            .await
            .redirects_to(&board)
    );
    let data = homeroom::privacy::export_user(app.db(), "ada@example.org").await.unwrap();
    let exported = data["tables"]["board_notes"].as_array().unwrap();
    assert!(exported.iter().any(|n| n["image_description"] == "An ear"));
    homeroom::privacy::erase_user_and_media(app.db(), &app.state.config, "ada@example.org").await.unwrap();
    assert_eq!(app.count("board_notes").await, 0);
    assert_eq!(app.count("media").await, 0);
    assert!(files_in(&media_dir).is_empty());
}
both!(notes_carry_pictures_for_the_class_only);

/// A busy board shows a page of each column and links to the rest; vote counts are kept
/// on the note (by the database) and stay true through +1s, take-backs and erasure.
async fn a_busy_column_is_paged_and_votes_are_counted(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Board", &t).await;
    for (email, name) in [("ada@example.org", "Ada"), ("bo@example.org", "Bo")] {
        let u = app.user(email, name).await;
        app.enrol(&c, &u, Role::Student).await;
    }
    let board = format!("/courses/{}/board", c.id);
    let ada = app.signed_in("ada@example.org").await;
    ada.get(&board).await.assert_status(200);
    let cols = ids(&app, "SELECT id FROM board_columns ORDER BY position").await;
    let c1 = cols[0].to_string();
    for i in 0..45 {
        ada.post(
            &format!("{board}/notes"),
            &[("column_id", &c1), ("body", &format!("Note number {i:02}")), ("colour", "blue")],
        )
        .await;
    }
    let first = ada.get(&board).await;
    assert_eq!(first.body.matches("Note number").count(), 40, "one column shows forty notes at once");
    assert!(first.body.contains("Note number 39") && !first.body.contains("Note number 40"));
    let next = first.body.split("board?column=").nth(1).expect("a link to the rest").split('"').next().unwrap();
    let next = next.replace("&amp;", "&");
    let rest = ada.get(&format!("{board}?column={next}")).await;
    rest.assert_status(200).assert_contains("Note number 44").assert_contains("The whole board");
    assert_eq!(rest.body.matches("Note number").count(), 5);
    assert!(!rest.body.contains("More notes in this column"));
    // A cursor that is not a number shows the first page.
    ada.get(&format!("{board}?column=x&after=y")).await.assert_status(200).assert_contains("Note number 00");

    let note = ids(&app, "SELECT id FROM board_notes ORDER BY id").await[0];
    let bo = app.signed_in("bo@example.org").await;
    bo.post(&format!("{board}/notes/{note}/vote"), &[]).await;
    ada.post(&format!("{board}/notes/{note}/vote"), &[]).await;
    ada.get(&board).await.assert_contains(" · 2");
    ada.post(&format!("{board}/notes/{note}/vote"), &[]).await;
    ada.get(&board).await.assert_contains(" · 1");
    // Erasing Bo takes his +1 with him, and the count follows.
    homeroom::privacy::erase_user(app.db(), "bo@example.org").await.unwrap();
    let votes = ids(&app, &format!("SELECT CAST(votes AS BIGINT) AS id FROM board_notes WHERE id = {note}")).await;
    assert_eq!(votes, [0]);
}
both!(a_busy_column_is_paged_and_votes_are_counted);
