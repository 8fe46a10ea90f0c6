//! Attachments on forum posts: every kind attached and shown, wrong or oversized files
//! refused with nothing written, serving only to the post's readers (hidden posts to
//! their author and the teaching team), documents served as downloads, edits, deletion
//! and erasure.

use crate::both;
use crate::media::{get_raw, halves, png};
use crate::support::{Backend, Browser, Options, TestApp};
use homeroom::db::entity::course;
use homeroom::policy::Role;
use reqwest::multipart::{Form, Part};
use sea_orm::{ConnectionTrait, Statement};

async fn num(app: &TestApp, sql: &str) -> i64 {
    let row = app
        .db()
        .query_one_raw(Statement::from_string(app.db().get_database_backend(), sql.to_string()))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

pub fn wav() -> Vec<u8> {
    let mut v =
        b"RIFF\x24\x08\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0\x80\x3e\0\0\x02\0\x10\0data\0\x08\0\0".to_vec();
    v.extend(std::iter::repeat_n(0u8, 2048));
    v
}

pub fn pdf(len: usize) -> Vec<u8> {
    let mut v = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    while v.len() < len {
        v.extend_from_slice(b"% filler line for size\n");
    }
    v.extend_from_slice(b"%%EOF\n");
    v
}

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map(|rd| rd.flatten().filter(|e| e.path().is_file()).count()).unwrap_or(0)
}

struct Class {
    app: TestApp,
    course: course::Model,
    tutor: Browser,
    ada: Browser,
    bo: Browser,
    olly: Browser,
    outsider: Browser,
    space: i64,
}

impl Class {
    fn c(&self) -> String {
        format!("/courses/{}", self.course.id)
    }
}

async fn class(b: Backend, opts: Options) -> Class {
    let app = TestApp::spawn_with(b, opts).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Attachments", &t).await;
    for (email, name, role) in [
        ("ada@example.org", "Ada Lovelace", Role::Student),
        ("bo@example.org", "Bo Berg", Role::Student),
        ("olly@example.org", "Olly Observer", Role::Observer),
    ] {
        let u = app.user(email, name).await;
        app.enrol(&course, &u, role).await;
    }
    // Someone teaching another course: a member elsewhere, a stranger here.
    let other_tutor = app.user("other@example.org", "Oda Other").await;
    app.course("Elsewhere", &other_tutor).await;
    let ada = app.signed_in("ada@example.org").await;
    ada.get(&format!("/courses/{}/spaces", course.id)).await;
    let space = num(
        &app,
        &format!("SELECT id AS n FROM forum_spaces WHERE course_id = {} AND default_key = 'coffee'", course.id),
    )
    .await;
    Class {
        tutor: app.signed_in("tutor@example.org").await,
        ada,
        bo: app.signed_in("bo@example.org").await,
        olly: app.signed_in("olly@example.org").await,
        outsider: app.signed_in("other@example.org").await,
        app,
        course,
        space,
    }
}

fn thread_form(title: &str, body: &str) -> Form {
    Form::new().text("title", title.to_string()).text("body", body.to_string())
}

fn file(bytes: Vec<u8>, name: &str, mime: &str) -> Part {
    Part::bytes(bytes).file_name(name.to_string()).mime_str(mime).unwrap()
}

async fn media_of(app: &TestApp, kind: &str) -> i64 {
    num(app, &format!("SELECT MAX(media_id) AS n FROM forum_attachments WHERE kind = '{kind}'")).await
}

