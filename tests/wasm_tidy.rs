//! `Tidy` and `checkClaims` through the JS bindings (wasm-bindgen-test, Node and Chromium).
#![cfg(target_arch = "wasm32")]

use civic_pulse::wasm::{check_claims, JsSnapshot, JsTidy, WasmError};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const RAILWAY: &[u8] = include_bytes!("../www/data/railway_12306_monthly.arrow");
const IIT: &[u8] = include_bytes!("../www/data/iit_monthly.arrow");
const CLAIMS: &[u8] = include_bytes!("../www/data/claims.arrow");

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
    let t = JsTidy::from_ipc(RAILWAY).unwrap();
    assert_eq!(t.entities(), ["铁路12306"]);
    let metric = t.metrics()[0].clone();
    let s: JsValue = t.series("铁路12306", &metric, None).unwrap().into();
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
        .unwrap()
        .into();
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
    let t = JsTidy::from_ipc(IIT).unwrap();
    let (e, m) = (t.entities()[0].clone(), t.metrics()[0].clone());
    let window = Array::of2(&"2023-01-01".into(), &"2023-12-01".into());
    let prior = Array::of2(&"2020-01-01".into(), &"2022-12-01".into());
    let r = t.mean_vs_prior_mean(&e, &m, &window, &prior, None).unwrap();
    assert!((r - 0.450).abs() <= 0.0005, "{r}");
}

#[wasm_bindgen_test]
fn tidy_errors_carry_codes() {
    let t = JsTidy::from_ipc(RAILWAY).unwrap();
    assert_eq!(code_of(t.series("nobody", "x", None)), "invalid_argument");
    assert_eq!(
        code_of(t.growth("铁路12306", &t.metrics()[0], 0.0, None)),
        "invalid_argument"
    );
    assert_eq!(code_of(JsTidy::from_ipc(b"junk")), "invalid_ipc");
    // A snapshot that is not tidy (no date column).
    let claims = JsSnapshot::from_ipc(CLAIMS).unwrap();
    assert_eq!(code_of(JsTidy::from_snapshot(&claims)), "schema_mismatch");
    let bad = Array::of1(&"2023-01-01".into());
    assert_eq!(
        code_of(t.mean_vs_prior_mean("铁路12306", &t.metrics()[0], &bad, &bad, None)),
        "invalid_argument"
    );
}

#[wasm_bindgen_test]
fn check_claims_returns_checks_and_summary() {
    let datasets = Object::new();
    Reflect::set(
        &datasets,
        &"railway_12306_monthly".into(),
        &Uint8Array::from(RAILWAY),
    )
    .unwrap();
    let r: JsValue = check_claims(CLAIMS, &datasets).unwrap().into();
    let checks = Array::from(&get(&r, "checks"));
    assert!(checks.length() > 200);
    let verdicts: Vec<String> = checks
        .iter()
        .map(|c| get(&c, "verdict").as_string().unwrap())
        .collect();
    // Claims on datasets that were not given cannot be computed; the 12306 peak can.
    assert!(verdicts.iter().any(|v| v == "matches"));
    assert!(verdicts.iter().any(|v| v == "not_computable"));
    let total = get(&get(&get(&r, "summary"), "all"), "total")
        .as_f64()
        .unwrap();
    assert_eq!(total as u32, checks.length());
    // Bad inputs: not a Uint8Array, not IPC.
    let bad = Object::new();
    Reflect::set(&bad, &"x".into(), &"nope".into()).unwrap();
    assert_eq!(code_of(check_claims(CLAIMS, &bad)), "invalid_argument");
    let bad = Object::new();
    Reflect::set(&bad, &"x".into(), &Uint8Array::from(&b"junk"[..])).unwrap();
    assert_eq!(code_of(check_claims(CLAIMS, &bad)), "invalid_ipc");
    assert_eq!(
        code_of(check_claims(b"junk", &Object::new())),
        "invalid_ipc"
    );
}
