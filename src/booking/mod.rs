//! One-to-one check-ins: staff publish when they can meet (weekly windows on their own
//! clock, exceptions, length, buffers, notice, horizon, limits, a link or a place);
//! students see open slots in their own zone, book with an optional topic, cancel or
//! move up to the staff member's cut-off; group office hours are slots with several
//! places. Each change is emailed to both with an iCalendar invitation; reminders go a
//! day and an hour before; everyone has a private feed of their meetings. After the
//! meeting the staff member keeps a private note and a follow-up, and the meeting is a
//! contact in the ledger. Slot rules are the pure `homeroom-booking` crate.

pub mod ical;
pub mod notify;
pub mod queries;
pub mod routes;
pub mod rules;
pub mod views;

pub use notify::register;
pub use routes::router;
