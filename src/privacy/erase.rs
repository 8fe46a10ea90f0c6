//! Erasure: every personal table of the registry, dependents first, in one transaction.

use crate::db::entity::{
    admin_access_log, birthday_optin, block, board_note, board_vote, booking, booking_feed, booking_offer,
    budget_entry, checkin_entry, checkin_reply, collage_item, contact, conversation, conversation_member, course,
    course_file, course_group, email, email_confirmation, email_preference, erasure_request, expectation,
    expectation_read, file_folder, forum_attachment, forum_course_read, forum_mention, forum_post, forum_post_revision,
    forum_reaction, forum_read, forum_report, forum_thread, group_member, group_post, group_set, introduction,
    introduction_nudge, introduction_reply, media, membership, message, milestone, milestone_cheer, nomination,
    notification, notification_subscription, outreach_assignment, password_token, personal_recipient, personal_send,
    personal_template, presence_cache, profile, profile_detail, radar_row, recovery_code, scheduled_post,
    scheduled_post_run, session, shout_out, sign_in_failure, survey_answer, survey_response, two_factor,
    two_factor_challenge, user, wiki_page, wiki_revision,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, TransactionTrait};

use super::registry::{Handling, REGISTRY};

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
        // The rows go here, their files into the trash, which `erase_user_and_media`
        // empties after the commit.
        "media" => {
            crate::media::trash::put_of_user(db, u.id, crate::time::now_ms()).await?;
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
        "radar_pairs" | "radar_people" | "radar_weeks" => crate::presence::queries::erase_totals(db, u.id).await?,
        "lti_accounts" | "lti_logins" | "lti_contexts" => crate::lti::privacy::erase(db, table, u.id).await?,
        "meetups" | "meetup_rsvps" | "meetup_photos" => crate::meetups::privacy::erase(db, table, u.id).await?,
        "like_you_optins" | "like_you_pairings" => crate::presence::like_you::queries::erase(db, table, u.id).await?,
        "sso_identities" => crate::sso::privacy::erase(db, u.id).await?,
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
        // The person's rows go (triggers mark their courses' choices stale, which are then
        // recomputed without them); the choices are derived, not stored about anyone.
        "class_directory" => {
            db.execute_raw(sea_orm::Statement::from_sql_and_values(
                db.get_database_backend(),
                "UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (SELECT course_id FROM class_directory WHERE user_id = $1)",
                [u.id.into()],
            ))
            .await?;
            db.execute_raw(sea_orm::Statement::from_sql_and_values(
                db.get_database_backend(),
                "DELETE FROM class_directory WHERE user_id = $1",
                [u.id.into()],
            ))
            .await?;
        }
        "class_facets" => {}
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
        "live_sessions" | "live_answers" | "live_attendance" | "live_rooms" | "live_room_members" | "live_calls" => {
            crate::live::privacy::erase(db, table, u.id).await?
        }
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
        "feedback" | "feedback_replies" | "feedback_assignments" => {
            crate::feedback::privacy::erase(db, table, u.id).await?
        }
        "weekly_messages" | "weekly_reactions" | "weekly_replies" => {
            crate::weekly::privacy::erase(db, table, u.id).await?
        }
        other => return Err(DbErr::Custom(format!("privacy: no erasure for table {other}"))),
    }
    Ok(())
}

/// Erase a person and then the files of every media row the erasure deleted: what they
/// uploaded, and what other areas delete with them (the recordings of feedback about
/// them, uploaded by the giver), all put in the media trash in the erasure's transaction.
pub async fn erase_user_and_media(
    db: &DatabaseConnection,
    config: &crate::config::Config,
    email_address: &str,
) -> anyhow::Result<()> {
    erase_user(db, email_address).await?;
    crate::media::trash::empty(db, config).await?;
    Ok(())
}
