//! "Meet the class": everyone as cards, filtered by organisation, time zone and interest
//! (plain GET queries), a page at a time.
//!
//! The page reads the class directory (`directory.rs`, decision 0035): each person's sort
//! key and filter values with the visibility level each value has, so the viewer's filters
//! are bound SQL conditions and the page is one keyset query in the directory index's
//! order; the filter choices per audience are kept per course. Only the page's people
//! have their cards built (from their live visibility) and their first line read.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use sea_orm::sea_query::{Asterisk, Condition, Expr, ExprTrait, JoinType, LikeExpr, Order, Query as Select};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;

use super::{directory, filter};
use crate::app::AppState;
use crate::db::entity::{introduction, membership, profile, profile_detail, user};
use crate::error::AppResult;
use crate::policy::{Action, Role};
use crate::profiles::Card;
use crate::profiles::visibility::{Choices, Field};
use crate::web::paging::{Cursor, Dir, Key, PageParams, Paged, Pager, base_href};
use crate::web::{CourseCtx, Page, render};

pub const PAGE_SIZE: u64 = 30;

#[derive(Deserialize, Default, Clone)]
pub struct ClassQuery {
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    zone: String,
    #[serde(default)]
    interest: String,
}

#[derive(Template)]
#[template(path = "introductions/class.html")]
struct ClassPage {
    page: Page,
    course_id: i64,
    course_title: String,
    cards: Vec<(Card, Option<String>)>,
    pager: Pager,
    organisations: Vec<String>,
    zones: Vec<String>,
    interests: Vec<String>,
    q_organisation: String,
    q_zone: String,
    q_interest: String,
    /// Everyone in the class, and how many the filters let through.
    total: usize,
    matching: usize,
}

/// What the cards need of one member.
struct Lean {
    user_id: i64,
    name: String,
    time_zone: String,
    role: Role,
    organisation: Option<String>,
    pronouns: Option<String>,
    photo_id: Option<i64>,
    interests: Option<String>,
    visibility: Option<String>,
}

/// The viewer's filters as bound conditions on the directory: a value matches only where
/// its level lets the viewer see it (hidden fields never match), or it is the viewer's own.
fn conditions(course_id: i64, q: &ClassQuery, level: i32, me: i64) -> Condition {
    let seen = |col: &'static str| Expr::col(("d", col)).lte(level).or(Expr::col(("d", "user_id")).eq(me));
    let (org, zone, interest) =
        (q.organisation.trim().to_lowercase(), q.zone.trim().to_string(), q.interest.trim().to_lowercase());
    let mut c = Condition::all().add(Expr::col(("d", "course_id")).eq(course_id));
    if !org.is_empty() {
        c = c.add(Expr::col(("d", "organisation_lc")).eq(org)).add(seen("level_work"));
    }
    if !zone.is_empty() {
        c = c.add(Expr::col(("d", "zone")).eq(zone)).add(seen("level_location"));
    }
    if !interest.is_empty() {
        let pattern = directory::interest_pattern(&interest);
        c = c.add(Expr::col(("d", "interests")).like(LikeExpr::new(pattern).escape('\\'))).add(seen("level_interests"));
    }
    c
}

fn filtered(q: &ClassQuery) -> bool {
    !(q.organisation.trim().is_empty() && q.zone.trim().is_empty() && q.interest.trim().is_empty())
}

/// The first unfiltered page's statement, for tests that read its query plan.
pub fn first_page_statement(
    be: sea_orm::DatabaseBackend,
    course_id: i64,
    level: i32,
    me: i64,
    limit: u64,
) -> sea_orm::Statement {
    be.build(&page_query(conditions(course_id, &ClassQuery::default(), level, me), Dir::Forward, None, limit))
}

