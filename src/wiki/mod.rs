//! The "About the class" wiki: pages every member can edit (the teaching team can lock
//! one), in Markdown rendered safely, with full revision history, a diff between any two
//! revisions, and restore. Two people editing at once: the second save is told of the
//! conflict, sees what changed, and keeps their text.

pub mod diff;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{user, wiki_page, wiki_revision};
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/wiki", get(index).post(create))
        .route("/courses/{course_id}/wiki/{slug}", get(show))
        .route("/courses/{course_id}/wiki/{slug}/edit", get(edit_form).post(save))
        .route("/courses/{course_id}/wiki/{slug}/history", get(history))
        .route("/courses/{course_id}/wiki/{slug}/diff", get(diff_page))
        .route("/courses/{course_id}/wiki/{slug}/restore", post(restore))
        .route("/courses/{course_id}/wiki/{slug}/lock", post(lock))
}

pub const MAX_BODY: usize = 100_000;
pub const FIRST_PAGE: &str = "About the class";

/// A page's address from its title: lower-case letters and digits joined by dashes.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() { "page".into() } else { out.trim_end_matches('-').to_string() }
}

async fn page_by_slug(db: &impl ConnectionTrait, course_id: i64, slug: &str) -> AppResult<wiki_page::Model> {
    wiki_page::Entity::find()
        .filter(wiki_page::Column::CourseId.eq(course_id))
        .filter(wiki_page::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Editing a locked page is for the teaching team.
fn require_edit(c: &CourseCtx, page: &wiki_page::Model) -> AppResult<()> {
    c.require(if page.locked { Action::ManageWiki } else { Action::EditWiki })
}

fn url(c: &CourseCtx, slug: &str, rest: &str) -> String {
    format!("/courses/{}/wiki/{slug}{rest}", c.course.id)
}

#[derive(Template)]
#[template(path = "wiki/index.html")]
struct IndexPage {
    page: Page,
    course_id: i64,
    course_title: String,
    pages: Vec<wiki_page::Model>,
    may_edit: bool,
    suggested: &'static str,
}

async fn index(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewWiki)?;
    let pages = wiki_page::Entity::find()
        .filter(wiki_page::Column::CourseId.eq(c.course.id))
        .order_by_asc(wiki_page::Column::Title)
        .all(&state.db)
        .await?;
    render(&IndexPage {
        page: Page::new(&c.ctx, "wiki-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        suggested: if pages.is_empty() { FIRST_PAGE } else { "" },
        pages,
        may_edit: c.may(Action::EditWiki),
    })
}

#[derive(Deserialize)]
struct NewPageForm {
    title: String,
}

async fn create(State(state): State<AppState>, c: CourseCtx, Form(f): Form<NewPageForm>) -> AppResult<Response> {
    c.require(Action::EditWiki)?;
    let title = crate::validate::course_title(&f.title).map_err(|_| AppError::BadRequest("wiki-err-title"))?;
    let base = slug(&title);
    let now = now_ms();
    let me = c.user()?.id;
    let txn = state.db.begin().await?;
    // A title that makes an existing address gets a number: "about-the-class-2".
    let mut candidate = base.clone();
    let mut n = 1;
    while wiki_page::Entity::find()
        .filter(wiki_page::Column::CourseId.eq(c.course.id))
        .filter(wiki_page::Column::Slug.eq(&candidate))
        .one(&txn)
        .await?
        .is_some()
    {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    let page = wiki_page::ActiveModel {
        course_id: Set(c.course.id),
        slug: Set(candidate.clone()),
        title: Set(title.clone()),
        body: Set(String::new()),
        revision: Set(1),
        locked: Set(false),
        updated_by: Set(Some(me)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    revision(&txn, page.id, 1, &title, "", Some(me), "").await?;
    txn.commit().await?;
    Ok(axum::response::IntoResponse::into_response(Redirect::to(&url(&c, &candidate, "/edit"))))
}

/// Write a new version of a page if it is still at `base`, and record it in the
/// history. `false` means someone saved first: the caller reports a conflict.
async fn advance(
    db: &impl ConnectionTrait,
    page_id: i64,
    base: i32,
    title: &str,
    body: &str,
    author: i64,
    note: &str,
) -> Result<bool, DbErr> {
    let next = base + 1;
    let updated = wiki_page::Entity::update_many()
        .col_expr(wiki_page::Column::Title, Expr::value(title))
        .col_expr(wiki_page::Column::Body, Expr::value(body))
        .col_expr(wiki_page::Column::Revision, Expr::value(next))
        .col_expr(wiki_page::Column::UpdatedBy, Expr::value(author))
        .col_expr(wiki_page::Column::UpdatedAt, Expr::value(now_ms()))
        .filter(wiki_page::Column::Id.eq(page_id))
        .filter(wiki_page::Column::Revision.eq(base))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Ok(false);
    }
    revision(db, page_id, next, title, body, Some(author), note).await?;
    Ok(true)
}

async fn revision(
    db: &impl ConnectionTrait,
    page_id: i64,
    number: i32,
    title: &str,
    body: &str,
    author: Option<i64>,
    note: &str,
) -> Result<(), DbErr> {
    wiki_revision::ActiveModel {
        page_id: Set(page_id),
        number: Set(number),
        title: Set(title.to_string()),
        body: Set(body.to_string()),
        author_id: Set(author),
        note: Set(note.to_string()),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

#[derive(Template)]
#[template(path = "wiki/show.html")]
struct ShowPage {
    page: Page,
    course_id: i64,
    wiki: wiki_page::Model,
    html: String,
    editor: String,
    may_edit: bool,
    may_lock: bool,
}

/// One saved version of a page, if it exists.
async fn find_revision(
    db: &impl ConnectionTrait,
    page_id: i64,
    number: i32,
) -> Result<Option<wiki_revision::Model>, DbErr> {
    wiki_revision::Entity::find()
        .filter(wiki_revision::Column::PageId.eq(page_id))
        .filter(wiki_revision::Column::Number.eq(number))
        .one(db)
        .await
}

async fn author_name(db: &impl ConnectionTrait, id: Option<i64>) -> AppResult<String> {
    Ok(match id {
        Some(id) => user::Entity::find_by_id(id).one(db).await?.map(|u| u.name).unwrap_or_default(),
        None => String::new(),
    })
}

async fn show(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, slug)): Path<(i64, String)>,
) -> AppResult<Response> {
    c.require(Action::ViewWiki)?;
    let wiki = page_by_slug(&state.db, c.course.id, &slug).await?;
    render(&ShowPage {
        page: Page::titled(&c.ctx, wiki.title.clone()),
        course_id: c.course.id,
        html: crate::markdown::to_html(&wiki.body),
        editor: author_name(&state.db, wiki.updated_by).await?,
        may_edit: require_edit(&c, &wiki).is_ok(),
        may_lock: c.may(Action::ManageWiki),
        wiki,
    })
}

#[derive(Template)]
#[template(path = "wiki/edit.html")]
struct EditPage {
    page: Page,
    course_id: i64,
    wiki: wiki_page::Model,
    title: String,
    body: String,
    base: i32,
    error: Option<String>,
    /// On a conflict: what the others changed since the editor started.
    conflict: Option<Vec<diff::Line>>,
}

async fn edit_form(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, slug)): Path<(i64, String)>,
) -> AppResult<Response> {
    c.require(Action::ViewWiki)?;
    let wiki = page_by_slug(&state.db, c.course.id, &slug).await?;
    require_edit(&c, &wiki)?;
    render(&EditPage {
        page: Page::titled(&c.ctx, c.ctx.tr().t1("wiki-editing", "title", &wiki.title)),
        course_id: c.course.id,
        title: wiki.title.clone(),
        body: wiki.body.clone(),
        base: wiki.revision,
        error: None,
        conflict: None,
        wiki,
    })
}

#[derive(Deserialize)]
struct SaveForm {
    title: String,
    body: String,
    base: i32,
}

async fn save(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, slug)): Path<(i64, String)>,
    Form(f): Form<SaveForm>,
) -> AppResult<Response> {
    c.require(Action::ViewWiki)?;
    let wiki = page_by_slug(&state.db, c.course.id, &slug).await?;
    require_edit(&c, &wiki)?;
    let body = f.body.replace("\r\n", "\n");
    let again = |wiki: wiki_page::Model,
                 error: Option<String>,
                 conflict: Option<Vec<diff::Line>>,
                 base: i32,
                 status: StatusCode| {
        let mut res = render(&EditPage {
            page: Page::titled(&c.ctx, c.ctx.tr().t1("wiki-editing", "title", &wiki.title)),
            course_id: c.course.id,
            title: f.title.chars().take(200).collect(),
            body: body.clone(),
            base,
            error,
            conflict,
            wiki,
        })?;
        *res.status_mut() = status;
        Ok::<Response, AppError>(res)
    };
    let title = match crate::validate::course_title(&f.title) {
        Ok(t) => t,
        Err(_) => {
            return again(wiki, Some(c.ctx.tr().t("wiki-err-title")), None, f.base, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    if body.chars().count() > MAX_BODY {
        let base = f.base;
        return again(wiki, Some(c.ctx.tr().t("wiki-err-too-long")), None, base, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let me = c.user()?.id;
    let txn = state.db.begin().await?;
    // Only a save that starts from the latest revision goes through; of two racing
    // saves, the second finds the revision moved on.
    if !advance(&txn, wiki.id, f.base, &title, &body, me, "").await? {
        drop(txn);
        let base_text = find_revision(&state.db, wiki.id, f.base).await?.map(|r| r.body).unwrap_or_default();
        let theirs = diff::lines(&base_text, &wiki.body);
        let current = wiki.revision;
        return again(wiki, Some(c.ctx.tr().t("wiki-conflict")), Some(theirs), current, StatusCode::CONFLICT);
    }
    txn.commit().await?;
    Ok(with_notice("notice-saved", Redirect::to(&url(&c, &slug, "")), c.ctx.secure))
}

pub struct RevisionRow {
    pub number: i32,
    pub author: String,
    pub at: i64,
    pub note: String,
}

#[derive(Template)]
#[template(path = "wiki/history.html")]
struct HistoryPage {
    page: Page,
    course_id: i64,
    wiki: wiki_page::Model,
    revisions: Vec<RevisionRow>,
    may_edit: bool,
}

async fn history(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, slug)): Path<(i64, String)>,
) -> AppResult<Response> {
    c.require(Action::ViewWiki)?;
    let wiki = page_by_slug(&state.db, c.course.id, &slug).await?;
    let revs = wiki_revision::Entity::find()
        .filter(wiki_revision::Column::PageId.eq(wiki.id))
        .order_by_desc(wiki_revision::Column::Number)
        .all(&state.db)
        .await?;
    let ids: Vec<i64> = revs.iter().filter_map(|r| r.author_id).collect();
    let people = crate::groups::queries::people(&state.db, &ids).await?;
    let former = c.ctx.tr().t("wiki-former-member");
    let revisions = revs
        .into_iter()
        .map(|r| RevisionRow {
            number: r.number,
            author: r.author_id.and_then(|a| people.get(&a)).map(|u| u.name.clone()).unwrap_or_else(|| former.clone()),
            at: r.created_at,
            note: r.note,
        })
        .collect();
    render(&HistoryPage {
        page: Page::titled(&c.ctx, c.ctx.tr().t1("wiki-history-of", "title", &wiki.title)),
        course_id: c.course.id,
        may_edit: require_edit(&c, &wiki).is_ok(),
        wiki,
        revisions,
    })
}

#[derive(Deserialize)]
struct DiffQuery {
    from: i32,
    to: i32,
}

#[derive(Template)]
#[template(path = "wiki/diff.html")]
struct DiffPage {
    page: Page,
    course_id: i64,
    wiki: wiki_page::Model,
    from: i32,
    to: i32,
    lines: Vec<diff::Line>,
}

async fn diff_page(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, slug)): Path<(i64, String)>,
    Query(q): Query<DiffQuery>,
) -> AppResult<Response> {
    c.require(Action::ViewWiki)?;
    let wiki = page_by_slug(&state.db, c.course.id, &slug).await?;
    let (Some(old), Some(new)) =
        (find_revision(&state.db, wiki.id, q.from).await?, find_revision(&state.db, wiki.id, q.to).await?)
    else {
        return Err(AppError::NotFound);
    };
    render(&DiffPage {
        page: Page::titled(&c.ctx, c.ctx.tr().t1("wiki-history-of", "title", &wiki.title)),
        course_id: c.course.id,
        from: q.from,
        to: q.to,
        lines: diff::lines(&old.body, &new.body),
        wiki,
    })
}

#[derive(Deserialize)]
struct RestoreForm {
    revision: i32,
}

/// Restoring writes the old text as a new revision: history only grows.
async fn restore(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, slug)): Path<(i64, String)>,
    Form(f): Form<RestoreForm>,
) -> AppResult<Response> {
    c.require(Action::ViewWiki)?;
    let wiki = page_by_slug(&state.db, c.course.id, &slug).await?;
    require_edit(&c, &wiki)?;
    let old = find_revision(&state.db, wiki.id, f.revision).await?.ok_or(AppError::NotFound)?;
    let me = c.user()?.id;
    let note = c.ctx.tr().t1("wiki-restored-note", "number", old.number);
    let txn = state.db.begin().await?;
    if !advance(&txn, wiki.id, wiki.revision, &old.title, &old.body, me, &note).await? {
        return Err(AppError::BadRequest("wiki-conflict"));
    }
    txn.commit().await?;
    Ok(with_notice("notice-wiki-restored", Redirect::to(&url(&c, &slug, "")), c.ctx.secure))
}

#[derive(Deserialize)]
struct LockForm {
    locked: String,
}

async fn lock(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, slug)): Path<(i64, String)>,
    Form(f): Form<LockForm>,
) -> AppResult<Response> {
    c.require(Action::ManageWiki)?;
    let wiki = page_by_slug(&state.db, c.course.id, &slug).await?;
    let mut active: wiki_page::ActiveModel = wiki.into();
    active.locked = Set(f.locked == "1");
    active.update(&state.db).await?;
    Ok(with_notice("notice-saved", Redirect::to(&url(&c, &slug, "")), c.ctx.secure))
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert_eq!(super::slug("About the class"), "about-the-class");
        assert_eq!(super::slug("  Våre forventninger!! "), "våre-forventninger");
        assert_eq!(super::slug("???"), "page");
        assert_eq!(super::slug(&"a".repeat(100)).len(), 60);
    }
}
