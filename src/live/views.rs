//! What the live pages show. The results of a step are drawn from the same JSON the
//! sockets carry (`state::results`), so the page and the live updates never disagree.

use askama::Template;
use serde_json::Value;

use super::queries::{SessionRow, StepRow};
use super::rules::{PlanForm, StepForm};
use crate::web::Page;
use crate::web::paging::Pager;

pub const MOODS: [&str; 5] = ["😞", "🙁", "😐", "🙂", "😄"];

/// Field errors of a form, shown next to each field.
#[derive(Clone, Debug, Default)]
pub struct Errors(pub Vec<(&'static str, String)>);

impl Errors {
    pub fn get(&self, field: &str) -> Option<String> {
        self.0.iter().find(|e| e.0 == field).map(|e| e.1.clone())
    }

    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }
}

#[derive(Clone, Debug)]
pub struct SessionItem {
    pub id: i64,
    pub title: String,
    pub starts_at: i64,
    pub state_label: String,
}

impl SessionItem {
    pub fn of(s: &SessionRow, t: &crate::i18n::Tr) -> SessionItem {
        SessionItem {
            id: s.id,
            title: s.title.clone(),
            starts_at: s.starts_at,
            state_label: t.t(&format!("live-state-{}", s.state)),
        }
    }
}

#[derive(Template)]
#[template(path = "live/list.html")]
pub struct ListPage {
    pub page: Page,
    pub course_id: i64,
    pub running: Option<SessionItem>,
    pub items: Vec<SessionItem>,
    pub pager: Pager,
    pub may_run: bool,
}

#[derive(Template)]
#[template(path = "live/plan.html")]
pub struct PlanPage {
    pub page: Page,
    pub course_id: i64,
    pub form: PlanForm,
    pub errors: Errors,
}

/// A step's results, ready to show.
#[derive(Clone, Debug, Default)]
pub struct ResultsView {
    pub people: u64,
    pub svg: String,
    /// (key, label, count)
    pub words: Vec<(String, String, u64)>,
    /// (name, what they answered)
    pub by_person: Vec<(String, String)>,
    pub has_by_person: bool,
    /// (index, emoji, count)
    pub moods: Vec<(usize, &'static str, u64)>,
    /// (option, count when shown)
    pub counts: Vec<(String, Option<u64>)>,
    pub revealed: bool,
}

impl ResultsView {
    pub fn of(step: &StepRow, v: &Value) -> ResultsView {
        let n = |v: &Value| v.as_u64().unwrap_or(0);
        let list = |k: &str| v[k].as_array().cloned().unwrap_or_default();
        let by_person: Vec<(String, String)> = list("by_person")
            .iter()
            .map(|p| {
                let name = p["name"].as_str().unwrap_or("").to_string();
                let what = match step.kind.as_str() {
                    "checkin" => p["words"]
                        .as_array()
                        .map(|w| w.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(", "))
                        .unwrap_or_default(),
                    "mood" => {
                        let m = p["mood"].as_u64().unwrap_or(0) as usize;
                        let emoji = MOODS.get(m.wrapping_sub(1)).copied().unwrap_or("");
                        format!("{emoji} {}", p["word"].as_str().unwrap_or("")).trim().to_string()
                    }
                    _ => p["choices"]
                        .as_array()
                        .map(|c| {
                            c.iter()
                                .filter_map(|i| step.options.get(i.as_u64().unwrap_or(u64::MAX) as usize).cloned())
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default(),
                };
                (name, what)
            })
            .collect();
        let counts = list("counts");
        ResultsView {
            people: n(&v["people"]),
            svg: v["svg"].as_str().unwrap_or("").to_string(),
            words: list("words")
                .iter()
                .map(|w| {
                    (w["key"].as_str().unwrap_or("").into(), w["label"].as_str().unwrap_or("").into(), n(&w["count"]))
                })
                .collect(),
            has_by_person: v.get("by_person").is_some(),
            by_person,
            moods: MOODS.iter().enumerate().map(|(i, e)| (i, *e, n(&v["moods"][i]))).collect(),
            counts: step.options.iter().enumerate().map(|(i, o)| (o.clone(), counts.get(i).map(n))).collect(),
            revealed: v["revealed"].as_bool().unwrap_or(false),
        }
    }
}

/// One step of the agenda, with its results (the summary, the current step).
#[derive(Clone, Debug)]
pub struct StepView {
    pub step: StepRow,
    pub label: String,
    pub results: ResultsView,
}

/// The participant's own answer to the current step, to fill the form with.
#[derive(Clone, Debug, Default)]
pub struct Mine {
    pub words: Vec<String>,
    pub choices: Vec<usize>,
    pub mood: u8,
    pub word: String,
}

impl Mine {
    pub fn word_at(&self, i: &usize) -> String {
        self.words.get(*i).cloned().unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "live/session.html")]
pub struct SessionPage {
    pub page: Page,
    pub course_id: i64,
    pub s: SessionRow,
    pub staff: bool,
    pub may_answer: bool,
    pub steps: Vec<StepView>,
    pub current: Option<StepView>,
    pub mine: Mine,
    pub here: Vec<String>,
    pub came: Vec<String>,
    /// What the live region says about the current step.
    pub announce: String,
    pub step_form: StepForm,
    pub step_errors: Errors,
    pub error: Option<String>,
    pub b: BreakoutView,
}

/// A member of a breakout room as the page shows them (their card: face, name, local
/// time only when they show where they are).
#[derive(Clone, Debug)]
pub struct MemberView {
    pub name: String,
    pub initials: String,
    pub hue: i64,
    pub local: String,
    pub facilitator: bool,
}

#[derive(Clone, Debug)]
pub struct RoomView {
    pub number: i32,
    pub video: String,
    pub video_is_link: bool,
    pub members: Vec<MemberView>,
    pub facilitator: Option<String>,
}

/// What the page shows of breakouts: the rooms of every breakout (the summary, the
/// tutor's view), the participant's own room, the open calls, the rounds to choose from.
#[derive(Clone, Debug, Default)]
pub struct BreakoutView {
    /// (step id, room)
    pub rooms: Vec<(i64, RoomView)>,
    pub mine: Option<RoomView>,
    /// Why the facilitator was picked, in words.
    pub why: String,
    pub called: bool,
    /// (user id, name, room number)
    pub calls: Vec<(i64, String, Option<i32>)>,
    /// (round id, set title, round number)
    pub rounds: Vec<(i64, String, i32)>,
    /// The rooms' video names, one a line, to edit.
    pub videos: String,
}

impl BreakoutView {
    pub fn rooms_of(&self, step_id: &i64) -> Vec<&RoomView> {
        self.rooms.iter().filter(|(s, _)| s == step_id).map(|(_, r)| r).collect()
    }
}

impl SessionPage {
    pub fn kind_label(&self, kind: &str) -> String {
        self.page.t.t(&format!("live-kind-{kind}"))
    }

    pub fn is_current(&self, id: &i64) -> bool {
        self.s.step_id == Some(*id)
    }

    pub fn slots(&self) -> Vec<usize> {
        let n = self.current.as_ref().map(|c| c.step.max_answers.clamp(1, 5)).unwrap_or(1);
        (0..n as usize).collect()
    }

    pub fn chose(&self, i: &usize) -> bool {
        self.mine.choices.contains(i)
    }

    pub fn state_label(&self) -> String {
        self.page.t.t(&format!("live-state-{}", self.s.state))
    }

    pub fn mood_label(&self, i: &usize) -> String {
        self.page.t.t(&format!("live-mood-{}", i + 1))
    }

    pub fn mood_indexes(&self) -> Vec<usize> {
        (0..MOODS.len()).collect()
    }

    pub fn kinds(&self) -> Vec<&'static str> {
        super::rules::KINDS.to_vec()
    }

    pub fn emoji(&self, i: &usize) -> &'static str {
        MOODS.get(*i).copied().unwrap_or("")
    }

    pub fn facilitators(&self) -> Vec<(&'static str, String)> {
        crate::groups::planning::Facilitator::ALL.iter().map(|f| (f.as_str(), self.page.t.t(f.label_id()))).collect()
    }

    pub fn mood_is(&self, i: &usize) -> bool {
        self.mine.mood as usize == *i + 1
    }
}
