//! Everyday trust, the rest of issue 11: starting a message from a profile, a group or the
//! members list with the people chosen (type-ahead over a paged search, a plain form
//! without it), refused files that bring the post or upload back at its own address with
//! everything typed, and browser recordings made seekable with their length shown.

use crate::both;
use crate::support::{Backend, Browser, TestApp};
use homeroom::media::webm;
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

async fn exec(app: &TestApp, sql: &str) {
    app.db().execute_raw(Statement::from_string(app.db().get_database_backend(), sql.to_string())).await.unwrap();
}

struct Class {
    app: TestApp,
    course: i64,
    tutor: Browser,
    ada: Browser,
    ids: std::collections::HashMap<&'static str, i64>,
}

impl Class {
    fn c(&self) -> String {
        format!("/courses/{}", self.course)
    }
    fn id(&self, who: &str) -> i64 {
        self.ids[who]
    }
}

async fn class(b: Backend) -> Class {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Trust", &t).await;
    let mut ids = std::collections::HashMap::new();
    ids.insert("tutor", t.id);
    for (key, email, name, role) in [
        ("ada", "ada@example.org", "Ada Lovelace", Role::Student),
        ("bo", "bo@example.org", "Bo Berg", Role::Student),
        ("cara", "cara@example.org", "Cara Carlsen", Role::Student),
        ("olly", "olly@example.org", "Olly Observer", Role::Observer),
        ("ivy", "ivy@example.org", "Ivy Invited", Role::Student),
    ] {
        let u = app.user(email, name).await;
        app.enrol(&course, &u, role).await;
        ids.insert(key, u.id);
    }
    // Ivy was invited and has not joined yet.
    exec(&app, &format!("UPDATE memberships SET state = 'invited' WHERE user_id = {}", ids["ivy"])).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let ada = app.signed_in("ada@example.org").await;
    Class { app, course: course.id, tutor, ada, ids }
}

fn ids_in(json: &serde_json::Value) -> Vec<i64> {
    json["people"].as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect()
}

async fn people(b: &Browser, course: &str, q: &str, after: Option<&str>) -> serde_json::Value {
    let mut url = format!("{course}/messages/people?q={}", urlencoding(q));
    if let Some(a) = after {
        url.push_str(&format!("&after={a}"));
    }
    let r = b.get_json(&url).await;
    r.assert_status(200);
    serde_json::from_str(&r.body).unwrap()
}

fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn a_message_starts_with_the_people_chosen(b: Backend) {
    let k = class(b).await;
    let (bo, cara, olly, ivy) = (k.id("bo"), k.id("cara"), k.id("olly"), k.id("ivy"));
    // Bo blocked Ada: she cannot start a conversation with him.
    let bo_b = k.app.signed_in("bo@example.org").await;
    bo_b.post(&format!("{}/messages/block", k.c()), &[("user_id", &k.id("ada").to_string())]).await;

    // A link naming people opens the form with them chosen; those Ada cannot write to are
    // left out, and she is told.
    let page = k.ada.get(&format!("{}/messages/new?to={cara}&to={bo}&to={olly}&to={ivy}", k.c())).await;
    page.assert_status(200);
    page.assert_contains(&format!("name=\"to\" value=\"{cara}\" checked"));
    for gone in [bo, olly, ivy] {
        assert!(!page.body.contains(&format!("value=\"{gone}\"")), "{gone} should not be offered");
    }
    page.assert_contains("3 people named in the link cannot be written to from here");
    // No grid of checkboxes: the form offers a name search, not the class.
    assert!(!page.body.contains("Tess Tutor"), "the class is not listed");
    page.assert_contains("data-people=");

    // The type-ahead's search: by part of a name, never Ada herself, observers, invitees or
    // people who blocked her.
    let found = people(&k.ada, &k.c(), "ar", None).await;
    assert_eq!(ids_in(&found), vec![cara]);
    let all = people(&k.ada, &k.c(), "", None).await;
    assert_eq!(ids_in(&all), vec![cara, k.id("tutor")], "by name: Cara, Tess");
    assert!(all["next"].is_null());
    // A wildcard is a letter like any other.
    assert!(ids_in(&people(&k.ada, &k.c(), "%", None).await).is_empty());

    // Without the script, "Find" posts back and lists the matches to tick; the text stays.
    let r = k
        .ada
        .post(
            &format!("{}/messages/new", k.c()),
            &[("to", &cara.to_string()), ("q", "tess"), ("body", "Draft kept"), ("action", "find")],
        )
        .await;
    r.assert_status(200);
    r.assert_contains(&format!("name=\"to\" value=\"{}\">", k.id("tutor")));
    r.assert_contains(&format!("name=\"to\" value=\"{cara}\" checked"));
    r.assert_contains("Draft kept");

    // A refused send comes back at its own address with the message next to the field.
    let r = k
        .ada
        .post(&format!("{}/messages/new", k.c()), &[("to", &cara.to_string()), ("body", "  "), ("action", "send")])
        .await;
    r.assert_status(422);
    r.assert_contains("id=\"body-error\"").assert_contains(&format!("name=\"to\" value=\"{cara}\" checked"));
    let r = k
        .ada
        .post(&format!("{}/messages/new", k.c()), &[("to", &bo.to_string()), ("body", "Hello"), ("action", "send")])
        .await;
    r.assert_status(422);
    r.assert_contains("id=\"to-error\"").assert_contains("Hello");
    assert_eq!(k.app.count("messages").await, 0, "nothing was sent");

    // Sent: the conversation opens.
    let r = k
        .ada
        .post(
            &format!("{}/messages/new", k.c()),
            &[
                ("to", &cara.to_string()),
                ("to", &k.id("tutor").to_string()),
                ("body", "Hello both"),
                ("action", "send"),
            ],
        )
        .await;
    assert!(r.redirects_to(&format!("{}/messages/", k.c())), "{} {:?}", r.status, r.location);
    let conv = r.location.clone().unwrap();
    k.ada.get(&conv).await.assert_contains("Hello both");
    assert_eq!(k.app.count("conversation_members").await, 3);

    // With student messages off, Ada finds only the teaching team.
    k.tutor.post(&format!("{}/messages/settings", k.c()), &[("student_messages", "off")]).await;
    assert_eq!(ids_in(&people(&k.ada, &k.c(), "", None).await), vec![k.id("tutor")]);
}
both!(a_message_starts_with_the_people_chosen);

async fn the_people_search_is_paged(b: Backend) {
    let k = class(b).await;
    let course = <homeroom::db::entity::course::Entity as sea_orm::EntityTrait>::find_by_id(k.course)
        .one(k.app.db())
        .await
        .unwrap()
        .unwrap();
    for i in 0..11 {
        let u = k.app.user(&format!("s{i:02}@example.org"), &format!("Student {i:02}")).await;
        k.app.enrol(&course, &u, Role::Student).await;
    }
    let first = people(&k.ada, &k.c(), "student", None).await;
    let first_ids = ids_in(&first);
    assert_eq!(first_ids.len(), 8);
    let next = first["next"].as_str().expect("a next page").to_string();
    let second = people(&k.ada, &k.c(), "student", Some(&next)).await;
    let second_ids = ids_in(&second);
    assert_eq!(second_ids.len(), 3);
    assert!(second["next"].is_null());
    assert!(first_ids.iter().all(|id| !second_ids.contains(id)), "no one twice");
    let names: Vec<String> = first["people"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["people"].as_array().unwrap())
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by name");
    // The page costs the same few statements whoever is found.
    let r = k.ada.get_json(&format!("{}/messages/people?q=student&after={next}", k.c())).await;
    assert!(r.statements.is_none_or(|n| n <= 8), "{:?}", r.statements);
}
both!(the_people_search_is_paged);

