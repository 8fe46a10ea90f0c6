//! The query budget (issue 9): every GET page of the route list (the authorization
//! matrix's `cases()`, which its own test keeps complete) issues the same number of SQL
//! statements for the demo class (36 students) and for a class of 300 with content in
//! proportion (`demo --students 300`: posts, introductions, messages, files, survey
//! answers, groups, notifications), and no more than the budget written next to it.
//!
//! A page in `KNOWN_TO_GROW` is reported but does not fail the test: those pages are
//! being made bounded now, and the list empties as the fixes merge. Any other page that
//! grows, goes over its budget, has no budget, or cannot be rendered fails the test.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, Statement};

use crate::both;
use crate::matrix::{Who, cases};
use crate::support::{Backend, Browser, Resp, TestApp};

/// Students in the large class (the small one is the demo's hand-written 36).
const LARGE: usize = 300;

/// The most statements each GET page may issue (route as the router writes it): what
/// each page issues today, with two to spare on the pages being reworked for paging now
/// (the forum, members, introductions, Meet the class, messages, files, survey results,
/// notifications, the course home, pictures). Lower a budget when a page gets cheaper.
/// Statements a data export issues beyond one per personal table of the registry.
const OWN_EXPORT_EXTRA: u64 = 3;
const ADMIN_EXPORT_EXTRA: u64 = 12;

const EXPORTS: [&str; 2] = ["/admin/people/{user_id}/export", "/account/data/export"];

/// The budget of an export route: one statement per personal table, plus its extra.
fn export_budget(extra: u64) -> u64 {
    use homeroom::privacy::{Handling, REGISTRY};
    REGISTRY.iter().filter(|e| matches!(e.handling, Handling::Personal)).count() as u64 + extra
}

