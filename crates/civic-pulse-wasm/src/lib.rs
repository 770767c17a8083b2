//! # civic-pulse-wasm
//!
//! The JavaScript bindings of Civic Pulse, built into `pkg/civic_pulse.js`,
//! `pkg/civic_pulse_bg.wasm` and `pkg/civic_pulse.d.ts` by `tools/build-wasm.sh`. This is the
//! only crate that depends on wasm-bindgen, js-sys and serde-wasm-bindgen. Every export converts
//! its input ([`input`]), calls the core crate `civic_pulse`, and converts the result
//! ([`output`]); every failure is a JS `Error` carrying the contract's `code` ([`error`]).
//! TypeScript types of options and results are generated from the Rust types (tsify).

pub mod analytics;
pub mod claims;
pub mod error;
pub mod input;
pub mod options;
pub mod output;
pub mod snapshot;
pub mod stl;
pub mod tidy;

pub use analytics::*;
pub use claims::check_claims;
pub use error::{WasmError, WasmResult};
pub use options::StlOptions;
pub use snapshot::{js_sha256, JsSnapshot};
pub use stl::{js_stl, js_stl_params};
pub use tidy::JsTidy;
