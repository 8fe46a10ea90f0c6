//! The privacy registry: every table says whether it holds personal data and, if so, how
//! a person's rows are exported and erased. `tests/it/privacy.rs` lists the live schema
//! and fails on any table missing here, so a new table cannot forget about privacy.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::{Value, json};

use crate::db::entity::email_preference;
use crate::db::entity::{
    board_note, board_vote, budget_entry, checkin_entry, checkin_reply, course, course_group, email, expectation,
    expectation_read, group_member, group_post, group_set, membership, notification, password_token, profile, session,
    sign_in_failure, user, wiki_page, wiki_revision,
};

pub enum Handling {
    /// Rows about a person: exported to them and erased with them.
    Personal,
    /// No personal data; the reason is written down so a reviewer can check it.
    NotPersonal(&'static str),
}

pub struct Entry {
    pub table: &'static str,
    pub handling: Handling,
}

pub const REGISTRY: &[Entry] = &[
    Entry { table: "users", handling: Handling::Personal },
    Entry { table: "sessions", handling: Handling::Personal },
    Entry { table: "password_tokens", handling: Handling::Personal },
    Entry { table: "sign_in_failures", handling: Handling::Personal },
    Entry { table: "courses", handling: Handling::Personal },
    Entry { table: "memberships", handling: Handling::Personal },
    Entry { table: "emails", handling: Handling::Personal },
    Entry { table: "profiles", handling: Handling::Personal },
    Entry { table: "group_sets", handling: Handling::Personal },
    Entry { table: "group_rounds", handling: Handling::NotPersonal("round numbers and prompts written by tutors") },
    Entry { table: "course_groups", handling: Handling::Personal },
    Entry { table: "group_members", handling: Handling::Personal },
    Entry { table: "checkins", handling: Handling::NotPersonal("check-in titles and prompts written by tutors") },
    Entry { table: "checkin_entries", handling: Handling::Personal },
    Entry { table: "checkin_replies", handling: Handling::Personal },
    Entry { table: "group_posts", handling: Handling::Personal },
    Entry { table: "wiki_pages", handling: Handling::Personal },
    Entry { table: "wiki_revisions", handling: Handling::Personal },
    Entry { table: "budget_activities", handling: Handling::NotPersonal("activity names written by tutors") },
    Entry { table: "budget_entries", handling: Handling::Personal },
    Entry { table: "expectations", handling: Handling::Personal },
    Entry { table: "expectation_reads", handling: Handling::Personal },
    Entry { table: "board_columns", handling: Handling::NotPersonal("column titles written by tutors") },
    Entry { table: "board_notes", handling: Handling::Personal },
    Entry { table: "board_votes", handling: Handling::Personal },
    Entry { table: "notifications", handling: Handling::Personal },
    Entry { table: "site_settings", handling: Handling::NotPersonal("site-wide flags such as demo_seeded") },
    Entry { table: "seaql_migrations", handling: Handling::NotPersonal("which schema migrations have run") },
    Entry {
        table: "jobs",
        handling: Handling::NotPersonal(
            "payloads hold row ids only, never names, addresses or text (rule in jobs/mod.rs); the rows they point at are erased with the person",
        ),
    },
    Entry { table: "email_preferences", handling: Handling::Personal },
];

pub fn entry(table: &str) -> Option<&'static Entry> {
    REGISTRY.iter().find(|e| e.table == table)
}

/// Everything Homeroom holds about a person, as JSON, table by table.
pub async fn export_user(db: &DatabaseConnection, email_address: &str) -> anyhow::Result<Value> {
    let u = crate::accounts::find_by_email(db, email_address)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account with the email {email_address}"))?;
    let mut out = serde_json::Map::new();
    for e in REGISTRY {
        if let Handling::Personal = e.handling {
            out.insert(e.table.to_string(), export_table(db, e.table, &u).await?);
        }
    }
    Ok(json!({ "exported_at": jiff::Timestamp::now().to_string(), "person": u.email, "tables": out }))
}

