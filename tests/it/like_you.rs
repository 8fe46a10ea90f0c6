//! Classmates like you: the teaching team's suggestions for a student (alike, awake at
//! the same hours, never grouped, each with its reasons), the introduction and pairing
//! made from one, and a student's own opt-in list, built only from what classmates show
//! the class.

use homeroom::policy::Role;
use homeroom::time::now_ms;
use sea_orm::{ConnectionTrait, EntityTrait, Statement, Value};

use crate::both;
use crate::support::{Backend, Class, class};

async fn exec(c: &Class, sql: &str, values: Vec<Value>) {
    let db = c.app.db();
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
}

async fn count(c: &Class, sql: &str, values: Vec<Value>) -> i64 {
    let db = c.app.db();
    let r = db.query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
    r.unwrap().try_get_by_index::<i64>(0).unwrap()
}

/// A student's zone, circumstances (tags), interests and visibility choices.
async fn profile(c: &Class, who: i64, zone: &str, circumstances: &str, interests: &str, visibility: &str) {
    let now = now_ms();
    exec(c, "UPDATE users SET time_zone = $1 WHERE id = $2", vec![zone.into(), who.into()]).await;
    exec(
        c,
        "INSERT INTO profiles (user_id, organisation, circumstances, birthday, updated_at) VALUES ($1, '', $2, NULL, $3)",
        vec![who.into(), circumstances.into(), now.into()],
    )
    .await;
    exec(
        c,
        "INSERT INTO profile_details (user_id, pronouns, name_say, name_audio_id, photo_id, photo_caption, bio, job, \
         location, interests, looking_forward, use_for, circumstances_note, contact, visibility, updated_at) \
         VALUES ($1, '', '', NULL, NULL, '', '', '', '', $2, '', '', '', '', $3, $4)",
        vec![who.into(), interests.into(), visibility.into(), now.into()],
    )
    .await;
}

