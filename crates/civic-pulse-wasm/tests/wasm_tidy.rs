//! `Tidy` through the JS bindings (wasm-bindgen-test, Node and Chromium). `checkClaims` and
//! `sliceIpc` are the on-demand module's: crates/civic-pulse-extra/tests/wasm_extra.rs.
#![cfg(target_arch = "wasm32")]

use civic_pulse_wasm::{JsSnapshot, JsTidy, WasmError};
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const RAILWAY: &[u8] = include_bytes!("../../../www/data/railway_12306_monthly.arrow");
const IIT: &[u8] = include_bytes!("../../../www/data/iit_monthly.arrow");
const CLAIMS: &[u8] = include_bytes!("../../../www/data/claims.arrow");

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

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &k.into()).unwrap()
}

#[wasm_bindgen_test]
fn series_and_analytics_by_date() {
    let t = JsTidy::from_ipc(&js_bytes(RAILWAY)).unwrap();
    assert_eq!(t.entities(), ["铁路12306"]);
    let metric = t.metrics()[0].clone();
    let s: JsValue = t.series("铁路12306", &metric, None).unwrap();
    let dates: Vec<String> = Array::from(&get(&s, "dates"))
        .iter()
        .map(|d| d.as_string().unwrap())
        .collect();
    assert_eq!(dates.len(), 48);
    assert_eq!(dates[0], "2020-01-01");
    // The published all-time peak: 2023-09, 11900 (万台).
    let ext: JsValue = t.extremes("铁路12306", &metric, None).unwrap();
    let max = get(&ext, "max");
    assert_eq!(get(&max, "date").as_string().unwrap(), "2023-09-01");
    assert_eq!(get(&max, "value").as_f64().unwrap(), 11900.0);
    let yoy = t.growth("铁路12306", &metric, 12.0, None).unwrap().to_vec();
    assert!(yoy[11].is_nan() && yoy[12].is_finite());
    let stl: JsValue = t
        .stl("铁路12306", &metric, 12.0, &JsValue::UNDEFINED, None)
        .unwrap();
    assert_eq!(
        get(&stl, "trend")
            .dyn_into::<js_sys::Float64Array>()
            .unwrap()
            .length(),
        48
    );
}

#[wasm_bindgen_test]
fn mean_vs_prior_mean_reproduces_the_iit_claim() {
    // 个税: the 2023 mean is 45.0% above the 2020–2022 mean.
    let t = JsTidy::from_ipc(&js_bytes(IIT)).unwrap();
    let (e, m) = (t.entities()[0].clone(), t.metrics()[0].clone());
    let window = Array::of2(&"2023-01-01".into(), &"2023-12-01".into());
    let prior = Array::of2(&"2020-01-01".into(), &"2022-12-01".into());
    let r = t.mean_vs_prior_mean(&e, &m, &window, &prior, None).unwrap();
    assert!((r - 0.450).abs() <= 0.0005, "{r}");
}

#[wasm_bindgen_test]
fn tidy_errors_carry_codes() {
    let t = JsTidy::from_ipc(&js_bytes(RAILWAY)).unwrap();
    assert_eq!(code_of(t.series("nobody", "x", None)), "invalid_argument");
    assert_eq!(
        code_of(t.growth("铁路12306", &t.metrics()[0], 0.0, None)),
        "invalid_argument"
    );
    assert_eq!(code_of(JsTidy::from_ipc(&js_bytes(b"junk"))), "invalid_ipc");
    // A snapshot that is not tidy (no date column).
    let claims = JsSnapshot::from_ipc(&js_bytes(CLAIMS)).unwrap();
    assert_eq!(code_of(JsTidy::from_snapshot(&claims)), "schema_mismatch");
    let bad = Array::of1(&"2023-01-01".into());
    assert_eq!(
        code_of(t.mean_vs_prior_mean("铁路12306", &t.metrics()[0], &bad, &bad, None)),
        "invalid_argument"
    );
}

#[wasm_bindgen_test]
fn series_rows_and_qualifiers_are_aligned() {
    let bytes = js_bytes(RAILWAY);
    let t = JsTidy::from_ipc(&bytes).unwrap();
    let metric = t.metrics()[0].clone();
    let s = t.series("铁路12306", &metric, None).unwrap();
    let values = get(&s, "values")
        .dyn_into::<js_sys::Float64Array>()
        .unwrap()
        .to_vec();
    let rows = get(&s, "rows").dyn_into::<js_sys::Uint32Array>().unwrap();
    assert_eq!(rows.length() as usize, values.len());
    let qualifier = Array::from(&get(&s, "qualifier"));
    assert_eq!(qualifier.length() as usize, values.len());
    assert!(qualifier.iter().all(|q| q.is_null() || q.is_string()));
    assert!(get(&s, "category").is_null());
}
