//! Personalised messages: composing with merge fields and conditions (errors at compose
//! time, next to the field), the preview one student at a time, sending in-app and by
//! email through the job queue, replies coming back as conversations and contacts,
//! schedules, and a mail server that dies mid-send losing and duplicating nothing.

use std::collections::HashMap;

use homeroom::policy::Role;
use homeroom::time::now_ms;
use sea_orm::{ConnectionTrait, Statement, Value};

use crate::both;
use crate::support::{Backend, Options, OwnSmtp, TestApp, class, eventually};

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

fn send_id(location: &Option<String>) -> i64 {
    location.as_deref().unwrap().rsplit('/').next().unwrap().parse().unwrap()
}

async fn status_of(app: &TestApp, id: i64) -> String {
    text(app, "SELECT status FROM personal_sends WHERE id = $1", vec![id.into()]).await
}

async fn compose_preview_send_and_reply(b: Backend) {
    let k = class(b, "Course").await;
    let app = &k.app;
    let c = k.course;
    // A name that tries to inject markup.
    app.db()
        .execute_raw(Statement::from_sql_and_values(
            app.db().get_database_backend(),
            "UPDATE users SET name = $1 WHERE id = $2",
            vec!["Bo <script>alert(1)</script>".into(), k.bo.into()],
        ))
        .await
        .unwrap();
    let tutor = app.signed_in("tutor@example.org").await;
    // The radar's selection lands ticked on the compose page.
    let r = tutor.get(&format!("/courses/{c}/personal/new?to={}&to={}", k.ada, k.bo)).await;
    r.assert_status(200);
    assert!(r.body.contains(&format!("value=\"{}\" checked", k.ada)), "Ada is ticked");

    // Unknown fields are errors now, next to their field, with everything typed kept.
    let ada = k.ada.to_string();
    let bo = k.bo.to_string();
    let r = tutor
        .post(
            &format!("/courses/{c}/personal/new"),
            &[
                ("subject", "Hello {{ firstname }}"),
                ("body", "Hi {{ first_name }}, {{ password_hash }}"),
                ("who", "chosen"),
                ("to", &ada),
                ("to", &bo),
            ],
        )
        .await;
    r.assert_status(422);
    r.assert_contains("id=\"subject-error\"").assert_contains("firstname").assert_contains("password_hash");
    r.assert_contains("Hi {{ first_name }}, {{ password_hash }}");
    assert_eq!(app.count("personal_sends").await, 0, "nothing written");

    let body = "Hi {{ first_name }} ({{ name }})!\n{% if first_name == 'Ada' %}\nYou asked about week 2.\n{% endif %}";
    let r = tutor
        .post(
            &format!("/courses/{c}/personal/new"),
            &[("subject", "A note for {{ first_name }}"), ("body", body), ("who", "chosen"), ("to", &ada), ("to", &bo)],
        )
        .await;
    assert!(r.redirects_to(&format!("/courses/{c}/personal/")), "{} {:?}", r.status, r.location);
    let id = send_id(&r.location);
    // The preview: one student at a time, in name order, exactly as they get it.
    let page = tutor.get(&format!("/courses/{c}/personal/{id}")).await;
    page.assert_status(200);
    page.assert_contains("Hi Ada (Ada Lovelace)!")
        .assert_contains("You asked about week 2.")
        .assert_contains("A note for Ada");
    page.assert_contains("rel=\"next\"");
    // Two versions, one student each.
    page.assert_contains("1 student gets");
    let next = page.body.split("rel=\"next\" href=\"").nth(1).unwrap().split('"').next().unwrap().replace("&amp;", "&");
    let second = tutor.get(&next).await;
    second.assert_contains("Hi Bo (Bo &lt;script&gt;alert(1)&lt;/script&gt;)!");
    assert!(!second.body.contains("<script>alert"), "a value never becomes markup");
    let preview = second.body.split("<article class=\"preview\"").nth(1).unwrap();
    assert!(!preview.contains("You asked about week 2."), "Bo's version has no Ada branch");

    // Others on the teaching team see it, students never.
    let student = app.signed_in("ada@example.org").await;
    assert_eq!(student.get(&format!("/courses/{c}/personal/{id}")).await.status, 403);

    // Send now: the job delivers it in-app and queues the emails.
    let r = tutor.post(&format!("/courses/{c}/personal/{id}/send"), &[("when", "")]).await;
    assert!(r.redirects_to(&format!("/courses/{c}/personal/{id}")));
    eventually(30, "the send to go out", || async { status_of(app, id).await == "sent" }).await;
    assert_eq!(app.count("emails").await, 2);
    let mail = text(app, "SELECT body_text FROM emails WHERE to_user_id = $1", vec![k.ada.into()]).await;
    assert!(mail.starts_with("Hi Ada (Ada Lovelace)!\nYou asked about week 2."), "{mail}");
    assert!(mail.contains(&format!("/courses/{c}/messages/")), "the way back in: {mail}");
    let conv = one(
        app,
        "SELECT conversation_id FROM personal_recipients WHERE send_id = $1 AND student_id = $2",
        vec![id.into(), k.ada.into()],
    )
    .await;
    // The student reads it as a message from the tutor, and replies.
    let thread = student.get(&format!("/courses/{c}/messages/{conv}")).await;
    thread.assert_status(200).assert_contains("You asked about week 2.");
    student.post(&format!("/courses/{c}/messages/{conv}"), &[("body", "Thanks, that helps!")]).await;
    let status = tutor.get(&format!("/courses/{c}/personal/{id}")).await;
    status.assert_contains("Replied");
    let json = tutor.get_json(&format!("/courses/{c}/personal/{id}/status.json")).await;
    let p: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!((p["total"].as_i64(), p["replied"].as_i64(), p["done"].as_bool()), (Some(2), Some(1), Some(true)));
    // The tutor sees the reply in messages; the message is a contact in the ledger.
    tutor.get(&format!("/courses/{c}/messages/{conv}")).await.assert_contains("Thanks, that helps!");
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    let contacts = one(
        app,
        "SELECT COUNT(*) FROM contacts WHERE course_id = $1 AND staff_id = $2 AND kind = 'message'",
        vec![c.into(), k.tutor.into()],
    )
    .await;
    assert_eq!(contacts, 2);
    // Running the job again sends nothing twice.
    assert!(!homeroom::personal::send::dispatch(&app.state, id, now_ms()).await.unwrap());
    assert_eq!(app.count("emails").await, 2);
    assert_eq!(one(app, "SELECT COUNT(*) FROM messages WHERE conversation_id = $1", vec![conv.into()]).await, 2);
}
both!(compose_preview_send_and_reply);

