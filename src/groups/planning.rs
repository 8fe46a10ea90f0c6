//! From a course to the group engine and back, with no I/O: who is planned (students),
//! what the engine knows of them (time zone, organisation, circumstances, birthday, how
//! often they facilitated), the encounter history of published rounds, and the tutor's
//! choices in plain words turned into a request.

use std::collections::HashMap;
use std::time::Duration;

use homeroom_groups::{
    AttributeObjective, Class, FacilitatorRule, GroupSize, History, HourSet, Member, Plan, PlanError, Preference,
    Remainder, Report, Request, Round,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Breakout rooms for live sessions, several rounds planned ahead.
    Breakout,
    /// Peer partners: pairs (a triple when the number is odd).
    Partners,
    /// Project groups: one round, each group with a space of its own.
    Project,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Breakout, Kind::Partners, Kind::Project];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Breakout => "breakout",
            Kind::Partners => "partners",
            Kind::Project => "project",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Kind::Breakout => "groups-kind-breakout",
            Kind::Partners => "groups-kind-partners",
            Kind::Project => "groups-kind-project",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Facilitator {
    None,
    Birthday,
    Volunteers,
    Rotation,
}

impl Facilitator {
    pub const ALL: [Facilitator; 4] =
        [Facilitator::Rotation, Facilitator::Birthday, Facilitator::Volunteers, Facilitator::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Facilitator::None => "none",
            Facilitator::Birthday => "birthday",
            Facilitator::Volunteers => "volunteers",
            Facilitator::Rotation => "rotation",
        }
    }

    pub fn parse(s: &str) -> Option<Facilitator> {
        Facilitator::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Facilitator::None => "groups-facilitator-none",
            Facilitator::Birthday => "groups-facilitator-birthday",
            Facilitator::Volunteers => "groups-facilitator-volunteers",
            Facilitator::Rotation => "groups-facilitator-rotation",
        }
    }
}

/// What the tutor chose, in the words of the form. Stored with the set as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub kind: Kind,
    pub size: usize,
    pub rounds: usize,
    pub mix_organisations: bool,
    pub similar_circumstances: bool,
    pub overlap_hours: Option<u32>,
    pub facilitator: Facilitator,
    pub prompts: Vec<String>,
    pub seed: u64,
}

pub const MAX_SIZE: usize = 12;
pub const MAX_ROUNDS: usize = 12;
pub const MAX_PROMPT: usize = 500;

/// The raw form, checked into `Settings`; each problem names a Fluent message.
pub struct SettingsForm<'a> {
    pub kind: &'a str,
    pub size: &'a str,
    pub rounds: &'a str,
    pub mix_organisations: bool,
    pub similar_circumstances: bool,
    pub overlap_hours: &'a str,
    pub facilitator: &'a str,
    pub prompts: &'a str,
}

#[derive(Default, Debug, PartialEq, Eq)]
pub struct SettingsErrors {
    pub kind: Option<&'static str>,
    pub size: Option<&'static str>,
    pub rounds: Option<&'static str>,
    pub overlap_hours: Option<&'static str>,
    pub facilitator: Option<&'static str>,
    pub prompts: Option<&'static str>,
}

