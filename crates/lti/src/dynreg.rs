//! LTI Dynamic Registration (platform-initiated): the platform's OpenID configuration
//! we are given, the tool registration we post back, and the client id and deployment
//! the platform answers with.

use serde::Deserialize;
use serde_json::{Value, json};

pub const TOOL_CONFIG: &str = "https://purl.imsglobal.org/spec/lti-tool-configuration";
pub const PLATFORM_CONFIG: &str = "https://purl.imsglobal.org/spec/lti-platform-configuration";

#[derive(Clone, Debug, Deserialize)]
pub struct OpenIdConfig {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    pub registration_endpoint: String,
    /// The audience of the tool's client assertion at the token endpoint, when it is not
    /// the endpoint's address (LTI Dynamic Registration 1.0, 3.4).
    #[serde(default)]
    pub authorization_server: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti-platform-configuration", default)]
    pub platform: Option<Value>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the configuration's issuer {0:?} is not where the configuration was served")]
    IssuerMismatch(String),
    #[error("the configuration's {0} is not a web address")]
    NotAnAddress(&'static str),
    #[error("the platform's answer has no {0}")]
    Missing(&'static str),
}

fn web(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && s.len() > 8
        && s.len() <= 500
        && !s.contains(char::is_whitespace)
}

/// The spec asks the tool to check that the configuration's address starts with its issuer.
pub fn check(config_url: &str, c: &OpenIdConfig) -> Result<(), Refused> {
    if !web(&c.issuer) || !config_url.starts_with(c.issuer.trim_end_matches('/')) {
        return Err(Refused::IssuerMismatch(c.issuer.clone()));
    }
    for (name, v) in [
        ("authorization_endpoint", &c.authorization_endpoint),
        ("token_endpoint", &c.token_endpoint),
        ("jwks_uri", &c.jwks_uri),
        ("registration_endpoint", &c.registration_endpoint),
    ] {
        if !web(v) {
            return Err(Refused::NotAnAddress(name));
        }
    }
    Ok(())
}

/// A name for the platform: its product (e.g. "moodle") and where it is.
pub fn platform_name(c: &OpenIdConfig) -> String {
    let product = c.platform.as_ref().and_then(|p| p.get("product_family_code")).and_then(Value::as_str);
    let host = c.issuer.split("://").nth(1).unwrap_or(&c.issuer).split('/').next().unwrap_or("");
    let name = match product {
        Some(p) => format!("{p} ({host})"),
        None => host.to_string(),
    };
    name.chars().take(100).collect()
}

/// The tool's registration: where it logs in and launches, its keys, what it asks for.
pub fn registration(base: &str, client_name: &str, scopes: &[&str]) -> Value {
    let domain = base.split("://").nth(1).unwrap_or(base).split('/').next().unwrap_or("");
    json!({
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": format!("{base}/lti/login"),
        "redirect_uris": [format!("{base}/lti/launch")],
        "client_name": client_name,
        "jwks_uri": format!("{base}/lti/jwks"),
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": scopes.join(" "),
        TOOL_CONFIG: {
            "domain": domain,
            "target_link_uri": format!("{base}/lti/launch"),
            "claims": ["iss", "sub", "name", "given_name", "family_name", "email", "picture"],
            "messages": [
                { "type": "LtiResourceLinkRequest" },
                { "type": "LtiDeepLinkingRequest", "target_link_uri": format!("{base}/lti/launch"), "label": client_name }
            ]
        }
    })
}

/// What the platform registered: our client id there, and the deployment if it made one.
pub fn registered(answer: &Value) -> Result<(String, Option<String>), Refused> {
    let client_id = answer.get("client_id").and_then(Value::as_str).filter(|c| !c.is_empty() && c.len() <= 200);
    let client_id = client_id.ok_or(Refused::Missing("client_id"))?;
    let deployment = answer
        .get(TOOL_CONFIG)
        .and_then(|t| t.get("deployment_id"))
        .and_then(Value::as_str)
        .filter(|d| !d.is_empty() && d.len() <= 255)
        .map(str::to_string);
    Ok((client_id.to_string(), deployment))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(issuer: &str) -> OpenIdConfig {
        OpenIdConfig {
            issuer: issuer.into(),
            authorization_endpoint: format!("{issuer}/auth"),
            token_endpoint: format!("{issuer}/token"),
            jwks_uri: format!("{issuer}/jwks"),
            registration_endpoint: format!("{issuer}/register"),
            authorization_server: None,
            platform: Some(json!({"product_family_code": "moodle"})),
        }
    }

    #[test]
    fn the_issuer_must_be_where_the_configuration_is() {
        assert_eq!(check("https://lms.example/.well-known/openid", &config("https://lms.example")), Ok(()));
        assert_eq!(
            check("https://evil.example/config", &config("https://lms.example")),
            Err(Refused::IssuerMismatch("https://lms.example".into()))
        );
        let mut c = config("https://lms.example");
        c.jwks_uri = "javascript:alert(1)".into();
        assert_eq!(check("https://lms.example/c", &c), Err(Refused::NotAnAddress("jwks_uri")));
        assert_eq!(platform_name(&config("https://lms.example/x")), "moodle (lms.example)");
    }

    #[test]
    fn registration_and_answer() {
        let r = registration("https://hr.example", "Homeroom", &["a", "b"]);
        assert_eq!(r["initiate_login_uri"], "https://hr.example/lti/login");
        assert_eq!(r[TOOL_CONFIG]["domain"], "hr.example");
        assert_eq!(r["scope"], "a b");
        let a = json!({"client_id": "c1", TOOL_CONFIG: {"deployment_id": "d1"}});
        assert_eq!(registered(&a), Ok(("c1".into(), Some("d1".into()))));
        assert_eq!(registered(&json!({})), Err(Refused::Missing("client_id")));
    }
}
