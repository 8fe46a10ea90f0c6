//! Follow or mute a thread or a space: the buttons on the thread and space pages, and the
//! list of one's choices on the notification settings page.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;

use super::rules::{Mode, Target};
use super::subscriptions;
use crate::app::AppState;
use crate::db::entity::{course, forum_space, forum_thread, notification_subscription as sub};
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::web::paging::{Cursor, PageParams, Paged, Pager};
use crate::web::{CourseCtx, Page, SignedIn, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/threads/{thread_id}/hearing", post(choose_thread))
        .route("/courses/{course_id}/spaces/{space_id}/hearing", post(choose_space))
        .route("/notifications/settings", get(settings))
        .route("/notifications/settings/{subscription_id}/remove", post(remove))
}

/// The follow / mute buttons of a thread or space page: where they post and what the
/// reader chose. Pages load it with [`Hearing::load`] (one statement).
pub struct Hearing {
    pub action: String,
    pub target: Target,
    /// "follow", "mute" or "default".
    pub mode: &'static str,
}

impl Hearing {
    pub async fn load(
        db: &impl sea_orm::ConnectionTrait,
        course_id: i64,
        user_id: i64,
        target: Target,
        id: i64,
    ) -> Result<Hearing, sea_orm::DbErr> {
        let mode = subscriptions::mine(db, user_id, target, id).await?;
        let path = match target {
            Target::Thread => "threads",
            Target::Space => "spaces",
        };
        Ok(Hearing {
            action: format!("/courses/{course_id}/{path}/{id}/hearing"),
            target,
            mode: mode.map(Mode::as_str).unwrap_or("default"),
        })
    }

    /// The sentence saying what the reader hears about now.
    pub fn status_id(&self) -> String {
        format!("notify-{}-{}", self.target.as_str(), self.mode)
    }

    pub fn follow_id(&self) -> String {
        format!("notify-follow-{}", self.target.as_str())
    }

    pub fn mute_id(&self) -> String {
        format!("notify-mute-{}", self.target.as_str())
    }

    pub fn is(&self, mode: &str) -> bool {
        self.mode == mode
    }
}

#[derive(Deserialize)]
struct ChoiceForm {
    #[serde(default)]
    choice: String,
}

fn parse_choice(s: &str) -> AppResult<Option<Mode>> {
    match s {
        "default" => Ok(None),
        other => Mode::parse(other).map(Some).ok_or(AppError::BadRequest("notify-err-choice")),
    }
}

fn notice_for(mode: Option<Mode>) -> &'static str {
    match mode {
        Some(Mode::Follow) => "notice-notify-following",
        Some(Mode::Mute) => "notice-notify-muted",
        None => "notice-notify-default",
    }
}

async fn choose_thread(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, thread_id)): Path<(i64, i64)>,
    Form(f): Form<ChoiceForm>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let me = c.user()?.id;
    let thread = forum_thread::Entity::find_by_id(thread_id)
        .filter(forum_thread::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mode = parse_choice(f.choice.trim())?;
    subscriptions::choose(&state.db, me, c.course.id, Target::Thread, thread.id, mode).await?;
    let to = format!("/courses/{}/threads/{}#hearing", c.course.id, thread.id);
    Ok(with_notice(notice_for(mode), Redirect::to(&to), c.ctx.secure))
}

async fn choose_space(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, space_id)): Path<(i64, i64)>,
    Form(f): Form<ChoiceForm>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let me = c.user()?.id;
    let space = forum_space::Entity::find_by_id(space_id)
        .filter(forum_space::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mode = parse_choice(f.choice.trim())?;
    subscriptions::choose(&state.db, me, c.course.id, Target::Space, space.id, mode).await?;
    let to = format!("/courses/{}/spaces/{}#hearing", c.course.id, space.id);
    Ok(with_notice(notice_for(mode), Redirect::to(&to), c.ctx.secure))
}

