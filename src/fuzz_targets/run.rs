//! The stable-Rust fuzz runner and the regression replay. `scripts/test` runs
//! `cargo test --lib fuzz_targets -- --ignored` with `HOMEROOM_FUZZ_SECONDS` (default 20)
//! per target; a failing input is saved under `fuzz/regressions/<target>/`, where the
//! ordinary test `regressions_replay` runs it from then on.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::mutate::{dictionary, mutate};
use super::{TARGETS, multipart};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// Every file in `fuzz/<kind>/<target>/`.
fn files(kind: &str, target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else { return vec![] };
    let mut out: Vec<_> =
        entries.flatten().filter_map(|e| std::fs::read(e.path()).ok().map(|bytes| (e.path(), bytes))).collect();
    out.sort();
    out
}

fn target(name: &str) -> super::Target {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f).expect("a target of that name")
}

/// Inputs that once broke a target, run on every `cargo test`.
#[test]
fn regressions_replay() {
    let mut failures = vec![];
    for (name, f) in TARGETS {
        for (path, bytes) in files("regressions", name).into_iter().chain(files("corpus", name)) {
            if catch_unwind(AssertUnwindSafe(|| f(&bytes))).is_err() {
                failures.push(path.display().to_string());
            }
        }
    }
    assert!(failures.is_empty(), "fuzz regressions fail again: {failures:?}");
}

fn seeds(name: &str) -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = vec![vec![], b"a".to_vec()];
    seeds.extend(files("corpus", name).into_iter().map(|(_, b)| b));
    seeds.extend(files("regressions", name).into_iter().map(|(_, b)| b));
    seeds
}

/// Mutate the seeds for `HOMEROOM_FUZZ_SECONDS`; save and report the first failing input.
fn fuzz(name: &str) {
    let f = target(name);
    let secs: u64 = std::env::var("HOMEROOM_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed: u64 = std::env::var("HOMEROOM_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(rand::random);
    let mut rng = StdRng::seed_from_u64(seed);
    let dict = dictionary(name);
    let mut pool = seeds(name);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut runs: u64 = 0;
    // Quiet: a panic is reported once, with the saved input, not per attempt.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = None;
    while Instant::now() < deadline {
        let base = pool[rng.random_range(0..pool.len())].clone();
        let input = mutate(&mut rng, &base, &pool, dict, 4096);
        runs += 1;
        if catch_unwind(AssertUnwindSafe(|| f(&input))).is_err() {
            failed = Some(input);
            break;
        }
        // Keep some mutants as bases, so changes can build on each other.
        if rng.random_range(0..16) == 0 {
            if pool.len() >= 512 {
                let i = rng.random_range(2..pool.len());
                pool[i] = input;
            } else {
                pool.push(input);
            }
        }
    }
    std::panic::set_hook(hook);
    if let Some(input) = failed {
        let dir = fuzz_dir().join("regressions").join(name);
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("crash-{seed}-{runs}"));
        let _ = std::fs::write(&file, &input);
        // Run it once more with the normal hook, so the panic message is shown.
        let again = catch_unwind(AssertUnwindSafe(|| f(&input)));
        panic!("{name}: input saved to {} (seed {seed}, run {runs}) fails: {again:?}", file.display());
    }
    eprintln!("fuzz {name}: {runs} inputs in {secs} s (seed {seed}), no failure");
}

#[test]
#[ignore = "bounded fuzzing; scripts/test runs it with --ignored"]
fn fuzz_markdown() {
    fuzz("markdown");
}

#[test]
#[ignore = "bounded fuzzing; scripts/test runs it with --ignored"]
fn fuzz_roster() {
    fuzz("roster");
}

#[test]
#[ignore = "bounded fuzzing; scripts/test runs it with --ignored"]
fn fuzz_survey_answer() {
    fuzz("survey_answer");
}

#[test]
#[ignore = "bounded fuzzing; scripts/test runs it with --ignored"]
fn fuzz_media_sniff() {
    fuzz("media_sniff");
}

#[test]
#[ignore = "bounded fuzzing; scripts/test runs it with --ignored"]
fn fuzz_multipart() {
    fuzz("multipart");
}

#[test]
#[ignore = "bounded fuzzing; scripts/test runs it with --ignored"]
fn fuzz_webm() {
    fuzz("webm");
}

#[test]
fn the_checker_finds_script() {
    use super::script_in;
    assert!(script_in("<p>hello <a href=\"https://x\">x</a></p>").is_none());
    assert!(script_in("<SCRIPT>x</SCRIPT>").is_some());
    assert!(script_in("<img src=x onerror=alert(1)>").is_some());
    assert!(script_in("<a href=\"&#106;avascript:x\">").is_some());
    assert!(script_in("<p>javascript: is a word, onload= too</p>").is_none());
    assert!(script_in("<img src=\"y\" alt=\"javascript:x\">").is_none());
    assert!(script_in("<a href='JavaScript:x'>").is_some());
    assert!(script_in("<a href=\"java&Tab;script&colon;x\">").is_some());
    assert!(script_in("<a title=\"x\"onmouseover=y>").is_some());
    // And what the renderer makes of such text is safe.
    super::markdown(b"![javascript:alert(1)](y) [x](javascript:alert(1)) <a href=\"&#106;avascript:x\">a</a>");
}

#[test]
fn the_multipart_target_reads_a_form() {
    multipart(b"\x04--XyZzY\r\nContent-Disposition: form-data; name=\"bio\"\r\n\r\nhello\r\n--XyZzY--\r\n");
}
