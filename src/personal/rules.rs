//! The compose form: reading it, checking it (every problem named by its field, all at
//! once) and turning a template error into words for the composer. Pure.

use homeroom_presence::template::{self, Compiled, Condition, FieldSet, TemplateError};

/// The longest subject line.
pub const MAX_SUBJECT: usize = 200;
/// The longest name of a saved template.
pub const MAX_NAME: usize = 100;
/// Saved templates per course: a short list to choose from, not an archive.
pub const MAX_TEMPLATES: u64 = 50;

/// The form as typed.
#[derive(Clone, Debug, Default)]
pub struct ComposeForm {
    pub subject: String,
    pub body: String,
    /// "chosen" or "condition".
    pub who: String,
    pub condition: String,
    pub to: Vec<i64>,
}

/// A field, a Fluent id and its arguments.
pub type FieldError = (&'static str, &'static str, Vec<(&'static str, String)>);

pub struct Checked {
    pub subject: Compiled,
    pub body: Compiled,
    pub condition: Condition,
    pub who: &'static str,
    pub to: Vec<i64>,
}

impl ComposeForm {
    pub fn parse(body: &[u8]) -> ComposeForm {
        let mut f = ComposeForm::default();
        for (k, v) in url::form_urlencoded::parse(body) {
            match k.as_ref() {
                "subject" => f.subject = v.into_owned(),
                "body" => f.body = v.into_owned(),
                "who" => f.who = v.into_owned(),
                "condition" => f.condition = v.into_owned(),
                "to" => f.to.extend(v.trim().parse::<i64>().ok()),
                _ => {}
            }
        }
        f.to.sort_unstable();
        f.to.dedup();
        if f.who.is_empty() {
            f.who = if f.to.is_empty() { "condition".into() } else { "chosen".into() };
        }
        f
    }

    /// Check the templates against the course's fields and the chosen people against its
    /// active students.
    pub fn check(&self, fields: &FieldSet, students: &[i64]) -> Result<Checked, Vec<FieldError>> {
        let mut errors = vec![];
        let subject = self.subject.trim();
        let subject = if subject.is_empty() {
            errors.push(("subject", "personal-err-subject-empty", vec![]));
            None
        } else if subject.chars().count() > MAX_SUBJECT || subject.contains(['\n', '\r']) {
            errors.push(("subject", "personal-err-subject-long", vec![]));
            None
        } else {
            template::compile(subject, fields).map_err(|e| errors.push(explain("subject", &e))).ok()
        };
        let body = if self.body.trim().is_empty() {
            errors.push(("body", "personal-err-body-empty", vec![]));
            None
        } else {
            template::compile(&self.body, fields).map_err(|e| errors.push(explain("body", &e))).ok()
        };
        let who = match self.who.as_str() {
            "chosen" => "chosen",
            _ => "condition",
        };
        let condition = if who == "condition" {
            template::compile_condition(&self.condition, fields).map_err(|e| errors.push(explain("condition", &e))).ok()
        } else {
            Some(template::compile_condition("", fields).expect("an empty condition"))
        };
        if who == "chosen" {
            if self.to.is_empty() {
                errors.push(("to", "personal-err-nobody", vec![]));
            } else if self.to.iter().any(|s| !students.contains(s)) {
                errors.push(("to", "personal-err-not-student", vec![]));
            }
        }
        match (subject, body, condition) {
            (Some(subject), Some(body), Some(condition)) if errors.is_empty() => Ok(Checked {
                subject,
                body,
                condition,
                who,
                to: if who == "chosen" { self.to.clone() } else { vec![] },
            }),
            _ => Err(errors),
        }
    }
}

/// A template error in the composer's words, against its field.
pub fn explain(field: &'static str, e: &TemplateError) -> FieldError {
    use TemplateError::*;
    match e {
        TooLong(n) => (field, "personal-err-too-long", vec![("length", n.to_string())]),
        TooDeep => (field, "personal-err-too-deep", vec![("depth", template::MAX_DEPTH.to_string())]),
        UnknownFields(names) => (field, "personal-err-unknown", vec![("fields", names.join(", "))]),
        BlockNotAllowed(word, line) => {
            (field, "personal-err-block", vec![("block", word.clone()), ("line", line.to_string())])
        }
        Syntax { line, message } => {
            (field, "personal-err-syntax", vec![("line", line.to_string()), ("detail", message.clone())])
        }
        TooMuchWork => (field, "personal-err-work", vec![]),
        TooMuchOutput => (field, "personal-err-output", vec![]),
        Render(detail) => (field, "personal-err-render", vec![("detail", detail.clone())]),
    }
}

/// A schedule typed as `YYYY-MM-DDTHH:MM` in the course's time zone; empty means now.
pub fn send_at(typed: &str, zone: &str, now: i64) -> Result<Option<i64>, &'static str> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let at = typed
        .parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|d| d.to_zoned(crate::time::zone(zone)).ok())
        .map(|z| z.timestamp().as_millisecond())
        .ok_or("personal-err-when")?;
    if at <= now {
        return Err("personal-err-past");
    }
    Ok(Some(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use homeroom_presence::template::FieldKind;

    fn fields() -> FieldSet {
        FieldSet::new().with("first_name", FieldKind::Text).with("days_since_posted", FieldKind::Number)
    }

    fn form(body: &str) -> ComposeForm {
        ComposeForm::parse(body.as_bytes())
    }

    #[test]
    fn a_good_form() {
        let f = form("subject=Hi+%7B%7B+first_name+%7D%7D&body=Hello&to=3&to=2&to=3");
        assert_eq!(f.who, "chosen");
        let c = f.check(&fields(), &[2, 3]).unwrap();
        assert_eq!(c.to, [2, 3]);
        let f = form("subject=Hi&body=Hello&who=condition&condition=days_since_posted+%3E%3D+7");
        assert_eq!(f.check(&fields(), &[2]).unwrap().condition.source(), "days_since_posted >= 7");
    }

    #[test]
    fn every_problem_is_named_by_field_at_once() {
        let f = form("subject=&body=%7B%7B+password+%7D%7D&who=condition&condition=nope+%3E+1");
        let errs = f.check(&fields(), &[2]).err().unwrap();
        let named: Vec<(&str, &str)> = errs.iter().map(|e| (e.0, e.1)).collect();
        assert_eq!(
            named,
            [
                ("subject", "personal-err-subject-empty"),
                ("body", "personal-err-unknown"),
                ("condition", "personal-err-unknown")
            ]
        );
        assert_eq!(errs[1].2, [("fields", "password".to_string())]);
        let errs = form("subject=a&body=b&who=chosen&to=9").check(&fields(), &[2]).err().unwrap();
        assert_eq!(errs[0].1, "personal-err-not-student");
        let errs = form("subject=a&body=b&who=chosen").check(&fields(), &[2]).err().unwrap();
        assert_eq!(errs[0].1, "personal-err-nobody");
    }

    #[test]
    fn schedules_are_read_in_the_course_zone() {
        let now = 1_800_000_000_000;
        assert_eq!(send_at("", "UTC", now), Ok(None));
        assert_eq!(
            send_at("2027-03-01T10:00", "Europe/Oslo", now),
            Ok(Some("2027-03-01T09:00:00Z".parse::<jiff::Timestamp>().unwrap().as_millisecond()))
        );
        assert_eq!(send_at("2020-01-01T10:00", "UTC", now), Err("personal-err-past"));
        assert_eq!(send_at("soon", "UTC", now), Err("personal-err-when"));
    }
}
