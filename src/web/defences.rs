//! The headers that tell browsers how to protect people on our pages: no script or
//! style but our own files (so injected markup cannot run), no framing (clickjacking),
//! no `Referer` to other sites (addresses can name courses and people), microphone and
//! camera for this origin only (the recorders), and no content sniffing.

use axum::http::{HeaderMap, HeaderName, HeaderValue, header};

/// `blob:` media and images are the recorder's preview; `data:` images are small
/// inline icons. `form-action` keeps an injected form from posting elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const HEADERS: [(HeaderName, &str); 4] = [
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::REFERRER_POLICY, "same-origin"),
    (HeaderName::from_static("permissions-policy"), "microphone=(self), camera=(self), geolocation=()"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
];

/// Add the defences a response does not set for itself (stored files set a stricter
/// policy of their own).
pub fn add(headers: &mut HeaderMap) {
    for (name, value) in HEADERS {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
}
