//! STL seasonal-trend decomposition (Cleveland et al. 1990), compatible with statsmodels'
//! `STL(endog, period, seasonal=7, trend=None, low_pass=None, seasonal_deg=1, trend_deg=1,
//! low_pass_deg=1, robust=False, seasonal_jump=1, trend_jump=1, low_pass_jump=1)` and
//! `.fit(inner_iter=None, outer_iter=None)`.
//!
//! The loess passes run in [`super::stl_engine`], a port of netlib STL that plans each
//! smoother's weights once per series length so that [`super::stl_batch()`] can share them
//! across series; it is bit-identical to the `stlrs` crate (the reference port, held to it in
//! `tests/analytics_stl_batch.rs`). Every parameter is resolved here with statsmodels'
//! defaults (not R's). With the same parameters the components equal statsmodels' to within
//! 1e-6 × max(1, max|y|) (see `tests/analytics_stl.rs` and the fixtures written by
//! `tools/stl_fixtures.py`).
//!
//! Everything the loess passes could panic or loop on is refused before they run: NaN
//! (`missing_values`), ±inf, zero jumps, windows that do not fit statsmodels' C `int`
//! (`invalid_argument`), and series shorter than two periods (`too_short`). Finite values so
//! large (or so small) that loess sums could overflow are scaled by an exact power of two and
//! scaled back, which leaves the result unchanged (STL is scale-equivariant).

use super::stl_engine::StlEngine;
use crate::{Error, Result};

/// How missing values (NaN) are treated before decomposing.
///
/// # Example
/// ```
/// use civic_pulse::analytics::{stl, Fill, StlParams};
/// let mut y: Vec<f64> = (0..48).map(|i| (i % 12) as f64).collect();
/// y[20] = f64::NAN;
/// assert_eq!(stl(&y, 12, &StlParams::new()).unwrap_err().code(), "missing_values");
/// assert!(stl(&y, 12, &StlParams::new().fill(Fill::Linear)).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fill {
    /// Refuse NaN with `missing_values` (the default; statsmodels returns all-NaN instead).
    #[default]
    None,
    /// Fill NaN gaps by linear interpolation between the nearest observed neighbours.
    /// Leading and trailing gaps take the nearest observed value (pandas
    /// `interpolate(limit_direction="both")`). The filled positions are reported in
    /// [`StlDecomposition::filled`]. An all-NaN series is still `missing_values`.
    Linear,
}

/// STL options, named and defaulted as in statsmodels. Build with [`StlParams::new`] and the
/// chained setters; `None` means "statsmodels' default for this period".
///
/// Validation happens in [`StlParams::resolve`] (called by [`stl`]) before anything is
/// allocated; the rules mirror statsmodels' constructor.
///
/// # Example
/// ```
/// use civic_pulse::analytics::StlParams;
/// let p = StlParams::new().seasonal(13).robust(true);
/// let r = p.resolve(12).unwrap();
/// assert_eq!((r.seasonal, r.trend, r.low_pass), (13, 21, 13));
/// assert_eq!((r.inner_iter, r.outer_iter), (2, 15));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StlParams {
    /// Seasonal smoother length; odd, >= 3. Default 7.
    pub seasonal: usize,
    /// Trend smoother length; odd, >= 3 and > period. Default: smallest odd integer
    /// >= `ceil(1.5·period / (1 − 1.5/seasonal))` (statsmodels' computation).
    pub trend: Option<usize>,
    /// Low-pass filter length; odd, >= 3 and > period. Default: smallest odd integer > period.
    pub low_pass: Option<usize>,
    /// Degree of the seasonal loess, 0 or 1. Default 1.
    pub seasonal_deg: u8,
    /// Degree of the trend loess, 0 or 1. Default 1.
    pub trend_deg: u8,
    /// Degree of the low-pass loess, 0 or 1. Default 1.
    pub low_pass_deg: u8,
    /// Robust (outlier-downweighting) fitting. Default false.
    pub robust: bool,
    /// Seasonal loess evaluated every `seasonal_jump` points, >= 1. Default 1.
    pub seasonal_jump: usize,
    /// Trend loess evaluated every `trend_jump` points, >= 1. Default 1.
    pub trend_jump: usize,
    /// Low-pass loess evaluated every `low_pass_jump` points, >= 1. Default 1.
    pub low_pass_jump: usize,
    /// Inner loop iterations, >= 1. Default 5, or 2 when robust.
    pub inner_iter: Option<usize>,
    /// Outer (robustness) iterations, >= 0. Default 0, or 15 when robust.
    pub outer_iter: Option<usize>,
    /// Treatment of NaN. Default [`Fill::None`].
    pub fill: Fill,
}

