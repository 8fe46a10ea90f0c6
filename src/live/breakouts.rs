//! Breakouts, the pure part (no I/O): the timer and its extensions, the rooms' video
//! names or links as the tutor types them, why a facilitator was picked, and what each
//! screen is sent about the rooms: everyone the timer and the tutor's message, each
//! participant their own room, staff every room and who called for the tutor.

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};

/// A breakout lasts 1 to 180 minutes; extending adds 1 to 60 at a time, and never beyond
/// three hours from now (a runaway timer helps nobody).
pub const MAX_MINUTES: i64 = 180;
pub const MAX_EXTEND: i64 = 60;
pub const MAX_MESSAGE: usize = 500;
pub const MAX_VIDEO: usize = 200;
pub const MAX_ROOMS: usize = 500;
const MINUTE: i64 = 60_000;

/// A room as every screen needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Room {
    pub id: i64,
    pub number: i32,
    pub facilitator_id: Option<i64>,
    pub video: String,
    /// (user id, name), by name.
    pub members: Vec<(i64, String)>,
}

/// An open "call the tutor" request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub user_id: i64,
    pub name: String,
    pub at: i64,
}

/// When the rooms close once opened now for `minutes`.
pub fn ends_at(now: i64, minutes: i32) -> i64 {
    now + (minutes as i64).clamp(1, MAX_MINUTES) * MINUTE
}

/// The new closing time after extending by `minutes`: from the old end (or now, if it
/// has passed), capped three hours from now.
pub fn extend(ends_at: Option<i64>, now: i64, minutes: i64) -> i64 {
    let from = ends_at.unwrap_or(now).max(now);
    (from + minutes.clamp(1, MAX_EXTEND) * MINUTE).min(now + MAX_MINUTES * MINUTE)
}

/// Minutes to extend by, as typed: a whole number from 1 to 60.
pub fn extend_minutes(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok().filter(|m| (1..=MAX_EXTEND).contains(m))
}

/// Rooms' video rooms, one a line (room 1 first; an empty line leaves that room without
/// one). A line that looks like a link must be an http(s) link, so no `javascript:`
/// reaches an `href`; anything else is a room's name.
pub fn videos(text: &str) -> Result<Vec<String>, &'static str> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    if lines.len() > MAX_ROOMS {
        return Err("live-err-videos-many");
    }
    lines
        .into_iter()
        .map(|l| {
            if l.chars().count() > MAX_VIDEO {
                Err("live-err-video-long")
            } else if l.contains("://") || l.to_ascii_lowercase().starts_with("javascript:") {
                super::rules::video_url(l).ok_or("live-err-video-link")
            } else {
                Ok(l.to_string())
            }
        })
        .collect()
}

/// The room for someone who arrives while the rooms are open (decision 0032): one of the
/// smallest rooms, so sizes stay as even as the plan made them; among those, the one
/// with the fewest people they have met before (the engine's first rule, kept where it
/// costs nothing); then the lowest number, so two screens agree. `rooms` are (room id,
/// number, members); `None` when there is no room at all.
pub fn latecomer_room(rooms: &[(i64, i32, Vec<i64>)], met: &HashSet<i64>) -> Option<i64> {
    let smallest = rooms.iter().map(|r| r.2.len()).min()?;
    rooms
        .iter()
        .filter(|r| r.2.len() == smallest)
        .min_by_key(|r| (r.2.iter().filter(|m| met.contains(m)).count(), r.1))
        .map(|r| r.0)
}

/// Whether a room's video is a link (drawn as one) or a name.
pub fn is_link(video: &str) -> bool {
    video.starts_with("https://") || video.starts_with("http://")
}

/// The Fluent id saying why the facilitator was picked, by the groups' rule.
pub fn why_id(rule: &str) -> &'static str {
    match rule {
        "birthday" => "live-why-birthday",
        "volunteers" => "live-why-volunteers",
        "rotation" => "live-why-rotation",
        _ => "live-why-none",
    }
}

