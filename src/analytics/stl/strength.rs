//! The decomposition's result and the strengths of its seasonal and trend components
//! (Wang, Smith & Hyndman 2006, as in `tsfeatures`).

use super::ResolvedStlParams;

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
    /// The series decomposed (after [`Fill::Linear`](super::Fill::Linear), if used).
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
    /// Indices filled by [`Fill::Linear`](super::Fill::Linear) (empty otherwise).
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
pub(super) fn strength(component: &[f64], remainder: &[f64], max_abs: f64) -> f64 {
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
