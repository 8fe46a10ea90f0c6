//! The survey's rules without I/O: what each kind of question accepts, how a tutor's
//! question is checked, how answers are summarised for the results page, when a survey
//! is open, and the CSV download (escaped, and safe to open in a spreadsheet).

use serde::{Deserialize, Serialize};

use crate::validate::Invalid;

/// The longest answer to a short text question, and to a long one.
pub const MAX_SHORT: usize = 200;
pub const MAX_LONG: usize = 4000;
pub const MAX_PROMPT: usize = 300;
pub const MAX_HELP: usize = 500;
pub const MAX_OPTION: usize = 120;
pub const MAX_OPTIONS: usize = 20;
/// Hours in a week: no row of the hours grid, and not their sum, can be more.
pub const WEEK_HOURS: u32 = 168;
pub const MAX_QUESTIONS: usize = 40;

/// The profile fields a question's answer can be shown in, if the student agrees.
pub const PROFILE_FIELDS: [&str; 5] = ["interests", "looking_forward", "how_use", "contact_preferences", "about"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    ShortText,
    LongText,
    SingleChoice,
    MultipleChoice,
    /// 1 to 5, with a label at each end.
    Scale,
    /// Hours per week for each row (times of the week or activities): hours and tenths,
    /// typed as the time budget takes them ("1.5", "1,5").
    Hours,
}

impl Kind {
    pub const ALL: [Kind; 6] =
        [Kind::ShortText, Kind::LongText, Kind::SingleChoice, Kind::MultipleChoice, Kind::Scale, Kind::Hours];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ShortText => "short_text",
            Kind::LongText => "long_text",
            Kind::SingleChoice => "single_choice",
            Kind::MultipleChoice => "multiple_choice",
            Kind::Scale => "scale",
            Kind::Hours => "hours",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Kind::ShortText => "survey-kind-short-text",
            Kind::LongText => "survey-kind-long-text",
            Kind::SingleChoice => "survey-kind-single-choice",
            Kind::MultipleChoice => "survey-kind-multiple-choice",
            Kind::Scale => "survey-kind-scale",
            Kind::Hours => "survey-kind-hours",
        }
    }

    /// Whether the kind's options are choices (or, for the hours grid, rows).
    pub fn has_options(self) -> bool {
        matches!(self, Kind::SingleChoice | Kind::MultipleChoice | Kind::Hours)
    }
}

/// A question as the rules need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub kind: Kind,
    pub required: bool,
    /// Choices; the hours grid's rows; for a scale, the labels of 1 and of 5.
    pub options: Vec<String>,
}

/// One answer, stored as JSON so that later capabilities can read it by question key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerValue {
    Text(String),
    Choice(String),
    Choices(Vec<String>),
    Scale(u8),
    /// Hours per row, in the question's row order, named so that the data outlives a
    /// reordering.
    Hours(Vec<(String, Tenths)>),
}

/// Hours in tenths. Stored in the answer's JSON as a number of hours: whole hours as an
/// integer (as answers were written before halves were accepted), others with one decimal,
/// so that later capabilities reading answers by key see plain hours either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Tenths(pub u32);

impl Tenths {
    pub fn hours(h: u32) -> Tenths {
        Tenths(h * 10)
    }
}

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&tenths(self.0))
    }
}

impl Serialize for Tenths {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(10) { s.serialize_u32(self.0 / 10) } else { s.serialize_f64(f64::from(self.0) / 10.0) }
    }
}

impl<'de> Deserialize<'de> for Tenths {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let h = f64::deserialize(d)?;
        if !(0.0..=f64::from(u32::MAX / 10)).contains(&h) {
            return Err(serde::de::Error::custom("hours out of range"));
        }
        Ok(Tenths((h * 10.0).round() as u32))
    }
}

