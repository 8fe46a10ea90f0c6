//! Meet the class's directory (decision 0035): per membership, the card's sort key and the
//! values the filters match, each with the visibility level its owner chose; per course,
//! the filter choices each audience may see. Database triggers bump `stale` when a source
//! row changes; `refresh` recomputes only the stale rows (the visibility rules are Rust),
//! so the page reads a keyset page of the class, never the whole class.

use std::collections::BTreeSet;

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr, Statement};
use serde::{Deserialize, Serialize};

use super::filter::Facets;
use crate::policy::Role;
use crate::profiles::visibility::{Choices, Field, Relation, Visibility};

/// A visibility as a number the page compares with the viewer's audience level.
pub fn level(v: Visibility) -> i32 {
    match v {
        Visibility::Class => 0,
        Visibility::Tutors => 1,
        Visibility::OnlyMe => 2,
    }
}

/// The highest level a viewer other than the owner may see: the class 0, the team 1.
pub fn audience(rel: Relation) -> i32 {
    match rel {
        Relation::Myself => 2,
        Relation::TeachingTeam => 1,
        Relation::Classmate => 0,
        Relation::Other => -1,
    }
}

/// Teaching team first, then by name: the card's place in the list, as a cursor key.
pub fn sort_key(role: Role, name: &str) -> String {
    format!("{}{}", if role.is_teaching() { '0' } else { '1' }, name.to_lowercase())
}

/// Interests as stored: `;a;b;` (tags never hold a `;`), so one bound LIKE finds a tag.
pub fn stored_interests(tags: &[String]) -> Option<String> {
    (!tags.is_empty()).then(|| format!(";{};", tags.join(";")))
}

/// The LIKE pattern that finds one tag in `stored_interests`, its wildcards escaped.
pub fn interest_pattern(tag: &str) -> String {
    let escaped: String = tag
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%;{escaped};%")
}

/// Recomputes the course's stale rows and, if anything changed, its filter choices.
/// Costs one statement when nothing changed.
pub async fn refresh(db: &impl ConnectionTrait, course_id: i64) -> Result<CourseFacets, DbErr> {
    let be = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            be,
            "SELECT stale, total, class_json, team_json FROM class_facets WHERE course_id = $1",
            [course_id.into()],
        ))
        .await?;
    let seen: Option<i64> = match &row {
        Some(r) => Some(r.try_get::<i64>("", "stale").or_else(|_| r.try_get::<i32>("", "stale").map(i64::from))?),
        None => None,
    };
    if let (Some(r), Some(0)) = (&row, seen) {
        return Ok(CourseFacets {
            total: r.try_get("", "total")?,
            class: serde_json::from_str(&r.try_get::<String>("", "class_json")?).unwrap_or_default(),
            team: serde_json::from_str(&r.try_get::<String>("", "team_json")?).unwrap_or_default(),
        });
    }
    refresh_rows(db, course_id).await?;
    let facets = compute(db, course_id).await?;
    let (class, team) = (serde_json::to_string(&facets.class).unwrap(), serde_json::to_string(&facets.team).unwrap());
    let sql = match seen {
        // Only if no trigger fired meanwhile: otherwise the next view recomputes.
        Some(s) => Statement::from_sql_and_values(
            be,
            "UPDATE class_facets SET stale = 0, total = $1, class_json = $2, team_json = $3 \
             WHERE course_id = $4 AND stale = $5",
            [facets.total.into(), class.into(), team.into(), course_id.into(), s.into()],
        ),
        None => Statement::from_sql_and_values(
            be,
            "INSERT INTO class_facets (course_id, stale, total, class_json, team_json) VALUES ($1, 0, $2, $3, $4) \
             ON CONFLICT (course_id) DO NOTHING",
            [course_id.into(), facets.total.into(), class.into(), team.into()],
        ),
    };
    db.execute_raw(sql).await?;
    Ok(facets)
}

