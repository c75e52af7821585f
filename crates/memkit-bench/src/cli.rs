//! Command-line parsing, by hand.

use std::path::PathBuf;

/// The usage message, printed by `--help` and after a bad argument.
pub(crate) const USAGE: &str = "\
usage: memkit-bench [--quick] [--filter SUBSTRING] [--json PATH] [--trace FILE]
       memkit-bench --only GROUP/CASE --impl memkit|peer [--iters N]
       memkit-bench --list

Measures memkit against the crates people use today, interleaved in one
process, and prints one table (ratio = memkit / peer; below 1 is better).
Writes target/memkit-report/report.md and ratios.svg.

options:
  --quick              short samples (CI; the whole run takes seconds)
  --filter SUBSTRING   run only cases whose \"group/case\" contains SUBSTRING
  --json PATH          also write the results as a JSON array to PATH
  --trace FILE         cache group: replay FILE (one key per line) and
                       print each policy's hit ratio on it
  --only CASE          run one side of one case once, untimed report, e.g.
                       under valgrind --tool=callgrind; CASE is \"group/case\"
                       or a case name that is unique across groups
  --impl memkit|peer   with --only: which side (a side's label also works)
  --iters N            with --only: operations to run (default 100000)
  --list               print the case ids and exit
  -h, --help           print this message";

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Command {
    /// Print usage and exit successfully.
    Help,
    /// Print case ids.
    List,
    /// Measure the (filtered) cases and report.
    Run {
        /// `--quick`.
        quick: bool,
        /// `--filter`.
        filter: Option<String>,
        /// `--json`.
        json: Option<PathBuf>,
        /// `--trace`.
        trace: Option<PathBuf>,
    },
    /// Run one side of one case.
    Only {
        /// The case, `group/case` or a bare case name.
        case: String,
        /// `memkit`, `peer`, or a side label.
        side: String,
        /// Operations to run.
        iters: u64,
    },
}

/// Default `--iters` for `--only`.
pub(crate) const DEFAULT_ONLY_ITERS: u64 = 100_000;

/// Parses the arguments after the program name.
pub(crate) fn parse<I, S>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut quick = false;
    let mut list = false;
    let mut filter = None;
    let mut json = None;
    let mut trace = None;
    let mut only = None;
    let mut side = None;
    let mut iters = None;

    let mut args = args.into_iter().map(Into::into);
    while let Some(arg) = args.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--quick" | "--list" if inline.is_some() => {
                return Err(format!("{flag} takes no value"));
            }
            "--quick" => quick = true,
            "--list" => list = true,
            "--filter" => set_once(&mut filter, "--filter", value("--filter")?)?,
            "--json" => set_once(&mut json, "--json", PathBuf::from(value("--json")?))?,
            "--trace" => set_once(&mut trace, "--trace", PathBuf::from(value("--trace")?))?,
            "--only" => set_once(&mut only, "--only", value("--only")?)?,
            "--impl" => set_once(&mut side, "--impl", value("--impl")?)?,
            "--iters" => {
                let v = value("--iters")?;
                let n: u64 = v
                    .parse()
                    .map_err(|_| format!("--iters: `{v}` is not a positive integer"))?;
                if n == 0 {
                    return Err("--iters must be at least 1".to_owned());
                }
                set_once(&mut iters, "--iters", n)?;
            }
            // `cargo bench` passes `--bench`; accept it so that works too.
            "--bench" => {}
            _ => return Err(format!("unknown argument `{arg}`")),
        }
    }

    if let Some(case) = only {
        if quick || filter.is_some() || json.is_some() || trace.is_some() || list {
            return Err(
                "--only cannot be combined with --quick, --filter, --json or --list".to_owned(),
            );
        }
        let side = side.ok_or("--only needs --impl memkit|peer")?;
        return Ok(Command::Only {
            case,
            side,
            iters: iters.unwrap_or(DEFAULT_ONLY_ITERS),
        });
    }
    if side.is_some() || iters.is_some() {
        return Err("--impl and --iters only apply with --only".to_owned());
    }
    if list {
        return Ok(Command::List);
    }
    Ok(Command::Run {
        quick,
        filter,
        json,
        trace,
    })
}

fn set_once<T>(slot: &mut Option<T>, name: &str, value: T) -> Result<(), String> {
    if slot.replace(value).is_some() {
        return Err(format!("{name} given twice"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().copied())
    }

    #[test]
    fn defaults() {
        assert_eq!(
            p(&[]),
            Ok(Command::Run {
                quick: false,
                filter: None,
                json: None,
                trace: None
            })
        );
    }

    #[test]
    fn run_flags_both_spellings() {
        let want = Command::Run {
            quick: true,
            filter: Some("bytes/clone".into()),
            json: Some(PathBuf::from("out.json")),
            trace: None,
        };
        assert_eq!(
            p(&["--quick", "--filter", "bytes/clone", "--json", "out.json"]),
            Ok(want.clone())
        );
        assert_eq!(
            p(&["--json=out.json", "--filter=bytes/clone", "--quick"]),
            Ok(want)
        );
    }

    #[test]
    fn only_mode() {
        assert_eq!(
            p(&["--only", "bytes/freeze", "--impl", "peer", "--iters", "42"]),
            Ok(Command::Only {
                case: "bytes/freeze".into(),
                side: "peer".into(),
                iters: 42
            })
        );
        assert_eq!(
            p(&["--only", "freeze", "--impl", "memkit"]),
            Ok(Command::Only {
                case: "freeze".into(),
                side: "memkit".into(),
                iters: DEFAULT_ONLY_ITERS
            })
        );
    }

    #[test]
    fn errors() {
        assert!(
            p(&["--frobnicate"])
                .unwrap_err()
                .contains("unknown argument")
        );
        assert!(p(&["--filter"]).unwrap_err().contains("needs a value"));
        assert!(
            p(&["--iters", "x", "--only", "a", "--impl", "peer"])
                .unwrap_err()
                .contains("--iters")
        );
        assert!(p(&["--iters", "0"]).is_err());
        assert!(p(&["--only", "a"]).unwrap_err().contains("--impl"));
        assert!(p(&["--impl", "peer"]).unwrap_err().contains("only apply"));
        assert!(p(&["--only", "a", "--impl", "peer", "--quick"]).is_err());
        assert!(p(&["--quick=yes"]).is_err());
        assert!(
            p(&["--filter", "a", "--filter", "b"])
                .unwrap_err()
                .contains("twice")
        );
    }

    #[test]
    fn help_and_list() {
        assert_eq!(p(&["--quick", "-h"]), Ok(Command::Help));
        assert_eq!(p(&["--list"]), Ok(Command::List));
        assert_eq!(
            p(&["--bench"]),
            Ok(Command::Run {
                quick: false,
                filter: None,
                json: None,
                trace: None
            })
        );
    }
}
