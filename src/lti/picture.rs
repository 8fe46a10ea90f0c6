//! The picture an LMS offers for a person, taken as their profile photo when they have
//! none, by a job (a launch must not wait on a third server). The address is kept on
//! the person's LMS account (`lti_accounts.picture_url`, so the job's payload holds only
//! ids); a new address queues one fetch. The fetch is bounded (time, size, type), only
//! http(s) to public addresses (`homeroom_lti::picture`; `fetch_private_addresses` in
//! the config lifts that for tests), with the connection pinned to the address checked
//! and no redirects followed. The bytes go through the media code like an upload: sniffed,
//! decoded, squared and re-encoded as a JPEG, so no EXIF or other metadata survives.
//! A photo the person has (chosen, or taken earlier) is never replaced.

use std::net::SocketAddr;
use std::time::Duration;

use homeroom_lti::picture::{self as rules, MAX_BYTES};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, TransactionTrait};
use serde_json::json;

use super::sql;
use crate::app::AppState;
use crate::db::entity::profile_detail;
use crate::jobs::{self, Registry};
use crate::time::now_ms;

pub const TAKE: &str = "lti.picture";
/// A picture server that does not answer in this long is not waited for.
const FETCH_TIME: Duration = Duration::from_secs(10);
const CONNECT_TIME: Duration = Duration::from_secs(5);
/// A failed fetch is tried again a few times (the LMS may be busy), then left.
const ATTEMPTS: i32 = 3;

pub fn register(r: Registry) -> Registry {
    r.on(TAKE, |state: AppState, job| async move {
        let payload: serde_json::Value = serde_json::from_str(&job.payload)?;
        let user_id = payload["user_id"].as_i64().ok_or_else(|| anyhow::anyhow!("no user_id"))?;
        let platform_id = payload["platform_id"].as_i64().ok_or_else(|| anyhow::anyhow!("no platform_id"))?;
        match take(&state, platform_id, user_id).await? {
            Taken::Refused(why) => tracing::info!(user_id, why, "LMS picture not taken"),
            outcome => tracing::debug!(user_id, ?outcome, "LMS picture"),
        }
        Ok(())
    })
}

