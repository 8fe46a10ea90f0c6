//! "What's new" on the course home: one list made from what the course's other features
//! already show (announcements, threads, shout-outs, wins, milestones, this week's
//! routine). This part is pure: it turns their rows into feed items and merges them;
//! the course home fetches the rows side by side with fixed limits.

use std::collections::HashSet;

use crate::db::entity::{forum_thread, routine_entry};
use crate::i18n::Tr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Announcement,
    Thread,
    ShoutOut,
    Win,
    Milestone,
    Event,
}

impl Source {
    /// A small symbol before the line; decorative (the line says what it is).
    pub fn icon(self) -> &'static str {
        match self {
            Source::Announcement => "📣",
            Source::Thread => "💬",
            Source::ShoutOut => "👏",
            Source::Win => "🏆",
            Source::Milestone => "🎉",
            Source::Event => "📅",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Source::Announcement => "announcement",
            Source::Thread => "thread",
            Source::ShoutOut => "shout-out",
            Source::Win => "win",
            Source::Milestone => "milestone",
            Source::Event => "event",
        }
    }
}

/// A face in the feed: filled in from the course's people after merging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Face {
    pub name: String,
    pub initials: String,
    pub hue: i64,
    pub photo_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub source: Source,
    /// UTC millis: when it happened, or for an event when it will.
    pub at: i64,
    /// Whom it is about (the face shown), if anyone.
    pub person: Option<i64>,
    pub line: String,
    /// A quoted text under the line (a shout-out's words), if any.
    pub quote: Option<String>,
    pub link: String,
    pub face: Option<Face>,
    /// A milestone's congratulations, so they can be given from the feed.
    pub cheer: Option<Cheer>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cheer {
    pub milestone_id: i64,
    pub count: i64,
    pub given: bool,
    /// One's own milestone: counted, not congratulated.
    pub mine: bool,
}

impl Item {
    fn new(source: Source, at: i64, person: Option<i64>, line: String, link: String) -> Item {
        Item { source, at, person, line, quote: None, link, face: None, cheer: None }
    }

    pub fn upcoming(&self) -> bool {
        self.source == Source::Event
    }
}

/// How many of the week's coming events lead the feed.
pub const MAX_UPCOMING: usize = 3;

/// The feed: this week's coming events first (soonest first, at most [`MAX_UPCOMING`]),
/// then everything else newest first, `limit` in all. An item listed twice (a thread
/// that is also an announcement) appears once, as the first source given.
pub fn merge(groups: Vec<Vec<Item>>, now: i64, limit: usize) -> Vec<Item> {
    let mut seen = HashSet::new();
    let mut events = vec![];
    let mut news = vec![];
    for item in groups.into_iter().flatten() {
        if !seen.insert(item.link.clone()) {
            continue;
        }
        if item.source == Source::Event {
            if item.at >= now {
                events.push(item);
            }
        } else {
            news.push(item);
        }
    }
    events.sort_by_key(|i| (i.at, i.link.clone()));
    events.truncate(MAX_UPCOMING);
    // Newest first; at the same instant, the order of the sources above, then stable.
    news.sort_by_key(|i| std::cmp::Reverse(i.at));
    events.into_iter().chain(news).take(limit).collect()
}

pub fn announcements(
    tr: &Tr,
    course_id: i64,
    list: &[forum_thread::Model],
    name: impl Fn(Option<i64>) -> String,
) -> Vec<Item> {
    list.iter()
        .map(|t| {
            Item::new(
                Source::Announcement,
                t.created_at,
                t.author_id,
                tr.t2("feed-announcement", "name", name(t.author_id), "title", t.title.clone()),
                format!("/courses/{course_id}/threads/{}", t.id),
            )
        })
        .collect()
}

pub fn threads(
    tr: &Tr,
    course_id: i64,
    list: &[forum_thread::Model],
    name: impl Fn(Option<i64>) -> String,
) -> Vec<Item> {
    list.iter()
        .map(|t| {
            let line = if t.reply_count == 0 {
                tr.t2("feed-thread", "name", name(t.author_id), "title", t.title.clone())
            } else {
                tr.t1("feed-thread-replies", "title", t.title.clone())
            };
            Item::new(
                Source::Thread,
                t.last_post_at,
                if t.reply_count == 0 { t.author_id } else { None },
                line,
                format!("/courses/{course_id}/threads/{}", t.id),
            )
        })
        .collect()
}

pub fn shout_outs(tr: &Tr, course_id: i64, list: &[crate::recognition::ShoutOutView]) -> Vec<Item> {
    list.iter()
        .map(|s| {
            let mut i = Item::new(
                Source::ShoutOut,
                s.at,
                Some(s.to_id),
                tr.t2("feed-shout-out", "from", s.from.clone(), "to", s.to.clone()),
                format!("/courses/{course_id}/shout-outs#shout-out-{}", s.id),
            );
            i.quote = Some(s.body.clone());
            i
        })
        .collect()
}

