//! Notification emails: immediate messages and daily or weekly digests, in each person's
//! language, at a sensible hour in their time zone, each with a one-click unsubscribe.
//!
//! A recurring job (the sweep) runs every minute. For each person with notifications that
//! are neither read nor emailed it asks `schedule::due_at` whether their email is due, and
//! if so, in ONE transaction, marks those notifications `emailed_at` (conditionally, so
//! two sweeps racing cannot both win) and queues the email. So a notification goes out at
//! most once, and the email is delivered by the mailer's exactly-once machinery.

use std::collections::{BTreeMap, HashMap};

use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};

use crate::app::AppState;
use crate::db::entity::{course, email_preference, notification, user};
use crate::i18n::{Locale, message};
use crate::jobs::{self, Registry};
use crate::mail::OutgoingEmail;
use crate::notifications::schedule::{self, Frequency};

/// The job kind of the recurring sweep.
pub const SWEEP: &str = "notifications.email-sweep";
const SWEEP_EVERY_MS: i64 = 60_000;

pub fn register(r: Registry) -> Registry {
    r.on(SWEEP, |state: AppState, _job| async move {
        let now = crate::time::now_ms();
        // The next run first, so that this one failing does not end the chain.
        schedule_sweep(&state.db, now).await?;
        sweep(&state, now).await?;
        // Old finished jobs would otherwise pile up, one per minute.
        jobs::prune_done(&state.db, now - 7 * 24 * 3_600_000).await?;
        Ok(())
    })
}

/// Enqueue the next sweep at the next whole minute. The key names that minute, so every
/// replica (and every restart) scheduling it writes one job between them.
pub async fn schedule_sweep(db: &impl ConnectionTrait, now: i64) -> Result<(), DbErr> {
    let at = (now / SWEEP_EVERY_MS + 1) * SWEEP_EVERY_MS;
    // Few attempts: the next minute's sweep does the same work anyway.
    jobs::enqueue_with(db, SWEEP, &serde_json::json!({}), at, Some(&format!("{SWEEP}:{at}")), 3).await?;
    Ok(())
}

/// A person's email preference; the default for someone who never chose.
pub async fn frequency_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Frequency, DbErr> {
    Ok(preference(db, user_id).await?.and_then(|p| Frequency::parse(&p.frequency)).unwrap_or(Frequency::DEFAULT))
}

async fn preference(db: &impl ConnectionTrait, user_id: i64) -> Result<Option<email_preference::Model>, DbErr> {
    email_preference::Entity::find().filter(email_preference::Column::UserId.eq(user_id)).one(db).await
}

/// Set a person's preference, making their row (and unsubscribe token) if needed.
pub async fn set_frequency(db: &impl ConnectionTrait, user_id: i64, f: Frequency) -> Result<(), DbErr> {
    let row = ensure_preference(db, user_id).await?;
    let mut active: email_preference::ActiveModel = row.into();
    active.frequency = Set(f.as_str().to_string());
    active.updated_at = Set(crate::time::now_ms());
    active.update(db).await?;
    Ok(())
}

