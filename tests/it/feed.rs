//! "What's new" on the course home: threads, announcements, shout-outs and milestones
//! from one course, newest first, in the reader's zone, and nothing from another course.

use crate::both;
use crate::support::{Backend, TestApp};
use homeroom::policy::Role;

async fn the_home_shows_whats_new(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Feed", &t).await;
    let ada = app.user("ada@example.org", "Ada Lovelace").await;
    let bo = app.user("bo@example.org", "Bo Berg").await;
    app.enrol(&c, &ada, Role::Student).await;
    app.enrol(&c, &bo, Role::Student).await;
    let other_tutor = app.user("other@example.org", "Otto Other").await;
    let other = app.course("Elsewhere", &other_tutor).await;
    let home = format!("/courses/{}", c.id);
    let a = app.signed_in("ada@example.org").await;
    a.get(&home).await.assert_status(200).assert_contains("What’s new").assert_contains("Nothing new yet");

    let tutor = app.signed_in("tutor@example.org").await;
    tutor.get(&format!("{home}/spaces")).await;
    let otto = app.signed_in("other@example.org").await;
    otto.get(&format!("/courses/{}/spaces", other.id)).await;
    let space = |course: i64, key: &'static str| {
        let db = app.db().clone();
        async move {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            homeroom::db::entity::forum_space::Entity::find()
                .filter(homeroom::db::entity::forum_space::Column::CourseId.eq(course))
                .filter(homeroom::db::entity::forum_space::Column::DefaultKey.eq(key))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let coffee = space(c.id, "coffee").await;
    let news = space(c.id, "announcements").await;
    let r = a
        .post(&format!("{home}/spaces/{coffee}/threads"), &[("title", "Coffee on Friday?"), ("body", "Who is in?")])
        .await;
    assert!(r.redirects_to(&format!("{home}/threads/")), "{r:?}");
    let r = tutor
        .post(&format!("{home}/spaces/{news}/threads"), &[("title", "Room change"), ("body", "Room 101 now.")])
        .await;
    assert!(r.redirects_to(&format!("{home}/threads/")), "{r:?}");
    let r = a.post(&format!("{home}/shout-outs"), &[("to", &bo.id.to_string()), ("body", "Great notes!")]).await;
    assert!(r.status < 400, "{r:?}");
    let r = app
        .signed_in("bo@example.org")
        .await
        .post(&format!("{home}/celebrations/milestones"), &[("body", "Finished module one")])
        .await;
    assert!(r.status < 400, "{r:?}");
    let elsewhere = space(other.id, "coffee").await;
    otto.post(
        &format!("/courses/{}/spaces/{elsewhere}/threads", other.id),
        &[("title", "Secret plans"), ("body", "x")],
    )
    .await;

    let page = app.signed_in("bo@example.org").await.get(&home).await;
    page.assert_status(200)
        .assert_contains("Ada Lovelace started “Coffee on Friday?”")
        .assert_contains("Tess Tutor announced: Room change")
        .assert_contains("Ada Lovelace gave Bo Berg a shout-out")
        .assert_contains("Great notes!")
        .assert_contains("Bo Berg reached a milestone");
    assert!(!page.body.contains("Secret plans"), "another course's news stays there");
    assert!(!page.body.contains("Tess Tutor started “Room change”"), "an announcement is listed once");
    // Newest first: the milestone came last, the coffee thread first.
    let pos = |s: &str| page.body.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(pos("reached a milestone") < pos("a shout-out"));
    assert!(pos("a shout-out") < pos("announced: Room change"));
    assert!(pos("announced: Room change") < pos("started “Coffee on Friday?”"));
}
both!(the_home_shows_whats_new);
