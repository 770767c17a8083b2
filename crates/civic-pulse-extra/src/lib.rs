//! # civic-pulse-extra
//!
//! The second, on-demand WebAssembly module of Civic Pulse (`pkg/civic_pulse_extra.js`,
//! `pkg/civic_pulse_extra_bg.wasm`, `pkg/civic_pulse_extra.d.ts`, built by
//! `tools/build-wasm.sh`). It holds what the report's charts do not need to draw: the claim
//! evaluator ([`check_claims`], `checkClaims`) and the Arrow IPC writer with zstd's compressor
//! ([`slice_ipc`], `sliceIpc`). The page's engine loads it when the claim check is reached or a
//! reader asks for an Arrow slice, so the first module a reader downloads stays small.
//!
//! The two modules share no memory: everything here takes IPC bytes, never a `Snapshot` of the
//! first module. Errors are the first crate's edge errors (a JS `Error` with the contract's
//! `code`), through its helpers (`civic_pulse_wasm` without its `exports` feature).

pub mod claims;
pub mod slice;

pub use claims::check_claims;
pub use slice::slice_ipc;
