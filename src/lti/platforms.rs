//! Registered platforms (LMSs): reading them, and the rules of the registration form.

use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use super::sql;
use crate::time::now_ms;

/// The most platforms the admin page lists; a site connects to a handful of LMSs.
pub const LISTED: i64 = 200;

#[derive(Clone, Debug)]
pub struct Platform {
    pub id: i64,
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub auth_url: String,
    pub token_url: String,
    pub jwks_url: String,
    pub deployments: Vec<String>,
    /// The audience of our client assertion at the token endpoint, when the platform
    /// names one other than the endpoint's address (Brightspace; `authorization_server`
    /// in Dynamic Registration).
    pub token_audience: Option<String>,
    pub jwks_cache: Option<String>,
    pub jwks_fetched_at: Option<i64>,
}

impl Platform {
    pub fn registration(&self) -> homeroom_lti::launch::Registration {
        homeroom_lti::launch::Registration {
            issuer: self.issuer.clone(),
            client_id: self.client_id.clone(),
            deployments: self.deployments.clone(),
        }
    }

    /// The audience our client assertion names at the token endpoint.
    pub fn audience(&self) -> &str {
        match self.token_audience.as_deref() {
            Some(a) if !a.is_empty() => a,
            _ => homeroom_lti::launch::token_audience(&self.token_url),
        }
    }

    pub fn deployments_text(&self) -> String {
        self.deployments.join(", ")
    }
}

/// The columns `from_row` reads, spliced into fixed statement text at compile time.
macro_rules! columns {
    () => {
        "id, name, issuer, client_id, auth_url, token_url, jwks_url, deployments, token_audience, jwks_cache, \
         jwks_fetched_at"
    };
}

fn from_row(r: &QueryResult) -> Result<Platform, DbErr> {
    let deployments: String = r.try_get("", "deployments")?;
    Ok(Platform {
        id: r.try_get("", "id")?,
        name: r.try_get("", "name")?,
        issuer: r.try_get("", "issuer")?,
        client_id: r.try_get("", "client_id")?,
        auth_url: r.try_get("", "auth_url")?,
        token_url: r.try_get("", "token_url")?,
        jwks_url: r.try_get("", "jwks_url")?,
        deployments: split_deployments(&deployments),
        token_audience: r.try_get("", "token_audience")?,
        jwks_cache: r.try_get("", "jwks_cache")?,
        jwks_fetched_at: r.try_get("", "jwks_fetched_at")?,
    })
}

pub fn split_deployments(text: &str) -> Vec<String> {
    text.split(['\n', ',']).map(str::trim).filter(|d| !d.is_empty()).map(str::to_string).collect()
}

pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<Platform>, DbErr> {
    sql::one(db, concat!("SELECT ", columns!(), " FROM lti_platforms WHERE id = $1"), vec![id.into()])
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

/// The platform a login names: by issuer and client id, or by issuer alone when the
/// platform did not send its client id and only one registration has that issuer.
pub async fn find(db: &impl ConnectionTrait, issuer: &str, client_id: Option<&str>) -> Result<Option<Platform>, DbErr> {
    let rows = match client_id {
        Some(c) => {
            sql::all(
                db,
                concat!("SELECT ", columns!(), " FROM lti_platforms WHERE issuer = $1 AND client_id = $2"),
                vec![issuer.into(), c.into()],
            )
            .await?
        }
        None => {
            sql::all(
                db,
                concat!("SELECT ", columns!(), " FROM lti_platforms WHERE issuer = $1 LIMIT 2"),
                vec![issuer.into()],
            )
            .await?
        }
    };
    if rows.len() != 1 {
        return Ok(None);
    }
    from_row(&rows[0]).map(Some)
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Platform>, DbErr> {
    sql::all(db, concat!("SELECT ", columns!(), " FROM lti_platforms ORDER BY name, id LIMIT $1"), vec![LISTED.into()])
        .await?
        .iter()
        .map(from_row)
        .collect()
}

pub async fn save_jwks(db: &impl ConnectionTrait, id: i64, jwks: &str) -> Result<(), DbErr> {
    sql::exec(
        db,
        "UPDATE lti_platforms SET jwks_cache = $1, jwks_fetched_at = $2 WHERE id = $3",
        vec![jwks.into(), now_ms().into(), id.into()],
    )
    .await
    .map(|_| ())
}

/// A registration as typed into the form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Form {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub client_id: String,
    #[serde(default)]
    pub auth_url: String,
    #[serde(default)]
    pub token_url: String,
    #[serde(default)]
    pub jwks_url: String,
    #[serde(default)]
    pub deployments: String,
    /// Optional: empty means the token endpoint's address.
    #[serde(default)]
    pub token_audience: String,
}

/// Each field's problem, as a Fluent message id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Errors {
    pub name: Option<&'static str>,
    pub issuer: Option<&'static str>,
    pub client_id: Option<&'static str>,
    pub auth_url: Option<&'static str>,
    pub token_url: Option<&'static str>,
    pub jwks_url: Option<&'static str>,
    pub deployments: Option<&'static str>,
    pub token_audience: Option<&'static str>,
}

