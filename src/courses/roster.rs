//! Roster files: `name,email,role` CSV, parsed and checked row by row with no I/O, so that
//! the tutor sees every problem at once in the preview and nothing is written until the
//! whole file is right.

use std::collections::HashMap;

use crate::policy::Role;
use crate::validate::{Email, Invalid, PersonName};

pub const MAX_BYTES: usize = 2 * 1024 * 1024;
pub const MAX_ROWS: usize = 10_000;
pub const MAX_LINE_CHARS: usize = 1_000;

/// A row that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterRow {
    /// Line number in the file, counting the header as line 1.
    pub line: usize,
    pub name: String,
    pub email: Email,
    pub role: Role,
}

/// A row with a problem: its line, a Fluent message id and the value at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub message: &'static str,
    pub value: String,
}

/// A problem with the file as a whole; nothing in it can be trusted row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Empty,
    TooLarge,
    NotUtf8,
    LineTooLong { line: usize },
    TooManyRows,
    BadHeader { found: String },
    Malformed { line: usize },
}

impl FileError {
    /// The Fluent message id that explains it.
    pub fn message(&self) -> &'static str {
        match self {
            FileError::Empty => "roster-err-empty",
            FileError::TooLarge => "roster-err-too-large",
            FileError::NotUtf8 => "roster-err-not-utf8",
            FileError::LineTooLong { .. } => "roster-err-line-too-long",
            FileError::TooManyRows => "roster-err-too-many-rows",
            FileError::BadHeader { .. } => "roster-err-header",
            FileError::Malformed { .. } => "roster-err-malformed",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub rows: Vec<RosterRow>,
    pub errors: Vec<RowError>,
}

impl Parsed {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && !self.rows.is_empty()
    }
}

