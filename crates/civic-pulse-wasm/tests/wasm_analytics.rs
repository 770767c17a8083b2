//! Every analytics binding, called as JavaScript would call it (JsValue in, JsValue out),
//! including each error code. Runs in Node by default and in headless Chromium with
//! `WASM_BINDGEN_USE_BROWSER=1` (see the report for the exact commands).
#![cfg(target_arch = "wasm32")]

use civic_pulse_wasm::*;
use js_sys::{Array, Float64Array, Object, Reflect, Uint32Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn ok<T>(r: WasmResult<T>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => {
            let js = JsValue::from(e);
            panic!("unexpected error: {:?}", js);
        }
    }
}

/// The error's `code` and message (asserting it is a JS `Error`).
fn err<T>(r: WasmResult<T>) -> (String, String) {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => {
            let js = JsValue::from(e);
            assert!(js.is_instance_of::<js_sys::Error>());
            let code = Reflect::get(&js, &"code".into())
                .unwrap()
                .as_string()
                .unwrap();
            let msg = js
                .unchecked_ref::<js_sys::Error>()
                .message()
                .as_string()
                .unwrap();
            (code, msg)
        }
    }
}

fn arr(v: &[f64]) -> JsValue {
    v.iter()
        .map(|&x| JsValue::from_f64(x))
        .collect::<Array>()
        .into()
}

fn f64a(v: &[f64]) -> JsValue {
    Float64Array::from(v).into()
}

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &k.into()).unwrap()
}

fn vec_of(v: &JsValue) -> Vec<f64> {
    v.dyn_ref::<Float64Array>().expect("Float64Array").to_vec()
}

fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x.is_nan() && y.is_nan()) || (x - y).abs() < 1e-9)
}

#[wasm_bindgen_test]
fn growth_accepts_both_array_kinds() {
    let nan = f64::NAN;
    for input in [
        arr(&[100.0, 110.0, 0.0, 5.0]),
        f64a(&[100.0, 110.0, 0.0, 5.0]),
    ] {
        let g = ok(js_growth(&input, 1.0)).to_vec();
        assert!(same(&g, &[nan, 0.1, -1.0, nan]));
    }
    // null / undefined are missing values
    let with_null: Array = [
        JsValue::from(1.0),
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from(4.0),
    ]
    .into_iter()
    .collect();
    let g = ok(js_growth(&with_null, 1.0)).to_vec();
    assert!(g.iter().all(|x| x.is_nan()));
    // other numeric typed arrays convert
    let ints = js_sys::Int32Array::from(&[2, 4][..]);
    assert!(same(&ok(js_growth(&ints, 1.0)).to_vec(), &[nan, 1.0]));
    // errors
    assert_eq!(err(js_growth(&arr(&[1.0]), 0.0)).0, "invalid_argument");
    let (code, msg) = err(js_growth(&arr(&[1.0]), 1.5));
    assert_eq!(code, "invalid_argument");
    assert!(msg.contains("lag") && msg.contains("1.5"), "{msg}");
    assert_eq!(err(js_growth(&arr(&[1.0]), -1.0)).0, "invalid_argument");
    let bad: Array = [JsValue::from(1.0), JsValue::from_str("x")]
        .into_iter()
        .collect();
    let (code, msg) = err(js_growth(&bad, 1.0));
    assert_eq!(code, "invalid_argument");
    assert!(msg.contains("values[1]") && msg.contains("\"x\""), "{msg}");
    assert_eq!(
        err(js_growth(&JsValue::from_str("1,2"), 1.0)).0,
        "invalid_argument"
    );
    assert_eq!(
        err(js_growth(&JsValue::UNDEFINED, 1.0)).0,
        "invalid_argument"
    );
    let big = js_sys::BigInt64Array::new_with_length(2);
    assert_eq!(err(js_growth(&big, 1.0)).0, "invalid_argument");
}