impl Default for StlParams {
    fn default() -> Self {
        StlParams::new()
    }
}

/// Largest window, jump or iteration count accepted: statsmodels stores them in a C `int`.
const MAX_PARAM: usize = i32::MAX as usize;

/// Values outside `[2^-SCALE_EXP, 2^SCALE_EXP]` (by magnitude of the largest) are rescaled.
const SCALE_EXP: i32 = 500;

macro_rules! setter {
    ($(#[$doc:meta])* $name:ident: $ty:ty => $field:ident = $value:expr) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(mut self, $name: $ty) -> Self {
            self.$field = $value;
            self
        }
    };
}

impl StlParams {
    /// statsmodels' defaults.
    ///
    /// # Example
    /// ```
    /// let p = civic_pulse::analytics::StlParams::new();
    /// assert_eq!(p.seasonal, 7);
    /// assert!(!p.robust);
    /// ```
    pub const fn new() -> Self {
        StlParams {
            seasonal: 7,
            trend: None,
            low_pass: None,
            seasonal_deg: 1,
            trend_deg: 1,
            low_pass_deg: 1,
            robust: false,
            seasonal_jump: 1,
            trend_jump: 1,
            low_pass_jump: 1,
            inner_iter: None,
            outer_iter: None,
            fill: Fill::None,
        }
    }

    setter!(
        /// Sets `seasonal`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().seasonal(11).seasonal, 11);
        /// ```
        seasonal: usize => seasonal = seasonal);
    setter!(
        /// Sets `trend`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().trend(25).trend, Some(25));
        /// ```
        trend: usize => trend = Some(trend));
    setter!(
        /// Sets `low_pass`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().low_pass(13).low_pass, Some(13));
        /// ```
        low_pass: usize => low_pass = Some(low_pass));
    setter!(
        /// Sets `seasonal_deg`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().seasonal_deg(0).seasonal_deg, 0);
        /// ```
        seasonal_deg: u8 => seasonal_deg = seasonal_deg);
    setter!(
        /// Sets `trend_deg`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().trend_deg(0).trend_deg, 0);
        /// ```
        trend_deg: u8 => trend_deg = trend_deg);
    setter!(
        /// Sets `low_pass_deg`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().low_pass_deg(0).low_pass_deg, 0);
        /// ```
        low_pass_deg: u8 => low_pass_deg = low_pass_deg);
    setter!(
        /// Sets `robust`.
        ///
        /// # Example
        /// ```
        /// assert!(civic_pulse::analytics::StlParams::new().robust(true).robust);
        /// ```
        robust: bool => robust = robust);
    setter!(
        /// Sets `seasonal_jump`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().seasonal_jump(2).seasonal_jump, 2);
        /// ```
        seasonal_jump: usize => seasonal_jump = seasonal_jump);
    setter!(
        /// Sets `trend_jump`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().trend_jump(3).trend_jump, 3);
        /// ```
        trend_jump: usize => trend_jump = trend_jump);
    setter!(
        /// Sets `low_pass_jump`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().low_pass_jump(2).low_pass_jump, 2);
        /// ```
        low_pass_jump: usize => low_pass_jump = low_pass_jump);
    setter!(
        /// Sets `inner_iter`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().inner_iter(3).inner_iter, Some(3));
        /// ```
        inner_iter: usize => inner_iter = Some(inner_iter));
    setter!(
        /// Sets `outer_iter`.
        ///
        /// # Example
        /// ```
        /// assert_eq!(civic_pulse::analytics::StlParams::new().outer_iter(0).outer_iter, Some(0));
        /// ```
        outer_iter: usize => outer_iter = Some(outer_iter));
    setter!(
        /// Sets `fill`.
        ///
        /// # Example
        /// ```
        /// use civic_pulse::analytics::{Fill, StlParams};
        /// assert_eq!(StlParams::new().fill(Fill::Linear).fill, Fill::Linear);
        /// ```
        fill: Fill => fill = fill);

