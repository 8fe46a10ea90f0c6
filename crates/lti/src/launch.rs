//! An LTI 1.3 launch, after its signature has been checked against the platform's keys:
//! are these the claims of a launch we should accept, and who, in which course, in which
//! role? Everything here follows the IMS LTI 1.3 Core specification's message rules
//! (section 5) and the security framework's ID token rules.

use serde::Deserialize;
use serde_json::Value;

pub const CLAIM: &str = "https://purl.imsglobal.org/spec/lti/claim/";

/// A platform and deployment we have registered.
#[derive(Clone, Debug)]
pub struct Registration {
    pub issuer: String,
    pub client_id: String,
    pub deployments: Vec<String>,
}

/// Why a launch was refused, in words an admin can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the token is not from the registered platform (issuer {0:?})")]
    WrongIssuer(String),
    #[error("the token is not addressed to this tool")]
    WrongAudience,
    #[error("the token names several audiences but not this tool as the authorised party")]
    WrongAuthorisedParty,
    #[error("the token has expired")]
    Expired,
    #[error("the token was issued in the future")]
    IssuedInTheFuture,
    #[error("the launch does not match the sign-in that started it (nonce)")]
    WrongNonce,
    #[error("deployment {0:?} is not registered for this platform")]
    UnknownDeployment(String),
    #[error("unsupported message type {0:?}")]
    UnsupportedMessage(String),
    #[error("unsupported LTI version {0:?}")]
    UnsupportedVersion(String),
    #[error("the launch is missing {0}")]
    Missing(&'static str),
}

/// The kinds of message Homeroom accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message {
    ResourceLink,
    DeepLinking,
}

/// What a valid launch tells us.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Launch {
    pub message: Message,
    pub deployment_id: String,
    pub subject: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub picture: Option<String>,
    pub context_id: String,
    pub context_title: Option<String>,
    pub roles: Vec<String>,
    pub target_link_uri: Option<String>,
    /// Where the platform's Names and Roles service lists the course's members.
    pub memberships_url: Option<String>,
    /// Where a deep-linking response is posted back, and its opaque data.
    pub deep_link_return_url: Option<String>,
    pub deep_link_data: Option<String>,
    /// The Homeroom place a deep-linked resource link names (its custom parameter).
    pub place: Option<crate::deep_link::Place>,
    /// Where the platform's Course Groups service lists the course's groups and sets.
    pub groups_url: Option<String>,
    pub group_sets_url: Option<String>,
}

