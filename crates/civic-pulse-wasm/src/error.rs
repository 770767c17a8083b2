//! The edge error type: a core [`Error`] on its way to JavaScript, thrown as a JS `Error` whose
//! `code` property is the contract's stable code (`Error::code`).

use civic_pulse::Error;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// A core [`Error`] on its way to JavaScript; every export returns [`WasmResult`].
///
/// # Example
/// ```
/// use civic_pulse_wasm::WasmError;
/// let e = WasmError::from(civic_pulse::Error::invalid("invalid lag: 0"));
/// assert_eq!(e.0.code(), "invalid_argument");
/// ```
#[derive(Debug)]
pub struct WasmError(pub Error);

impl From<Error> for WasmError {
    fn from(e: Error) -> Self {
        WasmError(e)
    }
}

impl From<WasmError> for JsValue {
    fn from(WasmError(e): WasmError) -> JsValue {
        let err = js_sys::Error::new(&e.to_string());
        // Setting a data property on a fresh Error object cannot fail; the Ok(bool) is ignored.
        let _ = Reflect::set(
            &err,
            &JsValue::from_str("code"),
            &JsValue::from_str(e.code()),
        );
        err.into()
    }
}

/// Result type of every export: `Err` becomes a thrown JS `Error` with a `code`.
pub type WasmResult<T> = Result<T, WasmError>;