const BUDGETS: &[(&str, u64)] = &[
    ("/", 4),
    ("/healthz", 0),
    ("/metrics", 0),
    ("/static/{file}", 0),
    ("/sign-in", 1),
    ("/forgot-password", 1),
    ("/set-password/{token}", 3),
    ("/account", 6),
    ("/courses/new", 2),
    ("/courses/{course_id}", 46),
    ("/api/courses/{course_id}/members", 5),
    ("/courses/{course_id}/settings", 2),
    ("/courses/{course_id}/members", 5),
    ("/courses/{course_id}/invite", 2),
    ("/join/{code}", 3),
    ("/admin/outbox", 4),
    ("/courses/{course_id}/groups", 3),
    ("/courses/{course_id}/groups/new", 4),
    ("/courses/{course_id}/groups/{set_id}", 17),
    ("/courses/{course_id}/groups/{set_id}/zoom/{round}", 7),
    ("/courses/{course_id}/checkins/{checkin_id}", 9),
    ("/courses/{course_id}/group-space/{group_id}", 8),
    ("/courses/{course_id}/wiki", 3),
    ("/courses/{course_id}/wiki/{slug}", 4),
    ("/courses/{course_id}/wiki/{slug}/edit", 3),
    ("/courses/{course_id}/wiki/{slug}/history", 5),
    ("/courses/{course_id}/wiki/{slug}/diff", 5),
    ("/courses/{course_id}/time-budget", 8),
    ("/courses/{course_id}/expectations", 8),
    // One bounded statement per column (three by default; the tutor sets them, not the class).
    ("/courses/{course_id}/board", 8),
    ("/courses/{course_id}/survey", 5),
    ("/courses/{course_id}/survey/results", 10),
    ("/courses/{course_id}/survey/results.csv", 7),
    ("/courses/{course_id}/survey/results/{user_id}", 11),
    ("/courses/{course_id}/survey/results/questions/{question_id}", 6),
    ("/courses/{course_id}/spaces", 10),
    ("/courses/{course_id}/spaces/search", 8),
    ("/courses/{course_id}/spaces/{space_id}", 10),
    // Includes the feedback on the posts shown, one statement bound to the reader.
    ("/courses/{course_id}/threads/{thread_id}", 18),
    ("/courses/{course_id}/posts/{post_id}/edit", 6),
    ("/courses/{course_id}/posts/{post_id}/history", 7),
    ("/courses/{course_id}/reports", 7),
    ("/media/{media_id}", 7),
    ("/account/profile", 4),
    ("/courses/{course_id}/people/{user_id}", 15),
    ("/courses/{course_id}/introductions", 11),
    // The first view after a change recomputes the changed directory rows and the choices
    // (decision 0035): five statements more than a view with nothing to recompute.
    ("/courses/{course_id}/class", 14),
    ("/courses/{course_id}/messages", 11),
    ("/courses/{course_id}/messages/{conversation_id}", 10),
    ("/courses/{course_id}/messages/new", 8),
    ("/courses/{course_id}/messages/people", 8),
    ("/courses/{course_id}/shout-outs", 4),
    ("/courses/{course_id}/wins", 5),
    ("/courses/{course_id}/celebrations", 6),
    ("/courses/{course_id}/routine", 9),
    ("/calendar/{feed}", 2),
    ("/notifications", 7),
    ("/notifications/{notification_id}", 4),
    ("/api/notifications/unread", 3),
    // The page of choices, then thread, space and course titles (one statement each).
    ("/notifications/settings", 7),
    ("/unsubscribe/{token}", 2),
    ("/courses/{course_id}/collage", 4),
    ("/courses/{course_id}/collage/together", 4),
    ("/courses/{course_id}/files", 8),
    ("/courses/{course_id}/files/folders/{folder_id}", 9),
    ("/courses/{course_id}/scheduled", 4),
    ("/courses/{course_id}/scheduled/{schedule_id}/edit", 5),
    ("/courses/{course_id}/members.csv", 4),
    ("/confirm/{token}", 3),
    ("/invitations", 3),
    ("/account/two-factor", 5),
    ("/admin/two-factor", 3),
    ("/admin", 4),
    ("/admin/access", 5),
    ("/admin/settings", 3),
    ("/admin/jobs", 3),
    ("/admin/courses", 4),
    ("/admin/courses/{course_id}/delete", 4),
    ("/admin/people", 3),
    ("/admin/people/{user_id}", 4),
    // A data export reads each registered personal table once: its budget is the
    // registry's count plus these (see `export_budget`), so a new table needs no edit here.
    ("/admin/people/{user_id}/export", ADMIN_EXPORT_EXTRA),
    ("/courses/{course_id}/run", 3),
    ("/account/data", 3),
    ("/account/data/export", OWN_EXPORT_EXTRA),
    ("/erasure/{token}", 3),
    ("/courses/{course_id}/radar", 7),
    ("/courses/{course_id}/radar/export.csv", 5),
    ("/courses/{course_id}/radar/contacts", 4),
    ("/courses/{course_id}/my-contacts", 5),
    // The first request makes the tool's key (a read, the write, the read back).
    ("/lti/jwks", 5),
    ("/lti/login", 3),
    ("/lti/contexts/{context_id}/link", 2),
    ("/admin/lti", 7),
    // No provider is configured in this test: not found after the session's one read.
    ("/sso/{provider}/start", 1),
    ("/sso/{provider}/callback", 1),
    ("/courses/{course_id}/lti/deep-links/{login_id}", 8),
    ("/lti/register", 4),
    ("/courses/{course_id}/check-ins", 12),
    ("/courses/{course_id}/check-ins/availability", 3),
    ("/courses/{course_id}/meetups", 12),
    ("/check-ins/feed/{feed}", 2),
    ("/courses/{course_id}/outreach", 9),
    ("/courses/{course_id}/outreach/settings", 9),
    ("/courses/{course_id}/outreach/follow-ups", 9),
    ("/courses/{course_id}/graph", 9),
    ("/courses/{course_id}/like-you/{user_id}", 12),
    ("/courses/{course_id}/like-you", 12),
    ("/courses/{course_id}/response-times", 9),
    ("/courses/{course_id}/live", 6),
    ("/courses/{course_id}/live/new", 4),
    ("/courses/{course_id}/live/{session_id}", 8),
    ("/courses/{course_id}/live/{session_id}/socket", 5),
    ("/courses/{course_id}/live/{session_id}/breakout/{step_id}/zoom", 6),
    ("/courses/{course_id}/personal", 5),
    ("/courses/{course_id}/personal/new", 5),
    ("/courses/{course_id}/personal/{send_id}", 7),
    ("/courses/{course_id}/personal/{send_id}/status.json", 4),
    ("/courses/{course_id}/feedback", 4),
    ("/courses/{course_id}/feedback/given", 4),
    ("/courses/{course_id}/feedback/assignments/{assignment_id}", 6),
    ("/courses/{course_id}/feedback/new", 6),
    ("/courses/{course_id}/feedback/{feedback_id}", 6),
    ("/courses/{course_id}/weekly", 5),
    ("/courses/{course_id}/weekly/new", 4),
    ("/courses/{course_id}/weekly/{weekly_id}", 6),
];