async fn conditions_choose_recipients_and_schedules_wait(b: Backend) {
    let k = class(b, "Course").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let r = tutor
        .post(
            &format!("/courses/{c}/personal/new"),
            &[
                ("subject", "Hi"),
                ("body", "Hello {{ first_name }}"),
                ("who", "condition"),
                ("condition", "group == 99"),
            ],
        )
        .await;
    r.assert_status(422).assert_contains("id=\"condition-error\"").assert_contains("Nobody meets this condition");
    let r = tutor
        .post(
            &format!("/courses/{c}/personal/new"),
            &[
                ("subject", "Hi"),
                ("body", "Hello {{ first_name }}"),
                ("who", "condition"),
                ("condition", "first_name != 'Ada' and days_since_posted >= 0"),
            ],
        )
        .await;
    let id = send_id(&r.location);
    // Bo and Cy: the observer and the other course's student are never recipients.
    assert_eq!(one(app, "SELECT CAST(total AS BIGINT) FROM personal_sends WHERE id = $1", vec![id.into()]).await, 2);

    // A time in the past is refused next to the field; a future one is scheduled.
    let r = tutor.post(&format!("/courses/{c}/personal/{id}/send"), &[("when", "2020-01-01T09:00")]).await;
    r.assert_status(422).assert_contains("id=\"when-error\"");
    let r = tutor.post(&format!("/courses/{c}/personal/{id}/send"), &[("when", "2099-06-01T09:00")]).await;
    assert!(r.redirects_to(&format!("/courses/{c}/personal/{id}")));
    assert_eq!(status_of(app, id).await, "scheduled");
    let zone = text(app, "SELECT time_zone FROM courses WHERE id = $1", vec![c.into()]).await;
    let expected = "2099-06-01T09:00"
        .parse::<jiff::civil::DateTime>()
        .unwrap()
        .to_zoned(homeroom::time::zone(&zone))
        .unwrap()
        .timestamp()
        .as_millisecond();
    let run_at = one(app, "SELECT run_at FROM jobs WHERE kind = 'personal.send'", vec![]).await;
    assert_eq!(run_at, expected, "in the course's time zone ({zone})");
    // Taken back before it goes: the queued run finds nothing to do.
    tutor.post(&format!("/courses/{c}/personal/{id}/cancel"), &[]).await;
    assert_eq!(status_of(app, id).await, "draft");
    assert!(!homeroom::personal::send::dispatch(&app.state, id, now_ms()).await.unwrap());
    assert_eq!(app.count("messages").await, 0);

    // Saved as a template, it starts the next message.
    tutor.post(&format!("/courses/{c}/personal/{id}/template"), &[("name", "Welcome back")]).await;
    let tid = one(app, "SELECT id FROM personal_templates", vec![]).await;
    tutor
        .get(&format!("/courses/{c}/personal/new?template={tid}"))
        .await
        .assert_contains("Hello {{ first_name }}")
        .assert_contains("Welcome back");
    // Another tutor's draft cannot be sent by someone else.
    let ta = app.user("ta@example.org", "Tia Assistant").await;
    let model = {
        use sea_orm::EntityTrait;
        homeroom::db::entity::course::Entity::find_by_id(c).one(app.db()).await.unwrap().unwrap()
    };
    app.enrol(&model, &ta, Role::Ta).await;
    let ta = app.signed_in("ta@example.org").await;
    ta.get(&format!("/courses/{c}/personal/{id}")).await.assert_status(200);
    assert_eq!(ta.post(&format!("/courses/{c}/personal/{id}/send"), &[("when", "")]).await.status, 403);
}
both!(conditions_choose_recipients_and_schedules_wait);