impl AnswerValue {
    /// The answer as one line of plain text, for the results page, the CSV and profiles.
    pub fn display(&self) -> String {
        match self {
            AnswerValue::Text(s) | AnswerValue::Choice(s) => s.clone(),
            AnswerValue::Choices(v) => v.join("; "),
            AnswerValue::Scale(n) => n.to_string(),
            AnswerValue::Hours(rows) => rows.iter().map(|(r, h)| format!("{r}: {h}")).collect::<Vec<_>>().join("; "),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(s: &str) -> Option<AnswerValue> {
        serde_json::from_str(s).ok()
    }

    /// The hours of every row together, in tenths.
    pub fn total_hours(&self) -> Option<u32> {
        match self {
            AnswerValue::Hours(rows) => Some(rows.iter().map(|(_, h)| h.0).sum()),
            _ => None,
        }
    }
}

/// Check one answer, given the values sent under the question's name (several for
/// multiple choice; one per row, in order, for the hours grid). `Ok(None)` is an
/// optional question left empty.
pub fn parse_answer(q: &Question, typed: &[String]) -> Result<Option<AnswerValue>, Invalid> {
    let first = typed.first().map(|s| s.trim()).unwrap_or("");
    let answer = match q.kind {
        Kind::ShortText | Kind::LongText => {
            let text = if q.kind == Kind::ShortText {
                first.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                first.replace("\r\n", "\n")
            };
            let max = if q.kind == Kind::ShortText { MAX_SHORT } else { MAX_LONG };
            if text.chars().count() > max {
                return Err(Invalid(if q.kind == Kind::ShortText {
                    "survey-err-short-too-long"
                } else {
                    "survey-err-long-too-long"
                }));
            }
            (!text.is_empty()).then_some(AnswerValue::Text(text))
        }
        Kind::SingleChoice => {
            if first.is_empty() {
                None
            } else if let Some(o) = q.options.iter().find(|o| o.as_str() == first) {
                Some(AnswerValue::Choice(o.clone()))
            } else {
                return Err(Invalid("survey-err-choice"));
            }
        }
        Kind::MultipleChoice => {
            let picked: Vec<&str> = typed.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
            if picked.iter().any(|p| !q.options.iter().any(|o| o == p)) {
                return Err(Invalid("survey-err-choice"));
            }
            // Kept in the question's order, each once, whatever order the form sent.
            let chosen: Vec<String> = q.options.iter().filter(|o| picked.contains(&o.as_str())).cloned().collect();
            (!chosen.is_empty()).then_some(AnswerValue::Choices(chosen))
        }
        Kind::Scale => {
            if first.is_empty() {
                None
            } else {
                match first.parse::<u8>() {
                    Ok(n) if (1..=5).contains(&n) => Some(AnswerValue::Scale(n)),
                    _ => return Err(Invalid("survey-err-scale")),
                }
            }
        }
        Kind::Hours => {
            let mut rows = vec![];
            let mut any = false;
            for (i, row) in q.options.iter().enumerate() {
                let raw = typed.get(i).map(|s| s.trim()).unwrap_or("");
                let hours = if raw.is_empty() {
                    0
                } else {
                    any = true;
                    match crate::budget::stats::parse_hours(raw) {
                        Some(t) if (0..=WEEK_HOURS as i32 * 10).contains(&t) => t as u32,
                        _ => return Err(Invalid("survey-err-hours")),
                    }
                };
                rows.push((row.clone(), Tenths(hours)));
            }
            if rows.iter().map(|(_, h)| h.0).sum::<u32>() > WEEK_HOURS * 10 {
                return Err(Invalid("survey-err-hours-total"));
            }
            any.then_some(AnswerValue::Hours(rows))
        }
    };
    if answer.is_none() && q.required {
        return Err(Invalid("survey-err-required"));
    }
    Ok(answer)
}

/// A question as the tutor wrote it in the builder's form, tidied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionDraft {
    pub kind: Kind,
    pub prompt: String,
    pub help: String,
    pub options: Vec<String>,
    pub required: bool,
    pub profile_field: Option<String>,
}

/// Check a question the tutor wrote. `options_text` is one option (or row) per line;
/// for a scale it is the label of 1 and the label of 5.
pub fn parse_question(
    kind: &str,
    prompt: &str,
    help: &str,
    options_text: &str,
    required: bool,
    profile_field: &str,
) -> Result<QuestionDraft, Invalid> {
    let kind = Kind::parse(kind.trim()).ok_or(Invalid("survey-err-kind"))?;
    let prompt = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
    if prompt.is_empty() || prompt.chars().count() > MAX_PROMPT {
        return Err(Invalid("survey-err-prompt"));
    }
    let help = help.trim().replace("\r\n", "\n");
    if help.chars().count() > MAX_HELP {
        return Err(Invalid("survey-err-help"));
    }
    let mut options: Vec<String> = vec![];
    for line in options_text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")) {
        if line.is_empty() {
            continue;
        }
        if line.chars().count() > MAX_OPTION {
            return Err(Invalid("survey-err-options"));
        }
        if !options.iter().any(|o| o.to_lowercase() == line.to_lowercase()) {
            options.push(line);
        }
    }
    match kind {
        Kind::SingleChoice | Kind::MultipleChoice if !(2..=MAX_OPTIONS).contains(&options.len()) => {
            return Err(Invalid("survey-err-options"));
        }
        Kind::Hours if !(1..=MAX_OPTIONS).contains(&options.len()) => return Err(Invalid("survey-err-rows")),
        Kind::Scale if options.len() > 2 => return Err(Invalid("survey-err-scale-labels")),
        Kind::ShortText | Kind::LongText => options.clear(),
        _ => {}
    }
    let profile_field = match profile_field.trim() {
        "" => None,
        f if PROFILE_FIELDS.contains(&f) => Some(f.to_string()),
        _ => return Err(Invalid("survey-err-profile-field")),
    };
    // Only words can be shown on a profile: a scale or hours say little there.
    if profile_field.is_some() && matches!(kind, Kind::Scale | Kind::Hours) {
        return Err(Invalid("survey-err-profile-kind"));
    }
    Ok(QuestionDraft { kind, prompt, help, options, required, profile_field })
}

