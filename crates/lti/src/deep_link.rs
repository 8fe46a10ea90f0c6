//! LTI Deep Linking 2.0: the places of a Homeroom course an instructor may put in the
//! LMS course, how a chosen place travels in a resource link (a custom parameter, read
//! back at launch), and the claims of the signed `LtiDeepLinkingResponse`.

use serde_json::{Value, json};

/// The custom parameter a deep-linked resource link carries, naming the place.
pub const PLACE_PARAM: &str = "homeroom_place";
pub const DL: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/";

/// A place in a course that a link can land on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    Home,
    Space(i64),
    Thread(i64),
    Live(i64),
    Groups(i64),
}

impl Place {
    /// Read `home`, `space:12`, `thread:5`, `live:3` or `groups:4`.
    pub fn parse(s: &str) -> Option<Place> {
        if s == "home" {
            return Some(Place::Home);
        }
        let (kind, id) = s.split_once(':')?;
        // Only plain positive numbers: `+5`, `05` or spaces are not ours.
        if id.is_empty() || id.len() > 19 || !id.bytes().all(|b| b.is_ascii_digit()) || id.starts_with('0') {
            return None;
        }
        let id: i64 = id.parse().ok()?;
        match kind {
            "space" => Some(Place::Space(id)),
            "thread" => Some(Place::Thread(id)),
            "live" => Some(Place::Live(id)),
            "groups" => Some(Place::Groups(id)),
            _ => None,
        }
    }

    pub fn as_param(self) -> String {
        match self {
            Place::Home => "home".into(),
            Place::Space(i) => format!("space:{i}"),
            Place::Thread(i) => format!("thread:{i}"),
            Place::Live(i) => format!("live:{i}"),
            Place::Groups(i) => format!("groups:{i}"),
        }
    }

    /// The page of the place in course `course_id`. The page itself checks that the
    /// place belongs to the course and that the person may see it.
    pub fn path(self, course_id: i64) -> String {
        match self {
            Place::Home => format!("/courses/{course_id}"),
            Place::Space(i) => format!("/courses/{course_id}/spaces/{i}"),
            Place::Thread(i) => format!("/courses/{course_id}/threads/{i}"),
            Place::Live(i) => format!("/courses/{course_id}/live/{i}"),
            Place::Groups(i) => format!("/courses/{course_id}/groups/{i}"),
        }
    }
}

/// The place a launch's custom parameters name, if any (an unknown value is ignored:
/// the person lands on the course home).
pub fn place_of(custom: Option<&Value>) -> Option<Place> {
    custom?.get(PLACE_PARAM)?.as_str().and_then(Place::parse)
}

/// One link to put in the LMS course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub title: String,
    pub place: Place,
}

/// What the response answers.
pub struct Response<'a> {
    /// The tool's client id (the response's issuer).
    pub client_id: &'a str,
    /// The platform's issuer (the response's audience).
    pub platform_issuer: &'a str,
    pub deployment_id: &'a str,
    /// The platform's opaque `data`, returned as it came.
    pub data: Option<&'a str>,
    /// Where the resource link launches (our launch address).
    pub launch_url: &'a str,
    pub now: i64,
    pub nonce: &'a str,
}

/// The claims of an `LtiDeepLinkingResponse` with `items` as `ltiResourceLink`s.
pub fn response_claims(r: &Response<'_>, items: &[Item]) -> Value {
    let items: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "type": "ltiResourceLink",
                "title": i.title,
                "url": r.launch_url,
                "custom": { PLACE_PARAM: i.place.as_param() },
            })
        })
        .collect();
    let mut claims = json!({
        "iss": r.client_id,
        "aud": r.platform_issuer,
        "iat": r.now,
        "exp": r.now + 600,
        "nonce": r.nonce,
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": r.deployment_id,
        format!("{DL}content_items"): items,
    });
    if let Some(d) = r.data {
        claims[format!("{DL}data")] = json!(d);
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn places_read_and_written() {
        assert_eq!(Place::parse("home"), Some(Place::Home));
        assert_eq!(Place::parse("space:12"), Some(Place::Space(12)));
        assert_eq!(Place::parse("thread:5").map(|p| p.path(7)).as_deref(), Some("/courses/7/threads/5"));
        for bad in [
            "",
            "space:",
            "space:-1",
            "space:+1",
            "space:01",
            "space: 1",
            "wiki:1",
            "home:1",
            "space:99999999999999999999",
        ] {
            assert_eq!(Place::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_launch_names_its_place_in_custom() {
        let c = json!({ PLACE_PARAM: "live:3", "other": 1 });
        assert_eq!(place_of(Some(&c)), Some(Place::Live(3)));
        assert_eq!(place_of(Some(&json!({ PLACE_PARAM: "nowhere" }))), None);
        assert_eq!(place_of(None), None);
    }

    #[test]
    fn the_response_says_what_the_spec_asks() {
        let r = Response {
            client_id: "tool",
            platform_issuer: "https://lms.example",
            deployment_id: "d1",
            data: Some("opaque"),
            launch_url: "https://homeroom.example/lti/launch",
            now: 1000,
            nonce: "n",
        };
        let c = response_claims(&r, &[Item { title: "Café".into(), place: Place::Space(4) }]);
        assert_eq!(c["aud"], "https://lms.example");
        assert_eq!(c["https://purl.imsglobal.org/spec/lti/claim/message_type"], "LtiDeepLinkingResponse");
        assert_eq!(c[format!("{DL}data")], "opaque");
        let item = &c[format!("{DL}content_items")][0];
        assert_eq!(
            (item["type"].as_str(), item["custom"][PLACE_PARAM].as_str()),
            (Some("ltiResourceLink"), Some("space:4"))
        );
    }

    proptest! {
        #[test]
        fn every_place_round_trips(kind in 0usize..5, id in 1i64..i64::MAX) {
            let p = [Place::Home, Place::Space(id), Place::Thread(id), Place::Live(id), Place::Groups(id)][kind];
            prop_assert_eq!(Place::parse(&p.as_param()), Some(p));
        }

        #[test]
        fn parsing_never_panics(s in ".{0,30}") {
            let _ = Place::parse(&s);
        }
    }
}
