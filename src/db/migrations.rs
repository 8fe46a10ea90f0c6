//! The schema, built with SeaQuery so that SQLite and PostgreSQL get the same tables from
//! the same code. Migrations run on every start; each is named by date and never edited
//! once released: a change of schema is a new migration.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ColumnDef, ForeignKey, ForeignKeyAction, Index, Table};

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(M20261122Foundation)]
    }
}

fn id() -> ColumnDef {
    ColumnDef::new("id").big_integer().not_null().auto_increment().primary_key().to_owned()
}

fn text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).string().not_null().to_owned()
}

fn text_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).string().null().to_owned()
}

/// Instants are UTC milliseconds (see docs/decisions).
fn instant(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().to_owned()
}

fn instant_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().null().to_owned()
}

fn reference(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().to_owned()
}

fn fk(
    from: (&'static str, &'static str),
    to: &'static str,
    on_delete: ForeignKeyAction,
) -> sea_orm_migration::sea_query::ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to, "id").on_delete(on_delete).to_owned()
}

struct M20261122Foundation;

impl MigrationName for M20261122Foundation {
    fn name(&self) -> &str {
        "m20261122_000001_foundation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261122Foundation {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("users")
                .col(id())
                .col(text("email").unique_key())
                .col(text("name"))
                .col(text_null("password_hash"))
                .col(text("locale"))
                .col(text("time_zone"))
                .col(ColumnDef::new("is_site_admin").boolean().not_null().default(false))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .to_owned(),
        )
        .await?;

        // Sessions and tokens hold only hashes of what the browser or the email has.
        m.create_table(
            Table::create()
                .table("sessions")
                .col(id())
                .col(text("token_hash").unique_key())
                .col(reference("user_id"))
                .col(instant("created_at"))
                .col(instant("expires_at"))
                .col(instant("last_seen_at"))
                .foreign_key(&mut fk(("sessions", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("sessions_user").table("sessions").col("user_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("password_tokens")
                .col(id())
                .col(text("token_hash").unique_key())
                .col(reference("user_id"))
                .col(text("purpose"))
                .col(instant("created_at"))
                .col(instant("expires_at"))
                .col(instant_null("used_at"))
                .foreign_key(&mut fk(("password_tokens", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("password_tokens_user").table("password_tokens").col("user_id").to_owned())
            .await?;

        // Failed sign-ins, counted per account and per address over a short window.
        m.create_table(
            Table::create()
                .table("sign_in_failures")
                .col(id())
                .col(text("email"))
                .col(text("ip"))
                .col(instant("at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("sign_in_failures_email").table("sign_in_failures").col("email").col("at").to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("sign_in_failures_ip").table("sign_in_failures").col("ip").col("at").to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("courses")
                .col(id())
                .col(text("title"))
                .col(ColumnDef::new("description").text().not_null())
                .col(text("start_date"))
                .col(text("time_zone"))
                .col(text("start_mode"))
                .col(text_null("join_code").unique_key())
                .col(ColumnDef::new("join_enabled").boolean().not_null().default(false))
                .col(ColumnDef::new("created_by").big_integer().null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("courses", "created_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("memberships")
                .col(id())
                .col(reference("course_id"))
                .col(reference("user_id"))
                .col(text("role"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("memberships", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("memberships", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("memberships_course_user")
                .table("memberships")
                .col("course_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("memberships_user").table("memberships").col("user_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("emails")
                .col(id())
                .col(text("to_address"))
                .col(ColumnDef::new("to_user_id").big_integer().null())
                .col(text("subject"))
                .col(ColumnDef::new("body_text").text().not_null())
                .col(text("status"))
                .col(ColumnDef::new("attempts").integer().not_null().default(0))
                .col(ColumnDef::new("not_before").big_integer().not_null().default(0))
                .col(ColumnDef::new("last_error").text().null())
                .col(instant("created_at"))
                .col(instant_null("sent_at"))
                .foreign_key(&mut fk(("emails", "to_user_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("emails_status").table("emails").col("status").col("id").to_owned())
            .await?;
        m.create_index(Index::create().name("emails_to").table("emails").col("to_address").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("site_settings")
                .col(ColumnDef::new("key").string().not_null().primary_key())
                .col(ColumnDef::new("value").text().not_null())
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
