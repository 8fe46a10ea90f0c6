//! Every word a person reads comes from the Fluent files in `locales/`, English and
//! Norwegian Bokmål. Messages missing in one language fall back to English, and a test
//! keeps the two files in step.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Nb,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Nb];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Nb => "nb",
        }
    }

    pub fn parse(s: &str) -> Option<Locale> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Locale::En),
            "nb" | "no" | "nn" => Some(Locale::Nb),
            _ => None,
        }
    }

    /// The best match for an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Locale {
        Locale::accepted(header).unwrap_or(Locale::En)
    }

    /// The first of our languages the browser asks for, if any.
    pub fn accepted(header: &str) -> Option<Locale> {
        header.split(',').find_map(|part| {
            let tag = part.split(';').next().unwrap_or("").trim();
            Locale::parse(tag.split('-').next().unwrap_or(""))
        })
    }

    /// The language's own name, for the language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Nb => "Norsk bokmål",
        }
    }
}

/// Each language's messages, one file per area so that work on different features does
/// not edit the same file. Every file has a twin of the same name in the other language.
macro_rules! ftl_files {
    ($lang:literal) => {
        &[
            include_str!(concat!("../locales/", $lang, "/main.ftl")),
            include_str!(concat!("../locales/", $lang, "/scale.ftl")),
            include_str!(concat!("../locales/", $lang, "/security.ftl")),
            include_str!(concat!("../locales/", $lang, "/accounts.ftl")),
            include_str!(concat!("../locales/", $lang, "/trust.ftl")),
            include_str!(concat!("../locales/", $lang, "/home.ftl")),
            include_str!(concat!("../locales/", $lang, "/admin.ftl")),
            include_str!(concat!("../locales/", $lang, "/presence.ftl")),
            include_str!(concat!("../locales/", $lang, "/live.ftl")),
            include_str!(concat!("../locales/", $lang, "/abuse.ftl")),
            include_str!(concat!("../locales/", $lang, "/lists.ftl")),
            include_str!(concat!("../locales/", $lang, "/notify.ftl")),
            include_str!(concat!("../locales/", $lang, "/lti.ftl")),
            include_str!(concat!("../locales/", $lang, "/trust2.ftl")),
            include_str!(concat!("../locales/", $lang, "/human.ftl")),
            include_str!(concat!("../locales/", $lang, "/personal.ftl")),
            include_str!(concat!("../locales/", $lang, "/feedback.ftl")),
            include_str!(concat!("../locales/", $lang, "/sso.ftl")),
            include_str!(concat!("../locales/", $lang, "/like_you.ftl")),
            include_str!(concat!("../locales/", $lang, "/meetups.ftl")),
            include_str!(concat!("../locales/", $lang, "/weekly.ftl")),
        ]
    };
}
pub const EN_FTL: &[&str] = ftl_files!("en");
pub const NB_FTL: &[&str] = ftl_files!("nb");

struct Bundles {
    en: FluentBundle<FluentResource>,
    nb: FluentBundle<FluentResource>,
}

fn bundle(lang: &str, sources: &[&'static str]) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.parse().expect("a valid language tag");
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks would show up inside HTML attributes and emails.
    b.set_use_isolating(false);
    for source in sources {
        let res = FluentResource::try_new(source.to_string()).expect("Fluent file parses");
        b.add_resource(res).expect("no duplicate messages");
    }
    b
}

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| Bundles { en: bundle("en", EN_FTL), nb: bundle("nb", NB_FTL) });

/// Whether `id` could be a notice shown after a redirect: a short, well-formed id of a
/// message we ship. The id arrives in a cookie, so nothing else is ever looked up.
pub fn is_notice_id(id: &str) -> bool {
    id.len() < 64
        && !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && BUNDLES.en.has_message(id)
}

/// Look up a message, with arguments.
pub fn message(locale: Locale, id: &str, args: &[(&str, &str)]) -> String {
    let b = &*BUNDLES;
    let primary = match locale {
        Locale::En => &b.en,
        Locale::Nb => &b.nb,
    };
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        // Numbers stay numbers so that plural rules work.
        match v.parse::<i64>() {
            Ok(n) => fargs.set(*k, FluentValue::from(n)),
            Err(_) => fargs.set(*k, FluentValue::from(*v)),
        }
    }
    for bundle in [primary, &b.en] {
        if let Some(msg) = bundle.get_message(id)
            && let Some(pattern) = msg.value()
        {
            let mut errors = vec![];
            let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
            return text.into_owned();
        }
    }
    tracing::warn!(id, "missing message");
    id.to_string()
}

