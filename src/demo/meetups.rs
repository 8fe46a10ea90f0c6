//! Meet-ups in the demo course, made through the same code as the meet-up page: last
//! week's Fun Friday with the tutor's "how it went", and a weekly lunch hosted by a
//! student with people coming.

use sea_orm::{ConnectionTrait, DbErr};

use crate::db::entity::course;
use crate::meetups::queries::{self, New};
use crate::meetups::rules::{Meetup, occurrences};

const DAY_MS: i64 = 86_400_000;

pub async fn seed(
    txn: &impl ConnectionTrait,
    course: &course::Model,
    tutor_id: i64,
    students: &[i64],
    now: i64,
) -> Result<(), DbErr> {
    let zone = crate::time::zone(&course.time_zone);
    let day = |offset_days: i64| {
        jiff::Timestamp::from_millisecond(now + offset_days * DAY_MS)
            .map(|t| t.to_zoned(zone.clone()).date())
            .unwrap_or_default()
    };
    let plan = |title: &str, kind: &str, offset_days: i64, hour: i8, weeks: i32, place: &str| Meetup {
        title: title.into(),
        kind: kind.into(),
        date: day(offset_days),
        time: jiff::civil::Time::constant(hour, 0, 0, 0),
        minutes: 60,
        place: place.into(),
        weeks,
        host: None,
    };
    let past = plan("Fun Friday: show us your desk", "fun-friday", -6, 15, 1, "https://meet.example.org/fun-friday");
    let lunch = plan("Lunch together", "lunch", 2, 12, 3, "https://meet.example.org/lunch");
    let host = students.get(1).copied();
    let mut ids = vec![];
    for (m, host_id) in [(&past, None), (&lunch, host)] {
        let series = crate::auth::tokens::new_token();
        for (starts_at, ends_at) in occurrences(m, &zone) {
            let new = New {
                course_id: course.id,
                title: &m.title,
                kind: &m.kind,
                starts_at,
                ends_at,
                time_zone: &course.time_zone,
                place: &m.place,
                host_id,
                series: &series,
                created_by: tutor_id,
            };
            ids.push(queries::insert(txn, &new, now - 8 * DAY_MS).await?);
        }
    }
    let (fun_friday, next_lunch) = (ids[0], ids[1]);
    for (i, s) in students.iter().take(7).enumerate() {
        queries::answer(txn, fun_friday, *s, "yes", now - 7 * DAY_MS).await?;
        let answer = ["yes", "yes", "maybe", "yes", "no", "yes", "maybe"][i];
        queries::answer(txn, next_lunch, *s, answer, now - DAY_MS).await?;
    }
    queries::answer(txn, fun_friday, tutor_id, "yes", now - 7 * DAY_MS).await?;
    let note = "Seven of us came. We saw three cats, one very tidy desk and a view of the fjord. \
                Next time: favourite mugs.";
    queries::set_note(txn, fun_friday, Some(note.into()), tutor_id, now - 5 * DAY_MS).await?;
    Ok(())
}
