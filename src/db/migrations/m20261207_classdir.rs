//! Meet the class's directory (issue 9): one row per membership holding the card's sort
//! key and the values the filters match with each value's visibility level, and one row
//! per course with the filter choices each audience may see. Triggers on the tables the
//! rows derive from (memberships, users' name and zone, profiles, profile details) bump a
//! row's `stale` counter, so no writer in the code base has to remember the directory; the
//! page recomputes the few stale rows (visibility rules are Rust) before it reads. The
//! backfill inserts every membership as stale: the first visit of a course computes them.

use sea_orm_migration::prelude::*;

pub(super) struct M20261207Classdir;

impl MigrationName for M20261207Classdir {
    fn name(&self) -> &str {
        "m20261207_000001_classdir"
    }
}

const TABLES: &[&str] = &[
    "CREATE TABLE class_directory (
        course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        stale INTEGER NOT NULL DEFAULT 1,
        sort_key TEXT NOT NULL DEFAULT '',
        organisation TEXT NULL,
        organisation_lc TEXT NULL,
        zone TEXT NULL,
        interests TEXT NULL,
        level_work INTEGER NOT NULL DEFAULT 2,
        level_location INTEGER NOT NULL DEFAULT 2,
        level_interests INTEGER NOT NULL DEFAULT 2,
        PRIMARY KEY (course_id, user_id)
    )",
    "CREATE INDEX class_directory_order ON class_directory (course_id, sort_key, user_id)",
    "CREATE INDEX class_directory_stale ON class_directory (course_id, stale)",
    "CREATE INDEX class_directory_user ON class_directory (user_id)",
    "CREATE TABLE class_facets (
        course_id BIGINT NOT NULL PRIMARY KEY REFERENCES courses (id) ON DELETE CASCADE,
        stale INTEGER NOT NULL DEFAULT 0,
        total BIGINT NOT NULL DEFAULT 0,
        class_json TEXT NOT NULL DEFAULT '{}',
        team_json TEXT NOT NULL DEFAULT '{}'
    )",
    "INSERT INTO class_directory (course_id, user_id, stale) SELECT course_id, user_id, 1 FROM memberships",
    // The course home's newest students (`ORDER BY created_at DESC, user_id DESC LIMIT`)
    // sorted the whole class without it.
    "CREATE INDEX memberships_course_joined ON memberships (course_id, role, state, created_at, user_id)",
];

const SQLITE: &[&str] = &[
    "CREATE TRIGGER class_directory_member_in AFTER INSERT ON memberships BEGIN
        INSERT INTO class_directory (course_id, user_id, stale) VALUES (NEW.course_id, NEW.user_id, 1)
            ON CONFLICT (course_id, user_id) DO UPDATE SET stale = class_directory.stale + 1;
        UPDATE class_facets SET stale = stale + 1 WHERE course_id = NEW.course_id;
    END",
    "CREATE TRIGGER class_directory_member_out AFTER DELETE ON memberships BEGIN
        DELETE FROM class_directory WHERE course_id = OLD.course_id AND user_id = OLD.user_id;
        UPDATE class_facets SET stale = stale + 1 WHERE course_id = OLD.course_id;
    END",
    "CREATE TRIGGER class_directory_member_up AFTER UPDATE OF role, course_id, user_id ON memberships
     WHEN OLD.role IS NOT NEW.role OR OLD.course_id <> NEW.course_id OR OLD.user_id <> NEW.user_id BEGIN
        DELETE FROM class_directory WHERE course_id = OLD.course_id AND user_id = OLD.user_id;
        INSERT INTO class_directory (course_id, user_id, stale) VALUES (NEW.course_id, NEW.user_id, 1)
            ON CONFLICT (course_id, user_id) DO UPDATE SET stale = class_directory.stale + 1;
        UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (OLD.course_id, NEW.course_id);
    END",
    "CREATE TRIGGER class_directory_user_up AFTER UPDATE OF name, time_zone ON users
     WHEN OLD.name IS NOT NEW.name OR OLD.time_zone IS NOT NEW.time_zone BEGIN
        UPDATE class_directory SET stale = stale + 1 WHERE user_id = NEW.id;
        UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (SELECT course_id FROM class_directory WHERE user_id = NEW.id);
    END",
    "CREATE TRIGGER class_directory_profile_in AFTER INSERT ON profiles BEGIN
        UPDATE class_directory SET stale = stale + 1 WHERE user_id = NEW.user_id;
        UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (SELECT course_id FROM class_directory WHERE user_id = NEW.user_id);
    END",
    "CREATE TRIGGER class_directory_profile_up AFTER UPDATE ON profiles BEGIN
        UPDATE class_directory SET stale = stale + 1 WHERE user_id IN (OLD.user_id, NEW.user_id);
        UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (SELECT course_id FROM class_directory WHERE user_id IN (OLD.user_id, NEW.user_id));
    END",
    "CREATE TRIGGER class_directory_profile_out AFTER DELETE ON profiles BEGIN
        UPDATE class_directory SET stale = stale + 1 WHERE user_id = OLD.user_id;
        UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (SELECT course_id FROM class_directory WHERE user_id = OLD.user_id);
    END",
    "CREATE TRIGGER class_directory_details_in AFTER INSERT ON profile_details BEGIN
        UPDATE class_directory SET stale = stale + 1 WHERE user_id = NEW.user_id;
        UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (SELECT course_id FROM class_directory WHERE user_id = NEW.user_id);
    END",
    "CREATE TRIGGER class_directory_details_up AFTER UPDATE ON profile_details BEGIN
        UPDATE class_directory SET stale = stale + 1 WHERE user_id IN (OLD.user_id, NEW.user_id);
        UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (SELECT course_id FROM class_directory WHERE user_id IN (OLD.user_id, NEW.user_id));
    END",
    "CREATE TRIGGER class_directory_details_out AFTER DELETE ON profile_details BEGIN
        UPDATE class_directory SET stale = stale + 1 WHERE user_id = OLD.user_id;
        UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (SELECT course_id FROM class_directory WHERE user_id = OLD.user_id);
    END",
];

