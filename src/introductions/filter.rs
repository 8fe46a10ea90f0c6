//! "Meet the class" filters and card lines: pure, so they are tested here.

use std::collections::BTreeSet;

/// The first line of a text, cut at a word boundary to at most `max` characters.
pub fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    // Markdown markers at the start of a line say nothing on a card.
    let line = line.trim_start_matches(['#', '>', '*', '-', ' ']);
    if line.chars().count() <= max {
        return line.to_string();
    }
    let cut: String = line.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// The choices the filters offer, from what the viewer can see of the class.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub organisations: Vec<String>,
    pub zones: Vec<String>,
    pub interests: Vec<String>,
}

pub fn facets<'a>(cards: impl Iterator<Item = (Option<&'a str>, Option<&'a str>, &'a [String])>) -> Facets {
    let (mut o, mut z, mut i) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for (org, zone, interests) in cards {
        o.extend(org.filter(|s| !s.is_empty()).map(str::to_string));
        z.extend(zone.map(str::to_string));
        i.extend(interests.iter().cloned());
    }
    Facets {
        organisations: o.into_iter().collect(),
        zones: z.into_iter().collect(),
        interests: i.into_iter().collect(),
    }
}

/// What the GET query asks for; an empty value means "any".
pub struct Wanted {
    organisation: String,
    zone: String,
    interest: String,
}

impl Wanted {
    pub fn new(organisation: &str, zone: &str, interest: &str) -> Wanted {
        Wanted {
            organisation: organisation.trim().to_lowercase(),
            zone: zone.trim().to_string(),
            interest: interest.trim().to_lowercase(),
        }
    }

    /// Hidden fields never match a filter: filtering must not reveal them.
    pub fn matches(&self, organisation: Option<&str>, zone: Option<&str>, interests: &[String]) -> bool {
        (self.organisation.is_empty() || organisation.is_some_and(|o| o.to_lowercase() == self.organisation))
            && (self.zone.is_empty() || zone == Some(self.zone.as_str()))
            && (self.interest.is_empty() || interests.contains(&self.interest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_lines() {
        assert_eq!(first_line("\n  Hello there!\nMore", 140), "Hello there!");
        assert_eq!(first_line("# Hi, I am Ada", 140), "Hi, I am Ada");
        assert_eq!(first_line("one two three four five", 12), "one two…");
        assert_eq!(first_line("", 10), "");
    }

    #[test]
    fn filters() {
        let w = Wanted::new("Acme", "", "");
        assert!(w.matches(Some("acme"), None, &[]));
        assert!(!w.matches(None, None, &[]), "a hidden organisation never matches");
        let w = Wanted::new("", "Europe/Oslo", "chess");
        assert!(w.matches(None, Some("Europe/Oslo"), &["chess".into()]));
        assert!(!w.matches(None, Some("Europe/Oslo"), &["go".into()]));
        assert!(Wanted::new("", "", "").matches(None, None, &[]));
    }

    #[test]
    fn facets_are_sorted_and_distinct() {
        let a = vec!["chess".to_string()];
        let b = vec!["chess".to_string(), "art".to_string()];
        let f = facets([(Some("B"), Some("UTC"), a.as_slice()), (Some("A"), None, b.as_slice())].into_iter());
        assert_eq!(f.organisations, vec!["A", "B"]);
        assert_eq!(f.zones, vec!["UTC"]);
        assert_eq!(f.interests, vec!["art", "chess"]);
    }
}