fn room_json(r: &Room) -> Value {
    json!({
        "number": r.number,
        "video": r.video,
        "facilitator": r.facilitator_id.and_then(|f| r.members.iter().find(|m| m.0 == f)).map(|m| m.1.clone()),
        "members": r.members.iter().map(|m| json!({ "id": m.0, "name": m.1 })).collect::<Vec<_>>(),
    })
}

/// What everyone is sent: the timer, the message, how many rooms; staff also every room
/// and the open calls.
pub fn view(ends_at: Option<i64>, message: &str, rooms: &[Room], calls: &[Call], staff: bool) -> Value {
    let mut v = json!({ "ends_at": ends_at, "message": message, "rooms": rooms.len() });
    if staff {
        v["all"] = rooms.iter().map(room_json).collect();
        let room_of: HashMap<i64, i32> =
            rooms.iter().flat_map(|r| r.members.iter().map(move |m| (m.0, r.number))).collect();
        v["calls"] = calls
            .iter()
            .map(|c| json!({ "user_id": c.user_id, "name": c.name, "room": room_of.get(&c.user_id), "at": c.at }))
            .collect();
    }
    v
}

/// Each participant's own room as a JSON fragment, made once per event and spliced into
/// the shared text by the socket (so a thousand screens cost one serialisation each).
pub fn mine(rooms: &[Room], calls: &[Call], rule: &str) -> HashMap<i64, String> {
    let mut out = HashMap::new();
    for r in rooms {
        let mut v = room_json(r);
        v["why"] = json!(why_id(rule));
        for m in &r.members {
            v["called"] = json!(calls.iter().any(|c| c.user_id == m.0));
            out.insert(m.0, v.to_string());
        }
    }
    out
}

