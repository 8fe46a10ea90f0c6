//! Opening a breakout: its rooms come from a round of a published group set, or are
//! planned on the spot by the group engine with the class's encounter history (decision
//! 0005, which now counts earlier breakouts too) and only the students present. Done once
//! per step: opening it again keeps the rooms (and their timer) as they are.

use std::collections::HashSet;
use std::time::Duration;

use sea_orm::{ConnectionTrait, EntityTrait};

use super::queries::{self, StepRow};
use super::{breakouts, rooms};
use crate::db::entity::group_round;
use crate::error::{AppError, AppResult};
use crate::groups::planning::{self, Facilitator, Kind, PlannedGroup, Settings};
use crate::groups::queries as groups;

/// How long the engine may search while the class waits (1,000 people take well under it).
pub const PLAN_TIME: Duration = Duration::from_millis(500);

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Rooms made now (how many).
    Planned(usize),
    /// The step had its rooms already.
    Already,
    /// Fewer than two students here (or in the round): nothing to split.
    TooFew,
}

fn today(zone: &str, now: i64) -> (u8, u8) {
    let d = jiff::Timestamp::from_millisecond(now).unwrap_or_default().to_zoned(crate::time::zone(zone)).date();
    (d.month() as u8, d.day() as u8)
}

/// The groups of a round of one of the course's group sets, and the set's facilitator rule.
async fn from_round(
    db: &impl ConnectionTrait,
    course_id: i64,
    round_id: i64,
) -> AppResult<Option<(Vec<PlannedGroup>, Facilitator)>> {
    let Some(round) = group_round::Entity::find_by_id(round_id).one(db).await? else { return Ok(None) };
    let Some(set) = groups::set_in_course(db, course_id, round.group_set_id).await? else { return Ok(None) };
    let rule = serde_json::from_str::<Settings>(&set.settings).map(|s| s.facilitator).unwrap_or(Facilitator::None);
    let data = groups::load(db, set).await?;
    let planned = data.planned();
    let i = data.rounds.iter().position(|r| r.round.id == round_id);
    Ok(i.and_then(|i| planned.into_iter().nth(i)).map(|g| (g, rule)))
}

/// Plan the rooms of a breakout step for the people `present` and store them, with the
/// closing time. Call inside the transaction that opens the step.
pub async fn open(
    db: &impl ConnectionTrait,
    course_id: i64,
    course_zone: &str,
    step: &StepRow,
    present: &[i64],
    now: i64,
    time_limit: Duration,
) -> AppResult<Outcome> {
    if rooms::planned(db, step.id).await? {
        return Ok(Outcome::Already);
    }
    let (groups, rule) = match step.round_id {
        Some(round) => from_round(db, course_id, round).await?.ok_or(AppError::BadRequest("live-err-round"))?,
        None => {
            let published = groups::published(db, course_id).await?;
            let here: HashSet<i64> = present.iter().copied().collect();
            let people: Vec<planning::Person> = groups::students(db, course_id, &published.facilitated())
                .await?
                .into_iter()
                .filter(|p| here.contains(&p.user_id))
                .collect();
            if people.len() < 2 {
                return Ok(Outcome::TooFew);
            }
            let rule = Facilitator::parse(&step.facilitator).unwrap_or(Facilitator::Birthday);
            let settings = Settings {
                kind: Kind::Breakout,
                size: (step.group_size.max(2) as usize).min(people.len()),
                rounds: 1,
                mix_organisations: true,
                similar_circumstances: false,
                overlap_hours: None,
                facilitator: rule,
                prompts: vec![],
                seed: step.id as u64,
            };
            let past = published.groups(None);
            let today = today(course_zone, now);
            let planned =
                tokio::task::spawn_blocking(move || planning::plan(&people, &past, &settings, today, time_limit))
                    .await
                    .map_err(|e| AppError::Internal(e.into()))?
                    .map_err(|e| AppError::Internal(anyhow::anyhow!("breakout plan: {e}")))?;
            (planned.0.into_iter().next().unwrap_or_default(), rule)
        }
    };
    let groups: Vec<PlannedGroup> = groups.into_iter().filter(|g| !g.members.is_empty()).collect();
    if groups.iter().map(|g| g.members.len()).sum::<usize>() < 2 {
        return Ok(Outcome::TooFew);
    }
    rooms::save(db, step.session_id, step.id, &groups).await?;
    queries::update_step(
        db,
        step.id,
        &[("ends_at", breakouts::ends_at(now, step.minutes).into()), ("facilitator", rule.as_str().into())],
    )
    .await?;
    Ok(Outcome::Planned(groups.len()))
}

/// Someone arrived (a socket, or the page) while a breakout may be open: if its rooms
/// are planned and they have none, put them in one (`breakouts::latecomer_room`) and
/// store it, so their screen, the tutor's and the encounter history all have it. At most
/// three statements (none for staff); one when no breakout is open or they already have a room. `true`
/// when they were seated now (the caller makes an event).
pub async fn seat_latecomer(
    db: &impl ConnectionTrait,
    course_id: i64,
    session_id: i64,
    user_id: i64,
    student: bool,
) -> Result<bool, sea_orm::DbErr> {
    // Staff and observers are in no room (as when the rooms were planned).
    if !student {
        return Ok(false);
    }
    let (step_id, open) = rooms::open_rooms(db, session_id).await?;
    if open.is_empty() || open.iter().any(|r| r.2.contains(&user_id)) {
        return Ok(false);
    }
    let met: HashSet<i64> = rooms::met_in_rooms(db, course_id, user_id).await?.into_iter().collect();
    let Some(room) = breakouts::latecomer_room(&open, &met) else { return Ok(false) };
    rooms::seat(db, course_id, step_id, room, user_id).await
}
