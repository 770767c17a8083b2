//! # civic-pulse-extra
//!
//! The second, on-demand WebAssembly module of Civic Pulse (`pkg/civic_pulse_extra.js`,
//! `pkg/civic_pulse_extra_bg.wasm`, `pkg/civic_pulse_extra.d.ts`, built by
//! `tools/build-wasm.sh`). It holds what few readers use: the Arrow IPC writer with zstd's
//! compressor ([`slice_ipc`], `sliceIpc`), loaded by the page's engine when a reader asks for an
//! Arrow slice, so the first module a reader downloads stays small. The claim evaluator
//! (`checkClaims`) moved to the first module (issue 15): here it made the claim check, which
//! every reader reaching the end of the report runs, download a second Arrow reader.
//!
//! The two modules share no memory: everything here takes IPC bytes, never a `Snapshot` of the
//! first module. Errors are the first crate's edge errors (a JS `Error` with the contract's
//! `code`), through its helpers (`civic_pulse_wasm` without its `exports` feature).

pub mod slice;

pub use slice::slice_ipc;
