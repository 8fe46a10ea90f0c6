//! What the pages of the spaces show: one struct per template and the rows in them.
//! The handlers in `pages` fill them; the templates are in `templates/forum/`.

use askama::Template;
use serde::Deserialize;

use super::attachments;
use super::queries::Kind;
use super::text;
use crate::db::entity::{forum_space, forum_thread};
use crate::web::Page;
use crate::web::paging::Pager;

pub struct SpaceRow {
    pub space: forum_space::Model,
    pub about_html: String,
    pub threads: i64,
    pub unanswered: i64,
    pub unread: i64,
}

#[derive(Template)]
#[template(path = "forum/index.html")]
pub struct IndexPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub spaces: Vec<SpaceRow>,
    pub may_manage: bool,
    pub may_moderate: bool,
    pub open_reports: u64,
    pub kinds: [Kind; 4],
    pub starters: String,
}

impl IndexPage {
    fn kind_label(&self, kind: &str) -> String {
        self.page.t.t(Kind::parse(kind).unwrap_or(Kind::Discussion).label_id())
    }
}

pub struct ThreadRow {
    pub thread: forum_thread::Model,
    pub author: String,
    /// Whether it has posts the reader has not seen.
    pub unread: bool,
    pub last: String,
}

#[derive(Template)]
#[template(path = "forum/space.html")]
pub struct SpacePage {
    pub page: Page,
    /// The reader's follow / mute buttons.
    pub hearing: crate::notifications::Hearing,
    /// "We usually answer within …" on a Q&A space, when the tutor turned it on.
    pub usual_answer: Option<String>,
    pub course_id: i64,
    pub course_title: String,
    pub space: forum_space::Model,
    pub about_html: String,
    /// Pinned threads above the first page (they are in the list too).
    pub pinned: Vec<ThreadRow>,
    pub threads: Vec<ThreadRow>,
    pub pager: Pager,
    pub is_qa: bool,
    pub unanswered_only: bool,
    pub may_start: bool,
    pub may_manage: bool,
    pub error: Option<String>,
    /// What is wrong with the text, shown under its field.
    pub body_error: Option<String>,
    pub draft_title: String,
    pub draft_body: String,
    pub attach_hint: String,
    pub attach_slots: super::attachments::Slots,
}

impl SpacePage {
    fn kind_label(&self) -> String {
        self.page.t.t(Kind::parse(&self.space.kind).unwrap_or(Kind::Discussion).label_id())
    }
}

#[derive(Deserialize, Default)]
pub struct SpaceQuery {
    #[serde(default)]
    pub filter: String,
    pub after: Option<String>,
    pub before: Option<String>,
}

pub struct ReactionView {
    pub emoji: &'static str,
    pub count: usize,
    pub names: String,
    pub mine: bool,
}

pub struct PostView {
    pub id: i64,
    pub author: String,
    pub author_id: Option<i64>,
    pub html: String,
    pub deleted: bool,
    pub hidden: bool,
    /// Whether the reader sees the words (not deleted; not hidden, or theirs, or a moderator).
    pub show_body: bool,
    pub hidden_reason: Option<String>,
    pub when: String,
    pub edited: bool,
    pub reactions: Vec<ReactionView>,
    pub is_answer: bool,
    pub unread: bool,
    pub mine: bool,
    pub may_answer: bool,
    pub children: Vec<PostView>,
    /// For a reply shown at the top level because its top-level post is on an earlier
    /// page: that post, which the page links back to.
    pub continues: Option<i64>,
    /// Only filled when the reader sees the words.
    pub attachments: Vec<attachments::AttachmentView>,
    /// Feedback on this post, for its author (released) and the teaching team only.
    pub feedback: Vec<crate::feedback::views::OnItemView>,
}

#[derive(Template)]
#[template(path = "forum/thread.html")]
pub struct ThreadPage {
    pub page: Page,
    /// The reader's follow / mute buttons.
    pub hearing: crate::notifications::Hearing,
    pub course_id: i64,
    pub course_title: String,
    pub space: forum_space::Model,
    pub thread: forum_thread::Model,
    pub opening: Option<PostView>,
    pub replies: Vec<PostView>,
    pub may_reply: bool,
    pub may_post: bool,
    pub may_moderate: bool,
    pub is_qa: bool,
    /// The reader's first unread post (a link: on this page or the one it starts).
    pub first_unread: Option<i64>,
    pub pager: Pager,
    pub reply_to: Option<i64>,
    pub draft: String,
    pub error: Option<String>,
    /// What is wrong with the reply's text, shown under its field.
    pub body_error: Option<String>,
    pub starters: Vec<String>,
    pub attach_hint: String,
    pub attach_slots: super::attachments::Slots,
}