/// One keyset page of the directory in its index's order (course, sort key, id), with
/// what the cards show read from the sources for those rows only.
async fn page_rows(
    db: &impl ConnectionTrait,
    cond: Condition,
    dir: Dir,
    from: Option<&Cursor>,
    limit: u64,
) -> Result<Vec<(String, Lean)>, DbErr> {
    let q = page_query(cond, dir, from, limit);
    let mut out = vec![];

    for r in db.query_all(&q).await? {
        let Some(role) = Role::parse(&r.try_get::<String>("", "role")?) else { continue };
        out.push((
            r.try_get("", "sort_key")?,
            Lean {
                user_id: r.try_get("", "id")?,
                name: r.try_get("", "name")?,
                time_zone: r.try_get("", "tz")?,
                role,
                organisation: r.try_get("", "org")?,
                pronouns: r.try_get("", "pronouns")?,
                photo_id: r.try_get("", "photo")?,
                interests: r.try_get("", "interests")?,
                visibility: r.try_get("", "vis")?,
            },
        ));
    }
    Ok(out)
}

/// The keyset page's statement: the directory drives, the sources join per row.
fn page_query(cond: Condition, dir: Dir, from: Option<&Cursor>, limit: u64) -> sea_orm::sea_query::SelectStatement {
    let mut q = Select::select();
    q.expr_as(Expr::col(("d", "sort_key")), "sort_key")
        .expr_as(Expr::col(("u", "id")), "id")
        .expr_as(Expr::col(("u", "name")), "name")
        .expr_as(Expr::col(("u", "time_zone")), "tz")
        .expr_as(Expr::col(("m", "role")), "role")
        .expr_as(Expr::col(("p", "organisation")), "org")
        .expr_as(Expr::col(("pd", "pronouns")), "pronouns")
        .expr_as(Expr::col(("pd", "photo_id")), "photo")
        .expr_as(Expr::col(("pd", "interests")), "interests")
        .expr_as(Expr::col(("pd", "visibility")), "vis")
        .from_as("class_directory", "d")
        .join_as(JoinType::InnerJoin, user::Entity, "u", Expr::col(("u", "id")).equals(("d", "user_id")))
        .join_as(
            JoinType::InnerJoin,
            membership::Entity,
            "m",
            Expr::col(("m", "user_id"))
                .equals(("d", "user_id"))
                .and(Expr::col(("m", "course_id")).equals(("d", "course_id"))),
        )
        .join_as(JoinType::LeftJoin, profile::Entity, "p", Expr::col(("p", "user_id")).equals(("d", "user_id")))
        .join_as(
            JoinType::LeftJoin,
            profile_detail::Entity,
            "pd",
            Expr::col(("pd", "user_id")).equals(("d", "user_id")),
        )
        .cond_where(cond)
        .limit(limit);
    let key = |cur: &Cursor| match &cur.key {
        Key::Text(t) => t.clone(),
        Key::Int(_) => String::new(),
    };
    let order = match dir {
        Dir::Forward => Order::Asc,
        Dir::Backward => Order::Desc,
    };
    if let Some(cur) = from {
        let (k, id) = (key(cur), cur.id);
        let after = Expr::col(("d", "sort_key"))
            .gt(k.clone())
            .or(Expr::col(("d", "sort_key")).eq(k.clone()).and(Expr::col(("d", "user_id")).gt(id)));
        let before = Expr::col(("d", "sort_key"))
            .lt(k.clone())
            .or(Expr::col(("d", "sort_key")).eq(k).and(Expr::col(("d", "user_id")).lt(id)));
        q.and_where(if dir == Dir::Forward { after } else { before });
    }
    q.order_by(("d", "sort_key"), order.clone()).order_by(("d", "user_id"), order);
    q
}

/// How many people the filters let through (run only when a filter is set).
async fn count(db: &impl ConnectionTrait, cond: Condition) -> Result<i64, DbErr> {
    let q = Select::select()
        .expr_as(Expr::col(Asterisk).count(), "n")
        .from_as("class_directory", "d")
        .cond_where(cond)
        .to_owned();
    let row = db.query_one(&q).await?;
    Ok(match row {
        Some(r) => r.try_get::<i64>("", "n").or_else(|_| r.try_get::<i32>("", "n").map(i64::from))?,
        None => 0,
    })
}

