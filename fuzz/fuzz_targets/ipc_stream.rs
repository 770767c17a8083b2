//! `Snapshot::from_ipc` on IPC **stream** bytes (inputs that open with the file magic are
//! skipped, so every run reaches the stream reader). Then the cheap accessors.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    civic_pulse_fuzz::ipc_stream(data);
});