async fn profiles_groups_and_members_link_to_a_new_message(b: Backend) {
    let k = class(b).await;
    let (ada, cara) = (k.id("ada"), k.id("cara"));
    k.ada
        .get(&format!("{}/people/{cara}", k.c()))
        .await
        .assert_contains(&format!("/messages/new?to={cara}"))
        .assert_contains("Send Cara Carlsen a message");
    // Not to oneself, and not to an observer.
    let mine = k.ada.get(&format!("{}/people/{ada}", k.c())).await;
    assert!(!mine.body.contains("/messages/new"));
    let olly = k.ada.get(&format!("{}/people/{}", k.c(), k.id("olly"))).await;
    assert!(!olly.body.contains("/messages/new"));
    k.tutor.get(&format!("{}/members", k.c())).await.assert_contains(&format!("/messages/new?to={cara}"));
    // "Message my group" names the others of my group.
    let set = crate::groups::make_set(&k.tutor, k.course, "breakout", "3", "1").await;
    k.tutor.post(&format!("{}/groups/{set}/publish", k.c()), &[]).await;
    let page = k.ada.get(&format!("{}/groups/{set}", k.c())).await;
    page.assert_contains("Message my group");
    let link_start = page.body.find("/messages/new?").expect("a link to a new message");
    let link = &page.body[link_start..link_start + page.body[link_start..].find('"').unwrap()];
    let link = link.replace("&amp;", "&");
    assert!(!link.contains(&format!("to={ada}&")) && !link.ends_with(&format!("to={ada}")), "{link}");
    let form = k.ada.get(&format!("{}{link}", k.c())).await;
    form.assert_status(200);
    assert!(form.body.contains("checked"), "the group is chosen: {link}");
}
both!(profiles_groups_and_members_link_to_a_new_message);

/// Bytes that are no kind of file we take (attachments take documents, so text would do).
fn not_a_picture() -> Part {
    Part::bytes(vec![0u8, 159, 146, 150, 1, 2, 3, 4]).file_name("me.jpg").mime_str("image/jpeg").unwrap()
}

async fn a_refused_attachment_keeps_the_post(b: Backend) {
    let k = class(b).await;
    k.ada.get(&format!("{}/spaces", k.c())).await;
    let space = num(
        &k.app,
        &format!("SELECT id AS n FROM forum_spaces WHERE course_id = {} AND default_key = 'coffee'", k.course),
    )
    .await;
    let csrf = k.ada.ensure_csrf().await;
    // The body and the second description come after the refused file: still read.
    let form = Form::new()
        .text("_csrf", csrf.clone())
        .text("title", "My weekend")
        .part("file_1", not_a_picture())
        .text("describe_1", "A view of the fjord")
        .text("body", "We walked up the hill.")
        .text("describe_2", "Second description");
    let path = format!("{}/spaces/{space}", k.c());
    let r = k.ada.post_multipart(&path, form).await;
    r.assert_status(422);
    r.assert_contains("value=\"My weekend\"")
        .assert_contains("We walked up the hill.")
        .assert_contains("A view of the fjord</textarea>")
        .assert_contains("Second description</textarea>")
        .assert_contains("id=\"attach-file-error-1\"")
        .assert_contains("<details class=\"attach-fields\" open>");
    assert!(!r.body.contains("role=\"alert\""), "the message is next to the file, not above the form");
    assert_eq!(k.app.count("forum_threads").await, 0);
    // The form posts to the page's own address, so the answer is at the page's address.
    r.assert_contains(&format!("action=\"{path}\""));

    // A reply the same way.
    let thread = {
        let f = Form::new().text("_csrf", csrf.clone()).text("title", "Hello").text("body", "First post");
        assert!(k.ada.post_multipart(&path, f).await.redirects_to(&format!("{}/threads/", k.c())));
        num(&k.app, "SELECT MAX(id) AS n FROM forum_threads").await
    };
    let tpath = format!("{}/threads/{thread}", k.c());
    let f = Form::new()
        .text("_csrf", csrf.clone())
        .part("file_2", not_a_picture())
        .text("body", "A reply with a picture")
        .text("describe_2", "Alt text kept");
    let r = k.ada.post_multipart(&tpath, f).await;
    r.assert_status(422);
    r.assert_contains("A reply with a picture").assert_contains("Alt text kept</textarea>");
    r.assert_contains("id=\"attach-file-error-2\"");
    assert_eq!(k.app.count("forum_posts").await, 1);

    // The files area: the upload answers at the folder's own address, the refusal next to
    // the file field.
    let not_a_file = Part::bytes(vec![0u8, 159, 146, 150, 1, 2, 3, 4])
        .file_name("x.dat")
        .mime_str("application/octet-stream")
        .unwrap();
    let r = k
        .tutor
        .post_multipart(
            &format!("{}/files", k.c()),
            Form::new().text("_csrf", k.tutor.ensure_csrf().await).part("file", not_a_file),
        )
        .await;
    r.assert_status(422);
    r.assert_contains("id=\"upload-error\"").assert_contains(&format!("action=\"{}/files\"", k.c()));
    assert_eq!(k.app.count("course_files").await, 0);
}
both!(a_refused_attachment_keeps_the_post);

