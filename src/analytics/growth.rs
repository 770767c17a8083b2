//! Growth rates over plain `f64` series: 环比 (MoM), 同比 (YoY), CAGR, compound growth over a
//! trailing window, ratio to a base period, extremes and local peaks, and the mean of a period
//! against the mean of earlier periods.
//!
//! Conventions shared by every function here (in the spirit of arrow-rs kernels):
//!
//! * NaN means *missing*. It is never an error in a series: it propagates to the outputs that
//!   depend on it and nowhere else.
//! * Undefined ratios (a base of 0) give NaN, not ±inf.
//! * ±inf inputs follow IEEE 754 arithmetic (`inf / inf` is NaN, `x / inf` is 0); nothing panics.
//! * Outputs have the length of the input; positions without a defined value hold NaN.

use std::ops::Range;

use crate::{Error, Result};

/// Period-over-period growth `values[t] / values[t - lag] - 1`.
///
/// `lag = 1` is 环比 (month on month) for monthly data, `lag = 12` is 同比 (year on year).
///
/// # NaN and edge cases
/// The output has `values.len()` elements. It is NaN where `t < lag`, where either side is NaN,
/// or where `values[t - lag] == 0`. A `lag` at or beyond the length gives all NaN. ±inf follow
/// IEEE arithmetic (`inf / 5 - 1` is inf, `inf / inf` is NaN).
///
/// # Errors
/// `invalid_argument` when `lag == 0`.
///
/// # Example
/// ```
/// use civic_pulse::analytics::growth;
/// let g = growth(&[100.0, 110.0, 0.0, 5.0], 1).unwrap();
/// assert!(g[0].is_nan());               // no previous value
/// assert!((g[1] - 0.10).abs() < 1e-12); // +10 %
/// assert_eq!(g[2], -1.0);
/// assert!(g[3].is_nan());               // base is 0
/// ```
pub fn growth(values: &[f64], lag: usize) -> Result<Vec<f64>> {
    if lag == 0 {
        return Err(Error::invalid("invalid lag: 0 (must be >= 1)"));
    }
    let head = lag.min(values.len());
    let mut out = Vec::with_capacity(values.len());
    out.resize(head, f64::NAN);
    out.extend(values.iter().skip(lag).zip(values).map(|(&now, &base)| {
        if base == 0.0 {
            f64::NAN
        } else {
            now / base - 1.0
        }
    }));
    Ok(out)
}

/// Compound annual (or per-period) growth rate `(last / first)^(1 / periods) - 1`.
///
/// `periods` is the number of compounding steps between `first` and `last` (Jan 2020 → Dec 2023
/// is 47 monthly steps, or 3 + 11/12 years); fractional values are allowed.
///
/// # NaN and edge cases
/// * NaN in any argument (missing) gives `Ok(NaN)`; this is checked first.
/// * `last == 0` gives `-1` (everything lost).
/// * The result may overflow to `+inf` for extreme ratios and tiny `periods`.
///
/// # Errors
/// `invalid_argument` when `first <= 0`, when `periods <= 0` (both per the contract), when
/// `last < 0` (a real root of a negative ratio does not exist), or when any argument is ±inf.
///
/// # Example
/// ```
/// use civic_pulse::analytics::cagr;
/// let r = cagr(100.0, 121.0, 2.0).unwrap();
/// assert!((r - 0.10).abs() < 1e-12);
/// assert_eq!(cagr(0.0, 1.0, 1.0).unwrap_err().code(), "invalid_argument");
/// assert!(cagr(f64::NAN, 1.0, 1.0).unwrap().is_nan());
/// ```
pub fn cagr(first: f64, last: f64, periods: f64) -> Result<f64> {
    if first.is_nan() || last.is_nan() || periods.is_nan() {
        return Ok(f64::NAN);
    }
    if first <= 0.0 {
        return Err(Error::invalid(format!(
            "invalid first: {first} (CAGR needs first > 0)"
        )));
    }
    if periods <= 0.0 {
        return Err(Error::invalid(format!(
            "invalid periods: {periods} (must be > 0)"
        )));
    }
    if last < 0.0 {
        return Err(Error::invalid(format!(
            "invalid last: {last} (CAGR needs last >= 0)"
        )));
    }
    for (name, v) in [("first", first), ("last", last), ("periods", periods)] {
        if v.is_infinite() {
            return Err(Error::invalid(format!(
                "invalid {name}: {v} (must be finite)"
            )));
        }
    }
    Ok((last / first).powf(1.0 / periods) - 1.0)
}

