//! [`Tidy`]: a tidy snapshot's columns decoded once, names interned, and the one place series
//! are selected (null dates dropped; several categories without a choice refused by name).

use super::Series;
use arrow_schema::DataType;

use crate::{CodedColumn, Column, Error, Result, Snapshot};

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
    /// Dates as keys into their distinct ISO texts (formatted once per distinct date).
    date: CodedColumn,
    /// Entities, metrics, categories, provenance and qualifiers as keys into their distinct
    /// values: straight from dictionary keys, never a string per row.
    entity: CodedColumn,
    metric: CodedColumn,
    category: Option<CodedColumn>,
    values: Vec<f64>,
    provenance: Option<CodedColumn>,
    /// The optional `qualifier` column (`≈`, `>`, …; null = exact as printed), row by row.
    qualifier: Option<CodedColumn>,
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

/// A text column as keys + distinct values, or the tidy contract's error naming the column.
fn text_column(snap: &Snapshot, name: &str, what: &str) -> Result<CodedColumn> {
    let index = match snap.column_index(name) {
        Ok(i) => i,
        Err(Error::NoSuchColumn { available, .. }) => return Err(missing(name, &available)),
        Err(e) => return Err(e),
    };
    let dt = snap
        .schema()
        .fields()
        .get(index)
        .map(|f| f.data_type().clone());
    let holds = match dt {
        Some(DataType::Boolean) => Some("booleans"),
        Some(DataType::Dictionary(_, v)) if *v == DataType::Boolean => Some("booleans"),
        Some(ref t) if t.is_numeric() => Some("numbers"),
        Some(DataType::Dictionary(_, v)) if v.is_numeric() => Some("numbers"),
        _ => None,
    };
    if let Some(h) = holds {
        return Err(Error::SchemaMismatch(format!(
            "column {name:?} holds {h}; a tidy snapshot needs {what}"
        )));
    }
    snap.coded_column(index)
}

/// Row numbers of each (entity, metric) pair in file order. Keys are dense codes, so rows are
/// bucketed by direct indexing (no map lookup per row) when the pairs fit a flat table.
fn pair_index(
    entity: &CodedColumn,
    metric: &CodedColumn,
) -> std::collections::BTreeMap<(usize, usize), Vec<usize>> {
    let (ne, nm) = (entity.values.len(), metric.values.len());
    let mut index = std::collections::BTreeMap::new();
    let pairs = entity.keys.iter().zip(&metric.keys).enumerate();
    let valid = |(i, (&e, &m)): (usize, (&i32, &i32))| {
        Some((i, usize::try_from(e).ok()?, usize::try_from(m).ok()?))
    };
    match ne.checked_mul(nm).filter(|&n| n <= 1 << 22) {
        Some(n) => {
            let mut table: Vec<Vec<usize>> = vec![Vec::new(); n];
            for (i, e, m) in pairs.filter_map(valid) {
                if let Some(rows) = table.get_mut(e * nm + m) {
                    rows.push(i);
                }
            }
            for (k, rows) in table.into_iter().enumerate() {
                if !rows.is_empty() {
                    index.insert((k / nm, k % nm), rows);
                }
            }
        }
        None => {
            for (i, e, m) in pairs.filter_map(valid) {
                index.entry((e, m)).or_insert_with(Vec::new).push(i);
            }
        }
    }
    index
}

