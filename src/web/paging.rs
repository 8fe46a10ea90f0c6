//! Keyset pagination: the one way every list that can grow is paged.
//!
//! A list is ordered by a sort key and the row id (the tie-breaker), and a page is "the
//! next `size` rows after this row" (or before it), never `OFFSET`: the database seeks
//! in an index, so page 200 costs what page 1 costs, and rows written meanwhile neither
//! repeat nor vanish. The position travels in the URL as an opaque cursor
//! (`?after=…` or `?before=…`); pages link to their neighbours with plain links, so paging
//! works without JavaScript.
//!
//! A handler takes [`PageParams`] from the query string, asks [`PageParams::cursor`] for
//! where to start, fetches `size + 1` rows with [`Cursor::condition`] and
//! [`Dir::order`], and hands them to [`Paged::build`], which trims the extra row, puts a
//! backward page back in reading order and makes the links. Templates show the links
//! with `{% include "pager.html" %}` (it reads a field named `pager`).

use base64::Engine;
use sea_orm::Order;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, IntoColumnRef, SimpleExpr};
use serde::Deserialize;

/// Page sizes are for people: long enough to scan, short enough to load at once.
pub const DEFAULT_SIZE: u64 = 30;
/// The most a caller may ask for (`?size=`), whatever the list.
pub const MAX_SIZE: u64 = 100;

/// The query-string part every paged list accepts.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PageParams {
    pub after: Option<String>,
    pub before: Option<String>,
    pub size: Option<u64>,
}

/// A position in a list: the sort key of a row and its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub key: Key,
    pub id: i64,
}

/// Sort keys are numbers (ids, instants) or text (names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Int(i64),
    Text(String),
}

/// Which way a page reads from its cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// The first page, or the rows after the cursor.
    Forward,
    /// The rows before the cursor (fetched in reverse, shown in order).
    Backward,
}

impl PageParams {
    /// The page size asked for, within bounds.
    pub fn size(&self, default: u64) -> u64 {
        self.size.unwrap_or(default).clamp(1, MAX_SIZE)
    }

    /// Where the page starts. A cursor that does not decode is treated as the first page:
    /// an old or hand-edited link should still show something.
    pub fn cursor(&self) -> (Dir, Option<Cursor>) {
        if let Some(c) = self.before.as_deref().and_then(Cursor::decode) {
            return (Dir::Backward, Some(c));
        }
        (Dir::Forward, self.after.as_deref().and_then(Cursor::decode))
    }
}

impl Cursor {
    pub fn int(key: i64, id: i64) -> Cursor {
        Cursor { key: Key::Int(key), id }
    }

    pub fn text(key: impl Into<String>, id: i64) -> Cursor {
        Cursor { key: Key::Text(key.into()), id }
    }

    /// For lists ordered by id alone.
    pub fn id(id: i64) -> Cursor {
        Cursor::int(id, id)
    }

    /// Opaque in the URL: `i` or `t`, the key and the id, base64url.
    pub fn encode(&self) -> String {
        let raw = match &self.key {
            Key::Int(k) => format!("i{k}:{}", self.id),
            Key::Text(k) => format!("t{}:{k}", self.id),
        };
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        if s.len() > 512 {
            return None;
        }
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(s).ok()?;
        let raw = String::from_utf8(raw).ok()?;
        let (tag, rest) = raw.split_at_checked(1)?;
        match tag {
            "i" => {
                let (k, id) = rest.split_once(':')?;
                Some(Cursor::int(k.parse().ok()?, id.parse().ok()?))
            }
            "t" => {
                let (id, k) = rest.split_once(':')?;
                Some(Cursor::text(k, id.parse().ok()?))
            }
            _ => None,
        }
    }

    /// The rows strictly beyond this cursor in the list's order, as a bound condition:
    /// `key > k OR (key = k AND id > i)` (mirrored for descending lists and backward
    /// pages). Written out rather than as a row comparison so both databases use the
    /// index on `(key, id)` the same way.
    pub fn condition(&self, key: impl IntoColumnRef + Copy, id: impl IntoColumnRef + Copy, order: Order) -> Condition {
        let k: SimpleExpr = match &self.key {
            Key::Int(v) => Expr::val(*v),
            Key::Text(v) => Expr::val(v.clone()),
        };
        let (beyond_key, beyond_id) = match order {
            Order::Desc => (Expr::col(key).lt(k.clone()), Expr::col(id).lt(self.id)),
            _ => (Expr::col(key).gt(k.clone()), Expr::col(id).gt(self.id)),
        };
        Condition::any().add(beyond_key).add(Condition::all().add(Expr::col(key).eq(k)).add(beyond_id))
    }
}

impl Dir {
    /// The order to fetch in, for a list whose reading order is `reading`.
    pub fn order(self, reading: Order) -> Order {
        match (self, reading) {
            (Dir::Forward, o) => o,
            (Dir::Backward, Order::Desc) => Order::Asc,
            (Dir::Backward, _) => Order::Desc,
        }
    }
}

/// A page of a list and the cursors of its neighbours.
#[derive(Clone, Debug)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub pager: Pager,
}

/// Links to the neighbouring pages, for `pager.html`.
#[derive(Clone, Debug, Default)]
pub struct Pager {
    /// The list's address with its other query parameters (filters, search), without
    /// `after`/`before`.
    pub base: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn prev_href(&self) -> Option<String> {
        self.prev.as_ref().map(|c| link(&self.base, "before", c))
    }

