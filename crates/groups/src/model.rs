//! The engine's vocabulary: members, history, the planning request and the plan it returns.
//! Everything here is plain data, so the web app can build it from the database and the
//! CLI from CSV files.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// A set of hours of the day in UTC, one bit per hour (bit 0 is 00:00-01:00 UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HourSet(pub u32);

impl HourSet {
    pub const ALL: HourSet = HourSet((1 << 24) - 1);
    pub const EMPTY: HourSet = HourSet(0);

    /// Hours `from..to` (UTC, wrapping past midnight when `from > to`).
    pub fn utc_range(from: u8, to: u8) -> HourSet {
        let mut bits = 0u32;
        let mut h = from % 24;
        let end = to % 24;
        if from % 24 == end {
            return if from == to { HourSet::EMPTY } else { HourSet::ALL };
        }
        while h != end {
            bits |= 1 << h;
            h = (h + 1) % 24;
        }
        HourSet(bits)
    }

    /// Local hours `from..to` for someone whose clock is `offset_minutes` ahead of UTC.
    /// Half-hour zones are rounded to the hour that holds most of the window.
    pub fn local_window(offset_minutes: i32, from: u8, to: u8) -> HourSet {
        let shift = (offset_minutes as f64 / 60.0).round() as i32;
        let f = (from as i32 - shift).rem_euclid(24) as u8;
        let t = (to as i32 - shift).rem_euclid(24) as u8;
        if from == to {
            return HourSet::EMPTY;
        }
        HourSet::utc_range(f, t)
    }

    pub fn union(self, other: HourSet) -> HourSet {
        HourSet(self.0 | other.0)
    }

    pub fn intersection(self, other: HourSet) -> HourSet {
        HourSet(self.0 & other.0)
    }

    pub fn hours(self) -> u32 {
        (self.0 & HourSet::ALL.0).count_ones()
    }
}

/// One person to place in groups.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Stable identifier, e.g. the email address; used in errors and exports.
    pub id: String,
    pub name: String,
    /// Named attributes (organisation, interests, circumstances, survey answers...). Each
    /// holds one or more values; single-valued answers are a one-element list.
    pub attributes: BTreeMap<String, Vec<String>>,
    /// When the member can meet, in UTC hours; `None` means "any time".
    pub availability: Option<HourSet>,
    /// (month, day).
    pub birthday: Option<(u8, u8)>,
    pub volunteer: bool,
    /// How many times they have facilitated a group before this plan.
    pub facilitated: u32,
}

impl Member {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Member {
        Member { id: id.into(), name: name.into(), ..Member::default() }
    }

    /// Builder helper: adds values to a named attribute.
    pub fn with(mut self, attribute: &str, values: &[&str]) -> Member {
        self.attributes.entry(attribute.to_string()).or_default().extend(values.iter().map(|v| v.to_string()));
        self
    }

    pub fn values(&self, attribute: &str) -> &[String] {
        self.attributes.get(attribute).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Who has already met whom: encounter counts per pair of member indices.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    encounters: BTreeMap<(usize, usize), u32>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    pub fn add_encounter(&mut self, a: usize, b: usize) {
        if a != b {
            *self.encounters.entry((a.min(b), a.max(b))).or_default() += 1;
        }
    }

    /// Records that all of `members` shared a group once.
    pub fn add_group(&mut self, members: &[usize]) {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                self.add_encounter(a, b);
            }
        }
    }

    /// Records every group of an earlier plan.
    pub fn add_plan(&mut self, plan: &Plan) {
        for round in &plan.rounds {
            for group in &round.groups {
                self.add_group(&group.members);
            }
        }
    }

    pub fn count(&self, a: usize, b: usize) -> u32 {
        self.encounters.get(&(a.min(b), a.max(b))).copied().unwrap_or(0)
    }

    /// `((a, b), count)` with `a < b`.
    pub fn pairs(&self) -> impl Iterator<Item = ((usize, usize), u32)> + '_ {
        self.encounters.iter().map(|(&p, &c)| (p, c))
    }

    pub fn is_empty(&self) -> bool {
        self.encounters.is_empty()
    }
}

/// The class to plan for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Class {
    pub members: Vec<Member>,
    pub history: History,
}

/// How big the groups are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupSize {
    /// Every group has exactly this many members; the class size must divide evenly.
    Exact(usize),
    /// Groups of about this size; see [`Remainder`] for what happens to the members left
    /// over. A group of one is never formed.
    Target(usize, Remainder),
}

/// Where the members who do not fill a whole group go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Remainder {
    /// Groups of k and k+1 (fewer, larger groups); falls back to k and k-1 when there
    /// are more leftover members than groups.
    #[default]
    Larger,
    /// Groups of k and k-1 (more, smaller groups); falls back to k and k+1 when that
    /// would need groups below k-1.
    Smaller,
}

