//! `checkClaims` through the JS bindings (wasm-bindgen-test, Node and Chromium). In the first
//! module since issue 15 (it was the on-demand module's, which carried a second Arrow reader).
#![cfg(all(target_arch = "wasm32", feature = "claims"))]

use civic_pulse_wasm::check_claims;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod common;
use common::*;

#[wasm_bindgen_test]
fn check_claims_returns_checks_and_summary() {
    let datasets = Object::new();
    Reflect::set(
        &datasets,
        &"railway_12306_monthly".into(),
        &Uint8Array::from(RAILWAY),
    )
    .unwrap();
    let r: JsValue = check_claims(&js_bytes(CLAIMS), &datasets).unwrap();
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
    assert_eq!(
        code_of(check_claims(&js_bytes(CLAIMS), &bad)),
        "invalid_argument"
    );
    let bad = Object::new();
    Reflect::set(&bad, &"x".into(), &Uint8Array::from(&b"junk"[..])).unwrap();
    assert_eq!(
        code_of(check_claims(&js_bytes(CLAIMS), &bad)),
        "invalid_ipc"
    );
    assert_eq!(
        code_of(check_claims(&js_bytes(b"junk"), &Object::new())),
        "invalid_ipc"
    );
}

/// The keys of a plain JS object.
fn keys_of(o: &JsValue) -> Vec<String> {
    Object::keys(o.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn claim_results_match_their_declaration() {
    use civic_pulse_wasm::claims::{ClaimCheck, ClaimSummary, ClaimTally, PartCheck};
    use civic_pulse_wasm::options::field_names;
    let datasets = Object::new();
    Reflect::set(&datasets, &"iit_monthly".into(), &Uint8Array::from(IIT)).unwrap();
    let r = check_claims(&js_bytes(CLAIMS), &datasets).unwrap();
    assert_eq!(keys_of(&r), ["checks", "summary"]);
    let fits = |got: Vec<String>, declared: &[&str], what: &str| {
        for k in &got {
            assert!(declared.contains(&k.as_str()), "{what}.{k} is not declared");
        }
        for k in declared {
            assert!(
                got.iter().any(|g| g == k),
                "{what}.{k} is declared but missing"
            );
        }
    };
    let summary = get(&r, "summary");
    fits(keys_of(&summary), field_names::<ClaimSummary>(), "summary");
    fits(
        keys_of(&get(&summary, "all")),
        field_names::<ClaimTally>(),
        "tally",
    );
    let mut parts = 0;
    for c in Array::from(&get(&r, "checks")).iter() {
        fits(keys_of(&c), field_names::<ClaimCheck>(), "check");
        let verdict = get(&c, "verdict").as_string().unwrap();
        assert!(["matches", "differs", "not_computable"].contains(&verdict.as_str()));
        for p in Array::from(&get(&c, "parts")).iter() {
            fits(keys_of(&p), field_names::<PartCheck>(), "part");
            parts += 1;
        }
    }
    assert!(parts > 0, "no claim on iit_monthly was computed");
}
