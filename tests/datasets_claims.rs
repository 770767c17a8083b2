//! Every claim of `claims.arrow`, checked by the library evaluator (`civic_pulse::claims`)
//! against the built snapshots in `www/data/`, must reach the verdict stored in its `expected`
//! column, so the claims file, the ops and the snapshots cannot drift apart.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../crates/build-data/tests/datasets_common/mod.rs"]
mod datasets_common;
use datasets_common::*;

use std::collections::{BTreeMap, HashMap};

use civic_pulse::claims::{check_claims, summarize, Claim, Verdict};
use civic_pulse::Snapshot;

/// Every built dataset, by id (file stem).
fn all_snapshots() -> HashMap<String, Snapshot> {
    let dir = root().join("www/data");
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) == Some("arrow") {
            let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
            out.insert(id.clone(), snapshot(&id));
        }
    }
    out
}

#[test]
fn every_claim_reaches_its_expected_verdict() {
    let data = all_snapshots();
    let checks = check_claims(&snapshot("claims"), &data).unwrap();
    assert_eq!(checks.len(), 244);
    for c in &checks {
        assert_eq!(
            Some(c.verdict),
            c.expected,
            "claim {} ({} {}): {}",
            c.id,
            c.op,
            c.dataset,
            c.explanation
        );
        // A computed claim always explains itself with its value and the verdict.
        if c.verdict != Verdict::NotComputable {
            assert!(c.computed.is_some(), "{}", c.id);
            assert!(
                c.explanation.ends_with(c.verdict.as_str()),
                "{}",
                c.explanation
            );
        } else {
            assert!(!c.explanation.is_empty(), "{}", c.id);
        }
    }
    let s = summarize(&checks);
    // The reports' own slips show up as `differs`; everything else the data supports matches.
    assert_eq!(
        (
            s.all.total,
            s.all.matches,
            s.all.differs,
            s.all.not_computable
        ),
        (244, 120, 7, 117),
        "{s:?}"
    );
    let differs: Vec<&str> = checks
        .iter()
        .filter(|c| c.verdict == Verdict::Differs)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        differs,
        ["C0085", "C0097", "C0106", "C0108", "C0114", "C0121", "C0141"]
    );
    // The by-report tallies add up to the whole.
    let sum = s.by_report.values().fold([0usize; 4], |a, t| {
        [
            a[0] + t.total,
            a[1] + t.matches,
            a[2] + t.differs,
            a[3] + t.not_computable,
        ]
    });
    assert_eq!(sum, [244, 120, 7, 117]);
}

#[test]
fn explanations_state_the_computation() {
    let data = all_snapshots();
    let checks = check_claims(&snapshot("claims"), &data).unwrap();
    let by_id: BTreeMap<&str, _> = checks.iter().map(|c| (c.id.as_str(), c)).collect();
    // 交管12123 YoY Dec 2023 = 14.4 %.
    let c = by_id["C0011"];
    assert!(
        c.explanation
            .starts_with("交管12123: v(2023-12-01)/v(2022-12-01) − 1 = "),
        "{}",
        c.explanation
    );
    assert!(c.explanation.contains("vs printed 14.4 (±0.05)"));
    assert!(c.difference.unwrap().abs() <= 0.05 + 1e-9);
    // Local peaks over several banks: one part per entity.
    let c = by_id["C0068"];
    assert_eq!(c.parts.len(), 4);
    assert!(c.parts.iter().all(|p| p.matches));
}

#[test]
fn claim_targets_agree_with_printed_values() {
    // `target` restates the printed number unless the printed text is not a plain number.
    for c in Claim::read_all(&snapshot("claims")).unwrap() {
        if c.computable != Some(true) {
            continue;
        }
        if let Ok(p) = c.printed_value.parse::<f64>() {
            if c.target_text.is_empty() && !c.target.is_nan() {
                assert_eq!(p, c.target, "{}", c.id);
            }
        }
    }
}
