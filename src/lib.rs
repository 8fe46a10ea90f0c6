//! Homeroom: online courses where people know each other.
//!
//! The crate is laid out by capability (`auth`, `accounts`, `courses`, `admin`, `ops`):
//! each folder holds its routes, queries and page structs together. Pure logic that
//! decides things (`policy`, `courses::roster`) does no I/O and is tested on its own.

pub mod abuse;
pub mod accounts;
pub mod admin;
pub mod app;
pub mod archive;
pub mod auth;
pub mod board;
pub mod budget;
pub mod config;
pub mod courses;
pub mod db;
pub mod demo;
pub mod erasure;
pub mod error;
pub mod expectations;
pub mod forum;
pub mod fuzz_targets;
pub mod groups;
pub mod i18n;
pub mod introductions;
pub mod mail;
pub mod markdown;
pub mod media;
pub mod notifications;
pub mod ops;
pub mod people;
pub mod policy;
pub mod privacy;
pub mod profiles;
pub mod spreadsheet;
pub mod survey;
pub mod time;
pub mod validate;
pub mod web;
pub mod wiki;
// Homebase: messages, recognition, celebrations, routine.
pub mod celebrations;
pub mod messages;
pub mod recognition;
pub mod routine;
// Collage.
pub mod collage;
// Attachments and the course files area.
pub mod files;

pub use app::{AppState, Application};
pub use config::Config;
pub mod jobs;
// LTI 1.3 and the institution's rosters.
pub mod lti;
pub mod sso;
// Scheduled and recurring posts.
pub mod feedback;
pub mod live;
pub mod personal;
pub mod presence;
pub mod schedule;
// One-to-one check-ins.
pub mod booking;
pub mod meetups;
pub mod weekly;
