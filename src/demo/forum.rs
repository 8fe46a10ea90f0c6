//! The demo course's spaces: three weeks of introductions, coffee-shop chat, questions
//! (some answered, some still open), announcements and a week's discussion, with
//! replies under replies, @mentions and reactions. Deterministic: fixed text and
//! choices derived from positions, no randomness.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::db::entity::{forum_mention, forum_post, forum_reaction, forum_space, forum_thread};
use crate::forum::{EMOJIS, Kind, render_with, search_text_of};
use crate::groups::planning::Person;
use crate::i18n::{Locale, Tr};

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

/// Who writes a post: the tutor, the TA, or a student by index into the class.
#[derive(Clone, Copy)]
enum By {
    Tutor,
    Ta,
    S(usize),
}

/// A post in a thread: who, how many hours after the thread began, the reply it sits
/// under (an index into the thread's replies), and the text. `{n}` in the text becomes
/// the name of student n, so mentions point at real classmates.
struct Reply(By, i64, Option<usize>, &'static str);

struct Thread {
    space: usize,
    by: By,
    days_ago: i64,
    title: &'static str,
    body: &'static str,
    replies: &'static [Reply],
    pinned: bool,
    /// For questions: the reply that answers it.
    answer: Option<usize>,
}

const THREADS: &[Thread] = &[
    Thread {
        space: 2,
        by: By::Tutor,
        days_ago: 21,
        title: "Welcome to Flexible Learning in Practice!",
        body: "Welcome, everyone! This is where the teaching team posts news. Start with the **Introductions** space: tell us who you are and reply to two classmates.\n\nThe first live session is on Thursday; a recording follows for those in other time zones.",
        replies: &[
            Reply(By::S(0), 3, None, "Thank you! Looking forward to it."),
            Reply(By::S(6), 9, None, "Will the live sessions always be on Thursdays? I am in Auckland."),
            Reply(
                By::Tutor,
                12,
                Some(1),
                "We alternate: every other session is at a time that suits Asia and Oceania.",
            ),
        ],
        pinned: true,
        answer: None,
    },
    Thread {
        space: 0,
        by: By::S(0),
        days_ago: 20,
        title: "Amara from Lagos, secondary school teacher",
        body: "Hello all! I teach chemistry to 15-year-olds and coordinate our school's move to blended learning. Two children, so I study late in the evening. I hope to learn how to keep students engaged when they are not in the room.",
        replies: &[
            Reply(By::S(1), 5, None, "Welcome Amara! Chemistry online sounds hard: how do you do the practical work?"),
            Reply(
                By::S(0),
                7,
                Some(0),
                "Videos of experiments and kitchen-table versions with safe materials. @{1} happy to share the list.",
            ),
            Reply(By::S(2), 26, None, "Late-evening studier here too. Shall we form a study pair, @{0}?"),
            Reply(By::S(0), 30, Some(2), "Yes please!"),
        ],
        pinned: false,
        answer: None,
    },
    Thread {
        space: 0,
        by: By::S(1),
        days_ago: 19,
        title: "Lars, Oslo: university lecturer in nursing",
        body: "Hei! I lecture in nursing at OsloMet. Our students are on placements half the year, so flexible learning is not a nice-to-have for us. Curious about peer assessment at scale.",
        replies: &[
            Reply(
                By::S(3),
                4,
                None,
                "Nursing placements! Same problem in our physiotherapy programme. Let's compare notes.",
            ),
            Reply(
                By::Ta,
                20,
                None,
                "Welcome Lars. Week 4 is all about peer assessment, so keep that question for then.",
            ),
        ],
        pinned: false,
        answer: None,
    },
    Thread {
        space: 0,
        by: By::S(4),
        days_ago: 18,
        title: "Hello from a corporate trainer",
        body: "I design onboarding for a logistics company: 3,000 new staff a year across 12 countries. My learners have no time, so everything must be short.",
        replies: &[
            Reply(By::S(5), 6, None, "What made you think short is what they need, rather than flexible?"),
            Reply(By::S(4), 9, Some(0), "Good question. Completion data, mostly, but you make me wonder."),
            Reply(By::S(7), 30, None, "Welcome! Twelve countries: how do you handle languages?"),
        ],
        pinned: false,
        answer: None,
    },
    Thread {
        space: 1,
        by: By::S(2),
        days_ago: 17,
        title: "Show us your study spot",
        body: "Mine: the kitchen table after the kids are asleep, with a very large cup of tea. Yours?",
        replies: &[
            Reply(By::S(8), 2, None, "A train between Bergen and Oslo, twice a week. The scenery helps."),
            Reply(By::S(9), 3, None, "A café near the office, 7 in the morning, before anyone needs me."),
            Reply(By::S(2), 5, Some(1), "That is dedication! Which café?"),
            Reply(By::S(10), 28, None, "Balcony, when it is not raining, so… rarely."),
            Reply(By::S(0), 40, None, "Kitchen table too, @{2}! Tea solidarity."),
        ],
        pinned: false,
        answer: None,
    },
    Thread {
        space: 1,
        by: By::S(11),
        days_ago: 12,
        title: "Podcast recommendations?",
        body: "Long commute. What do you listen to, learning-related or not?",
        replies: &[
            Reply(By::S(12), 3, None, "Anything by the BBC's *In Our Time*. Forty minutes, one topic, three experts."),
            Reply(By::S(1), 8, None, "For Norwegian speakers: *Lærerrommet* is good."),
            Reply(By::S(13), 20, Some(0), "Seconded. The one on the history of universities is great."),
        ],
        pinned: false,
        answer: None,
    },
    Thread {
        space: 3,
        by: By::S(5),
        days_ago: 16,
        title: "How long should the week 2 reflection be?",
        body: "The task says \"a short reflection\". Is that 200 words or 1,000?",
        replies: &[
            Reply(By::S(14), 2, None, "I assumed about a page."),
            Reply(By::Ta, 5, None, "Around 300–500 words. What matters is that you connect it to your own teaching."),
            Reply(By::S(5), 6, Some(1), "Thank you, that helps."),
        ],
        pinned: false,
        answer: Some(1),
    },
    Thread {
        space: 3,
        by: By::S(15),
        days_ago: 9,
        title: "Can we submit the group task as a video?",
        body: "Our group would rather record a short video than write a report. Is that allowed?",
        replies: &[
            Reply(
                By::Tutor,
                6,
                None,
                "Yes: up to 8 minutes, with a one-page summary so it can be searched and quoted.",
            ),
            Reply(By::S(16), 9, Some(0), "Does the summary count towards the word limit?"),
            Reply(By::Tutor, 11, Some(0), "No, it does not."),
        ],
        pinned: false,
        answer: Some(0),
    },
    Thread {
        space: 3,
        by: By::S(17),
        days_ago: 3,
        title: "Where do I find the reading for week 3?",
        body: "The link in the course plan gives me a login page at the library. Is there another copy?",
        replies: &[Reply(By::S(18), 4, None, "Same problem here. @{17} did you try the proxy link?")],
        pinned: false,
        answer: None,
    },
    Thread {
        space: 3,
        by: By::S(19),
        days_ago: 1,
        title: "Is there a template for the learning design canvas?",
        body: "I would rather not draw it from scratch.",
        replies: &[],
        pinned: false,
        answer: None,
    },
    Thread {
        space: 4,
        by: By::Tutor,
        days_ago: 8,
        title: "Week 2: what does \"flexible\" mean where you work?",
        body: "Flexibility can be about **time**, **place**, **pace** or **path**. Which of these do your learners need most, and which can your organisation actually offer? Give one concrete example.",
        replies: &[
            Reply(
                By::S(3),
                10,
                None,
                "Pace, above all. Our physiotherapy students on placement fall behind and can never catch up.",
            ),
            Reply(By::S(20), 14, Some(0), "Could you give an example of what catching up would look like, @{3}?"),
            Reply(By::S(3), 20, Some(0), "Being able to take the week 5 quiz in week 8 without it counting as late."),
            Reply(By::S(21), 26, None, "Place. Half of my adult learners live two hours from the nearest campus."),
            Reply(By::S(4), 30, None, "Path. Not every new employee needs every module; we should test out."),
            Reply(
                By::Tutor,
                40,
                Some(4),
                "How does this connect to what @{5} asked you in the introductions, about short versus flexible?",
            ),
            Reply(By::S(4), 44, Some(4), "Ha, fair. Short was my answer to the wrong question."),
        ],
        pinned: true,
        answer: None,
    },
    Thread {
        space: 2,
        by: By::Ta,
        days_ago: 2,
        title: "Live session recording for week 3 is up",
        body: "The recording and the slides are in the course plan. Captions in English and Norwegian will follow tomorrow.",
        replies: &[Reply(By::S(6), 5, None, "Thank you for the Oceania-friendly time!")],
        pinned: false,
        answer: None,
    },
];

/// Seed the spaces of the demo course.
pub async fn seed(
    txn: &impl ConnectionTrait,
    course_id: i64,
    tutor_id: i64,
    ta_id: i64,
    people: &[Person],
    now: i64,
) -> anyhow::Result<()> {
    crate::forum::queries::create_defaults(txn, course_id, Tr(Locale::En)).await?;
    let extra = [
        (
            Kind::Qa,
            "Questions about the course",
            "Ask about tasks, deadlines and the platform. Mark the reply that answers you, so others find it.",
        ),
        (
            Kind::Discussion,
            "Week 2: flexibility",
            "The week's discussion. Reply to the prompt, then to **two** classmates with a follow-up question.",
        ),
    ];
    let mut spaces: Vec<i64> = forum_space::Entity::find()
        .filter(forum_space::Column::CourseId.eq(course_id))
        .order_by_asc(forum_space::Column::Position)
        .all(txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    for (i, (kind, title, about)) in extra.iter().enumerate() {
        let s = forum_space::ActiveModel {
            course_id: Set(course_id),
            kind: Set(kind.as_str().into()),
            title: Set(title.to_string()),
            about: Set(about.to_string()),
            position: Set(3 + i as i32),
            archived: Set(false),
            default_key: Set(None),
            created_at: Set(now - 21 * DAY),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        spaces.push(s.id);
    }
    // Spaces in order: introductions, coffee, announcements, questions, week 2.
    let names: Vec<(i64, &str)> = people
        .iter()
        .map(|p| (p.user_id, p.name.as_str()))
        .chain([(tutor_id, crate::demo::people::TUTOR.name), (ta_id, crate::demo::people::TA.name)])
        .collect();
    let who = |b: By| match b {
        By::Tutor => tutor_id,
        By::Ta => ta_id,
        By::S(i) => people[i % people.len()].user_id,
    };
    let fill = |text: &str| {
        let mut out = text.to_string();
        for i in (0..people.len().min(30)).rev() {
            out = out.replace(&format!("{{{i}}}"), &people[i].name);
        }
        out
    };
    let mut n = 0usize;
    for t in THREADS {
        let start = now - t.days_ago * DAY - (n as i64 % 7) * HOUR;
        let last = t.replies.iter().map(|r| r.1).max().unwrap_or(0);
        let thread = forum_thread::ActiveModel {
            space_id: Set(spaces[t.space]),
            course_id: Set(course_id),
            author_id: Set(Some(who(t.by))),
            title: Set(t.title.to_string()),
            pinned: Set(t.pinned),
            locked: Set(false),
            answer_post_id: Set(None),
            reply_count: Set(t.replies.len() as i32),
            created_at: Set(start),
            last_post_at: Set((start + last * HOUR).min(now)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let mut ids: Vec<i64> = vec![];
        let posts = std::iter::once((t.by, 0, None, t.body)).chain(t.replies.iter().map(|r| (r.0, r.1, r.2, r.3)));
        for (i, (by, hours, under, body)) in posts.enumerate() {
            let body = fill(body);
            let (html, mentioned) = render_with(course_id, &body, &names);
            let author = who(by);
            let post = forum_post::ActiveModel {
                thread_id: Set(thread.id),
                course_id: Set(course_id),
                parent_id: Set(under.map(|u: usize| ids[u + 1])),
                opening: Set(i == 0),
                author_id: Set(Some(author)),
                search_text: Set(search_text_of((i == 0).then_some(t.title), &body)),
                body: Set(body),
                body_html: Set(html),
                created_at: Set((start + hours * HOUR).min(now)),
                edited_at: Set(None),
                deleted_at: Set(None),
                hidden_at: Set(None),
                hidden_reason: Set(None),
                hidden_by: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            ids.push(post.id);
            for uid in mentioned {
                forum_mention::ActiveModel { post_id: Set(post.id), user_id: Set(uid), ..Default::default() }
                    .insert(txn)
                    .await?;
            }
            // A handful of reactions from classmates, chosen by position.
            let reactions: Vec<forum_reaction::ActiveModel> = people
                .iter()
                .enumerate()
                .filter(|(k, p)| p.user_id != author && (k * 7 + n * 3).is_multiple_of(11))
                .map(|(k, p)| forum_reaction::ActiveModel {
                    post_id: Set(post.id),
                    user_id: Set(p.user_id),
                    emoji: Set(EMOJIS[(k + n) % EMOJIS.len()].to_string()),
                    ..Default::default()
                })
                .collect();
            if !reactions.is_empty() {
                forum_reaction::Entity::insert_many(reactions).exec(txn).await?;
            }
            n += 1;
        }
        // The newest post is what unread markers compare (all the demo's posts stand).
        let mut th: forum_thread::ActiveModel = thread.into();
        th.last_post_id = Set(ids.last().copied().unwrap_or(0));
        th.answer_post_id = Set(t.answer.map(|a| ids[a + 1]));
        th.update(txn).await?;
    }
    Ok(())
}
