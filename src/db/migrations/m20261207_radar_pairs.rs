//! The radar's running totals (issue 12, decision 0036): who interacted with whom
//! (`radar_pairs`, one row per pair of members of a course, `a_id < b_id`, with the last
//! time of each kind), and per person the number of people they interacted with, their
//! posts and last activity (`radar_people`) and their actions per week (`radar_weeks`).
//!
//! Triggers on the source tables keep them up to date as rows are written (replies,
//! mentions, shout-outs, messages, introductions, published groups, breakout rooms,
//! "classmates like you" pairings), so the refresh job reads totals sized by the class,
//! never the course's history. Both databases route every source through one routine:
//! SQLite an `INSTEAD OF` trigger on a view (`radar_touch`, `radar_act`), PostgreSQL a
//! function of the same name. The backfill feeds every existing row through the same
//! routines, so old courses and new writes give the same totals.

use sea_orm_migration::prelude::*;

pub(super) struct M20261207RadarPairs;

impl MigrationName for M20261207RadarPairs {
    fn name(&self) -> &str {
        "m20261207_000002_radar_pairs"
    }
}

const TABLES: &[&str] = &[
    // Users are not foreign keys here: erasure removes a person's rows (privacy arms),
    // and a cascade from users would scan this large table for every deleted account.
    "CREATE TABLE radar_pairs (
        course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        a_id BIGINT NOT NULL,
        b_id BIGINT NOT NULL,
        first_at BIGINT NOT NULL,
        last_at BIGINT NOT NULL,
        n BIGINT NOT NULL DEFAULT 1,
        reply_at BIGINT NULL,
        mention_at BIGINT NULL,
        shout_at BIGINT NULL,
        message_at BIGINT NULL,
        group_at BIGINT NULL,
        PRIMARY KEY (course_id, a_id, b_id)
    )",
    "CREATE INDEX radar_pairs_b ON radar_pairs (course_id, b_id)",
    // The recent classmates are counted from the pairs active in the last weeks only.
    "CREATE INDEX radar_pairs_recent ON radar_pairs (course_id, last_at, a_id, b_id)",
    "CREATE TABLE radar_people (
        course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        user_id BIGINT NOT NULL,
        peers BIGINT NOT NULL DEFAULT 0,
        posts BIGINT NOT NULL DEFAULT 0,
        last_activity_at BIGINT NULL,
        PRIMARY KEY (course_id, user_id)
    )",
    "CREATE INDEX radar_people_user ON radar_people (user_id)",
    "CREATE TABLE radar_weeks (
        course_id BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        week BIGINT NOT NULL,
        user_id BIGINT NOT NULL,
        actions BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (course_id, week, user_id)
    )",
    "CREATE INDEX radar_weeks_user ON radar_weeks (user_id)",
];

/// Every interaction already recorded, for the backfill: (course, one, other, at, kind).
/// Macros rather than constants so the statements are whole literals (`concat!`).
macro_rules! pairs_so_far {
    () => {
        "\
    SELECT p.course_id AS c, p.author_id AS x, q.author_id AS y, p.created_at AS at, 'reply' AS kind FROM forum_posts p \
      JOIN forum_posts q ON q.id = p.parent_id WHERE p.deleted_at IS NULL \
    UNION ALL \
    SELECT p.course_id, p.author_id, fm.user_id, p.created_at, 'mention' FROM forum_mentions fm \
      JOIN forum_posts p ON p.id = fm.post_id WHERE p.deleted_at IS NULL \
    UNION ALL \
    SELECT course_id, from_id, to_id, created_at, 'shout-out' FROM shout_outs \
    UNION ALL \
    SELECT cv.course_id, m.user_id, cm.user_id, m.created_at, 'message' FROM messages m \
      JOIN conversations cv ON cv.id = m.conversation_id \
      JOIN conversation_members cm ON cm.conversation_id = m.conversation_id AND cm.user_id <> m.user_id \
    UNION ALL \
    SELECT gs.course_id, a.user_id, b.user_id, COALESCE(gs.published_at, gs.created_at), 'group' FROM group_members a \
      JOIN group_members b ON b.group_id = a.group_id AND b.user_id > a.user_id \
      JOIN course_groups g ON g.id = a.group_id JOIN group_rounds r ON r.id = g.round_id \
      JOIN group_sets gs ON gs.id = r.group_set_id WHERE gs.status = 'published' \
    UNION ALL \
    SELECT ls.course_id, a.user_id, b.user_id, COALESCE(st.opened_at, ls.starts_at), 'group' FROM live_room_members a \
      JOIN live_room_members b ON b.room_id = a.room_id AND b.user_id > a.user_id \
      JOIN live_steps st ON st.id = a.step_id JOIN live_sessions ls ON ls.id = st.session_id \
    UNION ALL \
    SELECT course_id, a_id, b_id, created_at, 'group' FROM like_you_pairings"
    };
}

