//! Introductions: each member introduces themselves in a course with text, a photo and
//! optionally a voice or video clip recorded in the browser (`static/record.js`; a file
//! upload without JavaScript) with its transcript. The teaching team's come first,
//! pinned. Classmates welcome them with a short reply; the teaching team sees who has
//! not introduced themselves and can send a friendly nudge, at most once a day.
//! "Meet the class" shows everyone as cards, filtered by plain GET queries.

pub mod class;
pub mod directory;
pub mod filter;
mod queries;

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{introduction, introduction_nudge, introduction_reply, user};
use crate::error::{AppError, AppResult};
use crate::media::form::FileField;
use crate::media::{Accept, Stored};
use crate::policy::{Action, Role};
use crate::time::now_ms;
use crate::web::paging::{Cursor, PageParams, Paged, Pager};
use crate::web::{CourseCtx, Page, render, with_notice};

pub const PURPOSE_PHOTO: &str = "intro_photo";
pub const PURPOSE_CLIP: &str = "intro_clip";
pub const MAX_BODY: usize = 3000;
pub const MAX_TRANSCRIPT: usize = 5000;
pub const MAX_WELCOME: usize = 280;
/// A person is nudged at most once in this long.
pub const NUDGE_EVERY_MS: i64 = 24 * 60 * 60 * 1000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/courses/{course_id}/introductions",
            get(show).post(post_intro).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/courses/{course_id}/introductions/{intro_id}/welcome", post(welcome))
        .route("/courses/{course_id}/introductions/nudge", post(nudge))
        .route("/courses/{course_id}/class", get(class::meet_the_class))
}

