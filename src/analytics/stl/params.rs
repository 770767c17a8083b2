//! STL options, named and defaulted as in statsmodels, and their validation (before anything
//! is allocated; the rules mirror statsmodels' constructor).

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
pub(super) const MAX_PARAM: usize = i32::MAX as usize;

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
