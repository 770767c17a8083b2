//! The planned STL engine against the `stlrs` crate (the reference port of netlib STL) bit for
//! bit, and `stl_batch` against `stl` series by series, over a grid of lengths, periods and
//! options. (tests/analytics_stl.rs checks both against statsmodels' numbers.)

use civic_pulse::analytics::{stl, stl_batch, Fill, StlParams};

/// A deterministic pseudo-random series: trend, a seasonal wave, noise and a few outliers.
fn series(n: usize, period: usize, seed: u64) -> Vec<f64> {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut noise = || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    (0..n)
        .map(|i| {
            let t = i as f64;
            let wave = (t * std::f64::consts::TAU / period as f64).sin();
            let outlier = if i % 17 == 5 { 40.0 } else { 0.0 };
            100.0 + 0.7 * t + 12.0 * wave + 5.0 * noise() + outlier
        })
        .collect()
}

fn reference(
    y: &[f64],
    period: usize,
    p: &civic_pulse::analytics::ResolvedStlParams,
) -> [Vec<f64>; 3] {
    let fit = stlrs::params()
        .seasonal_length(p.seasonal)
        .trend_length(p.trend)
        .low_pass_length(p.low_pass)
        .seasonal_degree(i32::from(p.seasonal_deg))
        .trend_degree(i32::from(p.trend_deg))
        .low_pass_degree(i32::from(p.low_pass_deg))
        .seasonal_jump(p.seasonal_jump)
        .trend_jump(p.trend_jump)
        .low_pass_jump(p.low_pass_jump)
        .inner_loops(p.inner_iter)
        .outer_loops(p.outer_iter)
        .robust(p.robust)
        .fit(y, period)
        .unwrap();
    let (seasonal, trend, _, weights) = fit.into_parts();
    [trend, seasonal, weights]
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn option_grid() -> Vec<(&'static str, StlParams)> {
    vec![
        ("default", StlParams::new()),
        ("robust", StlParams::new().robust(true)),
        ("seasonal 13", StlParams::new().seasonal(13)),
        (
            "degree 0",
            StlParams::new()
                .seasonal_deg(0)
                .trend_deg(0)
                .low_pass_deg(0),
        ),
        (
            "jumps",
            StlParams::new()
                .seasonal_jump(2)
                .trend_jump(3)
                .low_pass_jump(4),
        ),
        (
            "robust jumps",
            StlParams::new().robust(true).trend_jump(5).seasonal_jump(3),
        ),
        ("long windows", StlParams::new().seasonal(101).trend(301)),
        (
            "inner 1 outer 2",
            StlParams::new().inner_iter(1).outer_iter(2),
        ),
    ]
}

#[test]
fn engine_is_bit_identical_to_stlrs() {
    let mut cases = 0;
    for (n, period) in [
        (4, 2),
        (5, 2),
        (24, 12),
        (25, 12),
        (48, 12),
        (50, 7),
        (97, 24),
        (168, 24),
        (240, 12),
    ] {
        for (name, params) in option_grid() {
            let Ok(p) = params.resolve(period) else {
                continue;
            };
            let y = series(n, period, n as u64 * 31 + period as u64);
            let d = stl(&y, period, &params).unwrap();
            let [trend, seasonal, weights] = reference(&y, period, &p);
            let what = format!("n={n} period={period} {name}");
            assert_eq!(bits(&d.trend), bits(&trend), "trend, {what}");
            assert_eq!(bits(&d.seasonal), bits(&seasonal), "seasonal, {what}");
            assert_eq!(bits(&d.weights), bits(&weights), "weights, {what}");
            cases += 1;
        }
    }
    assert!(cases >= 60, "only {cases} cases ran");
}

#[test]
fn batch_equals_stl_series_by_series() {
    for (len, period) in [(48, 12), (37, 4), (168, 24)] {
        for (name, params) in option_grid() {
            if params.resolve(period).is_err() {
                continue;
            }
            let all: Vec<Vec<f64>> = (0..7)
                .map(|s| series(len, period, s * 1000 + len as u64))
                .collect();
            let b = stl_batch(&all.concat(), len, period, &params).unwrap();
            assert!(b.skipped.is_empty(), "{name}");
            for (i, y) in all.iter().enumerate() {
                let d = stl(y, period, &params).unwrap();
                let at = i * len..(i + 1) * len;
                let what = format!("series {i}, len {len}, {name}");
                assert_eq!(bits(&b.trend[at.clone()]), bits(&d.trend), "{what}");
                assert_eq!(bits(&b.seasonal[at.clone()]), bits(&d.seasonal), "{what}");
                assert_eq!(bits(&b.remainder[at]), bits(&d.remainder), "{what}");
                assert_eq!(
                    b.seasonal_strength[i].to_bits(),
                    d.seasonal_strength.to_bits()
                );
                assert_eq!(b.trend_strength[i].to_bits(), d.trend_strength.to_bits());
            }
        }
    }
}

#[test]
fn a_bad_series_is_skipped_not_fatal() {
    let good = series(36, 12, 1);
    let mut gap = series(36, 12, 2);
    gap[5] = f64::NAN;
    let mut inf = series(36, 12, 3);
    inf[9] = f64::INFINITY;
    let huge: Vec<f64> = good.iter().map(|v| v * 1e300).collect();
    let values = [good.clone(), gap.clone(), inf, huge.clone()].concat();
    let b = stl_batch(&values, 36, 12, &StlParams::new()).unwrap();
    let codes: Vec<(usize, &str)> = b
        .skipped
        .iter()
        .map(|s| (s.index, s.error.code()))
        .collect();
    assert_eq!(codes, [(1, "missing_values"), (2, "invalid_argument")]);
    assert!(b.trend[36..108].iter().all(|v| v.is_nan()));
    assert!(b.seasonal_strength[1].is_nan() && b.trend_strength[2].is_nan());
    // Rescaled (huge) series go through the same path as stl().
    let d = stl(&huge, 12, &StlParams::new()).unwrap();
    assert_eq!(bits(&b.trend[108..]), bits(&d.trend));
    // With a fill, the gap is decomposed like stl() does it.
    let filled = stl_batch(&values, 36, 12, &StlParams::new().fill(Fill::Linear)).unwrap();
    let d = stl(&gap, 12, &StlParams::new().fill(Fill::Linear)).unwrap();
    assert_eq!(bits(&filled.trend[36..72]), bits(&d.trend));
    assert_eq!(filled.skipped.len(), 1);
}

#[test]
fn batch_shape_errors_and_short_series() {
    let e = stl_batch(&[1.0; 10], 3, 2, &StlParams::new()).unwrap_err();
    assert_eq!(e.code(), "invalid_argument");
    assert!(e.to_string().contains("invalid series length: 3"), "{e}");
    assert_eq!(
        stl_batch(&[], 0, 2, &StlParams::new()).unwrap_err().code(),
        "invalid_argument"
    );
    assert_eq!(
        stl_batch(&[1.0; 10], 5, 1, &StlParams::new())
            .unwrap_err()
            .code(),
        "invalid_argument"
    );
    // Too short for the period: every series skipped with too_short, nothing fails.
    let b = stl_batch(&[1.0; 20], 10, 12, &StlParams::new()).unwrap();
    assert_eq!(b.skipped.len(), 2);
    assert!(b.skipped.iter().all(|s| s.error.code() == "too_short"));
    assert!(b.trend.iter().all(|v| v.is_nan()));
    // No series at all: an empty batch.
    let b = stl_batch(&[], 24, 12, &StlParams::new()).unwrap();
    assert_eq!((b.series, b.trend.len()), (0, 0));
}