impl Errors {
    /// The first field (in the form's order) with a problem.
    pub fn first(&self) -> Option<&'static str> {
        [
            ("name", self.name),
            ("issuer", self.issuer),
            ("client_id", self.client_id),
            ("auth_url", self.auth_url),
            ("token_url", self.token_url),
            ("jwks_url", self.jwks_url),
            ("deployments", self.deployments),
            ("token_audience", self.token_audience),
        ]
        .into_iter()
        .find_map(|(f, e)| e.map(|_| f))
    }

    pub fn any(&self) -> bool {
        [
            self.name,
            self.issuer,
            self.client_id,
            self.auth_url,
            self.token_url,
            self.jwks_url,
            self.deployments,
            self.token_audience,
        ]
        .iter()
        .any(Option::is_some)
    }
}

fn web_address(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "https" | "http") && u.host().is_some())
}

/// Check a registration; no I/O. Every field is checked, so all problems show at once.
// One message slot per field, returned once per form submission to be shown beside the
// fields: its size costs nothing worth a box.
#[allow(clippy::result_large_err)]
pub fn check(f: &Form) -> Result<Form, Errors> {
    let mut e = Errors::default();
    let t = |s: &str| s.trim().to_string();
    let clean = Form {
        name: f.name.split_whitespace().collect::<Vec<_>>().join(" "),
        issuer: t(&f.issuer),
        client_id: t(&f.client_id),
        auth_url: t(&f.auth_url),
        token_url: t(&f.token_url),
        jwks_url: t(&f.jwks_url),
        deployments: split_deployments(&f.deployments).join("\n"),
        token_audience: t(&f.token_audience),
    };
    if clean.name.is_empty() || clean.name.chars().count() > 100 {
        e.name = Some("lti-err-name");
    }
    // The issuer is compared as written; LMSs use their own address (Canvas: a fixed one).
    if !web_address(&clean.issuer) || clean.issuer.len() > 500 {
        e.issuer = Some("lti-err-url");
    }
    if clean.client_id.is_empty() || clean.client_id.len() > 200 {
        e.client_id = Some("lti-err-client-id");
    }
    for (value, slot) in
        [(&clean.auth_url, &mut e.auth_url), (&clean.token_url, &mut e.token_url), (&clean.jwks_url, &mut e.jwks_url)]
    {
        if !web_address(value) || value.len() > 500 {
            *slot = Some("lti-err-url");
        }
    }
    let deployments = split_deployments(&clean.deployments);
    if deployments.is_empty() || deployments.len() > 100 || deployments.iter().any(|d| d.len() > 255) {
        e.deployments = Some("lti-err-deployments");
    }
    // An identifier, often but not always a web address: one word, not over-long.
    if clean.token_audience.len() > 500 || clean.token_audience.contains(char::is_whitespace) {
        e.token_audience = Some("lti-err-audience");
    }
    if e.any() { Err(e) } else { Ok(clean) }
}

/// Store a checked registration; `None` when the issuer and client id are taken.
pub async fn insert(db: &impl ConnectionTrait, f: &Form) -> Result<Option<i64>, DbErr> {
    let taken = sql::one(
        db,
        "SELECT id FROM lti_platforms WHERE issuer = $1 AND client_id = $2",
        vec![f.issuer.clone().into(), f.client_id.clone().into()],
    )
    .await?;
    if taken.is_some() {
        return Ok(None);
    }
    sql::insert(
        db,
        "INSERT INTO lti_platforms (name, issuer, client_id, auth_url, token_url, jwks_url, deployments, created_at, \
         token_audience) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        vec![
            f.name.clone().into(),
            f.issuer.clone().into(),
            f.client_id.clone().into(),
            f.auth_url.clone().into(),
            f.token_url.clone().into(),
            f.jwks_url.clone().into(),
            f.deployments.clone().into(),
            now_ms().into(),
            (!f.token_audience.is_empty()).then(|| f.token_audience.clone()).into(),
        ],
    )
    .await
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> Form {
        Form {
            name: "  Moodle   at North ".into(),
            issuer: "https://moodle.north.example".into(),
            client_id: "abc123".into(),
            auth_url: "https://moodle.north.example/mod/lti/auth.php".into(),
            token_url: "https://moodle.north.example/mod/lti/token.php".into(),
            jwks_url: "https://moodle.north.example/mod/lti/certs.php".into(),
            deployments: "1\n 2 ,3\n\n".into(),
            token_audience: String::new(),
        }
    }

    #[test]
    fn a_good_registration_is_tidied() {
        let f = check(&good()).unwrap();
        assert_eq!(f.name, "Moodle at North");
        assert_eq!(split_deployments(&f.deployments), ["1", "2", "3"]);
        let f = check(&Form { token_audience: " https://api.brightspace.com/auth/token ".into(), ..good() }).unwrap();
        assert_eq!(f.token_audience, "https://api.brightspace.com/auth/token");
        let e = check(&Form { token_audience: "two words".into(), ..good() }).unwrap_err();
        assert_eq!(e.token_audience, Some("lti-err-audience"));
    }

    #[test]
    fn every_problem_at_once() {
        let f = Form { name: " ".into(), jwks_url: "ftp://x".into(), deployments: " , ".into(), ..Form::default() };
        let e = check(&f).unwrap_err();
        assert_eq!(e.name, Some("lti-err-name"));
        assert_eq!(e.issuer, Some("lti-err-url"));
        assert_eq!(e.client_id, Some("lti-err-client-id"));
        assert_eq!(
            (e.auth_url, e.token_url, e.jwks_url),
            (Some("lti-err-url"), Some("lti-err-url"), Some("lti-err-url"))
        );
        assert_eq!(e.deployments, Some("lti-err-deployments"));
    }
}
