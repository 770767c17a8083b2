//! `Tidy::stl_all` and `Tidy::growth_all` against independent references: per-entity `stl()`
//! (bit for bit), the statsmodels fixtures in tests/fixtures/stl (through the batch), and
//! `Series::growth`; plus the skip rules (gaps, duplicates, too short, categories) and
//! period inference.

use std::collections::HashMap;
use std::path::PathBuf;

use civic_pulse::analytics::{stl, Fill, StlParams};
use civic_pulse::tidy::{tidy_snapshot, Tidy};

fn monthly(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("{}-{:02}-01", 2000 + i / 12, i % 12 + 1))
        .collect()
}

fn hourly(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            format!(
                "2024-{:02}-{:02}T{:02}:00:00",
                1 + i / (24 * 28),
                1 + (i / 24) % 28,
                i % 24
            )
        })
        .collect()
}

/// A tidy snapshot from (entity, dates, values) triples, rows in the order given.
fn tidy(parts: &[(&str, &[String], &[f64])], category: Option<&[&str]>) -> Tidy {
    let (mut d, mut e, mut v) = (Vec::new(), Vec::new(), Vec::new());
    for (entity, dates, values) in parts {
        for (date, value) in dates.iter().zip(values.iter()) {
            d.push(date.as_str());
            e.push(*entity);
            v.push(*value);
        }
    }
    let n = d.len();
    let snap = tidy_snapshot(&d, &e, &vec!["m"; n], category, &v, &vec!["published"; n]).unwrap();
    Tidy::from_snapshot(&snap).unwrap()
}

fn wave(n: usize, k: f64) -> Vec<f64> {
    (0..n)
        .map(|i| k * (10.0 + 0.3 * i as f64 + ((i * 5) % 12) as f64) + (i as f64 * 0.7).sin())
        .collect()
}

#[test]
fn every_entity_equals_its_own_stl_bit_for_bit() {
    let dates = monthly(60);
    let (a, b, c) = (wave(60, 1.0), wave(60, 3.5), wave(60, -0.25));
    let t = tidy(
        &[("A", &dates, &a), ("B", &dates, &b), ("C", &dates, &c)],
        None,
    );
    for p in [
        StlParams::new(),
        StlParams::new().robust(true),
        StlParams::new().seasonal(13),
    ] {
        let all = t.stl_all("m", None, None, &p).unwrap();
        assert_eq!(all.entities, ["A", "B", "C"]);
        assert_eq!(all.dates, dates);
        assert_eq!(all.period, 12);
        assert!(all.skipped.is_empty());
        for (k, y) in [&a, &b, &c].into_iter().enumerate() {
            let d = stl(y, 12, &p).unwrap();
            let at = k * 60..(k + 1) * 60;
            assert_eq!(all.trend[at.clone()], d.trend[..]);
            assert_eq!(all.seasonal[at.clone()], d.seasonal[..]);
            assert_eq!(all.remainder[at], d.remainder[..]);
            assert_eq!(
                all.seasonal_strength[k].to_bits(),
                d.seasonal_strength.to_bits()
            );
            assert_eq!(all.trend_strength[k].to_bits(), d.trend_strength.to_bits());
        }
    }
}

#[test]
fn file_order_does_not_matter() {
    // Rows interleaved and reversed in time: the grid is sorted by date all the same.
    let dates = monthly(36);
    let (a, b) = (wave(36, 1.0), wave(36, 2.0));
    let mut d = Vec::new();
    let mut e = Vec::new();
    let mut v = Vec::new();
    for i in (0..36).rev() {
        d.extend([dates[i].as_str(), dates[i].as_str()]);
        e.extend(["B", "A"]);
        v.extend([b[i], a[i]]);
    }
    let snap = tidy_snapshot(&d, &e, &["m"; 72], None, &v, &[""; 72]).unwrap();
    let all = Tidy::from_snapshot(&snap)
        .unwrap()
        .stl_all("m", None, None, &StlParams::new())
        .unwrap();
    assert_eq!(all.entities, ["B", "A"]);
    assert_eq!(
        all.trend[36..],
        stl(&a, 12, &StlParams::new()).unwrap().trend[..]
    );
}