/// Parse a roster file. Accepts a UTF-8 byte-order mark and Windows line endings; columns
/// may come in any order but must be exactly `name`, `email` and `role`.
pub fn parse(bytes: &[u8]) -> Result<Parsed, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Spreadsheet exports use CRLF; the CSV reader numbers lines reliably on LF only.
    let text = text.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    // Checked before the CSV reader so that a runaway line is named, not swallowed.
    for (i, line) in text.lines().enumerate() {
        if line.chars().count() > MAX_LINE_CHARS {
            return Err(FileError::LineTooLong { line: i + 1 });
        }
    }

    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|_| FileError::Malformed { line: 1 })?.clone();
    let columns: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let find = |name: &str| columns.iter().position(|c| c == name);
    let (Some(name_at), Some(email_at), Some(role_at)) = (find("name"), find("email"), find("role")) else {
        return Err(FileError::BadHeader { found: header.iter().collect::<Vec<_>>().join(",") });
    };
    if columns.len() != 3 {
        return Err(FileError::BadHeader { found: header.iter().collect::<Vec<_>>().join(",") });
    }

    let mut parsed = Parsed::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| FileError::Malformed { line: e.position().map(|p| p.line() as usize).unwrap_or(i + 2) })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(i + 2);
        if record.iter().all(str::is_empty) {
            continue; // a blank line at the end of a spreadsheet export
        }
        if parsed.rows.len() + parsed.errors.len() >= MAX_ROWS {
            return Err(FileError::TooManyRows);
        }
        if record.len() != 3 {
            parsed.errors.push(RowError { line, message: "roster-err-columns", value: record.len().to_string() });
            continue;
        }
        let field = |at: usize| record.get(at).unwrap_or("").to_string();
        let (raw_name, raw_email, raw_role) = (field(name_at), field(email_at), field(role_at));
        let mut fail = |message: &'static str, value: &str| {
            parsed.errors.push(RowError { line, message, value: value.to_string() });
        };
        let name = match PersonName::parse(&raw_name) {
            Ok(n) => n.into_string(),
            Err(Invalid(m)) => {
                fail(m, &raw_name);
                continue;
            }
        };
        let email = match Email::parse(&raw_email) {
            Ok(e) => e,
            Err(Invalid(m)) => {
                fail(m, &raw_email);
                continue;
            }
        };
        let Some(role) = Role::parse(&raw_role) else {
            fail("roster-err-role", &raw_role);
            continue;
        };
        if let Some(first) = seen.get(email.as_str()) {
            fail("roster-err-duplicate", &format!("{} ({first})", email.as_str()));
            continue;
        }
        seen.insert(email.as_str().to_string(), line);
        parsed.rows.push(RosterRow { line, name, email, role });
    }
    if parsed.rows.is_empty() && parsed.errors.is_empty() {
        return Err(FileError::Empty);
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_good_roster() {
        let p = parse(b"\xef\xbb\xbfname,email,role\r\nAda Lovelace,ADA@example.org,Student\r\nAlan Turing,alan@example.org,ta\r\n").unwrap();
        assert!(p.is_clean());
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[0].email.as_str(), "ada@example.org");
        assert_eq!(p.rows[0].role, Role::Student);
        assert_eq!(p.rows[1].line, 3);
    }

    #[test]
    fn columns_in_any_order_and_quoted_commas() {
        let p = parse(b"Role,Email,Name\nstudent,bo@example.org,\"Berg, Bo\"\n").unwrap();
        assert_eq!(p.rows[0].name, "Berg, Bo");
    }

    #[test]
    fn every_bad_row_is_named() {
        let csv = "name,email,role\n\
                   Ada,ada@example.org,student\n\
                   Bob,not-an-email,student\n\
                   Cy,cy@example.org,teacher\n\
                   Ada again,ADA@example.org,student\n\
                   ,dee@example.org,student\n\
                   Eve,eve@example.org\n";
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!(p.rows.len(), 1);
        let got: Vec<(usize, &str)> = p.errors.iter().map(|e| (e.line, e.message)).collect();
        assert_eq!(
            got,
            vec![
                (3, "err-email-invalid"),
                (4, "roster-err-role"),
                (5, "roster-err-duplicate"),
                (6, "err-name-missing"),
                (7, "roster-err-columns"),
            ]
        );
        assert!(!p.is_clean());
    }

    #[test]
    fn whole_file_problems() {
        assert_eq!(parse(b""), Err(FileError::Empty));
        assert_eq!(parse(b"name,email,role\n"), Err(FileError::Empty));
        assert_eq!(parse(b"name,email\nA,a@b.org\n"), Err(FileError::BadHeader { found: "name,email".into() }));
        assert_eq!(parse(b"name,email,role,age\n"), Err(FileError::BadHeader { found: "name,email,role,age".into() }));
        assert_eq!(parse(b"name,email,role\n\xff\xfeA,a@b.org,student\n"), Err(FileError::NotUtf8));
        let long = format!("name,email,role\nA,{}@b.org,student\n", "a".repeat(1_000_000));
        assert_eq!(parse(long.as_bytes()), Err(FileError::LineTooLong { line: 2 }));
        let huge = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(parse(&huge), Err(FileError::TooLarge));
    }

    #[test]
    fn too_many_rows() {
        let mut s = String::from("name,email,role\n");
        for i in 0..=MAX_ROWS {
            s.push_str(&format!("P{i},p{i}@example.org,student\n"));
        }
        assert_eq!(parse(s.as_bytes()), Err(FileError::TooManyRows));
    }

    proptest! {
        // Whatever the bytes, parsing never panics, and every line it reports exists.
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut input = b"name,email,role\n".to_vec();
            input.extend_from_slice(&bytes);
            if let Ok(p) = parse(&input) {
                let lines = input.split(|b| *b == b'\n').count();
                for e in &p.errors { prop_assert!(e.line >= 2 && e.line <= lines); }
                for r in &p.rows { prop_assert!(r.line >= 2 && r.line <= lines); }
            }
        }

        // A generated roster of valid rows comes back row for row.
        #[test]
        fn valid_rows_survive(n in 1usize..40) {
            let mut s = String::from("name,email,role\n");
            for i in 0..n { s.push_str(&format!("Person {i},p{i}@example.org,{}\n", Role::ALL[i % 4].as_str())); }
            let p = parse(s.as_bytes()).unwrap();
            prop_assert!(p.is_clean());
            prop_assert_eq!(p.rows.len(), n);
        }
    }
}
