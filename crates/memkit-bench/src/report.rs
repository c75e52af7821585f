//! The results table (stdout and markdown), per-group geometric means, and
//! the report files under `target/memkit-report/`.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::harness::CaseResult;
use crate::machine::Machine;
use crate::stats;

/// Formats ns/op with a precision that suits its size.
fn fmt_ns(ns: f64) -> String {
    if !ns.is_finite() {
        "n/a".to_owned()
    } else if ns < 10.0 {
        format!("{ns:.2}")
    } else if ns < 1000.0 {
        format!("{ns:.1}")
    } else {
        format!("{ns:.0}")
    }
}

/// Formats a per-op count: whole numbers plainly, fractions with 3 decimals.
fn fmt_count(x: f64) -> String {
    if !x.is_finite() {
        "n/a".to_owned()
    } else if (x - x.round()).abs() < 5e-4 {
        format!("{x:.0}")
    } else {
        format!("{x:.3}")
    }
}

fn fmt_ratio(r: f64) -> String {
    if r.is_finite() {
        format!("{r:.2}")
    } else {
        "n/a".to_owned()
    }
}

/// The ratio column's header: it names which ratio the table shows.
const RATIO_HEADER: &str = "ratio (median of pairs)";

/// Below both tables: why the ratio need not equal ns/op ÷ peer ns/op.
const RATIO_NOTE: &str = "ratio (median of pairs) is the median of the per-pair ratios impl / peer, \
                          not ns/op ÷ peer ns/op: each ns/op is one side's own median, so the two \
                          can differ when the machine drifts during a run.";

/// The columns of the main table, as strings, one row per case.
const HEADER: [&str; 9] = [
    "group",
    "case",
    "impl",
    "ns/op",
    "peer",
    "peer ns/op",
    RATIO_HEADER,
    "impl allocs/op",
    "peer allocs/op",
];

/// The ratio cell: in parentheses for a memory case, whose time is shown
/// but not compared.
fn ratio_cell(r: &CaseResult) -> String {
    if r.memory {
        format!("({})", fmt_ratio(r.ratio()))
    } else {
        fmt_ratio(r.ratio())
    }
}

fn row(r: &CaseResult) -> [String; 9] {
    [
        r.group.to_owned(),
        r.name.to_owned(),
        r.subject.label.to_owned(),
        fmt_ns(r.subject.ns_per_op),
        r.peer.label.to_owned(),
        fmt_ns(r.peer.ns_per_op),
        ratio_cell(r),
        fmt_count(r.subject.allocs_per_op),
        fmt_count(r.peer.allocs_per_op),
    ]
}

/// One geometric mean of time ratios: a group against one peer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Geomean {
    /// The group.
    pub(crate) group: &'static str,
    /// The peer's label.
    pub(crate) peer: &'static str,
    /// Geometric mean of the cases' ratios.
    pub(crate) ratio: f64,
    /// Cases in the mean.
    pub(crate) cases: usize,
    /// The largest ratio among them.
    pub(crate) max: f64,
}

/// The geometric mean of the time ratios of each group against each of its
/// peers, in order of first appearance. Memory cases are left out.
pub(crate) fn geomeans(results: &[CaseResult]) -> Vec<Geomean> {
    let mut keys: Vec<(&'static str, &'static str)> = Vec::new();
    for r in results.iter().filter(|r| !r.memory) {
        if !keys.contains(&(r.group, r.peer.label)) {
            keys.push((r.group, r.peer.label));
        }
    }
    keys.into_iter()
        .map(|(group, peer)| {
            let ratios: Vec<f64> = results
                .iter()
                .filter(|r| !r.memory && r.group == group && r.peer.label == peer)
                .map(CaseResult::ratio)
                .collect();
            Geomean {
                group,
                peer,
                ratio: stats::geomean(ratios.iter().copied()),
                cases: ratios.len(),
                max: ratios.iter().copied().fold(f64::NAN, f64::max),
            }
        })
        .collect()
}

