//! The outreach queue: students shared among the teaching team, each member of staff's
//! queue for the week (signals first, then who waited longest), ticked off by a contact;
//! the tutor's settings (validated, and what TAs may see); the radar's selection actions;
//! follow-ups due with the staff's notes; the sweep that keeps radars fresh.

use homeroom::policy::Role;
use homeroom::time::now_ms;
use sea_orm::{ConnectionTrait, EntityTrait, Statement, Value};

use crate::both;
use crate::support::{Backend, Class, class};

const DAY: i64 = 24 * 3_600_000;

async fn exec(k: &Class, sql: &str, values: Vec<Value>) {
    let db = k.app.db();
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
}

/// The class with a TA, everyone in it for a month (past the settling-in days).
async fn team(b: Backend) -> (Class, i64, i64) {
    let k = class(b, "Outreach").await;
    let course = homeroom::db::entity::course::Entity::find_by_id(k.course).one(k.app.db()).await.unwrap().unwrap();
    let ta = k.app.user("ta@example.org", "Tim Assistant").await;
    k.app.enrol(&course, &ta, Role::Ta).await;
    exec(
        &k,
        "UPDATE memberships SET created_at = $1 WHERE course_id = $2",
        vec![(now_ms() - 30 * DAY).into(), k.course.into()],
    )
    .await;
    let cy = crate::social_ids(&k.app, "SELECT id FROM users WHERE email = 'cy@example.org'").await[0];
    (k, ta.id, cy)
}

async fn refresh(k: &Class) {
    homeroom::presence::refresh(k.app.db(), k.course, now_ms()).await.unwrap();
}

async fn owner(k: &Class, student: i64) -> Option<i64> {
    let db = k.app.db();
    db.query_one_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "SELECT owner_id FROM radar_rows WHERE course_id = $1 AND student_id = $2",
        [k.course.into(), student.into()],
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get("", "owner_id")
    .unwrap()
}

/// Where each name first appears on a page (to check the order of a queue).
fn at(body: &str, name: &str) -> usize {
    body.find(name).unwrap_or_else(|| panic!("{name} is not on the page"))
}

async fn shared_in_turn_and_ticked_off_by_a_contact(b: Backend) {
    let (k, ta, cy) = team(b).await;
    refresh(&k).await;
    // Students in id order, dealt to the team in id order: Ada, Cy to the tutor, Bo to the TA.
    assert_eq!(owner(&k, k.ada).await, Some(k.tutor));
    assert_eq!(owner(&k, k.bo).await, Some(ta));
    assert_eq!(owner(&k, cy).await, Some(k.tutor));

    let tutor = k.app.signed_in("tutor@example.org").await;
    let q = tutor.get(&format!("/courses/{}/outreach", k.course)).await;
    q.assert_status(200);
    q.assert_contains("Ada Lovelace").assert_contains("Cy Cole").assert_contains("0 of 2 contacted this week");
    assert!(!q.body.contains("Bo Berg"), "Bo is in the TA's queue");
    let assistant = k.app.signed_in("ta@example.org").await;
    let tq = assistant.get(&format!("/courses/{}/outreach", k.course)).await;
    tq.assert_contains("Bo Berg");
    assert!(!tq.body.contains("Ada Lovelace"));

    // A contact with Cy ticks Cy off: last in the queue, marked as contacted.
    let r = tutor
        .post(&format!("/courses/{}/radar/contacts", k.course), &[("to", &cy.to_string()), ("kind", "chat")])
        .await;
    assert!(r.redirects_to(&format!("/courses/{}/radar", k.course)), "{r:?}");
    refresh(&k).await;
    let q = tutor.get(&format!("/courses/{}/outreach", k.course)).await;
    q.assert_contains("1 of 2 contacted this week").assert_contains("contacted ");
    assert!(at(&q.body, "Ada Lovelace") < at(&q.body, "Cy Cole"), "the one still due comes first");

    // Students never see a queue.
    let student = k.app.signed_in("ada@example.org").await;
    assert_eq!(student.get(&format!("/courses/{}/outreach", k.course)).await.status, 403);
}
both!(shared_in_turn_and_ticked_off_by_a_contact);

