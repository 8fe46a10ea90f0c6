//! The authorization policy: the one place that decides what each role may do.
//!
//! Every route builds an [`Actor`] for the person asking and calls [`allows`] (through
//! `web::CourseCtx::require` or `web::Viewer::require`). No I/O happens here, so the
//! whole table is unit-tested below and exercised route by route in `tests/it/matrix.rs`.

use serde::{Deserialize, Serialize};

/// A person's role in one course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Tutor,
    Ta,
    Student,
    Observer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Tutor, Role::Ta, Role::Student, Role::Observer];

    /// The name stored in the database and used in roster files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Tutor => "tutor",
            Role::Ta => "ta",
            Role::Student => "student",
            Role::Observer => "observer",
        }
    }

    /// The Fluent id of the role's name.
    pub fn label_id(self) -> &'static str {
        match self {
            Role::Tutor => "role-tutor",
            Role::Ta => "role-ta",
            Role::Student => "role-student",
            Role::Observer => "role-observer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tutor" => Some(Role::Tutor),
            "ta" => Some(Role::Ta),
            "student" => Some(Role::Student),
            "observer" => Some(Role::Observer),
            _ => None,
        }
    }

    /// Tutors and TAs form the teaching team: they see what is private to tutors.
    pub fn is_teaching(self) -> bool {
        matches!(self, Role::Tutor | Role::Ta)
    }
}

/// Who is asking, as far as the policy needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub signed_in: bool,
    pub site_admin: bool,
    /// Their role in the course the request is about, if any.
    pub role: Option<Role>,
    /// Whether they teach (tutor) in at least one course: such people may start courses.
    pub tutors_somewhere: bool,
}

impl Actor {
    pub const ANONYMOUS: Actor = Actor { signed_in: false, site_admin: false, role: None, tutors_somewhere: false };
}

/// Everything a route can ask permission for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Change one's own name, email, password, language, time zone.
    EditOwnAccount,
    /// Start a new course.
    CreateCourse,
    /// Open a course's home and see who is in it.
    ViewCourse,
    /// See members' email addresses and when they joined.
    ViewMemberDetails,
    /// Change the course's title, description, start date, time zone, start mode.
    EditCourse,
    /// Invite by email, import rosters, manage the join link.
    InviteMembers,
    /// Change a member's role or remove them.
    ManageMembers,
    /// Read the site's outbox of emails that were not sent over SMTP.
    ViewOutbox,
}

/// The policy itself. Site admins may do everything; everyone else by role.
pub fn allows(actor: &Actor, action: Action) -> bool {
    if !actor.signed_in {
        return false;
    }
    if actor.site_admin {
        return true;
    }
    let role = actor.role;
    match action {
        Action::EditOwnAccount => true,
        Action::CreateCourse => actor.tutors_somewhere,
        Action::ViewCourse => role.is_some(),
        Action::ViewMemberDetails => role.is_some_and(Role::is_teaching),
        Action::EditCourse | Action::InviteMembers | Action::ManageMembers => role == Some(Role::Tutor),
        Action::ViewOutbox => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(role: Role) -> Actor {
        Actor { signed_in: true, site_admin: false, role: Some(role), tutors_somewhere: role == Role::Tutor }
    }

    const ACTIONS: [Action; 8] = [
        Action::EditOwnAccount,
        Action::CreateCourse,
        Action::ViewCourse,
        Action::ViewMemberDetails,
        Action::EditCourse,
        Action::InviteMembers,
        Action::ManageMembers,
        Action::ViewOutbox,
    ];

    #[test]
    fn anonymous_may_do_nothing() {
        for a in ACTIONS {
            assert!(!allows(&Actor::ANONYMOUS, a), "{a:?}");
        }
    }

    #[test]
    fn site_admin_may_do_everything() {
        let admin = Actor { signed_in: true, site_admin: true, role: None, tutors_somewhere: false };
        for a in ACTIONS {
            assert!(allows(&admin, a), "{a:?}");
        }
    }

    #[test]
    fn outsiders_see_nothing_of_a_course() {
        let outsider = Actor { signed_in: true, site_admin: false, role: None, tutors_somewhere: true };
        assert!(!allows(&outsider, Action::ViewCourse));
        assert!(!allows(&outsider, Action::ViewMemberDetails));
        assert!(!allows(&outsider, Action::ManageMembers));
        assert!(allows(&outsider, Action::CreateCourse));
    }

    #[test]
    fn roles_in_a_course() {
        use Action::*;
        let table: [(Role, &[Action]); 4] = [
            (
                Role::Tutor,
                &[
                    EditOwnAccount,
                    CreateCourse,
                    ViewCourse,
                    ViewMemberDetails,
                    EditCourse,
                    InviteMembers,
                    ManageMembers,
                ],
            ),
            (Role::Ta, &[EditOwnAccount, ViewCourse, ViewMemberDetails]),
            (Role::Student, &[EditOwnAccount, ViewCourse]),
            (Role::Observer, &[EditOwnAccount, ViewCourse]),
        ];
        for (role, allowed) in table {
            for a in ACTIONS {
                assert_eq!(allows(&member(role), a), allowed.contains(&a), "{role:?} {a:?}");
            }
        }
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(Role::parse(&r.as_str().to_uppercase()), Some(r));
        }
        assert_eq!(Role::parse("teacher"), None);
    }
}