#[wasm_bindgen_test]
fn cagr_and_compound_growth() {
    assert!((ok(js_cagr(100.0, 121.0, 2.0)) - 0.1).abs() < 1e-12);
    assert!(ok(js_cagr(f64::NAN, 1.0, 1.0)).is_nan());
    for (f, l, p) in [
        (0.0, 1.0, 1.0),
        (1.0, 1.0, 0.0),
        (1.0, -1.0, 1.0),
        (1.0, f64::INFINITY, 1.0),
    ] {
        assert_eq!(err(js_cagr(f, l, p)).0, "invalid_argument");
    }
    let g = ok(js_compound_growth(&arr(&[100.0, 110.0, 121.0]), 2.0)).to_vec();
    assert!((g[2] - 0.1).abs() < 1e-12 && g[1].is_nan());
    assert_eq!(
        err(js_compound_growth(&arr(&[1.0]), 0.0)).0,
        "invalid_argument"
    );
    assert!((js_implied_start(1796.8, -0.016, 6.0) - 1979.4).abs() < 0.05);
}

#[wasm_bindgen_test]
fn ratio_extremes_peaks_means() {
    let r = ok(js_ratio_to_base(&arr(&[10.0, 19.0]), 0.0)).to_vec();
    assert_eq!(r, vec![1.0, 1.9]);
    assert_eq!(
        err(js_ratio_to_base(&arr(&[10.0]), 1.0)).0,
        "invalid_argument"
    );

    let e: JsValue = ok(js_extremes(&arr(&[3.0, f64::NAN, 9.0, 1.0])));
    assert_eq!(get(&get(&e, "max"), "index").as_f64(), Some(2.0));
    assert_eq!(get(&get(&e, "min"), "value").as_f64(), Some(1.0));
    let empty: JsValue = ok(js_extremes(&arr(&[])));
    assert!(get(&empty, "max").is_null());
    assert_eq!(err(js_extremes(&JsValue::from(3.0))).0, "invalid_argument");

    let v = [5.0, 6.0, 7.0, 9.0, 7.0, 6.0, 6.0, 7.0, 10.0, 8.0, 7.0, 7.5];
    assert_eq!(ok(js_peaks(&arr(&v))).to_vec(), vec![3, 8]);
    assert_eq!(ok(js_troughs(&arr(&v))).to_vec(), vec![5, 10]);
    assert_eq!(err(js_peaks(&JsValue::NULL)).0, "invalid_argument");
    assert_eq!(err(js_troughs(&JsValue::NULL)).0, "invalid_argument");

    let mut s = vec![100.0; 36];
    s.extend(vec![145.0; 12]);
    let r = ok(js_mean_vs_prior_mean(
        &arr(&s),
        &arr(&[36.0, 48.0]),
        &arr(&[0.0, 36.0]),
    ));
    assert!((r - 0.45).abs() < 1e-12);
    assert_eq!(
        err(js_mean_vs_prior_mean(
            &arr(&s),
            &arr(&[36.0, 49.0]),
            &arr(&[0.0, 36.0])
        ))
        .0,
        "invalid_argument"
    );
    assert_eq!(
        err(js_mean_vs_prior_mean(
            &arr(&s),
            &arr(&[36.0]),
            &arr(&[0.0, 36.0])
        ))
        .0,
        "invalid_argument"
    );
}

