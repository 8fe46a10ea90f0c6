//! The contact ledger and the relationship radar: signals for the right students after
//! the refresh job, derived contacts recorded once, hand-logged contacts, who may see
//! what (the private note never reaches a student), paging, statements and CSV.

use homeroom::policy::Role;
use homeroom::time::now_ms;
use sea_orm::{ConnectionTrait, EntityTrait, Statement, Value};

use crate::both;
use crate::support::{Backend, Class, TestApp, class};

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

async fn run(app: &TestApp, sql: &str, values: Vec<Value>) -> i64 {
    let db = app.db();
    let r = db
        .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), format!("{sql} RETURNING id"), values))
        .await
        .unwrap()
        .unwrap();
    r.try_get("", "id").unwrap()
}

async fn exec(app: &TestApp, sql: &str, values: Vec<Value>) {
    let db = app.db();
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.unwrap();
}

async fn course_model(app: &TestApp, id: i64) -> homeroom::db::entity::course::Model {
    homeroom::db::entity::course::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

async fn space(app: &TestApp, course: i64) -> i64 {
    run(
        app,
        "INSERT INTO forum_spaces (course_id, kind, title, about, position, created_at) VALUES ($1, 'qa', 'Q&A', '', 1, $2)",
        vec![course.into(), now_ms().into()],
    )
    .await
}

/// A thread opened by `who`; returns (thread, opening post).
async fn thread(app: &TestApp, course: i64, space: i64, who: i64, at: i64) -> (i64, i64) {
    let t = run(
        app,
        "INSERT INTO forum_threads (space_id, course_id, author_id, title, created_at, last_post_at) \
         VALUES ($1, $2, $3, 'A question', $4, $4)",
        vec![space.into(), course.into(), who.into(), at.into()],
    )
    .await;
    let p = post(app, course, t, None, who, at, true).await;
    (t, p)
}

async fn post(app: &TestApp, course: i64, thread: i64, parent: Option<i64>, who: i64, at: i64, opening: bool) -> i64 {
    run(
        app,
        "INSERT INTO forum_posts (thread_id, course_id, parent_id, opening, author_id, body, body_html, search_text, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'text', '<p>text</p>', 'text', $6)",
        vec![thread.into(), course.into(), parent.into(), opening.into(), who.into(), at.into()],
    )
    .await
}

async fn introduce(app: &TestApp, course: i64, who: i64) {
    run(
        app,
        "INSERT INTO introductions (course_id, user_id, body, transcript, created_at, updated_at) VALUES ($1, $2, 'Hi', '', $3, $3)",
        vec![course.into(), who.into(), now_ms().into()],
    )
    .await;
}

async fn keys(app: &TestApp, course: i64, student: i64) -> String {
    let db = app.db();
    let r = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT signal_keys FROM radar_rows WHERE course_id = $1 AND student_id = $2",
            [course.into(), student.into()],
        ))
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no radar row for {student}"));
    r.try_get("", "signal_keys").unwrap()
}

/// Everyone in the class joined a month ago, so the settling-in days are over.
async fn backdate(app: &TestApp, course: i64) {
    exec(
        app,
        "UPDATE memberships SET created_at = $1 WHERE course_id = $2",
        vec![(now_ms() - 30 * DAY).into(), course.into()],
    )
    .await;
}

struct Scene {
    k: Class,
    cy: i64,
    dee: i64,
    dee_thread: i64,
}

