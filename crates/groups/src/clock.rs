//! Time as the engine sees it: something that says how long the search has run. The
//! wall clock is for real use; the step clock makes tests independent of machine speed.

use std::time::{Duration, Instant};

pub trait Clock {
    /// Time since the search started.
    fn elapsed(&mut self) -> Duration;
}

/// Real time, from when it was made.
#[derive(Debug, Clone, Copy)]
pub struct WallClock {
    start: Instant,
}

impl WallClock {
    pub fn start() -> WallClock {
        WallClock { start: Instant::now() }
    }
}

impl Clock for WallClock {
    fn elapsed(&mut self) -> Duration {
        self.start.elapsed()
    }
}

/// Advances by a fixed step each time it is read, so the search does the same work
/// (and returns the same plan) on a fast and a slow machine.
#[derive(Debug, Clone, Copy)]
pub struct StepClock {
    now: Duration,
    step: Duration,
}

impl StepClock {
    pub fn new(step: Duration) -> StepClock {
        StepClock { now: Duration::ZERO, step }
    }
}

impl Clock for StepClock {
    fn elapsed(&mut self) -> Duration {
        self.now += self.step;
        self.now
    }
}