/// The person's preference row, made with the default and a fresh token if missing.
async fn ensure_preference(db: &impl ConnectionTrait, user_id: i64) -> Result<email_preference::Model, DbErr> {
    if let Some(p) = preference(db, user_id).await? {
        return Ok(p);
    }
    let row = email_preference::ActiveModel {
        user_id: Set(user_id),
        frequency: Set(Frequency::DEFAULT.as_str().to_string()),
        unsubscribe_token: Set(crate::auth::tokens::new_token()),
        updated_at: Set(crate::time::now_ms()),
        ..Default::default()
    };
    // Two first emails at once: the unique index keeps one row; read whichever won.
    let _ = email_preference::Entity::insert(row)
        .on_conflict(sea_orm::sea_query::OnConflict::column(email_preference::Column::UserId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    preference(db, user_id).await?.ok_or_else(|| DbErr::RecordNotFound("email preference".into()))
}

/// One-click unsubscribe: stop notification emails for the token's owner. `false` for
/// an unknown token.
pub async fn unsubscribe(db: &impl ConnectionTrait, token: &str) -> Result<bool, DbErr> {
    let r = email_preference::Entity::update_many()
        .col_expr(email_preference::Column::Frequency, Expr::value(Frequency::None.as_str()))
        .col_expr(email_preference::Column::UpdatedAt, Expr::value(crate::time::now_ms()))
        .filter(email_preference::Column::UnsubscribeToken.eq(token))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub async fn token_known(db: &impl ConnectionTrait, token: &str) -> Result<bool, DbErr> {
    Ok(email_preference::Entity::find()
        .filter(email_preference::Column::UnsubscribeToken.eq(token))
        .one(db)
        .await?
        .is_some())
}

/// Older notifications are not emailed any more: someone who turns email back on after
/// months should not get a summary of stale news. A week and a day covers the weekly digest.
const FRESH_MS: i64 = 8 * 24 * 3_600_000;

/// Queue every notification email that is due at `now`. Returns how many were queued.
/// Safe to run twice or on two replicas at once: each notification is emailed once.
pub async fn sweep(state: &AppState, now: i64) -> anyhow::Result<usize> {
    let waiting: Vec<i64> = notification::Entity::find()
        .select_only()
        .column(notification::Column::UserId)
        .distinct()
        .filter(notification::Column::EmailedAt.is_null())
        .filter(notification::Column::ReadAt.is_null())
        .filter(notification::Column::CreatedAt.lte(now))
        .filter(notification::Column::CreatedAt.gte(now - FRESH_MS))
        // People who want no email are not looked at every minute.
        .filter(
            notification::Column::UserId.not_in_subquery(
                Query::select()
                    .column(email_preference::Column::UserId)
                    .from(email_preference::Entity)
                    .and_where(email_preference::Column::Frequency.eq(Frequency::None.as_str()))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(&state.db)
        .await?;
    let mut queued = 0;
    for user_id in waiting {
        match email_one(state, user_id, now).await {
            Ok(true) => queued += 1,
            Ok(false) => {}
            Err(e) => tracing::warn!(user_id, error = %e, "notification email not queued"),
        }
    }
    if queued > 0 {
        state.mailer.wake();
    }
    Ok(queued)
}

async fn email_one(state: &AppState, user_id: i64, now: i64) -> anyhow::Result<bool> {
    let db: &DatabaseConnection = &state.db;
    let Some(person) = user::Entity::find_by_id(user_id).one(db).await? else { return Ok(false) };
    let freq = frequency_of(db, user_id).await?;
    let pending = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::EmailedAt.is_null())
        .filter(notification::Column::ReadAt.is_null())
        .filter(notification::Column::CreatedAt.lte(now))
        .filter(notification::Column::CreatedAt.gte(now - FRESH_MS))
        .order_by_asc(notification::Column::CreatedAt)
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?;
    let Some(oldest) = pending.first() else { return Ok(false) };
    let zone = crate::time::zone(&person.time_zone);
    match schedule::due_at(freq, &zone, oldest.created_at) {
        Some(due) if due <= now => {}
        _ => return Ok(false),
    }

    let txn = db.begin().await?;
    let ids: Vec<i64> = pending.iter().map(|n| n.id).collect();
    let claimed = notification::Entity::update_many()
        .col_expr(notification::Column::EmailedAt, Expr::value(now))
        .filter(notification::Column::Id.is_in(ids.clone()))
        .filter(notification::Column::EmailedAt.is_null())
        .filter(notification::Column::ReadAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != ids.len() as u64 {
        // Another sweep took some of them, or the person read one meanwhile: next minute.
        txn.rollback().await?;
        return Ok(false);
    }
    let pref = ensure_preference(&txn, user_id).await?;
    let base = state.config.base_url();
    let unsubscribe_url = format!("{base}/unsubscribe/{}", pref.unsubscribe_token);
    let names = names_for(&txn, &pending).await?;
    let locale = Locale::parse(&person.locale).unwrap_or(Locale::En);
    let (subject, body) = compose(locale, freq, &person.name, &pending, &names, &base, &unsubscribe_url);
    state
        .mailer
        .queue_with_unsubscribe(
            &txn,
            OutgoingEmail { to_address: person.email.clone(), to_user_id: Some(user_id), subject, body_text: body },
            &unsubscribe_url,
        )
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// Names of actors and titles of courses mentioned.
pub struct Names {
    pub people: HashMap<i64, String>,
    pub courses: HashMap<i64, String>,
}

pub async fn names_for(db: &impl ConnectionTrait, ns: &[notification::Model]) -> Result<Names, DbErr> {
    let actor_ids: Vec<i64> = ns.iter().filter_map(|n| n.actor_id).collect();
    let course_ids: Vec<i64> = ns.iter().filter_map(|n| n.course_id).collect();
    let people = if actor_ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(actor_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect()
    };
    let courses = if course_ids.is_empty() {
        HashMap::new()
    } else {
        course::Entity::find()
            .filter(course::Column::Id.is_in(course_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect()
    };
    Ok(Names { people, courses })
}

/// One notification as a sentence in the reader's language.
pub fn line(locale: Locale, n: &notification::Model, names: &Names) -> String {
    let actor = n
        .actor_id
        .and_then(|id| names.people.get(&id).cloned())
        .unwrap_or_else(|| message(locale, "notification-someone", &[]));
    if n.events > 1 {
        let count = n.events.to_string();
        let id = format!("notification-{}-grouped", n.kind);
        return message(locale, &id, &[("actor", &actor), ("subject", &n.subject), ("count", &count)]);
    }
    message(locale, &format!("notification-{}", n.kind), &[("actor", &actor), ("subject", &n.subject)])
}

/// The subject and plain-text body of one person's email.
fn compose(
    locale: Locale,
    freq: Frequency,
    name: &str,
    pending: &[notification::Model],
    names: &Names,
    base: &str,
    unsubscribe_url: &str,
) -> (String, String) {
    let t = |id: &str| message(locale, id, &[]);
    let mut body = message(locale, "notification-email-greeting", &[("name", name)]);
    body.push_str("\n\n");
    let subject = if pending.len() == 1 && freq == Frequency::Immediate {
        line(locale, &pending[0], names)
    } else {
        let id = if freq == Frequency::Weekly { "notification-digest-weekly" } else { "notification-digest-daily" };
        message(locale, id, &[("count", &pending.len().to_string())])
    };
    // Grouped by course, courses by title; notifications outside a course last.
    let mut by_course: BTreeMap<(bool, String), Vec<&notification::Model>> = BTreeMap::new();
    for n in pending {
        let title = n.course_id.and_then(|c| names.courses.get(&c).cloned());
        by_course.entry((title.is_none(), title.unwrap_or_else(|| t("notification-no-course")))).or_default().push(n);
    }
    for ((_, title), ns) in by_course {
        body.push_str(&format!("## {title}\n\n"));
        for n in ns {
            body.push_str(&format!("- {}\n  {base}/notifications/{}\n", line(locale, n, names), n.id));
        }
        body.push('\n');
    }
    body.push_str(&format!("{}\n{base}/notifications\n\n", t("notification-email-all")));
    body.push_str(&format!("-- \n{}\n{base}/account\n", t("notification-email-why")));
    body.push_str(&format!("{}\n{unsubscribe_url}\n", t("notification-email-unsubscribe")));
    (subject, body)
}
