//! Homeroom's tutor-presence rules, as pure functions with no I/O: the relationship
//! radar's signals, the class graph and its drawing, "classmates like you", the outreach
//! queue, response-time figures and personalised message templates. The web app feeds
//! them facts read from the database and shows what they return; keeping the rules here
//! makes them fast to test thoroughly, and the same for every page, export and email.

pub mod graph;
pub mod like_you;
pub mod outreach;
pub mod radar;
pub mod response;
pub mod tally;
pub mod template;
