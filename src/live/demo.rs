//! The demo course's live sessions, made through the same queries the pages use: last
//! week's session with its check-in cloud, moods, a revealed poll, its breakout rooms
//! (planned by the engine for those who came), who came and the
//! tutor's notes; and next week's, planned with its agenda.

use sea_orm::ConnectionTrait;

use super::queries::{self, NewSession, NewStep};

const WORDS: [&str; 12] = [
    "busy",
    "curious",
    "tired",
    "hopeful",
    "deadlines",
    "Busy!",
    "energised",
    "calm",
    "overwhelmed",
    "curious",
    "grateful",
    "rushed",
];

fn step(kind: &'static str, prompt: &str, options: &[&str], max_answers: i32) -> NewStep {
    NewStep {
        kind,
        prompt: prompt.into(),
        options: options.iter().map(|o| o.to_string()).collect(),
        max_answers,
        multiple: false,
        anonymous: true,
        show_names: false,
        round_id: None,
        group_size: 4,
        minutes: 15,
        facilitator: "birthday",
    }
}

pub async fn seed(
    db: &impl ConnectionTrait,
    course_id: i64,
    tutor: i64,
    students: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    let day = 24 * 60 * 60 * 1000;
    let past_at = now - 7 * day;
    let past = queries::create_session(
        db,
        &NewSession {
            course_id,
            title: "Week 2 live session",
            starts_at: past_at,
            video_url: "https://meet.jit.si/flexible-learning-week-2",
            mood_named: false,
            created_by: tutor,
        },
        past_at - 3 * day,
    )
    .await?;
    let checkin = queries::add_step(db, past, &step("checkin", "One word to describe your week", &[], 2)).await?;
    let mood = queries::add_step(db, past, &step("mood", "How are you doing this week?", &[], 1)).await?;
    let poll = queries::add_step(
        db,
        past,
        &step("poll", "How is the pace so far?", &["Too slow", "About right", "Too fast"], 1),
    )
    .await?;
    let breakout =
        queries::add_step(db, past, &step("breakout", "Share one thing you tried this week and what happened", &[], 1))
            .await?;
    queries::add_step(db, past, &step("together", "", &[], 1)).await?;
    queries::update_step(db, poll, &[("revealed", true.into())]).await?;
    // Most of the class came; everyone who came answered something.
    let came: Vec<i64> = students.iter().copied().filter(|id| id % 7 != 3).collect();
    for (i, &u) in came.iter().enumerate() {
        let at = past_at + (i as i64 % 60) * 1000;
        queries::attend(db, past, u, 0, at).await?;
        let words = vec![WORDS[i % WORDS.len()].to_string()];
        queries::save_answer(db, past, checkin, u, &serde_json::to_string(&words)?, at).await?;
        let body = serde_json::json!({ "mood": 2 + (i % 4), "word": "" }).to_string();
        queries::save_answer(db, past, mood, u, &body, at + 60_000).await?;
        queries::save_answer(db, past, poll, u, &format!("[{}]", [1, 1, 2, 0, 1][i % 5]), at + 120_000).await?;
    }
    // The breakout, planned by the engine for the people who came, as the tutor's click does.
    if let Some(st) = queries::step(db, past, breakout).await? {
        let at = past_at + 20 * 60 * 1000;
        super::planner::open(db, course_id, "UTC", &st, &came, at, std::time::Duration::from_millis(200))
            .await
            .map_err(|e| anyhow::anyhow!("demo breakout: {e}"))?;
        queries::update_step(db, breakout, &[("opened_at", at.into())]).await?;
    }
    queries::update_session(
        db,
        past,
        &[
            ("state", "ended".into()),
            ("started_at", past_at.into()),
            ("ended_at", (past_at + 60 * 60 * 1000).into()),
            ("seq", (came.len() as i64 * 3).into()),
            (
                "notes",
                "Energy was good but several people mentioned deadlines. Follow up with the 'too fast' group about the reading load."
                    .into(),
            ),
        ],
    )
    .await?;

    let next_at = now + 2 * day;
    let next = queries::create_session(
        db,
        &NewSession {
            course_id,
            title: "Week 4 live session",
            starts_at: next_at,
            video_url: "https://meet.jit.si/flexible-learning-week-4",
            mood_named: false,
            created_by: tutor,
        },
        now,
    )
    .await?;
    queries::add_step(db, next, &step("checkin", "What are you taking from this week into your own teaching?", &[], 1))
        .await?;
    queries::add_step(
        db,
        next,
        &step("poll", "Which topic should we look at next?", &["Feedback", "Group work", "Assessment"], 1),
    )
    .await?;
    // Next week's breakout uses the latest round of the demo's breakout rounds (seeded
    // before this), so everyone has a room whoever turns up.
    let round = db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT MAX(r.id) AS id FROM group_rounds r JOIN group_sets s ON s.id = r.group_set_id \
             WHERE s.course_id = $1 AND s.kind = 'breakout' AND s.status = 'published'",
            vec![course_id.into()],
        ))
        .await?
        .and_then(|r| r.try_get::<Option<i64>>("", "id").ok().flatten());
    let mut b = step("breakout", "Plan one small change with your group", &[], 1);
    b.round_id = round;
    queries::add_step(db, next, &b).await?;
    queries::add_step(db, next, &step("together", "", &[], 1)).await?;
    Ok(())
}
