//! The demo at the size of a large course: `homeroom demo --students N` adds students
//! beyond the 36 written by hand (generated names, places and circumstances), and content
//! in proportion to them: every seeder of the demo (groups, budgets, survey answers,
//! profiles, photos and introductions, the board) already works on the whole class, and
//! this module adds what grows with a class: forum threads (about 20 posts a student),
//! a coffee-shop thread with a reply from everyone (up to 2,000), conversations and
//! notifications. Rows go in by batches inside the demo's one transaction, with the
//! forum's own rendering of posts and mentions, so 2,000 students seed in seconds.

use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::db::entity::{
    conversation, conversation_member, forum_post, forum_space, forum_thread, membership, message, notification,
    profile, user,
};
use crate::forum::{render_with, search_text_of};
use crate::groups::planning::{self, Person};
use crate::policy::Role;

/// The students the demo has without `--students`.
pub const HAND_WRITTEN: usize = super::people::STUDENTS.len();
/// Posts a student has written, on average, in threads of [`THREAD_POSTS`].
pub const POSTS_PER_STUDENT: usize = 20;
const THREAD_POSTS: usize = 10;
/// The coffee-shop thread everyone replies to stops growing here.
pub const LONG_THREAD_MAX: usize = 2_000;
/// Rows per INSERT: well under both databases' limits on bound values.
const BATCH: usize = 200;
const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

const FIRST: [&str; 40] = [
    "Ada", "Bjørn", "Chiara", "Dmitri", "Emeka", "Fatima", "Gustav", "Hana", "Ingvild", "Jamal", "Kirsten", "Luis",
    "Maja", "Nils", "Olu", "Pia", "Quentin", "Rania", "Sven", "Tomoko", "Uma", "Viktor", "Wanjiru", "Xavier", "Yusuf",
    "Zofia", "Aslak", "Bilal", "Camille", "Dagny", "Eirik", "Freya", "Goran", "Helga", "Ivan", "Jorunn", "Kari",
    "Leila", "Magnus", "Nadia",
];
const LAST: [&str; 25] = [
    "Andersen", "Berg", "Costa", "Dahl", "Eze", "Fischer", "Garcia", "Haugen", "Ito", "Johansen", "Khan", "Larsen",
    "Moreau", "Nakamura", "Okoye", "Pedersen", "Quispe", "Rossi", "Sandvik", "Tanaka", "Usman", "Vik", "Wang",
    "Yilmaz", "Zhou",
];
const ZONES: [&str; 8] = [
    "Europe/Oslo",
    "Europe/London",
    "Africa/Nairobi",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "America/New_York",
    "America/Sao_Paulo",
    "Australia/Sydney",
];
const ORGANISATIONS: [&str; 6] = [
    "University of Oslo",
    "City Adult Learning Centre",
    "Nordic Health Academy",
    "Open University",
    "Lakeside Secondary School",
    "Green Energy Training",
];
const CIRCUMSTANCES: [&[&str]; 4] =
    [&["working full time"], &["parent", "working part time"], &["first time studying online"], &[]];
const REPLIES: [&str; 6] = [
    "Thanks for sharing this, it gives me an idea for my own course.",
    "I tried something similar last term: the **first week** mattered most.",
    "Good question. Does anyone have an example from a large class?",
    "Agreed! Short tasks with a clear deadline work best for my learners.",
    "Could you say more about how you planned the time for it?",
    "Saving this for week 4, when we look at peer feedback.",
];
const TOPICS: [&str; 5] = [
    "Keeping learners going in week five",
    "Breakout rooms that work",
    "Feedback that takes less time",
    "Welcoming people who join late",
    "Live sessions across time zones",
];

/// A generated student's name: distinct for the first 1,000, numbered after that.
pub fn name_of(i: usize) -> String {
    let (f, l) = (FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()]);
    match i / (FIRST.len() * LAST.len()) {
        0 => format!("{f} {l}"),
        round => format!("{f} {l} {}", round + 1),
    }
}

