//! The forms of live sessions, checked without I/O: planning a session and adding a
//! step to its agenda. Every problem is reported at once, field by field, as a Fluent id.

use jiff::civil::DateTime;
use serde::Deserialize;

pub const MAX_TITLE: usize = 200;
pub const MAX_PROMPT: usize = 300;
pub const MAX_OPTIONS: usize = 10;
pub const MAX_OPTION: usize = 100;
pub const MAX_URL: usize = 500;
pub const MAX_NOTES: usize = 10_000;
pub const KINDS: [&str; 5] = ["checkin", "mood", "poll", "breakout", "together"];

/// The plan form as typed (it comes back with everything on an error).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    pub title: String,
    /// `YYYY-MM-DDTHH:MM` in the planner's time zone.
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub video_url: String,
    /// "on" when ticked.
    #[serde(default)]
    pub mood_named: Option<String>,
}

pub struct Plan {
    pub title: String,
    pub starts_at: i64,
    pub video_url: String,
    pub mood_named: bool,
}

/// A link to the video room: http(s) only, so no `javascript:` reaches an `href`.
pub fn video_url(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return Some(String::new());
    }
    let u = url::Url::parse(s).ok()?;
    (matches!(u.scheme(), "http" | "https") && u.host().is_some() && s.len() <= MAX_URL).then(|| u.to_string())
}

impl PlanForm {
    pub fn check(&self, zone: &str) -> Result<Plan, Vec<(&'static str, &'static str)>> {
        let mut errors = vec![];
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(("title", "live-err-title"));
        } else if title.chars().count() > MAX_TITLE {
            errors.push(("title", "live-err-title-long"));
        }
        let at = self
            .starts_at
            .trim()
            .parse::<DateTime>()
            .ok()
            .and_then(|d| d.to_zoned(crate::time::zone(zone)).ok())
            .map(|z| z.timestamp().as_millisecond());
        if at.is_none() {
            errors.push(("starts_at", "live-err-when"));
        }
        let url = video_url(&self.video_url);
        if url.is_none() {
            errors.push(("video_url", "live-err-url"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Plan {
            title: title.to_string(),
            starts_at: at.unwrap_or_default(),
            video_url: url.unwrap_or_default(),
            mood_named: self.mood_named.is_some(),
        })
    }
}

/// A step as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub prompt: String,
    /// A poll's options, one a line.
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub max_answers: String,
    #[serde(default)]
    pub multiple: Option<String>,
    /// "named" or anything else (anonymous).
    #[serde(default)]
    pub named: Option<String>,
    #[serde(default)]
    pub show_names: Option<String>,
    /// A breakout's rooms: a group set's round id, or empty for the engine.
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub size: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub facilitator: String,
}

/// A whole number in `range` as typed, or `default` when left empty.
fn number(s: &str, default: i32, range: std::ops::RangeInclusive<i32>) -> Option<i32> {
    let s = s.trim();
    if s.is_empty() { Some(default) } else { s.parse::<i32>().ok().filter(|n| range.contains(n)) }
}

