//! The course files area: folders, uploads by the teaching team and (when the tutor
//! allows it) by students, who then change only their own; observers read; files are
//! checked by their bytes and limits, served as downloads to members only, and go with
//! their uploader on erasure.

use crate::attachments::pdf;
use crate::both;
use crate::media::get_raw;
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
}

impl Class {
    fn c(&self) -> String {
        format!("/courses/{}/files", self.course.id)
    }

    async fn upload(&self, who: &Browser, folder: Option<i64>, bytes: Vec<u8>, name: &str) -> crate::support::Resp {
        let part = Part::bytes(bytes).file_name(name.to_string()).mime_str("application/octet-stream").unwrap();
        let q = folder.map(|f| f.to_string()).unwrap_or_default();
        who.post_multipart(&format!("{}/upload?folder={q}", self.c()), Form::new().part("file", part)).await
    }

    async fn folder(&self, name: &str, parent: Option<i64>) -> i64 {
        let p = parent.map(|p| p.to_string()).unwrap_or_default();
        let r = self.tutor.post(&format!("{}/folders", self.c()), &[("name", name), ("parent_id", &p)]).await;
        assert_eq!(r.status, 303, "{}", r.body);
        r.location.unwrap().rsplit('/').next().unwrap().parse().unwrap()
    }

    async fn file_id(&self, name: &str) -> i64 {
        num(&self.app, &format!("SELECT id AS n FROM course_files WHERE name = '{name}'")).await
    }
}

async fn class(b: Backend, opts: Options) -> Class {
    let app = TestApp::spawn_with(b, opts).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Files", &t).await;
    for (email, name, role) in [
        ("ada@example.org", "Ada Lovelace", Role::Student),
        ("bo@example.org", "Bo Berg", Role::Student),
        ("olly@example.org", "Olly Observer", Role::Observer),
    ] {
        let u = app.user(email, name).await;
        app.enrol(&course, &u, role).await;
    }
    let other = app.user("other@example.org", "Oda Other").await;
    app.course("Elsewhere", &other).await;
    Class {
        tutor: app.signed_in("tutor@example.org").await,
        ada: app.signed_in("ada@example.org").await,
        bo: app.signed_in("bo@example.org").await,
        olly: app.signed_in("olly@example.org").await,
        outsider: app.signed_in("other@example.org").await,
        app,
        course,
    }
}

async fn students_upload_only_when_allowed_and_change_only_their_own(b: Backend) {
    let k = class(b, Options::default()).await;
    let week = k.folder("Week 1", None).await;
    k.upload(&k.tutor, Some(week), pdf(5000), "Syllabus.pdf").await.assert_status(303);

    // Everyone in the course reads; the listing names the uploader and the size.
    let listing = k.olly.get(&format!("{}/folders/{week}", k.c())).await;
    listing.assert_status(200).assert_contains("Syllabus.pdf").assert_contains("Tess Tutor").assert_contains("5 KB");
    assert!(!listing.body.contains("Upload files"), "observers do not upload");
    k.outsider.get(&k.c()).await.assert_status(403);

    // Off by default: students are refused, and see no upload form.
    assert!(!k.ada.get(&k.c()).await.body.contains("Upload files"));
    k.upload(&k.ada, None, b"my notes\n".to_vec(), "notes.txt").await.assert_status(403);
    k.tutor.post(&format!("{}/settings", k.c()), &[("students_upload", "1")]).await.assert_status(303);
    k.ada.get(&k.c()).await.assert_contains("Upload files");
    k.upload(&k.ada, Some(week), b"my notes\n".to_vec(), "notes.txt").await.assert_status(303);
    k.upload(&k.olly, None, b"watching\n".to_vec(), "olly.txt").await.assert_status(403);

    let notes = k.file_id("notes.txt").await;
    let syllabus = k.file_id("Syllabus.pdf").await;
    // Ada changes her own file, not the tutor's nor does Bo change hers.
    k.ada.post(&format!("{}/{notes}/rename", k.c()), &[("name", "Week 1 notes")]).await.assert_status(303);
    assert_eq!(k.file_id("Week 1 notes.txt").await, notes, "the extension matching the bytes stays");
    k.ada.post(&format!("{}/{syllabus}/rename", k.c()), &[("name", "Mine now")]).await.assert_status(403);
    k.bo.post(&format!("{}/{notes}/delete", k.c()), &[]).await.assert_status(403);
    k.ada.post(&format!("{}/{notes}/move", k.c()), &[("folder_id", "")]).await.assert_status(303);
    assert_eq!(
        num(&k.app, &format!("SELECT COUNT(*) AS n FROM course_files WHERE id = {notes} AND folder_id IS NULL")).await,
        1
    );
    // The tutor changes anyone's file.
    k.tutor.post(&format!("{}/{notes}/move", k.c()), &[("folder_id", &week.to_string())]).await.assert_status(303);

    // Turned off again, students keep reading but change nothing.
    k.tutor.post(&format!("{}/settings", k.c()), &[]).await.assert_status(303);
    k.ada.post(&format!("{}/{notes}/delete", k.c()), &[]).await.assert_status(403);
    k.ada.get(&format!("{}/folders/{week}", k.c())).await.assert_status(200).assert_contains("Week 1 notes.txt");

    // Downloads: members only, always as an attachment with nosniff.
    let media = num(&k.app, &format!("SELECT media_id AS n FROM course_files WHERE id = {syllabus}")).await;
    let res = get_raw(&k.olly, &format!("/media/{media}"), None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(
        res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"Syllabus.pdf\"")
    );
    assert_eq!(get_raw(&k.outsider, &format!("/media/{media}"), None).await.status(), 404);

    // Deleting removes the row, the media and the bytes.
    k.tutor.post(&format!("{}/{syllabus}/delete", k.c()), &[]).await.assert_status(303);
    assert_eq!(get_raw(&k.ada, &format!("/media/{media}"), None).await.status(), 404);
    assert_eq!(k.app.count("course_files").await, 1);
    assert_eq!(k.app.count("media").await, 1);
}
both!(students_upload_only_when_allowed_and_change_only_their_own);

