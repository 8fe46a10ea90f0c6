//! Where a verified launch takes the person: the context and their account are made or
//! brought up to date, then either into the linked course with the LMS's role, or (an
//! instructor in a course not linked yet) to the page that links it. Everyone else is
//! told in plain words why they cannot go on.

use homeroom_lti::launch::{Launch, Message};
use sea_orm::TransactionTrait;

use super::platforms::Platform;
use super::provision::{self, Account, Person};
use super::sql;
use crate::app::AppState;
use crate::error::AppResult;
use crate::policy::Role;

pub enum Outcome {
    Go {
        user_id: i64,
        next: String,
    },
    /// An instructor's deep-linking launch into a linked course: they pick a place next.
    DeepLink {
        user_id: i64,
        context_id: i64,
        course_id: i64,
    },
    /// A Fluent message id saying why not.
    Refuse(&'static str),
}

pub async fn arrive(state: &AppState, platform: &Platform, launch: &Launch) -> AppResult<Outcome> {
    let txn = state.db.begin().await?;
    let context = provision::upsert_context(
        &txn,
        platform.id,
        &launch.context_id,
        launch.context_title.as_deref(),
        launch.memberships_url.as_deref(),
    )
    .await?;
    super::course_groups::remember_service(&txn, context.id, launch).await?;
    let person = Person { subject: &launch.subject, name: launch.name.as_deref(), email: launch.email.as_deref() };
    let zone = state.site.get().time_zone;
    let account = provision::account(&txn, platform.id, &person, &zone, true).await?;
    if let Account::Found { deactivated: true, .. } = account {
        return Ok(Outcome::Refuse("lti-refused-deactivated"));
    }
    let user_id = account.user_id();
    super::picture::offered(&txn, platform.id, &launch.subject, user_id, launch.picture.as_deref()).await?;
    let role = homeroom_lti::roles::from_lti(&launch.roles).map(provision::role);
    let outcome = match context.course_id {
        None if role == Some(Role::Tutor) => {
            sql::exec(
                &txn,
                "UPDATE lti_contexts SET instructor_id = $1 WHERE id = $2",
                vec![user_id.into(), context.id.into()],
            )
            .await?;
            Outcome::Go { user_id, next: format!("/lti/contexts/{}/link", context.id) }
        }
        None => Outcome::Refuse("lti-refused-unlinked"),
        Some(course_id) => match provision::member(&txn, course_id, user_id, role, true).await? {
            None => Outcome::Refuse("lti-refused-role"),
            Some((role, _)) if launch.message == Message::DeepLinking => {
                if role.is_teaching() {
                    Outcome::DeepLink { user_id, context_id: context.id, course_id }
                } else {
                    Outcome::Refuse("lti-refused-deep-link")
                }
            }
            // A deep-linked resource link lands on its place; the page checks the rest.
            Some(_) => Outcome::Go {
                user_id,
                next: launch.place.map_or_else(|| format!("/courses/{course_id}"), |p| p.path(course_id)),
            },
        },
    };
    txn.commit().await?;
    if let (Some(course_id), Outcome::Go { .. } | Outcome::DeepLink { .. }) = (context.course_id, &outcome) {
        super::sync::queue(state, context.id, course_id).await?;
    }
    Ok(outcome)
}
