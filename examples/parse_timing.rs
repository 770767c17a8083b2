//! Times `Snapshot::from_ipc` and one column read natively: `cargo run --release --example parse_timing FILE`.
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench-17mb.arrow".into());
    let bytes = std::fs::read(&path).expect("read the file");
    for _ in 0..3 {
        let t = Instant::now();
        let snap = civic_pulse::Snapshot::from_ipc(&bytes).expect("valid IPC");
        let parsed = t.elapsed();
        let col = snap.column("value").expect("value column");
        let total = t.elapsed();
        println!(
            "parse {parsed:?}, parse + column {total:?} ({} rows)",
            col.len()
        );
    }
}
