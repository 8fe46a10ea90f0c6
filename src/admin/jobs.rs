//! Background jobs that failed after their last attempt, newest first, each with its
//! error and a button to try it again from scratch.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Redirect, Response};
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};

use crate::app::AppState;
use crate::db::entity::job;
use crate::error::{AppError, AppResult};
use crate::policy::Action;
use crate::web::paging::{Cursor, DEFAULT_SIZE, Paged, Pager};
use crate::web::{Page, SignedIn, render, with_notice};

#[derive(Template)]
#[template(path = "admin/jobs.html")]
struct JobsPage {
    page: Page,
    jobs: Vec<job::Model>,
    pager: Pager,
}

pub(super) async fn failed_jobs(
    State(state): State<AppState>,
    me: SignedIn,
    Query(q): Query<super::ListQuery>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let p = q.paging();
    let (dir, from) = p.cursor();
    let size = p.size(DEFAULT_SIZE);
    let order = dir.order(Order::Desc);
    let mut query = job::Entity::find().filter(job::Column::Status.eq("failed"));
    if let Some(c) = &from {
        query = query.filter(c.condition(job::Column::Id, job::Column::Id, order.clone()));
    }
    let rows = query.order_by(job::Column::Id, order).limit(size + 1).all(&state.db).await?;
    let page = Paged::build(rows, size, dir, from.as_ref(), "/admin/jobs".into(), |j| Cursor::id(j.id));
    render(&JobsPage { page: Page::new(&me.ctx, "jobs-failed-title"), jobs: page.items, pager: page.pager })
}

pub(super) async fn retry(State(state): State<AppState>, me: SignedIn, Path(id): Path<i64>) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    if !crate::jobs::retry(&state.db, id, crate::time::now_ms()).await? {
        return Err(AppError::NotFound);
    }
    Ok(with_notice("notice-admin-job-retried", Redirect::to("/admin/jobs"), me.ctx.secure))
}
