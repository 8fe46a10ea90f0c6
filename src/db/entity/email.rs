use sea_orm::entity::prelude::*;

/// An email Homeroom wrote. With SMTP configured it is queued and sent by the mail
/// worker; without, it stays here and the site admin reads it on the outbox page.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub to_address: String,
    pub to_user_id: Option<i64>,
    pub subject: String,
    pub body_text: String,
    /// "queued", "sending", "sent", "failed" or "outbox" (kept for the outbox page).
    pub status: String,
    pub attempts: i32,
    /// Not to be tried again before this instant (retry backoff).
    pub not_before: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    /// While "sending": the claim expires at this instant, after which another worker may
    /// retry (the sender crashed mid-send).
    pub lease_until: Option<i64>,
    /// For notification emails: the one-click unsubscribe link (RFC 8058 headers).
    pub unsubscribe_url: Option<String>,
    /// An iCalendar invitation sent along ("METHOD:REQUEST" or "METHOD:CANCEL" inside).
    pub calendar: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
