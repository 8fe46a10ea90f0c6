//! The rules of a live session's event stream, apart from the sockets that carry it.
//!
//! Every event a session emits gets the next sequence number; the database is the source
//! of truth and the server keeps only a short tail of recent events in memory. A client
//! that (re)connects says the last number it saw, and gets either the events it missed,
//! when they are all still in the tail, or a snapshot of the current state followed by
//! everything newer. Each client has a bounded queue: a client too slow to keep up is
//! not waited for; its queue is dropped and it is sent a snapshot when it catches up.

use std::collections::VecDeque;

/// What a (re)connecting client needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatchUp {
    /// It is up to date.
    Nothing,
    /// The events after its number, from the tail, in order.
    Events(Vec<u64>),
    /// Too far behind, or new: the current state, then live events.
    Snapshot,
}

/// The recent events in memory: sequence numbers from `first` to `first + len - 1`.
#[derive(Clone, Debug)]
pub struct Tail<T> {
    items: VecDeque<(u64, T)>,
    cap: usize,
}

impl<T: Clone> Tail<T> {
    pub fn new(cap: usize) -> Tail<T> {
        Tail { items: VecDeque::with_capacity(cap.min(1024)), cap: cap.max(1) }
    }

    /// Add the event with the next sequence number. Events must arrive in order; a
    /// repeat of a number already held is ignored (two replicas relaying the same event).
    pub fn push(&mut self, seq: u64, event: T) -> bool {
        if self.items.back().is_some_and(|(last, _)| seq <= *last) {
            return false;
        }
        if self.items.len() == self.cap {
            self.items.pop_front();
        }
        self.items.push_back((seq, event));
        true
    }

    pub fn head(&self) -> Option<u64> {
        self.items.back().map(|(s, _)| *s)
    }

    /// What a client that last saw `seen` (None: nothing) needs.
    pub fn catch_up(&self, seen: Option<u64>) -> CatchUp {
        let Some(seen) = seen else { return CatchUp::Snapshot };
        let Some(head) = self.head() else { return CatchUp::Snapshot };
        if seen >= head {
            return if seen == head { CatchUp::Nothing } else { CatchUp::Snapshot };
        }
        let first = self.items.front().map(|(s, _)| *s).unwrap_or(head);
        // Every event after `seen` must still be here, with no gap.
        if seen + 1 < first {
            return CatchUp::Snapshot;
        }
        let missed: Vec<u64> = self.items.iter().map(|(s, _)| *s).filter(|s| *s > seen).collect();
        let contiguous = missed.windows(2).all(|w| w[1] == w[0] + 1) && missed.first() == Some(&(seen + 1));
        if contiguous { CatchUp::Events(missed) } else { CatchUp::Snapshot }
    }

    pub fn get(&self, seq: u64) -> Option<&T> {
        self.items.iter().find(|(s, _)| *s == seq).map(|(_, e)| e)
    }
}

/// What a client's queue says to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Send<T> {
    Event(T),
    /// The client fell behind: send the current state (and the queue starts again).
    Snapshot,
}

/// One client's outgoing queue.
#[derive(Clone, Debug)]
pub struct Outbox<T> {
    queue: VecDeque<T>,
    cap: usize,
    needs_snapshot: bool,
}

impl<T> Outbox<T> {
    pub fn new(cap: usize) -> Outbox<T> {
        Outbox { queue: VecDeque::new(), cap: cap.max(1), needs_snapshot: false }
    }

    /// Queue an event; a full queue is dropped and the client marked for a snapshot, so
    /// the sender never waits for a slow reader.
    pub fn offer(&mut self, event: T) {
        if self.needs_snapshot {
            return;
        }
        if self.queue.len() == self.cap {
            self.queue.clear();
            self.needs_snapshot = true;
            return;
        }
        self.queue.push_back(event);
    }

    /// What to send next.
    pub fn take(&mut self) -> Option<Send<T>> {
        if self.needs_snapshot {
            self.needs_snapshot = false;
            return Some(Send::Snapshot);
        }
        self.queue.pop_front().map(Send::Event)
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty() && !self.needs_snapshot
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reconnecting_clients_get_what_they_missed_or_a_snapshot() {
        let mut t = Tail::new(3);
        for s in 1..=5 {
            assert!(t.push(s, s * 10));
        }
        assert!(!t.push(5, 0), "a relayed repeat is ignored");
        assert_eq!(t.catch_up(Some(5)), CatchUp::Nothing);
        assert_eq!(t.catch_up(Some(3)), CatchUp::Events(vec![4, 5]));
        assert_eq!(t.catch_up(Some(2)), CatchUp::Events(vec![3, 4, 5]));
        assert_eq!(t.catch_up(Some(1)), CatchUp::Snapshot, "2 has left the tail");
        assert_eq!(t.catch_up(None), CatchUp::Snapshot);
        assert_eq!(t.catch_up(Some(9)), CatchUp::Snapshot, "a client ahead of us was talking to another era");
        assert_eq!(t.get(4), Some(&40));
    }

    #[test]
    fn a_slow_client_is_not_waited_for() {
        let mut o = Outbox::new(2);
        o.offer(1);
        o.offer(2);
        o.offer(3);
        o.offer(4);
        assert_eq!(o.take(), Some(Send::Snapshot));
        assert_eq!(o.take(), None);
        o.offer(5);
        assert_eq!(o.take(), Some(Send::Event(5)));
    }

    proptest! {
        /// Whatever a client saw, following the catch-up rule leaves it with every event
        /// up to the head exactly once, or with a snapshot.
        #[test]
        fn catching_up_never_skips_or_repeats(cap in 1usize..20, n in 0u64..60, seen in proptest::option::of(0u64..70)) {
            let mut t = Tail::new(cap);
            for s in 1..=n { t.push(s, ()); }
            match t.catch_up(seen) {
                CatchUp::Nothing => prop_assert_eq!(seen, t.head()),
                CatchUp::Events(evs) => {
                    let seen = seen.unwrap();
                    let expected: Vec<u64> = (seen + 1..=n).collect();
                    prop_assert_eq!(evs, expected);
                }
                CatchUp::Snapshot => {}
            }
        }
    }
}