/// Remember the picture address `offered` for the person's LMS account, and queue its
/// fetch (in the caller's transaction) when it is new. An address we would never fetch
/// is not kept.
pub async fn offered(
    db: &impl ConnectionTrait,
    platform_id: i64,
    subject: &str,
    user_id: i64,
    offered: Option<&str>,
) -> Result<(), DbErr> {
    let Some(url) = offered.filter(|u| rules::target(u).is_some()) else { return Ok(()) };
    let changed = sql::exec(
        db,
        "UPDATE lti_accounts SET picture_url = $1 WHERE platform_id = $2 AND subject = $3 \
         AND (picture_url IS NULL OR picture_url <> $1)",
        vec![url.into(), platform_id.into(), subject.into()],
    )
    .await?;
    if changed == 1 {
        let payload = json!({ "user_id": user_id, "platform_id": platform_id });
        jobs::enqueue_with(db, TAKE, &payload, now_ms(), None, ATTEMPTS).await?;
    }
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
pub enum Taken {
    /// The picture is now the person's profile photo.
    Taken,
    /// They have a photo (or no account, or no address any more): nothing to do.
    NotNeeded,
    /// The address or what it answered is not one we take; not tried again.
    Refused(&'static str),
}

async fn has_photo(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, DbErr> {
    Ok(profile_detail::Entity::find_by_id(user_id).one(db).await?.is_some_and(|d| d.photo_id.is_some()))
}

/// Fetch the person's offered picture into their profile photo, if they have none.
/// Network failures are errors (the job tries again); refusals are not.
pub async fn take(state: &AppState, platform_id: i64, user_id: i64) -> anyhow::Result<Taken> {
    let row = sql::one(
        &state.db,
        "SELECT picture_url FROM lti_accounts WHERE platform_id = $1 AND user_id = $2",
        vec![platform_id.into(), user_id.into()],
    )
    .await?;
    let Some(url) = row.map(|r| r.try_get::<Option<String>>("", "picture_url")).transpose()?.flatten() else {
        return Ok(Taken::NotNeeded);
    };
    if has_photo(&state.db, user_id).await? {
        return Ok(Taken::NotNeeded);
    }
    let bytes = match fetch(&url, state.config.fetch_private_addresses).await? {
        Ok(b) => b,
        Err(why) => return Ok(Taken::Refused(why)),
    };
    let received = match crate::media::received_image(&state.config, &bytes).await {
        Ok(r) => r,
        Err(_) => return Ok(Taken::Refused("not a picture we can read")),
    };
    let stored = match crate::media::store(&state.config, received).await {
        Ok(s) => s,
        Err(_) => return Ok(Taken::Refused("the picture does not decode")),
    };
    match keep(state, user_id, &stored).await {
        Ok(true) => Ok(Taken::Taken),
        Ok(false) => {
            stored.remove(&state.config).await;
            Ok(Taken::NotNeeded)
        }
        Err(e) => {
            stored.remove(&state.config).await;
            Err(e.into())
        }
    }
}

/// Record the stored picture as the photo, unless the person got one meanwhile.
async fn keep(state: &AppState, user_id: i64, stored: &crate::media::Stored) -> Result<bool, DbErr> {
    let txn = state.db.begin().await?;
    let existing = profile_detail::Entity::find_by_id(user_id).one(&txn).await?;
    if existing.as_ref().is_some_and(|d| d.photo_id.is_some()) {
        return Ok(false);
    }
    let photo = stored.insert(&txn, user_id, None, crate::profiles::PURPOSE_PHOTO).await?;
    if existing.is_some() {
        // Conditional: a photo chosen between our read and this write wins.
        let n = sql::exec(
            &txn,
            "UPDATE profile_details SET photo_id = $1, updated_at = $2 WHERE user_id = $3 AND photo_id IS NULL",
            vec![photo.id.into(), now_ms().into(), user_id.into()],
        )
        .await?;
        if n != 1 {
            return Ok(false);
        }
    } else {
        let mut d = crate::profiles::empty_details(user_id);
        d.photo_id = Some(photo.id);
        d.updated_at = now_ms();
        profile_detail::ActiveModel::from(d).insert(&txn).await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// The picture's bytes; `Ok(Err(why))` for an address or answer we refuse.
async fn fetch(url: &str, private_ok: bool) -> anyhow::Result<Result<Vec<u8>, &'static str>> {
    let Some((_, host, port)) = rules::target(url) else { return Ok(Err("not an http(s) address")) };
    let bare = host.trim_start_matches('[').trim_end_matches(']').to_string();
    let addrs: Vec<SocketAddr> = match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) => tokio::time::timeout(CONNECT_TIME, tokio::net::lookup_host((bare.as_str(), port))).await??.collect(),
    };
    let Some(first) = addrs.first().copied() else { return Ok(Err("the host has no address")) };
    // Every address the name has must be public: the connection may go to any of them.
    if !private_ok && !addrs.iter().all(|a| rules::public_address(a.ip())) {
        return Ok(Err("a private or loopback address"));
    }
    let client = reqwest::Client::builder()
        .timeout(FETCH_TIME)
        .connect_timeout(CONNECT_TIME)
        .redirect(reqwest::redirect::Policy::none())
        // Connect to the address checked above, not to a second DNS answer.
        .resolve(&bare, first)
        .build()?;
    let mut res = client.get(url).header("accept", "image/jpeg, image/png, image/webp").send().await?;
    if res.status().is_redirection() {
        return Ok(Err("a redirect"));
    }
    let res_status = res.status();
    if res_status.is_server_error() {
        anyhow::bail!("the picture server answered {res_status}");
    }
    if !res_status.is_success() {
        return Ok(Err("not found"));
    }
    let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !rules::image_type(content_type) {
        return Ok(Err("not a picture type"));
    }
    if res.content_length().is_some_and(|n| n > MAX_BYTES as u64) {
        return Ok(Err("too large"));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = res.chunk().await? {
        if bytes.len() + chunk.len() > MAX_BYTES {
            return Ok(Err("too large"));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Ok(bytes))
}
