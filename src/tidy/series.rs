//! [`Series`]: one entity × metric × optional category, sorted by date, with the row each
//! point came from; lookups by date and windows.

use std::ops::Range;

use crate::{Error, Result};

/// One series (entity × metric × optional category) sorted by date.
///
/// All vectors have the same length. Rows with a null date are left out (they cannot be
/// placed in time); rows that share a date are all kept, in file order.
///
/// # Example
/// ```
/// use civic_pulse::tidy::{example_snapshot, Tidy};
/// let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("B", "users", None).unwrap();
/// assert_eq!(s.values, [50.0, 40.0, 60.0]);
/// assert_eq!(s.provenance, ["published", "reconstructed", "published"]);
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Series {
    /// The entity selected.
    pub entity: String,
    /// The metric selected.
    pub metric: String,
    /// The category selected, if one was.
    pub category: Option<String>,
    /// ISO dates (or timestamps), ascending.
    pub dates: Vec<String>,
    /// Values (NaN = missing), aligned with `dates`.
    pub values: Vec<f64>,
    /// Provenance of each value (`""` for a null), aligned with `dates`.
    pub provenance: Vec<String>,
    /// The printed qualifier of each value (`≈`, `>`, `<`, `≥`, `≤`), `None` where the value is
    /// exact as printed, not printed, or the snapshot has no `qualifier` column.
    pub qualifier: Vec<Option<String>>,
    /// The snapshot row of each point (0-based, across batches), so a caller can cut exactly
    /// these rows back out as Arrow IPC ([`crate::export`]).
    pub rows: Vec<usize>,
}

impl Series {
    /// Number of points.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert_eq!(s.len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the series has no points.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert!(!s.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Position of `date` in the series.
    ///
    /// # Errors
    /// `invalid_argument` when no point or more than one point has that date.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert_eq!(s.index_of("2023-02-01").unwrap(), 1);
    /// assert_eq!(s.index_of("2024-01-01").unwrap_err().code(), "invalid_argument");
    /// ```
    pub fn index_of(&self, date: &str) -> Result<usize> {
        let mut hits = self
            .dates
            .iter()
            .enumerate()
            .filter(|(_, d)| d.as_str() == date)
            .map(|(i, _)| i);
        match (hits.next(), hits.next()) {
            (Some(i), None) => Ok(i),
            (None, _) => Err(Error::invalid(format!(
                "no value at date {date:?} for entity {:?} metric {:?}",
                self.entity, self.metric
            ))),
            (Some(_), Some(_)) => Err(Error::invalid(format!(
                "several values at date {date:?} for entity {:?} metric {:?}",
                self.entity, self.metric
            ))),
        }
    }

    /// The value at `date`.
    ///
    /// # Errors
    /// As [`Series::index_of`].
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert_eq!(s.value_at("2023-03-01").unwrap(), 121.0);
    /// ```
    pub fn value_at(&self, date: &str) -> Result<f64> {
        let i = self.index_of(date)?;
        self.values
            .get(i)
            .copied()
            .ok_or_else(|| Error::invalid(format!("no value at date {date:?}")))
    }

    /// The index range of the points with `start <= date <= end` (ISO text comparison; an
    /// empty bound is open). The series is sorted, so the points form one range (possibly
    /// empty).
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert_eq!(s.date_range("2023-02-01", ""), 1..3);
    /// assert_eq!(s.date_range("2024-01-01", "2024-12-01"), 3..3);
    /// ```
    pub fn date_range(&self, start: &str, end: &str) -> Range<usize> {
        let lo = self
            .dates
            .partition_point(|d| !start.is_empty() && d.as_str() < start);
        let hi = self
            .dates
            .partition_point(|d| end.is_empty() || d.as_str() <= end);
        lo..hi.max(lo)
    }

    /// The sub-series with `start <= date <= end` (see [`Series::date_range`]).
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// # let s = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().series("A", "users", None).unwrap();
    /// assert_eq!(s.window("", "2023-02-01").values, [100.0, 110.0]);
    /// ```
    pub fn window(&self, start: &str, end: &str) -> Series {
        let r = self.date_range(start, end);
        Series {
            entity: self.entity.clone(),
            metric: self.metric.clone(),
            category: self.category.clone(),
            dates: self.dates.get(r.clone()).unwrap_or_default().to_vec(),
            values: self.values.get(r.clone()).unwrap_or_default().to_vec(),
            provenance: self.provenance.get(r.clone()).unwrap_or_default().to_vec(),
            qualifier: self.qualifier.get(r.clone()).unwrap_or_default().to_vec(),
            rows: self.rows.get(r).unwrap_or_default().to_vec(),
        }
    }
}
