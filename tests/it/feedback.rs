//! Feedback: giving it on a post (released at once), drafts for an assignment released
//! together (a recording waits for its transcript), the inbox and its read marker, a
//! reply reaching the giver, the turnaround figure per staff member, who may see what,
//! the contact in the ledger, the notification and its email, export and erasure.

use homeroom::policy::Role;
use homeroom::time::now_ms;
use reqwest::multipart::{Form, Part};
use sea_orm::{ConnectionTrait, Statement, Value};

use crate::both;
use crate::forum::class;
use crate::support::{Backend, Browser, Resp, TestApp};

async fn one(app: &TestApp, sql: &str, values: Vec<Value>) -> i64 {
    let db = app.db();
    let r = db
        .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values))
        .await
        .unwrap()
        .unwrap();
    r.try_get_by_index::<i64>(0).unwrap()
}

async fn text(app: &TestApp, sql: &str, values: Vec<Value>) -> String {
    let db = app.db();
    let r = db
        .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values))
        .await
        .unwrap()
        .unwrap();
    r.try_get_by_index::<String>(0).unwrap()
}

async fn exec(app: &TestApp, sql: &str, values: Vec<Value>) {
    let db = app.db();
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
}

fn id_from(r: &Resp) -> i64 {
    r.location.as_deref().unwrap().rsplit('/').next().unwrap().parse().unwrap()
}

/// A short WebM voice recording, as the browser's recorder posts it.
fn voice() -> Vec<u8> {
    let mut v = vec![0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84];
    v.extend_from_slice(b"webm");
    v.extend_from_slice(b"\x18\x53\x80\x67....A_OPUS");
    v.resize(4000, 3);
    v
}

async fn give(b: &Browser, course: i64, student: i64, on: &str, body: &str, release: bool, clip: bool) -> Resp {
    let mut form = Form::new()
        .text("student", student.to_string())
        .text("on", on.to_string())
        .text("body", body.to_string())
        .text("release", if release { "1" } else { "0" });
    if clip {
        form = form.part("clip", Part::bytes(voice()).file_name("feedback.webm").mime_str("audio/webm").unwrap());
    }
    b.post_multipart(&format!("/courses/{course}/feedback/new"), form).await
}

