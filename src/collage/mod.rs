//! The collage: members add pictures of what a good collaborative environment looks
//! like, each with a caption that is also its alternative text. The class looks at them
//! as a grid, or together in a live session on the "show together" page (one picture a
//! screen, moved through with links, so it needs no script). Authors and the teaching
//! team remove pictures. Pictures go through `media` (re-encoded, EXIF gone) and are
//! course media, so only the course's members see them.

pub mod rules;

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use crate::app::AppState;
use crate::db::entity::collage_item;
use crate::error::{AppError, AppResult};
use crate::media::Accept;
use crate::media::form::FileField;
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::{CourseCtx, Page, render, with_notice};

pub const PURPOSE: &str = "collage";
/// A collage is something a class looks at together; a few hundred pictures is plenty.
pub const MAX_ITEMS: u64 = 300;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/collage", get(show).post(add).layer(axum::extract::DefaultBodyLimit::disable()))
        .route("/courses/{course_id}/collage/together", get(together))
        .route("/courses/{course_id}/collage/{item_id}/delete", post(delete))
}

pub struct ItemView {
    pub id: i64,
    pub media_id: i64,
    pub caption: String,
    pub author: String,
    pub at: i64,
    pub may_remove: bool,
}

#[derive(Template)]
#[template(path = "collage/show.html")]
struct CollagePage {
    page: Page,
    course_id: i64,
    course_title: String,
    items: Vec<ItemView>,
    may_add: bool,
    errors: Vec<String>,
    draft_caption: String,
    image_mb: u64,
    max_caption: usize,
}

#[derive(Template)]
#[template(path = "collage/together.html")]
struct TogetherPage {
    page: Page,
    course_id: i64,
    course_title: String,
    items: Vec<ItemView>,
}

async fn items(state: &AppState, c: &CourseCtx) -> AppResult<Vec<ItemView>> {
    let rows = collage_item::Entity::find()
        .filter(collage_item::Column::CourseId.eq(c.course.id))
        .order_by_asc(collage_item::Column::CreatedAt)
        .order_by_asc(collage_item::Column::Id)
        .all(&state.db)
        .await?;
    let authors: Vec<i64> = rows.iter().map(|r| r.user_id).collect();
    let people = crate::groups::queries::people(&state.db, &authors).await?;
    let me = c.user()?.id;
    let manage = c.may(Action::ManageCollage);
    let add = c.may(Action::AddToCollage);
    Ok(rows
        .into_iter()
        .map(|r| ItemView {
            id: r.id,
            media_id: r.media_id,
            author: people.get(&r.user_id).map(|u| u.name.clone()).unwrap_or_default(),
            caption: r.caption,
            at: r.created_at,
            may_remove: manage || (add && r.user_id == me),
        })
        .collect())
}

async fn page_for(state: &AppState, c: &CourseCtx, errors: Vec<String>, draft: String) -> AppResult<CollagePage> {
    Ok(CollagePage {
        page: Page::new(&c.ctx, "collage-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        items: items(state, c).await?,
        may_add: c.may(Action::AddToCollage),
        errors,
        draft_caption: draft,
        image_mb: state.config.max_image_mb,
        max_caption: rules::MAX_CAPTION,
    })
}

async fn show(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(&page_for(&state, &c, vec![], String::new()).await?)
}

async fn together(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    render(&TogetherPage {
        page: Page::new(&c.ctx, "collage-together"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        items: items(&state, &c).await?,
    })
}

async fn refuse(state: &AppState, c: &CourseCtx, errors: Vec<String>, draft: String) -> AppResult<Response> {
    let mut res = render(&page_for(state, c, errors, draft).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

async fn add(State(state): State<AppState>, c: CourseCtx, mut mp: Multipart) -> AppResult<Response> {
    c.require(Action::AddToCollage)?;
    let tr = c.ctx.tr();
    let me = c.user()?.id;
    let mut form = crate::media::form::read(
        &state.config,
        &tr,
        &mut mp,
        &[FileField { name: "image", accept: Accept::Image, label_id: "collage-image" }],
    )
    .await;
    let image = form.take("image");
    let (mut errors, cut_short) = (std::mem::take(&mut form.errors), form.cut_short);
    let caption_raw = form.get("caption").to_string();
    let caption = match rules::caption(&caption_raw) {
        Ok(c) => Some(c),
        // The fields after a refused file were never read; the file's message is enough.
        Err(_) if cut_short => None,
        Err(e) => {
            errors.push(tr.t1(e.message_id(), "max", rules::MAX_CAPTION));
            None
        }
    };
    if image.is_none() && errors.is_empty() {
        errors.push(tr.t("collage-err-no-image"));
    }
    let draft = caption_raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let (image, caption) = match (image, caption) {
        (Some(image), Some(caption)) if errors.is_empty() => (image, caption),
        (image, _) => {
            if let Some(r) = image {
                crate::media::discard(r).await;
            }
            return refuse(&state, &c, errors, draft).await;
        }
    };
    let stored = match crate::media::store(&state.config, image).await {
        Ok(s) => s,
        Err(e) => return refuse(&state, &c, vec![e.message(&tr, &tr.t("collage-image"))], draft).await,
    };
    let written: Result<bool, DbErr> = async {
        let txn = state.db.begin().await?;
        if count(&txn, c.course.id).await? >= MAX_ITEMS {
            return Ok(false);
        }
        let m = stored.insert(&txn, me, Some(c.course.id), PURPOSE).await?;
        collage_item::ActiveModel {
            course_id: Set(c.course.id),
            user_id: Set(me),
            media_id: Set(m.id),
            caption: Set(caption),
            created_at: Set(now_ms()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok(true)
    }
    .await;
    match written {
        Ok(true) => Ok(with_notice(
            "notice-collage-added",
            Redirect::to(&format!("/courses/{}/collage", c.course.id)),
            c.ctx.secure,
        )),
        Ok(false) => {
            stored.remove(&state.config).await;
            refuse(&state, &c, vec![tr.t1("collage-err-full", "max", MAX_ITEMS)], draft).await
        }
        Err(e) => {
            stored.remove(&state.config).await;
            Err(e.into())
        }
    }
}

async fn count(db: &impl ConnectionTrait, course_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    collage_item::Entity::find().filter(collage_item::Column::CourseId.eq(course_id)).count(db).await
}

async fn delete(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, item_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::AddToCollage).or_else(|_| c.require(Action::ManageCollage))?;
    let item = collage_item::Entity::find_by_id(item_id)
        .filter(collage_item::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Authors remove their own pictures; the teaching team any.
    if c.user()?.id != item.user_id {
        c.require(Action::ManageCollage)?;
    }
    let txn = state.db.begin().await?;
    collage_item::Entity::delete_by_id(item.id).exec(&txn).await?;
    let key = crate::media::delete_row(&txn, item.media_id).await?;
    txn.commit().await?;
    if let Some(k) = key {
        crate::media::remove_files(&state.config, &k).await;
    }
    Ok(with_notice("notice-collage-removed", Redirect::to(&format!("/courses/{}/collage", c.course.id)), c.ctx.secure))
}
