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

async fn insert(k: &Class, sql: &str, values: Vec<Value>) -> i64 {
    let db = k.app.db();
    db.query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), format!("{sql} RETURNING id"), values))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap()
}

async fn space(k: &Class, kind: &str) -> i64 {
    insert(
        k,
        "INSERT INTO forum_spaces (course_id, kind, title, about, position, created_at) VALUES ($1, $2, $3, '', 1, $4)",
        vec![k.course.into(), kind.into(), format!("Space {kind}").into(), now_ms().into()],
    )
    .await
}

/// A thread opened by `who` at `at` with `title`; returns (thread, opening post).
async fn thread(k: &Class, space: i64, who: i64, title: &str, at: i64) -> (i64, i64) {
    let t = insert(
        k,
        "INSERT INTO forum_threads (space_id, course_id, author_id, title, created_at, last_post_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
        vec![space.into(), k.course.into(), who.into(), title.into(), at.into()],
    )
    .await;
    let p = post(k, t, None, who, at, true).await;
    (t, p)
}

async fn post(k: &Class, thread: i64, parent: Option<i64>, who: i64, at: i64, opening: bool) -> i64 {
    insert(
        k,
        "INSERT INTO forum_posts (thread_id, course_id, parent_id, opening, author_id, body, body_html, search_text, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'text', '<p>text</p>', 'text', $6)",
        vec![thread.into(), k.course.into(), parent.into(), opening.into(), who.into(), at.into()],
    )
    .await
}

async fn the_class_graph_shows_who_interacts_and_who_is_alone(b: Backend) {
    let (k, _, cy) = team(b).await;
    let c = k.course;
    let now = now_ms();
    let s = space(&k, "discussion").await;
    let (t, opening) = thread(&k, s, k.ada, "Hello all", now - 2 * DAY).await;
    post(&k, t, Some(opening), k.bo, now - DAY, false).await;
    post(&k, t, Some(opening), k.tutor, now - DAY, false).await;
    insert(
        &k,
        "INSERT INTO shout_outs (course_id, from_id, to_id, body, created_at) VALUES ($1, $2, $3, 'Thanks!', $4)",
        vec![c.into(), k.tutor.into(), cy.into(), (now - 40 * DAY).into()],
    )
    .await;
    refresh(&k).await;
    let tutor = k.app.signed_in("tutor@example.org").await;
    let g = tutor.get(&format!("/courses/{c}/graph")).await;
    g.assert_status(200);
    g.assert_contains("<svg")
        .assert_contains("class=\"node isolated\"")
        .assert_contains("3 students, 1 with no classmate");
    g.assert_contains("One cluster.").assert_contains("Tess Tutor: 2 students");
    assert_eq!(g.body.matches("<circle").count(), 3);
    assert!(!g.body.contains("style="), "the drawing keeps to the CSP");
    // Filters: shout-outs only, in the last week: nobody has a classmate.
    let f = tutor.get(&format!("/courses/{c}/graph?period=7&kind=shout-out")).await;
    f.assert_contains("3 students, 3 with no classmate").assert_contains("Tess Tutor: 0 students");
    // Students never see it; TAs only while the tutor allows.
    let student = k.app.signed_in("ada@example.org").await;
    assert_eq!(student.get(&format!("/courses/{c}/graph")).await.status, 403);
    let assistant = k.app.signed_in("ta@example.org").await;
    assert_eq!(assistant.get(&format!("/courses/{c}/graph")).await.status, 200);
    tutor.post(&format!("/courses/{c}/outreach/settings"), &[("rhythm_days", "14"), ("sharing", "round-robin")]).await;
    assert_eq!(assistant.get(&format!("/courses/{c}/graph")).await.status, 403);
}
both!(the_class_graph_shows_who_interacts_and_who_is_alone);

