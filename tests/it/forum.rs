//! The spaces: defaults, management, threads and replies, mentions and notifications,
//! reactions, edit history, deletion, Q&A answers, pins and locks, unread markers,
//! moderation, search and privacy.

use crate::both;
use crate::support::{Backend, Browser, TestApp};
use homeroom::db::entity::course;
use homeroom::policy::Role;
use sea_orm::{ConnectionTrait, Statement};

pub(crate) async fn num(app: &TestApp, sql: &str) -> i64 {
    let row = app
        .db()
        .query_one_raw(Statement::from_string(app.db().get_database_backend(), sql.to_string()))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

async fn text(app: &TestApp, sql: &str) -> Option<String> {
    let row = app
        .db()
        .query_one_raw(Statement::from_string(app.db().get_database_backend(), sql.to_string()))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<Option<String>>("", "t").unwrap()
}

pub(crate) struct Class {
    pub app: TestApp,
    pub course: course::Model,
    pub tutor: Browser,
    pub ada: Browser,
    pub bo: Browser,
    pub chen: Browser,
    pub olly: Browser,
    pub ids: [i64; 4],
}

impl Class {
    pub fn c(&self) -> String {
        format!("/courses/{}", self.course.id)
    }

    pub async fn space(&self, key: &str) -> i64 {
        // Opening the list makes the defaults of a course that predates them.
        self.ada.get(&format!("{}/spaces", self.c())).await;
        num(
            &self.app,
            &format!("SELECT id AS n FROM forum_spaces WHERE course_id = {} AND default_key = '{key}'", self.course.id),
        )
        .await
    }

    /// Start a thread; returns (thread id, opening post id).
    pub async fn start(&self, who: &Browser, space: i64, title: &str, body: &str) -> (i64, i64) {
        let r = who.post(&format!("{}/spaces/{space}/threads", self.c()), &[("title", title), ("body", body)]).await;
        assert!(r.redirects_to(&format!("{}/threads/", self.c())), "start failed: {} {}", r.status, r.body);
        let t: i64 = r.location.unwrap().rsplit('/').next().unwrap().parse().unwrap();
        (t, num(&self.app, &format!("SELECT MIN(id) AS n FROM forum_posts WHERE thread_id = {t}")).await)
    }

    pub async fn reply(&self, who: &Browser, thread: i64, parent: Option<i64>, body: &str) -> i64 {
        let parent = parent.map(|p| p.to_string()).unwrap_or_default();
        let r =
            who.post(&format!("{}/threads/{thread}/reply", self.c()), &[("body", body), ("parent_id", &parent)]).await;
        assert_eq!(r.status, 303, "reply failed: {}", r.body);
        num(&self.app, "SELECT MAX(id) AS n FROM forum_posts").await
    }

    async fn notices(&self, user: i64, kind: &str) -> i64 {
        // Events told, however they were grouped ("2 new replies" is one row of two).
        num(
            &self.app,
            &format!(
                "SELECT COALESCE(SUM(events), 0) AS n FROM notifications WHERE user_id = {user} AND kind = '{kind}'"
            ),
        )
        .await
    }
}

pub(crate) async fn class(b: Backend) -> Class {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Spaces", &t).await;
    let mut ids = [0; 4];
    for (i, (email, name, role)) in [
        ("ada@example.org", "Ada Lovelace", Role::Student),
        ("bo@example.org", "Bo Berg", Role::Student),
        ("chen@example.org", "Chen Wu", Role::Student),
        ("olly@example.org", "Olly Observer", Role::Observer),
    ]
    .into_iter()
    .enumerate()
    {
        let u = app.user(email, name).await;
        app.enrol(&course, &u, role).await;
        ids[i] = u.id;
    }
    Class {
        tutor: app.signed_in("tutor@example.org").await,
        ada: app.signed_in("ada@example.org").await,
        bo: app.signed_in("bo@example.org").await,
        chen: app.signed_in("chen@example.org").await,
        olly: app.signed_in("olly@example.org").await,
        app,
        course,
        ids,
    }
}

async fn spaces_are_made_once_and_managed_by_the_tutor(b: Backend) {
    let k = class(b).await;
    let list = format!("{}/spaces", k.c());
    k.ada
        .get(&list)
        .await
        .assert_status(200)
        .assert_contains("Introductions")
        .assert_contains("Coffee shop")
        .assert_contains("Announcements");
    k.bo.get(&list).await;
    assert_eq!(k.app.count("forum_spaces").await, 3, "the second visitor does not make them again");
    k.ada.get(&k.c()).await.assert_contains(&format!("href=\"{list}\""));

    // A course made with the form has its spaces from the start.
    let r = k
        .tutor
        .post(
            "/courses/new",
            &[
                ("title", "Second course"),
                ("description", ""),
                ("start_date", "2026-09-01"),
                ("time_zone", "Europe/Oslo"),
                ("start_mode", "asynchronous"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(k.app.count("forum_spaces").await, 6);

    // The tutor adds a Q&A space, renames it, moves it up, archives it.
    k.ada.post(&list, &[("title", "Mine"), ("kind", "qa")]).await.assert_status(403);
    k.tutor.post(&list, &[("title", " "), ("kind", "qa")]).await.assert_status(400);
    k.tutor.post(&list, &[("title", "Questions"), ("kind", "wizard")]).await.assert_status(400);
    k.tutor.post(&list, &[("title", "Questions"), ("kind", "qa"), ("about", "Ask **anything**.")]).await;
    let qa = num(
        &k.app,
        &format!("SELECT id AS n FROM forum_spaces WHERE title = 'Questions' AND course_id = {}", k.course.id),
    )
    .await;
    k.ada.get(&list).await.assert_contains("<strong>anything</strong>");
    k.tutor.post(&format!("{list}/{qa}/edit"), &[("title", "Q&A"), ("about", "How we ask")]).await;
    k.ada.get(&format!("{list}/{qa}")).await.assert_contains("Q&#38;A").assert_contains("How we ask");
    k.tutor.post(&format!("{list}/{qa}/move"), &[("direction", "up")]).await;
    let order = num(&k.app, &format!("SELECT CAST(position AS BIGINT) AS n FROM forum_spaces WHERE id = {qa}")).await;
    assert_eq!(order, 2, "one place up from the end");
    let page = k.ada.get(&list).await.body;
    assert!(page.find("Q&#38;A").unwrap() < page.find("Announcements").unwrap());
    k.tutor.post(&format!("{list}/{qa}/archive"), &[("archived", "1")]).await;
    k.ada
        .post(&format!("{list}/{qa}/threads"), &[("title", "Hello"), ("body", "Anyone?")])
        .await
        .assert_status(400)
        .assert_contains("archived");
    k.tutor.post(&format!("{list}/{qa}/archive"), &[("archived", "0")]).await;
    k.start(&k.ada, qa, "Hello", "Anyone?").await;
}
both!(spaces_are_made_once_and_managed_by_the_tutor);

async fn threads_replies_mentions_and_notifications(b: Backend) {
    let k = class(b).await;
    let [ada, bo, chen, olly] = k.ids;
    let intro = k.space("introductions").await;
    let bad = k.ada.post(&format!("{}/spaces/{intro}/threads", k.c()), &[("title", "Hi"), ("body", "  ")]).await;
    bad.assert_status(422).assert_contains("A post needs some words");
    let (t, opening) =
        k.start(&k.ada, intro, "Hello from Oslo", "Hi all! Say hi @bo berg, and mail ada@example.org").await;
    assert_eq!(k.notices(bo, "mention").await, 1);
    assert_eq!(num(&k.app, "SELECT COUNT(*) AS n FROM forum_mentions").await, 1);
    let thread = format!("{}/threads/{t}", k.c());
    k.chen
        .get(&thread)
        .await
        .assert_contains(&format!("href=\"/courses/{}/people/{bo}\"", k.course.id))
        .assert_contains("@bo berg");

    let bo_reply = k.reply(&k.bo, t, None, "Hei Ada!").await;
    assert_eq!(k.notices(ada, "reply").await, 1);
    let chen_reply = k.reply(&k.chen, t, Some(bo_reply), "Welcome both").await;
    assert_eq!(k.notices(ada, "reply").await, 2, "the thread's author");
    assert_eq!(k.notices(bo, "reply").await, 1, "the replied-to post's author");
    // A reply to a nested reply stays one level deep, under the same top-level reply.
    let ada_reply = k.reply(&k.ada, t, Some(chen_reply), "Thanks @Chen Wu").await;
    assert_eq!(num(&k.app, &format!("SELECT parent_id AS n FROM forum_posts WHERE id = {ada_reply}")).await, bo_reply);
    assert_eq!(num(&k.app, &format!("SELECT parent_id AS n FROM forum_posts WHERE id = {chen_reply}")).await, bo_reply);
    assert_eq!(k.notices(chen, "reply").await, 1);
    assert_eq!(k.notices(chen, "mention").await, 0, "a reply that mentions you is one notification");
    assert_eq!(k.notices(ada, "reply").await, 2, "nobody is told of their own reply");
    let link =
        text(&k.app, &format!("SELECT link AS t FROM notifications WHERE user_id = {chen} AND kind = 'reply'")).await;
    // The link opens the thread at the reply, wherever it stands in a long thread.
    assert_eq!(link.unwrap(), format!("/courses/{}/threads/{t}?post={ada_reply}#post-{ada_reply}", k.course.id));
    let page = k.olly.get(&thread).await;
    page.assert_status(200).assert_contains("class=\"forum-children\"");
    let nested = page.body.find("class=\"forum-children\"").unwrap();
    assert!(page.body.find(&format!("id=\"post-{chen_reply}\"")).unwrap() > nested);
    assert!(page.body.find(&format!("id=\"post-{bo_reply}\"")).unwrap() < nested);
    // A parent from another thread is refused.
    let (t2, _) = k.start(&k.bo, intro, "Second", "Another").await;
    k.ada
        .post(&format!("{}/threads/{t2}/reply", k.c()), &[("body", "x"), ("parent_id", &opening.to_string())])
        .await
        .assert_status(400);

    // Observers read only; members of another course see nothing.
    k.olly.post(&format!("{thread}/reply"), &[("body", "Hi")]).await.assert_status(403);
    k.olly
        .post(&format!("{}/spaces/{intro}/threads", k.c()), &[("title", "x"), ("body", "y")])
        .await
        .assert_status(403);
    let other_t = k.app.user("ot@example.org", "Other Tutor").await;
    let other = k.app.course("Elsewhere", &other_t).await;
    let stranger = k.app.user("stranger@example.org", "Stranger").await;
    k.app.enrol(&other, &stranger, Role::Student).await;
    let s = k.app.signed_in("stranger@example.org").await;
    s.get(&thread).await.assert_status(403);
    s.get(&format!("/courses/{}/threads/{t}", other.id)).await.assert_status(404);
    let ot = k.app.signed_in("ot@example.org").await;
    ot.get(&format!("/courses/{}/threads/{t}", other.id)).await.assert_status(404);

    // Announcements: only the teaching team starts them; everyone in the course is told.
    let ann = k.space("announcements").await;
    k.ada
        .post(&format!("{}/spaces/{ann}/threads", k.c()), &[("title", "News"), ("body", "From me")])
        .await
        .assert_status(403);
    let (at, _) = k.start(&k.tutor, ann, "Week 2 starts", "Read chapter 3.").await;
    for u in [ada, bo, chen, olly] {
        assert_eq!(k.notices(u, "announcement").await, 1);
    }
    assert_eq!(num(&k.app, "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'announcement'").await, 4);
    k.reply(&k.ada, at, None, "Thanks!").await;
    let news = homeroom::forum::recent_announcements(k.app.db(), k.course.id, 5).await.unwrap();
    assert_eq!(news.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), vec!["Week 2 starts"]);
    let recent = homeroom::forum::recent_threads(k.app.db(), k.course.id, 2).await.unwrap();
    assert_eq!(recent[0].id, at, "the newest activity first");
}
both!(threads_replies_mentions_and_notifications);

async fn reactions_edits_history_and_deletion(b: Backend) {
    let k = class(b).await;
    let chen = k.ids[2];
    let coffee = k.space("coffee").await;
    let (t, p) = k.start(&k.ada, coffee, "Weekend", "Hiking in the rain").await;
    let thread = format!("{}/threads/{t}", k.c());
    let post = format!("{}/posts/{p}", k.c());
    k.bo.post(&format!("{post}/react"), &[("emoji", "👍")]).await;
    k.chen.post(&format!("{post}/react"), &[("emoji", "👍")]).await;
    k.chen.post(&format!("{post}/react"), &[("emoji", "🎉")]).await;
    k.ada.get(&thread).await.assert_contains("title=\"Bo Berg, Chen Wu\"").assert_contains("👍 2");
    k.chen.post(&format!("{post}/react"), &[("emoji", "🎉")]).await;
    assert_eq!(k.app.count("forum_reactions").await, 2, "a second click takes it back");
    k.bo.post(&format!("{post}/react"), &[("emoji", "🐍")]).await.assert_status(400);
    k.olly.post(&format!("{post}/react"), &[("emoji", "👍")]).await.assert_status(403);

    // Only the author edits; every earlier version stays readable.
    k.bo.get(&format!("{post}/edit")).await.assert_status(403);
    k.bo.post(&format!("{post}/edit"), &[("title", "Mine"), ("body", "x")]).await.assert_status(403);
    k.ada.get(&format!("{post}/edit")).await.assert_status(200).assert_contains("Hiking in the rain");
    k.ada.post(&format!("{post}/edit"), &[("title", "Weekend"), ("body", "")]).await.assert_status(422);
    k.ada.post(&format!("{post}/edit"), &[("title", "Weekend plans"), ("body", "Hiking in the sun, @Chen Wu?")]).await;
    assert_eq!(k.notices(chen, "mention").await, 1, "a mention added by an edit is told");
    k.ada.post(&format!("{post}/edit"), &[("title", "Weekend plans"), ("body", "Hiking in the sun, @Chen Wu!")]).await;
    assert_eq!(k.notices(chen, "mention").await, 1, "an edit does not repeat a mention");
    assert_eq!(k.app.count("forum_post_revisions").await, 2);
    let page = k.bo.get(&thread).await;
    page.assert_contains("Weekend plans").assert_contains(&format!("href=\"{post}/history\""));
    k.bo.get(&format!("{post}/history"))
        .await
        .assert_status(200)
        .assert_contains("Hiking in the rain")
        .assert_contains("Hiking in the sun, @Chen Wu?")
        .assert_contains("Hiking in the sun, ");

    // Deletion keeps the place and the replies, not the words.
    let r = k.reply(&k.bo, t, Some(p), "Count me in").await;
    k.bo.post(&format!("{post}/delete"), &[]).await.assert_status(403);
    k.ada.post(&format!("{post}/delete"), &[]).await;
    let page = k.chen.get(&thread).await;
    page.assert_contains("Deleted by its author.").assert_contains("Count me in").assert_contains(&format!("post-{r}"));
    assert!(!page.body.contains("Hiking"));
    assert_eq!(k.app.count("forum_post_revisions").await, 0);
    assert_eq!(k.app.count("forum_reactions").await, 0);
    k.chen.get(&format!("{post}/history")).await.assert_status(404);
}
both!(reactions_edits_history_and_deletion);

async fn questions_get_answers_and_threads_get_pinned_and_locked(b: Backend) {
    let k = class(b).await;
    k.tutor.post(&format!("{}/spaces", k.c()), &[("title", "Questions"), ("kind", "qa")]).await;
    let qa = num(&k.app, "SELECT id AS n FROM forum_spaces WHERE kind = 'qa'").await;
    let space = format!("{}/spaces/{qa}", k.c());
    let (t, opening) = k.start(&k.ada, qa, "How long is the essay?", "Words?").await;
    let (t2, _) = k.start(&k.chen, qa, "When is the live session?", "Time?").await;
    k.bo.get(&format!("{}/spaces", k.c())).await.assert_contains("2 unanswered");
    let r1 = k.reply(&k.bo, t, None, "About 2000 words").await;
    k.bo.post(&format!("{}/posts/{r1}/answer", k.c()), &[]).await.assert_status(403);
    k.ada.post(&format!("{}/posts/{opening}/answer", k.c()), &[]).await.assert_status(400);
    k.ada.post(&format!("{}/posts/{r1}/answer", k.c()), &[]).await;
    assert_eq!(num(&k.app, &format!("SELECT answer_post_id AS n FROM forum_threads WHERE id = {t}")).await, r1);
    k.bo.get(&format!("{}/threads/{t}", k.c())).await.assert_contains("The answer");
    let open = k.bo.get(&format!("{space}?filter=unanswered")).await;
    open.assert_contains("When is the live session?");
    assert!(!open.body.contains("How long is the essay?"));
    k.bo.get(&format!("{}/spaces", k.c())).await.assert_contains("1 unanswered");
    // The teaching team may mark an answer too.
    let r2 = k.reply(&k.ada, t2, None, "Thursdays").await;
    k.tutor.post(&format!("{}/posts/{r2}/answer", k.c()), &[]).await;
    assert!(!k.bo.get(&format!("{}/spaces", k.c())).await.body.contains("unanswered"));

    // Locked: students may not reply, the teaching team may; pins come first.
    k.bo.post(&format!("{}/threads/{t}/lock", k.c()), &[]).await.assert_status(403);
    k.tutor.post(&format!("{}/threads/{t}/lock", k.c()), &[]).await;
    k.bo.post(&format!("{}/threads/{t}/reply", k.c()), &[("body", "More?")]).await.assert_status(400);
    k.reply(&k.tutor, t, None, "Closing this.").await;
    k.tutor.post(&format!("{}/threads/{t}/lock", k.c()), &[]).await;
    k.reply(&k.bo, t, None, "Thanks").await;
    k.tutor.post(&format!("{}/threads/{t2}/pin", k.c()), &[]).await;
    k.reply(&k.bo, t, None, "Newest activity here").await;
    let page = k.bo.get(&space).await.body;
    assert!(page.find("When is the live session?").unwrap() < page.find("How long is the essay?").unwrap());
    assert!(page.contains("Pinned"));
}
both!(questions_get_answers_and_threads_get_pinned_and_locked);

async fn unread_counts_follow_each_person(b: Backend) {
    let k = class(b).await;
    let intro = k.space("introductions").await;
    let list = format!("{}/spaces", k.c());
    let (t, _) = k.start(&k.ada, intro, "Hello", "I am Ada").await;
    k.bo.get(&list).await.assert_contains("1 new");
    assert!(!k.ada.get(&list).await.body.contains(" new<"), "one's own posts are not new to oneself");
    let thread = format!("{}/threads/{t}", k.c());
    k.bo.get(&thread).await.assert_contains("Jump to the first new post");
    assert!(!k.bo.get(&list).await.body.contains("1 new"));
    let first = k.reply(&k.ada, t, None, "Anyone else from Norway?").await;
    k.reply(&k.chen, t, None, "Me!").await;
    // Unread counts threads with new posts, not posts.
    k.bo.get(&list).await.assert_contains("1 new");
    k.bo.get(&format!("{list}/{intro}")).await.assert_contains("has-unread").assert_contains("new posts");
    let page = k.bo.get(&thread).await;
    page.assert_contains(&format!("href=\"#post-{first}\""));
    page.assert_contains(&format!("id=\"post-{first}\" class=\"forum-post unread\""));
    // Replying reads the thread up to one's reply.
    assert!(!k.chen.get(&list).await.body.contains(" new<"));
    // Olly has read nothing; "mark all read" clears the course for Olly only.
    let (t2, _) = k.start(&k.chen, intro, "Second", "Hi again").await;
    k.olly.get(&list).await.assert_contains("2 new");
    k.olly.post(&format!("{list}/read-all"), &[]).await;
    assert!(!k.olly.get(&list).await.body.contains(" new<"));
    k.reply(&k.ada, t, None, "Great").await;
    k.olly.get(&list).await.assert_contains("1 new");
    k.chen.get(&list).await.assert_contains("1 new");
    k.bo.get(&list).await.assert_contains("2 new");
    // Reading one thread leaves the other new.
    k.bo.get(&format!("{}/threads/{t2}", k.c())).await;
    k.bo.get(&list).await.assert_contains("1 new");
}
both!(unread_counts_follow_each_person);

async fn moderation_hides_posts_with_a_reason_for_their_author(b: Backend) {
    let k = class(b).await;
    let coffee = k.space("coffee").await;
    let (t, p) = k.start(&k.ada, coffee, "My number", "Call me on 555-1234 anytime").await;
    let post = format!("{}/posts/{p}", k.c());
    let thread = format!("{}/threads/{t}", k.c());
    k.bo.post(&format!("{post}/report"), &[("reason", "")]).await.assert_status(400);
    k.bo.post(&format!("{post}/report"), &[("reason", "Phone number in public")]).await;
    k.bo.post(&format!("{post}/report"), &[("reason", "Again")]).await;
    assert_eq!(k.app.count("forum_reports").await, 1, "one open report per person and post");
    k.olly.post(&format!("{post}/report"), &[("reason", "Observers may report")]).await;
    k.bo.get(&format!("{}/reports", k.c())).await.assert_status(403);
    k.tutor
        .get(&format!("{}/reports", k.c()))
        .await
        .assert_contains("Phone number in public")
        .assert_contains("555-1234");
    k.tutor.get(&format!("{}/spaces", k.c())).await.assert_contains("Reports (2)");
    k.bo.post(&format!("{post}/hide"), &[("reason", "x")]).await.assert_status(403);
    k.tutor.post(&format!("{post}/hide"), &[("reason", "Personal details; please send by message")]).await;
    assert_eq!(num(&k.app, "SELECT COUNT(*) AS n FROM forum_reports WHERE status = 'hidden'").await, 2);
    let own = k.ada.get(&thread).await;
    own.assert_contains("Hidden by a moderator.").assert_contains("please send by message").assert_contains("555-1234");
    let other = k.chen.get(&thread).await;
    other.assert_contains("Hidden by a moderator.");
    assert!(!other.body.contains("555-1234") && !other.body.contains("please send by message"));
    k.chen.get(&format!("{post}/history")).await.assert_status(404);
    k.chen.post(&format!("{post}/react"), &[("emoji", "👍")]).await.assert_status(404);
    k.tutor.post(&format!("{post}/restore"), &[]).await;
    k.chen.get(&thread).await.assert_contains("555-1234");

    // A report the team disagrees with is dismissed and leaves the queue.
    let r = k.reply(&k.bo, t, None, "Nice weather").await;
    k.chen.post(&format!("{}/posts/{r}/report", k.c()), &[("reason", "Off topic")]).await;
    let report = num(&k.app, "SELECT MAX(id) AS n FROM forum_reports").await;
    k.chen.post(&format!("{}/reports/{report}/dismiss", k.c()), &[]).await.assert_status(403);
    k.tutor.post(&format!("{}/reports/{report}/dismiss", k.c()), &[]).await;
    assert_eq!(
        text(&k.app, &format!("SELECT status AS t FROM forum_reports WHERE id = {report}")).await.unwrap(),
        "dismissed"
    );
    k.tutor.get(&format!("{}/reports", k.c())).await.assert_contains("No open reports.");
}
both!(moderation_hides_posts_with_a_reason_for_their_author);

async fn search_finds_titles_and_bodies_in_any_case(b: Backend) {
    let k = class(b).await;
    let intro = k.space("introductions").await;
    let (t, _) = k.start(&k.ada, intro, "Peer Review in practice", "How do you run it?").await;
    k.reply(&k.bo, t, None, "We use <b>peer</b> feedback and ÆRE være deg.").await;
    let (_, hidden) = k.start(&k.chen, intro, "Secret", "peer pressure").await;
    k.tutor.post(&format!("{}/posts/{hidden}/hide", k.c()), &[("reason", "test")]).await;
    let search = format!("{}/spaces/search", k.c());
    let r = k.olly.get(&format!("{search}?q=PEER")).await;
    r.assert_status(200).assert_contains("2 posts found").assert_contains("<mark>peer</mark>");
    r.assert_contains("&#60;b&#62;<mark>peer</mark>");
    assert!(!r.body.contains("<b>peer</b>") && !r.body.contains("pressure"));
    k.olly.get(&format!("{search}?q=review+in")).await.assert_contains("1 post found");
    k.olly
        .get(&format!("{search}?q=%C3%A6re"))
        .await
        .assert_contains("1 post found")
        .assert_contains("<mark>ÆRE</mark>");
    k.olly.get(&format!("{search}?q=%25")).await.assert_contains("0 posts found");
    k.olly.get(&format!("{search}?q=_")).await.assert_contains("0 posts found");
    // Paging: 25 matches, 20 a page.
    for i in 0..23 {
        k.reply(&k.chen, t, None, &format!("Peer note {i}")).await;
    }
    let p0 = k.olly.get(&format!("{search}?q=peer")).await;
    p0.assert_contains("25 posts found").assert_contains("rel=\"next\"");
    assert_eq!(p0.body.matches("class=\"forum-hit\"").count(), 20);
    let next = crate::forum_scale::next_href(&p0.body).unwrap();
    let p1 = k.olly.get(&next).await;
    assert_eq!(p1.body.matches("class=\"forum-hit\"").count(), 5);
    p1.assert_contains("25 posts found");
    assert!(crate::forum_scale::next_href(&p1.body).is_none());
    assert!(format!("{}{}", p0.body, p1.body).contains("<mark>Peer</mark> Review in practice"));
    // Posts by one person (where a mention links to).
    k.olly
        .get(&format!("{search}?author={}", k.ids[1]))
        .await
        .assert_contains("Posts by Bo Berg")
        .assert_contains("1 post found");
    // Another course's members see nothing.
    k.app.user("x@example.org", "X").await;
    k.app.signed_in("x@example.org").await.get(&format!("{search}?q=peer")).await.assert_status(403);
}
both!(search_finds_titles_and_bodies_in_any_case);

async fn follow_up_starters_prefill_the_reply(b: Backend) {
    let k = class(b).await;
    let intro = k.space("introductions").await;
    let (t, p) = k.start(&k.ada, intro, "My course", "I teach chemistry online").await;
    let thread = format!("{}/threads/{t}", k.c());
    let page = k.bo.get(&thread).await;
    page.assert_contains("Ask a follow-up question").assert_contains("What made you think that…?");
    k.bo.get(&format!("{thread}?reply={p}&starter=1"))
        .await
        .assert_contains(&format!("id=\"reply-{p}\""))
        .assert_contains("@Ada Lovelace Could you give an example of…?");
    k.bo.post(&format!("{}/spaces/starters", k.c()), &[("starters", "Why?")]).await.assert_status(403);
    k.tutor.post(&format!("{}/spaces/starters", k.c()), &[("starters", " \n ")]).await.assert_status(400);
    k.tutor.post(&format!("{}/spaces/starters", k.c()), &[("starters", "What surprised you about…?\nWhy?")]).await;
    let page = k.bo.get(&format!("{thread}?reply={p}&starter=0")).await;
    page.assert_contains("@Ada Lovelace What surprised you about…?");
    assert!(!page.body.contains("What made you think that"));
}
both!(follow_up_starters_prefill_the_reply);

async fn export_and_erasure_of_a_forum_member(b: Backend) {
    let k = class(b).await;
    let intro = k.space("introductions").await;
    let (t, p) = k.start(&k.ada, intro, "About me", "I like knitting").await;
    k.ada.post(&format!("{}/posts/{p}/edit", k.c()), &[("title", "About me"), ("body", "I love knitting")]).await;
    let r = k.reply(&k.bo, t, None, "Me too").await;
    k.ada.post(&format!("{}/posts/{r}/react", k.c()), &[("emoji", "❤️")]).await;
    k.ada.post(&format!("{}/posts/{r}/report", k.c()), &[("reason", "testing reports")]).await;
    k.ada.get(&format!("{}/threads/{t}", k.c())).await;
    let data = homeroom::privacy::export_user(k.app.db(), "ada@example.org").await.unwrap();
    let tables = &data["tables"];
    assert_eq!(tables["forum_posts"][0]["body"], "I love knitting");
    assert_eq!(tables["forum_post_revisions"][0]["body"], "I like knitting");
    assert_eq!(tables["forum_reactions"][0]["emoji"], "❤️");
    assert_eq!(tables["forum_reports"][0]["reason"], "testing reports");
    assert_eq!(tables["forum_threads"][0]["title"], "About me");

    homeroom::privacy::erase_user(k.app.db(), "ada@example.org").await.unwrap();
    assert_eq!(k.app.count("forum_posts").await, 2, "posts others replied to stay");
    assert_eq!(num(&k.app, "SELECT COUNT(*) AS n FROM forum_posts WHERE author_id IS NULL").await, 1);
    for table in ["forum_reactions", "forum_reports", "forum_reads"] {
        let left = num(
            &k.app,
            &format!(
                "SELECT COUNT(*) AS n FROM {table} WHERE {} = {}",
                if table == "forum_reports" { "reporter_id" } else { "user_id" },
                k.ids[0]
            ),
        )
        .await;
        assert_eq!(left, 0, "{table}");
    }
    k.bo.get(&format!("{}/threads/{t}", k.c()))
        .await
        .assert_contains("Former member")
        .assert_contains("I love knitting");
}
both!(export_and_erasure_of_a_forum_member);

async fn the_demo_has_lively_spaces(b: Backend) {
    let app = TestApp::spawn(b).await;
    homeroom::demo::seed(app.db(), &app.state.mailer, &app.base, &|_| {}).await.unwrap();
    let student = app.browser();
    student.sign_in(&homeroom::demo::sign_ins()[2].1, homeroom::demo::PASSWORD).await;
    let course =
        num(&app, &format!("SELECT id AS n FROM courses WHERE title = '{}'", homeroom::demo::COURSE_TITLE)).await;
    let list = student.get(&format!("/courses/{course}/spaces")).await;
    list.assert_status(200)
        .assert_contains("Introductions")
        .assert_contains("Coffee shop")
        .assert_contains("Questions about the course")
        .assert_contains("2 unanswered");
    assert_eq!(num(&app, "SELECT COUNT(*) AS n FROM forum_spaces").await, 5, "no second set of defaults");
    assert!(app.count("forum_posts").await > 40);
    assert!(app.count("forum_mentions").await >= 5);
    assert!(app.count("forum_reactions").await > 10);
    let thread = num(&app, "SELECT id AS n FROM forum_threads WHERE title LIKE 'Week 2:%'").await;
    student
        .get(&format!("/courses/{course}/threads/{thread}"))
        .await
        .assert_status(200)
        .assert_contains("class=\"forum-children\"")
        .assert_contains(&format!("href=\"/courses/{course}/people/"));
}
both!(the_demo_has_lively_spaces);
