//! The on-demand module's export, `sliceIpc`, through the JS bindings (wasm-bindgen-test, Node
//! and Chromium). Results are read back with the core crate, which is what the first module
//! runs; `sliceIpc` takes bytes because the two modules share no memory. (`checkClaims` is the
//! first module's since issue 15: crates/civic-pulse-wasm/tests/wasm_claims.rs.)
#![cfg(target_arch = "wasm32")]

use civic_pulse::{Column, Snapshot, Tidy};
use civic_pulse_extra::slice_ipc;
use civic_pulse_wasm::WasmError;
use js_sys::{Array, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const RAILWAY: &[u8] = include_bytes!("../../../www/data/railway_12306_monthly.arrow");
const DICTIONARY: &[u8] = include_bytes!(concat!(
    env!("ARROW_TESTING_DIR"),
    "/1.0.0-littleendian/generated_dictionary.arrow_file"
));

/// Bytes as JavaScript passes them: a `Uint8Array`.
fn js_bytes(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

fn code_of<T>(r: Result<T, WasmError>) -> String {
    let err: JsValue = r.err().expect("an error").into();
    assert!(err.is_instance_of::<js_sys::Error>());
    Reflect::get(&err, &"code".into())
        .unwrap()
        .as_string()
        .unwrap()
}

fn text(c: Column) -> Vec<Option<String>> {
    match c {
        Column::Text(v) => v,
        _ => panic!("expected a text column"),
    }
}

#[wasm_bindgen_test]
fn slice_ipc_round_trips_the_chosen_rows() {
    let snap = Snapshot::from_ipc(DICTIONARY).unwrap();
    let rows = Uint32Array::from(&[3u32, 0][..]);
    let bytes = slice_ipc(&js_bytes(DICTIONARY), &rows).unwrap();
    let back = Snapshot::from_ipc(&bytes).unwrap();
    assert_eq!(back.num_rows(), 2);
    assert_eq!(back.column_names(), snap.column_names());
    let all = text(snap.column("dict1").unwrap());
    let got = text(back.column("dict1").unwrap());
    assert_eq!(got, vec![all[3].clone(), all[0].clone()]);
    let too_far = Array::of1(&JsValue::from_f64(snap.num_rows() as f64));
    assert_eq!(
        code_of(slice_ipc(&js_bytes(DICTIONARY), &too_far)),
        "invalid_argument"
    );
    let not_int = Array::of1(&JsValue::from_f64(0.5));
    assert_eq!(
        code_of(slice_ipc(&js_bytes(DICTIONARY), &not_int)),
        "invalid_argument"
    );
    assert_eq!(
        code_of(slice_ipc(&js_bytes(b"junk"), &Array::new())),
        "invalid_ipc"
    );
}

#[wasm_bindgen_test]
fn series_rows_cut_the_same_points_back_out() {
    // The rows of a series (what the first module's Tidy.series returns as `rows`), cut out of
    // the dataset as Arrow IPC, hold exactly the series' values.
    let t = Tidy::from_ipc(RAILWAY).unwrap();
    let metric = t.metrics()[0].clone();
    let s = t.series("铁路12306", &metric, None).unwrap();
    let rows: Vec<u32> = s.rows.iter().map(|&r| r as u32).collect();
    let cut = slice_ipc(&js_bytes(RAILWAY), &Uint32Array::from(&rows[..])).unwrap();
    let back = Snapshot::from_ipc(&cut).unwrap();
    let Column::Float(back_values) = back.column("value").unwrap() else {
        panic!("value is numeric");
    };
    assert_eq!(back_values.len(), s.values.len());
    for (a, b) in back_values.iter().zip(&s.values) {
        assert!(a == b || (a.is_nan() && b.is_nan()), "{a} != {b}");
    }
}
