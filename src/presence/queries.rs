//! The radar's reads and writes. Every statement is written out with bound values (`$1`
//! is a bound value on both databases). Deriving contacts and refreshing the cached rows
//! happen in the `presence.refresh` job; pages only read what it wrote.

use std::collections::{BTreeMap, HashMap, HashSet};

use homeroom_presence::outreach;
use homeroom_presence::radar::{self, DAY, Facts, OpenPost, Thresholds, WEEK};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait, Value};

use crate::db::entity::radar_row;
use crate::db::sql::{all, exec};

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

/// Threads a student started that nobody else has answered.
const OPEN_POSTS: &str = "\
    SELECT p.id AS id, p.thread_id AS thread_id, p.author_id AS who, p.created_at AS at FROM forum_posts p \
    WHERE p.course_id = $1 AND p.opening AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.author_id IS NOT NULL \
      AND NOT EXISTS (SELECT 1 FROM forum_posts r WHERE r.thread_id = p.thread_id AND r.id <> p.id \
                      AND r.deleted_at IS NULL AND r.author_id <> p.author_id)";

/// What the rules need of every active student, one row each (`$2`: the start of the
/// isolation window; `$3`: the oldest of the weeks shown). One statement rather than one
/// per fact: the database joins the per-person totals, and only one row per student
/// crosses to us (on SQLite each row is handed over from the connection's thread, which
/// made four lists of 10,000 rows most of the refresh's time, decision 0039).
///
/// - `peers` counts every member, and `not_classmates` takes off the pairs with the
///   teaching team and inactive members (read through the pair indexes);
/// - `recent`: distinct active classmates interacted with since `$2`; only the pairs
///   active in that window are read (`radar_pairs_recent`). The `+` keeps SQLite 3.51
///   from pushing the membership test into the pairs as an index lookup per member,
///   which read every pair of the course (1.3 s at 10,000 students, against 0.3 s);
/// - `w0`..`w5`: actions per week, oldest first;
/// - the latest personal contact (ties to the latest recorded), through `contacts_latest`.
const STUDENT_FACTS: &str = "\
    SELECT u.id AS id, u.name AS name, m.created_at AS joined, \
      COALESCE(rp.peers, 0) AS peers, COALESCE(nc.n, 0) AS not_classmates, COALESCE(rp.posts, 0) AS posts, \
      rp.last_activity_at AS last_activity_at, COALESCE(r.n, 0) AS recent, \
      COALESCE(w.w0, 0) AS w0, COALESCE(w.w1, 0) AS w1, COALESCE(w.w2, 0) AS w2, \
      COALESCE(w.w3, 0) AS w3, COALESCE(w.w4, 0) AS w4, COALESCE(w.w5, 0) AS w5, \
      c.at AS contact_at, c.staff_id AS contact_by, \
      CASE WHEN EXISTS (SELECT 1 FROM introductions i WHERE i.course_id = $1 AND i.user_id = m.user_id) \
        THEN 1 ELSE 0 END AS introduced, \
      CASE WHEN EXISTS (SELECT 1 FROM surveys s JOIN survey_responses sr ON sr.survey_id = s.id \
        WHERE s.course_id = $1 AND sr.user_id = m.user_id) THEN 1 ELSE 0 END AS surveyed \
    FROM memberships m JOIN users u ON u.id = m.user_id \
    LEFT JOIN radar_people rp ON rp.course_id = m.course_id AND rp.user_id = m.user_id \
    LEFT JOIN (SELECT x.who AS who, COUNT(*) AS n FROM (\
        SELECT p.b_id AS who FROM radar_pairs p WHERE p.course_id = $1 AND p.a_id IN (\
          SELECT user_id FROM memberships WHERE course_id = $1 AND NOT (role = 'student' AND state = 'active')) \
        UNION ALL \
        SELECT p.a_id FROM radar_pairs p WHERE p.course_id = $1 AND p.b_id IN (\
          SELECT user_id FROM memberships WHERE course_id = $1 AND NOT (role = 'student' AND state = 'active'))) x \
      GROUP BY x.who) nc ON nc.who = m.user_id \
    LEFT JOIN (SELECT x.who AS who, COUNT(*) AS n FROM (\
        SELECT a_id AS who, b_id AS other FROM radar_pairs WHERE course_id = $1 AND last_at >= $2 \
        UNION ALL \
        SELECT b_id, a_id FROM radar_pairs WHERE course_id = $1 AND last_at >= $2) x \
      WHERE +x.other IN (SELECT user_id FROM memberships WHERE course_id = $1 AND role = 'student' AND state = 'active') \
      GROUP BY x.who) r ON r.who = m.user_id \
    LEFT JOIN (SELECT user_id, \
        CAST(SUM(CASE WHEN week = $3 THEN actions ELSE 0 END) AS BIGINT) AS w0, \
        CAST(SUM(CASE WHEN week = $3 + 1 THEN actions ELSE 0 END) AS BIGINT) AS w1, \
        CAST(SUM(CASE WHEN week = $3 + 2 THEN actions ELSE 0 END) AS BIGINT) AS w2, \
        CAST(SUM(CASE WHEN week = $3 + 3 THEN actions ELSE 0 END) AS BIGINT) AS w3, \
        CAST(SUM(CASE WHEN week = $3 + 4 THEN actions ELSE 0 END) AS BIGINT) AS w4, \
        CAST(SUM(CASE WHEN week = $3 + 5 THEN actions ELSE 0 END) AS BIGINT) AS w5 \
      FROM radar_weeks WHERE course_id = $1 AND week >= $3 GROUP BY user_id) w ON w.user_id = m.user_id \
    LEFT JOIN contacts c ON c.id = (SELECT l.id FROM contacts l WHERE l.course_id = $1 AND l.student_id = m.user_id \
      ORDER BY l.at DESC, l.id DESC LIMIT 1) \
    WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active'";

