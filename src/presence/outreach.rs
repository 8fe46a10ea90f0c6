//! The outreach queue's settings and rules as the app uses them: the course's rhythm
//! ("every student hears from one of us at least every N days"), how students are shared
//! among the teaching team, and what TAs and students see. The queue itself is stored on
//! the radar rows by the refresh job (`owner_id`, `due_at`, `queue_order`), so a queue
//! page reads a few rows through an index whatever the size of the class.

use homeroom_presence::outreach::Sharing;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::db::entity::{outreach_assignment, outreach_setting};

pub const MIN_RHYTHM: i32 = 1;
pub const MAX_RHYTHM: i32 = 90;

/// A course's outreach settings; a course that never saved any has the defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub rhythm_days: i32,
    /// One of `Sharing::KEYS`.
    pub sharing: String,
    /// TAs see the radar, the staff's notes and the class graph.
    pub ta_insight: bool,
    /// Students see "we usually answer within …" on the Q&A space.
    pub answer_line: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { rhythm_days: 14, sharing: "round-robin".into(), ta_insight: true, answer_line: false }
    }
}

impl Settings {
    /// The sharing rule, with the students' groups when sharing by group.
    pub fn sharing_rule(&self, group_of: std::collections::BTreeMap<i64, i64>) -> Sharing {
        match self.sharing.as_str() {
            "group" => Sharing::ByGroup(group_of),
            "hand" => Sharing::ByHand,
            _ => Sharing::RoundRobin,
        }
    }
}

pub async fn load(db: &impl ConnectionTrait, course_id: i64) -> Result<Settings, DbErr> {
    Ok(outreach_setting::Entity::find()
        .filter(outreach_setting::Column::CourseId.eq(course_id))
        .one(db)
        .await?
        .map(|s| Settings {
            rhythm_days: s.rhythm_days,
            sharing: s.sharing,
            ta_insight: s.ta_insight,
            answer_line: s.answer_line,
        })
        .unwrap_or_default())
}