/// Featured wins of the week: dated to the Monday of their week in the course's zone.
pub fn wins(tr: &Tr, course_id: i64, list: &[crate::recognition::WinView], zone: &str) -> Vec<Item> {
    let tz = crate::time::zone(zone);
    list.iter()
        .filter_map(|w| {
            let monday = crate::recognition::week::Week::parse(&w.week)?.monday();
            let at = monday.to_zoned(tz.clone()).ok()?.timestamp().as_millisecond();
            let mut i = Item::new(
                Source::Win,
                at,
                Some(w.nominee_id),
                tr.t1("feed-win", "name", w.nominee.clone()),
                format!("/courses/{course_id}/wins?week={}", w.week),
            );
            i.quote = Some(w.reason.clone());
            Some(i)
        })
        .collect()
}

pub fn milestones(tr: &Tr, course_id: i64, list: &[crate::celebrations::MilestoneView]) -> Vec<Item> {
    list.iter()
        .map(|m| {
            let mut i = Item::new(
                Source::Milestone,
                m.at,
                Some(m.user_id),
                tr.t1("feed-milestone", "name", m.author.clone()),
                format!("/courses/{course_id}/celebrations#milestone-{}", m.id),
            );
            i.quote = Some(m.body.clone());
            i.cheer = Some(Cheer { milestone_id: m.id, count: m.cheers, given: m.cheered, mine: m.mine });
            i
        })
        .collect()
}

/// This week's routine (live sessions, office hours, …) at their instants.
pub fn events(tr: &Tr, course_id: i64, list: &[routine_entry::Model], zone: &str, now: jiff::Timestamp) -> Vec<Item> {
    let tz = crate::time::zone(zone);
    let monday = crate::recognition::week::Week::of(now, &tz).monday();
    list.iter()
        .filter_map(|e| {
            let at = crate::routine::occurrence(monday, e.weekday, e.start_minute, &tz)?;
            Some(Item::new(
                Source::Event,
                at.timestamp().as_millisecond(),
                None,
                tr.t2("feed-event", "title", e.title.clone(), "kind", tr.t(crate::routine::kind_label(&e.kind))),
                format!("/courses/{course_id}/routine#routine-{}", e.id),
            ))
        })
        .collect()
}

/// Live sessions running now or coming up: members join them from the home.
pub fn live(tr: &Tr, course_id: i64, sessions: &[crate::live::queries::SessionRow], now: i64) -> Vec<Item> {
    sessions
        .iter()
        .map(|s| {
            let running = s.state == "running";
            Item::new(
                Source::Event,
                // A session running now leads the coming events.
                if running { now + 1 } else { s.starts_at },
                None,
                tr.t1(if running { "feed-live-now" } else { "feed-live" }, "title", s.title.clone()),
                format!("/courses/{course_id}/live/{}", s.id),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(source: Source, at: i64, link: &str) -> Item {
        Item::new(source, at, None, link.into(), link.into())
    }

    fn links(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.link.as_str()).collect()
    }

    #[test]
    fn newest_first_after_the_coming_events() {
        let now = 1_000;
        let feed = merge(
            vec![
                vec![item(Source::Announcement, 500, "a")],
                vec![item(Source::Thread, 900, "t"), item(Source::Thread, 100, "old")],
                vec![item(Source::ShoutOut, 700, "s")],
                vec![
                    item(Source::Event, 3_000, "later"),
                    item(Source::Event, 2_000, "soon"),
                    item(Source::Event, 10, "past"),
                ],
            ],
            now,
            10,
        );
        assert_eq!(links(&feed), vec!["soon", "later", "t", "s", "a", "old"]);
    }

    #[test]
    fn a_thread_that_is_an_announcement_shows_once_as_the_announcement() {
        let feed = merge(vec![vec![item(Source::Announcement, 5, "x")], vec![item(Source::Thread, 6, "x")]], 0, 10);
        assert_eq!(feed.len(), 1);
        assert_eq!(feed[0].source, Source::Announcement);
    }

    #[test]
    fn the_feed_is_limited_and_events_do_not_crowd_it() {
        let events: Vec<Item> = (0..7).map(|d| item(Source::Event, 100 + d, &format!("e{d}"))).collect();
        let news: Vec<Item> = (0..30).map(|n| item(Source::Thread, n, &format!("n{n}"))).collect();
        let feed = merge(vec![events, news], 50, 15);
        assert_eq!(feed.len(), 15);
        assert_eq!(feed.iter().filter(|i| i.upcoming()).count(), MAX_UPCOMING);
        assert_eq!(feed[MAX_UPCOMING].link, "n29");
        assert!(merge(vec![], 0, 15).is_empty());
    }

    #[test]
    fn rows_become_lines_in_the_readers_language() {
        let tr = Tr(crate::i18n::Locale::En);
        let t = forum_thread::Model {
            id: 7,
            space_id: 1,
            course_id: 3,
            author_id: Some(2),
            title: "Coffee?".into(),
            pinned: false,
            locked: false,
            answer_post_id: None,
            reply_count: 0,
            created_at: 10,
            last_post_at: 10,
            last_post_id: 0,
        };
        let items = threads(&tr, 3, std::slice::from_ref(&t), |_| "Ada".into());
        assert_eq!(items[0].link, "/courses/3/threads/7");
        assert!(items[0].line.contains("Ada") && items[0].line.contains("Coffee?"), "{}", items[0].line);
        assert_eq!(items[0].person, Some(2));
        let replied = forum_thread::Model { reply_count: 2, last_post_at: 20, ..t };
        let items = threads(&tr, 3, &[replied], |_| "Ada".into());
        assert_eq!((items[0].at, items[0].person), (20, None));
    }
}