    pub fn next_href(&self) -> Option<String> {
        self.next.as_ref().map(|c| link(&self.base, "after", c))
    }

    pub fn is_empty(&self) -> bool {
        self.prev.is_none() && self.next.is_none()
    }
}

fn link(base: &str, param: &str, cursor: &str) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}{param}={cursor}")
}

impl<T> Paged<T> {
    /// Make a page from rows fetched in `dir.order(reading)` with a limit of `size + 1`.
    /// `at` says where a row stands in the list. `base` is the list's address without
    /// `after`/`before` (see [`base_href`]).
    pub fn build(
        mut rows: Vec<T>,
        size: u64,
        dir: Dir,
        from: Option<&Cursor>,
        base: String,
        at: impl Fn(&T) -> Cursor,
    ) -> Paged<T> {
        let more = rows.len() as u64 > size;
        rows.truncate(size as usize);
        if dir == Dir::Backward {
            rows.reverse();
        }
        let first = rows.first().map(|r| at(r).encode());
        let last = rows.last().map(|r| at(r).encode());
        let (prev, next) = match dir {
            // There is something before when we came from somewhere; after, when we
            // fetched more than a page.
            Dir::Forward => (from.and(first), if more { last } else { None }),
            Dir::Backward => (if more { first } else { None }, last.or_else(|| from.map(Cursor::encode))),
        };
        Paged { items: rows, pager: Pager { base, prev, next } }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged { items: self.items.into_iter().map(f).collect(), pager: self.pager }
    }
}

/// The address of a list with its query parameters, less the paging ones, for links.
pub fn base_href(path: &str, params: &[(&str, &str)]) -> String {
    let kept: Vec<(&str, &str)> =
        params.iter().copied().filter(|(k, v)| !v.is_empty() && !matches!(*k, "after" | "before")).collect();
    if kept.is_empty() {
        return path.to_string();
    }
    let q = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish();
    format!("{path}?{q}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_cursor_survives_the_url() {
        for c in [Cursor::int(-5, 7), Cursor::text("Åse: O'Neil", 12), Cursor::id(0)] {
            assert_eq!(Cursor::decode(&c.encode()), Some(c));
        }
    }

    #[test]
    fn a_broken_cursor_means_the_first_page() {
        for bad in ["", "!!!", "aXg", &"a".repeat(600)] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
        let p = PageParams { after: Some("garbage".into()), ..Default::default() };
        assert_eq!(p.cursor(), (Dir::Forward, None));
    }

    /// Page through 0..n in both directions with an in-memory "database" and check that
    /// every row is seen exactly once and backward pages mirror forward ones.
    fn walk(n: i64, size: u64) {
        let fetch = |dir: Dir, from: Option<&Cursor>| -> Vec<i64> {
            let mut rows: Vec<i64> = (0..n)
                .filter(|v| match (dir, from) {
                    (_, None) => true,
                    (Dir::Forward, Some(c)) => *v > c.id,
                    (Dir::Backward, Some(c)) => *v < c.id,
                })
                .collect();
            if dir == Dir::Backward {
                rows.reverse();
            }
            rows.truncate(size as usize + 1);
            rows
        };
        let mut seen = Vec::new();
        let mut pages = Vec::new();
        let mut from: Option<Cursor> = None;
        loop {
            let page =
                Paged::build(fetch(Dir::Forward, from.as_ref()), size, Dir::Forward, from.as_ref(), "/x".into(), |v| {
                    Cursor::id(*v)
                });
            seen.extend(page.items.iter().copied());
            pages.push(page.items.clone());
            assert_eq!(page.pager.prev.is_some(), from.is_some());
            match page.pager.next {
                Some(c) => from = Cursor::decode(&c),
                None => break,
            }
        }
        assert_eq!(seen, (0..n).collect::<Vec<_>>());
        // Walk back from the last page.
        let mut back = pages.pop().unwrap_or_default();
        while let Some(first) = back.first().copied() {
            let c = Cursor::id(first);
            let page = Paged::build(fetch(Dir::Backward, Some(&c)), size, Dir::Backward, Some(&c), "/x".into(), |v| {
                Cursor::id(*v)
            });
            if page.items.is_empty() {
                break;
            }
            assert_eq!(Some(page.items.clone()), pages.pop());
            back = page.items;
        }
        assert!(pages.is_empty());
    }

    #[test]
    fn paging_sees_every_row_once() {
        walk(0, 3);
        walk(1, 3);
        walk(3, 3);
        walk(10, 3);
    }

    proptest! {
        #[test]
        fn paging_sees_every_row_once_whatever_the_sizes(n in 0i64..200, size in 1u64..40) {
            walk(n, size);
        }
    }

    #[test]
    fn links_keep_filters_and_drop_old_positions() {
        let base = base_href("/courses/1/members", &[("q", "ann lee"), ("role", ""), ("after", "x")]);
        assert_eq!(base, "/courses/1/members?q=ann+lee");
        let pager = Pager { base, prev: None, next: Some("abc".into()) };
        assert_eq!(pager.next_href().as_deref(), Some("/courses/1/members?q=ann+lee&after=abc"));
        assert_eq!(
            Pager { base: "/a".into(), prev: Some("z".into()), next: None }.prev_href().as_deref(),
            Some("/a?before=z")
        );
    }
}