/// A question's key from its prompt: lower-case ASCII words joined by "_", made unique
/// among `taken` with a number. Keys are how later capabilities find answers.
pub fn key_for(prompt: &str, taken: &[String]) -> String {
    let mut base = String::new();
    for c in prompt.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'æ' => 'a',
            'ø' => 'o',
            'å' => 'a',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.ends_with('_') && !base.is_empty() {
            base.push('_');
        }
        if base.len() >= 40 {
            break;
        }
    }
    let base = base.trim_end_matches('_');
    let base = if base.is_empty() { "question" } else { base };
    if !taken.iter().any(|t| t == base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}_{n}")).find(|k| !taken.contains(k)).unwrap_or_default()
}

/// Where a survey stands at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Still being written: questions can change, nobody answers.
    Draft,
    NotYetOpen,
    Open,
    /// Answers are kept and shown, read-only.
    Closed,
}

pub fn phase(published: bool, opens_at: Option<i64>, closes_at: Option<i64>, now: i64) -> Phase {
    match (published, opens_at) {
        (false, _) | (true, None) => Phase::Draft,
        (true, Some(o)) if now < o => Phase::NotYetOpen,
        _ if closes_at.is_some_and(|c| now >= c) => Phase::Closed,
        _ => Phase::Open,
    }
}

/// A date and time as `<input type="datetime-local">` sends it ("2026-09-01T09:00"),
/// read as wall-clock time in the course's zone.
pub fn parse_local(raw: &str, zone: &str) -> Result<i64, Invalid> {
    let dt: jiff::civil::DateTime = raw.trim().parse().map_err(|_| Invalid("survey-err-date"))?;
    let z = dt.to_zoned(crate::time::zone(zone)).map_err(|_| Invalid("survey-err-date"))?;
    Ok(z.timestamp().as_millisecond())
}

