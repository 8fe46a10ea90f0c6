//! The spaces at class scale: a thread, a space's threads, the list of spaces, search
//! and the moderation queue cost the same number of statements for a few items and for
//! many, under a budget written here; paging reaches everything exactly once; a thread
//! opens at the first unread post; unread counts follow reads, new posts and moderation;
//! search is ranked, bounded to what the reader may see, and names only members.

use crate::both;
use crate::forum::{Class, class, num};
use crate::support::{Backend, Browser, Resp};
use homeroom::policy::Role;

/// Statements a page may issue (the session, the person, the course and membership
/// included). Written next to the tests that hold the pages to them.
const THREAD_BUDGET: u64 = 22;
const SPACE_BUDGET: u64 = 16;
const SPACES_BUDGET: u64 = 16;
const SEARCH_BUDGET: u64 = 12;
const REPORTS_BUDGET: u64 = 10;

fn link(body: &str, rel: &str) -> Option<String> {
    let marker = format!("rel=\"{rel}\" href=\"");
    let rest = &body[body.find(&marker)? + marker.len()..];
    Some(rest[..rest.find('"')?].replace("&#38;", "&").replace("&amp;", "&"))
}

/// The address of a page's "next" link, if it has one.
pub(crate) fn next_href(body: &str) -> Option<String> {
    link(body, "next")
}

