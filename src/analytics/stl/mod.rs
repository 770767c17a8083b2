//! STL seasonal-trend decomposition (Cleveland et al. 1990), compatible with statsmodels'
//! `STL(endog, period, seasonal=7, trend=None, low_pass=None, seasonal_deg=1, trend_deg=1,
//! low_pass_deg=1, robust=False, seasonal_jump=1, trend_jump=1, low_pass_jump=1)` and
//! `.fit(inner_iter=None, outer_iter=None)`.
//!
//! The loess passes run in a port of netlib STL that plans each smoother's weights once per
//! series length, so [`stl_batch()`] can share them across series; it is bit-identical to the
//! `stlrs` crate (the reference port, held to it in `tests/analytics_stl_batch.rs`). Every
//! parameter is resolved here with statsmodels' defaults (not R's). With the same parameters
//! the components equal statsmodels' to within 1e-6 × max(1, max|y|) (see
//! `tests/analytics_stl.rs` and the fixtures written by `tools/stl_fixtures.py`).
//!
//! Everything the loess passes could panic or loop on is refused before they run: NaN
//! (`missing_values`), ±inf, zero jumps, windows that do not fit statsmodels' C `int`
//! (`invalid_argument`), and series shorter than two periods (`too_short`). Finite values so
//! large (or so small) that loess sums could overflow are scaled by an exact power of two and
//! scaled back, which leaves the result unchanged (STL is scale-equivariant).
//!
//! | file | concern |
//! |---|---|
//! | `params.rs` | [`StlParams`] (statsmodels' names and defaults) and their validation |
//! | `fill.rs` | linear filling of missing values ([`Fill::Linear`]) |
//! | `decompose.rs` | [`stl()`]: checks, rescaling, the engine call (shared with the batch) |
//! | `loess.rs` | the loess smoother, with weights planned once and replayed |
//! | `engine.rs` | the STL iteration over planned smoothers, owning its work buffers |
//! | `batch.rs` | [`stl_batch()`]: many series of one length, bad ones skipped with a reason |
//! | `strength.rs` | [`StlDecomposition`] and the seasonal / trend strengths |

mod batch;
mod decompose;
mod engine;
mod fill;
mod loess;
mod params;
mod strength;

pub use batch::{stl_batch, Skipped, StlBatch};
pub use decompose::stl;
pub use params::{Fill, ResolvedStlParams, StlParams};
pub use strength::StlDecomposition;

#[cfg(test)]
mod tests {
    use super::fill::fill_linear;
    use super::*;
    use crate::Error;
    #[test]
    fn resolve_defaults_match_statsmodels() {
        // statsmodels STL(x, period).config for seasonal=7
        for (period, trend, low_pass) in
            [(2, 5, 3), (4, 9, 5), (7, 15, 9), (12, 23, 13), (24, 47, 25)]
        {
            let r = StlParams::new().resolve(period).unwrap();
            assert_eq!((r.trend, r.low_pass), (trend, low_pass), "period {period}");
        }
        let r = StlParams::new().seasonal(13).resolve(12).unwrap();
        assert_eq!(r.trend, 21);
        let r = StlParams::new().robust(true).resolve(12).unwrap();
        assert_eq!((r.inner_iter, r.outer_iter), (2, 15));
    }

    #[test]
    fn resolve_errors() {
        let cases: Vec<(StlParams, usize, &str)> = vec![
            (StlParams::new(), 1, "invalid period: 1"),
            (StlParams::new(), 0, "invalid period: 0"),
            (
                StlParams::new().seasonal(4),
                12,
                "invalid seasonal: 4 (must be odd and >= 3)",
            ),
            (StlParams::new().seasonal(1), 12, "invalid seasonal: 1"),
            (
                StlParams::new().trend(11),
                12,
                "invalid trend: 11 (must be odd, >= 3 and > period 12)",
            ),
            (StlParams::new().trend(24), 12, "invalid trend: 24"),
            (StlParams::new().low_pass(12), 12, "invalid lowPass: 12"),
            (StlParams::new().low_pass(11), 12, "invalid lowPass: 11"),
            (
                StlParams::new().seasonal_deg(2),
                12,
                "invalid seasonalDeg: 2",
            ),
            (StlParams::new().trend_deg(3), 12, "invalid trendDeg: 3"),
            (
                StlParams::new().low_pass_deg(9),
                12,
                "invalid lowPassDeg: 9",
            ),
            (
                StlParams::new().seasonal_jump(0),
                12,
                "invalid seasonalJump: 0",
            ),
            (StlParams::new().trend_jump(0), 12, "invalid trendJump: 0"),
            (
                StlParams::new().low_pass_jump(0),
                12,
                "invalid lowPassJump: 0",
            ),
            (StlParams::new().inner_iter(0), 12, "invalid innerIter: 0"),
            (
                StlParams::new().seasonal(usize::MAX),
                12,
                "invalid seasonal",
            ),
        ];
        for (p, period, msg) in cases {
            let e = p.resolve(period).unwrap_err();
            assert_eq!(e.code(), "invalid_argument");
            assert!(e.to_string().contains(msg), "{e} !~ {msg}");
        }
    }

