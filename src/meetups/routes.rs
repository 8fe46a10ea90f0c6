//! The meet-up routes: thin handlers that ask the policy, check the form, and leave the
//! rest to `queries`, `notify` and the template.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::queries::{self, Row};
use super::rules::{self, ANSWERS, KINDS, MeetupForm};
use super::views::{Errors, Face, IndexPage, MeetupView, NoteDraft, PhotoView};
use crate::abuse::{self, Act};
use crate::app::AppState;
use crate::booking::views::{is_link, slot_label};
use crate::error::{AppError, AppResult};
use crate::media::Accept;
use crate::media::form::FileField;
use crate::policy::Action;
use crate::profiles::visibility::{Choices, Field};
use crate::time::now_ms;
use crate::web::paging::{Cursor, Dir, Key, PageParams, Paged};
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/meetups", get(index).post(create))
        .route("/courses/{course_id}/meetups/{meetup_id}/rsvp", post(rsvp))
        .route("/courses/{course_id}/meetups/{meetup_id}/note", post(note))
        .route("/courses/{course_id}/meetups/{meetup_id}/cancel", post(cancel))
}

fn back(c: &CourseCtx, notice: &'static str, anchor: Option<i64>) -> Response {
    let to = match anchor {
        Some(id) => format!("/courses/{}/meetups#meetup-{id}", c.course.id),
        None => format!("/courses/{}/meetups", c.course.id),
    };
    with_notice(notice, Redirect::to(&to), c.ctx.secure)
}

async fn index(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(
        &index_page(
            &state,
            &c,
            &p,
            MeetupForm { minutes: "60".into(), weeks: "1".into(), ..Default::default() },
            Errors::default(),
            None,
        )
        .await?,
    )
}

