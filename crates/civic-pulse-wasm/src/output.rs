//! Rust results → JavaScript values. Result types derive `Serialize` (and `Tsify` for their
//! TypeScript declaration); numeric columns inside them are `Float64Array` / `Uint32Array`
//! fields passed through serde untouched (`serde_wasm_bindgen::preserve`).

use civic_pulse::Error;
use js_sys::{Float64Array, Uint32Array};
use wasm_bindgen::JsValue;

use crate::WasmResult;

/// A serde value as a plain JS value: `None` → `null`, maps → plain objects (never `Map`).
///
/// # Errors
/// `invalid_argument` if serde-wasm-bindgen refuses the value (not expected for the types
/// serialised here; it is an error rather than a trap all the same).
pub fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> WasmResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::invalid(format!("result could not be converted: {e}")).into())
}

/// `[f64]` → `Float64Array` (one copy out of WASM memory).
pub fn f64_array(v: &[f64]) -> Float64Array {
    Float64Array::from(v)
}

/// Indices → `Uint32Array` (indices into a wasm32 slice always fit in u32).
pub fn u32_array(v: impl IntoIterator<Item = usize>) -> Uint32Array {
    let v: Vec<u32> = v
        .into_iter()
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    Uint32Array::from(v.as_slice())
}