/// Pages that grow with the class today and are being bounded by other work (issue 9):
/// reported, not failed. Remove a route when its fix merges; the test then holds it.
const KNOWN_TO_GROW: &[&str] = &[];

/// Pages whose parameter is a secret the test cannot know (a token, a feed address): they
/// answer 404 (or 410, gone) at the same cost in both classes.
const NOT_FOUND_IS_FINE: &[&str] = &[
    "/set-password/{token}",
    "/unsubscribe/{token}",
    "/calendar/{feed}",
    "/check-ins/feed/{feed}",
    "/confirm/{token}",
    "/erasure/{token}",
    "/metrics",
    "/lti/login",
    "/lti/contexts/{context_id}/link",
    "/sso/{provider}/start",
    "/sso/{provider}/callback",
    "/courses/{course_id}/lti/deep-links/{login_id}",
];

/// Downloads hold the whole class by nature: their bytes may grow (their statements not).
const BYTES_MAY_GROW: &[&str] = &[
    "/courses/{course_id}/members.csv",
    "/courses/{course_id}/survey/results.csv",
    "/courses/{course_id}/radar/export.csv",
    "/admin/people/{user_id}/export",
    "/account/data/export",
];

/// Pages whose bytes grow with the class (their statements do not): reported, not failed.
/// The class graph is a drawing of everyone, by design; its table and its list of names
/// are paged and capped (`lists::the_class_graph_table_pages_and_the_isolated_list_stops`).
const BYTES_KNOWN_TO_GROW: &[&str] = &["/courses/{course_id}/graph"];

/// A page's bytes for the large class may be at most this many times the small
/// class's, plus `BYTES_SLACK`: a page that lists the whole class (a grid of checkboxes,
/// a `<select>` of everyone) grows about eight times and fails.
const BYTES_FACTOR: usize = 3;
const BYTES_SLACK: usize = 30_000;

/// Pages only some people can open: a conversation is its members'.
const VIEWER: &[(&str, &str)] = &[("/courses/{course_id}/messages/{conversation_id}", "student")];