/// Ada asks; Bo and Cy answer her and Bo gives Cy a shout-out; the tutor replies to Ada;
/// Dee has only a question nobody answered for 50 hours; Ivy is invited, not active.
async fn scene(b: Backend) -> Scene {
    let k = class(b, "Radar").await;
    let app = &k.app;
    let c = k.course;
    let cy = crate::social_ids(app, "SELECT id FROM users WHERE email = 'cy@example.org'").await[0];
    let dee = app.user("dee@example.org", "Dee Dahl").await;
    let course_model = course_model(app, c).await;
    app.enrol(&course_model, &dee, Role::Student).await;
    let ivy = app.user("ivy@example.org", "Ivy Invited").await;
    app.enrol(&course_model, &ivy, Role::Student).await;
    backdate(app, c).await;
    exec(app, "UPDATE memberships SET state = 'invited' WHERE user_id = $1", vec![ivy.id.into()]).await;
    let now = now_ms();
    let s = space(app, c).await;
    let (t1, ada_q) = thread(app, c, s, k.ada, now - 3 * DAY).await;
    post(app, c, t1, Some(ada_q), k.bo, now - 2 * DAY, false).await;
    post(app, c, t1, Some(ada_q), cy, now - 2 * DAY, false).await;
    post(app, c, t1, Some(ada_q), k.tutor, now - HOUR, false).await;
    run(
        app,
        "INSERT INTO shout_outs (course_id, from_id, to_id, body, created_at) VALUES ($1, $2, $3, 'Thanks!', $4)",
        vec![c.into(), k.bo.into(), cy.into(), (now - DAY).into()],
    )
    .await;
    let (dee_thread, _) = thread(app, c, s, dee.id, now - 50 * HOUR - 60_000).await;
    for who in [k.ada, k.bo, cy] {
        introduce(app, c, who).await;
    }
    Scene { k, cy, dee: dee.id, dee_thread }
}

async fn signals_for_the_right_students(b: Backend) {
    let sc = scene(b).await;
    let (app, c) = (&sc.k.app, sc.k.course);
    let n = homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    assert_eq!(n, 4, "Ada, Bo, Cy and Dee; not the invited student, the observer or the tutor");
    assert_eq!(keys(app, c, sc.k.ada).await, " ", "Ada is connected and was answered by the tutor");
    assert_eq!(keys(app, c, sc.k.bo).await, " not-contacted ");
    assert_eq!(keys(app, c, sc.cy).await, " not-contacted ");
    assert_eq!(keys(app, c, sc.dee).await, " not-contacted isolated unanswered not-introduced ");

    let tutor = app.signed_in("tutor@example.org").await;
    let page = tutor.get(&format!("/courses/{c}/radar")).await;
    page.assert_status(200);
    page.assert_contains("Dee Dahl").assert_contains("Ada Lovelace");
    assert!(!page.body.contains("Ivy Invited") && !page.body.contains("Olly Observer"));
    page.assert_contains("unanswered question for 50 hours");
    page.assert_contains(&format!("/courses/{c}/threads/{}#post-", sc.dee_thread));
    page.assert_contains("never personally contacted");
    let isolated = tutor.get(&format!("/courses/{c}/radar?signal=isolated")).await;
    assert!(isolated.body.contains("Dee Dahl") && !isolated.body.contains("Bo Berg"), "{}", isolated.body);
}
both!(signals_for_the_right_students);

async fn a_staff_reply_is_one_derived_contact(b: Backend) {
    let sc = scene(b).await;
    let (app, c) = (&sc.k.app, sc.k.course);
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    // Forget the watermarks: deriving everything again still records each contact once.
    exec(app, "DELETE FROM radar_watermarks", vec![]).await;
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    let derived = crate::social_ids(app, "SELECT id FROM contacts WHERE source = 'derived'").await;
    assert_eq!(derived.len(), 1);
    let kinds = crate::social_ids(app, "SELECT student_id AS id FROM contacts WHERE kind = 'reply'").await;
    assert_eq!(kinds, [sc.k.ada]);
    // Student-to-student replies and shout-outs are not contacts.
    assert_eq!(app.count("contacts").await, 1);
}
both!(a_staff_reply_is_one_derived_contact);