#[wasm_bindgen_test]
fn penetration_and_pp() {
    let p = ok(js_penetration(&arr(&[1.8, 1.0]), &f64a(&[13.9, 0.0]))).to_vec();
    assert!((p[0] - 0.1295).abs() < 1e-4 && p[1].is_nan());
    assert_eq!(
        err(js_penetration(&arr(&[1.0]), &arr(&[]))).0,
        "invalid_argument"
    );

    let named: JsValue = ok(js_penetration_with_base(
        &arr(&[1.0]),
        &arr(&[4.0]),
        "all devices",
    ));
    assert_eq!(
        get(&named, "baseName").as_string().as_deref(),
        Some("all devices")
    );
    assert_eq!(vec_of(&get(&named, "values")), vec![0.25]);
    assert_eq!(
        err(js_penetration_with_base(&arr(&[1.0]), &arr(&[4.0]), "")).0,
        "invalid_argument"
    );

    let d = ok(js_pp_change(&arr(&[0.08]), &arr(&[0.13]))).to_vec();
    assert!((d[0] - 5.0).abs() < 1e-9);
    assert_eq!(
        err(js_pp_change(&arr(&[0.08]), &arr(&[]))).0,
        "invalid_argument"
    );
}

#[wasm_bindgen_test]
fn tiers_and_tgi() {
    let s = ok(js_tier_shares(&arr(&[1.0, 3.0, 4.0, 2.0, 0.0, 0.0]))).to_vec();
    assert_eq!(s, vec![0.1, 0.3, 0.4, 0.2, 0.0, 0.0]);
    assert!(ok(js_tier_shares(&arr(&[0.0, 0.0])))
        .to_vec()
        .iter()
        .all(|x| x.is_nan()));
    assert_eq!(
        err(js_tier_shares(&arr(&[1.0, -1.0]))).0,
        "invalid_argument"
    );

    let t = ok(js_tgi(&arr(&[0.3, 0.1]), &arr(&[0.2, 0.0]))).to_vec();
    assert!((t[0] - 150.0).abs() < 1e-9 && t[1].is_nan());
    assert_eq!(err(js_tgi(&arr(&[0.3]), &arr(&[]))).0, "invalid_argument");

    let names: Array = ok(js_tier_names()).unchecked_into();
    assert_eq!(names.length(), 6);
    assert_eq!(
        get(&names.get(1), "zh").as_string().as_deref(),
        Some("新一线")
    );
    assert_eq!(
        get(&names.get(5), "en").as_string().as_deref(),
        Some("Tier 5 and below")
    );
    let t: JsValue = ok(js_parse_tier("五线及以下城市"));
    assert_eq!(get(&t, "index").as_f64(), Some(5.0));
    assert_eq!(err(js_parse_tier("六线")).0, "invalid_argument");
}

#[wasm_bindgen_test]
fn group_by_regions() {
    let keys: Array = ["东部", "西部", "东部", "中部"]
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect();
    let keys_with_null: Array = keys.iter().chain([JsValue::NULL]).collect();
    let g: JsValue = ok(js_group_by(
        &keys_with_null,
        &arr(&[82.0, 62.0, 81.0, 61.0, 1.0]),
    ));
    let k: Array = get(&g, "keys").unchecked_into();
    assert_eq!(k.length(), 4);
    assert_eq!(k.get(0).as_string().as_deref(), Some("东部"));
    assert!(k.get(3).is_null());
    assert_eq!(vec_of(&get(&g, "mean")), vec![81.5, 62.0, 61.0, 1.0]);
    assert_eq!(vec_of(&get(&g, "count")), vec![2.0, 1.0, 1.0, 1.0]);
    assert_eq!(err(js_group_by(&keys, &arr(&[1.0]))).0, "invalid_argument");
    let bad: Array = [JsValue::from(1.0)].into_iter().collect();
    let (code, msg) = err(js_group_by(&bad, &arr(&[1.0])));
    assert_eq!(code, "invalid_argument");
    assert!(msg.contains("keys[0]"), "{msg}");
    assert_eq!(
        err(js_group_by(&JsValue::from_str("a"), &arr(&[1.0]))).0,
        "invalid_argument"
    );
}

