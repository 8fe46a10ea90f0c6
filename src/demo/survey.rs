//! The demo course's start-of-course survey: made from the template, open, and answered
//! by most students with varied answers drawn from a fixed seed; a few have not answered
//! yet, so the results page and the start-up kit show both.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

use crate::db::entity::{survey, survey_answer, survey_response};
use crate::i18n::Locale;
use crate::survey::rules::{AnswerValue, Tenths};

const GOALS: [&str; 8] = [
    "I want my online groups to talk to each other, not only to me.",
    "Practical activities I can use in my own teaching next term.",
    "To feel less alone as the only online teacher at my school.",
    "Ideas for keeping adult learners going when work gets busy.",
    "I would like to design a blended course that feels like a community.",
    "Learn how other people run breakout rooms that actually work.",
    "Confidence in giving feedback by video.",
    "To meet colleagues from other countries and swap ideas.",
];
const INTERESTS: [&str; 8] = [
    "hiking, podcasts, adult learning",
    "choir singing and language learning",
    "gardening, educational technology",
    "football, storytelling",
    "photography and game-based learning",
    "running, accessibility in design",
    "cooking, community radio",
    "chess, learning analytics",
];
const EXPECT_COURSE: [&str; 5] = [
    "Clear weekly plans and honest feedback.",
    "That the tutors answer within a couple of days.",
    "Examples from real courses, not only theory.",
    "Flexibility when work or family gets in the way.",
    "Time to try things out between sessions.",
];
const EXPECT_EACH_OTHER: [&str; 5] = [
    "Be kind and give each other the benefit of the doubt.",
    "Show up to group work, or say so if you can't.",
    "Share what goes wrong as well as what works.",
    "Reply to each other's posts, even briefly.",
    "Respect different time zones when planning meetings.",
];

/// 09:00 in the course's zone on the day of an instant: a time a tutor would choose.
fn nine_in_oslo(ms: i64) -> i64 {
    let zone = crate::time::zone("Europe/Oslo");
    jiff::Timestamp::from_millisecond(ms)
        .ok()
        .and_then(|t| t.to_zoned(zone.clone()).date().at(9, 0, 0, 0).to_zoned(zone).ok())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(ms)
}

/// Publish the course's survey (opened three weeks ago, closing in two) and answer it
/// for all but every eighth student.
pub async fn seed(txn: &impl ConnectionTrait, course_id: i64, students: &[i64], now: i64) -> anyhow::Result<()> {
    let day = 24 * 60 * 60 * 1000;
    let made = crate::survey::create_survey(txn, course_id, Locale::En, true, now - 26 * day).await?;
    let mut s: survey::ActiveModel = made.clone().into();
    s.published = Set(true);
    s.opens_at = Set(Some(nine_in_oslo(now - 21 * day)));
    s.closes_at = Set(Some(nine_in_oslo(now + 14 * day)));
    s.update(txn).await?;
    let questions = crate::survey::questions_of(txn, made.id).await?;
    // A seed of its own, so the rest of the demo does not change with the survey.
    let mut rng = StdRng::seed_from_u64(2_026_112_308);
    for (i, user_id) in students.iter().enumerate() {
        if i % 8 == 5 {
            continue;
        }
        let at = now - rng.random_range(2..20) * day;
        let r = survey_response::ActiveModel {
            survey_id: Set(made.id),
            user_id: Set(*user_id),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let mut rows = vec![];
        for q in &questions {
            let opts: Vec<String> = q.options.lines().map(str::to_string).collect();
            let value = match q.key.as_str() {
                "goals" => Some(AnswerValue::Text(GOALS[rng.random_range(0..GOALS.len())].into())),
                "interests" => rng.random_bool(0.8).then(|| AnswerValue::Text(INTERESTS[i % INTERESTS.len()].into())),
                "communication" => {
                    let mut picked: Vec<String> = opts.iter().filter(|_| rng.random_bool(0.45)).cloned().collect();
                    if picked.is_empty() {
                        picked.push(opts[i % opts.len()].clone());
                    }
                    Some(AnswerValue::Choices(picked))
                }
                "work_style" => opts.choose(&mut rng).cloned().map(AnswerValue::Choice),
                "confidence" => Some(AnswerValue::Scale([2, 3, 3, 4, 4, 5, 1][rng.random_range(0..7)])),
                "expect_course" => {
                    rng.random_bool(0.7).then(|| AnswerValue::Text(EXPECT_COURSE[i % EXPECT_COURSE.len()].into()))
                }
                "expect_each_other" => rng
                    .random_bool(0.6)
                    .then(|| AnswerValue::Text(EXPECT_EACH_OTHER[(i * 3) % EXPECT_EACH_OTHER.len()].into())),
                "hours_per_week" => Some(AnswerValue::Hours(
                    opts.iter()
                        .zip([(0, 6), (1, 6), (0, 5)])
                        .map(|(o, (lo, hi))| (o.clone(), Tenths(rng.random_range(lo * 2..=hi * 2) * 5)))
                        .collect(),
                )),
                _ => None,
            };
            if let Some(v) = value {
                rows.push(survey_answer::ActiveModel {
                    response_id: Set(r.id),
                    question_id: Set(q.id),
                    value: Set(v.to_json()),
                    on_profile: Set(q.profile_field.is_some() && rng.random_bool(0.7)),
                    ..Default::default()
                });
            }
        }
        survey_answer::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}