/// One seeded class: the app, a browser per kind of person, and the ids routes ask about.
struct Seeded {
    /// Keeps the server and its database alive while the browsers ask.
    _app: TestApp,
    browsers: BTreeMap<&'static str, Browser>,
    params: Vec<(&'static str, String)>,
}

async fn seeded(b: Backend, students: usize) -> Seeded {
    let app = TestApp::spawn(b).await;
    homeroom::demo::seed_with(app.db(), &app.state.mailer, &app.base, students, &|_| {}).await.unwrap();
    let db = app.db();
    let course = one(db, "SELECT id AS n FROM courses WHERE join_code = 'flexible2026'").await;
    let email = |who: usize| homeroom::demo::sign_ins()[who].1.clone();
    let tutor = user_id(db, &email(0)).await;
    let student = user_id(db, &email(2)).await;
    // The tutor has something in their notification centre in either class.
    homeroom::notifications::notify(
        db,
        homeroom::notifications::New {
            user_id: tutor,
            course_id: Some(course),
            kind: homeroom::notifications::Kind::Reply,
            actor_id: Some(student),
            subject: "A reply",
            link: &format!("/courses/{course}/spaces"),
        },
    )
    .await
    .unwrap();
    let q = |sql: &str| sql.replace("{course}", &course.to_string()).replace("{tutor}", &tutor.to_string());
    // The longest thread, the space with the most threads, the tutor's newest post.
    let thread = one(db, &q("SELECT thread_id AS n FROM forum_posts WHERE course_id = {course} GROUP BY thread_id ORDER BY COUNT(*) DESC, thread_id LIMIT 1")).await;
    let space = one(db, &q("SELECT space_id AS n FROM forum_threads WHERE course_id = {course} GROUP BY space_id ORDER BY COUNT(*) DESC, space_id LIMIT 1")).await;
    let post =
        one(db, &q("SELECT MAX(id) AS n FROM forum_posts WHERE course_id = {course} AND author_id = {tutor}")).await;
    let set = one(db, &q("SELECT id AS n FROM group_sets WHERE course_id = {course} AND kind = 'partners'")).await;
    let checkin = one(db, &format!("SELECT id AS n FROM checkins WHERE group_set_id = {set}")).await;
    let group = one(
        db,
        &format!(
            "SELECT MIN(g.id) AS n FROM course_groups g JOIN group_rounds r ON r.id = g.round_id \
             WHERE r.group_set_id = {set}"
        ),
    )
    .await;
    let media = one(db, &format!("SELECT MIN(id) AS n FROM media WHERE user_id = {student}")).await;
    let conversation =
        one(db, &format!("SELECT MIN(conversation_id) AS n FROM conversation_members WHERE user_id = {student}")).await;
    let notification = one(db, &q("SELECT MAX(id) AS n FROM notifications WHERE user_id = {tutor}")).await;
    let folder = one(db, &q("SELECT MIN(id) AS n FROM file_folders WHERE course_id = {course}")).await;
    let schedule = one(db, &q("SELECT MIN(id) AS n FROM scheduled_posts WHERE course_id = {course}")).await;
    // The past live session, with a summary of the whole class's answers.
    let live = one(db, &q("SELECT MIN(id) AS n FROM live_sessions WHERE course_id = {course}")).await;
    let send = one(db, &q("SELECT MIN(id) AS n FROM personal_sends WHERE course_id = {course}")).await;
    // The survey's first free-text question (its answers are paged).
    let question = one(
        db,
        &q("SELECT MIN(q.id) AS n FROM survey_questions q JOIN surveys s ON s.id = q.survey_id \
            WHERE s.course_id = {course} AND q.kind IN ('short_text', 'long_text')"),
    )
    .await;
    let assignment = one(db, &q("SELECT MIN(id) AS n FROM feedback_assignments WHERE course_id = {course}")).await;
    let feedback = one(db, &q("SELECT MIN(id) AS n FROM feedback WHERE course_id = {course}")).await;
    // This week's message, with its reactions and replies.
    let weekly = one(db, &q("SELECT MAX(id) AS n FROM weekly_messages WHERE course_id = {course}")).await;
    let breakout =
        one(db, &format!("SELECT MIN(id) AS n FROM live_steps WHERE session_id = {live} AND kind = 'breakout'")).await;
    // Only the student's photo is drawn: the page needs a file, not the whole class's.
    let key = one_text(db, &format!("SELECT storage_key AS s FROM media WHERE id = {media}")).await;
    let dir = app.state.config.data_path("media");
    std::fs::create_dir_all(&dir).unwrap();
    let face = image::DynamicImage::ImageRgb8(homeroom::demo::profiles::face(student, 96));
    let jpeg = homeroom::media::picture::jpeg(&face).unwrap();
    std::fs::write(dir.join(&key), &jpeg).unwrap();
    std::fs::write(dir.join(format!("{key}.thumb")), &jpeg).unwrap();

    let params = vec![
        ("{course_id}", course.to_string()),
        ("{user_id}", student.to_string()),
        ("{file}", "app.css".to_string()),
        ("{token}", "no-such-token".to_string()),
        ("{code}", "flexible2026".to_string()),
        ("{set_id}", set.to_string()),
        ("{round}", "1".to_string()),
        ("{checkin_id}", checkin.to_string()),
        ("{group_id}", group.to_string()),
        ("{slug}", "about-the-class".to_string()),
        ("{space_id}", space.to_string()),
        ("{thread_id}", thread.to_string()),
        ("{post_id}", post.to_string()),
        ("{media_id}", media.to_string()),
        ("{conversation_id}", conversation.to_string()),
        ("{notification_id}", notification.to_string()),
        ("{folder_id}", folder.to_string()),
        ("{schedule_id}", schedule.to_string()),
        ("{session_id}", live.to_string()),
        ("{step_id}", breakout.to_string()),
        ("{send_id}", send.to_string()),
        ("{question_id}", question.to_string()),
        ("{assignment_id}", assignment.to_string()),
        ("{feedback_id}", feedback.to_string()),
        ("{weekly_id}", weekly.to_string()),
        ("{feed}", "no-such-feed.ics".to_string()),
        ("{context_id}", "999999".to_string()),
        ("{provider}", "no-such-provider".to_string()),
        ("{login_id}", "999999".to_string()),
    ];
    let mut browsers = BTreeMap::new();
    browsers.insert("anonymous", app.browser());
    for (who, i) in [("tutor", 0), ("ta", 1), ("student", 2), ("outsider", 3), ("admin", 4)] {
        let b = app.browser();
        b.sign_in(&email(i), homeroom::demo::PASSWORD).await;
        browsers.insert(who, b);
    }
    let observer = app.browser();
    observer.sign_in("grete.lund@demo.homeroom.test", homeroom::demo::PASSWORD).await;
    browsers.insert("observer", observer);
    Seeded { _app: app, browsers, params }
}

async fn one(db: &impl ConnectionTrait, sql: &str) -> i64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get::<Option<i64>>("", "n").unwrap().unwrap_or_else(|| panic!("nothing for {sql}"))
}

