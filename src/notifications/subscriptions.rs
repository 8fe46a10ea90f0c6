//! Following and muting threads and spaces: reading and writing people's choices.

use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use super::rules::{Choice, Mode, Target};
use crate::db::entity::{notification, notification_subscription as sub};
use crate::web::paging::{Cursor, Dir};

/// Every choice about a thread and about its space: one statement, whatever the class.
pub async fn for_thread(db: &impl ConnectionTrait, thread_id: i64, space_id: i64) -> Result<Vec<Choice>, DbErr> {
    let rows = sub::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(sub::Column::Target.eq(Target::Thread.as_str()))
                        .add(sub::Column::TargetId.eq(thread_id)),
                )
                .add(
                    Condition::all()
                        .add(sub::Column::Target.eq(Target::Space.as_str()))
                        .add(sub::Column::TargetId.eq(space_id)),
                ),
        )
        .all(db)
        .await?;
    Ok(rows.iter().filter_map(choice).collect())
}

/// Every choice about a space.
pub async fn for_space(db: &impl ConnectionTrait, space_id: i64) -> Result<Vec<Choice>, DbErr> {
    let rows = sub::Entity::find()
        .filter(sub::Column::Target.eq(Target::Space.as_str()))
        .filter(sub::Column::TargetId.eq(space_id))
        .all(db)
        .await?;
    Ok(rows.iter().filter_map(choice).collect())
}

fn choice(r: &sub::Model) -> Option<Choice> {
    Some(Choice { user_id: r.user_id, target: Target::parse(&r.target)?, mode: Mode::parse(&r.mode)? })
}

/// One person's choice about one thing, if any.
pub async fn mine(db: &impl ConnectionTrait, user_id: i64, target: Target, id: i64) -> Result<Option<Mode>, DbErr> {
    Ok(sub::Entity::find()
        .filter(sub::Column::UserId.eq(user_id))
        .filter(sub::Column::Target.eq(target.as_str()))
        .filter(sub::Column::TargetId.eq(id))
        .one(db)
        .await?
        .and_then(|r| Mode::parse(&r.mode)))
}

/// Set (or with `None`, clear) a person's choice about one thing. Muting also quiets
/// what is waiting from it: those notifications count as read, so they leave the
/// centre's unread count and are not emailed. Mentions stay (see `rules`).
pub async fn choose(
    db: &impl ConnectionTrait,
    user_id: i64,
    course_id: i64,
    target: Target,
    id: i64,
    mode: Option<Mode>,
) -> Result<(), DbErr> {
    sub::Entity::delete_many()
        .filter(sub::Column::UserId.eq(user_id))
        .filter(sub::Column::Target.eq(target.as_str()))
        .filter(sub::Column::TargetId.eq(id))
        .exec(db)
        .await?;
    let Some(mode) = mode else { return Ok(()) };
    let now = crate::time::now_ms();
    sub::ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course_id),
        target: Set(target.as_str().into()),
        target_id: Set(id),
        mode: Set(mode.as_str().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if mode == Mode::Mute {
        let about = match target {
            Target::Thread => notification::Column::ThreadId,
            Target::Space => notification::Column::SpaceId,
        };
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(now))
            .filter(notification::Column::UserId.eq(user_id))
            .filter(about.eq(id))
            .filter(notification::Column::ReadAt.is_null())
            .filter(notification::Column::Kind.ne(super::Kind::Mention.as_str()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// A page of a person's choices, newest first (keyset on id).
pub async fn page(
    db: &impl ConnectionTrait,
    user_id: i64,
    dir: Dir,
    from: Option<&Cursor>,
    size: u64,
) -> Result<Vec<sub::Model>, DbErr> {
    let order = dir.order(Order::Desc);
    let mut q = sub::Entity::find().filter(sub::Column::UserId.eq(user_id));
    if let Some(c) = from {
        q = q.filter(c.condition(sub::Column::Id, sub::Column::Id, order.clone()));
    }
    q.order_by(sub::Column::Id, order).limit(size + 1).all(db).await
}

/// Remove one of a person's choices; `false` when it is not theirs or gone.
pub async fn remove(db: &impl ConnectionTrait, user_id: i64, id: i64) -> Result<bool, DbErr> {
    let r = sub::Entity::delete_many()
        .filter(sub::Column::Id.eq(id))
        .filter(sub::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(r.rows_affected > 0)
}