impl StepForm {
    pub fn check(&self) -> Result<super::queries::NewStep, Vec<(&'static str, &'static str)>> {
        let mut errors = vec![];
        let kind = KINDS.iter().find(|k| **k == self.kind.trim()).copied();
        if kind.is_none() {
            errors.push(("kind", "live-err-kind"));
        }
        let prompt = self.prompt.trim();
        if prompt.is_empty() && kind != Some("together") {
            errors.push(("prompt", "live-err-prompt"));
        } else if prompt.chars().count() > MAX_PROMPT {
            errors.push(("prompt", "live-err-prompt-long"));
        }
        let options: Vec<String> =
            self.options.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
        if kind == Some("poll") {
            if options.len() < 2 {
                errors.push(("options", "live-err-options"));
            } else if options.len() > MAX_OPTIONS || options.iter().any(|o| o.chars().count() > MAX_OPTION) {
                errors.push(("options", "live-err-options-long"));
            }
        }
        let max_answers = if self.max_answers.trim().is_empty() {
            Some(1)
        } else {
            self.max_answers
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|n| (1..=homeroom_live::answer::MAX_WORDS as i32).contains(n))
        };
        if max_answers.is_none() && kind == Some("checkin") {
            errors.push(("max_answers", "live-err-max-answers"));
        }
        let breakout = kind == Some("breakout");
        let round =
            if self.round.trim().is_empty() { Some(None) } else { self.round.trim().parse::<i64>().ok().map(Some) };
        let size = number(&self.size, 4, 2..=crate::groups::planning::MAX_SIZE as i32);
        let minutes = number(&self.minutes, 10, 1..=super::breakouts::MAX_MINUTES as i32);
        let facilitator = if self.facilitator.trim().is_empty() {
            Some(crate::groups::planning::Facilitator::Birthday)
        } else {
            crate::groups::planning::Facilitator::parse(self.facilitator.trim())
        };
        if breakout {
            for (ok, field, id) in [
                (round.is_some(), "round", "live-err-round"),
                (size.is_some(), "size", "live-err-size"),
                (minutes.is_some(), "minutes", "live-err-minutes"),
                (facilitator.is_some(), "facilitator", "live-err-facilitator"),
            ] {
                if !ok {
                    errors.push((field, id));
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let kind = kind.unwrap_or("together");
        Ok(super::queries::NewStep {
            kind,
            prompt: prompt.to_string(),
            options: if kind == "poll" { options } else { vec![] },
            max_answers: max_answers.unwrap_or(1),
            multiple: self.multiple.is_some(),
            anonymous: self.named.is_none(),
            show_names: self.show_names.is_some(),
            round_id: if breakout { round.flatten() } else { None },
            group_size: size.unwrap_or(4),
            minutes: minutes.unwrap_or(10),
            facilitator: facilitator.unwrap_or(crate::groups::planning::Facilitator::Birthday).as_str(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_reports_every_problem_at_once() {
        let f = PlanForm {
            title: " ".into(),
            starts_at: "tomorrow".into(),
            video_url: "javascript:alert(1)".into(),
            mood_named: None,
        };
        let errs = f.check("Europe/Oslo").err().unwrap();
        assert_eq!(errs.iter().map(|e| e.0).collect::<Vec<_>>(), ["title", "starts_at", "video_url"]);
        let f = PlanForm {
            title: "Week 2".into(),
            starts_at: "2026-12-08T10:00".into(),
            video_url: "https://meet.example.org/abc".into(),
            mood_named: Some("on".into()),
        };
        let p = f.check("Europe/Oslo").ok().unwrap();
        assert_eq!(p.starts_at, "2026-12-08T09:00Z".parse::<jiff::Timestamp>().unwrap().as_millisecond());
        assert!(p.mood_named);
    }

    #[test]
    fn steps() {
        let poll = StepForm {
            kind: "poll".into(),
            prompt: "Pace?".into(),
            options: "Slow\n\nFine\n".into(),
            ..Default::default()
        };
        let s = poll.check().ok().unwrap();
        assert_eq!(s.options, ["Slow", "Fine"]);
        assert!(s.anonymous);
        let bad = StepForm { kind: "poll".into(), options: "Only one".into(), ..Default::default() };
        let errs = bad.check().err().unwrap();
        assert_eq!(errs.iter().map(|e| e.0).collect::<Vec<_>>(), ["prompt", "options"]);
        let c = StepForm {
            kind: "checkin".into(),
            prompt: "One word".into(),
            max_answers: "9".into(),
            ..Default::default()
        };
        assert_eq!(c.check().err().unwrap()[0].0, "max_answers");
        assert!(StepForm { kind: "together".into(), ..Default::default() }.check().is_ok());
        let b = StepForm { kind: "breakout".into(), prompt: "Plan the project".into(), ..Default::default() };
        let s = b.check().ok().unwrap();
        assert_eq!((s.group_size, s.minutes, s.facilitator, s.round_id), (4, 10, "birthday", None));
        let bad = StepForm {
            kind: "breakout".into(),
            prompt: "x".into(),
            round: "one".into(),
            size: "1".into(),
            minutes: "999".into(),
            facilitator: "tallest".into(),
            ..Default::default()
        };
        let errs = bad.check().err().unwrap();
        assert_eq!(errs.iter().map(|e| e.0).collect::<Vec<_>>(), ["round", "size", "minutes", "facilitator"]);
        let r = StepForm { round: "12".into(), facilitator: "rotation".into(), ..b };
        assert_eq!(r.check().ok().unwrap().round_id, Some(12));
        assert_eq!(
            StepForm { kind: "dance".into(), prompt: "x".into(), ..Default::default() }.check().err().unwrap()[0].0,
            "kind"
        );
    }
}
