//! Snapshot-level helpers for tidy (long) time-series snapshots.
//!
//! A tidy snapshot has one row per observation with the columns `date` (date32 / timestamp /
//! ISO string), `entity`, `metric` (strings or dictionary strings), `value` (any numeric type),
//! and optionally `provenance` and `category` (strings) — the dataset contract in
//! `../shared/design/contract.md`. [`Tidy`] decodes those columns **once**; after that, listing
//! entities and metrics and extracting any number of [`Series`] touches no Arrow data again, and
//! each [`Series`] runs the [`analytics`](mod@crate::analytics) on itself with dates instead of
//! indices.
//!
//! Dates are compared as the ISO text [`Snapshot::column`] renders (`YYYY-MM-DD`, or
//! `YYYY-MM-DDTHH:MM:SS` for timestamps), which sorts chronologically for years 0000–9999.
//!
//! # Example
//! ```
//! use civic_pulse::tidy::{example_snapshot, Tidy};
//! // 2 entities × 1 metric × 3 months (see `example_snapshot`).
//! let tidy = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
//! assert_eq!(tidy.entities(), ["A", "B"]);
//! let s = tidy.series("A", "users", None).unwrap();
//! assert_eq!(s.dates, ["2023-01-01", "2023-02-01", "2023-03-01"]);
//! let g = s.growth(1).unwrap();
//! assert!((g[1] - 0.1).abs() < 1e-12);
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};

use crate::analytics::{self, StlDecomposition, StlParams};
use crate::{Column, Error, Result, Snapshot};

/// The columns a tidy snapshot must have. `provenance` is optional: a reader's own file rarely
/// has it, and its rows then carry an empty provenance.
pub const REQUIRED_COLUMNS: [&str; 4] = ["date", "entity", "metric", "value"];

/// A tidy snapshot decoded once: dates, interned entity / metric / category names, values and
/// provenance, row by row in file order.
///
/// # Example
/// ```
/// use civic_pulse::tidy::{example_snapshot, Tidy};
/// let tidy = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
/// assert_eq!(tidy.len(), 6);
/// assert_eq!(tidy.metrics(), ["users"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Tidy {
    dates: Vec<Option<String>>,
    entity: Vec<Option<usize>>,
    metric: Vec<Option<usize>>,
    category: Option<Vec<Option<usize>>>,
    values: Vec<f64>,
    provenance: Vec<Option<String>>,
    /// The optional `qualifier` column (`≈`, `>`, …; null = exact as printed), row by row.
    qualifier: Vec<Option<String>>,
    entities: Vec<String>,
    metrics: Vec<String>,
    categories: Vec<String>,
    /// Row numbers of each (entity, metric) pair, in file order: series lookups cost the
    /// series' length, not the snapshot's.
    index: std::collections::BTreeMap<(usize, usize), Vec<usize>>,
}

/// One row of a [`Tidy`] snapshot, borrowed.
///
/// # Example
/// ```
/// use civic_pulse::tidy::{example_snapshot, Tidy};
/// let tidy = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
/// let row = tidy.row(0).unwrap();
/// assert_eq!((row.date, row.entity, row.value), (Some("2023-01-01"), Some("A"), 100.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TidyRow<'a> {
    /// Row number in the snapshot (0-based, across batches).
    pub index: usize,
    /// ISO date or timestamp; `None` for a null date.
    pub date: Option<&'a str>,
    /// Entity; `None` for a null entity.
    pub entity: Option<&'a str>,
    /// Metric; `None` for a null metric.
    pub metric: Option<&'a str>,
    /// Category; `None` when null or when the snapshot has no `category` column.
    pub category: Option<&'a str>,
    /// The value (NaN when null).
    pub value: f64,
    /// Provenance; `None` for a null.
    pub provenance: Option<&'a str>,
}

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