fn seasonal_series(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| 100.0 + i as f64 + 10.0 * (i as f64 * std::f64::consts::PI / 6.0).sin())
        .collect()
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
fn stl_result_shape_and_options() {
    let y = seasonal_series(48);
    for opts in [JsValue::UNDEFINED, JsValue::NULL, Object::new().into()] {
        let d: JsValue = ok(js_stl(&f64a(&y), 12.0, &opts));
        for k in [
            "trend",
            "seasonal",
            "remainder",
            "weights",
            "seasonallyAdjusted",
        ] {
            assert_eq!(vec_of(&get(&d, k)).len(), 48, "{k}");
        }
        let ss = get(&d, "seasonalStrength").as_f64().unwrap();
        let ts = get(&d, "trendStrength").as_f64().unwrap();
        assert!(ss > 0.9 && (0.0..=1.0).contains(&ts));
        let t = vec_of(&get(&d, "trend"));
        let s = vec_of(&get(&d, "seasonal"));
        let r = vec_of(&get(&d, "remainder"));
        for i in 0..48 {
            assert!((t[i] + s[i] + r[i] - y[i]).abs() < 1e-9);
        }
        assert_eq!(get(&get(&d, "params"), "trend").as_f64(), Some(23.0));
    }
    // number[] input and every option spelled out
    let all = options(&[
        ("seasonal", 13.0.into()),
        ("trend", 25.0.into()),
        ("lowPass", 13.0.into()),
        ("seasonalDeg", 0.0.into()),
        ("trendDeg", 1.0.into()),
        ("lowPassDeg", 0.0.into()),
        ("robust", true.into()),
        ("seasonalJump", 2.0.into()),
        ("trendJump", 3.0.into()),
        ("lowPassJump", 1.0.into()),
        ("innerIter", 2.0.into()),
        ("outerIter", 4.0.into()),
        ("fill", "none".into()),
    ]);
    let d: JsValue = ok(js_stl(&arr(&y), 12.0, &all));
    let p = get(&d, "params");
    assert_eq!(get(&p, "outerIter").as_f64(), Some(4.0));
    assert_eq!(get(&p, "robust").as_bool(), Some(true));
    let p: JsValue = ok(js_stl_params(24.0, &JsValue::UNDEFINED));
    assert_eq!(get(&p, "trend").as_f64(), Some(47.0));
    assert_eq!(get(&p, "lowPass").as_f64(), Some(25.0));
}

