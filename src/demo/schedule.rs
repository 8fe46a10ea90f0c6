//! The demo's scheduled posts: a weekly message from the tutor (Mondays 08:00) and a
//! lunchtime question in the coffee shop (weekdays 12:00), both running for a few weeks
//! with their past occurrences already posted as threads, and one announcement waiting
//! to go out tomorrow morning. Times are in the course's zone, relative to seeding.

use jiff::Timestamp;
use jiff::civil::time;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::db::entity::{course, forum_space, scheduled_post_run};
use crate::schedule::recur::{self, Rule, Weekdays};
use crate::schedule::{Valid, enqueue_occurrence, insert, title_for};

const WEEKLY_BODY: &str = "Good morning, everyone! This week we look at **feedback that moves learning forward**. \
Read the short chapter in the wiki, try one idea with your own learners, and tell us in the coffee shop how it went.\n\n\
Office hours are on Wednesday as usual. Have a good week!";
const LUNCH_BODY: &str = "Lunchtime question ☕ What is one small thing you tried with your learners this morning, \
and would you do it again? A sentence is plenty.";
const PENDING_BODY: &str = "Peer feedback opens on Thursday. You will be paired with someone from another group; \
the pairs are on the Groups page from Wednesday evening.";

async fn space(db: &impl ConnectionTrait, course_id: i64, key: &str) -> anyhow::Result<forum_space::Model> {
    forum_space::Entity::find()
        .filter(forum_space::Column::CourseId.eq(course_id))
        .filter(forum_space::Column::DefaultKey.eq(key))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo course has no {key} space"))
}

/// A recurring schedule that started `weeks_ago`, with what it posted since then.
#[allow(clippy::too_many_arguments)]
async fn recurring(
    txn: &impl ConnectionTrait,
    course: &course::Model,
    space: &forum_space::Model,
    tutor: i64,
    title: &str,
    body: &str,
    rule: Rule,
    weeks_ago: i64,
    now: Timestamp,
) -> anyhow::Result<()> {
    let zone = crate::time::zone(&course.time_zone);
    let today = now.to_zoned(zone.clone()).date();
    let first_date = today.checked_sub(jiff::Span::new().weeks(weeks_ago))?;
    let start = first_date.to_zoned(zone.clone())?.timestamp();
    let past = recur::between(&rule, start, now, &zone, 100);
    let next = recur::next_after(&rule, now, &zone).ok_or_else(|| anyhow::anyhow!("a demo rule that ended"))?;
    let v = Valid {
        space_id: space.id,
        title: title.into(),
        body: body.into(),
        weekdays: rule.weekdays,
        at: rule.at,
        first_date,
        until: rule.until,
        date_in_title: true,
        first: next,
    };
    let created = past.first().copied().unwrap_or(now).as_millisecond() - 60 * 60 * 1000;
    let s = insert(txn, course.id, Some(tutor), &v, created).await?;
    for at in past {
        let day = at.to_zoned(zone.clone()).date();
        let ms = at.as_millisecond();
        let (thread, _) =
            crate::forum::create_thread(txn, space, tutor, &title_for(title, true, day), body.into(), ms, false)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        scheduled_post_run::ActiveModel {
            schedule_id: Set(s.id),
            occurrence_at: Set(ms),
            thread_id: Set(thread.id),
            created_at: Set(ms),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    enqueue_occurrence(txn, s.id, next.as_millisecond()).await?;
    Ok(())
}

pub async fn seed(txn: &impl ConnectionTrait, course: &course::Model, tutor: i64, now: i64) -> anyhow::Result<()> {
    let now = Timestamp::from_millisecond(now)?;
    let announcements = space(txn, course.id, "announcements").await?;
    let coffee = space(txn, course.id, "coffee").await?;
    let monday = Rule { weekdays: Weekdays::from_days([1]), at: time(8, 0, 0, 0), until: None };
    recurring(txn, course, &announcements, tutor, "Weekly message", WEEKLY_BODY, monday, 4, now).await?;
    let lunch = Rule { weekdays: Weekdays::WORKDAYS, at: time(12, 0, 0, 0), until: None };
    recurring(txn, course, &coffee, tutor, "Lunchtime question", LUNCH_BODY, lunch, 2, now).await?;

    // One announcement waiting: tomorrow at 09:00 in the course's zone.
    let zone = crate::time::zone(&course.time_zone);
    let tomorrow = now.to_zoned(zone.clone()).date().tomorrow()?;
    let at = time(9, 0, 0, 0);
    let first = recur::instant(tomorrow, at, &zone).ok_or_else(|| anyhow::anyhow!("no 09:00 tomorrow"))?.timestamp();
    let v = Valid {
        space_id: announcements.id,
        title: "Peer feedback opens on Thursday".into(),
        body: PENDING_BODY.into(),
        weekdays: Weekdays(0),
        at,
        first_date: tomorrow,
        until: None,
        date_in_title: false,
        first,
    };
    let s = insert(txn, course.id, Some(tutor), &v, now.as_millisecond()).await?;
    enqueue_occurrence(txn, s.id, first.as_millisecond()).await?;
    Ok(())
}