/// Per-period compound growth over a trailing window of `window` steps:
/// `out[t] = (values[t] / values[t - window])^(1 / window) - 1`.
///
/// # The TOP20 table's "近6个月复合增长率"
/// The iResearch TOP20 table (Dec 2023, t01) prints only the December level and the rate, never
/// the June or July level, so its window **cannot be determined from the table**: both
/// readings are consistent with every printed number. `compound_growth(v, 6)` is the
/// 6-step reading (June → December, `(v_dec / v_jun)^(1/6) - 1`), `compound_growth(v, 5)`
/// the 5-step reading over six monthly points (July → December, `(v_dec / v_jul)^(1/5) - 1`).
/// They imply different earlier levels, e.g. 闽政通 at −1.6 %: 1796.8 / 0.984⁶ = 1979.4 (June)
/// versus 1796.8 / 0.984⁵ = 1947.7 (July); see [`implied_start`].
///
/// # NaN and edge cases
/// NaN where `t < window`, where either end is NaN, where the base `values[t - window]` is
/// `<= 0`, or where the end value is negative (no real root). A window at or beyond the length
/// gives all NaN. ±inf follow IEEE arithmetic.
///
/// # Errors
/// `invalid_argument` when `window == 0`.
///
/// # Example
/// ```
/// use civic_pulse::analytics::compound_growth;
/// // June..December, +1 % every month
/// let v: Vec<f64> = (0..7).map(|i| 100.0 * 1.01f64.powi(i)).collect();
/// let six = compound_growth(&v, 6).unwrap();
/// assert!((six[6] - 0.01).abs() < 1e-12);
/// assert!(six[5].is_nan());
/// ```
pub fn compound_growth(values: &[f64], window: usize) -> Result<Vec<f64>> {
    if window == 0 {
        return Err(Error::invalid("invalid window: 0 (must be >= 1)"));
    }
    let inv = 1.0 / window as f64;
    let head = window.min(values.len());
    let mut out = Vec::with_capacity(values.len());
    out.resize(head, f64::NAN);
    out.extend(values.iter().skip(window).zip(values).map(|(&now, &base)| {
        if base > 0.0 && now >= 0.0 {
            (now / base).powf(inv) - 1.0
        } else {
            f64::NAN
        }
    }));
    Ok(out)
}

/// The starting level implied by an end level and a per-period compound rate:
/// `last / (1 + rate)^periods`.
///
/// Used to back out what a printed compound rate says about an earlier month.
///
/// # NaN and edge cases
/// NaN propagates from any argument; a rate of −100 % gives `inf` or NaN as IEEE arithmetic
/// says. Never fails.
///
/// # Errors
/// None.
///
/// # Example
/// ```
/// use civic_pulse::analytics::implied_start;
/// // 闽政通: 1796.8 in Dec 2023 at −1.6 % a month
/// assert!((implied_start(1796.8, -0.016, 6.0) - 1979.4).abs() < 0.05);
/// assert!((implied_start(1796.8, -0.016, 5.0) - 1947.7).abs() < 0.05);
/// ```
pub fn implied_start(last: f64, rate: f64, periods: f64) -> f64 {
    last / (1.0 + rate).powf(periods)
}

/// Each value divided by the value at `base_index` (交管12123: Dec 2023 = 1.9 × Jan 2020).
///
/// # NaN and edge cases
/// NaN where the value is NaN; all NaN when the base is NaN or 0. ±inf follow IEEE arithmetic.
///
/// # Errors
/// `invalid_argument` when `base_index >= values.len()` (including empty input).
///
/// # Example
/// ```
/// use civic_pulse::analytics::ratio_to_base;
/// let r = ratio_to_base(&[10.0, 15.0, 19.0], 0).unwrap();
/// assert_eq!(r, vec![1.0, 1.5, 1.9]);
/// ```
pub fn ratio_to_base(values: &[f64], base_index: usize) -> Result<Vec<f64>> {
    let Some(&base) = values.get(base_index) else {
        return Err(Error::invalid(format!(
            "invalid base_index: {base_index} (series has {} value(s))",
            values.len()
        )));
    };
    if base == 0.0 || base.is_nan() {
        return Ok(vec![f64::NAN; values.len()]);
    }
    Ok(values.iter().map(|&v| v / base).collect())
}

