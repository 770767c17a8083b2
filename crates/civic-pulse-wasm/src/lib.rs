//! # civic-pulse-wasm
//!
//! The JavaScript bindings of Civic Pulse, built into `pkg/civic_pulse.js`,
//! `pkg/civic_pulse_bg.wasm` and `pkg/civic_pulse.d.ts` by `tools/build-wasm.sh`. This is the
//! only crate that depends on wasm-bindgen, js-sys and serde-wasm-bindgen. Every export converts
//! its input ([`input`]), calls the core crate `civic_pulse`, and converts the result
//! ([`output`]); every failure is a JS `Error` carrying the contract's `code` ([`error`]).
//! TypeScript types of options and results are generated from the Rust types (tsify).
//!
//! This is the first module a reader downloads, so it holds only what the report needs: reading,
//! `Tidy` series, the analytics and the claim evaluator (`checkClaims`, feature `claims`: it
//! shares this module's Arrow reader, which an on-demand module would have to carry again). The
//! Arrow IPC writer (`sliceIpc`, with zstd's compressor) is the on-demand module
//! `crates/civic-pulse-extra` (`pkg/civic_pulse_extra*`), which uses this crate's edge helpers
//! ([`error`], [`input`], [`output`], [`options`]) with the default `exports` feature off, so
//! that none of the exports below is linked into it a second time.

pub mod error;
pub mod input;
pub mod options;
pub mod output;

#[cfg(feature = "exports")]
pub mod analytics;
#[cfg(feature = "claims")]
pub mod claims;
#[cfg(feature = "exports")]
pub mod snapshot;
#[cfg(feature = "exports")]
pub mod snapshot_view;
#[cfg(feature = "exports")]
pub mod stl;
#[cfg(feature = "exports")]
pub mod tidy;

#[cfg(feature = "exports")]
pub use analytics::*;
#[cfg(feature = "claims")]
pub use claims::check_claims;
pub use error::{WasmError, WasmResult};
pub use options::StlOptions;
#[cfg(feature = "exports")]
pub use snapshot::JsSnapshot;
#[cfg(feature = "exports")]
pub use snapshot_view::JsIpcInput;
#[cfg(feature = "exports")]
pub use stl::{js_stl, js_stl_params};
#[cfg(feature = "exports")]
pub use tidy::JsTidy;
