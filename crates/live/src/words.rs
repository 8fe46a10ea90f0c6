//! Check-in answers as a word cloud: "Tired!", "tired" and " TIRED " are one word, and so
//! are "deadline" and "deadlines". Words are grouped by a key (lower case, punctuation at
//! the edges and repeated spaces removed, simple English plurals folded onto a singular
//! that someone actually wrote), and each group is shown in the form people used most.
//! The tutor can hide a word; hiding works on the key, so every variant goes.

use std::collections::{BTreeMap, BTreeSet};

/// The grouping key of one answer, or `None` when nothing is left of it.
pub fn key(answer: &str) -> Option<String> {
    let lower = answer.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Candidate singulars of a key's last word, most specific first.
fn singulars(key: &str) -> Vec<String> {
    let (head, last) = match key.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), key),
    };
    let mut out = vec![];
    if last.chars().count() > 3 {
        if let Some(stem) = last.strip_suffix("ies") {
            out.push(format!("{head}{stem}y"));
        }
        if let Some(stem) = last.strip_suffix("es") {
            out.push(format!("{head}{stem}"));
        }
        if let Some(stem) = last.strip_suffix('s')
            && !stem.ends_with('s')
        {
            out.push(format!("{head}{stem}"));
        }
    }
    out
}

/// One word of the cloud.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub key: String,
    /// The form most people wrote (ties: the shortest, then the first alphabetically).
    pub label: String,
    pub count: u32,
}

/// Group answers into words, leaving out hidden keys, most common first.
pub fn cloud<'a>(answers: impl IntoIterator<Item = &'a str>, hidden: &BTreeSet<String>) -> Vec<Word> {
    // key -> (form as written, trimmed) -> count
    let mut forms: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    for a in answers {
        if let Some(k) = key(a) {
            let form = a.split_whitespace().collect::<Vec<_>>().join(" ");
            let form = form.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            *forms.entry(k).or_default().entry(form).or_default() += 1;
        }
    }
    // Fold plurals onto a singular that was written too.
    let keys: Vec<String> = forms.keys().cloned().collect();
    for k in keys {
        if let Some(target) = singulars(&k).into_iter().find(|s| forms.contains_key(s))
            && let Some(moved) = forms.remove(&k)
        {
            let into = forms.entry(target).or_default();
            for (f, n) in moved {
                *into.entry(f).or_default() += n;
            }
        }
    }
    let mut out: Vec<Word> = forms
        .into_iter()
        .filter(|(k, _)| !hidden.contains(k) && !singulars(k).iter().any(|s| hidden.contains(s)))
        .map(|(k, fs)| {
            let count = fs.values().sum();
            let label = fs
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.len().cmp(&a.0.len())).then(b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
                .unwrap_or_else(|| k.clone());
            Word { key: k, label, count }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn case_spacing_and_punctuation_do_not_split_a_word() {
        assert_eq!(key("  Tired!! "), Some("tired".into()));
        assert_eq!(key("so   busy..."), Some("so busy".into()));
        assert_eq!(key("«Ærlig»"), Some("ærlig".into()));
        assert_eq!(key("?!"), None);
        assert_eq!(key("don't"), Some("don't".into()));
    }

    #[test]
    fn plurals_fold_onto_a_singular_someone_wrote() {
        let words =
            cloud(["Deadline", "deadlines", "deadlines!", "Stories", "story", "glass", "busses"], &BTreeSet::new());
        let got: Vec<(String, String, u32)> = words.into_iter().map(|w| (w.key, w.label, w.count)).collect();
        assert_eq!(
            got,
            [
                ("deadline".into(), "deadlines".into(), 3),
                ("story".into(), "story".into(), 2),
                ("busses".into(), "busses".into(), 1),
                ("glass".into(), "glass".into(), 1),
            ]
        );
    }

    #[test]
    fn hiding_removes_every_variant() {
        let hidden = BTreeSet::from(["idiot".to_string()]);
        let words = cloud(["idiots", "Idiot", "happy"], &hidden);
        assert_eq!(words.iter().map(|w| w.key.as_str()).collect::<Vec<_>>(), ["happy"]);
    }

    proptest! {
        #[test]
        fn every_answer_is_counted_once(answers in proptest::collection::vec("\\PC{0,12}", 0..40)) {
            let words = cloud(answers.iter().map(String::as_str), &BTreeSet::new());
            let counted: u32 = words.iter().map(|w| w.count).sum();
            let expected = answers.iter().filter(|a| key(a).is_some()).count() as u32;
            prop_assert_eq!(counted, expected);
            let keys: BTreeSet<&str> = words.iter().map(|w| w.key.as_str()).collect();
            prop_assert_eq!(keys.len(), words.len());
        }

        #[test]
        fn the_key_does_not_change_when_taken_again(a in "\\PC{0,20}") {
            if let Some(k) = key(&a) {
                prop_assert_eq!(key(&k), Some(k.clone()));
            }
        }
    }
}
