//! The ready-made start-of-course survey: goals, interests, ways of communicating,
//! expectations of the course and of each other, and hours available per week. Its text
//! is written in the tutor's language; its keys are fixed so that later capabilities
//! (personalised messages, group matching) can rely on them.

use crate::i18n::{Locale, message};
use crate::survey::rules::Kind;

pub struct TemplateQuestion {
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub profile_field: Option<&'static str>,
    /// Fluent ids: the prompt, then the options (or rows, or the scale's two labels).
    pub prompt: &'static str,
    pub help: Option<&'static str>,
    pub options: &'static [&'static str],
}

pub const QUESTIONS: &[TemplateQuestion] = &[
    TemplateQuestion {
        key: "goals",
        kind: Kind::LongText,
        required: true,
        profile_field: Some("looking_forward"),
        prompt: "survey-tpl-goals",
        help: Some("survey-tpl-goals-help"),
        options: &[],
    },
    TemplateQuestion {
        key: "interests",
        kind: Kind::ShortText,
        required: false,
        profile_field: Some("interests"),
        prompt: "survey-tpl-interests",
        help: Some("survey-tpl-interests-help"),
        options: &[],
    },
    TemplateQuestion {
        key: "communication",
        kind: Kind::MultipleChoice,
        required: true,
        profile_field: Some("contact_preferences"),
        prompt: "survey-tpl-communication",
        help: None,
        options: &[
            "survey-tpl-communication-forum",
            "survey-tpl-communication-chat",
            "survey-tpl-communication-video",
            "survey-tpl-communication-email",
            "survey-tpl-communication-in-person",
        ],
    },
    TemplateQuestion {
        key: "work_style",
        kind: Kind::SingleChoice,
        required: false,
        profile_field: None,
        prompt: "survey-tpl-work-style",
        help: None,
        options: &["survey-tpl-work-style-alone", "survey-tpl-work-style-together", "survey-tpl-work-style-depends"],
    },
    TemplateQuestion {
        key: "confidence",
        kind: Kind::Scale,
        required: false,
        profile_field: None,
        prompt: "survey-tpl-confidence",
        help: None,
        options: &["survey-tpl-confidence-low", "survey-tpl-confidence-high"],
    },
    TemplateQuestion {
        key: "expect_course",
        kind: Kind::LongText,
        required: false,
        profile_field: None,
        prompt: "survey-tpl-expect-course",
        help: None,
        options: &[],
    },
    TemplateQuestion {
        key: "expect_each_other",
        kind: Kind::LongText,
        required: false,
        profile_field: None,
        prompt: "survey-tpl-expect-each-other",
        help: None,
        options: &[],
    },
    TemplateQuestion {
        key: "hours_per_week",
        kind: Kind::Hours,
        required: true,
        profile_field: None,
        prompt: "survey-tpl-hours",
        help: Some("survey-tpl-hours-help"),
        options: &[
            "survey-tpl-hours-weekday-daytime",
            "survey-tpl-hours-weekday-evenings",
            "survey-tpl-hours-weekends",
        ],
    },
];

/// A template question's text in one language: prompt, help and options.
pub fn text(q: &TemplateQuestion, locale: Locale) -> (String, String, Vec<String>) {
    (
        message(locale, q.prompt, &[]),
        q.help.map(|h| message(locale, h, &[])).unwrap_or_default(),
        q.options.iter().map(|o| message(locale, o, &[])).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::rules::{PROFILE_FIELDS, parse_question};

    #[test]
    fn the_template_passes_the_builders_own_checks_in_both_languages() {
        for locale in Locale::ALL {
            for q in QUESTIONS {
                let (prompt, help, options) = text(q, locale);
                let parsed = parse_question(
                    q.kind.as_str(),
                    &prompt,
                    &help,
                    &options.join("\n"),
                    q.required,
                    q.profile_field.unwrap_or(""),
                );
                assert!(parsed.is_ok(), "{} in {locale:?}: {parsed:?}", q.key);
                assert_eq!(parsed.unwrap().options.len(), q.options.len(), "{}: options must differ", q.key);
            }
        }
        let keys: Vec<_> = QUESTIONS.iter().map(|q| q.key).collect();
        for k in ["goals", "interests", "communication", "expect_course", "expect_each_other", "hours_per_week"] {
            assert!(keys.contains(&k), "{k}");
        }
        assert!(QUESTIONS.iter().filter_map(|q| q.profile_field).all(|f| PROFILE_FIELDS.contains(&f)));
    }
}
