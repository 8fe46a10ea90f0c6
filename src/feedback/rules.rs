//! The rules of feedback, without I/O: what feedback may be on, what a complete piece of
//! feedback needs before it is released, the due date of an assignment, and the
//! turnaround figures of the teaching team.

use jiff::civil::Date;

pub const MAX_BODY: usize = 10_000;
pub const MAX_TITLE: usize = 200;
pub const MAX_REPLY: usize = 4_000;

/// What feedback can be on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Post,
    Introduction,
    File,
    Assignment,
}

impl Target {
    pub const ALL: [Target; 4] = [Target::Post, Target::Introduction, Target::File, Target::Assignment];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Post => "post",
            Target::Introduction => "introduction",
            Target::File => "file",
            Target::Assignment => "assignment",
        }
    }

    pub fn parse(s: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// `post:12`, as links and forms name the thing feedback is on.
pub fn parse_on(raw: &str) -> Option<(Target, i64)> {
    let (t, id) = raw.trim().split_once(':')?;
    let id: i64 = id.parse().ok()?;
    (id > 0).then_some(())?;
    Some((Target::parse(t)?, id))
}

/// How the feedback is given, from the file that came with it (if any).
/// How a page plays the recording of feedback of this kind: an audio or video player,
/// else a download link.
pub fn player_of(kind: &str) -> &'static str {
    match kind {
        "voice" => "audio",
        "video" => "video",
        _ => "file",
    }
}

pub fn kind_of(media_kind: Option<&str>) -> &'static str {
    match media_kind {
        None => "text",
        Some("audio") => "voice",
        Some("video") => "video",
        Some(_) => "file",
    }
}

/// Whether feedback of this kind with this text may be released: a recording needs its
/// transcript or summary (for the student who cannot listen), anything else some words
/// or a file.
pub fn releasable(kind: &str, body: &str) -> bool {
    match kind {
        "voice" | "video" | "text" => !body.trim().is_empty(),
        _ => true,
    }
}

/// The error (a Fluent id) of the written part of a new piece of feedback, if any.
pub fn check_body(kind: &str, body: &str, releasing: bool) -> Option<&'static str> {
    if body.chars().count() > MAX_BODY {
        return Some("feedback-err-long");
    }
    if kind == "text" && body.trim().is_empty() {
        return Some("feedback-err-empty");
    }
    if releasing && !releasable(kind, body) {
        return Some("feedback-err-transcript");
    }
    None
}

/// The assignment form's title, or its error.
pub fn check_title(raw: &str) -> Result<String, &'static str> {
    let t = raw.trim();
    if t.is_empty() {
        Err("feedback-err-title")
    } else if t.chars().count() > MAX_TITLE {
        Err("feedback-err-title-long")
    } else {
        Ok(t.to_string())
    }
}

/// A due date (`YYYY-MM-DD`) as the end of that day in the zone: an assignment due on
/// the 9th may be handed in until midnight.
pub fn due_at(raw: &str, zone: &str) -> Option<i64> {
    let d: Date = raw.trim().parse().ok()?;
    let end = d.at(23, 59, 59, 0);
    end.to_zoned(crate::time::zone(zone)).ok().map(|z| z.timestamp().as_millisecond())
}

/// The reply to a piece of feedback, trimmed, or its error.
pub fn check_reply(raw: &str) -> Result<String, &'static str> {
    let t = raw.trim().replace("\r\n", "\n");
    if t.is_empty() {
        Err("feedback-err-reply-empty")
    } else if t.chars().count() > MAX_REPLY {
        Err("feedback-err-reply-long")
    } else {
        Ok(t)
    }
}

/// How long feedback took: from the hand-in (or due date) to its release, never below
/// zero (feedback on an assignment given before it was due took no time at all).
pub fn turnaround(since_at: i64, released_at: i64) -> i64 {
    released_at.saturating_sub(since_at).max(0)
}

/// The median of durations (the mean of the middle two for an even count).
pub fn median(mut xs: Vec<i64>) -> Option<i64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_unstable();
    let n = xs.len();
    Some(if n % 2 == 1 {
        xs[n / 2]
    } else {
        xs[n / 2 - 1] / 2 + xs[n / 2] / 2 + (xs[n / 2 - 1] % 2 + xs[n / 2] % 2) / 2
    })
}

