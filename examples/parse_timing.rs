//! Native timings of the reader, split by stage (min of 20 runs):
//! `cargo run --release --example parse_timing [FILE] [COLUMN] [--json]`.
//! Stages: the aligned copy of the input, decoding with validation (`from_ipc`), decoding a
//! trusted snapshot (`from_trusted_ipc_buffer` with the matching SHA-256, which it computes:
//! subtract the SHA-256 line to get the decode alone), the SHA-256 itself, and converting
//! one column.
use std::time::{Duration, Instant};

use civic_pulse::snapshot::{aligned_buffer, sha256_hex};
use civic_pulse::Snapshot;

fn min_of<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..20)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let json = std::env::args().any(|a| a == "--json");
    let mut args = std::env::args().skip(1).filter(|a| a != "--json");
    let path = args
        .next()
        .unwrap_or_else(|| "target/bench-17mb.arrow".into());
    let column = args.next().unwrap_or_else(|| "value".into());
    let bytes = std::fs::read(&path)?;
    let hash = sha256_hex(&bytes);
    let buf = aligned_buffer(&bytes)?;
    let snap = Snapshot::from_ipc(&bytes)?;
    let copy = min_of(|| aligned_buffer(&bytes));
    let validated = min_of(|| Snapshot::from_ipc_buffer(buf.clone()));
    let trusted = min_of(|| Snapshot::from_trusted_ipc_buffer(buf.clone(), &hash));
    let sha = min_of(|| sha256_hex(&bytes));
    let col = min_of(|| snap.column(&column));
    let idx = snap.column_index(&column)?;
    let chunks = min_of(|| snap.float_chunks(idx).map(|c| c.len()));
    if json {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{{\"copy_ms\":{},\"validated_ms\":{},\"trusted_ms\":{},\"sha256_ms\":{},\"column_ms\":{}}}",
            ms(copy),
            ms(validated),
            ms(trusted),
            ms(sha),
            ms(col)
        );
        return Ok(());
    }
    println!("{path}: {} bytes, {} rows", bytes.len(), snap.num_rows());
    println!("aligned copy        {copy:>10.2?}");
    println!("decode, validated   {validated:>10.2?}");
    println!("decode, trusted     {trusted:>10.2?}  (of which SHA-256 {sha:.2?})");
    println!("column({column:?})    {col:>10.2?}  (float_chunks {chunks:.2?})");
    Ok(())
}