/// Every action already recorded: (course, who, at, post).
macro_rules! activity_so_far {
    () => {
        "\
    SELECT course_id AS c, author_id AS u, created_at AS at, 1 AS post FROM forum_posts WHERE deleted_at IS NULL \
    UNION ALL \
    SELECT cv.course_id, m.user_id, m.created_at, 0 FROM messages m JOIN conversations cv ON cv.id = m.conversation_id \
    UNION ALL \
    SELECT course_id, user_id, created_at, 0 FROM introductions"
    };
}

const SQLITE: &[&str] = &[
    "CREATE VIEW radar_touch AS SELECT 0 AS course_id, 0 AS x, 0 AS y, 0 AS at, '' AS kind WHERE 0",
    // Two members of the course interacted: one pair row, whatever the order.
    "CREATE TRIGGER radar_touch_in INSTEAD OF INSERT ON radar_touch
     WHEN NEW.course_id IS NOT NULL AND NEW.x IS NOT NULL AND NEW.y IS NOT NULL AND NEW.x <> NEW.y
      AND EXISTS (SELECT 1 FROM memberships WHERE course_id = NEW.course_id AND user_id = NEW.x)
      AND EXISTS (SELECT 1 FROM memberships WHERE course_id = NEW.course_id AND user_id = NEW.y) BEGIN
        INSERT INTO radar_pairs (course_id, a_id, b_id, first_at, last_at, n, reply_at, mention_at, shout_at, message_at, group_at)
        VALUES (NEW.course_id, min(NEW.x, NEW.y), max(NEW.x, NEW.y), NEW.at, NEW.at, 1,
            CASE WHEN NEW.kind = 'reply' THEN NEW.at END, CASE WHEN NEW.kind = 'mention' THEN NEW.at END,
            CASE WHEN NEW.kind = 'shout-out' THEN NEW.at END, CASE WHEN NEW.kind = 'message' THEN NEW.at END,
            CASE WHEN NEW.kind = 'group' THEN NEW.at END)
        ON CONFLICT (course_id, a_id, b_id) DO UPDATE SET
            first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at), n = n + 1,
            reply_at = COALESCE(max(reply_at, excluded.reply_at), reply_at, excluded.reply_at),
            mention_at = COALESCE(max(mention_at, excluded.mention_at), mention_at, excluded.mention_at),
            shout_at = COALESCE(max(shout_at, excluded.shout_at), shout_at, excluded.shout_at),
            message_at = COALESCE(max(message_at, excluded.message_at), message_at, excluded.message_at),
            group_at = COALESCE(max(group_at, excluded.group_at), group_at, excluded.group_at);
    END",
    "CREATE VIEW radar_act AS SELECT 0 AS course_id, 0 AS user_id, 0 AS at, 0 AS post, 0 AS d WHERE 0",
    // Someone did something (`d` 1), or a post of theirs was deleted (`d` -1).
    "CREATE TRIGGER radar_act_in INSTEAD OF INSERT ON radar_act
     WHEN NEW.course_id IS NOT NULL AND NEW.user_id IS NOT NULL BEGIN
        INSERT INTO radar_people (course_id, user_id, peers, posts, last_activity_at)
        VALUES (NEW.course_id, NEW.user_id, 0, NEW.post * NEW.d, CASE WHEN NEW.d > 0 THEN NEW.at END)
        ON CONFLICT (course_id, user_id) DO UPDATE SET posts = posts + excluded.posts,
            last_activity_at = COALESCE(max(last_activity_at, excluded.last_activity_at), last_activity_at, excluded.last_activity_at);
        INSERT INTO radar_weeks (course_id, week, user_id, actions) VALUES (NEW.course_id, NEW.at / 604800000, NEW.user_id, NEW.d)
        ON CONFLICT (course_id, week, user_id) DO UPDATE SET actions = actions + excluded.actions;
    END",
    "CREATE TRIGGER radar_pairs_in AFTER INSERT ON radar_pairs BEGIN
        INSERT INTO radar_people (course_id, user_id, peers, posts) VALUES (NEW.course_id, NEW.a_id, 1, 0), (NEW.course_id, NEW.b_id, 1, 0)
        ON CONFLICT (course_id, user_id) DO UPDATE SET peers = peers + 1;
    END",
    "CREATE TRIGGER radar_pairs_out AFTER DELETE ON radar_pairs BEGIN
        UPDATE radar_people SET peers = peers - 1 WHERE course_id = OLD.course_id AND user_id IN (OLD.a_id, OLD.b_id);
    END",
    // Someone who leaves the course is no longer anyone's classmate there.
    "CREATE TRIGGER radar_member_out AFTER DELETE ON memberships BEGIN
        DELETE FROM radar_pairs WHERE course_id = OLD.course_id AND a_id = OLD.user_id;
        DELETE FROM radar_pairs WHERE course_id = OLD.course_id AND b_id = OLD.user_id;
    END",
    "CREATE TRIGGER radar_post_in AFTER INSERT ON forum_posts WHEN NEW.deleted_at IS NULL AND NEW.author_id IS NOT NULL BEGIN
        INSERT INTO radar_act (course_id, user_id, at, post, d) VALUES (NEW.course_id, NEW.author_id, NEW.created_at, 1, 1);
        INSERT INTO radar_touch (course_id, x, y, at, kind)
            SELECT NEW.course_id, NEW.author_id, q.author_id, NEW.created_at, 'reply' FROM forum_posts q WHERE q.id = NEW.parent_id;
    END",
    "CREATE TRIGGER radar_post_deleted AFTER UPDATE OF deleted_at ON forum_posts
     WHEN NEW.author_id IS NOT NULL AND ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) BEGIN
        INSERT INTO radar_act (course_id, user_id, at, post, d)
            VALUES (NEW.course_id, NEW.author_id, NEW.created_at, 1, CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END);
    END",
    "CREATE TRIGGER radar_mention_in AFTER INSERT ON forum_mentions BEGIN
        INSERT INTO radar_touch (course_id, x, y, at, kind)
            SELECT p.course_id, p.author_id, NEW.user_id, p.created_at, 'mention' FROM forum_posts p
            WHERE p.id = NEW.post_id AND p.deleted_at IS NULL;
    END",
    "CREATE TRIGGER radar_shout_in AFTER INSERT ON shout_outs BEGIN
        INSERT INTO radar_touch (course_id, x, y, at, kind) VALUES (NEW.course_id, NEW.from_id, NEW.to_id, NEW.created_at, 'shout-out');
    END",
    "CREATE TRIGGER radar_message_in AFTER INSERT ON messages WHEN NEW.user_id IS NOT NULL BEGIN
        INSERT INTO radar_act (course_id, user_id, at, post, d)
            SELECT cv.course_id, NEW.user_id, NEW.created_at, 0, 1 FROM conversations cv WHERE cv.id = NEW.conversation_id;
        INSERT INTO radar_touch (course_id, x, y, at, kind)
            SELECT cv.course_id, NEW.user_id, cm.user_id, NEW.created_at, 'message' FROM conversations cv
            JOIN conversation_members cm ON cm.conversation_id = cv.id
            WHERE cv.id = NEW.conversation_id AND cm.user_id <> NEW.user_id;
    END",
    "CREATE TRIGGER radar_intro_in AFTER INSERT ON introductions BEGIN
        INSERT INTO radar_act (course_id, user_id, at, post, d) VALUES (NEW.course_id, NEW.user_id, NEW.created_at, 0, 1);
    END",
    "CREATE TRIGGER radar_group_member_in AFTER INSERT ON group_members BEGIN
        INSERT INTO radar_touch (course_id, x, y, at, kind)
            SELECT gs.course_id, NEW.user_id, o.user_id, COALESCE(gs.published_at, gs.created_at), 'group'
            FROM course_groups g JOIN group_rounds r ON r.id = g.round_id JOIN group_sets gs ON gs.id = r.group_set_id
            JOIN group_members o ON o.group_id = g.id AND o.user_id <> NEW.user_id
            WHERE g.id = NEW.group_id AND gs.status = 'published';
    END",
    "CREATE TRIGGER radar_group_published AFTER UPDATE OF status ON group_sets
     WHEN NEW.status = 'published' AND OLD.status IS NOT 'published' BEGIN
        INSERT INTO radar_touch (course_id, x, y, at, kind)
            SELECT NEW.course_id, a.user_id, b.user_id, COALESCE(NEW.published_at, NEW.created_at), 'group'
            FROM group_rounds r JOIN course_groups g ON g.round_id = r.id JOIN group_members a ON a.group_id = g.id
            JOIN group_members b ON b.group_id = g.id AND b.user_id > a.user_id
            WHERE r.group_set_id = NEW.id;
    END",
    "CREATE TRIGGER radar_room_member_in AFTER INSERT ON live_room_members BEGIN
        INSERT INTO radar_touch (course_id, x, y, at, kind)
            SELECT ls.course_id, NEW.user_id, o.user_id, COALESCE(st.opened_at, ls.starts_at), 'group'
            FROM live_steps st JOIN live_sessions ls ON ls.id = st.session_id
            JOIN live_room_members o ON o.room_id = NEW.room_id AND o.user_id <> NEW.user_id
            WHERE st.id = NEW.step_id;
    END",
    "CREATE TRIGGER radar_pairing_in AFTER INSERT ON like_you_pairings BEGIN
        INSERT INTO radar_touch (course_id, x, y, at, kind) VALUES (NEW.course_id, NEW.a_id, NEW.b_id, NEW.created_at, 'group');
    END",
];

