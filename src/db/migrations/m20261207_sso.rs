//! Single sign-on with OpenID Connect: the sign-ins in progress (state, nonce and PKCE
//! verifier kept on the server, checked once) and which identity-provider person
//! (issuer + subject) is which account.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ForeignKeyAction, Index, Table};

use super::{fk, id, instant, instant_null, reference, text};

pub(super) struct M20261207Sso;

impl MigrationName for M20261207Sso {
    fn name(&self) -> &str {
        "m20261207_sso"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Sso {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // The state's digest only: the state itself is in the browser's cookie and the
        // provider's redirect, so a copy of this table cannot finish anyone's sign-in.
        m.create_table(
            Table::create()
                .table("sso_attempts")
                .col(id())
                .col(text("state_hash").unique_key())
                .col(text("provider"))
                .col(text("nonce"))
                .col(text("verifier"))
                .col(text("next"))
                .col(instant("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("sso_attempts_created").table("sso_attempts").col("created_at").to_owned())
            .await?;

        m.create_table(
            Table::create()
                .table("sso_identities")
                .col(id())
                .col(reference("user_id"))
                .col(text("issuer"))
                .col(text("subject"))
                .col(text("email"))
                .col(instant("created_at"))
                .col(instant_null("signed_in_at"))
                .foreign_key(&mut fk(("sso_identities", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("sso_identities_issuer_subject")
                .table("sso_identities")
                .col("issuer")
                .col("subject")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("sso_identities_user").table("sso_identities").col("user_id").to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("sso_identities").to_owned()).await?;
        m.drop_table(Table::drop().table("sso_attempts").to_owned()).await
    }
}
