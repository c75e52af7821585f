//! Figures that are not times: a hit ratio, heap bytes per entry. A group
//! computes them once, untimed, and they are printed after the timing
//! table, added to `report.md`, and written to the JSON as objects with
//! `"metric"` and `"value"` instead of `"ns_per_op"`.

use std::fmt::Write as _;

use crate::json::{push_num, push_str};

/// One figure of one implementation.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    /// Group, e.g. `cache`.
    pub(crate) group: &'static str,
    /// What was measured on, e.g. `zipf_a1.0_scan_1%`.
    pub(crate) case: String,
    /// The implementation, e.g. `memkit S3-FIFO` or `lru`.
    pub(crate) implementation: &'static str,
    /// The figure's name, e.g. `hit_ratio`.
    pub(crate) metric: &'static str,
    /// Its value.
    pub(crate) value: f64,
}

/// The figures as a text table: one row per case and metric, one column
/// per implementation, in first-seen order.
pub(crate) fn text_table(figures: &[Figure]) -> String {
    table(figures, false)
}

/// The figures as a markdown section, empty when there are none.
pub(crate) fn markdown(figures: &[Figure]) -> String {
    if figures.is_empty() {
        return String::new();
    }
    format!("\n## Figures (not times)\n\n{}", table(figures, true))
}

fn table(figures: &[Figure], markdown: bool) -> String {
    let mut columns: Vec<&'static str> = Vec::new();
    let mut rows: Vec<(&'static str, &str, &'static str)> = Vec::new();
    for f in figures {
        if !columns.contains(&f.implementation) {
            columns.push(f.implementation);
        }
        let row = (f.group, f.case.as_str(), f.metric);
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    let mut out = String::new();
    if figures.is_empty() {
        return out;
    }
    let sep = if markdown { " | " } else { "  " };
    if markdown {
        out.push_str("| ");
    }
    let _ = write!(out, "{:<34}{sep}{:<20}", "case", "metric");
    for c in &columns {
        let _ = write!(out, "{sep}{c:>14}");
    }
    if markdown {
        out.push_str(" |\n|---|---|");
        out.push_str(&"---:|".repeat(columns.len()));
    }
    out.push('\n');
    for (group, case, metric) in rows {
        if markdown {
            out.push_str("| ");
        }
        let _ = write!(out, "{:<34}{sep}{metric:<20}", format!("{group}/{case}"));
        for c in &columns {
            let value = figures
                .iter()
                .find(|f| {
                    f.group == group
                        && f.case == case
                        && f.metric == metric
                        && f.implementation == *c
                })
                .map_or_else(|| "-".to_owned(), |f| format!("{:.4}", f.value));
            let _ = write!(out, "{sep}{value:>14}");
        }
        if markdown {
            out.push_str(" |");
        }
        out.push('\n');
    }
    out
}

/// Appends the figures to a JSON array rendered by [`crate::json::render`].
pub(crate) fn append_json(json: &mut String, figures: &[Figure]) {
    let Some(end) = json.rfind(']') else { return };
    let mut tail = String::new();
    let empty = !json[..end].contains('{');
    for (i, f) in figures.iter().enumerate() {
        tail.push_str(if i > 0 || !empty { ",\n" } else { "\n" });
        tail.push_str("  {\"group\": ");
        push_str(&mut tail, f.group);
        tail.push_str(", \"case\": ");
        push_str(&mut tail, &f.case);
        tail.push_str(", \"impl\": ");
        push_str(&mut tail, f.implementation);
        tail.push_str(", \"metric\": ");
        push_str(&mut tail, f.metric);
        tail.push_str(", \"value\": ");
        push_num(&mut tail, f.value);
        tail.push('}');
    }
    let body = json[..end].trim_end().to_owned();
    *json = format!("{body}{tail}\n]\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(implementation: &'static str, value: f64) -> Figure {
        Figure {
            group: "cache",
            case: "zipf".into(),
            implementation,
            metric: "hit_ratio",
            value,
        }
    }

    #[test]
    fn appends_objects_to_the_array() {
        let mut json = String::from("[\n  {\"group\": \"x\"}\n]\n");
        append_json(&mut json, &[figure("lru", 0.5)]);
        assert_eq!(
            json,
            "[\n  {\"group\": \"x\"},\n  {\"group\": \"cache\", \"case\": \"zipf\", \"impl\": \"lru\", \
             \"metric\": \"hit_ratio\", \"value\": 0.5}\n]\n"
        );
        let mut empty = String::from("[\n\n]\n");
        append_json(&mut empty, &[figure("lru", 1.0)]);
        assert!(empty.starts_with("[\n  {\"group\": \"cache\""));
    }

    #[test]
    fn one_column_per_implementation() {
        let text = text_table(&[figure("lru", 0.25), figure("memkit", 0.5)]);
        assert!(text.contains("lru"));
        assert!(text.contains("0.2500"));
        assert!(text.contains("0.5000"));
        assert_eq!(text.lines().count(), 2);
    }
}