/// The shared event text with a participant's room added as `"mine"`. The text is a
/// JSON object we serialised ourselves, so its last byte is its closing brace.
pub fn with_mine(text: &str, mine: &str) -> String {
    let body = text.strip_suffix('}').unwrap_or(text);
    format!("{body},\"mine\":{mine}}}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rooms() -> Vec<Room> {
        vec![
            Room {
                id: 1,
                number: 1,
                facilitator_id: Some(2),
                video: String::new(),
                members: vec![(1, "Ada".into()), (2, "Bo".into())],
            },
            Room { id: 2, number: 2, facilitator_id: None, video: "Blue".into(), members: vec![(3, "Cy".into())] },
        ]
    }

    #[test]
    fn each_person_gets_their_own_room_and_why() {
        let calls = vec![Call { user_id: 3, name: "Cy".into(), at: 5 }];
        let m = mine(&rooms(), &calls, "birthday");
        assert_eq!(m.len(), 3);
        let ada: Value = serde_json::from_str(&m[&1]).unwrap();
        assert_eq!(ada["number"], 1);
        assert_eq!(ada["facilitator"], "Bo");
        assert_eq!(ada["why"], "live-why-birthday");
        assert_eq!(ada["called"], false);
        let cy: Value = serde_json::from_str(&m[&3]).unwrap();
        assert_eq!((cy["video"].as_str(), cy["called"].as_bool()), (Some("Blue"), Some(true)));
        let text = json!({ "type": "state", "seq": 3 }).to_string();
        let spliced: Value = serde_json::from_str(&with_mine(&text, &m[&1])).unwrap();
        assert_eq!(spliced["mine"]["members"][1]["name"], "Bo");
        assert_eq!(spliced["seq"], 3);
    }

    #[test]
    fn a_latecomer_joins_the_smallest_room_of_strangers() {
        let rooms = vec![(10, 1, vec![1, 2, 3]), (20, 2, vec![4, 5]), (30, 3, vec![6, 7])];
        // Both small rooms have two; room 3 has nobody they met.
        assert_eq!(latecomer_room(&rooms, &HashSet::from([4])), Some(30));
        // Nobody met: the lower number.
        assert_eq!(latecomer_room(&rooms, &HashSet::new()), Some(20));
        // Met someone everywhere: still a smallest room, never the big one.
        assert_eq!(latecomer_room(&rooms, &HashSet::from([4, 6, 7])), Some(20));
        assert_eq!(latecomer_room(&[], &HashSet::new()), None);
    }

    #[test]
    fn only_staff_see_every_room_and_the_calls() {
        let calls = vec![Call { user_id: 1, name: "Ada".into(), at: 5 }];
        let public = view(Some(10), "Wrap up", &rooms(), &calls, false);
        assert!(public.get("all").is_none() && public.get("calls").is_none());
        assert_eq!(public["rooms"], 2);
        let staff = view(Some(10), "Wrap up", &rooms(), &calls, true);
        assert_eq!(staff["calls"][0]["room"], 1);
        assert_eq!(staff["all"][1]["video"], "Blue");
    }

    #[test]
    fn videos_are_names_or_safe_links() {
        assert_eq!(videos("Blue\n\nhttps://meet.example.org/r2").unwrap(), ["Blue", "", "https://meet.example.org/r2"]);
        assert_eq!(videos("javascript:alert(1)"), Err("live-err-video-link"));
        assert_eq!(videos("ftp://x.example.org"), Err("live-err-video-link"));
        assert_eq!(videos(&"x".repeat(MAX_VIDEO + 1)), Err("live-err-video-long"));
        assert!(is_link("https://a.example.org") && !is_link("Blue"));
    }

    #[test]
    fn extending_counts_from_now_when_time_is_up() {
        assert_eq!(extend(Some(10 * MINUTE), 0, 5), 15 * MINUTE);
        assert_eq!(extend(Some(0), 100 * MINUTE, 5), 105 * MINUTE);
        assert_eq!(extend(None, 0, 5), 5 * MINUTE);
        assert_eq!(extend_minutes(" 5 "), Some(5));
        assert_eq!(extend_minutes("0"), None);
        assert_eq!(extend_minutes("61"), None);
    }

    proptest! {
        // Extending never shortens the time left, and never goes beyond three hours.
        #[test]
        fn extending_only_ever_adds(end in proptest::option::of(0i64..1_000_000_000), now in 0i64..1_000_000_000, m in -100i64..100) {
            let new = extend(end, now, m);
            prop_assert!(new <= now + MAX_MINUTES * MINUTE);
            prop_assert!(new > now);
            if let Some(e) = end {
                prop_assert!(new >= e.min(now + MAX_MINUTES * MINUTE));
            }
        }

        // A latecomer always lands in a room no bigger than any other, whoever they met.
        #[test]
        fn latecomers_keep_rooms_even(sizes in proptest::collection::vec(0usize..6, 1..20), met in proptest::collection::hash_set(0i64..100, 0..30)) {
            let mut next = 0i64;
            let rooms: Vec<(i64, i32, Vec<i64>)> = sizes.iter().enumerate().map(|(i, n)| {
                let m = (next..next + *n as i64).collect();
                next += *n as i64;
                (i as i64 + 100, i as i32 + 1, m)
            }).collect();
            let id = latecomer_room(&rooms, &met).unwrap();
            let chosen = rooms.iter().find(|r| r.0 == id).unwrap();
            prop_assert!(rooms.iter().all(|r| chosen.2.len() <= r.2.len()));
        }

        // Whatever the names, the spliced text is JSON with the room in it.
        #[test]
        fn the_splice_is_always_json(name in ".{0,20}", seq in 0u64..1000) {
            let r = vec![Room { id: 1, number: 1, facilitator_id: Some(1), video: name.clone(), members: vec![(1, name.clone())] }];
            let m = mine(&r, &[], "rotation");
            let text = json!({ "type": "state", "seq": seq, "step": { "prompt": name } }).to_string();
            let v: Value = serde_json::from_str(&with_mine(&text, &m[&1])).unwrap();
            prop_assert_eq!(v["mine"]["facilitator"].as_str(), Some(name.as_str()));
        }
    }
}