/// One extreme value and where it is.
///
/// # Example
/// ```
/// use civic_pulse::analytics::{extremes, Extreme};
/// let e = extremes(&[3.0, 9.0, 1.0]);
/// assert_eq!(e.max, Some(Extreme { index: 1, value: 9.0 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extreme {
    /// Position in the series (0-based).
    pub index: usize,
    /// The value there.
    pub value: f64,
}

/// The global maximum and minimum of a series, with their positions.
///
/// # Example
/// ```
/// use civic_pulse::analytics::extremes;
/// let e = extremes(&[]);
/// assert!(e.max.is_none() && e.min.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extremes {
    /// The largest value (first occurrence on ties); `None` if there is no non-NaN value.
    pub max: Option<Extreme>,
    /// The smallest value (first occurrence on ties); `None` if there is no non-NaN value.
    pub min: Option<Extreme>,
}

/// The global peak and trough of a series with their indices (e.g. 铁路12306's all-time high
/// in Sep 2023).
///
/// # NaN and edge cases
/// NaN values are skipped; ±inf are ordinary values (`+inf` is the maximum). Ties resolve to
/// the first occurrence. Empty or all-NaN input gives `None` for both.
///
/// # Errors
/// None.
///
/// # Example
/// ```
/// use civic_pulse::analytics::extremes;
/// let e = extremes(&[f64::NAN, 5.0, 11.9, 2.0, 11.9]);
/// assert_eq!(e.max.unwrap().index, 2);
/// assert_eq!(e.min.unwrap().value, 2.0);
/// ```
pub fn extremes(values: &[f64]) -> Extremes {
    let mut max: Option<Extreme> = None;
    let mut min: Option<Extreme> = None;
    for (index, &value) in values.iter().enumerate() {
        if value.is_nan() {
            continue;
        }
        if max.is_none_or(|m| value > m.value) {
            max = Some(Extreme { index, value });
        }
        if min.is_none_or(|m| value < m.value) {
            min = Some(Extreme { index, value });
        }
    }
    Extremes { max, min }
}

/// Indices of local peaks ("小高峰"): values strictly higher than the nearest differing
/// neighbour on each side.
///
/// A flat top (plateau) counts once, at its first index. The first and last values are never
/// peaks (they have only one neighbour). For 12 monthly values of 2023, April and September
/// peaks are indices 3 and 8.
///
/// # NaN and edge cases
/// A NaN breaks the comparison: a value next to a NaN (or a plateau ending at one) is not a
/// peak, and NaN is never a peak. ±inf are ordinary values. Fewer than 3 values give no peaks.
///
/// # Errors
/// None.
///
/// # Example
/// ```
/// use civic_pulse::analytics::local_peaks;
/// let v = [5.0, 6.0, 7.0, 9.0, 7.0, 6.0, 6.0, 7.0, 10.0, 8.0, 7.0, 7.5];
/// assert_eq!(local_peaks(&v), vec![3, 8]); // April and September
/// assert_eq!(local_peaks(&[1.0, 3.0, 3.0, 1.0]), vec![1]);
/// ```
pub fn local_peaks(values: &[f64]) -> Vec<usize> {
    local_turns(values, |a, b| a > b)
}

/// Indices of local troughs: values strictly lower than the nearest differing neighbour on
/// each side; the mirror image of [`local_peaks`] with the same NaN and plateau rules.
///
/// # NaN and edge cases
/// As [`local_peaks`].
///
/// # Errors
/// None.
///
/// # Example
/// ```
/// use civic_pulse::analytics::local_troughs;
/// assert_eq!(local_troughs(&[3.0, 1.0, 2.0, 0.0, 0.0, 4.0]), vec![1, 3]);
/// ```
pub fn local_troughs(values: &[f64]) -> Vec<usize> {
    local_turns(values, |a, b| a < b)
}

/// Shared plateau-aware scan; `beats(a, b)` is "a is more extreme than b".
fn local_turns(values: &[f64], beats: impl Fn(f64, f64) -> bool) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 1;
    while i + 1 < values.len() {
        let (Some(&prev), Some(&cur)) = (values.get(i - 1), values.get(i)) else {
            break;
        };
        if cur.is_nan() || prev.is_nan() || !beats(cur, prev) {
            i += 1;
            continue;
        }
        // Walk over a plateau of equal values.
        let mut j = i + 1;
        while values.get(j) == Some(&cur) {
            j += 1;
        }
        match values.get(j) {
            Some(&next) if !next.is_nan() && beats(cur, next) => out.push(i),
            _ => {}
        }
        i = j.max(i + 1);
    }
    out
}

