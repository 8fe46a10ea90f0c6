//! When a round's groups meet: the teaching team gives a round a date and time (in the
//! course's time zone) and an optional video link, and a student's course home shows
//! "your group this week" from it.

use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::post;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::group_round;
use crate::error::{AppError, AppResult};
use crate::web::{CourseCtx, with_notice};

pub fn router() -> Router<AppState> {
    Router::new().route("/courses/{course_id}/groups/{set_id}/rounds/{round}/when", post(save_when))
}

#[derive(Deserialize, Default)]
struct WhenForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    link: String,
}

/// A round's meeting time and link as typed, checked. Both date and time empty clears
/// the time; a link must be a web address. Pure.
pub fn parse_when(
    date: &str,
    time: &str,
    link: &str,
    zone: &str,
) -> Result<(Option<i64>, Option<String>), &'static str> {
    let (date, time, link) = (date.trim(), time.trim(), link.trim());
    let starts_at = match (date.is_empty(), time.is_empty()) {
        (true, true) => None,
        (false, false) => {
            let dt: jiff::civil::DateTime = format!("{date}T{time}").parse().map_err(|_| "notice-trust-round-when")?;
            let z = dt.to_zoned(crate::time::zone(zone)).map_err(|_| "notice-trust-round-when")?;
            Some(z.timestamp().as_millisecond())
        }
        _ => return Err("notice-trust-round-when"),
    };
    let link = if link.is_empty() {
        None
    } else if (link.starts_with("https://") || link.starts_with("http://"))
        && link.len() <= 500
        && !link.chars().any(char::is_whitespace)
    {
        Some(link.to_string())
    } else {
        return Err("notice-trust-round-link");
    };
    Ok((starts_at, link))
}

/// The date and time fields' values for a stored instant, in the course's zone.
pub fn form_values(starts_at: Option<i64>, zone: &str) -> (String, String) {
    let Some(ms) = starts_at else { return (String::new(), String::new()) };
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else { return (String::new(), String::new()) };
    let z = ts.to_zoned(crate::time::zone(zone));
    (z.date().to_string(), format!("{:02}:{:02}", z.hour(), z.minute()))
}

async fn save_when(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, set_id, number)): Path<(i64, i64, i32)>,
    Form(f): Form<WhenForm>,
) -> AppResult<Response> {
    let set = super::managed_set(&state, &c, set_id).await?;
    let round = group_round::Entity::find()
        .filter(group_round::Column::GroupSetId.eq(set.id))
        .filter(group_round::Column::Number.eq(number))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/courses/{}/groups/{set_id}#round-{number}", c.course.id);
    let (starts_at, link) = match parse_when(&f.date, &f.time, &f.link, &c.course.time_zone) {
        Ok(v) => v,
        Err(id) => return Ok(with_notice(id, Redirect::to(&back), c.ctx.secure)),
    };
    let mut a: group_round::ActiveModel = round.into();
    a.starts_at = Set(starts_at);
    a.video_link = Set(link);
    a.update(&state.db).await?;
    Ok(with_notice("notice-saved", Redirect::to(&back), c.ctx.secure))
}

/// A student's group as the course home shows it.
pub struct MyGroup {
    pub set_id: i64,
    pub set_title: String,
    pub round: i32,
    pub group_id: i64,
    pub starts_at: Option<i64>,
    pub video_link: Option<String>,
    pub prompt: String,
    /// Everyone in the group but the viewer, facilitator first.
    pub others: Vec<(i64, String, bool)>,
    pub i_facilitate: bool,
}

/// The viewer's group "this week": in a published set, the round meeting next (from
/// three hours ago on), else the newest round they are in. Two statements.
pub async fn my_group(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<Option<MyGroup>, DbErr> {
    let sql = "SELECT s.id AS set_id, s.title AS title, r.number AS round, r.starts_at AS starts_at, \
               r.video_link AS link, r.prompt AS prompt, g.id AS group_id, g.facilitator_id AS facilitator \
               FROM group_members gm JOIN course_groups g ON g.id = gm.group_id \
               JOIN group_rounds r ON r.id = g.round_id JOIN group_sets s ON s.id = r.group_set_id \
               WHERE s.course_id = $1 AND s.status = 'published' AND gm.user_id = $2";
    let stmt =
        sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, [course_id.into(), user_id.into()]);
    let rows = db.query_all_raw(stmt).await?;
    let since = crate::time::now_ms() - 3 * 3600 * 1000;
    type Row = (i64, String, i32, Option<i64>, Option<String>, String, i64, Option<i64>);
    let mut all: Vec<Row> = vec![];
    for r in rows {
        all.push((
            r.try_get("", "set_id")?,
            r.try_get("", "title")?,
            r.try_get("", "round")?,
            r.try_get("", "starts_at")?,
            r.try_get("", "link")?,
            r.try_get("", "prompt")?,
            r.try_get("", "group_id")?,
            r.try_get("", "facilitator")?,
        ));
    }
    let next = all.iter().filter(|r| r.3.is_some_and(|t| t >= since)).min_by_key(|r| r.3);
    let newest = || all.iter().max_by_key(|r| (r.0, std::cmp::Reverse(r.2)));
    let Some(row) = next.or_else(newest).cloned() else { return Ok(None) };
    let sql = "SELECT u.id AS id, u.name AS name FROM group_members gm JOIN users u ON u.id = gm.user_id \
               WHERE gm.group_id = $1 ORDER BY u.name";
    let stmt = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, [row.6.into()]);
    let mut others = vec![];
    for r in db.query_all_raw(stmt).await? {
        let id: i64 = r.try_get("", "id")?;
        if id != user_id {
            others.push((id, r.try_get::<String>("", "name")?, row.7 == Some(id)));
        }
    }
    others.sort_by_key(|o| !o.2);
    Ok(Some(MyGroup {
        set_id: row.0,
        set_title: row.1,
        round: row.2,
        group_id: row.6,
        starts_at: row.3,
        video_link: row.4,
        prompt: row.5,
        others,
        i_facilitate: row.7 == Some(user_id),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_time_is_read_in_the_course_zone() {
        let (at, link) = parse_when("2026-12-07", "18:30", "https://meet.example.org/abc", "Europe/Oslo").unwrap();
        // 18:30 in Oslo in December is 17:30 UTC.
        assert_eq!(at, Some(1_796_664_600_000));
        assert_eq!(link.as_deref(), Some("https://meet.example.org/abc"));
        assert_eq!(form_values(at, "Europe/Oslo"), ("2026-12-07".into(), "18:30".into()));
        assert_eq!(parse_when("", "", "", "UTC"), Ok((None, None)));
        assert_eq!(parse_when("2026-12-07", "", "", "UTC"), Err("notice-trust-round-when"));
        assert_eq!(parse_when("2026-13-07", "10:00", "", "UTC"), Err("notice-trust-round-when"));
        assert_eq!(parse_when("", "", "javascript:alert(1)", "UTC"), Err("notice-trust-round-link"));
    }
}