    /// Validates the options for `period` and fills in the period-dependent defaults.
    ///
    /// Rules (statsmodels' constructor, plus what it leaves unchecked): period >= 2;
    /// `seasonal` odd and >= 3; `trend` and `low_pass` odd, >= 3 and > period; degrees 0 or 1
    /// (statsmodels does not check); jumps >= 1; `inner_iter` >= 1 (statsmodels accepts 0 and
    /// returns zero components); every value <= 2³¹ − 1 (a C `int` in statsmodels).
    ///
    /// # Errors
    /// `invalid_argument` naming the option and its value, e.g.
    /// `invalid seasonal: 4 (must be odd and >= 3)`.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::analytics::StlParams;
    /// let e = StlParams::new().seasonal(4).resolve(12).unwrap_err();
    /// assert_eq!(e.to_string(), "invalid argument: invalid seasonal: 4 (must be odd and >= 3)");
    /// let r = StlParams::new().resolve(24).unwrap();
    /// assert_eq!((r.trend, r.low_pass), (47, 25));
    /// ```
    pub fn resolve(&self, period: usize) -> Result<ResolvedStlParams> {
        if !(2..=MAX_PARAM).contains(&period) {
            return Err(Error::invalid(format!(
                "invalid period: {period} (must be an integer >= 2 and <= {MAX_PARAM})"
            )));
        }
        let odd_window = |name: &str, v: usize, above_period: bool| -> Result<usize> {
            let ok = v % 2 == 1 && (3..=MAX_PARAM).contains(&v) && (!above_period || v > period);
            if ok {
                Ok(v)
            } else if above_period {
                Err(Error::invalid(format!(
                    "invalid {name}: {v} (must be odd, >= 3 and > period {period})"
                )))
            } else {
                Err(Error::invalid(format!(
                    "invalid {name}: {v} (must be odd and >= 3)"
                )))
            }
        };
        let seasonal = odd_window("seasonal", self.seasonal, false)?;
        let trend = match self.trend {
            Some(t) => t,
            None => default_trend(period, seasonal),
        };
        let trend = odd_window("trend", trend, true)?;
        let low_pass = match self.low_pass {
            Some(l) => l,
            None => (period + 1) | 1,
        };
        let low_pass = odd_window("lowPass", low_pass, true)?;
        for (name, d) in [
            ("seasonalDeg", self.seasonal_deg),
            ("trendDeg", self.trend_deg),
            ("lowPassDeg", self.low_pass_deg),
        ] {
            if d > 1 {
                return Err(Error::invalid(format!(
                    "invalid {name}: {d} (must be 0 or 1)"
                )));
            }
        }
        for (name, j) in [
            ("seasonalJump", self.seasonal_jump),
            ("trendJump", self.trend_jump),
            ("lowPassJump", self.low_pass_jump),
        ] {
            if j == 0 || j > MAX_PARAM {
                return Err(Error::invalid(format!(
                    "invalid {name}: {j} (must be an integer >= 1)"
                )));
            }
        }
        let inner_iter = self.inner_iter.unwrap_or(if self.robust { 2 } else { 5 });
        if inner_iter == 0 || inner_iter > MAX_PARAM {
            return Err(Error::invalid(format!(
                "invalid innerIter: {inner_iter} (must be an integer >= 1)"
            )));
        }
        let outer_iter = self.outer_iter.unwrap_or(if self.robust { 15 } else { 0 });
        if outer_iter > MAX_PARAM {
            return Err(Error::invalid(format!(
                "invalid outerIter: {outer_iter} (must be an integer >= 0)"
            )));
        }
        Ok(ResolvedStlParams {
            period,
            seasonal,
            trend,
            low_pass,
            seasonal_deg: self.seasonal_deg,
            trend_deg: self.trend_deg,
            low_pass_deg: self.low_pass_deg,
            robust: self.robust,
            seasonal_jump: self.seasonal_jump,
            trend_jump: self.trend_jump,
            low_pass_jump: self.low_pass_jump,
            inner_iter,
            outer_iter,
            fill: self.fill,
        })
    }
}