pub async fn save(db: &impl ConnectionTrait, course_id: i64, s: &Settings, now: i64) -> Result<(), DbErr> {
    let row = outreach_setting::ActiveModel {
        course_id: Set(course_id),
        rhythm_days: Set(s.rhythm_days),
        sharing: Set(s.sharing.clone()),
        ta_insight: Set(s.ta_insight),
        answer_line: Set(s.answer_line),
        updated_at: Set(now),
        ..Default::default()
    };
    outreach_setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(outreach_setting::Column::CourseId)
                .update_columns([
                    outreach_setting::Column::RhythmDays,
                    outreach_setting::Column::Sharing,
                    outreach_setting::Column::TaInsight,
                    outreach_setting::Column::AnswerLine,
                    outreach_setting::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Put `to` into `owner`'s queue, or (`None`) back to the sharing rule, in the caller's
/// transaction (the assign form and the demo's seeding). The queues change at the next
/// refresh; the caller asks for one.
pub async fn give(
    db: &impl ConnectionTrait,
    course_id: i64,
    to: &[i64],
    owner: Option<i64>,
    now: i64,
) -> Result<(), DbErr> {
    outreach_assignment::Entity::delete_many()
        .filter(outreach_assignment::Column::CourseId.eq(course_id))
        .filter(outreach_assignment::Column::StudentId.is_in(to.to_vec()))
        .exec(db)
        .await?;
    if let Some(owner) = owner {
        let rows = to.iter().map(|&s| outreach_assignment::ActiveModel {
            course_id: Set(course_id),
            student_id: Set(s),
            staff_id: Set(owner),
            created_at: Set(now),
            ..Default::default()
        });
        outreach_assignment::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([outreach_assignment::Column::CourseId, outreach_assignment::Column::StudentId])
                    .update_column(outreach_assignment::Column::StaffId)
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The settings form as typed.
#[derive(Clone, Debug, Default)]
pub struct SettingsForm {
    pub rhythm_days: String,
    pub sharing: String,
    pub ta_insight: bool,
    pub answer_line: bool,
}

impl SettingsForm {
    pub fn parse(body: &[u8]) -> SettingsForm {
        let mut f = SettingsForm::default();
        for (k, v) in url::form_urlencoded::parse(body) {
            match k.as_ref() {
                "rhythm_days" => f.rhythm_days = v.into_owned(),
                "sharing" => f.sharing = v.into_owned(),
                "ta_insight" => f.ta_insight = true,
                "answer_line" => f.answer_line = true,
                _ => {}
            }
        }
        f
    }

    pub fn of(s: &Settings) -> SettingsForm {
        SettingsForm {
            rhythm_days: s.rhythm_days.to_string(),
            sharing: s.sharing.clone(),
            ta_insight: s.ta_insight,
            answer_line: s.answer_line,
        }
    }

    /// Every problem at once, by field.
    pub fn check(&self) -> Result<Settings, Vec<super::FieldError>> {
        let mut errors = vec![];
        let rhythm = self.rhythm_days.trim().parse::<i32>().ok().filter(|d| (MIN_RHYTHM..=MAX_RHYTHM).contains(d));
        if rhythm.is_none() {
            errors.push(("rhythm_days", "outreach-err-rhythm"));
        }
        let sharing = Sharing::KEYS.iter().find(|k| **k == self.sharing.trim());
        if sharing.is_none() {
            errors.push(("sharing", "outreach-err-sharing"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Settings {
            rhythm_days: rhythm.unwrap_or(14),
            sharing: sharing.map(|s| s.to_string()).unwrap_or_default(),
            ta_insight: self.ta_insight,
            answer_line: self.answer_line,
        })
    }
}

/// The "give these students to …" form: the students chosen and the member of staff
/// (`0` takes them out of anyone's hands, back to the sharing rule).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssignForm {
    pub to: Vec<i64>,
    pub staff: Option<i64>,
    /// Where to go back to: "radar" or "queue".
    pub back: String,
}

impl AssignForm {
    pub fn parse(body: &[u8]) -> AssignForm {
        let mut f = AssignForm::default();
        for (k, v) in url::form_urlencoded::parse(body) {
            match k.as_ref() {
                "to" => f.to.extend(v.trim().parse::<i64>().ok()),
                "staff" => f.staff = v.trim().parse::<i64>().ok(),
                "back" => f.back = v.into_owned(),
                _ => {}
            }
        }
        f.to.sort_unstable();
        f.to.dedup();
        f
    }

    /// `students` are the course's active students, `staff` its active tutors and TAs.
    pub fn check(&self, students: &[i64], staff: &[i64]) -> Result<(Vec<i64>, Option<i64>), &'static str> {
        if self.to.is_empty() {
            return Err("radar-err-no-student");
        }
        if self.to.len() > super::MAX_STUDENTS || self.to.iter().any(|s| !students.contains(s)) {
            return Err("radar-err-student");
        }
        match self.staff {
            Some(0) => Ok((self.to.clone(), None)),
            Some(t) if staff.contains(&t) => Ok((self.to.clone(), Some(t))),
            _ => Err("outreach-err-staff"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked_all_at_once() {
        let f = SettingsForm::parse(b"rhythm_days=0&sharing=lottery");
        let fields: Vec<&str> = f.check().unwrap_err().iter().map(|e| e.0).collect();
        assert_eq!(fields, ["rhythm_days", "sharing"]);
        let ok = SettingsForm::parse(b"rhythm_days=+10+&sharing=group&answer_line=on").check().unwrap();
        assert_eq!(ok, Settings { rhythm_days: 10, sharing: "group".into(), ta_insight: false, answer_line: true });
        assert_eq!(SettingsForm::of(&ok).check().unwrap(), ok);
    }

    #[test]
    fn students_go_to_someone_on_the_team() {
        let f = AssignForm::parse(b"to=3&to=2&staff=10&back=radar");
        assert_eq!(f.check(&[2, 3], &[10, 11]), Ok((vec![2, 3], Some(10))));
        assert_eq!(f.check(&[2], &[10]), Err("radar-err-student"));
        assert_eq!(f.check(&[2, 3], &[11]), Err("outreach-err-staff"));
        assert_eq!(AssignForm::parse(b"to=2&staff=0").check(&[2], &[10]), Ok((vec![2], None)));
        assert_eq!(AssignForm::parse(b"staff=10").check(&[2], &[10]), Err("radar-err-no-student"));
    }
}
