//! Names and Roles Provisioning: the LMS's whole roster, read page by page (following
//! the platform's `Link` headers) with an access token we get by signing a client
//! assertion with the tool's key. Run as a job: after a launch (at most once per
//! [`SYNC_EVERY_MS`] per course) and for every linked course once a day.
//!
//! Students who never launched become members with an invitation pending (`invited`:
//! never counted or planned until they come); people the LMS no longer lists are marked
//! inactive, never deleted; a role the LMS sends that we do not know changes nothing.

use std::collections::BTreeSet;

use jsonwebtoken::{EncodingKey, Header};
use sea_orm::{ConnectionTrait, DbErr, TransactionTrait};
use serde_json::json;

use super::platforms::{self, Platform};
use super::provision::{self, Person};
use super::{keys, sql, verify};
use crate::app::AppState;
use crate::jobs::{self, Registry};
use crate::policy::MemberState;
use crate::time::now_ms;

pub const SYNC: &str = "lti.sync";
pub const SYNC_ALL: &str = "lti.sync-all";
pub const SYNC_EVERY_MS: i64 = 10 * 60 * 1000;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// The most pages we follow: a platform whose `next` link never ends must not keep a
/// worker busy forever.
const MAX_PAGES: usize = 500;
pub const NRPS_SCOPE: &str = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

pub fn register(r: Registry) -> Registry {
    r.on(SYNC, |state: AppState, job| async move {
        let payload: serde_json::Value = serde_json::from_str(&job.payload)?;
        let id = payload["context_id"].as_i64().ok_or_else(|| anyhow::anyhow!("no context_id"))?;
        let report = run(&state, id).await?;
        tracing::info!(context = id, ?report, "LTI roster synced");
        Ok(())
    })
    .on(SYNC_ALL, |state: AppState, _job| async move {
        let now = now_ms();
        schedule(&state.db, now).await?;
        let rows = sql::all(
            &state.db,
            "SELECT id FROM lti_contexts WHERE course_id IS NOT NULL AND memberships_url IS NOT NULL",
            vec![],
        )
        .await?;
        for r in rows {
            let id: i64 = r.try_get("", "id")?;
            jobs::enqueue(&state.db, SYNC, &json!({ "context_id": id }), now, Some(&key(id, now))).await?;
        }
        Ok(())
    })
}

fn key(context_id: i64, now: i64) -> String {
    format!("{SYNC}:{context_id}:{}", now / SYNC_EVERY_MS)
}

/// The daily sync of every linked course, at midnight UTC.
pub async fn schedule(db: &impl ConnectionTrait, now: i64) -> Result<(), DbErr> {
    let at = (now / DAY_MS + 1) * DAY_MS;
    jobs::enqueue_with(db, SYNC_ALL, &json!({}), at, Some(&format!("{SYNC_ALL}:{at}")), 3).await?;
    Ok(())
}

/// Ask for a sync of this context soon (a no-op if one was asked for lately).
pub async fn queue(state: &AppState, context_id: i64, _course_id: i64) -> Result<(), DbErr> {
    let now = now_ms();
    jobs::enqueue(&state.db, SYNC, &json!({ "context_id": context_id }), now, Some(&key(context_id, now))).await?;
    Ok(())
}

/// An access token for the platform's services (LTI Security Framework, client
/// credentials with a signed JWT assertion).
pub async fn access_token(db: &impl ConnectionTrait, p: &Platform, scope: &str) -> anyhow::Result<String> {
    let key = keys::current(db).await?;
    let now = now_ms() / 1000;
    let claims = json!({
        "iss": p.client_id, "sub": p.client_id, "aud": p.audience(),
        "iat": now, "exp": now + 300, "jti": crate::auth::tokens::new_token(),
    });
    let mut header = Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some(key.kid);
    let assertion = jsonwebtoken::encode(&header, &claims, &EncodingKey::from_rsa_pem(key.private_pem.as_bytes())?)?;
    let res: serde_json::Value = verify::client()
        .post(&p.token_url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", assertion.as_str()),
            ("scope", scope),
        ])
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    res["access_token"].as_str().map(str::to_string).ok_or_else(|| anyhow::anyhow!("the platform gave no access token"))
}

