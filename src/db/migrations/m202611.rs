//! The first releases' schema: accounts, courses, groups, the getting-to-know tools, the
//! homebase and the job queue.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::{ColumnDef, ForeignKeyAction, Index, Table};

use super::*;

pub(super) struct M20261122Foundation;

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

/// Group sets (breakout rounds, peer partners, project groups), their rounds, groups and
/// members; weekly reflection check-ins; project group spaces; and the first profile
/// fields that group planning uses.
pub(super) struct M20261122Groups;

impl MigrationName for M20261122Groups {
    fn name(&self) -> &str {
        "m20261122_000002_groups"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261122Groups {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One row per person; organisation is shown to the class, circumstances and
        // birthday only to tutors. Issue 3 grows this into the full profile.
        m.create_table(
            Table::create()
                .table("profiles")
                .col(ColumnDef::new("user_id").big_integer().not_null().primary_key())
                .col(text("organisation"))
                .col(text("circumstances"))
                .col(text_null("birthday"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("profiles", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("group_sets")
                .col(id())
                .col(reference("course_id"))
                .col(text("kind"))
                .col(text("title"))
                .col(text("status"))
                .col(ColumnDef::new("settings").text().not_null())
                .col(ColumnDef::new("report").text().not_null())
                .col(ColumnDef::new("created_by").big_integer().null())
                .col(instant("created_at"))
                .col(instant_null("published_at"))
                .foreign_key(&mut fk(("group_sets", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("group_sets", "created_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("group_sets_course").table("group_sets").col("course_id").to_owned())
            .await?;

        m.create_table(
            Table::create()
                .table("group_rounds")
                .col(id())
                .col(reference("group_set_id"))
                .col(ColumnDef::new("number").integer().not_null())
                .col(ColumnDef::new("prompt").text().not_null())
                .foreign_key(&mut fk(("group_rounds", "group_set_id"), "group_sets", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("group_rounds_set")
                .table("group_rounds")
                .col("group_set_id")
                .col("number")
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("course_groups")
                .col(id())
                .col(reference("round_id"))
                .col(ColumnDef::new("number").integer().not_null())
                .col(ColumnDef::new("facilitator_id").big_integer().null())
                .foreign_key(&mut fk(("course_groups", "round_id"), "group_rounds", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("course_groups", "facilitator_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("course_groups_round").table("course_groups").col("round_id").to_owned())
            .await?;

        m.create_table(
            Table::create()
                .table("group_members")
                .col(id())
                .col(reference("group_id"))
                .col(reference("user_id"))
                .foreign_key(&mut fk(("group_members", "group_id"), "course_groups", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("group_members", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("group_members_group_user")
                .table("group_members")
                .col("group_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("group_members_user").table("group_members").col("user_id").to_owned())
            .await?;

        // Weekly reflection check-ins: a prompt for a group set; each member writes an
        // entry, their group reads it and replies; the tutor sees who took part.
        m.create_table(
            Table::create()
                .table("checkins")
                .col(id())
                .col(reference("group_set_id"))
                .col(text("title"))
                .col(ColumnDef::new("prompt").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("checkins", "group_set_id"), "group_sets", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("checkin_entries")
                .col(id())
                .col(reference("checkin_id"))
                .col(reference("user_id"))
                .col(ColumnDef::new("body").text().not_null())
                .col(ColumnDef::new("shared_with_tutors").boolean().not_null().default(false))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("checkin_entries", "checkin_id"), "checkins", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("checkin_entries", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("checkin_entries_checkin_user")
                .table("checkin_entries")
                .col("checkin_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("checkin_replies")
                .col(id())
                .col(reference("entry_id"))
                .col(reference("user_id"))
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("checkin_replies", "entry_id"), "checkin_entries", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("checkin_replies", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        // A project group's own small space: threads (no parent) and their replies.
        m.create_table(
            Table::create()
                .table("group_posts")
                .col(id())
                .col(reference("group_id"))
                .col(reference("user_id"))
                .col(ColumnDef::new("parent_id").big_integer().null())
                .col(text("title"))
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("group_posts", "group_id"), "course_groups", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("group_posts", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("group_posts", "parent_id"), "group_posts", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("group_posts_group").table("group_posts").col("group_id").to_owned())
            .await?;
        Ok(())
    }
}

/// The "About the class" wiki: pages every member can edit, with full revision history.
pub(super) struct M20261122Wiki;

impl MigrationName for M20261122Wiki {
    fn name(&self) -> &str {
        "m20261122_000003_wiki"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261122Wiki {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("wiki_pages")
                .col(id())
                .col(reference("course_id"))
                .col(text("slug"))
                .col(text("title"))
                .col(ColumnDef::new("body").text().not_null())
                // The number of the latest revision: a save names the one it started
                // from, and a mismatch is a conflict, not a lost edit.
                .col(ColumnDef::new("revision").integer().not_null())
                .col(ColumnDef::new("locked").boolean().not_null().default(false))
                .col(ColumnDef::new("updated_by").big_integer().null())
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("wiki_pages", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("wiki_pages", "updated_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("wiki_pages_course_slug")
                .table("wiki_pages")
                .col("course_id")
                .col("slug")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("wiki_revisions")
                .col(id())
                .col(reference("page_id"))
                .col(ColumnDef::new("number").integer().not_null())
                .col(text("title"))
                .col(ColumnDef::new("body").text().not_null())
                .col(ColumnDef::new("author_id").big_integer().null())
                .col(text("note"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("wiki_revisions", "page_id"), "wiki_pages", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("wiki_revisions", "author_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("wiki_revisions_page")
                .table("wiki_revisions")
                .col("page_id")
                .col("number")
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

/// The time budget: the course's list of activities and each student's weekly plan.
pub(super) struct M20261122TimeBudget;

impl MigrationName for M20261122TimeBudget {
    fn name(&self) -> &str {
        "m20261122_000004_time_budget"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261122TimeBudget {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("budget_activities")
                .col(id())
                .col(reference("course_id"))
                .col(text("name"))
                .col(ColumnDef::new("position").integer().not_null())
                .foreign_key(&mut fk(("budget_activities", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("budget_activities_course_name")
                .table("budget_activities")
                .col("course_id")
                .col("name")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("budget_entries")
                .col(id())
                .col(reference("activity_id"))
                .col(reference("user_id"))
                // Tenths of an hour, so 1.5 hours is 15: exact on both databases.
                .col(ColumnDef::new("tenths").integer().not_null())
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("budget_entries", "activity_id"), "budget_activities", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("budget_entries", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("budget_entries_activity_user")
                .table("budget_entries")
                .col("activity_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

/// The tutor's written expectations of the course, and who has read which version.
pub(super) struct M20261122Expectations;

impl MigrationName for M20261122Expectations {
    fn name(&self) -> &str {
        "m20261122_000005_expectations"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261122Expectations {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("expectations")
                .col(ColumnDef::new("course_id").big_integer().not_null().primary_key())
                .col(ColumnDef::new("body").text().not_null())
                .col(ColumnDef::new("version").integer().not_null())
                .col(ColumnDef::new("updated_by").big_integer().null())
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("expectations", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("expectations", "updated_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("expectation_reads")
                .col(id())
                .col(reference("course_id"))
                .col(reference("user_id"))
                .col(ColumnDef::new("version").integer().not_null())
                .col(instant("read_at"))
                .foreign_key(&mut fk(("expectation_reads", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("expectation_reads", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("expectation_reads_course_user")
                .table("expectation_reads")
                .col("course_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

/// The expectations board: sticky notes in columns, with "+1"s.
pub(super) struct M20261122Board;

impl MigrationName for M20261122Board {
    fn name(&self) -> &str {
        "m20261122_000006_board"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261122Board {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("board_columns")
                .col(id())
                .col(reference("course_id"))
                .col(text("title"))
                .col(ColumnDef::new("position").integer().not_null())
                .foreign_key(&mut fk(("board_columns", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("board_columns_course_title")
                .table("board_columns")
                .col("course_id")
                .col("title")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("board_notes")
                .col(id())
                .col(reference("column_id"))
                .col(reference("user_id"))
                .col(ColumnDef::new("body").text().not_null())
                .col(text("colour"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("board_notes", "column_id"), "board_columns", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("board_notes", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("board_notes_column").table("board_notes").col("column_id").to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table("board_votes")
                .col(id())
                .col(reference("note_id"))
                .col(reference("user_id"))
                .foreign_key(&mut fk(("board_votes", "note_id"), "board_notes", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("board_votes", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("board_votes_note_user")
                .table("board_votes")
                .col("note_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

pub(super) struct M20261123Notifications;

impl MigrationName for M20261123Notifications {
    fn name(&self) -> &str {
        "m20261123_000009_notifications"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Notifications {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("notifications")
                .col(id())
                .col(reference("user_id"))
                .col(ColumnDef::new("course_id").big_integer().null())
                .col(text("kind"))
                .col(ColumnDef::new("actor_id").big_integer().null())
                .col(text("subject"))
                .col(text("link"))
                .col(instant("created_at"))
                .col(instant_null("read_at"))
                .col(instant_null("emailed_at"))
                .foreign_key(&mut fk(("notifications", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("notifications", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("notifications", "actor_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        // The centre lists a person's newest first and counts the unread.
        m.create_index(
            Index::create()
                .name("notifications_user_created")
                .table("notifications")
                .col("user_id")
                .col("created_at")
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

/// The start-of-course survey: one per course, its questions, and each student's
/// response with its answers.
pub(super) struct M20261123Survey;

impl MigrationName for M20261123Survey {
    fn name(&self) -> &str {
        "m20261123_000008_survey"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Survey {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("surveys")
                .col(id())
                .col(reference("course_id").unique_key())
                .col(text("title"))
                .col(ColumnDef::new("intro").text().not_null())
                .col(ColumnDef::new("published").boolean().not_null().default(false))
                .col(instant_null("opens_at"))
                .col(instant_null("closes_at"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("surveys", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("survey_questions")
                .col(id())
                .col(reference("survey_id"))
                .col(text("key"))
                .col(text("kind"))
                .col(ColumnDef::new("prompt").text().not_null())
                .col(ColumnDef::new("help").text().not_null())
                .col(ColumnDef::new("options").text().not_null())
                .col(ColumnDef::new("required").boolean().not_null())
                .col(text_null("profile_field"))
                .col(ColumnDef::new("position").integer().not_null())
                .foreign_key(&mut fk(("survey_questions", "survey_id"), "surveys", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("survey_questions_survey_key")
                .table("survey_questions")
                .col("survey_id")
                .col("key")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("survey_responses")
                .col(id())
                .col(reference("survey_id"))
                .col(reference("user_id"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("survey_responses", "survey_id"), "surveys", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("survey_responses", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("survey_responses_survey_user")
                .table("survey_responses")
                .col("survey_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("survey_answers")
                .col(id())
                .col(reference("response_id"))
                .col(reference("question_id"))
                .col(ColumnDef::new("value").text().not_null())
                .col(ColumnDef::new("on_profile").boolean().not_null().default(false))
                .foreign_key(&mut fk(("survey_answers", "response_id"), "survey_responses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("survey_answers", "question_id"), "survey_questions", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("survey_answers_response_question")
                .table("survey_answers")
                .col("response_id")
                .col("question_id")
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

/// The course forum: spaces, threads, posts with one level of replies, edit history,
/// reactions, mentions, read markers, reports, and the follow-up question starters.
pub(super) struct M20261123Forum;

impl MigrationName for M20261123Forum {
    fn name(&self) -> &str {
        "m20261123_000010_forum"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Forum {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("forum_spaces")
                .col(id())
                .col(reference("course_id"))
                .col(text("kind"))
                .col(text("title"))
                .col(ColumnDef::new("about").text().not_null())
                .col(ColumnDef::new("position").integer().not_null())
                .col(ColumnDef::new("archived").boolean().not_null().default(false))
                // Which default space this is ("introductions", ...), so lazily made
                // defaults are made once per course.
                .col(text_null("default_key"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("forum_spaces", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("forum_spaces_course_default")
                .table("forum_spaces")
                .col("course_id")
                .col("default_key")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_threads")
                .col(id())
                .col(reference("space_id"))
                .col(reference("course_id"))
                .col(ColumnDef::new("author_id").big_integer().null())
                .col(text("title"))
                .col(ColumnDef::new("pinned").boolean().not_null().default(false))
                .col(ColumnDef::new("locked").boolean().not_null().default(false))
                .col(ColumnDef::new("answer_post_id").big_integer().null())
                .col(ColumnDef::new("reply_count").integer().not_null().default(0))
                .col(instant("created_at"))
                .col(instant("last_post_at"))
                .foreign_key(&mut fk(("forum_threads", "space_id"), "forum_spaces", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_threads", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_threads", "author_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("forum_threads_space")
                .table("forum_threads")
                .col("space_id")
                .col("last_post_at")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("forum_threads_course")
                .table("forum_threads")
                .col("course_id")
                .col("created_at")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_posts")
                .col(id())
                .col(reference("thread_id"))
                .col(reference("course_id"))
                // The reply this one is under; NULL for the opening post and replies
                // to the thread itself.
                .col(ColumnDef::new("parent_id").big_integer().null())
                .col(ColumnDef::new("opening").boolean().not_null().default(false))
                .col(ColumnDef::new("author_id").big_integer().null())
                .col(ColumnDef::new("body").text().not_null())
                .col(ColumnDef::new("body_html").text().not_null())
                // Lower-cased title and body, so search matches the same way on both
                // databases whatever their collation does with "Ø".
                .col(ColumnDef::new("search_text").text().not_null())
                .col(instant("created_at"))
                .col(instant_null("edited_at"))
                .col(instant_null("deleted_at"))
                .col(instant_null("hidden_at"))
                .col(text_null("hidden_reason"))
                .col(ColumnDef::new("hidden_by").big_integer().null())
                .foreign_key(&mut fk(("forum_posts", "thread_id"), "forum_threads", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_posts", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_posts", "author_id"), "users", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk(("forum_posts", "hidden_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("forum_posts_thread").table("forum_posts").col("thread_id").col("id").to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("forum_posts_course").table("forum_posts").col("course_id").col("id").to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_post_revisions")
                .col(id())
                .col(reference("post_id"))
                .col(ColumnDef::new("author_id").big_integer().null())
                .col(ColumnDef::new("body").text().not_null())
                // When this version was written (it was replaced later).
                .col(instant("created_at"))
                .foreign_key(&mut fk(("forum_post_revisions", "post_id"), "forum_posts", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_post_revisions", "author_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("forum_post_revisions_post").table("forum_post_revisions").col("post_id").to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_reactions")
                .col(id())
                .col(reference("post_id"))
                .col(reference("user_id"))
                .col(text("emoji"))
                .foreign_key(&mut fk(("forum_reactions", "post_id"), "forum_posts", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_reactions", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("forum_reactions_post_user_emoji")
                .table("forum_reactions")
                .col("post_id")
                .col("user_id")
                .col("emoji")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_mentions")
                .col(id())
                .col(reference("post_id"))
                .col(reference("user_id"))
                .foreign_key(&mut fk(("forum_mentions", "post_id"), "forum_posts", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_mentions", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("forum_mentions_post_user")
                .table("forum_mentions")
                .col("post_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_reads")
                .col(id())
                .col(reference("thread_id"))
                .col(reference("user_id"))
                .col(reference("last_post_id"))
                .foreign_key(&mut fk(("forum_reads", "thread_id"), "forum_threads", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_reads", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("forum_reads_thread_user")
                .table("forum_reads")
                .col("thread_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        // "Mark all read": everything up to this post id in the course counts as read.
        m.create_table(
            Table::create()
                .table("forum_course_reads")
                .col(id())
                .col(reference("course_id"))
                .col(reference("user_id"))
                .col(reference("last_post_id"))
                .foreign_key(&mut fk(("forum_course_reads", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_course_reads", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("forum_course_reads_course_user")
                .table("forum_course_reads")
                .col("course_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_reports")
                .col(id())
                .col(reference("post_id"))
                .col(reference("course_id"))
                .col(reference("reporter_id"))
                .col(ColumnDef::new("reason").text().not_null())
                // "open", "dismissed" or "hidden".
                .col(text("status"))
                .col(instant("created_at"))
                .col(ColumnDef::new("resolved_by").big_integer().null())
                .col(instant_null("resolved_at"))
                .foreign_key(&mut fk(("forum_reports", "post_id"), "forum_posts", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_reports", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_reports", "reporter_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_reports", "resolved_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("forum_reports_course_status")
                .table("forum_reports")
                .col("course_id")
                .col("status")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("forum_prompts")
                .col(id())
                .col(reference("course_id"))
                // One question starter per line.
                .col(ColumnDef::new("body").text().not_null())
                .foreign_key(&mut fk(("forum_prompts", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("forum_prompts_course").table("forum_prompts").col("course_id").unique().to_owned(),
        )
        .await?;
        Ok(())
    }
}

/// Issue 3, getting to know each other: stored media (photos, voice and video clips),
/// the full profile next to the first fields in `profiles`, and introductions with
/// their welcomes and the tutor's nudges.
pub(super) struct M20261123Profiles;

impl MigrationName for M20261123Profiles {
    fn name(&self) -> &str {
        "m20261123_000007_profiles"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Profiles {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("media")
                .col(id())
                .col(reference("user_id"))
                .col(ColumnDef::new("course_id").big_integer().null())
                .col(text("kind"))
                .col(text("purpose"))
                .col(text("content_type"))
                .col(ColumnDef::new("size").big_integer().not_null())
                .col(text("sha256"))
                .col(text("storage_key").unique_key())
                .col(ColumnDef::new("has_thumb").boolean().not_null().default(false))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("media", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("media", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("media_user").table("media").col("user_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("profile_details")
                .col(ColumnDef::new("user_id").big_integer().not_null().primary_key())
                .col(text("pronouns"))
                .col(text("name_say"))
                .col(ColumnDef::new("name_audio_id").big_integer().null())
                .col(ColumnDef::new("photo_id").big_integer().null())
                .col(text("photo_caption"))
                .col(ColumnDef::new("bio").text().not_null())
                .col(text("job"))
                .col(text("location"))
                .col(ColumnDef::new("interests").text().not_null())
                .col(ColumnDef::new("looking_forward").text().not_null())
                .col(ColumnDef::new("use_for").text().not_null())
                .col(ColumnDef::new("circumstances_note").text().not_null())
                .col(ColumnDef::new("contact").text().not_null())
                .col(ColumnDef::new("visibility").text().not_null())
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("profile_details", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("profile_details", "name_audio_id"), "media", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk(("profile_details", "photo_id"), "media", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("introductions")
                .col(id())
                .col(reference("course_id"))
                .col(reference("user_id"))
                .col(ColumnDef::new("body").text().not_null())
                .col(ColumnDef::new("photo_id").big_integer().null())
                .col(ColumnDef::new("clip_id").big_integer().null())
                .col(ColumnDef::new("transcript").text().not_null())
                .col(ColumnDef::new("pinned").boolean().not_null().default(false))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("introductions", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("introductions", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("introductions", "photo_id"), "media", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk(("introductions", "clip_id"), "media", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("introductions_course_user")
                .table("introductions")
                .col("course_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("introduction_replies")
                .col(id())
                .col(reference("introduction_id"))
                .col(reference("user_id"))
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    ("introduction_replies", "introduction_id"),
                    "introductions",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(("introduction_replies", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("introduction_replies_intro")
                .table("introduction_replies")
                .col("introduction_id")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("introduction_nudges")
                .col(id())
                .col(reference("course_id"))
                .col(reference("user_id"))
                .col(ColumnDef::new("sent_by").big_integer().null())
                .col(instant("sent_at"))
                .foreign_key(&mut fk(("introduction_nudges", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("introduction_nudges", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("introduction_nudges", "sent_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("introduction_nudges_course_user")
                .table("introduction_nudges")
                .col("course_id")
                .col("user_id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

/// Homebase, the social side: direct messages and blocks, shout-outs, Win of the Week,
/// celebrations (birthdays, milestones) and the course's weekly routine.
pub(super) struct M20261123Social;

impl MigrationName for M20261123Social {
    fn name(&self) -> &str {
        "m20261123_000012_social"
    }
}

fn unique(name: &str, table: &str, cols: &[&'static str]) -> sea_orm_migration::sea_query::IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table.to_string()).unique();
    for c in cols {
        i.col(*c);
    }
    i.to_owned()
}

fn plain(name: &str, table: &str, cols: &[&'static str]) -> sea_orm_migration::sea_query::IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table.to_string());
    for c in cols {
        i.col(*c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Social {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("social_settings")
                .col(ColumnDef::new("course_id").big_integer().not_null().primary_key())
                .col(ColumnDef::new("student_messages").boolean().not_null().default(true))
                .col(text_null("calendar_token").unique_key())
                .foreign_key(&mut fk(("social_settings", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("conversations")
                .col(id())
                .col(reference("course_id"))
                .col(instant("created_at"))
                .col(instant("last_message_at"))
                .foreign_key(&mut fk(("conversations", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("conversation_members")
                .col(id())
                .col(reference("conversation_id"))
                .col(reference("user_id"))
                .col(instant("last_read_at"))
                .foreign_key(&mut fk(
                    ("conversation_members", "conversation_id"),
                    "conversations",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(("conversation_members", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            "conversation_members_conv_user",
            "conversation_members",
            &["conversation_id", "user_id"],
        ))
        .await?;
        m.create_index(plain("conversation_members_user", "conversation_members", &["user_id"])).await?;
        m.create_table(
            Table::create()
                .table("messages")
                .col(id())
                .col(reference("conversation_id"))
                .col(ColumnDef::new("user_id").big_integer().null())
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("messages", "conversation_id"), "conversations", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("messages", "user_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("messages_conv_created", "messages", &["conversation_id", "created_at"])).await?;
        m.create_table(
            Table::create()
                .table("blocks")
                .col(id())
                .col(reference("user_id"))
                .col(reference("blocked_id"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("blocks", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("blocks", "blocked_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(unique("blocks_user_blocked", "blocks", &["user_id", "blocked_id"])).await?;
        m.create_table(
            Table::create()
                .table("shout_outs")
                .col(id())
                .col(reference("course_id"))
                .col(ColumnDef::new("from_id").big_integer().null())
                .col(reference("to_id"))
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("shout_outs", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("shout_outs", "from_id"), "users", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk(("shout_outs", "to_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("shout_outs_course_created", "shout_outs", &["course_id", "created_at"])).await?;
        m.create_index(plain("shout_outs_course_to", "shout_outs", &["course_id", "to_id"])).await?;
        m.create_table(
            Table::create()
                .table("nominations")
                .col(id())
                .col(reference("course_id"))
                .col(text("week"))
                .col(reference("nominee_id"))
                .col(ColumnDef::new("nominator_id").big_integer().null())
                .col(ColumnDef::new("reason").text().not_null())
                .col(ColumnDef::new("featured").boolean().not_null().default(false))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("nominations", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("nominations", "nominee_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("nominations", "nominator_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("nominations_course_week", "nominations", &["course_id", "week"])).await?;
        m.create_table(
            Table::create()
                .table("birthday_optins")
                .col(id())
                .col(reference("course_id"))
                .col(reference("user_id"))
                .foreign_key(&mut fk(("birthday_optins", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("birthday_optins", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(unique("birthday_optins_course_user", "birthday_optins", &["course_id", "user_id"])).await?;
        m.create_table(
            Table::create()
                .table("milestones")
                .col(id())
                .col(reference("course_id"))
                .col(reference("user_id"))
                .col(ColumnDef::new("body").text().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("milestones", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("milestones", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("milestones_course_created", "milestones", &["course_id", "created_at"])).await?;
        m.create_table(
            Table::create()
                .table("milestone_cheers")
                .col(id())
                .col(reference("milestone_id"))
                .col(reference("user_id"))
                .foreign_key(&mut fk(("milestone_cheers", "milestone_id"), "milestones", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("milestone_cheers", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(unique("milestone_cheers_milestone_user", "milestone_cheers", &["milestone_id", "user_id"]))
            .await?;
        m.create_table(
            Table::create()
                .table("routine_entries")
                .col(id())
                .col(reference("course_id"))
                .col(ColumnDef::new("weekday").integer().not_null())
                .col(ColumnDef::new("start_minute").integer().not_null())
                .col(ColumnDef::new("duration_minutes").integer().not_null())
                .col(text("title"))
                .col(text("kind"))
                .col(text("location"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("routine_entries", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("routine_entries_course", "routine_entries", &["course_id"])).await?;
        Ok(())
    }
}

/// The durable job queue, per-person email preferences with their unsubscribe token, and
/// the lease that makes email delivery safe to retry (decision 0007).
pub(super) struct M20261123Jobs;

impl MigrationName for M20261123Jobs {
    fn name(&self) -> &str {
        "m20261123_000011_jobs"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Jobs {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("jobs")
                .col(id())
                .col(text("kind"))
                .col(ColumnDef::new("payload").text().not_null())
                .col(instant("run_at"))
                .col(text("status"))
                .col(ColumnDef::new("attempts").integer().not_null())
                .col(ColumnDef::new("max_attempts").integer().not_null())
                .col(instant_null("lease_until"))
                .col(text_null("locked_by"))
                .col(ColumnDef::new("last_error").text().null())
                .col(text_null("dedupe_key"))
                .col(instant("created_at"))
                .col(instant_null("finished_at"))
                .to_owned(),
        )
        .await?;
        // Workers look for due work by status and time; NULL keys never collide.
        m.create_index(Index::create().name("jobs_status_run_at").table("jobs").col("status").col("run_at").to_owned())
            .await?;
        m.create_index(Index::create().name("jobs_dedupe_key").table("jobs").col("dedupe_key").unique().to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table("email_preferences")
                .col(id())
                .col(reference("user_id"))
                .col(text("frequency"))
                .col(text("unsubscribe_token"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("email_preferences", "user_id"), "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("email_preferences_user")
                .table("email_preferences")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("email_preferences_token")
                .table("email_preferences")
                .col("unsubscribe_token")
                .unique()
                .to_owned(),
        )
        .await?;
        // SQLite adds one column per statement.
        for col in [instant_null("lease_until"), text_null("unsubscribe_url")] {
            m.alter_table(Table::alter().table("emails").add_column(col).to_owned()).await?;
        }
        // The digest sweep finds who has notifications still to email.
        m.create_index(
            Index::create()
                .name("notifications_emailed_user")
                .table("notifications")
                .col("emailed_at")
                .col("user_id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

/// Issue 3, the collage of what a good collaborative environment looks like, and
/// pictures on the board's sticky notes.
pub(super) struct M20261123Collage;

impl MigrationName for M20261123Collage {
    fn name(&self) -> &str {
        "m20261123_000013_collage"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Collage {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("collage_items")
                .col(id())
                .col(reference("course_id"))
                .col(reference("user_id"))
                .col(reference("media_id"))
                .col(text("caption"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(("collage_items", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("collage_items", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("collage_items", "media_id"), "media", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("collage_items_course", "collage_items", &["course_id"])).await?;
        // SQLite cannot add a foreign key to an existing table, so the note's picture is a
        // plain column; the board removes the media row with the note, and erasure removes
        // both together.
        m.alter_table(
            Table::alter().table("board_notes").add_column(ColumnDef::new("image_id").big_integer().null()).to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("board_notes")
                .add_column(ColumnDef::new("image_alt").string().not_null().default(""))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}

pub(super) struct M20261123Files;

impl MigrationName for M20261123Files {
    fn name(&self) -> &str {
        "m20261123_000014_files"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Files {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("forum_attachments")
                .col(id())
                .col(reference("post_id"))
                .col(reference("course_id"))
                .col(reference("user_id"))
                .col(reference("media_id"))
                .col(text("kind"))
                .col(text("name"))
                .col(ColumnDef::new("size").big_integer().not_null())
                .col(ColumnDef::new("description").text().not_null())
                .col(ColumnDef::new("position").integer().not_null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("forum_attachments", "post_id"), "forum_posts", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_attachments", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_attachments", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("forum_attachments", "media_id"), "media", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("forum_attachments_post", "forum_attachments", &["post_id"])).await?;
        m.create_index(unique("forum_attachments_media", "forum_attachments", &["media_id"])).await?;
        m.create_table(
            Table::create()
                .table("file_settings")
                .col(ColumnDef::new("course_id").big_integer().not_null().primary_key())
                .col(ColumnDef::new("students_upload").boolean().not_null())
                .foreign_key(&mut fk(("file_settings", "course_id"), "courses", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("file_folders")
                .col(id())
                .col(reference("course_id"))
                .col(ColumnDef::new("parent_id").big_integer().null())
                .col(text("name"))
                .col(ColumnDef::new("created_by").big_integer().null())
                .col(instant("created_at"))
                .foreign_key(&mut fk(("file_folders", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("file_folders", "parent_id"), "file_folders", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("file_folders", "created_by"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("file_folders_course_parent", "file_folders", &["course_id", "parent_id"])).await?;
        m.create_table(
            Table::create()
                .table("course_files")
                .col(id())
                .col(reference("course_id"))
                .col(ColumnDef::new("folder_id").big_integer().null())
                .col(reference("user_id"))
                .col(reference("media_id"))
                .col(text("kind"))
                .col(text("name"))
                .col(ColumnDef::new("size").big_integer().not_null())
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("course_files", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("course_files", "folder_id"), "file_folders", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("course_files", "user_id"), "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("course_files", "media_id"), "media", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("course_files_course_folder", "course_files", &["course_id", "folder_id"])).await?;
        m.create_index(unique("course_files_media", "course_files", &["media_id"])).await?;
        Ok(())
    }
}

/// Indexes found missing by the Homebase benchmark (`benches/homebase.rs`).
pub(super) struct M20261123Indexes;

impl MigrationName for M20261123Indexes {
    fn name(&self) -> &str {
        "m20261123_000015_indexes"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Indexes {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Unread counts (the list of spaces, a space's threads) visit every post of the
        // course after the reader's marker but need only these four columns; covering
        // them spares reading each post's whole row with its text. `thread_id` comes
        // before `id` so that a plan going thread by thread can still seek to each
        // thread's posts in this index.
        m.create_index(plain(
            "forum_posts_course_unread",
            "forum_posts",
            &["course_id", "thread_id", "id", "author_id"],
        ))
        .await?;
        Ok(())
    }
}

/// Scheduled and recurring posts, and the occurrences that have gone out: the unique
/// `(schedule_id, occurrence_at)` row is what makes each occurrence post exactly once.
pub(super) struct M20261123Schedule;

impl MigrationName for M20261123Schedule {
    fn name(&self) -> &str {
        "m20261123_000016_schedule"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M20261123Schedule {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("scheduled_posts")
                .col(id())
                .col(reference("course_id"))
                .col(reference("space_id"))
                .col(ColumnDef::new("author_id").big_integer().null())
                .col(text("title"))
                .col(ColumnDef::new("body").text().not_null())
                .col(ColumnDef::new("weekdays").integer().not_null())
                .col(text("local_time"))
                .col(text_null("first_date"))
                .col(text_null("until_date"))
                .col(ColumnDef::new("date_in_title").boolean().not_null().default(false))
                .col(instant_null("next_at"))
                .col(text("status"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(("scheduled_posts", "course_id"), "courses", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("scheduled_posts", "space_id"), "forum_spaces", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("scheduled_posts", "author_id"), "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(plain("scheduled_posts_course_status", "scheduled_posts", &["course_id", "status", "next_at"]))
            .await?;
        m.create_table(
            Table::create()
                .table("scheduled_post_runs")
                .col(id())
                .col(reference("schedule_id"))
                .col(instant("occurrence_at"))
                .col(reference("thread_id"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    ("scheduled_post_runs", "schedule_id"),
                    "scheduled_posts",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(("scheduled_post_runs", "thread_id"), "forum_threads", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            "scheduled_post_runs_occurrence",
            "scheduled_post_runs",
            &["schedule_id", "occurrence_at"],
        ))
        .await?;
        Ok(())
    }
}
