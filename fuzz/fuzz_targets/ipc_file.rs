//! `Snapshot::from_ipc` on IPC **file** bytes (`ARROW1` magic first; other inputs are given
//! the magic so every run reaches the file reader). Then the cheap accessors.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    civic_pulse_fuzz::ipc_file(data);
});
