//! STL against statsmodels: every fixture in tests/fixtures/stl/ (written by
//! tools/stl_fixtures.py) must match in every component (trend, seasonal, resid, weights) to
//! within 1e-6 × max(1, max|y|), with the options passed through `StlParams` so that our
//! resolution of statsmodels' defaults is checked too.
//!
//! Run with `cargo test --test analytics_stl -- --nocapture` to see the deviation per fixture.

use std::collections::HashMap;
use std::path::PathBuf;

use civic_pulse::analytics::{stl, StlParams};

struct Fixture {
    name: String,
    given: HashMap<String, String>,
    config: HashMap<String, String>,
    y: Vec<f64>,
    trend: Vec<f64>,
    seasonal: Vec<f64>,
    resid: Vec<f64>,
    weights: Vec<f64>,
}

fn parse_kv(line: &str, prefix: &str) -> HashMap<String, String> {
    line.strip_prefix(prefix)
        .unwrap_or_else(|| panic!("expected {prefix:?} in {line:?}"))
        .split_whitespace()
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn load(path: &PathBuf) -> Fixture {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let version = lines.next().unwrap();
    assert!(version.starts_with("# statsmodels="), "{version}");
    let given = parse_kv(lines.next().unwrap(), "# given: ");
    let config = parse_kv(lines.next().unwrap(), "# config: ");
    assert_eq!(lines.next().unwrap(), "y,trend,seasonal,resid,weights");
    let mut cols: [Vec<f64>; 5] = Default::default();
    for line in lines {
        for (c, v) in cols.iter_mut().zip(line.split(',')) {
            c.push(v.parse().unwrap());
        }
    }
    let [y, trend, seasonal, resid, weights] = cols;
    Fixture {
        name: path.file_stem().unwrap().to_string_lossy().into_owned(),
        given,
        config,
        y,
        trend,
        seasonal,
        resid,
        weights,
    }
}

fn fixtures() -> Vec<Fixture> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stl");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort();
    paths.iter().map(load).collect()
}

fn opt(map: &HashMap<String, String>, key: &str) -> Option<usize> {
    match map.get(key).map(String::as_str) {
        None | Some("None") => None,
        Some(v) => Some(v.parse().unwrap()),
    }
}

fn params(f: &Fixture) -> StlParams {
    let g = &f.given;
    let mut p = StlParams::new();
    if let Some(v) = opt(g, "seasonal") {
        p = p.seasonal(v);
    }
    if let Some(v) = opt(g, "trend") {
        p = p.trend(v);
    }
    if let Some(v) = opt(g, "low_pass") {
        p = p.low_pass(v);
    }
    if let Some(v) = opt(g, "seasonal_deg") {
        p = p.seasonal_deg(v as u8);
    }
    if let Some(v) = opt(g, "trend_deg") {
        p = p.trend_deg(v as u8);
    }
    if let Some(v) = opt(g, "low_pass_deg") {
        p = p.low_pass_deg(v as u8);
    }
    if g.get("robust").map(String::as_str) == Some("True") {
        p = p.robust(true);
    }
    if let Some(v) = opt(g, "seasonal_jump") {
        p = p.seasonal_jump(v);
    }
    if let Some(v) = opt(g, "trend_jump") {
        p = p.trend_jump(v);
    }
    if let Some(v) = opt(g, "low_pass_jump") {
        p = p.low_pass_jump(v);
    }
    if let Some(v) = opt(g, "inner_iter") {
        p = p.inner_iter(v);
    }
    if let Some(v) = opt(g, "outer_iter") {
        p = p.outer_iter(v);
    }
    p
}

