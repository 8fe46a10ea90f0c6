//! Accounts that cannot be taken over: addresses confirmed before an account made by a
//! join link can do anything, email changes confirmed by the new address, sessions that
//! say which device they are, and two-factor sign-in (TOTP with recovery codes).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ColumnDef, ForeignKeyAction, Index, Table};

use super::{fk, id, instant, instant_null, reference, text, text_null};

pub(super) struct M20261206Accounts;

impl MigrationName for M20261206Accounts {
    fn name(&self) -> &str {
        "m20261206_accounts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261206Accounts {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Made through a join link and the address not yet proved. Everyone before this
        // migration counts as confirmed (they signed in with it or were invited to it).
        m.alter_table(
            Table::alter()
                .table("users")
                .add_column(ColumnDef::new("unconfirmed").boolean().not_null().default(false))
                .to_owned(),
        )
        .await?;
        // SQLite adds one column per ALTER.
        m.alter_table(Table::alter().table("sessions").add_column(text_null("user_agent")).to_owned()).await?;
        m.alter_table(Table::alter().table("sessions").add_column(text_null("ip")).to_owned()).await?;

        // A link sent to an address to prove it: "join" (an account made by a join link)
        // or "change" (a new address for an existing account). Only the token's hash.
        m.create_table(
            Table::create()
                .table("email_confirmations")
                .col(id())
                .col(text("token_hash").unique_key())
                .col(reference("user_id"))
                .col(text("purpose"))
                .col(text("email"))
                .col(instant("created_at"))
                .col(instant("expires_at"))
                .col(instant_null("used_at"))
                .foreign_key(&mut fk(("email_confirmations", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("email_confirmations_user").table("email_confirmations").col("user_id").to_owned(),
        )
        .await?;

        // A person's TOTP seed; `enabled_at` is null while they are setting it up.
        // `last_step` is the last time step accepted, so a code works only once.
        m.create_table(
            Table::create()
                .table("two_factors")
                .col(ColumnDef::new("user_id").big_integer().not_null().primary_key())
                .col(text("secret"))
                .col(instant_null("enabled_at"))
                .col(ColumnDef::new("last_step").big_integer().not_null().default(0))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("two_factors", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("recovery_codes")
                .col(id())
                .col(reference("user_id"))
                .col(text("code_hash"))
                .col(instant_null("used_at"))
                .foreign_key(&mut fk(("recovery_codes", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("recovery_codes_user").table("recovery_codes").col("user_id").to_owned())
            .await?;
        // Between the password and the code: short-lived, server-side, counted.
        m.create_table(
            Table::create()
                .table("two_factor_challenges")
                .col(id())
                .col(text("token_hash").unique_key())
                .col(reference("user_id"))
                .col(text("next"))
                .col(ColumnDef::new("attempts").integer().not_null().default(0))
                .col(instant("created_at"))
                .col(instant("expires_at"))
                .foreign_key(&mut fk(("two_factor_challenges", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
