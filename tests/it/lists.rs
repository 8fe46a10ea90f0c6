//! Lists at class scale: every paged list costs the same number of statements for a
//! small and a larger class, its "next" links reach every item exactly once with the
//! filters kept, and exports and photos stay safe and cheap.

use std::collections::HashSet;

use crate::both;
use crate::support::{Backend, Browser, TestApp};
use homeroom::db::entity::{course, membership, user};
use homeroom::policy::{MemberState, Role};
use sea_orm::{ActiveModelTrait, Set};

/// Statement budgets, beside the pages they hold (request context included).
const MEMBERS_BUDGET: u64 = 12;

/// `n` students added straight to the database (no password hashing: fast), in `state`.
/// Names sort as "{prefix} 000", "{prefix} 001", …
async fn class(app: &TestApp, c: &course::Model, n: usize, prefix: &str, state: MemberState) -> Vec<user::Model> {
    let mut out = vec![];
    for i in 0..n {
        let email = homeroom::validate::Email::parse(&format!("{prefix}{i:03}@example.org")).unwrap();
        let u = homeroom::accounts::create_user(
            app.db(),
            &email,
            &format!("{prefix} {i:03}"),
            None,
            homeroom::i18n::Locale::En,
            "Europe/Oslo",
        )
        .await
        .unwrap();
        membership::ActiveModel {
            course_id: Set(c.id),
            user_id: Set(u.id),
            role: Set(Role::Student.as_str().into()),
            state: Set(state.as_str().into()),
            created_at: Set(homeroom::time::now_ms()),
            // Spread "last active" so sorting by it means something.
            last_seen_at: Set(1_000_000 + (i as i64 % 7) * 1000),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
        out.push(u);
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#38;", "&")
        .replace("&#x2f;", "/")
        .replace("&#47;", "/")
        .replace("&#x3d;", "=")
        .replace("&#61;", "=")
}

/// The page's `rel="next"` link, if any.
pub fn next_link(body: &str) -> Option<String> {
    let at = body.find("rel=\"next\" href=\"")? + "rel=\"next\" href=\"".len();
    let end = body[at..].find('"')?;
    Some(unescape(&body[at..at + end]))
}

/// Every value of `prefix(\d+)` in the body, in order.
pub fn ids_after(body: &str, prefix: &str) -> Vec<i64> {
    let mut out = vec![];
    let mut rest = body;
    while let Some(i) = rest.find(prefix) {
        rest = &rest[i + prefix.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(id) = digits.parse() {
            out.push(id);
        }
    }
    out
}

/// Follow the "next" links from `first`, collecting ids by `prefix`; every page must keep
/// `keep` (the filters) in its next link. Fails on a repeat.
pub async fn walk(br: &Browser, first: &str, prefix: &str, keep: &[&str]) -> Vec<i64> {
    let mut seen = vec![];
    let mut at = Some(first.to_string());
    let mut pages = 0;
    while let Some(url) = at {
        let r = br.get(&url).await;
        r.assert_status(200);
        seen.extend(ids_after(&r.body, prefix));
        at = next_link(&r.body);
        if let Some(next) = &at {
            for k in keep {
                assert!(
                    next.contains(k),
                    "{next} lost {k} (from {url}): {}",
                    &r.body[r.body.find("<form").unwrap_or(0)..]
                        [..3000.min(r.body.len() - r.body.find("<form").unwrap_or(0))]
                );
            }
        }
        pages += 1;
        assert!(pages < 100, "paging does not end");
    }
    let unique: HashSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "an item showed twice: {seen:?}");
    seen
}

/// The statements a GET costs once the person's visit is noted (the first course page
/// every quarter of an hour also writes "last active").
pub async fn cost(br: &Browser, url: &str) -> u64 {
    br.get(url).await.assert_status(200);
    let r = br.get(url).await;
    r.assert_status(200);
    r.statements.expect("the server counts statements")
}

async fn members_page_pages_searches_and_costs_the_same(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let small = app.course("Small", &t).await;
    let large = app.course("Large", &t).await;
    class(&app, &small, 10, "Other", MemberState::Active).await;
    let people = class(&app, &large, 80, "Person", MemberState::Active).await;
    let invited = class(&app, &large, 5, "Guest", MemberState::Invited).await;
    let tutor = app.signed_in("tutor@example.org").await;

    let (s, l) = (
        cost(&tutor, &format!("/courses/{}/members", small.id)).await,
        cost(&tutor, &format!("/courses/{}/members", large.id)).await,
    );
    assert_eq!(s, l, "the members page grows with the class");
    assert!(l <= MEMBERS_BUDGET, "members page: {l} statements");

    // Every member once, page by page, in name order.
    let base = format!("/courses/{}/members", large.id);
    let all = walk(&tutor, &base, "id=\"member-", &[]).await;
    assert_eq!(all.len(), 80 + 5 + 1);
    // The search and the filters are kept on every page.
    let found =
        walk(&tutor, &format!("{base}?q=person+0&role=student&size=7"), "id=\"member-", &["q=person", "role=student"])
            .await;
    let want: HashSet<i64> = people.iter().filter(|u| u.name.starts_with("Person 0")).map(|u| u.id).collect();
    assert_eq!(found.iter().copied().collect::<HashSet<_>>(), want);
    // Sorted by last active, all the same people.
    let by_activity = walk(&tutor, &format!("{base}?sort=active&size=9"), "id=\"member-", &["sort=active"]).await;
    assert_eq!(by_activity.len(), 86);
    // Invited people are shown apart.
    let page = tutor.get(&format!("{base}?state=invited")).await;
    page.assert_contains("5 invited, not joined yet").assert_contains("invited, not joined yet");
    assert_eq!(
        ids_after(&page.body, "id=\"member-").into_iter().collect::<HashSet<_>>(),
        invited.iter().map(|u| u.id).collect::<HashSet<_>>()
    );
    // Each row leads to the profile and to a message.
    page.assert_contains(&format!("/courses/{}/people/{}", large.id, invited[0].id))
        .assert_contains(&format!("/courses/{}/messages/new?to={}", large.id, invited[0].id));
}
both!(members_page_pages_searches_and_costs_the_same);

async fn role_changes_return_to_the_row(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Course", &t).await;
    let people = class(&app, &c, 60, "Person", MemberState::Active).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let first = tutor.get(&format!("/courses/{}/members", c.id)).await;
    let second = next_link(&first.body).expect("a second page");
    let target = people.last().unwrap();
    assert!(tutor.get(&second).await.body.contains(&format!("id=\"member-{}\"", target.id)));
    let r = tutor
        .post(&format!("/courses/{}/members/{}/role", c.id, target.id), &[("role", "ta"), ("back", &second)])
        .await;
    assert_eq!(r.location, Some(format!("{second}#member-{}", target.id)));
    // An address elsewhere is not followed.
    let r = tutor
        .post(
            &format!("/courses/{}/members/{}/role", c.id, target.id),
            &[("role", "ta"), ("back", "https://evil.example/")],
        )
        .await;
    assert_eq!(r.location, Some(format!("/courses/{}/members#member-{}", c.id, target.id)));
}
both!(role_changes_return_to_the_row);

async fn the_members_export_is_formula_safe_and_complete(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Course", &t).await;
    class(&app, &c, 30, "Person", MemberState::Active).await;
    let evil = app.user("evil@example.org", "=HYPERLINK(\"http://evil.example\")").await;
    app.enrol(&c, &evil, Role::Student).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let r = tutor.get(&format!("/courses/{}/members.csv", c.id)).await;
    r.assert_status(200);
    assert!(r.content_type.starts_with("text/csv"), "{}", r.content_type);
    assert!(r.body.contains("'=HYPERLINK"), "{}", r.body);
    assert!(!r.body.contains(",=HYPERLINK") && !r.body.contains("\n=HYPERLINK"));
    let mut rd = csv::ReaderBuilder::new().from_reader(r.body.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(rd.records().count(), 32);
    // The filters apply to the export too.
    let r = tutor.get(&format!("/courses/{}/members.csv?q=person+01", c.id)).await;
    let mut rd = csv::ReaderBuilder::new().from_reader(r.body.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(rd.records().count(), 10);
    // Students do not get it.
    let sam = app.user("sam@example.org", "Sam").await;
    app.enrol(&c, &sam, Role::Student).await;
    app.signed_in("sam@example.org").await.get(&format!("/courses/{}/members.csv", c.id)).await.assert_status(403);
}
both!(the_members_export_is_formula_safe_and_complete);