impl SettingsForm<'_> {
    pub fn check(&self, students: usize, seed: u64) -> Result<Settings, SettingsErrors> {
        let mut e = SettingsErrors::default();
        let kind = Kind::parse(self.kind);
        if kind.is_none() {
            e.kind = Some("groups-err-kind");
        }
        let size = match kind {
            Some(Kind::Partners) => Some(2),
            _ => match self.size.trim().parse::<usize>() {
                Ok(k) if (2..=MAX_SIZE).contains(&k) && k <= students.max(2) => Some(k),
                Ok(k) if k > students && students > 0 => {
                    e.size = Some("groups-err-size-class");
                    None
                }
                _ => {
                    e.size = Some("groups-err-size");
                    None
                }
            },
        };
        let rounds = match kind {
            Some(Kind::Project) => Some(1),
            _ => match self.rounds.trim().parse::<usize>() {
                Ok(r) if (1..=MAX_ROUNDS).contains(&r) => Some(r),
                _ => {
                    e.rounds = Some("groups-err-rounds");
                    None
                }
            },
        };
        let overlap_hours = match self.overlap_hours.trim() {
            "" | "0" => Some(None),
            h => match h.parse::<u32>() {
                Ok(h) if h <= 14 => Some(Some(h)),
                _ => {
                    e.overlap_hours = Some("groups-err-overlap");
                    None
                }
            },
        };
        let facilitator = Facilitator::parse(self.facilitator);
        if facilitator.is_none() {
            e.facilitator = Some("groups-err-facilitator");
        }
        let prompts: Vec<String> =
            self.prompts.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        if prompts.len() > MAX_ROUNDS || prompts.iter().any(|p| p.chars().count() > MAX_PROMPT) {
            e.prompts = Some("groups-err-prompts");
        }
        if students < 2 {
            e.size = Some("groups-err-too-few");
        }
        match (kind, size, rounds, overlap_hours, facilitator, e == SettingsErrors::default()) {
            (Some(kind), Some(size), Some(rounds), Some(overlap_hours), Some(facilitator), true) => Ok(Settings {
                kind,
                size,
                rounds,
                mix_organisations: self.mix_organisations,
                similar_circumstances: self.similar_circumstances,
                overlap_hours,
                facilitator,
                prompts,
                seed,
            }),
            _ => Err(e),
        }
    }
}

/// A student as the planner sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub user_id: i64,
    pub name: String,
    /// Minutes east of UTC now (from their IANA zone).
    pub utc_offset_minutes: i32,
    pub organisation: String,
    pub circumstances: Vec<String>,
    pub birthday: Option<(u8, u8)>,
    pub facilitated: u32,
}

/// "MM-DD" as (month, day).
pub fn parse_birthday(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.trim().split_once('-')?;
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    ((1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1]).then_some((m, d))
}

/// Tags from "a; b;c" as trimmed, lower-cased, distinct values.
pub fn tags(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s.split(';').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
    out.sort();
    out.dedup();
    out
}

/// People are available from 8:00 to 22:00 their time until profiles say more.
const DAY: (u8, u8) = (8, 22);

/// The engine's view of the class. `past` lists earlier published groups (user ids).
pub fn class(people: &[Person], past: &[Vec<i64>]) -> Class {
    let index: HashMap<i64, usize> = people.iter().enumerate().map(|(i, p)| (p.user_id, i)).collect();
    let members = people
        .iter()
        .map(|p| {
            let mut m = Member::new(p.user_id.to_string(), p.name.clone());
            if !p.organisation.trim().is_empty() {
                m.attributes.insert("organisation".into(), vec![p.organisation.trim().to_lowercase()]);
            }
            if !p.circumstances.is_empty() {
                m.attributes.insert("circumstances".into(), p.circumstances.clone());
            }
            m.availability = Some(HourSet::local_window(p.utc_offset_minutes, DAY.0, DAY.1));
            m.birthday = p.birthday;
            m.facilitated = p.facilitated;
            m
        })
        .collect();
    let mut history = History::new();
    for group in past {
        // People who have left the course drop out of the history.
        let idx: Vec<usize> = group.iter().filter_map(|u| index.get(u).copied()).collect();
        history.add_group(&idx);
    }
    Class { members, history }
}

pub fn request(settings: &Settings, today: (u8, u8), time_limit: Duration) -> Request {
    let size = match settings.kind {
        Kind::Partners => GroupSize::Target(2, Remainder::Larger),
        _ => GroupSize::Target(settings.size, Remainder::Larger),
    };
    let mut r = Request::new(size, settings.rounds);
    if settings.mix_organisations {
        r.objectives.attributes.push(AttributeObjective {
            attribute: "organisation".into(),
            preference: Preference::Mixed,
            weight: 20,
        });
    }
    if settings.similar_circumstances {
        r.objectives.attributes.push(AttributeObjective {
            attribute: "circumstances".into(),
            preference: Preference::Similar,
            weight: 10,
        });
    }
    r.constraints.min_overlap_hours = settings.overlap_hours;
    r.facilitator = match settings.facilitator {
        Facilitator::None => FacilitatorRule::None,
        Facilitator::Birthday => FacilitatorRule::Birthday { today },
        Facilitator::Volunteers => FacilitatorRule::Volunteers,
        Facilitator::Rotation => FacilitatorRule::Rotation,
    };
    r.prompts = settings.prompts.clone();
    r.seed = settings.seed;
    r.time_limit = time_limit;
    r
}

