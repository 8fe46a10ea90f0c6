//! Group sizes for a class, and how many repeat-free rounds a class of that shape can
//! have at most.

use crate::model::{GroupSize, PlanError, Remainder, RoundBound};

/// The sizes of the groups in every round, largest first. Never produces a group of one.
pub fn group_sizes(n: usize, size: GroupSize) -> Result<Vec<usize>, PlanError> {
    let k = match size {
        GroupSize::Exact(k) | GroupSize::Target(k, _) => k,
    };
    if k < 2 {
        return Err(PlanError::Invalid(format!("group size must be at least 2 (got {k})")));
    }
    if n < 2 {
        return Err(PlanError::Invalid(format!("a class of {n} cannot be split into groups")));
    }
    if k > n {
        return Err(PlanError::Invalid(format!("group size {k} is larger than the class ({n} members)")));
    }
    match size {
        GroupSize::Exact(_) => {
            if !n.is_multiple_of(k) {
                return Err(PlanError::Invalid(format!(
                    "{n} members cannot be split into groups of exactly {k}; use a target size to allow groups of {k} and {}",
                    k + 1
                )));
            }
            Ok(vec![k; n / k])
        }
        GroupSize::Target(_, rule) => {
            let larger = larger_groups(n, k);
            let smaller = smaller_groups(n, k);
            let chosen = match rule {
                Remainder::Larger => larger.or(smaller),
                Remainder::Smaller => smaller.or(larger),
            };
            Ok(chosen.unwrap_or_else(|| balanced(n, n.div_ceil(k))))
        }
    }
}

/// floor(n/k) groups of k, the leftover spread one each: sizes k and k+1.
fn larger_groups(n: usize, k: usize) -> Option<Vec<usize>> {
    let g = n / k;
    (g > 0 && n % k <= g).then(|| balanced(n, g))
}

/// ceil(n/k) groups of k and k-1 (never of one).
fn smaller_groups(n: usize, k: usize) -> Option<Vec<usize>> {
    let g = n.div_ceil(k);
    (g * (k - 1) <= n && k > 2 || n.is_multiple_of(k)).then(|| balanced(n, g))
}

fn balanced(n: usize, g: usize) -> Vec<usize> {
    (0..g).map(|i| n / g + usize::from(i < n % g)).collect()
}

/// Upper bound on rounds in which nobody meets anyone twice.
pub fn round_bound(sizes: &[usize]) -> RoundBound {
    let n: usize = sizes.iter().sum();
    let g = sizes.len();
    let kmin = *sizes.iter().min().unwrap_or(&2);
    let kmax = *sizes.iter().max().unwrap_or(&2);
    let counting = if kmin <= 1 { usize::MAX } else { (n - 1) / (kmin - 1) };
    let mut known = counting;
    let mut note = String::from("counting bound: each round uses up k-1 of n-1 classmates");
    if g == 1 {
        known = 1;
        note = "one group holds the whole class: every round repeats every pair".into();
    } else if kmax > g && kmin == kmax {
        // A later round's group needs its k members from k different first-round groups.
        known = 1;
        note = format!(
            "groups of {kmax} but only {g} groups: a second round must put two members of some first-round group together"
        );
    } else if kmin == kmax && kmin == 6 && g == 6 {
        known = 3;
        note = "6 groups of 6 need orthogonal Latin squares of order 6, which do not exist (Euler's 36 officers): at most 3 rounds".into();
    } else if kmin == kmax && kmin == 2 && n.is_multiple_of(2) {
        note = "pairs: a round-robin reaches the bound".into();
    } else if kmin == kmax && kmin == 3 && n % 6 == 3 {
        note = "triples with n = 3 mod 6: a Kirkman triple system reaches the bound".into();
    } else if kmin == kmax && (n - 1).is_multiple_of(kmin - 1) && kmin == g && is_prime_power(kmin) {
        note = "an affine plane of this order exists and reaches the bound".into();
    }
    RoundBound { counting, known: known.min(counting), note }
}

fn is_prime_power(q: usize) -> bool {
    if q < 2 {
        return false;
    }
    let p = (2..=q).find(|p| q.is_multiple_of(*p)).unwrap_or(q);
    let mut r = q;
    while r.is_multiple_of(p) {
        r /= p;
    }
    r == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_sizes() {
        assert_eq!(group_sizes(12, GroupSize::Exact(4)).unwrap(), vec![4, 4, 4]);
        assert!(group_sizes(13, GroupSize::Exact(4)).is_err());
        assert!(group_sizes(3, GroupSize::Exact(4)).is_err());
    }

    #[test]
    fn target_sizes_never_make_a_group_of_one() {
        for n in 2..80 {
            for k in 2..=n.min(12) {
                for rule in [Remainder::Larger, Remainder::Smaller] {
                    let sizes = group_sizes(n, GroupSize::Target(k, rule)).unwrap();
                    assert_eq!(sizes.iter().sum::<usize>(), n);
                    assert!(sizes.iter().all(|&s| s >= 2), "{n} {k} {sizes:?}");
                    let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
                    assert!(hi - lo <= 1);
                }
            }
        }
    }

    #[test]
    fn remainder_rules() {
        assert_eq!(group_sizes(14, GroupSize::Target(4, Remainder::Larger)).unwrap(), vec![5, 5, 4]);
        assert_eq!(group_sizes(14, GroupSize::Target(4, Remainder::Smaller)).unwrap(), vec![4, 4, 3, 3]);
        // Odd pairs: one triple.
        assert_eq!(group_sizes(7, GroupSize::Target(2, Remainder::Larger)).unwrap(), vec![3, 2, 2]);
    }

    #[test]
    fn bounds() {
        assert_eq!(round_bound(&[3; 5]).counting, 7);
        assert_eq!(round_bound(&[4; 8]).counting, 10);
        assert_eq!(round_bound(&[6; 6]).known, 3);
        assert_eq!(round_bound(&[5; 3]).known, 1);
        assert_eq!(round_bound(&[4; 4]).known, 5);
    }
}
