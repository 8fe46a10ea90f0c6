use sea_orm::entity::prelude::*;

/// A unit of background work (see `crate::jobs`): sent to the handler registered for
/// `kind`, with `payload` as JSON text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub payload: String,
    /// Not to be started before this instant (scheduling and retry backoff).
    pub run_at: i64,
    /// "queued", "running", "done" or "failed".
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    /// While "running": the claim expires here, after which another worker takes over.
    pub lease_until: Option<i64>,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    /// At most one job ever has a given key: enqueueing it again does nothing.
    pub dedupe_key: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
