//! What a screen is sent: the session's state as JSON, in a public form (for everyone)
//! and a staff form (who is here by name; each person's answers where the step allows).
//! Both are built once per event and shared by every socket. Language-neutral: the page
//! has the words, the event only numbers, names and the cloud.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use axum::extract::ws::Utf8Bytes;
use serde_json::{Value, json};

use super::queries::{AnswerRow, Snapshot, StepRow};

/// How many words the cloud draws (the list beside it has them all).
pub const CLOUD_WORDS: usize = 40;

/// One event as sent: its number and both forms, serialised once into shared buffers
/// that every socket's frame points at (a clone is a reference count, not a copy).
#[derive(Debug)]
pub struct Event {
    pub seq: u64,
    pub public: Utf8Bytes,
    pub staff: Utf8Bytes,
    /// During a breakout: each participant's own room (a JSON fragment), by user id.
    pub mine: HashMap<i64, String>,
}

impl Event {
    pub fn of(s: &Snapshot) -> Event {
        let mine = match &s.step {
            Some(st) if st.kind == "breakout" => super::breakouts::mine(&s.rooms, &s.calls, &st.facilitator),
            _ => HashMap::new(),
        };
        Event {
            seq: s.session.seq.max(0) as u64,
            public: view(s, false).to_string().into(),
            staff: view(s, true).to_string().into(),
            mine,
        }
    }

    pub fn text(&self, staff: bool) -> &Utf8Bytes {
        if staff { &self.staff } else { &self.public }
    }

    /// The frame for one person: the shared one, or their own with their breakout room
    /// when they have one.
    pub fn frame_for(&self, staff: bool, user_id: i64) -> Utf8Bytes {
        match self.mine.get(&user_id) {
            Some(m) => super::breakouts::with_mine(self.text(staff), m).into(),
            None => self.text(staff).clone(),
        }
    }
}

fn words_of(a: &AnswerRow) -> Vec<String> {
    serde_json::from_str(&a.body).unwrap_or_default()
}

fn choices_of(a: &AnswerRow) -> Vec<usize> {
    serde_json::from_str(&a.body).unwrap_or_default()
}

fn mood_of(a: &AnswerRow) -> (u8, String) {
    let v: Value = serde_json::from_str(&a.body).unwrap_or_default();
    (v["mood"].as_u64().unwrap_or(0) as u8, v["word"].as_str().unwrap_or("").to_string())
}

/// The results of a step from its answers, as `staff` or everyone may see them.
pub fn results(step: &StepRow, answers: &[AnswerRow], staff: bool) -> Value {
    match step.kind.as_str() {
        "checkin" => {
            let hidden: BTreeSet<String> = step.hidden_words.iter().cloned().collect();
            let all: Vec<String> = answers.iter().flat_map(words_of).collect();
            let words = homeroom_live::words::cloud(all.iter().map(String::as_str), &hidden);
            let svg = homeroom_live::cloud::svg(&words, CLOUD_WORDS, &step.prompt);
            let list: Vec<Value> =
                words.iter().map(|w| json!({ "key": w.key, "label": w.label, "count": w.count })).collect();
            let mut v = json!({ "people": answers.len(), "svg": svg, "words": list });
            if staff || step.show_names {
                v["by_person"] = answers
                    .iter()
                    .map(|a| {
                        // A hidden word is hidden from the names list too, except for staff.
                        let ws: Vec<String> = words_of(a)
                            .into_iter()
                            .filter(|w| staff || homeroom_live::words::key(w).is_none_or(|k| !hidden.contains(&k)))
                            .collect();
                        json!({ "name": a.name, "words": ws })
                    })
                    .collect();
            }
            v
        }
        "mood" => {
            let moods: BTreeMap<i64, u8> = answers.iter().map(|a| (a.user_id, mood_of(a).0)).collect();
            json!({ "people": answers.len(), "moods": homeroom_live::poll::mood(&moods) })
        }
        "poll" => {
            let poll = homeroom_live::poll::Poll { options: step.options.len(), multiple: step.multiple };
            let chosen: BTreeMap<i64, Vec<usize>> = answers.iter().map(|a| (a.user_id, choices_of(a))).collect();
            let t = homeroom_live::poll::tally(&poll, &chosen);
            let mut v = json!({ "people": t.people, "revealed": step.revealed });
            if staff || step.revealed {
                v["counts"] = json!(t.counts);
            }
            if staff && !step.anonymous {
                v["by_person"] = answers.iter().map(|a| json!({ "name": a.name, "choices": choices_of(a) })).collect();
            }
            v
        }
        _ => json!({}),
    }
}

