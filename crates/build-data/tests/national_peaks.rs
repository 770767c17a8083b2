//! `national_app_peaks_2023` (the report's key chart) restates three claims of the claims
//! snapshot: each row must carry its claim's printed value, qualifier, entity, unit and month,
//! and its quote must be the claim's and stand in a report as printed.

mod datasets_common;
use datasets_common::*;

use civic_pulse::{Column, Snapshot};

/// A text column with its nulls kept (a null qualifier means "exact as printed").
fn cells(s: &Snapshot, col: &str) -> Vec<Option<String>> {
    match s.column(col).unwrap() {
        Column::Text(v) => v,
        other => panic!("{col} is not text: {other:?}"),
    }
}

/// The row of `claims.arrow` with this id, as column name → cell.
fn claim(claims: &Snapshot, id: &str) -> std::collections::BTreeMap<String, Option<String>> {
    let ids = text(claims, "id");
    let i = ids
        .iter()
        .position(|x| x == id)
        .unwrap_or_else(|| panic!("claims.arrow has no {id}"));
    [
        "entity",
        "printed_value",
        "unit",
        "qualifier",
        "period",
        "quote",
        "provenance",
        "report",
    ]
    .into_iter()
    .map(|c| (c.to_string(), cells(claims, c)[i].clone()))
    .collect()
}

#[test]
fn each_peak_equals_its_claim_as_printed() {
    let peaks = snapshot("national_app_peaks_2023");
    let claims = snapshot("claims");
    // The chart draws the three national apps largest first; the ids are the claims it cites.
    assert_eq!(
        text(&peaks, "claim_id"),
        vec!["C0045", "C0009", "C0022"],
        "rows and order"
    );
    let (entity, value, unit) = (
        text(&peaks, "entity"),
        floats(&peaks, "value"),
        text(&peaks, "unit"),
    );
    let (qualifier, period, quote, prov) = (
        cells(&peaks, "qualifier"),
        cells(&peaks, "period"),
        text(&peaks, "quote"),
        text(&peaks, "provenance"),
    );
    for (i, id) in text(&peaks, "claim_id").iter().enumerate() {
        let c = claim(&claims, id);
        let get = |k: &str| c[k].clone().unwrap_or_default();
        assert_eq!(entity[i], get("entity"), "{id} entity");
        let printed: f64 = get("printed_value").parse().unwrap();
        assert_eq!(value[i], printed, "{id} value");
        // claims.arrow writes "=" for an exact number; the dataset contract writes null.
        let want_q = c["qualifier"].clone().filter(|q| q != "=");
        assert_eq!(qualifier[i], want_q, "{id} qualifier");
        assert!(
            get("unit").starts_with(&unit[i]),
            "{id} unit {}",
            get("unit")
        );
        // The printed month (claims.arrow: its first day), or none where the report names none.
        assert_eq!(
            period[i].as_deref(),
            c["period"].as_deref().map(|p| &p[..7]),
            "{id} period"
        );
        assert_eq!(quote[i], get("quote"), "{id} quote");
        assert_eq!(prov[i], "published", "{id}");
        assert_eq!(get("provenance"), "published", "{id}");
    }
    assert_eq!(qualifier, vec![None, Some(">".to_string()), None]);
    assert_eq!(value, vec![1.8, 1.4, 1.19]);
}

#[test]
fn each_quote_stands_in_its_report_with_the_number() {
    let Some(reports) = root()
        .ancestors()
        .map(|p| p.join("shared/reports"))
        .find(|p| p.is_dir())
    else {
        eprintln!("shared/reports not found above the workspace; skipped");
        return;
    };
    let peaks = snapshot("national_app_peaks_2023");
    let report = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("001_"))
        .expect("report 001");
    let text_001 = std::fs::read_to_string(report).unwrap();
    let (quote, value, unit) = (
        text(&peaks, "quote"),
        floats(&peaks, "value"),
        text(&peaks, "unit"),
    );
    for i in 0..peaks.num_rows() {
        assert!(
            text_001.contains(&quote[i]),
            "not in report 001: {}",
            quote[i]
        );
        // The stored number and unit are the ones the sentence prints ("1.19亿", not "1.2亿").
        assert!(
            quote[i].contains(&format!("{}{}", value[i], unit[i])),
            "{} does not print {}{}",
            quote[i],
            value[i],
            unit[i]
        );
    }
}