fn max_dev(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

#[test]
fn stl_matches_statsmodels_fixtures() {
    let all = fixtures();
    assert!(
        all.len() >= 15,
        "expected the committed fixtures, found {}",
        all.len()
    );
    let mut seen_robust = 0;
    let mut seen_24 = 0;
    for f in &all {
        let period = opt(&f.config, "period").unwrap();
        let p = params(f);
        let d = stl(&f.y, period, &p).unwrap_or_else(|e| panic!("{}: {e}", f.name));

        // Our resolution of statsmodels' defaults.
        let r = d.params;
        let c = &f.config;
        let resolved = [
            ("seasonal", r.seasonal),
            ("trend", r.trend),
            ("low_pass", r.low_pass),
            ("seasonal_deg", r.seasonal_deg as usize),
            ("trend_deg", r.trend_deg as usize),
            ("low_pass_deg", r.low_pass_deg as usize),
            ("seasonal_jump", r.seasonal_jump),
            ("trend_jump", r.trend_jump),
            ("low_pass_jump", r.low_pass_jump),
            ("inner_iter", r.inner_iter),
            ("outer_iter", r.outer_iter),
        ];
        for (k, v) in resolved {
            assert_eq!(Some(v), opt(c, k), "{}: {k}", f.name);
        }
        assert_eq!(r.robust, c["robust"] == "True", "{}: robust", f.name);
        seen_robust += usize::from(r.robust);
        seen_24 += usize::from(period == 24);

        let scale = f.y.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        let tol = 1e-6 * scale;
        let devs = [
            ("trend", max_dev(&d.trend, &f.trend)),
            ("seasonal", max_dev(&d.seasonal, &f.seasonal)),
            ("resid", max_dev(&d.remainder, &f.resid)),
            ("weights", max_dev(&d.weights, &f.weights)),
        ];
        let worst = devs.iter().map(|d| d.1).fold(0.0, f64::max);
        println!(
            "{:<32} n={:<4} period={:<2} robust={:<5} max|dev|={:.3e} (relative {:.3e}, tol {:.1e})",
            f.name,
            f.y.len(),
            period,
            r.robust,
            worst,
            worst / scale,
            tol
        );
        for (name, dev) in devs {
            assert!(
                dev <= tol,
                "{}: {name} deviates by {dev:e} > {tol:e}",
                f.name
            );
        }
        // seasonally adjusted = y - seasonal
        let sa = d.seasonally_adjusted();
        for ((a, y), s) in sa.iter().zip(&f.y).zip(&f.seasonal) {
            assert!((a - (y - s)).abs() <= tol);
        }
        assert!((0.0..=1.0).contains(&d.seasonal_strength));
        assert!((0.0..=1.0).contains(&d.trend_strength));
    }
    assert!(seen_robust >= 3 && seen_24 >= 3);
}

/// Strengths from the fixtures' own components with the contract formulas
/// (the statsmodels components, our formula with ddof 1; ddof 0 gives the same ratio).
#[test]
fn strengths_follow_contract_formula() {
    fn var(x: &[f64], ddof: f64) -> f64 {
        let m = x.iter().sum::<f64>() / x.len() as f64;
        x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len() as f64 - ddof)
    }
    for f in fixtures() {
        let period = opt(&f.config, "period").unwrap();
        let d = stl(&f.y, period, &params(&f)).unwrap();
        let sr: Vec<f64> = f
            .seasonal
            .iter()
            .zip(&f.resid)
            .map(|(s, r)| s + r)
            .collect();
        let tr: Vec<f64> = f.trend.iter().zip(&f.resid).map(|(t, r)| t + r).collect();
        for ddof in [0.0, 1.0] {
            let fs = (1.0 - var(&f.resid, ddof) / var(&sr, ddof)).max(0.0);
            let ft = (1.0 - var(&f.resid, ddof) / var(&tr, ddof)).max(0.0);
            assert!(
                (fs - d.seasonal_strength).abs() < 1e-6,
                "{}: {fs} vs {}",
                f.name,
                d.seasonal_strength
            );
            assert!(
                (ft - d.trend_strength).abs() < 1e-6,
                "{}: {ft} vs {}",
                f.name,
                d.trend_strength
            );
        }
    }
}

/// Why `stl` guards its input: what `stlrs` 0.4 itself does on hostile input (native only;
/// in WASM with `panic = "abort"` each of these panics would kill the page).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn stlrs_behaviour_that_stl_guards_against() {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let run = |y: Vec<f64>, robust: bool| {
        catch_unwind(AssertUnwindSafe(|| {
            stlrs::params()
                .seasonal_length(7)
                .trend_length(23)
                .low_pass_length(13)
                .seasonal_degree(1)
                .trend_degree(1)
                .low_pass_degree(1)
                .seasonal_jump(1)
                .trend_jump(1)
                .low_pass_jump(1)
                .inner_loops(2)
                .outer_loops(if robust { 15 } else { 0 })
                .robust(robust)
                .fit(&y, 12)
                .map(|r| r.trend().iter().all(|v| v.is_finite()))
        }))
    };
    let base: Vec<f64> = (0..24).map(|i| (i % 12) as f64 + i as f64 * 0.1).collect();
    let with = |i: usize, v: f64| {
        let mut y = base.clone();
        y[i] = v;
        y
    };
    // NaN and inf: panic in robust mode (sort of NaN residuals), all-NaN/inf output otherwise.
    assert!(run(with(5, f64::NAN), true).is_err());
    assert!(run(with(5, f64::INFINITY), true).is_err());
    assert_eq!(run(with(5, f64::NAN), false).unwrap(), Ok(false));
    assert_eq!(run(with(5, f64::INFINITY), false).unwrap(), Ok(false));
    // Huge finite values overflow inside loess: panic in robust mode.
    let huge: Vec<f64> = (0..24)
        .map(|i| if i % 2 == 0 { f64::MAX } else { -f64::MAX })
        .collect();
    assert!(run(huge.clone(), true).is_err());
    // period == n / 2 is fine.
    assert_eq!(run(base.clone(), true).unwrap(), Ok(true));
    std::panic::set_hook(prev);

    // Our stl: typed errors / exact results for the same inputs.
    let p = StlParams::new().robust(true);
    assert_eq!(
        stl(&with(5, f64::NAN), 12, &p).unwrap_err().code(),
        "missing_values"
    );
    assert_eq!(
        stl(&with(5, f64::INFINITY), 12, &p).unwrap_err().code(),
        "invalid_argument"
    );
    assert!(stl(&huge, 12, &p).is_ok());
    assert!(stl(&base, 12, &p).is_ok());
}
