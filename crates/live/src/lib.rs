//! Homeroom's live sessions, the parts with no I/O: check-in answers grouped into a word
//! cloud and drawn as SVG, polls and mood check-ins tallied idempotently, and the rules by
//! which a (re)connecting or slow participant catches up with the session's event
//! stream. The server feeds these from the database and the sockets.

pub mod answer;
pub mod cloud;
pub mod poll;
pub mod stream;
pub mod words;
