//! Live sessions (#14): a tutor plans a session (title, time, video link, an agenda of
//! steps), starts it, and runs the steps (check-in with a word cloud, mood check-in,
//! poll, breakouts, back together) on every participant's screen at once. The database is the
//! source of truth; `hub` fans events out over one WebSocket per participant (`socket`)
//! and, with `--nats-url`, between replicas. The pure rules are in `homeroom-live`.

pub mod answer_writer;
pub mod breakout_routes;
pub mod breakouts;
pub mod demo;
pub mod hub;
pub mod planner;
pub mod privacy;
pub mod queries;
pub mod rooms;
pub mod routes;
pub mod rules;
pub mod socket;
pub mod state;
pub mod views;

pub use hub::Hub;
pub use routes::router;