/// A planned group in user ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedGroup {
    pub members: Vec<i64>,
    pub facilitator: Option<i64>,
}

/// Plan a set: rounds of groups in user ids, and the quality report.
pub fn plan(
    people: &[Person],
    past: &[Vec<i64>],
    settings: &Settings,
    today: (u8, u8),
    time_limit: Duration,
) -> Result<(Vec<Vec<PlannedGroup>>, Report), PlanError> {
    let mut class = class(people, past);
    let req = request(settings, today, time_limit);
    let plan: Plan = match settings.kind {
        // Partners are matched exactly, one round at a time, each round adding to the
        // history so the next pairs are new people.
        Kind::Partners => {
            let mut rounds = vec![];
            for r in 0..settings.rounds {
                let mut one = req.clone();
                one.seed = req.seed.wrapping_add(r as u64);
                let round = homeroom_groups::peer_partners(&class, &one)?;
                for g in &round.groups {
                    class.history.add_group(&g.members);
                }
                rounds.push(round);
            }
            let report = homeroom_groups::evaluate(&self::class(people, past), &req, &rounds)?;
            Plan { rounds, report }
        }
        _ => homeroom_groups::plan(&class, &req)?,
    };
    let to_ids = |round: &Round| -> Vec<PlannedGroup> {
        round
            .groups
            .iter()
            .map(|g| PlannedGroup {
                members: g.members.iter().map(|&i| people[i].user_id).collect(),
                facilitator: g.facilitator.map(|i| people[i].user_id),
            })
            .collect()
    };
    Ok((plan.rounds.iter().map(to_ids).collect(), plan.report))
}