/// Kill the SMTP server while the emails of a personalised message go out, start it
/// again, and check every student got exactly one.
async fn a_mail_server_crash_mid_send_loses_and_duplicates_nothing(b: Backend) {
    let mut smtp = OwnSmtp::start_slow(0.2);
    let app = TestApp::spawn_with(
        b,
        Options {
            smtp_url: Some(smtp.url()),
            mail_per_minute: Some(600),
            mail_retry_seconds: Some(1),
            ..Default::default()
        },
    )
    .await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Course", &t).await;
    const N: usize = 20;
    for i in 0..N {
        let u = app.user(&format!("s{i}@example.org"), &format!("Student {i:02}")).await;
        app.enrol(&course, &u, Role::Student).await;
    }
    let tutor = app.signed_in("tutor@example.org").await;
    let c = course.id;
    let r = tutor
        .post(
            &format!("/courses/{c}/personal/new"),
            &[
                ("subject", "For {{ name }}"),
                ("body", "Dear {{ first_name }}"),
                ("who", "condition"),
                ("condition", ""),
            ],
        )
        .await;
    let id = send_id(&r.location);
    tutor.post(&format!("/courses/{c}/personal/{id}/send"), &[("when", "")]).await;
    smtp.wait_for_count(3, 60).await;
    smtp.kill();
    assert!(smtp.messages().len() < N, "the sender finished before the crash; nothing was tested");
    eventually(60, "a send to fail while the server is down", || async {
        one(&app, "SELECT COUNT(*) FROM emails WHERE last_error IS NOT NULL", vec![]).await > 0
    })
    .await;
    // While it is down, the progress says so, and survives a reload (it is the server's).
    let json = tutor.get_json(&format!("/courses/{c}/personal/{id}/status.json")).await;
    let p: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(p["done"].as_bool(), Some(false));
    smtp.restart();
    eventually(120, "every email to be sent", || async {
        one(&app, "SELECT COUNT(*) FROM emails WHERE status = 'sent'", vec![]).await == N as i64
    })
    .await;
    let mail = smtp.wait_for_count(N, 30).await;
    let mut by_to: HashMap<String, usize> = HashMap::new();
    for m in &mail {
        *by_to.entry(m.to.clone()).or_default() += 1;
    }
    assert_eq!(mail.len(), N, "exactly one delivery per student: {by_to:?}");
    assert!(by_to.values().all(|n| *n == 1));
    let json = tutor.get_json(&format!("/courses/{c}/personal/{id}/status.json")).await;
    let p: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(
        (p["sent"].as_i64(), p["done"].as_bool(), p["percent"].as_i64()),
        (Some(N as i64), Some(true), Some(100))
    );
}
both!(a_mail_server_crash_mid_send_loses_and_duplicates_nothing);