/// statsmodels: `trend = ceil(1.5 * period / (1 - 1.5 / seasonal)); trend += trend % 2 == 0`.
fn default_trend(period: usize, seasonal: usize) -> usize {
    let t = (1.5 * period as f64 / (1.0 - 1.5 / seasonal as f64)).ceil();
    // Saturating float-to-int cast; an absurd value is refused by the validation that follows.
    let t = t as usize;
    t.saturating_add(usize::from(t.is_multiple_of(2)))
}

/// The parameters actually used, every default filled in (what statsmodels' `config` shows).
///
/// # Example
/// ```
/// use civic_pulse::analytics::StlParams;
/// let r = StlParams::new().resolve(12).unwrap();
/// assert_eq!((r.seasonal, r.trend, r.low_pass, r.inner_iter, r.outer_iter), (7, 23, 13, 5, 0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedStlParams {
    /// Period.
    pub period: usize,
    /// Seasonal smoother length.
    pub seasonal: usize,
    /// Trend smoother length.
    pub trend: usize,
    /// Low-pass filter length.
    pub low_pass: usize,
    /// Seasonal loess degree.
    pub seasonal_deg: u8,
    /// Trend loess degree.
    pub trend_deg: u8,
    /// Low-pass loess degree.
    pub low_pass_deg: u8,
    /// Robust fitting.
    pub robust: bool,
    /// Seasonal jump.
    pub seasonal_jump: usize,
    /// Trend jump.
    pub trend_jump: usize,
    /// Low-pass jump.
    pub low_pass_jump: usize,
    /// Inner iterations.
    pub inner_iter: usize,
    /// Outer iterations.
    pub outer_iter: usize,
    /// NaN treatment.
    pub fill: Fill,
}

/// An STL decomposition: `observed = trend + seasonal + remainder` element-wise.
///
/// # Example
/// ```
/// use civic_pulse::analytics::{stl, StlParams};
/// let y: Vec<f64> = (0..36).map(|i| i as f64 + [0.0, 5.0, -5.0][i % 3]).collect();
/// let d = stl(&y, 3, &StlParams::new()).unwrap();
/// for i in 0..y.len() {
///     assert!((d.trend[i] + d.seasonal[i] + d.remainder[i] - y[i]).abs() < 1e-9);
/// }
/// assert!(d.seasonal_strength > 0.9);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StlDecomposition {
    /// The series decomposed (after [`Fill::Linear`], if used).
    pub observed: Vec<f64>,
    /// Trend component.
    pub trend: Vec<f64>,
    /// Seasonal component.
    pub seasonal: Vec<f64>,
    /// Remainder `observed − trend − seasonal` (statsmodels' `resid`).
    pub remainder: Vec<f64>,
    /// Robustness weights (all 1 when `outer_iter` is 0).
    pub weights: Vec<f64>,
    /// `max(0, 1 − Var(R) / Var(S + R))` (Wang, Smith & Hyndman 2006).
    pub seasonal_strength: f64,
    /// `max(0, 1 − Var(R) / Var(T + R))`.
    pub trend_strength: f64,
    /// Indices filled by [`Fill::Linear`] (empty otherwise).
    pub filled: Vec<usize>,
    /// The parameters used, defaults resolved.
    pub params: ResolvedStlParams,
}