async fn feedback_on_a_post_reaches_only_its_student(b: Backend) {
    let k = class(b).await;
    let (app, c) = (&k.app, k.course.id);
    let [ada, bo, _, _] = k.ids;
    let space = k.space("coffee").await;
    let (_, post) = k.start(&k.ada, space, "My plan", "Week one: read and reflect.").await;
    let on = format!("post:{post}");

    // The form names the student and the post; feedback on Ada's post cannot go to Bo.
    let r = k.tutor.get(&format!("/courses/{c}/feedback/new?student={ada}&on={on}")).await;
    r.assert_status(200).assert_contains("Week one");
    k.tutor.get(&format!("/courses/{c}/feedback/new?student={bo}&on={on}")).await.assert_status(404);
    let r = give(&k.tutor, c, bo, &on, "Nice", true, false).await;
    r.assert_status(404);
    // Empty written feedback is refused next to its field, nothing written.
    let r = give(&k.tutor, c, ada, &on, "  ", true, false).await;
    r.assert_status(422).assert_contains("id=\"body-error\"");
    assert_eq!(app.count("feedback").await, 0);
    // Students and observers may not give feedback.
    give(&k.bo, c, ada, &on, "Hi", true, false).await.assert_status(403);

    let r = give(&k.tutor, c, ada, &on, "Good start: say what you will try first.", true, false).await;
    assert!(r.redirects_to(&format!("/courses/{c}/feedback/")), "{} {}", r.status, r.body);
    let fid = id_from(&r);
    let path = format!("/courses/{c}/feedback/{fid}");

    // Ada is told (a notification linking to it); it is in her inbox, new.
    let told = one(
        app,
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'feedback' AND link = $2",
        vec![ada.into(), path.clone().into()],
    )
    .await;
    assert_eq!(told, 1);
    let inbox = k.ada.get(&format!("/courses/{c}/feedback")).await;
    inbox.assert_status(200).assert_contains(&path).assert_contains("Week one");
    assert_eq!(one(app, "SELECT COUNT(*) FROM feedback WHERE read_at IS NOT NULL", vec![]).await, 0);
    // Opening it marks it read.
    k.ada.get(&path).await.assert_status(200).assert_contains("say what you will try first");
    assert_eq!(one(app, "SELECT COUNT(*) FROM feedback WHERE read_at IS NOT NULL", vec![]).await, 1);
    // The tutor opening it does not.
    exec(app, "UPDATE feedback SET read_at = NULL", vec![]).await;
    k.tutor.get(&path).await.assert_status(200);
    assert_eq!(one(app, "SELECT COUNT(*) FROM feedback WHERE read_at IS NOT NULL", vec![]).await, 0);

    // Nobody else sees it: another student, the observer (who has no inbox at all).
    k.bo.get(&path).await.assert_status(404);
    assert!(!k.bo.get(&format!("/courses/{c}/feedback")).await.body.contains(&path));
    k.olly.get(&path).await.assert_status(403);
    k.olly.get(&format!("/courses/{c}/feedback")).await.assert_status(403);
    k.bo.post(&format!("{path}/reply"), &[("body", "Me too")]).await.assert_status(404);

    // Ada replies: the reply is under the feedback and reaches the tutor.
    let tutor_id = one(app, "SELECT id FROM users WHERE email = 'tutor@example.org'", vec![]).await;
    let r = k.ada.post(&format!("{path}/reply"), &[("body", "Thanks! I will start with the reading.")]).await;
    assert!(r.redirects_to(&path), "{} {}", r.status, r.body);
    k.tutor.get(&path).await.assert_contains("I will start with the reading");
    let to_tutor = one(
        app,
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND link = $2",
        vec![tutor_id.into(), path.clone().into()],
    )
    .await;
    assert_eq!(to_tutor, 1, "the reply reaches the giver");
    k.ada.post(&format!("{path}/reply"), &[("body", " ")]).await.assert_status(422);

    // The released feedback is a contact in the ledger, once.
    let contacts = one(
        app,
        "SELECT COUNT(*) FROM contacts WHERE kind = 'feedback' AND staff_id = $1 AND student_id = $2 AND source_id = $3",
        vec![tutor_id.into(), ada.into(), fid.into()],
    )
    .await;
    assert_eq!(contacts, 1);

    // Another course's people learn nothing.
    let out = app.user("out@example.org", "Una Outsider").await;
    app.course("Elsewhere", &out).await;
    let outsider = app.signed_in("out@example.org").await;
    outsider.get(&path).await.assert_status(403);
}
both!(feedback_on_a_post_reaches_only_its_student);

