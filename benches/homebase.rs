//! Homebase benchmark (issue 4): a course of 1,000 members with profiles and 10,000 posts,
//! one thread of 500 replies (with reactions, nested replies and @mentions), shout-outs,
//! a Win of the Week, milestones, a weekly routine and direct messages. At 50 concurrent
//! signed-in clients, on SQLite and on PostgreSQL, it measures requests per second and
//! latency of the long thread, the course home (as students and as the tutor), the list
//! of spaces, one space's threads, and `/healthz` as the ceiling.
//!
//!   cargo bench -j2 --bench homebase
//!   BENCH_SECONDS=20 BENCH_CLIENTS=50 cargo bench --bench homebase
//!   BENCH_SHORT=1 cargo bench --bench homebase      # a smoke run for CI: small and quick
//!
//! The data is written in bulk, not through HTTP, but post HTML is rendered and mentions
//! found by the app's own code, as a write would. Each client is a different student with
//! their own session (the tutor figure shares the tutor's). The load generator runs in the
//! server's process and shares its cores, so the figures are a floor. PostgreSQL comes from
//! HOMEROOM_TEST_POSTGRES (default postgres@127.0.0.1:5432) in a fresh database that is
//! dropped afterwards; it is skipped with a note when unreachable.

#[path = "support/mod.rs"]
mod support;

use homeroom::db::entity::{
    birthday_optin, conversation, conversation_member, forum_mention, forum_post, forum_reaction, forum_space,
    forum_thread, introduction, media, message, milestone, milestone_cheer, nomination, profile, profile_detail,
    routine_entry, shout_out,
};
use homeroom::{AppState, forum};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use support::{Figures, env_num, load};

struct Scale {
    members: u64,
    posts: u64,
    replies: u64,
    secs: u64,
    clients: u64,
}

/// What the load runs against, once seeded.
struct Seeded {
    course_id: i64,
    big_thread: i64,
    space_id: i64,
    student_cookies: Vec<String>,
    tutor_cookie: String,
}

async fn insert_chunked<A, E>(db: &sea_orm::DatabaseConnection, rows: Vec<A>, chunk: usize)
where
    A: sea_orm::ActiveModelTrait<Entity = E> + Clone + Send,
    E: EntityTrait,
{
    for c in rows.chunks(chunk) {
        E::insert_many(c.to_vec()).exec(db).await.unwrap();
    }
}

const EMOJIS: [&str; 5] = ["👍", "❤️", "🎉", "💡", "😂"];

fn body_of(i: u64) -> String {
    let sentences = [
        "I tried the reading from this week and the second part made more sense after the video.",
        "Does anyone have a good example of this from their own work? **I would love to hear it.**",
        "My group met on Tuesday; we split the tasks and wrote a short plan in the wiki.",
        "Here is what helped me: make a list, pick *one* thing, and do it before lunch.",
        "Thanks for sharing – I had the same question about the deadline.",
    ];
    let n = 1 + (i % 3) as usize;
    (0..n).map(|k| sentences[(i as usize + k) % sentences.len()]).collect::<Vec<_>>().join("\n\n")
}

#[allow(clippy::too_many_arguments)]
fn post(
    thread_id: i64,
    course_id: i64,
    parent_id: Option<i64>,
    opening: bool,
    author: i64,
    title: Option<&str>,
    body: String,
    html: String,
    at: i64,
) -> forum_post::ActiveModel {
    forum_post::ActiveModel {
        thread_id: Set(thread_id),
        course_id: Set(course_id),
        parent_id: Set(parent_id),
        opening: Set(opening),
        author_id: Set(Some(author)),
        search_text: Set(forum::search_text_of(title, &body)),
        body: Set(body),
        body_html: Set(html),
        created_at: Set(at),
        edited_at: Set(None),
        deleted_at: Set(None),
        hidden_at: Set(None),
        hidden_reason: Set(None),
        hidden_by: Set(None),
        ..Default::default()
    }
}

