//! Reads and writes of check-ins. Every statement binds its values. Booking a place is
//! an INSERT with ON CONFLICT DO NOTHING on the unique (staff, start, seat) index: of two
//! people asking for the last place at once, exactly one row is written, on either
//! database, without a check-then-insert race.

use homeroom_booking::{Booking, Slot, open_slots};
use jiff::Timestamp;
use sea_orm::sea_query::{ExprTrait, OnConflict};

use crate::db::sql::stmt;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::rules::{Offer, availability};
use crate::db::entity::{booking, booking_feed, booking_offer, user};

const DAY_MS: i64 = 24 * 3_600_000;

pub async fn offer(
    db: &impl ConnectionTrait,
    course_id: i64,
    staff_id: i64,
) -> Result<Option<booking_offer::Model>, DbErr> {
    booking_offer::Entity::find()
        .filter(booking_offer::Column::CourseId.eq(course_id))
        .filter(booking_offer::Column::StaffId.eq(staff_id))
        .one(db)
        .await
}

/// Save what a member of staff offers (their zone is the one in their account now).
pub async fn save_offer(
    db: &impl ConnectionTrait,
    course_id: i64,
    staff_id: i64,
    zone: &str,
    o: &Offer,
    now: i64,
) -> Result<(), DbErr> {
    let existing = offer(db, course_id, staff_id).await?;
    let mut m = match existing {
        Some(e) => e.into(),
        None => booking_offer::ActiveModel { course_id: Set(course_id), staff_id: Set(staff_id), ..Default::default() },
    };
    m.time_zone = Set(zone.to_string());
    m.windows = Set(o.windows.clone());
    m.exceptions = Set(o.exceptions.clone());
    m.length_minutes = Set(o.length_minutes);
    m.buffer_before_minutes = Set(o.buffer_before_minutes);
    m.buffer_after_minutes = Set(o.buffer_after_minutes);
    m.notice_minutes = Set(o.notice_minutes);
    m.horizon_days = Set(o.horizon_days);
    m.per_day = Set(o.per_day);
    m.per_week = Set(o.per_week);
    m.capacity = Set(o.capacity);
    m.cutoff_minutes = Set(o.cutoff_minutes);
    m.place = Set(o.place.clone());
    m.open = Set(o.open);
    m.updated_at = Set(now);
    m.save(db).await?;
    Ok(())
}

/// The open offers of a course with the staff member's name, staff still in the course.
pub async fn open_offers(
    db: &impl ConnectionTrait,
    course_id: i64,
) -> Result<Vec<(booking_offer::Model, String)>, DbErr> {
    let rows = db
        .query_all_raw(stmt(
            db,
            "SELECT o.id, u.name FROM booking_offers o JOIN users u ON u.id = o.staff_id \
             JOIN memberships m ON m.course_id = o.course_id AND m.user_id = o.staff_id \
               AND m.role IN ('tutor', 'ta') AND m.state = 'active' \
             WHERE o.course_id = $1 AND o.open = $2 ORDER BY u.name, o.id LIMIT 20",
            vec![course_id.into(), true.into()],
        ))
        .await?;
    let names: Vec<(i64, String)> =
        rows.iter().map(|r| Ok((r.try_get("", "id")?, r.try_get("", "name")?))).collect::<Result<_, DbErr>>()?;
    if names.is_empty() {
        return Ok(vec![]);
    }
    let offers = booking_offer::Entity::find()
        .filter(booking_offer::Column::Id.is_in(names.iter().map(|n| n.0)))
        .all(db)
        .await?;
    Ok(names
        .into_iter()
        .filter_map(|(id, name)| offers.iter().find(|o| o.id == id).cloned().map(|o| (o, name)))
        .collect())
}