/// An index into a [`CodedColumn`]'s values (`None` for a null key).
fn code(keys: &[i32], i: usize) -> Option<usize> {
    usize::try_from(*keys.get(i)?).ok()
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
        let date = text_column(snap, "date", "dates, timestamps or ISO strings")?;
        let entity = text_column(snap, "entity", "strings")?;
        let metric = text_column(snap, "metric", "strings")?;
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
        let names = snap.column_names();
        let optional = |name: &str| -> Result<Option<CodedColumn>> {
            if names.iter().any(|n| n == name) {
                text_column(snap, name, "strings").map(Some)
            } else {
                Ok(None)
            }
        };
        let provenance = optional("provenance")?;
        let qualifier = optional("qualifier")?;
        let category = optional("category")?;
        Ok(Tidy {
            provenance,
            qualifier,
            ..Tidy::assemble(date, entity, metric, category, values)
        })
    }

    /// A Tidy over already coded columns (no provenance or qualifier); the caller has checked
    /// lengths and key ranges (`Tidy::from_columns` in `columns.rs`, and `from_snapshot`).
    pub(super) fn assemble(
        date: CodedColumn,
        entity: CodedColumn,
        metric: CodedColumn,
        category: Option<CodedColumn>,
        values: Vec<f64>,
    ) -> Tidy {
        let index = pair_index(&entity, &metric);
        Tidy {
            index,
            date,
            entity,
            metric,
            category,
            values,
            provenance: None,
            qualifier: None,
        }
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
        &self.entity.values
    }

    /// Distinct non-null metrics in order of first appearance.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::tidy::{example_snapshot, Tidy};
    /// assert_eq!(Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().metrics(), ["users"]);
    /// ```
    pub fn metrics(&self) -> &[String] {
        &self.metric.values
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
        self.category.as_ref().map_or(&[], |c| &c.values)
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
        let mut firsts: Vec<(usize, usize)> = (0..self.metrics().len())
            .filter_map(|m| Some((*self.index.get(&(e, m))?.first()?, m)))
            .collect();
        firsts.sort_unstable();
        Ok(firsts
            .into_iter()
            .filter_map(|(_, m)| self.metrics().get(m).cloned())
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
        Some(TidyRow {
            index,
            date: self.date_at(index),
            entity: self.entity.get(index),
            metric: self.metric.get(index),
            category: self.category_name(index),
            value: *self.values.get(index)?,
            provenance: self.provenance.as_ref().and_then(|p| p.get(index)),
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
        let Some(m) = self.metrics().iter().position(|x| x == metric) else {
            return Vec::new();
        };
        let e = match entity {
            None => None,
            Some(name) => match self.entities().iter().position(|x| x == name) {
                Some(code) => Some(code),
                None => return Vec::new(),
            },
        };
        (0..self.len())
            .filter(|&i| code(&self.metric.keys, i) == Some(m))
            .filter(|&i| e.is_none_or(|e| code(&self.entity.keys, i) == Some(e)))
            .filter(|&i| category.is_none_or(|c| self.category_name(i) == Some(c)))
            .filter(|&i| date.is_none_or(|d| self.date_at(i) == Some(d)))
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
            .filter_map(|i| Some((self.date_at(i)?, i)))
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
                    .as_ref()
                    .and_then(|p| p.get(i))
                    .unwrap_or_default()
                    .to_owned(),
            );
            out.qualifier.push(
                self.qualifier
                    .as_ref()
                    .and_then(|q| q.get(i))
                    .map(str::to_owned),
            );
            out.rows.push(i);
        }
        Ok(out)
    }

    fn entity_code(&self, entity: &str) -> Result<usize> {
        self.entities()
            .iter()
            .position(|x| x == entity)
            .ok_or_else(|| Error::invalid(format!("no entity {entity:?} in the snapshot")))
    }

    /// The category key of every row (`None` without a `category` column).
    pub(super) fn category_keys(&self) -> Option<&[i32]> {
        self.category.as_ref().map(|c| c.keys.as_slice())
    }

    /// The rows of entity code `e` × metric code `m`, file order.
    pub(super) fn pair_rows(&self, e: usize, m: usize) -> Option<&[usize]> {
        self.index.get(&(e, m)).map(Vec::as_slice)
    }

    /// The distinct dates (ISO text) the date keys point into.
    pub(super) fn date_names(&self) -> &[String] {
        &self.date.values
    }

    /// The date key of row `i` (`None` for a null date).
    pub(super) fn date_key(&self, i: usize) -> Option<usize> {
        code(&self.date.keys, i)
    }

    /// The value of row `i` (NaN past the end).
    pub(super) fn value_at(&self, i: usize) -> f64 {
        self.values.get(i).copied().unwrap_or(f64::NAN)
    }

    /// The ISO date of row `i` (`None` for a null date).
    pub(super) fn date_at(&self, i: usize) -> Option<&str> {
        self.date.get(i)
    }

    fn category_name(&self, i: usize) -> Option<&str> {
        self.category.as_ref()?.get(i)
    }

    /// Row numbers of entity × metric, or `invalid_argument` when there are none.
    fn rows_of(&self, entity: &str, metric: &str) -> Result<Vec<usize>> {
        let none = || Error::invalid(format!("no series for entity {entity:?} metric {metric:?}"));
        let e = self
            .entities()
            .iter()
            .position(|x| x == entity)
            .ok_or_else(none)?;
        let m = self
            .metrics()
            .iter()
            .position(|x| x == metric)
            .ok_or_else(none)?;
        match self.index.get(&(e, m)) {
            Some(rows) if !rows.is_empty() => Ok(rows.clone()),
            _ => Err(none()),
        }
    }
}
