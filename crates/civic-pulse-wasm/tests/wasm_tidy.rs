//! `Tidy` through the JS bindings (wasm-bindgen-test, Node and Chromium). `checkClaims`:
//! wasm_claims.rs; `sliceIpc` is the on-demand module's: crates/civic-pulse-extra/tests/wasm_extra.rs.
#![cfg(target_arch = "wasm32")]

use civic_pulse::CodedColumn;
use civic_pulse_wasm::{JsSnapshot, JsTidy};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

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

fn f64s_of(o: &JsValue, k: &str) -> Vec<f64> {
    get(o, k)
        .dyn_into::<js_sys::Float64Array>()
        .unwrap()
        .to_vec()
}

#[wasm_bindgen_test]
fn stl_all_equals_stl_per_entity_and_skips_with_reasons() {
    let t = JsTidy::from_ipc(&js_bytes(IIT)).unwrap();
    let metric = t.metrics()[0].clone();
    // Period inferred from the monthly dates; the contract's shape.
    let all = t.stl_all(&metric, &JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&all, "period").as_f64().unwrap(), 12.0);
    let entities: Vec<String> = Array::from(&get(&all, "entities"))
        .iter()
        .map(|e| e.as_string().unwrap())
        .collect();
    let n = Array::from(&get(&all, "dates")).length() as usize;
    let trend = f64s_of(&all, "trend");
    assert_eq!(trend.len(), entities.len() * n);
    assert_eq!(f64s_of(&all, "seasonalStrength").len(), entities.len());
    let skipped = Array::from(&get(&all, "skipped"));
    for (k, e) in entities.iter().enumerate() {
        let own = t.stl(e, &metric, 12.0, &JsValue::UNDEFINED, None);
        let mine = &trend[k * n..(k + 1) * n];
        match own {
            // Where the entity's own series decomposes on the full grid, bit for bit.
            Ok(s) if f64s_of(&s, "trend").len() == n => {
                assert_eq!(mine, &f64s_of(&s, "trend")[..], "{e}");
            }
            _ => {
                assert!(mine.iter().all(|v| v.is_nan()), "{e}");
                assert!(skipped
                    .iter()
                    .any(|s| get(&s, "entity").as_string().as_deref() == Some(e.as_str())));
            }
        }
    }
    // Options: period and category besides stl's; unknown keys still refused by name.
    let opts = Object::new();
    Reflect::set(&opts, &"period".into(), &JsValue::from_f64(12.0)).unwrap();
    Reflect::set(&opts, &"robust".into(), &JsValue::TRUE).unwrap();
    assert!(t.stl_all(&metric, &opts).is_ok());
    Reflect::set(&opts, &"bogus".into(), &JsValue::TRUE).unwrap();
    assert_eq!(code_of(t.stl_all(&metric, &opts)), "invalid_argument");
    let bad = Object::new();
    Reflect::set(&bad, &"period".into(), &JsValue::from_str("12")).unwrap();
    assert_eq!(code_of(t.stl_all(&metric, &bad)), "invalid_argument");
    assert_eq!(
        code_of(t.stl_all("no such metric", &JsValue::UNDEFINED)),
        "invalid_argument"
    );
    // growthAll: each entity's row equals growth() of its series where it has no gap.
    let g = t.growth_all(&metric, 12.0, None).unwrap();
    let growth = f64s_of(&g, "growth");
    assert_eq!(growth.len(), entities.len() * n);
    let own = t
        .growth(&entities[0], &metric, 12.0, None)
        .unwrap()
        .to_vec();
    if own.len() == n {
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&growth[..n]), bits(&own));
    }
}

#[wasm_bindgen_test]
fn dictionary_column_and_prehashed_decoding() {
    let snap = JsSnapshot::from_ipc(&js_bytes(RAILWAY)).unwrap();
    let d = snap.dictionary_column("entity").unwrap();
    let keys = get(&d, "keys")
        .dyn_into::<js_sys::Int32Array>()
        .unwrap()
        .to_vec();
    let values: Vec<String> = Array::from(&get(&d, "values"))
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    let text = Array::from(&snap.column("entity").unwrap());
    assert_eq!(keys.len() as u32, text.length());
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(
            values.get(*k as usize).cloned(),
            text.get(i as u32).as_string()
        );
    }
    assert_eq!(code_of(snap.dictionary_column("value")), "schema_mismatch");
    // The page hashes with WebCrypto; here the hash the catalog would list.
    let h = civic_pulse::snapshot::sha256_hex(RAILWAY);
    let trusted = JsSnapshot::from_prehashed_ipc(&js_bytes(RAILWAY), &h, &h).unwrap();
    assert!(!trusted.validated());
    let other = JsSnapshot::from_prehashed_ipc(&js_bytes(RAILWAY), &h, &"0".repeat(64)).unwrap();
    assert!(other.validated());
}

/// `Tidy.fromColumns` over a snapshot's coded columns gives the series and batched STL that
/// `Tidy.fromIpc` gives on the same bytes; bad keys and lengths are typed errors.
#[wasm_bindgen_test]
fn from_columns_equals_from_ipc() {
    let snap = civic_pulse::Snapshot::from_ipc(IIT).unwrap();
    let coded = |n: &str| snap.coded_column(snap.column_index(n).unwrap()).unwrap();
    let values = match snap.column("value").unwrap() {
        civic_pulse::Column::Float(v) => v,
        other => panic!("value: {other:?}"),
    };
    let (d, e, m) = (coded("date"), coded("entity"), coded("metric"));
    let cat = snap
        .column_names()
        .iter()
        .any(|n| n == "category")
        .then(|| coded("category"));
    // The snapshot's date and metric columns with the given entity keys, values and category.
    let build = |entity_keys: Vec<i32>, values: Vec<f64>, category: Option<CodedColumn>| {
        let (ck, cv) = category.map(|c| (c.keys, c.values)).unzip();
        let (dk, dv) = (d.keys.clone(), d.values.clone());
        let (mk, mv) = (m.keys.clone(), m.values.clone());
        JsTidy::from_columns(
            dk,
            dv,
            entity_keys,
            e.values.clone(),
            mk,
            mv,
            values,
            ck,
            cv,
        )
    };
    let cols = build(e.keys.clone(), values.clone(), cat).unwrap();
    let ipc = JsTidy::from_ipc(&js_bytes(IIT)).unwrap();
    assert_eq!(cols.entities(), ipc.entities());
    assert_eq!(cols.metrics(), ipc.metrics());
    assert_eq!(cols.categories(), ipc.categories());
    let metric = ipc.metrics()[0].clone();
    let category = ipc.categories().first().cloned();
    for entity in ipc.entities() {
        let (a, b) = (
            cols.growth(&entity, &metric, 1.0, category.clone()),
            ipc.growth(&entity, &metric, 1.0, category.clone()),
        );
        match (a, b) {
            (Ok(a), Ok(b)) => assert_eq!(format!("{:?}", a.to_vec()), format!("{:?}", b.to_vec())),
            (a, b) => assert_eq!(code_of(a), code_of(b)),
        }
    }
    let too_few = build(e.keys.clone(), values[1..].to_vec(), None);
    assert_eq!(code_of(too_few), "invalid_argument");
    let mut bad = e.keys.clone();
    bad[0] = i32::try_from(e.values.len()).unwrap();
    let out_of_range = build(bad, values, None);
    assert_eq!(code_of(out_of_range), "invalid_argument");
}
