//! Turns a class and a request into the flat tables the search works on (pair costs,
//! availability masks, keep-together units) and rejects requests whose hard constraints
//! cannot be kept, saying which members or option are at fault.

use std::collections::BTreeMap;

use crate::model::{Class, PlanError, Preference, Request};
use crate::sizes::group_sizes;

pub(crate) struct Problem {
    pub n: usize,
    pub rounds: usize,
    /// Group sizes of every round, largest first.
    pub sizes: Vec<usize>,
    /// n*n encounter counts before this plan.
    pub hist: Vec<u16>,
    /// n*n cost of putting a pair together because of attribute preferences.
    pub pref: Option<Vec<i32>>,
    pub w_rep: i64,
    pub w_vio: i64,
    pub masks: Vec<u32>,
    pub min_overlap: u32,
    /// Per member, the flagged "no lone" value ids it carries (ids shared by all rules).
    pub lone: Vec<Vec<u32>>,
    pub has_lone: bool,
    /// Keep-together units; most are single members.
    pub units: Vec<Vec<usize>>,
    pub unit_of: Vec<usize>,
    pub apart: Vec<Vec<usize>>,
}

impl Problem {
    #[inline]
    pub fn pref(&self, a: usize, b: usize) -> i64 {
        match &self.pref {
            Some(p) => p[a * self.n + b] as i64,
            None => 0,
        }
    }

    /// Cost (in repeat weights) of one more meeting of a pair who met `t` times: t, so
    /// a pair's k-th meeting costs k-1 and repeats get spread over many pairs.
    #[inline]
    pub fn marg(&self, t: i64) -> i64 {
        t
    }

    pub fn has_extra(&self) -> bool {
        self.min_overlap > 0 || self.has_lone
    }

    /// Group-level penalty: missing overlap hours and lone members.
    pub fn extra_cost(&self, members: &[usize], scratch: &mut Vec<(u32, u32)>) -> i64 {
        let mut cost = 0;
        if self.min_overlap > 0 {
            let common = members.iter().fold(u32::MAX, |acc, &m| acc & self.masks[m]).count_ones().min(24);
            cost += self.w_vio * self.min_overlap.saturating_sub(common) as i64;
        }
        if self.has_lone {
            cost += self.w_vio * lone_count(self, members, scratch) as i64;
        }
        cost
    }
}

/// Members who are the only one in their group with some flagged value.
pub(crate) fn lone_count(p: &Problem, members: &[usize], scratch: &mut Vec<(u32, u32)>) -> usize {
    scratch.clear();
    for &m in members {
        for &v in &p.lone[m] {
            match scratch.iter_mut().find(|(id, _)| *id == v) {
                Some((_, c)) => *c += 1,
                None => scratch.push((v, 1)),
            }
        }
    }
    scratch.iter().filter(|(_, c)| *c == 1).count()
}

pub(crate) fn describe(class: &Class, m: usize) -> String {
    let member = &class.members[m];
    if member.name.is_empty() || member.name == member.id {
        member.id.clone()
    } else {
        format!("{} <{}>", member.name, member.id)
    }
}