/// The value for a `datetime-local` input: an instant as wall-clock time in a zone.
pub fn to_local_input(ms: i64, zone: &str) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(crate::time::zone(zone)).strftime("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// Check the opening and closing times the tutor gave.
pub fn parse_schedule(opens: &str, closes: &str, zone: &str) -> Result<(i64, Option<i64>), Invalid> {
    let o = parse_local(opens, zone)?;
    let c = if closes.trim().is_empty() { None } else { Some(parse_local(closes, zone)?) };
    if c.is_some_and(|c| c <= o) {
        return Err(Invalid("survey-err-closes-before-opens"));
    }
    Ok((o, c))
}

/// A number in tenths as "3" or "3.5".
pub fn tenths(t: u32) -> String {
    if t.is_multiple_of(10) { (t / 10).to_string() } else { format!("{}.{}", t / 10, t % 10) }
}

/// The median of values that are tenths already, in tenths (rounded half up).
pub fn median_of_tenths(values: &[u32]) -> Option<u32> {
    median_tenths(values).map(|m| (m + 5) / 10)
}

/// The median in tenths (the mean of the two middle values when the count is even).
pub fn median_tenths(values: &[u32]) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] * 10 } else { (v[n / 2 - 1] + v[n / 2]) * 5 })
}

/// One bar of a chart: a choice or a scale point, how many picked it, and the width of
/// its bar in percent of the people who answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub count: usize,
    pub percent: usize,
}

/// A question's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Summary {
    Texts(Vec<String>),
    Bars(Vec<Bar>),
    Scale {
        bars: Vec<Bar>,
        median: Option<String>,
    },
    /// The median per row and of the weekly total.
    Hours {
        rows: Vec<(String, String)>,
        total: Option<String>,
    },
}

fn bars(labels: &[String], counts: &[usize], answered: usize) -> Vec<Bar> {
    labels
        .iter()
        .zip(counts)
        .map(|(l, c)| Bar { label: l.clone(), count: *c, percent: (c * 100).checked_div(answered).unwrap_or(0) })
        .collect()
}

/// The median in tenths of values given with how often each occurs (as a `GROUP BY`
/// returns them): the same as [`median_tenths`] of the values written out.
pub fn median_tenths_counted(values: &[(u32, usize)]) -> Option<u32> {
    let mut v: Vec<(u32, usize)> = values.iter().copied().filter(|(_, n)| *n > 0).collect();
    v.sort_unstable();
    let n: usize = v.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    // The value at a position of the sorted, written-out list.
    let at = |i: usize| {
        let mut seen = 0;
        for (value, count) in &v {
            seen += count;
            if i < seen {
                return *value;
            }
        }
        v[v.len() - 1].0
    };
    Some(if n % 2 == 1 { at(n / 2) * 10 } else { (at(n / 2 - 1) + at(n / 2)) * 5 })
}

/// Summarise the answers to one question. Answers of the wrong shape (from before an
/// edit) are left out rather than miscounted.
pub fn summarise(q: &Question, answers: &[AnswerValue]) -> Summary {
    let counted: Vec<(AnswerValue, usize)> = answers.iter().map(|a| (a.clone(), 1)).collect();
    summarise_counted(q, &counted)
}