#[test]
fn gaps_duplicates_and_short_series_are_skipped_with_reasons() {
    let dates = monthly(48);
    let full = wave(48, 1.0);
    // B lacks month 10; C has month 5 twice; D has only 20 months (too short for the grid? no:
    // D's missing months are gaps on the 48-month grid).
    let b_dates: Vec<String> = dates
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 10)
        .map(|(_, d)| d.clone())
        .collect();
    let b_vals: Vec<f64> = full
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 10)
        .map(|(_, v)| *v)
        .collect();
    let mut c_dates = dates.clone();
    c_dates.push(dates[5].clone());
    let mut c_vals = full.clone();
    c_vals.push(1.0);
    let t = tidy(
        &[
            ("A", &dates, &full),
            ("B", &b_dates, &b_vals),
            ("C", &c_dates, &c_vals),
        ],
        None,
    );
    let all = t.stl_all("m", None, None, &StlParams::new()).unwrap();
    let codes: Vec<(&str, &str)> = all
        .skipped
        .iter()
        .map(|s| (s.entity.as_str(), s.error.code()))
        .collect();
    assert_eq!(codes, [("B", "missing_values"), ("C", "invalid_argument")]);
    assert!(all.skipped[1]
        .error
        .to_string()
        .contains("several values at 2000-06-01"));
    assert!(all.trend[48..].iter().all(|v| v.is_nan()));
    assert!(all.seasonal_strength[1].is_nan() && all.seasonal_strength[2].is_nan());
    assert_eq!(
        all.trend[..48],
        stl(&full, 12, &StlParams::new()).unwrap().trend[..]
    );

    // With fill: linear, B's gap is filled on the grid, exactly as stl() of the gridded series.
    let p = StlParams::new().fill(Fill::Linear);
    let filled = t.stl_all("m", None, None, &p).unwrap();
    let mut gridded = full.clone();
    gridded[10] = f64::NAN;
    assert_eq!(
        filled.trend[48..96],
        stl(&gridded, 12, &p).unwrap().trend[..]
    );
    assert_eq!(filled.skipped.len(), 1);

    // Too short: every entity skipped with too_short, the call itself succeeds.
    let short = monthly(20);
    let t = tidy(&[("A", &short, &wave(20, 1.0))], None);
    let all = t.stl_all("m", None, None, &StlParams::new()).unwrap();
    assert_eq!(all.skipped[0].error.code(), "too_short");
    assert!(all.trend.iter().all(|v| v.is_nan()));
}

#[test]
fn period_is_inferred_or_refused() {
    let h = hourly(24 * 14);
    let y: Vec<f64> = (0..h.len())
        .map(|i| ((i % 24) as f64 - 12.0).abs() + i as f64 * 0.01)
        .collect();
    let all = tidy(&[("X", &h, &y)], None)
        .stl_all("m", None, None, &StlParams::new())
        .unwrap();
    assert_eq!(all.period, 24);
    assert_eq!(all.trend, stl(&y, 24, &StlParams::new()).unwrap().trend);

    let q: Vec<String> = (0..16)
        .map(|i| format!("{}-{:02}-01", 2010 + i / 4, 1 + 3 * (i % 4)))
        .collect();
    let t = tidy(&[("X", &q, &wave(16, 1.0))], None);
    assert_eq!(
        t.stl_all("m", None, None, &StlParams::new())
            .unwrap()
            .period,
        4
    );

    let days: Vec<String> = (1..=28).map(|d| format!("2023-02-{d:02}")).collect();
    let t = tidy(&[("X", &days, &wave(28, 1.0))], None);
    let e = t.stl_all("m", None, None, &StlParams::new()).unwrap_err();
    assert_eq!(e.code(), "invalid_argument");
    assert!(e.to_string().contains("pass period"), "{e}");
    // Given explicitly, the same dates decompose with that period.
    assert_eq!(
        t.stl_all("m", None, Some(7), &StlParams::new())
            .unwrap()
            .period,
        7
    );
    // Unknown metric, invalid options: errors of the call.
    assert_eq!(
        t.stl_all("nope", None, Some(7), &StlParams::new())
            .unwrap_err()
            .code(),
        "invalid_argument"
    );
    assert_eq!(
        t.stl_all("m", None, Some(7), &StlParams::new().seasonal(4))
            .unwrap_err()
            .code(),
        "invalid_argument"
    );
}

