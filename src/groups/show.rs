//! A group set's page at class scale. A student sees only their own group in each round;
//! the teaching team sees one round at a time, its groups a page at a time (a round of a
//! class of 5,000 has over a thousand groups). Either way the page reads a fixed number
//! of statements: the rounds, one page of groups, their members, the people on the page
//! and the check-ins. The quality report is the one stored when the plan was made or last
//! changed by hand, never recomputed for a page.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use sea_orm::sea_query::{Expr, ExprTrait, Query as Sql};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Deserialize;

use super::planning::{Kind, Settings};
use super::{Card, GroupView, ReportView, RoundView, queries, rounds, settings_of};
use crate::app::AppState;
use crate::db::entity::{checkin, course_group, group_member, group_round, group_set};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::policy::Action;
use crate::web::paging::{Cursor, PageParams, Paged, Pager, base_href};
use crate::web::{CourseCtx, Page, render};

/// Groups on one page of a round: enough to scan, and their people fit one lookup.
pub const GROUPS_PER_PAGE: u64 = 24;

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    /// The round the teaching team is looking at (the first when absent).
    round: Option<i32>,
    #[serde(flatten)]
    paging: PageParams,
}

#[derive(Template)]
#[template(path = "groups/show.html")]
struct ShowPage {
    page: Page,
    course_id: i64,
    course_title: String,
    set: group_set::Model,
    kind: Kind,
    settings: Settings,
    /// Every round's number, for the teaching team's round links.
    round_numbers: Vec<i32>,
    /// The round shown to the teaching team (students see all of theirs).
    current: i32,
    /// Groups in the shown round, in all.
    groups_in_round: u64,
    rounds: Vec<RoundView>,
    pager: Pager,
    report: Option<ReportView>,
    may_manage: bool,
    /// For the move form: the people on this page, by name.
    movable: Vec<(i64, String)>,
    /// This page's address, cursor included, for the move form to come back to.
    here: String,
    checkins: Vec<checkin::Model>,
}

pub async fn show(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, set_id)): Path<(i64, i64)>,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    c.require(Action::ViewGroups)?;
    let db = &state.db;
    let set = queries::set_in_course(db, c.course.id, set_id).await?.ok_or(AppError::NotFound)?;
    let may_manage = c.may(Action::ManageGroups);
    if set.status != "published" && !may_manage {
        return Err(AppError::NotFound);
    }
    let settings = settings_of(&set)?;
    let me = c.user()?.id;
    let all_rounds = group_round::Entity::find()
        .filter(group_round::Column::GroupSetId.eq(set.id))
        .order_by_asc(group_round::Column::Number)
        .all(db)
        .await?;
    let round_numbers: Vec<i32> = all_rounds.iter().map(|r| r.number).collect();
    let current = q.round.filter(|n| round_numbers.contains(n)).or(round_numbers.first().copied()).unwrap_or(1);
    let shown = all_rounds.iter().find(|r| r.number == current);
    let mut here = String::new();
    let (groups, pager, groups_in_round) = match (may_manage, shown) {
        (true, Some(round)) => {
            let size = q.paging.size.map(|s| s.to_string()).unwrap_or_default();
            let base = base_href(
                &format!("/courses/{}/groups/{}", c.course.id, set.id),
                &[("round", &current.to_string()), ("size", &size)],
            );
            let (paged, count) = futures::join!(round_page(db, round.id, &q.paging, base), groups_in(db, round.id));
            let paged = paged?;
            here = match (&q.paging.after, &q.paging.before) {
                (Some(a), _) => format!("{}&after={a}", paged.pager.base),
                (None, Some(b)) => format!("{}&before={b}", paged.pager.base),
                _ => paged.pager.base.clone(),
            };
            (paged.items, paged.pager, count?)
        }
        (true, None) => (vec![], Pager::default(), 0),
        (false, _) => (groups_of(db, &all_rounds, me).await?, Pager::default(), 0),
    };
    let shown_rounds: Vec<group_round::Model> =
        if may_manage { all_rounds.into_iter().filter(|r| r.number == current).collect() } else { all_rounds };
    let members = members_of(db, &groups).await?;
    let ids: Vec<i64> = members.values().flatten().copied().collect();
    let people = crate::people::cards(db, c.course.id, crate::people::Seer::of(&c), &ids).await?;
    let tr = c.ctx.tr();
    let views = round_views(&shown_rounds, &groups, &members, &people, me, tr, &c.course.time_zone);
    let mut page = build(&state, &c, set, settings, round_numbers, current, views, pager, groups_in_round).await?;
    if may_manage {
        page.movable = people.values().map(|p| (p.user_id, p.name.clone())).collect();
        page.movable.sort_by_cached_key(|(id, name)| (name.to_lowercase(), *id));
        page.here = here;
    }
    render(&page)
}

#[allow(clippy::too_many_arguments)]
async fn build(
    state: &AppState,
    c: &CourseCtx,
    set: group_set::Model,
    settings: Settings,
    round_numbers: Vec<i32>,
    current: i32,
    rounds: Vec<RoundView>,
    pager: Pager,
    groups_in_round: u64,
) -> AppResult<ShowPage> {
    let may_manage = c.may(Action::ManageGroups);
    let tr = c.ctx.tr();
    let report = if may_manage { stored_report(&set, tr) } else { None };
    let checkins = checkin::Entity::find()
        .filter(checkin::Column::GroupSetId.eq(set.id))
        .order_by_desc(checkin::Column::Id)
        .limit(50)
        .all(&state.db)
        .await?;
    Ok(ShowPage {
        page: Page::titled(&c.ctx, set.title.clone()),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        kind: Kind::parse(&set.kind).unwrap_or(Kind::Breakout),
        settings,
        round_numbers,
        current,
        groups_in_round,
        rounds,
        pager,
        report,
        may_manage,
        movable: vec![],
        here: String::new(),
        checkins,
        set,
    })
}

