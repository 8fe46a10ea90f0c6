//! "Meet the class": everyone as cards, filtered by organisation, time zone and interest
//! (plain GET queries), a page at a time.
//!
//! The filters and their choices work on what the viewer may see of each person, which
//! each person's visibility settings decide, so they cannot become SQL conditions. The
//! page therefore reads the few columns the filters and cards need for the whole class
//! in one lean query, filters and orders in memory, and pages with a keyset cursor (the
//! card's sort key and id); only the page's people get their introduction's first line.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;

use super::filter;
use crate::app::AppState;
use crate::db::entity::introduction;
use crate::error::AppResult;
use crate::policy::{Action, Role};
use crate::profiles::Card;
use crate::profiles::visibility::{Choices, Field};
use crate::web::paging::{Cursor, Dir, Key, PageParams, Paged, Pager, base_href};
use crate::web::{CourseCtx, Page, render};

pub const PAGE_SIZE: u64 = 30;

#[derive(Deserialize, Default)]
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

/// What the cards and filters need of one member.
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

async fn lean_class(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<Lean>, DbErr> {
    let sql = "SELECT u.id AS id, u.name AS name, u.time_zone AS tz, m.role AS role, p.organisation AS org, \
               d.pronouns AS pronouns, d.photo_id AS photo, d.interests AS interests, d.visibility AS vis \
               FROM memberships m JOIN users u ON u.id = m.user_id \
               LEFT JOIN profiles p ON p.user_id = m.user_id \
               LEFT JOIN profile_details d ON d.user_id = m.user_id \
               WHERE m.course_id = $1";
    let stmt = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, [course_id.into()]);
    let mut out = vec![];
    for r in db.query_all_raw(stmt).await? {
        let Some(role) = Role::parse(&r.try_get::<String>("", "role")?) else { continue };
        out.push(Lean {
            user_id: r.try_get("", "id")?,
            name: r.try_get("", "name")?,
            time_zone: r.try_get("", "tz")?,
            role,
            organisation: r.try_get("", "org")?,
            pronouns: r.try_get("", "pronouns")?,
            photo_id: r.try_get("", "photo")?,
            interests: r.try_get("", "interests")?,
            visibility: r.try_get("", "vis")?,
        });
    }
    Ok(out)
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

/// Teaching team first, then by name: the card's place in the list, as a cursor key.
fn sort_key(c: &Card) -> String {
    format!("{}{}", if c.role.is_teaching() { '0' } else { '1' }, c.name.to_lowercase())
}

pub async fn meet_the_class(
    State(state): State<AppState>,
    c: CourseCtx,
    Query(q): Query<ClassQuery>,
    Query(p): Query<PageParams>,
) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    let viewer = c.user()?.clone();
    let everyone = lean_class(&state.db, c.course.id).await?;
    let total = everyone.len();
    // Most people share a few visibility settings: each is parsed once.
    let mut parsed: HashMap<String, Choices> = HashMap::new();
    let all: Vec<Card> = everyone
        .into_iter()
        .map(|l| {
            let rel = crate::profiles::relation_in_course(viewer.id, c.role, viewer.is_site_admin, l.user_id);
            let vis = l.visibility.clone().unwrap_or_else(|| "{}".into());
            let choices = parsed.entry(vis).or_insert_with_key(|v| Choices::from_json(v)).clone();
            card(l, &choices, rel)
        })
        .collect();
    let facets =
        filter::facets(all.iter().map(|c| (c.organisation.as_deref(), c.time_zone.as_deref(), c.interests.as_slice())));
    let wanted = filter::Wanted::new(&q.organisation, &q.zone, &q.interest);
    let mut cards: Vec<(String, Card)> = all
        .into_iter()
        .filter(|c| wanted.matches(c.organisation.as_deref(), c.time_zone.as_deref(), &c.interests))
        .map(|c| (sort_key(&c), c))
        .collect();
    let matching = cards.len();
    cards.sort_by(|a, b| (&a.0, a.1.user_id).cmp(&(&b.0, b.1.user_id)));
    // The keyset page, taken in memory from the ordered cards.
    let size = p.size(PAGE_SIZE);
    let (dir, from) = p.cursor();
    let beyond = |(k, c): &(String, Card), cur: &Cursor| {
        let key = match &cur.key {
            Key::Text(t) => t.as_str(),
            Key::Int(_) => "",
        };
        (k.as_str(), c.user_id).cmp(&(key, cur.id))
    };
    let rows: Vec<(String, Card)> = match (dir, &from) {
        (Dir::Forward, None) => cards.into_iter().take(size as usize + 1).collect(),
        (Dir::Forward, Some(cur)) => {
            cards.into_iter().filter(|r| beyond(r, cur).is_gt()).take(size as usize + 1).collect()
        }
        (Dir::Backward, cur) => cards
            .into_iter()
            .rev()
            .filter(|r| cur.as_ref().is_none_or(|cur| beyond(r, cur).is_lt()))
            .take(size as usize + 1)
            .collect(),
    };
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
        total,
        matching,
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
