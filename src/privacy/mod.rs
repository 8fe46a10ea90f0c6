//! The privacy registry: every table says whether it holds personal data and, if so, how
//! a person's rows are exported and erased. `tests/it/privacy.rs` lists the live schema
//! and fails on any table missing here, so a new table cannot forget about privacy.

mod erase;
mod export;
mod registry;

pub use erase::{erase_user, erase_user_and_media};
pub use export::export_user;
pub use registry::{Entry, Handling, REGISTRY, entry};
