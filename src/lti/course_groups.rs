//! LTI Course Groups: the LMS's groups (and group sets) imported after each roster sync
//! as published Homeroom group sets, one per LMS set, each LMS group one group of it.
//! Published sets are what the group engine reads as the class's encounter history, so
//! the next breakout plan sees who already works together in the LMS (and avoids
//! repeating those pairs); the tutor can open, rename or replan an imported set like any
//! other. An import again replaces the set's groups: the LMS stays the source.

use std::collections::HashMap;

use homeroom_lti::groups::{self, GroupSet, GroupsPage, SetsPage};
use homeroom_lti::launch::Launch;
use homeroom_lti::nrps::Member;
use sea_orm::{ConnectionTrait, DbErr, TransactionTrait};

use super::platforms::Platform;
use super::{sql, sync, verify};
use crate::app::AppState;
use crate::groups::planning::{Facilitator, Kind, PlannedGroup, Settings};
use crate::time::now_ms;

/// The most pages of groups or sets we follow (see `sync::MAX_PAGES`).
const MAX_PAGES: usize = 100;

/// Keep the groups service's addresses a launch names (a launch without them keeps
/// what an earlier one said).
pub async fn remember_service(db: &impl ConnectionTrait, context_id: i64, launch: &Launch) -> Result<(), DbErr> {
    if launch.groups_url.is_none() && launch.group_sets_url.is_none() {
        return Ok(());
    }
    sql::exec(
        db,
        "UPDATE lti_contexts SET groups_url = COALESCE($1, groups_url), group_sets_url = COALESCE($2, group_sets_url) \
         WHERE id = $3",
        vec![launch.groups_url.clone().into(), launch.group_sets_url.clone().into(), context_id.into()],
    )
    .await
    .map(|_| ())
}

/// Every page of one of the service's lists.
async fn fetch_all<T: serde::de::DeserializeOwned>(url: &str, token: &str, media: &str) -> anyhow::Result<Vec<T>> {
    let mut out = vec![];
    let mut next = Some(url.to_string());
    let mut pages = 0;
    while let Some(url) = next.take() {
        pages += 1;
        if pages > MAX_PAGES {
            anyhow::bail!("the groups service has more than {MAX_PAGES} pages");
        }
        let res =
            verify::client().get(&url).bearer_auth(token).header("accept", media).send().await?.error_for_status()?;
        next = res
            .headers()
            .get_all("link")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(homeroom_lti::nrps::next_link);
        out.push(res.json().await?);
    }
    Ok(out)
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub sets: usize,
    pub groups: usize,
}

/// Import the context's LMS groups, if its platform offers the service. `listed` is the
/// roster just read (its `group_enrollments` say who is in which group).
pub async fn import(
    state: &AppState,
    platform: &Platform,
    context_id: i64,
    course_id: i64,
    listed: &[Member],
) -> anyhow::Result<Imported> {
    let row = sql::one(
        &state.db,
        "SELECT groups_url, group_sets_url FROM lti_contexts WHERE id = $1",
        vec![context_id.into()],
    )
    .await?;
    let Some(row) = row else { return Ok(Imported::default()) };
    let Some(groups_url) = row.try_get::<Option<String>>("", "groups_url")? else { return Ok(Imported::default()) };
    let sets_url: Option<String> = row.try_get("", "group_sets_url")?;
    let token = sync::access_token(&state.db, platform, groups::SCOPE).await?;
    let found: Vec<GroupsPage> = fetch_all(&groups_url, &token, groups::GROUPS_MEDIA).await?;
    let found: Vec<groups::Group> = found.into_iter().flat_map(|p| p.groups).collect();
    let sets: Vec<GroupSet> = match sets_url {
        Some(u) => {
            fetch_all::<SetsPage>(&u, &token, groups::SETS_MEDIA).await?.into_iter().flat_map(|p| p.sets).collect()
        }
        None => vec![],
    };
    let enrolments: Vec<(String, Vec<String>)> = listed
        .iter()
        .filter(|m| !m.group_enrollments.is_empty())
        .map(|m| (m.user_id.clone(), m.group_enrollments.iter().map(|g| g.group_id.clone()).collect()))
        .collect();
    let imported = groups::imported(&sets, &found, &enrolments);
    save(state, platform.id, context_id, course_id, &imported).await
}

