//! The check-in routes: thin handlers that ask the policy, check the form, and leave the
//! rest to `queries` (the database), `notify` (emails, reminders) and `views`.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;

use super::notify::{self, Event};
use super::queries::{self, Refused};
use super::rules::{self, OfferForm};
use super::views::{AvailabilityPage, IndexPage, MeetingView, MineView, OfferView, SlotView, is_link, slot_label};
use crate::app::AppState;
use crate::db::entity::{booking, contact};
use crate::error::{AppError, AppResult};
use crate::i18n::{Locale, Tr};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, Viewer, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/check-ins", get(index))
        .route("/courses/{course_id}/check-ins/availability", get(availability_form).post(save_availability))
        .route("/courses/{course_id}/check-ins/book", post(book))
        .route("/courses/{course_id}/check-ins/{booking_id}/cancel", post(cancel))
        .route("/courses/{course_id}/check-ins/{booking_id}/move", post(move_booking))
        .route("/courses/{course_id}/check-ins/{booking_id}/note", post(note))
        .route("/courses/{course_id}/check-ins/feed", post(renew_feed))
        .route("/check-ins/feed/{feed}", get(feed))
}

/// How many open slots a page lists per member of staff.
const SLOTS_SHOWN: usize = 60;

fn back(c: &CourseCtx, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/check-ins", c.course.id)), c.ctx.secure)
}

async fn index(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(&index_page(&state, &c, None, String::new()).await?)
}

