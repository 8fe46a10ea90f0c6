//! Where a redirect may go when its target comes from a request (sign-in's `next`, a
//! stored notification link): only a path on this site. Pure, so the known bypasses are
//! tested here one by one and the rule as a whole by property tests.
//!
//! Browsers are generous with what they call a URL: they drop tabs and newlines inside
//! it, treat `\` as `/`, and follow `//host` to another site. So the target is refused
//! if it holds anything a browser would rewrite (control characters, backslashes,
//! spaces, non-ASCII), in its raw or percent-decoded form; then it is parsed by the
//! WHATWG URL rules (the `url` crate, as browsers do) against a stand-in origin and
//! kept only if it stays on that origin. What we redirect to is the parsed path, so a
//! browser sees exactly what we checked.

/// A stand-in origin: targets are resolved against it and must stay on it.
const ORIGIN: &str = "http://origin.invalid";
const MAX_LEN: usize = 2000;

/// The same-origin path (with query and fragment) `input` means, or `None`.
pub fn local_path(input: &str) -> Option<String> {
    if input.is_empty() || input.len() > MAX_LEN || !plain(input) {
        return None;
    }
    // Check what a lenient server or browser might decode the path into, down to the
    // bottom: `%252F` is `%2F` is `/`.
    let mut decoded = input.to_string();
    for _ in 0..4 {
        let next = percent_decode(&decoded);
        if !next.starts_with('/')
            || next.starts_with("//")
            || next.chars().any(|c| c == '\\' || c.is_control() || (c.is_whitespace() && c != ' '))
        {
            return None;
        }
        if next == decoded {
            break;
        }
        decoded = next;
    }
    let base = url::Url::parse(ORIGIN).ok()?;
    let joined = base.join(input).ok()?;
    if joined.origin() != base.origin() || joined.cannot_be_a_base() {
        return None;
    }
    let mut out = joined.path().to_string();
    if let Some(q) = joined.query() {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = joined.fragment() {
        out.push('#');
        out.push_str(f);
    }
    // The parse must not have turned it into something a browser reads differently.
    (out.starts_with('/') && !out.starts_with("//") && plain(&out)).then_some(out)
}

/// Where to go after signing in: the given path if it is local, else the front page.
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(local_path).unwrap_or_else(|| "/".to_string())
}

/// A path that starts with one `/` and holds only visible ASCII other than `\`.
fn plain(s: &str) -> bool {
    s.starts_with('/')
        && !s.starts_with("//")
        && !s.starts_with("/\\")
        && s.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

/// `%XX` decoded (bytes that are not UTF-8 become U+FFFD).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Targets that lead (or have led, in some browser or server) off the site.
    pub const BYPASSES: &[&str] = &[
        "//x",
        "//evil.example",
        "///evil.example",
        "/\\x",
        "/\\evil.example",
        "\\/x",
        "\\\\evil.example",
        "/%09/x",
        "/%0a/x",
        "/%0D/x",
        "/\t/x",
        "/\n/x",
        "/\r/x",
        "\t//x",
        " //x",
        "/ /x",
        "https:x",
        "https:evil.example",
        "https://evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "/%2F/x",
        "/%2f/x",
        "/%5C/x",
        "/%5c/x",
        "/%252F/x",
        "%2F%2Fx",
        "/\u{0}/x",
        "/\u{7f}/x",
        "/\u{3000}/x",
        "/。evil.example",
        "x",
        "evil.example",
        "",
        "?next=//x",
        "#//x",
    ];

    #[test]
    fn known_bypasses_are_refused() {
        for b in BYPASSES {
            assert_eq!(local_path(b), None, "{b:?} was accepted");
            assert_eq!(safe_next(Some(b)), "/", "{b:?}");
        }
    }

    #[test]
    fn our_own_paths_are_kept() {
        for p in ["/", "/courses/3", "/courses/3/threads/9?after=abc%3D&dir=next", "/join/abc234#top", "/a%20b"] {
            assert_eq!(local_path(p).as_deref(), Some(p), "{p:?}");
        }
        assert_eq!(safe_next(None), "/");
        // Normalised as a browser would before we answer with it.
        assert_eq!(local_path("/courses/3/../4").as_deref(), Some("/courses/4"));
        assert_eq!(local_path(&format!("/{}", "a".repeat(MAX_LEN))), None);
    }

    proptest! {
        #[test]
        fn whatever_is_accepted_stays_on_the_site(s in "\\PC{0,30}|[/\\\\%a-zA-Z0-9:.\\t\\n@?#]{0,12}") {
            if let Some(p) = local_path(&s) {
                let base = url::Url::parse(ORIGIN).unwrap();
                let other = url::Url::parse("https://elsewhere.invalid/deep/path").unwrap();
                prop_assert_eq!(base.join(&p).unwrap().origin(), base.origin());
                // Whatever the current page, the target resolves to this site.
                let resolved = other.join(&p).unwrap();
                prop_assert_eq!(resolved.host_str(), Some("elsewhere.invalid"));
                prop_assert!(p.starts_with('/') && !p.starts_with("//"));
                prop_assert!(!p.contains('\\') && p.bytes().all(|b| b.is_ascii_graphic()));
                // Accepting is idempotent: the answer is itself a good target.
                prop_assert_eq!(local_path(&p), Some(p.clone()));
            }
        }

        #[test]
        fn plain_paths_are_accepted_as_they_are(segs in proptest::collection::vec("[a-z0-9_-]{1,8}", 0..5)) {
            let p = format!("/{}", segs.join("/"));
            prop_assert_eq!(local_path(&p), Some(p.clone()));
        }
    }
}
