//! The "About the class" wiki: editing, safe rendering, history, diff, restore, locks,
//! and conflicts that lose nothing.

use crate::both;
use crate::support::{Backend, TestApp};
use homeroom::policy::Role;

struct Setup {
    app: TestApp,
    course_id: i64,
}

async fn setup(b: Backend) -> Setup {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Wiki course", &t).await;
    for (email, name, role) in [
        ("ada@example.org", "Ada", Role::Student),
        ("bo@example.org", "Bo", Role::Student),
        ("obs@example.org", "Olly", Role::Observer),
    ] {
        let u = app.user(email, name).await;
        app.enrol(&c, &u, role).await;
    }
    Setup { app, course_id: c.id }
}

async fn members_write_pages_that_render_safely(b: Backend) {
    let Setup { app, course_id } = setup(b).await;
    let ada = app.signed_in("ada@example.org").await;
    let wiki = format!("/courses/{course_id}/wiki");
    ada.get(&wiki)
        .await
        .assert_status(200)
        .assert_contains("No pages yet")
        .assert_contains("value=\"About the class\"");
    let r = ada.post(&wiki, &[("title", "About the class")]).await;
    let edit = r.location.clone().unwrap();
    assert_eq!(edit, format!("{wiki}/about-the-class/edit"));
    let body = "# Hello class\n\nWe are **36** people.<script>alert('x')</script>\n\n[bad](javascript:alert(1)) <img src=x onerror=alert(1)>";
    let r = ada.post(&edit, &[("title", "About the class"), ("body", body), ("base", "1")]).await;
    assert!(r.redirects_to(&format!("{wiki}/about-the-class")), "{r:?}");
    let page = ada.get(&format!("{wiki}/about-the-class")).await;
    page.assert_contains("<h1>Hello class</h1>")
        .assert_contains("<strong>36</strong>")
        .assert_contains("Last edited by Ada");
    assert!(
        !page.body.contains("<script>alert")
            && !page.body.contains("onerror")
            && !page.body.contains("javascript:alert")
    );
    // A second page with the same title gets its own address.
    let r = ada.post(&wiki, &[("title", "About the class")]).await;
    assert!(r.location.unwrap().contains("about-the-class-2"));
    // Observers read but do not write.
    let olly = app.signed_in("obs@example.org").await;
    olly.get(&format!("{wiki}/about-the-class")).await.assert_status(200);
    olly.post(&edit, &[("title", "x"), ("body", "x"), ("base", "2")]).await.assert_status(403);
    // Bad input is named and writes nothing.
    ada.post(&edit, &[("title", ""), ("body", "kept"), ("base", "2")])
        .await
        .assert_status(422)
        .assert_contains("title");
    let huge = "x".repeat(100_001);
    ada.post(&edit, &[("title", "T"), ("body", &huge), ("base", "2")])
        .await
        .assert_status(422)
        .assert_contains("too long");
    assert_eq!(app.count("wiki_revisions").await, 3);
}
both!(members_write_pages_that_render_safely);

async fn a_second_save_is_told_of_the_conflict_and_loses_nothing(b: Backend) {
    let Setup { app, course_id } = setup(b).await;
    let (ada, bo) = (app.signed_in("ada@example.org").await, app.signed_in("bo@example.org").await);
    let wiki = format!("/courses/{course_id}/wiki");
    ada.post(&wiki, &[("title", "Plans")]).await;
    let edit = format!("{wiki}/plans/edit");
    // Both open the page at version 1.
    ada.post(&edit, &[("title", "Plans"), ("body", "Ada's first line"), ("base", "1")]).await;
    let r = bo.post(&edit, &[("title", "Plans"), ("body", "Bo's own words"), ("base", "1")]).await;
    r.assert_status(409).assert_contains("Someone else saved this page").assert_contains("Bo&#39;s own words");
    r.assert_contains("+ Ada&#39;s first line").assert_contains("name=\"base\" value=\"2\"");
    // Bo combines the two and saves on top of version 2.
    let r = bo.post(&edit, &[("title", "Plans"), ("body", "Ada's first line\nBo's own words"), ("base", "2")]).await;
    assert!(r.redirects_to(&format!("{wiki}/plans")));
    bo.get(&format!("{wiki}/plans")).await.assert_contains("Ada").assert_contains("s own words");
}
both!(a_second_save_is_told_of_the_conflict_and_loses_nothing);

async fn history_diff_restore_and_lock(b: Backend) {
    let Setup { app, course_id } = setup(b).await;
    let ada = app.signed_in("ada@example.org").await;
    let wiki = format!("/courses/{course_id}/wiki");
    ada.post(&wiki, &[("title", "Links")]).await;
    let (edit, page) = (format!("{wiki}/links/edit"), format!("{wiki}/links"));
    ada.post(&edit, &[("title", "Links"), ("body", "one\ntwo"), ("base", "1")]).await;
    ada.post(&edit, &[("title", "Links"), ("body", "one\nthree"), ("base", "2")]).await;
    let h = ada.get(&format!("{page}/history")).await;
    h.assert_status(200).assert_contains("Changes in version 3").assert_contains("Restore version 2");
    let d = ada.get(&format!("{page}/diff?from=2&to=3")).await;
    d.assert_contains("<span class=\"removed\">− two").assert_contains("<span class=\"added\">+ three");
    ada.get(&format!("{page}/diff?from=2&to=99")).await.assert_status(404);
    let r = ada.post(&format!("{page}/restore"), &[("revision", "2")]).await;
    assert!(r.redirects_to(&page));
    ada.get(&page).await.assert_contains("two").assert_contains("restored as a new version");
    ada.get(&format!("{page}/history")).await.assert_contains("restored version 2");

    // Locked: the tutor still edits, students no longer.
    let tutor = app.signed_in("tutor@example.org").await;
    ada.post(&format!("{page}/lock"), &[("locked", "1")]).await.assert_status(403);
    tutor.post(&format!("{page}/lock"), &[("locked", "1")]).await;
    ada.get(&edit).await.assert_status(403);
    ada.post(&edit, &[("title", "Links"), ("body", "vandalism"), ("base", "4")]).await.assert_status(403);
    assert!(
        tutor.post(&edit, &[("title", "Links"), ("body", "one\ntwo\nfour"), ("base", "4")]).await.redirects_to(&page)
    );
    ada.get(&page).await.assert_contains("locked").assert_contains("four");

    // Erasing an author keeps the class's text and marks it as a former member's.
    homeroom::privacy::erase_user(app.db(), "ada@example.org").await.unwrap();
    tutor.get(&format!("{page}/history")).await.assert_contains("former member");
    assert_eq!(app.count("wiki_revisions").await, 5);
}
both!(history_diff_restore_and_lock);
