//! The start-up kit's progress on the teaching team's course home is cached per course
//! and recounted only after a change (issue 9, decision 0038): the counts stay exact
//! after every kind of change, including ones made straight in the database, and a view
//! with nothing new costs one statement for them instead of a dozen whole-class counts.

use crate::both;
use crate::support::{Backend, Class, class};
use sea_orm::ConnectionTrait;

async fn stale(app: &crate::support::TestApp, course: i64) -> i64 {
    let row = app
        .db()
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            app.db().get_database_backend(),
            "SELECT stale FROM course_kit_progress WHERE course_id = $1",
            [course.into()],
        ))
        .await
        .unwrap()
        .expect("the course home made the row");
    row.try_get("", "stale").unwrap()
}

async fn the_kit_is_counted_once_and_again_after_each_change(b: Backend) {
    let Class { app, course, .. } = class(b, "Kit").await;
    let home = format!("/courses/{course}");
    let tutor = app.signed_in("tutor@example.org").await;
    let first = tutor.get(&home).await;
    first.assert_status(200).assert_contains("0 of 3 students have taken part");
    assert_eq!(stale(&app, course).await, 0);
    let again = tutor.get(&home).await;
    again.assert_contains("0 of 3 students have taken part");
    let (first, again) = (first.statements.unwrap(), again.statements.unwrap());
    assert!(again + 8 <= first, "nothing changed, yet the kit was counted again: {first} then {again} statements");

    // A change through the app: the expectations are written and Ada reads them.
    tutor.post(&format!("{home}/expectations"), &[("body", "Be kind.")]).await;
    let ada = app.signed_in("ada@example.org").await;
    ada.post(&format!("{home}/expectations/read"), &[]).await;
    assert!(stale(&app, course).await > 0, "reading the expectations did not mark the kit stale");
    let after = tutor.get(&home).await;
    after.assert_contains("1 of 3 students have taken part");
    assert!(after.statements.unwrap() > again, "a stale kit was not recounted");
    assert_eq!(stale(&app, course).await, 0);

    // A change made straight in the database is seen too: Bo is no longer an active
    // student, so one of the two students left has taken part.
    app.db()
        .execute_unprepared(&format!("UPDATE memberships SET state = 'invited' WHERE user_id = (SELECT id FROM users WHERE email = 'bo@example.org') AND course_id = {course}"))
        .await
        .unwrap();
    tutor.get(&home).await.assert_contains("1 of 2 students have taken part");
    // Seeing a page (which writes `last_seen_at`) is not a change.
    ada.get(&home).await.assert_status(200);
    assert_eq!(stale(&app, course).await, 0);
}
both!(the_kit_is_counted_once_and_again_after_each_change);