/// Interns strings in order of first appearance.
#[derive(Default)]
struct Interner {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Interner {
    fn code(&mut self, s: Option<String>) -> Option<usize> {
        let s = s?;
        if let Some(&i) = self.index.get(&s) {
            return Some(i);
        }
        let i = self.names.len();
        self.names.push(s.clone());
        self.index.insert(s, i);
        Some(i)
    }
}

fn text_column(snap: &Snapshot, name: &str, what: &str) -> Result<Vec<Option<String>>> {
    match snap.column(name) {
        Ok(Column::Text(v)) => Ok(v),
        Ok(Column::Float(_)) => Err(Error::SchemaMismatch(format!(
            "column {name:?} holds numbers; a tidy snapshot needs {what}"
        ))),
        Ok(Column::Bool(_)) => Err(Error::SchemaMismatch(format!(
            "column {name:?} holds booleans; a tidy snapshot needs {what}"
        ))),
        Err(Error::NoSuchColumn { available, .. }) => Err(missing(name, &available)),
        Err(e) => Err(e),
    }
}

fn missing(name: &str, available: &str) -> Error {
    Error::SchemaMismatch(format!(
        "missing column {name:?}: a tidy snapshot needs date, entity, metric and value \
         (columns: {available})"
    ))
}

impl Tidy {
    /// Decodes the tidy columns of `snap` once.
    ///
    /// # Errors
    /// `schema_mismatch` naming the column when `date`, `entity`, `metric` or `value` is
    /// missing, when `value` is not numeric, or when `date`, `entity`,
    /// `metric`, `provenance` or `category` (if present) is not text, a date or a timestamp;
    /// `unsupported_type` when a column's Arrow type has no flat form.
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use arrow_schema::Schema;
    /// use civic_pulse::{tidy::Tidy, Snapshot};
    /// let empty = Snapshot::from_batches(Arc::new(Schema::empty()), vec![]).unwrap();
    /// let err = Tidy::from_snapshot(&empty).unwrap_err();
    /// assert_eq!(err.code(), "schema_mismatch");
    /// assert!(err.to_string().contains("\"date\""));
    /// ```
    pub fn from_snapshot(snap: &Snapshot) -> Result<Tidy> {
        let dates = text_column(snap, "date", "dates, timestamps or ISO strings")?;
        let entity_text = text_column(snap, "entity", "strings")?;
        let metric_text = text_column(snap, "metric", "strings")?;
        let values = match snap.column("value") {
            Ok(Column::Float(v)) => v,
            Ok(_) => {
                return Err(Error::SchemaMismatch(
                    "column \"value\" is not numeric; a tidy snapshot needs numbers".into(),
                ))
            }
            Err(Error::NoSuchColumn { available, .. }) => return Err(missing("value", &available)),
            Err(e) => return Err(e),
        };
        let has = |name: &str| snap.column_names().iter().any(|n| n == name);
        let provenance = if has("provenance") {
            text_column(snap, "provenance", "strings")?
        } else {
            vec![None; values.len()]
        };
        let qualifier = if has("qualifier") {
            text_column(snap, "qualifier", "strings")?
        } else {
            vec![None; values.len()]
        };
        let category_text = if has("category") {
            Some(text_column(snap, "category", "strings")?)
        } else {
            None
        };
        let mut entities = Interner::default();
        let mut metrics = Interner::default();
        let mut categories = Interner::default();
        let entity: Vec<Option<usize>> =
            entity_text.into_iter().map(|s| entities.code(s)).collect();
        let metric: Vec<Option<usize>> = metric_text.into_iter().map(|s| metrics.code(s)).collect();
        let category = category_text.map(|c| c.into_iter().map(|s| categories.code(s)).collect());
        let mut index: std::collections::BTreeMap<(usize, usize), Vec<usize>> =
            std::collections::BTreeMap::new();
        for (i, pair) in entity.iter().zip(&metric).enumerate() {
            if let (Some(e), Some(m)) = pair {
                index.entry((*e, *m)).or_default().push(i);
            }
        }
        Ok(Tidy {
            index,
            dates,
            entity,
            metric,
            category,
            values,
            provenance,
            qualifier,
            entities: entities.names,
            metrics: metrics.names,
            categories: categories.names,
        })
    }

