//! The tables, one file each, as SeaORM entities. The schema itself is created by
//! `db::migrations`; `privacy.rs` says how each table's personal data is exported and erased.

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
pub mod expectation;
pub mod expectation_read;
pub mod group_member;
pub mod group_post;
pub mod group_round;
pub mod group_set;
pub mod job;
pub mod membership;
pub mod notification;
pub mod password_token;
pub mod profile;
pub mod session;
pub mod sign_in_failure;
pub mod site_setting;
pub mod user;
pub mod wiki_page;
pub mod wiki_revision;
