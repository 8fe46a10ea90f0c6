//! Every statement of breakouts, values always bound: the rooms of a step (or of a whole
//! session, for the summary) read in one statement, saving a plan, calls for the tutor,
//! the rooms' video names, and the rooms of a course as encounter history (decision 0027).

use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use crate::db::sql::stmt;

use super::breakouts::{Call, Room};
use crate::groups::planning::PlannedGroup;

/// The columns of a room with each member, one row per member (a room with nobody left
/// in it still has its row).
macro_rules! room_select {
    () => {
        "SELECT r.step_id AS step_id, r.id AS id, r.number AS number, r.facilitator_id AS facilitator_id, r.video AS video, \
         m.user_id AS user_id, u.name AS name FROM live_rooms r \
         LEFT JOIN live_room_members m ON m.room_id = r.id LEFT JOIN users u ON u.id = m.user_id "
    };
}

/// Rows of `room_select!` (ordered by step, room, name) into rooms by step.
fn collect(rows: &[QueryResult]) -> Result<Vec<(i64, Room)>, DbErr> {
    let mut out: Vec<(i64, Room)> = vec![];
    for r in rows {
        let step: i64 = r.try_get("", "step_id")?;
        let id: i64 = r.try_get("", "id")?;
        if out.last().is_none_or(|(_, room)| room.id != id) {
            out.push((
                step,
                Room {
                    id,
                    number: r.try_get("", "number")?,
                    facilitator_id: r.try_get("", "facilitator_id")?,
                    video: r.try_get("", "video")?,
                    members: vec![],
                },
            ));
        }
        let user: Option<i64> = r.try_get("", "user_id")?;
        let name: Option<String> = r.try_get("", "name")?;
        if let (Some(u), Some(n), Some((_, room))) = (user, name, out.last_mut()) {
            room.members.push((u, n));
        }
    }
    Ok(out)
}

/// The rooms of one breakout step, in one statement.
pub async fn rooms(db: &impl ConnectionTrait, step_id: i64) -> Result<Vec<Room>, DbErr> {
    let sql = concat!(room_select!(), "WHERE r.step_id = $1 ORDER BY r.step_id, r.number, r.id, u.name, m.user_id");
    let rows = db.query_all_raw(stmt(db, sql, vec![step_id.into()])).await?;
    Ok(collect(&rows)?.into_iter().map(|(_, r)| r).collect())
}

/// The rooms of every breakout of a session (the summary), in one statement.
pub async fn session_rooms(db: &impl ConnectionTrait, session_id: i64) -> Result<Vec<(i64, Room)>, DbErr> {
    let sql = concat!(room_select!(), "WHERE r.session_id = $1 ORDER BY r.step_id, r.number, r.id, u.name, m.user_id");
    collect(&db.query_all_raw(stmt(db, sql, vec![session_id.into()])).await?)
}

/// Whether a step has its rooms already (opening it again changes nothing).
pub async fn planned(db: &impl ConnectionTrait, step_id: i64) -> Result<bool, DbErr> {
    let r = db
        .query_one_raw(stmt(db, "SELECT COUNT(*) AS n FROM live_rooms WHERE step_id = $1", vec![step_id.into()]))
        .await?;
    Ok(r.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0) > 0)
}