/// How many weeks of activity "gone quiet" compares (`w0`..`w5` above).
const WEEKS_SHOWN: usize = 6;

/// Recompute the radar rows of one course from the running totals the triggers keep
/// (decision 0036) and the ledger, in a fixed number of statements sized by the class,
/// not by the course's history, and write the rows that changed in one transaction.
pub async fn refresh_course(db: &DatabaseConnection, course_id: i64, now: i64) -> Result<usize, DbErr> {
    let started = std::time::Instant::now();
    let t = Thresholds::default();
    let c = || vec![Value::from(course_id)];
    let this_week = now.div_euclid(WEEK);
    let (students, open, staff, by_hand, groups, settings) = futures::try_join!(
        all(
            db,
            STUDENT_FACTS,
            vec![course_id.into(), (now - t.isolated_days * DAY).into(), (this_week - (WEEKS_SHOWN as i64 - 1)).into()]
        ),
        all(db, OPEN_POSTS, c()),
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

    let read = started.elapsed();
    let mut facts: HashMap<i64, Facts> = HashMap::with_capacity(students.len());
    let mut names = HashMap::with_capacity(students.len());
    let mut posts: HashMap<i64, i64> = HashMap::with_capacity(students.len());
    let mut surveyed: HashSet<i64> = HashSet::new();
    for r in &students {
        let id: i64 = r.try_get("", "id")?;
        let peers = r.try_get::<i64>("", "peers")? - r.try_get::<i64>("", "not_classmates")?;
        let weekly_activity = (0..WEEKS_SHOWN)
            .map(|i| Ok(u32::try_from(r.try_get::<i64>("", &format!("w{i}"))?).unwrap_or(0)))
            .collect::<Result<Vec<u32>, DbErr>>()?;
        let contact_at: Option<i64> = r.try_get("", "contact_at")?;
        let contact_by: Option<i64> = r.try_get("", "contact_by")?;
        facts.insert(
            id,
            Facts {
                joined_at: r.try_get("", "joined")?,
                peers: usize::try_from(peers).unwrap_or(0),
                recent_peers: usize::try_from(r.try_get::<i64>("", "recent")?).unwrap_or(0),
                last_activity_at: r.try_get("", "last_activity_at")?,
                weekly_activity,
                last_contact: contact_at.zip(contact_by),
                introduced: r.try_get::<i32>("", "introduced")? != 0,
                ..Facts::default()
            },
        );
        names.insert(id, r.try_get::<String>("", "name")?);
        posts.insert(id, r.try_get("", "posts")?);
        if r.try_get::<i32>("", "surveyed")? != 0 {
            surveyed.insert(id);
        }
    }
    for r in &open {
        if let Some(f) = facts.get_mut(&r.try_get::<i64>("", "who")?) {
            f.open_posts.push(OpenPost {
                post_id: r.try_get("", "id")?,
                thread_id: r.try_get("", "thread_id")?,
                at: r.try_get("", "at")?,
            });
        }
    }

    let staff: Vec<i64> = staff.iter().map(|r| r.try_get("", "user_id")).collect::<Result<_, _>>()?;
    let mut hand = BTreeMap::new();
    for r in &by_hand {
        hand.insert(r.try_get::<i64>("", "student_id")?, r.try_get::<i64>("", "staff_id")?);
    }
    let mut group_of = BTreeMap::new();
    for r in &groups {
        group_of.insert(r.try_get::<i64>("", "user_id")?, r.try_get::<i64>("", "group_id")?);
    }
    let ids: Vec<i64> = facts.keys().copied().collect();
    let owners = outreach::assign(&ids, &staff, &hand, &settings.sharing_rule(group_of));
    let rhythm = i64::from(settings.rhythm_days);

    let mut rows = Vec::with_capacity(facts.len());
    for (id, f) in facts {
        let signals = radar::signals(&f, now, &t);
        let due = outreach::due_at(f.joined_at, f.last_contact.map(|c| c.0), rhythm);
        let keys: String = signals.iter().map(|s| format!(" {}", s.key())).collect::<String>() + " ";
        rows.push(radar_row::Model {
            id: 0,
            course_id,
            student_id: id,
            name: names.remove(&id).unwrap_or_default(),
            last_contact_at: f.last_contact.map_or(0, |c| c.0),
            last_contact_by: f.last_contact.map(|c| c.1),
            last_activity_at: f.last_activity_at.unwrap_or(0),
            posts: posts.get(&id).copied().unwrap_or(0).clamp(0, i64::from(i32::MAX)) as i32,
            peers: f.peers as i32,
            recent_peers: f.recent_peers as i32,
            introduced: f.introduced,
            survey_done: surveyed.contains(&id),
            signal_keys: keys,
            signals: serde_json::to_string(&signals).unwrap_or_else(|_| "[]".into()),
            refreshed_at: now,
            owner_id: owners.get(&id).copied(),
            due_at: due,
            queue_order: outreach::queue_order(due, signals.len()),
        });
    }
    let n = rows.len();
    let ruled = started.elapsed();
    let txn = db.begin().await?;
    let written = super::rows::store(&txn, course_id, &rows, now).await?;
    txn.commit().await?;
    tracing::debug!(
        course_id,
        students = n,
        written,
        read_ms = read.as_millis() as u64,
        rules_ms = (ruled - read).as_millis() as u64,
        write_ms = (started.elapsed() - ruled).as_millis() as u64,
        "radar rows refreshed"
    );
    Ok(n)
}

/// Draw the class graph (every filter) from the pairs, and compute the response times,
/// then replace the course's caches: the `presence.insight` job, apart from the radar rows
/// so they never wait for a drawing.
pub async fn refresh_insight(db: &DatabaseConnection, course_id: i64, now: i64) -> Result<usize, DbErr> {
    let c = || vec![Value::from(course_id)];
    let (people, staff, pairs) = futures::try_join!(
        all(
            db,
            "SELECT u.id AS id, u.name AS name FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' ORDER BY u.name, u.id",
            c()
        ),
        all(
            db,
            "SELECT m.user_id AS user_id, u.name AS name FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.course_id = $1 AND m.role IN ('tutor', 'ta') AND m.state = 'active' ORDER BY m.user_id",
            c()
        ),
        all(
            db,
            "SELECT a_id, b_id, n, last_at, reply_at, mention_at, shout_at, message_at, group_at FROM radar_pairs \
             WHERE course_id = $1",
            c()
        ),
    )?;
    let staff_named: Vec<(i64, String)> = staff
        .iter()
        .map(|r| Ok::<_, DbErr>((r.try_get("", "user_id")?, r.try_get("", "name")?)))
        .collect::<Result<_, _>>()?;
    let mut everyone: Vec<(i64, String, bool)> = people
        .iter()
        .map(|r| Ok::<_, DbErr>((r.try_get("", "id")?, r.try_get("", "name")?, false)))
        .collect::<Result<_, _>>()?;
    everyone.extend(staff_named.iter().map(|(id, n)| (*id, n.clone(), true)));
    let mut list = Vec::with_capacity(pairs.len());
    for r in &pairs {
        let mut last = [None; 6];
        last[0] = Some(r.try_get_by_index::<i64>(3)?);
        for (k, slot) in last.iter_mut().enumerate().skip(1) {
            *slot = r.try_get_by_index::<Option<i64>>(k + 3)?;
        }
        list.push(super::graph::Pair {
            a: r.try_get_by_index(0)?,
            b: r.try_get_by_index(1)?,
            n: u32::try_from(r.try_get_by_index::<i64>(2)?).unwrap_or(u32::MAX),
            last,
        });
    }
    let mut caches = super::graph::draw_all(course_id, &everyone, &list, now);
    caches.push((super::response::CACHE_KEY.to_string(), super::response::compute(db, course_id, &staff_named).await?));
    let n = caches.len();
    let txn = db.begin().await?;
    super::graph::store(&txn, course_id, caches, now).await?;
    txn.commit().await?;
    Ok(n)
}

/// A person's running totals (privacy): their pairs, then their counters and weeks. The
/// pairs are found through the courses they have totals in, not by scanning every pair.
pub async fn erase_totals(db: &impl ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    let u = || vec![Value::from(user_id)];
    for sql in [
        "DELETE FROM radar_pairs WHERE course_id IN (SELECT course_id FROM radar_people WHERE user_id = $1) AND a_id = $1",
        "DELETE FROM radar_pairs WHERE course_id IN (SELECT course_id FROM radar_people WHERE user_id = $1) AND b_id = $1",
        "DELETE FROM radar_people WHERE user_id = $1",
        "DELETE FROM radar_weeks WHERE user_id = $1",
    ] {
        exec(db, sql, u()).await?;
    }
    Ok(())
}

/// A person's running totals, for their export: whom they interacted with (ids and
/// when), their counts and their weekly activity.
pub async fn export_totals(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<serde_json::Value, DbErr> {
    use serde_json::json;
    let u = || vec![Value::from(user_id)];
    let rows = match table {
        "radar_pairs" => all(
            db,
            "SELECT course_id, CASE WHEN a_id = $1 THEN b_id ELSE a_id END AS other, first_at, last_at, n FROM radar_pairs \
             WHERE course_id IN (SELECT course_id FROM radar_people WHERE user_id = $1) AND (a_id = $1 OR b_id = $1) \
             ORDER BY course_id, other",
            u(),
        )
        .await?
        .iter()
        .map(|r| {
            Ok(json!({
                "course_id": r.try_get::<i64>("", "course_id")?, "with_user_id": r.try_get::<i64>("", "other")?,
                "first_at": r.try_get::<i64>("", "first_at")?, "last_at": r.try_get::<i64>("", "last_at")?,
                "interactions": r.try_get::<i64>("", "n")?,
            }))
        })
        .collect::<Result<Vec<_>, DbErr>>()?,
        "radar_people" => all(
            db,
            "SELECT course_id, peers, posts, last_activity_at FROM radar_people WHERE user_id = $1 ORDER BY course_id",
            u(),
        )
        .await?
        .iter()
        .map(|r| {
            Ok(json!({
                "course_id": r.try_get::<i64>("", "course_id")?, "people_interacted_with": r.try_get::<i64>("", "peers")?,
                "posts": r.try_get::<i64>("", "posts")?, "last_activity_at": r.try_get::<Option<i64>>("", "last_activity_at")?,
            }))
        })
        .collect::<Result<Vec<_>, DbErr>>()?,
        _ => all(db, "SELECT course_id, week, actions FROM radar_weeks WHERE user_id = $1 ORDER BY course_id, week", u())
            .await?
            .iter()
            .map(|r| {
                Ok(json!({
                    "course_id": r.try_get::<i64>("", "course_id")?, "week": r.try_get::<i64>("", "week")?,
                    "actions": r.try_get::<i64>("", "actions")?,
                }))
            })
            .collect::<Result<Vec<_>, DbErr>>()?,
    };
    Ok(serde_json::Value::Array(rows))
}