/// Each person's mood, for staff, only when the session allows it.
fn moods_by_person(s: &Snapshot) -> Option<Value> {
    let step = s.step.as_ref()?;
    (step.kind == "mood" && s.session.mood_named).then(|| {
        s.answers
            .iter()
            .map(|a| {
                let (m, w) = mood_of(a);
                json!({ "name": a.name, "mood": m, "word": w })
            })
            .collect()
    })
}

pub fn view(s: &Snapshot, staff: bool) -> Value {
    let step = s.step.as_ref().map(|st| {
        let mut results = results(st, &s.answers, staff);
        if staff && let Some(m) = moods_by_person(s) {
            results["by_person"] = m;
        }
        let mut v = json!({
            "id": st.id, "kind": st.kind, "prompt": st.prompt, "options": st.options,
            "max_answers": st.max_answers, "multiple": st.multiple, "results": results,
        });
        if st.kind == "breakout" {
            v["breakout"] = super::breakouts::view(st.ends_at, &st.message, &s.rooms, &s.calls, staff);
        }
        v
    });
    let mut v = json!({
        "type": "state",
        "seq": s.session.seq,
        "state": s.session.state,
        "step": step,
        "here": s.here.len(),
    });
    if staff {
        v["here_names"] = s.here.iter().map(|(_, n)| n.clone()).collect();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::queries::SessionRow;

    fn snap(kind: &str, bodies: &[(&str, &str)], mood_named: bool) -> Snapshot {
        Snapshot {
            session: SessionRow {
                id: 1,
                course_id: 1,
                title: "Week 1".into(),
                starts_at: 0,
                video_url: String::new(),
                state: "running".into(),
                step_id: Some(5),
                seq: 9,
                mood_named,
                notes: String::new(),
                started_at: None,
                ended_at: None,
            },
            step: Some(StepRow {
                id: 5,
                session_id: 1,
                position: 1,
                kind: kind.into(),
                prompt: "How is it going?".into(),
                options: vec!["Fine".into(), "Busy".into()],
                max_answers: 2,
                multiple: false,
                anonymous: false,
                show_names: false,
                revealed: false,
                hidden_words: vec![],
                opened_at: None,
                round_id: None,
                group_size: 4,
                minutes: 10,
                facilitator: "birthday".into(),
                ends_at: None,
                message: String::new(),
            }),
            answers: bodies
                .iter()
                .enumerate()
                .map(|(i, (n, b))| AnswerRow { user_id: i as i64, name: n.to_string(), body: b.to_string() })
                .collect(),
            here: vec![(1, "Ada".into())],
            rooms: vec![],
            calls: vec![],
        }
    }

    #[test]
    fn students_see_no_names_nor_hidden_tallies() {
        let s = snap("poll", &[("Ada", "[0]"), ("Bo", "[1]")], false);
        let public = view(&s, false);
        assert!(public["step"]["results"].get("counts").is_none(), "hidden until revealed");
        assert!(public.get("here_names").is_none());
        let staff = view(&s, true);
        assert_eq!(staff["step"]["results"]["counts"], json!([1, 1]));
        assert_eq!(staff["step"]["results"]["by_person"][0]["name"], "Ada");
    }

    #[test]
    fn moods_by_person_only_when_the_session_allows() {
        let s = snap("mood", &[("Ada", r#"{"mood":2,"word":"tired"}"#)], false);
        assert!(view(&s, true)["step"]["results"].get("by_person").is_none());
        assert_eq!(view(&s, false)["step"]["results"]["moods"], json!([0, 1, 0, 0, 0]));
        let s = snap("mood", &[("Ada", r#"{"mood":2,"word":"tired"}"#)], true);
        assert_eq!(view(&s, true)["step"]["results"]["by_person"][0]["word"], "tired");
        assert!(view(&s, false)["step"]["results"].get("by_person").is_none());
    }

    #[test]
    fn the_check_in_cloud_groups_words() {
        let s = snap("checkin", &[("Ada", r#"["Busy","deadlines"]"#), ("Bo", r#"["busy!","deadline"]"#)], false);
        let v = view(&s, false);
        assert_eq!(v["step"]["results"]["words"].as_array().unwrap().len(), 2);
        assert!(v["step"]["results"]["svg"].as_str().unwrap().starts_with("<svg"));
        assert!(v["step"]["results"].get("by_person").is_none());
        assert!(view(&s, true)["step"]["results"].get("by_person").is_some());
    }
}
