//! Everyday trust: forms that never lose what people typed, counts that leave out people
//! who have not joined, and a course home that costs the same whatever the class size.

use crate::both;
use crate::support::{Backend, Class, TestApp, class};
use homeroom::policy::Role;
use reqwest::multipart::{Form, Part};
use sea_orm::ConnectionTrait;

/// A text file that pretends to be a photo.
fn fake_jpeg(field: &str) -> Form {
    Form::new().part(
        field.to_string(),
        Part::bytes(b"this is only text, renamed to look like a photo".to_vec())
            .file_name("me.jpg")
            .mime_str("image/jpeg")
            .unwrap(),
    )
}

/// The `<select>` element with this id, as HTML.
fn select<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body.find(&format!("<select id=\"{id}\"")).unwrap_or_else(|| panic!("no select {id}"));
    let end = body[start..].find("</select>").unwrap() + start;
    &body[start..end]
}

fn selected(body: &str, id: &str) -> String {
    let s = select(body, id);
    let i = s.find(" selected").unwrap_or_else(|| panic!("nothing selected in {id}: {s}"));
    let open = s[..i].rfind("<option").unwrap();
    let close = s[i..].find('>').unwrap() + i;
    let tag = &s[open..close];
    match tag.find("value=\"") {
        Some(v) => tag[v + 7..].split('"').next().unwrap().to_string(),
        None => s[close + 1..].split('<').next().unwrap().to_string(),
    }
}

async fn exec(app: &TestApp, sql: &str) {
    app.db().execute_unprepared(sql).await.unwrap();
}

/// Someone invited who has not joined yet.
async fn invitee(app: &TestApp, course: i64, email: &str, name: &str) -> i64 {
    let u = app.user(email, name).await;
    app.enrol(&course_model(app, course).await, &u, Role::Student).await;
    exec(app, &format!("UPDATE memberships SET state = 'invited' WHERE user_id = {}", u.id)).await;
    u.id
}

