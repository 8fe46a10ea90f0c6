//! Meet the class reads a bounded slice of the class directory (issue 9, decision 0035):
//! the page is one keyset query in the directory index's order, the triggers keep the
//! directory right when a profile's values or visibility change behind the page's back,
//! and a value hidden from the viewer never matches their filter.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseBackend, IntoActiveModel, Statement};

use crate::both;
use crate::lists::class;
use crate::support::{Backend, TestApp};
use homeroom::db::entity::{profile, profile_detail};
use homeroom::policy::{MemberState, Role};

fn details(user_id: i64, visibility: &str) -> profile_detail::Model {
    profile_detail::Model {
        user_id,
        pronouns: String::new(),
        name_say: String::new(),
        name_audio_id: None,
        photo_id: None,
        photo_caption: String::new(),
        bio: String::new(),
        job: String::new(),
        location: String::new(),
        interests: "Chess; go".into(),
        looking_forward: String::new(),
        use_for: String::new(),
        circumstances_note: String::new(),
        contact: String::new(),
        visibility: visibility.into(),
        updated_at: 0,
    }
}

async fn hidden_values_follow_their_owner_visibility(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Large", &t).await;
    let people = class(&app, &c, 40, "Person", MemberState::Active).await;
    let peer = app.user("peer@example.org", "Peer Student").await;
    app.enrol(&c, &peer, Role::Student).await;
    let (ada, bo) = (&people[3], &people[7]);
    let tutor = app.signed_in("tutor@example.org").await;
    let classmate = app.signed_in("peer@example.org").await;
    // A first view computes the whole (stale) directory; later changes recompute one row.
    assert_eq!(classmate.get(&format!("/courses/{}/class", c.id)).await.status, 200);
    for (u, vis) in [(ada, r#"{"work":"tutors","interests":"tutors"}"#), (bo, "{}")] {
        profile::Model {
            user_id: u.id,
            organisation: "Acme".into(),
            circumstances: String::new(),
            birthday: None,
            updated_at: 0,
        }
        .into_active_model()
        .insert(app.db())
        .await
        .unwrap();
        profile_detail::ActiveModel::from(details(u.id, vis)).insert(app.db()).await.unwrap();
    }
    let cards = |body: &str, u: &homeroom::db::entity::user::Model| body.contains(&format!("id=\"card-{}\"", u.id));
    let by_org = format!("/courses/{}/class?organisation=acme", c.id);
    let by_interest = format!("/courses/{}/class?interest=chess", c.id);
    let seen = classmate.get(&by_org).await.body;
    assert!(cards(&seen, bo) && !cards(&seen, ada), "a work place for tutors does not match a classmate's filter");
    let seen = classmate.get(&by_interest).await.body;
    assert!(cards(&seen, bo) && !cards(&seen, ada));
    let seen = tutor.get(&by_org).await.body;
    assert!(cards(&seen, bo) && cards(&seen, ada), "the teaching team's filter finds both");
    // Ada opens her work place to the class: the next view knows it.
    let mut d = details(ada.id, r#"{"work":"class","interests":"tutors"}"#).into_active_model();
    d.visibility = sea_orm::Set(r#"{"work":"class","interests":"tutors"}"#.into());
    d.reset_all().update(app.db()).await.unwrap();
    let seen = classmate.get(&by_org).await.body;
    assert!(cards(&seen, bo) && cards(&seen, ada), "a visibility change reaches the filter at once");
    // Bo leaves the course: gone from the page and the count.
    app.db()
        .execute_raw(Statement::from_sql_and_values(
            app.db().get_database_backend(),
            "DELETE FROM memberships WHERE course_id = $1 AND user_id = $2",
            [c.id.into(), bo.id.into()],
        ))
        .await
        .unwrap();
    let seen = classmate.get(&by_org).await.body;
    assert!(!cards(&seen, bo) && cards(&seen, ada));
    let rows = app
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            app.db().get_database_backend(),
            "SELECT COUNT(*) AS n FROM class_directory WHERE course_id = $1 AND stale = 0",
            [c.id.into()],
        ))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = rows.try_get("", "n").unwrap();
    assert_eq!(n, 41, "the tutor, 39 students and the peer, all fresh");
}
both!(hidden_values_follow_their_owner_visibility);

/// The page's query walks the directory's index in its order and stops at the page's
/// end: SQLite's plan neither scans the table nor sorts (no temporary B-tree).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_reads_the_directory_index_in_order() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Large", &t).await;
    class(&app, &c, 50, "Person", MemberState::Active).await;
    let stmt = homeroom::introductions::class::first_page_statement(DatabaseBackend::Sqlite, c.id, 0, t.id, 31);
    let explain = Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        format!("EXPLAIN QUERY PLAN {}", stmt.sql),
        stmt.values.map(|v| v.0).unwrap_or_default(),
    );
    let plan: Vec<String> = app
        .db()
        .query_all_raw(explain)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "detail").unwrap())
        .collect();
    let plan = plan.join("\n");
    assert!(plan.contains("class_directory_order"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "the page must not sort the class: {plan}");
    assert!(plan.lines().next().unwrap_or("").contains("d USING"), "the directory drives the join: {plan}");
}