pub(crate) fn compile(class: &Class, request: &Request) -> Result<Problem, PlanError> {
    let n = class.members.len();
    if request.rounds == 0 {
        return Err(PlanError::Invalid("the number of rounds must be at least 1".into()));
    }
    let sizes = group_sizes(n, request.size)?;
    let max_size = sizes[0];

    let mut seen = BTreeMap::new();
    for (i, m) in class.members.iter().enumerate() {
        if let Some(j) = seen.insert(m.id.as_str(), i) {
            return Err(PlanError::Invalid(format!("members {} and {} share the id {}", j + 1, i + 1, m.id)));
        }
    }
    let check = |what: &str, a: usize, b: usize| -> Result<(), PlanError> {
        if a >= n || b >= n {
            return Err(PlanError::Invalid(format!("{what} names member {} but the class has {n}", a.max(b))));
        }
        if a == b {
            return Err(PlanError::Invalid(format!("{what} pairs {} with themselves", describe(class, a))));
        }
        Ok(())
    };

    // Keep-together chains become units via union-find.
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while parent[r] != r {
            r = parent[r];
        }
        let mut y = x;
        while parent[y] != r {
            let next = parent[y];
            parent[y] = r;
            y = next;
        }
        r
    }
    for &(a, b) in &request.constraints.keep_together {
        check("keep-together", a, b)?;
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for m in 0..n {
        let r = find(&mut parent, m);
        by_root.entry(r).or_default().push(m);
    }
    let units: Vec<Vec<usize>> = by_root.into_values().collect();
    let mut unit_of = vec![0; n];
    for (u, members) in units.iter().enumerate() {
        for &m in members {
            unit_of[m] = u;
        }
        if members.len() > max_size {
            let names: Vec<String> = members.iter().map(|&m| describe(class, m)).collect();
            return Err(PlanError::Unsatisfiable(format!(
                "keep-together links {} members ({}) but the largest group holds {max_size}",
                members.len(),
                names.join(", ")
            )));
        }
    }

    let mut apart = vec![Vec::new(); n];
    for &(a, b) in &request.constraints.keep_apart {
        check("keep-apart", a, b)?;
        if unit_of[a] == unit_of[b] {
            return Err(PlanError::Unsatisfiable(format!(
                "{} and {} must be kept apart, but keep-together links them",
                describe(class, a),
                describe(class, b)
            )));
        }
        if sizes.len() == 1 {
            return Err(PlanError::Unsatisfiable(format!(
                "{} and {} must be kept apart, but the whole class is one group",
                describe(class, a),
                describe(class, b)
            )));
        }
        apart[a].push(b);
        apart[b].push(a);
    }

    let mut hist = vec![0u16; n * n];
    for ((a, b), c) in class.history.pairs() {
        if a >= n || b >= n {
            return Err(PlanError::Invalid(format!("the history names member {} but the class has {n}", a.max(b))));
        }
        let c = c.min(u16::MAX as u32 / 2) as u16;
        hist[a * n + b] = c;
        hist[b * n + a] = c;
    }

    let pref = if request.objectives.attributes.is_empty() {
        None
    } else {
        let mut pref = vec![0i32; n * n];
        for obj in &request.objectives.attributes {
            let mut ids: BTreeMap<&str, u32> = BTreeMap::new();
            let sets: Vec<Vec<u32>> = class
                .members
                .iter()
                .map(|m| {
                    let mut v: Vec<u32> = m
                        .values(&obj.attribute)
                        .iter()
                        .map(|s| {
                            let next = ids.len() as u32;
                            *ids.entry(s.as_str()).or_insert(next)
                        })
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                })
                .collect();
            for a in 0..n {
                for b in a + 1..n {
                    if sets[a].is_empty() || sets[b].is_empty() {
                        continue;
                    }
                    let share = sets[a].iter().any(|x| sets[b].binary_search(x).is_ok());
                    let bad = match obj.preference {
                        Preference::Similar => !share,
                        Preference::Mixed => share,
                    };
                    if bad {
                        pref[a * n + b] += obj.weight as i32;
                        pref[b * n + a] += obj.weight as i32;
                    }
                }
            }
        }
        Some(pref)
    };

    let mut value_ids: BTreeMap<(usize, &str), u32> = BTreeMap::new();
    let mut lone = vec![Vec::new(); n];
    for (rule_no, rule) in request.constraints.no_lone.iter().enumerate() {
        for (m, member) in class.members.iter().enumerate() {
            for v in member.values(&rule.attribute) {
                if rule.value.as_deref().is_some_and(|want| want != v) {
                    continue;
                }
                let next = value_ids.len() as u32;
                let id = *value_ids.entry((rule_no, v.as_str())).or_insert(next);
                if !lone[m].contains(&id) {
                    lone[m].push(id);
                }
            }
        }
    }
    let has_lone = lone.iter().any(|v| !v.is_empty());

    let masks = class.members.iter().map(|m| m.availability.map_or(crate::model::HourSet::ALL.0, |h| h.0)).collect();

    Ok(Problem {
        n,
        rounds: request.rounds,
        sizes,
        hist,
        pref,
        w_rep: request.objectives.repeat_weight as i64,
        w_vio: request.constraints.violation_weight.max(1) as i64,
        masks,
        min_overlap: request.constraints.min_overlap_hours.unwrap_or(0).min(24),
        lone,
        has_lone,
        units,
        unit_of,
        apart,
    })
}
