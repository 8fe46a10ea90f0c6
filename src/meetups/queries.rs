//! Reads and writes of meet-ups. Every statement is fixed text with bound values: the
//! page of meet-ups and its neighbours are four statements chosen by direction, and the
//! faces of who is coming are one statement with a window per meet-up, so the page costs
//! the same whatever the class size.

use sea_orm::sea_query::{Expr, OnConflict};

use crate::db::sql::stmt;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set, Value,
};

use crate::db::entity::{meetup, meetup_photo, meetup_rsvp};

/// How many meet-ups one page lists.
pub const PAGE: u64 = 10;
/// How many faces of "who is coming" each meet-up shows (the count says the rest).
pub const FACES: i64 = 8;
/// How many past meet-ups (with how they went) the page recalls.
pub const PAST: i64 = 5;

macro_rules! meetup_cols {
    () => {
        "m.id AS id, m.title AS title, m.kind AS kind, m.starts_at AS starts_at, m.ends_at AS ends_at, \
         m.place AS place, m.host_id AS host_id, m.note AS note, h.name AS host_name"
    };
}

/// A meet-up as its list shows it, with its host's name.
#[derive(Clone, Debug, FromQueryResult)]
pub struct Row {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub host_id: Option<i64>,
    pub note: Option<String>,
    pub host_name: Option<String>,
}

/// Meet-ups not over yet, soonest first, a page from a keyset cursor `(starts_at, id)`.
pub async fn upcoming_page(
    db: &impl ConnectionTrait,
    course_id: i64,
    now: i64,
    after: Option<(i64, i64)>,
    backward: bool,
    limit: u64,
) -> Result<Vec<Row>, DbErr> {
    macro_rules! page {
        ($keyset:literal, $order:literal) => {
            concat!(
                "SELECT ",
                meetup_cols!(),
                " FROM meetups m LEFT JOIN users h ON h.id = m.host_id WHERE m.course_id = $1 AND m.ends_at > $2 ",
                $keyset,
                " ORDER BY m.starts_at ",
                $order,
                ", m.id ",
                $order,
                " LIMIT $3"
            )
        };
    }
    let base = vec![course_id.into(), now.into(), (limit as i64).into()];
    let (sql, values): (&str, Vec<Value>) = match (after, backward) {
        (None, false) => (page!("", "ASC"), base),
        (None, true) => (page!("", "DESC"), base),
        (Some((at, id)), false) => (
            page!("AND (m.starts_at > $4 OR (m.starts_at = $4 AND m.id > $5))", "ASC"),
            [base, vec![at.into(), id.into()]].concat(),
        ),
        (Some((at, id)), true) => (
            page!("AND (m.starts_at < $4 OR (m.starts_at = $4 AND m.id < $5))", "DESC"),
            [base, vec![at.into(), id.into()]].concat(),
        ),
    };
    Row::find_by_statement(stmt(db, sql, values)).all(db).await
}

/// The latest meet-ups that are over, newest first.
pub async fn past(db: &impl ConnectionTrait, course_id: i64, now: i64) -> Result<Vec<Row>, DbErr> {
    const SQL: &str = concat!(
        "SELECT ",
        meetup_cols!(),
        " FROM meetups m LEFT JOIN users h ON h.id = m.host_id WHERE m.course_id = $1 AND m.ends_at <= $2 \
         ORDER BY m.starts_at DESC, m.id DESC LIMIT $3"
    );
    Row::find_by_statement(stmt(db, SQL, vec![course_id.into(), now.into(), PAST.into()])).all(db).await
}

/// The next meet-up of a course, for its home page and "Our week".
pub async fn next(db: &impl ConnectionTrait, course_id: i64, now: i64) -> Result<Option<Row>, DbErr> {
    Ok(upcoming_page(db, course_id, now, None, false, 1).await?.into_iter().next())
}

pub async fn in_course(db: &impl ConnectionTrait, course_id: i64, id: i64) -> Result<Option<meetup::Model>, DbErr> {
    meetup::Entity::find_by_id(id).filter(meetup::Column::CourseId.eq(course_id)).one(db).await
}