/// Add `extra` generated students to the course (accounts with the demo password,
/// memberships, most with a profile) and return them as the group planner sees people.
pub async fn add_students(
    txn: &impl ConnectionTrait,
    course_id: i64,
    hash: &str,
    extra: usize,
    at: i64,
    rng: &mut StdRng,
    progress: &dyn Fn(&str),
) -> anyhow::Result<Vec<Person>> {
    let mut people = Vec::with_capacity(extra);
    for start in (0..extra).step_by(BATCH) {
        progress(&format!("students {start} of {extra}"));
        let batch: Vec<usize> = (start..(start + BATCH).min(extra)).collect();
        let users = batch.iter().map(|&i| user::ActiveModel {
            email: Set(format!("student{}@{}", i + 1, super::people::DOMAIN)),
            name: Set(name_of(i)),
            password_hash: Set(Some(hash.to_string())),
            locale: Set(if i % 10 == 3 { "nb" } else { "en" }.into()),
            time_zone: Set(ZONES[i % ZONES.len()].into()),
            is_site_admin: Set(false),
            created_at: Set(at - (i as i64 % 240) * HOUR),
            updated_at: Set(at),
            ..Default::default()
        });
        let ids = user::Entity::insert_many(users).exec_with_returning_keys(txn).await?;
        let members = ids.iter().map(|&id| membership::ActiveModel {
            course_id: Set(course_id),
            user_id: Set(id),
            role: Set(Role::Student.as_str().into()),
            created_at: Set(at),
            ..Default::default()
        });
        membership::Entity::insert_many(members).exec_without_returning(txn).await?;
        let mut profiles = vec![];
        for (&i, &id) in batch.iter().zip(&ids) {
            let birthday = rng
                .random_bool(0.8)
                .then(|| format!("{:02}-{:02}", rng.random_range(1..=12), rng.random_range(1..=28)));
            let circumstances: Vec<String> =
                CIRCUMSTANCES[i % CIRCUMSTANCES.len()].iter().map(|c| c.to_string()).collect();
            let organisation = ORGANISATIONS[i % ORGANISATIONS.len()];
            if i % 9 != 4 {
                profiles.push(profile::ActiveModel {
                    user_id: Set(id),
                    organisation: Set(organisation.into()),
                    circumstances: Set(circumstances.join("; ")),
                    birthday: Set(birthday.clone()),
                    updated_at: Set(at),
                });
            }
            people.push(Person {
                user_id: id,
                name: name_of(i),
                utc_offset_minutes: crate::time::zone(ZONES[i % ZONES.len()])
                    .to_offset(jiff::Timestamp::now())
                    .seconds()
                    / 60,
                organisation: organisation.into(),
                circumstances,
                birthday: birthday.as_deref().and_then(planning::parse_birthday),
                facilitated: 0,
            });
        }
        if !profiles.is_empty() {
            profile::Entity::insert_many(profiles).exec_without_returning(txn).await?;
        }
    }
    Ok(people)
}