    /// Reads Arrow IPC bytes and decodes them as a tidy snapshot
    /// ([`Snapshot::from_ipc`] then [`Tidy::from_snapshot`]).
    ///
    /// # Errors
    /// As [`Snapshot::from_ipc`] and [`Tidy::from_snapshot`].
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::tidy::Tidy::from_ipc(b"nope").unwrap_err().code(), "invalid_ipc");
    /// ```
    pub fn from_ipc(bytes: &[u8]) -> Result<Tidy> {
        Tidy::from_snapshot(&Snapshot::from_ipc(bytes)?)
    }

    /// Number of rows.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// assert_eq!(Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().len(), 6);
    /// ```
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the snapshot has no rows.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// assert!(!Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Whether the snapshot has a `category` column.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// assert!(Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().has_category());
    /// ```
    pub fn has_category(&self) -> bool {
        self.category.is_some()
    }

    /// Distinct non-null entities in order of first appearance.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// assert_eq!(Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().entities(), ["A", "B"]);
    /// ```
    pub fn entities(&self) -> &[String] {
        &self.entities
    }

    /// Distinct non-null metrics in order of first appearance.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// assert_eq!(Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().metrics(), ["users"]);
    /// ```
    pub fn metrics(&self) -> &[String] {
        &self.metrics
    }

    /// Distinct non-null categories in order of first appearance (empty without a `category`
    /// column).
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// assert_eq!(Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().categories(), ["all"]);
    /// ```
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// The metrics that `entity` has, in order of first appearance.
    ///
    /// # Errors
    /// `invalid_argument` when no row has that entity.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// let tidy = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
    /// assert_eq!(tidy.metrics_of("A").unwrap(), ["users"]);
    /// assert_eq!(tidy.metrics_of("Z").unwrap_err().code(), "invalid_argument");
    /// ```
    pub fn metrics_of(&self, entity: &str) -> Result<Vec<String>> {
        let e = self.entity_code(entity)?;
        // First appearance order: sort the entity's metrics by their first row.
        let mut firsts: Vec<(usize, usize)> = (0..self.metrics.len())
            .filter_map(|m| Some((*self.index.get(&(e, m))?.first()?, m)))
            .collect();
        firsts.sort_unstable();
        Ok(firsts
            .into_iter()
            .filter_map(|(_, m)| self.metrics.get(m).cloned())
            .collect())
    }

    /// The categories of one entity × metric in order of first appearance (`None` for rows
    /// with a null category, or for every row when there is no `category` column).
    ///
    /// # Errors
    /// `invalid_argument` when there is no row for the entity and metric.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// let tidy = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
    /// assert_eq!(tidy.categories_of("A", "users").unwrap(), [Some("all".to_string())]);
    /// ```
    pub fn categories_of(&self, entity: &str, metric: &str) -> Result<Vec<Option<String>>> {
        let rows = self.rows_of(entity, metric)?;
        let mut out: Vec<Option<String>> = Vec::new();
        for i in rows {
            let c = self.category_name(i).map(str::to_owned);
            if !out.contains(&c) {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// Row `index`, borrowed; `None` past the end.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// let tidy = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
    /// assert_eq!(tidy.row(5).unwrap().entity, Some("B"));
    /// assert!(tidy.row(6).is_none());
    /// ```
    pub fn row(&self, index: usize) -> Option<TidyRow<'_>> {
        fn name<'a>(names: &'a [String], code: Option<&Option<usize>>) -> Option<&'a str> {
            names.get((*code?)?).map(String::as_str)
        }
        Some(TidyRow {
            index,
            date: self.dates.get(index)?.as_deref(),
            entity: name(&self.entities, self.entity.get(index)),
            metric: name(&self.metrics, self.metric.get(index)),
            category: self.category_name(index),
            value: *self.values.get(index)?,
            provenance: self.provenance.get(index)?.as_deref(),
        })
    }

