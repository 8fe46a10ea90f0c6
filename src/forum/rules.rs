//! The pure rules of the spaces: what a title, body or reason must be, how a window of a
//! thread's posts is laid out, and how search words become a full-text query. No I/O,
//! so they are unit-tested here.

use crate::error::{AppError, AppResult};

/// The reactions on offer: a small fixed set keeps them light and comparable.
pub const EMOJIS: [&str; 5] = ["👍", "❤️", "🎉", "💡", "😂"];
pub const MAX_TITLE: usize = 150;
pub const MAX_BODY: usize = 20_000;
pub const MAX_REASON: usize = 500;
pub const MAX_ABOUT: usize = 2_000;
/// Posts on one page of a thread (besides the opening post, always shown on top).
pub const THREAD_WINDOW: u64 = 30;
/// Threads on one page of a space.
pub const THREADS_PAGE: u64 = 30;
/// Pinned threads shown above the first page of a space (they are in the list too).
pub const PINNED_SHOWN: u64 = 10;
/// Hits on one page of search results; reports on one page of the moderation queue.
pub const SEARCH_PAGE: u64 = 20;
pub const REPORTS_PAGE: u64 = 30;
/// Characters of a post's source read to cut a snippet from (search, reports): enough
/// for a snippet around an early match, never a whole long post.
pub const EXCERPT_CHARS: i32 = 2_000;

pub const DEFAULT_STARTERS: [&str; 5] =
    ["forum-starter-1", "forum-starter-2", "forum-starter-3", "forum-starter-4", "forum-starter-5"];

pub use super::text::squash;

pub fn title_ok(raw: &str) -> AppResult<String> {
    let t = squash(raw);
    if t.is_empty() || t.chars().count() > MAX_TITLE {
        return Err(AppError::BadRequest("forum-err-title"));
    }
    Ok(t)
}

pub fn body_ok(raw: &str) -> Result<String, &'static str> {
    let b = raw.trim().replace("\r\n", "\n");
    if b.is_empty() || b.chars().count() > MAX_BODY { Err("forum-err-body") } else { Ok(b) }
}

pub fn reason_ok(raw: &str) -> AppResult<String> {
    let r = squash(raw);
    if r.is_empty() || r.chars().count() > MAX_REASON {
        return Err(AppError::BadRequest("forum-err-reason"));
    }
    Ok(r)
}

pub fn about_ok(raw: &str) -> AppResult<String> {
    let a = raw.trim().replace("\r\n", "\n");
    if a.chars().count() > MAX_ABOUT {
        return Err(AppError::BadRequest("forum-err-about"));
    }
    Ok(a)
}

/// What search matches a post by: its words (and the thread's title for an opening
/// post), lower-cased here so both databases index the same folded text whatever their
/// locale does with "Ø".
pub fn search_text(title: Option<&str>, body: &str) -> String {
    super::text::fold(&match title {
        Some(t) => format!("{t}\n{body}"),
        None => body.to_string(),
    })
}

