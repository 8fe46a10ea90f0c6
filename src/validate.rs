//! "Parse, don't validate": the values people type, checked once at the edge and then
//! carried as types that cannot be wrong. Each failure names a message in the Fluent
//! files, so the form can say what is wrong in the reader's language.

use std::fmt;

/// What is wrong with a value, as a Fluent message id (see `locales/*/main.ftl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invalid(pub &'static str);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

pub const MAX_EMAIL: usize = 254;
pub const MAX_NAME: usize = 100;
pub const MIN_PASSWORD: usize = 10;
pub const MAX_PASSWORD: usize = 200;
pub const MAX_TITLE: usize = 120;
pub const MAX_DESCRIPTION: usize = 2000;

/// An email address, trimmed and lower-cased so that one person has one account.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, Invalid> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(Invalid("err-email-missing"));
        }
        if s.chars().count() > MAX_EMAIL {
            return Err(Invalid("err-email-too-long"));
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(Invalid("err-email-invalid"));
        };
        let bad_char = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c);
        let ok = !local.is_empty()
            && local.len() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !s.chars().any(bad_char);
        if !ok {
            return Err(Invalid("err-email-invalid"));
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A person's display name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, Invalid> {
        let s = collapse_spaces(raw);
        if s.is_empty() {
            return Err(Invalid("err-name-missing"));
        }
        if s.chars().count() > MAX_NAME {
            return Err(Invalid("err-name-too-long"));
        }
        if s.chars().any(char::is_control) {
            return Err(Invalid("err-name-invalid"));
        }
        Ok(PersonName(s))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A new password. Length is what matters; we do not demand symbol soup.
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> Result<NewPassword, Invalid> {
        let n = raw.chars().count();
        if n < MIN_PASSWORD {
            return Err(Invalid("err-password-too-short"));
        }
        if n > MAX_PASSWORD {
            return Err(Invalid("err-password-too-long"));
        }
        Ok(NewPassword(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A course title.
pub fn course_title(raw: &str) -> Result<String, Invalid> {
    let s = collapse_spaces(raw);
    if s.is_empty() {
        return Err(Invalid("err-title-missing"));
    }
    if s.chars().count() > MAX_TITLE {
        return Err(Invalid("err-title-too-long"));
    }
    Ok(s)
}

/// A short free text that may be empty.
pub fn description(raw: &str) -> Result<String, Invalid> {
    let s = raw.trim().replace("\r\n", "\n");
    if s.chars().count() > MAX_DESCRIPTION {
        return Err(Invalid("err-description-too-long"));
    }
    Ok(s)
}

/// An IANA time zone name this server knows.
pub fn time_zone(raw: &str) -> Result<String, Invalid> {
    let s = raw.trim();
    if crate::time::is_known_zone(s) { Ok(s.to_string()) } else { Err(Invalid("err-time-zone")) }
}

/// A calendar date written as YYYY-MM-DD (what `<input type=date>` sends).
pub fn date(raw: &str) -> Result<jiff::civil::Date, Invalid> {
    raw.trim().parse::<jiff::civil::Date>().map_err(|_| Invalid("err-date"))
}

fn collapse_spaces(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails() {
        assert_eq!(Email::parse("  Ada@Example.ORG ").unwrap().as_str(), "ada@example.org");
        for bad in ["", "ada", "ada@", "@x.org", "ada@x", "a b@x.org", "a@x..org", "a@b@c.org", "a@x.org."] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(Invalid("err-email-too-long")));
    }

    #[test]
    fn names_are_tidied() {
        assert_eq!(PersonName::parse("  Ada   Lovelace ").unwrap().into_string(), "Ada Lovelace");
        assert!(PersonName::parse("   ").is_err());
        assert!(PersonName::parse(&"x".repeat(101)).is_err());
        assert!(PersonName::parse(&"ø".repeat(100)).is_ok());
    }

    #[test]
    fn passwords_need_length() {
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse("long enough pass").is_ok());
    }

    proptest! {
        #[test]
        fn parsed_emails_are_stable(s in "\\PC{0,300}") {
            if let Ok(e) = Email::parse(&s) {
                // Parsing is idempotent and the result obeys the limits.
                prop_assert_eq!(Email::parse(e.as_str()), Ok(e.clone()));
                prop_assert!(e.as_str().chars().count() <= MAX_EMAIL);
                prop_assert!(e.as_str().contains('@'));
            }
        }

        #[test]
        fn parsed_names_fit(s in "\\PC{0,200}") {
            if let Ok(n) = PersonName::parse(&s) {
                let n = n.into_string();
                prop_assert!(!n.is_empty() && n.chars().count() <= MAX_NAME);
                prop_assert_eq!(n.trim(), n.as_str());
            }
        }
    }
}
