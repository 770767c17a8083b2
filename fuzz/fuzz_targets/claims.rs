//! `check_claim` with an arbitrary claim row against the report's real datasets, and
//! `check_claims` on a claims snapshot built from arbitrary rows.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    civic_pulse_fuzz::claims(data);
});
