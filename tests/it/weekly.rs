//! The tutor's weekly message: posting with a required transcript (a refused form keeps
//! what was typed and the recording), who may post and see it, pinned on the course home
//! and in "Our week", replacing within the week, reactions and replies (the tutor hears
//! of them; staff answering a student is a contact), the list of past weeks, the notice
//! and its email digest in each person's language, export and erasure.

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

async fn exec(app: &TestApp, sql: &str, values: Vec<Value>) {
    let db = app.db();
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
}

fn id_from(r: &Resp) -> i64 {
    let l = r.location.as_deref().unwrap();
    l.split('#').next().unwrap().rsplit('/').next().unwrap().parse().unwrap()
}

/// A short WebM voice recording, as the browser's recorder posts it.
fn voice() -> Vec<u8> {
    let mut v = vec![0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84];
    v.extend_from_slice(b"webm");
    v.extend_from_slice(b"\x18\x53\x80\x67....A_OPUS");
    v.resize(4000, 3);
    v
}

async fn post(b: &Browser, course: i64, title: &str, transcript: &str, body: &str, clip: bool, held: &str) -> Resp {
    let mut form = Form::new()
        .text("title", title.to_string())
        .text("transcript", transcript.to_string())
        .text("body", body.to_string())
        .text("held", held.to_string());
    if clip {
        form = form.part("clip", Part::bytes(voice()).file_name("recording.webm").mime_str("audio/webm").unwrap());
    }
    b.post_multipart(&format!("/courses/{course}/weekly/new"), form).await
}

