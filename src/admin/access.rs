//! The log of site admins' visits to courses they are not members of: every request such
//! an admin makes to a course route (`web::CourseCtx` records it before the handler asks
//! the policy, so refused attempts are logged too). Shown, newest first, on `/admin/access`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use crate::app::AppState;
use crate::db::entity::{admin_access_log, course, user};
use crate::error::AppResult;
use crate::policy::Action;
use crate::web::paging::{Cursor, DEFAULT_SIZE, PageParams, Paged, Pager, base_href};
use crate::web::{Page, SignedIn, render};

/// Paths are stored as asked, cut to a sane length.
const MAX_PATH: usize = 300;

pub async fn record(
    db: &impl ConnectionTrait,
    admin_id: i64,
    course_id: i64,
    method: &str,
    path: &str,
) -> Result<(), DbErr> {
    admin_access_log::ActiveModel {
        admin_id: Set(admin_id),
        course_id: Set(course_id),
        method: Set(method.chars().take(10).collect()),
        path: Set(path.chars().take(MAX_PATH).collect()),
        at: Set(crate::time::now_ms()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub struct Visit {
    pub at: i64,
    pub admin: String,
    pub course_id: i64,
    pub course: String,
    pub method: String,
    pub path: String,
}

#[derive(Template)]
#[template(path = "admin/access.html")]
struct AccessPage {
    page: Page,
    visits: Vec<Visit>,
    pager: Pager,
}

/// One page of the log, newest first: the rows, then the admins' names and the courses'
/// titles in one query each.
pub async fn visits(db: &impl ConnectionTrait, p: &PageParams, course_id: Option<i64>) -> Result<Paged<Visit>, DbErr> {
    let (dir, from) = p.cursor();
    let size = p.size(DEFAULT_SIZE);
    let order = dir.order(Order::Desc);
    let mut q = admin_access_log::Entity::find();
    if let Some(c) = course_id {
        q = q.filter(admin_access_log::Column::CourseId.eq(c));
    }
    if let Some(c) = &from {
        q = q.filter(c.condition(admin_access_log::Column::Id, admin_access_log::Column::Id, order.clone()));
    }
    let rows = q.order_by(admin_access_log::Column::Id, order).limit(size + 1).all(db).await?;
    let base = match course_id {
        Some(c) => base_href("/admin/access", &[("course", &c.to_string())]),
        None => "/admin/access".to_string(),
    };
    let page = Paged::build(rows, size, dir, from.as_ref(), base, |r| Cursor::id(r.id));
    let admin_ids: Vec<i64> = page.items.iter().map(|r| r.admin_id).collect();
    let course_ids: Vec<i64> = page.items.iter().map(|r| r.course_id).collect();
    let (admins, courses) = futures::try_join!(
        user::Entity::find()
            .select_only()
            .columns([user::Column::Id, user::Column::Name])
            .filter(user::Column::Id.is_in(admin_ids))
            .into_tuple::<(i64, String)>()
            .all(db),
        course::Entity::find()
            .select_only()
            .columns([course::Column::Id, course::Column::Title])
            .filter(course::Column::Id.is_in(course_ids))
            .into_tuple::<(i64, String)>()
            .all(db),
    )?;
    let name = |list: &[(i64, String)], id: i64| {
        list.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default()
    };
    Ok(page.map(|r| Visit {
        at: r.at,
        admin: name(&admins, r.admin_id),
        course_id: r.course_id,
        course: name(&courses, r.course_id),
        method: r.method,
        path: r.path,
    }))
}

pub(super) async fn access_page(
    State(state): State<AppState>,
    me: SignedIn,
    Query(q): Query<super::ListQuery>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let course = q.course.as_deref().and_then(|c| c.parse().ok());
    let list = visits(&state.db, &q.paging(), course).await?;
    render(&AccessPage { page: Page::new(&me.ctx, "admin-access-title"), visits: list.items, pager: list.pager })
}
