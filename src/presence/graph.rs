//! The class graph (tutors, and TAs if the tutor allows): who interacts with whom, drawn
//! as SVG on the server by `homeroom_presence::graph`, with isolated students, clusters
//! and the staff's reach, and a table of the same for screen readers. Drawing grows with
//! the class, so the `presence.insight` job draws every filter (period × kind) from the
//! running pairs (`radar_pairs`, decision 0036) and caches it in `presence_caches`; the
//! page reads one row.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use homeroom_presence::graph::{Edge, Node, draw};
use homeroom_presence::radar::DAY;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};

use super::views::{GraphPage, GraphRow};
use crate::app::AppState;
use crate::db::entity::presence_cache;
use crate::error::AppResult;
use crate::policy::Action;
use crate::web::paging::{Cursor, Dir, PageParams, Paged, base_href};
use crate::web::{CourseCtx, Page, render};

/// Periods shown (days back; "all" since the course began) and kinds of interaction.
pub const PERIODS: [&str; 3] = ["all", "30", "7"];
pub const KINDS: [&str; 6] = ["all", "reply", "mention", "shout-out", "message", "group"];

/// Two members who interacted: `n` times in all, and the last time of each kind
/// (indexed as `KINDS`; `last[0]` is the last time of any kind).
#[derive(Clone, Copy, Debug)]
pub struct Pair {
    pub a: i64,
    pub b: i64,
    pub n: u32,
    pub last: [Option<i64>; 6],
}

/// Above this many people only the default filter (everything, since the course began)
/// is drawn at each refresh: a drawing of a very large class takes a good part of a
/// second, and eighteen of them every few minutes would crowd out the other jobs.
pub const ALL_FILTERS_UP_TO: usize = 1_500;

fn key(period: &str, kind: &str) -> String {
    format!("graph:{period}:{kind}")
}

/// Draw every filter. `people` are (id, name, staff), students by name first.
pub fn draw_all(course_id: i64, people: &[(i64, String, bool)], pairs: &[Pair], now: i64) -> Vec<(String, String)> {
    let nodes: Vec<Node> = people
        .iter()
        .map(|(id, name, staff)| Node {
            id: *id,
            label: name.clone(),
            staff: *staff,
            href: (!staff).then(|| format!("/courses/{course_id}/radar/contacts?to={id}")),
        })
        .collect();
    let names: HashMap<i64, &str> = people.iter().map(|(id, n, _)| (*id, n.as_str())).collect();
    let mut out = vec![];
    for period in PERIODS {
        let since = period.parse::<i64>().map_or(i64::MIN, |d| now - d * DAY);
        for (k, kind) in KINDS.iter().enumerate() {
            if people.len() > ALL_FILTERS_UP_TO && (period != "all" || k != 0) {
                continue;
            }
            // A pair is drawn when it interacted in the period in that kind; its weight is
            // every interaction it had (the totals keep no count per period).
            let list: Vec<Edge> = pairs
                .iter()
                .filter(|p| p.a != p.b && p.last[k].is_some_and(|at| at >= since))
                .map(|p| Edge { a: p.a.min(p.b), b: p.a.max(p.b), weight: p.n })
                .collect();
            let (svg, analysis) = draw(&nodes, &list);
            let name = |id: &i64| names.get(id).copied().unwrap_or_default().to_string();
            let mut cluster_of: HashMap<i64, usize> = HashMap::new();
            for (i, c) in analysis.clusters.iter().enumerate() {
                for id in c {
                    cluster_of.insert(*id, i + 1);
                }
            }
            let mut degree: HashMap<i64, usize> = HashMap::new();
            for e in &list {
                *degree.entry(e.a).or_default() += 1;
                *degree.entry(e.b).or_default() += 1;
            }
            let rows: Vec<Value> = people
                .iter()
                .map(|(id, n, staff)| {
                    json!([
                        n,
                        staff,
                        degree.get(id).copied().unwrap_or(0),
                        cluster_of.get(id).copied().unwrap_or(0),
                        analysis.isolated.contains(id),
                        id
                    ])
                })
                .collect();
            let body = json!({
                "svg": svg,
                "students": people.iter().filter(|p| !p.2).count(),
                "isolated": analysis.isolated.iter().map(name).collect::<Vec<_>>(),
                "clusters": analysis.clusters.len(),
                "reach": analysis.staff_reach.iter().map(|(id, n)| json!([name(id), n])).collect::<Vec<_>>(),
                "rows": rows,
            });
            out.push((key(period, kind), body.to_string()));
        }
    }
    out
}

