//! The expectations board: sticky notes in columns ("What I expect of the tutor", "of
//! myself", "of each other" by default; the teaching team can change them), in colours,
//! with "+1". Works as plain forms; with JavaScript, notes are dragged between columns
//! in place (`static/app.js`). A note may carry a picture (course media, so only the
//! course's members see it) with its description.

use std::collections::HashSet;

use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{board_column, board_note, board_vote};
use crate::error::{AppError, AppResult};
use crate::media::form::FileField;
use crate::media::{Accept, Received};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/board", get(show))
        .route("/courses/{course_id}/board/notes", post(add).layer(axum::extract::DefaultBodyLimit::disable()))
        .route("/courses/{course_id}/board/notes/{note_id}/move", post(move_note))
        .route("/courses/{course_id}/board/notes/{note_id}/vote", post(vote))
        .route("/courses/{course_id}/board/notes/{note_id}/delete", post(delete))
        .route("/courses/{course_id}/board/columns", post(save_columns))
}

pub const DEFAULT_COLUMNS: [&str; 3] =
    ["What I expect of the tutor", "What I expect of myself", "What I expect of each other"];
pub const COLOURS: [&str; 4] = ["yellow", "pink", "blue", "green"];
pub const MAX_NOTE: usize = 280;

/// The board's columns, making the default three the first time (two first visitors
/// at once: the unique title index stops the second set, which then reads the first).
pub async fn columns(db: &sea_orm::DatabaseConnection, course_id: i64) -> Result<Vec<board_column::Model>, DbErr> {
    match make_columns(db, course_id).await {
        Err(e) if crate::db::is_unique_violation(&e) => make_columns(db, course_id).await,
        other => other,
    }
}

async fn make_columns(db: &sea_orm::DatabaseConnection, course_id: i64) -> Result<Vec<board_column::Model>, DbErr> {
    let txn = db.begin().await?;
    let mut list = board_column::Entity::find()
        .filter(board_column::Column::CourseId.eq(course_id))
        .order_by_asc(board_column::Column::Position)
        .all(&txn)
        .await?;
    if list.is_empty() {
        for (i, title) in DEFAULT_COLUMNS.iter().enumerate() {
            list.push(
                board_column::ActiveModel {
                    course_id: Set(course_id),
                    title: Set(title.to_string()),
                    position: Set(i as i32),
                    ..Default::default()
                }
                .insert(&txn)
                .await?,
            );
        }
    }
    txn.commit().await?;
    Ok(list)
}

pub struct NoteView {
    pub id: i64,
    pub body: String,
    pub colour: String,
    pub author: String,
    pub votes: usize,
    pub voted: bool,
    pub may_change: bool,
    /// The picture's media id and description.
    pub image: Option<(i64, String)>,
}

pub struct ColumnView {
    pub id: i64,
    pub title: String,
    pub notes: Vec<NoteView>,
    /// The last note shown, when the column has more after it.
    pub next: Option<i64>,
}

#[derive(Template)]
#[template(path = "board/show.html")]
struct BoardPage {
    page: Page,
    course_id: i64,
    course_title: String,
    columns: Vec<ColumnView>,
    /// Every column, for the "move to" choice, also when one column is shown.
    all_columns: Vec<(i64, String)>,
    /// Only this column is shown, from a note on.
    focus: Option<i64>,
    may_post: bool,
    may_manage: bool,
    colours: [&'static str; 4],
    column_text: String,
    error: Option<String>,
    /// The note as typed when it was refused: its column's form is filled with it and
    /// shows the message.
    draft: Option<NoteForm>,
    image_mb: u64,
}

impl BoardPage {
    /// The typed note for this column's form, when it was refused.
    fn draft_for(&self, column_id: i64) -> Option<&NoteForm> {
        self.draft.as_ref().filter(|d| d.column_id == column_id)
    }

    fn colour_label(&self, c: &str) -> String {
        self.page.t.t(match c {
            "pink" => "board-colour-pink",
            "blue" => "board-colour-blue",
            "green" => "board-colour-green",
            _ => "board-colour-yellow",
        })
    }
}

/// Notes a column shows at once; the rest are a "more" link away.
pub const PER_COLUMN: u64 = 40;

/// The board's address as typed.
#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    pub column: Option<String>,
    pub after: Option<String>,
}

/// Which notes to show: every column's first page, or one column from a note on.
#[derive(Clone, Copy, Debug, Default)]
pub struct Showing {
    pub column: Option<i64>,
    /// The last note of the previous page of that column.
    pub after: Option<i64>,
}