#[wasm_bindgen_test]
fn stl_errors_and_fill() {
    let y = seasonal_series(48);
    // too_short
    let (code, msg) = err(js_stl(&f64a(&y[..23]), 12.0, &JsValue::UNDEFINED));
    assert_eq!(code, "too_short");
    assert!(msg.contains("23") && msg.contains("24"), "{msg}");
    // missing_values, then fill: "linear"
    let mut gap = y.clone();
    gap[10] = f64::NAN;
    assert_eq!(
        err(js_stl(&f64a(&gap), 12.0, &JsValue::UNDEFINED)).0,
        "missing_values"
    );
    let d: JsValue = ok(js_stl(
        &f64a(&gap),
        12.0,
        &options(&[("fill", "linear".into())]),
    ));
    let filled: Uint32Array = get(&d, "filled").unchecked_into();
    assert_eq!(filled.to_vec(), vec![10]);
    // invalid_argument: period, inf, options
    assert_eq!(
        err(js_stl(&f64a(&y), 1.0, &JsValue::UNDEFINED)).0,
        "invalid_argument"
    );
    assert_eq!(
        err(js_stl(&f64a(&y), 12.5, &JsValue::UNDEFINED)).0,
        "invalid_argument"
    );
    let mut inf = y.clone();
    inf[3] = f64::INFINITY;
    assert_eq!(
        err(js_stl(&f64a(&inf), 12.0, &JsValue::UNDEFINED)).0,
        "invalid_argument"
    );
    let cases: Vec<(JsValue, &str)> = vec![
        (
            options(&[("seasonal", 4.0.into())]),
            "invalid seasonal: 4 (must be odd and >= 3)",
        ),
        (options(&[("trend", 11.0.into())]), "invalid trend: 11"),
        (options(&[("lowPass", 12.0.into())]), "invalid lowPass: 12"),
        (options(&[("seasonalDeg", 2.0.into())]), "seasonalDeg: 2"),
        (options(&[("seasonalJump", 0.0.into())]), "seasonalJump: 0"),
        (options(&[("innerIter", 0.0.into())]), "innerIter: 0"),
        (options(&[("seasonal", "7".into())]), "seasonal: \"7\""),
        (options(&[("trend", 7.5.into())]), "trend: 7.5"),
        (options(&[("robust", 1.0.into())]), "robust: 1"),
        (options(&[("fill", "spline".into())]), "fill: \"spline\""),
        (
            options(&[("period", 12.0.into())]),
            "unknown stl option: \"period\"",
        ),
        (JsValue::from(3.0), "invalid options"),
        (arr(&[1.0]), "invalid options"),
    ];
    for (opts, want) in cases {
        let (code, msg) = err(js_stl(&f64a(&y), 12.0, &opts));
        assert_eq!(code, "invalid_argument", "{want}");
        assert!(msg.contains(want), "{msg} !~ {want}");
    }
    assert_eq!(
        err(js_stl_params(12.0, &options(&[("x", 1.0.into())]))).0,
        "invalid_argument"
    );
    // The message lists every known name, in the struct's order.
    let (_, msg) = err(js_stl(
        &f64a(&y),
        12.0,
        &options(&[("low_pass", 13.0.into())]),
    ));
    assert!(
        msg.contains("unknown stl option: \"low_pass\"")
            && msg.contains("(known: seasonal, trend, lowPass, seasonalDeg, trendDeg, lowPassDeg, robust, seasonalJump, trendJump, lowPassJump, innerIter, outerIter, fill)"),
        "{msg}"
    );
    // null and absent options are the defaults; the resolved parameters echo every option.
    let p: JsValue = ok(js_stl_params(12.0, &options(&[("trend", JsValue::NULL)])));
    let keys: Vec<String> = js_sys::Object::keys(p.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(keys[0], "period");
    assert_eq!(
        &keys[1..],
        civic_pulse_wasm::options::field_names::<StlOptions>()
    );
    assert_eq!(get(&p, "fill").as_string().as_deref(), Some("none"));
    assert_eq!(get(&p, "seasonalDeg").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn no_trap_on_hostile_numbers() {
    // Huge, tiny, NaN and inf through every array function: typed errors or values, no trap.
    let nasty = [
        f64::MAX,
        -f64::MAX,
        5e-324,
        0.0,
        -0.0,
        f64::NAN,
        f64::INFINITY,
        1.0,
    ];
    let v = arr(&nasty);
    let _ = js_growth(&v, 1.0);
    let _ = js_compound_growth(&v, 3.0);
    let _ = js_ratio_to_base(&v, 7.0);
    let _ = js_extremes(&v);
    let _ = js_peaks(&v);
    let _ = js_troughs(&v);
    let _ = js_penetration(&v, &v);
    let _ = js_pp_change(&v, &v);
    let _ = js_tier_shares(&v);
    let _ = js_tgi(&v, &v);
    let _ = js_mean_vs_prior_mean(&v, &arr(&[0.0, 4.0]), &arr(&[4.0, 8.0]));
    let huge: Vec<f64> = (0..48)
        .map(|i| if i % 2 == 0 { f64::MAX } else { -f64::MAX })
        .collect();
    let robust = options(&[("robust", true.into())]);
    assert!(js_stl(&f64a(&huge), 12.0, &robust).is_ok());
    // ±inf is invalid_argument (checked before NaN, which is missing_values)
    assert_eq!(err(js_stl(&v, 2.0, &robust)).0, "invalid_argument");
    let nan_only = arr(&[1.0, f64::NAN, 3.0, 4.0, 5.0]);
    assert_eq!(err(js_stl(&nan_only, 2.0, &robust)).0, "missing_values");
}