/// Recomputes the stale rows of the course from their sources.
async fn refresh_rows(db: &impl ConnectionTrait, course_id: i64) -> Result<(), DbErr> {
    let be = db.get_database_backend();
    let sql = "SELECT d.user_id AS id, d.stale AS stale, u.name AS name, u.time_zone AS tz, m.role AS role, \
               p.organisation AS org, pd.interests AS interests, pd.visibility AS vis \
               FROM class_directory d JOIN users u ON u.id = d.user_id \
               JOIN memberships m ON m.course_id = d.course_id AND m.user_id = d.user_id \
               LEFT JOIN profiles p ON p.user_id = d.user_id \
               LEFT JOIN profile_details pd ON pd.user_id = d.user_id \
               WHERE d.course_id = $1 AND d.stale > 0";
    let mut rows = vec![];
    for r in db.query_all_raw(Statement::from_sql_and_values(be, sql, [course_id.into()])).await? {
        let user_id: i64 = r.try_get("", "id")?;
        let stale: i64 = r.try_get::<i64>("", "stale").or_else(|_| r.try_get::<i32>("", "stale").map(i64::from))?;
        let role = Role::parse(&r.try_get::<String>("", "role")?).unwrap_or(Role::Student);
        let name: String = r.try_get("", "name")?;
        let choices = Choices::from_json(&r.try_get::<Option<String>>("", "vis")?.unwrap_or_else(|| "{}".into()));
        let org = r.try_get::<Option<String>>("", "org")?.filter(|o| !o.is_empty());
        let tags = r.try_get::<Option<String>>("", "interests")?.map(|i| crate::groups::planning::tags(&i));
        let values: [sea_orm::sea_query::SimpleExpr; 11] = [
            course_id.into(),
            user_id.into(),
            stale.into(),
            sort_key(role, &name).into(),
            org.clone().into(),
            org.map(|o| o.to_lowercase()).into(),
            r.try_get::<String>("", "tz")?.into(),
            tags.as_deref().and_then(stored_interests).into(),
            level(choices.get(Field::Work)).into(),
            level(choices.get(Field::Location)).into(),
            level(choices.get(Field::Interests)).into(),
        ];
        rows.push(values);
    }
    // One statement per 1,000 recomputed rows (a whole class after the backfill or an
    // import; usually one person). A row is marked fresh only if no trigger bumped it
    // since it was read: otherwise it stays stale and the next view recomputes it.
    for chunk in rows.chunks(1000) {
        let mut insert = Query::insert();
        insert.into_table("class_directory");
        insert.columns(COLUMNS);
        for values in chunk {
            insert.values_panic(values.iter().cloned());
        }
        insert.on_conflict(
            OnConflict::columns(["course_id", "user_id"])
                .update_columns(COLUMNS[3..].iter().copied())
                .value("stale", Expr::val(0))
                .action_and_where(Expr::col(("class_directory", "stale")).equals(("excluded", "stale")))
                .to_owned(),
        );
        db.execute(&insert).await?;
    }
    Ok(())
}

const COLUMNS: [&str; 11] = [
    "course_id",
    "user_id",
    "stale",
    "sort_key",
    "organisation",
    "organisation_lc",
    "zone",
    "interests",
    "level_work",
    "level_location",
    "level_interests",
];

/// The filter choices of a course for each audience, and how many are in it.
#[derive(Default)]
pub struct CourseFacets {
    pub total: i64,
    pub class: Stored,
    pub team: Stored,
}

/// Facets as stored in `class_facets`.
#[derive(Default, Serialize, Deserialize)]
pub struct Stored {
    pub organisations: Vec<String>,
    pub zones: Vec<String>,
    pub interests: Vec<String>,
}

/// One person's filter values and their levels, as the directory holds them.
pub struct Values {
    pub organisation: Option<String>,
    pub zone: Option<String>,
    pub interests: Option<String>,
    pub level_work: i32,
    pub level_location: i32,
    pub level_interests: i32,
}

/// The choices an audience may see: a value counts only where its level allows.
pub fn facets_for<'a>(people: impl Iterator<Item = &'a Values> + Clone, audience: i32) -> Stored {
    let (mut o, mut z, mut i) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for p in people {
        if p.level_work <= audience {
            o.extend(p.organisation.clone());
        }
        if p.level_location <= audience {
            z.extend(p.zone.clone());
        }
        if p.level_interests <= audience {
            i.extend(p.interests.iter().flat_map(|s| s.split(';').filter(|t| !t.is_empty()).map(str::to_string)));
        }
    }
    Stored {
        organisations: o.into_iter().collect(),
        zones: z.into_iter().collect(),
        interests: i.into_iter().collect(),
    }
}