async fn drafts_for_an_assignment_are_released_together(b: Backend) {
    let k = class(b).await;
    let (app, c) = (&k.app, k.course.id);
    let [ada, bo, chen, _] = k.ids;
    // The ta gives some of the feedback.
    let ta = app.user("ta@example.org", "Tom Assistant").await;
    app.enrol(&k.course, &ta, Role::Ta).await;
    let ta_b = app.signed_in("ta@example.org").await;

    // Naming an assignment: errors next to their fields.
    let r = k.tutor.post(&format!("/courses/{c}/feedback/assignments"), &[("title", " "), ("due", "soon")]).await;
    r.assert_status(422).assert_contains("id=\"title-error\"").assert_contains("id=\"due-error\"");
    let r = k
        .tutor
        .post(&format!("/courses/{c}/feedback/assignments"), &[("title", "Essay 1"), ("due", "2026-12-01")])
        .await;
    let a = id_from(&r);
    let on = format!("assignment:{a}");
    let page = format!("/courses/{c}/feedback/assignments/{a}");
    k.tutor.get(&page).await.assert_status(200).assert_contains("0 of 3 students");

    // Drafts: written for Ada, a voice recording without transcript for Bo (by the TA).
    let r = give(&k.tutor, c, ada, &on, "Clear argument.", false, false).await;
    let ada_f = id_from(&r);
    let r = give(&ta_b, c, bo, &on, "", false, true).await;
    assert!(r.redirects_to(&format!("/courses/{c}/feedback/")), "{} {}", r.status, r.body);
    let bo_f = id_from(&r);
    // A recording cannot be released without its transcript.
    give(&ta_b, c, chen, &on, "", true, true).await.assert_status(422).assert_contains("transcript");
    // Drafts are nobody's news yet.
    assert_eq!(one(app, "SELECT COUNT(*) FROM notifications WHERE kind = 'feedback'", vec![]).await, 0);
    k.ada.get(&format!("/courses/{c}/feedback/{ada_f}")).await.assert_status(404);
    k.tutor.get(&page).await.assert_contains("2 drafts wait").assert_contains("Release all drafts");

    // Release all: Ada's goes, Bo's waits for its transcript.
    let r = k.tutor.post(&format!("{page}/release"), &[]).await;
    assert!(r.redirects_to(&page));
    let status = |id: i64| {
        one(
            app,
            "SELECT CAST(CASE WHEN status = 'released' THEN 1 ELSE 0 END AS BIGINT) FROM feedback WHERE id = $1",
            vec![id.into()],
        )
    };
    assert_eq!(status(ada_f).await, 1);
    assert_eq!(status(bo_f).await, 0);
    // The TA types the transcript later and releases it.
    let bo_path = format!("/courses/{c}/feedback/{bo_f}");
    ta_b.post(&bo_path, &[("body", ""), ("release", "1")]).await.assert_status(422);
    let r = ta_b.post(&bo_path, &[("body", "Your sources are strong; tighten the ending."), ("release", "1")]).await;
    assert!(r.redirects_to(&bo_path));
    assert_eq!(status(bo_f).await, 1);
    // Bo plays it: the recording is his and the teaching team's only.
    let media = one(app, "SELECT media_id FROM feedback WHERE id = $1", vec![bo_f.into()]).await;
    k.bo.get(&bo_path)
        .await
        .assert_status(200)
        .assert_contains(&format!("/media/{media}"))
        .assert_contains("tighten the ending");
    k.bo.get(&format!("/media/{media}")).await.assert_status(200);
    k.tutor.get(&format!("/media/{media}")).await.assert_status(200);
    k.ada.get(&format!("/media/{media}")).await.assert_status(404);
    k.olly.get(&format!("/media/{media}")).await.assert_status(404);

    // Who has feedback, who waits: Chen only.
    let r = k.tutor.get(&format!("{page}?show=waiting")).await;
    r.assert_status(200).assert_contains("Chen Wu");
    assert!(!r.body.contains("Ada Lovelace") && !r.body.contains("Bo Berg"), "{}", r.body);
    k.tutor.get(&page).await.assert_contains("2 of 3 students have feedback");

    // Turnaround: from the due date to the release, per staff member.
    let due = one(app, "SELECT due_at FROM feedback_assignments WHERE id = $1", vec![a.into()]).await;
    exec(app, "UPDATE feedback SET released_at = $1 WHERE id = $2", vec![(due + 3 * 3_600_000).into(), ada_f.into()])
        .await;
    exec(app, "UPDATE feedback SET released_at = $1 WHERE id = $2", vec![(due + 50 * 3_600_000).into(), bo_f.into()])
        .await;
    let r = k.tutor.get(&page).await;
    r.assert_contains("Tess Tutor: 3 h over 1").assert_contains("Tom Assistant: 2 d 2 h over 1");
    // Students see none of this.
    k.ada.get(&page).await.assert_status(403);
    ta_b.get(&page).await.assert_status(200);
}
both!(drafts_for_an_assignment_are_released_together);

