//! Homeroom's integration tests: one binary (each extra test binary costs link time),
//! every test run on SQLite and on PostgreSQL through the `both!` macro.

mod support;

mod accounts;
mod auth;
mod board;
mod budget;
mod cli;
mod courses;
mod demo;
mod email;
mod expectations;
mod groups;
mod matrix;
mod notifications;
mod ops;
mod privacy;
mod roster;
mod wiki;