/// The first line of someone's introduction in a course, shortened for a card.
pub async fn first_line(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<Option<String>, DbErr> {
    let intro = introduction::Entity::find()
        .filter(introduction::Column::CourseId.eq(course_id))
        .filter(introduction::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    Ok(intro.map(|i| filter::first_line(&i.body, 140)).filter(|s| !s.is_empty()))
}

pub struct ReplyView {
    pub author: String,
    pub body: String,
    pub at: i64,
}

pub struct IntroView {
    pub id: i64,
    pub user_id: i64,
    pub author: String,
    pub initials: String,
    pub hue: i64,
    pub pinned: bool,
    pub body_html: String,
    pub photo_id: Option<i64>,
    pub clip: Option<(i64, bool)>,
    /// How long the clip plays ("1:05"), when known.
    pub clip_length: Option<String>,
    pub transcript: String,
    pub at: i64,
    pub replies: Vec<ReplyView>,
    /// Welcomes beyond the latest few shown.
    pub more_welcomes: i64,
    pub welcomed: bool,
    /// Feedback on this introduction, for its author (released) and the teaching team.
    pub feedback: Vec<crate::feedback::views::OnItemView>,
}

#[derive(Template)]
#[template(path = "introductions/show.html")]
struct IntroPage {
    page: Page,
    course_id: i64,
    course_title: String,
    intros: Vec<IntroView>,
    pager: Pager,
    /// The address of this page, for the welcome forms to come back to.
    here: String,
    may_post: bool,
    may_welcome: bool,
    may_nudge: bool,
    me: i64,
    mine: Option<introduction::Model>,
    draft_body: String,
    draft_transcript: String,
    /// Students who have not introduced themselves: id, name, when last reminded, and
    /// whether that was within the last day (no second reminder yet).
    missing: Vec<queries::Missing>,
    /// Students not introduced yet, in all; the list shows the first few.
    missing_total: i64,
    errors: Vec<String>,
    image_mb: u64,
    audio_mb: u64,
    video_mb: u64,
}

/// Introductions a page shows below the teaching team's pinned ones.
pub const PAGE_SIZE: u64 = 25;
/// The teaching team's pinned introductions, shown above the first page.
const MAX_PINNED: u64 = 20;

/// The newest introductions first, a page at a time; the teaching team's are pinned
/// above the first page.
async fn intro_page(
    db: &impl ConnectionTrait,
    course_id: i64,
    p: &PageParams,
) -> Result<(Vec<introduction::Model>, Paged<introduction::Model>), DbErr> {
    let size = p.size(PAGE_SIZE);
    let (dir, from) = p.cursor();
    let order = dir.order(Order::Desc);
    let mut q = introduction::Entity::find()
        .filter(introduction::Column::CourseId.eq(course_id))
        .filter(introduction::Column::Pinned.eq(false));
    if let Some(c) = &from {
        q = q.filter(c.condition(introduction::Column::CreatedAt, introduction::Column::Id, order.clone()));
    }
    let pinned = introduction::Entity::find()
        .filter(introduction::Column::CourseId.eq(course_id))
        .filter(introduction::Column::Pinned.eq(true))
        .order_by_asc(introduction::Column::CreatedAt)
        .limit(MAX_PINNED)
        .all(db);
    let rows = q
        .order_by(introduction::Column::CreatedAt, order.clone())
        .order_by(introduction::Column::Id, order)
        .limit(size + 1)
        .all(db);
    let (pinned, rows) = futures::join!(pinned, rows);
    let base = format!("/courses/{course_id}/introductions");
    let paged = Paged::build(rows?, size, dir, from.as_ref(), base, |i| Cursor::int(i.created_at, i.id));
    Ok((pinned?, paged))
}

async fn page_for(
    state: &AppState,
    c: &CourseCtx,
    p: &PageParams,
    errors: Vec<String>,
    draft: Option<(String, String)>,
) -> AppResult<IntroPage> {
    let me = c.user()?.id;
    let db = &state.db;
    let may_nudge = c.may(Action::NudgeIntroductions);
    let mine = introduction::Entity::find()
        .filter(introduction::Column::CourseId.eq(c.course.id))
        .filter(introduction::Column::UserId.eq(me))
        .one(db);
    let (listed, mine, missing) =
        futures::join!(intro_page(db, c.course.id, p), mine, missing(db, c.course.id, may_nudge));
    let ((pinned, paged), mine, (missing, missing_total)) = (listed?, mine?, missing?);
    // The pinned ones head the first page only.
    let mut rows: Vec<introduction::Model> = if paged.pager.prev.is_none() { pinned } else { vec![] };
    rows.extend(paged.items);
    let ids: Vec<i64> = rows.iter().map(|i| i.id).collect();
    let clip_ids: Vec<i64> = rows.iter().filter_map(|i| i.clip_id).collect();
    let welcomes = queries::welcomes(db, &ids, me);
    let clips = crate::db::entity::media::Entity::find()
        .select_only()
        .column(crate::db::entity::media::Column::Id)
        .column(crate::db::entity::media::Column::Kind)
        .column(crate::db::entity::media::Column::DurationMs)
        .filter(crate::db::entity::media::Column::Id.is_in(clip_ids))
        .into_tuple::<(i64, String, Option<i64>)>()
        .all(db);
    // Feedback on the introductions shown: one statement bound to the reader (their own,
    // released; all of it for the teaching team).
    let feedback = async {
        if c.may(Action::ViewFeedback) {
            let staff = c.may(Action::GiveFeedback);
            crate::feedback::queries::on_items(db, c.course.id, "introduction", &ids, me, staff).await
        } else {
            Ok(vec![])
        }
    };
    let (welcomes, clips, feedback) = futures::join!(welcomes, clips, feedback);
    let queries::Welcomes { shown: mut by_intro, total: welcome_totals, mine: welcomed_by_me } = welcomes?;
    let mut feedback_on: HashMap<i64, Vec<crate::feedback::views::OnItemView>> = HashMap::new();
    for f in feedback? {
        let (intro, view) = crate::feedback::views::OnItemView::of(f, &c.ctx.tr());
        feedback_on.entry(intro).or_default().push(view);
    }
    let clips = clips?;
    let clip_kinds: HashMap<i64, bool> = clips.iter().map(|(id, kind, _)| (*id, kind == "video")).collect();
    let clip_lengths: HashMap<i64, i64> = clips.iter().filter_map(|(id, _, ms)| ms.map(|ms| (*id, ms))).collect();
    let mut people_ids: Vec<i64> = rows.iter().map(|i| i.user_id).collect();
    people_ids.extend(by_intro.values().flatten().map(|r| r.user_id));
    // Names and the profile photos the viewer may see, in one query.
    let people = crate::people::cards(db, c.course.id, crate::people::Seer::of(c), &people_ids).await?;
    let name = |id: i64| people.get(&id).map(|u| u.name.clone()).unwrap_or_default();
    let intros = rows
        .iter()
        .map(|i| {
            let rs = by_intro.remove(&i.id).unwrap_or_default();
            IntroView {
                id: i.id,
                user_id: i.user_id,
                author: name(i.user_id),
                initials: crate::courses::queries::initials(&name(i.user_id)),
                hue: (i.user_id * 47) % 360,
                pinned: i.pinned,
                body_html: crate::markdown::to_html(&i.body),
                // Without a photo of its own, an introduction shows the author's profile
                // photo, if the viewer may see it.
                photo_id: i.photo_id.or_else(|| people.get(&i.user_id).and_then(|p| p.photo_id)),
                clip: i.clip_id.map(|id| (id, clip_kinds.get(&id).copied().unwrap_or(false))),
                clip_length: i.clip_id.and_then(|id| clip_lengths.get(&id)).map(|ms| crate::media::webm::clock(*ms)),
                transcript: i.transcript.clone(),
                at: i.created_at,
                welcomed: welcomed_by_me.contains(&i.id),
                more_welcomes: (welcome_totals.get(&i.id).copied().unwrap_or(0) - rs.len() as i64).max(0),
                replies: rs
                    .into_iter()
                    .map(|r| ReplyView { author: name(r.user_id), body: r.body, at: r.created_at })
                    .collect(),
                feedback: feedback_on.remove(&i.id).unwrap_or_default(),
            }
        })
        .collect::<Vec<_>>();
    let (draft_body, draft_transcript) =
        draft.unwrap_or_else(|| mine.as_ref().map(|m| (m.body.clone(), m.transcript.clone())).unwrap_or_default());
    let here = match (&p.after, &p.before) {
        (Some(a), _) => paged.pager.base.clone() + "?after=" + a,
        (None, Some(b)) => paged.pager.base.clone() + "?before=" + b,
        _ => paged.pager.base.clone(),
    };
    Ok(IntroPage {
        page: Page::new(&c.ctx, "intro-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        intros,
        pager: paged.pager,
        here,
        may_post: c.may(Action::PostIntroduction),
        may_welcome: c.may(Action::WelcomeIntroduction),
        may_nudge,
        me,
        mine,
        draft_body,
        draft_transcript,
        missing,
        missing_total,
        errors,
        image_mb: state.config.max_image_mb,
        audio_mb: state.config.max_audio_mb,
        video_mb: state.config.max_video_mb,
    })
}

/// For the teaching team: the first students who have not introduced themselves, and
/// how many there are in all (nothing for others).
async fn missing(
    db: &impl ConnectionTrait,
    course_id: i64,
    may_nudge: bool,
) -> Result<(Vec<queries::Missing>, i64), DbErr> {
    if !may_nudge {
        return Ok((vec![], 0));
    }
    queries::missing(db, course_id, NUDGE_EVERY_MS).await
}

async fn show(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(&page_for(&state, &c, &p, vec![], None).await?)
}

async fn post_intro(State(state): State<AppState>, c: CourseCtx, mut mp: Multipart) -> AppResult<Response> {
    c.require(Action::PostIntroduction)?;
    let tr = c.ctx.tr();
    let me = c.user()?.id;
    let mut form = crate::media::form::read(
        &state.config,
        &tr,
        &mut mp,
        &[
            FileField { name: "photo", accept: Accept::Image, label_id: "intro-photo" },
            FileField { name: "clip", accept: Accept::Clip, label_id: "intro-clip" },
        ],
    )
    .await;
    // A body far over the limits was cut short: keep what was read of the text (the
    // saved introduction for what was not).
    if form.cut_short {
        let errors = std::mem::take(&mut form.errors);
        let draft = form.text.get("body").map(|b| (b.clone(), form.get("transcript").to_string()));
        form.discard().await;
        let mut res = render(&page_for(&state, &c, &PageParams::default(), errors, draft).await?)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let (photo, clip) = (form.take("photo"), form.take("clip"));
    let mut errors = std::mem::take(&mut form.errors);
    let text = std::mem::take(&mut form.text);
    let body = text.get("body").map(|s| s.trim().replace("\r\n", "\n")).unwrap_or_default();
    let transcript = text.get("transcript").map(|s| s.trim().replace("\r\n", "\n")).unwrap_or_default();
    let remove_clip = text.get("remove_clip").is_some_and(|v| v == "1");
    if body.is_empty() {
        errors.push(tr.t("intro-err-empty"));
    } else if body.chars().count() > MAX_BODY {
        errors.push(tr.t1("intro-err-long", "max", MAX_BODY));
    }
    if transcript.chars().count() > MAX_TRANSCRIPT {
        errors.push(tr.t1("intro-err-transcript", "max", MAX_TRANSCRIPT));
    }
    let mut stored: Vec<Option<Stored>> = vec![];
    if errors.is_empty() {
        for (r, label) in [(photo, "intro-photo"), (clip, "intro-clip")] {
            match r {
                Some(r) => match crate::media::store(&state.config, r).await {
                    Ok(s) => stored.push(Some(s)),
                    Err(e) => {
                        errors.push(e.message(&tr, &tr.t(label)));
                        stored.push(None);
                    }
                },
                None => stored.push(None),
            }
        }
    } else {
        for r in [photo, clip].into_iter().flatten() {
            crate::media::discard(r).await;
        }
    }
    if !errors.is_empty() {
        for s in stored.iter().flatten() {
            s.remove(&state.config).await;
        }
        let mut res = render(&page_for(&state, &c, &PageParams::default(), errors, Some((body, transcript))).await?)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let new_clip = stored.pop().flatten();
    let new_photo = stored.pop().flatten();
    let pinned = c.role.is_some_and(Role::is_teaching);
    let written = write_intro(
        &state,
        c.course.id,
        me,
        &body,
        &transcript,
        pinned,
        new_photo.as_ref(),
        new_clip.as_ref(),
        remove_clip,
    )
    .await;
    match written {
        Ok(old) => {
            for k in old {
                crate::media::remove_files(&state.config, &k).await;
            }
            Ok(with_notice(
                "notice-intro-posted",
                Redirect::to(&format!("/courses/{}/introductions", c.course.id)),
                c.ctx.secure,
            ))
        }
        Err(e) => {
            for s in [new_photo, new_clip].iter().flatten() {
                s.remove(&state.config).await;
            }
            Err(e.into())
        }
    }
}

/// Create or replace one's introduction in one transaction; returns the storage keys
/// of replaced files, removed after commit.
#[allow(clippy::too_many_arguments)]
async fn write_intro(
    state: &AppState,
    course_id: i64,
    me: i64,
    body: &str,
    transcript: &str,
    pinned: bool,
    new_photo: Option<&Stored>,
    new_clip: Option<&Stored>,
    remove_clip: bool,
) -> Result<Vec<String>, DbErr> {
    let txn = state.db.begin().await?;
    let now = now_ms();
    let existing = introduction::Entity::find()
        .filter(introduction::Column::CourseId.eq(course_id))
        .filter(introduction::Column::UserId.eq(me))
        .one(&txn)
        .await?;
    let mut old = vec![];
    let mut photo_id = existing.as_ref().and_then(|e| e.photo_id);
    if let Some(s) = new_photo {
        if let Some(id) = photo_id.take() {
            old.extend(crate::media::delete_row(&txn, id).await?);
        }
        photo_id = Some(s.insert(&txn, me, Some(course_id), PURPOSE_PHOTO).await?.id);
    }
    let mut clip_id = existing.as_ref().and_then(|e| e.clip_id);
    if (new_clip.is_some() || remove_clip)
        && let Some(id) = clip_id.take()
    {
        old.extend(crate::media::delete_row(&txn, id).await?);
    }
    if let Some(s) = new_clip {
        clip_id = Some(s.insert(&txn, me, Some(course_id), PURPOSE_CLIP).await?.id);
    }
    match existing {
        Some(e) => {
            let mut a: introduction::ActiveModel = e.into();
            a.body = Set(body.to_string());
            a.transcript = Set(transcript.to_string());
            a.photo_id = Set(photo_id);
            a.clip_id = Set(clip_id);
            a.pinned = Set(pinned);
            a.updated_at = Set(now);
            a.update(&txn).await?;
        }
        None => {
            introduction::ActiveModel {
                course_id: Set(course_id),
                user_id: Set(me),
                body: Set(body.to_string()),
                photo_id: Set(photo_id),
                clip_id: Set(clip_id),
                transcript: Set(transcript.to_string()),
                pinned: Set(pinned),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(old)
}

#[derive(Deserialize)]
struct WelcomeForm {
    body: String,
    /// The page of introductions the welcome was written on.
    #[serde(default)]
    back: String,
}

/// Back to the page of introductions someone was on, never to an address from elsewhere.
fn back_to(course_id: i64, raw: &str) -> String {
    let list = format!("/courses/{course_id}/introductions");
    let rest = raw.strip_prefix(&list).unwrap_or("!");
    let ok = (rest.is_empty() || rest.starts_with('?')) && !rest.contains(['#', '\\']) && !raw.contains("//");
    if ok { raw.to_string() } else { list }
}

async fn welcome(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, intro_id)): Path<(i64, i64)>,
    Form(f): Form<WelcomeForm>,
) -> AppResult<Response> {
    c.require(Action::WelcomeIntroduction)?;
    let intro = introduction::Entity::find_by_id(intro_id)
        .filter(introduction::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = f.body.split_whitespace().collect::<Vec<_>>().join(" ");
    if body.is_empty() || body.chars().count() > MAX_WELCOME {
        let msg = c.ctx.tr().t1("intro-err-welcome", "max", MAX_WELCOME);
        let mut res = render(&page_for(&state, &c, &PageParams::default(), vec![msg], None).await?)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let me = c.user()?.id;
    let link = format!("/courses/{}/introductions#intro-{}", c.course.id, intro.id);
    // The welcome and the welcomed person's notification are written together.
    let txn = state.db.begin().await?;
    introduction_reply::ActiveModel {
        introduction_id: Set(intro.id),
        user_id: Set(me),
        body: Set(body.clone()),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::notifications::notify(
        &txn,
        crate::notifications::New {
            user_id: intro.user_id,
            course_id: Some(c.course.id),
            kind: crate::notifications::Kind::Welcome,
            actor_id: Some(me),
            subject: &body,
            link: &link,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(with_notice(
        "notice-intro-welcomed",
        Redirect::to(&format!("{}#intro-{}", back_to(c.course.id, &f.back), intro.id)),
        c.ctx.secure,
    ))
}

#[derive(Deserialize)]
struct NudgeForm {
    user_id: i64,
}

async fn nudge(State(state): State<AppState>, c: CourseCtx, Form(f): Form<NudgeForm>) -> AppResult<Response> {
    c.require(Action::NudgeIntroductions)?;
    let back = Redirect::to(&format!("/courses/{}/introductions#missing-heading", c.course.id));
    // Only a student who has joined is nudged (an invitee has an invitation already).
    let target = crate::courses::queries::membership_of(&state.db, c.course.id, f.user_id)
        .await?
        .filter(|m| m.role == Role::Student.as_str() && m.state == crate::policy::MemberState::Active.as_str())
        .ok_or(AppError::NotFound)?;
    let txn = state.db.begin().await?;
    let done = introduction::Entity::find()
        .filter(introduction::Column::CourseId.eq(c.course.id))
        .filter(introduction::Column::UserId.eq(target.user_id))
        .one(&txn)
        .await?
        .is_some();
    if done {
        return Ok(with_notice("notice-intro-already-done", back, c.ctx.secure));
    }
    let now = now_ms();
    let recent = introduction_nudge::Entity::find()
        .filter(introduction_nudge::Column::CourseId.eq(c.course.id))
        .filter(introduction_nudge::Column::UserId.eq(target.user_id))
        .filter(introduction_nudge::Column::SentAt.gt(now - NUDGE_EVERY_MS))
        .one(&txn)
        .await?
        .is_some();
    if recent {
        return Ok(with_notice("notice-intro-nudged-recently", back, c.ctx.secure));
    }
    let recipient = user::Entity::find_by_id(target.user_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let locale = crate::i18n::Locale::parse(&recipient.locale).unwrap_or(crate::i18n::Locale::En);
    let link = format!("{}/courses/{}/introductions", state.config.base_url(), c.course.id);
    let from = c.user()?.name.clone();
    let subject = crate::i18n::message(locale, "intro-nudge-subject", &[("course", &c.course.title)]);
    let body_text = crate::i18n::message(
        locale,
        "intro-nudge-body",
        &[("name", &recipient.name), ("tutor", &from), ("course", &c.course.title), ("link", &link)],
    );
    introduction_nudge::ActiveModel {
        course_id: Set(c.course.id),
        user_id: Set(recipient.id),
        sent_by: Set(Some(c.user()?.id)),
        sent_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    state
        .mailer
        .queue(
            &txn,
            crate::mail::OutgoingEmail {
                to_address: recipient.email.clone(),
                to_user_id: Some(recipient.id),
                subject,
                body_text,
            },
        )
        .await?;
    txn.commit().await?;
    Ok(with_notice("notice-intro-nudged", back, c.ctx.secure))
}

/// Introductions for the start-up kit: (teaching team has posted, students who welcomed
/// it, students who introduced themselves).
pub async fn progress(db: &impl ConnectionTrait, course_id: i64) -> Result<(bool, i64, i64), DbErr> {
    // `$1` is the course on both databases; only students who have joined count.
    let one = |sql: &'static str| async move {
        let stmt = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, [course_id.into()]);
        let row = db.query_one_raw(stmt).await?;
        Ok::<i64, DbErr>(row.map(|r| r.try_get::<i64>("", "n").unwrap_or(0)).unwrap_or(0))
    };
    let pinned = one("SELECT COUNT(*) AS n FROM introductions WHERE course_id = $1 AND pinned = TRUE").await? > 0;
    let welcomed = one(
        "SELECT COUNT(DISTINCT r.user_id) AS n FROM introduction_replies r JOIN introductions i ON i.id = r.introduction_id \
         JOIN memberships m ON m.course_id = i.course_id AND m.user_id = r.user_id \
         WHERE i.course_id = $1 AND i.pinned = TRUE AND m.role = 'student' AND m.state = 'active'",
    )
    .await?;
    let introduced = one(
        "SELECT COUNT(*) AS n FROM introductions i JOIN memberships m ON m.course_id = i.course_id AND m.user_id = i.user_id \
         WHERE i.course_id = $1 AND m.role = 'student' AND m.state = 'active'",
    )
    .await?;
    Ok((pinned, welcomed, introduced))
}

/// Whether this person has introduced themselves in the course.
pub async fn has_introduced(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<bool, DbErr> {
    Ok(introduction::Entity::find()
        .filter(introduction::Column::CourseId.eq(course_id))
        .filter(introduction::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .is_some())
}