/// The audience's choices plus the viewer's own values (people always see their own).
pub fn with_own(stored: &Stored, own: Option<&Values>) -> Facets {
    let mut o: BTreeSet<String> = stored.organisations.iter().cloned().collect();
    let mut z: BTreeSet<String> = stored.zones.iter().cloned().collect();
    let mut i: BTreeSet<String> = stored.interests.iter().cloned().collect();
    if let Some(p) = own {
        let mine = facets_for(std::iter::once(p), 2);
        o.extend(mine.organisations);
        z.extend(mine.zones);
        i.extend(mine.interests);
    }
    Facets {
        organisations: o.into_iter().collect(),
        zones: z.into_iter().collect(),
        interests: i.into_iter().collect(),
    }
}

/// Reads the course's directory once (only after something changed) for its choices.
async fn compute(db: &impl ConnectionTrait, course_id: i64) -> Result<CourseFacets, DbErr> {
    let rows = values(db, course_id, None).await?;
    Ok(CourseFacets { total: rows.len() as i64, class: facets_for(rows.iter(), 0), team: facets_for(rows.iter(), 1) })
}

/// The directory's values of a course, or of one person in it.
pub async fn values(db: &impl ConnectionTrait, course_id: i64, user: Option<i64>) -> Result<Vec<Values>, DbErr> {
    let be = db.get_database_backend();
    let stmt = match user {
        Some(u) => Statement::from_sql_and_values(
            be,
            concat!(
                "SELECT organisation, zone, interests, level_work, level_location, level_interests ",
                "FROM class_directory WHERE course_id = $1 AND user_id = $2"
            ),
            [course_id.into(), u.into()],
        ),
        None => Statement::from_sql_and_values(
            be,
            concat!(
                "SELECT organisation, zone, interests, level_work, level_location, level_interests ",
                "FROM class_directory WHERE course_id = $1"
            ),
            [course_id.into()],
        ),
    };
    let int = |r: &sea_orm::QueryResult, c: &str| -> Result<i32, DbErr> {
        r.try_get::<i32>("", c).or_else(|_| r.try_get::<i64>("", c).map(|v| v as i32))
    };
    db.query_all_raw(stmt)
        .await?
        .iter()
        .map(|r| {
            Ok(Values {
                organisation: r.try_get("", "organisation")?,
                zone: r.try_get("", "zone")?,
                interests: r.try_get("", "interests")?,
                level_work: int(r, "level_work")?,
                level_location: int(r, "level_location")?,
                level_interests: int(r, "level_interests")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(org: &str, lw: i32) -> Values {
        Values {
            organisation: Some(org.into()),
            zone: Some("UTC".into()),
            interests: stored_interests(&["chess".into(), "go".into()]),
            level_work: lw,
            level_location: 0,
            level_interests: 1,
        }
    }

    #[test]
    fn hidden_values_stay_out_of_an_audience_choices() {
        let people = [v("Acme", 0), v("Secret", 1), v("Mine", 2)];
        let class = facets_for(people.iter(), 0);
        assert_eq!(class.organisations, vec!["Acme"]);
        assert!(class.interests.is_empty(), "interests are for the team only");
        let team = facets_for(people.iter(), 1);
        assert_eq!(team.organisations, vec!["Acme", "Secret"]);
        assert_eq!(team.interests, vec!["chess", "go"]);
        let own = with_own(&class, Some(&people[2]));
        assert_eq!(own.organisations, vec!["Acme", "Mine"]);
    }

    #[test]
    fn interest_patterns_escape_wildcards() {
        assert_eq!(stored_interests(&["a b".into(), "c".into()]).as_deref(), Some(";a b;c;"));
        assert_eq!(stored_interests(&[]), None);
        assert_eq!(interest_pattern("50%_x"), "%;50\\%\\_x;%");
    }

    #[test]
    fn the_teaching_team_sorts_first() {
        assert!(sort_key(Role::Tutor, "Zed") < sort_key(Role::Student, "Ada"));
        assert_eq!(sort_key(Role::Student, "Ada"), "1ada");
    }
}
