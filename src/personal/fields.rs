//! The merge fields a personalised message may use, and one student's values for them.
//! Pure: the facts are read from the database elsewhere (`queries`), so what a tutor can
//! reach is decided here, in one place, and tested without I/O.
//!
//! Only what the teaching team may see already: profile fields the student shows to
//! tutors (a field kept to "only me" is an empty value, never the real one), survey
//! answers (the teaching team reads them on the results page), the student's groups and
//! partner, and the radar's facts (activity, posts, contacts).

use std::collections::BTreeMap;

use homeroom_presence::template::{FieldKind, FieldSet, Values};

use crate::profiles::visibility::{Choices, Field, Relation};

/// Profile fields offered as merge fields: field name, where it lives in the profile.
pub const PROFILE_FIELDS: [(&str, Field); 8] = [
    ("pronouns", Field::Pronouns),
    ("organisation", Field::Work),
    ("work", Field::Work),
    ("location", Field::Location),
    ("interests", Field::Interests),
    ("looking_forward", Field::LookingForward),
    ("use_for", Field::UseFor),
    ("circumstances", Field::Circumstances),
];

/// The other fields, with their kinds.
pub const OTHER_FIELDS: [(&str, FieldKind); 10] = [
    ("first_name", FieldKind::Text),
    ("name", FieldKind::Text),
    ("group", FieldKind::Number),
    ("group_members", FieldKind::List),
    ("facilitator", FieldKind::Bool),
    ("partner", FieldKind::Text),
    ("last_active", FieldKind::Text),
    ("days_since_active", FieldKind::Number),
    ("days_since_posted", FieldKind::Number),
    ("days_since_contact", FieldKind::Number),
];

/// Survey answers are `survey.<key>`; keys are `[a-z0-9_]`, so they read as attributes.
pub fn survey_field(key: &str) -> String {
    format!("survey.{key}")
}

/// Every field of a course: the fixed ones and one per survey question.
pub fn field_set(survey_keys: &[String]) -> FieldSet {
    let mut f = FieldSet::new();
    for (name, _) in PROFILE_FIELDS {
        f.add(name, FieldKind::Text);
    }
    for (name, kind) in OTHER_FIELDS {
        f.add(name, kind);
    }
    for k in survey_keys.iter().filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')) {
        f.add(survey_field(k), FieldKind::Text);
    }
    f
}

/// What is known about one student, as read from the database.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub id: i64,
    pub name: String,
    /// "en" or "nb": how dates read for them.
    pub locale: String,
    pub joined_at: i64,
    /// The profile's visibility choices (JSON) and its texts by field name.
    pub visibility: String,
    pub profile: BTreeMap<&'static str, String>,
    pub survey: BTreeMap<String, String>,
    /// The number of the student's group in the latest published group set (not partners).
    pub group: Option<i64>,
    pub group_members: Vec<String>,
    pub facilitator: bool,
    pub partners: Vec<String>,
    pub last_activity_at: Option<i64>,
    pub last_post_at: Option<i64>,
    pub last_contact_at: Option<i64>,
}

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn days_since(at: Option<i64>, joined_at: i64, now: i64) -> i64 {
    // Never is as long as they have been in the course: "not posted in 7 days" holds for
    // someone who joined ten days ago and has not posted.
    ((now - at.unwrap_or(joined_at)).max(0)) / DAY_MS
}

/// The first word of a name, for "Hi {{ first_name }}".
pub fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or("").to_string()
}

/// A day in a zone, as people write it in the language.
fn date(ms: i64, zone: &str, lang: &str) -> String {
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else { return String::new() };
    let pattern = if lang == "nb" { "%d.%m.%Y" } else { "%-d %b %Y" };
    ts.to_zoned(crate::time::zone(zone)).strftime(pattern).to_string()
}