/// What grows with the class, written after the hand-written demo: `people` is every
/// joined student (hand-written first), `extra` how many of them were generated.
pub async fn seed_content(
    txn: &impl ConnectionTrait,
    course_id: i64,
    tutor_id: i64,
    people: &[Person],
    extra: usize,
    now: i64,
    progress: &dyn Fn(&str),
) -> anyhow::Result<()> {
    if extra == 0 || people.is_empty() {
        return Ok(());
    }
    let spaces: Vec<i64> = forum_space::Entity::find()
        .filter(forum_space::Column::CourseId.eq(course_id))
        .order_by_asc(forum_space::Column::Position)
        .all(txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    // The spaces students write in: introductions, coffee shop, questions, week 2.
    let open: Vec<i64> = spaces.iter().enumerate().filter(|(i, _)| *i != 2).map(|(_, id)| *id).collect();
    let generated = &people[people.len() - extra..];
    let threads = extra * POSTS_PER_STUDENT / THREAD_POSTS;
    for start in (0..threads).step_by(BATCH / THREAD_POSTS) {
        progress(&format!("forum posts {} of {}", start * THREAD_POSTS, threads * THREAD_POSTS));
        let end = (start + BATCH / THREAD_POSTS).min(threads);
        let mut posts = vec![];
        for t in start..end {
            let opener = &generated[t % generated.len()];
            let title = format!("{} ({})", TOPICS[t % TOPICS.len()], opener.name);
            let begun = now - (28 * DAY) + (t as i64 * 28 * DAY / threads as i64);
            let thread_id = insert_thread(
                txn,
                course_id,
                open[t % open.len()],
                opener.user_id,
                &title,
                THREAD_POSTS - 1,
                begun,
                (begun + (THREAD_POSTS as i64 - 1) * HOUR).min(now),
            )
            .await?;
            for k in 0..THREAD_POSTS {
                let author = &people[(t * 7 + k * 13) % people.len()];
                let author = if k == 0 { opener } else { author };
                let body = if k == 0 {
                    format!("What has worked for you? {}", REPLIES[t % REPLIES.len()])
                } else {
                    REPLIES[(t + k) % REPLIES.len()].to_string()
                };
                let at = (begun + k as i64 * HOUR).min(now);
                posts.push(post(course_id, thread_id, None, author.user_id, k == 0, &title, &body, &[], at));
            }
        }
        forum_post::Entity::insert_many(posts).exec_without_returning(txn).await?;
    }
    long_thread(txn, course_id, spaces.get(1).copied().unwrap_or(open[0]), tutor_id, people, now, progress).await?;
    progress("conversations");
    conversations(txn, course_id, generated, now).await?;
    progress("notifications");
    notifications(txn, course_id, tutor_id, people, now).await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert_thread(
    txn: &impl ConnectionTrait,
    course_id: i64,
    space_id: i64,
    author: i64,
    title: &str,
    replies: usize,
    created_at: i64,
    last_post_at: i64,
) -> anyhow::Result<i64> {
    let thread = forum_thread::ActiveModel {
        space_id: Set(space_id),
        course_id: Set(course_id),
        author_id: Set(Some(author)),
        title: Set(title.to_string()),
        pinned: Set(false),
        locked: Set(false),
        answer_post_id: Set(None),
        reply_count: Set(replies as i32),
        created_at: Set(created_at),
        last_post_at: Set(last_post_at),
        ..Default::default()
    };
    Ok(forum_thread::Entity::insert(thread).exec(txn).await?.last_insert_id)
}

/// A post rendered as the forum renders it (Markdown, @mentions of `names`).
#[allow(clippy::too_many_arguments)]
fn post(
    course_id: i64,
    thread_id: i64,
    parent_id: Option<i64>,
    author: i64,
    opening: bool,
    title: &str,
    body: &str,
    names: &[(i64, &str)],
    at: i64,
) -> forum_post::ActiveModel {
    let (html, _) = render_with(course_id, body, names);
    forum_post::ActiveModel {
        thread_id: Set(thread_id),
        course_id: Set(course_id),
        parent_id: Set(parent_id),
        opening: Set(opening),
        author_id: Set(Some(author)),
        search_text: Set(search_text_of(opening.then_some(title), body)),
        body: Set(body.to_string()),
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

/// "Say hi from where you are": one reply from every student up to [`LONG_THREAD_MAX`],
/// a quarter of them under an earlier reply, every tenth @mentioning a classmate.
async fn long_thread(
    txn: &impl ConnectionTrait,
    course_id: i64,
    space_id: i64,
    tutor_id: i64,
    people: &[Person],
    now: i64,
    progress: &dyn Fn(&str),
) -> anyhow::Result<()> {
    let replies = people.len().min(LONG_THREAD_MAX);
    let title = "Say hi from where you are studying today";
    let begun = now - 20 * DAY;
    let at = |k: usize| (begun + k as i64 * 20 * DAY / (replies as i64 + 1)).min(now);
    let thread_id = insert_thread(txn, course_id, space_id, tutor_id, title, replies, begun, at(replies)).await?;
    let opening =
        post(course_id, thread_id, None, tutor_id, true, title, "Where are you, and what is on your desk?", &[], begun);
    forum_post::Entity::insert(opening).exec_without_returning(txn).await?;
    let mut ids: Vec<i64> = vec![];
    for start in (0..replies).step_by(BATCH) {
        progress(&format!("the long thread: {start} of {replies} replies"));
        let batch = (start..(start + BATCH).min(replies)).map(|k| {
            let p = &people[k % people.len()];
            let parent = (k % 4 == 3 && !ids.is_empty()).then(|| ids[(k * 31) % ids.len()]);
            let mentioned = &people[(k * 17 + 5) % people.len()];
            let names = [(mentioned.user_id, mentioned.name.as_str())];
            let body = if k % 10 == 9 {
                format!("Hello from {}! @{} we are neighbours.", p.organisation, mentioned.name)
            } else {
                format!("Hello from {}! {}", p.organisation, REPLIES[k % REPLIES.len()])
            };
            post(course_id, thread_id, parent, p.user_id, false, title, &body, &names, at(k + 1))
        });
        ids.extend(forum_post::Entity::insert_many(batch.collect::<Vec<_>>()).exec_with_returning_keys(txn).await?);
    }
    Ok(())
}

/// Each generated student has written with the next one: a conversation of three messages.
async fn conversations(txn: &impl ConnectionTrait, course_id: i64, people: &[Person], now: i64) -> anyhow::Result<()> {
    let pairs: Vec<(i64, i64)> = people.chunks_exact(2).map(|p| (p[0].user_id, p[1].user_id)).collect();
    for chunk in pairs.chunks(BATCH / 3) {
        let convs = chunk.iter().enumerate().map(|(i, _)| conversation::ActiveModel {
            course_id: Set(course_id),
            created_at: Set(now - 5 * DAY - i as i64 * HOUR),
            last_message_at: Set(now - DAY),
            ..Default::default()
        });
        let ids = conversation::Entity::insert_many(convs.collect::<Vec<_>>()).exec_with_returning_keys(txn).await?;
        let mut messages = vec![];
        let mut members = vec![];
        for (&id, &(a, b)) in ids.iter().zip(chunk) {
            for (k, (who, text)) in
                [(a, "Hi! Shall we meet before the live session?"), (b, "Yes, 15 minutes before?"), (a, "Perfect.")]
                    .into_iter()
                    .enumerate()
            {
                messages.push(message::ActiveModel {
                    conversation_id: Set(id),
                    user_id: Set(Some(who)),
                    body: Set(text.into()),
                    created_at: Set(now - (3 - k as i64) * DAY),
                    ..Default::default()
                });
            }
            for (who, read) in [(a, now - DAY), (b, now - 2 * DAY)] {
                members.push(conversation_member::ActiveModel {
                    conversation_id: Set(id),
                    user_id: Set(who),
                    last_read_at: Set(read),
                    ..Default::default()
                });
            }
        }
        message::Entity::insert_many(messages).exec_without_returning(txn).await?;
        conversation_member::Entity::insert_many(members).exec_without_returning(txn).await?;
    }
    Ok(())
}

/// Every student has a few notifications (replies and mentions, some read), and the
/// tutor one per ten students, so the centre and the header badge have something to count.
async fn notifications(
    txn: &impl ConnectionTrait,
    course_id: i64,
    tutor_id: i64,
    people: &[Person],
    now: i64,
) -> anyhow::Result<()> {
    let link = format!("/courses/{course_id}/spaces");
    let mut rows = vec![];
    for (i, p) in people.iter().enumerate() {
        let actor = people[(i + 1) % people.len()].user_id;
        for (k, kind) in
            [crate::notifications::Kind::Reply, crate::notifications::Kind::Mention].into_iter().enumerate()
        {
            rows.push((p.user_id, actor, kind, (i + k) % 3 == 0, now - (i as i64 % 48) * HOUR - k as i64 * HOUR));
        }
        if i % 10 == 0 {
            rows.push((tutor_id, p.user_id, crate::notifications::Kind::Reply, i % 20 == 0, now - i as i64 * HOUR));
        }
    }
    for chunk in rows.chunks(BATCH) {
        let batch = chunk.iter().map(|&(user_id, actor, kind, read, at)| notification::ActiveModel {
            user_id: Set(user_id),
            course_id: Set(Some(course_id)),
            kind: Set(kind.as_str().into()),
            actor_id: Set(Some(actor)),
            subject: Set(crate::notifications::shorten("Say hi from where you are studying today")),
            link: Set(link.clone()),
            created_at: Set(at),
            read_at: Set(read.then_some(at + HOUR)),
            // Already "sent", so the first sweep does not email a demo's worth of news.
            emailed_at: Set(Some(at)),
            ..Default::default()
        });
        notification::Entity::insert_many(batch.collect::<Vec<_>>()).exec_without_returning(txn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::name_of;

    #[test]
    fn generated_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..5_000).map(name_of).collect();
        assert_eq!(names.len(), 5_000);
    }
}
