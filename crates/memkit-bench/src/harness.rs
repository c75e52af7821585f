//! The case registry types and the paired, interleaved measurement.
//!
//! A [`Case`] has two [`Side`]s: the implementation under test (usually
//! memkit) and the peer it is compared with. Each side is a factory that
//! builds a [`Runner`]: a closure that performs `iters` operations. Setup
//! done by the factory (a pool, a source buffer) is outside the timing.
//!
//! Measurement of one case:
//! 1. build both runners, warm each up by running it for about one
//!    [`Config::sample_target`] (so that caches, the allocator's free lists
//!    and the CPU frequency are in their steady state before any count is
//!    picked), then calibrate `iters` so that one sample of the slower side
//!    lasts about [`Config::sample_target`]; both sides then run that many
//!    operations per sample;
//! 2. time [`Config::pairs`] sample pairs interleaved (A B, B A, A B, …),
//!    as ns/op;
//! 3. run each side once more, untimed, with allocation counting on.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::alloc_counter::{self, Counts};
use crate::stats;

/// Performs `iters` operations of one side of a case.
pub(crate) type Runner = Box<dyn FnMut(u64)>;

/// Wraps a closure that runs `iters` operations and returns any value; the
/// value goes through [`black_box`] so the work cannot be optimised away.
pub(crate) fn runner<R>(mut body: impl FnMut(u64) -> R + 'static) -> Runner {
    Box::new(move |iters| {
        black_box(body(iters));
    })
}

/// One side of a case: a label and a factory for its runner.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Side {
    /// Shown in tables and written as `impl` in the JSON.
    pub(crate) label: &'static str,
    /// Builds the runner; its setup is not timed.
    pub(crate) make: fn() -> Runner,
}

/// A benchmark case: the same operations, done by two implementations.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Case {
    /// Group, e.g. `bytes`.
    pub(crate) group: &'static str,
    /// Case name, unique within its group.
    pub(crate) name: &'static str,
    /// Side A: memkit, or another subject (e.g. `Arc` in the `std` group).
    pub(crate) subject: Side,
    /// Side B: the peer compared against.
    pub(crate) peer: Side,
    /// A memory case: its figure is bytes/op, and its time is not compared
    /// (see [`Case::memory`]).
    pub(crate) memory: bool,
}

impl Case {
    /// A memkit-versus-peer case.
    pub(crate) const fn new(
        group: &'static str,
        name: &'static str,
        peer_label: &'static str,
        memkit: fn() -> Runner,
        peer: fn() -> Runner,
    ) -> Self {
        Case {
            group,
            name,
            subject: Side {
                label: "memkit",
                make: memkit,
            },
            peer: Side {
                label: peer_label,
                make: peer,
            },
            memory: false,
        }
    }

    /// Marks a memory case, one whose figure is the bytes/op column (e.g.
    /// the bytes one slab slot takes). Its time is still measured and shown,
    /// in parentheses, but left out of the geometric means: filling fresh
    /// memory is mostly first-touch page faults, whose cost depends on
    /// where the kernel places the mapping, not on the code under test.
    pub(crate) const fn memory(mut self) -> Self {
        self.memory = true;
        self
    }

    /// Relabels side A, for comparisons that do not involve memkit.
    pub(crate) const fn subject_label(mut self, label: &'static str) -> Self {
        self.subject.label = label;
        self
    }

    /// `group/name`, what `--filter` and `--only` match against.
    pub(crate) fn id(&self) -> String {
        format!("{}/{}", self.group, self.name)
    }
}

/// How long and how often to sample.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Config {
    /// Target duration of one sample.
    pub(crate) sample_target: Duration,
    /// Number of A/B sample pairs.
    pub(crate) pairs: usize,
}

impl Config {
    /// For CI: the whole run stays far below a minute.
    pub(crate) const QUICK: Config = Config {
        sample_target: Duration::from_millis(2),
        pairs: 11,
    };
    /// The default run.
    pub(crate) const FULL: Config = Config {
        sample_target: Duration::from_millis(5),
        pairs: 31,
    };
}

/// What was measured for one side of a case.
#[derive(Debug, Clone)]
pub(crate) struct SideResult {
    /// The side's label (`memkit`, a peer crate name, `Arc`, …).
    pub(crate) label: &'static str,
    /// Iterations per timed sample, after calibration.
    pub(crate) iters: u64,
    /// ns/op of each sample, in the order taken.
    pub(crate) samples: Vec<f64>,
    /// Median of `samples`.
    pub(crate) ns_per_op: f64,
    /// Allocator calls (`alloc` + `realloc`) per operation.
    pub(crate) allocs_per_op: f64,
    /// `realloc` calls per operation (included in `allocs_per_op`).
    pub(crate) reallocs_per_op: f64,
    /// Bytes requested from the allocator per operation.
    pub(crate) bytes_per_op: f64,
}