/// The plain-text table for stdout, with per-group geometric means below.
pub(crate) fn text_table(results: &[CaseResult]) -> String {
    let rows: Vec<[String; 9]> = results.iter().map(row).collect();
    let mut widths = HEADER.map(str::len);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.len());
        }
    }
    // Text columns left-aligned, numbers right-aligned.
    let numeric = [false, false, false, true, false, true, true, true, true];
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            if numeric[i] {
                let _ = write!(out, "{cell:>w$}", w = widths[i]);
            } else {
                let _ = write!(out, "{cell:<w$}", w = widths[i]);
            }
        }
        out.trim_end().to_owned()
    };
    let mut out = String::new();
    let header: Vec<String> = HEADER.iter().map(|s| (*s).to_owned()).collect();
    out.push_str(&line(&header));
    out.push('\n');
    let total: usize = widths.iter().sum::<usize>() + 3 * (widths.len() - 1);
    out.push_str(&"-".repeat(total));
    out.push('\n');
    for r in &rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out.push_str(RATIO_NOTE);
    out.push('\n');
    if results.iter().any(|r| r.memory) {
        out.push_str(
            "(ratio): a memory case. Its figure is bytes/op below; its time, mostly \
             first-touch page faults, is not in the geomeans.\n",
        );
    }
    out.push('\n');
    for g in geomeans(results) {
        let _ = writeln!(
            out,
            "geomean ratio {:<8} vs {:<12} {} over {} case(s), max {}",
            g.group,
            g.peer,
            fmt_ratio(g.ratio),
            g.cases,
            fmt_ratio(g.max)
        );
    }
    let memory: Vec<&CaseResult> = results.iter().filter(|r| r.memory).collect();
    if !memory.is_empty() {
        out.push_str("\nmemory cases (bytes/op):\n");
        for r in memory {
            let _ = writeln!(
                out,
                "{}/{}: {} {} vs {} {}",
                r.group,
                r.name,
                r.subject.label,
                fmt_count(r.subject.bytes_per_op),
                r.peer.label,
                fmt_count(r.peer.bytes_per_op)
            );
        }
    }
    out
}

/// The full markdown report.
pub(crate) fn markdown(
    results: &[CaseResult],
    machine: &Machine,
    quick: bool,
    filter: Option<&str>,
) -> String {
    let mut md = String::from("# memkit-bench report\n\n");
    let _ = writeln!(md, "- date: {}", machine.date);
    let _ = writeln!(
        md,
        "- CPU: {} ({} logical cores)",
        machine.cpu, machine.cores
    );
    let _ = writeln!(md, "- OS: {}", machine.os);
    let _ = writeln!(md, "- rustc: {}", machine.rustc);
    let mode = if quick { "quick (`--quick`)" } else { "full" };
    let _ = writeln!(md, "- mode: {mode}");
    if let Some(f) = filter {
        let _ = writeln!(md, "- filter: `{f}`");
    }
    md.push_str(
        "\nns/op is the median over each side's samples. Samples are taken in interleaved \
         pairs (impl, peer), and ratio is the median of the per-pair ratios impl / peer, so \
         machine drift during the run cancels out: below 1 means `impl` is faster. \"pair \
         IQR\" is the 25th–75th percentile of those ratios, a noise indicator. allocs/op \
         counts allocator calls (alloc + realloc), bytes/op the bytes requested, both in \
         an untimed run after the timed ones.\n\n",
    );
    md.push_str(
        "| group | case | impl | ns/op | peer | peer ns/op | ratio (median of pairs) | pair IQR \
         | impl allocs/op | peer allocs/op | impl bytes/op | peer bytes/op |\n",
    );
    md.push_str("|---|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|\n");
    for r in results {
        let (lo, hi) = r.pair_ratio_iqr();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | **{}** | {}–{} | {} | {} | {} | {} |",
            r.group,
            r.name,
            r.subject.label,
            fmt_ns(r.subject.ns_per_op),
            r.peer.label,
            fmt_ns(r.peer.ns_per_op),
            ratio_cell(r),
            fmt_ratio(lo),
            fmt_ratio(hi),
            fmt_count(r.subject.allocs_per_op),
            fmt_count(r.peer.allocs_per_op),
            fmt_count(r.subject.bytes_per_op),
            fmt_count(r.peer.bytes_per_op),
        );
    }
    md.push('\n');
    md.push_str(RATIO_NOTE);
    md.push('\n');
    md.push_str(
        "\nA ratio in parentheses is a memory case: its figure is bytes/op, and its time \
         (mostly first-touch page faults of fresh memory) is left out of the geomeans.\n",
    );
    md.push_str("\n| group | peer | geomean ratio | max ratio | cases |\n|---|---|--:|--:|--:|\n");
    for g in geomeans(results) {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            g.group,
            g.peer,
            fmt_ratio(g.ratio),
            fmt_ratio(g.max),
            g.cases
        );
    }
    md.push_str("\n![ratios per case](ratios.svg)\n");
    md.push_str(
        "\n## Details\n\n| case | impl iters/sample | peer iters/sample | impl reallocs/op | \
         peer reallocs/op |\n|---|--:|--:|--:|--:|\n",
    );
    for r in results {
        let _ = writeln!(
            md,
            "| {}/{} | {} | {} | {} | {} |",
            r.group,
            r.name,
            r.subject.iters,
            r.peer.iters,
            fmt_count(r.subject.reallocs_per_op),
            fmt_count(r.peer.reallocs_per_op),
        );
    }
    md
}