async fn index_page(
    state: &AppState,
    c: &CourseCtx,
    p: &PageParams,
    form: MeetupForm,
    errors: Errors,
    note_draft: Option<NoteDraft>,
) -> AppResult<IndexPage> {
    let me = c.user()?;
    let now = now_ms();
    let db = &state.db;
    let (dir, from) = p.cursor();
    let after = from.as_ref().and_then(|c| match c.key {
        Key::Int(at) => Some((at, c.id)),
        _ => None,
    });
    let rows = queries::upcoming_page(db, c.course.id, now, after, dir == Dir::Backward, queries::PAGE + 1).await?;
    let base = format!("/courses/{}/meetups", c.course.id);
    let paged = Paged::build(rows, queries::PAGE, dir, from.as_ref(), base, |m| Cursor::int(m.starts_at, m.id));
    let past = queries::past(db, c.course.id, now).await?;
    let ids: Vec<i64> = paged.items.iter().chain(&past).map(|m| m.id).collect();
    let counts = queries::counts(db, &ids).await?;
    let coming = queries::coming(db, &paged.items.iter().map(|m| m.id).collect::<Vec<_>>()).await?;
    let mine = queries::my_answers(db, &ids, me.id).await?;
    let photos = queries::photos(db, &past.iter().map(|m| m.id).collect::<Vec<_>>()).await?;
    let tr = c.ctx.tr();
    let may_manage = c.may(Action::ManageMeetups);
    let may_rsvp = c.may(Action::RsvpMeetups);
    let token = crate::booking::queries::feed_token(db, me.id, now).await?;
    let view = |m: &Row| {
        let count = |a: &str| counts.iter().filter(|(id, ans, _)| *id == m.id && ans == a).map(|r| r.2).sum::<i64>();
        let faces: Vec<Face> = coming
            .iter()
            .filter(|p| p.meetup_id == m.id)
            .map(|p| {
                let rel = crate::profiles::relation_in_course(me.id, c.role, me.is_site_admin, p.user_id);
                let choices = p.visibility.as_deref().map(Choices::from_json).unwrap_or_default();
                Face {
                    name: p.name.clone(),
                    photo_id: p.photo_id.filter(|_| choices.shows(Field::Photo, rel)),
                    initials: crate::courses::queries::initials(&p.name),
                    hue: ((p.user_id * 47) % 360) / 30,
                }
            })
            .collect();
        let yes = count("yes");
        MeetupView {
            id: m.id,
            title: m.title.clone(),
            kind_label: tr.t(&format!("meetups-kind-{}", m.kind)),
            when: slot_label(m.starts_at, m.ends_at, &me.time_zone, &tr),
            place: m.place.clone(),
            place_is_link: is_link(&m.place),
            host_name: m.host_name.clone(),
            yes,
            maybe: count("maybe"),
            more: (yes - faces.len() as i64).max(0),
            faces,
            mine: mine.iter().find(|(id, _)| *id == m.id).map(|r| r.1.clone()).unwrap_or_default(),
            note: match &note_draft {
                Some(d) if d.meetup_id == m.id => d.note.clone(),
                _ => m.note.clone().unwrap_or_default(),
            },
            photos: photos
                .iter()
                .filter(|p| p.meetup_id == m.id)
                .map(|p| PhotoView { media_id: p.media_id, alt: p.alt.clone() })
                .collect(),
            alt_draft: note_draft.as_ref().filter(|d| d.meetup_id == m.id).map(|d| d.alt.clone()).unwrap_or_default(),
            note_errors: match &note_draft {
                Some(d) if d.meetup_id == m.id => Errors(d.errors.0.clone()),
                _ => Errors::default(),
            },
            not_started: m.starts_at > now,
            may_note: (may_manage || (may_rsvp && m.host_id == Some(me.id))) && m.starts_at <= now,
        }
    };
    Ok(IndexPage {
        page: Page::new(&c.ctx, "meetups-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        my_zone: me.time_zone.clone(),
        course_zone: c.course.time_zone.clone(),
        may_manage,
        may_rsvp,
        upcoming: paged.items.iter().map(view).collect(),
        pager: paged.pager,
        past: past.iter().map(view).collect(),
        kinds: KINDS.iter().map(|k| (*k, tr.t(&format!("meetups-kind-{k}")))).collect(),
        form,
        errors,
        feed_url: format!("{}/check-ins/feed/{token}.ics", state.config.base_url()),
        max_photos: rules::MAX_PHOTOS,
    })
}

async fn create(State(state): State<AppState>, c: CourseCtx, Form(f): Form<MeetupForm>) -> AppResult<Response> {
    c.require(Action::ManageMeetups)?;
    abuse::check(&state, &c.ctx, Act::Meetup).await?;
    let me = c.user()?;
    let zone = crate::time::zone(&c.course.time_zone);
    let now = now_ms();
    let today = jiff::Timestamp::from_millisecond(now).map(|t| t.to_zoned(zone.clone()).date()).unwrap_or_default();
    let m = match f.check(today) {
        Ok(m) => m,
        Err(errors) => return refuse(&state, &c, f, errors).await,
    };
    let host_id = match &m.host {
        None => None,
        Some(email) => match queries::student_by_email(&state.db, c.course.id, email).await? {
            Some(id) => Some(id),
            None => return refuse(&state, &c, f, vec![("host", "meetups-err-host")]).await,
        },
    };
    let series = crate::auth::tokens::new_token();
    // All the weeks or none.
    let txn = state.db.begin().await?;
    for (starts_at, ends_at) in rules::occurrences(&m, &zone) {
        let new = queries::New {
            course_id: c.course.id,
            title: &m.title,
            kind: &m.kind,
            starts_at,
            ends_at,
            time_zone: &c.course.time_zone,
            place: &m.place,
            host_id,
            series: &series,
            created_by: me.id,
        };
        queries::insert(&txn, &new, now).await?;
    }
    txn.commit().await?;
    Ok(back(&c, "notice-meetups-planned", None))
}

/// The page again with the form as typed and each problem next to its field.
async fn refuse(
    state: &AppState,
    c: &CourseCtx,
    f: MeetupForm,
    errors: Vec<(&'static str, &'static str)>,
) -> AppResult<Response> {
    let tr = c.ctx.tr();
    let errors = Errors(errors.into_iter().map(|(k, id)| (k, tr.t(id))).collect());
    let mut res = render(&index_page(state, c, &PageParams::default(), f, errors, None).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// Call off one occurrence before it starts (staff): everyone who said yes or maybe is
/// told, the calendars that had it lose it, and its reminders find nothing to send.
async fn cancel(State(state): State<AppState>, c: CourseCtx, Path((_, id)): Path<(i64, i64)>) -> AppResult<Response> {
    c.require(Action::ManageMeetups)?;
    abuse::check(&state, &c.ctx, Act::Meetup).await?;
    let m = queries::in_course(&state.db, c.course.id, id).await?.ok_or(AppError::NotFound)?;
    if m.starts_at <= now_ms() {
        return Ok(back(&c, "notice-meetups-started", Some(m.id)));
    }
    let txn = state.db.begin().await?;
    let told = queries::call_off(&txn, m.id, now_ms()).await?;
    super::notify::called_off(&txn, &state.mailer, &state.config.base_url(), &m, told).await?;
    txn.commit().await?;
    state.mailer.wake();
    Ok(back(&c, "notice-meetups-called-off", None))
}

#[derive(Deserialize)]
struct RsvpForm {
    #[serde(default)]
    answer: String,
}

async fn rsvp(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<RsvpForm>,
) -> AppResult<Response> {
    c.require(Action::RsvpMeetups)?;
    abuse::check(&state, &c.ctx, Act::Meetup).await?;
    let me = c.user()?.id;
    let m = queries::in_course(&state.db, c.course.id, id).await?.ok_or(AppError::NotFound)?;
    let now = now_ms();
    if !ANSWERS.contains(&f.answer.as_str()) {
        return Err(AppError::BadRequest("meetups-err-answer"));
    }
    if m.ends_at <= now {
        return Ok(back(&c, "notice-meetups-over", Some(m.id)));
    }
    let txn = state.db.begin().await?;
    // The answer is written first (a write, so SQLite takes its lock before reading); the
    // earlier answer decides whether the calendar gains or loses the event.
    let before = queries::my_answers(&txn, &[m.id], me).await?.into_iter().next().map(|r| r.1);
    queries::answer(&txn, m.id, me, &f.answer, now).await?;
    let was_yes = before.as_deref() == Some("yes");
    let base = state.config.base_url();
    if f.answer != "no" {
        super::notify::plan_reminders(&txn, &m, me, now).await?;
    }
    if f.answer == "yes" && !was_yes {
        super::notify::invite(&txn, &state.mailer, &base, &m, me, false).await?;
    } else if f.answer != "yes" && was_yes {
        super::notify::invite(&txn, &state.mailer, &base, &m, me, true).await?;
    }
    txn.commit().await?;
    state.mailer.wake();
    Ok(back(&c, "notice-meetups-answered", Some(m.id)))
}

/// What a meet-up's photos are stored as (shown to the course's members only, as every
/// course file without rules of its own: `media::access`).
pub const PHOTO_PURPOSE: &str = "meetup-photo";

/// How it went, with a photo (and its alt text) if they like: staff, or the student who
/// hosted, once it has started. The note and the photo are written together or not at
/// all; a refused form comes back with what was typed and each problem by its field.
async fn note(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    mut mp: Multipart,
) -> AppResult<Response> {
    c.require(Action::RsvpMeetups)?;
    abuse::check(&state, &c.ctx, Act::Meetup).await?;
    let me = c.user()?.id;
    let m = queries::in_course(&state.db, c.course.id, id).await?.ok_or(AppError::NotFound)?;
    if !c.may(Action::ManageMeetups) && m.host_id != Some(me) {
        return Err(AppError::Forbidden);
    }
    if !rules::may_write_note(m.starts_at, jiff::Timestamp::now()) {
        return Ok(back(&c, "notice-meetups-not-yet", Some(m.id)));
    }
    let tr = c.ctx.tr();
    let photo_field = FileField { name: "photo", accept: Accept::Image, label_id: "meetups-field-photo" };
    let mut form = crate::media::form::read(&state.config, &tr, &mut mp, &[photo_field]).await;
    let photo = form.take("photo");
    let (note_raw, alt_raw) = (form.get("note").to_string(), form.get("alt").to_string());
    let mut errors: Vec<(&'static str, String)> = vec![];
    if let Some((_, message)) = form.file_error.take() {
        errors.push(("photo", message));
    } else if !form.errors.is_empty() {
        errors.push(("photo", form.errors.join(" ")));
    }
    let text = rules::clean(&note_raw, rules::MAX_NOTE, true);
    if text.is_none() {
        errors.push(("note", tr.t("notice-meetups-note-long")));
    }
    let alt = match &photo {
        Some(_) => match rules::alt_text(&alt_raw) {
            Ok(a) => Some(a),
            Err(e) => {
                errors.push(("alt", tr.t(e)));
                None
            }
        },
        None => None,
    };
    if photo.is_some() && queries::photo_count(&state.db, m.id).await? >= rules::MAX_PHOTOS {
        errors.push(("photo", tr.t1("meetups-err-photos", "max", rules::MAX_PHOTOS)));
    }
    let draft = |errors| NoteDraft { meetup_id: m.id, note: note_raw.clone(), alt: alt_raw.clone(), errors };
    let (Some(text), true) = (text, errors.is_empty()) else {
        if let Some(r) = photo {
            crate::media::discard(r).await;
        }
        form.discard().await;
        return refuse_note(&state, &c, draft(Errors(errors))).await;
    };
    let stored = match photo {
        Some(r) => match crate::media::store_fitted(&state.config, r).await {
            Ok(s) => Some(s),
            Err(e) => {
                let message = e.message(&tr, &tr.t("meetups-field-photo"));
                return refuse_note(&state, &c, draft(Errors(vec![("photo", message)]))).await;
            }
        },
        None => None,
    };
    let now = now_ms();
    let written: Result<(), sea_orm::DbErr> = async {
        let txn = state.db.begin().await?;
        queries::set_note(&txn, m.id, (!text.is_empty()).then_some(text), me, now).await?;
        if let (Some(s), Some(alt)) = (&stored, &alt) {
            let media = s.insert(&txn, me, Some(c.course.id), PHOTO_PURPOSE).await?;
            queries::add_photo(&txn, m.id, media.id, me, alt, now).await?;
        }
        txn.commit().await
    }
    .await;
    if let Err(e) = written {
        if let Some(s) = stored {
            s.remove(&state.config).await;
        }
        return Err(e.into());
    }
    Ok(back(&c, "notice-meetups-noted", Some(m.id)))
}

/// The page again with the meet-up's "how it went" form as typed and its problems.
async fn refuse_note(state: &AppState, c: &CourseCtx, draft: NoteDraft) -> AppResult<Response> {
    let form = MeetupForm { minutes: "60".into(), weeks: "1".into(), ..Default::default() };
    let page = index_page(state, c, &PageParams::default(), form, Errors::default(), Some(draft)).await?;
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