/// Booked places of these staff members between two instants.
pub async fn taken(
    db: &impl ConnectionTrait,
    staff: &[i64],
    from: i64,
    until: i64,
) -> Result<Vec<booking::Model>, DbErr> {
    if staff.is_empty() {
        return Ok(vec![]);
    }
    booking::Entity::find()
        .filter(booking::Column::StaffId.is_in(staff.iter().copied()))
        .filter(booking::Column::Status.eq("booked"))
        .filter(booking::Column::StartsAt.gte(from))
        .filter(booking::Column::StartsAt.lt(until))
        .order_by_asc(booking::Column::StartsAt)
        .limit(5000)
        .all(db)
        .await
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The open slots of one offer, given every place taken with its staff member.
pub fn slots_of(o: &booking_offer::Model, taken: &[booking::Model], now: i64) -> Vec<Slot> {
    let bookings: Vec<Booking> = taken
        .iter()
        .filter(|b| b.staff_id == o.staff_id)
        .map(|b| Booking { start: ts(b.starts_at), end: ts(b.ends_at), attendees: 1 })
        .collect();
    open_slots(&availability(o), &bookings, ts(now))
}

/// The window of bookings that can matter for an offer's slots.
pub fn window(o: &booking_offer::Model, now: i64) -> (i64, i64) {
    (now - 2 * DAY_MS, now + (i64::from(o.horizon_days) + 2) * DAY_MS)
}

/// Why a booking did not happen.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not an open slot (any more): taken, too soon, outside the hours.
    Gone,
    /// The student already has a place in this slot.
    AlreadyIn,
}

/// Take a place in the slot starting at `start` with `o`'s staff member. The row is
/// written in the caller's transaction; `uid`/`sequence` carry over when moving.
pub async fn take_place(
    db: &impl ConnectionTrait,
    o: &booking_offer::Model,
    slot: &Slot,
    student_id: i64,
    topic: &str,
    (uid, sequence): (&str, i32),
    now: i64,
) -> Result<Option<booking::Model>, DbErr> {
    let first = o.capacity - slot.places_left as i32;
    for seat in std::cmp::max(first, 0)..o.capacity {
        let row = booking::ActiveModel {
            course_id: Set(o.course_id),
            staff_id: Set(o.staff_id),
            student_id: Set(student_id),
            starts_at: Set(slot.start.as_millisecond()),
            ends_at: Set(slot.end.as_millisecond()),
            seat: Set(Some(seat)),
            topic: Set(topic.to_string()),
            status: Set("booked".into()),
            uid: Set(uid.to_string()),
            sequence: Set(sequence),
            place: Set(o.place.clone()),
            note: Set(None),
            follow_up: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let n = booking::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([booking::Column::StaffId, booking::Column::StartsAt, booking::Column::Seat])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        if n == 1 {
            return booking::Entity::find()
                .filter(booking::Column::StaffId.eq(o.staff_id))
                .filter(booking::Column::StartsAt.eq(slot.start.as_millisecond()))
                .filter(booking::Column::Seat.eq(seat))
                .one(db)
                .await;
        }
    }
    Ok(None)
}

/// Wait for this member of staff's turn: the first statement of a booking transaction.
/// The upsert takes the row lock of the staff member's counter on PostgreSQL (a second
/// booking for them waits here until the first commits) and the write lock on SQLite, so
/// the slots computed after it (limits per day and week, buffers) see every booking
/// already made. Bookings for other people do not wait on PostgreSQL.
pub async fn take_turn(db: &impl ConnectionTrait, staff_id: i64) -> Result<(), DbErr> {
    db.execute_raw(stmt(
        db,
        "INSERT INTO booking_turns (staff_id, turns) VALUES ($1, 1) \
         ON CONFLICT (staff_id) DO UPDATE SET turns = booking_turns.turns + 1",
        vec![staff_id.into()],
    ))
    .await?;
    Ok(())
}

/// Find the open slot starting at `start` for a student, or why not.
pub async fn find_slot(
    db: &impl ConnectionTrait,
    o: &booking_offer::Model,
    student_id: i64,
    start: i64,
    now: i64,
) -> Result<Result<Slot, Refused>, DbErr> {
    let (from, until) = window(o, now);
    let taken = taken(db, &[o.staff_id], from, until).await?;
    if taken.iter().any(|b| b.starts_at == start && b.student_id == student_id) {
        return Ok(Err(Refused::AlreadyIn));
    }
    Ok(slots_of(o, &taken, now).into_iter().find(|s| s.start.as_millisecond() == start).ok_or(Refused::Gone))
}

pub async fn booking_in(db: &impl ConnectionTrait, course_id: i64, id: i64) -> Result<Option<booking::Model>, DbErr> {
    booking::Entity::find_by_id(id).filter(booking::Column::CourseId.eq(course_id)).one(db).await
}

/// Give the place back: cancelled or moved. Conditional on still being booked, so a
/// double click changes (and emails) once. Returns whether this call changed it.
pub async fn release(db: &impl ConnectionTrait, b: &booking::Model, status: &str, now: i64) -> Result<bool, DbErr> {
    let r = db
        .execute_raw(stmt(
            db,
            "UPDATE bookings SET status = $1, seat = NULL, sequence = sequence + 1, updated_at = $2 \
             WHERE id = $3 AND status = 'booked'",
            vec![status.into(), now.into(), b.id.into()],
        ))
        .await?;
    Ok(r.rows_affected() == 1)
}

/// A student's upcoming places in a course.
pub async fn upcoming_for_student(
    db: &impl ConnectionTrait,
    course_id: i64,
    student_id: i64,
    now: i64,
) -> Result<Vec<booking::Model>, DbErr> {
    booking::Entity::find()
        .filter(booking::Column::CourseId.eq(course_id))
        .filter(booking::Column::StudentId.eq(student_id))
        .filter(booking::Column::Status.eq("booked"))
        .filter(booking::Column::EndsAt.gt(now))
        .order_by_asc(booking::Column::StartsAt)
        .limit(50)
        .all(db)
        .await
}

/// A staff member's meetings in a course: upcoming (soonest first) or past (latest first).
pub async fn for_staff(
    db: &impl ConnectionTrait,
    course_id: i64,
    staff_id: i64,
    now: i64,
    upcoming: bool,
) -> Result<Vec<booking::Model>, DbErr> {
    let q = booking::Entity::find()
        .filter(booking::Column::CourseId.eq(course_id))
        .filter(booking::Column::StaffId.eq(staff_id))
        .filter(booking::Column::Status.eq("booked"));
    let q = if upcoming {
        q.filter(booking::Column::EndsAt.gt(now)).order_by_asc(booking::Column::StartsAt)
    } else {
        q.filter(booking::Column::StartsAt.lte(now)).order_by_desc(booking::Column::StartsAt)
    };
    q.order_by_asc(booking::Column::Id).limit(if upcoming { 100 } else { 20 }).all(db).await
}

#[derive(FromQueryResult)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub locale: String,
    pub time_zone: String,
}

