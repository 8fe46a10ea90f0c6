//! The start-up kit: the activities that help a class get to know each other in the
//! first weeks, proposed in an order that suits how the course starts, and shown to the
//! teaching team on the course home with how many students have done each. The choice
//! and order are pure; the counts come from `courses::course_home`.

use crate::courses::START_MODES;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activity {
    Expectations,
    Board,
    TimeBudget,
    Wiki,
    Groups,
    Survey,
    /// The tutor introduces themselves first; the count is students who welcomed it.
    TutorIntroduction,
    /// Students introduce themselves.
    Introductions,
}

/// Every activity, whatever the start mode.
pub const ALL: [Activity; 8] = [
    Activity::Expectations,
    Activity::Board,
    Activity::TimeBudget,
    Activity::Wiki,
    Activity::Groups,
    Activity::Survey,
    Activity::TutorIntroduction,
    Activity::Introductions,
];

impl Activity {
    pub fn label_id(self) -> &'static str {
        match self {
            Activity::Expectations => "kit-expectations",
            Activity::Board => "kit-board",
            Activity::TimeBudget => "kit-budget",
            Activity::Wiki => "kit-wiki",
            Activity::Groups => "kit-groups",
            Activity::Survey => "kit-survey",
            Activity::TutorIntroduction => "kit-tutor-intro",
            Activity::Introductions => "kit-intros",
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Activity::Expectations => "expectations",
            Activity::Board => "board",
            Activity::TimeBudget => "time-budget",
            Activity::Wiki => "wiki",
            Activity::Groups => "groups",
            Activity::Survey => "survey",
            Activity::TutorIntroduction | Activity::Introductions => "introductions",
        }
    }
}

/// The kit for a start mode. A class that meets in a room first can leave groups for
/// later; one that meets in a video session needs breakouts at once; an asynchronous
/// class needs partners early so that nobody starts alone.
pub fn kit(start_mode: &str) -> Vec<Activity> {
    use Activity::*;
    debug_assert!(START_MODES.contains(&start_mode) || start_mode.is_empty());
    let mut k = match start_mode {
        "face_to_face" => vec![Expectations, Board, Wiki, TimeBudget, Groups],
        "live_online" => vec![Expectations, Groups, Board, TimeBudget, Wiki],
        _ => vec![Expectations, Groups, TimeBudget, Board, Wiki],
    };
    // Introductions open every kit: the tutor's first, so students have an example. The
    // survey follows early in every mode: its answers shape groups and messages.
    k.splice(1..1, [TutorIntroduction, Introductions, Survey]);
    k
}

/// Where one activity stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The teaching team has set it up (written, published, or it needs no set-up).
    pub ready: bool,
    /// Students who have taken part.
    pub students_done: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_gets_every_activity_once() {
        for mode in START_MODES {
            let k = kit(mode);
            assert_eq!(k.len(), 8, "{mode}");
            assert_eq!(k[0], Activity::Expectations, "expectations come first in every mode");
            assert_eq!(k[1], Activity::TutorIntroduction, "the tutor introduces themselves before the students");
            assert_eq!(k[3], Activity::Survey, "the survey comes early: {mode}");
            for a in [
                Activity::Expectations,
                Activity::Board,
                Activity::TimeBudget,
                Activity::Wiki,
                Activity::Groups,
                Activity::Survey,
                Activity::TutorIntroduction,
                Activity::Introductions,
            ] {
                assert_eq!(k.iter().filter(|x| **x == a).count(), 1, "{mode} {a:?}");
            }
        }
        assert_eq!(kit("live_online")[4], Activity::Groups, "breakouts at the first live session");
        assert_eq!(kit("face_to_face")[7], Activity::Groups, "groups can wait when the class meets in a room");
    }
}
