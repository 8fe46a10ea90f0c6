//! Fuzz targets: each takes arbitrary bytes, feeds them to one parser that reads what
//! people send us, and panics if the parser panics or breaks a promise it makes. They run
//! under `cargo fuzz` (the `fuzz/` crate, nightly) and, on stable Rust, under the bounded
//! mutation runner in `run.rs` that `scripts/test` starts; inputs that once failed live in
//! `fuzz/regressions/<target>/` and are replayed by an ordinary unit test.
//! See docs/decisions/0011-fuzzing.md.

#[cfg(test)]
mod mutate;
#[cfg(test)]
mod run;

use std::sync::LazyLock;

use crate::courses::roster;
use crate::media::{Accept, form, range, sniff};
use crate::survey::rules::{self, AnswerValue, Kind, Question};

/// One fuzz target: bytes in, a panic when something is wrong.
pub type Target = fn(&[u8]);

/// The targets by name, as `fuzz/fuzz_targets/<name>.rs` and the regression folders call them.
pub const TARGETS: &[(&str, Target)] = &[
    ("markdown", markdown),
    ("roster", roster_csv),
    ("survey_answer", survey_answer),
    ("media_sniff", media_sniff),
    ("multipart", multipart),
    ("webm", webm),
];

/// Making a recording seekable: never panics, and what it writes is seekable (a second
/// pass leaves it alone) and plays as long as it said.
pub fn webm(data: &[u8]) {
    if let Ok(s) = crate::media::webm::make_seekable(data)
        && let Some(out) = s.bytes
    {
        let again = crate::media::webm::make_seekable(&out);
        assert_eq!(again.map(|a| (a.bytes.is_none(), a.duration_ms)), Ok((true, s.duration_ms)));
    }
}

/// Markdown to HTML: never panics, and no script survives the allow-list.
pub fn markdown(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let html = crate::markdown::to_html(&input);
    if let Some(problem) = script_in(&html) {
        panic!("script survived: {problem} in {html:?} from {input:?}");
    }
}

/// What in sanitised HTML could run script: a script tag, an event attribute, or a
/// `javascript:` link (also when written with numeric character references).
pub fn script_in(html: &str) -> Option<String> {
    let lower = html.to_lowercase();
    if lower.contains("<script") {
        return Some("<script".into());
    }
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        let tag_end = rest[open..].find('>').map(|e| open + e).unwrap_or(rest.len());
        let tag = &rest[open + 1..tag_end];
        rest = &rest[tag_end.min(rest.len())..];
        if tag.starts_with('/') || tag.starts_with('!') {
            continue;
        }
        // Attribute names follow whitespace (or a quote); values may be quoted.
        let mut quote: Option<char> = None;
        let mut prev_space = false;
        for (i, c) in tag.char_indices() {
            match quote {
                Some(q) if c == q => {
                    // `"x"onclick=y` is two attributes to a browser.
                    quote = None;
                    prev_space = true;
                    continue;
                }
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None => {
                    if prev_space && tag[i..].starts_with("on") {
                        let name: String = tag[i..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                        if name.len() > 2 && tag[i + name.len()..].trim_start().starts_with('=') {
                            return Some(format!("attribute {name}"));
                        }
                    }
                    prev_space = c.is_whitespace() || c == '/';
                    continue;
                }
            }
            prev_space = false;
        }
        // Only attributes that are followed as links; alt text may say "javascript:".
        let decoded = decode_numeric(tag).replace("&colon;", ":").replace("&tab;", "").replace("&newline;", "");
        for attr in ["href", "src", "action", "formaction", "xlink:href"] {
            for (at, _) in decoded.match_indices(attr) {
                if !decoded[..at].ends_with(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '/') {
                    continue;
                }
                let Some(value) = decoded[at + attr.len()..].trim_start().strip_prefix('=') else { continue };
                let value: String = value
                    .trim_start()
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .take(16)
                    .collect();
                if value.starts_with("javascript:") || value.starts_with("vbscript:") {
                    return Some(format!("{attr}={value}"));
                }
            }
        }
    }
    None
}