/// Names (and for email, addresses, languages and zones) of some people, in one statement.
pub async fn people(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = i64>) -> Result<Vec<Person>, DbErr> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .column(user::Column::Email)
        .column(user::Column::Locale)
        .column(user::Column::TimeZone)
        .filter(user::Column::Id.is_in(ids))
        .into_model::<Person>()
        .all(db)
        .await
}

/// A person's feed token, made the first time (the unique index makes one in a race).
pub async fn feed_token(db: &impl ConnectionTrait, user_id: i64, now: i64) -> Result<String, DbErr> {
    if let Some(f) = booking_feed::Entity::find().filter(booking_feed::Column::UserId.eq(user_id)).one(db).await? {
        return Ok(f.token);
    }
    let row = booking_feed::ActiveModel {
        user_id: Set(user_id),
        token: Set(crate::auth::tokens::new_token()),
        created_at: Set(now),
        ..Default::default()
    };
    booking_feed::Entity::insert(row)
        .on_conflict(OnConflict::column(booking_feed::Column::UserId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    let f = booking_feed::Entity::find().filter(booking_feed::Column::UserId.eq(user_id)).one(db).await?;
    f.map(|f| f.token).ok_or_else(|| DbErr::Custom("no feed token".into()))
}

/// A new secret address; the old one stops working at once.
pub async fn renew_feed(db: &impl ConnectionTrait, user_id: i64, now: i64) -> Result<(), DbErr> {
    booking_feed::Entity::delete_many().filter(booking_feed::Column::UserId.eq(user_id)).exec(db).await?;
    feed_token(db, user_id, now).await.map(|_| ())
}

/// The meetings of the feed's owner: from a month ago on, booked, in any course.
pub async fn feed(
    db: &impl ConnectionTrait,
    token: &str,
    now: i64,
) -> Result<Option<(i64, Vec<booking::Model>)>, DbErr> {
    let Some(f) = booking_feed::Entity::find().filter(booking_feed::Column::Token.eq(token)).one(db).await? else {
        return Ok(None);
    };
    let rows = booking::Entity::find()
        .filter(booking::Column::StudentId.eq(f.user_id).or(booking::Column::StaffId.eq(f.user_id)))
        .filter(booking::Column::Status.eq("booked"))
        .filter(booking::Column::EndsAt.gt(now - 30 * DAY_MS))
        .order_by_asc(booking::Column::StartsAt)
        .limit(500)
        .all(db)
        .await?;
    Ok(Some((f.user_id, rows)))
}