async fn release_is_emailed_and_feedback_is_exported_and_erased(b: Backend) {
    let k = class(b).await;
    let (app, c) = (&k.app, k.course.id);
    let [ada, bo, _, _] = k.ids;
    homeroom::notifications::email::set_frequency(
        app.db(),
        ada,
        homeroom::notifications::schedule::Frequency::Immediate,
    )
    .await
    .unwrap();
    let r = k
        .tutor
        .post(&format!("/courses/{c}/feedback/assignments"), &[("title", "Reflection"), ("due", "2026-12-01")])
        .await;
    let on = format!("assignment:{}", id_from(&r));
    let r = give(&k.tutor, c, ada, &on, "Thoughtful reflection.", true, false).await;
    let fid = id_from(&r);
    give(&k.tutor, c, bo, &on, "Good.", true, false).await;
    k.ada.post(&format!("/courses/{c}/feedback/{fid}/reply"), &[("body", "Thank you")]).await;

    // The email goes out with a sweep (two days on: past any quiet hours at night), naming
    // the feedback (its link opens the notification, which leads to the feedback).
    homeroom::notifications::email::sweep(&app.state, now_ms() + 2 * 24 * 3_600_000).await.unwrap();
    let n = one(
        app,
        "SELECT COUNT(*) FROM emails WHERE to_user_id = $1 AND body_text LIKE $2",
        vec![ada.into(), "%Reflection%".into()],
    )
    .await;
    assert_eq!(n, 1, "Ada is emailed about her feedback");

    // Export: Ada's feedback (received) and her reply; the tutor's (given).
    let ada_export = homeroom::privacy::export_user(app.db(), "ada@example.org").await.unwrap().to_string();
    assert!(ada_export.contains("Thoughtful reflection.") && ada_export.contains("Thank you"));
    assert!(!ada_export.contains("\"Good.\""), "Bo's feedback is not in Ada's export");
    let tutor_export = homeroom::privacy::export_user(app.db(), "tutor@example.org").await.unwrap().to_string();
    assert!(tutor_export.contains("Thoughtful reflection.") && tutor_export.contains("\"given\""));

    // Erasure: Ada's feedback, its replies and the contact go with her; Bo's stays.
    homeroom::privacy::erase_user(app.db(), "ada@example.org").await.unwrap();
    assert_eq!(one(app, "SELECT COUNT(*) FROM feedback WHERE student_id = $1", vec![ada.into()]).await, 0);
    assert_eq!(app.count("feedback_replies").await, 0);
    assert_eq!(one(app, "SELECT COUNT(*) FROM contacts WHERE student_id = $1", vec![ada.into()]).await, 0);
    assert_eq!(app.count("feedback").await, 1);
    // The giver's erasure leaves Bo his feedback, without the name.
    homeroom::privacy::erase_user(app.db(), "tutor@example.org").await.unwrap();
    assert_eq!(one(app, "SELECT COUNT(*) FROM feedback WHERE giver_id IS NULL", vec![]).await, 1);
}
both!(release_is_emailed_and_feedback_is_exported_and_erased);

/// Feedback on a post shows under that post on the thread page, with its recording and a
/// link to open and reply: to the student it is for and the teaching team (drafts to the
/// team only), never to a classmate or the observer.
async fn feedback_shows_on_the_post_it_is_about(b: Backend) {
    let k = class(b).await;
    let c = k.course.id;
    let [ada, _, _, _] = k.ids;
    let space = k.space("coffee").await;
    let (thread, post) = k.start(&k.ada, space, "My plan", "Week one: read and reflect.").await;
    let on = format!("post:{post}");
    let released = id_from(&give(&k.tutor, c, ada, &on, "Start with the reading list.", true, true).await);
    give(&k.tutor, c, ada, &on, "Still thinking about this one.", false, false).await.assert_status(303);
    let path = format!("/courses/{c}/threads/{thread}");

    let page = k.ada.get(&path).await;
    page.assert_status(200)
        .assert_contains("Feedback from Tess Tutor")
        .assert_contains("Start with the reading list.")
        .assert_contains(&format!("href=\"/courses/{c}/feedback/{released}\""))
        .assert_contains("<audio controls");
    assert!(!page.body.contains("Still thinking"), "a draft is not the student's yet");
    // Seeing it on the thread does not mark it read: opening it does.
    assert_eq!(one(&k.app, "SELECT COUNT(*) FROM feedback WHERE read_at IS NOT NULL", vec![]).await, 0);

    let staff = k.tutor.get(&path).await;
    staff.assert_contains("Start with the reading list.").assert_contains("Still thinking about this one.");

    for other in [&k.bo, &k.olly] {
        let page = other.get(&path).await;
        page.assert_status(200).assert_contains("Week one: read and reflect.");
        assert!(
            !page.body.contains("Feedback from")
                && !page.body.contains("reading list")
                && !page.body.contains("/media/"),
            "a classmate or observer sees nothing of another's feedback"
        );
    }
}
both!(feedback_shows_on_the_post_it_is_about);