/// Per giver, the median turnaround and how many pieces of feedback it is over, in the
/// order of the givers' first appearance.
pub fn by_giver(rows: &[(i64, i64)]) -> Vec<(i64, i64, usize)> {
    let mut order: Vec<i64> = vec![];
    let mut by: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    for &(giver, took) in rows {
        if !by.contains_key(&giver) {
            order.push(giver);
        }
        by.entry(giver).or_default().push(took);
    }
    order
        .into_iter()
        .map(|g| {
            let xs = by.remove(&g).unwrap_or_default();
            let n = xs.len();
            (g, median(xs).unwrap_or(0), n)
        })
        .collect()
}

/// A duration for people: "3 h", "2 d 4 h", "25 min".
pub fn span(ms: i64) -> String {
    let mins = ms / 60_000;
    let (d, h, m) = (mins / 1440, (mins % 1440) / 60, mins % 60);
    if d > 0 {
        if h > 0 { format!("{d} d {h} h") } else { format!("{d} d") }
    } else if h > 0 {
        format!("{h} h")
    } else {
        format!("{m} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn what_feedback_is_on() {
        assert_eq!(parse_on("post:12"), Some((Target::Post, 12)));
        assert_eq!(parse_on("assignment:3"), Some((Target::Assignment, 3)));
        assert_eq!(parse_on("post:0"), None);
        assert_eq!(parse_on("thread:3"), None);
        assert_eq!(parse_on("post:x"), None);
        assert_eq!(parse_on(""), None);
    }

    #[test]
    fn a_recording_needs_its_transcript_before_release() {
        assert_eq!(kind_of(Some("audio")), "voice");
        assert_eq!(kind_of(Some("file")), "file");
        assert_eq!(check_body("voice", "", false), None, "a draft may wait for its transcript");
        assert_eq!(check_body("voice", " ", true), Some("feedback-err-transcript"));
        assert_eq!(check_body("video", "Well argued.", true), None);
        assert_eq!(check_body("text", "", false), Some("feedback-err-empty"));
        assert_eq!(check_body("file", "", true), None);
        assert!(!releasable("voice", ""));
        assert!(releasable("file", ""));
    }

    #[test]
    fn due_dates_end_the_day_in_the_zone() {
        let oslo = due_at("2026-12-09", "Europe/Oslo").unwrap();
        let utc = due_at("2026-12-09", "UTC").unwrap();
        assert_eq!(utc - oslo, 3_600_000);
        assert!(due_at("9 Dec", "UTC").is_none());
        assert_eq!(check_title("  Essay 1 "), Ok("Essay 1".into()));
        assert!(check_title(" ").is_err());
    }

    #[test]
    fn turnaround_by_giver() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5, 1, 3]), Some(3));
        assert_eq!(median(vec![4, 1, 3, 10]), Some(3));
        assert_eq!(turnaround(100, 50), 0);
        let rows = [(7, 10), (8, 100), (7, 30), (7, 20)];
        assert_eq!(by_giver(&rows), vec![(7, 20, 3), (8, 100, 1)]);
        assert_eq!(span(3 * 3_600_000), "3 h");
        assert_eq!(span(26 * 3_600_000), "1 d 2 h");
        assert_eq!(span(25 * 60_000), "25 min");
    }

    proptest! {
        #[test]
        fn the_median_lies_between_the_extremes(xs in proptest::collection::vec(0i64..1_000_000_000_000, 1..60)) {
            let m = median(xs.clone()).unwrap();
            prop_assert!(m >= *xs.iter().min().unwrap() && m <= *xs.iter().max().unwrap());
            let below = xs.iter().filter(|x| **x < m).count();
            let above = xs.iter().filter(|x| **x > m).count();
            prop_assert!(below <= xs.len() / 2 && above <= xs.len() / 2);
        }

        #[test]
        fn per_giver_counts_add_up(rows in proptest::collection::vec((1i64..5, 0i64..1_000_000), 0..80)) {
            let g = by_giver(&rows);
            prop_assert_eq!(g.iter().map(|x| x.2).sum::<usize>(), rows.len());
            for (giver, med, _) in g {
                let mine: Vec<i64> = rows.iter().filter(|r| r.0 == giver).map(|r| r.1).collect();
                prop_assert_eq!(Some(med), median(mine));
            }
        }

        #[test]
        fn turnaround_is_never_negative(a in any::<i64>(), b in any::<i64>()) {
            prop_assert!(turnaround(a, b) >= 0);
        }
    }
}