/// `target/memkit-report/`: under `$CARGO_TARGET_DIR` if set, else under
/// the workspace's `target/`.
pub(crate) fn report_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("memkit-report")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::SideResult;

    fn result(group: &'static str, name: &'static str, a: f64, b: f64) -> CaseResult {
        result_vs(group, name, "bytes", a, b)
    }

    fn result_vs(
        group: &'static str,
        name: &'static str,
        peer: &'static str,
        a: f64,
        b: f64,
    ) -> CaseResult {
        let side = |label, ns| SideResult {
            label,
            iters: 10,
            samples: vec![ns, ns],
            ns_per_op: ns,
            allocs_per_op: 0.125,
            reallocs_per_op: 0.0,
            bytes_per_op: 16.0,
        };
        CaseResult {
            group,
            name,
            subject: side("memkit", a),
            peer: side(peer, b),
            memory: false,
        }
    }

    #[test]
    fn formats() {
        assert_eq!(fmt_ns(1.234), "1.23");
        assert_eq!(fmt_ns(123.45), "123.5");
        assert_eq!(fmt_ns(12345.6), "12346");
        assert_eq!(fmt_count(1.0), "1");
        assert_eq!(fmt_count(0.0156), "0.016");
        assert_eq!(fmt_ratio(f64::NAN), "n/a");
    }

    #[test]
    fn tables_and_geomeans() {
        let rs = [
            result("bytes", "a", 1.0, 2.0),
            result("bytes", "b", 4.0, 2.0),
            result("std", "c", 3.0, 1.0),
        ];
        let g = geomeans(&rs);
        assert_eq!(g.len(), 2);
        assert!((g[0].ratio - 1.0).abs() < 1e-12);
        assert_eq!(g[0].max, 2.0);
        assert_eq!(g[1].group, "std");
        let text = text_table(&rs);
        assert!(text.lines().next().unwrap().starts_with("group"));
        assert!(text.contains("0.50") && text.contains("3.00"));
        assert!(text.contains("geomean ratio bytes"));
        assert!(!text.contains("memory cases"));
        let md = markdown(&rs, &Machine::detect(), true, Some("x"));
        assert_eq!(
            md.lines().filter(|l| l.starts_with("| bytes | ")).count(),
            3
        );
        assert!(md.contains("rustc"));
        // Both tables say which ratio they show.
        assert!(text.lines().next().unwrap().contains(RATIO_HEADER));
        assert!(text.contains(RATIO_NOTE));
        assert!(md.contains(&format!("| {RATIO_HEADER} |")));
        assert!(md.contains(RATIO_NOTE));
    }

    #[test]
    fn geomeans_per_peer_without_memory_cases() {
        let mut slot = result_vs("slab", "slot", "slab", 8.0, 1.0);
        slot.memory = true;
        let rs = [
            result_vs("slab", "get", "slab", 1.0, 2.0),
            result_vs("slab", "gen_get", "slotmap", 3.0, 1.0),
            slot,
            result_vs("slab", "put", "slab", 2.0, 1.0),
        ];
        let g = geomeans(&rs);
        assert_eq!(g.len(), 2);
        assert_eq!((g[0].peer, g[0].cases), ("slab", 2));
        assert!((g[0].ratio - 1.0).abs() < 1e-12);
        assert_eq!(g[0].max, 2.0);
        assert_eq!((g[1].peer, g[1].cases), ("slotmap", 1));
        assert!((g[1].ratio - 3.0).abs() < 1e-12);
        let text = text_table(&rs);
        assert!(text.contains("(8.00)"));
        assert!(text.contains("slab/slot: memkit 16 vs slab 16"));
        let md = markdown(&rs, &Machine::detect(), true, None);
        assert!(md.contains("**(8.00)**"));
        assert!(md.contains("| slab | slotmap | 3.00 | 3.00 | 1 |"));
    }
}
