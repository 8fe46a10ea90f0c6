//! The rate limits' rules, apart from the counting: which actions are limited, how many
//! times each may be done per person and per network address in a window, the operator's
//! overrides (`--rate-limit post=20,200/600`), and the fixed-window arithmetic. Pure.

use std::fmt;

/// Something a person can repeat that costs others attention or the server work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Act {
    /// A new thread or a reply in the course's spaces.
    Post,
    /// A direct message (a new conversation or a reply).
    Message,
    /// An invitation by email.
    Invite,
    /// A roster import (which may invite many people at once).
    Roster,
    /// A "forgot password" email; the person is the address typed in.
    PasswordReset,
    /// Any request carrying files (every upload route).
    Upload,
    /// A forum search.
    Search,
    /// A shout-out.
    ShoutOut,
    /// An LTI sign-in started by a platform (each writes a state to check later).
    LtiLogin,
    /// A single sign-on started or finished (each start writes a state to check later).
    SsoSignIn,
    /// Booking, moving or cancelling a check-in (each may email an invitation).
    Booking,
    /// Planning a meet-up, answering one (a yes emails an invitation), writing how it went.
    Meetup,
}

impl Act {
    pub const ALL: [Act; 12] = [
        Act::Post,
        Act::Message,
        Act::Invite,
        Act::Roster,
        Act::PasswordReset,
        Act::Upload,
        Act::Search,
        Act::ShoutOut,
        Act::LtiLogin,
        Act::SsoSignIn,
        Act::Booking,
        Act::Meetup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Act::Post => "post",
            Act::Message => "message",
            Act::Invite => "invite",
            Act::Roster => "roster",
            Act::PasswordReset => "reset",
            Act::Upload => "upload",
            Act::Search => "search",
            Act::ShoutOut => "shout-out",
            Act::LtiLogin => "lti-login",
            Act::SsoSignIn => "sso",
            Act::Booking => "booking",
            Act::Meetup => "meetup",
        }
    }

    pub fn parse(s: &str) -> Option<Act> {
        Act::ALL.into_iter().find(|a| a.as_str() == s)
    }

    fn index(self) -> usize {
        Act::ALL.iter().position(|a| *a == self).unwrap_or(0)
    }

    /// The defaults: generous for a person doing the thing by hand, tight for a script.
    /// An address is shared by everyone behind one school or office network, so its limit
    /// is about ten people's worth.
    pub fn default_limit(self) -> Limit {
        let (per_person, per_address, window_secs) = match self {
            Act::Post => (40, 400, 600),
            Act::Message => (60, 600, 600),
            Act::Invite => (100, 300, 3600),
            Act::Roster => (20, 60, 3600),
            Act::PasswordReset => (5, 30, 3600),
            Act::Upload => (60, 600, 600),
            Act::Search => (60, 600, 60),
            Act::ShoutOut => (30, 300, 600),
            // Counted per address only: the person is not signed in yet.
            Act::LtiLogin => (0, 300, 600),
            // Per address only, like LTI: nobody is signed in yet.
            Act::SsoSignIn => (0, 300, 600),
            // Every change emails both people an invitation.
            Act::Booking => (30, 300, 600),
            Act::Meetup => (60, 600, 600),
        };
        Limit { per_person, per_address, window_secs }
    }
}

impl fmt::Display for Act {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How often an action may be done in one window; 0 means "no limit".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub per_person: u32,
    pub per_address: u32,
    pub window_secs: u32,
}

impl Limit {
    pub fn is_off(&self) -> bool {
        self.per_person == 0 && self.per_address == 0
    }
}

/// Every action's limit: the defaults with the operator's overrides applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimits {
    limits: [Limit; Act::ALL.len()],
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits { limits: Act::ALL.map(Act::default_limit) }
    }
}

impl RateLimits {
    /// The defaults changed by specs like `post=20,200/600` (20 per person and 200 per
    /// address every 600 seconds) or `search=off`.
    pub fn with_overrides(specs: &[String]) -> Result<RateLimits, String> {
        let mut limits = RateLimits::default();
        for spec in specs.iter().flat_map(|s| s.split(';')).map(str::trim).filter(|s| !s.is_empty()) {
            let (act, limit) = parse_spec(spec)?;
            limits.limits[act.index()] = limit;
        }
        Ok(limits)
    }

