//! Homeroom's integration tests: one binary (each extra test binary costs link time),
//! every test run on SQLite and on PostgreSQL through the `both!` macro.

mod abuse;
mod accounts;
mod admin;
mod attack;

mod auth;
mod board;
mod budget;
mod classdir;
mod cli;
mod courses;
mod demo;
mod email;
mod expectations;
mod forum;
mod forum_scale;
mod groups;
mod groups_scale;
mod housekeeping;
mod kit;
mod lists;
mod live;
mod live_burst;
mod matrix;
mod media;
mod messages;
mod notifications;
mod notify;
mod ops;
mod privacy;
mod profiles;
mod query_budget;
mod recognition;
mod roster;
mod routine;
mod support;
mod survey;
mod wiki;
// Attachments and the course files area.
mod attachments;
mod files;

/// Ids from a query selecting `id` (shared by the Homebase tests).
pub async fn social_ids(app: &support::TestApp, sql: &str) -> Vec<i64> {
    use sea_orm::ConnectionTrait;
    app.db()
        .query_all_raw(sea_orm::Statement::from_string(app.db().get_database_backend(), sql.to_string()))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<i64>("", "id").unwrap())
        .collect()
}
// Collage.
mod collage;
mod feed;
mod schedule;
// Tutor presence: the contact ledger and the radar.
mod like_you;
mod outreach;
mod radar;
// Personalised messages.
mod feedback;
mod personal;
// Browser defences, redirects, CSRF, exposure.
mod lti;
mod lti_advantage;
mod lti_breakouts;
mod security;
mod sso;
mod takeover;
mod trust;
mod trust2;
// One-to-one check-ins.
mod booking;
// Informal meet-ups.
mod meetups;
// The tutor's weekly message.
mod weekly;