    /// Rows in file order matching every given filter: `entity` (any when `None`), `metric`,
    /// `category` (any when `None`) and `date` (any when `None`). Unknown names match nothing.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// let tidy = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
    /// let at_feb = tidy.select(None, "users", None, Some("2023-02-01"));
    /// let v: Vec<f64> = at_feb.iter().map(|r| r.value).collect();
    /// assert_eq!(v, [110.0, 40.0]);
    /// ```
    pub fn select(
        &self,
        entity: Option<&str>,
        metric: &str,
        category: Option<&str>,
        date: Option<&str>,
    ) -> Vec<TidyRow<'_>> {
        let Some(m) = self.metrics.iter().position(|x| x == metric) else {
            return Vec::new();
        };
        let e = match entity {
            None => None,
            Some(name) => match self.entities.iter().position(|x| x == name) {
                Some(code) => Some(code),
                None => return Vec::new(),
            },
        };
        (0..self.len())
            .filter(|&i| self.metric.get(i) == Some(&Some(m)))
            .filter(|&i| e.is_none_or(|code| self.entity.get(i) == Some(&Some(code))))
            .filter(|&i| category.is_none_or(|c| self.category_name(i) == Some(c)))
            .filter(|&i| {
                date.is_none_or(|d| self.dates.get(i).and_then(|x| x.as_deref()) == Some(d))
            })
            .filter_map(|i| self.row(i))
            .collect()
    }

    /// One series sorted by date: the rows of `entity` × `metric`, restricted to `category`
    /// when given.
    ///
    /// # Errors
    /// `invalid_argument` when there is no such series (`no series for entity "X" metric "Y"`),
    /// when the category has no row, or when `category` is `None` but the rows span several
    /// categories (the message lists them; pick one).
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// let tidy = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
    /// let s = tidy.series("A", "users", Some("all")).unwrap();
    /// assert_eq!(s.values, [100.0, 110.0, 121.0]);
    /// let err = tidy.series("X", "users", None).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid argument: no series for entity \"X\" metric \"users\"");
    /// ```
    pub fn series(&self, entity: &str, metric: &str, category: Option<&str>) -> Result<Series> {
        let rows = self.rows_of(entity, metric)?;
        let rows: Vec<usize> = match category {
            Some(c) => {
                let r: Vec<usize> = rows
                    .into_iter()
                    .filter(|&i| self.category_name(i) == Some(c))
                    .collect();
                if r.is_empty() {
                    return Err(Error::invalid(format!(
                        "no series for entity {entity:?} metric {metric:?} category {c:?}"
                    )));
                }
                r
            }
            None => {
                let cats = self.categories_of(entity, metric)?;
                if cats.len() > 1 {
                    let names: Vec<&str> = cats
                        .iter()
                        .map(|c| c.as_deref().unwrap_or("(null)"))
                        .collect();
                    return Err(Error::invalid(format!(
                        "entity {entity:?} metric {metric:?} has {} categories ({}); pass one",
                        cats.len(),
                        names.join(", ")
                    )));
                }
                rows
            }
        };
        let mut dated: Vec<(&str, usize)> = rows
            .into_iter()
            .filter_map(|i| Some((self.dates.get(i)?.as_deref()?, i)))
            .collect();
        dated.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = Series {
            entity: entity.to_owned(),
            metric: metric.to_owned(),
            category: category.map(str::to_owned),
            dates: Vec::with_capacity(dated.len()),
            values: Vec::with_capacity(dated.len()),
            provenance: Vec::with_capacity(dated.len()),
            qualifier: Vec::with_capacity(dated.len()),
            rows: Vec::with_capacity(dated.len()),
        };
        for (d, i) in dated {
            out.dates.push(d.to_owned());
            out.values
                .push(self.values.get(i).copied().unwrap_or(f64::NAN));
            out.provenance.push(
                self.provenance
                    .get(i)
                    .and_then(|p| p.clone())
                    .unwrap_or_default(),
            );
            out.qualifier
                .push(self.qualifier.get(i).and_then(|q| q.clone()));
            out.rows.push(i);
        }
        Ok(out)
    }

    fn entity_code(&self, entity: &str) -> Result<usize> {
        self.entities
            .iter()
            .position(|x| x == entity)
            .ok_or_else(|| Error::invalid(format!("no entity {entity:?} in the snapshot")))
    }

    fn category_name(&self, i: usize) -> Option<&str> {
        let code = (*self.category.as_ref()?.get(i)?)?;
        self.categories.get(code).map(String::as_str)
    }

    /// Row numbers of entity × metric, or `invalid_argument` when there are none.
    fn rows_of(&self, entity: &str, metric: &str) -> Result<Vec<usize>> {
        let none = || Error::invalid(format!("no series for entity {entity:?} metric {metric:?}"));
        let e = self
            .entities
            .iter()
            .position(|x| x == entity)
            .ok_or_else(none)?;
        let m = self
            .metrics
            .iter()
            .position(|x| x == metric)
            .ok_or_else(none)?;
        match self.index.get(&(e, m)) {
            Some(rows) if !rows.is_empty() => Ok(rows.clone()),
            _ => Err(none()),
        }
    }
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

