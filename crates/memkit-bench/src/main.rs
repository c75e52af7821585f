//! `memkit-bench`: memkit against the crates people use today, measured in
//! one process, interleaved, and printed as one table of ratios.
//!
//! Run it with `cargo run --release -p memkit-bench [-- --quick]`; see
//! [`cli::USAGE`] for the flags. The modules, one purpose each:
//!
//! - [`cli`]: argument parsing;
//! - [`harness`]: cases, calibration, interleaved sampling;
//! - [`alloc_counter`]: the counting global allocator (memkit-alloc);
//! - [`stats`]: median, quantiles, geometric mean;
//! - [`groups`]: the case registry, one module per group;
//! - [`report`], [`json`], [`svg`], [`machine`]: the outputs.

mod alloc_counter;
mod cli;
mod figure;
mod groups;
mod harness;
mod json;
mod machine;
mod report;
mod stats;
mod svg;

use std::process::ExitCode;
use std::time::Instant;

use harness::{Case, Config};

fn main() -> ExitCode {
    let command = match cli::parse(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("memkit-bench: {e}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let result = match command {
        cli::Command::Help => {
            println!("{}", cli::USAGE);
            Ok(())
        }
        cli::Command::List => {
            for case in groups::all() {
                println!(
                    "{}  ({} vs {})",
                    case.id(),
                    case.subject.label,
                    case.peer.label
                );
            }
            Ok(())
        }
        cli::Command::Only { case, side, iters } => run_only(&case, &side, iters),
        cli::Command::Run {
            quick,
            filter,
            json,
            trace,
        } => run_all(quick, filter.as_deref(), json.as_deref(), trace.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("memkit-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Finds the case `id` (`group/case`, or a case name unique across groups).
fn find_case(id: &str) -> Result<Case, String> {
    let cases = groups::all();
    if let Some(c) = cases.iter().find(|c| c.id() == id) {
        return Ok(*c);
    }
    let by_name: Vec<&Case> = cases.iter().filter(|c| c.name == id).collect();
    match by_name.as_slice() {
        [one] => Ok(**one),
        [] => Err(format!("no case `{id}` (see --list)")),
        many => {
            let ids: Vec<String> = many.iter().map(|c| c.id()).collect();
            Err(format!("`{id}` is ambiguous: {}", ids.join(", ")))
        }
    }
}

/// `--only`: one side of one case, `iters` operations, one line of output.
fn run_only(id: &str, side: &str, iters: u64) -> Result<(), String> {
    let case = find_case(id)?;
    let chosen = if side == "memkit" || side.eq_ignore_ascii_case(case.subject.label) {
        case.subject
    } else if side == "peer" || side.eq_ignore_ascii_case(case.peer.label) {
        case.peer
    } else {
        return Err(format!(
            "--impl must be memkit or peer (or `{}` / `{}` for {})",
            case.subject.label,
            case.peer.label,
            case.id()
        ));
    };
    let elapsed = harness::run_one(&chosen, iters);
    println!(
        "{} [{}] {iters} iters in {:.3} ms",
        case.id(),
        chosen.label,
        elapsed.as_secs_f64() * 1e3
    );
    Ok(())
}

/// The normal run: measure, print the table, write the report files.
fn run_all(
    quick: bool,
    filter: Option<&str>,
    json_path: Option<&std::path::Path>,
    trace: Option<&std::path::Path>,
) -> Result<(), String> {
    let config = if quick { Config::QUICK } else { Config::FULL };
    let cases: Vec<Case> = groups::all()
        .into_iter()
        .filter(|c| filter.is_none_or(|f| c.id().contains(f)))
        .collect();
    if cases.is_empty() {
        return Err(format!(
            "no case matches --filter `{}` (see --list)",
            filter.unwrap_or("")
        ));
    }

    let start = Instant::now();
    let mut results = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        eprintln!("[{}/{}] {}", i + 1, cases.len(), case.id());
        results.push(harness::run_case(case, config));
    }
    eprintln!(
        "measured {} case(s) in {:.1} s",
        cases.len(),
        start.elapsed().as_secs_f64()
    );

    print!("{}", report::text_table(&results));
    let figures = groups::figures(quick, filter, trace)?;
    print!("{}", figure::text_table(&figures));

    let dir = report::report_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let dir = dir.canonicalize().unwrap_or(dir);
    let machine = machine::Machine::detect();
    let write = |name: &str, text: String| -> Result<(), String> {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("writing {}: {e}", path.display()))
    };
    write(
        "report.md",
        report::markdown(&results, &machine, quick, filter) + &figure::markdown(&figures),
    )?;
    let bars: Vec<svg::Bar> = results
        .iter()
        .map(|r| svg::Bar {
            label: format!("{}/{}", r.group, r.name),
            ratio: r.ratio(),
        })
        .collect();
    write(
        "ratios.svg",
        svg::render(
            "memkit-bench: ratio per case (impl / peer, log scale; < 1 is faster)",
            &bars,
        ),
    )?;
    eprintln!("wrote {}/report.md and ratios.svg", dir.display());

    if let Some(path) = json_path {
        let mut text = json::render(&results);
        figure::append_json(&mut text, &figures);
        std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