    #[test]
    fn input_errors() {
        let y: Vec<f64> = (0..24).map(|i| i as f64).collect();
        let p = StlParams::new();
        assert_eq!(
            stl(&y[..23], 12, &p).unwrap_err(),
            Error::TooShort {
                len: 23,
                needed: 24
            }
        );
        let mut z = y.clone();
        z[3] = f64::NAN;
        z[7] = f64::NAN;
        assert_eq!(
            stl(&z, 12, &p).unwrap_err(),
            Error::MissingValues { count: 2, first: 3 }
        );
        z[3] = f64::INFINITY;
        assert_eq!(stl(&z, 12, &p).unwrap_err().code(), "invalid_argument");
        assert_eq!(
            stl(&[f64::NAN; 24], 12, &p.fill(Fill::Linear))
                .unwrap_err()
                .code(),
            "missing_values"
        );
        assert_eq!(stl(&y, 1, &p).unwrap_err().code(), "invalid_argument");
    }

    #[test]
    fn fill_linear_table() {
        let nan = f64::NAN;
        let cases: &[(&[f64], &[f64], &[usize])] = &[
            (&[1.0, nan, 3.0], &[1.0, 2.0, 3.0], &[1]),
            (&[nan, nan, 2.0, nan], &[2.0, 2.0, 2.0, 2.0], &[0, 1, 3]),
            (
                &[0.0, nan, nan, nan, 4.0],
                &[0.0, 1.0, 2.0, 3.0, 4.0],
                &[1, 2, 3],
            ),
            (&[5.0], &[5.0], &[]),
        ];
        for (input, want, idx) in cases {
            let mut v = input.to_vec();
            let f = fill_linear(&mut v);
            assert_eq!(&v, want);
            assert_eq!(&f, idx);
        }
    }

    #[test]
    fn filled_stl_equals_stl_of_filled() {
        let mut y: Vec<f64> = (0..36).map(|i| (i % 12) as f64 * 2.0 + i as f64).collect();
        let full = y.clone();
        y[5] = f64::NAN; // exactly linear between neighbours? no: 10+5 between 8+4 and 12+6
        let d = stl(&y, 12, &StlParams::new().fill(Fill::Linear)).unwrap();
        assert_eq!(d.filled, vec![5]);
        let mut expected = full;
        expected[5] = (expected[4] + expected[6]) / 2.0;
        assert_eq!(d.observed, expected);
        let e = stl(&expected, 12, &StlParams::new()).unwrap();
        assert_eq!(d.trend, e.trend);
    }

    #[test]
    fn scale_equivariance_and_extremes() {
        let y: Vec<f64> = (0..48)
            .map(|i| ((i * 7) % 12) as f64 + 0.3 * i as f64)
            .collect();
        let base = stl(&y, 12, &StlParams::new().robust(true)).unwrap();
        for k in [-1070, -600, 600, 1000] {
            let s = 2f64.powi(k);
            let ys: Vec<f64> = y.iter().map(|v| v * s).collect();
            let d = stl(&ys, 12, &StlParams::new().robust(true)).unwrap();
            if k > -1000 {
                for (a, b) in d.trend.iter().zip(&base.trend) {
                    assert!((a / s - b).abs() < 1e-9, "k={k}");
                }
            }
            assert!(d.trend.iter().all(|v| v.is_finite()));
        }
        let huge: Vec<f64> = (0..24)
            .map(|i| if i % 2 == 0 { f64::MAX } else { -f64::MAX })
            .collect();
        let d = stl(&huge, 12, &StlParams::new().robust(true)).unwrap();
        assert!(d.seasonal.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn constant_series_strengths() {
        let d = stl(&[3.0; 24], 12, &StlParams::new()).unwrap();
        assert_eq!(d.seasonal_strength, 0.0);
        assert!((0.0..=1.0).contains(&d.trend_strength));
        assert!(d.weights.iter().all(|&w| w == 1.0));
    }
}
