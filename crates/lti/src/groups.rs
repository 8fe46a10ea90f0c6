//! LTI Course Groups (the IMS groups service, `lti-gs`): the LMS's groups and group sets,
//! each listed by the platform page by page, and who is in each group (the roster's
//! `group_enrollments`). `imported` turns them into group sets Homeroom keeps: one set per
//! LMS group set, each LMS group a group of it; groups in no set go in a set of their own.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

pub const SCOPE: &str = "https://purl.imsglobal.org/spec/lti-gs/scope/contextgroup.readonly";
pub const CLAIM: &str = "https://purl.imsglobal.org/spec/lti-gs/claim/groupsservice";
pub const GROUPS_MEDIA: &str = "application/vnd.ims.lti-gs.v1.contextgroupcontainer+json";
pub const SETS_MEDIA: &str = "application/vnd.ims.lti-gs.v1.contextgroupsetcontainer+json";
/// The LMS-set id of the set that holds groups in no set.
pub const UNSET: &str = "";

#[derive(Clone, Debug, Deserialize)]
pub struct GroupsPage {
    #[serde(default)]
    pub groups: Vec<Group>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Group {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub set_ids: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct SetsPage {
    #[serde(default)]
    pub sets: Vec<GroupSet>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GroupSet {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// A group set as Homeroom will keep it; members are LMS person ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub lms_id: String,
    pub name: Option<String>,
    pub groups: Vec<Vec<String>>,
}

/// The sets to keep, from everything the platform listed. `enrolments` is each person's
/// group ids (from the roster). Empty groups and sets with no members are left out; a
/// person named twice in a group counts once. The order is fixed (by LMS id) so that an
/// import run twice writes the same thing.
pub fn imported(sets: &[GroupSet], groups: &[Group], enrolments: &[(String, Vec<String>)]) -> Vec<Imported> {
    let mut members: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (person, ids) in enrolments {
        for g in ids {
            members.entry(g.as_str()).or_default().insert(person.as_str());
        }
    }
    let names: BTreeMap<&str, Option<&String>> = sets.iter().map(|s| (s.id.as_str(), s.name.as_ref())).collect();
    let mut by_set: BTreeMap<&str, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    for g in groups {
        let Some(people) = members.get(g.id.as_str()).filter(|p| !p.is_empty()) else { continue };
        let people: Vec<String> = people.iter().map(|p| p.to_string()).collect();
        // A set the platform did not list is still a set; an unlisted group is in none.
        let in_sets: Vec<&str> =
            if g.set_ids.is_empty() { vec![UNSET] } else { g.set_ids.iter().map(String::as_str).collect() };
        for s in in_sets {
            by_set.entry(s).or_default().insert(g.id.as_str(), people.clone());
        }
    }
    by_set
        .into_iter()
        .map(|(id, groups)| Imported {
            lms_id: id.to_string(),
            name: names.get(id).copied().flatten().cloned(),
            groups: groups.into_values().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn g(id: &str, sets: &[&str]) -> Group {
        Group { id: id.into(), name: Some(id.to_uppercase()), set_ids: sets.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn sets_of_groups_of_people() {
        let sets = [GroupSet { id: "s1".into(), name: Some("Project teams".into()) }];
        let groups = [g("g1", &["s1"]), g("g2", &["s1"]), g("g3", &[]), g("empty", &["s1"])];
        let enrol = vec![
            ("ann".to_string(), vec!["g1".to_string(), "g3".to_string()]),
            ("bo".to_string(), vec!["g1".to_string(), "g1".to_string()]),
            ("cy".to_string(), vec!["g2".to_string(), "nowhere".to_string()]),
        ];
        let out = imported(&sets, &groups, &enrol);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0], Imported { lms_id: UNSET.into(), name: None, groups: vec![vec!["ann".into()]] });
        assert_eq!(out[1].name.as_deref(), Some("Project teams"));
        assert_eq!(out[1].groups, vec![vec!["ann".to_string(), "bo".to_string()], vec!["cy".to_string()]]);
    }

    #[test]
    fn the_service_documents_read() {
        let p: GroupsPage = serde_json::from_str(
            r#"{"id":"https://lms/groups","groups":[{"id":"1","name":"A","tag":"x","set_ids":["9"]},{"id":"2"}]}"#,
        )
        .unwrap();
        assert_eq!((p.groups.len(), p.groups[0].set_ids.clone()), (2, vec!["9".to_string()]));
        let s: SetsPage = serde_json::from_str(r#"{"sets":[{"id":"9","name":"Teams"}]}"#).unwrap();
        assert_eq!(s.sets[0].name.as_deref(), Some("Teams"));
    }

    proptest! {
        #[test]
        fn everyone_enrolled_in_a_listed_group_is_kept(
            enrol in proptest::collection::vec((0u8..20, proptest::collection::vec(0u8..6, 0..4)), 0..30)
        ) {
            let groups: Vec<Group> = (0..5).map(|i| g(&i.to_string(), if i % 2 == 0 { &["s"] } else { &[] })).collect();
            let enrol: Vec<(String, Vec<String>)> =
                enrol.iter().map(|(p, gs)| (p.to_string(), gs.iter().map(|x| x.to_string()).collect())).collect();
            let out = imported(&[], &groups, &enrol);
            for (p, _) in &enrol {
                // A person may be named in several entries.
                let listed = enrol.iter().filter(|(q, _)| q == p).flat_map(|(_, gs)| gs).any(|x| x.parse::<u8>().unwrap() < 5);
                let kept = out.iter().any(|s| s.groups.iter().any(|grp| grp.contains(p)));
                prop_assert_eq!(listed, kept);
            }
            for s in &out {
                for grp in &s.groups {
                    prop_assert!(!grp.is_empty());
                    let unique: BTreeSet<_> = grp.iter().collect();
                    prop_assert_eq!(unique.len(), grp.len());
                }
            }
        }
    }
}
