//! The schema, built with SeaQuery so that SQLite and PostgreSQL get the same tables from
//! the same code. Migrations run on every start; each is named by date and never edited
//! once released: a change of schema is a new migration.
//!
//! One file per batch of migrations (`m202611.rs`: the first releases; later work adds
//! a file of its own and one line to the list below), sharing the column helpers here.

mod m202611;
mod m20261206_accounts;
mod m20261206_membership_state;
mod m20261206_radar;
mod m20261206_scale_budget;
mod m20261206_scale_forum;
mod m20261206_scale_lists;
mod m20261206_sec_abuse;
mod m20261206_sec_web;
mod m20261206_trust_admin;
mod m20261206_trust_ux;
mod m20261207_board;
mod m20261207_breakouts;
mod m20261207_classdir;
mod m20261207_feedback;
mod m20261207_human;
mod m20261207_kit;
mod m20261207_like_you;
mod m20261207_live;
mod m20261207_lti;
mod m20261207_lti2;
mod m20261207_lti3;
mod m20261207_media_trash;
mod m20261207_meetup_photos;
mod m20261207_meetups;
mod m20261207_notify;
mod m20261207_outreach;
mod m20261207_personal;
mod m20261207_radar_pairs;
mod m20261207_radar_reads;
mod m20261207_radar_refreshes;
mod m20261207_sso;
mod m20261207_trust2;
mod m20261207_weekly;

use m202611::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ColumnDef, ForeignKey, ForeignKeyAction};

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(M20261122Foundation),
            Box::new(M20261122Groups),
            Box::new(M20261122Wiki),
            Box::new(M20261122TimeBudget),
            Box::new(M20261122Expectations),
            Box::new(M20261122Board),
            Box::new(M20261123Notifications),
            Box::new(M20261123Survey),
            Box::new(M20261123Forum),
            Box::new(M20261123Profiles),
            Box::new(M20261123Social),
            Box::new(M20261123Jobs),
            Box::new(M20261123Collage),
            Box::new(M20261123Files),
            Box::new(M20261123Indexes),
            Box::new(M20261123Schedule),
            Box::new(m20261206_membership_state::M20261206MembershipState),
            Box::new(m20261206_sec_web::M20261206SiteSecrets),
            Box::new(m20261206_sec_abuse::M20261206RateCounters),
            Box::new(m20261206_scale_budget::M20261206ScaleBudget),
            Box::new(m20261206_scale_forum::M20261206ScaleForum),
            Box::new(m20261206_accounts::M20261206Accounts),
            Box::new(m20261206_trust_admin::M20261206TrustAdmin),
            Box::new(m20261206_scale_lists::M20261206ScaleLists),
            Box::new(m20261206_trust_ux::M20261206TrustUx),
            Box::new(m20261206_radar::M20261206Radar),
            Box::new(m20261207_notify::M20261207Notify),
            Box::new(m20261207_lti::M20261207Lti),
            Box::new(m20261207_trust2::M20261207Trust2),
            Box::new(m20261207_human::Migration),
            Box::new(m20261207_outreach::Migration),
            Box::new(m20261207_live::M20261207Live),
            Box::new(m20261207_breakouts::M20261207Breakouts),
            Box::new(m20261207_personal::M20261207Personal),
            Box::new(m20261207_feedback::M20261207Feedback),
            Box::new(m20261207_sso::M20261207Sso),
            Box::new(m20261207_lti2::M20261207Lti2),
            Box::new(m20261207_like_you::M20261207LikeYou),
            Box::new(m20261207_meetups::M20261207Meetups),
            Box::new(m20261207_weekly::M20261207Weekly),
            Box::new(m20261207_lti3::M20261207Lti3),
            Box::new(m20261207_media_trash::M20261207MediaTrash),
            Box::new(m20261207_meetup_photos::M20261207MeetupPhotos),
            Box::new(m20261207_classdir::M20261207Classdir),
            Box::new(m20261207_kit::M20261207Kit),
            Box::new(m20261207_radar_pairs::M20261207RadarPairs),
            Box::new(m20261207_board::M20261207Board),
            Box::new(m20261207_radar_reads::M20261207RadarReads),
            Box::new(m20261207_radar_refreshes::M20261207RadarRefreshes),
        ]
    }
}

/// Run a batch's tables, then the trigger set of the database in use (SQLite and
/// PostgreSQL write triggers differently).
pub(crate) async fn with_triggers(
    m: &SchemaManager<'_>,
    tables: &[&str],
    sqlite: &[&str],
    postgres: &[&str],
) -> Result<(), DbErr> {
    let db = m.get_connection();
    let triggers = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => postgres,
        _ => sqlite,
    };
    for sql in tables.iter().chain(triggers) {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

pub(crate) fn id() -> ColumnDef {
    ColumnDef::new("id").big_integer().not_null().auto_increment().primary_key().to_owned()
}

pub(crate) fn text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).string().not_null().to_owned()
}

pub(crate) fn text_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).string().null().to_owned()
}

/// Instants are UTC milliseconds (see docs/decisions).
pub(crate) fn instant(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().to_owned()
}

pub(crate) fn instant_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().null().to_owned()
}

pub(crate) fn reference(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().to_owned()
}

pub(crate) fn fk(
    from: (&'static str, &'static str),
    to: &'static str,
    on_delete: ForeignKeyAction,
) -> sea_orm_migration::sea_query::ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to, "id").on_delete(on_delete).to_owned()
}