async fn course_model(app: &TestApp, id: i64) -> homeroom::db::entity::course::Model {
    use sea_orm::EntityTrait;
    homeroom::db::entity::course::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

async fn a_rejected_photo_keeps_everything_typed(b: Backend) {
    let Class { app, ada: ada_id, .. } = class(b, "Trust").await;
    let ada = app.signed_in("ada@example.org").await;
    // The file comes first, as in the page: everything after it must still be read.
    let form = fake_jpeg("photo")
        .text("photo_caption", "In the garden")
        .text("pronouns", "she/her")
        .text("location", "Lima, Peru")
        .text("time_zone", "America/Lima")
        .text("bio", "Engines and poetry")
        .text("vis_pronouns", "tutors")
        .text("vis_location", "me")
        .text("vis_bio", "tutors")
        .text("vis_contact", "me")
        .text("birthday_day", "10")
        .text("birthday_month", "12");
    let r = ada.post_multipart("/account/profile", form).await;
    r.assert_status(422);
    assert!(!r.location.as_deref().unwrap_or("").contains("_csrf"));
    r.assert_contains("she/her").assert_contains("Lima, Peru").assert_contains("Engines and poetry");
    r.assert_contains("In the garden");
    // The message sits next to the photo field.
    r.assert_contains("id=\"photo-error\"");
    assert_eq!(selected(&r.body, "vis_pronouns"), "tutors");
    assert_eq!(selected(&r.body, "vis_location"), "me");
    assert_eq!(selected(&r.body, "vis_bio"), "tutors");
    assert_eq!(selected(&r.body, "time_zone"), "America/Lima");
    assert_eq!(selected(&r.body, "birthday_day"), "10");
    assert_eq!(selected(&r.body, "birthday_month"), "12");
    // Nothing was written.
    assert_eq!(homeroom::profiles::details_of(app.db(), ada_id).await.unwrap().pronouns, "");

    // Saving what came back keeps the narrower choices.
    let form = Form::new()
        .text("pronouns", "she/her")
        .text("time_zone", "America/Lima")
        .text("vis_pronouns", "tutors")
        .text("birthday_day", "10")
        .text("birthday_month", "12");
    assert!(ada.post_multipart("/account/profile", form).await.redirects_to("/account/profile"));
    let page = ada.get("/account/profile").await;
    assert_eq!(selected(&page.body, "vis_pronouns"), "tutors");
    assert_eq!(selected(&page.body, "birthday_month"), "12");
    // A field whose choice was not sent keeps the saved choice, never a wider one.
    let form = Form::new().text("pronouns", "she/her").text("time_zone", "America/Lima");
    assert!(ada.post_multipart("/account/profile", form).await.redirects_to("/account/profile"));
    assert_eq!(selected(&ada.get("/account/profile").await.body, "vis_pronouns"), "tutors");
}
both!(a_rejected_photo_keeps_everything_typed);

async fn collage_and_board_keep_what_was_typed(b: Backend) {
    let Class { app, course, .. } = class(b, "Trust").await;
    let ada = app.signed_in("ada@example.org").await;
    let r = ada
        .post_multipart(&format!("/courses/{course}/collage"), fake_jpeg("image").text("caption", "Our garden at dawn"))
        .await;
    r.assert_status(422).assert_contains("Our garden at dawn");

    let board = ada.get(&format!("/courses/{course}/board")).await;
    let col = board.body.split("data-column=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let form = Form::new()
        .text("column_id", col.clone())
        .text("body", "I hope to meet people from other countries")
        .text("colour", "blue")
        .part("image", Part::bytes(b"not a picture".to_vec()).file_name("x.jpg").mime_str("image/jpeg").unwrap())
        .text("image_alt", "A map");
    let r = ada.post_multipart(&format!("/courses/{course}/board/notes"), form).await;
    r.assert_status(422).assert_contains("I hope to meet people from other countries").assert_contains("A map");
    r.assert_contains(&format!("id=\"new-note-{col}-error\""));
    // A note that goes in brings the person back to its column.
    let form = Form::new().text("column_id", col.clone()).text("body", "Kind people");
    let r = ada.post_multipart(&format!("/courses/{course}/board/notes"), form).await;
    assert!(r.location.as_deref().is_some_and(|l| l.ends_with(&format!("#col-{col}"))), "{:?}", r.location);
}
both!(collage_and_board_keep_what_was_typed);

async fn invitees_are_not_counted_or_planned(b: Backend) {
    let Class { app, course, .. } = class(b, "Trust").await;
    let inv = invitee(&app, course, "ivy@example.org", "Ivy Invited").await;
    let tutor = app.signed_in("tutor@example.org").await;
    // Not planned into groups (and so never a facilitator).
    let set = crate::groups::make_set(&tutor, course, "breakout", "2", "2").await;
    let placed: Vec<i64> = app
        .db()
        .query_all_raw(sea_orm::Statement::from_string(
            app.db().get_database_backend(),
            format!(
                "SELECT m.user_id AS id FROM group_members m JOIN course_groups g ON g.id = m.group_id \
                 JOIN group_rounds r ON r.id = g.round_id WHERE r.group_set_id = {set} \
                 UNION SELECT g.facilitator_id AS id FROM course_groups g JOIN group_rounds r ON r.id = g.round_id \
                 WHERE r.group_set_id = {set} AND g.facilitator_id IS NOT NULL"
            ),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<i64>("", "id").unwrap())
        .collect();
    assert!(!placed.is_empty());
    assert!(!placed.contains(&inv), "an invitee was placed in a group");
    // Not among those who have not introduced themselves, nor unread expectations.
    let intros = tutor.get(&format!("/courses/{course}/introductions")).await;
    intros.assert_contains("Bo Berg");
    assert!(!intros.body.contains("Ivy Invited"), "an invitee was asked to introduce themselves");
    tutor.post(&format!("/courses/{course}/expectations"), &[("body", "Please read this: we meet weekly.")]).await;
    let e = tutor.get(&format!("/courses/{course}/expectations")).await;
    e.assert_contains("Bo Berg");
    assert!(!e.body.contains("Ivy Invited"), "an invitee counted for expectations");
    // The start-up kit counts the three students who joined.
    let home = tutor.get(&format!("/courses/{course}")).await;
    home.assert_contains("0 of 3");
    // An invited TA is not in the teaching team before joining; shown apart as invited.
    let ta = app.user("tia@example.org", "Tia Assistant").await;
    app.enrol(&course_model(&app, course).await, &ta, Role::Ta).await;
    exec(&app, &format!("UPDATE memberships SET state = 'invited' WHERE user_id = {}", ta.id)).await;
    let bo = app.signed_in("bo@example.org").await;
    let home = bo.get(&format!("/courses/{course}")).await;
    let team = home.body.split("id=\"team-heading\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(!team.contains("Tia Assistant"), "an invited TA shows in the team");
    let home = tutor.get(&format!("/courses/{course}")).await;
    home.assert_contains("Ivy Invited").assert_contains("invited");
}
both!(invitees_are_not_counted_or_planned);

/// A class of `n` students who joined (no passwords: quick to make).
async fn class_of(b: Backend, n: usize) -> (TestApp, i64) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Big class", &t).await;
    app.enrol(&c, &app.user("ada@example.org", "Ada Lovelace").await, Role::Student).await;
    for i in 0..n - 1 {
        let email = homeroom::validate::Email::parse(&format!("s{i}@example.org")).unwrap();
        let u = homeroom::accounts::create_user(
            app.db(),
            &email,
            &format!("Student {i:03}"),
            None,
            homeroom::i18n::Locale::En,
            "Europe/Oslo",
        )
        .await
        .unwrap();
        app.enrol(&c, &u, Role::Student).await;
    }
    (app, c.id)
}

async fn statements_on_home(app: &TestApp, course: i64) -> (u64, u64, String) {
    let tutor = app.signed_in("tutor@example.org").await;
    let ada = app.signed_in("ada@example.org").await;
    let t = tutor.get(&format!("/courses/{course}")).await;
    t.assert_status(200);
    let a = ada.get(&format!("/courses/{course}")).await;
    a.assert_status(200);
    (t.statements.unwrap(), a.statements.unwrap(), t.body)
}

async fn the_home_costs_the_same_for_10_and_120(b: Backend) {
    let (small, c1) = class_of(b, 10).await;
    let (t10, s10, _) = statements_on_home(&small, c1).await;
    let (big, c2) = class_of(b, 120).await;
    let (t120, s120, body) = statements_on_home(&big, c2).await;
    assert_eq!(t10, t120, "the teaching team's home grew with the class");
    assert_eq!(s10, s120, "a student's home grew with the class");
    // A summary, never the whole class: counts, a sample of faces, a link to everyone.
    assert!(body.contains("120 students"));
    let faces = body.split("class=\"class-summary\"").nth(1).unwrap().matches("class=\"person\"").count();
    assert!(faces <= 12, "{faces} faces");
    assert!(body.contains(&format!("/courses/{c2}/class")));
    // Without a photo, a person shows their initials.
    assert!(body.contains(">TT</span>"));
    // Faces first: the one student with a photo is in the sample though they joined last.
    let zed = big.user("zed@example.org", "Zed Latecomer").await;
    big.enrol(&course_model(&big, c2).await, &zed, Role::Student).await;
    let photo = crate::media::png(&crate::media::halves(40, 40));
    crate::media::upload_photo(&big.signed_in("zed@example.org").await, photo, "z.png", "image/png").await;
    let (_, _, body) = statements_on_home(&big, c2).await;
    let summary = body.split("class=\"class-summary\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(summary.contains("Zed Latecomer"), "{summary}");
    assert_eq!(summary.matches("class=\"person\"").count(), 12);
}
both!(the_home_costs_the_same_for_10_and_120);

async fn local_times_and_the_week_on_the_home(b: Backend) {
    let Class { app, course, .. } = class(b, "Trust").await;
    let ada = app.signed_in("ada@example.org").await;
    let form = Form::new().text("time_zone", "America/Lima").text("vis_location", "me");
    assert!(ada.post_multipart("/account/profile", form).await.redirects_to("/account/profile"));
    let bo = app.signed_in("bo@example.org").await;
    let home = bo.get(&format!("/courses/{course}")).await;
    let card = home.body.split("Ada Lovelace</strong></a>").nth(1).unwrap().split("</li>").next().unwrap();
    assert!(!card.contains("their time"), "Ada hides her location, so her local time: {card}");
    let card = home.body.split("Tess Tutor</strong></a>").nth(1).unwrap().split("</li>").next().unwrap();
    assert!(card.contains("their time"));

    // A round with a time and a link is "your group this week".
    let tutor = app.signed_in("tutor@example.org").await;
    let set = crate::groups::make_set(&tutor, course, "breakout", "3", "1").await;
    tutor.post(&format!("/courses/{course}/groups/{set}/publish"), &[]).await;
    let r = tutor
        .post(
            &format!("/courses/{course}/groups/{set}/rounds/1/when"),
            &[("date", "2099-12-07"), ("time", "18:30"), ("link", "https://meet.example.org/abc")],
        )
        .await;
    assert!(r.location.as_deref().is_some_and(|l| l.ends_with("#round-1")), "{:?}", r.location);
    let r = tutor
        .post(&format!("/courses/{course}/groups/{set}/rounds/1/when"), &[("date", "2099-12-07"), ("link", "x")])
        .await;
    assert!(r.location.is_some());
    let home = bo.get(&format!("/courses/{course}")).await;
    home.assert_contains("Your group this week").assert_contains("https://meet.example.org/abc");
    home.assert_contains("Ada Lovelace");
}
both!(local_times_and_the_week_on_the_home);

async fn a_very_long_post_comes_back_with_its_text(b: Backend) {
    let Class { app, course, .. } = class(b, "Trust").await;
    let ada = app.signed_in("ada@example.org").await;
    let spaces = ada.get(&format!("/courses/{course}/spaces")).await;
    let space = spaces
        .body
        .split(&format!("/courses/{course}/spaces/"))
        .filter_map(|s| s.split('"').next()?.parse::<i64>().ok())
        .next()
        .unwrap();
    let long = "word ".repeat(20_000);
    let form = Form::new().text("title", "My story").text("body", long.clone());
    let r = ada.post_multipart(&format!("/courses/{course}/spaces/{space}/threads"), form).await;
    r.assert_status(422).assert_contains("20,000 characters").assert_contains("My story");
    assert!(r.body.contains(long.trim_end()), "the text was lost");
    r.assert_contains("data-max=\"20000\"");
}
both!(a_very_long_post_comes_back_with_its_text);

async fn reminders_say_when_they_were_sent_and_wait_a_day(b: Backend) {
    let Class { app, course, bo, .. } = class(b, "Trust").await;
    let tutor = app.signed_in("tutor@example.org").await;
    let path = format!("/courses/{course}/introductions");
    let page = tutor.get(&path).await;
    assert!(!page.body.contains("last reminded"));
    let r = tutor.post(&format!("{path}/nudge"), &[("user_id", &bo.to_string())]).await;
    assert!(r.location.as_deref().is_some_and(|l| l.ends_with("#missing-heading")), "{:?}", r.location);
    tutor.post(&format!("{path}/nudge"), &[("user_id", &bo.to_string())]).await;
    assert_eq!(app.count("introduction_nudges").await, 1, "a second reminder the same day");
    let page = tutor.get(&path).await;
    let row = page.body.split("Bo Berg").nth(1).unwrap().split("</li>").next().unwrap();
    assert!(row.contains("last reminded"), "{row}");
    assert!(!row.contains("type=\"submit\""), "no second reminder button the same day");
}
both!(reminders_say_when_they_were_sent_and_wait_a_day);
