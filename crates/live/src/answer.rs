//! What a participant may send over the socket, checked before anything touches the
//! database: one JSON object, small, naming the step it answers. Anything else is refused
//! with a reason and the connection carries on (a broken client must not take down the
//! session for others, nor itself).

use serde::Deserialize;

/// The largest message a participant may send, in bytes. The socket's own limit is set
/// to this, so a larger frame is refused before it is buffered.
pub const MAX_MESSAGE: usize = 4096;
/// The longest check-in answer, in characters.
pub const MAX_WORD: usize = 40;
/// At most this many answers per person on a check-in, whatever the tutor sets.
pub const MAX_WORDS: usize = 5;

/// What the step being answered is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    CheckIn { max_answers: usize },
    Mood,
    Poll(crate::poll::Poll),
    Together,
}

/// One message from a participant, as sent.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incoming {
    #[serde(rename = "type")]
    pub kind: String,
    pub step: Option<i64>,
    /// A client's own number for the message, echoed in the reply.
    #[serde(rename = "ref")]
    pub reference: Option<u64>,
    pub words: Option<Vec<String>>,
    pub choices: Option<Vec<usize>>,
    pub mood: Option<u8>,
    pub word: Option<String>,
}

/// An answer, checked and normalised, as it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Words(Vec<String>),
    Choices(Vec<usize>),
    Mood { mood: u8, word: String },
}

impl Answer {
    /// The stored form (the `body` column): JSON.
    pub fn body(&self) -> String {
        match self {
            Answer::Words(w) => serde_json::to_string(w).unwrap_or_default(),
            Answer::Choices(c) => serde_json::to_string(c).unwrap_or_default(),
            Answer::Mood { mood, word } => serde_json::json!({ "mood": mood, "word": word }).to_string(),
        }
    }
}

/// Why a message was refused; the key is sent back to the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    TooLarge,
    Malformed,
    UnknownType,
    NotThisStep,
    Empty,
    TooMany,
    TooLong,
    BadMood,
    Poll(crate::poll::Refused),
    NothingToAnswer,
}

impl Refused {
    pub fn key(&self) -> &'static str {
        match self {
            Refused::TooLarge => "too-large",
            Refused::Malformed => "malformed",
            Refused::UnknownType => "unknown-type",
            Refused::NotThisStep => "not-this-step",
            Refused::Empty => "empty",
            Refused::TooMany => "too-many",
            Refused::TooLong => "too-long",
            Refused::BadMood => "bad-mood",
            Refused::Poll(_) => "bad-choice",
            Refused::NothingToAnswer => "nothing-to-answer",
        }
    }
}

/// Parse a text frame into an `Incoming`, refusing what is too large or not our JSON.
pub fn parse(text: &str) -> Result<Incoming, Refused> {
    if text.len() > MAX_MESSAGE {
        return Err(Refused::TooLarge);
    }
    let m: Incoming = serde_json::from_str(text).map_err(|_| Refused::Malformed)?;
    if m.kind != "answer" && m.kind != "ping" {
        return Err(Refused::UnknownType);
    }
    Ok(m)
}

