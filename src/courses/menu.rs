//! The course menu: the same short, grouped navigation on every course page. The
//! course extractor fills it in for members (and site admins), `Page` carries it, and
//! `base.html` shows it, so no course page can forget it. Pure.

use crate::policy::Role;

/// One link of the menu: its path under the course, and the Fluent id of its label.
pub struct Link {
    pub path: &'static str,
    pub label_id: &'static str,
}

const fn l(path: &'static str, label_id: &'static str) -> Link {
    Link { path, label_id }
}

/// The few places people go every week, always shown.
pub const MAIN: [Link; 5] = [
    l("", "home-menu-home"),
    l("/spaces", "forum-title"),
    l("/groups", "groups-title"),
    l("/class", "class-title"),
    l("/messages", "messages-title"),
];

/// Everything else, in groups behind "More".
pub const MORE: [(&str, &[Link]); 3] = [
    (
        "home-menu-getting-to-know",
        &[
            l("/introductions", "intro-title"),
            l("/expectations", "expectations-title"),
            l("/board", "board-title"),
            l("/collage", "collage-title"),
            l("/survey", "survey-title"),
            l("/time-budget", "budget-title"),
        ],
    ),
    (
        "home-menu-class-life",
        &[
            l("/routine", "routine-title"),
            l("/weekly", "weekly-title"),
            l("/check-ins", "booking-title"),
            l("/meetups", "meetups-title"),
            l("/live", "live-title"),
            l("/feedback", "feedback-title"),
            l("/shout-outs", "shout-outs-title"),
            l("/wins", "wins-title"),
            l("/celebrations", "celebrations-title"),
        ],
    ),
    ("home-menu-resources", &[l("/wiki", "wiki-title"), l("/files", "files-title")]),
];

/// The teaching team's own places: the radar first, since it leads to the outreach
/// queue, the class graph, response times and personalised messages.
pub const TEACHING: [Link; 5] = [
    l("/radar", "radar-title"),
    l("/members", "course-manage-members"),
    l("/invite", "course-invite"),
    l("/scheduled", "schedule-link"),
    l("/settings", "course-settings"),
];

#[derive(Clone, Debug)]
pub struct CourseMenu {
    pub course_id: i64,
    pub title: String,
    pub teaching: bool,
    /// Students also get their own "classmates you have not met yet".
    pub student: bool,
    /// The path under the course of the page being read ("" for the home).
    pub current: String,
}

impl CourseMenu {
    pub fn new(course_id: i64, title: &str, role: Option<Role>, site_admin: bool, uri: &str) -> CourseMenu {
        let prefix = format!("/courses/{course_id}");
        let path = uri.split(['?', '#']).next().unwrap_or("");
        let rest = path.strip_prefix(&prefix).unwrap_or("");
        // "/groups/12" is under "/groups".
        let current = match rest.find('/').map(|_| rest[1..].find('/').map(|i| &rest[..i + 1]).unwrap_or(rest)) {
            Some(p) => p.to_string(),
            None => String::new(),
        };
        CourseMenu {
            course_id,
            title: title.to_string(),
            teaching: site_admin || role.is_some_and(Role::is_teaching),
            student: role == Some(Role::Student),
            current,
        }
    }

    pub fn is_current(&self, path: &str) -> bool {
        self.current == path
    }

    /// A group of "More" holds the current page: it starts open.
    pub fn group_is_current(&self, links: &[Link]) -> bool {
        links.iter().any(|l| self.is_current(l.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_place_is_found_from_the_address() {
        let m = CourseMenu::new(7, "C", Some(Role::Student), false, "/courses/7/groups/12?x=1");
        assert!(m.is_current("/groups"));
        assert!(!m.teaching);
        assert!(CourseMenu::new(7, "C", None, false, "/courses/7").is_current(""));
        assert!(CourseMenu::new(7, "C", Some(Role::Ta), false, "/courses/7/board#col-3").is_current("/board"));
        assert!(CourseMenu::new(7, "C", Some(Role::Ta), false, "/courses/7").teaching);
        assert!(!CourseMenu::new(7, "C", Some(Role::Ta), false, "/courses/7").student);
        assert!(CourseMenu::new(7, "C", Some(Role::Student), false, "/courses/7").student);
    }
}
