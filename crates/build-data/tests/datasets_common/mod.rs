//! Shared helpers for the dataset tests: read built snapshots back with `civic_pulse::Snapshot`.
#![allow(dead_code)]

use std::path::PathBuf;

use civic_pulse::{Column, Snapshot};

/// The workspace root (where `www/data/` and `data/` live), from this crate or the root crate,
/// whose tests (`tests/datasets_claims.rs`) include this module too.
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|p| p.join("Cargo.lock").exists())
        .unwrap_or(&here)
        .to_path_buf()
}

pub fn snapshot(id: &str) -> Snapshot {
    let path = root().join("www/data").join(format!("{id}.arrow"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Snapshot::from_ipc(&bytes).unwrap()
}

pub fn text(s: &Snapshot, col: &str) -> Vec<String> {
    match s.column(col).unwrap() {
        Column::Text(v) => v.into_iter().map(|x| x.unwrap_or_default()).collect(),
        other => panic!("{col} is not text: {other:?}"),
    }
}

pub fn floats(s: &Snapshot, col: &str) -> Vec<f64> {
    match s.column(col).unwrap() {
        Column::Float(v) => v,
        other => panic!("{col} is not numeric: {other:?}"),
    }
}

/// Rows of one series selection as (date, value), in file order.
pub fn series(id: &str, entity: &str, metric: &str, category: Option<&str>) -> Vec<(String, f64)> {
    let s = snapshot(id);
    let (d, e, m, c, v) = (
        text(&s, "date"),
        text(&s, "entity"),
        text(&s, "metric"),
        text(&s, "category"),
        floats(&s, "value"),
    );
    (0..s.num_rows())
        .filter(|&i| e[i] == entity && m[i] == metric && category.is_none_or(|x| c[i] == x))
        .map(|i| (d[i].clone(), v[i]))
        .collect()
}

/// The value at an ISO date prefix (e.g. "2023-12" matches "2023-12-01").
pub fn at(rows: &[(String, f64)], date: &str) -> f64 {
    let hits: Vec<f64> = rows
        .iter()
        .filter(|(d, _)| d.starts_with(date))
        .map(|(_, v)| *v)
        .collect();
    assert_eq!(hits.len(), 1, "expected one row at {date}, got {hits:?}");
    hits[0]
}

pub fn window(rows: &[(String, f64)], from: &str, to: &str) -> Vec<(String, f64)> {
    rows.iter()
        .filter(|(d, _)| d.as_str() >= from && d.as_str() <= to)
        .cloned()
        .collect()
}

pub fn values(rows: &[(String, f64)]) -> Vec<f64> {
    rows.iter().map(|(_, v)| *v).collect()
}

pub fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

pub fn max_at(rows: &[(String, f64)]) -> (String, f64) {
    rows.iter()
        .cloned()
        .fold((String::new(), f64::NEG_INFINITY), |a, b| {
            if b.1 > a.1 {
                b
            } else {
                a
            }
        })
}

/// Strict interior local maxima positions (index into `v`).
pub fn local_maxima(v: &[f64]) -> Vec<usize> {
    (1..v.len().saturating_sub(1))
        .filter(|&i| v[i] > v[i - 1] && v[i] > v[i + 1])
        .collect()
}

/// `x` rounds to `printed` at `decimals` decimals (half a unit of the last printed digit).
pub fn rounds_to(x: f64, printed: f64, decimals: i32) -> bool {
    (x - printed).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-9
}