/// What was measured for a case.
#[derive(Debug, Clone)]
pub(crate) struct CaseResult {
    /// Group of the case.
    pub(crate) group: &'static str,
    /// Name of the case.
    pub(crate) name: &'static str,
    /// Side A (memkit or other subject).
    pub(crate) subject: SideResult,
    /// Side B (the peer).
    pub(crate) peer: SideResult,
    /// Whether this is a memory case (see [`Case::memory`]).
    pub(crate) memory: bool,
}

impl CaseResult {
    /// subject / peer ns/op of each A/B pair, in the order taken.
    fn pair_ratios(&self) -> Vec<f64> {
        self.subject
            .samples
            .iter()
            .zip(&self.peer.samples)
            .map(|(a, b)| a / b)
            .collect()
    }

    /// The ratio subject / peer: below 1 means the subject is faster.
    ///
    /// It is the median of the per-pair ratios, not the ratio of the two
    /// medians: the two samples of a pair ran back to back under the same
    /// machine conditions, so a frequency shift or a noisy neighbour halfway
    /// through the run cancels out instead of skewing one side's median.
    pub(crate) fn ratio(&self) -> f64 {
        let ratios = self.pair_ratios();
        if ratios.is_empty() {
            self.subject.ns_per_op / self.peer.ns_per_op
        } else {
            stats::median(&ratios)
        }
    }

    /// 25th and 75th percentile of the per-pair ratios: a noise indicator.
    pub(crate) fn pair_ratio_iqr(&self) -> (f64, f64) {
        let ratios = self.pair_ratios();
        (
            stats::quantile(&ratios, 0.25),
            stats::quantile(&ratios, 0.75),
        )
    }
}

/// Runs `iters` operations and returns the elapsed time.
fn time(run: &mut Runner, iters: u64) -> Duration {
    let start = Instant::now();
    run(iters);
    start.elapsed()
}

/// The most operations one call of a runner is asked to do.
const MAX_ITERS: u64 = 1 << 40;

/// Calls a runner at least this often while warming it up, even when its
/// first (cold) call alone already lasts the whole warm-up duration.
const WARM_UP_MIN_CALLS: u32 = 3;

/// Runs `run` with doubling counts until it has been called at least
/// [`WARM_UP_MIN_CALLS`] times and has run for at least `duration` in total,
/// so that calibration measures the steady state rather than cold caches
/// and a fresh heap.
fn warm_up(run: &mut Runner, duration: Duration) {
    let mut spent = Duration::ZERO;
    let mut calls = 0u32;
    let mut iters = 1u64;
    while calls < WARM_UP_MIN_CALLS || spent < duration {
        spent += time(run, iters);
        calls += 1;
        if iters >= MAX_ITERS {
            break;
        }
        iters *= 2;
    }
}

/// Picks `iters` so that one sample lasts about `target`.
fn calibrate(run: &mut Runner, target: Duration) -> u64 {
    let target_ns = target.as_nanos().max(1);
    let mut iters = 1u64;
    loop {
        let ns = time(run, iters).as_nanos().max(1);
        if ns >= target_ns || iters >= MAX_ITERS {
            return iters;
        }
        if ns * 10 < target_ns {
            // Too short to extrapolate from reliably: grow tenfold.
            iters = (iters * 10).min(MAX_ITERS);
            continue;
        }
        let scaled = u128::from(iters) * target_ns / ns + 1;
        return u64::try_from(scaled)
            .unwrap_or(MAX_ITERS)
            .clamp(iters, MAX_ITERS);
    }
}

fn ns_per_op(d: Duration, iters: u64) -> f64 {
    d.as_nanos() as f64 / iters as f64
}

fn side_result(label: &'static str, iters: u64, samples: Vec<f64>, counts: Counts) -> SideResult {
    let n = iters as f64;
    SideResult {
        label,
        iters,
        ns_per_op: stats::median(&samples),
        samples,
        allocs_per_op: (counts.allocs + counts.reallocs) as f64 / n,
        reallocs_per_op: counts.reallocs as f64 / n,
        bytes_per_op: counts.bytes as f64 / n,
    }
}

