//! The `--json` output, written by hand (no serde in the bench).
//!
//! An array with one object per side of each case:
//! `{"group","case","impl","peer","ns_per_op","allocs_per_op","bytes_per_op",
//! "memory_case"}`; `memory_case` is true for a case whose figure is
//! bytes/op and whose time is not compared.
//!
//! The row of side A (memkit, or the subject of a comparison without memkit,
//! e.g. `Arc` in the `std` group) also carries the time ratio A / peer and
//! its spread, after `bytes_per_op`: `"ratio"` is the median of the
//! per-pair ratios (see [`CaseResult::ratio`]), and `"ratio_q1"` and
//! `"ratio_q3"` are their 25th and 75th percentiles (see
//! [`CaseResult::pair_ratio_iqr`]). The peer's row has none of the three.
//! Figures that are not times are separate rows with `"metric"` and
//! `"value"` (see [`crate::figure`]).

use std::fmt::Write as _;

use crate::harness::{CaseResult, SideResult};

/// Appends `s` as a JSON string literal, quotes included.
pub(crate) fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends `x` as a JSON number, or `null` when it is not finite.
pub(crate) fn push_num(out: &mut String, x: f64) {
    if x.is_finite() {
        // `Display` for f64 never uses exponent notation, so this is valid JSON.
        let _ = write!(out, "{x}");
    } else {
        out.push_str("null");
    }
}

/// Appends the object of one side; `with_ratio` adds the ratio fields.
fn push_side(out: &mut String, case: &CaseResult, side: &SideResult, with_ratio: bool) {
    out.push_str("  {\"group\": ");
    push_str(out, case.group);
    out.push_str(", \"case\": ");
    push_str(out, case.name);
    out.push_str(", \"impl\": ");
    push_str(out, side.label);
    out.push_str(", \"peer\": ");
    push_str(out, case.peer.label);
    out.push_str(", \"ns_per_op\": ");
    push_num(out, side.ns_per_op);
    out.push_str(", \"allocs_per_op\": ");
    push_num(out, side.allocs_per_op);
    out.push_str(", \"bytes_per_op\": ");
    push_num(out, side.bytes_per_op);
    if with_ratio {
        let (q1, q3) = case.pair_ratio_iqr();
        out.push_str(", \"ratio\": ");
        push_num(out, case.ratio());
        out.push_str(", \"ratio_q1\": ");
        push_num(out, q1);
        out.push_str(", \"ratio_q3\": ");
        push_num(out, q3);
    }
    out.push_str(", \"memory_case\": ");
    out.push_str(if case.memory { "true" } else { "false" });
    out.push('}');
}

/// Renders all results as the JSON array.
pub(crate) fn render(results: &[CaseResult]) -> String {
    let mut out = String::from("[\n");
    let mut first = true;
    for case in results {
        for (side, with_ratio) in [(&case.subject, true), (&case.peer, false)] {
            if !first {
                out.push_str(",\n");
            }
            first = false;
            push_side(&mut out, case, side, with_ratio);
        }
    }
    out.push_str("\n]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_strings() {
        let mut s = String::new();
        push_str(&mut s, "a\"b\\c\nd\u{1}é");
        assert_eq!(s, r#""a\"b\\c\nd\u0001é""#);
    }

    #[test]
    fn numbers() {
        let mut s = String::new();
        push_num(&mut s, 1.5);
        s.push(' ');
        push_num(&mut s, f64::NAN);
        s.push(' ');
        push_num(&mut s, f64::INFINITY);
        s.push(' ');
        push_num(&mut s, 1e-9);
        assert_eq!(s, "1.5 null null 0.000000001");
    }

    #[test]
    fn renders_one_object_per_side() {
        let side = |label, samples: Vec<f64>| SideResult {
            label,
            iters: 1,
            ns_per_op: crate::stats::median(&samples),
            samples,
            allocs_per_op: 1.0,
            reallocs_per_op: 0.0,
            bytes_per_op: 64.0,
        };
        let r = CaseResult {
            group: "std",
            name: "x",
            subject: side("Arc", vec![1.0, 2.0, 3.0, 4.0, 8.0]),
            peer: side("Rc", vec![2.0, 2.0, 2.0, 2.0, 2.0]),
            memory: false,
        };
        let json = render(&[r]);
        assert_eq!(json.matches("\"group\": \"std\"").count(), 2);
        assert!(json.contains("\"impl\": \"Arc\", \"peer\": \"Rc\""));
        assert_eq!(json.matches("\"memory_case\": false}").count(), 2);
        assert!(json.contains("\"impl\": \"Rc\", \"peer\": \"Rc\""));
        // Pair ratios 0.5, 1, 1.5, 2, 4: median 1.5, quartiles 1 and 2, on
        // side A's row only.
        assert!(json.contains(
            "\"bytes_per_op\": 64, \"ratio\": 1.5, \"ratio_q1\": 1, \"ratio_q3\": 2, \
             \"memory_case\": false}"
        ));
        assert_eq!(json.matches("\"ratio\"").count(), 1);
        assert_eq!(json.matches("\"ratio_q").count(), 2);
        assert_eq!(render(&[]), "[\n\n]\n");
    }
}