async fn export_table(db: &impl ConnectionTrait, table: &str, u: &user::Model) -> Result<Value, DbErr> {
    Ok(match table {
        "users" => json!([{
            "id": u.id, "email": u.email, "name": u.name, "locale": u.locale, "time_zone": u.time_zone,
            "is_site_admin": u.is_site_admin, "created_at": ms(u.created_at), "updated_at": ms(u.updated_at),
            "has_password": u.password_hash.is_some(),
        }]),
        "sessions" => session::Entity::find()
            .filter(session::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| json!({ "created_at": ms(s.created_at), "last_seen_at": ms(s.last_seen_at), "expires_at": ms(s.expires_at) }))
            .collect(),
        "password_tokens" => password_token::Entity::find()
            .filter(password_token::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|t| json!({ "purpose": t.purpose, "created_at": ms(t.created_at), "used_at": t.used_at.map(ms) }))
            .collect(),
        "sign_in_failures" => sign_in_failure::Entity::find()
            .filter(sign_in_failure::Column::Email.eq(&u.email))
            .all(db)
            .await?
            .into_iter()
            .map(|f| json!({ "ip": f.ip, "at": ms(f.at) }))
            .collect(),
        "courses" => course::Entity::find()
            .filter(course::Column::CreatedBy.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| json!({ "id": c.id, "title": c.title, "created_at": ms(c.created_at) }))
            .collect(),
        "memberships" => membership::Entity::find()
            .filter(membership::Column::UserId.eq(u.id))
            .find_also_related(course::Entity)
            .all(db)
            .await?
            .into_iter()
            .map(|(m, c)| json!({ "course_id": m.course_id, "course": c.map(|c| c.title), "role": m.role, "joined_at": ms(m.created_at) }))
            .collect(),
        "emails" => email::Entity::find()
            .filter(email::Column::ToUserId.eq(u.id).or(email::Column::ToAddress.eq(&u.email)))
            .all(db)
            .await?
            .into_iter()
            .map(|m| json!({ "subject": m.subject, "body": m.body_text, "status": m.status, "created_at": ms(m.created_at) }))
            .collect(),
        "profiles" => profile::Entity::find_by_id(u.id)
            .all(db)
            .await?
            .into_iter()
            .map(|p| json!({ "organisation": p.organisation, "circumstances": p.circumstances, "birthday": p.birthday }))
            .collect(),
        "group_sets" => group_set::Entity::find()
            .filter(group_set::Column::CreatedBy.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| json!({ "id": s.id, "title": s.title, "kind": s.kind, "created_at": ms(s.created_at) }))
            .collect(),
        "course_groups" => course_group::Entity::find()
            .filter(course_group::Column::FacilitatorId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|g| json!({ "group_id": g.id, "facilitates": true }))
            .collect(),
        "group_members" => group_member::Entity::find()
            .filter(group_member::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| json!({ "group_id": m.group_id }))
            .collect(),
        "checkin_entries" => checkin_entry::Entity::find()
            .filter(checkin_entry::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|e| json!({ "checkin_id": e.checkin_id, "body": e.body, "shared_with_tutors": e.shared_with_tutors, "updated_at": ms(e.updated_at) }))
            .collect(),
        "checkin_replies" => checkin_reply::Entity::find()
            .filter(checkin_reply::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "entry_id": r.entry_id, "body": r.body, "created_at": ms(r.created_at) }))
            .collect(),
        "group_posts" => group_post::Entity::find()
            .filter(group_post::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| json!({ "group_id": p.group_id, "title": p.title, "body": p.body, "created_at": ms(p.created_at) }))
            .collect(),
        "wiki_pages" => wiki_page::Entity::find()
            .filter(wiki_page::Column::UpdatedBy.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| json!({ "page": p.title, "last_edited_by_you_at": ms(p.updated_at) }))
            .collect(),
        "wiki_revisions" => wiki_revision::Entity::find()
            .filter(wiki_revision::Column::AuthorId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "page_id": r.page_id, "version": r.number, "title": r.title, "body": r.body, "at": ms(r.created_at) }))
            .collect(),
        "budget_entries" => budget_entry::Entity::find()
            .filter(budget_entry::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|e| json!({ "activity_id": e.activity_id, "hours_per_week": e.tenths as f64 / 10.0 }))
            .collect(),
        "expectations" => expectation::Entity::find()
            .filter(expectation::Column::UpdatedBy.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|e| json!({ "course_id": e.course_id, "body": e.body, "version": e.version }))
            .collect(),
        "expectation_reads" => expectation_read::Entity::find()
            .filter(expectation_read::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "course_id": r.course_id, "version": r.version, "read_at": ms(r.read_at) }))
            .collect(),
        "board_notes" => board_note::Entity::find()
            .filter(board_note::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|n| json!({ "column_id": n.column_id, "note": n.body, "colour": n.colour, "created_at": ms(n.created_at) }))
            .collect(),
        "board_votes" => board_vote::Entity::find()
            .filter(board_vote::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|v| json!({ "note_id": v.note_id }))
            .collect(),
        "notifications" => notification::Entity::find()
            .filter(notification::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|n| {
                json!({
                    "course_id": n.course_id, "kind": n.kind, "subject": n.subject, "link": n.link,
                    "created_at": ms(n.created_at), "read_at": n.read_at.map(ms),
                })
            })
            .collect(),
        "email_preferences" => email_preference::Entity::find()
            .filter(email_preference::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| json!({ "frequency": p.frequency, "updated_at": ms(p.updated_at) }))
            .collect(),
        other => return Err(DbErr::Custom(format!("privacy: no export for table {other}"))),
    })
}

