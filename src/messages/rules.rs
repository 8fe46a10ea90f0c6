//! Who may write to whom: pure rules, so they are tested without a database.

use std::collections::HashSet;

use crate::policy::Role;

/// The most people in one conversation, the writer included: a small group, not a forum.
pub const MAX_PEOPLE: usize = 8;
pub const MAX_MESSAGE: usize = 5000;

/// Whether a conversation among people with these roles may have new messages. With
/// student-to-student messages off, a conversation needs someone from the teaching team.
pub fn writable(students_may_message: bool, roles: &[Role]) -> bool {
    students_may_message || roles.iter().any(|r| r.is_teaching())
}

/// Check a new conversation: `others` are the chosen people with their roles (`None` for
/// someone who is not in the course), `blocked_me` those who blocked the writer.
/// The answer is the Fluent id of what is wrong.
pub fn check_new(
    me: Role,
    others: &[(i64, Option<Role>)],
    students_may_message: bool,
    blocked_me: &HashSet<i64>,
) -> Result<(), &'static str> {
    if others.is_empty() {
        return Err("messages-err-nobody");
    }
    if others.len() + 1 > MAX_PEOPLE {
        return Err("messages-err-too-many");
    }
    let mut roles = vec![me];
    for (id, role) in others {
        match role {
            // Observers watch; people outside the course are not reachable from it.
            None | Some(Role::Observer) => return Err("messages-err-not-member"),
            Some(r) => roles.push(*r),
        }
        if blocked_me.contains(id) {
            return Err("messages-err-unreachable");
        }
    }
    if !writable(students_may_message, &roles) {
        return Err("messages-err-students-off");
    }
    Ok(())
}

/// A message body: trimmed, not empty, not too long.
pub fn body(raw: &str) -> Result<String, &'static str> {
    let s = raw.trim().replace("\r\n", "\n");
    if s.is_empty() || s.chars().count() > MAX_MESSAGE {
        return Err("messages-err-body");
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    #[test]
    fn students_off_still_reaches_the_teaching_team() {
        let none = HashSet::new();
        assert_eq!(check_new(Student, &[(2, Some(Student))], false, &none), Err("messages-err-students-off"));
        assert_eq!(check_new(Student, &[(2, Some(Tutor))], false, &none), Ok(()));
        assert_eq!(check_new(Student, &[(2, Some(Student)), (3, Some(Ta))], false, &none), Ok(()));
        assert_eq!(check_new(Tutor, &[(2, Some(Student))], false, &none), Ok(()));
        assert_eq!(check_new(Student, &[(2, Some(Student))], true, &none), Ok(()));
        assert!(!writable(false, &[Student, Student]));
        assert!(writable(false, &[Student, Ta]));
    }

    #[test]
    fn limits_members_and_blocks() {
        let none = HashSet::new();
        assert_eq!(check_new(Student, &[], true, &none), Err("messages-err-nobody"));
        let seven: Vec<_> = (1..=7).map(|i| (i, Some(Student))).collect();
        assert_eq!(check_new(Student, &seven, true, &none), Ok(()));
        let eight: Vec<_> = (1..=8).map(|i| (i, Some(Student))).collect();
        assert_eq!(check_new(Student, &eight, true, &none), Err("messages-err-too-many"));
        assert_eq!(check_new(Student, &[(2, None)], true, &none), Err("messages-err-not-member"));
        assert_eq!(check_new(Student, &[(2, Some(Observer))], true, &none), Err("messages-err-not-member"));
        let blocked: HashSet<i64> = [2].into();
        assert_eq!(check_new(Student, &[(2, Some(Student))], true, &blocked), Err("messages-err-unreachable"));
    }

    #[test]
    fn bodies() {
        assert_eq!(body("  hi \r\n there "), Ok("hi \n there".into()));
        assert!(body("   ").is_err());
        assert!(body(&"x".repeat(MAX_MESSAGE + 1)).is_err());
    }
}