/// Replace a course's caches with those just drawn, in the refresh's transaction.
pub async fn store(
    db: &impl ConnectionTrait,
    course_id: i64,
    caches: Vec<(String, String)>,
    now: i64,
) -> Result<(), DbErr> {
    presence_cache::Entity::delete_many().filter(presence_cache::Column::CourseId.eq(course_id)).exec(db).await?;
    // One row per statement: a graph of a large class is a large value.
    for (key, body) in caches {
        presence_cache::Entity::insert(presence_cache::ActiveModel {
            course_id: Set(course_id),
            key: Set(key),
            body: Set(body),
            computed_at: Set(now),
            ..Default::default()
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// One cached body and when it was drawn.
pub async fn cached(db: &impl ConnectionTrait, course_id: i64, key: &str) -> Result<Option<(Value, i64)>, DbErr> {
    Ok(presence_cache::Entity::find()
        .filter(presence_cache::Column::CourseId.eq(course_id))
        .filter(presence_cache::Column::Key.eq(key))
        .one(db)
        .await?
        .map(|c| (serde_json::from_str(&c.body).unwrap_or(Value::Null), c.computed_at)))
}

pub fn router() -> Router<AppState> {
    Router::new().route("/courses/{course_id}/graph", get(page))
}

#[derive(serde::Deserialize, Default)]
struct GraphQuery {
    #[serde(default)]
    period: String,
    #[serde(default)]
    kind: String,
    after: Option<String>,
    before: Option<String>,
}

/// The table beside the drawing lists the class a page at a time, and the names of
/// those with no classmate stop after a few (the radar's "isolated" filter has them all):
/// the drawing is the only part of the page that grows with the class.
const TABLE_PAGE: usize = 50;
const ISOLATED_NAMED: usize = 30;

/// One page of the cached table. The table is a snapshot in a fixed order, so a row's
/// place in it is a stable key for as long as the snapshot lives.
fn table_page(rows: &[Value], params: &PageParams) -> (Vec<GraphRow>, Dir, Option<Cursor>) {
    let (dir, from) = params.cursor();
    let at = from.as_ref().map(|c| c.id.clamp(0, rows.len() as i64) as usize);
    // Fetch one row more than a page, as a query would, so `Paged` knows whether there is more.
    let picked: Vec<(usize, &Value)> = match (dir, at) {
        (Dir::Backward, Some(at)) => rows[..at].iter().enumerate().rev().take(TABLE_PAGE + 1).collect(),
        (_, at) => rows.iter().enumerate().skip(at.map_or(0, |a| a + 1)).take(TABLE_PAGE + 1).collect(),
    };
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let out = picked
        .into_iter()
        .map(|(i, r)| GraphRow {
            position: i as i64,
            id: r[5].as_i64().unwrap_or(0),
            name: text(&r[0]),
            staff: r[1].as_bool().unwrap_or(false),
            people: r[2].as_i64().unwrap_or(0),
            cluster: r[3].as_i64().unwrap_or(0),
            isolated: r[4].as_bool().unwrap_or(false),
        })
        .collect();
    (out, dir, from)
}

async fn page(State(state): State<AppState>, c: CourseCtx, Query(q): Query<GraphQuery>) -> AppResult<Response> {
    super::queue::require_insight(&state, &c, Action::ViewClassGraph).await?;
    let period = PERIODS.iter().find(|p| **p == q.period).copied().unwrap_or("all");
    let kind = KINDS.iter().find(|k| **k == q.kind).copied().unwrap_or("all");
    let found = cached(&state.db, c.course.id, &key(period, kind)).await?;
    let t = c.ctx.tr();
    let (body, drawn_at) = found.map_or((Value::Null, None), |(b, at)| (b, Some(at)));
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let all_rows = body["rows"].as_array().map(Vec::as_slice).unwrap_or_default();
    let params = PageParams { after: q.after.clone(), before: q.before.clone(), size: None };
    let (rows, dir, from) = table_page(all_rows, &params);
    let base = base_href(&format!("/courses/{}/graph", c.course.id), &[("period", period), ("kind", kind)]);
    let table = Paged::build(rows, TABLE_PAGE as u64, dir, from.as_ref(), base, |r| Cursor::id(r.position));
    let isolated: Vec<String> = body["isolated"].as_array().map(|a| a.iter().map(text).collect()).unwrap_or_default();
    render(&GraphPage {
        page: Page::new(&c.ctx, "graph-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        svg: text(&body["svg"]),
        drawn_at,
        students: body["students"].as_i64().unwrap_or(0),
        clusters: body["clusters"].as_i64().unwrap_or(0),
        isolated_total: isolated.len(),
        isolated: isolated.into_iter().take(ISOLATED_NAMED).collect(),
        reach: body["reach"]
            .as_array()
            .map(|a| a.iter().map(|r| (text(&r[0]), r[1].as_i64().unwrap_or(0))).collect())
            .unwrap_or_default(),
        rows: table.items,
        pager: table.pager,
        period: period.to_string(),
        kind: kind.to_string(),
        periods: PERIODS.into_iter().map(|p| (p, t.t(&format!("graph-period-{p}")))).collect(),
        kinds: KINDS.into_iter().map(|k| (k, t.t(&format!("graph-kind-{k}")))).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_is_drawn_and_filters_hold() {
        let people = vec![
            (1, "Ada".to_string(), false),
            (2, "Bo".to_string(), false),
            (3, "Cy".to_string(), false),
            (9, "Tess".to_string(), true),
        ];
        let now = 100 * DAY;
        let pair = |a, b, at, kind: &str| {
            let mut last = [None; 6];
            last[0] = Some(at);
            last[KINDS.iter().position(|k| *k == kind).unwrap()] = Some(at);
            Pair { a, b, n: 1, last }
        };
        let edges =
            [pair(1, 2, now - DAY, "reply"), pair(2, 3, now - 60 * DAY, "message"), pair(9, 3, now - DAY, "reply")];
        let all = draw_all(7, &people, &edges, now);
        assert_eq!(all.len(), PERIODS.len() * KINDS.len());
        let get = |k: &str| -> Value { serde_json::from_str(&all.iter().find(|c| c.0 == k).unwrap().1).unwrap() };
        assert_eq!(get("graph:all:all")["isolated"], json!([]));
        assert_eq!(
            get("graph:7:all")["isolated"],
            json!(["Cy"]),
            "Cy's classmate was two months ago; the tutor is not a classmate"
        );
        assert_eq!(get("graph:all:message")["isolated"], json!(["Ada"]));
        assert_eq!(get("graph:7:all")["reach"], json!([["Tess", 1]]));
        assert!(get("graph:all:all")["svg"].as_str().unwrap().starts_with("<svg"));
    }
}
