//! Each analytics function on arbitrary arrays and options.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    civic_pulse_fuzz::analytics(data);
});
