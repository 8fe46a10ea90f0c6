//! The expectations board at class scale (issue 9): each note keeps its vote count, kept
//! by triggers on `board_votes` (so erasure and every other writer keep it true), and an
//! index serves a column's notes in order, so the board reads a page of each column and
//! never every vote of the class.

use sea_orm_migration::prelude::*;

pub(super) struct M20261207Board;

impl MigrationName for M20261207Board {
    fn name(&self) -> &str {
        "m20261207_000003_board"
    }
}

const TABLES: &[&str] = &[
    "ALTER TABLE board_notes ADD COLUMN votes INTEGER NOT NULL DEFAULT 0",
    "UPDATE board_notes SET votes = (SELECT COUNT(*) FROM board_votes v WHERE v.note_id = board_notes.id)",
    "CREATE INDEX board_notes_column_order ON board_notes (column_id, id)",
];

const SQLITE: &[&str] = &[
    "CREATE TRIGGER board_votes_count_in AFTER INSERT ON board_votes BEGIN
        UPDATE board_notes SET votes = votes + 1 WHERE id = NEW.note_id;
    END",
    "CREATE TRIGGER board_votes_count_out AFTER DELETE ON board_votes BEGIN
        UPDATE board_notes SET votes = votes - 1 WHERE id = OLD.note_id;
    END",
];

const POSTGRES: &[&str] = &[
    "CREATE FUNCTION board_votes_count() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        IF TG_OP = 'INSERT' THEN
            UPDATE board_notes SET votes = votes + 1 WHERE id = NEW.note_id;
        ELSE
            UPDATE board_notes SET votes = votes - 1 WHERE id = OLD.note_id;
        END IF;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER board_votes_count AFTER INSERT OR DELETE ON board_votes
     FOR EACH ROW EXECUTE FUNCTION board_votes_count()",
];

#[async_trait::async_trait]
impl MigrationTrait for M20261207Board {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        super::with_triggers(m, TABLES, SQLITE, POSTGRES).await
    }
}