/// Measures one case: calibration, interleaved samples, allocation counts.
pub(crate) fn run_case(case: &Case, config: Config) -> CaseResult {
    let mut a = (case.subject.make)();
    let mut b = (case.peer.make)();
    warm_up(&mut a, config.sample_target);
    warm_up(&mut b, config.sample_target);
    // Both sides run the same number of operations per sample, the larger
    // of the two calibrations, so that neither sample is shorter than the
    // target and cases whose state grows with the op count (`slab/slot_*`
    // fills one slab of `iters` slots) allocate the same sizes on both sides.
    let iters =
        calibrate(&mut a, config.sample_target).max(calibrate(&mut b, config.sample_target));

    let mut samples_a = Vec::with_capacity(config.pairs);
    let mut samples_b = Vec::with_capacity(config.pairs);
    for pair in 0..config.pairs {
        // Alternate which side goes first (A B, B A, A B, …) so that neither
        // side always runs right after the other's cache and heap activity.
        if pair % 2 == 0 {
            samples_a.push(ns_per_op(time(&mut a, iters), iters));
            samples_b.push(ns_per_op(time(&mut b, iters), iters));
        } else {
            samples_b.push(ns_per_op(time(&mut b, iters), iters));
            samples_a.push(ns_per_op(time(&mut a, iters), iters));
        }
    }

    let counts_a = alloc_counter::count(|| a(iters));
    let counts_b = alloc_counter::count(|| b(iters));
    CaseResult {
        group: case.group,
        name: case.name,
        subject: side_result(case.subject.label, iters, samples_a, counts_a),
        peer: side_result(case.peer.label, iters, samples_b, counts_b),
        memory: case.memory,
    }
}

/// Runs one side of a case once, for `valgrind --tool=callgrind`; returns
/// the elapsed wall time.
pub(crate) fn run_one(side: &Side, iters: u64) -> Duration {
    let mut run = (side.make)();
    time(&mut run, iters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibrate_reaches_target_for_cheap_ops() {
        let mut r = runner(|n| (0..n).fold(0u64, |a, i| a ^ black_box(i)));
        let iters = calibrate(&mut r, Duration::from_micros(200));
        assert!(iters > 1);
    }

    #[test]
    fn warm_up_runs_until_duration_spent() {
        let mut r = runner(|n| (0..n).fold(0u64, |a, i| a ^ black_box(i)));
        let duration = Duration::from_millis(1);
        let start = Instant::now();
        warm_up(&mut r, duration);
        assert!(start.elapsed() >= duration);
    }

    #[test]
    fn warm_up_calls_a_slow_runner_more_than_once() {
        use std::cell::Cell;
        use std::rc::Rc;
        let calls = Rc::new(Cell::new(0u32));
        let seen = Rc::clone(&calls);
        let mut r = runner(move |_| {
            seen.set(seen.get() + 1);
            std::thread::sleep(Duration::from_millis(2));
        });
        warm_up(&mut r, Duration::from_millis(1));
        assert_eq!(calls.get(), WARM_UP_MIN_CALLS);
    }

    #[test]
    fn ratio_is_median_of_pairs() {
        let side = |label, samples: Vec<f64>| SideResult {
            label,
            iters: 1,
            ns_per_op: stats::median(&samples),
            samples,
            allocs_per_op: 0.0,
            reallocs_per_op: 0.0,
            bytes_per_op: 0.0,
        };
        // The machine slows down in the middle of the third pair. In every
        // other pair A equals B, yet the two medians straddle the shift.
        let r = CaseResult {
            group: "t",
            name: "drift",
            subject: side("a", vec![1.0, 1.0, 2.0, 2.0, 2.0]),
            peer: side("b", vec![1.0, 1.0, 1.0, 2.0, 2.0]),
            memory: false,
        };
        assert_eq!(r.subject.ns_per_op / r.peer.ns_per_op, 2.0);
        assert_eq!(r.ratio(), 1.0);
        assert_eq!(r.pair_ratio_iqr(), (1.0, 1.0));
    }

    #[test]
    fn run_case_counts_allocations() {
        let case = Case::new(
            "t",
            "boxes",
            "none",
            || {
                runner(|n| {
                    for i in 0..n {
                        black_box(Box::new(i));
                    }
                })
            },
            || runner(|n| (0..n).sum::<u64>()),
        );
        let res = run_case(
            &case,
            Config {
                sample_target: Duration::from_micros(100),
                pairs: 3,
            },
        );
        assert_eq!(res.subject.allocs_per_op, 1.0);
        assert_eq!(res.subject.bytes_per_op, 8.0);
        assert_eq!(res.peer.allocs_per_op, 0.0);
        assert_eq!(res.subject.samples.len(), 3);
        assert_eq!(res.name, "boxes");
    }
}