async fn a_logged_contact_clears_not_contacted_and_keeps_its_note_private(b: Backend) {
    let sc = scene(b).await;
    let (app, c) = (&sc.k.app, sc.k.course);
    let tutor = app.signed_in("tutor@example.org").await;
    let bo = sc.k.bo.to_string();

    // A mistake comes back with what was typed, and nothing is written.
    let r = tutor
        .post(
            &format!("/courses/{c}/radar/contacts"),
            &[("to", &bo), ("kind", "call"), ("when", "last tuesday"), ("note", "Kept words")],
        )
        .await;
    r.assert_status(422);
    r.assert_contains("Kept words").assert_contains("Write the date and time");
    assert!(crate::social_ids(app, "SELECT id FROM contacts WHERE source = 'logged'").await.is_empty());

    let form = tutor.get(&format!("/courses/{c}/radar/contacts?to={bo}")).await;
    form.assert_status(200);
    assert!(form.body.contains(&format!("value=\"{bo}\" checked")), "{}", form.body);

    let r = tutor
        .post(
            &format!("/courses/{c}/radar/contacts"),
            &[
                ("to", &bo),
                ("to", &sc.cy.to_string()),
                ("kind", "call"),
                ("when", ""),
                ("note", "SECRET-NOTE about family"),
                ("follow_up", "2027-01-10"),
            ],
        )
        .await;
    assert!(r.redirects_to(&format!("/courses/{c}/radar")), "{r:?}");
    assert_eq!(crate::social_ids(app, "SELECT id FROM contacts WHERE source = 'logged'").await.len(), 2);
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    assert_eq!(keys(app, c, sc.k.bo).await, " ");
    assert_eq!(keys(app, c, sc.dee).await, " not-contacted isolated unanswered not-introduced ");
    tutor.get(&format!("/courses/{c}/radar")).await.assert_contains("by Tess Tutor");

    // Bo sees the contact, by whom, and never the note; not on any radar route.
    let student = app.signed_in("bo@example.org").await;
    let mine = student.get(&format!("/courses/{c}/my-contacts")).await;
    mine.assert_status(200);
    mine.assert_contains("Phone or video call").assert_contains("Tess Tutor");
    for path in [
        format!("/courses/{c}/my-contacts"),
        format!("/courses/{c}/radar"),
        format!("/courses/{c}/radar/export.csv"),
        format!("/courses/{c}/radar/contacts"),
    ] {
        let r = student.get(&path).await;
        assert!(!r.body.contains("SECRET-NOTE"), "{path}");
    }
    assert_eq!(student.get(&format!("/courses/{c}/radar")).await.status, 403);
    assert_eq!(student.get(&format!("/courses/{c}/radar/export.csv")).await.status, 403);
    let r = student.post(&format!("/courses/{c}/radar/contacts"), &[("to", &bo), ("kind", "call")]).await;
    assert_eq!(r.status, 403);
    for email in ["obs@example.org", "out@example.org"] {
        let other = app.signed_in(email).await;
        assert_eq!(other.get(&format!("/courses/{c}/radar")).await.status, 403, "{email}");
        assert_eq!(other.get(&format!("/courses/{c}/radar/contacts")).await.status, 403, "{email}");
    }
    let export = homeroom::privacy::export_user(app.db(), "bo@example.org").await.unwrap().to_string();
    assert!(export.contains("\"kind\":\"call\""), "{export}");
    assert!(!export.contains("SECRET-NOTE"));
    let tutors = homeroom::privacy::export_user(app.db(), "tutor@example.org").await.unwrap().to_string();
    assert!(tutors.contains("SECRET-NOTE"), "the writer gets their own notes back");
    homeroom::privacy::erase_user(app.db(), "bo@example.org").await.unwrap();
    let about: Vec<i64> = crate::social_ids(app, "SELECT student_id AS id FROM contacts").await;
    assert!(!about.contains(&sc.k.bo) && about.contains(&sc.cy), "{about:?}");
    let left = crate::social_ids(app, "SELECT student_id AS id FROM radar_rows").await;
    assert!(!left.contains(&sc.k.bo));
}
both!(a_logged_contact_clears_not_contacted_and_keeps_its_note_private);

async fn add_students(app: &TestApp, course: i64, from: usize, to: usize) {
    let c = course_model(app, course).await;
    for i in from..to {
        let email = homeroom::validate::Email::parse(&format!("s{i}@example.org")).unwrap();
        // One name a spreadsheet would run as a formula.
        let name = if i == 0 { "=HYPERLINK(\"http://x\")".to_string() } else { format!("Student {i:03}") };
        let u = homeroom::accounts::create_user(app.db(), &email, &name, None, homeroom::i18n::Locale::En, "UTC")
            .await
            .unwrap();
        app.enrol(&c, &u, Role::Student).await;
    }
    backdate(app, course).await;
}