fn held_in(body: &str) -> String {
    let at = body.find("name=\"held\" value=\"").expect("the recording is kept in the form");
    let rest = &body[at + "name=\"held\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

async fn tutor_posts_and_the_class_sees_it_pinned(b: Backend) {
    let k = class(b).await;
    let (app, c) = (&k.app, k.course.id);
    let [ada, _, _, olly] = k.ids;

    // Only the teaching team records; students and observers may not.
    k.tutor.get(&format!("/courses/{c}/weekly/new")).await.assert_status(200).assert_contains("Week ");
    k.ada.get(&format!("/courses/{c}/weekly/new")).await.assert_status(403);
    post(&k.ada, c, "Hi", "Hello", "", true, "").await.assert_status(403);
    post(&k.olly, c, "Hi", "Hello", "", true, "").await.assert_status(403);

    // Without a transcript the form comes back: the error next to the field, the title
    // and the note as typed, and the recording kept (stored once, offered again).
    let r = post(&k.tutor, c, "Week one hello", "   ", "See you Thursday", true, "").await;
    r.assert_status(422)
        .assert_contains("id=\"transcript-error\"")
        .assert_contains("value=\"Week one hello\"")
        .assert_contains("See you Thursday");
    assert_eq!(app.count("weekly_messages").await, 0);
    let held = held_in(&r.body);
    assert!(r.body.contains(&format!("src=\"/media/{held}\"")), "the kept recording plays in the form");
    // Nothing at all: the recording is asked for.
    post(&k.tutor, c, "", "Words", "", false, "").await.assert_status(422).assert_contains("id=\"clip-error\"");
    // A recording that is not one kept for this tutor counts for nothing.
    let r = post(&k.tutor, c, "", "Words", "", false, "999999").await;
    r.assert_status(422);

    // Sent again with the transcript and the kept recording: posted, no second upload.
    let r = post(&k.tutor, c, "Week one hello", "Hello everyone, welcome!", "See you Thursday", false, &held).await;
    assert!(r.redirects_to(&format!("/courses/{c}/weekly/")), "{} {}", r.status, r.body);
    let id = id_from(&r);
    assert_eq!(one(app, "SELECT media_id FROM weekly_messages WHERE id = $1", vec![id.into()]).await.to_string(), held);
    assert_eq!(one(app, "SELECT COUNT(*) FROM media WHERE purpose = 'weekly'", vec![]).await, 1);

    // Pinned on the course home and in "Our week", with the player and a link to it.
    let home = k.ada.get(&format!("/courses/{c}")).await;
    home.assert_status(200)
        .assert_contains("Week one hello")
        .assert_contains(&format!("src=\"/media/{held}\""))
        .assert_contains(&format!("/courses/{c}/weekly/{id}"));
    k.ada.get(&format!("/courses/{c}/routine")).await.assert_status(200).assert_contains("Week one hello");
    let page = k.ada.get(&format!("/courses/{c}/weekly/{id}")).await;
    page.assert_status(200).assert_contains("Hello everyone, welcome!").assert_contains("<audio");
    // The observer reads and plays it, but has no reaction or reply form.
    let seen = k.olly.get(&format!("/courses/{c}/weekly/{id}")).await;
    seen.assert_status(200).assert_contains("Hello everyone, welcome!");
    assert!(!seen.body.contains("id=\"reply-form\""));
    k.olly.get(&format!("/media/{held}")).await.assert_status(200);

    // Another course's member sees neither the message nor its recording.
    let outsider = app.user("out@example.org", "Out Sider").await;
    let tutor = app.user("other-tutor@example.org", "Other Tutor").await;
    let other = app.course("Other", &tutor).await;
    app.enrol(&other, &outsider, Role::Student).await;
    let out = app.signed_in("out@example.org").await;
    let r = out.get(&format!("/courses/{c}/weekly/{id}")).await;
    assert!(r.status == 403 || r.status == 404, "{}", r.status);
    assert!(!r.body.contains("Hello everyone"));
    out.get(&format!("/media/{held}")).await.assert_status(404);
    out.get(&format!("/courses/{}/weekly/{id}", other.id)).await.assert_status(404);

    // Every member but the author is told once.
    let told =
        |u: i64| one(app, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'weekly'", vec![u.into()]);
    assert_eq!(told(ada).await, 1);
    assert_eq!(told(olly).await, 1);
    let tutor_id = one(app, "SELECT id FROM users WHERE email = 'tutor@example.org'", vec![]).await;
    assert_eq!(told(tutor_id).await, 0);
    assert_eq!(told(outsider.id).await, 0);
}
both!(tutor_posts_and_the_class_sees_it_pinned);

async fn posting_again_in_the_week_replaces_it(b: Backend) {
    let k = class(b).await;
    let (app, c) = (&k.app, k.course.id);
    let r = post(&k.tutor, c, "", "First take", "", true, "").await;
    let id = id_from(&r);
    // The default title is the course week ("Week N").
    let title = one(app, "SELECT COUNT(*) FROM weekly_messages WHERE title LIKE 'Week %'", vec![]).await;
    assert_eq!(title, 1);
    let first_media = one(app, "SELECT media_id FROM weekly_messages WHERE id = $1", vec![id.into()]).await;

    // The form now offers to replace it, filled in; the recording may stay.
    k.tutor.get(&format!("/courses/{c}/weekly/new")).await.assert_contains("First take");
    let r = post(&k.tutor, c, "Better title", "Second take", "", false, "").await;
    assert_eq!(id_from(&r), id, "the same week's message");
    assert_eq!(app.count("weekly_messages").await, 1);
    assert_eq!(one(app, "SELECT media_id FROM weekly_messages WHERE id = $1", vec![id.into()]).await, first_media);
    // A new recording replaces the old one, whose row goes.
    post(&k.tutor, c, "Better title", "Third take", "", true, "").await;
    let media = one(app, "SELECT media_id FROM weekly_messages WHERE id = $1", vec![id.into()]).await;
    assert_ne!(media, first_media);
    assert_eq!(one(app, "SELECT COUNT(*) FROM media WHERE purpose = 'weekly'", vec![]).await, 1);
    k.ada.get(&format!("/courses/{c}/weekly/{id}")).await.assert_contains("Third take").assert_contains("Better title");
    // The class was told once, not at each change.
    assert_eq!(one(app, "SELECT COUNT(*) FROM notifications WHERE kind = 'weekly'", vec![]).await, 4);
}
both!(posting_again_in_the_week_replaces_it);

async fn students_react_and_reply(b: Backend) {
    let k = class(b).await;
    let (app, c) = (&k.app, k.course.id);
    let [ada, bo, _, _] = k.ids;
    let tutor_id = one(app, "SELECT id FROM users WHERE email = 'tutor@example.org'", vec![]).await;
    let id = id_from(&post(&k.tutor, c, "Hello", "Hello class", "", true, "").await);
    let path = format!("/courses/{c}/weekly/{id}");

    // Reactions: the spaces' set, one of each per person, a second press takes it back.
    k.ada.post(&format!("{path}/react"), &[("emoji", "👍")]).await.assert_status(303);
    k.bo.post(&format!("{path}/react"), &[("emoji", "👍")]).await.assert_status(303);
    k.bo.post(&format!("{path}/react"), &[("emoji", "🎉")]).await.assert_status(303);
    assert_eq!(app.count("weekly_reactions").await, 3);
    k.bo.post(&format!("{path}/react"), &[("emoji", "🎉")]).await;
    assert_eq!(app.count("weekly_reactions").await, 2);
    k.ada.post(&format!("{path}/react"), &[("emoji", "💩")]).await.assert_status(400);
    k.olly.post(&format!("{path}/react"), &[("emoji", "👍")]).await.assert_status(403);
    k.ada.get(&path).await.assert_contains("aria-pressed=\"true\"").assert_contains("👍 2");

    // A reply is seen by the class; the tutor hears of it; it is not a contact.
    let r = k.ada.post(&format!("{path}/reply"), &[("body", "  ")]).await;
    r.assert_status(422).assert_contains("id=\"reply-error\"");
    let r = k.ada.post(&format!("{path}/reply"), &[("body", "Thanks, see you Thursday!")]).await;
    assert!(r.redirects_to(&path), "{:?}", r.location);
    k.bo.get(&path).await.assert_contains("Thanks, see you Thursday!").assert_contains("Ada Lovelace");
    assert_eq!(
        one(app, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'reply'", vec![tutor_id.into()])
            .await,
        1
    );
    assert_eq!(app.count("contacts").await, 0, "a student's reply is not a contact");
    k.olly.post(&format!("{path}/reply"), &[("body", "Observer here")]).await.assert_status(403);

    // The tutor answers Ada: a contact with her in the ledger, and she is told.
    let ada_reply = one(app, "SELECT MAX(id) FROM weekly_replies", vec![]).await;
    let form = k.tutor.get(&format!("{path}?to={ada_reply}")).await;
    form.assert_contains(&format!("name=\"parent\" value=\"{ada_reply}\""));
    let r = k
        .tutor
        .post(&format!("{path}/reply"), &[("body", "Glad you are coming!"), ("parent", &ada_reply.to_string())])
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        one(
            app,
            "SELECT COUNT(*) FROM contacts WHERE kind = 'weekly-reply' AND student_id = $1 AND staff_id = $2",
            vec![ada.into(), tutor_id.into()]
        )
        .await,
        1
    );
    assert_eq!(
        one(app, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'reply'", vec![ada.into()]).await,
        1
    );
    // A student answering a student is no contact.
    k.bo.post(&format!("{path}/reply"), &[("body", "Me too"), ("parent", &ada_reply.to_string())]).await;
    assert_eq!(app.count("contacts").await, 1);

    // Replies are paged, oldest first.
    let now = now_ms();
    for i in 0..35 {
        exec(
            app,
            "INSERT INTO weekly_replies (message_id, user_id, body, created_at) VALUES ($1, $2, $3, $4)",
            vec![id.into(), bo.into(), format!("Filler {i:02}").into(), (now + 1000 + i).into()],
        )
        .await;
    }
    let first = k.ada.get(&path).await;
    first.assert_contains("Thanks, see you Thursday!").assert_contains("rel=\"next\"");
    assert!(!first.body.contains("Filler 34"));
    let next =
        first.body.split("rel=\"next\" href=\"").nth(1).unwrap().split('"').next().unwrap().replace("&amp;", "&");
    let second = k.ada.get(&next).await;
    second.assert_status(200).assert_contains("Filler 34");
    assert!(!second.body.contains("Thanks, see you Thursday!"));
}
both!(students_react_and_reply);

async fn past_weeks_are_listed_and_paged(b: Backend) {
    let k = class(b).await;
    let (app, c) = (&k.app, k.course.id);
    let id = id_from(&post(&k.tutor, c, "This week", "Now", "", true, "").await);
    let tutor_id = one(app, "SELECT id FROM users WHERE email = 'tutor@example.org'", vec![]).await;
    let start = one(app, "SELECT week_start FROM weekly_messages WHERE id = $1", vec![id.into()]).await;
    let week = 7 * 24 * 3_600_000i64;
    for i in 1..=12i64 {
        exec(
            app,
            "INSERT INTO weekly_messages (course_id, author_id, week_start, week_key, title, kind, transcript, body, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'voice', $6, '', $3, $3)",
            vec![
                c.into(),
                tutor_id.into(),
                (start - i * week).into(),
                format!("old-{i}").into(),
                format!("Old week {i:02}").into(),
                format!("Transcript {i:02}").into(),
            ],
        )
        .await;
    }
    let list = k.ada.get(&format!("/courses/{c}/weekly")).await;
    list.assert_status(200)
        .assert_contains("This week")
        .assert_contains("Old week 01")
        .assert_contains("Transcript 10")
        .assert_contains("rel=\"next\"");
    assert!(!list.body.contains("Old week 11"), "ten past weeks a page");
    let next = list.body.split("rel=\"next\" href=\"").nth(1).unwrap().split('"').next().unwrap().replace("&amp;", "&");
    let page2 = k.ada.get(&next).await;
    page2
        .assert_status(200)
        .assert_contains("Old week 11")
        .assert_contains("Old week 12")
        .assert_contains("rel=\"prev\"");
    assert!(!page2.body.contains("Old week 10"));
    // An old week's message opens, and is not this week's.
    let old = one(app, "SELECT id FROM weekly_messages WHERE title = 'Old week 03'", vec![]).await;
    let r = k.ada.get(&format!("/courses/{c}/weekly/{old}")).await;
    r.assert_status(200).assert_contains("Transcript 03");
    assert!(!r.body.contains("Replace this week"));
}
both!(past_weeks_are_listed_and_paged);

async fn the_notice_goes_into_each_digest_and_is_exported_and_erased(b: Backend) {
    let k = class(b).await;
    let (app, c) = (&k.app, k.course.id);
    let [ada, bo, _, _] = k.ids;
    use homeroom::notifications::schedule::Frequency;
    homeroom::notifications::email::set_frequency(app.db(), ada, Frequency::Daily).await.unwrap();
    homeroom::notifications::email::set_frequency(app.db(), bo, Frequency::Immediate).await.unwrap();
    exec(app, "UPDATE users SET locale = 'nb' WHERE id = $1", vec![bo.into()]).await;
    let id = id_from(&post(&k.tutor, c, "Week one hello", "Hello everyone", "", true, "").await);
    k.ada.post(&format!("/courses/{c}/weekly/{id}/reply"), &[("body", "Hi Tess")]).await;
    k.ada.post(&format!("/courses/{c}/weekly/{id}/react"), &[("emoji", "❤️")]).await;

    // Ada's daily digest and Bo's immediate email go out (two days on: past any quiet
    // hours at night), each in its reader's language.
    homeroom::notifications::email::sweep(&app.state, now_ms() + 2 * 24 * 3_600_000).await.unwrap();
    let mail = |u: i64, text: &'static str| {
        one(app, "SELECT COUNT(*) FROM emails WHERE to_user_id = $1 AND body_text LIKE $2", vec![u.into(), text.into()])
    };
    let bodies = {
        let db = app.db();
        db.query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT body_text FROM emails"))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<String>("", "body_text").unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(mail(ada, "%This week's message from Tess Tutor: Week one hello%").await, 1, "{bodies:?}");
    assert_eq!(mail(bo, "%Ukens melding fra Tess Tutor: Week one hello%").await, 1);

    // Export: the tutor's message, Ada's reply and reaction.
    let tutor = homeroom::privacy::export_user(app.db(), "tutor@example.org").await.unwrap().to_string();
    assert!(tutor.contains("Hello everyone") && tutor.contains("Week one hello"));
    let ada_export = homeroom::privacy::export_user(app.db(), "ada@example.org").await.unwrap().to_string();
    assert!(ada_export.contains("Hi Tess") && ada_export.contains("❤️"));
    assert!(!ada_export.contains("Hello everyone"), "the message is the tutor's");

    // Erasing Ada takes her reply and reaction; erasing the tutor takes the message, what
    // was written under it, and the recording's row and file.
    homeroom::privacy::erase_user(app.db(), "ada@example.org").await.unwrap();
    assert_eq!((app.count("weekly_replies").await, app.count("weekly_reactions").await), (0, 0));
    k.bo.post(&format!("/courses/{c}/weekly/{id}/reply"), &[("body", "Takk!")]).await;
    let key: String = {
        let db = app.db();
        let r = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT storage_key FROM media WHERE purpose = 'weekly'",
            ))
            .await
            .unwrap()
            .unwrap();
        r.try_get("", "storage_key").unwrap()
    };
    let file = app.state.config.data_path("media").join(&key);
    assert!(file.exists());
    homeroom::privacy::erase_user_and_media(app.db(), &app.state.config, "tutor@example.org").await.unwrap();
    assert_eq!(app.count("weekly_messages").await, 0);
    assert_eq!(app.count("weekly_replies").await, 0);
    assert_eq!(one(app, "SELECT COUNT(*) FROM media WHERE purpose = 'weekly'", vec![]).await, 0);
    assert!(!file.exists(), "the recording's file is gone");
}
both!(the_notice_goes_into_each_digest_and_is_exported_and_erased);