/// One student's values for every field in `fields`; `zone` and `lang` say how dates read.
pub fn values(f: &Facts, fields: &FieldSet, now: i64, zone: &str, lang: &str) -> Values {
    let mut v = Values::new();
    let choices = Choices::from_json(&f.visibility);
    for (name, field) in PROFILE_FIELDS {
        let shown = choices.shows(field, Relation::TeachingTeam);
        let value = if shown { f.profile.get(name).cloned().unwrap_or_default() } else { String::new() };
        v.set(name, value);
    }
    v.set("first_name", first_name(&f.name));
    v.set("name", f.name.clone());
    v.set("group", f.group.unwrap_or(0));
    v.set("group_members", f.group_members.clone());
    v.set("facilitator", f.facilitator);
    v.set("partner", f.partners.join(", "));
    let last_active = f.last_activity_at.map(|at| date(at, zone, lang)).unwrap_or_default();
    v.set("last_active", last_active);
    v.set("days_since_active", days_since(f.last_activity_at, f.joined_at, now));
    v.set("days_since_posted", days_since(f.last_post_at, f.joined_at, now));
    v.set("days_since_contact", days_since(f.last_contact_at, f.joined_at, now));
    for (name, _) in fields.names() {
        if let Some(key) = name.strip_prefix("survey.") {
            v.set(name, f.survey.get(key).cloned().unwrap_or_default());
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use homeroom_presence::template::{Mode, compile};

    const NOW: i64 = 1_800_000_000_000;

    fn ann() -> Facts {
        let mut profile = BTreeMap::new();
        profile.insert("pronouns", "she/her".to_string());
        profile.insert("circumstances", "parent; works nights".to_string());
        profile.insert("location", "Bergen".to_string());
        let mut survey = BTreeMap::new();
        survey.insert("circumstances".to_string(), "Parent of two".to_string());
        Facts {
            id: 7,
            name: "Ann Berg".into(),
            locale: "en".into(),
            joined_at: NOW - 20 * DAY_MS,
            visibility: r#"{"location":"me"}"#.into(),
            profile,
            survey,
            group: Some(3),
            group_members: vec!["Bo".into(), "Cy".into()],
            facilitator: true,
            partners: vec!["Di".into()],
            last_activity_at: Some(NOW - 2 * DAY_MS),
            last_post_at: None,
            last_contact_at: Some(NOW - 9 * DAY_MS),
        }
    }

    #[test]
    fn a_students_values() {
        let fields = field_set(&["circumstances".into()]);
        let t = compile(
            "Hi {{ first_name }} ({{ pronouns }}){% if group == 3 %}, group 3 with {{ group_members }}{% endif %}.\
             {% if days_since_posted >= 7 %} Not posted.{% endif %}\
             {% if 'parent' in survey.circumstances|lower %} Parent.{% endif %}\
             {% if facilitator %} Facilitator.{% endif %} Partner: {{ partner }}. Contact {{ days_since_contact }}.",
            &fields,
        )
        .unwrap();
        let out = t.render(&values(&ann(), &fields, NOW, "UTC", "en"), Mode::Text).unwrap();
        assert_eq!(
            out,
            "Hi Ann (she/her), group 3 with Bo and Cy. Not posted. Parent. Facilitator. Partner: Di. Contact 9."
        );
    }

    #[test]
    fn fields_kept_from_tutors_are_empty() {
        let fields = field_set(&[]);
        let t = compile("[{{ location }}]", &fields).unwrap();
        assert_eq!(t.render(&values(&ann(), &fields, NOW, "UTC", "en"), Mode::Text).unwrap(), "[]");
        let mut open = ann();
        open.visibility = "{}".into();
        assert_eq!(t.render(&values(&open, &fields, NOW, "UTC", "en"), Mode::Text).unwrap(), "[Bergen]");
    }

    #[test]
    fn odd_survey_keys_are_not_fields() {
        let fields = field_set(&["ok_key".into(), "bad key".into(), "".into()]);
        assert!(fields.kind("survey.ok_key").is_some());
        assert!(fields.names().all(|(n, _)| n != "survey.bad key" && n != "survey."));
    }
}