async fn fixed_statements_paging_and_csv(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Big", &t).await;
    let c = course.id;
    add_students(&app, c, 0, 10).await;
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    let tutor = app.signed_in("tutor@example.org").await;
    // The first course page in a while also records "last active" (one write): warm up.
    tutor.get(&format!("/courses/{c}/radar")).await.assert_status(200);
    let small = tutor.get(&format!("/courses/{c}/radar")).await;
    small.assert_status(200);
    add_students(&app, c, 10, 60).await;
    // A hand-logged contact for some, so "last contact by" names are looked up too.
    for s in [3, 40] {
        let id = crate::social_ids(&app, &format!("SELECT id FROM users WHERE email = 's{s}@example.org'")).await[0];
        tutor.post(&format!("/courses/{c}/radar/contacts"), &[("to", &id.to_string()), ("kind", "chat")]).await;
    }
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    let large = tutor.get(&format!("/courses/{c}/radar")).await;
    assert!(small.statements.is_some());
    assert_eq!(small.statements, large.statements, "the radar's statements grow with the class");

    for sort in ["name", "contact", "activity"] {
        let mut seen = vec![];
        let mut next = Some(format!("/courses/{c}/radar?sort={sort}&size=7"));
        let mut pages = 0;
        while let Some(path) = next.take() {
            let r = tutor.get(&path).await;
            r.assert_status(200);
            for part in r.body.split("name=\"to\" value=\"").skip(1) {
                seen.push(part.split('"').next().unwrap().to_string());
            }
            next = r
                .body
                .split("rel=\"next\" href=\"")
                .nth(1)
                .map(|h| h.split('"').next().unwrap().replace("&amp;", "&").replace("&#38;", "&"));
            pages += 1;
            assert!(pages < 20, "paging does not end: {path} -> {next:?}");
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (60, 60), "{sort}");
    }

    let csv = tutor.get(&format!("/courses/{c}/radar/export.csv")).await;
    csv.assert_status(200);
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    assert_eq!(csv.body.lines().count(), 61);
}
both!(fixed_statements_paging_and_csv);

/// (peers, recent peers, posts) on a student's radar row.
async fn counts(app: &TestApp, course: i64, student: i64) -> (i32, i32, i32) {
    let db = app.db();
    let r = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT peers, recent_peers, posts FROM radar_rows WHERE course_id = $1 AND student_id = $2",
            [course.into(), student.into()],
        ))
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no radar row for {student}"));
    (r.try_get("", "peers").unwrap(), r.try_get("", "recent_peers").unwrap(), r.try_get("", "posts").unwrap())
}

