//! What the personalised-message pages show.

use askama::Template;

use crate::web::Page;
use crate::web::paging::Pager;

pub struct Choice {
    pub id: i64,
    pub name: String,
    pub chosen: bool,
}

/// A merge field offered to the composer: how to write it, what it holds.
pub struct FieldHelp {
    pub code: String,
    pub kind: String,
}

/// One student's copy, as they will read it.
pub struct PreviewItem {
    pub name: String,
    pub subject: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "personal/compose.html")]
pub struct ComposePage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    /// `None` while composing a new message.
    pub send_id: Option<i64>,
    /// The signed-in person wrote this draft and may change and send it.
    pub mine: bool,
    pub subject: String,
    pub body: String,
    pub who: String,
    pub condition: String,
    pub students: Vec<Choice>,
    pub fields: Vec<FieldHelp>,
    pub templates: Vec<(i64, String)>,
    pub errors: Vec<(&'static str, String)>,
    /// The draft's preview: one student at a time.
    pub preview: Option<PreviewItem>,
    pub pager: Pager,
    pub total: i64,
    /// How many students get each version (merge fields shown as "…").
    pub variants: Vec<(i64, String)>,
    pub zone: String,
    pub when: String,
    pub template_name: String,
}

impl ComposePage {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.0 == field).map(|e| e.1.as_str())
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

pub struct RecipientRow {
    pub name: String,
    pub state: &'static str,
    pub label: String,
    pub detail: String,
    pub conversation: Option<i64>,
}

#[derive(Template)]
#[template(path = "personal/status.html")]
pub struct StatusPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub send_id: i64,
    pub mine: bool,
    pub subject: String,
    pub status: String,
    pub send_at: Option<i64>,
    pub sent_at: Option<i64>,
    pub progress: super::status::Progress,
    pub rows: Vec<RecipientRow>,
    pub pager: Pager,
}

pub struct SendRow {
    pub id: i64,
    pub subject: String,
    pub status: String,
    pub total: i32,
    pub at: i64,
    pub by: String,
}

#[derive(Template)]
#[template(path = "personal/index.html")]
pub struct IndexPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub sends: Vec<SendRow>,
    pub pager: Pager,
    /// Saved templates: id, name, whether the reader may delete it.
    pub templates: Vec<(i64, String, bool)>,
}