#[test]
fn categories_are_chosen_or_refused_per_entity() {
    let dates = monthly(24);
    let y = wave(24, 1.0);
    let z = wave(24, 2.0);
    let mut d: Vec<&str> = dates.iter().map(String::as_str).collect();
    d.extend(dates.iter().map(String::as_str));
    let mut v = y.clone();
    v.extend(&z);
    let mut cats = vec!["a"; 24];
    cats.extend(["b"; 24]);
    let snap = tidy_snapshot(&d, &["E"; 48], &["m"; 48], Some(&cats), &v, &[""; 48]).unwrap();
    let t = Tidy::from_snapshot(&snap).unwrap();
    let none = t.stl_all("m", None, None, &StlParams::new()).unwrap();
    assert_eq!(none.skipped[0].error.code(), "invalid_argument");
    assert!(none.skipped[0]
        .error
        .to_string()
        .contains("several categories"));
    let b = t.stl_all("m", Some("b"), None, &StlParams::new()).unwrap();
    assert_eq!(b.trend, stl(&z, 12, &StlParams::new()).unwrap().trend);
    assert_eq!(
        t.stl_all("m", Some("zz"), None, &StlParams::new())
            .unwrap_err()
            .code(),
        "invalid_argument"
    );
    let g = t.growth_all("m", Some("a"), 12).unwrap();
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    let want = t.series("E", "m", Some("a")).unwrap().growth(12).unwrap();
    assert_eq!(bits(&g.growth), bits(&want));
}

#[test]
fn growth_all_equals_series_growth_and_respects_gaps() {
    let dates = monthly(30);
    let a = wave(30, 1.0);
    let b_dates: Vec<String> = dates[..29]
        .iter()
        .filter(|d| d.as_str() != dates[3])
        .cloned()
        .collect();
    let b_vals: Vec<f64> = (0..b_dates.len()).map(|i| 5.0 + i as f64).collect();
    let t = tidy(&[("A", &dates, &a), ("B", &b_dates, &b_vals)], None);
    for lag in [1, 12] {
        let g = t.growth_all("m", None, lag).unwrap();
        assert_eq!(g.dates, dates);
        let want = t.series("A", "m", None).unwrap().growth(lag).unwrap();
        for (x, w) in g.growth[..30].iter().zip(&want) {
            assert!(x.to_bits() == w.to_bits() || (x.is_nan() && w.is_nan()));
        }
        // B: NaN at its gap (month 3), after it for lag 1, and at the last month it lacks.
        assert!(g.growth[30 + 3].is_nan() && g.growth[30 + 29].is_nan());
        if lag == 1 {
            assert!(g.growth[30 + 4].is_nan());
            assert!((g.growth[30 + 5] - (b_vals[4] / b_vals[3] - 1.0)).abs() < 1e-15);
        }
    }
    assert_eq!(
        t.growth_all("m", None, 0).unwrap_err().code(),
        "invalid_argument"
    );
}

// ---- statsmodels fixtures through the batch ----

struct Fixture {
    name: String,
    given: HashMap<String, String>,
    period: usize,
    y: Vec<f64>,
    trend: Vec<f64>,
    seasonal: Vec<f64>,
    resid: Vec<f64>,
}

