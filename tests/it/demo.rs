//! The demo course is seeded once and looks like a real class.

use crate::both;
use crate::support::{Backend, TestApp};
use sea_orm::{ConnectionTrait, EntityTrait};

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
        .assert_contains("34 students")
        .assert_contains("2 invited")
        .assert_contains("Ingrid Solberg");
    // The home shows a sample of the class; everyone is on "Meet the class".
    tutor.get(&format!("/courses/{id}/class")).await.assert_contains("Amara Okafor");
    tutor.get(&format!("/courses/{id}/members")).await.assert_contains("invited, not joined yet");

    // The student of another course is refused.
    let outsider = app.browser();
    outsider.sign_in(&homeroom::demo::sign_ins()[3].1, homeroom::demo::PASSWORD).await;
    outsider.get(&format!("/courses/{id}")).await.assert_status(403);

    let admin = app.browser();
    admin.sign_in(homeroom::demo::ADMIN_EMAIL, homeroom::demo::PASSWORD).await;
    admin
        .get("/admin/outbox?q=you+are+invited")
        .await
        .assert_status(200)
        .assert_contains("You are invited to Flexible Learning in Practice");
}
both!(demo_seeds_once_and_signs_in);

async fn demo_has_a_collage_and_pictures_on_the_board(b: Backend) {
    let app = TestApp::spawn(b).await;
    homeroom::demo::seed(app.db(), &app.state.mailer, &app.base, &|_| {}).await.unwrap();
    homeroom::demo::collage::write_pictures(&app.state.config, app.db()).await.unwrap();
    assert_eq!(app.count("collage_items").await, 8);
    let row = app
        .db()
        .query_one_raw(sea_orm::Statement::from_string(
            app.db().get_database_backend(),
            "SELECT COUNT(*) AS n FROM board_notes WHERE image_id IS NOT NULL AND image_alt <> ''".to_string(),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<i64>("", "n").unwrap(), 2);

    let tutor = app.browser();
    tutor.sign_in(&homeroom::demo::sign_ins()[0].1, homeroom::demo::PASSWORD).await;
    let course = homeroom::db::entity::collage_item::Entity::find().one(app.db()).await.unwrap().unwrap();
    let page = tutor.get(&format!("/courses/{}/collage", course.course_id)).await;
    page.assert_status(200).assert_contains("A round table where everyone can see each other");
    let pic = crate::media::get_raw(&tutor, &format!("/media/{}", course.media_id), None).await;
    assert_eq!(pic.status(), 200);
    assert!(image::load_from_memory(&pic.bytes().await.unwrap()).is_ok(), "the drawn picture is a real image");
    tutor.get(&format!("/courses/{}/board", course.course_id)).await.assert_contains("alt=\"An open window");
}
both!(demo_has_a_collage_and_pictures_on_the_board);

/// `demo --students N`: N students, and what grows with a class grows in proportion.
async fn demo_grows_in_proportion_to_the_class(b: Backend) {
    let app = TestApp::spawn(b).await;
    let seeded = homeroom::demo::seed_with(app.db(), &app.state.mailer, &app.base, 120, &|_| {}).await.unwrap();
    assert!(seeded);
    let n = |sql: &str| {
        let db = app.db();
        let sql = sql.to_string();
        async move {
            let row = db
                .query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql))
                .await
                .unwrap()
                .unwrap();
            row.try_get::<i64>("", "n").unwrap()
        }
    };
    let course = "(SELECT id FROM courses WHERE join_code = 'flexible2026')";
    assert_eq!(
        n(&format!("SELECT COUNT(*) AS n FROM memberships WHERE role = 'student' AND course_id = {course}")).await,
        120
    );
    let generated = 120 - homeroom::demo::crowd::HAND_WRITTEN as i64;
    // About 20 posts a student, and a thread with a reply from every joined student.
    let posts = n("SELECT COUNT(*) AS n FROM forum_posts").await;
    assert!(posts >= generated * 20 + 118, "only {posts} posts");
    assert_eq!(n("SELECT CAST(MAX(reply_count) AS BIGINT) AS n FROM forum_threads").await, 118, "the long thread");
    assert!(n("SELECT COUNT(*) AS n FROM introductions").await >= 100);
    assert!(n("SELECT COUNT(*) AS n FROM conversations").await >= generated / 2);
    assert!(n("SELECT COUNT(*) AS n FROM notifications").await >= 2 * 118);
    assert!(n("SELECT COUNT(*) AS n FROM survey_responses").await >= 100);
    assert!(n("SELECT COUNT(*) AS n FROM group_members").await >= 2 * 118);
    if matches!(b, Backend::Postgres) {
        // Planned for the class it now holds, not the empty tables autovacuum last saw.
        let analyzed = "SELECT COUNT(*) AS n FROM pg_stat_user_tables \
                        WHERE relname IN ('memberships', 'messages', 'radar_pairs') AND last_analyze IS NOT NULL";
        assert_eq!(n(analyzed).await, 3, "the seeded tables' statistics are fresh");
    }

    // The generated students can sign in and see the big class.
    let student = app.browser();
    student.sign_in("student1@demo.homeroom.test", homeroom::demo::PASSWORD).await;
    let id = n(&format!("SELECT {course} AS n")).await;
    student.get(&format!("/courses/{id}")).await.assert_status(200).assert_contains("118 students");
}
both!(demo_grows_in_proportion_to_the_class);