/// `&#106;` and `&#x6a;` as a browser reads them.
fn decode_numeric(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find(';').unwrap_or(after.len());
        let digits = &after[..end];
        let code = match digits.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => digits.parse::<u32>().ok(),
        };
        match code.and_then(char::from_u32) {
            Some(c) => {
                out.extend(c.to_lowercase());
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Roster CSV: never panics; whatever is accepted is a well-formed row.
pub fn roster_csv(data: &[u8]) {
    if let Ok(parsed) = roster::parse(data) {
        for row in &parsed.rows {
            assert!(row.line >= 2, "a row before the header: {row:?}");
            assert!(!row.name.trim().is_empty(), "a row without a name: {row:?}");
            assert!(row.email.as_str().contains('@'), "{row:?}");
        }
        assert!(parsed.rows.len() <= roster::MAX_ROWS);
    }
}

/// Survey answers: the first bytes choose the question (kind, required, options), the
/// rest, split at NUL, is what was typed. Never panics; an accepted answer fits its
/// question and survives the JSON it is stored as, the summary and the CSV.
pub fn survey_answer(data: &[u8]) {
    let Some((&head, rest)) = data.split_first() else { return };
    let kind = Kind::ALL[usize::from(head) % Kind::ALL.len()];
    let required = head & 0x80 != 0;
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.split('\u{0}');
    let options: Vec<String> = parts
        .next()
        .unwrap_or("")
        .split('|')
        .filter(|s| !s.is_empty())
        .take(rules::MAX_OPTIONS)
        .map(String::from)
        .collect();
    let typed: Vec<String> = parts.map(String::from).collect();
    let q = Question { kind, required, options: options.clone() };
    let Ok(Some(answer)) = rules::parse_answer(&q, &typed) else { return };
    match &answer {
        AnswerValue::Choice(c) => assert!(options.contains(c), "{c:?} is not one of {options:?}"),
        AnswerValue::Choices(cs) => assert!(cs.iter().all(|c| options.contains(c)), "{cs:?} / {options:?}"),
        AnswerValue::Scale(n) => assert!((1..=5).contains(n), "scale {n}"),
        AnswerValue::Hours(rows) => {
            assert!(answer.total_hours().unwrap_or(0) <= rules::WEEK_HOURS * 10, "{rows:?}");
        }
        AnswerValue::Text(_) => {}
    }
    assert_eq!(AnswerValue::from_json(&answer.to_json()).as_ref(), Some(&answer), "JSON round trip");
    let _ = rules::summarise(&q, std::slice::from_ref(&answer));
    let cell = rules::safe_cell(&answer.display());
    assert!(!cell.starts_with(['=', '+', '-', '@']), "a formula reaches the CSV: {cell:?}");
    let _ = rules::csv(&["q".to_string()], &[vec![answer.display()]]);
}

/// Magic-byte sniffing and Range headers: never panic; what is recognised is described
/// consistently, and a satisfiable range lies inside the file.
pub fn media_sniff(data: &[u8]) {
    if let Some(f) = sniff::sniff(data) {
        assert!(!f.extension().is_empty() && f.content_type().contains('/'), "{f:?}");
        let _ = f.kind();
    }
    let len = data.first().map(|b| u64::from(*b) * 37).unwrap_or(0);
    let header = String::from_utf8_lossy(data.get(1..).unwrap_or(&[]));
    if let range::Ranged::Part { start, end } = range::parse(Some(&header), len) {
        assert!(start <= end && end < len, "bytes {start}-{end} of {len} from {header:?}");
    }
}

static MULTIPART: LazyLock<(tokio::runtime::Runtime, crate::config::Config, tempfile_dir::Dir)> = LazyLock::new(|| {
    let dir = tempfile_dir::Dir::new();
    let args = crate::config::ServerArgs {
        data_dir: Some(dir.0.clone()),
        database_url: Some("sqlite::memory:".into()),
        max_image_mb: Some(1),
        max_audio_mb: Some(1),
        max_video_mb: Some(1),
        max_file_mb: Some(1),
        ..Default::default()
    };
    let config = crate::config::Config::resolve(&args).expect("a config for the multipart target");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    (rt, config, dir)
});

/// The multipart reader behind every form with files: the first byte picks the boundary's
/// length, the rest is the body. Never panics, never keeps more fields than it allows,
/// and every file it takes is a kind its field accepts.
pub fn multipart(data: &[u8]) {
    use axum::extract::FromRequest;
    let (rt, config, _) = &*MULTIPART;
    let Some((&n, body)) = data.split_first() else { return };
    let boundary = &"XyZzY0123456789abcdefghijklmnopqrstuvwxyz"[..usize::from(n % 40) + 1];
    let req = axum::http::Request::builder()
        .method("POST")
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(axum::body::Body::from(body.to_vec()))
        .expect("a request");
    let files = [
        form::FileField { name: "photo", accept: Accept::Image, label_id: "profile-photo" },
        form::FileField { name: "clip", accept: Accept::Clip, label_id: "intro-clip" },
        form::FileField { name: "file", accept: Accept::Any, label_id: "files-file" },
    ];
    rt.block_on(async {
        let Ok(mut mp) = axum::extract::Multipart::from_request(req, &()).await else { return };
        let mut got = form::read(config, &crate::i18n::Tr::default(), &mut mp, &files).await;
        assert!(got.text.len() <= form::MAX_FIELDS, "{} fields kept", got.text.len());
        for f in &files {
            if let Some(r) = got.take(f.name) {
                let kind = r.format.kind();
                let fits = match f.accept {
                    Accept::Image => kind == sniff::Kind::Image,
                    Accept::Clip => matches!(kind, sniff::Kind::Audio | sniff::Kind::Video),
                    _ => true,
                };
                assert!(fits, "{} took a {kind:?}", f.name);
                crate::media::discard(r).await;
            }
        }
        got.discard().await;
    });
}

/// A folder for the multipart target's received files, removed at exit of the process
/// (best effort: the OS temp folder is cleaned anyway).
mod tempfile_dir {
    pub struct Dir(pub std::path::PathBuf);

    impl Dir {
        pub fn new() -> Dir {
            let p = std::env::temp_dir().join(format!("homeroom-fuzz-{}", std::process::id()));
            let _ = std::fs::create_dir_all(&p);
            Dir(p)
        }
    }
}