/// Check an answer against the step on screen now.
pub fn check(m: &Incoming, current_step: i64, kind: &StepKind) -> Result<Answer, Refused> {
    if m.step != Some(current_step) {
        return Err(Refused::NotThisStep);
    }
    match kind {
        StepKind::CheckIn { max_answers } => {
            let words: Vec<String> = m
                .words
                .as_deref()
                .unwrap_or_default()
                .iter()
                .map(|w| w.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|w| !w.is_empty())
                .collect();
            if words.is_empty() {
                return Err(Refused::Empty);
            }
            if words.len() > (*max_answers).clamp(1, MAX_WORDS) {
                return Err(Refused::TooMany);
            }
            if words.iter().any(|w| w.chars().count() > MAX_WORD) {
                return Err(Refused::TooLong);
            }
            Ok(Answer::Words(words))
        }
        StepKind::Mood => {
            let mood = m.mood.filter(|n| (1..=5).contains(n)).ok_or(Refused::BadMood)?;
            let word = m.word.as_deref().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
            if word.chars().count() > MAX_WORD {
                return Err(Refused::TooLong);
            }
            Ok(Answer::Mood { mood, word })
        }
        StepKind::Poll(p) => {
            let c = crate::poll::check(p, m.choices.as_deref().unwrap_or_default()).map_err(Refused::Poll)?;
            Ok(Answer::Choices(c))
        }
        StepKind::Together => Err(Refused::NothingToAnswer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::poll::Poll;
    use proptest::prelude::*;

    fn msg(s: &str) -> Incoming {
        parse(s).unwrap()
    }

    #[test]
    fn check_in_words_are_trimmed_and_limited() {
        let k = StepKind::CheckIn { max_answers: 2 };
        let m = msg(r#"{"type":"answer","step":3,"words":["  busy   week ", ""]}"#);
        assert_eq!(check(&m, 3, &k), Ok(Answer::Words(vec!["busy week".into()])));
        assert_eq!(check(&m, 4, &k), Err(Refused::NotThisStep));
        let m = msg(r#"{"type":"answer","step":3,"words":["a","b","c"]}"#);
        assert_eq!(check(&m, 3, &k), Err(Refused::TooMany));
        let long = format!(r#"{{"type":"answer","step":3,"words":["{}"]}}"#, "x".repeat(41));
        assert_eq!(check(&msg(&long), 3, &k), Err(Refused::TooLong));
        assert_eq!(check(&msg(r#"{"type":"answer","step":3}"#), 3, &k), Err(Refused::Empty));
    }

    #[test]
    fn moods_and_polls() {
        let m = msg(r#"{"type":"answer","step":1,"mood":4,"word":" rested "}"#);
        assert_eq!(check(&m, 1, &StepKind::Mood), Ok(Answer::Mood { mood: 4, word: "rested".into() }));
        assert_eq!(check(&msg(r#"{"type":"answer","step":1,"mood":6}"#), 1, &StepKind::Mood), Err(Refused::BadMood));
        let p = StepKind::Poll(Poll { options: 3, multiple: false });
        assert_eq!(check(&msg(r#"{"type":"answer","step":1,"choices":[2,2]}"#), 1, &p), Ok(Answer::Choices(vec![2])));
        assert!(check(&msg(r#"{"type":"answer","step":1,"choices":[0,1]}"#), 1, &p).is_err());
        assert_eq!(check(&msg(r#"{"type":"answer","step":1}"#), 1, &StepKind::Together), Err(Refused::NothingToAnswer));
    }

    #[test]
    fn junk_is_refused() {
        assert_eq!(parse("not json").unwrap_err(), Refused::Malformed);
        assert_eq!(parse(r#"{"type":"answer","extra":1}"#).unwrap_err(), Refused::Malformed);
        assert_eq!(parse(r#"{"type":"drop tables"}"#).unwrap_err(), Refused::UnknownType);
        assert_eq!(parse(&"x".repeat(MAX_MESSAGE + 1)).unwrap_err(), Refused::TooLarge);
    }

    proptest! {
        /// Whatever arrives, parsing and checking never panic, and an accepted answer is
        /// within the limits.
        #[test]
        fn anything_is_checked_safely(s in ".{0,300}", words in proptest::collection::vec(".{0,60}", 0..8)) {
            let _ = parse(&s);
            let m = Incoming { kind: "answer".into(), step: Some(1), reference: None, words: Some(words), choices: None, mood: None, word: None };
            if let Ok(Answer::Words(w)) = check(&m, 1, &StepKind::CheckIn { max_answers: 3 }) {
                prop_assert!(w.len() <= 3 && w.iter().all(|x| !x.is_empty() && x.chars().count() <= MAX_WORD));
            }
        }
    }
}
