//! The tutor's expectations: written, pinned, read, and who has read them.

use crate::both;
use crate::support::{Backend, TestApp};
use homeroom::policy::Role;

async fn students_read_the_expectations_and_tutors_see_who(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Expectations", &t).await;
    for (email, name) in [("ada@example.org", "Ada Able"), ("bo@example.org", "Bo Berg")] {
        let u = app.user(email, name).await;
        app.enrol(&c, &u, Role::Student).await;
    }
    let path = format!("/courses/{}/expectations", c.id);
    let home = format!("/courses/{}", c.id);
    let tutor = app.signed_in("tutor@example.org").await;
    // A starter draft, so the tutor never faces a blank page.
    tutor.get(&path).await.assert_contains("What you can expect of me");
    tutor.post(&path, &[("body", "   ")]).await.assert_status(422).assert_contains("Please write the expectations");
    tutor.post(&path, &[("body", "## Response times\n\nI answer within **two days**.")]).await;

    let ada = app.signed_in("ada@example.org").await;
    ada.get(&home).await.assert_contains("Please read the course&#39;s expectations");
    ada.get(&path).await.assert_contains("<strong>two days</strong>").assert_contains("I have read this");
    assert!(ada.post(&format!("{path}/read"), &[]).await.redirects_to(&home));
    ada.get(&home).await.assert_contains("You have read the course&#39;s expectations");
    tutor
        .get(&path)
        .await
        .assert_contains("1 of 2 students have read the current version")
        .assert_contains("Not yet:</strong> Bo Berg");

    // A new version asks everyone to read again.
    tutor.post(&path, &[("body", "## Response times\n\nI answer within **one day**.")]).await;
    ada.get(&home).await.assert_contains("Please read the course&#39;s expectations");
    tutor.get(&path).await.assert_contains("0 of 2 students");
    // Students do not edit; tutors do not tick.
    ada.post(&path, &[("body", "No homework ever")]).await.assert_status(403);
    tutor.post(&format!("{path}/read"), &[]).await.assert_status(403);
}
both!(students_read_the_expectations_and_tutors_see_who);

/// In a large class the tutor sees the counts and the first fifty names of each list.
async fn a_large_class_shows_counts_and_the_first_names(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Expectations", &t).await;
    app.enrol(&c, &app.user("ada@example.org", "Ada Able").await, Role::Student).await;
    for i in 1..60 {
        let email = homeroom::validate::Email::parse(&format!("s{i}@example.org")).unwrap();
        let u = homeroom::accounts::create_user(
            app.db(),
            &email,
            &format!("Student {i:03}"),
            None,
            homeroom::i18n::Locale::En,
            "UTC",
        )
        .await
        .unwrap();
        app.enrol(&c, &u, Role::Student).await;
    }
    let path = format!("/courses/{}/expectations", c.id);
    let tutor = app.signed_in("tutor@example.org").await;
    tutor.post(&path, &[("body", "Be kind.")]).await;
    app.signed_in("ada@example.org").await.post(&format!("{path}/read"), &[]).await;
    let page = tutor.get(&path).await;
    page.assert_contains("1 of 60 students have read the current version")
        .assert_contains("Have read:</strong> Ada Able")
        .assert_contains("and 9 more.");
    assert_eq!(page.body.matches("Student 0").count(), 50, "the first fifty of those who have not read");
    assert!(page.body.contains("Student 001") && !page.body.contains("Student 051"), "those who joined first first");
}
both!(a_large_class_shows_counts_and_the_first_names);
