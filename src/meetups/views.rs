//! What the meet-up page shows: each meet-up in the reader's zone and language, with the
//! faces of who is coming (photos only as their owners allow).

use askama::Template;

use super::rules::MeetupForm;
use crate::web::Page;
use crate::web::paging::Pager;

/// Form errors by field, already in the reader's language.
#[derive(Clone, Debug, Default)]
pub struct Errors(pub Vec<(&'static str, String)>);

impl Errors {
    pub fn get(&self, field: &str) -> Option<String> {
        self.0.iter().find(|e| e.0 == field).map(|e| e.1.clone())
    }
}

pub struct Face {
    pub name: String,
    pub photo_id: Option<i64>,
    pub initials: String,
    pub hue: i64,
}

/// A photo of how it went.
pub struct PhotoView {
    pub media_id: i64,
    pub alt: String,
}

/// The "how it went" form of one meet-up as typed, when it was refused.
pub struct NoteDraft {
    pub meetup_id: i64,
    pub note: String,
    pub alt: String,
    pub errors: Errors,
}

pub struct MeetupView {
    pub id: i64,
    pub title: String,
    pub kind_label: String,
    pub when: String,
    pub place: String,
    pub place_is_link: bool,
    pub host_name: Option<String>,
    pub yes: i64,
    pub maybe: i64,
    pub faces: Vec<Face>,
    /// How many more said yes than the faces shown.
    pub more: i64,
    /// The reader's answer: "yes", "maybe", "no" or "".
    pub mine: String,
    pub note: String,
    pub photos: Vec<PhotoView>,
    /// The alt text typed for a refused photo.
    pub alt_draft: String,
    /// Problems with the refused "how it went" form, by field (note, alt, photo).
    pub note_errors: Errors,
    /// Whether it is still ahead (staff may call it off).
    pub not_started: bool,
    /// Whether the reader may write how it went (staff, or its host, once it started).
    pub may_note: bool,
}

#[derive(Template)]
#[template(path = "meetups/index.html")]
pub struct IndexPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub my_zone: String,
    pub course_zone: String,
    pub may_manage: bool,
    pub may_rsvp: bool,
    pub upcoming: Vec<MeetupView>,
    pub pager: Pager,
    pub past: Vec<MeetupView>,
    /// (value, label) of each kind, for the form.
    pub kinds: Vec<(&'static str, String)>,
    pub form: MeetupForm,
    pub errors: Errors,
    /// The reader's personal calendar feed (check-ins and meet-ups), a secret address.
    pub feed_url: String,
    pub max_photos: u64,
}
