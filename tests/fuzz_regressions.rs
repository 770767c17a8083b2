//! Replays every input under `tests/fuzz_regressions/<target>/` through the same harness the
//! cargo-fuzz target runs (`fuzz/src/harness.rs`, included here), so each crash `make fuzz`
//! ever found stays fixed. Also runs each harness on a few seeds, so the harnesses themselves
//! stay compiled and correct when no regression file exists.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::path::Path;

type Harness = fn(&[u8]);

const TARGETS: [(&str, Harness); 5] = [
    ("ipc_file", harness::ipc_file),
    ("ipc_stream", harness::ipc_stream),
    ("columns", harness::columns),
    ("analytics", harness::analytics),
    ("claims", harness::claims),
];

fn regression_files(target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn every_kept_crashing_input_now_passes_its_harness() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    // Every directory there must name a harness, or its files would silently never run.
    for entry in std::fs::read_dir(&dir).expect("tests/fuzz_regressions exists") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            assert!(
                TARGETS.iter().any(|(t, _)| *t == name),
                "tests/fuzz_regressions/{name}/ matches no fuzz target"
            );
        }
    }
    let mut replayed = 0;
    for (target, run) in TARGETS {
        for file in regression_files(target) {
            let bytes = std::fs::read(&file).expect("readable regression input");
            eprintln!("replaying {}", file.display());
            run(&bytes);
            replayed += 1;
        }
    }
    eprintln!("{replayed} regression input(s) replayed");
}

#[test]
fn harnesses_run_on_seeds_and_their_truncations() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/data");
    let file = std::fs::read(data.join("catalog.json"))
        .ok()
        .and_then(|_| std::fs::read(data.join("claims.arrow")).ok())
        .expect("www/data/claims.arrow (run `make data`)");
    for end in (0..file.len()).step_by(97) {
        harness::ipc_file(&file[..end]);
        harness::ipc_stream(&file[8.min(end)..end]);
        harness::columns(&file[..end]);
    }
    harness::columns(&file);
    for seed in 0u8..=255 {
        let bytes: Vec<u8> = (0..64u8)
            .map(|i| i.wrapping_mul(seed).wrapping_add(seed))
            .collect();
        harness::analytics(&bytes);
        harness::claims(&bytes);
    }
}

/// The checked-in minimized corpora (`fuzz/seeds/<target>/`, folded in by `fuzz/minimize.sh`)
/// replayed through their harnesses: every input a campaign found interesting stays
/// panic-free and keeps its invariants between campaigns, without nightly or cargo-fuzz.
#[test]
fn minimized_corpora_pass_their_harnesses() {
    let mut replayed = 0;
    for (target, run) in TARGETS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/seeds")
            .join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            run(&std::fs::read(entry.path()).expect("readable seed"));
            replayed += 1;
        }
    }
    eprintln!("{replayed} seed input(s) replayed");
    assert!(replayed > 0, "fuzz/seeds/ holds no corpus");
}