    pub fn get(&self, act: Act) -> Limit {
        self.limits[act.index()]
    }
}

/// One override: `ACTION=PERSON,ADDRESS/SECONDS` or `ACTION=off`.
pub fn parse_spec(spec: &str) -> Result<(Act, Limit), String> {
    let bad = || {
        format!(
            "--rate-limit {spec:?}: expected ACTION=PERSON,ADDRESS/SECONDS (e.g. post=40,400/600) or ACTION=off, \
             where ACTION is one of {}",
            Act::ALL.map(Act::as_str).join(", ")
        )
    };
    let (name, rule) = spec.split_once('=').ok_or_else(bad)?;
    let act = Act::parse(name.trim()).ok_or_else(bad)?;
    let rule = rule.trim();
    if rule == "off" {
        return Ok((act, Limit { per_person: 0, per_address: 0, window_secs: 60 }));
    }
    let (counts, window) = rule.split_once('/').ok_or_else(bad)?;
    let (person, address) = counts.split_once(',').ok_or_else(bad)?;
    let num = |s: &str| s.trim().parse::<u32>().map_err(|_| bad());
    let limit = Limit { per_person: num(person)?, per_address: num(address)?, window_secs: num(window)? };
    if limit.window_secs == 0 || limit.window_secs > 7 * 24 * 3600 {
        return Err(bad());
    }
    Ok((act, limit))
}

/// The start of the fixed window holding `now_ms`.
pub fn window_start(now_ms: i64, window_secs: u32) -> i64 {
    let w = i64::from(window_secs.max(1)) * 1000;
    now_ms - now_ms.rem_euclid(w)
}

/// Whole seconds until the window starting at `start` has passed (at least one).
pub fn retry_after_secs(now_ms: i64, start: i64, window_secs: u32) -> u64 {
    let end = start + i64::from(window_secs.max(1)) * 1000;
    let ms = u64::try_from(end - now_ms).unwrap_or(0);
    ms.div_ceil(1000).max(1)
}

/// Whether the `hits`-th attempt (this one included) goes over `allowed` (0: no limit).
pub fn over(hits: i64, allowed: u32) -> bool {
    allowed > 0 && hits > i64::from(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn defaults_and_overrides() {
        let d = RateLimits::default();
        assert_eq!(d.get(Act::Post), Limit { per_person: 40, per_address: 400, window_secs: 600 });
        let l = RateLimits::with_overrides(&["post=3,10/60".into(), "search=off; reset = 1,2/3600".into()]).unwrap();
        assert_eq!(l.get(Act::Post), Limit { per_person: 3, per_address: 10, window_secs: 60 });
        assert!(l.get(Act::Search).is_off());
        assert_eq!(l.get(Act::PasswordReset), Limit { per_person: 1, per_address: 2, window_secs: 3600 });
        assert_eq!(l.get(Act::Upload), Act::Upload.default_limit());
    }

    #[test]
    fn bad_specs_name_the_format() {
        for spec in ["post", "post=1/60", "post=1,2", "poster=1,2/3", "post=a,b/c", "post=1,2/0"] {
            let e = parse_spec(spec).unwrap_err();
            assert!(e.contains("ACTION=PERSON,ADDRESS/SECONDS"), "{spec}: {e}");
        }
    }

    #[test]
    fn the_n_plus_first_is_over() {
        assert!(!over(3, 3));
        assert!(over(4, 3));
        assert!(!over(1_000_000, 0));
    }

    #[test]
    fn windows_and_retry() {
        assert_eq!(window_start(125_500, 60), 120_000);
        assert_eq!(retry_after_secs(125_500, 120_000, 60), 55);
        assert_eq!(retry_after_secs(179_999, 120_000, 60), 1);
    }

    proptest! {
        #[test]
        fn now_is_inside_its_window(now in 0i64..4_000_000_000_000, w in 1u32..100_000) {
            let s = window_start(now, w);
            prop_assert!(s <= now && now < s + i64::from(w) * 1000);
            let r = retry_after_secs(now, s, w);
            prop_assert!(r >= 1 && r <= u64::from(w));
        }

        #[test]
        fn every_action_round_trips(i in 0usize..8) {
            let a = Act::ALL[i];
            prop_assert_eq!(Act::parse(a.as_str()), Some(a));
        }
    }
}
