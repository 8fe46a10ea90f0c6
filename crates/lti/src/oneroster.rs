//! OneRoster 1.2 CSV rosters (the files of the zip: `manifest.csv`, `users.csv`,
//! `classes.csv`, `enrollments.csv`, `orgs.csv`) read into classes and their members,
//! with an error per row in words a tutor can act on. Columns are found by their names
//! in the header, as the specification allows any order and extra columns.

use std::collections::BTreeMap;

use crate::roles::{Role, from_oneroster};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub file: String,
    /// The line in the file (the header is line 1), or 0 for the file as a whole.
    pub line: usize,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrolled {
    pub user_sourced_id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// `false` for enrolments or users marked `tobedeleted`, or disabled users.
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    pub sourced_id: String,
    pub title: String,
    pub school: Option<String>,
    pub members: Vec<Enrolled>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster {
    pub classes: Vec<Class>,
    pub errors: Vec<RowError>,
}

struct Table {
    file: String,
    rows: Vec<(usize, BTreeMap<String, String>)>,
}

fn table(files: &BTreeMap<String, String>, name: &str, required: &[&str], errors: &mut Vec<RowError>) -> Option<Table> {
    let err = |line: usize, message: String| RowError { file: name.to_string(), line, message };
    let Some(text) = files.get(name) else {
        errors.push(err(0, format!("{name} is missing from the zip")));
        return None;
    };
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            errors.push(err(1, format!("the header cannot be read: {e}")));
            return None;
        }
    };
    let missing: Vec<&str> = required.iter().copied().filter(|c| !header.iter().any(|h| h == c)).collect();
    if !missing.is_empty() {
        errors.push(err(1, format!("the header lacks the column(s) {}", missing.join(", "))));
        return None;
    }
    let mut rows = vec![];
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        match rec {
            Ok(r) => rows.push((line, header.iter().cloned().zip(r.iter().map(|v| v.trim().to_string())).collect())),
            Err(e) => errors.push(err(line, format!("this line cannot be read: {e}"))),
        }
    }
    Some(Table { file: name.to_string(), rows })
}

