//! What the radar's pages show: rows read from the cache, each signal explained in the
//! reader's language with a link to its evidence.

use askama::Template;
use serde_json::Value;

use crate::i18n::Tr;
use crate::web::Page;
use crate::web::paging::Pager;

/// One signal, explained ("not contacted in 20 days") and, where there is evidence to
/// look at, linked to it.
#[derive(Clone, Debug)]
pub struct Explained {
    pub key: String,
    pub text: String,
    pub href: Option<String>,
}

/// Explain the signals stored as JSON on a radar row.
pub fn explain(t: &Tr, course_id: i64, json: &str) -> Vec<Explained> {
    let list: Vec<Value> = serde_json::from_str(json).unwrap_or_default();
    let n = |v: &Value, k: &str| v[k].as_i64().unwrap_or(0);
    list.iter()
        .filter_map(|s| {
            let key = s["kind"].as_str()?.to_string();
            let (text, href) = match key.as_str() {
                "not-contacted" => match s["days"].as_i64() {
                    Some(d) => (t.t1("radar-why-not-contacted", "days", d), None),
                    None => (t.t("radar-why-never-contacted"), None),
                },
                "isolated" => (t.t2("radar-why-isolated", "days", n(s, "window_days"), "peers", n(s, "peers")), None),
                "unanswered" => (
                    t.t1("radar-why-unanswered", "hours", n(s, "hours")),
                    Some(format!("/courses/{course_id}/threads/{}#post-{}", n(s, "thread_id"), n(s, "post_id"))),
                ),
                "gone-quiet" => (t.t1("radar-why-gone-quiet", "recent", n(s, "recent")), None),
                "not-introduced" => (
                    t.t1("radar-why-not-introduced", "days", n(s, "days")),
                    Some(format!("/courses/{course_id}/introductions")),
                ),
                _ => return None,
            };
            Some(Explained { key, text, href })
        })
        .collect()
}

#[derive(Clone, Debug)]
pub struct RadarItem {
    pub student_id: i64,
    pub name: String,
    pub last_contact_at: i64,
    pub last_contact_by: String,
    pub last_activity_at: i64,
    pub posts: i32,
    pub peers: i32,
    pub introduced: bool,
    pub survey_done: bool,
    pub signals: Vec<Explained>,
}

#[derive(Template)]
#[template(path = "presence/radar.html")]
pub struct RadarPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub items: Vec<RadarItem>,
    pub pager: Pager,
    pub sort: String,
    pub signal: String,
    pub sorts: Vec<(&'static str, String)>,
    pub signal_keys: Vec<(&'static str, String)>,
    pub export_href: String,
    pub refreshed_at: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct Choice {
    pub id: i64,
    pub name: String,
    pub chosen: bool,
}

#[derive(Template)]
#[template(path = "presence/log.html")]
pub struct LogPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub students: Vec<Choice>,
    pub kinds: Vec<(&'static str, String)>,
    pub kind: String,
    pub when: String,
    pub note: String,
    pub follow_up: String,
    /// Field → message, shown next to the field.
    pub errors: Vec<(&'static str, String)>,
}

impl LogPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.0 == field).map(|e| e.1.clone())
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

#[derive(Clone, Debug)]
pub struct MyContact {
    pub id: i64,
    pub kind: String,
    pub at: i64,
    pub by: String,
}

#[derive(Template)]
#[template(path = "presence/my_contacts.html")]
pub struct MyContactsPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub items: Vec<MyContact>,
    pub pager: Pager,
}

/// One student in a queue: when due, why, and whether already contacted this week.
#[derive(Clone, Debug)]
pub struct QueueItem {
    pub student_id: i64,
    pub name: String,
    pub due_at: i64,
    pub overdue_days: i64,
    pub last_contact_at: i64,
    pub done: bool,
    pub signals: Vec<Explained>,
}

#[derive(Template)]
#[template(path = "presence/queue.html")]
pub struct QueuePage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub items: Vec<QueueItem>,
    pub pager: Pager,
    pub total: i64,
    pub done: i64,
    pub follow_ups_due: i64,
    pub may_manage: bool,
}

#[derive(Clone, Debug)]
pub struct StaffShare {
    pub id: i64,
    pub name: String,
    pub students: i64,
}

#[derive(Template)]
#[template(path = "presence/outreach_settings.html")]
pub struct SettingsPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub staff: Vec<StaffShare>,
    pub sharings: Vec<(&'static str, String)>,
    pub form: super::outreach::SettingsForm,
    pub errors: Vec<(&'static str, String)>,
}

impl SettingsPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.0 == field).map(|e| e.1.clone())
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// A hand-logged contact whose follow-up date has come, with the staff's note.
#[derive(Clone, Debug)]
pub struct FollowUp {
    pub id: i64,
    pub at: i64,
    pub kind: String,
    pub note: String,
    pub follow_up: String,
    pub student: String,
    pub student_id: i64,
    pub staff: String,
}

#[derive(Template)]
#[template(path = "presence/follow_ups.html")]
pub struct FollowUpsPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub items: Vec<FollowUp>,
    pub pager: Pager,
}

/// A person in the class graph's table (for screen readers and for reading).
#[derive(Clone, Debug)]
pub struct GraphRow {
    /// Where the row stands in the cached table (the page's cursor).
    pub position: i64,
    pub id: i64,
    pub name: String,
    pub staff: bool,
    /// How many different people they interacted with in the period.
    pub people: i64,
    /// Their cluster's number, or 0.
    pub cluster: i64,
    pub isolated: bool,
}

#[derive(Template)]
#[template(path = "presence/graph.html")]
pub struct GraphPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    /// Drawn by `homeroom_presence::graph`, which escapes every name.
    pub svg: String,
    pub drawn_at: Option<i64>,
    pub students: i64,
    pub clusters: i64,
    /// The first few with no classmate, and how many there are.
    pub isolated: Vec<String>,
    pub isolated_total: usize,
    pub reach: Vec<(String, i64)>,
    pub rows: Vec<GraphRow>,
    pub pager: crate::web::paging::Pager,
    pub period: String,
    pub kind: String,
    pub periods: Vec<(&'static str, String)>,
    pub kinds: Vec<(&'static str, String)>,
}

/// Response-time figures for one week, one member of staff, or overall.
#[derive(Clone, Debug)]
pub struct ResponseRow {
    pub label: String,
    pub answered: i64,
    pub waiting: i64,
    pub median: String,
    pub p90: String,
}

#[derive(Template)]
#[template(path = "presence/response_times.html")]
pub struct ResponsePage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub computed_at: Option<i64>,
    /// Overall, by week (newest first), by member of staff: a caption and its rows.
    pub tables: Vec<(String, Vec<ResponseRow>)>,
}