/// Remove a person: their account and everything that is only about them. Shared
/// things they made (courses) stay, with their name taken off.
pub async fn erase_user(db: &DatabaseConnection, email_address: &str) -> anyhow::Result<()> {
    let u = crate::accounts::find_by_email(db, email_address)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account with the email {email_address}"))?;
    let txn = db.begin().await?;
    // Dependents first, the account last.
    for e in REGISTRY.iter().rev() {
        if let Handling::Personal = e.handling {
            erase_table(&txn, e.table, &u).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

async fn erase_table(db: &impl ConnectionTrait, table: &str, u: &user::Model) -> Result<(), DbErr> {
    match table {
        "users" => {
            user::Entity::delete_by_id(u.id).exec(db).await?;
        }
        "sessions" => {
            session::Entity::delete_many().filter(session::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "password_tokens" => {
            password_token::Entity::delete_many().filter(password_token::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "sign_in_failures" => {
            sign_in_failure::Entity::delete_many().filter(sign_in_failure::Column::Email.eq(&u.email)).exec(db).await?;
        }
        "courses" => {
            course::Entity::update_many()
                .col_expr(course::Column::CreatedBy, Expr::value(Option::<i64>::None))
                .filter(course::Column::CreatedBy.eq(u.id))
                .exec(db)
                .await?;
        }
        "memberships" => {
            membership::Entity::delete_many().filter(membership::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "emails" => {
            email::Entity::delete_many()
                .filter(email::Column::ToUserId.eq(u.id).or(email::Column::ToAddress.eq(&u.email)))
                .exec(db)
                .await?;
        }
        "profiles" => {
            profile::Entity::delete_by_id(u.id).exec(db).await?;
        }
        "group_sets" => {
            group_set::Entity::update_many()
                .col_expr(group_set::Column::CreatedBy, Expr::value(Option::<i64>::None))
                .filter(group_set::Column::CreatedBy.eq(u.id))
                .exec(db)
                .await?;
        }
        "course_groups" => {
            course_group::Entity::update_many()
                .col_expr(course_group::Column::FacilitatorId, Expr::value(Option::<i64>::None))
                .filter(course_group::Column::FacilitatorId.eq(u.id))
                .exec(db)
                .await?;
        }
        "group_members" => {
            group_member::Entity::delete_many().filter(group_member::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "checkin_entries" => {
            checkin_entry::Entity::delete_many().filter(checkin_entry::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "checkin_replies" => {
            checkin_reply::Entity::delete_many().filter(checkin_reply::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "group_posts" => {
            group_post::Entity::delete_many().filter(group_post::Column::UserId.eq(u.id)).exec(db).await?;
        }
        // Wiki text belongs to the class: it stays, with the author's name taken off.
        "wiki_pages" => {
            wiki_page::Entity::update_many()
                .col_expr(wiki_page::Column::UpdatedBy, Expr::value(Option::<i64>::None))
                .filter(wiki_page::Column::UpdatedBy.eq(u.id))
                .exec(db)
                .await?;
        }
        "wiki_revisions" => {
            wiki_revision::Entity::update_many()
                .col_expr(wiki_revision::Column::AuthorId, Expr::value(Option::<i64>::None))
                .filter(wiki_revision::Column::AuthorId.eq(u.id))
                .exec(db)
                .await?;
        }
        "budget_entries" => {
            budget_entry::Entity::delete_many().filter(budget_entry::Column::UserId.eq(u.id)).exec(db).await?;
        }
        // The course's expectations stay for the class; only the author's name goes.
        "expectations" => {
            expectation::Entity::update_many()
                .col_expr(expectation::Column::UpdatedBy, Expr::value(Option::<i64>::None))
                .filter(expectation::Column::UpdatedBy.eq(u.id))
                .exec(db)
                .await?;
        }
        "expectation_reads" => {
            expectation_read::Entity::delete_many().filter(expectation_read::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "board_notes" => {
            board_note::Entity::delete_many().filter(board_note::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "board_votes" => {
            board_vote::Entity::delete_many().filter(board_vote::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "notifications" => {
            // Their own notices go; notices they caused for others stay, without their name.
            notification::Entity::delete_many().filter(notification::Column::UserId.eq(u.id)).exec(db).await?;
            notification::Entity::update_many()
                .col_expr(notification::Column::ActorId, Expr::value(Option::<i64>::None))
                .filter(notification::Column::ActorId.eq(u.id))
                .exec(db)
                .await?;
        }
        "email_preferences" => {
            email_preference::Entity::delete_many().filter(email_preference::Column::UserId.eq(u.id)).exec(db).await?;
        }
        other => return Err(DbErr::Custom(format!("privacy: no erasure for table {other}"))),
    }
    Ok(())
}

fn ms(v: i64) -> String {
    jiff::Timestamp::from_millisecond(v).map(|t| t.to_string()).unwrap_or_default()
}