/// How many said yes, maybe and no to each of these meet-ups: one grouped statement.
pub async fn counts(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<(i64, String, i64)>, DbErr> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    meetup_rsvp::Entity::find()
        .select_only()
        .column(meetup_rsvp::Column::MeetupId)
        .column(meetup_rsvp::Column::Answer)
        .column_as(meetup_rsvp::Column::Id.count(), "n")
        .filter(meetup_rsvp::Column::MeetupId.is_in(ids.iter().copied()))
        .group_by(meetup_rsvp::Column::MeetupId)
        .group_by(meetup_rsvp::Column::Answer)
        .into_tuple()
        .all(db)
        .await
}

/// Someone coming, with their photo if they have one (shown only as they allow).
#[derive(Clone, Debug, FromQueryResult)]
pub struct Coming {
    pub meetup_id: i64,
    pub user_id: i64,
    pub name: String,
    pub photo_id: Option<i64>,
    pub visibility: Option<String>,
}

/// The first people to say yes to each meet-up of a page (at most `FACES` each), with
/// their photos and visibility choices: one statement for up to `PAGE` meet-ups (unused
/// places hold an id no meet-up has).
pub async fn coming(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<Coming>, DbErr> {
    const SQL: &str = "SELECT x.meetup_id, x.user_id, x.name, x.photo_id, x.visibility FROM ( \
         SELECT r.meetup_id AS meetup_id, u.id AS user_id, u.name AS name, d.photo_id AS photo_id, \
           d.visibility AS visibility, \
           ROW_NUMBER() OVER (PARTITION BY r.meetup_id ORDER BY r.updated_at, r.id) AS rn \
         FROM meetup_rsvps r JOIN users u ON u.id = r.user_id \
         LEFT JOIN profile_details d ON d.user_id = r.user_id \
         WHERE r.answer = 'yes' AND r.meetup_id IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)) x \
         WHERE x.rn <= $11 ORDER BY x.meetup_id, x.rn";
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut values: Vec<Value> = ids.iter().take(PAGE as usize).map(|i| (*i).into()).collect();
    values.resize(PAGE as usize, 0i64.into());
    values.push(FACES.into());
    Coming::find_by_statement(stmt(db, SQL, values)).all(db).await
}

/// The reader's own answers to these meet-ups.
pub async fn my_answers(db: &impl ConnectionTrait, ids: &[i64], me: i64) -> Result<Vec<(i64, String)>, DbErr> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    meetup_rsvp::Entity::find()
        .select_only()
        .column(meetup_rsvp::Column::MeetupId)
        .column(meetup_rsvp::Column::Answer)
        .filter(meetup_rsvp::Column::MeetupId.is_in(ids.iter().copied()))
        .filter(meetup_rsvp::Column::UserId.eq(me))
        .into_tuple()
        .all(db)
        .await
}

/// The meet-ups a person said yes or maybe to, in any course, from `since` on (for their
/// personal calendar feed, beside their check-ins): one statement.
pub async fn of_person(db: &impl ConnectionTrait, user_id: i64, since: i64) -> Result<Vec<meetup::Model>, DbErr> {
    const SQL: &str = "SELECT m.* FROM meetups m JOIN meetup_rsvps r ON r.meetup_id = m.id \
         WHERE r.user_id = $1 AND r.answer IN ('yes', 'maybe') AND m.ends_at > $2 \
         ORDER BY m.starts_at, m.id LIMIT 500";
    meetup::Entity::find().from_raw_sql(stmt(db, SQL, vec![user_id.into(), since.into()])).all(db).await
}

/// An active student of the course by email address, to host a meet-up.
pub async fn student_by_email(db: &impl ConnectionTrait, course_id: i64, email: &str) -> Result<Option<i64>, DbErr> {
    let row = db
        .query_one_raw(stmt(
            db,
            "SELECT u.id AS id FROM users u JOIN memberships m ON m.user_id = u.id \
             WHERE m.course_id = $1 AND m.role = 'student' AND m.state = 'active' AND LOWER(u.email) = $2",
            vec![course_id.into(), email.into()],
        ))
        .await?;
    row.map(|r| r.try_get("", "id")).transpose()
}