/// The report stored with the set (made by the planner, refreshed after each move).
fn stored_report(set: &group_set::Model, tr: Tr) -> Option<ReportView> {
    serde_json::from_str::<homeroom_groups::Report>(&set.report).ok().map(|r| ReportView::from(&r, tr))
}

/// One page of a round's groups, by number.
async fn round_page(
    db: &impl ConnectionTrait,
    round_id: i64,
    p: &PageParams,
    base: String,
) -> Result<Paged<course_group::Model>, DbErr> {
    let size = Ord::min(p.size(GROUPS_PER_PAGE), GROUPS_PER_PAGE * 2);
    let (dir, from) = p.cursor();
    let order = dir.order(Order::Asc);
    let mut select = course_group::Entity::find().filter(course_group::Column::RoundId.eq(round_id));
    if let Some(c) = &from {
        select = select.filter(c.condition(course_group::Column::Number, course_group::Column::Id, order.clone()));
    }
    let rows = select
        .order_by(course_group::Column::Number, order.clone())
        .order_by(course_group::Column::Id, order)
        .limit(size + 1)
        .all(db)
        .await?;
    Ok(Paged::build(rows, size, dir, from.as_ref(), base, |g| Cursor::int(g.number.into(), g.id)))
}

async fn groups_in(db: &impl ConnectionTrait, round_id: i64) -> Result<u64, DbErr> {
    course_group::Entity::find().filter(course_group::Column::RoundId.eq(round_id)).count(db).await
}

/// The groups that hold `me`, in every round of the set: one statement.
async fn groups_of(
    db: &impl ConnectionTrait,
    rounds: &[group_round::Model],
    me: i64,
) -> Result<Vec<course_group::Model>, DbErr> {
    if rounds.is_empty() {
        return Ok(vec![]);
    }
    let mine = Sql::select()
        .column(group_member::Column::GroupId)
        .from(group_member::Entity)
        .and_where(Expr::col(group_member::Column::UserId).eq(me))
        .to_owned();
    course_group::Entity::find()
        .filter(course_group::Column::RoundId.is_in(rounds.iter().map(|r| r.id)))
        .filter(Expr::col(course_group::Column::Id).in_subquery(mine))
        .order_by_asc(course_group::Column::Number)
        .all(db)
        .await
}

/// The members of these groups, in the order they were placed: one statement.
async fn members_of(
    db: &impl ConnectionTrait,
    groups: &[course_group::Model],
) -> Result<BTreeMap<i64, Vec<i64>>, DbErr> {
    let mut out: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    if groups.is_empty() {
        return Ok(out);
    }
    for m in group_member::Entity::find()
        .filter(group_member::Column::GroupId.is_in(groups.iter().map(|g| g.id)))
        .order_by_asc(group_member::Column::Id)
        .all(db)
        .await?
    {
        out.entry(m.group_id).or_default().push(m.user_id);
    }
    Ok(out)
}

fn round_views(
    rounds: &[group_round::Model],
    groups: &[course_group::Model],
    members: &BTreeMap<i64, Vec<i64>>,
    people: &HashMap<i64, crate::people::Card>,
    me: i64,
    tr: Tr,
    zone: &str,
) -> Vec<RoundView> {
    let mut local: HashMap<String, String> = HashMap::new();
    rounds
        .iter()
        .map(|r| {
            let (date_value, time_value) = rounds::form_values(r.starts_at, zone);
            RoundView {
                number: r.number,
                prompt: r.prompt.clone(),
                starts_at: r.starts_at,
                video_link: r.video_link.clone(),
                date_value,
                time_value,
                groups: groups
                    .iter()
                    .filter(|g| g.round_id == r.id)
                    .map(|g| {
                        let ids = members.get(&g.id).map(Vec::as_slice).unwrap_or_default();
                        let mine = ids.contains(&me);
                        GroupView {
                            id: g.id,
                            number: g.number,
                            mine,
                            // "Message my group": everyone else in it, chosen already.
                            message_query: if mine {
                                ids.iter()
                                    .filter(|id| **id != me)
                                    .map(|id| format!("to={id}"))
                                    .collect::<Vec<_>>()
                                    .join("&")
                            } else {
                                String::new()
                            },
                            members: ids
                                .iter()
                                .filter_map(|id| people.get(id))
                                .map(|p| Card {
                                    user_id: p.user_id,
                                    name: p.name.clone(),
                                    initials: p.initials(),
                                    hue: p.hue(),
                                    // Only for people who show where they are.
                                    local: p
                                        .time_zone
                                        .as_ref()
                                        .map(|z| {
                                            local
                                                .entry(z.clone())
                                                .or_insert_with(|| {
                                                    tr.t1("person-local-time", "time", crate::time::local_time_now(z))
                                                })
                                                .clone()
                                        })
                                        .unwrap_or_default(),
                                    facilitator: g.facilitator_id == Some(p.user_id),
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}