async fn settings_are_validated_and_decide_what_tas_see(b: Backend) {
    let (k, ta, _) = team(b).await;
    let c = k.course;
    let tutor = k.app.signed_in("tutor@example.org").await;
    let assistant = k.app.signed_in("ta@example.org").await;
    assert_eq!(assistant.get(&format!("/courses/{c}/radar")).await.status, 200, "TAs see the radar by default");

    let r =
        tutor.post(&format!("/courses/{c}/outreach/settings"), &[("rhythm_days", "400"), ("sharing", "dice")]).await;
    r.assert_status(422);
    r.assert_contains("from 1 to 90")
        .assert_contains("Choose how students are shared")
        .assert_contains("value=\"400\"");
    assert_eq!(k.app.count("outreach_settings").await, 0);
    assert_eq!(
        assistant
            .post(&format!("/courses/{c}/outreach/settings"), &[("rhythm_days", "7"), ("sharing", "hand")])
            .await
            .status,
        403
    );

    let r = tutor.post(&format!("/courses/{c}/outreach/settings"), &[("rhythm_days", "7"), ("sharing", "hand")]).await;
    assert!(r.redirects_to(&format!("/courses/{c}/outreach/settings")), "{r:?}");
    refresh(&k).await;
    assert_eq!(owner(&k, k.ada).await, None, "by hand only: nobody is given out by a rule");
    // TAs no longer see the radar, the follow-ups or the selection actions; they keep their queue.
    for path in ["radar", "radar/export.csv", "outreach/follow-ups"] {
        assert_eq!(assistant.get(&format!("/courses/{c}/{path}")).await.status, 403, "{path}");
    }
    assert_eq!(assistant.post(&format!("/courses/{c}/radar/act"), &[("do", "queue")]).await.status, 403);
    assert_eq!(assistant.get(&format!("/courses/{c}/outreach")).await.status, 200);
    assert_eq!(tutor.get(&format!("/courses/{c}/radar")).await.status, 200);

    // A TA takes Bo into their own queue, but cannot hand Ada to the tutor.
    let r = assistant
        .post(
            &format!("/courses/{c}/outreach/assign"),
            &[("to", &k.bo.to_string()), ("staff", &ta.to_string()), ("back", "queue")],
        )
        .await;
    assert!(r.redirects_to(&format!("/courses/{c}/outreach")), "{r:?}");
    let r = assistant
        .post(&format!("/courses/{c}/outreach/assign"), &[("to", &k.ada.to_string()), ("staff", &k.tutor.to_string())])
        .await;
    assert_eq!(r.status, 403);
    // Nobody outside the team, and no student of another course, is a possible owner.
    tutor
        .post(
            &format!("/courses/{c}/outreach/assign"),
            &[("to", &k.ada.to_string()), ("staff", &k.outsider.to_string())],
        )
        .await;
    refresh(&k).await;
    assert_eq!(owner(&k, k.bo).await, Some(ta));
    assert_eq!(owner(&k, k.ada).await, None);
    assistant.get(&format!("/courses/{c}/outreach")).await.assert_contains("Bo Berg");

    tutor.get(&format!("/courses/{c}/outreach/settings")).await.assert_contains("Tim Assistant: one student");
    let r = tutor
        .post(
            &format!("/courses/{c}/outreach/settings"),
            &[("rhythm_days", "7"), ("sharing", "group"), ("ta_insight", "on")],
        )
        .await;
    assert!(r.status == 303 || r.status == 302, "{r:?}");
    assert_eq!(assistant.get(&format!("/courses/{c}/radar")).await.status, 200);
}
both!(settings_are_validated_and_decide_what_tas_see);