async fn recordings_are_made_seekable_with_their_length(b: Backend) {
    let k = class(b).await;
    let recording = webm::sample::seconds(3);
    assert!(webm::make_seekable(&recording).unwrap().bytes.is_some(), "the sample is not seekable yet");
    let intros = format!("{}/introductions", k.c());
    let form = Form::new()
        .text("_csrf", k.ada.ensure_csrf().await)
        .text("body", "Hello on video")
        .part("clip", Part::bytes(recording.clone()).file_name("recording.webm").mime_str("video/webm").unwrap());
    let r = k.ada.post_multipart(&intros, form).await;
    assert!(r.redirects_to(&intros), "{} {}", r.status, &r.body[..r.body.len().min(2000)]);
    assert_eq!(num(&k.app, "SELECT duration_ms AS n FROM media WHERE purpose = 'intro_clip'").await, 3000);
    k.ada.get(&intros).await.assert_contains("Length 0:03");
    // What is served is seekable: a second pass finds Duration and Cues and changes nothing.
    let clip = num(&k.app, "SELECT id AS n FROM media WHERE purpose = 'intro_clip'").await;
    let res = k.ada.client.get(k.ada.url(&format!("/media/{clip}"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let served = res.bytes().await.unwrap().to_vec();
    assert_ne!(served, recording);
    assert_eq!(webm::make_seekable(&served).unwrap(), webm::Seekable { bytes: None, duration_ms: 3000 });
    assert_eq!(
        num(&k.app, &format!("SELECT size AS n FROM media WHERE id = {clip}")).await,
        served.len() as i64,
        "the size recorded is the stored file's"
    );

    // As an attachment, the length shows beside the player.
    k.ada.get(&format!("{}/spaces", k.c())).await;
    let space = num(
        &k.app,
        &format!("SELECT id AS n FROM forum_spaces WHERE course_id = {} AND default_key = 'coffee'", k.course),
    )
    .await;
    let form = Form::new()
        .text("_csrf", k.ada.ensure_csrf().await)
        .text("title", "Listen")
        .text("body", "A recording")
        .part("file_1", Part::bytes(webm::sample::seconds(65)).file_name("r.webm").mime_str("video/webm").unwrap());
    let r = k.ada.post_multipart(&format!("{}/spaces/{space}", k.c()), form).await;
    let thread = r.location.clone().expect("the thread");
    k.ada.get(&thread).await.assert_contains("Length 1:05");
}
both!(recordings_are_made_seekable_with_their_length);
