//! Lists at class scale: when each member was last active in a course (the members page
//! sorts by it), and the indexes the paged lists seek in.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ColumnDef, Index, Table};

pub(super) struct M20261206ScaleLists;

impl MigrationName for M20261206ScaleLists {
    fn name(&self) -> &str {
        "m20261206_scale_lists"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261206ScaleLists {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // 0 means "not seen since this was recorded": such members sort last, and a
        // NOT NULL key keeps the keyset condition simple on both databases.
        m.alter_table(
            Table::alter()
                .table("memberships")
                .add_column(ColumnDef::new("last_seen_at").big_integer().not_null().default(0))
                .to_owned(),
        )
        .await?;
        let indexes = [
            ("memberships_course_seen", "memberships", ["course_id", "last_seen_at"]),
            ("introductions_course_created", "introductions", ["course_id", "created_at"]),
            ("conversations_course_last", "conversations", ["course_id", "last_message_at"]),
        ];
        for (name, table, cols) in indexes {
            let mut idx = Index::create().name(name).table(table).if_not_exists().to_owned();
            for c in cols {
                idx.col(c);
            }
            m.create_index(idx).await?;
        }
        Ok(())
    }
}
