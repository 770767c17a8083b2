//! STL of many series of one length in one call: the loess weights and work buffers are
//! planned once and shared ([`super::stl_engine`]), and a series that cannot be decomposed is
//! skipped with its reason instead of failing the batch.

use super::decompose::{check_length, Prepared};
use super::engine::StlEngine;
use super::StlParams;
use crate::{Error, Result};

/// The result of [`stl_batch`]: components entity-major (`series × len`), NaN for skipped
/// series.
///
/// # Example
/// ```
/// use civic_pulse::analytics::{stl_batch, StlParams};
/// let a: Vec<f64> = (0..24).map(|i| [1.0, 3.0][i % 2] + i as f64).collect();
/// let mut values = a.clone();
/// values.extend(std::iter::repeat(f64::NAN).take(24));
/// let b = stl_batch(&values, 24, 2, &StlParams::new()).unwrap();
/// assert_eq!((b.series, b.len), (2, 24));
/// assert!(b.trend[..24].iter().all(|v| v.is_finite()));
/// assert!(b.trend[24..].iter().all(|v| v.is_nan()));
/// assert_eq!(b.skipped[0].index, 1);
/// assert_eq!(b.skipped[0].error.code(), "missing_values");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StlBatch {
    /// Number of series.
    pub series: usize,
    /// Length of every series.
    pub len: usize,
    /// Trend components, series after series.
    pub trend: Vec<f64>,
    /// Seasonal components, series after series.
    pub seasonal: Vec<f64>,
    /// Remainders (`observed − trend − seasonal`), series after series.
    pub remainder: Vec<f64>,
    /// Seasonal strength per series (NaN when skipped).
    pub seasonal_strength: Vec<f64>,
    /// Trend strength per series (NaN when skipped).
    pub trend_strength: Vec<f64>,
    /// The series that could not be decomposed, in order.
    pub skipped: Vec<Skipped>,
}

/// A series [`stl_batch`] left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Its position in the batch (0-based).
    pub index: usize,
    /// What [`stl`](super::stl()) would have returned for it.
    pub error: Error,
}

/// STL of `values.len() / len` series of length `len` stored one after another, all with
/// seasonal `period` and the same `params`. Each series' components equal
/// [`stl`](super::stl()) on that series alone (bit for bit: the same sums in the same order).
///
/// # Errors
/// `invalid_argument` when `len` is 0 or does not divide `values.len()`, or for invalid
/// options (as [`StlParams::resolve`]). A series that is too short, has NaN without a fill or
/// ±inf is not an error of the batch: it is NaN in the output and listed in
/// [`StlBatch::skipped`] with the error `stl` gives it.
///
/// # Example
/// ```
/// use civic_pulse::analytics::{stl, stl_batch, StlParams};
/// let one: Vec<f64> = (0..36).map(|i| i as f64 + [0.0, 5.0, -5.0][i % 3]).collect();
/// let two: Vec<f64> = one.iter().map(|v| 2.0 * v).collect();
/// let b = stl_batch(&[one.clone(), two].concat(), 36, 3, &StlParams::new()).unwrap();
/// assert_eq!(&b.trend[..36], &stl(&one, 3, &StlParams::new()).unwrap().trend[..]);
/// assert!(b.skipped.is_empty());
/// ```
pub fn stl_batch(
    values: &[f64],
    len: usize,
    period: usize,
    params: &StlParams,
) -> Result<StlBatch> {
    let p = params.resolve(period)?;
    if len == 0 || !values.len().is_multiple_of(len) {
        return Err(Error::invalid(format!(
            "invalid series length: {len} (must divide the {} values given)",
            values.len()
        )));
    }
    let series = values.len() / len;
    let mut out = StlBatch {
        series,
        len,
        trend: vec![f64::NAN; values.len()],
        seasonal: vec![f64::NAN; values.len()],
        remainder: vec![f64::NAN; values.len()],
        seasonal_strength: vec![f64::NAN; series],
        trend_strength: vec![f64::NAN; series],
        skipped: Vec::new(),
    };
    if let Err(error) = check_length(len, period) {
        out.skipped = (0..series)
            .map(|index| Skipped {
                index,
                error: error.clone(),
            })
            .collect();
        return Ok(out);
    }
    let mut engine = StlEngine::new(len, &p);
    let mut prepared = Prepared::default();
    for (index, y) in values.chunks_exact(len).enumerate() {
        if let Err(error) = prepared.load(y, p.fill) {
            out.skipped.push(Skipped { index, error });
            continue;
        }
        engine.decompose(&prepared.input);
        let at = index * len..(index + 1) * len;
        let (s, t) = prepared.finish(
            &engine,
            &mut out.trend[at.clone()],
            &mut out.seasonal[at.clone()],
            &mut out.remainder[at],
        );
        out.seasonal_strength[index] = s;
        out.trend_strength[index] = t;
    }
    Ok(out)
}
