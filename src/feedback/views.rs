//! What the feedback pages show.

use askama::Template;

use super::queries::Assignment;
use crate::web::Page;
use crate::web::paging::Pager;

/// Feedback shown on the item it is about (under a student's post): to that student and
/// to the teaching team only (`queries::on_items` reads just what the reader may see).
pub struct OnItemView {
    pub id: i64,
    pub giver: String,
    /// The recording's media id and how to play it ("audio", "video" or "file").
    pub media: Option<(i64, &'static str)>,
    pub body: String,
    pub draft: bool,
}

impl OnItemView {
    pub fn of(f: super::queries::OnItem, tr: &crate::i18n::Tr) -> (i64, OnItemView) {
        let view = OnItemView {
            id: f.id,
            giver: f.giver_name.unwrap_or_else(|| tr.t("feedback-former-member")),
            media: f.media_id.map(|m| (m, super::rules::player_of(&f.kind))),
            body: f.body,
            draft: f.draft,
        };
        (f.target_id, view)
    }
}

/// A piece of feedback in a list.
pub struct Item {
    pub id: i64,
    pub about: String,
    pub kind: String,
    /// The giver in a student's inbox, the student in the teaching team's list.
    pub who: String,
    pub at: i64,
    pub unread: bool,
    pub draft: bool,
}

#[derive(Template)]
#[template(path = "feedback/inbox.html")]
pub struct InboxPage {
    pub page: Page,
    pub course_id: i64,
    pub items: Vec<Item>,
    pub pager: Pager,
}

#[derive(Template)]
#[template(path = "feedback/staff.html")]
pub struct StaffPage {
    pub page: Page,
    pub course_id: i64,
    pub assignments: Vec<Assignment>,
    pub pager: Pager,
    pub title: String,
    pub due: String,
    pub title_error: Option<String>,
    pub due_error: Option<String>,
}

#[derive(Template)]
#[template(path = "feedback/given.html")]
pub struct GivenPage {
    pub page: Page,
    pub course_id: i64,
    pub items: Vec<Item>,
    pub pager: Pager,
}

/// A student on an assignment's roster.
pub struct RosterItem {
    pub id: i64,
    pub name: String,
    /// feedback-state-released, -draft or -waiting.
    pub state_id: &'static str,
    pub feedback_id: Option<i64>,
}

#[derive(Template)]
#[template(path = "feedback/assignment.html")]
pub struct AssignmentPage {
    pub page: Page,
    pub course_id: i64,
    pub a: Assignment,
    pub rows: Vec<RosterItem>,
    pub pager: Pager,
    pub waiting_only: bool,
    /// "12 of 30 students have feedback; …".
    pub summary: String,
    pub drafts: i64,
    /// Per staff member: their name, median turnaround and how many, in words.
    pub turnaround: Vec<String>,
}

#[derive(Template)]
#[template(path = "feedback/new.html")]
pub struct NewPage {
    pub page: Page,
    pub course_id: i64,
    pub student_id: i64,
    pub student: String,
    pub on: String,
    pub about: String,
    pub body: String,
    pub body_error: Option<String>,
    pub file_error: Option<String>,
    pub audio_mb: u64,
    pub video_mb: u64,
}

pub struct ReplyView {
    pub who: String,
    pub body: String,
    pub at: i64,
}

#[derive(Template)]
#[template(path = "feedback/show.html")]
pub struct ShowPage {
    pub page: Page,
    pub course_id: i64,
    pub id: i64,
    pub about: String,
    /// The Fluent id of the kind's name.
    pub kind_id: String,
    pub giver: String,
    pub student: String,
    pub body: String,
    pub draft: bool,
    pub at: i64,
    /// The recording or file: media id, and "audio", "video" or "file".
    pub media: Option<(i64, &'static str)>,
    pub replies: Vec<ReplyView>,
    pub may_reply: bool,
    pub may_manage: bool,
    pub reply_error: Option<String>,
    pub body_error: Option<String>,
}
