//! The media trash. A file cannot be removed inside a database transaction: removed
//! before the commit, a rollback leaves a row without its file; removed by whoever
//! deleted the row after the commit, a crash in between (or a delete deep inside a
//! larger transaction, such as erasure, that does not know which rows went) leaves a file
//! without its row, forever. So deleting a media row also writes its storage key here, in
//! the same transaction, and [`empty`] removes the files of the keys written, then the
//! keys: after the commit (erasure calls it), and daily in the prune job for anything
//! left. Decision in docs/decisions/0031-media-trash.md.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement};

use crate::config::Config;
use crate::db::entity::media_trash;

/// How many keys one round of [`empty`] reads.
const BATCH: u64 = 500;

/// Put these files in the trash (in the transaction that deletes their rows).
pub async fn put(db: &impl ConnectionTrait, keys: &[String], now: i64) -> Result<(), DbErr> {
    if keys.is_empty() {
        return Ok(());
    }
    let rows = keys.iter().map(|k| media_trash::ActiveModel {
        storage_key: Set(k.clone()),
        created_at: Set(now),
        ..Default::default()
    });
    media_trash::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// Put the files of everything a person uploaded in the trash: one statement, before
/// their media rows are deleted in the same transaction.
pub async fn put_of_user(db: &impl ConnectionTrait, user_id: i64, now: i64) -> Result<(), DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO media_trash (storage_key, created_at) SELECT storage_key, $2 FROM media WHERE user_id = $1",
        vec![user_id.into(), now.into()],
    ))
    .await?;
    Ok(())
}

/// Remove the files of the keys in the trash, then the keys. Returns how many went.
/// Safe to run at any time and twice at once: a key is written only when its row is
/// deleted, and storage keys are never used again.
pub async fn empty(db: &impl ConnectionTrait, config: &Config) -> Result<u64, DbErr> {
    let mut n = 0;
    loop {
        let rows = media_trash::Entity::find().order_by_asc(media_trash::Column::Id).limit(BATCH).all(db).await?;
        if rows.is_empty() {
            return Ok(n);
        }
        for r in &rows {
            super::remove_files(config, &r.storage_key).await;
        }
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        n +=
            media_trash::Entity::delete_many().filter(media_trash::Column::Id.is_in(ids)).exec(db).await?.rows_affected;
        if (rows.len() as u64) < BATCH {
            return Ok(n);
        }
    }
}