pub struct ChoiceRow {
    pub id: i64,
    pub follow: bool,
    pub is_thread: bool,
    pub title: String,
    pub href: String,
    pub course: String,
}

#[derive(Template)]
#[template(path = "notifications/settings.html")]
struct SettingsPage {
    page: Page,
    rows: Vec<ChoiceRow>,
    pager: Pager,
}

/// A person's follows and mutes, newest first, a page at a time: the page of choices,
/// then the titles of the threads, spaces and courses on it (one statement each).
async fn settings(State(state): State<AppState>, me: SignedIn, Query(p): Query<PageParams>) -> AppResult<Response> {
    me.require(&state, Action::ReadOwnNotifications).await?;
    let db = &state.db;
    let (dir, from) = p.cursor();
    let size = p.size(crate::web::paging::DEFAULT_SIZE);
    let rows = subscriptions::page(db, me.user.id, dir, from.as_ref(), size).await?;
    let paged = Paged::build(rows, size, dir, from.as_ref(), "/notifications/settings".into(), |r| Cursor::id(r.id));
    let ids = |t: Target| -> Vec<i64> {
        paged.items.iter().filter(|r| r.target == t.as_str()).map(|r| r.target_id).collect()
    };
    let (thread_ids, space_ids) = (ids(Target::Thread), ids(Target::Space));
    let course_ids: Vec<i64> = paged.items.iter().map(|r| r.course_id).collect();
    let (threads, spaces, courses) = futures::join!(
        async {
            if thread_ids.is_empty() {
                return Ok(vec![]);
            }
            forum_thread::Entity::find()
                .select_only()
                .column(forum_thread::Column::Id)
                .column(forum_thread::Column::Title)
                .filter(forum_thread::Column::Id.is_in(thread_ids.clone()))
                .into_tuple::<(i64, String)>()
                .all(db)
                .await
        },
        async {
            if space_ids.is_empty() {
                return Ok(vec![]);
            }
            forum_space::Entity::find()
                .select_only()
                .column(forum_space::Column::Id)
                .column(forum_space::Column::Title)
                .filter(forum_space::Column::Id.is_in(space_ids.clone()))
                .into_tuple::<(i64, String)>()
                .all(db)
                .await
        },
        async {
            if course_ids.is_empty() {
                return Ok(vec![]);
            }
            course::Entity::find()
                .select_only()
                .column(course::Column::Id)
                .column(course::Column::Title)
                .filter(course::Column::Id.is_in(course_ids.clone()))
                .into_tuple::<(i64, String)>()
                .all(db)
                .await
        },
    );
    let threads: HashMap<i64, String> = threads?.into_iter().collect();
    let spaces: HashMap<i64, String> = spaces?.into_iter().collect();
    let courses: HashMap<i64, String> = courses?.into_iter().collect();
    let tr = me.ctx.tr();
    let paged = paged.map(|r: sub::Model| {
        let is_thread = r.target == Target::Thread.as_str();
        let (names, path) = if is_thread { (&threads, "threads") } else { (&spaces, "spaces") };
        ChoiceRow {
            id: r.id,
            follow: r.mode == Mode::Follow.as_str(),
            is_thread,
            title: names.get(&r.target_id).cloned().unwrap_or_else(|| tr.t("notify-gone")),
            href: format!("/courses/{}/{path}/{}", r.course_id, r.target_id),
            course: courses.get(&r.course_id).cloned().unwrap_or_default(),
        }
    });
    render(&SettingsPage { page: Page::new(&me.ctx, "notify-settings-title"), rows: paged.items, pager: paged.pager })
}

async fn remove(State(state): State<AppState>, me: SignedIn, Path(id): Path<i64>) -> AppResult<Response> {
    me.require(&state, Action::ReadOwnNotifications).await?;
    if !subscriptions::remove(&state.db, me.user.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(with_notice("notice-notify-default", Redirect::to("/notifications/settings"), me.ctx.secure))
}
