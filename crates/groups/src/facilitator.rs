//! Picks a facilitator for each group: by birthday, volunteers first, or in rotation so
//! that everyone facilitates once before anyone facilitates twice.

use crate::model::{Class, FacilitatorRule};

/// Day of a 366-day year, so 29 February has its own place.
fn day_of_year((month, day): (u8, u8)) -> i32 {
    const STARTS: [i32; 12] = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];
    let m = (month.clamp(1, 12) - 1) as usize;
    STARTS[m] + day.clamp(1, 31) as i32 - 1
}

/// Days from `today` until the member's next birthday (0 when it is today).
pub fn days_until_birthday(birthday: (u8, u8), today: (u8, u8)) -> i32 {
    (day_of_year(birthday) - day_of_year(today)).rem_euclid(366)
}

/// Facilitator per [round][group], in the order of `groups`.
pub(crate) fn assign(class: &Class, rule: FacilitatorRule, groups: &[Vec<Vec<usize>>]) -> Vec<Vec<Option<usize>>> {
    let mut counts: Vec<u32> = class.members.iter().map(|m| m.facilitated).collect();
    let name = |m: usize| class.members[m].name.as_str();
    groups
        .iter()
        .map(|round| {
            let picks: Vec<Option<usize>> = round
                .iter()
                .map(|grp| match rule {
                    FacilitatorRule::None => None,
                    FacilitatorRule::Birthday { today } => grp.iter().copied().min_by_key(|&m| {
                        let days = class.members[m].birthday.map_or(i32::MAX, |b| days_until_birthday(b, today));
                        (days, name(m), m)
                    }),
                    FacilitatorRule::Volunteers => {
                        grp.iter().copied().min_by_key(|&m| (!class.members[m].volunteer, counts[m], name(m), m))
                    }
                    FacilitatorRule::Rotation => grp.iter().copied().min_by_key(|&m| (counts[m], name(m), m)),
                })
                .collect();
            // Counted after the round so groups of one round do not affect each other.
            for &m in picks.iter().flatten() {
                counts[m] += 1;
            }
            picks
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthday_distance_wraps_around_the_year() {
        assert_eq!(days_until_birthday((3, 10), (3, 10)), 0);
        assert_eq!(days_until_birthday((3, 11), (3, 10)), 1);
        assert_eq!(days_until_birthday((3, 9), (3, 10)), 365);
        assert!(days_until_birthday((1, 1), (12, 31)) < days_until_birthday((12, 30), (12, 31)));
    }
}
