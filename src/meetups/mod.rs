//! Informal meet-ups: gatherings that are not about the course (a virtual lunch, lounge
//! hours, a game night, Fun Friday). Staff plan them on the course's clock (weekly for a
//! few weeks if they like) and may let a student host; everyone but observers answers
//! yes, maybe or no and sees the faces of who is coming; saying yes emails an iCalendar
//! invitation; afterwards staff or the host write how it went. Decisions in
//! docs/decisions/0026-meetups-and-booking-turns.md.

pub mod notify;
pub mod privacy;
pub mod queries;
pub mod routes;
pub mod rules;
pub mod views;

pub use notify::register;
pub use routes::router;