const POSTGRES: &[&str] = &[
    "CREATE FUNCTION radar_touch(p_course BIGINT, p_x BIGINT, p_y BIGINT, p_at BIGINT, p_kind TEXT) RETURNS void
     LANGUAGE plpgsql AS $$
     BEGIN
        IF p_course IS NULL OR p_x IS NULL OR p_y IS NULL OR p_x = p_y
           OR NOT EXISTS (SELECT 1 FROM memberships WHERE course_id = p_course AND user_id = p_x)
           OR NOT EXISTS (SELECT 1 FROM memberships WHERE course_id = p_course AND user_id = p_y) THEN
            RETURN;
        END IF;
        INSERT INTO radar_pairs AS p (course_id, a_id, b_id, first_at, last_at, n, reply_at, mention_at, shout_at, message_at, group_at)
        VALUES (p_course, LEAST(p_x, p_y), GREATEST(p_x, p_y), p_at, p_at, 1,
            CASE WHEN p_kind = 'reply' THEN p_at END, CASE WHEN p_kind = 'mention' THEN p_at END,
            CASE WHEN p_kind = 'shout-out' THEN p_at END, CASE WHEN p_kind = 'message' THEN p_at END,
            CASE WHEN p_kind = 'group' THEN p_at END)
        ON CONFLICT (course_id, a_id, b_id) DO UPDATE SET
            first_at = LEAST(p.first_at, excluded.first_at), last_at = GREATEST(p.last_at, excluded.last_at), n = p.n + 1,
            reply_at = GREATEST(p.reply_at, excluded.reply_at), mention_at = GREATEST(p.mention_at, excluded.mention_at),
            shout_at = GREATEST(p.shout_at, excluded.shout_at), message_at = GREATEST(p.message_at, excluded.message_at),
            group_at = GREATEST(p.group_at, excluded.group_at);
     END $$",
    "CREATE FUNCTION radar_act(p_course BIGINT, p_user BIGINT, p_at BIGINT, p_post INTEGER, p_d INTEGER) RETURNS void
     LANGUAGE plpgsql AS $$
     BEGIN
        IF p_course IS NULL OR p_user IS NULL THEN
            RETURN;
        END IF;
        INSERT INTO radar_people AS r (course_id, user_id, peers, posts, last_activity_at)
        VALUES (p_course, p_user, 0, p_post * p_d, CASE WHEN p_d > 0 THEN p_at END)
        ON CONFLICT (course_id, user_id) DO UPDATE SET posts = r.posts + excluded.posts,
            last_activity_at = GREATEST(r.last_activity_at, excluded.last_activity_at);
        INSERT INTO radar_weeks AS w (course_id, week, user_id, actions) VALUES (p_course, p_at / 604800000, p_user, p_d)
        ON CONFLICT (course_id, week, user_id) DO UPDATE SET actions = w.actions + excluded.actions;
     END $$",
    "CREATE FUNCTION radar_pair_count() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO radar_people AS r (course_id, user_id, peers, posts)
            VALUES (NEW.course_id, NEW.a_id, 1, 0), (NEW.course_id, NEW.b_id, 1, 0)
            ON CONFLICT (course_id, user_id) DO UPDATE SET peers = r.peers + 1;
        ELSE
            UPDATE radar_people SET peers = peers - 1 WHERE course_id = OLD.course_id AND user_id IN (OLD.a_id, OLD.b_id);
        END IF;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_pair_count AFTER INSERT OR DELETE ON radar_pairs FOR EACH ROW EXECUTE FUNCTION radar_pair_count()",
    "CREATE FUNCTION radar_member_out() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        DELETE FROM radar_pairs WHERE course_id = OLD.course_id AND a_id = OLD.user_id;
        DELETE FROM radar_pairs WHERE course_id = OLD.course_id AND b_id = OLD.user_id;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_member_out AFTER DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION radar_member_out()",
    "CREATE FUNCTION radar_post() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        IF TG_OP = 'INSERT' THEN
            IF NEW.deleted_at IS NULL AND NEW.author_id IS NOT NULL THEN
                PERFORM radar_act(NEW.course_id, NEW.author_id, NEW.created_at, 1, 1);
                PERFORM radar_touch(NEW.course_id, NEW.author_id, q.author_id, NEW.created_at, 'reply')
                    FROM forum_posts q WHERE q.id = NEW.parent_id;
            END IF;
        ELSIF NEW.author_id IS NOT NULL AND ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) THEN
            PERFORM radar_act(NEW.course_id, NEW.author_id, NEW.created_at, 1, CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END);
        END IF;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_post AFTER INSERT OR UPDATE OF deleted_at ON forum_posts FOR EACH ROW EXECUTE FUNCTION radar_post()",
    "CREATE FUNCTION radar_mention() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        PERFORM radar_touch(p.course_id, p.author_id, NEW.user_id, p.created_at, 'mention')
            FROM forum_posts p WHERE p.id = NEW.post_id AND p.deleted_at IS NULL;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_mention AFTER INSERT ON forum_mentions FOR EACH ROW EXECUTE FUNCTION radar_mention()",
    "CREATE FUNCTION radar_shout() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        PERFORM radar_touch(NEW.course_id, NEW.from_id, NEW.to_id, NEW.created_at, 'shout-out');
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_shout AFTER INSERT ON shout_outs FOR EACH ROW EXECUTE FUNCTION radar_shout()",
    "CREATE FUNCTION radar_message() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        IF NEW.user_id IS NOT NULL THEN
            PERFORM radar_act(cv.course_id, NEW.user_id, NEW.created_at, 0, 1) FROM conversations cv WHERE cv.id = NEW.conversation_id;
            PERFORM radar_touch(cv.course_id, NEW.user_id, cm.user_id, NEW.created_at, 'message') FROM conversations cv
                JOIN conversation_members cm ON cm.conversation_id = cv.id
                WHERE cv.id = NEW.conversation_id AND cm.user_id <> NEW.user_id;
        END IF;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_message AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION radar_message()",
    "CREATE FUNCTION radar_intro() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        PERFORM radar_act(NEW.course_id, NEW.user_id, NEW.created_at, 0, 1);
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_intro AFTER INSERT ON introductions FOR EACH ROW EXECUTE FUNCTION radar_intro()",
    "CREATE FUNCTION radar_group_member() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        PERFORM radar_touch(gs.course_id, NEW.user_id, o.user_id, COALESCE(gs.published_at, gs.created_at), 'group')
            FROM course_groups g JOIN group_rounds r ON r.id = g.round_id JOIN group_sets gs ON gs.id = r.group_set_id
            JOIN group_members o ON o.group_id = g.id AND o.user_id <> NEW.user_id
            WHERE g.id = NEW.group_id AND gs.status = 'published';
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_group_member AFTER INSERT ON group_members FOR EACH ROW EXECUTE FUNCTION radar_group_member()",
    "CREATE FUNCTION radar_group_published() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        PERFORM radar_touch(NEW.course_id, a.user_id, b.user_id, COALESCE(NEW.published_at, NEW.created_at), 'group')
            FROM group_rounds r JOIN course_groups g ON g.round_id = r.id JOIN group_members a ON a.group_id = g.id
            JOIN group_members b ON b.group_id = g.id AND b.user_id > a.user_id
            WHERE r.group_set_id = NEW.id;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_group_published AFTER UPDATE OF status ON group_sets FOR EACH ROW
     WHEN (NEW.status = 'published' AND OLD.status IS DISTINCT FROM 'published') EXECUTE FUNCTION radar_group_published()",
    "CREATE FUNCTION radar_room_member() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        PERFORM radar_touch(ls.course_id, NEW.user_id, o.user_id, COALESCE(st.opened_at, ls.starts_at), 'group')
            FROM live_steps st JOIN live_sessions ls ON ls.id = st.session_id
            JOIN live_room_members o ON o.room_id = NEW.room_id AND o.user_id <> NEW.user_id
            WHERE st.id = NEW.step_id;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_room_member AFTER INSERT ON live_room_members FOR EACH ROW EXECUTE FUNCTION radar_room_member()",
    "CREATE FUNCTION radar_pairing() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        PERFORM radar_touch(NEW.course_id, NEW.a_id, NEW.b_id, NEW.created_at, 'group');
        RETURN NULL;
     END $$",
    "CREATE TRIGGER radar_pairing AFTER INSERT ON like_you_pairings FOR EACH ROW EXECUTE FUNCTION radar_pairing()",
];

#[async_trait::async_trait]
impl MigrationTrait for M20261207RadarPairs {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let postgres = db.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
        for sql in TABLES.iter().chain(if postgres { POSTGRES } else { SQLITE }) {
            db.execute_unprepared(sql).await?;
        }
        // The backfill: every existing row through the same routine the triggers use.
        let (pairs, activity) = if postgres {
            (
                concat!("SELECT radar_touch(s.c, s.x, s.y, s.at, s.kind) FROM (", pairs_so_far!(), ") s"),
                concat!("SELECT radar_act(s.c, s.u, s.at, s.post, 1) FROM (", activity_so_far!(), ") s"),
            )
        } else {
            (
                concat!(
                    "INSERT INTO radar_touch (course_id, x, y, at, kind) SELECT s.c, s.x, s.y, s.at, s.kind FROM (",
                    pairs_so_far!(),
                    ") s"
                ),
                concat!(
                    "INSERT INTO radar_act (course_id, user_id, at, post, d) SELECT s.c, s.u, s.at, s.post, 1 FROM (",
                    activity_so_far!(),
                    ") s"
                ),
            )
        };
        db.execute_unprepared(pairs).await?;
        db.execute_unprepared(activity).await?;
        Ok(())
    }
}
