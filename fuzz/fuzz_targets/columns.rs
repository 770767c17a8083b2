//! Every column accessor on whatever `Snapshot::from_ipc` accepts: `column`, `column_at`,
//! `float_chunks` for every column, `metadata`, then `Tidy::from_snapshot` and its series.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    civic_pulse_fuzz::columns(data);
});
