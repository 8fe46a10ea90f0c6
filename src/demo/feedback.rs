//! Feedback in the demo course: an assignment with feedback released to a few students
//! (written by the tutor, a transcript-only voice note by the TA), one draft waiting to
//! be released, feedback on the first student's forum post, and a reply back. Written
//! through the feedback feature's own statements.

use sea_orm::{ConnectionTrait, DbErr, Statement};

use crate::feedback::queries::{self, NewFeedback, Release};
use crate::feedback::rules::Target;

const DAY: i64 = 24 * 3_600_000;

const WRITTEN: [&str; 3] = [
    "A clear picture of your context. Next time, say what you want to try first: one concrete step is enough.",
    "I enjoyed reading this. Your point about evening learners deserves its own paragraph.",
    "Good start. Link your reflection to one of this week's readings to ground it.",
];

pub async fn seed(
    txn: &impl ConnectionTrait,
    course_id: i64,
    tutor: i64,
    ta: i64,
    students: &[i64],
    now: i64,
) -> Result<(), DbErr> {
    let due = now - 10 * DAY;
    let title = "Reflection 1: my teaching context";
    let a = queries::create_assignment(txn, course_id, title, due, tutor, now - 20 * DAY).await?;
    for (i, s) in students.iter().take(4).enumerate() {
        let (giver, body) = match i {
            0..=2 => (if i == 1 { ta } else { tutor }, WRITTEN[i]),
            _ => (tutor, "Strong examples; I will add a note on structure before releasing."),
        };
        let f = NewFeedback {
            course_id,
            student_id: *s,
            giver_id: giver,
            target: Target::Assignment.as_str(),
            target_id: a,
            assignment_id: Some(a),
            about: title,
            kind: "text",
            body,
            media_id: None,
            since_at: due,
        };
        let id = queries::insert(txn, &f, due + (i as i64 + 1) * DAY).await?;
        if i < 3 {
            crate::feedback::release_in(txn, course_id, Release::One(id), due + (i as i64 + 2) * DAY).await?;
        }
    }
    // Feedback on the first student's latest forum post, and their reply.
    let Some(first) = students.first() else { return Ok(()) };
    let post = txn
        .query_one_raw(Statement::from_sql_and_values(
            txn.get_database_backend(),
            "SELECT id, created_at, body FROM forum_posts WHERE course_id = $1 AND author_id = $2 \
             AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
            [course_id.into(), (*first).into()],
        ))
        .await?;
    if let Some(p) = post {
        let (post_id, at, body): (i64, i64, String) =
            (p.try_get("", "id")?, p.try_get("", "created_at")?, p.try_get("", "body")?);
        let about = crate::introductions::filter::first_line(&body, 80);
        let f = NewFeedback {
            course_id,
            student_id: *first,
            giver_id: tutor,
            target: Target::Post.as_str(),
            target_id: post_id,
            assignment_id: None,
            about: &about,
            kind: "text",
            body: "This is exactly the kind of question that helps everyone. Could you share an example from your own course?",
            media_id: None,
            since_at: at,
        };
        let id = queries::insert(txn, &f, at + DAY / 2).await?;
        crate::feedback::release_in(txn, course_id, Release::One(id), at + DAY / 2).await?;
        queries::mark_read(txn, id, at + DAY).await?;
        queries::add_reply(txn, id, *first, "Thank you! I will post one from my Tuesday group.", at + DAY).await?;
    }
    Ok(())
}
