//! `Snapshot.fromIpc` through the JS bindings, run by wasm-bindgen-test in Node and in headless
//! Chromium (`WASM_BINDGEN_USE_BROWSER=1`). The gold files are compiled in, since wasm has no
//! file system.
#![cfg(target_arch = "wasm32")]

use civic_pulse_wasm::{JsSnapshot, WasmError};
use js_sys::{Array, Float64Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

macro_rules! gold {
    ($path:literal) => {
        include_bytes!(concat!(env!("ARROW_TESTING_DIR"), "/", $path))
    };
}

/// `Snapshot.fromIpc(new Uint8Array(bytes))`.
fn from_ipc(bytes: &[u8]) -> Result<JsSnapshot, WasmError> {
    JsSnapshot::from_ipc(&js_bytes(bytes))
}

fn strings(v: JsValue) -> Vec<Option<String>> {
    v.dyn_into::<Array>()
        .unwrap()
        .iter()
        .map(|x| x.as_string())
        .collect()
}

#[wasm_bindgen_test]
fn file_and_stream_read_the_same_primitives() {
    let file = from_ipc(gold!("1.0.0-littleendian/generated_primitive.arrow_file")).unwrap();
    let stream = from_ipc(gold!("1.0.0-littleendian/generated_primitive.stream")).unwrap();
    assert_eq!(file.num_rows(), stream.num_rows());
    assert!(file.num_rows() > 0.0);
    assert_eq!(file.column_names(), stream.column_names());
    let a = file
        .column("int32_nullable")
        .unwrap()
        .dyn_into::<Float64Array>()
        .unwrap()
        .to_vec();
    let b = stream
        .column("int32_nullable")
        .unwrap()
        .dyn_into::<Float64Array>()
        .unwrap()
        .to_vec();
    assert_eq!(a.len(), b.len());
    assert!(a
        .iter()
        .zip(&b)
        .all(|(x, y)| x == y || (x.is_nan() && y.is_nan())));
    // Strings come back as string | null.
    let s = strings(file.column("utf8_nullable").unwrap());
    assert_eq!(s.len() as f64, file.num_rows());
    let bools = file
        .column("bool_nullable")
        .unwrap()
        .dyn_into::<Array>()
        .unwrap();
    assert!(bools.iter().all(|v| v.is_null() || v.as_bool().is_some()));
}

#[wasm_bindgen_test]
fn lz4_and_zstd_batches_decode() {
    for bytes in [
        &gold!("2.0.0-compression/generated_lz4.arrow_file")[..],
        &gold!("2.0.0-compression/generated_lz4.stream")[..],
        &gold!("2.0.0-compression/generated_zstd.arrow_file")[..],
        &gold!("2.0.0-compression/generated_zstd.stream")[..],
    ] {
        let snap = from_ipc(bytes).unwrap();
        let names = snap.column_names();
        assert_eq!(names.len(), 2);
        let ints = snap
            .column(&names[0])
            .unwrap()
            .dyn_into::<Float64Array>()
            .unwrap();
        assert_eq!(ints.length() as f64, snap.num_rows());
        assert_eq!(
            strings(snap.column(&names[1]).unwrap()).len() as f64,
            snap.num_rows()
        );
    }
}

#[wasm_bindgen_test]
fn dictionaries_decode_to_strings() {
    let snap = from_ipc(gold!("1.0.0-littleendian/generated_dictionary.arrow_file")).unwrap();
    let dict0 = strings(snap.column("dict0").unwrap());
    // First batch, from the JSON: keys [2,7,3,7,0,4,8], validity [1,0,1,0,0,0,0]; DICT0[2] = "nwg€6d€".
    assert_eq!(dict0[0].as_deref(), Some("nwg€6d€"));
    assert_eq!(dict0[1], None);
    let shared = from_ipc(gold!("4.0.0-shareddict/generated_shared_dict.stream")).unwrap();
    for name in shared.column_names() {
        assert!(shared.column(&name).is_ok());
    }
}

#[wasm_bindgen_test]
fn dates_are_iso_strings() {
    let snap = from_ipc(gold!("1.0.0-littleendian/generated_datetime.arrow_file")).unwrap();
    let f0 = strings(snap.column("f0").unwrap());
    assert_eq!(f0[0].as_deref(), Some("0001-01-01"));
    assert_eq!(f0[1].as_deref(), Some("9999-12-31"));
}

#[wasm_bindgen_test]
fn metadata_is_a_plain_object() {
    let snap = from_ipc(gold!(
        "1.0.0-littleendian/generated_custom_metadata.arrow_file"
    ))
    .unwrap();
    let meta = snap.metadata().unwrap();
    assert!(js_sys::Object::keys(&meta).length() > 0);
}

#[wasm_bindgen_test]
fn errors_carry_contract_codes() {
    assert_eq!(code_of(from_ipc(&[])), "invalid_ipc");
    assert_eq!(code_of(from_ipc(b"ARROW1\0\0garbage")), "invalid_ipc");
    assert_eq!(code_of(from_ipc(&[0xff; 64])), "invalid_ipc");
    let good = gold!("1.0.0-littleendian/generated_nested.arrow_file");
    assert_eq!(code_of(from_ipc(&good[..good.len() / 2])), "invalid_ipc");
    let nested = from_ipc(good).unwrap();
    let first = nested.column_names()[0].clone();
    assert_eq!(code_of(nested.column(&first)), "unsupported_type");
    assert_eq!(code_of(nested.column("no such column")), "no_such_column");
    assert_eq!(code_of(nested.column_at(999)), "invalid_argument");
    // The module still works after errors.
    assert!(from_ipc(gold!("2.0.0-compression/generated_lz4.stream")).is_ok());
}

#[wasm_bindgen_test]
fn array_buffer_and_data_view_inputs_read_the_same() {
    let bytes = gold!("1.0.0-littleendian/generated_primitive.arrow_file");
    let u8s = Uint8Array::from(&bytes[..]);
    let from_buffer = JsSnapshot::from_ipc(&u8s.buffer().into()).unwrap();
    // A view into the middle of a larger buffer reads only its own bytes.
    let padded = Uint8Array::new_with_length(bytes.len() as u32 + 16);
    padded.set(&u8s, 8);
    let view = js_sys::DataView::new(&padded.buffer(), 8, bytes.len());
    let from_view = JsSnapshot::from_ipc(&view.into()).unwrap();
    let reference = from_ipc(bytes).unwrap();
    assert_eq!(from_buffer.num_rows(), reference.num_rows());
    assert_eq!(from_view.column_names(), reference.column_names());
    assert_eq!(
        strings(from_view.column("utf8_nullable").unwrap()),
        strings(reference.column("utf8_nullable").unwrap())
    );
    assert_eq!(
        code_of(JsSnapshot::from_ipc(&JsValue::from_str("ARROW1"))),
        "invalid_argument"
    );
}