/// Mean of `values[range]` over the mean of `values[prior]`, minus 1
/// (个税: mean of 2023 over the mean of 2020–2022 = +45.0 %).
///
/// Ranges are half-open index ranges (`36..48` is the 4th year of a monthly series starting in
/// January).
///
/// # NaN and edge cases
/// Any NaN inside either range gives NaN (a mean with missing months would be biased; fill or
/// trim first). A prior mean of 0 gives NaN. ±inf follow IEEE arithmetic.
///
/// # Errors
/// `invalid_argument` when a range is empty or reaches past the end of `values`.
///
/// # Example
/// ```
/// use civic_pulse::analytics::mean_vs_prior_mean;
/// let mut v = vec![100.0; 36];     // 2020..2022
/// v.extend(vec![145.0; 12]);       // 2023
/// let r = mean_vs_prior_mean(&v, 36..48, 0..36).unwrap();
/// assert!((r - 0.45).abs() < 1e-12);
/// ```
pub fn mean_vs_prior_mean(values: &[f64], range: Range<usize>, prior: Range<usize>) -> Result<f64> {
    let now = range_mean(values, range, "range")?;
    let before = range_mean(values, prior, "prior_range")?;
    if before == 0.0 {
        return Ok(f64::NAN);
    }
    Ok(now / before - 1.0)
}

