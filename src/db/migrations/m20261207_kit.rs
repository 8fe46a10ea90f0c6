//! The start-up kit's progress on the teaching team's course home (issue 9): "12 of 40
//! students have taken part", per activity. Counting it meant a dozen `COUNT(DISTINCT …)`
//! statements over the whole class on every view of the most visited staff page. Now one
//! row per course caches the counts; triggers on every table the counts come from bump
//! its `stale` counter, and the page recounts only when something changed since (see
//! `courses::kit_progress` and docs/decisions/0038-kit-progress-cache.md).

use sea_orm_migration::prelude::*;

pub(super) struct M20261207Kit;

impl MigrationName for M20261207Kit {
    fn name(&self) -> &str {
        "m20261207_000002_kit"
    }
}

const TABLES: &[&str] = &[
    "CREATE TABLE course_kit_progress (
        course_id BIGINT NOT NULL PRIMARY KEY REFERENCES courses (id) ON DELETE CASCADE,
        stale BIGINT NOT NULL DEFAULT 0,
        body TEXT NOT NULL,
        computed_at BIGINT NOT NULL
    )",
    // The expectations page's latest readers of a version walk this and stop at the limit.
    "CREATE INDEX expectation_reads_latest ON expectation_reads (course_id, version, id)",
];

/// One SQLite trigger: after `$event` on `$table`, the course named by `$course` is stale.
macro_rules! sqlite_touch {
    ($name:literal, $event:literal, $table:literal, $course:literal) => {
        concat!(
            "CREATE TRIGGER kit_",
            $name,
            " AFTER ",
            $event,
            " ON ",
            $table,
            " BEGIN UPDATE course_kit_progress SET stale = stale + 1 WHERE course_id IN (",
            $course,
            "); END"
        )
    };
}

const SQLITE: &[&str] = &[
    // Joining, leaving, a role or state change (not `last_seen_at`, written on every visit).
    sqlite_touch!("member_in", "INSERT", "memberships", "NEW.course_id"),
    sqlite_touch!("member_out", "DELETE", "memberships", "OLD.course_id"),
    sqlite_touch!(
        "member_up",
        "UPDATE OF role, state, course_id, user_id",
        "memberships",
        "OLD.course_id, NEW.course_id"
    ),
    sqlite_touch!("expectations_in", "INSERT", "expectations", "NEW.course_id"),
    sqlite_touch!("expectations_out", "DELETE", "expectations", "OLD.course_id"),
    sqlite_touch!("expectations_up", "UPDATE", "expectations", "OLD.course_id, NEW.course_id"),
    sqlite_touch!("reads_in", "INSERT", "expectation_reads", "NEW.course_id"),
    sqlite_touch!("reads_out", "DELETE", "expectation_reads", "OLD.course_id"),
    sqlite_touch!("reads_up", "UPDATE", "expectation_reads", "OLD.course_id, NEW.course_id"),
    sqlite_touch!("notes_in", "INSERT", "board_notes", "SELECT course_id FROM board_columns WHERE id = NEW.column_id"),
    sqlite_touch!("notes_out", "DELETE", "board_notes", "SELECT course_id FROM board_columns WHERE id = OLD.column_id"),
    sqlite_touch!(
        "notes_up",
        "UPDATE OF user_id, column_id",
        "board_notes",
        "SELECT course_id FROM board_columns WHERE id IN (OLD.column_id, NEW.column_id)"
    ),
    sqlite_touch!(
        "budget_in",
        "INSERT",
        "budget_entries",
        "SELECT course_id FROM budget_activities WHERE id = NEW.activity_id"
    ),
    sqlite_touch!(
        "budget_out",
        "DELETE",
        "budget_entries",
        "SELECT course_id FROM budget_activities WHERE id = OLD.activity_id"
    ),
    sqlite_touch!(
        "budget_up",
        "UPDATE OF user_id, activity_id",
        "budget_entries",
        "SELECT course_id FROM budget_activities WHERE id IN (OLD.activity_id, NEW.activity_id)"
    ),
    sqlite_touch!("wiki_in", "INSERT", "wiki_pages", "NEW.course_id"),
    sqlite_touch!("wiki_out", "DELETE", "wiki_pages", "OLD.course_id"),
    sqlite_touch!(
        "revisions_in",
        "INSERT",
        "wiki_revisions",
        "SELECT course_id FROM wiki_pages WHERE id = NEW.page_id"
    ),
    sqlite_touch!(
        "revisions_out",
        "DELETE",
        "wiki_revisions",
        "SELECT course_id FROM wiki_pages WHERE id = OLD.page_id"
    ),
    sqlite_touch!(
        "revisions_up",
        "UPDATE OF author_id, page_id",
        "wiki_revisions",
        "SELECT course_id FROM wiki_pages WHERE id IN (OLD.page_id, NEW.page_id)"
    ),
    sqlite_touch!("intros_in", "INSERT", "introductions", "NEW.course_id"),
    sqlite_touch!("intros_out", "DELETE", "introductions", "OLD.course_id"),
    sqlite_touch!("intros_up", "UPDATE OF pinned, user_id, course_id", "introductions", "OLD.course_id, NEW.course_id"),
    sqlite_touch!(
        "welcomes_in",
        "INSERT",
        "introduction_replies",
        "SELECT course_id FROM introductions WHERE id = NEW.introduction_id"
    ),
    sqlite_touch!(
        "welcomes_out",
        "DELETE",
        "introduction_replies",
        "SELECT course_id FROM introductions WHERE id = OLD.introduction_id"
    ),
    sqlite_touch!(
        "welcomes_up",
        "UPDATE OF user_id, introduction_id",
        "introduction_replies",
        "SELECT course_id FROM introductions WHERE id IN (OLD.introduction_id, NEW.introduction_id)"
    ),
    sqlite_touch!("sets_in", "INSERT", "group_sets", "NEW.course_id"),
    sqlite_touch!("sets_out", "DELETE", "group_sets", "OLD.course_id"),
    sqlite_touch!("sets_up", "UPDATE OF status, course_id", "group_sets", "OLD.course_id, NEW.course_id"),
    sqlite_touch!(
        "grouped_in",
        "INSERT",
        "group_members",
        "SELECT s.course_id FROM course_groups g JOIN group_rounds r ON r.id = g.round_id \
         JOIN group_sets s ON s.id = r.group_set_id WHERE g.id = NEW.group_id"
    ),
    sqlite_touch!(
        "grouped_out",
        "DELETE",
        "group_members",
        "SELECT s.course_id FROM course_groups g JOIN group_rounds r ON r.id = g.round_id \
         JOIN group_sets s ON s.id = r.group_set_id WHERE g.id = OLD.group_id"
    ),
    sqlite_touch!(
        "grouped_up",
        "UPDATE",
        "group_members",
        "SELECT s.course_id FROM course_groups g JOIN group_rounds r ON r.id = g.round_id \
         JOIN group_sets s ON s.id = r.group_set_id WHERE g.id IN (OLD.group_id, NEW.group_id)"
    ),
    sqlite_touch!("surveys_in", "INSERT", "surveys", "NEW.course_id"),
    sqlite_touch!("surveys_out", "DELETE", "surveys", "OLD.course_id"),
    sqlite_touch!("surveys_up", "UPDATE OF published, course_id", "surveys", "OLD.course_id, NEW.course_id"),
    sqlite_touch!("answers_in", "INSERT", "survey_responses", "SELECT course_id FROM surveys WHERE id = NEW.survey_id"),
    sqlite_touch!(
        "answers_out",
        "DELETE",
        "survey_responses",
        "SELECT course_id FROM surveys WHERE id = OLD.survey_id"
    ),
    sqlite_touch!(
        "answers_up",
        "UPDATE OF user_id, survey_id",
        "survey_responses",
        "SELECT course_id FROM surveys WHERE id IN (OLD.survey_id, NEW.survey_id)"
    ),
];

