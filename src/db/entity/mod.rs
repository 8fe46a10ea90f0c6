//! The tables, one file each, as SeaORM entities. The schema itself is created by
//! `db::migrations`; `privacy.rs` says how each table's personal data is exported and erased.

pub mod admin_access_log;
pub mod board_column;
pub mod board_note;
pub mod board_vote;
pub mod budget_activity;
pub mod budget_entry;
pub mod checkin;
pub mod checkin_entry;
pub mod checkin_reply;
pub mod course;
pub mod course_group;
pub mod email;
pub mod email_preference;
pub mod erasure_request;
pub mod expectation;
pub mod expectation_read;
pub mod forum_course_read;
pub mod forum_mention;
pub mod forum_post;
pub mod forum_post_revision;
pub mod forum_prompt;
pub mod forum_reaction;
pub mod forum_read;
pub mod forum_report;
pub mod forum_space;
pub mod forum_thread;
pub mod group_member;
pub mod group_post;
pub mod group_round;
pub mod group_set;
pub mod introduction;
pub mod introduction_nudge;
pub mod introduction_reply;
pub mod job;
pub mod media;
pub mod media_trash;
pub mod membership;
pub mod notification;
pub mod notification_subscription;
pub mod password_token;
pub mod profile;
pub mod profile_detail;
pub mod session;
pub mod sign_in_failure;
pub mod site_secret;
pub mod site_setting;
pub mod survey;
pub mod survey_answer;
pub mod survey_question;
pub mod survey_response;
pub mod user;
pub mod wiki_page;
pub mod wiki_revision;
// Homebase: messages, recognition, celebrations, routine.
pub mod birthday_optin;
pub mod block;
pub mod conversation;
pub mod conversation_member;
pub mod message;
pub mod milestone;
pub mod milestone_cheer;
pub mod nomination;
pub mod routine_entry;
pub mod shout_out;
pub mod social_setting;
// Collage and board pictures.
pub mod collage_item;
// Attachments and the course files area.
pub mod course_file;
pub mod file_folder;
pub mod file_setting;
pub mod forum_attachment;
// Scheduled and recurring posts.
pub mod scheduled_post;
pub mod scheduled_post_run;
// Accounts: address confirmation and two-factor sign-in.
pub mod email_confirmation;
pub mod recovery_code;
pub mod two_factor;
pub mod two_factor_challenge;
// Tutor presence: the contact ledger and the radar.
pub mod contact;
pub mod radar_row;
// One-to-one check-ins.
pub mod booking;
pub mod booking_feed;
pub mod booking_offer;
pub mod meetup;
pub mod meetup_photo;
pub mod meetup_rsvp;
// Outreach queue, class graph and response times.
pub mod outreach_assignment;
pub mod outreach_setting;
pub mod presence_cache;
// Personalised messages.
pub mod personal_recipient;
pub mod personal_send;
pub mod personal_template;
