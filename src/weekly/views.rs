//! What the weekly message pages show.

use askama::Template;

use super::queries::Message;
use crate::web::Page;
use crate::web::paging::Pager;

/// A message as the pages show it.
pub struct MessageView {
    pub id: i64,
    pub title: String,
    /// voice or video
    pub kind: String,
    pub media_id: Option<i64>,
    pub author: String,
    pub transcript: String,
    pub body: String,
    pub at: i64,
}

impl MessageView {
    pub fn of(m: &Message) -> MessageView {
        MessageView {
            id: m.id,
            title: m.title.clone(),
            kind: m.kind.clone(),
            media_id: m.media_id,
            author: m.author.clone(),
            transcript: m.transcript.clone(),
            body: m.body.clone(),
            at: m.updated_at,
        }
    }

    pub fn is_video(&self) -> bool {
        self.kind == "video"
    }
}

#[derive(Template)]
#[template(path = "weekly/index.html")]
pub struct IndexPage {
    pub page: Page,
    pub course_id: i64,
    pub current: Option<MessageView>,
    pub past: Vec<MessageView>,
    pub pager: Pager,
    pub may_post: bool,
    /// The default title of this week's message ("Week 3").
    pub week_title: String,
}

#[derive(Template)]
#[template(path = "weekly/new.html")]
pub struct NewPage {
    pub page: Page,
    pub course_id: i64,
    pub title: String,
    pub default_title: String,
    pub transcript: String,
    pub body: String,
    pub title_error: Option<String>,
    pub transcript_error: Option<String>,
    pub body_error: Option<String>,
    pub clip_error: Option<String>,
    /// A recording kept from a refused attempt: its media id and "audio" or "video".
    pub held: Option<(i64, &'static str)>,
    /// This week already has a message: posting replaces it, its recording stays unless
    /// a new one is sent.
    pub replacing: Option<MessageView>,
    pub audio_mb: u64,
    pub video_mb: u64,
}

pub struct ReactionView {
    pub emoji: &'static str,
    pub count: i64,
    pub mine: bool,
}

pub struct ReplyView {
    pub id: i64,
    pub who: String,
    pub body: String,
    pub at: i64,
    /// The name of the writer of the reply this one answers, when it is on the page.
    pub answers: Option<String>,
}

#[derive(Template)]
#[template(path = "weekly/show.html")]
pub struct ShowPage {
    pub page: Page,
    pub course_id: i64,
    pub m: MessageView,
    pub week_key: String,
    pub current: bool,
    pub reactions: Vec<ReactionView>,
    pub replies: Vec<ReplyView>,
    pub pager: Pager,
    pub may_respond: bool,
    pub may_answer: bool,
    pub may_post: bool,
    pub reply_body: String,
    pub reply_error: Option<String>,
    /// The reply being answered: (its id, its writer's name).
    pub answering: Option<(i64, String)>,
}