/// Whether members in a group should share an attribute or differ on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preference {
    /// Pairs that share no value are penalised (parents find parents).
    Similar,
    /// Pairs that share a value are penalised (mix organisations).
    Mixed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeObjective {
    pub attribute: String,
    pub preference: Preference,
    /// Penalty per pair that goes against the preference. A repeat encounter costs
    /// [`Objectives::repeat_weight`], so 10 against the default 100 means "ten such
    /// pairs are worth one repeat".
    pub weight: u32,
}

/// Soft goals, each with a weight; the search minimises the weighted sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objectives {
    /// Cost of a pair meeting again; a pair's k-th meeting costs (k-1) times this, so
    /// the search spreads unavoidable repeats rather than piling them on one pair.
    pub repeat_weight: u32,
    pub attributes: Vec<AttributeObjective>,
}

impl Default for Objectives {
    fn default() -> Objectives {
        Objectives { repeat_weight: 100, attributes: Vec::new() }
    }
}

/// Rules the plan must keep. Keep-together and keep-apart are hard: a plan never breaks
/// them, and a request that cannot keep them is an error. Overlap and no-lone are
/// strong: broken only when the search cannot avoid it, and then listed in the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraints {
    /// Member index pairs that must share a group in every round.
    pub keep_together: Vec<(usize, usize)>,
    /// Member index pairs that must never share a group.
    pub keep_apart: Vec<(usize, usize)>,
    /// Each group must share at least this many hours of availability.
    pub min_overlap_hours: Option<u32>,
    pub no_lone: Vec<NoLone>,
    /// Penalty per missing overlap hour or lone member (default 1000: above any repeat).
    pub violation_weight: u32,
}

/// Never leave one member alone with a value of `attribute` (or only with `value`, when
/// given): a group has either none or at least two members with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoLone {
    pub attribute: String,
    pub value: Option<String>,
}

/// How each group's facilitator is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FacilitatorRule {
    #[default]
    None,
    /// The member whose birthday comes first from `today` (month, day); members without
    /// a birthday come after, by name.
    Birthday { today: (u8, u8) },
    /// Volunteers first, then whoever has facilitated least.
    Volunteers,
    /// Everyone facilitates once before anyone facilitates twice, counting earlier
    /// facilitation and the rounds planned before.
    Rotation,
}

/// What to plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub size: GroupSize,
    pub rounds: usize,
    pub objectives: Objectives,
    pub constraints: Constraints,
    pub facilitator: FacilitatorRule,
    /// One prompt per round, reused cyclically when there are fewer prompts than rounds.
    pub prompts: Vec<String>,
    pub seed: u64,
    /// The search returns its best plan after this long.
    pub time_limit: Duration,
}

impl Request {
    pub fn new(size: GroupSize, rounds: usize) -> Request {
        Request {
            size,
            rounds,
            objectives: Objectives::default(),
            constraints: Constraints { violation_weight: 1000, ..Constraints::default() },
            facilitator: FacilitatorRule::None,
            prompts: Vec::new(),
            seed: 0,
            time_limit: Duration::from_secs(1),
        }
    }
}

/// A planned group set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub rounds: Vec<Round>,
    pub report: Report,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Member indices into [`Class::members`], sorted.
    pub members: Vec<usize>,
    pub facilitator: Option<usize>,
    pub prompt: Option<String>,
}

/// How good a plan is, in terms a tutor can read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Encounters of pairs who already met earlier in this plan.
    pub repeats_within_plan: u32,
    /// Encounters in this plan of pairs who met before it (per the history).
    pub repeats_with_history: u32,
    /// How many rounds from the start are free of any repeat (plan or history).
    pub repeat_free_rounds: usize,
    pub violations: Vec<Violation>,
    /// Distinct pairs who have met, history and plan together.
    pub pairs_met: u64,
    pub pairs_possible: u64,
    pub sizes: SizeSpread,
    pub bound: RoundBound,
    /// The weighted objective the search minimised (0 is perfect).
    pub cost: i64,
    /// Part of `cost` from attribute preferences (similar / mixed).
    pub preference_cost: i64,
    pub elapsed_ms: u64,
    pub iterations: u64,
    /// True when the search stopped because the plan could not be improved.
    pub proven_best: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeSpread {
    pub min: usize,
    pub max: usize,
    /// Group size -> number of groups of that size in each round.
    pub counts: BTreeMap<usize, usize>,
}

/// How many rounds this class can have without anyone meeting twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundBound {
    /// floor((n-1)/(k-1)) with k the smallest group size: each round uses up k-1 of a
    /// member's n-1 classmates.
    pub counting: usize,
    /// The best bound we know for this shape (never above `counting`).
    pub known: usize,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// 0-based round and group.
    pub round: usize,
    pub group: usize,
    pub kind: ViolationKind,
    pub explanation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViolationKind {
    KeepTogether,
    KeepApart,
    Overlap,
    LoneMember,
}

/// Why a request cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("invalid request: {0}")]
    Invalid(String),
    #[error("the constraints cannot all be kept: {0}")]
    Unsatisfiable(String),
}