/// The card `rel` may see (the same rules as `profiles::card`).
fn card(l: Lean, choices: &Choices, rel: crate::profiles::visibility::Relation) -> Card {
    let show = |f: Field| choices.shows(f, rel);
    Card {
        user_id: l.user_id,
        initials: crate::courses::queries::initials(&l.name),
        hue: (l.user_id * 47) % 360,
        name: l.name,
        role: l.role,
        pronouns: l.pronouns.filter(|p| show(Field::Pronouns) && !p.is_empty()),
        photo_id: if show(Field::Photo) { l.photo_id } else { None },
        // Filled in for the cards on the page only: a zone lookup for everyone in a large
        // class was most of this page's cost.
        local_time: None,
        time_zone: show(Field::Location).then_some(l.time_zone),
        organisation: l.organisation.filter(|o| show(Field::Work) && !o.is_empty()),
        interests: match l.interests {
            Some(i) if show(Field::Interests) => crate::groups::planning::tags(&i),
            _ => vec![],
        },
    }
}

pub async fn meet_the_class(
    State(state): State<AppState>,
    c: CourseCtx,
    Query(q): Query<ClassQuery>,
    Query(p): Query<PageParams>,
) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    let viewer = c.user()?.clone();
    // The relation to anyone else in the course: the audience whose choices apply.
    let others = crate::profiles::relation_in_course(viewer.id, c.role, viewer.is_site_admin, -1);
    let level = directory::audience(others);
    let stored = directory::refresh(&state.db, c.course.id).await?;
    let own = directory::values(&state.db, c.course.id, Some(viewer.id)).await?;
    let audience_facets = if level >= 1 { &stored.team } else { &stored.class };
    let facets = if level < 0 {
        directory::with_own(&Default::default(), own.first())
    } else {
        directory::with_own(audience_facets, own.first())
    };
    let cond = conditions(c.course.id, &q, level, viewer.id);
    let matching = if filtered(&q) { count(&state.db, cond.clone()).await? } else { stored.total };
    let size = p.size(PAGE_SIZE);
    let (dir, from) = p.cursor();
    let rows = page_rows(&state.db, cond, dir, from.as_ref(), size + 1).await?;
    let rows: Vec<(String, Card)> = rows
        .into_iter()
        .map(|(k, l)| {
            let rel = crate::profiles::relation_in_course(viewer.id, c.role, viewer.is_site_admin, l.user_id);
            let choices = Choices::from_json(l.visibility.as_deref().unwrap_or("{}"));
            (k, card(l, &choices, rel))
        })
        .collect();
    let base = base_href(
        &format!("/courses/{}/class", c.course.id),
        &[("organisation", q.organisation.trim()), ("zone", q.zone.trim()), ("interest", q.interest.trim())],
    );
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |(k, c)| Cursor::text(k.clone(), c.user_id));
    let ids: Vec<i64> = paged.items.iter().map(|(_, c)| c.user_id).collect();
    let lines = first_lines(&state.db, c.course.id, &ids).await?;
    render(&ClassPage {
        page: Page::new(&c.ctx, "class-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        cards: paged
            .items
            .into_iter()
            .map(|(_, mut card)| {
                card.local_time = card.time_zone.as_deref().map(crate::time::local_time_now);
                let line = lines.get(&card.user_id).cloned().filter(|s| !s.is_empty());
                (card, line)
            })
            .collect(),
        pager: paged.pager,
        organisations: facets.organisations,
        zones: facets.zones,
        interests: facets.interests,
        q_organisation: q.organisation,
        q_zone: q.zone,
        q_interest: q.interest,
        total: stored.total as usize,
        matching: matching as usize,
    })
}

/// The first line of these people's introductions in the course.
async fn first_lines(db: &impl ConnectionTrait, course_id: i64, ids: &[i64]) -> Result<HashMap<i64, String>, DbErr> {
    Ok(introduction::Entity::find()
        .select_only()
        .column(introduction::Column::UserId)
        .column(introduction::Column::Body)
        .filter(introduction::Column::CourseId.eq(course_id))
        .filter(introduction::Column::UserId.is_in(ids.to_vec()))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, body)| (id, filter::first_line(&body, 140)))
        .collect())
}