async fn folders_nest_rename_and_only_empty_ones_go(b: Backend) {
    let k = class(b, Options::default()).await;
    let readings = k.folder("Readings", None).await;
    let older = k.folder("Older", Some(readings)).await;
    let page = k.ada.get(&format!("{}/folders/{older}", k.c())).await;
    page.assert_status(200)
        .assert_contains(&format!(r#"<a href="/courses/{}/files/folders/{readings}">Readings</a>"#, k.course.id));

    let r = k.tutor.post(&format!("{}/folders", k.c()), &[("name", "readings"), ("parent_id", "")]).await;
    r.assert_status(422).assert_contains("already a folder with that name");
    k.tutor.post(&format!("{}/folders", k.c()), &[("name", "a/b"), ("parent_id", "")]).await.assert_status(422);
    k.tutor.post(&format!("{}/folders", k.c()), &[("name", "  "), ("parent_id", "")]).await.assert_status(422);
    k.ada.post(&format!("{}/folders", k.c()), &[("name", "Mine"), ("parent_id", "")]).await.assert_status(403);

    k.tutor.post(&format!("{}/folders/{older}/rename", k.c()), &[("name", "Archive")]).await.assert_status(303);
    k.ada.get(&format!("{}/folders/{readings}", k.c())).await.assert_contains("Archive");

    k.upload(&k.tutor, Some(older), pdf(1000), "old.pdf").await.assert_status(303);
    k.tutor
        .post(&format!("{}/folders/{readings}/delete", k.c()), &[])
        .await
        .assert_status(422)
        .assert_contains("still has files or folders");
    k.tutor.post(&format!("{}/folders/{older}/delete", k.c()), &[]).await.assert_status(422);
    let old = k.file_id("old.pdf").await;
    k.tutor.post(&format!("{}/{old}/delete", k.c()), &[]).await.assert_status(303);
    k.tutor.post(&format!("{}/folders/{older}/delete", k.c()), &[]).await.assert_status(303);
    k.tutor.post(&format!("{}/folders/{readings}/delete", k.c()), &[]).await.assert_status(303);
    assert_eq!(k.app.count("file_folders").await, 0);

    // A folder of another course is not found from this one.
    let other_course = num(&k.app, "SELECT id AS n FROM courses WHERE title = 'Elsewhere'").await;
    let other = k.app.signed_in("other@example.org").await;
    let r =
        other.post(&format!("/courses/{other_course}/files/folders"), &[("name", "Theirs"), ("parent_id", "")]).await;
    let theirs: i64 = r.location.unwrap().rsplit('/').next().unwrap().parse().unwrap();
    k.tutor.get(&format!("{}/folders/{theirs}", k.c())).await.assert_status(404);
    k.upload(&k.tutor, Some(theirs), pdf(1000), "x.pdf").await.assert_status(404);
}
both!(folders_nest_rename_and_only_empty_ones_go);

async fn wrong_or_oversized_uploads_write_nothing(b: Backend) {
    let k = class(b, Options { max_file_mb: Some(1), ..Default::default() }).await;
    let media_dir = k.app.data_dir().join("media");
    k.upload(&k.tutor, None, b"\x7fELF\x02\x01\x01".to_vec(), "tool.pdf")
        .await
        .assert_status(422)
        .assert_contains("tool.pdf: this kind of file cannot be attached");
    k.upload(&k.tutor, None, pdf(1024 * 1024 + 100), "book.pdf")
        .await
        .assert_status(422)
        .assert_contains("larger than the 1 MB limit");
    k.tutor.post_multipart(&format!("{}/upload", k.c()), Form::new()).await.assert_status(422);
    assert_eq!(k.app.count("course_files").await, 0);
    assert_eq!(k.app.count("media").await, 0);
    assert_eq!(files_in(&media_dir), 0);
    assert_eq!(files_in(&media_dir.join("tmp")), 0);
    // Markup is only ever text, offered as a download.
    k.upload(
        &k.tutor,
        None,
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
        "pic.svg",
    )
    .await
    .assert_status(303);
    let media = num(&k.app, "SELECT media_id AS n FROM course_files").await;
    let res = get_raw(&k.ada, &format!("/media/{media}"), None).await;
    assert_eq!(res.headers()["content-type"], "text/plain; charset=utf-8");
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("filename=\"pic.svg.txt\""));
}
both!(wrong_or_oversized_uploads_write_nothing);

async fn a_leaving_students_uploads_go_with_them(b: Backend) {
    let k = class(b, Options::default()).await;
    let week = k.folder("Week 1", None).await;
    k.tutor.post(&format!("{}/settings", k.c()), &[("students_upload", "1")]).await;
    k.upload(&k.ada, Some(week), b"Ada's summary\n".to_vec(), "summary.txt").await.assert_status(303);
    k.upload(&k.tutor, Some(week), pdf(1000), "slides.pdf").await.assert_status(303);

    let data = homeroom::privacy::export_user(k.app.db(), "ada@example.org").await.unwrap();
    assert_eq!(data["tables"]["course_files"][0]["name"], "summary.txt");
    let tess = homeroom::privacy::export_user(k.app.db(), "tutor@example.org").await.unwrap();
    assert_eq!(tess["tables"]["file_folders"][0]["name"], "Week 1");

    homeroom::privacy::erase_user_and_media(k.app.db(), &k.app.state.config, "ada@example.org").await.unwrap();
    assert_eq!(k.app.count("course_files").await, 1, "the tutor's file stays");
    assert_eq!(k.app.count("media").await, 1);
    assert_eq!(files_in(&k.app.data_dir().join("media")), 1);
    assert_eq!(k.app.count("file_folders").await, 1, "folders stay for the class");
}
both!(a_leaving_students_uploads_go_with_them);

async fn the_demo_has_attachments_and_a_files_area(b: Backend) {
    let app = TestApp::spawn(b).await;
    homeroom::demo::seed(app.db(), &app.state.mailer, &app.base, &|_| {}).await.unwrap();
    homeroom::demo::files::write_files(&app.state.config, app.db()).await.unwrap();
    let course = num(&app, "SELECT MIN(course_id) AS n FROM course_files").await;
    let tutor = app.browser();
    tutor.sign_in(&homeroom::demo::sign_ins()[0].1, homeroom::demo::PASSWORD).await;
    tutor
        .get(&format!("/courses/{course}/files"))
        .await
        .assert_status(200)
        .assert_contains("Week 1")
        .assert_contains("Readings")
        .assert_contains("Course overview.pdf");
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM course_files WHERE size = 0").await, 0, "sizes are recorded");
    let picture = num(&app, "SELECT MIN(media_id) AS n FROM forum_attachments WHERE kind = 'image'").await;
    let res = get_raw(&tutor, &format!("/media/{picture}?size=thumb"), None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    let doc = num(&app, "SELECT MIN(media_id) AS n FROM course_files WHERE kind = 'file'").await;
    let res = get_raw(&tutor, &format!("/media/{doc}"), None).await;
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().len() > 100);
}
both!(the_demo_has_attachments_and_a_files_area);
