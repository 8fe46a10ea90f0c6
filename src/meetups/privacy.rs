//! Export and erasure of a person's meet-up rows, for `crate::privacy`: the meet-ups they
//! planned, host or wrote about (one statement), their answers and the photos they added.
//! Erasure forgets their answers, photos and the notes they wrote, and takes their name
//! off the meet-ups they planned or hosted: the meet-up itself belongs to the class.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::db::entity::{meetup, meetup_photo, meetup_rsvp};

fn ms(v: i64) -> String {
    jiff::Timestamp::from_millisecond(v).map(|t| t.to_string()).unwrap_or_default()
}

pub async fn export(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<Value, DbErr> {
    Ok(match table {
        "meetups" => meetup::Entity::find()
            .filter(
                Condition::any()
                    .add(meetup::Column::HostId.eq(user_id))
                    .add(meetup::Column::NoteBy.eq(user_id))
                    .add(meetup::Column::CreatedBy.eq(user_id)),
            )
            .order_by_asc(meetup::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|m| {
                json!({
                    "course_id": m.course_id, "title": m.title, "kind": m.kind, "starts_at": ms(m.starts_at),
                    "place": m.place, "host": m.host_id == Some(user_id), "planned_by_me": m.created_by == Some(user_id),
                    "how_it_went": if m.note_by == Some(user_id) { m.note } else { None },
                })
            })
            .collect(),
        "meetup_rsvps" => meetup_rsvp::Entity::find()
            .filter(meetup_rsvp::Column::UserId.eq(user_id))
            .order_by_asc(meetup_rsvp::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|r| json!({ "meetup_id": r.meetup_id, "answer": r.answer, "at": ms(r.updated_at) }))
            .collect(),
        "meetup_photos" => meetup_photo::Entity::find()
            .filter(meetup_photo::Column::UserId.eq(user_id))
            .order_by_asc(meetup_photo::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|p| json!({ "meetup_id": p.meetup_id, "media_id": p.media_id, "alt": p.alt, "at": ms(p.created_at) }))
            .collect(),
        other => return Err(DbErr::Custom(format!("meetups privacy: no table {other}"))),
    })
}

pub async fn erase(db: &impl ConnectionTrait, table: &str, user_id: i64) -> Result<(), DbErr> {
    match table {
        "meetups" => {
            meetup::Entity::update_many()
                .col_expr(meetup::Column::Note, Expr::value(Option::<String>::None))
                .col_expr(meetup::Column::NoteBy, Expr::value(Option::<i64>::None))
                .filter(meetup::Column::NoteBy.eq(user_id))
                .exec(db)
                .await?;
            meetup::Entity::update_many()
                .col_expr(meetup::Column::HostId, Expr::value(Option::<i64>::None))
                .filter(meetup::Column::HostId.eq(user_id))
                .exec(db)
                .await?;
            meetup::Entity::update_many()
                .col_expr(meetup::Column::CreatedBy, Expr::value(Option::<i64>::None))
                .filter(meetup::Column::CreatedBy.eq(user_id))
                .exec(db)
                .await?;
        }
        "meetup_rsvps" => {
            meetup_rsvp::Entity::delete_many().filter(meetup_rsvp::Column::UserId.eq(user_id)).exec(db).await?;
        }
        // Their photos' rows; the media rows (and, after the commit, the files) go in the
        // `media` arm with everything else they uploaded.
        "meetup_photos" => {
            meetup_photo::Entity::delete_many().filter(meetup_photo::Column::UserId.eq(user_id)).exec(db).await?;
        }
        other => return Err(DbErr::Custom(format!("meetups privacy: no table {other}"))),
    }
    Ok(())
}
