//! Choosing whom to thank or nominate, bounded whatever the class size: the page shows
//! the person already chosen and, after a search by name (a plain GET form, so it works
//! without script), at most `MATCHES` people to pick from. The same name query as the
//! message composer's (`messages::recipients::find`).

use sea_orm::{ConnectionTrait, DbErr};

use crate::messages::recipients::{self, Find, Person};
use crate::policy::{MemberState, Role};

/// People a search lists at once.
pub const MATCHES: u64 = 20;

/// The picker as a page shows it.
#[derive(Default)]
pub struct Picker {
    /// The field the form sends (`to`, `nominee`).
    pub field: &'static str,
    pub term: String,
    pub searched: bool,
    /// The person chosen (from the address or a refused form), shown ticked.
    pub chosen: Option<Person>,
    pub matches: Vec<Person>,
    pub more: bool,
}

/// The picker for `term` and `chosen`; `except` is left out (the giver of a shout-out).
pub async fn picker(
    db: &impl ConnectionTrait,
    course_id: i64,
    field: &'static str,
    term: &str,
    chosen: Option<i64>,
    except: Option<i64>,
) -> Result<Picker, DbErr> {
    let except: Vec<i64> = except.into_iter().collect();
    // `me: 0` is nobody: recognition is not messaging, so blocks do not narrow it.
    let base = Find { course_id, me: 0, teaching_only: false, term: "", only: None, except: &except };
    let chosen_ids: Vec<i64> = chosen.into_iter().collect();
    let chosen = match chosen_ids.first() {
        Some(_) => recipients::find(db, &Find { only: Some(&chosen_ids), ..base }, None, 1).await?.pop(),
        None => None,
    };
    let term: String = term.trim().chars().take(100).collect();
    let mut p = Picker { field, chosen, ..Default::default() };
    if !term.is_empty() {
        let mut leave_out = except.clone();
        leave_out.extend(p.chosen.as_ref().map(|c| c.id));
        let mut found =
            recipients::find(db, &Find { term: &term, except: &leave_out, ..base }, None, MATCHES + 1).await?;
        p.more = found.len() as u64 > MATCHES;
        found.truncate(MATCHES as usize);
        p.matches = found;
        p.searched = true;
        p.term = term;
    }
    Ok(p)
}

/// Whether `user_id` may be chosen in this course: a member who takes part (not an
/// observer, not an invitation not yet taken up). One indexed statement.
pub async fn may_be_chosen(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<bool, DbErr> {
    Ok(crate::courses::queries::membership_of(db, course_id, user_id).await?.is_some_and(|m| {
        m.role != Role::Observer.as_str() && m.state != MemberState::Invited.as_str() && Role::parse(&m.role).is_some()
    }))
}
