//! A person's data export: every personal table of the registry, as JSON.

use crate::db::entity::{
    admin_access_log, birthday_optin, block, board_note, board_vote, booking, booking_feed, booking_offer,
    budget_entry, checkin_entry, checkin_reply, collage_item, contact, conversation, conversation_member, course,
    course_file, course_group, email, email_confirmation, email_preference, erasure_request, expectation,
    expectation_read, file_folder, forum_attachment, forum_course_read, forum_mention, forum_post, forum_post_revision,
    forum_reaction, forum_read, forum_report, forum_thread, group_member, group_post, group_set, introduction,
    introduction_nudge, introduction_reply, media, membership, message, milestone, milestone_cheer, nomination,
    notification, notification_subscription, outreach_assignment, password_token, personal_recipient, personal_send,
    personal_template, profile, profile_detail, recovery_code, scheduled_post, session, shout_out, sign_in_failure,
    survey, survey_answer, survey_question, survey_response, two_factor, two_factor_challenge, user, wiki_page,
    wiki_revision,
};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::registry::{Handling, REGISTRY};

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
        "radar_pairs" | "radar_people" | "radar_weeks" => crate::presence::queries::export_totals(db, table, u.id).await?,
        "lti_accounts" | "lti_logins" | "lti_contexts" => crate::lti::privacy::export(db, table, u.id).await?,
        "meetups" | "meetup_rsvps" | "meetup_photos" => crate::meetups::privacy::export(db, table, u.id).await?,
        "sso_identities" => crate::sso::privacy::export(db, u.id).await?,
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
        // A copy of the profile fields already exported with the profile, for sorting and filtering.
        "class_directory" | "class_facets" => json!([]),
        "like_you_optins" | "like_you_pairings" => crate::presence::like_you::queries::export(db, table, u.id).await?,
        "live_sessions" | "live_answers" | "live_attendance" | "live_rooms" | "live_room_members" | "live_calls" => {
            crate::live::privacy::export(db, table, u.id).await?
        }
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
        "feedback" | "feedback_replies" | "feedback_assignments" => {
            crate::feedback::privacy::export(db, table, u.id).await?
        }
        "weekly_messages" | "weekly_reactions" | "weekly_replies" => crate::weekly::privacy::export(db, table, u.id).await?,
        other => return Err(DbErr::Custom(format!("privacy: no export for table {other}"))),
    })
}

fn ms(v: i64) -> String {
    jiff::Timestamp::from_millisecond(v).map(|t| t.to_string()).unwrap_or_default()
}
