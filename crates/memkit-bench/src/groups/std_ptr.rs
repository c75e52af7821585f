//! Group `std`: standard-library pointer costs, to check the guide's claim
//! that an `Rc` clone costs about 1 ns and an `Arc` clone 2–3 ns.
//!
//! Not a memkit comparison: side A is labelled `Arc`, the peer `Rc`, and the
//! ratio is Arc / Rc.

use std::hint::black_box;
use std::rc::Rc;
use std::sync::Arc;

use crate::harness::{Case, Runner, runner};

const GROUP: &str = "std";

fn arc_clone() -> Runner {
    let p = Arc::new(0u64);
    runner(move |n| {
        for _ in 0..n {
            black_box(Arc::clone(&p));
        }
    })
}

fn rc_clone() -> Runner {
    let p = Rc::new(0u64);
    runner(move |n| {
        for _ in 0..n {
            black_box(Rc::clone(&p));
        }
    })
}

/// The `std` group's cases.
pub(crate) fn cases() -> Vec<Case> {
    vec![Case::new(GROUP, "arc_clone_vs_rc_clone", "Rc", arc_clone, rc_clone).subject_label("Arc")]
}
