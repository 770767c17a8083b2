//! The fuzz harnesses, shared with the regression test (`tests/fuzz_regressions.rs` includes
//! `harness.rs`), so a crashing input replays exactly as the fuzzer ran it.
mod harness;
pub use harness::*;
