//! The course's spaces: discussion forums, Q&A, a coffee shop and announcements. Threads
//! with one level of replies, Markdown with @mentions, reactions, edit history, soft
//! deletion, pins and locks, answers to questions, follow-up question starters, unread
//! markers, reports and moderation, and search. Everything works as plain forms; a
//! small module (`static/forum.js`) suggests names while typing an @mention.
//!
//! Laid out by what each part does: `routes` (addresses), `pages` (what GET shows) and
//! `views` (the page structs), `actions` (the forms) and `write` (their transactions),
//! `access` (loading within a course, who may write), `queries` and `search` (reading),
//! `rules` and `text` (pure rules, unit-tested), `attachments` (files on posts).

mod access;
mod actions;
pub mod attachments;
mod pages;
pub mod queries;
mod routes;
pub mod rules;
mod search;
pub mod text;
mod views;
mod write;

pub use queries::{Kind, recent_announcements, recent_threads};
pub use routes::router;
pub use rules::{EMOJIS, body_ok, title_ok};
pub use write::{create_thread, render_with};

/// What search matches a post by (the demo writes posts directly).
pub fn search_text_of(title: Option<&str>, body: &str) -> String {
    rules::search_text(title, body)
}