/// The report of a set as it stands now (after moves by hand), against earlier rounds.
pub fn report(
    people: &[Person],
    past: &[Vec<i64>],
    settings: &Settings,
    rounds: &[Vec<PlannedGroup>],
) -> Result<Report, PlanError> {
    let index: HashMap<i64, usize> = people.iter().enumerate().map(|(i, p)| (p.user_id, i)).collect();
    let rounds: Vec<Round> = rounds
        .iter()
        .map(|groups| Round {
            groups: groups
                .iter()
                .map(|g| homeroom_groups::Group {
                    members: g.members.iter().filter_map(|u| index.get(u).copied()).collect(),
                    facilitator: g.facilitator.and_then(|u| index.get(&u).copied()),
                    prompt: None,
                })
                .filter(|g| !g.members.is_empty())
                .collect(),
        })
        .collect();
    homeroom_groups::evaluate(&class(people, past), &request(settings, (1, 1), Duration::ZERO), &rounds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn people(n: usize) -> Vec<Person> {
        (0..n)
            .map(|i| Person {
                user_id: 100 + i as i64,
                name: format!("P{i:02}"),
                utc_offset_minutes: [0, 60, 540, -300][i % 4],
                organisation: ["Acme", "Globex", "Initech"][i % 3].into(),
                circumstances: if i % 2 == 0 { vec!["parent".into()] } else { vec![] },
                birthday: parse_birthday(&format!("{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
                facilitated: 0,
            })
            .collect()
    }

    fn settings(kind: Kind, size: usize, rounds: usize) -> Settings {
        Settings {
            kind,
            size,
            rounds,
            mix_organisations: true,
            similar_circumstances: false,
            overlap_hours: None,
            facilitator: Facilitator::Rotation,
            prompts: vec!["What brought you here?".into()],
            seed: 7,
        }
    }

    #[test]
    fn the_form_is_checked_in_plain_words() {
        let form = SettingsForm {
            kind: "breakout",
            size: "40",
            rounds: "0",
            mix_organisations: true,
            similar_circumstances: false,
            overlap_hours: "30",
            facilitator: "by-height",
            prompts: "",
        };
        let e = form.check(36, 1).unwrap_err();
        assert_eq!(e.size, Some("groups-err-size-class"));
        assert_eq!(e.rounds, Some("groups-err-rounds"));
        assert_eq!(e.overlap_hours, Some("groups-err-overlap"));
        assert_eq!(e.facilitator, Some("groups-err-facilitator"));
        let ok = SettingsForm {
            size: "4",
            rounds: "3",
            overlap_hours: "2",
            facilitator: "rotation",
            prompts: "a\n\n b \n",
            ..form
        };
        let s = ok.check(36, 1).unwrap();
        assert_eq!((s.size, s.rounds, s.overlap_hours), (4, 3, Some(2)));
        assert_eq!(s.prompts, vec!["a", "b"]);
        let partners = SettingsForm { kind: "partners", size: "", ..ok };
        assert_eq!(partners.check(36, 1).unwrap().size, 2);
        assert_eq!(SettingsForm { kind: "project", rounds: "", ..ok }.check(36, 1).unwrap().rounds, 1);
        assert_eq!(ok.check(1, 1).unwrap_err().size, Some("groups-err-too-few"));
    }

    #[test]
    fn birthdays_and_tags() {
        assert_eq!(parse_birthday("02-29"), Some((2, 29)));
        assert_eq!(parse_birthday("02-30"), None);
        assert_eq!(parse_birthday("13-01"), None);
        assert_eq!(parse_birthday("x"), None);
        assert_eq!(tags(" Parent; working full time;parent;; "), vec!["parent", "working full time"]);
    }

    #[test]
    fn breakout_rounds_meet_new_people_and_avoid_the_past() {
        let ps = people(16);
        let past = vec![vec![100, 101, 102, 103]];
        let (rounds, report) =
            plan(&ps, &past, &settings(Kind::Breakout, 4, 3), (1, 1), Duration::from_millis(300)).unwrap();
        assert_eq!(rounds.len(), 3);
        assert_eq!(report.repeats_within_plan + report.repeats_with_history, 0, "{report:?}");
        for round in &rounds {
            assert!(round.iter().all(|g| g.members.len() == 4 && g.facilitator.is_some()));
        }
        // Everyone facilitated at most once over three rounds of four groups.
        let mut facilitators: Vec<i64> = rounds.iter().flatten().filter_map(|g| g.facilitator).collect();
        facilitators.sort();
        let n = facilitators.len();
        facilitators.dedup();
        assert_eq!(facilitators.len(), n);
    }

    #[test]
    fn partners_are_pairs_with_one_triple_when_odd() {
        let ps = people(9);
        let (rounds, _) = plan(&ps, &[], &settings(Kind::Partners, 2, 2), (1, 1), Duration::from_millis(200)).unwrap();
        for round in &rounds {
            let mut sizes: Vec<usize> = round.iter().map(|g| g.members.len()).collect();
            sizes.sort();
            assert_eq!(sizes, vec![2, 2, 2, 3]);
        }
        // The second round pairs people who were not partners in the first.
        let first: Vec<&PlannedGroup> = rounds[0].iter().collect();
        for g in &rounds[1] {
            if g.members.len() == 2 {
                assert!(!first.iter().any(|f| g.members.iter().all(|m| f.members.contains(m))));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        // Every student is in exactly one group per round, whatever the class size.
        #[test]
        fn everyone_is_placed_once(n in 2usize..40, size in 2usize..6, rounds in 1usize..4) {
            let ps = people(n);
            let size = size.min(n);
            let (plan, report) = plan(&ps, &[], &settings(Kind::Breakout, size, rounds), (1, 1), Duration::from_millis(20)).unwrap();
            for round in &plan {
                let mut all: Vec<i64> = round.iter().flat_map(|g| g.members.clone()).collect();
                all.sort();
                prop_assert_eq!(all, ps.iter().map(|p| p.user_id).collect::<Vec<_>>());
                prop_assert!(round.iter().all(|g| g.members.len() >= 2));
            }
            let again = self::report(&ps, &[], &settings(Kind::Breakout, size, rounds), &plan).unwrap();
            prop_assert_eq!(again.repeats_within_plan, report.repeats_within_plan);
        }
    }
}