async fn response_times_count_questions_until_the_first_staff_reply(b: Backend) {
    let (k, ta, cy) = team(b).await;
    let c = k.course;
    let now = now_ms();
    let hour = 3_600_000;
    let qa = space(&k, "qa").await;
    let talk = space(&k, "discussion").await;
    // Ada's Q&A question, answered by the tutor two hours later (Bo's reply does not count).
    let (t, opening) = thread(&k, qa, k.ada, "Deadline", now - 10 * hour).await;
    post(&k, t, Some(opening), k.bo, now - 9 * hour, false).await;
    post(&k, t, Some(opening), k.tutor, now - 8 * hour, false).await;
    // Cy's question in the discussion space, still waiting; a chat that asks nothing.
    thread(&k, talk, cy, "How do I submit?", now - 5 * hour).await;
    thread(&k, talk, cy, "Photos from the weekend", now - 5 * hour).await;
    // Bo writes to the TA, who answers an hour later.
    let conv = insert(
        &k,
        "INSERT INTO conversations (course_id, created_at, last_message_at) VALUES ($1, $2, $2)",
        vec![c.into(), now.into()],
    )
    .await;
    for who in [k.bo, ta] {
        insert(
            &k,
            "INSERT INTO conversation_members (conversation_id, user_id, last_read_at) VALUES ($1, $2, 0)",
            vec![conv.into(), who.into()],
        )
        .await;
    }
    for (who, at) in [(k.bo, now - 4 * hour), (k.bo, now - 4 * hour + 1), (ta, now - 3 * hour)] {
        insert(
            &k,
            "INSERT INTO messages (conversation_id, user_id, body, created_at) VALUES ($1, $2, 'hi', $3)",
            vec![conv.into(), who.into(), at.into()],
        )
        .await;
    }
    refresh(&k).await;
    let tutor = k.app.signed_in("tutor@example.org").await;
    let r = tutor.get(&format!("/courses/{c}/response-times")).await;
    r.assert_status(200);
    // Overall: two answered (1 and 2 hours), one waiting.
    r.assert_contains("<th scope=\"row\">Overall</th><td>2</td><td>1</td><td>1 hour</td><td>2 hours</td>");
    r.assert_contains("<th scope=\"row\">Tess Tutor</th><td>1</td><td>0</td><td>2 hours</td>");
    r.assert_contains("<th scope=\"row\">Tim Assistant</th><td>1</td><td>0</td><td>1 hour</td>");
    let student = k.app.signed_in("ada@example.org").await;
    assert_eq!(student.get(&format!("/courses/{c}/response-times")).await.status, 403);

    // The line on the Q&A space only once the tutor turns it on.
    let space_page = format!("/courses/{c}/spaces/{qa}");
    assert!(!student.get(&space_page).await.body.contains("We usually answer"));
    tutor
        .post(
            &format!("/courses/{c}/outreach/settings"),
            &[("rhythm_days", "14"), ("sharing", "round-robin"), ("answer_line", "on")],
        )
        .await;
    student.get(&space_page).await.assert_contains("We usually answer within 1 hour.");
    assert!(!student.get(&format!("/courses/{c}/spaces/{talk}")).await.body.contains("We usually answer"));
}
both!(response_times_count_questions_until_the_first_staff_reply);

async fn the_weekly_email_comes_at_seven_on_monday_in_each_persons_zone_and_language(b: Backend) {
    use crate::support::{Options, OwnSmtp, TestApp};
    let smtp = OwnSmtp::start();
    let app = TestApp::spawn_with(
        b,
        Options { smtp_url: Some(smtp.url()), mail_per_minute: Some(600), ..Default::default() },
    )
    .await;
    let tutor = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Weekly", &tutor).await;
    let ta = app.user("ta@example.org", "Tim Assistant").await;
    app.enrol(&course, &ta, Role::Ta).await;
    for (email, name) in [("ada@example.org", "Ada Lovelace"), ("bo@example.org", "Bo Berg")] {
        let s = app.user(email, name).await;
        app.enrol(&course, &s, Role::Student).await;
    }
    let db = app.db();
    let run = |sql: &'static str, values: Vec<Value>| async move {
        db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
    };
    run("UPDATE memberships SET created_at = $1", vec![(now_ms() - 30 * DAY).into()]).await;
    run("UPDATE users SET time_zone = 'Europe/Oslo' WHERE id = $1", vec![tutor.id.into()]).await;
    run("UPDATE users SET time_zone = 'America/New_York', locale = 'nb' WHERE id = $1", vec![ta.id.into()]).await;
    homeroom::presence::refresh(db, course.id, now_ms()).await.unwrap();

    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_millisecond();
    // Monday 07:10 in Oslo is 01:10 in New York: the tutor's email only, once.
    let oslo_seven = at("2026-12-07T06:10:00Z");
    assert_eq!(homeroom::presence::weekly::schedule_due(db, oslo_seven).await.unwrap(), 1);
    assert_eq!(homeroom::presence::weekly::schedule_due(db, oslo_seven + 20 * 60_000).await.unwrap(), 0);
    assert_eq!(homeroom::presence::weekly::schedule_due(db, at("2026-12-07T12:30:00Z")).await.unwrap(), 1);
    assert_eq!(homeroom::presence::weekly::schedule_due(db, at("2026-12-08T12:30:00Z")).await.unwrap(), 0, "Tuesday");
    // The jobs wait for that Monday; let the clock reach it.
    run("UPDATE jobs SET run_at = 0 WHERE kind = 'presence.weekly-email'", vec![]).await;

    let mail = smtp.wait_for_count(2, 60).await;
    assert_eq!(mail.len(), 2);
    let to_tutor = mail.iter().find(|m| m.to.contains("tutor@example.org")).expect("the tutor's email");
    let to_ta = mail.iter().find(|m| m.to.contains("ta@example.org")).expect("the TA's email");
    assert!(to_tutor.subject.contains("Weekly: your outreach week"), "{}", to_tutor.subject);
    assert!(to_tutor.body.contains("Good morning, Tess Tutor"), "{}", to_tutor.body);
    // Round robin: Ada is the tutor's, Bo the TA's; both are due and never contacted.
    assert!(
        to_tutor.body.contains("Due a personal word from you this week: 1") && to_tutor.body.contains("Ada Lovelace")
    );
    assert!(!to_tutor.body.contains("Bo Berg"), "{}", to_tutor.body);
    assert!(to_tutor.body.contains(&format!("/courses/{}/outreach", course.id)));
    assert!(to_ta.body.contains("God morgen, Tim Assistant") && to_ta.body.contains("Bo Berg"), "{}", to_ta.body);
}
both!(the_weekly_email_comes_at_seven_on_monday_in_each_persons_zone_and_language);
