//! A hand-written SVG bar chart of the ratios (log scale, line at 1.0).
//!
//! One row per case. Bars start at the 1.0 line: to the left (green) when
//! the subject is faster than its peer, to the right (red) when slower.

use std::fmt::Write as _;

/// One bar: a label and a ratio (subject / peer).
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    /// Shown left of the chart, e.g. `bytes/clone_shared`.
    pub(crate) label: String,
    /// The ratio; non-finite or non-positive values are drawn as "n/a".
    pub(crate) ratio: f64,
}

const ROW: f64 = 22.0;
const LABEL_W: f64 = 300.0;
const PLOT_W: f64 = 520.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 30.0;
const RIGHT_PAD: f64 = 70.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders the chart. The axis spans powers of two wide enough for every
/// ratio, at least 0.5–2 and at most 1/64–64 (longer bars are clipped).
pub(crate) fn render(title: &str, bars: &[Bar]) -> String {
    let max_log = bars
        .iter()
        .filter(|b| b.ratio.is_finite() && b.ratio > 0.0)
        .map(|b| b.ratio.log2().abs().ceil())
        .fold(1.0_f64, f64::max)
        .min(6.0);
    let height = TOP + BOTTOM + ROW * bars.len().max(1) as f64;
    let width = LABEL_W + PLOT_W + RIGHT_PAD;
    let x_of =
        |log: f64| LABEL_W + (log.clamp(-max_log, max_log) + max_log) / (2.0 * max_log) * PLOT_W;
    let one = x_of(0.0);

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="10" y="20" font-size="14" font-weight="bold">{}</text>"#,
        escape(title)
    );

    // Grid lines and tick labels at powers of two.
    let axis_y = height - BOTTOM;
    for k in (-max_log as i32)..=(max_log as i32) {
        let x = x_of(f64::from(k));
        let tick = if k >= 0 {
            format!("{}", 1u64 << k)
        } else {
            format!("1/{}", 1u64 << -k)
        };
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{axis_y}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#555">{tick}</text>"##,
            axis_y + 15.0
        );
    }

    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let mid = y + ROW / 2.0 + 4.0;
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{mid:.1}" text-anchor="end">{}</text>"#,
            LABEL_W - 8.0,
            escape(&bar.label)
        );
        if !(bar.ratio.is_finite() && bar.ratio > 0.0) {
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{mid:.1}" fill="#555">n/a</text>"##,
                one + 4.0
            );
            continue;
        }
        let end = x_of(bar.ratio.log2());
        let (x0, w, fill) = if end < one {
            (end, one - end, "#2a9d4b")
        } else {
            (one, end - one, "#d1495b")
        };
        let _ = writeln!(
            s,
            r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}"><title>{}: {:.3}</title></rect>"#,
            y + 3.0,
            w.max(1.0),
            ROW - 6.0,
            escape(&bar.label),
            bar.ratio
        );
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{mid:.1}" fill="#222">{:.2}</text>"##,
            x0 + w.max(1.0) + 4.0,
            bar.ratio
        );
    }

    let _ = writeln!(
        s,
        r##"<line x1="{one:.1}" y1="{:.1}" x2="{one:.1}" y2="{axis_y}" stroke="#000" stroke-width="1.5"/>"##,
        TOP - 6.0
    );
    let _ = writeln!(s, "</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_bars_and_one_line() {
        let bars = vec![
            Bar {
                label: "bytes/a<b>".into(),
                ratio: 0.5,
            },
            Bar {
                label: "bytes/c".into(),
                ratio: 3.0,
            },
            Bar {
                label: "bytes/d".into(),
                ratio: f64::NAN,
            },
        ];
        let svg = render("ratios & more", &bars);
        assert!(svg.starts_with("<svg"));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("bytes/a&lt;b&gt;"));
        assert!(svg.contains("ratios &amp; more"));
        assert_eq!(svg.matches("<rect x=").count(), 2);
        assert!(svg.contains("n/a"));
        assert!(svg.contains(">0.50<") && svg.contains(">3.00<"));
        // 3.0 needs the axis to reach 4.
        assert!(svg.contains(">4</text>") && svg.contains(">1/4</text>"));
        assert!(svg.contains(r#"stroke-width="1.5""#));
    }

    #[test]
    fn empty_chart_is_valid() {
        let svg = render("none", &[]);
        assert!(svg.contains("</svg>"));
    }
}