async fn every_kind_is_attached_and_shown(b: Backend) {
    let k = class(b, Options::default()).await;
    let form = thread_form("Our field trip", "Pictures and notes from the trip.")
        .part("file_1", file(png(&halves(800, 400)), "flag.png", "image/png"))
        .text("describe_1", "A flag, red on the left and blue on the right")
        .part("file_2", file(wav(), "birdsong.wav", "audio/wav"))
        .text("describe_2", "Birds singing by the lake")
        .part("file_3", file(pdf(3000), "Trip notes.pdf", "application/pdf"));
    let r = k.ada.post_multipart(&format!("{}/spaces/{}/threads", k.c(), k.space), form).await;
    assert!(r.redirects_to(&format!("{}/threads/", k.c())), "{} {}", r.status, r.body);
    let thread = r.location.clone().unwrap();
    assert_eq!(num(&k.app, "SELECT COUNT(*) AS n FROM forum_attachments").await, 3);

    // A reply with plain text; a form with no files at all still works as before.
    let tid: i64 = thread.rsplit('/').next().unwrap().parse().unwrap();
    let form = Form::new()
        .text("body", "My reading list")
        .part("file_1", file("Week 1: Dewey\nWeek 2: Freire\n".as_bytes().to_vec(), "list.txt", "text/plain"));
    k.bo.post_multipart(&format!("{}/threads/{tid}/reply", k.c()), form).await.assert_status(303);
    k.bo.post(&format!("{}/threads/{tid}/reply", k.c()), &[("body", "And no files here")]).await.assert_status(303);

    let image = media_of(&k.app, "image").await;
    let audio = media_of(&k.app, "audio").await;
    let doc = num(&k.app, "SELECT MIN(media_id) AS n FROM forum_attachments WHERE kind = 'file'").await;
    let text = num(&k.app, "SELECT MAX(media_id) AS n FROM forum_attachments WHERE kind = 'file'").await;
    let page = k.olly.get(&thread).await;
    page.assert_status(200)
        .assert_contains(&format!(
            r#"<a href="/media/{image}"><img src="/media/{image}?size=thumb" alt="A flag, red on the left and blue on the right""#
        ))
        .assert_contains(&format!(r#"<audio controls preload="metadata" src="/media/{audio}""#))
        .assert_contains("Birds singing by the lake")
        .assert_contains(&format!(r#"<a href="/media/{doc}" download="Trip notes.pdf">Trip notes.pdf</a>"#))
        .assert_contains("list.txt");

    // The picture keeps its proportions, re-encoded as JPEG.
    let res = get_raw(&k.olly, &format!("/media/{image}"), None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert_eq!(res.headers()["content-disposition"], "inline");
    let img = image::load_from_memory(&res.bytes().await.unwrap()).unwrap();
    assert_eq!((img.width(), img.height()), (800, 400));

    // Documents and text are downloads, never rendered by the browser.
    for (id, name, ctype) in
        [(doc, "Trip notes.pdf", "application/pdf"), (text, "list.txt", "text/plain; charset=utf-8")]
    {
        let res = get_raw(&k.ada, &format!("/media/{id}"), None).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], ctype);
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        let cd = res.headers()["content-disposition"].to_str().unwrap().to_string();
        assert!(cd.starts_with("attachment;"), "{cd}");
        assert!(cd.contains(&format!("filename=\"{name}\"")), "{cd}");
    }
}
both!(every_kind_is_attached_and_shown);

async fn wrong_and_oversized_files_are_refused_with_nothing_written(b: Backend) {
    let k = class(b, Options { max_file_mb: Some(1), ..Default::default() }).await;
    let url = format!("{}/spaces/{}/threads", k.c(), k.space);
    let media_dir = k.app.data_dir().join("media");

    let exe = thread_form("Tool", "Try this")
        .part("file_1", file(b"MZ\x90\0\x03\0\0\0".to_vec(), "tool.pdf", "application/pdf"));
    let r = k.ada.post_multipart(&url, exe).await;
    r.assert_status(422).assert_contains("tool.pdf: this kind of file cannot be attached");
    assert!(r.body.contains("Try this"), "the words typed are kept");

    let big = thread_form("Book", "Big").part("file_1", file(pdf(1024 * 1024 + 10), "book.pdf", "application/pdf"));
    let r = k.ada.post_multipart(&url, big).await;
    r.assert_status(422).assert_contains("book.pdf: the file is larger than the 1 MB limit");

    // A good file next to a bad one: neither is kept.
    let mixed = thread_form("Mixed", "Both")
        .part("file_1", file(pdf(2000), "ok.pdf", "application/pdf"))
        .part("file_2", file(b"\x7fELF\x02\x01".to_vec(), "run", "application/octet-stream"));
    k.ada.post_multipart(&url, mixed).await.assert_status(422);

    // A description that is far too long.
    let long = thread_form("Long", "Words")
        .part("file_1", file(png(&halves(40, 40)), "a.png", "image/png"))
        .text("describe_1", "x".repeat(2001));
    k.ada.post_multipart(&url, long).await.assert_status(422).assert_contains("2000 characters");

    assert_eq!(k.app.count("forum_threads").await, 0);
    assert_eq!(k.app.count("forum_attachments").await, 0);
    assert_eq!(k.app.count("media").await, 0);
    assert_eq!(files_in(&media_dir), 0, "no file is kept");
    assert_eq!(files_in(&media_dir.join("tmp")), 0, "no upload is left behind");
}
both!(wrong_and_oversized_files_are_refused_with_nothing_written);

async fn attachments_reach_only_the_posts_readers(b: Backend) {
    let k = class(b, Options::default()).await;
    let form = thread_form("Private-ish", "A photo").part("file_1", file(png(&halves(60, 60)), "me.png", "image/png"));
    let r = k.ada.post_multipart(&format!("{}/spaces/{}/threads", k.c(), k.space), form).await;
    let thread = r.location.unwrap();
    let m = media_of(&k.app, "image").await;
    let url = format!("/media/{m}");
    for who in [&k.ada, &k.bo, &k.olly, &k.tutor] {
        assert_eq!(get_raw(who, &url, None).await.status(), 200);
    }
    assert_eq!(get_raw(&k.outsider, &url, None).await.status(), 404, "a member of another course");
    let anon = k.app.browser();
    assert_ne!(get_raw(&anon, &url, None).await.status(), 200);

    // Hidden by a moderator: its author and the teaching team still see it, nobody else.
    let post = num(&k.app, "SELECT MIN(id) AS n FROM forum_posts").await;
    k.tutor.post(&format!("{}/posts/{post}/hide", k.c()), &[("reason", "Check the consent first")]).await;
    assert_eq!(get_raw(&k.bo, &url, None).await.status(), 404);
    assert_eq!(get_raw(&k.olly, &url, None).await.status(), 404);
    assert_eq!(get_raw(&k.ada, &url, None).await.status(), 200);
    assert_eq!(get_raw(&k.tutor, &url, None).await.status(), 200);
    let page = k.bo.get(&thread).await;
    assert!(!page.body.contains(&url), "the hidden post's picture is not on the page");
    k.tutor.post(&format!("{}/posts/{post}/restore", k.c()), &[]).await;
    assert_eq!(get_raw(&k.bo, &url, None).await.status(), 200);
}
both!(attachments_reach_only_the_posts_readers);

async fn edits_and_deletion_change_the_files(b: Backend) {
    let k = class(b, Options::default()).await;
    let form = thread_form("Drafts", "Two files")
        .part("file_1", file(pdf(2000), "one.pdf", "application/pdf"))
        .part("file_2", file(pdf(2500), "two.pdf", "application/pdf"));
    k.ada.post_multipart(&format!("{}/spaces/{}/threads", k.c(), k.space), form).await.assert_status(303);
    let post = num(&k.app, "SELECT MIN(id) AS n FROM forum_posts").await;
    let first = num(&k.app, "SELECT MIN(id) AS n FROM forum_attachments").await;
    let media_dir = k.app.data_dir().join("media");
    assert_eq!(files_in(&media_dir), 2);

    // Only the author edits; the edit page lists what is attached.
    k.bo.get(&format!("{}/posts/{post}/edit", k.c())).await.assert_status(403);
    k.ada.get(&format!("{}/posts/{post}/edit", k.c())).await.assert_status(200).assert_contains("Remove one.pdf");
    let edit = Form::new()
        .text("title", "Drafts")
        .text("body", "Swapped one file")
        .text(format!("remove_{first}"), "1")
        .part("file_1", file(png(&halves(30, 20)), "new.png", "image/png"))
        .text("describe_1", "A small flag");
    k.ada.post_multipart(&format!("{}/posts/{post}/edit", k.c()), edit).await.assert_status(303);
    assert_eq!(num(&k.app, "SELECT COUNT(*) AS n FROM forum_attachments").await, 2);
    assert_eq!(num(&k.app, &format!("SELECT COUNT(*) AS n FROM forum_attachments WHERE id = {first}")).await, 0);
    assert_eq!(k.app.count("media").await, 2);
    assert_eq!(files_in(&media_dir), 3, "the kept PDF plus the new picture and its preview");

    // The picture's alt text is corrected on a later edit.
    let pic = num(&k.app, "SELECT id AS n FROM forum_attachments WHERE kind = 'image'").await;
    let edit = Form::new()
        .text("title", "Drafts")
        .text("body", "Swapped one file")
        .text(format!("describe_a{pic}"), "A small red and blue flag");
    k.ada.post_multipart(&format!("{}/posts/{post}/edit", k.c()), edit).await.assert_status(303);
    let thread = num(&k.app, "SELECT MIN(id) AS n FROM forum_threads").await;
    k.bo.get(&format!("{}/threads/{thread}", k.c())).await.assert_contains(r#"alt="A small red and blue flag""#);

    // Six files on one post are too many.
    let mut many = Form::new().text("title", "Drafts").text("body", "More");
    for i in 1..=4 {
        many = many.part(format!("file_{i}"), file(pdf(1000), "x.pdf", "application/pdf"));
    }
    k.ada
        .post_multipart(&format!("{}/posts/{post}/edit", k.c()), many)
        .await
        .assert_status(422)
        .assert_contains("up to 5 files");

    // Deleting the post takes its files with it.
    let kept = media_of(&k.app, "image").await;
    k.ada.post(&format!("{}/posts/{post}/delete", k.c()), &[]).await.assert_status(303);
    assert_eq!(k.app.count("forum_attachments").await, 0);
    assert_eq!(k.app.count("media").await, 0);
    assert_eq!(files_in(&media_dir), 0);
    assert_eq!(get_raw(&k.ada, &format!("/media/{kept}"), None).await.status(), 404);
}
both!(edits_and_deletion_change_the_files);

async fn export_and_erasure_cover_attachments(b: Backend) {
    let k = class(b, Options::default()).await;
    let form = thread_form("Mine", "With a file").part("file_1", file(pdf(2000), "essay.pdf", "application/pdf"));
    k.ada.post_multipart(&format!("{}/spaces/{}/threads", k.c(), k.space), form).await.assert_status(303);
    let tid = num(&k.app, "SELECT MIN(id) AS n FROM forum_threads").await;
    let form = Form::new().text("body", "Reply").part("file_1", file(pdf(2000), "bo.pdf", "application/pdf"));
    k.bo.post_multipart(&format!("{}/threads/{tid}/reply", k.c()), form).await.assert_status(303);

    let data = homeroom::privacy::export_user(k.app.db(), "ada@example.org").await.unwrap();
    let mine = data["tables"]["forum_attachments"].as_array().unwrap().clone();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["name"], "essay.pdf");

    homeroom::privacy::erase_user_and_media(k.app.db(), &k.app.state.config, "ada@example.org").await.unwrap();
    assert_eq!(k.app.count("forum_attachments").await, 1, "Bo's attachment stays");
    assert_eq!(k.app.count("media").await, 1);
    assert_eq!(files_in(&k.app.data_dir().join("media")), 1);
    k.bo.get(&format!("{}/threads/{tid}", k.c())).await.assert_status(200).assert_contains("bo.pdf");
}
both!(export_and_erasure_cover_attachments);