async fn tutor_sees_pairs_and_introduces(b: Backend) {
    let c = class(b, "Like you").await;
    let cy = count(&c, "SELECT id FROM users WHERE email = 'cy@example.org'", vec![]).await;
    let dee = c.app.user("dee@example.org", "Dee Dahl").await;
    let course = homeroom::db::entity::course::Entity::find_by_id(c.course).one(c.app.db()).await.unwrap().unwrap();
    c.app.enrol(&course, &dee, Role::Student).await;
    profile(&c, c.ada, "Europe/Oslo", "parent; night shifts", "", "{}").await;
    profile(&c, c.bo, "Europe/London", "Parent", "", "{}").await;
    profile(&c, cy, "Europe/Oslo", "athlete", "", "{}").await;
    // Dee is a parent too but keeps her time zone to herself: no hours are said.
    profile(&c, dee.id, "Pacific/Auckland", "parent", "", r#"{"location":"me"}"#).await;

    let tutor = c.app.signed_in("tutor@example.org").await;
    let page = format!("/courses/{}/like-you/{}", c.course, c.ada);
    let r = tutor.get(&page).await;
    r.assert_status(200).assert_contains("Bo Berg").assert_contains("both parent; 1 h apart; never grouped");
    r.assert_contains("Dee Dahl");
    assert!(!r.body.contains("Cy Cole"), "nothing shared with Cy");
    assert!(!r.body.contains("both parent; 11 h apart"), "a hidden time zone is not used");

    // A pairing: counted as met, so Bo is no longer suggested, and the radar sees a peer.
    let bo = c.bo.to_string();
    let r = tutor.post(&format!("{page}/pair"), &[("with", &bo)]).await;
    assert!(r.redirects_to(&page), "{:?}", r.location);
    assert_eq!(count(&c, "SELECT COUNT(*) FROM like_you_pairings", vec![]).await, 1);
    assert!(!tutor.get(&page).await.body.contains("Bo Berg"));
    homeroom::presence::refresh(c.app.db(), c.course, now_ms()).await.unwrap();
    let peers = count(
        &c,
        "SELECT CAST(peers AS BIGINT) FROM radar_rows WHERE course_id = $1 AND student_id = $2",
        vec![c.course.into(), c.ada.into()],
    )
    .await;
    assert_eq!(peers, 1);

    // An introduction with nothing in it is refused next to the field, nothing is sent.
    let dee_s = dee.id.to_string();
    let r = tutor.post(&format!("{page}/introduce"), &[("with", &dee_s), ("body", "  ")]).await;
    assert_eq!(r.status, 422);
    r.assert_contains("aria-invalid");
    assert_eq!(c.app.count("messages").await, 0);
    // Sent: one conversation with both, a contact with each at once.
    let r = tutor.post(&format!("{page}/introduce"), &[("with", &dee_s), ("body", "Ada, meet Dee!")]).await;
    assert!(r.redirects_to(&format!("/courses/{}/messages/", c.course)), "{:?}", r.location);
    assert_eq!(c.app.count("messages").await, 1);
    let contacts = count(
        &c,
        "SELECT COUNT(*) FROM contacts WHERE course_id = $1 AND staff_id = $2 AND kind = 'message'",
        vec![c.course.into(), c.tutor.into()],
    )
    .await;
    assert_eq!(contacts, 2);
    // Introduced: Dee is no longer a suggestion either; a stale form says so.
    let r = tutor.post(&format!("{page}/pair"), &[("with", &dee_s)]).await;
    assert!(r.redirects_to(&page));
    assert_eq!(count(&c, "SELECT COUNT(*) FROM like_you_pairings", vec![]).await, 1);

    // A student is not a student of this course's list; an unknown one is not found.
    tutor.get(&format!("/courses/{}/like-you/{}", c.course, c.outsider)).await.assert_status(404);
}
both!(tutor_sees_pairs_and_introduces);

async fn a_student_sees_only_what_classmates_show_the_class(b: Backend) {
    let c = class(b, "Like you").await;
    let cy = count(&c, "SELECT id FROM users WHERE email = 'cy@example.org'", vec![]).await;
    profile(&c, c.ada, "Europe/Oslo", "parent", "chess; hiking", "{}").await;
    // Bo shows his interests to the class but keeps his location to the teaching team.
    profile(&c, c.bo, "Europe/Oslo", "parent", "Chess", r#"{"location":"tutors"}"#).await;
    // Cy is a parent, which Cy shares with the teaching team only (the default).
    profile(&c, cy, "Europe/Oslo", "parent", "", "{}").await;

    let ada = c.app.signed_in("ada@example.org").await;
    let mine = format!("/courses/{}/like-you", c.course);
    let r = ada.get(&mine).await;
    r.assert_status(200);
    assert!(!r.body.contains("Bo Berg"), "off by default");
    let r = ada.post(&format!("{mine}/opt-in"), &[("on", "1")]).await;
    assert!(r.redirects_to(&mine));
    let r = ada.get(&mine).await;
    r.assert_contains("Bo Berg").assert_contains("both chess; never grouped");
    assert!(!r.body.contains("Cy Cole"), "a tutors-only circumstance reached a classmate");
    assert!(!r.body.contains("both parent"), "a tutors-only circumstance was named");
    assert!(!r.body.contains("h apart") && !r.body.contains("same time of day"), "a hidden time zone was used");

    // Nobody else sees Ada's list; Bo, who has not opted in, gets nothing.
    let bo = c.app.signed_in("bo@example.org").await;
    bo.get(&format!("/courses/{}/like-you/{}", c.course, c.ada)).await.assert_status(403);
    assert!(!bo.get(&mine).await.body.contains("Ada Lovelace"));

    // In the export, and off again.
    let export = homeroom::privacy::export_user(c.app.db(), "ada@example.org").await.unwrap().to_string();
    assert!(export.contains("show_me_classmates_like_me"), "{export}");
    ada.post(&format!("{mine}/opt-in"), &[("on", "0")]).await;
    assert!(!ada.get(&mine).await.body.contains("Bo Berg"));
    assert_eq!(count(&c, "SELECT COUNT(*) FROM like_you_optins", vec![]).await, 0);
}
both!(a_student_sees_only_what_classmates_show_the_class);
