//! `Snapshot.columnView`, `IpcInput` and `Snapshot.fromInput` (issue 14) through the JS
//! bindings, in Node and headless Chromium: views equal `column()`'s copies value for value,
//! a direct view shares WASM memory, consumed inputs and non-numeric columns are refused.
#![cfg(target_arch = "wasm32")]

use civic_pulse_wasm::{JsIpcInput, JsSnapshot, WasmError};
use js_sys::{Float64Array, Uint8Array, WebAssembly};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

macro_rules! gold {
    ($path:literal) => {
        include_bytes!(concat!(env!("ARROW_TESTING_DIR"), "/", $path))
    };
}

const PRIMITIVE: &[u8] = gold!("1.0.0-littleendian/generated_primitive.arrow_file");
const DICTIONARY: &[u8] = gold!("1.0.0-littleendian/generated_dictionary.arrow_file");

/// Bit-for-bit equality (NaN = NaN), as the copy and the view must agree exactly.
fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

fn from_input(bytes: &[u8]) -> (JsIpcInput, Result<JsSnapshot, WasmError>) {
    let mut input = JsIpcInput::new(bytes.len() as f64).unwrap();
    assert_eq!(input.length(), bytes.len() as f64);
    input.bytes().unwrap().copy_from(bytes);
    let snap = JsSnapshot::from_input(&mut input);
    (input, snap)
}

#[wasm_bindgen_test]
fn every_numeric_column_viewed_equals_its_copy() {
    let snap = JsSnapshot::from_ipc(&Uint8Array::from(PRIMITIVE).into()).unwrap();
    let mut numeric = 0;
    for name in snap.column_names() {
        let copy = match snap.column(&name) {
            Ok(c) => c,
            // A column `column` refuses (its type) is refused by the view with the same code.
            Err(e) => {
                assert_eq!(code_of(snap.column_view(&name)), e.0.code(), "{name}");
                continue;
            }
        };
        let Some(copy) = copy.dyn_ref::<Float64Array>() else {
            assert_eq!(
                code_of(snap.column_view(&name)),
                "schema_mismatch",
                "{name}"
            );
            continue;
        };
        numeric += 1;
        let view = snap.column_view(&name).unwrap();
        assert!(same(&view.to_vec(), &copy.to_vec()), "{name}");
        // Asking twice gives the same values (converted columns are kept, not rebuilt).
        assert!(same(
            &snap.column_view(&name).unwrap().to_vec(),
            &copy.to_vec()
        ));
    }
    assert!(numeric > 5, "{numeric} numeric columns");
    assert_eq!(code_of(snap.column_view("no such")), "no_such_column");
}

#[wasm_bindgen_test]
fn a_float64_column_without_nulls_is_a_view_onto_wasm_memory() {
    // value: float64, no nulls, one batch -> shown where the decoder left it.
    let bytes = civic_pulse::export::rows_to_ipc(
        &civic_pulse::tidy::example_snapshot().unwrap(),
        &[0, 1, 2, 3, 4, 5],
    )
    .unwrap();
    let snap = JsSnapshot::from_ipc(&Uint8Array::from(&bytes[..]).into()).unwrap();
    let view = snap.column_view("value").unwrap();
    let memory: WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    assert!(
        JsValue::from(view.buffer()) == memory.buffer(),
        "the view's buffer is WASM memory"
    );
    assert!(same(
        &view.to_vec(),
        &snap
            .column("value")
            .unwrap()
            .unchecked_into::<Float64Array>()
            .to_vec()
    ));
}

#[wasm_bindgen_test]
fn from_input_reads_as_from_ipc_and_consumes_the_input() {
    for bytes in [PRIMITIVE, DICTIONARY] {
        let (mut input, snap) = from_input(bytes);
        let snap = snap.unwrap();
        let reference = JsSnapshot::from_ipc(&Uint8Array::from(bytes).into()).unwrap();
        assert_eq!(snap.num_rows(), reference.num_rows());
        assert!(snap.validated());
        for (i, name) in reference.column_names().iter().enumerate() {
            let (a, b) = (snap.column_at(i), reference.column_at(i));
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(
                        js_sys::JSON::stringify(&a).unwrap(),
                        js_sys::JSON::stringify(&b).unwrap(),
                        "{name}"
                    );
                }
                (Err(a), Err(b)) => assert_eq!(a.0.code(), b.0.code(), "{name}"),
                _ => panic!("{name}: fromInput and fromIpc disagree"),
            }
        }
        // The buffer now belongs to the snapshot.
        assert_eq!(code_of(input.bytes()), "invalid_argument");
        assert_eq!(
            code_of(JsSnapshot::from_input(&mut input)),
            "invalid_argument"
        );
    }
}

#[wasm_bindgen_test]
fn inputs_are_checked_before_anything_is_read() {
    assert_eq!(code_of(JsIpcInput::new(0.0)), "invalid_ipc");
    assert_eq!(code_of(JsIpcInput::new(-1.0)), "invalid_argument");
    assert_eq!(code_of(JsIpcInput::new(1.5)), "invalid_argument");
    // Above the reader's 1 GiB limit: refused before allocating.
    assert_eq!(
        code_of(JsIpcInput::new((1u64 << 31) as f64)),
        "invalid_argument"
    );
    // Bytes never written are zero: not Arrow, refused (not read wrong).
    let mut blank = JsIpcInput::new(64.0).unwrap();
    assert!(blank.bytes().unwrap().to_vec().iter().all(|&b| b == 0));
    assert_eq!(code_of(JsSnapshot::from_input(&mut blank)), "invalid_ipc");
    // A truncated file written into a larger input: the zero tail is not a footer.
    let (_, snap) = from_input(&PRIMITIVE[..PRIMITIVE.len() / 2]);
    assert_eq!(code_of(snap), "invalid_ipc");
}