/// The ids of the posts on a thread page, in page order.
fn post_ids(body: &str) -> Vec<i64> {
    body.match_indices("<article id=\"post-")
        .filter_map(|(i, m)| {
            let rest = &body[i + m.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .collect()
}

/// The ids of the threads listed on a space page.
fn thread_ids(body: &str, course: i64) -> Vec<i64> {
    let marker = format!("<a href=\"/courses/{course}/threads/");
    body.match_indices(&marker)
        .filter_map(|(i, m)| {
            let rest = &body[i + m.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .collect()
}

fn statements(r: &Resp) -> u64 {
    r.assert_status(200);
    r.statements.expect("the test server counts statements")
}

/// A student with no reads yet, signed in.
async fn newcomer(k: &Class, email: &str) -> Browser {
    let u = k.app.user(email, "New Comer").await;
    k.app.enrol(&k.course, &u, Role::Student).await;
    k.app.signed_in(email).await
}

/// A thread of `replies` replies by Ada and Bo, every third one under the reply before.
async fn long_thread(k: &Class, space: i64, title: &str, replies: usize) -> (i64, i64, Vec<i64>) {
    let (t, opening) = k.start(&k.tutor, space, title, "Tell us about your week.").await;
    let mut ids = vec![];
    let mut top = None;
    for i in 0..replies {
        let who = if i % 2 == 0 { &k.ada } else { &k.bo };
        let under = if i % 3 == 2 { top } else { None };
        let id = k.reply(who, t, under, &format!("Reply number {i}")).await;
        if under.is_none() {
            top = Some(id);
        }
        ids.push(id);
    }
    (t, opening, ids)
}

/// Walk a thread from its first page by the "next" links: the statements of the first
/// page, and every reply seen (each page also shows the opening post on top).
async fn walk_thread(k: &Class, reader: &Browser, t: i64, opening: i64) -> (u64, Vec<i64>) {
    let first = reader.get(&format!("{}/threads/{t}", k.c())).await;
    let cost = statements(&first);
    let mut seen = vec![];
    let mut page = first;
    loop {
        let ids = post_ids(&page.body);
        assert_eq!(ids.first(), Some(&opening), "the opening post heads every page");
        seen.extend(ids.into_iter().skip(1));
        match next_href(&page.body) {
            Some(next) => page = reader.get(&next).await,
            None => break,
        }
    }
    (cost, seen)
}

async fn a_thread_is_paged_in_windows_that_cost_the_same(b: Backend) {
    let k = class(b).await;
    let coffee = k.space("coffee").await;
    let (small, small_open, small_ids) = long_thread(&k, coffee, "Short week", 8).await;
    let (large, large_open, large_ids) = long_thread(&k, coffee, "Long week", 120).await;
    let reader = newcomer(&k, "reader@example.org").await;

    let (small_cost, small_seen) = walk_thread(&k, &reader, small, small_open).await;
    let (large_cost, mut large_seen) = walk_thread(&k, &reader, large, large_open).await;
    assert_eq!(small_cost, large_cost, "a thread of 120 replies costs what one of 8 does");
    assert!(large_cost <= THREAD_BUDGET, "{large_cost} statements > {THREAD_BUDGET}");
    let mut small_seen_sorted = small_seen.clone();
    small_seen_sorted.sort();
    assert_eq!(small_seen_sorted, small_ids);
    // Every reply of the long thread exactly once, over several pages.
    large_seen.sort();
    assert_eq!(large_seen, large_ids, "paging reaches every post exactly once");
    let first = reader.get(&format!("{}/threads/{large}", k.c())).await;
    assert!(post_ids(&first.body).len() <= 31, "a page holds about 30 posts");
    assert!(first.body.len() < 200_000, "a page is bounded: {} bytes", first.body.len());
    // Going back from the last page reaches the first again.
    let mut page = first;
    while let Some(next) = next_href(&page.body) {
        page = reader.get(&next).await;
    }
    let mut back = vec![];
    while let Some(prev) = link(&page.body, "prev") {
        page = reader.get(&prev).await;
        back.extend(post_ids(&page.body).into_iter().skip(1));
    }
    assert!(back.contains(&large_ids[0]));
}
both!(a_thread_is_paged_in_windows_that_cost_the_same);

async fn a_thread_opens_at_the_first_unread_post(b: Backend) {
    let k = class(b).await;
    let coffee = k.space("coffee").await;
    let (t, opening, ids) = long_thread(&k, coffee, "Busy thread", 70).await;
    let reader = newcomer(&k, "reader@example.org").await;
    let (_, seen) = walk_thread(&k, &reader, t, opening).await;
    assert_eq!(seen.len(), 70);
    let fresh = k.reply(&k.chen, t, None, "Something new").await;
    k.reply(&k.ada, t, Some(ids[0]), "An answer to the very first reply").await;
    let page = reader.get(&format!("{}/threads/{t}", k.c())).await;
    let shown = post_ids(&page.body);
    assert_eq!(shown[0], opening, "the opening post stays on top");
    assert_eq!(shown[1], fresh, "the page opens at the first unread post");
    page.assert_contains(&format!("id=\"post-{fresh}\" class=\"forum-post unread\""));
    page.assert_contains(&format!("href=\"#post-{fresh}\""));
    // The late answer to the first reply stands on its own, linking back to that reply.
    page.assert_contains(&format!("?post={}#post-{}", ids[0], ids[0])).assert_contains("In reply to an earlier post");
    assert!(link(&page.body, "prev").is_some(), "the earlier posts are a page back");
    // A link to a post opens the page that holds it, with the reply form when asked.
    let at = reader.get(&format!("{}/threads/{t}?post={}&reply={}", k.c(), ids[40], ids[40])).await;
    assert_eq!(post_ids(&at.body)[1], ids[40]);
    at.assert_contains(&format!("id=\"reply-{}\"", ids[40]));
}
both!(a_thread_opens_at_the_first_unread_post);

async fn a_space_pages_its_threads_by_activity(b: Backend) {
    let k = class(b).await;
    let coffee = k.space("coffee").await;
    let intro = k.space("introductions").await;
    for i in 0..5 {
        k.start(&k.ada, coffee, &format!("Coffee {i}"), "Beans?").await;
    }
    let mut intro_threads = vec![];
    for i in 0..80 {
        let who = if i % 2 == 0 { &k.ada } else { &k.bo };
        intro_threads.push(k.start(who, intro, &format!("Hello {i}"), "Hi all").await.0);
    }
    // Activity moves an old thread to the top.
    k.reply(&k.chen, intro_threads[3], None, "Welcome!").await;
    let reader = newcomer(&k, "reader@example.org").await;
    let few = reader.get(&format!("{}/spaces/{coffee}", k.c())).await;
    let many = reader.get(&format!("{}/spaces/{intro}", k.c())).await;
    assert_eq!(statements(&few), statements(&many), "80 threads cost what 5 do");
    assert!(statements(&many) <= SPACE_BUDGET, "{:?} > {SPACE_BUDGET}", many.statements);
    assert_eq!(thread_ids(&many.body, k.course.id)[0], intro_threads[3]);
    let mut seen = thread_ids(&many.body, k.course.id);
    assert_eq!(seen.len(), 30);
    let mut page = many;
    while let Some(next) = next_href(&page.body) {
        page = reader.get(&next).await;
        seen.extend(thread_ids(&page.body, k.course.id));
    }
    seen.sort();
    intro_threads.sort();
    assert_eq!(seen, intro_threads, "every thread once");
}
both!(a_space_pages_its_threads_by_activity);

async fn the_list_of_spaces_costs_the_same_for_a_busy_course(b: Backend) {
    let k = class(b).await;
    let coffee = k.space("coffee").await;
    let list = format!("{}/spaces", k.c());
    for i in 0..5 {
        k.start(&k.ada, coffee, &format!("Coffee {i}"), "Beans?").await;
    }
    let before = k.bo.get(&list).await;
    before.assert_contains("5 new");
    for i in 0..60 {
        let (t, _) = k.start(&k.ada, coffee, &format!("More coffee {i}"), "Beans?").await;
        k.reply(&k.chen, t, None, "Tea").await;
    }
    let after = k.bo.get(&list).await;
    after.assert_contains("65 new");
    assert_eq!(statements(&before), statements(&after));
    assert!(statements(&after) <= SPACES_BUDGET, "{:?} > {SPACES_BUDGET}", after.statements);
    let tutor = k.tutor.get(&list).await;
    assert!(statements(&tutor) <= SPACES_BUDGET);
}
both!(the_list_of_spaces_costs_the_same_for_a_busy_course);

async fn unread_follows_reads_posts_and_moderation(b: Backend) {
    let k = class(b).await;
    let intro = k.space("introductions").await;
    let list = format!("{}/spaces", k.c());
    let (t, _) = k.start(&k.ada, intro, "Hello", "I am Ada").await;
    let thread = format!("{}/threads/{t}", k.c());
    k.bo.get(&thread).await;
    assert!(!k.bo.get(&list).await.body.contains(" new<"));
    let r = k.reply(&k.chen, t, None, "Hi Ada").await;
    let sql = format!("SELECT last_post_id AS n FROM forum_threads WHERE id = {t}");
    let last = || num(&k.app, &sql);
    assert_eq!(last().await, r);
    k.bo.get(&list).await.assert_contains("1 new");
    // A hidden post is news to nobody; restored, it is again.
    k.tutor.post(&format!("{}/posts/{r}/hide", k.c()), &[("reason", "off topic")]).await;
    assert!(last().await < r);
    assert!(!k.bo.get(&list).await.body.contains(" new<"));
    k.tutor.post(&format!("{}/posts/{r}/restore", k.c()), &[]).await;
    assert_eq!(last().await, r);
    k.bo.get(&list).await.assert_contains("1 new");
    // Deleted by its author: nothing new left to read.
    k.chen.post(&format!("{}/posts/{r}/delete", k.c()), &[]).await;
    assert!(last().await < r);
    assert!(!k.bo.get(&list).await.body.contains(" new<"));
    // A new post, then reading it.
    let r2 = k.reply(&k.ada, t, None, "Anyone?").await;
    assert_eq!(last().await, r2);
    k.bo.get(&list).await.assert_contains("1 new");
    k.bo.get(&format!("{list}/{intro}")).await.assert_contains("has-unread");
    k.bo.get(&thread).await;
    assert!(!k.bo.get(&list).await.body.contains(" new<"));
    assert!(!k.bo.get(&format!("{list}/{intro}")).await.body.contains("has-unread"));
}
both!(unread_follows_reads_posts_and_moderation);

async fn search_uses_the_index_ranks_and_shows_only_what_the_reader_may_see(b: Backend) {
    let k = class(b).await;
    let coffee = k.space("coffee").await;
    let search = format!("{}/spaces/search", k.c());
    let (t, _) = k.start(&k.ada, coffee, "Gardening gardening", "Gardening tips: gardening every day.").await;
    let once = k.reply(&k.bo, t, None, "I tried it once, the gardening, but mostly I read books and cook.").await;
    // Hidden and deleted posts, and another course's posts, are never found.
    let hidden = k.reply(&k.chen, t, None, "gardening secret").await;
    k.tutor.post(&format!("{}/posts/{hidden}/hide", k.c()), &[("reason", "x")]).await;
    let deleted = k.reply(&k.chen, t, None, "gardening mistake").await;
    k.chen.post(&format!("{}/posts/{deleted}/delete", k.c()), &[]).await;
    let other_tutor = k.app.user("other@example.org", "Other Tutor").await;
    let other = k.app.course("Elsewhere", &other_tutor).await;
    let ot = k.app.signed_in("other@example.org").await;
    ot.get(&format!("/courses/{}/spaces", other.id)).await;
    let other_coffee = num(
        &k.app,
        &format!("SELECT id AS n FROM forum_spaces WHERE course_id = {} AND default_key = 'coffee'", other.id),
    )
    .await;
    let r = ot
        .post(
            &format!("/courses/{}/spaces/{other_coffee}/threads", other.id),
            &[("title", "Gardening elsewhere"), ("body", "gardening")],
        )
        .await;
    assert_eq!(r.status, 303);

    let few = k.olly.get(&format!("{search}?q=Gardening")).await;
    few.assert_contains("2 posts found");
    assert!(!few.body.contains("secret") && !few.body.contains("mistake") && !few.body.contains("elsewhere"));
    // Ranked: the post about gardening comes before the one that mentions it once.
    let (top, low) = (few.body.find("every day.").unwrap(), few.body.find("I tried it once").unwrap());
    assert!(top < low, "ranked by relevance");
    assert!(few.body.contains(&format!("?post={once}#post-{once}")));
    // Words in any order, all of them; punctuation alone finds nothing.
    k.olly.get(&format!("{search}?q=books+gardening")).await.assert_contains("1 post found");
    k.olly.get(&format!("{search}?q=gardening+tulips")).await.assert_contains("0 posts found");
    k.olly.get(&format!("{search}?q=%22%29%28*")).await.assert_status(200).assert_contains("0 posts found");

    // Many more matches cost the same statements; paging reaches them all.
    for i in 0..45 {
        k.reply(&k.ada, t, None, &format!("More gardening, day {i}")).await;
    }
    let many = k.olly.get(&format!("{search}?q=gardening")).await;
    many.assert_contains("47 posts found");
    assert_eq!(statements(&few), statements(&many));
    assert!(statements(&many) <= SEARCH_BUDGET, "{:?} > {SEARCH_BUDGET}", many.statements);
    let mut hits = many.body.matches("class=\"forum-hit\"").count();
    let mut page = many;
    while let Some(next) = next_href(&page.body) {
        page = k.olly.get(&next).await;
        hits += page.body.matches("class=\"forum-hit\"").count();
    }
    assert_eq!(hits, 47);
    // By one member: the same cost for a few posts or many.
    let by_bo = k.olly.get(&format!("{search}?author={}", k.ids[1])).await;
    by_bo.assert_contains("Posts by Bo Berg").assert_contains("1 post found");
    let by_ada = k.olly.get(&format!("{search}?author={}", k.ids[0])).await;
    by_ada.assert_contains("46 posts found");
    assert_eq!(statements(&by_bo), statements(&by_ada));
}
both!(search_uses_the_index_ranks_and_shows_only_what_the_reader_may_see);

/// Issue 10, item 3: the author filter named any account on the site.
async fn search_by_author_names_only_members_of_the_course(b: Backend) {
    let k = class(b).await;
    let coffee = k.space("coffee").await;
    k.start(&k.ada, coffee, "Sourdough", "My sourdough starter").await;
    let stranger = k.app.user("stranger@example.org", "Sidney Stranger").await;
    let other = k.app.course("Elsewhere", &stranger).await;
    assert!(other.id != k.course.id);
    let search = format!("{}/spaces/search", k.c());
    for path in [format!("{search}?author={}", stranger.id), format!("{search}?q=sourdough&author={}", stranger.id)] {
        let r = k.bo.get(&path).await;
        r.assert_status(200).assert_contains("0 posts found");
        assert!(!r.body.contains("Sidney"), "no name for someone outside the course");
        assert!(!r.body.contains("Posts by"));
    }
    // A member's posts still are found by author.
    k.bo.get(&format!("{search}?q=sourdough&author={}", k.ids[0]))
        .await
        .assert_contains("Posts by Ada Lovelace")
        .assert_contains("1 post found");
}
both!(search_by_author_names_only_members_of_the_course);

async fn the_moderation_queue_is_paged(b: Backend) {
    let k = class(b).await;
    let coffee = k.space("coffee").await;
    let (t, _) = k.start(&k.bo, coffee, "Reports", "A thread to report in").await;
    let queue = format!("{}/reports", k.c());
    let mut reported = vec![];
    let mut few_cost = 0;
    for i in 0..40 {
        let p = k.reply(&k.bo, t, None, &format!("Questionable {i}")).await;
        k.ada.post(&format!("{}/posts/{p}/report", k.c()), &[("reason", "spam")]).await;
        reported.push(p);
        if i == 4 {
            let few = k.tutor.get(&queue).await;
            assert_eq!(few.body.matches("<li class=\"card\">").count(), 5);
            few_cost = statements(&few);
        }
    }
    let many = k.tutor.get(&queue).await;
    assert_eq!(statements(&many), few_cost, "40 reports cost what 5 do");
    assert!(few_cost <= REPORTS_BUDGET, "{few_cost} > {REPORTS_BUDGET}");
    let mut seen = many.body.matches("<li class=\"card\">").count();
    assert_eq!(seen, 30);
    let next = next_href(&many.body).expect("a second page");
    let rest = k.tutor.get(&next).await;
    seen += rest.body.matches("<li class=\"card\">").count();
    assert_eq!(seen, 40);
    rest.assert_contains(&format!("?post={}#post-{}", reported[39], reported[39]));
}
both!(the_moderation_queue_is_paged);
