//! What the check-in pages show: slots and meetings as each viewer reads them, in their
//! own zone and language.

use askama::Template;

use super::rules::OfferForm;
use crate::i18n::Tr;
use crate::web::Page;

/// "Thursday 10 Dec, 13:00–13:30" in the viewer's zone and language.
pub fn slot_label(start: i64, end: i64, zone: &str, tr: &Tr) -> String {
    let z = crate::time::zone(zone);
    let (Ok(s), Ok(e)) = (jiff::Timestamp::from_millisecond(start), jiff::Timestamp::from_millisecond(end)) else {
        return String::new();
    };
    let (s, e) = (s.to_zoned(z.clone()), e.to_zoned(z));
    let day = tr.t(&format!("routine-day-{}", s.weekday().to_monday_one_offset()));
    let date = if tr.code() == "nb" { s.strftime("%-d.%-m.").to_string() } else { s.strftime("%-d %b").to_string() };
    format!("{day} {date}, {}–{}", s.strftime("%H:%M"), e.strftime("%H:%M"))
}

pub fn is_link(place: &str) -> bool {
    (place.starts_with("https://") || place.starts_with("http://")) && !place.contains(char::is_whitespace)
}

pub struct SlotView {
    pub start: i64,
    pub label: String,
    pub places_left: u32,
}

pub struct OfferView {
    pub staff_id: i64,
    pub staff_name: String,
    pub place: String,
    pub place_is_link: bool,
    pub group: bool,
    pub slots: Vec<SlotView>,
}

pub struct MineView {
    pub id: i64,
    pub when: String,
    pub staff_name: String,
    pub place: String,
    pub place_is_link: bool,
    pub topic: String,
    pub may_change: bool,
    pub moves: Vec<SlotView>,
}

pub struct MeetingView {
    pub id: i64,
    pub when: String,
    pub student_name: String,
    pub topic: String,
    pub note: String,
    pub follow_up: String,
}

#[derive(Template)]
#[template(path = "booking/index.html")]
pub struct IndexPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub my_zone: String,
    pub may_book: bool,
    pub may_offer: bool,
    pub has_offer: bool,
    pub offers: Vec<OfferView>,
    pub mine: Vec<MineView>,
    pub upcoming: Vec<MeetingView>,
    pub past: Vec<MeetingView>,
    pub feed_url: String,
    pub error: Option<String>,
    /// What the student typed as a topic, kept when the booking is refused.
    pub topic: String,
}

#[derive(Template)]
#[template(path = "booking/availability.html")]
pub struct AvailabilityPage {
    pub page: Page,
    pub course_id: i64,
    pub course_title: String,
    pub zone: String,
    pub form: OfferForm,
    pub errors: Vec<(&'static str, String)>,
}

impl AvailabilityPage {
    pub fn error(&self, field: &str) -> Option<&String> {
        self.errors.iter().find(|e| e.0 == field).map(|e| &e.1)
    }

    pub fn day_value(&self, i: &usize) -> &str {
        self.form.days()[*i]
    }

    pub fn day_field(&self, i: &usize) -> &'static str {
        super::rules::DAY_FIELDS[*i]
    }

    /// The other fields: name, label, value, input type.
    pub fn fields(&self) -> Vec<(&'static str, &'static str, &str, &'static str)> {
        let f = &self.form;
        vec![
            ("length", "booking-field-length", f.length.as_str(), "number"),
            ("buffer_before", "booking-field-buffer-before", f.buffer_before.as_str(), "number"),
            ("buffer_after", "booking-field-buffer-after", f.buffer_after.as_str(), "number"),
            ("notice_hours", "booking-field-notice", f.notice_hours.as_str(), "text"),
            ("horizon_days", "booking-field-horizon", f.horizon_days.as_str(), "number"),
            ("per_day", "booking-field-per-day", f.per_day.as_str(), "number"),
            ("per_week", "booking-field-per-week", f.per_week.as_str(), "number"),
            ("capacity", "booking-field-capacity", f.capacity.as_str(), "number"),
            ("cutoff_hours", "booking-field-cutoff", f.cutoff_hours.as_str(), "text"),
            ("place", "booking-field-place", f.place.as_str(), "text"),
        ]
    }

    pub fn day_label(&self, i: &usize) -> String {
        self.page.t.t(&format!("routine-day-{}", i + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn slots_read_in_the_viewers_zone_and_language() {
        // Thursday 10 December 2026, 12:00 UTC: 13:00 in Oslo, 07:00 in New York.
        let start = 1_796_904_000_000;
        let end = start + 30 * 60_000;
        assert_eq!(slot_label(start, end, "Europe/Oslo", &Tr(Locale::En)), "Thursday 10 Dec, 13:00–13:30");
        assert_eq!(slot_label(start, end, "America/New_York", &Tr(Locale::En)), "Thursday 10 Dec, 07:00–07:30");
        assert!(slot_label(start, end, "Europe/Oslo", &Tr(Locale::Nb)).ends_with(" 10.12., 13:00–13:30"));
        assert!(is_link("https://meet.example.org/x") && !is_link("Room 101"));
    }
}