async fn the_radar_selection_leads_to_acting(b: Backend) {
    let (k, _, cy) = team(b).await;
    let c = k.course;
    refresh(&k).await;
    let tutor = k.app.signed_in("tutor@example.org").await;
    let radar = tutor.get(&format!("/courses/{c}/radar")).await;
    radar.assert_contains(&format!("action=\"/courses/{c}/radar/act\"")).assert_contains("name=\"_csrf\"");
    let (ada, bo) = (k.ada.to_string(), k.bo.to_string());
    let r = tutor.post(&format!("/courses/{c}/radar/act"), &[("do", "log"), ("to", &ada), ("to", &bo)]).await;
    assert!(r.redirects_to(&format!("/courses/{c}/radar/contacts?to={ada}&to={bo}")), "{r:?}");
    let r = tutor.post(&format!("/courses/{c}/radar/act"), &[("do", "message"), ("to", &ada)]).await;
    assert!(r.redirects_to(&format!("/courses/{c}/messages?to={ada}")), "{r:?}");
    let r =
        tutor.post(&format!("/courses/{c}/radar/act"), &[("do", "pair"), ("to", &ada), ("to", &cy.to_string())]).await;
    assert!(r.redirects_to(&format!("/courses/{c}/messages?to=")), "{r:?}");
    // Bo was the TA's; the tutor takes him into their own queue.
    let r = tutor.post(&format!("/courses/{c}/radar/act"), &[("do", "queue"), ("to", &bo)]).await;
    assert!(r.redirects_to(&format!("/courses/{c}/radar")), "{r:?}");
    refresh(&k).await;
    assert_eq!(owner(&k, k.bo).await, Some(k.tutor));
    tutor.get(&format!("/courses/{c}/outreach")).await.assert_contains("Bo Berg");
    let student = k.app.signed_in("bo@example.org").await;
    assert_eq!(student.post(&format!("/courses/{c}/radar/act"), &[("do", "queue"), ("to", &bo)]).await.status, 403);
}
both!(the_radar_selection_leads_to_acting);

async fn follow_ups_due_show_the_note_until_someone_is_in_touch(b: Backend) {
    let (k, _, cy) = team(b).await;
    let c = k.course;
    let tutor = k.app.signed_in("tutor@example.org").await;
    let when = jiff::Timestamp::from_millisecond(now_ms() - 3 * DAY).unwrap().strftime("%Y-%m-%dT%H:%M").to_string();
    let r = tutor
        .post(
            &format!("/courses/{c}/radar/contacts"),
            &[
                ("to", &cy.to_string()),
                ("kind", "call"),
                ("when", &when),
                ("note", "Ask how the new job is going"),
                ("follow_up", "2026-01-05"),
            ],
        )
        .await;
    assert!(r.redirects_to(&format!("/courses/{c}/radar")), "{r:?}");
    let page = tutor.get(&format!("/courses/{c}/outreach/follow-ups")).await;
    page.assert_status(200);
    page.assert_contains("Ask how the new job is going").assert_contains("Cy Cole").assert_contains("2026-01-05");
    tutor.get(&format!("/courses/{c}/outreach")).await.assert_contains("one follow-up due");
    let student = k.app.signed_in("cy@example.org").await;
    let r = student.get(&format!("/courses/{c}/outreach/follow-ups")).await;
    assert_eq!(r.status, 403);
    assert!(!r.body.contains("new job"));
    // A later contact settles it.
    tutor.post(&format!("/courses/{c}/radar/contacts"), &[("to", &cy.to_string()), ("kind", "chat")]).await;
    let page = tutor.get(&format!("/courses/{c}/outreach/follow-ups")).await;
    assert!(!page.body.contains("new job"), "{}", page.body);
}
both!(follow_ups_due_show_the_note_until_someone_is_in_touch);

async fn the_sweep_refreshes_open_courses_once_a_period(b: Backend) {
    let (k, _, _) = team(b).await;
    let db = k.app.db();
    let now = now_ms();
    // This course and "Elsewhere" have students; an archived course is left alone.
    let n = homeroom::presence::sweep::sweep(db, now).await.unwrap();
    assert_eq!(n, 2);
    assert_eq!(homeroom::presence::sweep::sweep(db, now).await.unwrap(), 0, "once per course and period");
    exec(&k, "UPDATE courses SET archived_at = $1 WHERE id = $2", vec![now.into(), k.course.into()]).await;
    assert_eq!(homeroom::presence::sweep::sweep(db, now + homeroom::presence::REFRESH_MS).await.unwrap(), 1);
    // The job worker runs the queued refreshes: the radar fills in with no page asked.
    crate::support::eventually(20, "the swept refresh ran", || async {
        crate::social_ids(&k.app, &format!("SELECT student_id AS id FROM radar_rows WHERE course_id = {}", k.course))
            .await
            .len()
            == 3
    })
    .await;
}
both!(the_sweep_refreshes_open_courses_once_a_period);