fn kv(line: &str, prefix: &str) -> HashMap<String, String> {
    line.strip_prefix(prefix)
        .unwrap()
        .split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn fixtures() -> Vec<Fixture> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stl");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let mut lines = text.lines();
            lines.next();
            let given = kv(lines.next().unwrap(), "# given: ");
            let config = kv(lines.next().unwrap(), "# config: ");
            lines.next();
            let mut cols: [Vec<f64>; 5] = Default::default();
            for line in lines {
                for (c, v) in cols.iter_mut().zip(line.split(',')) {
                    c.push(v.parse().unwrap());
                }
            }
            let [y, trend, seasonal, resid, _] = cols;
            Fixture {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                period: config["period"].parse().unwrap(),
                given,
                y,
                trend,
                seasonal,
                resid,
            }
        })
        .collect()
}

fn params(g: &HashMap<String, String>) -> StlParams {
    let n = |k: &str| {
        g.get(k)
            .filter(|v| *v != "None")
            .map(|v| v.parse::<usize>().unwrap())
    };
    let mut p = StlParams::new();
    if let Some(v) = n("seasonal") {
        p = p.seasonal(v);
    }
    if let Some(v) = n("trend") {
        p = p.trend(v);
    }
    if let Some(v) = n("low_pass") {
        p = p.low_pass(v);
    }
    if let Some(v) = n("seasonal_deg") {
        p = p.seasonal_deg(v as u8);
    }
    if let Some(v) = n("trend_deg") {
        p = p.trend_deg(v as u8);
    }
    if let Some(v) = n("low_pass_deg") {
        p = p.low_pass_deg(v as u8);
    }
    if g.get("robust").map(String::as_str) == Some("True") {
        p = p.robust(true);
    }
    if let Some(v) = n("seasonal_jump") {
        p = p.seasonal_jump(v);
    }
    if let Some(v) = n("trend_jump") {
        p = p.trend_jump(v);
    }
    if let Some(v) = n("low_pass_jump") {
        p = p.low_pass_jump(v);
    }
    if let Some(v) = n("inner_iter") {
        p = p.inner_iter(v);
    }
    if let Some(v) = n("outer_iter") {
        p = p.outer_iter(v);
    }
    p
}

#[test]
fn statsmodels_fixtures_through_stl_all() {
    let all = fixtures();
    assert!(all.len() >= 15, "found {}", all.len());
    for f in &all {
        let n = f.y.len();
        // Monthly dates for period 12 (inferred), hourly for 24 (inferred), else given.
        let (dates, period) = match f.period {
            12 => (monthly(n), None),
            24 => (hourly(n), None),
            p => (monthly(n), Some(p)),
        };
        // The fixture twice (second scaled: STL is scale-equivariant) and once with a hole.
        let twice: Vec<f64> = f.y.iter().map(|v| v * 2.0).collect();
        let mut holed = f.y.clone();
        holed[n / 2] = f64::NAN;
        let t = tidy(
            &[
                ("f", &dates, &f.y),
                ("g", &dates, &twice),
                ("h", &dates, &holed),
            ],
            None,
        );
        let p = params(&f.given);
        let r = t
            .stl_all("m", None, period, &p)
            .unwrap_or_else(|e| panic!("{}: {e}", f.name));
        assert_eq!(r.period, f.period, "{}", f.name);
        let tol = 1e-6 * f.y.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        for (got, want, what) in [
            (&r.trend[..n], &f.trend, "trend"),
            (&r.seasonal[..n], &f.seasonal, "seasonal"),
            (&r.remainder[..n], &f.resid, "resid"),
        ] {
            let dev = got
                .iter()
                .zip(want)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            assert!(dev <= tol, "{}: {what} deviates {dev:e} > {tol:e}", f.name);
        }
        let own = stl(&twice, f.period, &p).unwrap();
        assert_eq!(r.trend[n..2 * n], own.trend[..], "{}", f.name);
        assert_eq!(r.skipped.len(), 1, "{}", f.name);
        assert_eq!(
            (r.skipped[0].entity.as_str(), r.skipped[0].error.code()),
            ("h", "missing_values")
        );
    }
}
