//! Who hears about what, pure: grouping keys, and the audience of a reply or a new
//! thread given the choices people made (follow or mute a thread or a space).
//!
//! The rules, in the order they apply:
//! - Nobody hears about their own doing.
//! - A choice about a thread beats a choice about its space (the more particular wins):
//!   following a thread in a muted space still brings its replies.
//! - A mute silences replies, new threads and announcements; a mention by name still
//!   comes through, as someone addressed the person directly.
//! - One event is one notification per person: someone who is both replied to and
//!   mentioned hears about the reply only.

use super::Kind;

/// Whether events of this kind collapse into one waiting notification per thing.
pub fn groups(kind: Kind) -> bool {
    matches!(kind, Kind::Reply | Kind::Mention | Kind::Message | Kind::Welcome)
}

/// The key under which repeated events collapse: the kind and the thing the link points
/// at (the link without its `?post=…#post-…` position: a thread, a conversation, the
/// introductions page). `None` for kinds that never group.
pub fn group_key(kind: Kind, link: &str) -> Option<String> {
    if !groups(kind) {
        return None;
    }
    let thing = link.split(['#', '?']).next().unwrap_or(link);
    Some(format!("{}:{thing}", kind.as_str()))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Thread,
    Space,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Thread => "thread",
            Target::Space => "space",
        }
    }

    pub fn parse(s: &str) -> Option<Target> {
        [Target::Thread, Target::Space].into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Follow,
    Mute,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Follow => "follow",
            Mode::Mute => "mute",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        [Mode::Follow, Mode::Mute].into_iter().find(|m| m.as_str() == s)
    }
}

/// One person's choice about the thread or the space an event happens in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub user_id: i64,
    pub target: Target,
    pub mode: Mode,
}

/// What a person chose for this thread, falling back to its space.
pub fn effective(choices: &[Choice], user_id: i64) -> Option<Mode> {
    let of = |t: Target| choices.iter().find(|c| c.user_id == user_id && c.target == t).map(|c| c.mode);
    of(Target::Thread).or_else(|| of(Target::Space))
}

/// Who gets a Reply notification for a reply by `author`: the people the reply concerns
/// (`direct`: the thread's author, the author of the post replied to) and everyone
/// following the thread or its space, less those who muted it, in that order, once each.
pub fn reply_audience(author: i64, direct: &[i64], choices: &[Choice]) -> Vec<i64> {
    let followers = choices.iter().filter(|c| c.mode == Mode::Follow).map(|c| c.user_id);
    let mut out: Vec<i64> = vec![];
    for uid in direct.iter().copied().chain(followers) {
        if uid != author && !out.contains(&uid) && effective(choices, uid) != Some(Mode::Mute) {
            out.push(uid);
        }
    }
    out
}

/// Who of `everyone` hears about a new thread by `author` (an announcement goes to every
/// member; other threads to the space's followers): all but the author and those who
/// muted the space.
pub fn thread_audience(author: i64, everyone: &[i64], choices: &[Choice]) -> Vec<i64> {
    let mut out: Vec<i64> = vec![];
    for &uid in everyone {
        if uid != author && !out.contains(&uid) && effective(choices, uid) != Some(Mode::Mute) {
            out.push(uid);
        }
    }
    out
}

/// The followers of a space among the choices (for a new thread, which has no choices).
pub fn space_followers(choices: &[Choice]) -> Vec<i64> {
    choices.iter().filter(|c| c.target == Target::Space && c.mode == Mode::Follow).map(|c| c.user_id).collect()
}