/// Store a plan's rooms (call inside the transaction that opens the step).
pub async fn save(
    db: &impl ConnectionTrait,
    session_id: i64,
    step_id: i64,
    groups: &[PlannedGroup],
) -> Result<(), DbErr> {
    let mut rows = vec![];
    for (i, g) in groups.iter().enumerate() {
        let r = db
            .query_one_raw(stmt(
                db,
                "INSERT INTO live_rooms (step_id, session_id, number, facilitator_id, video) VALUES ($1, $2, $3, $4, '') RETURNING id",
                vec![step_id.into(), session_id.into(), (i as i32 + 1).into(), g.facilitator.into()],
            ))
            .await?
            .ok_or_else(|| DbErr::Custom("no id returned".into()))?;
        rows.extend(g.members.iter().map(|u| (r.try_get::<i64>("", "id"), *u)));
    }
    // Members in a few multi-row statements built by SeaQuery (values bound), not one each.
    use sea_orm::sea_query::Query;
    let rows: Vec<(i64, i64)> = rows.into_iter().map(|(r, u)| r.map(|r| (r, u))).collect::<Result<_, _>>()?;
    for chunk in rows.chunks(300) {
        let mut q = Query::insert();
        q.into_table("live_room_members").columns(["room_id", "step_id", "user_id"]);
        for (room, user) in chunk {
            q.values_panic([(*room).into(), step_id.into(), (*user).into()]);
        }
        db.execute(&q).await?;
    }
    Ok(())
}

/// Set each room's video name or link, room 1 first.
pub async fn set_videos(db: &impl ConnectionTrait, step_id: i64, videos: &[String]) -> Result<(), DbErr> {
    db.execute_raw(stmt(db, "UPDATE live_rooms SET video = '' WHERE step_id = $1", vec![step_id.into()])).await?;
    for (i, v) in videos.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
        db.execute_raw(stmt(
            db,
            "UPDATE live_rooms SET video = $1 WHERE step_id = $2 AND number = $3",
            vec![v.clone().into(), step_id.into(), (i as i32 + 1).into()],
        ))
        .await?;
    }
    Ok(())
}

/// Ask for the tutor; `false` when already asked (asking twice changes nothing).
pub async fn call(
    db: &impl ConnectionTrait,
    session_id: i64,
    step_id: i64,
    user_id: i64,
    now: i64,
) -> Result<bool, DbErr> {
    let r = db
        .execute_raw(stmt(
            db,
            "INSERT INTO live_calls (step_id, session_id, user_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (step_id, user_id) DO NOTHING",
            vec![step_id.into(), session_id.into(), user_id.into(), now.into()],
        ))
        .await?;
    Ok(r.rows_affected() > 0)
}

/// Clear one person's call, or every call of the step (`None`).
pub async fn clear(db: &impl ConnectionTrait, step_id: i64, user_id: Option<i64>) -> Result<bool, DbErr> {
    let r = match user_id {
        Some(u) => {
            db.execute_raw(stmt(
                db,
                "DELETE FROM live_calls WHERE step_id = $1 AND user_id = $2",
                vec![step_id.into(), u.into()],
            ))
            .await?
        }
        None => db.execute_raw(stmt(db, "DELETE FROM live_calls WHERE step_id = $1", vec![step_id.into()])).await?,
    };
    Ok(r.rows_affected() > 0)
}

/// The open calls of a step, oldest first.
pub async fn calls(db: &impl ConnectionTrait, step_id: i64) -> Result<Vec<Call>, DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT c.user_id AS user_id, u.name AS name, c.created_at AS at FROM live_calls c \
             JOIN users u ON u.id = c.user_id WHERE c.step_id = $1 ORDER BY c.created_at, c.id",
            vec![step_id.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Call { user_id: r.try_get("", "user_id")?, name: r.try_get("", "name")?, at: r.try_get("", "at")? })
        })
        .collect()
}

/// Every breakout room of a course as (members, facilitator): encounter history beside
/// the published group sets, in one statement.
pub async fn course_rooms(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<(Vec<i64>, Option<i64>)>, DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT r.id AS id, r.facilitator_id AS facilitator_id, m.user_id AS user_id FROM live_rooms r \
             JOIN live_sessions s ON s.id = r.session_id JOIN live_room_members m ON m.room_id = r.id \
             WHERE s.course_id = $1 ORDER BY r.id, m.user_id",
            vec![course_id.into()],
        ))
        .await?;
    let mut out: Vec<(i64, Vec<i64>, Option<i64>)> = vec![];
    for r in &rows {
        let id: i64 = r.try_get("", "id")?;
        let user: i64 = r.try_get("", "user_id")?;
        match out.last_mut() {
            Some(last) if last.0 == id => last.1.push(user),
            _ => out.push((id, vec![user], r.try_get("", "facilitator_id")?)),
        }
    }
    Ok(out.into_iter().map(|(_, m, f)| (m, f)).collect())
}

