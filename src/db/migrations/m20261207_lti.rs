//! LTI 1.3: the tool's own signing keys, the platforms (LMSs) an admin registered, the
//! sign-ins they started (state and nonce, checked once), the LMS courses ("contexts")
//! and which Homeroom course each is linked to, and which LMS person is which account.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ForeignKeyAction, Index, Table};

use super::{fk, id, instant, instant_null, reference, text, text_null};

pub(super) struct M20261207Lti;

impl MigrationName for M20261207Lti {
    fn name(&self) -> &str {
        "m20261207_lti"
    }
}

fn reference_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().null().to_owned()
}

fn long_text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().not_null().to_owned()
}

fn long_text_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for M20261207Lti {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // The tool's RSA keys: the newest unretired one signs; all are published until
        // retired, so a platform that cached the old key keeps verifying.
        m.create_table(
            Table::create()
                .table("lti_keys")
                .col(id())
                .col(text("kid").unique_key())
                .col(long_text("private_pem"))
                .col(text("public_n"))
                .col(text("public_e"))
                .col(instant("created_at"))
                .col(instant_null("retired_at"))
                .to_owned(),
        )
        .await?;

        // A platform registered by hand (or by dynamic registration). `deployments` is one
        // deployment id per line. The platform's JWKS is cached here so every replica
        // shares it; it is fetched again when a token names a key it lacks.
        m.create_table(
            Table::create()
                .table("lti_platforms")
                .col(id())
                .col(text("name"))
                .col(text("issuer"))
                .col(text("client_id"))
                .col(text("auth_url"))
                .col(text("token_url"))
                .col(text("jwks_url"))
                .col(long_text("deployments"))
                .col(long_text_null("jwks_cache"))
                .col(instant_null("jwks_fetched_at"))
                .col(instant("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("lti_platforms_issuer_client")
                .table("lti_platforms")
                .col("issuer")
                .col("client_id")
                .unique()
                .to_owned(),
        )
        .await?;

        // One row per sign-in the platform started: the state's digest (the state itself
        // travels signed in the URL, never in a cookie set inside the LMS's frame), the
        // nonce the token must carry, and when the launch used it (once only). After the
        // launch, a one-time hand-off code lets a framed launch continue in a new window.
        m.create_table(
            Table::create()
                .table("lti_logins")
                .col(id())
                .col(reference("platform_id"))
                .col(text("state_hash").unique_key())
                .col(text("nonce"))
                .col(text_null("target_link_uri"))
                .col(instant("created_at"))
                .col(instant("expires_at"))
                .col(instant_null("used_at"))
                .col(reference_null("user_id"))
                .col(text_null("next_path"))
                .col(text_null("handoff_hash"))
                .col(instant_null("handed_off_at"))
                .foreign_key(&mut fk(("lti_logins", "platform_id"), "lti_platforms", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("lti_logins", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("lti_logins_expires").table("lti_logins").col("expires_at").to_owned())
            .await?;
        m.create_index(Index::create().name("lti_logins_handoff").table("lti_logins").col("handoff_hash").to_owned())
            .await?;

        // An LMS course. Unlinked (`course_id` null) until an instructor links it to a
        // Homeroom course or creates one; `instructor_id` is the last instructor who
        // launched into it unlinked, the one person who may link it.
        m.create_table(
            Table::create()
                .table("lti_contexts")
                .col(id())
                .col(reference("platform_id"))
                .col(text("context_id"))
                .col(text("title"))
                .col(reference_null("course_id"))
                .col(reference_null("instructor_id"))
                .col(text_null("memberships_url"))
                .col(instant("created_at"))
                .col(instant_null("synced_at"))
                .foreign_key(&mut fk(("lti_contexts", "platform_id"), "lti_platforms", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("lti_contexts", "course_id"), "courses", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk(("lti_contexts", "instructor_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("lti_contexts_platform_context")
                .table("lti_contexts")
                .col("platform_id")
                .col("context_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("lti_contexts_course").table("lti_contexts").col("course_id").to_owned())
            .await?;

        // Which account an LMS person (`sub` of a platform) is.
        m.create_table(
            Table::create()
                .table("lti_accounts")
                .col(id())
                .col(reference("platform_id"))
                .col(text("subject"))
                .col(reference("user_id"))
                .col(instant("created_at"))
                .col(instant_null("launched_at"))
                .foreign_key(&mut fk(("lti_accounts", "platform_id"), "lti_platforms", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("lti_accounts", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("lti_accounts_platform_subject")
                .table("lti_accounts")
                .col("platform_id")
                .col("subject")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("lti_accounts_user").table("lti_accounts").col("user_id").to_owned())
            .await?;
        Ok(())
    }
}
