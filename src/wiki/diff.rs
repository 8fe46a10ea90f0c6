//! Line diffs between two revisions of a page, by longest common subsequence. Pure, so
//! it is tested on its own: applying the diff's kept and added lines gives the new text.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Same,
    Added,
    Removed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub change: Change,
    pub text: String,
}

impl Line {
    pub fn class(&self) -> &'static str {
        match self.change {
            Change::Same => "same",
            Change::Added => "added",
            Change::Removed => "removed",
        }
    }

    pub fn marker(&self) -> &'static str {
        match self.change {
            Change::Same => " ",
            Change::Added => "+",
            Change::Removed => "−",
        }
    }
}

/// Pages are edited by hand, so texts stay small; past this many lines the quadratic
/// table would be wasteful and we fall back to "all removed, all added".
const MAX_CELLS: usize = 4_000_000;

pub fn lines(old: &str, new: &str) -> Vec<Line> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Common head and tail are cheap to take off first.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let line = |change, text: &str| Line { change, text: text.to_string() };
    let mut out: Vec<Line> = a[..head].iter().map(|t| line(Change::Same, t)).collect();
    if (am.len() + 1) * (bm.len() + 1) > MAX_CELLS {
        out.extend(am.iter().map(|t| line(Change::Removed, t)));
        out.extend(bm.iter().map(|t| line(Change::Added, t)));
    } else {
        // lcs[i][j]: length of the common subsequence of am[i..] and bm[j..].
        let (n, m) = (am.len(), bm.len());
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                out.push(line(Change::Same, am[i]));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j]) {
                out.push(line(Change::Added, bm[j]));
                j += 1;
            } else {
                out.push(line(Change::Removed, am[i]));
                i += 1;
            }
        }
    }
    out.extend(a[a.len() - tail..].iter().map(|t| line(Change::Same, t)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_changed_line() {
        let d = lines("a\nb\nc", "a\nB\nc");
        let got: Vec<(Change, &str)> = d.iter().map(|l| (l.change, l.text.as_str())).collect();
        assert_eq!(got, vec![(Change::Same, "a"), (Change::Added, "B"), (Change::Removed, "b"), (Change::Same, "c")]);
    }

    proptest! {
        #[test]
        fn the_diff_rebuilds_both_texts(
            a in proptest::collection::vec("[abc]{0,2}", 0..30),
            b in proptest::collection::vec("[abc]{0,2}", 0..30),
        ) {
            let (old, new) = (a.join("\n"), b.join("\n"));
            let d = lines(&old, &new);
            let rebuilt_new: Vec<&str> = d.iter().filter(|l| l.change != Change::Removed).map(|l| l.text.as_str()).collect();
            let rebuilt_old: Vec<&str> = d.iter().filter(|l| l.change != Change::Added).map(|l| l.text.as_str()).collect();
            prop_assert_eq!(rebuilt_new, new.lines().collect::<Vec<_>>());
            prop_assert_eq!(rebuilt_old, old.lines().collect::<Vec<_>>());
            // Unchanged texts have no changes.
            let same = lines(&old, &old);
            prop_assert!(same.iter().all(|l| l.change == Change::Same));
        }
    }
}