/// PostgreSQL: one function finds the course of a changed row (read through `to_jsonb`,
/// so one function serves every table), one trigger function marks it stale.
const POSTGRES: &[&str] = &[
    "CREATE FUNCTION kit_course_of(tbl TEXT, r JSONB) RETURNS BIGINT LANGUAGE sql STABLE AS $$
     SELECT CASE tbl
        WHEN 'board_notes' THEN (SELECT course_id FROM board_columns WHERE id = (r->>'column_id')::BIGINT)
        WHEN 'budget_entries' THEN (SELECT course_id FROM budget_activities WHERE id = (r->>'activity_id')::BIGINT)
        WHEN 'wiki_revisions' THEN (SELECT course_id FROM wiki_pages WHERE id = (r->>'page_id')::BIGINT)
        WHEN 'introduction_replies' THEN
            (SELECT course_id FROM introductions WHERE id = (r->>'introduction_id')::BIGINT)
        WHEN 'group_members' THEN (SELECT s.course_id FROM course_groups g JOIN group_rounds gr ON gr.id = g.round_id
            JOIN group_sets s ON s.id = gr.group_set_id WHERE g.id = (r->>'group_id')::BIGINT)
        WHEN 'survey_responses' THEN (SELECT course_id FROM surveys WHERE id = (r->>'survey_id')::BIGINT)
        ELSE (r->>'course_id')::BIGINT
     END $$",
    "CREATE FUNCTION kit_touch() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        IF TG_OP <> 'INSERT' THEN
            UPDATE course_kit_progress SET stale = stale + 1 WHERE course_id = kit_course_of(TG_TABLE_NAME, to_jsonb(OLD));
        END IF;
        IF TG_OP <> 'DELETE' THEN
            UPDATE course_kit_progress SET stale = stale + 1 WHERE course_id = kit_course_of(TG_TABLE_NAME, to_jsonb(NEW));
        END IF;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER kit_memberships AFTER INSERT OR DELETE OR UPDATE OF role, state, course_id, user_id ON memberships
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_expectations AFTER INSERT OR DELETE OR UPDATE ON expectations
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_reads AFTER INSERT OR DELETE OR UPDATE ON expectation_reads
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_notes AFTER INSERT OR DELETE OR UPDATE OF user_id, column_id ON board_notes
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_budget AFTER INSERT OR DELETE OR UPDATE OF user_id, activity_id ON budget_entries
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_wiki AFTER INSERT OR DELETE ON wiki_pages FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_revisions AFTER INSERT OR DELETE OR UPDATE OF author_id, page_id ON wiki_revisions
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_intros AFTER INSERT OR DELETE OR UPDATE OF pinned, user_id, course_id ON introductions
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_welcomes AFTER INSERT OR DELETE OR UPDATE OF user_id, introduction_id ON introduction_replies
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_sets AFTER INSERT OR DELETE OR UPDATE OF status, course_id ON group_sets
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_grouped AFTER INSERT OR DELETE OR UPDATE ON group_members
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_surveys AFTER INSERT OR DELETE OR UPDATE OF published, course_id ON surveys
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
    "CREATE TRIGGER kit_answers AFTER INSERT OR DELETE OR UPDATE OF user_id, survey_id ON survey_responses
     FOR EACH ROW EXECUTE FUNCTION kit_touch()",
];

#[async_trait::async_trait]
impl MigrationTrait for M20261207Kit {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        super::with_triggers(m, TABLES, SQLITE, POSTGRES).await
    }
}