/// Summarise distinct answers, each with how many people gave it: the results page reads
/// them grouped in SQL, so its cost does not grow with the class.
pub fn summarise_counted(q: &Question, answers: &[(AnswerValue, usize)]) -> Summary {
    match q.kind {
        Kind::ShortText | Kind::LongText => Summary::Texts(
            answers
                .iter()
                .filter_map(|(a, n)| match a {
                    AnswerValue::Text(t) => Some(std::iter::repeat_n(t.clone(), *n)),
                    _ => None,
                })
                .flatten()
                .collect(),
        ),
        Kind::SingleChoice | Kind::MultipleChoice => {
            let mut counts = vec![0; q.options.len()];
            let mut answered = 0;
            for (a, n) in answers {
                let picked: Vec<&String> = match a {
                    AnswerValue::Choice(c) => vec![c],
                    AnswerValue::Choices(cs) => cs.iter().collect(),
                    _ => continue,
                };
                answered += n;
                for p in picked {
                    if let Some(i) = q.options.iter().position(|o| o == p) {
                        counts[i] += n;
                    }
                }
            }
            Summary::Bars(bars(&q.options, &counts, answered))
        }
        Kind::Scale => {
            let values: Vec<(u32, usize)> = answers
                .iter()
                .filter_map(|(a, n)| match a {
                    AnswerValue::Scale(v) if (1..=5).contains(v) => Some((*v as u32, *n)),
                    _ => None,
                })
                .collect();
            let mut counts = [0usize; 5];
            for (v, n) in &values {
                counts[*v as usize - 1] += n;
            }
            let answered = values.iter().map(|(_, n)| n).sum();
            let labels: Vec<String> = (1..=5).map(|n| n.to_string()).collect();
            Summary::Scale {
                bars: bars(&labels, &counts, answered),
                median: median_tenths_counted(&values).map(tenths),
            }
        }
        Kind::Hours => {
            let rounded = |v: &[(u32, usize)]| median_tenths_counted(v).map(|m| (m + 5) / 10).map(tenths);
            let rows = q
                .options
                .iter()
                .map(|row| {
                    let v: Vec<(u32, usize)> = answers
                        .iter()
                        .filter_map(|(a, n)| match a {
                            AnswerValue::Hours(rs) => rs.iter().find(|(r, _)| r == row).map(|(_, h)| (h.0, *n)),
                            _ => None,
                        })
                        .collect();
                    (row.clone(), rounded(&v).unwrap_or_else(|| "–".into()))
                })
                .collect();
            let totals: Vec<(u32, usize)> =
                answers.iter().filter_map(|(a, n)| a.total_hours().map(|t| (t, *n))).collect();
            Summary::Hours { rows, total: rounded(&totals) }
        }
    }
}

