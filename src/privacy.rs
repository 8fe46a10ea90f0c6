//! The privacy registry: every table says whether it holds personal data and, if so, how
//! a person's rows are exported and erased. `tests/it/privacy.rs` lists the live schema
//! and fails on any table missing here, so a new table cannot forget about privacy.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::{Value, json};

use crate::db::entity::email_preference;
use crate::db::entity::notification_subscription;
use crate::db::entity::{
    birthday_optin, block, conversation, conversation_member, message, milestone, milestone_cheer, nomination,
    shout_out,
};
use crate::db::entity::{
    board_note, board_vote, budget_entry, checkin_entry, checkin_reply, course, course_group, email, expectation,
    expectation_read, group_member, group_post, group_set, membership, notification, password_token, profile, session,
    sign_in_failure, user, wiki_page, wiki_revision,
};
use crate::db::entity::{course_file, file_folder, forum_attachment};
use crate::db::entity::{
    forum_course_read, forum_mention, forum_post, forum_post_revision, forum_reaction, forum_read, forum_report,
    forum_thread,
};
use crate::db::entity::{introduction, introduction_nudge, introduction_reply, media, profile_detail};
use crate::db::entity::{scheduled_post, scheduled_post_run};
use crate::db::entity::{survey, survey_answer, survey_question, survey_response};
// Collage.
use crate::db::entity::collage_item;
// Accounts: address confirmation and two-factor sign-in.
use crate::db::entity::{email_confirmation, recovery_code, two_factor, two_factor_challenge};
// Site administration and people's own erasure requests.
use crate::db::entity::{admin_access_log, erasure_request};
// Tutor presence.
use crate::db::entity::{contact, outreach_assignment, presence_cache, radar_row};
// One-to-one check-ins.
use crate::db::entity::{booking, booking_feed, booking_offer};
// Personalised messages.
use crate::db::entity::{personal_recipient, personal_send, personal_template};

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
    Entry { table: "site_secrets", handling: Handling::NotPersonal("the server's own keys, about nobody") },
    Entry {
        table: "rate_counters",
        handling: Handling::NotPersonal(
            "hit counts per action and digest of an account or address, deleted when their window passes",
        ),
    },
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
    // Which threads and spaces a person follows or muted.
    Entry { table: "notification_subscriptions", handling: Handling::Personal },
    Entry { table: "forum_spaces", handling: Handling::NotPersonal("space titles and descriptions written by tutors") },
    Entry { table: "forum_threads", handling: Handling::Personal },
    Entry { table: "forum_posts", handling: Handling::Personal },
    Entry { table: "forum_post_revisions", handling: Handling::Personal },
    Entry { table: "forum_reactions", handling: Handling::Personal },
    Entry { table: "forum_mentions", handling: Handling::Personal },
    Entry { table: "forum_reads", handling: Handling::Personal },
    Entry { table: "forum_course_reads", handling: Handling::Personal },
    Entry { table: "forum_reports", handling: Handling::Personal },
    Entry { table: "forum_prompts", handling: Handling::NotPersonal("question starters written by tutors") },
    Entry { table: "site_settings", handling: Handling::NotPersonal("site-wide flags such as demo_seeded") },
    Entry { table: "seaql_migrations", handling: Handling::NotPersonal("which schema migrations have run") },
    Entry { table: "surveys", handling: Handling::NotPersonal("survey titles and dates set by tutors") },
    Entry { table: "survey_questions", handling: Handling::NotPersonal("questions written by tutors") },
    Entry { table: "survey_responses", handling: Handling::Personal },
    Entry { table: "survey_answers", handling: Handling::Personal },
    // Getting to know each other: media, full profiles, introductions.
    Entry { table: "media", handling: Handling::Personal },
    Entry { table: "profile_details", handling: Handling::Personal },
    Entry { table: "introductions", handling: Handling::Personal },
    Entry { table: "introduction_replies", handling: Handling::Personal },
    Entry { table: "introduction_nudges", handling: Handling::Personal },
    // Homebase: messages, recognition, celebrations, routine. Erasure runs bottom-up:
    // messages are anonymised before memberships go, and conversations left with nobody
    // in them go last.
    Entry {
        table: "social_settings",
        handling: Handling::NotPersonal("a course's message switch and calendar feed token"),
    },
    Entry {
        table: "routine_entries",
        handling: Handling::NotPersonal("the weekly routine written by the teaching team"),
    },
    Entry { table: "conversations", handling: Handling::Personal },
    Entry { table: "conversation_members", handling: Handling::Personal },
    Entry { table: "messages", handling: Handling::Personal },
    Entry { table: "blocks", handling: Handling::Personal },
    Entry { table: "shout_outs", handling: Handling::Personal },
    Entry { table: "nominations", handling: Handling::Personal },
    Entry { table: "birthday_optins", handling: Handling::Personal },
    Entry { table: "milestones", handling: Handling::Personal },
    Entry { table: "milestone_cheers", handling: Handling::Personal },
    Entry {
        table: "jobs",
        handling: Handling::NotPersonal(
            "payloads hold row ids only, never names, addresses or text (rule in jobs/mod.rs); the rows they point at are erased with the person",
        ),
    },
    Entry { table: "email_preferences", handling: Handling::Personal },
    // Collage: pictures with their captions. Erased before `media`, whose arm removes
    // the pictures' rows (and `erase_user_and_media` their files).
    Entry { table: "collage_items", handling: Handling::Personal },
    // Attachments and the course files area. A person's uploads go with them (their
    // media files are removed by `erase_user_and_media`); folders they made stay.
    Entry { table: "file_settings", handling: Handling::NotPersonal("whether students may upload to the files area") },
    Entry { table: "file_folders", handling: Handling::Personal },
    Entry { table: "course_files", handling: Handling::Personal },
    Entry { table: "forum_attachments", handling: Handling::Personal },
    // Scheduled posts: personal, because each names its author and goes out in their
    // name; until it goes out it is the author's draft, so erasure deletes it (what went
    // out is a forum thread and follows the forum's rules). Runs hold only ids and
    // instants and go with their schedule.
    Entry { table: "scheduled_posts", handling: Handling::Personal },
    Entry {
        table: "scheduled_post_runs",
        handling: Handling::NotPersonal("which occurrence of a schedule became which thread: ids and instants"),
    },
    // Accounts: address confirmations and two-factor sign-in. Secrets (TOTP seeds,
    // recovery code and token hashes) are never exported: the export says what is on.
    Entry { table: "email_confirmations", handling: Handling::Personal },
    Entry { table: "two_factors", handling: Handling::Personal },
    Entry { table: "recovery_codes", handling: Handling::Personal },
    Entry { table: "two_factor_challenges", handling: Handling::Personal },
    // Site administration: the log names the admin who visited a course (theirs to see,
    // erased with them); an erasure request is the person's own, and goes with them.
    Entry { table: "admin_access_log", handling: Handling::Personal },
    Entry { table: "erasure_requests", handling: Handling::Personal },
    // Tutor presence: the contact ledger is exported to the student without the staff's
    // private notes (and with them to the staff member who wrote them); radar rows are
    // derived from the other tables, so they are erased but not exported.
    Entry { table: "contacts", handling: Handling::Personal },
    Entry { table: "radar_rows", handling: Handling::Personal },
    Entry {
        table: "radar_watermarks",
        handling: Handling::NotPersonal("how far the radar job has read each source: a row id"),
    },
    // LTI: the tool's keys and the platforms are about no one; which LMS person is which
    // account, their launches, and the LMS courses they may link are theirs.
    Entry { table: "lti_keys", handling: Handling::NotPersonal("the tool's own signing keys, about nobody") },
    Entry {
        table: "lti_platforms",
        handling: Handling::NotPersonal("the LMSs an admin registered: addresses, client and deployment ids"),
    },
    Entry { table: "lti_contexts", handling: Handling::Personal },
    Entry { table: "lti_accounts", handling: Handling::Personal },
    Entry { table: "lti_logins", handling: Handling::Personal },
    // Check-ins: a staff member's availability is theirs; a booking belongs to both
    // people in it (the student gets it back without the staff member's private note);
    // the feed address is a secret, so the export says only that there is one.
    Entry { table: "booking_offers", handling: Handling::Personal },
    Entry { table: "bookings", handling: Handling::Personal },
    Entry { table: "booking_feeds", handling: Handling::Personal },
    // Meet-ups: who planned, hosted and wrote how it went, and everyone's answers.
    Entry { table: "meetups", handling: Handling::Personal },
    Entry { table: "meetup_rsvps", handling: Handling::Personal },
    Entry {
        table: "booking_turns",
        handling: Handling::NotPersonal(
            "a count per staff member id that bookings update to take turns; goes with the account",
        ),
    },
    // The outreach queue: who on the teaching team looks after whom is exported to both;
    // the cached class graph and response times name people but are derived, so they are
    // erased (and drawn again without the person) but not exported.
    Entry {
        table: "outreach_settings",
        handling: Handling::NotPersonal("a course's outreach rhythm and switches, about nobody"),
    },
    Entry { table: "outreach_assignments", handling: Handling::Personal },
    Entry { table: "presence_caches", handling: Handling::Personal },
    // Live sessions: answers and attendance are the person's; a session they planned
    // stays with the course without their name (crate::live::privacy).
    Entry { table: "live_sessions", handling: Handling::Personal },
    Entry { table: "live_steps", handling: Handling::NotPersonal("agenda steps and questions written by tutors") },
    Entry { table: "live_answers", handling: Handling::Personal },
    Entry { table: "live_attendance", handling: Handling::Personal },
    // Personalised messages: templates and sends are their author's (exported to them,
    // erased with them, recipients' copies included); a recipient's copy holds what was
    // written for them, so it is exported to them and erased with them. What was sent is
    // also a direct message, which follows the messages' own rules.
    Entry { table: "personal_templates", handling: Handling::Personal },
    Entry { table: "personal_sends", handling: Handling::Personal },
    Entry { table: "personal_recipients", handling: Handling::Personal },
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
            "has_password": u.password_hash.is_some(), "deactivated_at": u.deactivated_at.map(ms),
        }]),
        "admin_access_log" => admin_access_log::Entity::find()
            .filter(admin_access_log::Column::AdminId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|v| json!({ "course_id": v.course_id, "method": v.method, "path": v.path, "at": ms(v.at) }))
            .collect(),
        "erasure_requests" => erasure_request::Entity::find()
            .filter(erasure_request::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "requested_at": ms(r.requested_at), "confirmed_at": r.confirmed_at.map(ms), "due_at": r.due_at.map(ms) }))
            .collect(),
        "sessions" => session::Entity::find()
            .filter(session::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| {
                json!({
                    "created_at": ms(s.created_at), "last_seen_at": ms(s.last_seen_at), "expires_at": ms(s.expires_at),
                    "user_agent": s.user_agent, "ip": s.ip,
                })
            })
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
            .map(|n| {
                json!({
                    "column_id": n.column_id, "note": n.body, "colour": n.colour, "image_media_id": n.image_id,
                    "image_description": n.image_alt, "created_at": ms(n.created_at),
                })
            })
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
        "notification_subscriptions" => notification_subscription::Entity::find()
            .filter(notification_subscription::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| {
                json!({
                    "course_id": s.course_id, "target": s.target, "target_id": s.target_id, "choice": s.mode,
                    "created_at": ms(s.created_at),
                })
            })
            .collect(),
        "survey_responses" => {
            let mut out = vec![];
            for r in survey_response::Entity::find().filter(survey_response::Column::UserId.eq(u.id)).all(db).await? {
                let s = survey::Entity::find_by_id(r.survey_id).one(db).await?;
                out.push(json!({
                    "survey": s.map(|s| s.title), "first_answered_at": ms(r.created_at), "updated_at": ms(r.updated_at),
                }));
            }
            Value::Array(out)
        }
        "survey_answers" => {
            let mut out = vec![];
            for r in survey_response::Entity::find().filter(survey_response::Column::UserId.eq(u.id)).all(db).await? {
                for a in survey_answer::Entity::find().filter(survey_answer::Column::ResponseId.eq(r.id)).all(db).await? {
                    let q = survey_question::Entity::find_by_id(a.question_id).one(db).await?;
                    out.push(json!({
                        "question": q.map(|q| q.prompt),
                        "answer": serde_json::from_str::<Value>(&a.value).unwrap_or(Value::Null),
                        "show_on_profile": a.on_profile,
                    }));
                }
            }
            Value::Array(out)
        }
        "forum_threads" => forum_thread::Entity::find()
            .filter(forum_thread::Column::AuthorId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|t| json!({ "thread_id": t.id, "title": t.title, "created_at": ms(t.created_at) }))
            .collect(),
        "forum_posts" => forum_post::Entity::find()
            .filter(forum_post::Column::AuthorId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| {
                json!({
                    "post_id": p.id, "thread_id": p.thread_id, "body": p.body, "created_at": ms(p.created_at),
                    "edited_at": p.edited_at.map(ms), "deleted_at": p.deleted_at.map(ms),
                    "hidden_reason": p.hidden_reason,
                })
            })
            .collect(),
        "forum_post_revisions" => forum_post_revision::Entity::find()
            .filter(forum_post_revision::Column::AuthorId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "post_id": r.post_id, "body": r.body, "written_at": ms(r.created_at) }))
            .collect(),
        "forum_reactions" => forum_reaction::Entity::find()
            .filter(forum_reaction::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "post_id": r.post_id, "emoji": r.emoji }))
            .collect(),
        "forum_mentions" => forum_mention::Entity::find()
            .filter(forum_mention::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| json!({ "mentioned_in_post": m.post_id }))
            .collect(),
        "forum_reads" => forum_read::Entity::find()
            .filter(forum_read::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "thread_id": r.thread_id, "read_up_to_post": r.last_post_id }))
            .collect(),
        "forum_course_reads" => forum_course_read::Entity::find()
            .filter(forum_course_read::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "course_id": r.course_id, "all_read_up_to_post": r.last_post_id }))
            .collect(),
        "forum_reports" => forum_report::Entity::find()
            .filter(forum_report::Column::ReporterId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "post_id": r.post_id, "reason": r.reason, "status": r.status, "created_at": ms(r.created_at) }))
            .collect(),
        "forum_attachments" => forum_attachment::Entity::find()
            .filter(forum_attachment::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|a| {
                json!({
                    "post_id": a.post_id, "media_id": a.media_id, "kind": a.kind, "name": a.name, "size": a.size,
                    "description": a.description, "created_at": ms(a.created_at),
                })
            })
            .collect(),
        "course_files" => course_file::Entity::find()
            .filter(course_file::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|f| {
                json!({
                    "course_id": f.course_id, "folder_id": f.folder_id, "media_id": f.media_id, "kind": f.kind,
                    "name": f.name, "size": f.size, "created_at": ms(f.created_at), "updated_at": ms(f.updated_at),
                })
            })
            .collect(),
        "file_folders" => file_folder::Entity::find()
            .filter(file_folder::Column::CreatedBy.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|f| json!({ "course_id": f.course_id, "folder_id": f.id, "name": f.name, "created_at": ms(f.created_at) }))
            .collect(),
        "media" => media::Entity::find()
            .filter(media::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| json!({ "id": m.id, "course_id": m.course_id, "kind": m.kind, "purpose": m.purpose, "content_type": m.content_type, "size": m.size, "sha256": m.sha256, "created_at": ms(m.created_at) }))
            .collect(),
        "profile_details" => profile_detail::Entity::find_by_id(u.id)
            .all(db)
            .await?
            .into_iter()
            .map(|p| json!({
                "pronouns": p.pronouns, "how_to_say_my_name": p.name_say, "name_recording_media_id": p.name_audio_id,
                "photo_media_id": p.photo_id, "photo_caption": p.photo_caption, "bio": p.bio, "job": p.job,
                "location": p.location, "interests": p.interests, "looking_forward_to": p.looking_forward,
                "how_i_will_use_it": p.use_for, "circumstances": p.circumstances_note, "contact": p.contact,
                "visibility": serde_json::from_str::<Value>(&p.visibility).unwrap_or(Value::Null),
                "updated_at": ms(p.updated_at),
            }))
            .collect(),
        "introductions" => introduction::Entity::find()
            .filter(introduction::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|i| json!({ "course_id": i.course_id, "body": i.body, "photo_media_id": i.photo_id, "clip_media_id": i.clip_id, "transcript": i.transcript, "created_at": ms(i.created_at) }))
            .collect(),
        "introduction_replies" => introduction_reply::Entity::find()
            .filter(introduction_reply::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "introduction_id": r.introduction_id, "body": r.body, "created_at": ms(r.created_at) }))
            .collect(),
        "introduction_nudges" => introduction_nudge::Entity::find()
            .filter(introduction_nudge::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|n| json!({ "course_id": n.course_id, "sent_at": ms(n.sent_at) }))
            .collect(),
        "conversations" => conversation::Entity::find()
            .filter(
                conversation::Column::Id.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(conversation_member::Column::ConversationId)
                        .from(conversation_member::Entity)
                        .and_where(conversation_member::Column::UserId.eq(u.id))
                        .to_owned(),
                ),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|c| json!({ "conversation_id": c.id, "course_id": c.course_id, "started_at": ms(c.created_at) }))
            .collect(),
        "conversation_members" => conversation_member::Entity::find()
            .filter(conversation_member::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| json!({ "conversation_id": m.conversation_id, "last_read_at": ms(m.last_read_at) }))
            .collect(),
        "messages" => message::Entity::find()
            .filter(message::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| json!({ "conversation_id": m.conversation_id, "body": m.body, "sent_at": ms(m.created_at) }))
            .collect(),
        "blocks" => block::Entity::find()
            .filter(block::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|b| json!({ "blocked_user_id": b.blocked_id, "since": ms(b.created_at) }))
            .collect(),
        "shout_outs" => shout_out::Entity::find()
            .filter(shout_out::Column::FromId.eq(u.id).or(shout_out::Column::ToId.eq(u.id)))
            .all(db)
            .await?
            .into_iter()
            .map(|o| {
                json!({
                    "course_id": o.course_id, "given": o.from_id == Some(u.id), "received": o.to_id == u.id,
                    "message": o.body, "at": ms(o.created_at),
                })
            })
            .collect(),
        "nominations" => nomination::Entity::find()
            .filter(nomination::Column::NominatorId.eq(u.id).or(nomination::Column::NomineeId.eq(u.id)))
            .all(db)
            .await?
            .into_iter()
            .map(|n| {
                json!({
                    "course_id": n.course_id, "week": n.week, "nominated_by_you": n.nominator_id == Some(u.id),
                    "you_were_nominated": n.nominee_id == u.id, "reason": n.reason, "featured": n.featured,
                    "at": ms(n.created_at),
                })
            })
            .collect(),
        "birthday_optins" => birthday_optin::Entity::find()
            .filter(birthday_optin::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|o| json!({ "course_id": o.course_id, "celebrate_birthday": true }))
            .collect(),
        "milestones" => milestone::Entity::find()
            .filter(milestone::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| json!({ "course_id": m.course_id, "milestone": m.body, "at": ms(m.created_at) }))
            .collect(),
        "milestone_cheers" => milestone_cheer::Entity::find()
            .filter(milestone_cheer::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| json!({ "congratulated_milestone_id": c.milestone_id }))
            .collect(),
        "email_preferences" => email_preference::Entity::find()
            .filter(email_preference::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| json!({ "frequency": p.frequency, "updated_at": ms(p.updated_at) }))
            .collect(),
        "collage_items" => collage_item::Entity::find()
            .filter(collage_item::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|i| {
                json!({ "course_id": i.course_id, "media_id": i.media_id, "caption": i.caption, "created_at": ms(i.created_at) })
            })
            .collect(),
        "scheduled_posts" => scheduled_post::Entity::find()
            .filter(scheduled_post::Column::AuthorId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| {
                json!({
                    "course_id": p.course_id, "title": p.title, "body": p.body, "status": p.status,
                    "local_time": p.local_time, "weekdays": p.weekdays, "until": p.until_date,
                    "created_at": ms(p.created_at),
                })
            })
            .collect(),
        "email_confirmations" => email_confirmation::Entity::find()
            .filter(email_confirmation::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| {
                json!({
                    "purpose": c.purpose, "email": c.email, "created_at": ms(c.created_at),
                    "used_at": c.used_at.map(ms),
                })
            })
            .collect(),
        "two_factors" => two_factor::Entity::find_by_id(u.id)
            .all(db)
            .await?
            .into_iter()
            .map(|t| match t.enabled_at {
                Some(at) => json!({ "two_factor": "on", "since": ms(at) }),
                None => json!({ "two_factor": "being set up" }),
            })
            .collect(),
        "recovery_codes" => {
            let all = recovery_code::Entity::find().filter(recovery_code::Column::UserId.eq(u.id)).all(db).await?;
            let unused = all.iter().filter(|c| c.used_at.is_none()).count();
            json!([{ "recovery_codes": all.len(), "unused": unused }])
        }
        "two_factor_challenges" => two_factor_challenge::Entity::find()
            .filter(two_factor_challenge::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| json!({ "sign_in_waiting_for_code_since": ms(c.created_at) }))
            .collect(),
        "contacts" => contact::Entity::find()
            .filter(contact::Column::StudentId.eq(u.id).or(contact::Column::StaffId.eq(u.id)))
            .all(db)
            .await?
            .into_iter()
            .map(|c| {
                let mine = c.staff_id == u.id;
                json!({
                    "course_id": c.course_id, "kind": c.kind, "at": ms(c.at), "by_user_id": c.staff_id,
                    "about_user_id": c.student_id,
                    // The note belongs to the teaching team: only its writer gets it back.
                    "note": if mine { c.note } else { None }, "follow_up": if mine { c.follow_up } else { None },
                })
            })
            .collect(),
        "radar_rows" => json!([]),
        "lti_accounts" | "lti_logins" | "lti_contexts" => crate::lti::privacy::export(db, table, u.id).await?,
        "meetups" | "meetup_rsvps" => crate::meetups::privacy::export(db, table, u.id).await?,
        "booking_offers" => booking_offer::Entity::find()
            .filter(booking_offer::Column::StaffId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|o| {
                json!({
                    "course_id": o.course_id, "time_zone": o.time_zone, "weekly": o.windows,
                    "exceptions": o.exceptions, "length_minutes": o.length_minutes, "place": o.place,
                    "open": o.open, "updated_at": ms(o.updated_at),
                })
            })
            .collect(),
        "bookings" => booking::Entity::find()
            .filter(booking::Column::StudentId.eq(u.id).or(booking::Column::StaffId.eq(u.id)))
            .all(db)
            .await?
            .into_iter()
            .map(|b| {
                let mine = b.staff_id == u.id;
                json!({
                    "course_id": b.course_id, "staff_user_id": b.staff_id, "student_user_id": b.student_id,
                    "starts_at": ms(b.starts_at), "ends_at": ms(b.ends_at), "topic": b.topic, "status": b.status,
                    "place": b.place, "booked_at": ms(b.created_at),
                    // The note belongs to the teaching team: only its writer gets it back.
                    "note": if mine { b.note } else { None }, "follow_up": if mine { b.follow_up } else { None },
                })
            })
            .collect(),
        "booking_feeds" => booking_feed::Entity::find()
            .filter(booking_feed::Column::UserId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|f| json!({ "calendar_feed": true, "since": ms(f.created_at) }))
            .collect(),
        "outreach_assignments" => outreach_assignment::Entity::find()
            .filter(outreach_assignment::Column::StudentId.eq(u.id).or(outreach_assignment::Column::StaffId.eq(u.id)))
            .all(db)
            .await?
            .into_iter()
            .map(|a| {
                json!({
                    "course_id": a.course_id, "student_user_id": a.student_id, "looked_after_by_user_id": a.staff_id,
                    "since": ms(a.created_at),
                })
            })
            .collect(),
        "presence_caches" => json!([]),
        "live_sessions" | "live_answers" | "live_attendance" => crate::live::privacy::export(db, table, u.id).await?,
        "personal_templates" => personal_template::Entity::find()
            .filter(personal_template::Column::AuthorId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|t| {
                json!({
                    "course_id": t.course_id, "name": t.name, "subject": t.subject, "body": t.body,
                    "created_at": ms(t.created_at),
                })
            })
            .collect(),
        "personal_sends" => personal_send::Entity::find()
            .filter(personal_send::Column::SenderId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| {
                json!({
                    "course_id": s.course_id, "subject": s.subject, "body": s.body, "who": s.who,
                    "condition": s.condition, "status": s.status, "recipients": s.total,
                    "created_at": ms(s.created_at), "send_at": s.send_at.map(ms), "sent_at": s.sent_at.map(ms),
                })
            })
            .collect(),
        "personal_recipients" => personal_recipient::Entity::find()
            .filter(personal_recipient::Column::StudentId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "message_id": r.send_id, "subject": r.subject, "body": r.body_text }))
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
        "admin_access_log" => {
            admin_access_log::Entity::delete_many().filter(admin_access_log::Column::AdminId.eq(u.id)).exec(db).await?;
        }
        "erasure_requests" => {
            erasure_request::Entity::delete_many().filter(erasure_request::Column::UserId.eq(u.id)).exec(db).await?;
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
        // A survey response is only about its author: it goes, answers first.
        "survey_responses" => {
            survey_response::Entity::delete_many().filter(survey_response::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "survey_answers" => {
            let mine: Vec<i64> = survey_response::Entity::find()
                .filter(survey_response::Column::UserId.eq(u.id))
                .all(db)
                .await?
                .into_iter()
                .map(|r| r.id)
                .collect();
            survey_answer::Entity::delete_many().filter(survey_answer::Column::ResponseId.is_in(mine)).exec(db).await?;
        }
        // Posts belong to the conversation others replied to: they stay, shown as by a
        // "Former member"; their threads, versions and moderation marks lose the name too.
        "forum_threads" => {
            forum_thread::Entity::update_many()
                .col_expr(forum_thread::Column::AuthorId, Expr::value(Option::<i64>::None))
                .filter(forum_thread::Column::AuthorId.eq(u.id))
                .exec(db)
                .await?;
        }
        "forum_posts" => {
            forum_post::Entity::update_many()
                .col_expr(forum_post::Column::AuthorId, Expr::value(Option::<i64>::None))
                .filter(forum_post::Column::AuthorId.eq(u.id))
                .exec(db)
                .await?;
            forum_post::Entity::update_many()
                .col_expr(forum_post::Column::HiddenBy, Expr::value(Option::<i64>::None))
                .filter(forum_post::Column::HiddenBy.eq(u.id))
                .exec(db)
                .await?;
        }
        "forum_post_revisions" => {
            forum_post_revision::Entity::update_many()
                .col_expr(forum_post_revision::Column::AuthorId, Expr::value(Option::<i64>::None))
                .filter(forum_post_revision::Column::AuthorId.eq(u.id))
                .exec(db)
                .await?;
        }
        "forum_reactions" => {
            forum_reaction::Entity::delete_many().filter(forum_reaction::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "forum_mentions" => {
            forum_mention::Entity::delete_many().filter(forum_mention::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "forum_reads" => {
            forum_read::Entity::delete_many().filter(forum_read::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "forum_course_reads" => {
            forum_course_read::Entity::delete_many()
                .filter(forum_course_read::Column::UserId.eq(u.id))
                .exec(db)
                .await?;
        }
        "forum_reports" => {
            forum_report::Entity::delete_many().filter(forum_report::Column::ReporterId.eq(u.id)).exec(db).await?;
            forum_report::Entity::update_many()
                .col_expr(forum_report::Column::ResolvedBy, Expr::value(Option::<i64>::None))
                .filter(forum_report::Column::ResolvedBy.eq(u.id))
                .exec(db)
                .await?;
        }
        // A nudge sent to them goes; one they sent keeps no sender.
        "introduction_nudges" => {
            introduction_nudge::Entity::delete_many()
                .filter(introduction_nudge::Column::UserId.eq(u.id))
                .exec(db)
                .await?;
            introduction_nudge::Entity::update_many()
                .col_expr(introduction_nudge::Column::SentBy, Expr::value(Option::<i64>::None))
                .filter(introduction_nudge::Column::SentBy.eq(u.id))
                .exec(db)
                .await?;
        }
        "introduction_replies" => {
            introduction_reply::Entity::delete_many()
                .filter(introduction_reply::Column::UserId.eq(u.id))
                .exec(db)
                .await?;
        }
        // An introduction is about its author: it goes, with the welcomes under it.
        "introductions" => {
            let ids: Vec<i64> = introduction::Entity::find()
                .filter(introduction::Column::UserId.eq(u.id))
                .all(db)
                .await?
                .into_iter()
                .map(|i| i.id)
                .collect();
            introduction_reply::Entity::delete_many()
                .filter(introduction_reply::Column::IntroductionId.is_in(ids))
                .exec(db)
                .await?;
            introduction::Entity::delete_many().filter(introduction::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "profile_details" => {
            profile_detail::Entity::delete_by_id(u.id).exec(db).await?;
        }
        // The rows go here; `erase_user_and_media` removes the files after the commit.
        "media" => {
            media::Entity::delete_many().filter(media::Column::UserId.eq(u.id)).exec(db).await?;
        }
        // Conversations that nobody is left in go, with their messages.
        "conversations" => {
            use sea_orm::sea_query::{Expr, ExprTrait, Query};
            let members = Query::select()
                .expr(Expr::val(1))
                .from_as(conversation_member::Entity, "cm")
                .and_where(
                    Expr::col(("cm", "conversation_id")).equals((conversation::Entity, conversation::Column::Id)),
                )
                .to_owned();
            let q = Query::delete().from_table(conversation::Entity).and_where(Expr::exists(members).not()).to_owned();
            db.execute(&q).await?;
        }
        "conversation_members" => {
            conversation_member::Entity::delete_many()
                .filter(conversation_member::Column::UserId.eq(u.id))
                .exec(db)
                .await?;
        }
        // What they wrote to others stays in those conversations, as "Former member".
        "messages" => {
            message::Entity::update_many()
                .col_expr(message::Column::UserId, Expr::value(Option::<i64>::None))
                .filter(message::Column::UserId.eq(u.id))
                .exec(db)
                .await?;
        }
        "blocks" => {
            block::Entity::delete_many()
                .filter(block::Column::UserId.eq(u.id).or(block::Column::BlockedId.eq(u.id)))
                .exec(db)
                .await?;
        }
        // Shout-outs, nominations and milestones are about people: given or received, they go.
        "shout_outs" => {
            shout_out::Entity::delete_many()
                .filter(shout_out::Column::FromId.eq(u.id).or(shout_out::Column::ToId.eq(u.id)))
                .exec(db)
                .await?;
        }
        "nominations" => {
            nomination::Entity::delete_many()
                .filter(nomination::Column::NominatorId.eq(u.id).or(nomination::Column::NomineeId.eq(u.id)))
                .exec(db)
                .await?;
        }
        "birthday_optins" => {
            birthday_optin::Entity::delete_many().filter(birthday_optin::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "milestones" => {
            milestone::Entity::delete_many().filter(milestone::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "milestone_cheers" => {
            milestone_cheer::Entity::delete_many().filter(milestone_cheer::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "email_preferences" => {
            email_preference::Entity::delete_many().filter(email_preference::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "notification_subscriptions" => {
            notification_subscription::Entity::delete_many()
                .filter(notification_subscription::Column::UserId.eq(u.id))
                .exec(db)
                .await?;
        }
        // A collage picture is the person's own: it goes (its media row in the `media` arm).
        "collage_items" => {
            collage_item::Entity::delete_many().filter(collage_item::Column::UserId.eq(u.id)).exec(db).await?;
        }
        // Their attachments and shared files go with their media (`erase_user_and_media`
        // removes the files): the files area keeps no upload without its uploader.
        "forum_attachments" => {
            forum_attachment::Entity::delete_many().filter(forum_attachment::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "course_files" => {
            course_file::Entity::delete_many().filter(course_file::Column::UserId.eq(u.id)).exec(db).await?;
        }
        // Folders organise the course's files: they stay, without who made them.
        "file_folders" => {
            file_folder::Entity::update_many()
                .col_expr(file_folder::Column::CreatedBy, Expr::value(Option::<i64>::None))
                .filter(file_folder::Column::CreatedBy.eq(u.id))
                .exec(db)
                .await?;
        }
        "scheduled_posts" => {
            let mine: Vec<i64> = scheduled_post::Entity::find()
                .filter(scheduled_post::Column::AuthorId.eq(u.id))
                .all(db)
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect();
            scheduled_post_run::Entity::delete_many()
                .filter(scheduled_post_run::Column::ScheduleId.is_in(mine.clone()))
                .exec(db)
                .await?;
            scheduled_post::Entity::delete_many().filter(scheduled_post::Column::Id.is_in(mine)).exec(db).await?;
        }
        "email_confirmations" => {
            email_confirmation::Entity::delete_many()
                .filter(email_confirmation::Column::UserId.eq(u.id))
                .exec(db)
                .await?;
        }
        "two_factors" => {
            two_factor::Entity::delete_many().filter(two_factor::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "recovery_codes" => {
            recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "two_factor_challenges" => {
            two_factor_challenge::Entity::delete_many()
                .filter(two_factor_challenge::Column::UserId.eq(u.id))
                .exec(db)
                .await?;
        }
        "contacts" => {
            contact::Entity::delete_many()
                .filter(contact::Column::StudentId.eq(u.id).or(contact::Column::StaffId.eq(u.id)))
                .exec(db)
                .await?;
        }
        "radar_rows" => {
            radar_row::Entity::delete_many().filter(radar_row::Column::StudentId.eq(u.id)).exec(db).await?;
        }
        "lti_accounts" | "lti_logins" | "lti_contexts" => crate::lti::privacy::erase(db, table, u.id).await?,
        "meetups" | "meetup_rsvps" => crate::meetups::privacy::erase(db, table, u.id).await?,
        // A meeting is about both people in it: it goes with either of them.
        "booking_offers" => {
            booking_offer::Entity::delete_many().filter(booking_offer::Column::StaffId.eq(u.id)).exec(db).await?;
        }
        "bookings" => {
            booking::Entity::delete_many()
                .filter(booking::Column::StudentId.eq(u.id).or(booking::Column::StaffId.eq(u.id)))
                .exec(db)
                .await?;
        }
        "booking_feeds" => {
            booking_feed::Entity::delete_many().filter(booking_feed::Column::UserId.eq(u.id)).exec(db).await?;
        }
        "outreach_assignments" => {
            outreach_assignment::Entity::delete_many()
                .filter(
                    outreach_assignment::Column::StudentId.eq(u.id).or(outreach_assignment::Column::StaffId.eq(u.id)),
                )
                .exec(db)
                .await?;
        }
        // Erased before the memberships (the registry is erased from its end): the caches
        // of the person's courses go, and the next refresh draws them without the person.
        "presence_caches" => {
            presence_cache::Entity::delete_many()
                .filter(
                    presence_cache::Column::CourseId.in_subquery(
                        sea_orm::sea_query::Query::select()
                            .column(membership::Column::CourseId)
                            .from(membership::Entity)
                            .and_where(Expr::col(membership::Column::UserId).eq(u.id))
                            .to_owned(),
                    ),
                )
                .exec(db)
                .await?;
        }
        "live_sessions" | "live_answers" | "live_attendance" => crate::live::privacy::erase(db, table, u.id).await?,
        "personal_recipients" => {
            personal_recipient::Entity::delete_many()
                .filter(personal_recipient::Column::StudentId.eq(u.id))
                .exec(db)
                .await?;
        }
        "personal_sends" => {
            let mine: Vec<i64> = personal_send::Entity::find()
                .filter(personal_send::Column::SenderId.eq(u.id))
                .all(db)
                .await?
                .into_iter()
                .map(|s| s.id)
                .collect();
            for chunk in mine.chunks(500) {
                personal_recipient::Entity::delete_many()
                    .filter(personal_recipient::Column::SendId.is_in(chunk.to_vec()))
                    .exec(db)
                    .await?;
                personal_send::Entity::delete_many()
                    .filter(personal_send::Column::Id.is_in(chunk.to_vec()))
                    .exec(db)
                    .await?;
            }
        }
        "personal_templates" => {
            personal_template::Entity::delete_many()
                .filter(personal_template::Column::AuthorId.eq(u.id))
                .exec(db)
                .await?;
        }
        other => return Err(DbErr::Custom(format!("privacy: no erasure for table {other}"))),
    }
    Ok(())
}

/// Erase a person and then the files of everything they uploaded.
pub async fn erase_user_and_media(
    db: &DatabaseConnection,
    config: &crate::config::Config,
    email_address: &str,
) -> anyhow::Result<()> {
    let u = crate::accounts::find_by_email(db, email_address)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account with the email {email_address}"))?;
    let keys = crate::media::keys_of(db, u.id).await?;
    erase_user(db, email_address).await?;
    for k in keys {
        crate::media::remove_files(config, &k).await;
    }
    Ok(())
}

fn ms(v: i64) -> String {
    jiff::Timestamp::from_millisecond(v).map(|t| t.to_string()).unwrap_or_default()
}
