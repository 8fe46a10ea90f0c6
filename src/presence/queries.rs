//! The radar's reads and writes. Every statement is written out with bound values (`$1`
//! is a bound value on both databases). Deriving contacts and refreshing the cached rows
//! happen in the `presence.refresh` job; pages only read what it wrote.

use std::collections::{BTreeMap, HashMap, HashSet};

use homeroom_presence::outreach;
use homeroom_presence::radar::{self, OpenPost, Thresholds};
use homeroom_presence::tally::Tally;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryResult, Set, Statement,
    TransactionTrait, Value,
};

use crate::db::entity::radar_row;

async fn all(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await
}

async fn exec(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<u64, DbErr> {
    Ok(db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?.rows_affected())
}

/// A source of derived contacts: its watermark name, how to read its newest row id, and
/// the statement that records the contacts of rows `($1, $2]` (`$3` is now).
struct Source {
    name: &'static str,
    max_id: &'static str,
    derive: &'static str,
}

/// Staff → student, in the same course, where staff means a tutor or TA and the student
/// is a student there. A row that does not qualify is skipped for good.
const SOURCES: &[Source] = &[
    Source {
        name: "messages",
        max_id: "SELECT MAX(id) AS m FROM messages",
        derive: "INSERT INTO contacts (course_id, staff_id, student_id, kind, at, source, source_id, created_at) \
                 SELECT cv.course_id, m.user_id, cm.user_id, 'message', m.created_at, 'derived', m.id, $3 \
                 FROM messages m JOIN conversations cv ON cv.id = m.conversation_id \
                 JOIN conversation_members cm ON cm.conversation_id = m.conversation_id AND cm.user_id <> m.user_id \
                 JOIN memberships sm ON sm.course_id = cv.course_id AND sm.user_id = m.user_id AND sm.role IN ('tutor', 'ta') \
                 JOIN memberships st ON st.course_id = cv.course_id AND st.user_id = cm.user_id AND st.role = 'student' \
                 WHERE m.id > $1 AND m.id <= $2 \
                 ON CONFLICT DO NOTHING",
    },
    Source {
        name: "replies",
        max_id: "SELECT MAX(id) AS m FROM forum_posts",
        derive: "INSERT INTO contacts (course_id, staff_id, student_id, kind, at, source, source_id, created_at) \
                 SELECT p.course_id, p.author_id, q.author_id, 'reply', p.created_at, 'derived', p.id, $3 \
                 FROM forum_posts p JOIN forum_posts q ON q.id = p.parent_id \
                 JOIN memberships sm ON sm.course_id = p.course_id AND sm.user_id = p.author_id AND sm.role IN ('tutor', 'ta') \
                 JOIN memberships st ON st.course_id = p.course_id AND st.user_id = q.author_id AND st.role = 'student' \
                 WHERE p.id > $1 AND p.id <= $2 AND p.deleted_at IS NULL \
                 ON CONFLICT DO NOTHING",
    },
    Source {
        name: "mentions",
        max_id: "SELECT MAX(id) AS m FROM forum_mentions",
        derive: "INSERT INTO contacts (course_id, staff_id, student_id, kind, at, source, source_id, created_at) \
                 SELECT p.course_id, p.author_id, fm.user_id, 'mention', p.created_at, 'derived', fm.id, $3 \
                 FROM forum_mentions fm JOIN forum_posts p ON p.id = fm.post_id \
                 JOIN memberships sm ON sm.course_id = p.course_id AND sm.user_id = p.author_id AND sm.role IN ('tutor', 'ta') \
                 JOIN memberships st ON st.course_id = p.course_id AND st.user_id = fm.user_id AND st.role = 'student' \
                 WHERE fm.id > $1 AND fm.id <= $2 AND p.deleted_at IS NULL \
                 ON CONFLICT DO NOTHING",
    },
    Source {
        name: "shout_outs",
        max_id: "SELECT MAX(id) AS m FROM shout_outs",
        derive: "INSERT INTO contacts (course_id, staff_id, student_id, kind, at, source, source_id, created_at) \
                 SELECT s.course_id, s.from_id, s.to_id, 'shout-out', s.created_at, 'derived', s.id, $3 \
                 FROM shout_outs s \
                 JOIN memberships sm ON sm.course_id = s.course_id AND sm.user_id = s.from_id AND sm.role IN ('tutor', 'ta') \
                 JOIN memberships st ON st.course_id = s.course_id AND st.user_id = s.to_id AND st.role = 'student' \
                 WHERE s.id > $1 AND s.id <= $2 \
                 ON CONFLICT DO NOTHING",
    },
    Source {
        name: "welcomes",
        max_id: "SELECT MAX(id) AS m FROM introduction_replies",
        derive: "INSERT INTO contacts (course_id, staff_id, student_id, kind, at, source, source_id, created_at) \
                 SELECT i.course_id, r.user_id, i.user_id, 'welcome', r.created_at, 'derived', r.id, $3 \
                 FROM introduction_replies r JOIN introductions i ON i.id = r.introduction_id \
                 JOIN memberships sm ON sm.course_id = i.course_id AND sm.user_id = r.user_id AND sm.role IN ('tutor', 'ta') \
                 JOIN memberships st ON st.course_id = i.course_id AND st.user_id = i.user_id AND st.role = 'student' \
                 WHERE r.id > $1 AND r.id <= $2 \
                 ON CONFLICT DO NOTHING",
    },
];

/// Record the contacts found in every source since its watermark. Safe to run twice or
/// side by side: the unique (kind, source, student) index keeps each contact once.
pub async fn derive_contacts(db: &impl ConnectionTrait, now: i64) -> Result<u64, DbErr> {
    let mut found = 0;
    for s in SOURCES {
        let mark: i64 = all(db, "SELECT last_id FROM radar_watermarks WHERE source = $1", vec![s.name.into()])
            .await?
            .first()
            .map(|r| r.try_get("", "last_id"))
            .transpose()?
            .unwrap_or(0);
        let top: Option<i64> =
            all(db, s.max_id, vec![]).await?.first().map(|r| r.try_get("", "m")).transpose()?.flatten();
        let Some(top) = top.filter(|t| *t > mark) else { continue };
        found += exec(db, s.derive, vec![mark.into(), top.into(), now.into()]).await?;
        exec(
            db,
            "INSERT INTO radar_watermarks (source, last_id) VALUES ($1, $2) \
             ON CONFLICT (source) DO UPDATE SET last_id = excluded.last_id",
            vec![s.name.into(), top.into()],
        )
        .await?;
    }
    Ok(found)
}

/// Two people who interacted, and when: replies, mentions, shout-outs, messages, shared
/// published groups and live breakout rooms, and the partner pairings made from
/// "classmates like you". `Tally` keeps only student–student pairs.
const INTERACTIONS: &str = "\
    SELECT p.author_id AS a, q.author_id AS b, p.created_at AS at, 'reply' AS kind FROM forum_posts p \
      JOIN forum_posts q ON q.id = p.parent_id \
      WHERE p.course_id = $1 AND p.deleted_at IS NULL AND p.author_id IS NOT NULL AND q.author_id IS NOT NULL \
    UNION ALL \
    SELECT p.author_id, fm.user_id, p.created_at, 'mention' FROM forum_mentions fm JOIN forum_posts p ON p.id = fm.post_id \
      WHERE p.course_id = $1 AND p.deleted_at IS NULL AND p.author_id IS NOT NULL \
    UNION ALL \
    SELECT s.from_id, s.to_id, s.created_at, 'shout-out' FROM shout_outs s WHERE s.course_id = $1 AND s.from_id IS NOT NULL \
    UNION ALL \
    SELECT m.user_id, cm.user_id, m.created_at, 'message' FROM messages m \
      JOIN conversations cv ON cv.id = m.conversation_id \
      JOIN conversation_members cm ON cm.conversation_id = m.conversation_id AND cm.user_id <> m.user_id \
      WHERE cv.course_id = $1 AND m.user_id IS NOT NULL \
    UNION ALL \
    SELECT a.user_id, b.user_id, COALESCE(gs.published_at, gs.created_at), 'group' FROM group_members a \
      JOIN group_members b ON b.group_id = a.group_id AND b.user_id > a.user_id \
      JOIN course_groups g ON g.id = a.group_id JOIN group_rounds r ON r.id = g.round_id \
      JOIN group_sets gs ON gs.id = r.group_set_id \
      WHERE gs.course_id = $1 AND gs.status = 'published' \
    UNION ALL \
    SELECT a.user_id, b.user_id, COALESCE(st.opened_at, ls.starts_at), 'group' FROM live_room_members a \
      JOIN live_room_members b ON b.room_id = a.room_id AND b.user_id > a.user_id \
      JOIN live_steps st ON st.id = a.step_id JOIN live_sessions ls ON ls.id = st.session_id \
      WHERE ls.course_id = $1 \
    UNION ALL \
    SELECT a_id, b_id, created_at, 'group' FROM like_you_pairings WHERE course_id = $1";

/// What a student did: posts, messages sent, introductions.
const ACTIVITY: &str = "\
    SELECT author_id AS who, created_at AS at, 1 AS post FROM forum_posts \
      WHERE course_id = $1 AND deleted_at IS NULL AND author_id IS NOT NULL \
    UNION ALL \
    SELECT m.user_id, m.created_at, 0 FROM messages m JOIN conversations cv ON cv.id = m.conversation_id \
      WHERE cv.course_id = $1 AND m.user_id IS NOT NULL \
    UNION ALL \
    SELECT user_id, created_at, 0 FROM introductions WHERE course_id = $1";

/// Threads a student started that nobody else has answered.
const OPEN_POSTS: &str = "\
    SELECT p.id AS id, p.thread_id AS thread_id, p.author_id AS who, p.created_at AS at FROM forum_posts p \
    WHERE p.course_id = $1 AND p.opening AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.author_id IS NOT NULL \
      AND NOT EXISTS (SELECT 1 FROM forum_posts r WHERE r.thread_id = p.thread_id AND r.id <> p.id \
                      AND r.deleted_at IS NULL AND r.author_id <> p.author_id)";

/// Recompute the radar rows of one course from the ledger and the course's activity, in
/// a fixed number of statements, and replace the cached rows in one transaction.
pub async fn refresh_course(db: &DatabaseConnection, course_id: i64, now: i64) -> Result<usize, DbErr> {
    let t = Thresholds::default();
    let c = || vec![Value::from(course_id)];
    let (students, interactions, activity, contacts, open, introduced, surveyed, staff, by_hand, groups, settings) = futures::try_join!(
        all(
            db,
            "SELECT u.id AS id, u.name AS name, m.created_at AS joined FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active'",
            c()
        ),
        all(db, INTERACTIONS, c()),
        all(db, ACTIVITY, c()),
        all(db, "SELECT staff_id, student_id, at FROM contacts WHERE course_id = $1", c()),
        all(db, OPEN_POSTS, c()),
        all(db, "SELECT user_id FROM introductions WHERE course_id = $1", c()),
        all(
            db,
            "SELECT r.user_id AS user_id FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.course_id = $1",
            c()
        ),
        all(
            db,
            "SELECT m.user_id AS user_id, u.name AS name FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.course_id = $1 AND m.role IN ('tutor', 'ta') AND m.state = 'active' ORDER BY m.user_id",
            c()
        ),
        all(db, "SELECT student_id, staff_id FROM outreach_assignments WHERE course_id = $1", c()),
        // The latest published round wins: its groups are the ones people meet in now.
        all(
            db,
            "SELECT gm.user_id AS user_id, gm.group_id AS group_id FROM group_members gm \
             JOIN course_groups g ON g.id = gm.group_id JOIN group_rounds r ON r.id = g.round_id \
             JOIN group_sets gs ON gs.id = r.group_set_id \
             WHERE gs.course_id = $1 AND gs.status = 'published' ORDER BY gs.id, r.id",
            c()
        ),
        super::outreach::load(db, course_id),
    )?;

    let mut tally = Tally::new();
    let mut joined = HashMap::new();
    let mut names = HashMap::new();
    for r in &students {
        let id: i64 = r.try_get("", "id")?;
        tally.add_student(id);
        joined.insert(id, r.try_get::<i64>("", "joined")?);
        names.insert(id, r.try_get::<String>("", "name")?);
    }
    for r in &interactions {
        let (a, b, at): (Option<i64>, Option<i64>, i64) =
            (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?);
        if let (Some(a), Some(b)) = (a, b) {
            tally.interaction(a, b, at);
        }
    }
    let mut posts: HashMap<i64, i32> = HashMap::new();
    for r in &activity {
        let (who, at, post): (i64, i64, i32) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?);
        tally.activity(who, at);
        *posts.entry(who).or_default() += post;
    }
    for r in &contacts {
        tally.contact(r.try_get("", "staff_id")?, r.try_get("", "student_id")?, r.try_get("", "at")?);
    }
    let mut open_posts: HashMap<i64, Vec<OpenPost>> = HashMap::new();
    for r in &open {
        open_posts.entry(r.try_get("", "who")?).or_default().push(OpenPost {
            post_id: r.try_get("", "id")?,
            thread_id: r.try_get("", "thread_id")?,
            at: r.try_get("", "at")?,
        });
    }
    let introduced: HashSet<i64> = introduced.iter().map(|r| r.try_get("", "user_id")).collect::<Result<_, _>>()?;
    let surveyed: HashSet<i64> = surveyed.iter().map(|r| r.try_get("", "user_id")).collect::<Result<_, _>>()?;

    let staff_named: Vec<(i64, String)> = staff
        .iter()
        .map(|r| Ok::<_, DbErr>((r.try_get("", "user_id")?, r.try_get("", "name")?)))
        .collect::<Result<_, _>>()?;
    let staff: Vec<i64> = staff_named.iter().map(|s| s.0).collect();
    // The class graph and response times are drawn from the same reads, then cached.
    let mut edges = Vec::with_capacity(interactions.len());
    for r in &interactions {
        let (a, b, at, kind): (Option<i64>, Option<i64>, i64, String) =
            (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?, r.try_get_by_index(3)?);
        if let (Some(a), Some(b)) = (a, b) {
            edges.push(super::graph::Interaction { a, b, at, kind: super::graph::kind_index(&kind) });
        }
    }
    let mut people: Vec<(i64, String, bool)> = names.iter().map(|(id, n)| (*id, n.clone(), false)).collect();
    people.sort_by(|x, y| x.1.cmp(&y.1).then(x.0.cmp(&y.0)));
    people.extend(staff_named.iter().map(|(id, n)| (*id, n.clone(), true)));
    let mut caches = super::graph::draw_all(course_id, &people, &edges, now);
    caches.push((super::response::CACHE_KEY.to_string(), super::response::compute(db, course_id, &staff_named).await?));
    let mut hand = BTreeMap::new();
    for r in &by_hand {
        hand.insert(r.try_get::<i64>("", "student_id")?, r.try_get::<i64>("", "staff_id")?);
    }
    let mut group_of = BTreeMap::new();
    for r in &groups {
        group_of.insert(r.try_get::<i64>("", "user_id")?, r.try_get::<i64>("", "group_id")?);
    }
    let ids: Vec<i64> = joined.keys().copied().collect();
    let owners = outreach::assign(&ids, &staff, &hand, &settings.sharing_rule(group_of));
    let rhythm = i64::from(settings.rhythm_days);

    let mut rows = Vec::with_capacity(joined.len());
    for (&id, &joined_at) in &joined {
        let mut f = tally.facts(id, now, t.isolated_days, 6);
        f.joined_at = joined_at;
        f.introduced = introduced.contains(&id);
        f.open_posts = open_posts.remove(&id).unwrap_or_default();
        let signals = radar::signals(&f, now, &t);
        let due = outreach::due_at(joined_at, f.last_contact.map(|c| c.0), rhythm);
        let keys: String = signals.iter().map(|s| format!(" {}", s.key())).collect::<String>() + " ";
        rows.push(radar_row::ActiveModel {
            course_id: Set(course_id),
            student_id: Set(id),
            name: Set(names.remove(&id).unwrap_or_default()),
            last_contact_at: Set(f.last_contact.map_or(0, |c| c.0)),
            last_contact_by: Set(f.last_contact.map(|c| c.1)),
            last_activity_at: Set(f.last_activity_at.unwrap_or(0)),
            posts: Set(posts.get(&id).copied().unwrap_or(0)),
            peers: Set(f.peers as i32),
            recent_peers: Set(f.recent_peers as i32),
            introduced: Set(f.introduced),
            survey_done: Set(surveyed.contains(&id)),
            signal_keys: Set(keys),
            signals: Set(serde_json::to_string(&signals).unwrap_or_else(|_| "[]".into())),
            refreshed_at: Set(now),
            owner_id: Set(owners.get(&id).copied()),
            due_at: Set(due),
            queue_order: Set(outreach::queue_order(due, signals.len())),
            ..Default::default()
        });
    }
    let n = rows.len();
    let txn = db.begin().await?;
    radar_row::Entity::delete_many().filter(radar_row::Column::CourseId.eq(course_id)).exec(&txn).await?;
    // Chunks keep each statement under SQLite's limit on bound values.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(200).collect();
        radar_row::Entity::insert_many(chunk)
            .on_conflict(
                OnConflict::columns([radar_row::Column::CourseId, radar_row::Column::StudentId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    super::graph::store(&txn, course_id, caches, now).await?;
    txn.commit().await?;
    Ok(n)
}
