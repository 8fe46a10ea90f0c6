//! Classmates like you (issue 12): for an isolated student, a short list of classmates
//! with similar circumstances, an overlapping day and no shared group yet, each with its
//! reasons; the tutor turns one into an introduction or a partner pairing. Students may
//! opt in to their own list, built only from what classmates show the class. Bounded per
//! request: a few fixed statements over capped candidate pools (`queries`), the rules
//! pure (`rules`). See docs/decisions/0024-classmates-like-you.md.

pub mod queries;
pub mod routes;
pub mod rules;

pub use routes::router;
