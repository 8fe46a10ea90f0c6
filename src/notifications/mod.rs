//! Notifications: the one way a feature tells a person that something happened that
//! concerns them. Features call [`notify`] inside their own transaction, so a reply and
//! the notice of it are written together; the notification centre and email delivery
//! read the same rows.
//!
//! `web` is the notification centre, the email preference and the one-click
//! unsubscribe; `email` queues immediate emails and digests; `schedule` is the pure
//! arithmetic of when they are due.

pub mod email;
pub mod events;
mod follow;
pub mod rules;
pub mod schedule;
pub mod subscriptions;
mod web;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::db::entity::notification;

pub use follow::Hearing;
pub use web::is_one_click_unsubscribe;

pub fn router() -> axum::Router<crate::app::AppState> {
    web::router().merge(follow::router())
}

/// How many of a person's notifications are unread: one COUNT on the
/// (user_id, created_at) index.
pub async fn unread_count(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, DbErr> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await
}

/// What happened. The stored name is stable: emails and the centre pick their wording
/// by it (`notification-<name>` in the Fluent files).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Someone replied to my thread or post.
    Reply,
    /// Someone @mentioned me.
    Mention,
    /// A direct message to me.
    Message,
    /// Someone recognised me with a shout-out.
    ShoutOut,
    /// A tutor posted an announcement in my course.
    Announcement,
    /// My nomination or win was featured (Win of the Week).
    Featured,
    /// A classmate welcomed my introduction.
    Welcome,
    /// Groups were published: my group, its facilitator and when it first meets.
    Groups,
    /// A weekly reflection check-in opened for my group.
    Checkin,
    /// Someone on the teaching team gave me feedback.
    Feedback,
    /// A new thread in a space I follow.
    Thread,
    /// The tutor's message for this week in my course.
    Weekly,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Reply,
        Kind::Mention,
        Kind::Message,
        Kind::ShoutOut,
        Kind::Announcement,
        Kind::Featured,
        Kind::Welcome,
        Kind::Groups,
        Kind::Checkin,
        Kind::Feedback,
        Kind::Thread,
        Kind::Weekly,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reply => "reply",
            Kind::Mention => "mention",
            Kind::Message => "message",
            Kind::ShoutOut => "shout-out",
            Kind::Announcement => "announcement",
            Kind::Featured => "featured",
            Kind::Welcome => "welcome",
            Kind::Groups => "groups",
            Kind::Checkin => "checkin",
            Kind::Feedback => "feedback",
            Kind::Thread => "thread",
            Kind::Weekly => "weekly",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A notification to write.
pub struct New<'a> {
    pub user_id: i64,
    pub course_id: Option<i64>,
    pub kind: Kind,
    pub actor_id: Option<i64>,
    pub subject: &'a str,
    pub link: &'a str,
}

/// The longest subject kept: a notification is a pointer, not a copy of the post.
const SUBJECT_CHARS: usize = 140;

/// What a notification is about in the spaces, so that muting a thread or space can
/// silence what is still waiting. Empty for everything outside the forum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct About {
    pub thread_id: Option<i64>,
    pub space_id: Option<i64>,
}

/// Write one notification. Nobody is told about their own doing, so a self-reply or
/// self-mention writes nothing. Repeated events of a kind that groups (replies in one
/// thread, messages in one conversation, see [`rules::group_key`]) add to the person's
/// waiting notification instead of writing another: "12 new replies in ...".
pub async fn notify(db: &impl ConnectionTrait, n: New<'_>) -> Result<(), DbErr> {
    notify_in(db, n, About::default()).await
}

/// [`notify`] for something in the spaces.
pub async fn notify_in(db: &impl ConnectionTrait, n: New<'_>, about: About) -> Result<(), DbErr> {
    if n.actor_id == Some(n.user_id) {
        return Ok(());
    }
    let now = crate::time::now_ms();
    let key = rules::group_key(n.kind, n.link);
    if let Some(key) = &key {
        // Only into a row nobody has seen yet, neither in the centre nor by email: a
        // notice already read or mailed stays as it was, and the new event starts a row.
        // The link stays the first event's, so the reader starts at the oldest news.
        let grown = notification::Entity::update_many()
            .col_expr(notification::Column::Events, Expr::col(notification::Column::Events).add(1))
            .col_expr(notification::Column::CreatedAt, Expr::value(now))
            .col_expr(notification::Column::ActorId, Expr::value(n.actor_id))
            .col_expr(notification::Column::Subject, Expr::value(shorten(n.subject)))
            .filter(notification::Column::UserId.eq(n.user_id))
            .filter(notification::Column::GroupKey.eq(key.as_str()))
            .filter(notification::Column::ReadAt.is_null())
            .filter(notification::Column::EmailedAt.is_null())
            .exec(db)
            .await?;
        if grown.rows_affected > 0 {
            return Ok(());
        }
    }
    notification::ActiveModel {
        user_id: Set(n.user_id),
        course_id: Set(n.course_id),
        kind: Set(n.kind.as_str().to_string()),
        actor_id: Set(n.actor_id),
        subject: Set(shorten(n.subject)),
        link: Set(n.link.to_string()),
        created_at: Set(now),
        read_at: Set(None),
        emailed_at: Set(None),
        group_key: Set(key),
        events: Set(1),
        thread_id: Set(about.thread_id),
        space_id: Set(about.space_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The subject cut at a character boundary, with an ellipsis when cut.
pub fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= SUBJECT_CHARS {
        return s.to_string();
    }
    let cut: String = s.chars().take(SUBJECT_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_by_name() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("nonsense"), None);
    }

    /// Ids built at run time (`notification-<kind>`, `email-frequency-<choice>`) that
    /// the template scan cannot see: each must exist in both languages.
    #[test]
    fn every_kind_and_choice_has_words_in_both_languages() {
        use crate::i18n::{Locale, message};
        let mut ids: Vec<String> = Kind::ALL.iter().map(|k| format!("notification-{}", k.as_str())).collect();
        ids.extend(
            Kind::ALL.iter().filter(|k| rules::groups(**k)).map(|k| format!("notification-{}-grouped", k.as_str())),
        );
        ids.extend(schedule::Frequency::ALL.iter().map(|f| format!("email-frequency-{}", f.as_str())));
        for id in ids {
            for locale in [Locale::En, Locale::Nb] {
                let text = message(locale, &id, &[("actor", "Ada"), ("subject", "Hi")]);
                assert_ne!(text, id, "{id} is missing in {locale:?}");
            }
        }
        assert_ne!(message(Locale::Nb, "notification-reply", &[("actor", "A"), ("subject", "S")]), "A replied: S");
    }

    #[test]
    fn long_subjects_are_cut_on_a_character_boundary() {
        let long = "å".repeat(500);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), SUBJECT_CHARS);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("  hello  "), "hello");
    }
}
