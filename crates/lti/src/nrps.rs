//! Names and Roles Provisioning: reading one page of a platform's member list, finding
//! the next page in its `Link` header, and working out what a full sync changes.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::roles::{Role, from_lti};

/// The `rel="next"` address in a `Link` header, if any (RFC 8288; several links may be
/// comma-separated, parameters in any order, quoted or not).
pub fn next_link(header: &str) -> Option<String> {
    split_links(header).into_iter().find_map(|link| {
        let (target, params) = link.split_once(';')?;
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        let is_next = params.split(';').any(|p| {
            let Some((k, v)) = p.split_once('=') else { return false };
            k.trim().eq_ignore_ascii_case("rel")
                && v.trim().trim_matches('"').split_whitespace().any(|r| r.eq_ignore_ascii_case("next"))
        });
        is_next.then(|| target.to_string())
    })
}

/// Commas separate links, except inside `<…>` or quotes.
fn split_links(header: &str) -> Vec<&str> {
    let mut out = vec![];
    let (mut start, mut in_angle, mut in_quote) = (0, false, false);
    for (i, c) in header.char_indices() {
        match c {
            '<' if !in_quote => in_angle = true,
            '>' if !in_quote => in_angle = false,
            '"' if !in_angle => in_quote = !in_quote,
            ',' if !in_angle && !in_quote => {
                out.push(&header[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&header[start..]);
    out
}

#[derive(Clone, Debug, Deserialize)]
pub struct Page {
    pub members: Vec<Member>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Member {
    pub user_id: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    /// The Course Groups the person is in, when the platform offers them.
    #[serde(default)]
    pub group_enrollments: Vec<GroupEnrollment>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GroupEnrollment {
    pub group_id: String,
}

/// A member as Homeroom keeps them after a sync.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synced {
    pub role: Role,
    pub name: Option<String>,
    pub email: Option<String>,
    /// The picture the platform offers (taken only when the person has no photo).
    pub picture: Option<String>,
    pub active: bool,
}

/// What a full sync changes, given everyone now on the platform's list (all pages) and
/// the LTI user ids Homeroom knows in the course. People who left are marked inactive,
/// never deleted; members whose roles we do not know are reported, not guessed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub upsert: BTreeMap<String, Synced>,
    pub deactivate: BTreeSet<String>,
    pub unknown_roles: BTreeSet<String>,
}

pub fn changes(listed: &[Member], known: &BTreeSet<String>) -> Changes {
    let mut out = Changes::default();
    let mut seen = BTreeSet::new();
    for m in listed {
        seen.insert(m.user_id.clone());
        let active = !matches!(m.status.as_deref(), Some("Inactive") | Some("Deleted"));
        match from_lti(&m.roles) {
            Some(role) => {
                out.upsert.insert(
                    m.user_id.clone(),
                    Synced { role, name: m.name.clone(), email: m.email.clone(), picture: m.picture.clone(), active },
                );
            }
            None => {
                out.unknown_roles.insert(m.user_id.clone());
            }
        }
    }
    // A platform that lists nobody is far likelier to be misconfigured or mid-outage than
    // to have dropped the whole class (and a learner who has just launched must not be
    // locked out by it): an empty list deactivates no one.
    if listed.is_empty() {
        return out;
    }
    out.deactivate = known.difference(&seen).cloned().collect();
    for (id, s) in &out.upsert {
        if !s.active && known.contains(id) {
            out.deactivate.insert(id.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page() {
        let h =
            r#"<https://lms.example/nrps?page=1>; rel="first", <https://lms.example/nrps?page=3&a=1,2>; rel="next""#;
        assert_eq!(next_link(h).as_deref(), Some("https://lms.example/nrps?page=3&a=1,2"));
        assert_eq!(next_link(r#"<https://x/a>; rel=next"#).as_deref(), Some("https://x/a"));
        assert_eq!(next_link(r#"<https://x/a>; title="a, b"; rel="prev next""#).as_deref(), Some("https://x/a"));
        assert_eq!(next_link(r#"<https://x/a>; rel="prev""#), None);
        assert_eq!(next_link(""), None);
    }

    fn member(id: &str, role: &str, status: Option<&str>) -> Member {
        Member {
            user_id: id.into(),
            status: status.map(str::to_string),
            name: Some(id.to_uppercase()),
            email: None,
            picture: None,
            roles: vec![role.into()],
            group_enrollments: vec![],
        }
    }

    #[test]
    fn a_sync_adds_updates_and_deactivates_but_never_deletes() {
        let known: BTreeSet<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let listed = [
            member("a", "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner", None),
            member("b", "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner", Some("Inactive")),
            member("d", "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor", Some("Active")),
            member("e", "http://example.org/#Wizard", None),
        ];
        let c = changes(&listed, &known);
        assert_eq!(c.upsert.keys().cloned().collect::<Vec<_>>(), ["a", "b", "d"]);
        assert_eq!(c.upsert["d"].role, Role::Tutor);
        assert_eq!(c.deactivate.iter().cloned().collect::<Vec<_>>(), ["b", "c"]);
        assert_eq!(c.unknown_roles.iter().cloned().collect::<Vec<_>>(), ["e"]);
    }

    #[test]
    fn an_empty_list_deactivates_no_one() {
        let known: BTreeSet<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        assert_eq!(changes(&[], &known), Changes::default());
        // One person listed is a real list: the others are gone.
        let one = [member("a", "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner", None)];
        assert_eq!(changes(&one, &known).deactivate.iter().cloned().collect::<Vec<_>>(), ["b"]);
    }
}
