//! Reading and writing group sets.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::db::entity::{course_group, group_member, group_round, group_set, membership, profile, user};
use crate::groups::planning::{self, Person, PlannedGroup};
use crate::policy::Role;

/// The students of a course as the planner needs them, ordered by id for determinism.
/// `facilitated` comes from `published(...).facilitated()`; pass an empty map when only
/// the students themselves matter.
pub async fn students(
    db: &impl ConnectionTrait,
    course_id: i64,
    facilitated: &HashMap<i64, u32>,
) -> Result<Vec<Person>, DbErr> {
    let rows = membership::Entity::find()
        .filter(membership::Column::CourseId.eq(course_id))
        .filter(membership::Column::Role.eq(Role::Student.as_str()))
        // Invitees have not joined and people who left are gone: neither is planned.
        .filter(membership::Column::State.eq(crate::policy::MemberState::Active.as_str()))
        .find_also_related(user::Entity)
        .order_by_asc(membership::Column::UserId)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|(m, _)| m.user_id).collect();
    let mut profiles: HashMap<i64, profile::Model> = HashMap::new();
    for chunk in ids.chunks(400) {
        for p in profile::Entity::find().filter(profile::Column::UserId.is_in(chunk.to_vec())).all(db).await? {
            profiles.insert(p.user_id, p);
        }
    }
    let now = jiff::Timestamp::now();
    Ok(rows
        .into_iter()
        .filter_map(|(m, u)| {
            let u = u?;
            let p = profiles.get(&m.user_id);
            let offset = crate::time::zone(&u.time_zone).to_offset(now).seconds() / 60;
            Some(Person {
                user_id: u.id,
                name: u.name,
                utc_offset_minutes: offset,
                organisation: p.map(|p| p.organisation.clone()).unwrap_or_default(),
                circumstances: p.map(|p| planning::tags(&p.circumstances)).unwrap_or_default(),
                birthday: p.and_then(|p| p.birthday.as_deref().and_then(planning::parse_birthday)),
                facilitated: facilitated.get(&u.id).copied().unwrap_or(0),
            })
        })
        .collect())
}

/// A set with its rounds and groups, in order.
pub struct SetData {
    pub set: group_set::Model,
    pub rounds: Vec<RoundData>,
}

pub struct RoundData {
    pub round: group_round::Model,
    pub groups: Vec<GroupData>,
}

pub struct GroupData {
    pub group: course_group::Model,
    pub members: Vec<i64>,
}

impl SetData {
    pub fn planned(&self) -> Vec<Vec<PlannedGroup>> {
        self.rounds
            .iter()
            .map(|r| {
                r.groups
                    .iter()
                    .map(|g| PlannedGroup { members: g.members.clone(), facilitator: g.group.facilitator_id })
                    .collect()
            })
            .collect()
    }
}

pub async fn set_in_course(
    db: &impl ConnectionTrait,
    course_id: i64,
    set_id: i64,
) -> Result<Option<group_set::Model>, DbErr> {
    group_set::Entity::find_by_id(set_id).filter(group_set::Column::CourseId.eq(course_id)).one(db).await
}

pub async fn load(db: &impl ConnectionTrait, set: group_set::Model) -> Result<SetData, DbErr> {
    let rounds = group_round::Entity::find()
        .filter(group_round::Column::GroupSetId.eq(set.id))
        .order_by_asc(group_round::Column::Number)
        .all(db)
        .await?;
    let round_ids: Vec<i64> = rounds.iter().map(|r| r.id).collect();
    let groups = course_group::Entity::find()
        .filter(course_group::Column::RoundId.is_in(round_ids))
        .order_by_asc(course_group::Column::Number)
        .all(db)
        .await?;
    let group_ids: Vec<i64> = groups.iter().map(|g| g.id).collect();
    let mut members: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for chunk in group_ids.chunks(400) {
        for m in group_member::Entity::find()
            .filter(group_member::Column::GroupId.is_in(chunk.to_vec()))
            .order_by_asc(group_member::Column::Id)
            .all(db)
            .await?
        {
            members.entry(m.group_id).or_default().push(m.user_id);
        }
    }
    let rounds = rounds
        .into_iter()
        .map(|round| {
            let groups = groups
                .iter()
                .filter(|g| g.round_id == round.id)
                .map(|g| GroupData { group: g.clone(), members: members.get(&g.id).cloned().unwrap_or_default() })
                .collect();
            RoundData { round, groups }
        })
        .collect();
    Ok(SetData { set, rounds })
}

