//! The tables, one file each, as SeaORM entities. The schema itself is created by
//! `db::migrations`; `privacy.rs` says how each table's personal data is exported and erased.

pub mod course;
pub mod email;
pub mod membership;
pub mod password_token;
pub mod session;
pub mod sign_in_failure;
pub mod site_setting;
pub mod user;
