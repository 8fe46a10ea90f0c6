//! The pure text work of the spaces: finding @mentions among the course's members,
//! turning them into links, and cutting search snippets around a term. No I/O, so it is
//! unit-tested here.

/// A mention found in a post: the byte range of `@Name` and whom it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub user_id: i64,
}

/// The length in bytes of `rest`'s prefix that equals `name` ignoring case, if it does.
fn prefix_len(rest: &str, name: &str) -> Option<usize> {
    let mut r = rest.char_indices();
    for nc in name.chars() {
        let (_, rc) = r.next()?;
        if !rc.to_lowercase().eq(nc.to_lowercase()) {
            return None;
        }
    }
    Some(r.next().map(|(i, _)| i).unwrap_or(rest.len()))
}

/// Every `@Name` in `text` that names a member. Names have spaces ("@Ada Lovelace"), so
/// the longest member name that follows the `@` wins, and it must end at a word
/// boundary ("@Adam" does not mention "Ada"). An `@` inside a word (an email address)
/// is not a mention.
pub fn find_mentions(text: &str, members: &[(i64, &str)]) -> Vec<Mention> {
    let mut out = vec![];
    let mut prev: Option<char> = None;
    let mut skip_until = 0;
    for (i, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        if i < skip_until || c != '@' || before.is_some_and(|b| b.is_alphanumeric() || b == '_') {
            continue;
        }
        let rest = &text[i + 1..];
        let best = members
            .iter()
            .filter(|(_, name)| !name.trim().is_empty())
            .filter_map(|(id, name)| prefix_len(rest, name.trim()).map(|len| (len, *id)))
            .filter(|(len, _)| rest[*len..].chars().next().is_none_or(|n| !(n.is_alphanumeric() || n == '_')))
            .max_by_key(|(len, _)| *len);
        if let Some((len, user_id)) = best {
            out.push(Mention { start: i, end: i + 1 + len, user_id });
            skip_until = i + 1 + len;
        }
    }
    out
}

/// The distinct people mentioned, in order of first mention.
pub fn mentioned_ids(found: &[Mention]) -> Vec<i64> {
    let mut ids = vec![];
    for m in found {
        if !ids.contains(&m.user_id) {
            ids.push(m.user_id);
        }
    }
    ids
}

fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '(' | ')') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The Markdown with each mention turned into a link made by `href` (the name is kept
/// as written). The result still goes through the sanitiser.
pub fn link_mentions(text: &str, found: &[Mention], href: impl Fn(i64) -> String) -> String {
    let mut out = String::with_capacity(text.len() + found.len() * 32);
    let mut at = 0;
    for m in found {
        out.push_str(&text[at..m.start]);
        out.push_str(&format!("[{}]({})", escape_markdown(&text[m.start..m.end]), href(m.user_id)));
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Runs of whitespace as one space, trimmed: titles, reasons, starters, snippets.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-cased text as search stores and matches it.
pub fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// A piece of a snippet; `true` pieces are the matched term.
pub type Piece = (String, bool);

/// A short excerpt of `body` around the first match of `term` (ignoring case), split so
/// a template can escape every piece and mark the matches. Works on characters, since
/// lower-casing may change byte lengths.
pub fn snippet(body: &str, term: &str, width: usize) -> Vec<Piece> {
    let chars: Vec<char> = squash(body).chars().collect();
    let folded: Vec<char> = chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    let needle: Vec<char> = term.trim().chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect();
    let find_from = |from: usize| -> Option<usize> {
        if needle.is_empty() || folded.len() < needle.len() {
            return None;
        }
        (from..=folded.len() - needle.len()).find(|&i| folded[i..i + needle.len()] == needle[..])
    };
    let first = find_from(0);
    let start = first.map(|f| f.saturating_sub(width / 3)).unwrap_or(0);
    let end = (start + width).min(chars.len());
    let mut pieces: Vec<Piece> = vec![];
    let mut at = start;
    let mut next = first;
    while let Some(m) = next {
        if m + needle.len() > end {
            break;
        }
        if m > at {
            pieces.push((chars[at..m].iter().collect(), false));
        }
        pieces.push((chars[m..m + needle.len()].iter().collect(), true));
        at = m + needle.len();
        next = find_from(at);
    }
    if at < end {
        pieces.push((chars[at..end].iter().collect(), false));
    }
    if start > 0 {
        pieces.insert(0, ("…".into(), false));
    }
    if end < chars.len() {
        pieces.push(("…".into(), false));
    }
    pieces
}

/// Question starters from the tutor's text: one per line, blank lines dropped.
pub fn starters(text: &str) -> Vec<String> {
    text.lines().map(squash).filter(|l| !l.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEOPLE: [(i64, &str); 4] = [(1, "Ada"), (2, "Ada Lovelace"), (3, "Bo Ørsted"), (4, "Chen")];

    #[test]
    fn the_longest_name_wins_and_case_is_ignored() {
        let m = find_mentions("Thanks @ada lovelace and @Ada!", &PEOPLE);
        assert_eq!(mentioned_ids(&m), vec![2, 1]);
        assert_eq!(&"Thanks @ada lovelace and @Ada!"[m[0].start..m[0].end], "@ada lovelace");
    }

    #[test]
    fn names_end_at_a_word_boundary() {
        assert!(find_mentions("@Adam, hi", &PEOPLE).is_empty());
        assert_eq!(mentioned_ids(&find_mentions("@Ada_", &PEOPLE)), Vec::<i64>::new());
        assert_eq!(mentioned_ids(&find_mentions("(@Chen)", &PEOPLE)), vec![4]);
        assert_eq!(mentioned_ids(&find_mentions("@bo ørsted: yes", &PEOPLE)), vec![3]);
    }

    #[test]
    fn email_addresses_and_strangers_are_not_mentions() {
        assert!(find_mentions("write to ada@example.org", &PEOPLE).is_empty());
        assert!(find_mentions("@Zed and @ and @@", &PEOPLE).is_empty());
        assert_eq!(mentioned_ids(&find_mentions("@Chen @Chen", &PEOPLE)), vec![4]);
    }

    #[test]
    fn mentions_become_links_with_escaped_names() {
        let text = "Hi @Chen and @Ada Lovelace.";
        let out = link_mentions(text, &find_mentions(text, &PEOPLE), |id| format!("/p/{id}"));
        assert_eq!(out, "Hi [@Chen](/p/4) and [@Ada Lovelace](/p/2).");
        let odd = [(9, "x]y")];
        let t = "@x]y";
        assert_eq!(link_mentions(t, &find_mentions(t, &odd), |_| "/q".into()), "[@x\\]y](/q)");
    }

    #[test]
    fn snippets_mark_every_match_in_the_window() {
        let s = snippet("Peer review works. PEER feedback too.", "peer", 100);
        assert_eq!(
            s,
            vec![
                ("Peer".into(), true),
                (" review works. ".into(), false),
                ("PEER".into(), true),
                (" feedback too.".into(), false)
            ]
        );
        let long = format!("{} needle {}", "a ".repeat(100), "b ".repeat(100));
        let s = snippet(&long, "needle", 40);
        assert_eq!(s.first().unwrap().0, "…");
        assert_eq!(s.last().unwrap().0, "…");
        assert!(s.iter().any(|(p, m)| *m && p == "needle"));
        // Nothing found: the start of the text.
        assert_eq!(snippet("short", "zzz", 40), vec![("short".to_string(), false)]);
    }

    #[test]
    fn starters_are_lines() {
        assert_eq!(starters("  What made you  think that…?\n\n  Why? "), vec!["What made you think that…?", "Why?"]);
    }
}
