//! The case registry: one module per group.
//!
//! To add a group: write `groups/<name>.rs` with a `pub(crate) fn cases() ->
//! Vec<Case>` built with `cases!` (below), declare it here and append its cases in
//! [`all`].

use crate::harness::Case;

/// Registers a group's cases in report order, one line each:
///
/// ```text
/// cases![GROUP;
///     name => memkit_side, peer_side, "peer label";
///     name => memkit_side, peer_side, "peer label", memory();
///     name => subject_side, peer_side, "peer label", subject_label("Arc");
/// ]
/// ```
///
/// `name` becomes the case name; each trailing `method(args)` is a
/// [`Case`] builder call applied in order.
macro_rules! cases {
    ($group:expr; $(
        $name:ident => $memkit:expr, $peer:expr, $label:expr $(, $modifier:ident($($arg:expr)?))*;
    )*) => {
        vec![$(
            crate::harness::Case::new($group, stringify!($name), $label, $memkit, $peer)
                $(.$modifier($($arg)?))*
        ),*]
    };
}

mod arena;
mod bytes;
mod cache;
mod codec;
mod slab;
mod std_ptr;
mod tree;

/// Every case, in report order.
pub(crate) fn all() -> Vec<Case> {
    let mut cases = Vec::new();
    cases.extend(std_ptr::cases());
    cases.extend(bytes::cases());
    cases.extend(slab::cases());
    cases.extend(arena::cases());
    cases.extend(cache::cases());
    cases.extend(codec::cases());
    cases.extend(tree::cases());
    cases
}

/// The figures that are not times, of the groups that `filter` selects
/// (a filter selects a group when it matches one of its case ids or the
/// group name).
pub(crate) fn figures(
    quick: bool,
    filter: Option<&str>,
    trace: Option<&std::path::Path>,
) -> Result<Vec<crate::figure::Figure>, String> {
    let selects = |group: &str| {
        filter.is_none_or(|f| group.contains(f) || f.starts_with(&format!("{group}/")))
    };
    let mut figures = Vec::new();
    if selects("cache") {
        figures.extend(cache::figures(quick, trace)?);
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let cases = all();
        let mut ids: Vec<String> = cases.iter().map(Case::id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), cases.len());
    }

    /// Every side of every case runs a few iterations without panicking:
    /// once from its fresh setup, then again on the state that left. Some
    /// operations are whole-structure passes (65536 slots), so a handful of
    /// calls, not a thousand, keeps this test fast.
    #[test]
    fn every_side_runs() {
        for case in all() {
            for side in [case.subject, case.peer] {
                let mut run = (side.make)();
                run(3);
                run(50);
            }
        }
    }
}