async fn page_for(state: &AppState, c: &CourseCtx, error: Option<String>, showing: Showing) -> AppResult<BoardPage> {
    let db = &state.db;
    let cols = columns(db, c.course.id).await?;
    let focus = showing.column.filter(|id| cols.iter().any(|c| c.id == *id));
    let shown: Vec<&board_column::Model> = cols.iter().filter(|c| focus.is_none_or(|f| f == c.id)).collect();
    // One bounded statement per column (a handful, set by the tutor, whatever the class).
    let pages = futures::future::try_join_all(shown.iter().map(|col| {
        board_note::Entity::find()
            .filter(board_note::Column::ColumnId.eq(col.id))
            .filter(board_note::Column::Id.gt(if focus.is_some() { showing.after.unwrap_or(0) } else { 0 }))
            .order_by_asc(board_note::Column::Id)
            .limit(PER_COLUMN + 1)
            .all(db)
    }))
    .await?;
    let me = c.user()?.id;
    let note_ids: Vec<i64> = pages.iter().flatten().map(|n| n.id).collect();
    let authors: Vec<i64> = pages.iter().flatten().map(|n| n.user_id).collect();
    let (mine, people) = tokio::try_join!(
        board_vote::Entity::find()
            .select_only()
            .column(board_vote::Column::NoteId)
            .filter(board_vote::Column::UserId.eq(me))
            .filter(board_vote::Column::NoteId.is_in(note_ids))
            .into_tuple::<i64>()
            .all(db),
        crate::groups::queries::people(db, &authors),
    )?;
    let mine: HashSet<i64> = mine.into_iter().collect();
    let manage = c.may(Action::ManageBoard);
    let columns = shown
        .iter()
        .zip(pages)
        .map(|(col, mut notes)| {
            let more = notes.len() > PER_COLUMN as usize;
            notes.truncate(PER_COLUMN as usize);
            ColumnView {
                id: col.id,
                title: col.title.clone(),
                next: more.then(|| notes.last().map(|n| n.id)).flatten(),
                notes: notes
                    .iter()
                    .map(|n| NoteView {
                        id: n.id,
                        body: n.body.clone(),
                        colour: n.colour.clone(),
                        author: people.get(&n.user_id).map(|u| u.name.clone()).unwrap_or_default(),
                        votes: n.votes.max(0) as usize,
                        voted: mine.contains(&n.id),
                        may_change: manage || n.user_id == me,
                        image: n.image_id.map(|id| (id, n.image_alt.clone())),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(BoardPage {
        page: Page::new(&c.ctx, "board-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        columns,
        all_columns: cols.iter().map(|c| (c.id, c.title.clone())).collect(),
        focus,
        may_post: c.may(Action::PostOnBoard),
        may_manage: manage,
        colours: COLOURS,
        column_text: cols.iter().map(|c| c.title.as_str()).collect::<Vec<_>>().join("\n"),
        error,
        draft: None,
        image_mb: state.config.max_image_mb,
    })
}

async fn show(State(state): State<AppState>, c: CourseCtx, Query(q): Query<ShowQuery>) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    // A cursor that is not a number shows the first page rather than an error.
    let showing =
        Showing { column: q.column.and_then(|v| v.parse().ok()), after: q.after.and_then(|v| v.parse().ok()) };
    render(&page_for(&state, &c, None, showing).await?)
}

fn back(c: &CourseCtx, notice: &'static str) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/board", c.course.id)), c.ctx.secure)
}

/// Back to the column the person was working in.
fn back_to_column(c: &CourseCtx, notice: &'static str, column_id: i64) -> Response {
    with_notice(notice, Redirect::to(&format!("/courses/{}/board#col-{column_id}", c.course.id)), c.ctx.secure)
}

/// A column of this course, or a 404 (another course's column is not ours to post in).
async fn column_in_course(state: &AppState, c: &CourseCtx, column_id: i64) -> AppResult<board_column::Model> {
    board_column::Entity::find_by_id(column_id)
        .filter(board_column::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn note_in_course(state: &AppState, c: &CourseCtx, note_id: i64) -> AppResult<board_note::Model> {
    let note = board_note::Entity::find_by_id(note_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    column_in_course(state, c, note.column_id).await?;
    Ok(note)
}

/// Authors change their own notes; the teaching team any.
fn require_change(c: &CourseCtx, note: &board_note::Model) -> AppResult<()> {
    if c.ctx.user.as_ref().is_some_and(|u| u.id == note.user_id) {
        c.require(Action::PostOnBoard)
    } else {
        c.require(Action::ManageBoard)
    }
}

#[derive(Deserialize, Default)]
struct NoteForm {
    column_id: i64,
    body: String,
    #[serde(default)]
    colour: String,
    #[serde(default)]
    image_alt: String,
}

pub const PURPOSE_IMAGE: &str = "board_image";
/// A plain (not multipart) note form is small; the route lifts the global limit for
/// pictures, so this one is applied here.
const MAX_PLAIN_FORM: usize = 16 * 1024;

/// A new note: a plain form, or a multipart form when it carries a picture (the page
/// sends multipart; the plain form stays for scripts and older clients).
async fn add(State(state): State<AppState>, c: CourseCtx, req: axum::extract::Request) -> AppResult<Response> {
    c.require(Action::PostOnBoard)?;
    let tr = c.ctx.tr();
    let multipart = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let (f, image) = if multipart {
        let mut mp = Multipart::from_request(req, &state).await.map_err(|_| AppError::BadRequest("error-bad-form"))?;
        read_note_form(&state, &tr, &mut mp).await
    } else {
        let bytes =
            axum::body::to_bytes(req.into_body(), MAX_PLAIN_FORM).await.map_err(|_| AppError::PayloadTooLarge)?;
        let f: NoteForm = serde_urlencoded::from_bytes(&bytes).map_err(|_| AppError::BadRequest("error-bad-form"))?;
        (Ok(f), None)
    };
    let refuse = |error: String, draft: NoteForm| async {
        let mut page = page_for(&state, &c, Some(error), Showing::default()).await?;
        page.draft = Some(draft);
        let mut res = render(&page)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok::<Response, AppError>(res)
    };
    let f = match f {
        Ok(f) => f,
        Err((e, typed)) => {
            if let Some(r) = image {
                crate::media::discard(r).await;
            }
            return refuse(e, typed).await;
        }
    };
    let col = match column_in_course(&state, &c, f.column_id).await {
        Ok(col) => col,
        Err(e) => {
            if let Some(r) = image {
                crate::media::discard(r).await;
            }
            return Err(e);
        }
    };
    let body = f.body.split_whitespace().collect::<Vec<_>>().join(" ");
    let alt = if image.is_some() { crate::collage::rules::caption(&f.image_alt).ok() } else { None };
    let error = if body.is_empty() || body.chars().count() > MAX_NOTE {
        Some(tr.t("board-err-note"))
    } else if image.is_some() && alt.is_none() {
        Some(tr.t("board-err-image-alt"))
    } else {
        None
    };
    if let Some(error) = error {
        if let Some(r) = image {
            crate::media::discard(r).await;
        }
        return refuse(error, f).await;
    }
    let stored = match image {
        Some(r) => match crate::media::store(&state.config, r).await {
            Ok(s) => Some(s),
            Err(e) => return refuse(e.message(&tr, &tr.t("board-image")), f).await,
        },
        None => None,
    };
    let colour = if COLOURS.contains(&f.colour.as_str()) { f.colour } else { COLOURS[0].to_string() };
    let me = c.user()?.id;
    let written: Result<(), sea_orm::DbErr> = async {
        let txn = state.db.begin().await?;
        let image_id = match &stored {
            Some(s) => Some(s.insert(&txn, me, Some(c.course.id), PURPOSE_IMAGE).await?.id),
            None => None,
        };
        board_note::ActiveModel {
            column_id: Set(col.id),
            user_id: Set(me),
            body: Set(body),
            colour: Set(colour),
            created_at: Set(now_ms()),
            image_id: Set(image_id),
            image_alt: Set(alt.unwrap_or_default()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await
    }
    .await;
    if let Err(e) = written {
        if let Some(s) = stored {
            s.remove(&state.config).await;
        }
        return Err(e.into());
    }
    Ok(back_to_column(&c, "notice-board-added", col.id))
}

/// Read the multipart note form; a refused picture comes back with its message and the
/// rest of the note as typed.
async fn read_note_form(
    state: &AppState,
    tr: &crate::i18n::Tr,
    mp: &mut Multipart,
) -> (Result<NoteForm, (String, NoteForm)>, Option<Received>) {
    let mut form = crate::media::form::read(
        &state.config,
        tr,
        mp,
        &[FileField { name: "image", accept: Accept::Image, label_id: "board-image" }],
    )
    .await;
    let image = form.take("image");
    let typed = NoteForm {
        column_id: form.get("column_id").trim().parse::<i64>().unwrap_or(0),
        body: form.get("body").to_string(),
        colour: form.get("colour").to_string(),
        image_alt: form.get("image_alt").to_string(),
    };
    if let Some(e) = form.errors.first() {
        return (Err((e.clone(), typed)), image);
    }
    if typed.column_id == 0 {
        return (Err((tr.t("error-bad-form"), typed)), image);
    }
    (Ok(typed), image)
}

#[derive(Deserialize)]
struct MoveForm {
    column_id: i64,
}

/// Answers the page's script with 204 and a plain form with a redirect.
async fn move_note(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, note_id)): Path<(i64, i64)>,
    headers: axum::http::HeaderMap,
    Form(f): Form<MoveForm>,
) -> AppResult<Response> {
    c.require(Action::PostOnBoard)?;
    let note = note_in_course(&state, &c, note_id).await?;
    require_change(&c, &note)?;
    let col = column_in_course(&state, &c, f.column_id).await?;
    let mut a: board_note::ActiveModel = note.into();
    a.column_id = Set(col.id);
    a.update(&state.db).await?;
    if headers.contains_key("x-csrf-token") {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    Ok(back_to_column(&c, "notice-board-moved", col.id))
}

async fn vote(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, note_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::PostOnBoard)?;
    let note = note_in_course(&state, &c, note_id).await?;
    let me = c.user()?.id;
    let existing = board_vote::Entity::find()
        .filter(board_vote::Column::NoteId.eq(note.id))
        .filter(board_vote::Column::UserId.eq(me))
        .one(&state.db)
        .await?;
    match existing {
        // "+1" again takes it back.
        Some(v) => {
            board_vote::Entity::delete_by_id(v.id).exec(&state.db).await?;
        }
        None => {
            let inserted = board_vote::ActiveModel { note_id: Set(note.id), user_id: Set(me), ..Default::default() }
                .insert(&state.db)
                .await;
            match inserted {
                Ok(_) => {}
                // A double click that raced itself: the vote is there, which is the point.
                Err(e) if crate::db::is_unique_violation(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(with_notice(
        "notice-board-voted",
        Redirect::to(&format!("/courses/{}/board#note-{}", c.course.id, note.id)),
        c.ctx.secure,
    ))
}

async fn delete(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, note_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::PostOnBoard).or_else(|_| c.require(Action::ManageBoard))?;
    let note = note_in_course(&state, &c, note_id).await?;
    require_change(&c, &note)?;
    let txn = state.db.begin().await?;
    board_note::Entity::delete_by_id(note.id).exec(&txn).await?;
    let key = match note.image_id {
        Some(id) => crate::media::delete_row(&txn, id).await?,
        None => None,
    };
    txn.commit().await?;
    if let Some(k) = key {
        crate::media::remove_files(&state.config, &k).await;
    }
    Ok(back(&c, "notice-board-deleted"))
}

#[derive(Deserialize)]
struct ColumnsForm {
    columns: String,
}

/// The teaching team's column titles, one per line. Kept titles keep their notes;
/// a removed column's notes move to the first column rather than vanish.
async fn save_columns(State(state): State<AppState>, c: CourseCtx, Form(f): Form<ColumnsForm>) -> AppResult<Response> {
    c.require(Action::ManageBoard)?;
    let mut titles: Vec<String> = vec![];
    for line in f.columns.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty())
    {
        if line.chars().count() > 80 || titles.len() >= 8 {
            return Err(AppError::BadRequest("board-err-columns"));
        }
        if !titles.iter().any(|t| t.to_lowercase() == line.to_lowercase()) {
            titles.push(line);
        }
    }
    if titles.is_empty() {
        return Err(AppError::BadRequest("board-err-columns"));
    }
    let existing = columns(&state.db, c.course.id).await?;
    let txn = state.db.begin().await?;
    let mut kept = vec![];
    for (i, title) in titles.iter().enumerate() {
        let col = match existing.iter().find(|e| e.title.to_lowercase() == title.to_lowercase()) {
            Some(e) => {
                let mut a: board_column::ActiveModel = e.clone().into();
                a.title = Set(title.clone());
                a.position = Set(i as i32);
                a.update(&txn).await?
            }
            None => {
                board_column::ActiveModel {
                    course_id: Set(c.course.id),
                    title: Set(title.clone()),
                    position: Set(i as i32),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
            }
        };
        kept.push(col);
    }
    for gone in existing.iter().filter(|e| !kept.iter().any(|k| k.id == e.id)) {
        board_note::Entity::update_many()
            .col_expr(board_note::Column::ColumnId, sea_orm::sea_query::Expr::value(kept[0].id))
            .filter(board_note::Column::ColumnId.eq(gone.id))
            .exec(&txn)
            .await?;
        board_column::Entity::delete_by_id(gone.id).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(back(&c, "notice-saved"))
}
