//! When each course's radar was last computed (issue 12, decision 0040). The refresh now
//! writes only the rows whose facts changed, so a row's own time says when it last
//! changed, not when the figures were checked; the radar page says the latter from here.

use sea_orm_migration::prelude::*;

pub(super) struct M20261207RadarRefreshes;

impl MigrationName for M20261207RadarRefreshes {
    fn name(&self) -> &str {
        "m20261207_000005_radar_refreshes"
    }
}

const TABLES: &[&str] = &["CREATE TABLE radar_refreshes (\
     course_id BIGINT NOT NULL PRIMARY KEY REFERENCES courses (id) ON DELETE CASCADE, \
     refreshed_at BIGINT NOT NULL, \
     students BIGINT NOT NULL)"];

#[async_trait::async_trait]
impl MigrationTrait for M20261207RadarRefreshes {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        super::with_triggers(m, TABLES, &[], &[]).await
    }
}
