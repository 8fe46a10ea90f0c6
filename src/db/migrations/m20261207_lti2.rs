//! LTI Advantage, second batch: a deep-linking request remembered on the sign-in that
//! carried it (where to post the answer, the platform's opaque data, which LMS course),
//! the Course Groups service addresses of an LMS course, and which Homeroom group set
//! each imported LMS group set became.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ForeignKeyAction, Index, Table};

use super::{fk, id, instant, instant_null, reference, text, text_null};

pub(super) struct M20261207Lti2;

impl MigrationName for M20261207Lti2 {
    fn name(&self) -> &str {
        "m20261207_lti2"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Lti2 {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let logins = [
            ColumnDef::new("deep_link_return_url").text().null().to_owned(),
            ColumnDef::new("deep_link_data").text().null().to_owned(),
            text_null("deep_link_deployment"),
            ColumnDef::new("deep_link_context").big_integer().null().to_owned(),
            instant_null("deep_linked_at"),
        ];
        for col in logins {
            m.alter_table(Table::alter().table("lti_logins").add_column(col).to_owned()).await?;
        }
        for col in [text_null("groups_url"), text_null("group_sets_url")] {
            m.alter_table(Table::alter().table("lti_contexts").add_column(col).to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table("lti_group_sets")
                .col(id())
                .col(reference("context_id"))
                .col(text("lms_set_id"))
                .col(reference("group_set_id"))
                .col(instant("imported_at"))
                .foreign_key(&mut fk(("lti_group_sets", "context_id"), "lti_contexts", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("lti_group_sets", "group_set_id"), "group_sets", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("lti_group_sets_context_set")
                .table("lti_group_sets")
                .col("context_id")
                .col("lms_set_id")
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
