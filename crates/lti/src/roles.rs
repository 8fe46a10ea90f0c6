//! Institution roles to Homeroom roles. LTI sends role URIs (context roles such as
//! `…/membership#Instructor`, sub-roles such as `…/membership/Instructor#TeachingAssistant`,
//! institution and system roles, and the short forms older platforms use); OneRoster
//! sends words (`teacher`, `student`, `aide`, …). Context roles decide; the most
//! privileged wins, except that a teaching-assistant sub-role is a TA, not a tutor.

/// Homeroom's roles in a course, as the rest of the app names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Tutor,
    Ta,
    Student,
    Observer,
}

/// The role for a set of LTI role URIs, or `None` when none is a course role we know
/// (the launch then asks an instructor what to do rather than guessing).
pub fn from_lti(roles: &[String]) -> Option<Role> {
    let mut best: Option<Role> = None;
    for r in roles {
        let r = r.trim();
        let context = r
            .strip_prefix("http://purl.imsglobal.org/vocab/lis/v2/membership")
            .or_else(|| (!r.contains("://")).then_some(r));
        let Some(rest) = context else { continue };
        let rest = rest.trim_start_matches(['#', '/']);
        let role = match rest {
            "Instructor#TeachingAssistant" | "TeachingAssistant" => Some(Role::Ta),
            _ if rest.starts_with("Instructor") => Some(Role::Tutor),
            "Administrator" | "ContentDeveloper" => Some(Role::Tutor),
            "Learner" | "Student" => Some(Role::Student),
            _ if rest.starts_with("Learner#") => Some(Role::Student),
            "Mentor" | "Observer" => Some(Role::Observer),
            _ if rest.starts_with("Mentor#") => Some(Role::Observer),
            _ => None,
        };
        if let Some(role) = role {
            best = Some(best.map_or(role, |b| b.min(role)));
        }
    }
    best
}

/// The role for a OneRoster enrolment role.
pub fn from_oneroster(role: &str) -> Option<Role> {
    match role.trim().to_ascii_lowercase().as_str() {
        "teacher" | "administrator" | "districtadministrator" | "siteadministrator" => Some(Role::Tutor),
        "aide" | "proctor" => Some(Role::Ta),
        "student" => Some(Role::Student),
        "guardian" | "parent" | "relative" => Some(Role::Observer),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(roles: &[&str]) -> Vec<String> {
        roles.iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn lti_roles() {
        let m = "http://purl.imsglobal.org/vocab/lis/v2/membership";
        assert_eq!(from_lti(&v(&[&format!("{m}#Learner")])), Some(Role::Student));
        assert_eq!(from_lti(&v(&[&format!("{m}#Instructor")])), Some(Role::Tutor));
        assert_eq!(from_lti(&v(&[&format!("{m}/Instructor#TeachingAssistant")])), Some(Role::Ta));
        assert_eq!(from_lti(&v(&[&format!("{m}#Mentor")])), Some(Role::Observer));
        // The most privileged context role wins.
        assert_eq!(from_lti(&v(&[&format!("{m}#Learner"), &format!("{m}#Instructor")])), Some(Role::Tutor));
        // Short forms.
        assert_eq!(from_lti(&v(&["Learner"])), Some(Role::Student));
        // Institution and system roles say nothing about this course.
        assert_eq!(from_lti(&v(&["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty"])), None);
        assert_eq!(from_lti(&v(&["http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator"])), None);
        assert_eq!(from_lti(&v(&["http://example.org/role#Wizard"])), None);
        assert_eq!(from_lti(&[]), None);
    }

    #[test]
    fn oneroster_roles() {
        assert_eq!(from_oneroster("teacher"), Some(Role::Tutor));
        assert_eq!(from_oneroster(" Student "), Some(Role::Student));
        assert_eq!(from_oneroster("aide"), Some(Role::Ta));
        assert_eq!(from_oneroster("guardian"), Some(Role::Observer));
        assert_eq!(from_oneroster("janitor"), None);
    }
}