/// A translator bound to one language: what templates call as `t.t("id")`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tr(pub Locale);

impl Tr {
    pub fn t(&self, id: &str) -> String {
        message(self.0, id, &[])
    }

    pub fn t1(&self, id: &str, key: &str, value: impl std::fmt::Display) -> String {
        message(self.0, id, &[(key, &value.to_string())])
    }

    pub fn t2(&self, id: &str, k1: &str, v1: impl std::fmt::Display, k2: &str, v2: impl std::fmt::Display) -> String {
        message(self.0, id, &[(k1, &v1.to_string()), (k2, &v2.to_string())])
    }

    pub fn code(&self) -> &'static str {
        self.0.code()
    }
}

/// The message ids a Fluent source defines.
pub fn message_ids(source: &str) -> Vec<String> {
    let res = FluentResource::try_new(source.to_string()).expect("Fluent file parses");
    res.entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn notice_ids_are_messages_we_ship() {
        assert!(is_notice_id("notice-meetups-planned"));
        assert!(is_notice_id("radar-notice-logged"));
        assert!(!is_notice_id("no-such-message-anywhere"));
        assert!(!is_notice_id("Notice-Meetups-Planned"));
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let en: BTreeSet<_> = EN_FTL.iter().flat_map(|f| message_ids(f)).collect();
        let nb: BTreeSet<_> = NB_FTL.iter().flat_map(|f| message_ids(f)).collect();
        let only_en: Vec<_> = en.difference(&nb).collect();
        let only_nb: Vec<_> = nb.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in nb: {only_en:?}");
        assert!(only_nb.is_empty(), "missing in en: {only_nb:?}");
    }

    /// Every id the code and templates ask for exists, so no page shows a raw id.
    #[test]
    fn every_used_message_exists() {
        let en: BTreeSet<_> = EN_FTL.iter().flat_map(|f| message_ids(f)).collect();
        let mut missing = BTreeSet::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![];
        for dir in ["src", "templates"] {
            collect(&root.join(dir), &mut files);
        }
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for id in used_ids(&text) {
                if !en.contains(&id) {
                    missing.insert(format!("{id} ({})", f.display()));
                }
            }
        }
        assert!(missing.is_empty(), "unknown message ids: {missing:#?}");
    }

    fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                collect(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    /// Ids appear as the first string argument of `t(`, `t1(`, `t2(`, `Invalid(`,
    /// `message(` or in a `msg("...")` call; all our ids are kebab-case with a dash.
    fn used_ids(text: &str) -> Vec<String> {
        let mut ids = vec![];
        for marker in [".t(\"", ".t1(\"", ".t2(\"", "Invalid(\"", "message: \""] {
            let mut rest = text;
            while let Some(i) = rest.find(marker) {
                rest = &rest[i + marker.len()..];
                if let Some(end) = rest.find('"') {
                    let id = &rest[..end];
                    if id.contains('-') && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        ids.push(id.to_string());
                    }
                }
            }
        }
        ids
    }

    #[test]
    fn accept_language() {
        assert_eq!(Locale::from_accept_language("nb-NO,nb;q=0.9,en;q=0.8"), Locale::Nb);
        assert_eq!(Locale::from_accept_language("de-DE,en;q=0.5"), Locale::En);
        assert_eq!(Locale::from_accept_language(""), Locale::En);
    }

    #[test]
    fn plurals_and_fallback() {
        assert_eq!(message(Locale::En, "test-members", &[("count", "1")]), "1 member");
        assert_eq!(message(Locale::En, "test-members", &[("count", "3")]), "3 members");
        assert_eq!(message(Locale::Nb, "test-members", &[("count", "3")]), "3 medlemmer");
        assert_eq!(message(Locale::Nb, "no-such-message", &[]), "no-such-message");
    }
}
