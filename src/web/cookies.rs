//! Reading and writing our few cookies. All are HttpOnly and SameSite=Lax; Secure when
//! the site is served over HTTPS.

use axum::http::{HeaderMap, HeaderValue, header};

pub const SESSION: &str = "hr_session";
pub const CSRF: &str = "hr_csrf";
/// The CSRF cookie's name on HTTPS: the `__Host-` prefix makes browsers refuse it
/// unless it is Secure, for this host only and for every path, so a sibling subdomain
/// or a plain-HTTP page cannot plant a token of its choosing.
pub const CSRF_SECURE: &str = "__Host-hr_csrf";

pub fn csrf_name(secure: bool) -> &'static str {
    if secure { CSRF_SECURE } else { CSRF }
}
pub const NOTICE: &str = "hr_notice";

pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value. `max_age` of `Some(0)` deletes the cookie; `None` lasts for the
/// browser session.
pub fn set(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut s = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        s.push_str("; Secure");
    }
    HeaderValue::from_str(&s).expect("cookie values are URL-safe")
}
