//! Where `Tidy::from_ipc` and the batched analyses spend their time on one file, natively (min
//! of 5 runs per step; `make bench` prints the same split for WASM). Used for the profile in
//! README "Benchmarks".
//!
//! `cargo run --release --example tidy_timing -- FILE.arrow METRIC [PERIOD]`

use std::time::Instant;

use civic_pulse::analytics::StlParams;
use civic_pulse::{Snapshot, Tidy};

fn min_ms<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(metric)) = (args.get(1), args.get(2)) else {
        return Err("usage: tidy_timing FILE.arrow METRIC [PERIOD]".into());
    };
    let period: Option<usize> = args.get(3).map(|p| p.parse()).transpose()?;
    let bytes = std::fs::read(path)?;
    let snap = Snapshot::from_ipc(&bytes)?;
    let col = |n: &str| snap.column_index(n);
    let (d, e, m) = (col("date")?, col("entity")?, col("metric")?);
    let tidy = Tidy::from_snapshot(&snap)?;
    let p = StlParams::new();
    let steps: Vec<(&str, f64)> = vec![
        (
            "Snapshot::from_ipc (validated)",
            min_ms(|| Snapshot::from_ipc(&bytes)),
        ),
        ("  coded date", min_ms(|| snap.coded_column(d))),
        ("  coded entity", min_ms(|| snap.coded_column(e))),
        ("  coded metric", min_ms(|| snap.coded_column(m))),
        ("  value column", min_ms(|| snap.column("value"))),
        ("Tidy::from_snapshot", min_ms(|| Tidy::from_snapshot(&snap))),
        ("Tidy::from_ipc", min_ms(|| Tidy::from_ipc(&bytes))),
        (
            "growth_all lag 12",
            min_ms(|| tidy.growth_all(metric, None, 12)),
        ),
        ("stl_all", min_ms(|| tidy.stl_all(metric, None, period, &p))),
    ];
    for (what, ms) in steps {
        println!("{what:<34} {ms:>9.1} ms");
    }
    Ok(())
}