/// Read a OneRoster 1.2 CSV roster from its files (name → text).
pub fn read(files: &BTreeMap<String, String>) -> Roster {
    let mut errors = vec![];
    if let Some(m) = table(files, "manifest.csv", &["propertyName", "value"], &mut errors) {
        let version =
            m.rows.iter().find(|(_, r)| r["propertyName"] == "oneroster.version").map(|(_, r)| r["value"].clone());
        if version.as_deref() != Some("1.2") {
            errors.push(RowError {
                file: m.file.clone(),
                line: 0,
                message: format!(
                    "this is OneRoster {}; Homeroom reads 1.2",
                    version.unwrap_or_else(|| "of no stated version".into())
                ),
            });
        }
    }
    let users = table(files, "users.csv", &["sourcedId", "givenName", "familyName", "email"], &mut errors);
    let classes = table(files, "classes.csv", &["sourcedId", "title"], &mut errors);
    let enrollments =
        table(files, "enrollments.csv", &["sourcedId", "classSourcedId", "userSourcedId", "role"], &mut errors);
    let orgs = table(files, "orgs.csv", &["sourcedId", "name"], &mut errors);
    let (Some(users), Some(classes), Some(enrollments)) = (users, classes, enrollments) else {
        return Roster { classes: vec![], errors };
    };
    let org_names: BTreeMap<String, String> = orgs
        .map(|o| o.rows.into_iter().map(|(_, r)| (r["sourcedId"].clone(), r["name"].clone())).collect())
        .unwrap_or_default();
    let deleted = |r: &BTreeMap<String, String>| r.get("status").is_some_and(|s| s.eq_ignore_ascii_case("tobedeleted"));

    let mut people: BTreeMap<String, (String, String, bool)> = BTreeMap::new();
    for (line, r) in &users.rows {
        let email = r["email"].to_lowercase();
        if !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
            errors.push(RowError {
                file: users.file.clone(),
                line: *line,
                message: format!("{} has no usable email address", r["sourcedId"]),
            });
            continue;
        }
        let name = [r["givenName"].as_str(), r["familyName"].as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let enabled = !r.get("enabledUser").is_some_and(|v| v.eq_ignore_ascii_case("false"));
        people.insert(
            r["sourcedId"].clone(),
            (if name.is_empty() { email.clone() } else { name }, email, enabled && !deleted(r)),
        );
    }
    let mut out: BTreeMap<String, Class> = BTreeMap::new();
    for (_, r) in &classes.rows {
        out.insert(
            r["sourcedId"].clone(),
            Class {
                sourced_id: r["sourcedId"].clone(),
                title: r["title"].clone(),
                school: r.get("schoolSourcedId").and_then(|s| org_names.get(s)).cloned(),
                members: vec![],
            },
        );
    }
    for (line, r) in &enrollments.rows {
        let err = |message: String| RowError { file: enrollments.file.clone(), line: *line, message };
        let Some(class) = out.get_mut(&r["classSourcedId"]) else {
            errors.push(err(format!("class {} is not in classes.csv", r["classSourcedId"])));
            continue;
        };
        let Some((name, email, user_active)) = people.get(&r["userSourcedId"]) else {
            errors.push(err(format!("user {} is not in users.csv (or has no email address)", r["userSourcedId"])));
            continue;
        };
        let Some(role) = from_oneroster(&r["role"]) else {
            errors.push(err(format!(
                "the role {:?} is not one Homeroom knows (teacher, aide, student, guardian)",
                r["role"]
            )));
            continue;
        };
        class.members.push(Enrolled {
            user_sourced_id: r["userSourcedId"].clone(),
            name: name.clone(),
            email: email.clone(),
            role,
            active: *user_active && !deleted(r),
        });
    }
    Roster { classes: out.into_values().collect(), errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> BTreeMap<String, String> {
        BTreeMap::from([
            ("manifest.csv".into(), "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\n".into()),
            (
                "users.csv".into(),
                "\u{feff}sourcedId,status,enabledUser,givenName,familyName,email\nu1,active,true,Ann,Lee,Ann@Uni.example\nu2,,true,Bo,Berg,bo@uni.example\nu3,tobedeleted,true,Cy,Dahl,cy@uni.example\nu4,,true,Di,,\n".into(),
            ),
            ("classes.csv".into(), "sourcedId,title,schoolSourcedId\nc1,Flexible Learning,o1\n".into()),
            (
                "enrollments.csv".into(),
                "sourcedId,classSourcedId,userSourcedId,role,status\ne1,c1,u1,teacher,\ne2,c1,u2,student,\ne3,c1,u3,student,\ne4,c1,u4,student,\ne5,c9,u2,student,\ne6,c1,u2,janitor,\n".into(),
            ),
            ("orgs.csv".into(), "sourcedId,name,type\no1,North College,school\n".into()),
        ])
    }

    #[test]
    fn classes_members_and_an_error_per_row() {
        let r = read(&files());
        assert_eq!(r.classes.len(), 1);
        let c = &r.classes[0];
        assert_eq!((c.title.as_str(), c.school.as_deref()), ("Flexible Learning", Some("North College")));
        let got: Vec<(&str, &str, Role, bool)> =
            c.members.iter().map(|m| (m.name.as_str(), m.email.as_str(), m.role, m.active)).collect();
        assert_eq!(
            got,
            [
                ("Ann Lee", "ann@uni.example", Role::Tutor, true),
                ("Bo Berg", "bo@uni.example", Role::Student, true),
                ("Cy Dahl", "cy@uni.example", Role::Student, false),
            ]
        );
        let lines: Vec<(&str, usize)> = r.errors.iter().map(|e| (e.file.as_str(), e.line)).collect();
        assert_eq!(lines, [("users.csv", 5), ("enrollments.csv", 5), ("enrollments.csv", 6), ("enrollments.csv", 7)]);
    }

    #[test]
    fn missing_files_columns_and_versions_are_named() {
        let mut f = files();
        f.remove("classes.csv");
        f.insert("manifest.csv".into(), "propertyName,value\noneroster.version,1.1\n".into());
        f.insert("users.csv".into(), "sourcedId,givenName,email\n".into());
        let r = read(&f);
        assert!(r.classes.is_empty());
        let messages: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("OneRoster 1.1")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("familyName")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("classes.csv is missing")), "{messages:?}");
    }
}
