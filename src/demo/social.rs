//! The demo's Homebase: a few weeks of direct messages, shout-outs, Win of the Week with
//! featured wins, milestones, opted-in birthdays (one of them today) and a published
//! weekly routine. Fixed texts, times relative to the seeding moment.

use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

use crate::db::entity::{
    birthday_optin, conversation, conversation_member, course, message, milestone, milestone_cheer, nomination,
    profile, routine_entry, shout_out,
};
use crate::recognition::week::Week;

/// The people of a conversation and its messages: (author's index in people, text, days ago).
type Conversation = (Vec<i64>, Vec<(usize, &'static str, i64)>);

const HOUR: i64 = 60 * 60 * 1000;
const DAY: i64 = 24 * HOUR;

/// `students` are the joined students in roster order; `students[0]` is the demo's student sign-in.
pub async fn seed(
    txn: &impl ConnectionTrait,
    course: &course::Model,
    tutor: i64,
    ta: i64,
    students: &[i64],
    now: i64,
    rng: &mut StdRng,
) -> anyhow::Result<()> {
    let (course_id, zone) = (course.id, course.time_zone.as_str());
    let s = |i: usize| students[i % students.len()];
    // Conversations: (people, [(author index in people, text, days ago)]); the last
    // message of the first is unread for the demo student.
    let conversations: [Conversation; 4] = [
        (
            vec![s(0), s(1)],
            vec![
                (
                    0,
                    "Hi! I saw you also teach adults in the evenings. How do you keep people coming back after week 3?",
                    16,
                ),
                (
                    1,
                    "Honestly? A short personal email to anyone who goes quiet. It works better than any reminder.",
                    16,
                ),
                (0, "I'll try that. Want to swap course outlines this week and give each other **one** suggestion?", 9),
                (1, "Yes! Here is mine: [outline draft](https://example.org/outline). Be kind, it's rough 😅", 1),
            ],
        ),
        (
            vec![s(0), tutor],
            vec![
                (
                    0,
                    "Could I hand in the reflection for week 2 on Monday? We have an inspection at school this week.",
                    12,
                ),
                (1, "Of course, Monday is fine. Good luck with the inspection!", 12),
            ],
        ),
        (
            vec![s(2), s(3), s(4)],
            vec![
                (0, "Shall we meet before Tuesday's live session to go through the readings?", 8),
                (1, "Works for me. 18:00 Oslo time?", 8),
                (2, "That's 12:00 for me, perfect. I'll bring questions about the community of inquiry paper.", 7),
            ],
        ),
        (
            vec![s(5), ta],
            vec![
                (0, "I can't find the recording of last week's session. Is it up?", 3),
                (1, "It is now, sorry for the delay: it's under week 3 in the wiki.", 3),
            ],
        ),
    ];
    for (people, messages) in conversations {
        let started = now - messages[0].2 * DAY;
        let last = now - messages.last().map(|m| m.2).unwrap_or(0) * DAY + HOUR;
        let conv = conversation::ActiveModel {
            course_id: Set(course_id),
            created_at: Set(started),
            last_message_at: Set(last),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (i, (author, text, days)) in messages.iter().enumerate() {
            message::ActiveModel {
                conversation_id: Set(conv.id),
                user_id: Set(Some(people[*author])),
                body: Set(text.to_string()),
                created_at: Set(now - days * DAY + i as i64 * HOUR),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        for (i, p) in people.iter().enumerate() {
            // Everyone has read everything except the first person of the first conversation.
            let read = if i == 0 && people.contains(&s(1)) && people.contains(&s(0)) { last - 2 * HOUR } else { last };
            conversation_member::ActiveModel {
                conversation_id: Set(conv.id),
                user_id: Set(*p),
                last_read_at: Set(read),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }

    let shout_outs = [
        (s(1), s(0), "Thanks for the quick feedback on my outline, it really helped me cut week 1 down.", 15),
        (s(3), s(2), "Your summary of the breakout discussion was better than my notes from the whole session!", 13),
        (tutor, s(6), "Wonderful question in the live session about quiet students. We'll pick it up next week.", 10),
        (s(4), s(7), "Thank you for organising the time zone spreadsheet for our group.", 6),
        (s(8), ta, "Thanks for staying on after the session to help me with the audio settings.", 4),
        (s(0), s(1), "For sharing your course outline so openly. Brave and useful!", 1),
    ];
    for (from, to, body, days) in shout_outs {
        shout_out::ActiveModel {
            course_id: Set(course_id),
            from_id: Set(Some(from)),
            to_id: Set(to),
            body: Set(body.into()),
            created_at: Set(now - days * DAY),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }

    let tz = crate::time::zone(zone);
    let week_of = |days: i64| {
        Week::of(jiff::Timestamp::from_millisecond(now - days * DAY).unwrap_or_else(|_| jiff::Timestamp::now()), &tz)
    };
    let nominations = [
        (s(2), s(3), "Kept our breakout group going when the connection kept dropping.", 15, true),
        (s(9), s(5), "Finished the first activity plan and shared it with everyone.", 14, false),
        (s(6), s(6), "I ran my first fully online lesson this week and nobody got lost!", 8, true),
        (s(1), s(4), "Answered three questions in the forum before the tutor got there.", 7, true),
        (s(0), s(1), "Shared her course outline for everyone to learn from.", 0, true),
        (s(10), s(11), "Always the first to welcome new people in the coffee shop.", 0, false),
    ];
    for (nominee, by, reason, days, featured) in nominations {
        nomination::ActiveModel {
            course_id: Set(course_id),
            week: Set(week_of(days).key()),
            nominee_id: Set(nominee),
            nominator_id: Set(Some(by)),
            reason: Set(reason.into()),
            featured: Set(featured),
            created_at: Set(now - days * DAY - HOUR),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }

    let milestones = [
        (s(3), "Finished my first assignment!", 11),
        (s(7), "Moved my whole course onto the new platform this weekend.", 5),
        (s(0), "Ran my first breakout rooms with my own students.", 2),
    ];
    for (who, body, days) in milestones {
        let m = milestone::ActiveModel {
            course_id: Set(course_id),
            user_id: Set(who),
            body: Set(body.into()),
            created_at: Set(now - days * DAY),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let cheers = rng.random_range(2..7usize);
        let mut by: Vec<i64> = (1..=cheers)
            .map(|i| s(students.iter().position(|x| *x == who).unwrap_or(0) + i * 3))
            .filter(|b| *b != who)
            .collect();
        by.sort_unstable();
        by.dedup();
        for b in by {
            milestone_cheer::ActiveModel { milestone_id: Set(m.id), user_id: Set(b), ..Default::default() }
                .insert(txn)
                .await?;
        }
    }

    // Birthdays: a few who filled in theirs opted in; one of them has it today.
    let today = jiff::Timestamp::from_millisecond(now).unwrap_or_else(|_| jiff::Timestamp::now()).to_zoned(tz).date();
    let today_mmdd = format!("{:02}-{:02}", today.month(), today.day());
    for (i, who) in [s(1), s(4), s(8), s(12)].into_iter().enumerate() {
        let existing = profile::Entity::find_by_id(who).one(txn).await?;
        let birthday =
            if i == 0 { Some(today_mmdd.clone()) } else { existing.as_ref().and_then(|p| p.birthday.clone()) };
        match existing {
            Some(p) => {
                let mut a: profile::ActiveModel = p.into();
                a.birthday = Set(birthday);
                a.update(txn).await?;
            }
            None => {
                profile::ActiveModel {
                    user_id: Set(who),
                    organisation: Set(String::new()),
                    circumstances: Set(String::new()),
                    birthday: Set(birthday),
                    updated_at: Set(now - 20 * DAY),
                }
                .insert(txn)
                .await?;
            }
        }
        birthday_optin::ActiveModel { course_id: Set(course_id), user_id: Set(who), ..Default::default() }
            .insert(txn)
            .await?;
    }

    let routine = [
        (1, 8 * 60, 15, "Weekly message from Ingrid: what's ahead", "tutor_posts", ""),
        (2, 19 * 60, 90, "Live session", "live_session", "https://meet.example.org/flexible-learning"),
        (3, 12 * 60, 30, "Lunchtime question in the coffee shop", "tutor_posts", ""),
        (
            4,
            14 * 60,
            120,
            "Office hours (drop in, no booking)",
            "office_hours",
            "https://meet.example.org/office-hours",
        ),
        (5, 15 * 60, 60, "Forum questions answered", "questions", ""),
    ];
    for (day, start, minutes, title, kind, place) in routine {
        routine_entry::ActiveModel {
            course_id: Set(course_id),
            weekday: Set(day),
            start_minute: Set(start),
            duration_minutes: Set(minutes),
            title: Set(title.into()),
            kind: Set(kind.into()),
            location: Set(place.into()),
            created_at: Set(now - 30 * DAY),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