async fn one_text(db: &impl ConnectionTrait, sql: &str) -> String {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get("", "s").unwrap()
}

async fn user_id(db: &impl ConnectionTrait, email: &str) -> i64 {
    one(db, &format!("SELECT id AS n FROM users WHERE email = '{email}'")).await
}

/// The most privileged person who may see a page: the course's own people first.
fn viewer(allowed: &[Who]) -> &'static str {
    let order = [
        (Who::Tutor, "tutor"),
        (Who::Ta, "ta"),
        (Who::Student, "student"),
        (Who::Observer, "observer"),
        (Who::Admin, "admin"),
        (Who::Outsider, "outsider"),
        (Who::Anonymous, "anonymous"),
    ];
    order.iter().find(|(w, _)| allowed.contains(w)).map(|(_, name)| *name).unwrap_or("anonymous")
}

impl Seeded {
    async fn get(&self, route: &str, who: &str) -> Resp {
        let path = self.params.iter().fold(route.to_string(), |p, (k, v)| p.replace(k, v));
        self.browsers[who].get(&path).await
    }
}

async fn every_get_page_costs_the_same_for_any_class(b: Backend) {
    let (small, large) = tokio::join!(seeded(b, homeroom::demo::crowd::HAND_WRITTEN), seeded(b, LARGE));
    let budgets: BTreeMap<&str, u64> =
        BUDGETS.iter().map(|&(r, b)| (r, if EXPORTS.contains(&r) { export_budget(b) } else { b })).collect();
    let (mut failures, mut known, mut table) = (vec![], vec![], vec![]);
    for case in cases().into_iter().filter(|c| c.method == "GET") {
        let route = case.route.split('?').next().unwrap_or(case.route);
        let Some(&budget) = budgets.get(route) else {
            failures.push(format!("{route}: no budget in BUDGETS"));
            continue;
        };
        let who = VIEWER.iter().find(|(r, _)| *r == route).map_or_else(|| viewer(case.allowed), |(_, w)| *w);
        let (a, z) = tokio::join!(small.get(case.route, who), large.get(case.route, who));
        let unreachable =
            |r: &Resp| r.status >= 400 && !([404, 410].contains(&r.status) && NOT_FOUND_IS_FINE.contains(&route));
        if unreachable(&a) || unreachable(&z) {
            failures.push(format!("{route} as {who}: answered {} (small) and {} (large)", a.status, z.status));
            continue;
        }
        let (Some(n_small), Some(n_large)) = (a.statements, z.statements) else {
            failures.push(format!("{route}: no x-statements header"));
            continue;
        };
        let (b_small, b_large) = (a.body.len(), z.body.len());
        table.push(format!("{route:<58} {who:<9} {n_small:>4} {n_large:>4} {budget:>4} {b_small:>8} {b_large:>8}"));
        if !BYTES_MAY_GROW.contains(&route) && b_large > b_small * BYTES_FACTOR + BYTES_SLACK {
            let line = format!("{route} as {who}: {b_small} bytes for the small class, {b_large} for {LARGE}");
            if KNOWN_TO_GROW.contains(&route) || BYTES_KNOWN_TO_GROW.contains(&route) {
                known.push(line)
            } else {
                failures.push(line)
            }
        }
        if n_small != n_large || n_large > budget {
            let line = format!(
                "{route} as {who}: {n_small} statements for {} students, {n_large} for {LARGE}, budget {budget}",
                homeroom::demo::crowd::HAND_WRITTEN
            );
            if KNOWN_TO_GROW.contains(&route) { known.push(line) } else { failures.push(line) }
        }
    }
    println!("route, viewer, statements (small, large), budget, bytes (small, large):\n{}", table.join("\n"));
    if !known.is_empty() {
        println!("known to grow (being fixed; not failing):\n  {}", known.join("\n  "));
    }
    for route in KNOWN_TO_GROW {
        assert!(budgets.contains_key(route), "{route} is in KNOWN_TO_GROW but not in BUDGETS");
    }
    assert!(failures.is_empty(), "query budget failures:\n  {}", failures.join("\n  "));
}
both!(every_get_page_costs_the_same_for_any_class);