// The CSV writing is shared with other exports.
pub use crate::spreadsheet::{csv, safe_cell};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(kind: Kind, required: bool, options: &[&str]) -> Question {
        Question { kind, required, options: options.iter().map(|s| s.to_string()).collect() }
    }

    fn typed(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn text_answers() {
        let short = q(Kind::ShortText, true, &[]);
        assert_eq!(
            parse_answer(&short, &typed(&["  hiking   and  maps "])),
            Ok(Some(AnswerValue::Text("hiking and maps".into())))
        );
        assert_eq!(parse_answer(&short, &typed(&["   "])), Err(Invalid("survey-err-required")));
        assert_eq!(parse_answer(&short, &[]), Err(Invalid("survey-err-required")));
        assert_eq!(parse_answer(&short, &typed(&[&"x".repeat(201)])), Err(Invalid("survey-err-short-too-long")));
        let long = q(Kind::LongText, false, &[]);
        assert_eq!(parse_answer(&long, &typed(&["a\r\nb"])), Ok(Some(AnswerValue::Text("a\nb".into()))));
        assert_eq!(parse_answer(&long, &typed(&[""])), Ok(None));
        assert_eq!(parse_answer(&long, &typed(&[&"x".repeat(4001)])), Err(Invalid("survey-err-long-too-long")));
    }

    #[test]
    fn choices_must_be_offered() {
        let single = q(Kind::SingleChoice, true, &["Red", "Blue"]);
        assert_eq!(parse_answer(&single, &typed(&["Blue"])), Ok(Some(AnswerValue::Choice("Blue".into()))));
        assert_eq!(parse_answer(&single, &typed(&["Green"])), Err(Invalid("survey-err-choice")));
        assert_eq!(parse_answer(&single, &typed(&[""])), Err(Invalid("survey-err-required")));
        let multi = q(Kind::MultipleChoice, false, &["Email", "Chat", "Video"]);
        assert_eq!(
            parse_answer(&multi, &typed(&["Video", "Email", "Video"])),
            Ok(Some(AnswerValue::Choices(vec!["Email".into(), "Video".into()])))
        );
        assert_eq!(parse_answer(&multi, &typed(&["Email", "Fax"])), Err(Invalid("survey-err-choice")));
        assert_eq!(parse_answer(&multi, &[]), Ok(None));
    }

    #[test]
    fn scales_run_from_one_to_five() {
        let s = q(Kind::Scale, true, &["Not at all", "Very"]);
        assert_eq!(parse_answer(&s, &typed(&["4"])), Ok(Some(AnswerValue::Scale(4))));
        for bad in ["0", "6", "3.5", "four", "-1"] {
            assert_eq!(parse_answer(&s, &typed(&[bad])), Err(Invalid("survey-err-scale")), "{bad}");
        }
        assert_eq!(parse_answer(&s, &[]), Err(Invalid("survey-err-required")));
    }

    #[test]
    fn hours_take_halves_and_fit_in_a_week() {
        let h = q(Kind::Hours, true, &["Weekdays", "Weekends"]);
        assert_eq!(
            parse_answer(&h, &typed(&["5", ""])),
            Ok(Some(AnswerValue::Hours(vec![("Weekdays".into(), Tenths(50)), ("Weekends".into(), Tenths(0))])))
        );
        // Halves as the time budget takes them, with a point or a Norwegian comma.
        assert_eq!(parse_answer(&h, &typed(&["2.5", "1,5"])).unwrap().unwrap().total_hours(), Some(40));
        assert_eq!(parse_answer(&h, &typed(&["0.5", ""])).unwrap().unwrap().display(), "Weekdays: 0.5; Weekends: 0");
        assert_eq!(parse_answer(&h, &typed(&["168", "0.5"])), Err(Invalid("survey-err-hours-total")));
        assert_eq!(parse_answer(&h, &typed(&["1.25", ""])), Err(Invalid("survey-err-hours")));
        assert_eq!(parse_answer(&h, &typed(&["169", "0"])), Err(Invalid("survey-err-hours")));
        assert_eq!(parse_answer(&h, &typed(&["-1", "0"])), Err(Invalid("survey-err-hours")));
        assert_eq!(parse_answer(&h, &typed(&["100", "100"])), Err(Invalid("survey-err-hours-total")));
        assert_eq!(parse_answer(&h, &typed(&["", ""])), Err(Invalid("survey-err-required")));
        // Zero typed is an answer: "no time at all" differs from "did not say".
        assert_eq!(parse_answer(&h, &typed(&["0", ""])).unwrap().unwrap().total_hours(), Some(0));
    }

    #[test]
    fn tutors_questions_are_checked() {
        let ok = parse_question("single_choice", " Pick   one ", "", "A\n\nB\na\n", true, "").unwrap();
        assert_eq!(ok.prompt, "Pick one");
        assert_eq!(ok.options, vec!["A", "B"], "blank and repeated lines go");
        assert_eq!(parse_question("single_choice", "P", "", "Only", true, ""), Err(Invalid("survey-err-options")));
        assert_eq!(parse_question("hours", "P", "", "", true, ""), Err(Invalid("survey-err-rows")));
        assert_eq!(parse_question("essay", "P", "", "", true, ""), Err(Invalid("survey-err-kind")));
        assert_eq!(parse_question("short_text", "", "", "", true, ""), Err(Invalid("survey-err-prompt")));
        assert_eq!(parse_question("short_text", "P", "", "", true, "salary"), Err(Invalid("survey-err-profile-field")));
        assert_eq!(parse_question("scale", "P", "", "", true, "about"), Err(Invalid("survey-err-profile-kind")));
        assert_eq!(parse_question("scale", "P", "", "a\nb\nc", true, ""), Err(Invalid("survey-err-scale-labels")));
        assert_eq!(
            parse_question("short_text", "P", "", "x", false, "interests").unwrap().options,
            Vec::<String>::new()
        );
    }

    #[test]
    fn keys_are_slugs_and_unique() {
        assert_eq!(key_for("What are your goals?", &[]), "what_are_your_goals");
        assert_eq!(key_for("Hvor går du på skole?", &[]), "hvor_gar_du_pa_skole");
        assert_eq!(key_for("?!", &[]), "question");
        let taken = vec!["goals".to_string(), "goals_2".to_string()];
        assert_eq!(key_for("Goals", &taken), "goals_3");
    }

    #[test]
    fn phases_follow_the_clock() {
        assert_eq!(phase(false, Some(0), None, 10), Phase::Draft);
        assert_eq!(phase(true, Some(100), Some(200), 99), Phase::NotYetOpen);
        assert_eq!(phase(true, Some(100), Some(200), 100), Phase::Open);
        assert_eq!(phase(true, Some(100), Some(200), 200), Phase::Closed);
        assert_eq!(phase(true, Some(100), None, i64::MAX), Phase::Open);
    }

    #[test]
    fn times_are_read_in_the_course_zone() {
        // 09:00 in Oslo in September is 07:00 UTC.
        let ms = parse_local("2026-09-01T09:00", "Europe/Oslo").unwrap();
        assert_eq!(jiff::Timestamp::from_millisecond(ms).unwrap().to_string(), "2026-09-01T07:00:00Z");
        assert_eq!(to_local_input(ms, "Europe/Oslo"), "2026-09-01T09:00");
        assert_eq!(parse_local("tomorrow", "UTC"), Err(Invalid("survey-err-date")));
        assert_eq!(
            parse_schedule("2026-09-02T09:00", "2026-09-01T09:00", "UTC"),
            Err(Invalid("survey-err-closes-before-opens"))
        );
        assert!(parse_schedule("2026-09-01T09:00", "", "UTC").unwrap().1.is_none());
    }

    #[test]
    fn summaries() {
        let multi = q(Kind::MultipleChoice, false, &["Email", "Chat"]);
        let answers = vec![
            AnswerValue::Choices(vec!["Email".into(), "Chat".into()]),
            AnswerValue::Choices(vec!["Chat".into()]),
            AnswerValue::Text("stray".into()),
        ];
        assert_eq!(
            summarise(&multi, &answers),
            Summary::Bars(vec![
                Bar { label: "Email".into(), count: 1, percent: 50 },
                Bar { label: "Chat".into(), count: 2, percent: 100 },
            ])
        );
        let scale = q(Kind::Scale, true, &[]);
        let Summary::Scale { bars, median } = summarise(
            &scale,
            &[AnswerValue::Scale(2), AnswerValue::Scale(5), AnswerValue::Scale(3), AnswerValue::Scale(4)],
        ) else {
            panic!()
        };
        assert_eq!(median.as_deref(), Some("3.5"));
        assert_eq!(bars.iter().map(|b| b.count).collect::<Vec<_>>(), vec![0, 1, 1, 1, 1]);
        let hours = q(Kind::Hours, true, &["A", "B"]);
        let h = |a, b| AnswerValue::Hours(vec![("A".into(), Tenths::hours(a)), ("B".into(), Tenths::hours(b))]);
        assert_eq!(
            summarise(&hours, &[h(2, 4), h(6, 0), h(4, 1)]),
            Summary::Hours { rows: vec![("A".into(), "4".into()), ("B".into(), "1".into())], total: Some("6".into()) }
        );
        let half = |a| AnswerValue::Hours(vec![("A".into(), Tenths(a)), ("B".into(), Tenths(0))]);
        assert_eq!(
            summarise(&hours, &[half(15), half(20)]),
            Summary::Hours {
                rows: vec![("A".into(), "1.8".into()), ("B".into(), "0".into())],
                total: Some("1.8".into())
            }
        );
    }

    #[test]
    fn answers_round_trip_as_json() {
        let a = AnswerValue::Hours(vec![("Weekday evenings".into(), Tenths::hours(6))]);
        assert_eq!(a.to_json(), r#"{"hours":[["Weekday evenings",6]]}"#);
        assert_eq!(AnswerValue::from_json(&a.to_json()), Some(a));
        let half = AnswerValue::Hours(vec![("Weekends".into(), Tenths(25))]);
        assert_eq!(half.to_json(), r#"{"hours":[["Weekends",2.5]]}"#);
        assert_eq!(AnswerValue::from_json(&half.to_json()), Some(half));
        assert_eq!(AnswerValue::from_json(r#"{"hours":[["Weekends",-1]]}"#), None);
    }

    proptest! {
        #[test]
        fn a_counted_median_is_the_median_written_out(values in proptest::collection::vec((0u32..60, 0usize..5), 0..12)) {
            let written: Vec<u32> = values.iter().flat_map(|(v, n)| std::iter::repeat_n(*v, *n)).collect();
            prop_assert_eq!(median_tenths_counted(&values), median_tenths(&written));
        }

        #[test]
        fn counted_summaries_match_summaries_of_every_answer(picks in proptest::collection::vec((0usize..4, 1usize..4), 0..8)) {
            let question = q(Kind::SingleChoice, false, &["A", "B", "C", "D"]);
            let opts = ["A", "B", "C", "D"];
            let counted: Vec<(AnswerValue, usize)> =
                picks.iter().map(|(i, n)| (AnswerValue::Choice(opts[*i].to_string()), *n)).collect();
            let every: Vec<AnswerValue> =
                counted.iter().flat_map(|(a, n)| std::iter::repeat_n(a.clone(), *n)).collect();
            prop_assert_eq!(summarise_counted(&question, &counted), summarise(&question, &every));
            let scale = q(Kind::Scale, false, &["low", "high"]);
            let counted: Vec<(AnswerValue, usize)> =
                picks.iter().map(|(i, n)| (AnswerValue::Scale(*i as u8 + 1), *n)).collect();
            let every: Vec<AnswerValue> =
                counted.iter().flat_map(|(a, n)| std::iter::repeat_n(a.clone(), *n)).collect();
            prop_assert_eq!(summarise_counted(&scale, &counted), summarise(&scale, &every));
        }

        #[test]
        fn accepted_answers_obey_the_rules(kind in 0usize..6, required: bool, values in proptest::collection::vec("[0-9A-Ca-c ]{0,4}", 0..4)) {
            let question = q(Kind::ALL[kind], required, &["A", "B", "C"]);
            match parse_answer(&question, &values) {
                Ok(None) => prop_assert!(!required),
                Ok(Some(AnswerValue::Scale(n))) => prop_assert!((1..=5).contains(&n)),
                Ok(Some(AnswerValue::Choice(c))) => prop_assert!(question.options.contains(&c)),
                Ok(Some(AnswerValue::Choices(cs))) => prop_assert!(!cs.is_empty() && cs.iter().all(|c| question.options.contains(c))),
                Ok(Some(AnswerValue::Hours(rows))) => prop_assert!(rows.iter().map(|(_, h)| h.0).sum::<u32>() <= WEEK_HOURS * 10),
                Ok(Some(AnswerValue::Text(t))) => prop_assert!(!t.is_empty()),
                Err(_) => {}
            }
        }

        #[test]
        fn summaries_count_every_valid_choice(picks in proptest::collection::vec(0usize..3, 0..50)) {
            let question = q(Kind::SingleChoice, true, &["A", "B", "C"]);
            let answers: Vec<AnswerValue> = picks.iter().map(|i| AnswerValue::Choice(question.options[*i].clone())).collect();
            let Summary::Bars(bars) = summarise(&question, &answers) else { panic!() };
            prop_assert_eq!(bars.iter().map(|b| b.count).sum::<usize>(), picks.len());
            prop_assert!(bars.iter().all(|b| b.percent <= 100));
        }

        #[test]
        fn medians_lie_within_the_values(v in proptest::collection::vec(0u32..169, 1..40)) {
            let m = median_tenths(&v).unwrap();
            prop_assert!(m >= v.iter().min().unwrap() * 10 && m <= v.iter().max().unwrap() * 10);
        }
    }
}
