//! Replays every kept input: the seed corpus under `seeds/<target>/` and the
//! inputs that once failed under `regressions/<target>/`.

use std::path::Path;

/// Runs `target` on every file under `seeds/<name>/` and
/// `regressions/<name>/`, naming the file that fails.
fn replay(name: &str) {
    let (_, target) = memkit_fuzz::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a target of that name");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(name)) else {
            continue;
        };
        for entry in entries {
            files.push(entry.expect("a readable directory").path());
        }
    }
    files.sort();
    assert!(!files.is_empty(), "no kept input for target {name}");
    for file in &files {
        let data = std::fs::read(file).expect("a readable input");
        eprintln!("replaying {}", file.display());
        target(&data);
    }
}

#[test]
fn every_target_is_replayed() {
    let names: Vec<&str> = memkit_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "arena",
            "bump",
            "bytes",
            "http_request",
            "http_response",
            "length_delimited",
            "lines",
            "slab"
        ],
        "add a replay test for each new target"
    );
}

#[test]
fn arena() {
    replay("arena");
}

#[test]
fn bump() {
    replay("bump");
}

#[test]
fn bytes() {
    replay("bytes");
}

#[test]
fn slab() {
    replay("slab");
}

#[test]
fn http_request() {
    replay("http_request");
}

#[test]
fn http_response() {
    replay("http_response");
}

#[test]
fn length_delimited() {
    replay("length_delimited");
}

#[test]
fn lines() {
    replay("lines");
}