async fn index_page(state: &AppState, c: &CourseCtx, error: Option<String>, topic: String) -> AppResult<IndexPage> {
    let me = c.user()?;
    let now = now_ms();
    let tr = c.ctx.tr();
    let zone = me.time_zone.clone();
    let may_book = c.may(Action::BookCheckIns);
    let may_offer = c.may(Action::OfferCheckIns);
    let db = &state.db;
    let offers = queries::open_offers(db, c.course.id).await?;
    let staff: Vec<i64> = offers.iter().map(|(o, _)| o.staff_id).collect();
    let until = offers.iter().map(|(o, _)| queries::window(o, now).1).max().unwrap_or(now);
    let taken = queries::taken(db, &staff, now - 2 * 86_400_000, until).await?;
    let slot_views = |o: &crate::db::entity::booking_offer::Model| -> Vec<SlotView> {
        queries::slots_of(o, &taken, now)
            .into_iter()
            .take(SLOTS_SHOWN)
            .map(|s| SlotView {
                start: s.start.as_millisecond(),
                label: slot_label(s.start.as_millisecond(), s.end.as_millisecond(), &zone, &tr),
                places_left: s.places_left,
            })
            .collect()
    };
    let mine_rows = if may_book { queries::upcoming_for_student(db, c.course.id, me.id, now).await? } else { vec![] };
    let (upcoming_rows, past_rows) = if may_offer {
        (
            queries::for_staff(db, c.course.id, me.id, now, true).await?,
            queries::for_staff(db, c.course.id, me.id, now, false).await?,
        )
    } else {
        (vec![], vec![])
    };
    let folks = queries::people(
        db,
        mine_rows.iter().map(|b| b.staff_id).chain(upcoming_rows.iter().chain(&past_rows).map(|b| b.student_id)),
    )
    .await?;
    let name = |id| notify::name_of(&folks, id);
    let mine = mine_rows
        .iter()
        .map(|b| {
            let offer = offers.iter().find(|(o, _)| o.staff_id == b.staff_id).map(|(o, _)| o);
            let cutoff = offer.map(|o| o.cutoff_minutes).unwrap_or(0);
            let may_change = homeroom_booking::may_change(ts(b.starts_at), ts(now), i64::from(cutoff));
            MineView {
                id: b.id,
                when: slot_label(b.starts_at, b.ends_at, &zone, &tr),
                staff_name: name(b.staff_id),
                place: b.place.clone(),
                place_is_link: is_link(&b.place),
                topic: b.topic.clone(),
                may_change,
                moves: if may_change { offer.map(&slot_views).unwrap_or_default() } else { vec![] },
            }
        })
        .collect();
    let meeting = |b: &booking::Model| MeetingView {
        id: b.id,
        when: slot_label(b.starts_at, b.ends_at, &zone, &tr),
        student_name: name(b.student_id),
        topic: b.topic.clone(),
        note: b.note.clone().unwrap_or_default(),
        follow_up: b.follow_up.clone().unwrap_or_default(),
    };
    let has_offer = if may_offer { queries::offer(db, c.course.id, me.id).await?.is_some() } else { false };
    let token = queries::feed_token(db, me.id, now).await?;
    Ok(IndexPage {
        page: Page::new(&c.ctx, "booking-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        my_zone: zone.clone(),
        may_book,
        may_offer,
        has_offer,
        offers: offers
            .iter()
            .map(|(o, n)| OfferView {
                staff_id: o.staff_id,
                staff_name: n.clone(),
                place: o.place.clone(),
                place_is_link: is_link(&o.place),
                group: o.capacity > 1,
                slots: slot_views(o),
            })
            .collect(),
        mine,
        upcoming: upcoming_rows.iter().map(meeting).collect(),
        past: past_rows.iter().map(meeting).collect(),
        feed_url: format!("{}/check-ins/feed/{token}.ics", state.config.base_url()),
        error,
        topic,
    })
}

fn ts(ms: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

async fn availability_form(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::OfferCheckIns)?;
    let me = c.user()?;
    let o = queries::offer(&state.db, c.course.id, me.id).await?;
    render(&availability_page(&c, OfferForm::from_offer(o.as_ref()), vec![]))
}

fn availability_page(c: &CourseCtx, form: OfferForm, errors: Vec<(&'static str, String)>) -> AvailabilityPage {
    AvailabilityPage {
        page: Page::new(&c.ctx, "booking-availability-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        zone: c.ctx.user.as_ref().map(|u| u.time_zone.clone()).unwrap_or_default(),
        form,
        errors,
    }
}

async fn save_availability(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<OfferForm>,
) -> AppResult<Response> {
    c.require(Action::OfferCheckIns)?;
    let me = c.user()?;
    match f.check() {
        Ok(o) => {
            queries::save_offer(&state.db, c.course.id, me.id, &me.time_zone, &o, now_ms()).await?;
            Ok(back(&c, "notice-booking-saved"))
        }
        Err(errors) => {
            let t = c.ctx.tr();
            let errors = errors.into_iter().map(|(field, id)| (field, t.t(id))).collect();
            let mut res = render(&availability_page(&c, f, errors))?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

#[derive(Deserialize)]
struct BookForm {
    #[serde(default)]
    staff_id: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    topic: String,
}

async fn refuse(state: &AppState, c: &CourseCtx, id: &str, topic: String) -> AppResult<Response> {
    let mut res = render(&index_page(state, c, Some(c.ctx.tr().t(id)), topic).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

async fn book(State(state): State<AppState>, c: CourseCtx, Form(f): Form<BookForm>) -> AppResult<Response> {
    c.require(Action::BookCheckIns)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Booking).await?;
    let me = c.user()?.id;
    let now = now_ms();
    let Some(topic) = rules::clean_text(&f.topic, rules::MAX_TOPIC) else {
        return refuse(&state, &c, "booking-err-topic", f.topic).await;
    };
    let (Ok(staff_id), Ok(start)) = (f.staff_id.trim().parse::<i64>(), f.start.trim().parse::<i64>()) else {
        return refuse(&state, &c, "booking-err-pick", topic).await;
    };
    let offer = queries::open_offers(&state.db, c.course.id).await?.into_iter().find(|(o, _)| o.staff_id == staff_id);
    let Some((offer, _)) = offer else {
        return refuse(&state, &c, "booking-err-gone", topic).await;
    };
    // Taking the staff member's turn is the transaction's first statement: a write, so on
    // SQLite it takes the write lock (waiting) instead of failing to upgrade a read; the
    // slot is then computed from every booking already committed, limits included.
    let txn = state.db.begin().await?;
    queries::take_turn(&txn, offer.staff_id).await?;
    let slot = match queries::find_slot(&txn, &offer, me, start, now).await? {
        Ok(s) => s,
        Err(why) => {
            txn.rollback().await?;
            let id = if why == Refused::AlreadyIn { "booking-err-already" } else { "booking-err-gone" };
            return refuse(&state, &c, id, topic).await;
        }
    };
    let uid = crate::auth::tokens::new_token();
    let Some(b) = queries::take_place(&txn, &offer, &slot, me, &topic, (&uid, 0), now).await? else {
        txn.rollback().await?;
        return refuse(&state, &c, "booking-err-gone", topic).await;
    };
    notify::send(&txn, &state.mailer, &state.config.base_url(), &b, Event::Booked).await?;
    notify::plan_reminders(&txn, &b, now).await?;
    txn.commit().await?;
    state.mailer.wake();
    Ok(back(&c, "notice-booking-booked"))
}

/// The booking, if the asker is its student or its member of staff.
async fn own_booking(state: &AppState, c: &CourseCtx, id: i64) -> AppResult<booking::Model> {
    let me = c.user()?.id;
    queries::booking_in(&state.db, c.course.id, id)
        .await?
        .filter(|b| b.student_id == me || b.staff_id == me)
        .ok_or(AppError::NotFound)
}

async fn cancel(State(state): State<AppState>, c: CourseCtx, Path((_, id)): Path<(i64, i64)>) -> AppResult<Response> {
    c.require(if c.may(Action::OfferCheckIns) { Action::OfferCheckIns } else { Action::BookCheckIns })?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Booking).await?;
    let b = own_booking(&state, &c, id).await?;
    let now = now_ms();
    if b.staff_id != c.user()?.id {
        let cutoff = queries::offer(&state.db, c.course.id, b.staff_id).await?.map(|o| o.cutoff_minutes).unwrap_or(0);
        if !homeroom_booking::may_change(ts(b.starts_at), ts(now), i64::from(cutoff)) {
            return refuse(&state, &c, "booking-err-cutoff", String::new()).await;
        }
    }
    let txn = state.db.begin().await?;
    if queries::release(&txn, &b, "cancelled", now).await? {
        let b = booking::Model { sequence: b.sequence + 1, status: "cancelled".into(), ..b };
        notify::send(&txn, &state.mailer, &state.config.base_url(), &b, Event::Cancelled).await?;
    }
    txn.commit().await?;
    state.mailer.wake();
    Ok(back(&c, "notice-booking-cancelled"))
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    start: String,
}

/// Move to another slot of the same member of staff: a new place with the same UID and
/// a higher SEQUENCE, so calendars move the meeting instead of adding a second one.
async fn move_booking(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> AppResult<Response> {
    c.require(Action::BookCheckIns)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Booking).await?;
    let me = c.user()?.id;
    let b = own_booking(&state, &c, id).await?;
    if b.student_id != me || b.status != "booked" {
        return Err(AppError::NotFound);
    }
    let now = now_ms();
    let offer = queries::open_offers(&state.db, c.course.id).await?.into_iter().find(|(o, _)| o.staff_id == b.staff_id);
    let Some((offer, _)) = offer else {
        return refuse(&state, &c, "booking-err-gone", String::new()).await;
    };
    if !homeroom_booking::may_change(ts(b.starts_at), ts(now), i64::from(offer.cutoff_minutes)) {
        return refuse(&state, &c, "booking-err-cutoff", String::new()).await;
    }
    let Ok(start) = f.start.trim().parse::<i64>() else {
        return refuse(&state, &c, "booking-err-pick", String::new()).await;
    };
    let txn = state.db.begin().await?;
    queries::take_turn(&txn, offer.staff_id).await?;
    let slot = match queries::find_slot(&txn, &offer, me, start, now).await? {
        Ok(s) => s,
        Err(_) => {
            txn.rollback().await?;
            return refuse(&state, &c, "booking-err-gone", String::new()).await;
        }
    };
    let Some(moved) = queries::take_place(&txn, &offer, &slot, me, &b.topic, (&b.uid, b.sequence + 1), now).await?
    else {
        txn.rollback().await?;
        return refuse(&state, &c, "booking-err-gone", String::new()).await;
    };
    if !queries::release(&txn, &b, "moved", now).await? {
        txn.rollback().await?;
        return Err(AppError::NotFound);
    }
    notify::send(&txn, &state.mailer, &state.config.base_url(), &moved, Event::Moved).await?;
    notify::plan_reminders(&txn, &moved, now).await?;
    txn.commit().await?;
    state.mailer.wake();
    Ok(back(&c, "notice-booking-moved"))
}

#[derive(Deserialize)]
struct NoteForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    follow_up: String,
}

/// After the meeting: the staff member's private note and follow-up, and the meeting
/// goes into the contact ledger (once; a second save updates it).
async fn note(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<NoteForm>,
) -> AppResult<Response> {
    c.require(Action::OfferCheckIns)?;
    let me = c.user()?.id;
    let b = own_booking(&state, &c, id).await?;
    let now = now_ms();
    if b.staff_id != me || b.status != "booked" {
        return Err(AppError::NotFound);
    }
    if b.starts_at > now {
        return refuse(&state, &c, "booking-err-not-yet", String::new()).await;
    }
    let (Some(text), Ok(follow_up)) = (rules::clean_text(&f.note, rules::MAX_NOTE), rules::follow_up(&f.follow_up))
    else {
        return refuse(&state, &c, "booking-err-note", String::new()).await;
    };
    let text = (!text.is_empty()).then_some(text);
    let txn = state.db.begin().await?;
    booking::Entity::update_many()
        .col_expr(booking::Column::Note, sea_orm::sea_query::Expr::value(text.clone()))
        .col_expr(booking::Column::FollowUp, sea_orm::sea_query::Expr::value(follow_up.clone()))
        .col_expr(booking::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(booking::Column::Id.eq(b.id))
        .exec(&txn)
        .await?;
    let row = contact::ActiveModel {
        course_id: Set(b.course_id),
        staff_id: Set(b.staff_id),
        student_id: Set(b.student_id),
        kind: Set("meeting".into()),
        at: Set(b.starts_at),
        note: Set(text),
        follow_up: Set(follow_up),
        source: Set("booking".into()),
        source_id: Set(Some(b.id)),
        created_at: Set(now),
        ..Default::default()
    };
    contact::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([contact::Column::Kind, contact::Column::SourceId, contact::Column::StudentId])
                .update_columns([contact::Column::Note, contact::Column::FollowUp])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    crate::presence::request_refresh(&txn, c.course.id, &format!("booking-{}-{now}", b.id), now).await?;
    txn.commit().await?;
    Ok(back(&c, "notice-booking-noted"))
}

async fn renew_feed(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    queries::renew_feed(&state.db, c.user()?.id, now_ms()).await?;
    Ok(back(&c, "notice-feed-renewed"))
}

/// A person's meetings (check-ins, and the meet-ups they said yes or maybe to) as an
/// iCalendar feed. The secret in the address is the
/// permission (calendar programs cannot sign in), as for "Our week": 404 to anyone else.
async fn feed(State(state): State<AppState>, Viewer(_): Viewer, Path(file): Path<String>) -> AppResult<Response> {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::NotFound);
    }
    let now = now_ms();
    let (owner, rows) = queries::feed(&state.db, token, now).await?.ok_or(AppError::NotFound)?;
    let offers = crate::db::entity::booking_offer::Entity::find()
        .filter(crate::db::entity::booking_offer::Column::StaffId.is_in(rows.iter().map(|b| b.staff_id)))
        .all(&state.db)
        .await?;
    let folks = queries::people(&state.db, rows.iter().flat_map(|b| [b.staff_id, b.student_id]).chain([owner])).await?;
    let locale = folks.iter().find(|p| p.id == owner).and_then(|p| Locale::parse(&p.locale)).unwrap_or(Locale::En);
    let tr = Tr(locale);
    let base = state.config.base_url();
    let texts: Vec<(String, String, String, String)> = rows
        .iter()
        .map(|b| {
            let zone = offers
                .iter()
                .find(|o| o.staff_id == b.staff_id && o.course_id == b.course_id)
                .map(|o| o.time_zone.clone())
                .unwrap_or_else(|| "UTC".into());
            let summary = notify::summary(
                &tr,
                b,
                owner,
                &notify::name_of(&folks, b.staff_id),
                &notify::name_of(&folks, b.student_id),
            );
            let description =
                if b.topic.is_empty() { String::new() } else { format!("{}: {}", tr.t("booking-mail-topic"), b.topic) };
            (notify::uid_of(b, &base), zone, summary, description)
        })
        .collect();
    let stamp = jiff::Timestamp::now();
    let meetings: Vec<super::ical::Meeting<'_>> = rows
        .iter()
        .zip(&texts)
        .map(|(b, (uid, zone, summary, description))| super::ical::Meeting {
            uid,
            sequence: b.sequence,
            start: ts(b.starts_at),
            end: ts(b.ends_at),
            zone,
            summary,
            description,
            place: &b.place,
            organizer_name: "",
            organizer_address: "",
            attendee_name: "",
            attendee_address: "",
            cancelled: false,
            stamp,
        })
        .collect();
    // The meet-ups they said yes or maybe to are theirs too: one feed of "my meetings".
    let meetups = crate::meetups::queries::of_person(&state.db, owner, now - 30 * 86_400_000).await?;
    let meetup_texts: Vec<(String, String)> = meetups
        .iter()
        .map(|m| (crate::meetups::notify::uid_of(m, &base), tr.t(&format!("meetups-kind-{}", m.kind))))
        .collect();
    let mut meetings = meetings;
    meetings.extend(meetups.iter().zip(&meetup_texts).map(|(m, (uid, kind))| super::ical::Meeting {
        uid,
        // A meet-up is changed only by its note (which a calendar does not show).
        sequence: 0,
        start: ts(m.starts_at),
        end: ts(m.ends_at),
        zone: &m.time_zone,
        summary: &m.title,
        description: kind,
        place: &m.place,
        organizer_name: "",
        organizer_address: "",
        attendee_name: "",
        attendee_address: "",
        cancelled: false,
        stamp,
    }));
    let body = super::ical::feed(&tr.t("booking-feed-name"), &meetings);
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "inline; filename=\"check-ins.ics\""),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response())
}
