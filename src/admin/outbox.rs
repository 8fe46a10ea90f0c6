//! The outbox: the emails the site sent or holds (the demo and sites without SMTP keep
//! them here for the admin to read), newest first, a keyset page at a time and searchable
//! by recipient or subject, with the newest failed background jobs above them. A busy
//! course writes thousands of emails a week, so the page never reads more than one page.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::app::AppState;
use crate::db::entity::{email, job};
use crate::error::AppResult;
use crate::policy::Action;
use crate::web::paging::{Cursor, Paged, Pager, base_href};
use crate::web::{Page, SignedIn, render};

/// Emails are long: fewer per page than the default.
const PAGE_SIZE: u64 = 20;
/// The failed jobs shown above the emails; `/admin/jobs` pages through all of them.
const FAILED_SHOWN: u64 = 5;

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    page: Page,
    q: String,
    emails: Vec<email::Model>,
    pager: Pager,
    uses_smtp: bool,
    /// The newest background jobs that gave up after their last attempt, and how many
    /// there are in all.
    failed_jobs: Vec<crate::jobs::Job>,
    failed_total: u64,
}

pub(super) async fn outbox(
    State(state): State<AppState>,
    me: SignedIn,
    Query(q): Query<super::ListQuery>,
) -> AppResult<Response> {
    me.require(&state, Action::ViewOutbox).await?;
    let term = q.term();
    let p = q.paging();
    let (dir, from) = p.cursor();
    let size = p.size(PAGE_SIZE);
    let order = dir.order(Order::Desc);
    let mut query = email::Entity::find();
    if !term.is_empty() {
        let pattern = crate::db::contains_pattern(&term);
        let like =
            |c: email::Column| Expr::expr(Func::lower(Expr::col(c))).like(LikeExpr::new(pattern.clone()).escape('\\'));
        query = query.filter(Condition::any().add(like(email::Column::ToAddress)).add(like(email::Column::Subject)));
    }
    if let Some(c) = &from {
        query = query.filter(c.condition(email::Column::Id, email::Column::Id, order.clone()));
    }
    let rows = query.order_by(email::Column::Id, order).limit(size + 1).all(&state.db).await?;
    let emails =
        Paged::build(rows, size, dir, from.as_ref(), base_href("/admin/outbox", &[("q", &term)]), |m| Cursor::id(m.id));
    let failed_jobs = crate::jobs::failed(&state.db, FAILED_SHOWN).await?;
    let failed_total = if (failed_jobs.len() as u64) < FAILED_SHOWN {
        failed_jobs.len() as u64
    } else {
        job::Entity::find().filter(job::Column::Status.eq("failed")).count(&state.db).await?
    };
    render(&OutboxPage {
        page: Page::new(&me.ctx, "outbox-title"),
        q: term,
        emails: emails.items,
        pager: emails.pager,
        uses_smtp: state.mailer.uses_smtp(),
        failed_jobs,
        failed_total,
    })
}
