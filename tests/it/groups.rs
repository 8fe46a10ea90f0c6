//! Group sets in a course: planning, moving by hand, publishing, history, partners,
//! Zoom export, check-ins and project spaces.

use crate::both;
use crate::support::{Backend, Browser, TestApp};
use homeroom::policy::Role;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// Plan a set through the form; returns its id.
pub async fn make_set(tutor: &Browser, course_id: i64, kind: &str, size: &str, rounds: &str) -> i64 {
    let r = tutor
        .post(
            &format!("/courses/{course_id}/groups/new"),
            &[
                ("title", "Test groups"),
                ("kind", kind),
                ("size", size),
                ("rounds", rounds),
                ("mix_organisations", "1"),
                ("overlap_hours", ""),
                ("facilitator", "rotation"),
                ("prompts", "What brought you here?\nWhat surprised you?"),
            ],
        )
        .await;
    let location = r
        .location
        .clone()
        .unwrap_or_else(|| panic!("planning failed: {} {}", r.status, &r.body[..r.body.len().min(3000)]));
    location.rsplit('/').next().unwrap().parse().unwrap()
}

async fn ids(db: &DatabaseConnection, sql: String) -> Vec<i64> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<i64>("", "id").unwrap())
        .collect()
}

pub async fn only_id(db: &DatabaseConnection, table: &str) -> i64 {
    let v = ids(db, format!("SELECT id FROM {table}")).await;
    assert_eq!(v.len(), 1, "{table}: {v:?}");
    v[0]
}

pub async fn group_ids(db: &DatabaseConnection, set_id: i64) -> Vec<i64> {
    ids(
        db,
        format!(
            "SELECT g.id AS id FROM course_groups g JOIN group_rounds r ON r.id = g.round_id WHERE r.group_set_id = {set_id} ORDER BY r.number, g.number"
        ),
    )
    .await
}

/// Members of each group of a set's round, as user ids.
async fn groups_of_round(db: &DatabaseConnection, set_id: i64, round: i32) -> Vec<Vec<i64>> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "SELECT g.number AS n, m.user_id AS u FROM group_members m JOIN course_groups g ON g.id = m.group_id \
                 JOIN group_rounds r ON r.id = g.round_id WHERE r.group_set_id = {set_id} AND r.number = {round} ORDER BY g.number, m.user_id"
            ),
        ))
        .await
        .unwrap();
    let mut out: Vec<Vec<i64>> = vec![];
    for r in rows {
        let n: i32 = r.try_get("", "n").unwrap();
        let u: i64 = r.try_get("", "u").unwrap();
        while out.len() < n as usize {
            out.push(vec![]);
        }
        out[n as usize - 1].push(u);
    }
    out
}

struct Class {
    app: TestApp,
    course_id: i64,
    students: Vec<i64>,
}

async fn class(b: Backend, n: usize) -> Class {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Groups course", &t).await;
    let mut students = vec![];
    for i in 0..n {
        let s = app.user(&format!("s{i}@example.org"), &format!("Student {i:02}")).await;
        app.enrol(&c, &s, Role::Student).await;
        students.push(s.id);
    }
    Class { app, course_id: c.id, students }
}

