//! Who sees which profile field. Each field has a visibility its owner chooses; the
//! viewer's relation to the owner decides. Pure, so the whole table is tested here.

use std::collections::BTreeMap;

/// The fields of a profile that have a visibility of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Pronouns,
    NameSay,
    Photo,
    Bio,
    Work,
    Location,
    Interests,
    LookingForward,
    UseFor,
    Circumstances,
    Contact,
    Birthday,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Pronouns,
        Field::NameSay,
        Field::Photo,
        Field::Bio,
        Field::Work,
        Field::Location,
        Field::Interests,
        Field::LookingForward,
        Field::UseFor,
        Field::Circumstances,
        Field::Contact,
        Field::Birthday,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Field::Pronouns => "pronouns",
            Field::NameSay => "name_say",
            Field::Photo => "photo",
            Field::Bio => "bio",
            Field::Work => "work",
            Field::Location => "location",
            Field::Interests => "interests",
            Field::LookingForward => "looking_forward",
            Field::UseFor => "use_for",
            Field::Circumstances => "circumstances",
            Field::Contact => "contact",
            Field::Birthday => "birthday",
        }
    }

    pub fn parse(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The Fluent id of the field's label.
    pub fn label_id(self) -> &'static str {
        match self {
            Field::Pronouns => "profile-pronouns",
            Field::NameSay => "profile-name-say",
            Field::Photo => "profile-photo",
            Field::Bio => "profile-bio",
            Field::Work => "profile-work",
            Field::Location => "profile-location",
            Field::Interests => "profile-interests",
            Field::LookingForward => "profile-looking-forward",
            Field::UseFor => "profile-use-for",
            Field::Circumstances => "profile-circumstances",
            Field::Contact => "profile-contact",
            Field::Birthday => "profile-birthday",
        }
    }

    /// Birthday and circumstances are private to the teaching team until the owner
    /// chooses otherwise; everything else is for the class.
    pub fn default_visibility(self) -> Visibility {
        match self {
            Field::Birthday | Field::Circumstances => Visibility::Tutors,
            _ => Visibility::Class,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    /// Everyone in a course the owner is in.
    Class,
    /// The teaching team of a course the owner is in.
    Tutors,
    OnlyMe,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Class, Visibility::Tutors, Visibility::OnlyMe];

    pub fn key(self) -> &'static str {
        match self {
            Visibility::Class => "class",
            Visibility::Tutors => "tutors",
            Visibility::OnlyMe => "me",
        }
    }

    pub fn parse(s: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|v| v.key() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Visibility::Class => "visibility-class",
            Visibility::Tutors => "visibility-tutors",
            Visibility::OnlyMe => "visibility-me",
        }
    }
}

/// How the viewer stands to the profile's owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Myself,
    /// Tutor or TA of a course the owner is in.
    TeachingTeam,
    /// In a course together, not teaching it.
    Classmate,
    Other,
}

pub fn can_see(field_visibility: Visibility, viewer: Relation) -> bool {
    match viewer {
        Relation::Myself => true,
        Relation::TeachingTeam => field_visibility != Visibility::OnlyMe,
        Relation::Classmate => field_visibility == Visibility::Class,
        Relation::Other => false,
    }
}

/// The owner's choices, stored as a JSON object; a missing or unknown entry falls back
/// to the field's default, so adding a field later needs no data migration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices(BTreeMap<Field, Visibility>);

impl Choices {
    pub fn from_json(s: &str) -> Choices {
        let raw: BTreeMap<String, String> = serde_json::from_str(s).unwrap_or_default();
        Choices(raw.iter().filter_map(|(k, v)| Some((Field::parse(k)?, Visibility::parse(v)?))).collect())
    }

    pub fn to_json(&self) -> String {
        let raw: BTreeMap<&str, &str> = self.0.iter().map(|(f, v)| (f.key(), v.key())).collect();
        serde_json::to_string(&raw).unwrap_or_else(|_| "{}".into())
    }

    pub fn get(&self, f: Field) -> Visibility {
        self.0.get(&f).copied().unwrap_or(f.default_visibility())
    }

    pub fn set(&mut self, f: Field, v: Visibility) {
        self.0.insert(f, v);
    }

    pub fn shows(&self, f: Field, viewer: Relation) -> bool {
        can_see(self.get(f), viewer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table() {
        use Relation::*;
        use Visibility::*;
        let expect = [
            (Class, [true, true, true, false]),
            (Tutors, [true, true, false, false]),
            (OnlyMe, [true, false, false, false]),
        ];
        for (v, row) in expect {
            for (rel, want) in [Myself, TeachingTeam, Classmate, Other].into_iter().zip(row) {
                assert_eq!(can_see(v, rel), want, "{v:?} {rel:?}");
            }
        }
    }

    #[test]
    fn defaults_keep_birthday_and_circumstances_with_tutors() {
        let c = Choices::default();
        assert_eq!(c.get(Field::Birthday), Visibility::Tutors);
        assert_eq!(c.get(Field::Circumstances), Visibility::Tutors);
        assert_eq!(c.get(Field::Bio), Visibility::Class);
        assert!(!c.shows(Field::Birthday, Relation::Classmate));
        assert!(c.shows(Field::Birthday, Relation::TeachingTeam));
        assert!(!c.shows(Field::Bio, Relation::Other), "other courses see nothing");
    }

    #[test]
    fn choices_round_trip_and_ignore_rubbish() {
        let mut c = Choices::default();
        c.set(Field::Photo, Visibility::OnlyMe);
        c.set(Field::Birthday, Visibility::Class);
        assert_eq!(Choices::from_json(&c.to_json()), c);
        let odd = Choices::from_json(r#"{"photo":"everyone","shoe_size":"class","bio":"me"}"#);
        assert_eq!(odd.get(Field::Photo), Visibility::Class);
        assert_eq!(odd.get(Field::Bio), Visibility::OnlyMe);
        assert_eq!(Choices::from_json("not json"), Choices::default());
    }

    #[test]
    fn keys_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.key()), Some(f));
        }
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.key()), Some(v));
        }
    }
}
