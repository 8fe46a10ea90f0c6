//! Recordings know how long they play (`media.duration_ms`, filled when a browser
//! recording is made seekable on upload), and @mentions in posts lead to the person's
//! profile: posts already written get the new link too.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::Table;

use super::instant_null;

pub(super) struct M20261207Trust2;

impl MigrationName for M20261207Trust2 {
    fn name(&self) -> &str {
        "m20261207_trust2"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Trust2 {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Milliseconds; NULL for pictures, files and recordings from before.
        m.alter_table(Table::alter().table("media").add_column(instant_null("duration_ms")).to_owned()).await?;
        // A mention was a link to the person's posts (`/courses/1/spaces/search?author=2`);
        // it is now their profile (`/courses/1/people/2`). Same course, same person.
        m.get_connection()
            .execute_unprepared(
                "UPDATE forum_posts SET body_html = REPLACE(body_html, '/spaces/search?author=', '/people/') \
                 WHERE body_html LIKE '%/spaces/search?author=%'",
            )
            .await?;
        Ok(())
    }
}
