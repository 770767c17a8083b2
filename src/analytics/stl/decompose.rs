//! [`stl()`]: every input the loess passes could panic or loop on refused first, extreme
//! magnitudes rescaled by an exact power of two, then the planned engine ([`super::engine`]).
//! [`Prepared`] and [`check_length`] are shared with [`super::batch`], so a batch entry is
//! prepared and finished exactly as `stl()` does it.

use super::engine::StlEngine;
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
    check_length(values.len(), period)?;
    let mut prepared = Prepared::default();
    prepared.load(values, p.fill)?;
    let mut engine = StlEngine::new(values.len(), &p);
    engine.decompose(&prepared.input);
    let n = values.len();
    let (mut trend, mut seasonal, mut remainder) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let (seasonal_strength, trend_strength) =
        prepared.finish(&engine, &mut trend, &mut seasonal, &mut remainder);
    Ok(StlDecomposition {
        observed: prepared.observed,
        trend,
        seasonal,
        remainder,
        weights: engine.weights,
        seasonal_strength,
        trend_strength,
        filled: prepared.filled,
        params: p,
    })
}

/// `too_short` below two periods, `invalid_argument` above 2³¹ − 1 values.
pub(crate) fn check_length(n: usize, period: usize) -> Result<()> {
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
    Ok(())
}

/// One series made ready for the loess passes, in buffers a batch reuses: NaN checked (and
/// filled), ±inf refused, and rescaled by an exact power of two when its magnitude would
/// push loess sums towards overflow or subnormals.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    /// The series as decomposed (NaN filled when asked).
    pub(crate) observed: Vec<f64>,
    /// What the engine sees: `observed`, rescaled when needed.
    pub(crate) input: Vec<f64>,
    /// Indices filled by [`Fill::Linear`].
    pub(crate) filled: Vec<usize>,
    scale: Option<i32>,
    max_abs: f64,
}

impl Prepared {
    /// Loads `values`; errors as [`stl`] documents (`invalid_argument` for ±inf,
    /// `missing_values` for NaN without a fill or with nothing to fill from).
    pub(crate) fn load(&mut self, values: &[f64], fill: Fill) -> Result<()> {
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
        self.observed.clear();
        self.observed.extend_from_slice(values);
        self.filled.clear();
        if let Some(first) = first_nan {
            if fill == Fill::None || nan_count == values.len() {
                return Err(Error::MissingValues {
                    count: nan_count,
                    first,
                });
            }
            self.filled = fill_linear(&mut self.observed);
        }
        let exp = if max_abs > 0.0 {
            max_abs.log2().floor() as i32
        } else {
            0
        };
        self.scale = (!(-SCALE_EXP..=SCALE_EXP).contains(&exp)).then_some(-exp);
        self.input.clear();
        match self.scale {
            Some(k) => self
                .input
                .extend(self.observed.iter().map(|&v| ldexp(v, k))),
            None => self.input.extend_from_slice(&self.observed),
        }
        self.max_abs = self.observed.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        Ok(())
    }

    /// Writes the engine's components (scaled back) and the remainder into the output slices
    /// (each of the series' length) and returns `(seasonal_strength, trend_strength)`.
    pub(crate) fn finish(
        &self,
        engine: &StlEngine,
        trend: &mut [f64],
        seasonal: &mut [f64],
        remainder: &mut [f64],
    ) -> (f64, f64) {
        trend.copy_from_slice(&engine.trend);
        seasonal.copy_from_slice(&engine.seasonal);
        if let Some(k) = self.scale {
            for v in seasonal.iter_mut().chain(trend.iter_mut()) {
                *v = ldexp(*v, -k);
            }
        }
        for (i, r) in remainder.iter_mut().enumerate() {
            *r = self.observed[i] - seasonal[i] - trend[i];
        }
        (
            strength(seasonal, remainder, self.max_abs),
            strength(trend, remainder, self.max_abs),
        )
    }
}
