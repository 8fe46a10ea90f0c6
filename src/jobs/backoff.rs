//! Retry timing, pure: exponential backoff with jitter, so that work failing because a
//! server is down is retried ever less often and replicas do not retry in lockstep.

/// The delay before retry number `attempt` (1 after the first failure): `base` doubled
/// per attempt, capped at `cap`, then a random share of up to a quarter added.
/// `jitter` is a number in `0.0..1.0` (random in production, fixed in tests).
pub fn delay_ms(attempt: i32, base_ms: i64, cap_ms: i64, jitter: f64) -> i64 {
    let exp = attempt.clamp(1, 30) - 1;
    let raw = base_ms.saturating_mul(1i64 << exp.min(20)).min(cap_ms).max(0);
    let jitter = jitter.clamp(0.0, 1.0);
    raw + (raw as f64 * 0.25 * jitter) as i64
}

/// A jitter draw for `delay_ms`.
pub fn random_jitter() -> f64 {
    rand::random::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn doubles_from_the_base_then_stops_at_the_cap() {
        assert_eq!(delay_ms(1, 30_000, 3_600_000, 0.0), 30_000);
        assert_eq!(delay_ms(2, 30_000, 3_600_000, 0.0), 60_000);
        assert_eq!(delay_ms(3, 30_000, 3_600_000, 0.0), 120_000);
        assert_eq!(delay_ms(20, 30_000, 3_600_000, 0.0), 3_600_000);
        assert_eq!(delay_ms(1, 30_000, 3_600_000, 1.0), 37_500);
    }

    proptest! {
        #[test]
        fn never_shrinks_and_stays_within_the_jittered_cap(
            attempt in 1i32..60, base in 1i64..100_000, cap in 1i64..10_000_000, j in 0.0f64..1.0
        ) {
            let d = delay_ms(attempt, base, cap, j);
            let next = delay_ms(attempt + 1, base, cap, 0.0);
            prop_assert!(d >= delay_ms(attempt, base, cap, 0.0));
            prop_assert!(next >= delay_ms(attempt, base, cap, 0.0));
            prop_assert!(d <= cap + cap / 4 + 1);
            prop_assert!(d >= base.min(cap));
        }
    }
}