impl StlDecomposition {
    /// The seasonally adjusted series `observed − seasonal`.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::analytics::{stl, StlParams};
    /// let y: Vec<f64> = (0..24).map(|i| [1.0, 3.0][i % 2]).collect();
    /// let d = stl(&y, 2, &StlParams::new()).unwrap();
    /// let sa = d.seasonally_adjusted();
    /// assert!(sa.iter().all(|v| (v - 2.0).abs() < 1e-9));
    /// ```
    pub fn seasonally_adjusted(&self) -> Vec<f64> {
        self.observed
            .iter()
            .zip(&self.seasonal)
            .map(|(y, s)| y - s)
            .collect()
    }
}

/// Sample variance (ddof = 1) of `a[i] + b[i]`; the ddof cancels in the strength ratios.
fn var_sum(a: &[f64], b: Option<&[f64]>) -> f64 {
    let at = |i: usize, x: f64| x + b.and_then(|b| b.get(i)).copied().unwrap_or(0.0);
    let n = a.len() as f64;
    let mean = a.iter().enumerate().map(|(i, &x)| at(i, x)).sum::<f64>() / n;
    a.iter()
        .enumerate()
        .map(|(i, &x)| {
            let d = at(i, x) - mean;
            d * d
        })
        .sum::<f64>()
        / (n - 1.0)
}

/// Strength `max(0, 1 − Var(R)/Var(C + R))`; 0 when `Var(C + R)` is rounding noise
/// (standard deviation below 1e-12 · max|y|, e.g. a constant series) or the ratio is NaN.
fn strength(component: &[f64], remainder: &[f64], max_abs: f64) -> f64 {
    let denom = var_sum(component, Some(remainder));
    let noise = 1e-12 * max_abs;
    if denom.is_nan() || denom <= noise * noise {
        return 0.0;
    }
    let s = 1.0 - var_sum(remainder, None) / denom;
    if s.is_nan() {
        0.0
    } else {
        s.clamp(0.0, 1.0)
    }
}

/// `v · 2^k` for |k| up to ~2100, in steps that never overflow the factor itself.
fn ldexp(mut v: f64, mut k: i32) -> f64 {
    while k != 0 {
        let step = k.clamp(-1000, 1000);
        v *= 2f64.powi(step);
        k -= step;
    }
    v
}

/// Fills NaN linearly (edges: nearest value). Returns the filled indices.
/// Requires at least one non-NaN value.
fn fill_linear(y: &mut [f64]) -> Vec<usize> {
    let mut filled = Vec::new();
    let mut last: Option<(usize, f64)> = None;
    let mut i = 0;
    while i < y.len() {
        let v = y.get(i).copied().unwrap_or(0.0);
        if !v.is_nan() {
            last = Some((i, v));
            i += 1;
            continue;
        }
        // gap [i, j)
        let mut j = i;
        while y.get(j).is_some_and(|v| v.is_nan()) {
            j += 1;
        }
        let next = y.get(j).map(|&v| (j, v));
        for k in i..j {
            let value = match (last, next) {
                (Some((a, va)), Some((b, vb))) => {
                    va + (vb - va) * ((k - a) as f64 / (b - a) as f64)
                }
                (Some((_, va)), None) => va,
                (None, Some((_, vb))) => vb,
                (None, None) => f64::NAN,
            };
            if let Some(slot) = y.get_mut(k) {
                *slot = value;
            }
            filled.push(k);
        }
        i = j;
    }
    filled
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

#[cfg(test)]
mod tests {
    use super::*;

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