fn range_mean(values: &[f64], range: Range<usize>, name: &str) -> Result<f64> {
    let bad = || {
        Error::invalid(format!(
            "invalid {name}: {}..{} (series has {} value(s); need a non-empty range inside it)",
            range.start,
            range.end,
            values.len()
        ))
    };
    if range.is_empty() {
        return Err(bad());
    }
    let slice = values.get(range.clone()).ok_or_else(bad)?;
    Ok(slice.iter().sum::<f64>() / slice.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                (x.is_nan() && y.is_nan()) || (x - y).abs() <= 1e-12 * y.abs().max(1.0)
            })
    }

    #[test]
    fn growth_table() {
        let nan = f64::NAN;
        let cases: &[(&[f64], usize, &[f64])] = &[
            (&[], 1, &[]),
            (&[5.0], 1, &[nan]),
            (&[100.0, 110.0, 99.0], 1, &[nan, 0.1, -0.1]),
            (
                &[100.0, 110.0, 120.0, 130.0],
                2,
                &[nan, nan, 0.2, 130.0 / 110.0 - 1.0],
            ),
            (&[0.0, 3.0], 1, &[nan, nan]),
            (&[nan, 3.0, 6.0], 1, &[nan, nan, 1.0]),
            (&[1.0, 2.0], 5, &[nan, nan]),
            (&[-2.0, 1.0], 1, &[nan, -1.5]),
        ];
        for (values, lag, want) in cases {
            let got = growth(values, *lag).unwrap();
            assert!(
                close(&got, want),
                "{values:?} lag {lag}: {got:?} != {want:?}"
            );
        }
        assert_eq!(growth(&[1.0], 0).unwrap_err().code(), "invalid_argument");
    }

    #[test]
    fn cagr_table() {
        let cases: &[(f64, f64, f64, f64)] = &[
            (100.0, 121.0, 2.0, 0.1),
            (100.0, 100.0, 7.0, 0.0),
            (100.0, 0.0, 3.0, -1.0),
            (1.0, 8.0, 3.0, 1.0),
            (4.0, 1.0, 2.0, -0.5),
            (100.0, 150.0, 0.5, 1.25),
        ];
        for &(f, l, p, want) in cases {
            let got = cagr(f, l, p).unwrap();
            assert!((got - want).abs() < 1e-12, "cagr({f},{l},{p}) = {got}");
        }
        for (f, l, p) in [
            (0.0, 1.0, 1.0),
            (-1.0, 1.0, 1.0),
            (1.0, 1.0, 0.0),
            (1.0, 1.0, -2.0),
            (1.0, -1.0, 1.0),
            (f64::INFINITY, 1.0, 1.0),
            (1.0, f64::INFINITY, 1.0),
            (1.0, 1.0, f64::INFINITY),
        ] {
            assert_eq!(
                cagr(f, l, p).unwrap_err().code(),
                "invalid_argument",
                "{f} {l} {p}"
            );
        }
        assert!(cagr(1.0, f64::NAN, 1.0).unwrap().is_nan());
        assert!(cagr(f64::NAN, 1.0, 0.0).unwrap().is_nan());
    }

    #[test]
    fn compound_growth_table() {
        let nan = f64::NAN;
        let cases: &[(&[f64], usize, &[f64])] = &[
            (&[100.0, 121.0], 1, &[nan, 0.21]),
            (&[100.0, 0.0, 121.0], 2, &[nan, nan, 0.1]),
            (&[0.0, 5.0], 1, &[nan, nan]),
            (&[-1.0, 5.0], 1, &[nan, nan]),
            (&[1.0, -5.0], 1, &[nan, nan]),
            (&[8.0, 1.0, 1.0, 1.0], 3, &[nan, nan, nan, -0.5]),
            (&[1.0], 3, &[nan]),
        ];
        for (values, w, want) in cases {
            let got = compound_growth(values, *w).unwrap();
            assert!(close(&got, want), "{values:?} w {w}: {got:?} != {want:?}");
        }
        assert_eq!(
            compound_growth(&[], 0).unwrap_err().code(),
            "invalid_argument"
        );
    }

    #[test]
    fn ratio_to_base_table() {
        let nan = f64::NAN;
        assert!(close(
            &ratio_to_base(&[2.0, 3.0, nan], 0).unwrap(),
            &[1.0, 1.5, nan]
        ));
        assert!(close(&ratio_to_base(&[0.0, 3.0], 0).unwrap(), &[nan, nan]));
        assert!(close(&ratio_to_base(&[4.0, 2.0], 1).unwrap(), &[2.0, 1.0]));
        assert_eq!(
            ratio_to_base(&[], 0).unwrap_err().code(),
            "invalid_argument"
        );
        assert_eq!(
            ratio_to_base(&[1.0], 1).unwrap_err().code(),
            "invalid_argument"
        );
    }

    #[test]
    fn extremes_and_peaks() {
        let e = extremes(&[2.0, f64::NAN, -1.0, 7.0, -1.0, 7.0]);
        assert_eq!(
            e.max,
            Some(Extreme {
                index: 3,
                value: 7.0
            })
        );
        assert_eq!(
            e.min,
            Some(Extreme {
                index: 2,
                value: -1.0
            })
        );
        assert_eq!(extremes(&[f64::NAN]).max, None);

        let nan = f64::NAN;
        let cases: &[(&[f64], &[usize], &[usize])] = &[
            (&[], &[], &[]),
            (&[1.0, 2.0], &[], &[]),
            (&[1.0, 2.0, 1.0], &[1], &[]),
            (&[2.0, 1.0, 2.0], &[], &[1]),
            (&[1.0, 2.0, 2.0, 2.0, 1.0], &[1], &[]),
            (&[1.0, 2.0, 2.0, 3.0], &[], &[]),
            (&[1.0, 2.0, nan, 2.0, 1.0], &[], &[]),
            (&[1.0, 3.0, 1.0, 3.0, 1.0], &[1, 3], &[2]),
            (&[0.0, f64::INFINITY, 0.0], &[1], &[]),
        ];
        for (v, peaks, troughs) in cases {
            assert_eq!(local_peaks(v), *peaks, "peaks {v:?}");
            assert_eq!(local_troughs(v), *troughs, "troughs {v:?}");
        }
    }

    #[test]
    fn mean_vs_prior_mean_table() {
        let v = [1.0, 2.0, 3.0, 6.0];
        assert!((mean_vs_prior_mean(&v, 2..4, 0..2).unwrap() - 2.0).abs() < 1e-12);
        assert!(mean_vs_prior_mean(&[0.0, 1.0], 1..2, 0..1)
            .unwrap()
            .is_nan());
        assert!(mean_vs_prior_mean(&[f64::NAN, 1.0], 1..2, 0..1)
            .unwrap()
            .is_nan());
        assert_eq!(
            mean_vs_prior_mean(&v, 2..2, 0..1).unwrap_err().code(),
            "invalid_argument"
        );
        assert_eq!(
            mean_vs_prior_mean(&v, 2..5, 0..1).unwrap_err().code(),
            "invalid_argument"
        );
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 3..1;
        assert_eq!(
            mean_vs_prior_mean(&v, reversed, 0..1).unwrap_err().code(),
            "invalid_argument"
        );
    }
}