async fn plan_move_publish_and_remember(b: Backend) {
    let Class { app, course_id, students } = class(b, 16).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let page = tutor.get(&format!("/courses/{course_id}/groups/new")).await;
    page.assert_status(200).assert_contains("16 students will be placed");
    let set = make_set(&tutor, course_id, "breakout", "4", "2").await;
    let page = tutor.get(&format!("/courses/{course_id}/groups/{set}")).await;
    page.assert_status(200)
        .assert_contains("Nobody meets anyone twice")
        .assert_contains("Round 2")
        .assert_contains("What brought you here?");
    // The teaching team sees a round at a time.
    tutor.get(&format!("/courses/{course_id}/groups/{set}?round=2")).await.assert_contains("What surprised you?");
    page.assert_contains("facilitator").assert_contains("Download for Zoom").assert_contains("At most 5 rounds");
    let round1 = groups_of_round(app.db(), set, 1).await;
    assert_eq!(round1.len(), 4);
    assert!(round1.iter().all(|g| g.len() == 4));

    // Drafts are the teaching team's.
    let s0 = app.signed_in("s0@example.org").await;
    s0.get(&format!("/courses/{course_id}/groups/{set}")).await.assert_status(404);
    assert!(!s0.get(&format!("/courses/{course_id}/groups")).await.body.contains("Test groups"));

    // Move one student from group 1 to group 2 in round 1; the report follows.
    let who = round1[0][0];
    let r = tutor
        .post(
            &format!("/courses/{course_id}/groups/{set}/move"),
            &[("round", "1"), ("user_id", &who.to_string()), ("to_group", "2")],
        )
        .await;
    assert!(r.redirects_to(&format!("/courses/{course_id}/groups/{set}")), "{r:?}");
    let after = groups_of_round(app.db(), set, 1).await;
    assert_eq!((after[0].len(), after[1].len()), (3, 5));
    assert!(after[1].contains(&who));
    tutor
        .get(&format!("/courses/{course_id}/groups/{set}"))
        .await
        .assert_contains("Moved.")
        .assert_contains("Groups of 3 to 5 people");
    tutor
        .post(
            &format!("/courses/{course_id}/groups/{set}/move"),
            &[("round", "7"), ("user_id", &who.to_string()), ("to_group", "1")],
        )
        .await
        .assert_status(400);

    // Published: each student sees their group, its facilitator and the prompt.
    tutor.post(&format!("/courses/{course_id}/groups/{set}/publish"), &[]).await;
    let mine = s0.get(&format!("/courses/{course_id}/groups/{set}")).await;
    mine.assert_status(200)
        .assert_contains("Your group")
        .assert_contains("What brought you here?")
        .assert_contains("facilitator");
    let my_group = after.iter().find(|g| g.contains(&students[0])).unwrap();
    for other in &students {
        let name = format!("Student {:02}", students.iter().position(|s| s == other).unwrap());
        assert_eq!(
            mine.body.contains(&name),
            my_group.contains(other) || round_two_has(&app, set, students[0], *other).await,
            "{name}"
        );
    }
    assert!(!mine.body.contains("How good is this plan"), "the report is for tutors");

    // The next plan knows who has met.
    let next = make_set(&tutor, course_id, "breakout", "4", "1").await;
    let report: String = app
        .db()
        .query_one_raw(Statement::from_string(
            app.db().get_database_backend(),
            format!("SELECT report FROM group_sets WHERE id = {next}"),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "report")
        .unwrap();
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert!(report["pairs_met"].as_u64().unwrap() > 40, "history counted: {report}");
    // Moving a person by hand left an uneven history; at most one pair meets again.
    assert!(report["repeats_with_history"].as_u64().unwrap() <= 1, "{report}");
}
both!(plan_move_publish_and_remember);

async fn round_two_has(app: &TestApp, set: i64, a: i64, b: i64) -> bool {
    groups_of_round(app.db(), set, 2).await.iter().any(|g| g.contains(&a) && g.contains(&b))
}

async fn bad_settings_are_explained_and_nothing_is_written(b: Backend) {
    let Class { app, course_id, .. } = class(b, 5).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let r = tutor
        .post(
            &format!("/courses/{course_id}/groups/new"),
            &[
                ("title", ""),
                ("kind", "breakout"),
                ("size", "9"),
                ("rounds", "40"),
                ("overlap_hours", "99"),
                ("facilitator", "tallest"),
            ],
        )
        .await;
    r.assert_status(422)
        .assert_contains("cannot be larger than the class")
        .assert_contains("between 1 and 12 rounds")
        .assert_contains("from 0 to 14")
        .assert_contains("how facilitators are picked")
        .assert_contains("give the group set a name");
    assert_eq!(app.count("group_sets").await, 0);
}
both!(bad_settings_are_explained_and_nothing_is_written);

async fn partners_pair_everyone_with_one_triple(b: Backend) {
    let Class { app, course_id, .. } = class(b, 7).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let set = make_set(&tutor, course_id, "partners", "", "1").await;
    let mut sizes: Vec<usize> = groups_of_round(app.db(), set, 1).await.iter().map(Vec::len).collect();
    sizes.sort();
    assert_eq!(sizes, vec![2, 2, 3]);
    // Zoom's file: its exact header and one line per person.
    let csv = tutor.get(&format!("/courses/{course_id}/groups/{set}/zoom/1")).await;
    csv.assert_status(200);
    assert!(csv.content_type.starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "Pre-assign Room Name,Email Address");
    assert_eq!(lines.len(), 8);
    assert!(lines[1..].iter().all(|l| l.starts_with("Room ") && l.ends_with("@example.org")));
    tutor.get(&format!("/courses/{course_id}/groups/{set}/zoom/2")).await.assert_status(404);
}
both!(partners_pair_everyone_with_one_triple);

async fn checkins_are_read_by_the_group_and_counted_for_tutors(b: Backend) {
    let Class { app, course_id, .. } = class(b, 4).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let set = make_set(&tutor, course_id, "partners", "", "1").await;
    tutor.post(&format!("/courses/{course_id}/groups/{set}/publish"), &[]).await;
    let r = tutor
        .post(
            &format!("/courses/{course_id}/groups/{set}/checkins"),
            &[("title", "Week 2"), ("prompt", "How did it go?")],
        )
        .await;
    let path = r.location.clone().unwrap();
    let pairs = groups_of_round(app.db(), set, 1).await;
    let email = |id: i64, app: &TestApp| {
        let app_students = app;
        let _ = app_students;
        format!("s{}@example.org", id - 2)
    };
    let (a, partner) = (pairs[0][0], pairs[0][1]);
    let other = pairs[1][0];
    let a_b = app.signed_in(&email(a, &app)).await;
    a_b.get(&path).await.assert_status(200).assert_contains("How did it go?");
    a_b.post(&format!("{path}/entry"), &[("body", "   ")]).await.assert_status(400);
    a_b.post(&format!("{path}/entry"), &[("body", "A private reflection about my week")]).await;

    // The tutor sees that A wrote, not what.
    let t = tutor.get(&path).await;
    t.assert_contains("1 of 4 have written");
    assert!(!t.body.contains("A private reflection"));
    // The partner reads it and replies; someone in another pair does not see it.
    let p = app.signed_in(&email(partner, &app)).await;
    p.get(&path).await.assert_contains("A private reflection");
    let entry = only_id(app.db(), "checkin_entries").await;
    p.post(&format!("{path}/entries/{entry}/reply"), &[("body", "Thanks for sharing!")]).await;
    a_b.get(&path).await.assert_contains("Thanks for sharing!");
    let o = app.signed_in(&email(other, &app)).await;
    let page = o.get(&path).await;
    page.assert_status(200);
    assert!(!page.body.contains("A private reflection"));
    o.post(&format!("{path}/entries/{entry}/reply"), &[("body", "Sneaky")]).await.assert_status(403);

    // Shared with the tutors: now they see the words.
    a_b.post(&format!("{path}/entry"), &[("body", "A private reflection, now shared"), ("share", "1")]).await;
    tutor.get(&path).await.assert_contains("now shared");
}
both!(checkins_are_read_by_the_group_and_counted_for_tutors);

async fn project_groups_have_a_space_of_their_own(b: Backend) {
    let Class { app, course_id, .. } = class(b, 4).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let set = make_set(&tutor, course_id, "project", "2", "").await;
    tutor.post(&format!("/courses/{course_id}/groups/{set}/publish"), &[]).await;
    let groups = groups_of_round(app.db(), set, 1).await;
    let gids = group_ids(app.db(), set).await;
    let space = format!("/courses/{course_id}/group-space/{}", gids[0]);
    let member = app.signed_in(&format!("s{}@example.org", groups[0][0] - 2)).await;
    member.get(&format!("/courses/{course_id}/groups/{set}")).await.assert_contains("s space");
    member.post(&space, &[("title", ""), ("body", "no title")]).await.assert_status(400);
    assert!(
        member.post(&space, &[("title", "Our plan"), ("body", "Let us meet on Tuesday.")]).await.redirects_to(&space)
    );
    let thread = only_id(app.db(), "group_posts").await;
    let mate = app.signed_in(&format!("s{}@example.org", groups[0][1] - 2)).await;
    mate.post(&space, &[("body", "Tuesday works"), ("parent_id", &thread.to_string())]).await;
    mate.get(&space).await.assert_contains("Our plan").assert_contains("Tuesday works");
    tutor.get(&space).await.assert_status(200).assert_contains("Our plan");
    let outsider = app.signed_in(&format!("s{}@example.org", groups[1][0] - 2)).await;
    outsider.get(&space).await.assert_status(403);
    outsider.post(&space, &[("title", "Hi"), ("body", "intruding")]).await.assert_status(403);
}
both!(project_groups_have_a_space_of_their_own);

async fn profile_basics_feed_the_planner(b: Backend) {
    let Class { app, .. } = class(b, 1).await;
    let s = app.signed_in("s0@example.org").await;
    s.post(
        "/account/about",
        &[("organisation", "Acme  Learning"), ("circumstances", "Parent; working full time"), ("birthday", "02-30")],
    )
    .await
    .assert_status(422)
    .assert_contains("MM-DD");
    assert_eq!(app.count("profiles").await, 0);
    let r = s
        .post(
            "/account/about",
            &[
                ("organisation", "Acme  Learning"),
                ("circumstances", "Parent; working full time"),
                ("birthday", "03-14"),
            ],
        )
        .await;
    assert!(r.redirects_to("/account"));
    let page = s.get("/account").await;
    page.assert_contains("Acme Learning").assert_contains("parent; working full time").assert_contains("03-14");
}
both!(profile_basics_feed_the_planner);
