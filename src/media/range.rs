//! HTTP Range requests (RFC 9110 §14), so that a video can seek. Only one range is
//! served; a multi-range request gets the first, which every browser accepts.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ranged {
    /// No Range header (or one we ignore, such as another unit): send everything.
    Full,
    /// Send bytes `start..=end`.
    Part { start: u64, end: u64 },
    /// 416: the range lies outside the file.
    Unsatisfiable,
}

pub fn parse(header: Option<&str>, len: u64) -> Ranged {
    let Some(h) = header else { return Ranged::Full };
    let Some(spec) = h.trim().strip_prefix("bytes=") else { return Ranged::Full };
    let first = spec.split(',').next().unwrap_or("").trim();
    let Some((a, b)) = first.split_once('-') else { return Ranged::Unsatisfiable };
    let (a, b) = (a.trim(), b.trim());
    if len == 0 {
        return Ranged::Unsatisfiable;
    }
    if a.is_empty() {
        // The last `b` bytes.
        let Ok(n) = b.parse::<u64>() else { return Ranged::Unsatisfiable };
        if n == 0 {
            return Ranged::Unsatisfiable;
        }
        return Ranged::Part { start: len.saturating_sub(n), end: len - 1 };
    }
    let Ok(start) = a.parse::<u64>() else { return Ranged::Unsatisfiable };
    if start >= len {
        return Ranged::Unsatisfiable;
    }
    let end = if b.is_empty() {
        len - 1
    } else {
        match b.parse::<u64>() {
            Ok(e) if e >= start => e.min(len - 1),
            _ => return Ranged::Unsatisfiable,
        }
    };
    Ranged::Part { start, end }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn forms_of_range() {
        assert_eq!(parse(None, 100), Ranged::Full);
        assert_eq!(parse(Some("items=0-1"), 100), Ranged::Full);
        assert_eq!(parse(Some("bytes=0-9"), 100), Ranged::Part { start: 0, end: 9 });
        assert_eq!(parse(Some("bytes=90-"), 100), Ranged::Part { start: 90, end: 99 });
        assert_eq!(parse(Some("bytes=-10"), 100), Ranged::Part { start: 90, end: 99 });
        assert_eq!(parse(Some("bytes=-500"), 100), Ranged::Part { start: 0, end: 99 });
        assert_eq!(parse(Some("bytes=50-500"), 100), Ranged::Part { start: 50, end: 99 });
        assert_eq!(parse(Some("bytes=0-1, 5-6"), 100), Ranged::Part { start: 0, end: 1 });
        assert_eq!(parse(Some("bytes=100-"), 100), Ranged::Unsatisfiable);
        assert_eq!(parse(Some("bytes=9-3"), 100), Ranged::Unsatisfiable);
        assert_eq!(parse(Some("bytes=x-3"), 100), Ranged::Unsatisfiable);
        assert_eq!(parse(Some("bytes=-0"), 100), Ranged::Unsatisfiable);
    }

    proptest! {
        #[test]
        fn parts_lie_inside_the_file(h in "bytes=[0-9]{0,4}-[0-9]{0,4}", len in 1u64..5000) {
            if let Ranged::Part { start, end } = parse(Some(&h), len) {
                prop_assert!(start <= end && end < len);
            }
        }
    }
}
