//! Every claim of `claims.arrow`, checked by the library evaluator (`civic_pulse::claims`)
//! against the built snapshots in `www/data/`, must reach the verdict stored in its `expected`
//! column, so the claims file, the ops and the snapshots cannot drift apart.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../crates/build-data/tests/datasets_common/mod.rs"]
mod datasets_common;
use datasets_common::*;

use std::collections::{BTreeMap, HashMap};

use civic_pulse::claims::{check_claims, summarize, CheckKind, Claim, Verdict};
use civic_pulse::Column;
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
            assert_ne!(c.check_kind, CheckKind::Unclassified, "{}", c.id);
        } else {
            assert_eq!(c.check_kind, CheckKind::NotComputable, "{}", c.id);
            assert!(!c.explanation.is_empty(), "{}", c.id);
        }
    }
    let s = summarize(&checks);
    // The reports' own slips show up as `differs` (C0028: 2018-03..2023-12 is 5.75 years, not
    // 五年); everything else the data supports matches.
    assert_eq!(
        (
            s.all.total,
            s.all.matches,
            s.all.differs,
            s.all.not_computable
        ),
        (244, 132, 8, 104),
        "{s:?}"
    );
    let differs: Vec<&str> = checks
        .iter()
        .filter(|c| c.verdict == Verdict::Differs)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        differs,
        ["C0028", "C0085", "C0097", "C0106", "C0108", "C0114", "C0121", "C0141"]
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
    assert_eq!(sum, [244, 132, 8, 104]);
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

/// (claims, matches, differs, not computable) per check kind.
const KIND_INDEPENDENT: (usize, usize, usize, usize) = (66, 58, 8, 0);
const KIND_READ_BACK: (usize, usize, usize, usize) = (41, 41, 0, 0);
const KIND_BY_CONSTRUCTION: (usize, usize, usize, usize) = (33, 33, 0, 0);
const KIND_NOT_COMPUTABLE: (usize, usize, usize, usize) = (104, 0, 0, 104);

#[test]
fn the_claim_check_says_what_kind_of_check_each_verdict_is() {
    let data = all_snapshots();
    let checks = check_claims(&snapshot("claims"), &data).unwrap();
    let s = summarize(&checks);
    let kind = |k: CheckKind| {
        let t = s.by_kind[&k];
        (t.total, t.matches, t.differs, t.not_computable)
    };
    // Before issue 11 there was no kind: 120 matches mixed read-backs, fits and real checks.
    assert_eq!(kind(CheckKind::Independent), KIND_INDEPENDENT, "{s:?}");
    assert_eq!(kind(CheckKind::ReadBack), KIND_READ_BACK, "{s:?}");
    assert_eq!(
        kind(CheckKind::ByConstruction),
        KIND_BY_CONSTRUCTION,
        "{s:?}"
    );
    assert_eq!(kind(CheckKind::NotComputable), KIND_NOT_COMPUTABLE, "{s:?}");
    assert!(KIND_INDEPENDENT.0 >= 55);
    // Only independent checks can find the reports wrong; read-backs and fits never differ.
    assert_eq!(KIND_READ_BACK.2 + KIND_BY_CONSTRUCTION.2, 0);
    // Bounds are compared as bounds: every claim printed with ">" that is computed uses `gt`.
    let rows = Claim::read_all(&snapshot("claims")).unwrap();
    for c in rows.iter().filter(|c| c.computable == Some(true)) {
        if c.qualifier.starts_with('>') && c.target_text.is_empty() {
            assert_eq!(c.compare, "gt", "{}", c.id);
        }
    }
}

/// An `independent` check on a series dataset reads only `published` or `external` rows: a
/// reconstructed row was fitted to the reports, so a check on it would be circular.
#[test]
fn independent_checks_rest_on_printed_or_outside_rows_only() {
    let rows = Claim::read_all(&snapshot("claims")).unwrap();
    let mut seen = 0;
    for c in rows.iter().filter(|c| c.check_kind == "independent") {
        let Some(snap) =
            (!c.dataset.is_empty() && c.dataset != "claims").then(|| snapshot(&c.dataset))
        else {
            continue;
        };
        if snap.metadata().get("kind").map(String::as_str) != Some("series") {
            continue;
        }
        let text = |name: &str| match snap.column(name).unwrap() {
            Column::Text(v) => v,
            other => panic!("{name}: {other:?}"),
        };
        let (ent, met, date, prov) = (
            text("entity"),
            text("metric"),
            text("date"),
            text("provenance"),
        );
        let entities: Vec<&str> = c.entity.split(';').collect();
        for i in 0..snap.num_rows() {
            let hit = entities.contains(&ent[i].as_deref().unwrap_or(""))
                && met[i].as_deref() == Some(c.metric.as_str())
                && (c.period.is_empty() || date[i].as_deref() == Some(c.period.as_str()));
            if hit {
                seen += 1;
                let p = prov[i].as_deref().unwrap_or("");
                assert!(
                    p == "published" || p == "external",
                    "{} reads a {p} row",
                    c.id
                );
            }
        }
    }
    assert!(seen >= 5, "{seen}");
}