/// A student's copy is in their export and goes with them; a sender's sends and
/// templates are in theirs and go with them.
async fn copies_are_exported_and_erased(b: Backend) {
    let k = class(b, "Course").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let ada = k.ada.to_string();
    let r = tutor
        .post(
            &format!("/courses/{c}/personal/new"),
            &[("subject", "Hello"), ("body", "Just for {{ first_name }}"), ("who", "chosen"), ("to", &ada)],
        )
        .await;
    let id = send_id(&r.location);
    tutor.post(&format!("/courses/{c}/personal/{id}/template"), &[("name", "Hello")]).await;
    let export = homeroom::privacy::export_user(app.db(), "ada@example.org").await.unwrap();
    let copies = &export["tables"]["personal_recipients"];
    assert_eq!(copies[0]["body"], "Just for Ada", "{copies}");
    assert_eq!(export["tables"]["personal_sends"], serde_json::json!([]), "the tutor's send is not Ada's");
    let theirs = homeroom::privacy::export_user(app.db(), "tutor@example.org").await.unwrap();
    assert_eq!(theirs["tables"]["personal_sends"][0]["body"], "Just for {{ first_name }}");
    assert_eq!(theirs["tables"]["personal_templates"][0]["name"], "Hello");
    homeroom::privacy::erase_user(app.db(), "ada@example.org").await.unwrap();
    assert_eq!(app.count("personal_recipients").await, 0);
    homeroom::privacy::erase_user(app.db(), "tutor@example.org").await.unwrap();
    assert_eq!(app.count("personal_sends").await, 0);
    assert_eq!(app.count("personal_templates").await, 0);
}
both!(copies_are_exported_and_erased);

/// Compose a message to every student of a new course of `n`, two of whom already have
/// a conversation with the tutor and one of whom blocked them; take it to "scheduled"
/// without a job, and count the statements the send itself issues.
async fn statements_to_send_to(app: &TestApp, n: usize) -> (u64, i64) {
    let t = app.user(&format!("tutor{n}@example.org"), "Tess Tutor").await;
    let course = app.course(&format!("Course of {n}"), &t).await;
    let c = course.id;
    let mut students = vec![];
    for i in 0..n {
        let u = app.user(&format!("s{n}-{i}@example.org"), &format!("Student {i:03}")).await;
        app.enrol(&course, &u, Role::Student).await;
        students.push(u);
    }
    let tutor = app.signed_in(&format!("tutor{n}@example.org")).await;
    for s in &students[..2] {
        let to = s.id.to_string();
        tutor.post(&format!("/courses/{c}/messages"), &[("to", to.as_str()), ("body", "Hello!")]).await;
    }
    let blocker = app.signed_in(&students[2].email).await;
    let tutor_id = t.id.to_string();
    blocker.post(&format!("/courses/{c}/messages/block"), &[("user_id", tutor_id.as_str())]).await;
    let r = tutor
        .post(
            &format!("/courses/{c}/personal/new"),
            &[
                ("subject", "For {{ name }}"),
                ("body", "Dear {{ first_name }}"),
                ("who", "condition"),
                ("condition", ""),
            ],
        )
        .await;
    let id = send_id(&r.location);
    let db = app.db();
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE personal_sends SET status = 'scheduled' WHERE id = $1",
        vec![id.into()],
    ))
    .await
    .unwrap();
    let (sent, statements) =
        homeroom::db::count::counted(homeroom::personal::send::dispatch(&app.state, id, now_ms())).await;
    assert!(sent.unwrap());
    (statements, id)
}

/// The send is set-based: the same statements for 8 students as for 60 (rows go in
/// chunks of hundreds), whoever already has a conversation with the sender.
async fn a_send_costs_the_same_statements_whatever_the_class(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (small, _) = statements_to_send_to(&app, 8).await;
    let (large, id) = statements_to_send_to(&app, 60).await;
    assert_eq!(small, large, "statements per send grow with the class");
    // 16 today: the send, its recipients, who can be reached, the conversations and
    // members, the messages, the emails, the copies written back and the radar's refresh.
    assert!(small <= 20, "{small} statements for a send to 8");
    // Everyone reachable got one message, in one conversation with the tutor each.
    let messages = one(
        &app,
        "SELECT COUNT(*) FROM personal_recipients WHERE send_id = $1 AND message_id IS NOT NULL",
        vec![id.into()],
    )
    .await;
    let convs = one(
        &app,
        "SELECT COUNT(DISTINCT conversation_id) FROM personal_recipients WHERE send_id = $1",
        vec![id.into()],
    )
    .await;
    assert_eq!((messages, convs), (59, 59), "one student blocked the tutor");
}
both!(a_send_costs_the_same_statements_whatever_the_class);