/// The refresh reads running totals kept as rows are written (decision 0036), never the
/// course's history: a new interaction shows after the next refresh; a source row removed
/// behind the totals' back does not (were the refresh to read the sources again, it
/// would); a deleted post stops counting; people who leave or are erased vanish from
/// everyone's totals.
async fn the_radar_reads_running_totals_not_history(b: Backend) {
    let sc = scene(b).await;
    let (app, c, ada) = (&sc.k.app, sc.k.course, sc.k.ada);
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    assert_eq!(counts(app, c, ada).await, (2, 2, 1), "Bo and Cy; the tutor is not a classmate");
    assert_eq!(counts(app, c, sc.dee).await, (0, 0, 1));

    run(
        app,
        "INSERT INTO shout_outs (course_id, from_id, to_id, body, created_at) VALUES ($1, $2, $3, 'Welcome!', $4)",
        vec![c.into(), ada.into(), sc.dee.into(), now_ms().into()],
    )
    .await;
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    assert_eq!(counts(app, c, ada).await, (3, 3, 1));
    assert_eq!(counts(app, c, sc.dee).await, (1, 1, 1));

    exec(app, "DELETE FROM shout_outs", vec![]).await;
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    assert_eq!(counts(app, c, ada).await, (3, 3, 1), "the refresh read the shout-outs again");

    exec(app, "UPDATE forum_posts SET deleted_at = $1 WHERE author_id = $2", vec![now_ms().into(), ada.into()]).await;
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    assert_eq!(counts(app, c, ada).await, (3, 3, 0), "a deleted post is no longer a post");

    exec(app, "DELETE FROM memberships WHERE course_id = $1 AND user_id = $2", vec![c.into(), sc.k.bo.into()]).await;
    homeroom::privacy::erase_user(app.db(), "cy@example.org").await.unwrap();
    homeroom::presence::refresh(app.db(), c, now_ms()).await.unwrap();
    assert_eq!(counts(app, c, ada).await, (1, 1, 0), "only Dee is left");
    let pairs =
        crate::social_ids(app, "SELECT a_id AS id FROM radar_pairs UNION ALL SELECT b_id AS id FROM radar_pairs").await;
    assert!(!pairs.contains(&sc.cy) && !pairs.contains(&sc.k.bo), "{pairs:?}");
    assert!(crate::social_ids(app, "SELECT user_id AS id FROM radar_people").await.iter().all(|id| *id != sc.cy));
}
both!(the_radar_reads_running_totals_not_history);

/// Each student's row and when it was last written.
async fn written(app: &TestApp, course: i64) -> std::collections::BTreeMap<i64, i64> {
    let db = app.db();
    db.query_all_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "SELECT student_id, refreshed_at FROM radar_rows WHERE course_id = $1",
        vec![course.into()],
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| (r.try_get("", "student_id").unwrap(), r.try_get("", "refreshed_at").unwrap()))
    .collect()
}

/// A refresh writes only the rows whose facts changed, drops the row of someone who
/// left, and the page still says when the figures were checked.
async fn a_refresh_writes_only_what_changed(b: Backend) {
    let sc = scene(b).await;
    let (app, c, ada) = (&sc.k.app, sc.k.course, sc.k.ada);
    let first = now_ms();
    homeroom::presence::refresh(app.db(), c, first).await.unwrap();
    let rows = written(app, c).await;
    assert_eq!(rows.len(), 4, "Ada, Bo, Cy and Dee; Ivy is only invited: {rows:?}");
    assert!(rows.values().all(|at| *at == first));

    homeroom::presence::refresh(app.db(), c, first + 1_000).await.unwrap();
    assert_eq!(written(app, c).await, rows, "nothing changed, so nothing was written");
    let checked = format!("SELECT refreshed_at AS id FROM radar_refreshes WHERE course_id = {c}");
    assert_eq!(crate::social_ids(app, &checked).await, vec![first + 1_000], "the figures were checked all the same");

    run(
        app,
        "INSERT INTO shout_outs (course_id, from_id, to_id, body, created_at) VALUES ($1, $2, $3, 'Welcome!', $4)",
        vec![c.into(), ada.into(), sc.dee.into(), (first + 1_500).into()],
    )
    .await;
    homeroom::presence::refresh(app.db(), c, first + 2_000).await.unwrap();
    let after = written(app, c).await;
    let rewritten: Vec<i64> = after.iter().filter(|(_, at)| **at == first + 2_000).map(|(id, _)| *id).collect();
    let mut expected = vec![ada, sc.dee];
    expected.sort();
    assert_eq!(rewritten, expected, "only the two whose facts changed: {after:?}");

    exec(app, "DELETE FROM memberships WHERE course_id = $1 AND user_id = $2", vec![c.into(), sc.k.bo.into()]).await;
    homeroom::presence::refresh(app.db(), c, first + 3_000).await.unwrap();
    let left = written(app, c).await;
    assert!(!left.contains_key(&sc.k.bo) && left.len() == 3, "Bo left the course: {left:?}");

    let tutor = app.signed_in("tutor@example.org").await;
    tutor.get(&format!("/courses/{c}/radar")).await.assert_status(200).assert_contains("Figures as of");
}
both!(a_refresh_writes_only_what_changed);
