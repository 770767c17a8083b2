//! The analytics a [`Series`] runs on itself: growth, ratios, extremes, peaks and troughs,
//! window means and STL, reported with dates instead of indices.

use super::Series;
use crate::analytics::{self, StlDecomposition, StlParams};
use crate::{Error, Result};

/// An extreme value of a [`Series`] with its position and date.
///
/// # Example
/// ```
/// use civic_pulse::tidy::{example_snapshot, Tidy};
/// let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
/// let max = s.extremes().max.unwrap();
/// assert_eq!((max.index, max.date.as_str(), max.value), (2, "2023-03-01", 121.0));
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DatedValue {
    /// Position in the series.
    pub index: usize,
    /// Date at that position.
    pub date: String,
    /// The value.
    pub value: f64,
}

/// The maximum and minimum of a [`Series`] (NaN skipped, first occurrence on ties).
///
/// # Example
/// ```
/// use civic_pulse::tidy::{example_snapshot, Tidy};
/// let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("B", "users", None).unwrap();
/// let e = s.extremes();
/// assert_eq!(e.min.unwrap().date, "2023-02-01");
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SeriesExtremes {
    /// Largest value, `None` when there is no non-NaN value.
    pub max: Option<DatedValue>,
    /// Smallest value, `None` when there is no non-NaN value.
    pub min: Option<DatedValue>,
}

impl Series {
    /// Period-over-period growth ([`analytics::growth()`]): `lag` 1 is 环比 for monthly data,
    /// 12 is 同比. Assumes consecutive points are consecutive periods.
    ///
    /// # Errors
    /// As [`analytics::growth()`] (`lag == 0`).
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// let g = s.growth(2).unwrap();
    /// assert!((g[2] - 0.21).abs() < 1e-12);
    /// ```
    pub fn growth(&self, lag: usize) -> Result<Vec<f64>> {
        analytics::growth(&self.values, lag)
    }

    /// Trailing compound growth per period ([`analytics::compound_growth`]).
    ///
    /// # Errors
    /// As [`analytics::compound_growth`] (`window == 0`).
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert!((s.compound_growth(2).unwrap()[2] - 0.1).abs() < 1e-12);
    /// ```
    pub fn compound_growth(&self, window: usize) -> Result<Vec<f64>> {
        analytics::compound_growth(&self.values, window)
    }

    /// Each value divided by the value at `base_date` ([`analytics::ratio_to_base`]).
    ///
    /// # Errors
    /// As [`Series::index_of`] for `base_date`.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert_eq!(s.ratio_to_base("2023-01-01").unwrap(), [1.0, 1.1, 1.21]);
    /// ```
    pub fn ratio_to_base(&self, base_date: &str) -> Result<Vec<f64>> {
        analytics::ratio_to_base(&self.values, self.index_of(base_date)?)
    }

    /// The maximum and minimum with their dates ([`analytics::extremes`]).
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert_eq!(s.extremes().min.unwrap().value, 100.0);
    /// ```
    pub fn extremes(&self) -> SeriesExtremes {
        let e = analytics::extremes(&self.values);
        let dated = |x: Option<analytics::Extreme>| {
            x.and_then(|x| {
                Some(DatedValue {
                    index: x.index,
                    date: self.dates.get(x.index)?.clone(),
                    value: x.value,
                })
            })
        };
        SeriesExtremes {
            max: dated(e.max),
            min: dated(e.min),
        }
    }

    /// Local peaks ([`analytics::local_peaks`]: plateau-aware, ends excluded) with their dates.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let t = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
    /// assert!(t.series("A", "users", None).unwrap().local_peaks().is_empty());
    /// ```
    pub fn local_peaks(&self) -> Vec<DatedValue> {
        self.dated(analytics::local_peaks(&self.values))
    }

    /// Local troughs ([`analytics::local_troughs`]) with their dates.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let t = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
    /// let troughs = t.series("B", "users", None).unwrap().local_troughs();
    /// assert_eq!(troughs[0].date, "2023-02-01");
    /// ```
    pub fn local_troughs(&self) -> Vec<DatedValue> {
        self.dated(analytics::local_troughs(&self.values))
    }

    /// Mean over `window` (inclusive ISO bounds) against the mean over `prior`, minus 1
    /// ([`analytics::mean_vs_prior_mean`]; 个税: 2023 over 2020–2022 = +45.0 %).
    ///
    /// # Errors
    /// `invalid_argument` when either date range holds no point.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// let r = s.mean_vs_prior_mean(("2023-03-01", "2023-03-01"), ("2023-01-01", "2023-01-01")).unwrap();
    /// assert!((r - 0.21).abs() < 1e-12);
    /// ```
    pub fn mean_vs_prior_mean(&self, window: (&str, &str), prior: (&str, &str)) -> Result<f64> {
        let w = self.date_range(window.0, window.1);
        let p = self.date_range(prior.0, prior.1);
        for (name, r, (a, b)) in [("window", &w, window), ("prior", &p, prior)] {
            if r.is_empty() {
                return Err(Error::invalid(format!(
                    "empty {name} {a:?}..{b:?}: no value of entity {:?} metric {:?} in it",
                    self.entity, self.metric
                )));
            }
        }
        analytics::mean_vs_prior_mean(&self.values, w, p)
    }

    /// STL decomposition of the values ([`analytics::stl()`]); `period` 12 for monthly data,
    /// 24 for hourly profiles.
    ///
    /// # Errors
    /// As [`analytics::stl()`]: `too_short`, `missing_values`, `invalid_argument`.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// use civic_pulse::analytics::StlParams;
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert_eq!(s.stl(12, &StlParams::new()).unwrap_err().code(), "too_short");
    /// ```
    pub fn stl(&self, period: usize, params: &StlParams) -> Result<StlDecomposition> {
        analytics::stl(&self.values, period, params)
    }

    fn dated(&self, idx: Vec<usize>) -> Vec<DatedValue> {
        idx.into_iter()
            .filter_map(|i| {
                Some(DatedValue {
                    index: i,
                    date: self.dates.get(i)?.clone(),
                    value: *self.values.get(i)?,
                })
            })
            .collect()
    }
}
