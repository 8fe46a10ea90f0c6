//! Algebraic constructions of repeat-free plans, used instead of search when the class
//! has the right shape: `q` groups of `k <= q` with `q` a prime power give `q` rounds
//! from the lines of the affine plane over GF(q) restricted to `k` columns (a resolvable
//! transversal design), and when `k` divides `q` each column of `q` members, who never
//! meet in those rounds, is itself split by the same construction one level down. So
//! 4x4 gets 5 rounds (the affine plane), 8x4 gets 8 + 1 and 16x4 gets 16 + 5.

/// The finite field GF(q), elements `0..q` (0 and 1 are the field's zero and one).
pub(crate) struct Field {
    q: usize,
    p: usize,
    /// exp[i] = g^i for a primitive element g, i in 0..q-1.
    exp: Vec<usize>,
    /// log[x] for x != 0.
    log: Vec<usize>,
}

impl Field {
    /// GF(q) when `q` is a prime power (up to 4096), else `None`.
    pub fn new(q: usize) -> Option<Field> {
        if !(2..=4096).contains(&q) {
            return None;
        }
        let p = (2..=q).find(|d| q.is_multiple_of(*d))?;
        let mut m = 0;
        let mut r = q;
        while r.is_multiple_of(p) {
            r /= p;
            m += 1;
        }
        if r != 1 {
            return None;
        }
        // Elements are polynomials of degree < m over GF(p), written in base p. Try monic
        // moduli f (given by their m low coefficients, encoded the same way) until x is
        // primitive, i.e. its powers run through all q-1 nonzero elements.
        let digits = |mut a: usize| {
            let mut d = vec![0; m];
            for x in d.iter_mut() {
                *x = a % p;
                a /= p;
            }
            d
        };
        let number = |d: &[usize]| d.iter().rev().fold(0, |acc, &x| acc * p + x);
        for f in 1..q {
            let fd = digits(f);
            if fd[0] == 0 {
                continue;
            }
            let times_x = |a: usize| {
                let d = digits(a);
                let top = d[m - 1];
                let mut e = vec![0; m];
                e[1..m].copy_from_slice(&d[..m - 1]);
                for (i, x) in e.iter_mut().enumerate() {
                    *x = (*x + (p - fd[i]) * top) % p;
                }
                number(&e)
            };
            // For m == 1 "x" reduces to the constant -f0.
            let start = if m == 1 { (p - fd[0]) % p } else { p };
            let mut exp = Vec::with_capacity(q - 1);
            let mut a = 1;
            for _ in 0..q - 1 {
                exp.push(a);
                a = if m == 1 { a * start % p } else { times_x(a) };
                if a == 1 {
                    break;
                }
            }
            if exp.len() == q - 1 && a == 1 {
                let mut log = vec![0; q];
                for (i, &x) in exp.iter().enumerate() {
                    log[x] = i;
                }
                return Some(Field { q, p, exp, log });
            }
        }
        None
    }

    pub fn add(&self, a: usize, b: usize) -> usize {
        let (mut a, mut b, mut out, mut unit) = (a, b, 0, 1);
        while a > 0 || b > 0 {
            out += (a % self.p + b % self.p) % self.p * unit;
            a /= self.p;
            b /= self.p;
            unit *= self.p;
        }
        out
    }

    pub fn mul(&self, a: usize, b: usize) -> usize {
        if a == 0 || b == 0 {
            return 0;
        }
        self.exp[(self.log[a] + self.log[b]) % (self.q - 1)]
    }
}

/// Repeat-free rounds of `g` groups of `k` over members `0..g*k`: as many as the
/// construction gives (at least one, the trivial first round).
pub(crate) fn resolvable(g: usize, k: usize) -> Vec<Vec<Vec<usize>>> {
    let trivial = || vec![(0..g).map(|i| (i * k..(i + 1) * k).collect()).collect()];
    if g == 1 || k > g {
        return trivial();
    }
    let Some(f) = Field::new(g) else {
        return trivial();
    };
    let q = g;
    // Member (column i, row y) is i*q + y; column i stands for the field element i.
    let mut rounds: Vec<Vec<Vec<usize>>> = (0..q)
        .map(|slope| (0..q).map(|c| (0..k).map(|i| i * q + f.add(f.mul(slope, i), c)).collect()).collect())
        .collect();
    if q.is_multiple_of(k) {
        for sub in resolvable(q / k, k) {
            rounds.push(
                (0..k)
                    .flat_map(|i| sub.iter().map(move |grp| grp.iter().map(|&y| i * q + y).collect::<Vec<_>>()))
                    .collect(),
            );
        }
    }
    rounds
}