/// Every member on the platform's list, all pages.
pub async fn fetch_roster(url: &str, token: &str) -> anyhow::Result<Vec<homeroom_lti::nrps::Member>> {
    let mut out = vec![];
    let mut next = Some(url.to_string());
    let mut pages = 0;
    while let Some(url) = next.take() {
        pages += 1;
        if pages > MAX_PAGES {
            anyhow::bail!("the roster has more than {MAX_PAGES} pages");
        }
        let res = verify::client()
            .get(&url)
            .bearer_auth(token)
            .header("accept", "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")
            .send()
            .await?
            .error_for_status()?;
        next = res
            .headers()
            .get_all("link")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(homeroom_lti::nrps::next_link);
        let page: homeroom_lti::nrps::Page = res.json().await?;
        out.extend(page.members);
    }
    Ok(out)
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub listed: usize,
    pub added: usize,
    pub deactivated: usize,
    pub unknown_roles: usize,
    /// LMS group sets imported (Course Groups).
    pub group_sets: usize,
}

/// Sync one context's roster now.
pub async fn run(state: &AppState, context_id: i64) -> anyhow::Result<Report> {
    let Some(context) = provision::context(&state.db, context_id).await? else { return Ok(Report::default()) };
    let (Some(course_id), Some(url)) = (context.course_id, context.memberships_url.clone()) else {
        return Ok(Report::default());
    };
    let Some(platform) = platforms::by_id(&state.db, context.platform_id).await? else {
        return Ok(Report::default());
    };
    let token = access_token(&state.db, &platform, NRPS_SCOPE).await?;
    let listed = fetch_roster(&url, &token).await?;
    let mut report = apply(state, &platform, course_id, context_id, &listed).await?;
    // The roster stands even when the groups cannot be read; the next sync tries again.
    match super::course_groups::import(state, &platform, context_id, course_id, &listed).await {
        Ok(g) => report.group_sets = g.sets,
        Err(e) => tracing::warn!(context = context_id, error = %e, "LTI course groups not imported"),
    }
    Ok(report)
}

/// Write what a full roster changes, all in one transaction.
pub async fn apply(
    state: &AppState,
    platform: &Platform,
    course_id: i64,
    context_id: i64,
    listed: &[homeroom_lti::nrps::Member],
) -> anyhow::Result<Report> {
    let zone = state.site.get().time_zone;
    let txn = state.db.begin().await?;
    let known: BTreeSet<String> = sql::all(
        &txn,
        "SELECT a.subject FROM lti_accounts a JOIN memberships m ON m.user_id = a.user_id AND m.course_id = $1 \
         WHERE a.platform_id = $2 AND m.state <> 'inactive'",
        vec![course_id.into(), platform.id.into()],
    )
    .await?
    .iter()
    .map(|r| r.try_get::<String>("", "subject"))
    .collect::<Result<_, _>>()?;
    let changes = homeroom_lti::nrps::changes(listed, &known);
    let mut report = Report { listed: listed.len(), unknown_roles: changes.unknown_roles.len(), ..Report::default() };
    for (subject, s) in &changes.upsert {
        if !s.active {
            continue;
        }
        let person = Person { subject, name: s.name.as_deref(), email: s.email.as_deref() };
        let account = provision::account(&txn, platform.id, &person, &zone, false).await?;
        if let provision::Account::Found { deactivated: true, .. } = account {
            continue;
        }
        let user_id = account.user_id();
        super::picture::offered(&txn, platform.id, subject, user_id, s.picture.as_deref()).await?;
        let before = known.contains(subject);
        if let Some((_, MemberState::Inactive)) =
            provision::member(&txn, course_id, user_id, Some(provision::role(s.role)), false).await?
        {
            // Back on the LMS's list: as they were, active if they have launched before.
            sql::exec(
                &txn,
                "UPDATE memberships SET state = CASE WHEN EXISTS (SELECT 1 FROM lti_accounts \
                 WHERE platform_id = $1 AND user_id = $2 AND launched_at IS NOT NULL) THEN 'active' ELSE 'invited' END \
                 WHERE course_id = $3 AND user_id = $2",
                vec![platform.id.into(), user_id.into(), course_id.into()],
            )
            .await?;
        }
        if !before {
            report.added += 1;
        }
    }
    for subject in &changes.deactivate {
        report.deactivated += sql::exec(
            &txn,
            "UPDATE memberships SET state = 'inactive' WHERE course_id = $1 AND state <> 'inactive' AND user_id IN \
             (SELECT user_id FROM lti_accounts WHERE platform_id = $2 AND subject = $3)",
            vec![course_id.into(), platform.id.into(), subject.clone().into()],
        )
        .await? as usize;
    }
    sql::exec(&txn, "UPDATE lti_contexts SET synced_at = $1 WHERE id = $2", vec![now_ms().into(), context_id.into()])
        .await?;
    txn.commit().await?;
    if report.added >= crate::db::BULK {
        crate::db::analyze(&state.db, crate::db::Analyze::Roster).await?;
    }
    Ok(report)
}
