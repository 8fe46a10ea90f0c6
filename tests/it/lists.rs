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
pub async fn class(app: &TestApp, c: &course::Model, n: usize, prefix: &str, state: MemberState) -> Vec<user::Model> {
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

const INTRODUCTIONS_BUDGET: u64 = 14;
const CLASS_BUDGET: u64 = 14;
const CONVERSATIONS_BUDGET: u64 = 16;
const CONVERSATION_BUDGET: u64 = 14;
const FILES_BUDGET: u64 = 12;
const THUMBNAIL_BUDGET: u64 = 4;

async fn introduce(app: &TestApp, c: &course::Model, people: &[user::Model]) {
    use homeroom::db::entity::introduction;
    for (i, u) in people.iter().enumerate() {
        introduction::ActiveModel {
            course_id: Set(c.id),
            user_id: Set(u.id),
            body: Set(format!("Hello, I am {}.", u.name)),
            photo_id: Set(None),
            clip_id: Set(None),
            transcript: Set(String::new()),
            pinned: Set(false),
            // Some share an instant, so the id has to break ties.
            created_at: Set(1_000_000 + (i as i64 / 3)),
            updated_at: Set(1_000_000),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
    }
}

async fn introductions_and_the_class_page_and_cost_the_same(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let small = app.course("Small", &t).await;
    let large = app.course("Large", &t).await;
    let few = class(&app, &small, 10, "Other", MemberState::Active).await;
    let many = class(&app, &large, 80, "Person", MemberState::Active).await;
    introduce(&app, &small, &few).await;
    introduce(&app, &large, &many).await;
    // Half the large class is in Tonga: the time zone filter finds them.
    let tongans: Vec<i64> = many.iter().step_by(2).map(|u| u.id).collect();
    {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        user::Entity::update_many()
            .col_expr(user::Column::TimeZone, Expr::value("Pacific/Tongatapu"))
            .filter(user::Column::Id.is_in(tongans.clone()))
            .exec(app.db())
            .await
            .unwrap();
    }
    let tutor = app.signed_in("tutor@example.org").await;
    for (page, budget) in [("introductions", INTRODUCTIONS_BUDGET), ("class", CLASS_BUDGET)] {
        let s = cost(&tutor, &format!("/courses/{}/{page}", small.id)).await;
        let l = cost(&tutor, &format!("/courses/{}/{page}", large.id)).await;
        assert_eq!(s, l, "{page} grows with the class");
        assert!(l <= budget, "{page}: {l} statements");
    }
    let intros = walk(&tutor, &format!("/courses/{}/introductions", large.id), "id=\"intro-", &[]).await;
    assert_eq!(intros.len(), 80);
    let cards = walk(&tutor, &format!("/courses/{}/class?size=9", large.id), "id=\"card-", &[]).await;
    assert_eq!(cards.len(), 81);
    let zone = walk(
        &tutor,
        &format!("/courses/{}/class?zone=Pacific%2FTongatapu&size=7", large.id),
        "id=\"card-",
        &["zone=Pacific%2FTongatapu"],
    )
    .await;
    assert_eq!(zone.into_iter().collect::<HashSet<_>>(), tongans.into_iter().collect::<HashSet<_>>());
}
both!(introductions_and_the_class_page_and_cost_the_same);

/// A conversation between `a` and `b` with `n` messages, the last at `last`.
async fn conversation(app: &TestApp, c: &course::Model, a: i64, b: i64, n: usize, last: i64) -> Vec<i64> {
    use homeroom::db::entity::{conversation, conversation_member, message};
    let conv = conversation::ActiveModel {
        course_id: Set(c.id),
        created_at: Set(last - n as i64),
        last_message_at: Set(last),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    for u in [a, b] {
        conversation_member::ActiveModel {
            conversation_id: Set(conv.id),
            user_id: Set(u),
            last_read_at: Set(0),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
    }
    let mut ids = vec![];
    for i in 0..n {
        let m = message::ActiveModel {
            conversation_id: Set(conv.id),
            user_id: Set(Some(if i % 2 == 0 { a } else { b })),
            body: Set(format!("Message {i}")),
            // Pairs share an instant, so the id has to break ties.
            created_at: Set(last - n as i64 + (i as i64 / 2) * 2),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
        ids.push(m.id);
    }
    ids
}

async fn conversations_and_their_messages_page(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let small = app.course("Small", &t).await;
    let large = app.course("Large", &t).await;
    let few = class(&app, &small, 10, "Other", MemberState::Active).await;
    let many = class(&app, &large, 80, "Person", MemberState::Active).await;
    let short = conversation(&app, &small, t.id, few[0].id, 10, 5_000_000).await;
    for (i, u) in few.iter().enumerate().skip(1) {
        conversation(&app, &small, t.id, u.id, 1, 1_000_000 + i as i64).await;
    }
    let long = conversation(&app, &large, t.id, many[0].id, 100, 5_000_000).await;
    for (i, u) in many.iter().enumerate().skip(1) {
        conversation(&app, &large, t.id, u.id, 1, 1_000_000 + (i as i64 / 4)).await;
    }
    let tutor = app.signed_in("tutor@example.org").await;
    let s = cost(&tutor, &format!("/courses/{}/messages", small.id)).await;
    let l = cost(&tutor, &format!("/courses/{}/messages", large.id)).await;
    assert_eq!(s, l, "the conversation list grows");
    assert!(l <= CONVERSATIONS_BUDGET, "conversations: {l} statements");
    let convs = walk(&tutor, &format!("/courses/{}/messages", large.id), "id=\"conversation-", &[]).await;
    assert_eq!(convs.len(), 80);

    let (short_url, long_url) = (
        format!("/courses/{}/messages/{}", small.id, conversation_id(&app, short[0]).await),
        format!("/courses/{}/messages/{}", large.id, conversation_id(&app, long[0]).await),
    );
    let s = cost(&tutor, &short_url).await;
    let l = cost(&tutor, &long_url).await;
    assert_eq!(s, l, "a conversation's page grows with it");
    assert!(l <= CONVERSATION_BUDGET, "a conversation: {l} statements");
    // It opens at the newest, with a link to older ones and none to newer.
    let first = tutor.get(&long_url).await;
    let shown = ids_after(&first.body, "id=\"message-");
    assert_eq!(shown.last(), long.last());
    assert!(!shown.contains(&long[0]));
    assert!(next_link(&first.body).is_none());
    // Walking back to the start reaches every message exactly once.
    let mut seen = shown;
    let mut body = first.body;
    while let Some(older) = prev_link(&body) {
        body = tutor.get(&older).await.body;
        let mut page = ids_after(&body, "id=\"message-");
        page.append(&mut seen);
        seen = page;
    }
    assert_eq!(seen, long, "every message once, oldest first");
}
both!(conversations_and_their_messages_page);

async fn conversation_id(app: &TestApp, message_id: i64) -> i64 {
    use sea_orm::EntityTrait;
    homeroom::db::entity::message::Entity::find_by_id(message_id).one(app.db()).await.unwrap().unwrap().conversation_id
}

pub fn prev_link(body: &str) -> Option<String> {
    let at = body.find("rel=\"prev\" href=\"")? + "rel=\"prev\" href=\"".len();
    let end = body[at..].find('"')?;
    Some(unescape(&body[at..at + end]))
}

async fn files(app: &TestApp, c: &course::Model, owner: i64, n: usize) {
    use homeroom::db::entity::{course_file, media};
    for i in 0..n {
        let m = media::ActiveModel {
            user_id: Set(owner),
            course_id: Set(Some(c.id)),
            kind: Set("file".into()),
            purpose: Set(homeroom::files::PURPOSE.into()),
            content_type: Set("application/pdf".into()),
            size: Set(100),
            sha256: Set(format!("{:064}", i)),
            storage_key: Set(format!("k{}-{i}", c.id)),
            has_thumb: Set(false),
            created_at: Set(1),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
        course_file::ActiveModel {
            course_id: Set(c.id),
            folder_id: Set(None),
            user_id: Set(owner),
            media_id: Set(m.id),
            kind: Set("file".into()),
            // Some names repeat, so the id has to break ties.
            name: Set(format!("notes {:03}.pdf", i / 2)),
            size: Set(100),
            created_at: Set(1),
            updated_at: Set(1),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
    }
}

async fn the_files_area_pages(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let small = app.course("Small", &t).await;
    let large = app.course("Large", &t).await;
    files(&app, &small, t.id, 10).await;
    files(&app, &large, t.id, 120).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let s = cost(&tutor, &format!("/courses/{}/files", small.id)).await;
    let l = cost(&tutor, &format!("/courses/{}/files", large.id)).await;
    assert_eq!(s, l, "the files area grows");
    assert!(l <= FILES_BUDGET, "files: {l} statements");
    let all = walk(&tutor, &format!("/courses/{}/files", large.id), "id=\"file-", &[]).await;
    assert_eq!(all.len(), 120);
}
both!(the_files_area_pages);

async fn thumbnails_are_cached_and_private(b: Backend) {
    use crate::media::{get_raw, halves, photo_id, png, upload_photo};
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Course", &t).await;
    let ada = app.user("ada@example.org", "Ada").await;
    app.enrol(&c, &ada, Role::Student).await;
    let out = app.user("out@example.org", "Out").await;
    let a = app.signed_in("ada@example.org").await;
    assert!(upload_photo(&a, png(&halves(800, 600)), "a.png", "image/png").await.redirects_to("/account/profile"));
    let id = photo_id(&app, ada.id).await.unwrap();
    let path = format!("/media/{id}?size=thumb");
    let tutor = app.signed_in("tutor@example.org").await;
    let res = get_raw(&tutor, &path, None).await;
    assert_eq!(res.status(), 200);
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert!(res.headers()["cache-control"].to_str().unwrap().starts_with("private, max-age="));
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.len() < 8 * 1024, "a thumbnail of {} bytes", bytes.len());
    // Asked again with its ETag: 304, cheaply.
    let again = tutor.client.get(tutor.url(&path)).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    let statements: u64 = again.headers()["x-statements"].to_str().unwrap().parse().unwrap();
    assert!(statements <= THUMBNAIL_BUDGET, "a thumbnail: {statements} statements");
    // Someone who shares no course with her gets nothing, ETag or not.
    let outsider = app.signed_in("out@example.org").await;
    let _ = out;
    let r = outsider.client.get(outsider.url(&path)).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.headers().get("etag").is_none());
}
both!(thumbnails_are_cached_and_private);

/// Welcomes from `people` under the introduction `intro`, the first oldest.
async fn welcome_all(app: &TestApp, intro: i64, people: &[i64]) {
    use homeroom::db::entity::introduction_reply;
    for (i, u) in people.iter().enumerate() {
        introduction_reply::ActiveModel {
            introduction_id: Set(intro),
            user_id: Set(*u),
            body: Set(format!("Welcome, from {u}")),
            created_at: Set(2_000_000 + i as i64),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
    }
}

/// A popular introduction and a class where most have not introduced themselves: the page
/// shows the latest welcomes and the first students by name, says how many more there
/// are, and costs the same as for a small class (names are looked up 400 at a time, so a
/// page that named every welcomer would grow past 400).
async fn long_lists_on_the_introductions_page_show_the_first_few(b: Backend) {
    use homeroom::db::entity::introduction;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let small = app.course("Small", &t).await;
    let large = app.course("Large", &t).await;
    let few = class(&app, &small, 10, "Other", MemberState::Active).await;
    let many = class(&app, &large, 460, "Person", MemberState::Active).await;
    introduce(&app, &small, &few[..1]).await;
    introduce(&app, &large, &many[..1]).await;
    let intro_of = |c: i64| {
        let db = app.db().clone();
        async move {
            introduction::Entity::find()
                .filter(introduction::Column::CourseId.eq(c))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let (small_intro, large_intro) = (intro_of(small.id).await, intro_of(large.id).await);
    let mut welcomers: Vec<i64> = vec![t.id];
    welcomers.extend(many[1..].iter().map(|u| u.id));
    welcome_all(&app, large_intro, &welcomers).await;
    welcome_all(&app, small_intro, &[t.id, few[1].id, few[2].id]).await;

    let tutor = app.signed_in("tutor@example.org").await;
    let s = cost(&tutor, &format!("/courses/{}/introductions", small.id)).await;
    let l = cost(&tutor, &format!("/courses/{}/introductions", large.id)).await;
    assert_eq!(s, l, "the introductions page grows with its welcomes or the students not introduced");

    let page = tutor.get(&format!("/courses/{}/introductions", large.id)).await.body;
    // 460 welcomes: the latest five are named, the rest counted.
    assert!(page.contains("and 455 more welcomes"), "{page}");
    assert!(page.contains(&format!("Welcome, from {}", many[459].id)));
    assert!(!page.contains(&format!("Welcome, from {}", many[1].id)));
    // 459 students have not introduced themselves: fifty are listed, all are counted.
    assert!(page.contains("Not introduced yet (459)"), "{page}");
    assert!(page.contains("and 409 more students."));
    assert_eq!(page.matches("/introductions/nudge").count(), 50);
    assert!(page.contains("Person 001") && page.contains("Person 050") && !page.contains(">Person 051"));
    // The small course lists all its students and counts every welcome without "more".
    let page = tutor.get(&format!("/courses/{}/introductions", small.id)).await.body;
    assert!(page.contains("Not introduced yet (9)") && !page.contains("more students"));
    assert!(page.contains(&format!("Welcome, from {}", few[2].id)) && !page.contains("more welcome"));
}
both!(long_lists_on_the_introductions_page_show_the_first_few);

/// The outbox of a busy site holds thousands of emails: the admin reads them newest
/// first, a page at a time, and finds one by recipient or subject.
async fn the_outbox_is_paged_newest_first_and_searchable(b: Backend) {
    let app = TestApp::spawn(b).await;
    let mails = (0..45)
        .map(|i| homeroom::mail::OutgoingEmail {
            to_address: format!("person{i:03}@example.org"),
            to_user_id: None,
            subject: format!("Weekly digest {i:03}"),
            body_text: "Hello".into(),
        })
        .collect();
    app.state.mailer.queue_many(app.db(), mails).await.unwrap();
    app.admin("admin@example.org").await;
    let admin = app.signed_in("admin@example.org").await;

    let first = admin.get("/admin/outbox").await;
    first.assert_status(200).assert_contains("Weekly digest 044");
    assert!(!first.body.contains("Weekly digest 000"), "the first page is the newest emails");
    let seen = walk(&admin, "/admin/outbox?q=weekly+digest", "Weekly digest ", &["q=weekly"]).await;
    assert_eq!(seen, (0..45).rev().collect::<Vec<i64>>(), "every email once, newest first");

    let found = admin.get("/admin/outbox?q=PERSON007%40").await;
    found.assert_status(200).assert_contains("Weekly digest 007");
    assert_eq!(ids_after(&found.body, "Weekly digest ").len(), 1);
    admin.get("/admin/outbox?q=nobody-at-all").await.assert_contains("No email matches that search.");
}
both!(the_outbox_is_paged_newest_first_and_searchable);

/// The class graph's drawing shows everyone at once, but the table beside it pages, and
/// the names of those with no classmate stop after a few with a link to the radar.
async fn the_class_graph_table_pages_and_the_isolated_list_stops(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Large", &t).await;
    let people = class(&app, &c, 120, "Person", MemberState::Active).await;
    homeroom::presence::refresh(app.db(), c.id, homeroom::time::now_ms()).await.unwrap();
    let tutor = app.signed_in("tutor@example.org").await;

    let first = tutor.get(&format!("/courses/{}/graph?period=30", c.id)).await;
    first.assert_status(200).assert_contains("and 90 more").assert_contains("radar?signal=isolated");
    assert_eq!(ids_after(&first.body, "id=\"graph-row-").len(), 50);
    let seen = walk(&tutor, &format!("/courses/{}/graph?period=30", c.id), "id=\"graph-row-", &["period=30"]).await;
    let want: HashSet<i64> = people.iter().map(|u| u.id).chain([t.id]).collect();
    assert_eq!(seen.into_iter().collect::<HashSet<_>>(), want, "every student and the tutor once");
}
both!(the_class_graph_table_pages_and_the_isolated_list_stops);