/// A small tidy snapshot for examples and tests: entities `A` (100, 110, 121) and `B`
/// (50, 40, 60), metric `users`, category `all`, Jan–Mar 2023; row order A, B by month.
///
/// # Errors
/// None in practice (the columns are built with equal lengths); the `Result` is
/// [`tidy_snapshot`]'s.
///
/// # Example
/// ```
/// let snap = civic_pulse::tidy::example_snapshot().unwrap();
/// assert_eq!(snap.num_rows(), 6);
/// ```
pub fn example_snapshot() -> Result<Snapshot> {
    let dates = ["2023-01-01", "2023-02-01", "2023-03-01"];
    let (mut d, mut e, mut v, mut p) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let a = [100.0, 110.0, 121.0];
    let b = [50.0, 40.0, 60.0];
    let prov_b = ["published", "reconstructed", "published"];
    for ((date, (va, vb)), pb) in dates.iter().zip(a.iter().zip(&b)).zip(prov_b) {
        d.extend([*date, *date]);
        e.extend(["A", "B"]);
        v.extend([*va, *vb]);
        p.extend(["published", pb]);
    }
    tidy_snapshot(&d, &e, &["users"; 6], Some(&["all"; 6]), &v, &p)
}

/// Builds an in-memory tidy snapshot from string columns (dates as ISO strings), for
/// examples, tests and readers assembling their own series.
///
/// # Errors
/// `invalid_argument` when the columns differ in length.
///
/// # Example
/// ```
/// use civic_pulse::tidy::{tidy_snapshot, Tidy};
/// let snap = tidy_snapshot(&["2020-01-01"], &["X"], &["m"], None, &[1.0], &["published"]).unwrap();
/// assert!(!Tidy::from_snapshot(&snap).unwrap().has_category());
/// ```
pub fn tidy_snapshot(
    date: &[&str],
    entity: &[&str],
    metric: &[&str],
    category: Option<&[&str]>,
    value: &[f64],
    provenance: &[&str],
) -> Result<Snapshot> {
    let n = date.len();
    let lens = [
        entity.len(),
        metric.len(),
        category.map_or(n, <[&str]>::len),
        value.len(),
        provenance.len(),
    ];
    if lens.iter().any(|&l| l != n) {
        return Err(Error::invalid(format!(
            "column lengths differ: date {n}, entity/metric/category/value/provenance {lens:?}"
        )));
    }
    let text = |v: &[&str]| -> ArrayRef { Arc::new(StringArray::from(v.to_vec())) };
    let mut fields = vec![
        Field::new("date", DataType::Utf8, true),
        Field::new("entity", DataType::Utf8, true),
        Field::new("metric", DataType::Utf8, true),
    ];
    let mut cols = vec![text(date), text(entity), text(metric)];
    if let Some(c) = category {
        fields.push(Field::new("category", DataType::Utf8, true));
        cols.push(text(c));
    }
    fields.push(Field::new("value", DataType::Float64, true));
    cols.push(Arc::new(Float64Array::from(value.to_vec())));
    fields.push(Field::new("provenance", DataType::Utf8, true));
    cols.push(text(provenance));
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), cols)
        .map_err(|e| Error::invalid(format!("cannot build the snapshot: {e}")))?;
    Snapshot::from_batches(schema, vec![batch])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_decodes() {
        let t = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap();
        assert_eq!(t.len(), 6);
        assert_eq!(t.entities(), ["A", "B"]);
    }
}
