//! The radar at 10,000 students (issue 12, decision 0039): each student's latest contact
//! is found through an index rather than by numbering the course's whole ledger, and the
//! radar page's "longest since contact" and "longest since activity" sorts walk an index
//! and stop at the page instead of sorting the class on every view; a signal filter is
//! judged inside the index.

use sea_orm_migration::prelude::*;

pub(super) struct M20261207RadarReads;

impl MigrationName for M20261207RadarReads {
    fn name(&self) -> &str {
        "m20261207_000004_radar_reads"
    }
}

/// Each sort's index ends with the signals, so a filtered view ("isolated", sorted by
/// name) tests each row in the index and reads from the table only the rows it shows.
/// The name sort's index gets a new name: the migration's statements may run on
/// different pooled connections, and SQLite checks a new index's name against the
/// connection's cached schema before it notices the drop made on another.
const TABLES: &[&str] = &[
    "CREATE INDEX contacts_latest ON contacts (course_id, student_id, at, id)",
    "DROP INDEX radar_rows_name",
    "CREATE INDEX radar_rows_by_name ON radar_rows (course_id, name, student_id, signal_keys)",
    "CREATE INDEX radar_rows_contact ON radar_rows (course_id, last_contact_at, student_id, signal_keys)",
    "CREATE INDEX radar_rows_activity ON radar_rows (course_id, last_activity_at, student_id, signal_keys)",
];

#[async_trait::async_trait]
impl MigrationTrait for M20261207RadarReads {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        super::with_triggers(m, TABLES, &[], &[]).await
    }
}