impl ThreadPage {
    /// Whether the reply form goes under this post.
    fn replying(&self, p: &PostView) -> bool {
        self.may_reply && self.reply_to == Some(p.id)
    }

    fn on_page(&self, id: i64) -> bool {
        self.opening.as_ref().is_some_and(|o| o.id == id)
            || self.replies.iter().any(|r| r.id == id || r.children.iter().any(|c| c.id == id))
    }

    /// A link to a post of this thread: its anchor when it is on this page, else the
    /// page that starts with it.
    fn post_href(&self, id: &i64) -> String {
        if self.on_page(*id) {
            format!("#post-{id}")
        } else {
            super::access::post_link(self.course_id, self.thread.id, *id)
        }
    }

    /// Where "reply" under a post leads: the page that starts with it, with the form.
    fn reply_href(&self, id: &i64) -> String {
        format!("/courses/{}/threads/{}?post={id}&reply={id}#reply-{id}", self.course_id, self.thread.id)
    }

    fn starter_href(&self, id: &i64, starter: &usize) -> String {
        format!(
            "/courses/{}/threads/{}?post={id}&reply={id}&starter={starter}#reply-{id}",
            self.course_id, self.thread.id
        )
    }
}

#[derive(Deserialize, Default)]
pub struct ThreadQuery {
    pub reply: Option<i64>,
    pub starter: Option<usize>,
    /// Open the page at this post (links to a post, replies to a post on a later page).
    pub post: Option<i64>,
    pub after: Option<String>,
    pub before: Option<String>,
}

/// Everything on a thread page, in a fixed number of queries whatever its length:
/// the posts, their reactions, the people (authors and reactors), the read markers.

#[derive(Template)]
#[template(path = "forum/edit.html")]
pub struct EditPage {
    pub page: Page,
    pub course_id: i64,
    pub thread: forum_thread::Model,
    pub post_id: i64,
    pub opening: bool,
    pub title: String,
    pub body: String,
    pub error: Option<String>,
    pub existing: Vec<attachments::AttachmentView>,
    pub attach_hint: String,
    pub attach_slots: super::attachments::Slots,
}

pub struct RevisionView {
    pub when: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "forum/history.html")]
pub struct HistoryPage {
    pub page: Page,
    pub course_id: i64,
    pub thread: forum_thread::Model,
    pub post_id: i64,
    pub author: String,
    pub current: RevisionView,
    pub earlier: Vec<RevisionView>,
}

pub struct ReportView {
    pub id: i64,
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub author: String,
    pub reporter: String,
    pub reason: String,
    pub when: String,
    pub excerpt: String,
    pub hidden: bool,
}

#[derive(Template)]
#[template(path = "forum/reports.html")]
pub struct ReportsPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub reports: Vec<ReportView>,
    pub pager: Pager,
}

pub struct Hit {
    pub thread_id: i64,
    pub post_id: i64,
    pub title: Vec<text::Piece>,
    pub author: String,
    pub when: String,
    pub pieces: Vec<text::Piece>,
}

#[derive(Template)]
#[template(path = "forum/search.html")]
pub struct SearchPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub q: String,
    /// The author asked for, when they are a member of the course.
    pub author: Option<i64>,
    pub author_name: Option<String>,
    pub hits: Vec<Hit>,
    pub total: u64,
    /// Whether anything was asked (words or an author).
    pub searched: bool,
    pub pager: Pager,
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    pub q: String,
    pub author: Option<i64>,
    pub after: Option<String>,
    pub before: Option<String>,
}

impl SearchPage {
    /// The same search by everyone.
    pub fn everyone_link(&self) -> String {
        crate::web::paging::base_href(&format!("/courses/{}/spaces/search", self.course_id), &[("q", &self.q)])
    }
}
