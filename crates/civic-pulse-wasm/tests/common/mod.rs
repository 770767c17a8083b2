//! Helpers shared by the bindings' wasm-bindgen-test suites (each suite uses some of them).
#![allow(dead_code)]

use civic_pulse_wasm::WasmError;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// Report datasets compiled in (wasm has no file system).
pub const RAILWAY: &[u8] = include_bytes!("../../../../www/data/railway_12306_monthly.arrow");
pub const IIT: &[u8] = include_bytes!("../../../../www/data/iit_monthly.arrow");
pub const CLAIMS: &[u8] = include_bytes!("../../../../www/data/claims.arrow");

/// Bytes as JavaScript passes them: a `Uint8Array`.
pub fn js_bytes(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

/// The `code` of the `Error` a call threw; panics when it returned a value or threw no `Error`.
pub fn code_of<T>(r: Result<T, WasmError>) -> String {
    let err: JsValue = match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.into(),
    };
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    Reflect::get(&err, &"code".into())
        .unwrap()
        .as_string()
        .unwrap()
}

/// A property of a JS object.
pub fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &k.into()).unwrap()
}
