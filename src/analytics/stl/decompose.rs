//! [`stl()`]: every input `stlrs` could panic or loop on refused first, extreme magnitudes
//! rescaled by an exact power of two, then `stlrs` called with every parameter explicit.

use super::fill::fill_linear;
use super::params::MAX_PARAM;
use super::strength::strength;
use super::{Fill, StlDecomposition, StlParams};
use crate::{Error, Result};

/// Values outside `[2^-SCALE_EXP, 2^SCALE_EXP]` (by magnitude of the largest) are rescaled.
const SCALE_EXP: i32 = 500;

/// `v · 2^k` for |k| up to ~2100, in steps that never overflow the factor itself.
fn ldexp(mut v: f64, mut k: i32) -> f64 {
    while k != 0 {
        let step = k.clamp(-1000, 1000);
        v *= 2f64.powi(step);
        k -= step;
    }
    v
}

/// STL decomposition of `values` with seasonal `period` (12 for monthly data with a yearly
/// cycle, 24 for hourly data with a daily one).
///
/// # NaN and edge cases
/// * NaN (missing) is refused with `missing_values` unless `params.fill` is
///   [`Fill::Linear`]; an all-NaN series is refused either way.
/// * ±inf is refused with `invalid_argument` (it is not "missing", and loess turns it into NaN
///   everywhere).
/// * Huge or tiny finite values are decomposed exactly via power-of-two rescaling. Loess can
///   extrapolate beyond the data, so with values within a factor of a few of `f64::MAX` a
///   component may overflow to ±inf (and the remainder then be NaN); below 1e300 everything
///   is finite.
/// * `seasonal_strength` / `trend_strength` use the sample variance (ddof = 1; the ddof
///   cancels in the ratio) and are 0 when `Var(S+R)` (resp. `Var(T+R)`) is only rounding
///   noise: standard deviation <= 1e-12 · max|y| (a constant series has no seasonality).
///
/// # Errors
/// * `invalid_argument`: period < 2, an invalid option (see [`StlParams::resolve`]), ±inf
///   anywhere in the input (this takes precedence over NaN), or a series longer than 2³¹ − 1.
/// * `too_short`: fewer than `2 · period` values (checked after the options, before the
///   values).
/// * `missing_values`: NaN without [`Fill::Linear`], or no value at all to fill from.
///
/// # Example
/// ```
/// use civic_pulse::analytics::{stl, StlParams};
/// let y: Vec<f64> = (0..48)
///     .map(|i| 100.0 + i as f64 + 10.0 * (i as f64 * std::f64::consts::PI / 6.0).sin())
///     .collect();
/// let d = stl(&y, 12, &StlParams::new()).unwrap();
/// assert_eq!(d.trend.len(), 48);
/// assert!(d.seasonal_strength > 0.9);
/// assert_eq!(stl(&y[..20], 12, &StlParams::new()).unwrap_err().code(), "too_short");
/// ```
pub fn stl(values: &[f64], period: usize, params: &StlParams) -> Result<StlDecomposition> {
    let p = params.resolve(period)?;
    let n = values.len();
    if n > MAX_PARAM {
        return Err(Error::invalid(format!(
            "invalid series length: {n} (at most {MAX_PARAM})"
        )));
    }
    // period <= i32::MAX, so 2 * period fits in usize on every target (usize >= 32 bits).
    let needed = period.saturating_mul(2);
    if n < needed {
        return Err(Error::TooShort { len: n, needed });
    }
    let mut nan_count = 0usize;
    let mut first_nan = None;
    let mut max_abs = 0.0f64;
    for (i, &v) in values.iter().enumerate() {
        if v.is_nan() {
            nan_count += 1;
            first_nan.get_or_insert(i);
        } else if v.is_infinite() {
            return Err(Error::invalid(format!(
                "invalid value at index {i}: {v} (STL needs finite values)"
            )));
        } else {
            max_abs = max_abs.max(v.abs());
        }
    }
    let mut observed = values.to_vec();
    let mut filled = Vec::new();
    if let Some(first) = first_nan {
        if p.fill == Fill::None || nan_count == n {
            return Err(Error::MissingValues {
                count: nan_count,
                first,
            });
        }
        filled = fill_linear(&mut observed);
    }

    // Exact power-of-two rescaling keeps loess sums away from overflow (and subnormals).
    let exp = if max_abs > 0.0 {
        max_abs.log2().floor() as i32
    } else {
        0
    };
    let scale = (!(-SCALE_EXP..=SCALE_EXP).contains(&exp)).then_some(-exp);
    let scaled;
    let input: &[f64] = match scale {
        Some(k) => {
            scaled = observed.iter().map(|&v| ldexp(v, k)).collect::<Vec<_>>();
            &scaled
        }
        None => &observed,
    };

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
        .fit(input, period)
        .map_err(|e| Error::invalid(format!("STL: {e}")))?;
    let (mut seasonal, mut trend, _, weights) = fit.into_parts();
    if let Some(k) = scale {
        for v in seasonal.iter_mut().chain(trend.iter_mut()) {
            *v = ldexp(*v, -k);
        }
    }
    let remainder: Vec<f64> = observed
        .iter()
        .zip(&seasonal)
        .zip(&trend)
        .map(|((y, s), t)| y - s - t)
        .collect();
    let max_abs = observed.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let seasonal_strength = strength(&seasonal, &remainder, max_abs);
    let trend_strength = strength(&trend, &remainder, max_abs);
    Ok(StlDecomposition {
        observed,
        trend,
        seasonal,
        remainder,
        weights,
        seasonal_strength,
        trend_strength,
        filled,
        params: p,
    })
}