/// Erasing a student takes the recordings of feedback about them off the disk, not only
/// their rows, though the giver uploaded them (through the media trash).
async fn an_erased_students_feedback_recordings_leave_the_disk(b: Backend) {
    let k = class(b).await;
    let (app, c) = (&k.app, k.course.id);
    let [ada, bo, _, _] = k.ids;
    let space = k.space("coffee").await;
    let (_, post) = k.start(&k.ada, space, "My plan", "Week one.").await;
    give(&k.tutor, c, ada, &format!("post:{post}"), "Listen to this.", true, true).await.assert_status(303);
    let (_, bos) = k.start(&k.bo, space, "Bo's plan", "Week two.").await;
    give(&k.tutor, c, bo, &format!("post:{bos}"), "And this.", true, true).await.assert_status(303);
    let media_dir = app.data_dir().join("media");
    let sql = "SELECT m.storage_key FROM media m JOIN feedback f ON f.media_id = m.id WHERE f.student_id = $1";
    let (adas, boss) = (text(app, sql, vec![ada.into()]).await, text(app, sql, vec![bo.into()]).await);
    assert!(media_dir.join(&adas).is_file() && media_dir.join(&boss).is_file());

    homeroom::privacy::erase_user_and_media(app.db(), &app.state.config, "ada@example.org").await.unwrap();
    assert!(!media_dir.join(&adas).exists(), "the recording about Ada is gone from disk");
    assert!(media_dir.join(&boss).is_file(), "Bo's stays");
    assert_eq!(app.count("media_trash").await, 0, "the trash is emptied after the commit");
    assert_eq!(one(app, "SELECT COUNT(*) FROM feedback WHERE media_id IS NOT NULL", vec![]).await, 1);
}
both!(an_erased_students_feedback_recordings_leave_the_disk);

/// Feedback on an introduction or a file shows with it on its own page, to its student
/// and the teaching team only.
async fn feedback_shows_on_the_introduction_and_the_file(b: Backend) {
    let k = class(b).await;
    let c = k.course.id;
    let [ada, _, _, _] = k.ids;
    let r =
        k.ada.post_multipart(&format!("/courses/{c}/introductions"), Form::new().text("body", "Hi, I am Ada.")).await;
    r.assert_status(303);
    let intro = one(&k.app, "SELECT id FROM introductions WHERE user_id = $1", vec![ada.into()]).await;
    give(&k.tutor, c, ada, &format!("introduction:{intro}"), "Welcome, Ada: lovely to meet you.", true, false)
        .await
        .assert_status(303);
    k.tutor.post(&format!("/courses/{c}/files/settings"), &[("students_upload", "1")]).await.assert_status(303);
    let part = Part::bytes(b"my notes\n".to_vec()).file_name("notes.txt").mime_str("text/plain").unwrap();
    k.ada.post_multipart(&format!("/courses/{c}/files/upload?folder="), Form::new().part("file", part)).await;
    let file = one(&k.app, "SELECT id FROM course_files WHERE user_id = $1", vec![ada.into()]).await;
    give(&k.tutor, c, ada, &format!("file:{file}"), "Tidy notes: add dates.", true, false).await.assert_status(303);

    for (path, text) in [
        (format!("/courses/{c}/introductions"), "lovely to meet you"),
        (format!("/courses/{c}/files"), "Tidy notes: add dates."),
    ] {
        k.ada.get(&path).await.assert_status(200).assert_contains("Feedback from Tess Tutor").assert_contains(text);
        k.tutor.get(&path).await.assert_contains(text);
        for other in [&k.bo, &k.olly] {
            let page = other.get(&path).await;
            assert!(!page.body.contains(text) && !page.body.contains("Feedback from"), "{path}: {}", page.status);
        }
    }
}
both!(feedback_shows_on_the_introduction_and_the_file);