/// Rounds of `k + 1` groups of `k` (members `0..k*(k+1)`), up to `k + 1` of them, that
/// the shift x -> x+1 of Z_k maps to themselves: member `c*k + x` is point x of column c.
/// Round r keeps column r together as one group; every other column c gets an offset
/// a_c, and for each t in Z_k the members (a_c + t, c) of those columns form a group.
/// Members of columns c and c' then meet in round r exactly when their difference is
/// a_c' - a_c, so the offsets are chosen by backtracking such that each pair of columns
/// meets at every difference at most once. `None` when `budget` steps find no offsets.
/// This gives 6x5x6 at once.
pub(crate) fn rotational(k: usize, rounds: usize, budget: u64) -> Option<Vec<Vec<Vec<usize>>>> {
    let cols = k + 1;
    if !(2..=31).contains(&k) || rounds > cols {
        return None;
    }
    let others = |r: usize| (0..cols).filter(move |&c| c != r);
    let slots: Vec<(usize, usize)> = (0..rounds).flat_map(|r| others(r).skip(1).map(move |c| (r, c))).collect();
    let mut offset = vec![vec![None::<usize>; cols]; rounds];
    for (r, row) in offset.iter_mut().enumerate() {
        row[others(r).next()?] = Some(0);
    }
    // used[c * cols + c']: differences (a_c' - a_c mod k, c < c') already taken.
    let mut used = vec![0u32; cols * cols];
    let mut next = vec![0usize; slots.len()];
    let mut i = 0;
    let mut steps = 0u64;
    while i < slots.len() {
        steps += 1;
        if steps > budget {
            return None;
        }
        let (r, c) = slots[i];
        if let Some(v) = offset[r][c].take() {
            for (lo, hi, d) in diffs(&offset, k, r, c, v) {
                used[lo * cols + hi] &= !(1 << d);
            }
        }
        let mut placed = false;
        while next[i] < k {
            let v = next[i];
            next[i] += 1;
            // Columns of the same round never clash with each other (their differences
            // are distinct pairs), only with other rounds, so `used` is all to check.
            if diffs(&offset, k, r, c, v).all(|(lo, hi, d)| used[lo * cols + hi] & (1 << d) == 0) {
                for (lo, hi, d) in diffs(&offset, k, r, c, v) {
                    used[lo * cols + hi] |= 1 << d;
                }
                offset[r][c] = Some(v);
                placed = true;
                break;
            }
        }
        if placed {
            i += 1;
            if i < slots.len() {
                next[i] = 0;
            }
        } else {
            if i == 0 {
                return None;
            }
            i -= 1;
        }
    }
    Some(
        (0..rounds)
            .map(|r| {
                let mut groups = vec![(0..k).map(|x| r * k + x).collect::<Vec<_>>()];
                groups.extend(
                    (0..k).map(|t| others(r).map(|c| c * k + (offset[r][c].unwrap_or(0) + t) % k).collect::<Vec<_>>()),
                );
                groups
            })
            .collect(),
    )
}

/// [`rotational`] for `k + 1` rounds followed by `extra` more rounds of the same form,
/// each the one that repeats the fewest pairs (tried exhaustively, so only for k <= 6):
/// a start for plans past the limit of repeat-free rounds.
pub(crate) fn rotational_plus(k: usize, extra: usize, budget: u64) -> Option<Vec<Vec<Vec<usize>>>> {
    if k > 6 {
        return None;
    }
    let mut rounds = rotational(k, k + 1, budget)?;
    let cols = k + 1;
    let n = k * cols;
    let mut met = vec![0u16; n * n];
    let meet = |met: &mut Vec<u16>, round: &[Vec<usize>]| {
        for grp in round {
            for (i, &a) in grp.iter().enumerate() {
                for &b in &grp[i + 1..] {
                    met[a * n + b] += 1;
                    met[b * n + a] += 1;
                }
            }
        }
    };
    for round in &rounds {
        meet(&mut met, round);
    }
    for _ in 0..extra {
        let mut best: Option<(u32, Vec<Vec<usize>>)> = None;
        for fixed in 0..cols {
            let others: Vec<usize> = (0..cols).filter(|&c| c != fixed).collect();
            // Offsets of the columns after the first (which stays at 0), as a number in
            // base k.
            for code in 0..k.pow(k as u32 - 1) {
                let mut offset = vec![0; cols];
                let mut rest = code;
                for &c in &others[1..] {
                    offset[c] = rest % k;
                    rest /= k;
                }
                let mut round = vec![(0..k).map(|x| fixed * k + x).collect::<Vec<_>>()];
                round.extend((0..k).map(|t| others.iter().map(|&c| c * k + (offset[c] + t) % k).collect::<Vec<_>>()));
                let repeats: u32 = round
                    .iter()
                    .map(|grp| {
                        let mut r = 0;
                        for (i, &a) in grp.iter().enumerate() {
                            for &b in &grp[i + 1..] {
                                r += u32::from(met[a * n + b] > 0);
                            }
                        }
                        r
                    })
                    .sum();
                if best.as_ref().is_none_or(|(r, _)| repeats < *r) {
                    best = Some((repeats, round));
                }
            }
        }
        let (_, round) = best?;
        meet(&mut met, &round);
        rounds.push(round);
    }
    Some(rounds)
}

