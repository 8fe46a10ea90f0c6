//! Markdown that people write (wiki pages now; posts and messages later), rendered to
//! HTML that is safe to show: CommonMark with tables and strikethrough, then a strict
//! allow-list sanitiser, so no script, no event attribute and no `javascript:` link
//! can survive, whatever the input.

use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Links people post leave the site without handing it their referrer or rank.
    b.link_rel(Some("noopener noreferrer nofollow"));
    b.url_schemes(["http", "https", "mailto"].into_iter().collect());
    // Browsers skip some whitespace and control characters inside a scheme, and differ
    // in which, so `javas\x1fcript:` could read as a scheme to one of them: a link is
    // judged with all of those removed.
    b.attribute_filter(|_, attribute, value| {
        let is_link = matches!(attribute, "href" | "src" | "cite" | "action" | "formaction" | "poster");
        if is_link && !link_is_safe(value) { None } else { Some(value.into()) }
    });
    b
});

/// Whether a link, read the way the most forgiving browser reads it, is relative or uses
/// one of the schemes we allow.
fn link_is_safe(value: &str) -> bool {
    let squeezed: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let squeezed = squeezed.to_ascii_lowercase();
    let scheme_end = squeezed.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if squeezed[i..].starts_with(':') => matches!(&squeezed[..i], "http" | "https" | "mailto"),
        _ => true,
    }
}

/// Render Markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let parser = Parser::new_ext(markdown, options);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    CLEANER.clean(&raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formatting_survives() {
        let html =
            to_html("# Hello\n\n**bold** and [a link](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<h1>Hello</h1>"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(
            html.contains(r#"<a href="https://example.org" rel="noopener noreferrer nofollow">a link</a>"#),
            "{html}"
        );
        assert!(html.contains("<table>"));
    }

    #[test]
    fn links_with_control_characters_are_dropped() {
        let html = to_html("<img src=javas\u{1f}cript:x alt=a> [x](<ht\u{1}tp://e.org>) [ok](https://e.org)");
        assert!(!html.contains("javas"), "{html}");
        assert!(!html.contains("ht\u{1}tp"), "{html}");
        assert!(html.contains("href=\"https://e.org\""), "{html}");
        for sneaky in ["java\u{2003}script:x", "java\tscript:x", " JaVa\u{0}Script:x"] {
            assert!(!link_is_safe(sneaky), "{sneaky:?}");
        }
        for fine in ["https://e.org/a?b=c:d", "/courses/1", "#top", "notes.html", "mailto:a@b.org"] {
            assert!(link_is_safe(fine), "{fine:?}");
        }
    }

    #[test]
    fn dangerous_things_are_removed() {
        for evil in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<svg onload=alert(1)>",
            "[x](JaVaScRiPt:alert(1))",
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        ] {
            let html = to_html(evil).to_lowercase();
            assert!(!html.contains("<script"), "{evil} -> {html}");
            assert!(!html.contains("javascript:"), "{evil} -> {html}");
            assert!(!html.contains("onerror") && !html.contains("onload"), "{evil} -> {html}");
            assert!(!html.contains("<iframe") && !html.contains("style="), "{evil} -> {html}");
            assert!(!html.contains("data:text"), "{evil} -> {html}");
        }
    }

    /// Every attribute (name, value) in an HTML string, reading quoted values as values.
    fn attributes(html: &str) -> Vec<(String, String)> {
        let mut names = vec![];
        let mut chars = html.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '<' {
                continue;
            }
            // Skip the tag name.
            while chars.peek().is_some_and(|c| !c.is_whitespace() && *c != '>') {
                chars.next();
            }
            loop {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                match chars.peek() {
                    None => break,
                    Some('>') => {
                        chars.next();
                        break;
                    }
                    _ => {}
                }
                let mut name = String::new();
                while let Some(&c) = chars.peek() {
                    if c == '=' || c == '>' || c.is_whitespace() {
                        break;
                    }
                    name.push(c);
                    chars.next();
                }
                let mut value = String::new();
                if chars.peek() == Some(&'=') {
                    chars.next();
                    if let Some(q @ ('"' | '\'')) = chars.peek().copied() {
                        chars.next();
                        for c in chars.by_ref() {
                            if c == q {
                                break;
                            }
                            value.push(c);
                        }
                    } else {
                        while let Some(&c) = chars.peek() {
                            if c.is_whitespace() || c == '>' {
                                break;
                            }
                            value.push(c);
                            chars.next();
                        }
                    }
                }
                if name.is_empty() {
                    chars.next();
                } else {
                    names.push((name, value));
                }
            }
        }
        names
    }

    /// `&#106;` and `&#x6a;` as the browser reads them, so encoded schemes are caught.
    fn decode_numeric_entities(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("&#") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let end = after.find(';').unwrap_or(after.len());
            let code = after[..end]
                .strip_prefix(['x', 'X'])
                .map_or_else(|| after[..end].parse::<u32>().ok(), |hex| u32::from_str_radix(hex, 16).ok());
            match code.and_then(char::from_u32) {
                Some(c) => {
                    out.push(c);
                    rest = after.get(end + 1..).unwrap_or("");
                }
                None => {
                    out.push_str("&#");
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out.to_lowercase()
    }

    #[test]
    fn attributes_are_read_like_a_browser() {
        assert_eq!(decode_numeric_entities("&#106;ava&#x53;cript:"), "javascript:");
        let names = |h: &str| attributes(h).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(names(r#"<a href="x onclick=y" rel=z>t</a>"#), vec!["href", "rel"]);
        assert_eq!(names(r#"<img src=x onerror=alert(1)>"#), vec!["src", "onerror"]);
        assert_eq!(attributes(r#"<a href='javascript:x'>"#)[0].1, "javascript:x");
    }

    /// Pieces an attacker would combine, mixed with ordinary Markdown.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("<script>".to_string()),
            Just("</script>".to_string()),
            Just("<img src=x onerror=alert(1)>".to_string()),
            Just("javascript:".to_string()),
            Just("[a](".to_string()),
            Just(")".to_string()),
            Just("<a href=\"".to_string()),
            Just("\">".to_string()),
            Just(" onclick=\"x()\"".to_string()),
            Just("<div ".to_string()),
            Just("`".to_string()),
            Just("\n\n".to_string()),
            Just("&#106;avascript:".to_string()),
            "[a-z <>=\"'/:()\\[\\]&#;]{0,12}",
        ];
        proptest::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn no_script_survives(input in hostile()) {
            let html = to_html(&input).to_lowercase();
            prop_assert!(!html.contains("<script"), "{} -> {}", input, html);
            // No event attribute on any tag, and no link that runs script.
            for (name, value) in attributes(&html) {
                prop_assert!(!name.starts_with("on"), "{} -> {}", input, html);
                let value = decode_numeric_entities(&value).replace(|c: char| c.is_whitespace() || c.is_control(), "");
                prop_assert!(!value.starts_with("javascript:"), "{} -> {}", input, html);
            }
        }

        #[test]
        fn never_panics_on_any_text(input in "\\PC{0,400}") {
            let _ = to_html(&input);
        }
    }
}