/// Write the imported sets, all in one transaction.
pub async fn save(
    state: &AppState,
    platform_id: i64,
    context_id: i64,
    course_id: i64,
    imported: &[groups::Imported],
) -> anyhow::Result<Imported> {
    let txn = state.db.begin().await?;
    // The course's members the LMS told us about: LMS person id to account.
    let people: HashMap<String, i64> = sql::all(
        &txn,
        "SELECT a.subject, a.user_id FROM lti_accounts a JOIN memberships m ON m.user_id = a.user_id \
         AND m.course_id = $1 WHERE a.platform_id = $2 AND m.state <> 'inactive'",
        vec![course_id.into(), platform_id.into()],
    )
    .await?
    .iter()
    .map(|r| Ok((r.try_get("", "subject")?, r.try_get("", "user_id")?)))
    .collect::<Result<_, DbErr>>()?;
    let mut report = Imported::default();
    let now = now_ms();
    for set in imported {
        let planned: Vec<PlannedGroup> = set
            .groups
            .iter()
            .map(|g| PlannedGroup {
                members: g.iter().filter_map(|s| people.get(s).copied()).collect(),
                facilitator: None,
            })
            .filter(|g| !g.members.is_empty())
            .collect();
        if planned.is_empty() {
            continue;
        }
        let title: String = set.name.clone().unwrap_or_else(|| "LMS groups".into()).chars().take(200).collect();
        let existing = sql::one(
            &txn,
            "SELECT s.group_set_id FROM lti_group_sets s JOIN group_sets g ON g.id = s.group_set_id \
             WHERE s.context_id = $1 AND s.lms_set_id = $2",
            vec![context_id.into(), set.lms_id.clone().into()],
        )
        .await?;
        let set_id = match existing {
            Some(r) => {
                let id: i64 = r.try_get("", "group_set_id")?;
                sql::exec(
                    &txn,
                    "UPDATE lti_group_sets SET imported_at = $1 WHERE context_id = $2 AND lms_set_id = $3",
                    vec![now.into(), context_id.into(), set.lms_id.clone().into()],
                )
                .await?;
                id
            }
            None => {
                let size = planned.iter().map(|g| g.members.len()).max().unwrap_or(2).clamp(2, 12);
                let settings = Settings {
                    kind: Kind::Project,
                    size,
                    rounds: 1,
                    mix_organisations: false,
                    similar_circumstances: false,
                    overlap_hours: None,
                    facilitator: Facilitator::None,
                    prompts: vec![],
                    seed: 0,
                };
                let id = sql::insert(
                    &txn,
                    "INSERT INTO group_sets (course_id, kind, title, status, settings, report, created_by, created_at, \
                     published_at) VALUES ($1, $2, $3, 'published', $4, '{}', NULL, $5, $5)",
                    vec![
                        course_id.into(),
                        Kind::Project.as_str().into(),
                        title.into(),
                        serde_json::to_string(&settings)?.into(),
                        now.into(),
                    ],
                )
                .await?;
                sql::exec(
                    &txn,
                    "INSERT INTO lti_group_sets (context_id, lms_set_id, group_set_id, imported_at) VALUES ($1, $2, $3, $4)",
                    vec![context_id.into(), set.lms_id.clone().into(), id.into(), now.into()],
                )
                .await?;
                id
            }
        };
        report.sets += 1;
        report.groups += planned.len();
        crate::groups::queries::save_plan(&txn, set_id, &[planned], &[]).await?;
    }
    txn.commit().await?;
    Ok(report)
}