/// The differences (lower column, higher column, a_hi - a_lo mod k) that offset `v` of
/// column `c` in round `r` adds against the columns of that round already set.
fn diffs(
    offset: &[Vec<Option<usize>>],
    k: usize,
    r: usize,
    c: usize,
    v: usize,
) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    offset[r].iter().enumerate().filter(move |&(c2, _)| c2 != c && c2 != r).filter_map(move |(c2, a2)| {
        a2.map(|a2| (c.min(c2), c.max(c2), if c < c2 { (a2 + k - v) % k } else { (v + k - a2) % k }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(g: usize, k: usize, want: usize) {
        let rounds = resolvable(g, k);
        assert_eq!(rounds.len(), want, "{g}x{k}");
        check_rounds(g, k, &rounds);
    }

    fn check_rounds(g: usize, k: usize, rounds: &[Vec<Vec<usize>>]) {
        let n = g * k;
        let mut met = vec![false; n * n];
        for round in rounds {
            assert_eq!(round.len(), g);
            let mut seen = vec![false; n];
            for grp in round {
                assert_eq!(grp.len(), k);
                for (i, &a) in grp.iter().enumerate() {
                    assert!(!seen[a]);
                    seen[a] = true;
                    for &b in &grp[i + 1..] {
                        assert!(!met[a * n + b], "{g}x{k}: {a} and {b} meet twice");
                        met[a * n + b] = true;
                        met[b * n + a] = true;
                    }
                }
            }
        }
    }

    #[test]
    fn fields_satisfy_the_axioms() {
        for q in [2, 3, 4, 5, 7, 8, 9, 16, 25, 27, 32, 49, 64, 81, 121, 128] {
            let f = Field::new(q).unwrap();
            for a in 0..q {
                assert_eq!(f.add(a, 0), a);
                assert_eq!(f.mul(a, 1), a);
                if a > 0 {
                    assert_eq!((1..q).filter(|&b| f.mul(a, b) == 1).count(), 1, "inverse of {a} in GF({q})");
                }
                assert_eq!((0..q).filter(|&b| f.add(a, b) == 0).count(), 1);
                for b in 0..q {
                    for c in [0, 1, q / 2, q - 1] {
                        assert_eq!(f.mul(a, f.add(b, c)), f.add(f.mul(a, b), f.mul(a, c)));
                    }
                }
            }
        }
        for q in [0, 1, 6, 10, 12, 15, 18, 100] {
            assert!(Field::new(q).is_none(), "{q}");
        }
    }

    #[test]
    fn rotational_designs_are_repeat_free() {
        for (k, rounds) in [(5, 6), (3, 4), (4, 5), (5, 3), (2, 3)] {
            let plan = rotational(k, rounds, 1_000_000).unwrap_or_else(|| panic!("{k}: none"));
            assert_eq!(plan.len(), rounds);
            check_rounds(k + 1, k, &plan);
        }
        assert!(rotational(5, 7, 1_000_000).is_none());
    }

    #[test]
    fn rotational_plus_adds_partitions() {
        let plan = rotational_plus(5, 1, 1_000_000).unwrap();
        assert_eq!(plan.len(), 7);
        check_rounds(6, 5, &plan[..6]);
        for round in &plan {
            let mut all: Vec<usize> = round.iter().flatten().copied().collect();
            all.sort_unstable();
            assert_eq!(all, (0..30).collect::<Vec<_>>());
        }
        assert!(rotational_plus(7, 1, 1000).is_none());
    }

    #[test]
    fn constructions_are_repeat_free() {
        check(4, 4, 5);
        check(5, 5, 6);
        check(3, 3, 4);
        check(8, 4, 9);
        check(16, 4, 21);
        check(9, 3, 9 + 4);
        check(5, 3, 5);
        check(7, 2, 7);
        check(6, 5, 1);
        check(10, 4, 1);
        check(2, 4, 1);
    }
}