/// The published group sets' rounds a breakout may use: (round id, set title, number).
pub async fn rounds_to_choose(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<(i64, String, i32)>, DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT r.id AS id, s.title AS title, r.number AS number FROM group_rounds r \
             JOIN group_sets s ON s.id = r.group_set_id WHERE s.course_id = $1 AND s.status = 'published' \
             ORDER BY s.id DESC, r.number LIMIT 100",
            vec![course_id.into()],
        ))
        .await?;
    rows.iter().map(|r| Ok((r.try_get("", "id")?, r.try_get("", "title")?, r.try_get("", "number")?))).collect()
}

/// The rooms of the breakout on screen now in a running session, as (room id, number,
/// members), and the step's id: for seating a latecomer, in one statement. Empty when no
/// breakout with rooms is on screen.
pub async fn open_rooms(db: &impl ConnectionTrait, session_id: i64) -> Result<(i64, Vec<(i64, i32, Vec<i64>)>), DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT r.step_id AS step_id, r.id AS id, r.number AS number, m.user_id AS user_id FROM live_sessions s \
             JOIN live_rooms r ON r.step_id = s.step_id LEFT JOIN live_room_members m ON m.room_id = r.id \
             WHERE s.id = $1 AND s.state = 'running' ORDER BY r.number, r.id, m.user_id",
            vec![session_id.into()],
        ))
        .await?;
    let mut step = 0;
    let mut out: Vec<(i64, i32, Vec<i64>)> = vec![];
    for r in &rows {
        step = r.try_get("", "step_id")?;
        let id: i64 = r.try_get("", "id")?;
        if out.last().is_none_or(|room| room.0 != id) {
            out.push((id, r.try_get("", "number")?, vec![]));
        }
        if let (Some(u), Some(room)) = (r.try_get::<Option<i64>>("", "user_id")?, out.last_mut()) {
            room.2.push(u);
        }
    }
    Ok((step, out))
}

/// Everyone a person has shared a breakout room with in this course (their encounter
/// history from live sessions), in one statement.
pub async fn met_in_rooms(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<Vec<i64>, DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT DISTINCT o.user_id AS user_id FROM live_room_members m \
             JOIN live_rooms r ON r.id = m.room_id JOIN live_sessions s ON s.id = r.session_id \
             JOIN live_room_members o ON o.room_id = m.room_id \
             WHERE m.user_id = $1 AND s.course_id = $2 AND o.user_id <> $1",
            vec![user_id.into(), course_id.into()],
        ))
        .await?;
    rows.iter().map(|r| r.try_get("", "user_id")).collect()
}

/// Put an active student of the course in a room of a step; `false` when they are not
/// one, or already have a room there (two sockets at once seat them once).
pub async fn seat(
    db: &impl ConnectionTrait,
    course_id: i64,
    step_id: i64,
    room_id: i64,
    user_id: i64,
) -> Result<bool, DbErr> {
    let r = db
        .execute_raw(stmt(
            db,
            "INSERT INTO live_room_members (room_id, step_id, user_id) SELECT $1, $2, $3 WHERE EXISTS \
             (SELECT 1 FROM memberships WHERE course_id = $4 AND user_id = $3 AND role = $5 AND state = $6) \
             ON CONFLICT (step_id, user_id) DO NOTHING",
            vec![
                room_id.into(),
                step_id.into(),
                user_id.into(),
                course_id.into(),
                crate::policy::Role::Student.as_str().into(),
                crate::policy::MemberState::Active.as_str().into(),
            ],
        ))
        .await?;
    Ok(r.rows_affected() > 0)
}