/// The words of a search, folded as the indexed text is: runs of letters and digits,
/// at most ten. Punctuation alone (`%`, `_`) is no search at all.
pub fn search_words(q: &str) -> Vec<String> {
    super::text::fold(q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(10)
        .map(str::to_string)
        .collect()
}

/// An FTS5 query that finds posts with every word: each word quoted, so nothing a
/// person types is read as FTS5 syntax. It is still bound as a value.
pub fn fts5_query(words: &[String]) -> String {
    words.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

/// A top-level entry of a thread window: a post, the replies under it on the same page,
/// and, for a reply whose top-level post is on an earlier page, that post's id.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry<T> {
    pub post: T,
    pub children: Vec<T>,
    pub continues: Option<i64>,
}

/// Lay out a window of a thread. A window is a run of posts in the order they were
/// written (by id), so every post belongs to exactly one window and paging by id reaches
/// each once. Replies are one level deep: within the window a reply sits under its
/// top-level post; a reply whose top-level post is on an earlier page stands at the top
/// level of this one, marked with the post it continues (the page links back to it), so
/// nothing is unreachable and nothing shows twice.
pub fn arrange<T>(posts: Vec<T>, id: impl Fn(&T) -> i64, parent: impl Fn(&T) -> Option<i64>) -> Vec<Entry<T>> {
    let mut out: Vec<Entry<T>> = Vec::with_capacity(posts.len());
    for p in posts {
        let under = parent(&p).and_then(|pid| out.iter().position(|e| e.continues.is_none() && id(&e.post) == pid));
        match (parent(&p), under) {
            (_, Some(i)) => out[i].children.push(p),
            (continues, None) => out.push(Entry { post: p, children: vec![], continues }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_and_reasons_are_squashed_and_bounded() {
        assert_eq!(title_ok("  Peer   review \n").unwrap(), "Peer review");
        assert!(title_ok("   ").is_err());
        assert!(title_ok(&"x".repeat(MAX_TITLE + 1)).is_err());
        assert!(reason_ok("").is_err());
        assert_eq!(body_ok(" a\r\nb ").unwrap(), "a\nb");
        assert!(body_ok(" \n ").is_err());
    }

    #[test]
    fn search_words_are_folded_and_punctuation_is_not_a_word() {
        assert_eq!(search_words("Peer REVIEW, in"), vec!["peer", "review", "in"]);
        assert_eq!(search_words("ÆRE"), vec!["ære"]);
        assert!(search_words("% _ \"").is_empty());
        assert_eq!(search_words("50%_off"), vec!["50", "off"]);
        assert_eq!(fts5_query(&search_words("peer review")), "\"peer\" \"review\"");
        assert_eq!(fts5_query(&["a\"b".to_string()]), "\"a\"\"b\"");
    }

    type P = (i64, Option<i64>);

    fn ids(e: &[Entry<P>]) -> Vec<(i64, Vec<i64>, Option<i64>)> {
        e.iter().map(|e| (e.post.0, e.children.iter().map(|c| c.0).collect(), e.continues)).collect()
    }

    #[test]
    fn replies_sit_under_their_post_or_continue_it() {
        // 10 on an earlier page; 11 and 14 top-level; 12, 13 under 11; 15 under 10.
        let window: Vec<P> = vec![(11, None), (12, Some(11)), (13, Some(11)), (14, None), (15, Some(10))];
        let laid = arrange(window, |p| p.0, |p| p.1);
        assert_eq!(ids(&laid), vec![(11, vec![12, 13], None), (14, vec![], None), (15, vec![], Some(10))]);
        // Two replies continuing the same earlier post each stand alone.
        let laid = arrange(vec![(20, Some(3)), (21, Some(3))], |p: &P| p.0, |p| p.1);
        assert_eq!(ids(&laid), vec![(20, vec![], Some(3)), (21, vec![], Some(3))]);
    }

    proptest! {
        /// However a thread is cut into windows, each post shows exactly once.
        #[test]
        fn every_post_shows_once_whatever_the_windows(
            parents in proptest::collection::vec(proptest::option::of(0usize..50), 0..120),
            size in 1usize..40,
        ) {
            // Post i may be under an earlier top-level post.
            let mut posts: Vec<P> = vec![];
            for (i, p) in parents.iter().enumerate() {
                let parent = p.filter(|p| *p < i).map(|p| p as i64).filter(|p| posts[*p as usize].1.is_none());
                posts.push((i as i64, parent));
            }
            let mut seen = vec![];
            for chunk in posts.chunks(size) {
                for e in arrange(chunk.to_vec(), |p| p.0, |p| p.1) {
                    if let Some(c) = e.continues {
                        prop_assert!(c < e.post.0 && !chunk.iter().any(|p| p.0 == c));
                    }
                    seen.push(e.post.0);
                    for ch in &e.children {
                        prop_assert_eq!(ch.1, Some(e.post.0));
                        seen.push(ch.0);
                    }
                }
            }
            seen.sort();
            prop_assert_eq!(seen, (0..posts.len() as i64).collect::<Vec<_>>());
        }
    }
}