const POSTGRES: &[&str] = &[
    "CREATE FUNCTION class_directory_member() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            DELETE FROM class_directory WHERE course_id = OLD.course_id AND user_id = OLD.user_id;
            UPDATE class_facets SET stale = stale + 1 WHERE course_id = OLD.course_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO class_directory (course_id, user_id, stale) VALUES (NEW.course_id, NEW.user_id, 1)
                ON CONFLICT (course_id, user_id) DO UPDATE SET stale = class_directory.stale + 1;
            UPDATE class_facets SET stale = stale + 1 WHERE course_id = NEW.course_id;
        END IF;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER class_directory_member_in AFTER INSERT OR DELETE ON memberships
     FOR EACH ROW EXECUTE FUNCTION class_directory_member()",
    "CREATE TRIGGER class_directory_member_up AFTER UPDATE OF role, course_id, user_id ON memberships
     FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.course_id <> NEW.course_id OR OLD.user_id <> NEW.user_id)
     EXECUTE FUNCTION class_directory_member()",
    // A person's rows go stale when their name, zone, profile or profile details change.
    "CREATE FUNCTION class_directory_person() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE who BIGINT;
     BEGIN
        IF TG_TABLE_NAME = 'users' THEN who := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN who := OLD.user_id;
        ELSE who := NEW.user_id;
        END IF;
        UPDATE class_directory SET stale = stale + 1 WHERE user_id = who;
        UPDATE class_facets SET stale = stale + 1 WHERE course_id IN (SELECT course_id FROM class_directory WHERE user_id = who);
        RETURN NULL;
     END $$",
    "CREATE TRIGGER class_directory_user_up AFTER UPDATE OF name, time_zone ON users
     FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.time_zone IS DISTINCT FROM NEW.time_zone)
     EXECUTE FUNCTION class_directory_person()",
    "CREATE TRIGGER class_directory_profile AFTER INSERT OR UPDATE OR DELETE ON profiles
     FOR EACH ROW EXECUTE FUNCTION class_directory_person()",
    "CREATE TRIGGER class_directory_details AFTER INSERT OR UPDATE OR DELETE ON profile_details
     FOR EACH ROW EXECUTE FUNCTION class_directory_person()",
];

#[async_trait::async_trait]
impl MigrationTrait for M20261207Classdir {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        super::with_triggers(m, TABLES, SQLITE, POSTGRES).await
    }
}