/// The groups of the course's published sets and its live sessions' breakout rooms: the
/// encounter history the next plan avoids repeating, and how often each person
/// facilitated (decisions 0005 and 0027).
pub async fn published(db: &impl ConnectionTrait, course_id: i64) -> Result<Published, DbErr> {
    let sets = group_set::Entity::find()
        .filter(group_set::Column::CourseId.eq(course_id))
        .filter(group_set::Column::Status.eq("published"))
        .all(db)
        .await?;
    let mut groups = vec![];
    for s in sets {
        let set_id = s.id;
        for r in load(db, s).await?.rounds {
            groups.extend(r.groups.into_iter().map(|g| (Some(set_id), g.members, g.group.facilitator_id)));
        }
    }
    for (members, facilitator) in crate::live::rooms::course_rooms(db, course_id).await? {
        groups.push((None, members, facilitator));
    }
    Ok(Published(groups))
}

/// Every group a course's people met in, loaded once and read two ways: (the set it
/// belongs to, None for a live breakout; members; facilitator).
pub struct Published(Vec<(Option<i64>, Vec<i64>, Option<i64>)>);

impl Published {
    /// The members of each group (except those of one set).
    pub fn groups(&self, except: Option<i64>) -> Vec<Vec<i64>> {
        self.0.iter().filter(|(set, _, _)| set.is_none() || *set != except).map(|(_, m, _)| m.clone()).collect()
    }

    /// How often each person has facilitated.
    pub fn facilitated(&self) -> HashMap<i64, u32> {
        let mut counts = HashMap::new();
        for f in self.0.iter().filter_map(|(_, _, f)| *f) {
            *counts.entry(f).or_insert(0) += 1;
        }
        counts
    }
}

/// Replace a set's rounds with a new plan.
pub async fn save_plan(
    db: &impl ConnectionTrait,
    set_id: i64,
    rounds: &[Vec<PlannedGroup>],
    prompts: &[String],
) -> Result<(), DbErr> {
    // A new plan keeps the times and links the teaching team gave each round.
    let when: HashMap<i32, (Option<i64>, Option<String>)> = group_round::Entity::find()
        .filter(group_round::Column::GroupSetId.eq(set_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.number, (r.starts_at, r.video_link)))
        .collect();
    group_round::Entity::delete_many().filter(group_round::Column::GroupSetId.eq(set_id)).exec(db).await?;
    for (r, groups) in rounds.iter().enumerate() {
        let prompt = if prompts.is_empty() { String::new() } else { prompts[r % prompts.len()].clone() };
        let round = group_round::ActiveModel {
            group_set_id: Set(set_id),
            number: Set(r as i32 + 1),
            prompt: Set(prompt),
            starts_at: Set(when.get(&(r as i32 + 1)).and_then(|w| w.0)),
            video_link: Set(when.get(&(r as i32 + 1)).and_then(|w| w.1.clone())),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let mut rows = vec![];
        for (g, planned) in groups.iter().enumerate() {
            let group = course_group::ActiveModel {
                round_id: Set(round.id),
                number: Set(g as i32 + 1),
                facilitator_id: Set(planned.facilitator),
                ..Default::default()
            }
            .insert(db)
            .await?;
            rows.extend(planned.members.iter().map(|&u| group_member::ActiveModel {
                group_id: Set(group.id),
                user_id: Set(u),
                ..Default::default()
            }));
        }
        for chunk in rows.chunks(400) {
            group_member::Entity::insert_many(chunk.to_vec()).exec(db).await?;
        }
    }
    Ok(())
}

/// Names, emails and time zones of people, by id.
pub async fn people(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, user::Model>, DbErr> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(400) {
        for u in user::Entity::find().filter(user::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            out.insert(u.id, u);
        }
    }
    Ok(out)
}

/// The group of a round that holds this person, if any.
pub fn group_of(round: &RoundData, user_id: i64) -> Option<&GroupData> {
    round.groups.iter().find(|g| g.members.contains(&user_id))
}
