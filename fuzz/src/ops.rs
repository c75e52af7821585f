//! [`ops`]: the decoding every target shares.

use core::fmt::Debug;

use arbitrary::{Arbitrary, Unstructured};

/// Decodes `data` into operations, lazily, each with its step number. Stops
/// when the data runs out or no longer decodes. With the environment
/// variable `MEMKIT_FUZZ_TRACE` set, prints each operation to stderr first.
///
/// # Examples
///
/// ```
/// let ops: Vec<(usize, u8)> = memkit_fuzz::ops(&[7, 9]).collect();
/// assert_eq!(ops, [(0, 7), (1, 9)]);
/// ```
pub fn ops<'a, Op: Arbitrary<'a> + Debug>(data: &'a [u8]) -> Ops<'a, Op> {
    Ops {
        input: Unstructured::new(data),
        step: 0,
        trace: std::env::var_os("MEMKIT_FUZZ_TRACE").is_some(),
        op: core::marker::PhantomData,
    }
}

/// The iterator of [`ops`].
#[derive(Debug)]
pub struct Ops<'a, Op> {
    input: Unstructured<'a>,
    step: usize,
    trace: bool,
    op: core::marker::PhantomData<Op>,
}

impl<'a, Op: Arbitrary<'a> + Debug> Iterator for Ops<'a, Op> {
    type Item = (usize, Op);

    fn next(&mut self) -> Option<(usize, Op)> {
        if self.input.is_empty() {
            return None;
        }
        let op = Op::arbitrary(&mut self.input).ok()?;
        let step = self.step;
        self.step += 1;
        if self.trace {
            eprintln!("step {step}: {op:?}");
        }
        Some((step, op))
    }
}
