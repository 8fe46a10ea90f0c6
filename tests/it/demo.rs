//! The demo course is seeded once and looks like a real class.

use crate::both;
use crate::support::{Backend, TestApp};

async fn demo_seeds_once_and_signs_in(b: Backend) {
    let app = TestApp::spawn(b).await;
    let seeded = homeroom::demo::seed(app.db(), &app.state.mailer, &app.base, &|_| {}).await.unwrap();
    assert!(seeded);
    let users = app.count("users").await;
    let again = homeroom::demo::seed(app.db(), &app.state.mailer, &app.base, &|_| {}).await.unwrap();
    assert!(!again);
    assert_eq!(app.count("users").await, users, "a second start seeds nothing");
    assert_eq!(users, 1 + 2 + 36 + 1 + 3);

    let tutor = app.browser();
    tutor.sign_in(&homeroom::demo::sign_ins()[0].1, homeroom::demo::PASSWORD).await;
    let home = tutor.get("/").await;
    home.assert_contains(homeroom::demo::COURSE_TITLE);
    let id: String = home
        .body
        .match_indices("/courses/")
        .map(|(i, _)| home.body[i + 9..].chars().take_while(|c| c.is_ascii_digit()).collect::<String>())
        .find(|id| !id.is_empty())
        .unwrap();
    let page = tutor.get(&format!("/courses/{id}")).await;
    page.assert_status(200)
        .assert_contains("36 students")
        .assert_contains("Ingrid Solberg")
        .assert_contains("Amara Okafor");
    tutor.get(&format!("/courses/{id}/members")).await.assert_contains("invited, not joined yet");

    // The student of another course is refused.
    let outsider = app.browser();
    outsider.sign_in(&homeroom::demo::sign_ins()[3].1, homeroom::demo::PASSWORD).await;
    outsider.get(&format!("/courses/{id}")).await.assert_status(403);

    let admin = app.browser();
    admin.sign_in(homeroom::demo::ADMIN_EMAIL, homeroom::demo::PASSWORD).await;
    admin
        .get("/admin/outbox")
        .await
        .assert_status(200)
        .assert_contains("You are invited to Flexible Learning in Practice");
}
both!(demo_seeds_once_and_signs_in);