/// One new occurrence of a meet-up.
pub struct New<'a> {
    pub course_id: i64,
    pub title: &'a str,
    pub kind: &'a str,
    pub starts_at: i64,
    pub ends_at: i64,
    pub time_zone: &'a str,
    pub place: &'a str,
    pub host_id: Option<i64>,
    pub series: &'a str,
    pub created_by: i64,
}

pub async fn insert(db: &impl ConnectionTrait, n: &New<'_>, now: i64) -> Result<i64, DbErr> {
    let row = meetup::ActiveModel {
        course_id: Set(n.course_id),
        title: Set(n.title.to_string()),
        kind: Set(n.kind.to_string()),
        starts_at: Set(n.starts_at),
        ends_at: Set(n.ends_at),
        time_zone: Set(n.time_zone.to_string()),
        place: Set(n.place.to_string()),
        host_id: Set(n.host_id),
        series: Set(n.series.to_string()),
        uid: Set(crate::auth::tokens::new_token()),
        note: Set(None),
        note_by: Set(None),
        created_by: Set(Some(n.created_by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(meetup::Entity::insert(row).exec(db).await?.last_insert_id)
}

/// Say yes, maybe or no; a second answer replaces the first (the unique index makes two
/// quick clicks one row).
pub async fn answer(
    db: &impl ConnectionTrait,
    meetup_id: i64,
    user_id: i64,
    answer: &str,
    now: i64,
) -> Result<(), DbErr> {
    let row = meetup_rsvp::ActiveModel {
        meetup_id: Set(meetup_id),
        user_id: Set(user_id),
        answer: Set(answer.to_string()),
        updated_at: Set(now),
        ..Default::default()
    };
    meetup_rsvp::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([meetup_rsvp::Column::MeetupId, meetup_rsvp::Column::UserId])
                .update_columns([meetup_rsvp::Column::Answer, meetup_rsvp::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Write (or clear) how it went.
pub async fn set_note(
    db: &impl ConnectionTrait,
    id: i64,
    note: Option<String>,
    by: i64,
    now: i64,
) -> Result<(), DbErr> {
    meetup::Entity::update_many()
        .col_expr(meetup::Column::Note, Expr::value(note))
        .col_expr(meetup::Column::NoteBy, Expr::value(by))
        .col_expr(meetup::Column::UpdatedAt, Expr::value(now))
        .filter(meetup::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The photos of these meet-ups (a page's past ones), oldest first: one statement.
pub async fn photos(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<meetup_photo::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    meetup_photo::Entity::find()
        .filter(meetup_photo::Column::MeetupId.is_in(ids.iter().copied()))
        .order_by_asc(meetup_photo::Column::Id)
        .all(db)
        .await
}

/// How many photos a meet-up has.
pub async fn photo_count(db: &impl ConnectionTrait, meetup_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    meetup_photo::Entity::find().filter(meetup_photo::Column::MeetupId.eq(meetup_id)).count(db).await
}

pub async fn add_photo(
    db: &impl ConnectionTrait,
    meetup_id: i64,
    media_id: i64,
    user_id: i64,
    alt: &str,
    now: i64,
) -> Result<(), DbErr> {
    meetup_photo::ActiveModel {
        meetup_id: Set(meetup_id),
        media_id: Set(media_id),
        user_id: Set(user_id),
        alt: Set(alt.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Call a meet-up off and return who said yes or maybe (to tell them). Its row goes, and
/// its answers and photos with it (their foreign keys). The first statement is a write,
/// so that SQLite holds its lock for the read that follows.
pub async fn call_off(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<Vec<i64>, DbErr> {
    meetup::Entity::update_many()
        .col_expr(meetup::Column::UpdatedAt, Expr::value(now))
        .filter(meetup::Column::Id.eq(id))
        .exec(db)
        .await?;
    let told: Vec<i64> = meetup_rsvp::Entity::find()
        .select_only()
        .column(meetup_rsvp::Column::UserId)
        .filter(meetup_rsvp::Column::MeetupId.eq(id))
        .filter(meetup_rsvp::Column::Answer.is_in(["yes", "maybe"]))
        .into_tuple()
        .all(db)
        .await?;
    meetup::Entity::delete_by_id(id).exec(db).await?;
    Ok(told)
}
