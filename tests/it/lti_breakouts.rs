//! Breakouts and the LMS's groups (issue 15): once Course Groups imported the LMS's
//! groups as a published group set, a tutor can run a breakout that follows them (the
//! set's round as the rooms) or one planned on the spot that mixes people across them
//! (the engine reads published sets as who has already worked together).

use std::collections::{BTreeSet, HashMap};

use serde_json::json;

use crate::both;
use crate::live::{connect, id_from, state_where};
use crate::lti::{INSTRUCTOR, LEARNER, launch, launch_with, member, scalar, spawn_platform};
use crate::lti_advantage::{in_groups, with_groups};
use crate::support::{Backend, Browser, TestApp, eventually};

/// The rooms of a breakout step, as sets of LMS person ids.
async fn rooms(app: &TestApp, step: i64) -> BTreeSet<BTreeSet<String>> {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.db();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT m.room_id, a.subject FROM live_room_members m JOIN lti_accounts a ON a.user_id = m.user_id \
             WHERE m.step_id = $1",
            vec![step.into()],
        ))
        .await
        .unwrap();
    let mut by_room: HashMap<i64, BTreeSet<String>> = HashMap::new();
    for r in rows {
        by_room.entry(r.try_get("", "room_id").unwrap()).or_default().insert(r.try_get("", "subject").unwrap());
    }
    by_room.into_values().collect()
}

fn set_of(people: &[&str]) -> BTreeSet<String> {
    people.iter().map(|s| s.to_string()).collect()
}

/// A live session with one breakout step (`extra` its settings), started: (session, step).
async fn session_with_breakout(app: &TestApp, tutor: &Browser, course: i64, extra: &[(&str, &str)]) -> (i64, i64) {
    let r = tutor
        .post(&format!("/courses/{course}/live/new"), &[("title", "LMS teams"), ("starts_at", "2026-12-08T10:00")])
        .await;
    let s = id_from(r.location.as_deref().unwrap());
    let mut fields = vec![("kind", "breakout"), ("prompt", "Talk it through")];
    fields.extend_from_slice(extra);
    let r = tutor.post(&format!("/courses/{course}/live/{s}/steps"), &fields).await;
    assert!(r.redirects_to("/courses"), "{} {}", r.status, r.body);
    let step = scalar(app, "SELECT MAX(id) FROM live_steps WHERE session_id = $1", vec![s.into()]).await;
    assert!(tutor.post(&format!("/courses/{course}/live/{s}/start"), &[]).await.redirects_to("/courses"));
    (s, step)
}

async fn breakouts_follow_or_mix_the_lms_groups(b: Backend) {
    let app = TestApp::spawn(b).await;
    let p = spawn_platform(&app).await;
    crate::lti::register(&app, &p).await;
    {
        let mut l = p.lms.lock().unwrap();
        l.members = vec![
            member("ines", INSTRUCTOR),
            in_groups("s1", &["g1"]),
            in_groups("s2", &["g1"]),
            in_groups("s3", &["g2"]),
            in_groups("s4", &["g2"]),
        ];
        l.groups = vec![
            json!({"id": "g1", "name": "Team A", "set_ids": ["set-1"]}),
            json!({"id": "g2", "name": "Team B", "set_ids": ["set-1"]}),
        ];
        l.sets = vec![json!({"id": "set-1", "name": "Project teams"})];
    }
    let (tutor, r) = launch_with(&app, &p, "ines", &[INSTRUCTOR], "c1", with_groups(&p)).await;
    let r = tutor.post(&r.location.unwrap(), &[("course", "new")]).await;
    let course: i64 = r.location.unwrap().rsplit('/').next().unwrap().parse().unwrap();
    eventually(120, "the LMS groups imported", || async {
        scalar(&app, "SELECT COUNT(*) FROM lti_group_sets", vec![]).await == 1
    })
    .await;
    let teams = BTreeSet::from([set_of(&["s1", "s2"]), set_of(&["s3", "s4"])]);

    // Follow: the imported set's round is offered for a breakout, and its rooms are the
    // LMS's groups.
    let round = scalar(
        &app,
        "SELECT r.id FROM group_rounds r JOIN lti_group_sets l ON l.group_set_id = r.group_set_id",
        vec![],
    )
    .await;
    let (s, step) = session_with_breakout(&app, &tutor, course, &[("round", &round.to_string())]).await;
    tutor.get(&format!("/courses/{course}/live/{s}")).await.assert_status(200).assert_contains("Project teams");
    let r = tutor.post(&format!("/courses/{course}/live/{s}/open"), &[("step", &step.to_string())]).await;
    assert!(r.redirects_to("/courses"), "{} {}", r.status, r.body);
    assert_eq!(rooms(&app, step).await, teams);

    // Mix: planned on the spot for the four students here, in rooms of two; nobody is
    // put with their LMS team mate again.
    let (s, step) = session_with_breakout(&app, &tutor, course, &[("size", "2"), ("facilitator", "none")]).await;
    let mut students = vec![];
    for sub in ["s1", "s2", "s3", "s4"] {
        let (sb, r) = launch(&app, &p, sub, &[LEARNER], "c1").await;
        assert!(r.redirects_to(&format!("/courses/{course}")), "{} {:?}", r.status, r.location);
        students.push(sb);
    }
    let mut t_ws = connect(&tutor, course, s, None).await;
    let mut sockets = vec![];
    for sb in &students {
        sockets.push(connect(sb, course, s, None).await);
    }
    state_where(&mut t_ws, "five here", |v| v["here"] == 5).await;
    let r = tutor.post(&format!("/courses/{course}/live/{s}/open"), &[("step", &step.to_string())]).await;
    assert!(r.redirects_to("/courses"), "{} {}", r.status, r.body);
    let mixed = rooms(&app, step).await;
    assert_eq!(mixed.len(), 2, "{mixed:?}");
    assert_eq!(mixed.iter().map(BTreeSet::len).sum::<usize>(), 4);
    for room in &mixed {
        for team in &teams {
            assert!(room.intersection(team).count() <= 1, "{room:?} repeats the LMS team {team:?}");
        }
    }
}
both!(breakouts_follow_or_mix_the_lms_groups);