/// The audience of the tool's client assertion at `token_url`. The LTI security
/// framework says the token endpoint; Brightspace's hosted token service (whose address
/// is `https://auth.brightspace.com/core/connect/token`) checks for the audience its
/// documentation names instead.
pub fn token_audience(token_url: &str) -> &str {
    const BRIGHTSPACE_TOKEN: &str = "https://auth.brightspace.com/core/connect/token";
    if token_url.trim_end_matches('/') == BRIGHTSPACE_TOKEN {
        "https://api.brightspace.com/auth/token"
    } else {
        token_url
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

/// Check a launch's claims. `now` and the token times are seconds; `leeway` forgives
/// small clock differences between the platform and us.
pub fn check(
    claims: &Value,
    reg: &Registration,
    expected_nonce: &str,
    now: i64,
    leeway: i64,
) -> Result<Launch, Refused> {
    let s = |name: &str| claims.get(name).and_then(Value::as_str);
    let lti = |name: &str| claims.get(format!("{CLAIM}{name}")).and_then(Value::as_str);

    let iss = s("iss").ok_or(Refused::Missing("the issuer"))?;
    if iss != reg.issuer {
        return Err(Refused::WrongIssuer(iss.to_string()));
    }
    let aud: Audience = claims
        .get("aud")
        .cloned()
        .and_then(|v| serde_json::from_value(v).ok())
        .ok_or(Refused::Missing("the audience"))?;
    match aud {
        Audience::One(a) if a == reg.client_id => {}
        Audience::Many(list) if list.contains(&reg.client_id) => {
            if list.len() > 1 && s("azp") != Some(reg.client_id.as_str()) {
                return Err(Refused::WrongAuthorisedParty);
            }
        }
        _ => return Err(Refused::WrongAudience),
    }
    let exp = claims.get("exp").and_then(Value::as_i64).ok_or(Refused::Missing("the expiry time"))?;
    if exp + leeway < now {
        return Err(Refused::Expired);
    }
    let iat = claims.get("iat").and_then(Value::as_i64).ok_or(Refused::Missing("the issue time"))?;
    if iat - leeway > now {
        return Err(Refused::IssuedInTheFuture);
    }
    if s("nonce") != Some(expected_nonce) {
        return Err(Refused::WrongNonce);
    }
    let deployment_id = lti("deployment_id").ok_or(Refused::Missing("the deployment"))?;
    if !reg.deployments.iter().any(|d| d == deployment_id) {
        return Err(Refused::UnknownDeployment(deployment_id.to_string()));
    }
    let version = lti("version").ok_or(Refused::Missing("the LTI version"))?;
    if version != "1.3.0" {
        return Err(Refused::UnsupportedVersion(version.to_string()));
    }
    let message = match lti("message_type").ok_or(Refused::Missing("the message type"))? {
        "LtiResourceLinkRequest" => Message::ResourceLink,
        "LtiDeepLinkingRequest" => Message::DeepLinking,
        other => return Err(Refused::UnsupportedMessage(other.to_string())),
    };
    let subject = s("sub").filter(|v| !v.is_empty()).ok_or(Refused::Missing("the person (sub)"))?;
    let context = claims.get(format!("{CLAIM}context")).ok_or(Refused::Missing("the course (context)"))?;
    let context_id = context.get("id").and_then(Value::as_str).ok_or(Refused::Missing("the course id"))?;
    if message == Message::ResourceLink
        && claims.get(format!("{CLAIM}resource_link")).and_then(|r| r.get("id")).is_none()
    {
        return Err(Refused::Missing("the resource link"));
    }
    let roles = claims
        .get(format!("{CLAIM}roles"))
        .and_then(Value::as_array)
        .ok_or(Refused::Missing("the roles"))?
        .iter()
        .filter_map(|r| r.as_str().map(str::to_string))
        .collect();
    let settings = claims.get("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings");
    let groups_service = |name: &str| {
        claims.get(crate::groups::CLAIM).and_then(|g| g.get(name)).and_then(Value::as_str).map(str::to_string)
    };
    if message == Message::DeepLinking && settings.and_then(|d| d.get("deep_link_return_url")).is_none() {
        return Err(Refused::Missing("the deep-linking return address"));
    }
    Ok(Launch {
        message,
        deployment_id: deployment_id.to_string(),
        subject: subject.to_string(),
        name: s("name").map(str::to_string),
        email: s("email").map(str::to_string),
        picture: s("picture").map(str::to_string),
        context_id: context_id.to_string(),
        context_title: context.get("title").and_then(Value::as_str).map(str::to_string),
        roles,
        target_link_uri: lti("target_link_uri").map(str::to_string),
        memberships_url: claims
            .get("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice")
            .and_then(|n| n.get("context_memberships_url"))
            .and_then(Value::as_str)
            .map(str::to_string),
        deep_link_return_url: settings
            .and_then(|d| d.get("deep_link_return_url"))
            .and_then(Value::as_str)
            .map(str::to_string),
        deep_link_data: settings.and_then(|d| d.get("data")).and_then(Value::as_str).map(str::to_string),
        place: crate::deep_link::place_of(claims.get(format!("{CLAIM}custom"))),
        groups_url: groups_service("context_groups_url"),
        group_sets_url: groups_service("context_group_sets_url"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reg() -> Registration {
        Registration {
            issuer: "https://lms.example".into(),
            client_id: "homeroom".into(),
            deployments: vec!["d1".into()],
        }
    }

    fn claims() -> Value {
        json!({
            "iss": "https://lms.example", "aud": "homeroom", "sub": "u-42", "exp": 1000, "iat": 900,
            "nonce": "n1", "name": "Ann Lee", "email": "ann@uni.example",
            "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "d1",
            "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
            "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
            "https://purl.imsglobal.org/spec/lti/claim/resource_link": {"id": "rl1"},
            "https://purl.imsglobal.org/spec/lti/claim/context": {"id": "c1", "title": "Flexible Learning"},
            "https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {"context_memberships_url": "https://lms.example/nrps/c1"}
        })
    }

    fn with(mut v: Value, key: &str, value: Value) -> Value {
        v[key] = value;
        v
    }

    #[test]
    fn a_good_launch() {
        let l = check(&claims(), &reg(), "n1", 950, 60).unwrap();
        assert_eq!((l.subject.as_str(), l.context_id.as_str(), l.message), ("u-42", "c1", Message::ResourceLink));
        assert_eq!(l.memberships_url.as_deref(), Some("https://lms.example/nrps/c1"));
        assert_eq!(l.context_title.as_deref(), Some("Flexible Learning"));
        assert_eq!((l.place, l.groups_url), (None, None));
        let mut c = claims();
        c[format!("{CLAIM}custom")] = serde_json::json!({"homeroom_place": "thread:9"});
        c[crate::groups::CLAIM] = serde_json::json!({"context_groups_url": "https://lms.example/g"});
        let l = check(&c, &reg(), "n1", 950, 60).unwrap();
        assert_eq!(l.place, Some(crate::deep_link::Place::Thread(9)));
        assert_eq!(l.groups_url.as_deref(), Some("https://lms.example/g"));
    }

    #[test]
    fn each_rule_refuses() {
        let r = reg();
        let cases = [
            (with(claims(), "iss", json!("https://evil.example")), Refused::WrongIssuer("https://evil.example".into())),
            (with(claims(), "aud", json!("someone-else")), Refused::WrongAudience),
            (with(claims(), "aud", json!(["homeroom", "other"])), Refused::WrongAuthorisedParty),
            (with(claims(), "exp", json!(800)), Refused::Expired),
            (with(claims(), "iat", json!(2000)), Refused::IssuedInTheFuture),
            (with(claims(), "nonce", json!("replayed")), Refused::WrongNonce),
            (with(claims(), &format!("{CLAIM}deployment_id"), json!("d9")), Refused::UnknownDeployment("d9".into())),
            (with(claims(), &format!("{CLAIM}version"), json!("1.1")), Refused::UnsupportedVersion("1.1".into())),
            (
                with(claims(), &format!("{CLAIM}message_type"), json!("LtiSubmissionReviewRequest")),
                Refused::UnsupportedMessage("LtiSubmissionReviewRequest".into()),
            ),
            (with(claims(), "sub", json!("")), Refused::Missing("the person (sub)")),
        ];
        for (c, want) in cases {
            assert_eq!(check(&c, &r, "n1", 950, 60), Err(want));
        }
        // Several audiences are fine when we are the authorised party.
        let c = with(with(claims(), "aud", json!(["homeroom", "other"])), "azp", json!("homeroom"));
        assert!(check(&c, &r, "n1", 950, 60).is_ok());
        // Leeway forgives a clock a little behind.
        assert!(check(&with(claims(), "exp", json!(930)), &r, "n1", 950, 60).is_ok());
    }

    #[test]
    fn the_client_assertion_audience() {
        assert_eq!(
            token_audience("https://moodle.example/mod/lti/token.php"),
            "https://moodle.example/mod/lti/token.php"
        );
        assert_eq!(
            token_audience("https://auth.brightspace.com/core/connect/token"),
            "https://api.brightspace.com/auth/token"
        );
    }

    #[test]
    fn deep_linking_needs_its_return_address() {
        let c = with(claims(), &format!("{CLAIM}message_type"), json!("LtiDeepLinkingRequest"));
        assert_eq!(check(&c, &reg(), "n1", 950, 60), Err(Refused::Missing("the deep-linking return address")));
        let c = with(
            c,
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
            json!({"deep_link_return_url": "https://lms.example/dl", "data": "xyz"}),
        );
        let l = check(&c, &reg(), "n1", 950, 60).unwrap();
        assert_eq!(
            (l.deep_link_return_url.as_deref(), l.deep_link_data.as_deref()),
            (Some("https://lms.example/dl"), Some("xyz"))
        );
    }
}
