//! The class's anonymous summary of planned hours: median and range per activity. Pure,
//! in tenths of an hour, so the arithmetic is exact.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    pub people: usize,
    /// Tenths of an hour; the mean of the two middle values when the count is even,
    /// rounded down.
    pub median: i32,
    pub min: i32,
    pub max: i32,
}

pub fn summary(values: &[i32]) -> Option<Summary> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2 };
    Some(Summary { people: n, median, min: v[0], max: v[n - 1] })
}

/// "1.5" or "2" from tenths.
pub fn hours(tenths: i32) -> String {
    if tenths % 10 == 0 { (tenths / 10).to_string() } else { format!("{}.{}", tenths / 10, tenths % 10) }
}

/// Parse hours as people type them: "1.5", "1,5" (Norwegian), "2". At most one decimal.
pub fn parse_hours(raw: &str) -> Option<i32> {
    let s = raw.trim().replace(',', ".");
    if s.is_empty() {
        return Some(0);
    }
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if frac.len() > 1 || whole.is_empty() && frac.is_empty() {
        return None;
    }
    let whole: i32 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let frac: i32 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    // Lazily: a huge whole number must be refused, not multiplied first.
    (0..=1000).contains(&whole).then(|| whole * 10 + frac)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn medians_and_ranges() {
        assert_eq!(summary(&[]), None);
        assert_eq!(summary(&[30]), Some(Summary { people: 1, median: 30, min: 30, max: 30 }));
        assert_eq!(summary(&[40, 10, 20, 30]).unwrap().median, 25);
        assert_eq!(summary(&[5, 50, 20]).unwrap(), Summary { people: 3, median: 20, min: 5, max: 50 });
    }

    /// Found by the fuzzer: a whole number that fits an i32 but not ten times over.
    #[test]
    fn huge_hours_are_refused_not_overflowed() {
        assert_eq!(parse_hours("300000000"), None);
        assert_eq!(parse_hours("2147483647.9"), None);
    }

    #[test]
    fn hours_are_read_and_written() {
        assert_eq!(parse_hours("1.5"), Some(15));
        assert_eq!(parse_hours("1,5"), Some(15));
        assert_eq!(parse_hours(" 2 "), Some(20));
        assert_eq!(parse_hours(""), Some(0));
        assert_eq!(parse_hours(".5"), Some(5));
        assert_eq!(parse_hours("1.25"), None);
        assert_eq!(parse_hours("-1"), None);
        assert_eq!(parse_hours("lots"), None);
        assert_eq!(hours(15), "1.5");
        assert_eq!(hours(20), "2");
    }

    proptest! {
        #[test]
        fn the_median_lies_within_the_range(v in proptest::collection::vec(0i32..600, 1..60)) {
            let s = summary(&v).unwrap();
            prop_assert!(s.min <= s.median && s.median <= s.max);
            prop_assert_eq!(s.people, v.len());
            // At least half the values are at or below the median, and at or above it.
            prop_assert!(v.iter().filter(|x| **x <= s.median).count() * 2 >= v.len());
            prop_assert!(v.iter().filter(|x| **x >= s.median).count() * 2 >= v.len() - 1);
        }

        #[test]
        fn hours_round_trip(t in 0i32..10_000) {
            prop_assert_eq!(parse_hours(&hours(t)), Some(t));
        }
    }
}
