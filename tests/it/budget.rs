//! The time budget: students plan, tutors see the anonymous summary and who is missing.

use crate::both;
use crate::support::{Backend, TestApp};
use homeroom::policy::Role;

async fn students_plan_and_tutors_see_only_the_summary(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Budget", &t).await;
    for (email, name) in [("ada@example.org", "Ada Able"), ("bo@example.org", "Bo Berg"), ("cy@example.org", "Cy Chen")]
    {
        let u = app.user(email, name).await;
        app.enrol(&c, &u, Role::Student).await;
    }
    let path = format!("/courses/{}/time-budget", c.id);
    let ada = app.signed_in("ada@example.org").await;
    let page = ada.get(&path).await;
    page.assert_status(200).assert_contains("Hours a week for Reading").assert_contains("No plan yet");
    let ids: Vec<String> = page
        .body
        .match_indices("name=\"hours_")
        .map(|(i, _)| page.body[i + 12..].chars().take_while(|c| c.is_ascii_digit()).collect())
        .collect();
    assert_eq!(ids.len(), 5);
    let field = |i: usize| format!("hours_{}", ids[i]);
    // A bad value keeps what was typed and saves nothing.
    let r = ada.post(&path, &[(&field(0), "3"), (&field(1), "lots")]).await;
    r.assert_status(422).assert_contains("from 0 to 60").assert_contains("value=\"lots\"");
    assert_eq!(app.count("budget_entries").await, 0);
    ada.post(&path, &[(&field(0), "3"), (&field(1), "1,5"), (&field(2), "2")]).await;
    ada.get(&path).await.assert_contains("6.5 hours a week in all").assert_contains("value=\"1.5\"");
    let bo = app.signed_in("bo@example.org").await;
    bo.post(&path, &[(&field(0), "5"), (&field(1), "0.5")]).await;

    let tutor = app.signed_in("tutor@example.org").await;
    let summary = tutor.get(&path).await;
    summary
        .assert_contains("2 students have made a plan")
        .assert_contains("<tr><td>Reading</td>\n    <td>4</td><td>3–5</td>");
    summary.assert_contains("One student has not made a plan yet").assert_contains("Cy Chen");
    // Anonymous: no student's name next to their hours, and the tutor has no plan form.
    assert!(!summary.body.contains("Ada Able"));
    assert!(!summary.body.contains("Your weekly plan"));
    tutor.post(&path, &[(&field(0), "1")]).await.assert_status(403);

    // The tutor edits the list; kept names keep their plans.
    ada.get(&path).await.assert_contains("<span class=\"bar-label\">Live sessions</span>");
    tutor.post(&format!("{path}/activities"), &[("activities", "Reading\nPeer feedback\n")]).await;
    let page = ada.get(&path).await;
    page.assert_contains("Peer feedback").assert_contains("3 hours a week in all");
    // The removed activity is gone from the plan (the course menu may name live sessions).
    assert!(!page.body.contains("<span class=\"bar-label\">Live sessions</span>"));
    tutor.post(&format!("{path}/activities"), &[("activities", "\n \n")]).await.assert_status(400);
}
both!(students_plan_and_tutors_see_only_the_summary);

/// In a large class the team sees the first fifty names and how many more, and a student's
/// page reads only their own hours: the same statements for 8 students as for 70.
async fn a_large_class_lists_the_first_names_and_counts_the_rest(b: Backend) {
    let mut costs = vec![];
    for n in [8, 70] {
        let app = TestApp::spawn(b).await;
        let t = app.user("tutor@example.org", "Tess Tutor").await;
        let c = app.course("Budget", &t).await;
        app.enrol(&c, &app.user("ada@example.org", "Ada Able").await, Role::Student).await;
        for i in 1..n {
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
        let path = format!("/courses/{}/time-budget", c.id);
        let ada = app.signed_in("ada@example.org").await;
        let page = ada.get(&path).await;
        let field = page.body.split("name=\"hours_").nth(1).unwrap().split('"').next().unwrap().to_string();
        ada.post(&path, &[(&format!("hours_{field}"), "3")]).await;
        let student = ada.get(&path).await;
        student.assert_contains("3 hours a week in all");
        let tutor = app.signed_in("tutor@example.org").await;
        let team = tutor.get(&path).await;
        team.assert_contains("One student has made a plan");
        let missing = n - 1;
        team.assert_contains(&format!("{missing} students have not made a plan yet"));
        let listed = team.body.matches("Student 0").count();
        assert_eq!(listed, missing.min(50), "names listed of {missing} without a plan");
        if missing > 50 {
            team.assert_contains(&format!("and {} more.", missing - 50));
        }
        assert!(!team.body.contains("Ada Able,"), "Ada has a plan, so she is not listed");
        costs.push((student.statements.unwrap(), team.statements.unwrap()));
    }
    assert_eq!(costs[0], costs[1], "the time budget's statements grew with the class");
}
both!(a_large_class_lists_the_first_names_and_counts_the_rest);