async fn ids(db: &sea_orm::DatabaseConnection, sql: String) -> Vec<i64> {
    let rows = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|r| r.try_get::<i64>("", "id").unwrap()).collect()
}

async fn seed(state: &AppState, s: &Scale) -> Seeded {
    let db = &state.db;
    let base = support::seed_course(state, s.members).await;
    let (course_id, tutor) = (base.course_id, base.tutor_id);
    let students = &base.students;
    let everyone: Vec<(i64, String)> = std::iter::once((tutor, "Bench Tutor".to_string()))
        .chain(students.iter().enumerate().map(|(i, id)| (*id, support::name_of(i as u64))))
        .collect();
    let names: Vec<(i64, &str)> = everyone.iter().map(|(id, n)| (*id, n.as_str())).collect();
    let now = homeroom::time::now_ms();
    let hour = 3_600_000;
    let student = |i: u64| students[i as usize % students.len()];

    // Profiles: every member has one; a third have a photo the class may see.
    let photos: Vec<media::ActiveModel> = students
        .iter()
        .step_by(3)
        .map(|u| media::ActiveModel {
            user_id: Set(*u),
            course_id: Set(None),
            kind: Set("image".into()),
            purpose: Set("photo".into()),
            content_type: Set("image/webp".into()),
            size: Set(20_000),
            sha256: Set("0".repeat(64)),
            storage_key: Set(format!("bench/{u}")),
            has_thumb: Set(true),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    insert_chunked(db, photos, 500).await;
    let photo_of: std::collections::HashMap<i64, i64> = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT id, user_id FROM media".to_string(),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get::<i64>("", "user_id").unwrap(), r.try_get::<i64>("", "id").unwrap()))
        .collect();
    let today = jiff::Timestamp::now().to_zoned(homeroom::time::zone("Europe/Oslo")).date();
    let today = format!("{:02}-{:02}", today.month(), today.day());
    let profiles: Vec<profile::ActiveModel> = everyone
        .iter()
        .enumerate()
        .map(|(i, (u, _))| profile::ActiveModel {
            user_id: Set(*u),
            organisation: Set(["Oslo Met", "NTNU", "Kommune", "Freelance"][i % 4].into()),
            circumstances: Set(if i % 5 == 0 { "parent".into() } else { String::new() }),
            birthday: Set(Some(if i % 200 == 7 {
                today.clone()
            } else {
                format!("{:02}-{:02}", 1 + i % 12, 1 + i % 28)
            })),
            updated_at: Set(now),
        })
        .collect();
    insert_chunked(db, profiles, 500).await;
    let details: Vec<profile_detail::ActiveModel> = everyone
        .iter()
        .enumerate()
        .map(|(i, (u, _))| profile_detail::ActiveModel {
            user_id: Set(*u),
            pronouns: Set(["she/her", "he/him", "they/them", ""][i % 4].into()),
            name_say: Set(String::new()),
            name_audio_id: Set(None),
            photo_id: Set(photo_of.get(u).copied()),
            photo_caption: Set(String::new()),
            bio: Set(body_of(i as u64)),
            job: Set("Teacher".into()),
            location: Set("Bergen".into()),
            interests: Set("hiking; jazz; bread".into()),
            looking_forward: Set("Meeting people".into()),
            use_for: Set(String::new()),
            circumstances_note: Set(String::new()),
            contact: Set(String::new()),
            // Some keep their photo to the teaching team, so the check per card matters.
            visibility: Set(if i % 7 == 0 { r#"{"photo":"tutors"}"#.into() } else { "{}".into() }),
            updated_at: Set(now),
        })
        .collect();
    insert_chunked(db, details, 300).await;
    let optins: Vec<birthday_optin::ActiveModel> = students
        .iter()
        .step_by(4)
        .map(|u| birthday_optin::ActiveModel { course_id: Set(course_id), user_id: Set(*u), ..Default::default() })
        .collect();
    insert_chunked(db, optins, 500).await;
    let intros: Vec<introduction::ActiveModel> = students
        .iter()
        .step_by(2)
        .enumerate()
        .map(|(i, u)| introduction::ActiveModel {
            course_id: Set(course_id),
            user_id: Set(*u),
            body: Set(body_of(i as u64)),
            photo_id: Set(None),
            clip_id: Set(None),
            transcript: Set(String::new()),
            pinned: Set(false),
            created_at: Set(now - i as i64 * hour),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    insert_chunked(db, intros, 500).await;

    // Spaces: the three every course has, a Q&A and a weekly discussion.
    let spaces = [
        ("introductions", "discussion", "Introductions"),
        ("coffee", "social", "Coffee shop"),
        ("announcements", "announcements", "Announcements"),
        ("", "qa", "Questions"),
        ("", "discussion", "Week 1: getting started"),
    ];
    let space_rows: Vec<forum_space::ActiveModel> = spaces
        .iter()
        .enumerate()
        .map(|(i, (key, kind, title))| forum_space::ActiveModel {
            course_id: Set(course_id),
            kind: Set(kind.to_string()),
            title: Set(title.to_string()),
            about: Set(format!("About **{title}**.")),
            position: Set(i as i32),
            archived: Set(false),
            default_key: Set((!key.is_empty()).then(|| key.to_string())),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    insert_chunked(db, space_rows, 10).await;
    let space_ids = ids(db, format!("SELECT id FROM forum_spaces WHERE course_id = {course_id} ORDER BY id")).await;

    // Threads: the long one in the coffee shop, then ten posts per thread for the rest.
    let per_thread = 10;
    let others = s.posts.saturating_sub(s.replies + 1).div_ceil(per_thread).max(1);
    let threads: Vec<forum_thread::ActiveModel> = (0..=others)
        .map(|t| {
            let big = t == 0;
            let at = now - (others - t) as i64 * hour;
            forum_thread::ActiveModel {
                space_id: Set(if big { space_ids[1] } else { space_ids[t as usize % space_ids.len()] }),
                course_id: Set(course_id),
                author_id: Set(Some(if big || t % 5 == 2 { tutor } else { student(t * 7) })),
                title: Set(if big {
                    "What are you reading this week?".into()
                } else {
                    format!("Thread {t}: a question")
                }),
                pinned: Set(false),
                locked: Set(false),
                answer_post_id: Set(None),
                reply_count: Set(if big { s.replies as i32 } else { per_thread as i32 - 1 }),
                created_at: Set(at),
                last_post_at: Set(at + per_thread as i64 * 60_000),
                ..Default::default()
            }
        })
        .collect();
    insert_chunked(db, threads, 500).await;
    let thread_ids = ids(db, format!("SELECT id FROM forum_threads WHERE course_id = {course_id} ORDER BY id")).await;
    let big_thread = thread_ids[0];

    // The long thread: every tenth reply mentions someone, every fourth answers an
    // earlier reply (one level deep, as the app allows).
    let opening_body = "Share what you are reading, and why.".to_string();
    let (html, _) = forum::render_with(course_id, &opening_body, &names);
    insert_chunked(
        db,
        vec![post(
            big_thread,
            course_id,
            None,
            true,
            tutor,
            Some("What are you reading this week?"),
            opening_body,
            html,
            now - 600 * hour,
        )],
        1,
    )
    .await;
    const CHUNK: usize = 50;
    let mut mentions: Vec<(usize, i64)> = vec![];
    let mut replies = vec![];
    let mut top: Vec<usize> = vec![];
    for r in 0..s.replies as usize {
        let author = student(r as u64 * 13);
        let mut body = body_of(r as u64);
        if r % 10 == 3 {
            body = format!("@{} {body}", everyone[(r * 31) % everyone.len()].1);
        }
        let (html, mentioned) = forum::render_with(course_id, &body, &names);
        mentions.extend(mentioned.into_iter().map(|u| (r, u)));
        // Only parents from earlier chunks, whose ids are known when this chunk is written.
        let known = top.partition_point(|t| *t < r / CHUNK * CHUNK);
        let parent = if r % 4 == 1 && known > 0 { Some(top[(r * 7) % known]) } else { None };
        if parent.is_none() {
            top.push(r);
        }
        replies.push((
            parent,
            post(big_thread, course_id, None, false, author, None, body, html, now - (600 - r as i64) * hour / 2),
        ));
    }
    // Parents are written before their children, so ids are known by the time they are needed.
    let mut reply_ids: Vec<i64> = Vec::with_capacity(replies.len());
    let opening_id = ids(db, format!("SELECT id FROM forum_posts WHERE thread_id = {big_thread}")).await[0];
    for chunk in replies.chunks(CHUNK) {
        let rows: Vec<forum_post::ActiveModel> = chunk
            .iter()
            .map(|(parent, p)| {
                let mut p = p.clone();
                p.parent_id = Set(parent.map(|i| reply_ids[i]));
                p
            })
            .collect();
        forum_post::Entity::insert_many(rows).exec(db).await.unwrap();
        reply_ids = ids(
            db,
            format!("SELECT id FROM forum_posts WHERE thread_id = {big_thread} AND id > {opening_id} ORDER BY id"),
        )
        .await;
    }
    let mention_rows: Vec<forum_mention::ActiveModel> = mentions
        .iter()
        .map(|(r, u)| forum_mention::ActiveModel {
            post_id: Set(reply_ids[*r]),
            user_id: Set(*u),
            ..Default::default()
        })
        .collect();
    insert_chunked(db, mention_rows, 500).await;
    let mut reactions = vec![];
    for (r, pid) in reply_ids.iter().enumerate().filter(|(r, _)| r % 3 == 0) {
        for k in 0..(1 + r % 6) {
            reactions.push(forum_reaction::ActiveModel {
                post_id: Set(*pid),
                user_id: Set(student((r * 17 + k * 101) as u64)),
                emoji: Set(EMOJIS[(r + k) % EMOJIS.len()].into()),
                ..Default::default()
            });
        }
    }
    insert_chunked(db, reactions, 500).await;

    // The other threads: an opening post and replies each.
    let mut rows = vec![];
    for (t, tid) in thread_ids.iter().enumerate().skip(1) {
        for k in 0..per_thread {
            let i = t as u64 * per_thread + k;
            let body = body_of(i);
            let html = homeroom::markdown::to_html(&body);
            let title = (k == 0).then(|| format!("Thread {t}: a question"));
            let author = if k == 0 && t % 5 == 2 { tutor } else { student(i * 7) };
            let at = now - (others as i64 - t as i64) * hour + k as i64 * 60_000;
            rows.push(post(*tid, course_id, None, k == 0, author, title.as_deref(), body, html, at));
        }
    }
    insert_chunked(db, rows, 500).await;

    // Recognition, celebrations, the routine.
    let shout_outs: Vec<shout_out::ActiveModel> = (0..200u64)
        .map(|i| shout_out::ActiveModel {
            course_id: Set(course_id),
            from_id: Set(Some(student(i * 3))),
            to_id: Set(student(i * 3 + 1)),
            body: Set(format!("Thank you for the help with task {i}!")),
            created_at: Set(now - i as i64 * hour),
            ..Default::default()
        })
        .collect();
    insert_chunked(db, shout_outs, 500).await;
    let week = homeroom::recognition::this_week("Europe/Oslo").key();
    let noms: Vec<nomination::ActiveModel> = (0..30u64)
        .map(|i| nomination::ActiveModel {
            course_id: Set(course_id),
            week: Set(week.clone()),
            nominee_id: Set(student(i * 11)),
            nominator_id: Set(Some(student(i * 11 + 5))),
            reason: Set("Kept the group going when it was hard.".into()),
            featured: Set(i < 2),
            created_at: Set(now - i as i64 * hour),
            ..Default::default()
        })
        .collect();
    insert_chunked(db, noms, 500).await;
    let milestones: Vec<milestone::ActiveModel> = (0..40u64)
        .map(|i| milestone::ActiveModel {
            course_id: Set(course_id),
            user_id: Set(student(i * 19)),
            body: Set("Finished my first assignment!".into()),
            created_at: Set(now - i as i64 * hour),
            ..Default::default()
        })
        .collect();
    insert_chunked(db, milestones, 500).await;
    let ms_ids = ids(db, format!("SELECT id FROM milestones WHERE course_id = {course_id}")).await;
    let mut cheered = std::collections::HashSet::new();
    for m in &ms_ids {
        for k in 0..20u64 {
            cheered.insert((*m, student(*m as u64 * 3 + k * 37)));
        }
    }
    let cheers: Vec<milestone_cheer::ActiveModel> = cheered
        .into_iter()
        .map(|(m, u)| milestone_cheer::ActiveModel { milestone_id: Set(m), user_id: Set(u), ..Default::default() })
        .collect();
    insert_chunked(db, cheers, 500).await;
    let routine: Vec<routine_entry::ActiveModel> =
        [(0, 9 * 60, "tutor_posts"), (2, 18 * 60, "live_session"), (4, 12 * 60, "questions")]
            .into_iter()
            .map(|(d, m, kind)| routine_entry::ActiveModel {
                course_id: Set(course_id),
                weekday: Set(d),
                start_minute: Set(m),
                duration_minutes: Set(60),
                title: Set(format!("Routine: {kind}")),
                kind: Set(kind.into()),
                location: Set("Zoom".into()),
                created_at: Set(now),
                ..Default::default()
            })
            .collect();
    insert_chunked(db, routine, 10).await;

    // Direct messages: the first 300 students each talk with the tutor and with a peer.
    let pairs: Vec<(i64, i64)> = (0..300u64.min(students.len() as u64))
        .flat_map(|i| [(student(i), tutor), (student(i), student(i + 300))])
        .collect();
    let convs: Vec<conversation::ActiveModel> = pairs
        .iter()
        .map(|_| conversation::ActiveModel {
            course_id: Set(course_id),
            created_at: Set(now - 48 * hour),
            last_message_at: Set(now - hour),
            ..Default::default()
        })
        .collect();
    insert_chunked(db, convs, 500).await;
    let conv_ids = ids(db, format!("SELECT id FROM conversations WHERE course_id = {course_id} ORDER BY id")).await;
    let mut members = vec![];
    let mut messages = vec![];
    for (cid, (a, b)) in conv_ids.iter().zip(&pairs) {
        for u in [a, b] {
            members.push(conversation_member::ActiveModel {
                conversation_id: Set(*cid),
                user_id: Set(*u),
                last_read_at: Set(now - 24 * hour),
                ..Default::default()
            });
        }
        for k in 0..6i64 {
            messages.push(message::ActiveModel {
                conversation_id: Set(*cid),
                user_id: Set(Some(if k % 2 == 0 { *a } else { *b })),
                body: Set("See you on Thursday?".into()),
                created_at: Set(now - (40 - k * 6) * hour),
                ..Default::default()
            });
        }
    }
    insert_chunked(db, members, 500).await;
    insert_chunked(db, messages, 500).await;

    // Each client is a different student.
    let mut student_cookies = vec![];
    for u in students.iter().take(s.clients as usize) {
        student_cookies.push(support::cookie_for(state, *u).await);
    }
    Seeded { course_id, big_thread, space_id: space_ids[4], student_cookies, tutor_cookie: base.tutor_cookie }
}

async fn count(db: &sea_orm::DatabaseConnection, table: &str) -> i64 {
    let r = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    r.try_get("", "n").unwrap()
}

async fn run(label: &str, database_url: String, s: &Scale) {
    let (state, _data) = support::state(database_url).await;
    let started = std::time::Instant::now();
    let seeded = seed(&state, s).await;
    println!(
        "{label:<9} seeded in {:.1} s: {} members, {} posts, {} reactions, {} messages",
        started.elapsed().as_secs_f64(),
        count(&state.db, "memberships").await,
        count(&state.db, "forum_posts").await,
        count(&state.db, "forum_reactions").await,
        count(&state.db, "messages").await,
    );
    let base = support::serve(state).await;
    let client = support::http_client(s.clients);
    let c = seeded.course_id;
    let thread = format!("thread ({} replies)", s.replies);
    let targets: [(&str, String, &[String]); 6] = [
        ("/healthz", format!("{base}/healthz"), &[]),
        (&thread, format!("{base}/courses/{c}/threads/{}", seeded.big_thread), &seeded.student_cookies),
        ("course home, student", format!("{base}/courses/{c}"), &seeded.student_cookies),
        ("course home, tutor", format!("{base}/courses/{c}"), std::slice::from_ref(&seeded.tutor_cookie)),
        ("spaces", format!("{base}/courses/{c}/spaces"), &seeded.student_cookies),
        ("one space's threads", format!("{base}/courses/{c}/spaces/{}", seeded.space_id), &seeded.student_cookies),
    ];
    // Each page must be the real page, not an error or sign-in page that is cheaper.
    let mut sizes = vec![0usize];
    for (what, url, cookies) in &targets[1..] {
        let r = client.get(url).header("cookie", &cookies[0]).send().await.unwrap();
        assert!(r.status().is_success(), "{what}: {}", r.status());
        let html = r.text().await.unwrap();
        sizes.push(html.len());
        if what.starts_with("thread") {
            let posts = html.matches("<article id=\"post-").count() as u64;
            assert_eq!(posts, s.replies + 1, "every post of the long thread is on its page");
        }
        if what.starts_with("course home") {
            assert!(html.matches("class=\"person\"").count() as u64 >= s.members - 1, "every member on the home");
        }
    }
    // Warm up connections and caches (and the first visits' read markers).
    for (_, url, cookies) in &targets {
        let _ = load(&client, url, cookies, s.clients, 1).await;
    }
    let mut figures: Vec<(&str, Figures)> = vec![];
    for (what, url, cookies) in &targets {
        figures.push((what, load(&client, url, cookies, s.clients, s.secs).await));
    }
    let ceiling = figures[0].1.rps;
    for ((what, f), size) in figures.iter().zip(sizes) {
        println!(
            "| {label:<8} | {what:<21} | {:>6} | {:>7.0} | {:>8.1} | {:>8.1} | {:>6} | {:>5.3} |",
            size / 1024,
            f.rps,
            f.p50_ms,
            f.p99_ms,
            f.errors,
            f.rps / ceiling
        );
    }
}

fn main() {
    let short = std::env::var("BENCH_SHORT").is_ok_and(|v| !v.is_empty() && v != "0");
    let s = if short {
        Scale {
            members: env_num("BENCH_MEMBERS", 100),
            posts: env_num("BENCH_POSTS", 1_000),
            replies: env_num("BENCH_REPLIES", 50),
            secs: env_num("BENCH_SECONDS", 1),
            clients: env_num("BENCH_CLIENTS", 10),
        }
    } else {
        Scale {
            members: env_num("BENCH_MEMBERS", 1_000),
            posts: env_num("BENCH_POSTS", 10_000),
            replies: env_num("BENCH_REPLIES", 500),
            secs: env_num("BENCH_SECONDS", 8),
            clients: env_num("BENCH_CLIENTS", 50),
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async move {
        println!(
            "Homebase: {} members, {} posts, a thread of {} replies; {} concurrent clients, {} s per figure",
            s.members, s.posts, s.replies, s.clients, s.secs
        );
        println!(
            "| database | page                  | KB     |   req/s | p50 (ms) | p99 (ms) | errors | of /healthz |"
        );
        println!(
            "| -------- | --------------------- | -----: | ------: | -------: | -------: | -----: | ----------: |"
        );
        support::each_database(|label, url| run(label, url, &s)).await;
    });
}
