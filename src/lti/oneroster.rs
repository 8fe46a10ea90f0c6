//! OneRoster 1.2 CSV rosters (a zip of `manifest.csv`, `users.csv`, `classes.csv`,
//! `enrollments.csv`, `orgs.csv`) beside the plain `name,email,role` CSV: the roster
//! import (`courses::import`) turns a zip into the plain CSV of one class and shows the
//! same preview, so the tutor sees and checks exactly what will be imported. A zip with
//! any problem imports nothing: its problems are listed, file and line.

use std::collections::BTreeMap;
use std::io::Read;

use homeroom_lti::oneroster::{self, Class};

const FILES: [&str; 5] = ["manifest.csv", "users.csv", "classes.csv", "enrollments.csv", "orgs.csv"];
/// The most we unpack of any one file (a district's users.csv is a few MB).
const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The files of a OneRoster zip, by name (folders inside the zip are ignored).
fn unzip(bytes: &[u8]) -> Result<BTreeMap<String, String>, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("the zip cannot be read: {e}"))?;
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(|e| format!("the zip cannot be read: {e}"))?;
        let full = file.name().map_err(|e| format!("the zip cannot be read: {e}"))?;
        let name = full.rsplit('/').next().unwrap_or("").to_string();
        if !FILES.contains(&name.as_str()) {
            continue;
        }
        let mut text = String::new();
        file.take(MAX_FILE_BYTES + 1).read_to_string(&mut text).map_err(|_| format!("{name} is not UTF-8 text"))?;
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(format!("{name} is larger than {} MB", MAX_FILE_BYTES / 1024 / 1024));
        }
        out.insert(name, text);
    }
    Ok(out)
}

/// Which class of the roster this course is: the only one, or the one with the course's
/// title.
fn pick<'a>(classes: &'a [Class], course_title: &str) -> Result<&'a Class, String> {
    match classes {
        [] => Err("the roster has no class".into()),
        [one] => Ok(one),
        many => many.iter().find(|c| c.title.trim().eq_ignore_ascii_case(course_title.trim())).ok_or_else(|| {
            let titles: Vec<&str> = many.iter().map(|c| c.title.as_str()).take(10).collect();
            format!(
                "the roster has {} classes ({}); none is called \"{course_title}\": export one class, or give the course its title",
                many.len(),
                titles.join(", ")
            )
        }),
    }
}

/// The plain roster CSV (`name,email,role`) of the class in a OneRoster zip; people
/// whose enrolment or account is to be deleted or disabled are left out. `Err` lists
/// every problem, in plain words.
pub fn to_plain_csv(bytes: &[u8], course_title: &str) -> Result<String, Vec<String>> {
    let files = unzip(bytes).map_err(|e| vec![e])?;
    let roster = oneroster::read(&files);
    if !roster.errors.is_empty() {
        return Err(roster
            .errors
            .iter()
            .map(|e| {
                if e.line == 0 {
                    format!("{}: {}", e.file, e.message)
                } else {
                    format!("{} line {}: {}", e.file, e.line, e.message)
                }
            })
            .collect());
    }
    let class = pick(&roster.classes, course_title).map_err(|e| vec![e])?;
    let mut w = csv::Writer::from_writer(vec![]);
    let role = |r: homeroom_lti::roles::Role| super::provision::role(r).as_str();
    let written = (|| {
        w.write_record(["name", "email", "role"])?;
        for m in class.members.iter().filter(|m| m.active) {
            w.write_record([m.name.as_str(), m.email.as_str(), role(m.role)])?;
        }
        w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    })();
    written.map(|b| String::from_utf8_lossy(&b).into_owned()).map_err(|e| vec![e.to_string()])
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    pub fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(vec![]));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in files {
            w.start_file(format!("export/{name}"), opts).unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn roster(extra_class: bool, bad_row: bool) -> Vec<u8> {
        let classes = if extra_class {
            "sourcedId,title\nc1,Flexible Learning\nc2,Statistics\n"
        } else {
            "sourcedId,title\nc1,Flexible Learning\n"
        };
        let users = if bad_row {
            "sourcedId,givenName,familyName,email\nu1,Ann,\"Lee, Jr\",ann@uni.example\nu2,Bo,Berg,\n"
        } else {
            "sourcedId,givenName,familyName,email,enabledUser\nu1,Ann,\"Lee, Jr\",ann@uni.example,true\nu2,Bo,Berg,bo@uni.example,true\nu3,Cy,Dahl,cy@uni.example,false\n"
        };
        zip_of(&[
            ("manifest.csv", "propertyName,value\noneroster.version,1.2\n"),
            ("users.csv", users),
            ("classes.csv", classes),
            (
                "enrollments.csv",
                "sourcedId,classSourcedId,userSourcedId,role\ne1,c1,u1,teacher\ne2,c1,u2,student\ne3,c1,u3,student\n",
            ),
            ("orgs.csv", "sourcedId,name\no1,North\n"),
        ])
    }

    #[test]
    fn a_class_becomes_the_plain_roster() {
        let bytes = roster(false, false);
        assert!(is_zip(&bytes));
        let csv = to_plain_csv(&bytes, "anything").unwrap();
        assert_eq!(csv, "name,email,role\n\"Ann Lee, Jr\",ann@uni.example,tutor\nBo Berg,bo@uni.example,student\n");
        let parsed = crate::courses::roster::parse(csv.as_bytes()).unwrap();
        assert!(parsed.is_clean(), "{:?}", parsed.errors);
        assert_eq!(parsed.rows.len(), 2);
    }

    #[test]
    fn several_classes_need_the_course_title() {
        let bytes = roster(true, false);
        let e = to_plain_csv(&bytes, "Something else").unwrap_err();
        assert!(e[0].contains("2 classes (Flexible Learning, Statistics)"), "{e:?}");
        assert!(to_plain_csv(&bytes, " flexible learning ").is_ok());
    }

    #[test]
    fn any_problem_imports_nothing_and_is_named() {
        let e = to_plain_csv(&roster(false, true), "x").unwrap_err();
        assert!(e.iter().any(|m| m.starts_with("users.csv line 3")), "{e:?}");
        assert!(e.iter().any(|m| m.starts_with("enrollments.csv line 3")), "{e:?}");
        assert_eq!(to_plain_csv(b"PK\x03\x04 not really", "x").unwrap_err().len(), 1);
    }
}