/// Who of the `mentioned` gets a Mention notification: not the author, and not anyone
/// already told about the same post another way (the one-notification rule).
pub fn mention_audience(author: i64, mentioned: &[i64], told: &[i64]) -> Vec<i64> {
    let mut out: Vec<i64> = vec![];
    for &uid in mentioned {
        if uid != author && !told.contains(&uid) && !out.contains(&uid) {
            out.push(uid);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(user_id: i64, target: Target, mode: Mode) -> Choice {
        Choice { user_id, target, mode }
    }

    #[test]
    fn keys_name_the_thing_not_the_post() {
        assert_eq!(
            group_key(Kind::Reply, "/courses/3/threads/9#post-12").as_deref(),
            Some("reply:/courses/3/threads/9")
        );
        assert_eq!(
            group_key(Kind::Reply, "/courses/3/threads/9?post=13#post-13"),
            group_key(Kind::Reply, "/courses/3/threads/9")
        );
        assert_ne!(group_key(Kind::Reply, "/courses/3/threads/9"), group_key(Kind::Mention, "/courses/3/threads/9"));
        assert_ne!(group_key(Kind::Reply, "/courses/3/threads/9"), group_key(Kind::Reply, "/courses/3/threads/10"));
        assert_eq!(group_key(Kind::Feedback, "/x"), None);
        assert_eq!(group_key(Kind::Groups, "/x"), None);
    }

    #[test]
    fn the_thread_choice_beats_the_space_choice() {
        let choices =
            [c(1, Target::Space, Mode::Mute), c(1, Target::Thread, Mode::Follow), c(2, Target::Space, Mode::Mute)];
        assert_eq!(effective(&choices, 1), Some(Mode::Follow));
        assert_eq!(effective(&choices, 2), Some(Mode::Mute));
        assert_eq!(effective(&choices, 3), None);
        // Replying to 2 (who muted the space) tells nobody but the follower 1.
        assert_eq!(reply_audience(9, &[2], &choices), vec![1]);
    }

    #[test]
    fn followers_hear_about_replies_in_threads_they_never_posted_in() {
        let choices = [c(5, Target::Thread, Mode::Follow), c(6, Target::Space, Mode::Follow)];
        assert_eq!(reply_audience(9, &[1, 1], &choices), vec![1, 5, 6]);
        // The follower who writes the reply is not told about it.
        assert_eq!(reply_audience(5, &[1], &choices), vec![1, 6]);
    }

    #[test]
    fn a_reply_that_mentions_you_is_one_notification() {
        let told = reply_audience(9, &[1], &[]);
        assert_eq!(mention_audience(9, &[1, 2, 9, 2], &told), vec![2]);
    }

    #[test]
    fn mentions_come_through_a_mute() {
        let choices = [c(1, Target::Thread, Mode::Mute)];
        let told = reply_audience(9, &[1], &choices);
        assert!(told.is_empty());
        assert_eq!(mention_audience(9, &[1], &told), vec![1]);
    }

    #[test]
    fn new_threads_skip_the_author_and_those_who_muted_the_space() {
        let choices = [c(2, Target::Space, Mode::Mute), c(3, Target::Space, Mode::Follow)];
        assert_eq!(thread_audience(1, &[1, 2, 3, 4], &choices), vec![3, 4]);
        assert_eq!(space_followers(&choices), vec![3]);
    }

    fn arb_choice() -> impl Strategy<Value = Choice> {
        (
            0i64..8,
            prop_oneof![Just(Target::Thread), Just(Target::Space)],
            prop_oneof![Just(Mode::Follow), Just(Mode::Mute)],
        )
            .prop_map(|(user_id, target, mode)| Choice { user_id, target, mode })
    }

    proptest! {
        #[test]
        fn everyone_is_told_at_most_once_and_never_against_their_choice(
            author in 0i64..8,
            direct in proptest::collection::vec(0i64..8, 0..4),
            mentioned in proptest::collection::vec(0i64..8, 0..4),
            raw in proptest::collection::vec(arb_choice(), 0..10),
        ) {
            // The database keeps one choice per person and target.
            let mut choices: Vec<Choice> = vec![];
            for ch in raw {
                if !choices.iter().any(|o| o.user_id == ch.user_id && o.target == ch.target) {
                    choices.push(ch);
                }
            }
            let replied = reply_audience(author, &direct, &choices);
            let mentions = mention_audience(author, &mentioned, &replied);
            let mut all = replied.clone();
            all.extend(&mentions);
            let mut dedup = all.clone();
            dedup.sort();
            dedup.dedup();
            prop_assert_eq!(dedup.len(), all.len(), "someone told twice");
            prop_assert!(!all.contains(&author));
            for uid in &replied {
                prop_assert_ne!(effective(&choices, *uid), Some(Mode::Mute));
                prop_assert!(direct.contains(uid) || effective(&choices, *uid) == Some(Mode::Follow));
            }
            // Everyone concerned who did not mute, and every follower, is told.
            for uid in direct.iter().chain(choices.iter().filter(|c| c.mode == Mode::Follow).map(|c| &c.user_id)) {
                if *uid != author && effective(&choices, *uid) != Some(Mode::Mute) {
                    prop_assert!(replied.contains(uid));
                }
            }
            // Every mentioned person (not the author) hears one way or the other.
            for uid in &mentioned {
                if *uid != author {
                    prop_assert!(all.contains(uid));
                }
            }
        }
    }
}
