//! Selecting the values a claim reads: series through [`crate::tidy::Tidy`], tables by their
//! `entity_column`.

use super::op::{Group, WhyNot};
use super::text::fmt_num;
use crate::analytics;
use crate::tidy::{Series, Tidy};
use crate::{Column, Error, Snapshot};

pub(crate) type Eval<T> = std::result::Result<T, WhyNot>;

impl From<Error> for WhyNot {
    fn from(e: Error) -> Self {
        WhyNot(message(&e))
    }
}

/// An error's message without its code prefix for the common argument errors.
pub(crate) fn message(e: &Error) -> String {
    match e {
        Error::InvalidArgument(m) | Error::SchemaMismatch(m) => m.clone(),
        other => other.to_string(),
    }
}

/// One selected row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub entity: String,
    pub value: f64,
}

/// A loaded dataset.
pub(crate) enum Data<'a> {
    Series(Box<Tidy>),
    Table(Table<'a>),
}

pub(crate) struct Table<'a> {
    id: String,
    snap: &'a Snapshot,
    key_column: Option<String>,
}

/// Selected table rows for the group ops.
pub(crate) struct Grouped {
    pub rows: usize,
    pub count: usize,
    pub sum: f64,
    pub label: String,
}

impl Grouped {
    /// The sum, refusing missing values (a sum or mean over a gap is not the printed one).
    pub fn sum(&self) -> Eval<f64> {
        if self.count < self.rows {
            return Err(WhyNot(format!(
                "{} missing value(s) among the {} selected row(s){}",
                self.rows - self.count,
                self.rows,
                self.label
            )));
        }
        if self.rows == 0 {
            return Err(WhyNot(format!("no rows selected{}", self.label)));
        }
        Ok(self.sum)
    }
}

impl<'a> Data<'a> {
    /// A series when the metadata says `kind = series` (or, without a kind, when the tidy
    /// columns are there); a table otherwise.
    pub fn load(id: &str, snap: &'a Snapshot) -> Eval<Data<'a>> {
        let meta = snap.metadata();
        let names = snap.column_names();
        let tidy_columns = ["date", "entity", "metric", "value"]
            .iter()
            .all(|c| names.iter().any(|n| n == c));
        let series = match meta.get("kind").map(String::as_str) {
            Some("series") => true,
            Some("table") => false,
            _ => tidy_columns,
        };
        if series {
            Tidy::from_snapshot(snap)
                .map(|t| Data::Series(Box::new(t)))
                .map_err(|e| WhyNot(format!("dataset {id:?}: {}", message(&e))))
        } else {
            Ok(Data::Table(Table {
                id: id.to_owned(),
                snap,
                key_column: meta.get("entity_column").cloned(),
            }))
        }
    }

    pub fn table(&self, op: &str) -> Eval<&Table<'a>> {
        match self {
            Data::Table(t) => Ok(t),
            Data::Series(_) => Err(WhyNot(format!("op {op} needs a table dataset"))),
        }
    }

    /// Rows matching the filters (tables ignore `category` and `period`).
    pub fn select(
        &self,
        entity: Option<&str>,
        metric: &str,
        category: Option<&str>,
        period: Option<&str>,
    ) -> Eval<Vec<Row>> {
        match self {
            Data::Series(t) => {
                if !t.metrics().iter().any(|m| m == metric) {
                    return Err(WhyNot(format!(
                        "no metric {metric:?} (metrics: {})",
                        t.metrics().join(", ")
                    )));
                }
                Ok(t.select(entity, metric, category, period)
                    .into_iter()
                    .map(|r| Row {
                        entity: r.entity.unwrap_or_default().to_owned(),
                        value: r.value,
                    })
                    .collect())
            }
            Data::Table(t) => {
                let values = t.floats(metric)?;
                let keys = match (entity, t.keys()) {
                    (_, Ok(k)) => k,
                    (None, Err(_)) => vec![None; values.len()],
                    (Some(_), Err(f)) => return Err(f),
                };
                Ok(keys
                    .into_iter()
                    .zip(values)
                    .filter(|(k, _)| entity.is_none_or(|e| k.as_deref() == Some(e)))
                    .map(|(k, value)| Row {
                        entity: k.unwrap_or_default(),
                        value,
                    })
                    .collect())
            }
        }
    }

    /// The value of the single row matching the filters.
    pub fn one(
        &self,
        entity: &str,
        metric: &str,
        category: Option<&str>,
        period: Option<&str>,
    ) -> Eval<f64> {
        let rows = self.select(Some(entity), metric, category, period)?;
        let what = || {
            let mut s = format!("entity {entity:?} metric {metric:?}");
            if let (Data::Series(_), Some(c)) = (self, category) {
                s.push_str(&format!(" category {c:?}"));
            }
            if let (Data::Series(_), Some(p)) = (self, period) {
                s.push_str(&format!(" at {p}"));
            }
            s
        };
        match rows.as_slice() {
            [r] => Ok(r.value),
            [] => Err(WhyNot(format!("no row for {}", what()))),
            many => Err(WhyNot(format!(
                "{} rows for {} (need one)",
                many.len(),
                what()
            ))),
        }
    }

    /// Σ over entities × categories (empty lists: any) at `period`; each listed pair must
    /// select exactly one row (tables: each listed entity one row; no list = all rows).
    pub fn sum_items(
        &self,
        entities: &[String],
        metric: &str,
        categories: &[&str],
        period: Option<&str>,
    ) -> Eval<f64> {
        let cats: Vec<Option<&str>> = if categories.is_empty() || matches!(self, Data::Table(_)) {
            vec![None]
        } else {
            categories.iter().map(|c| Some(*c)).collect()
        };
        let mut total = 0.0;
        for k in &cats {
            if entities.is_empty() {
                let rows = self.select(None, metric, *k, period)?;
                if rows.is_empty() {
                    return Err(WhyNot(format!("no rows for metric {metric:?}")));
                }
                total += rows.iter().map(|r| r.value).sum::<f64>();
            } else {
                for e in entities {
                    total += self.one(e, metric, *k, period)?;
                }
            }
        }
        Ok(total)
    }

    /// One entity's date-sorted [`Series`], as [`Tidy::series`] selects it.
    pub fn series(&self, entity: &str, metric: &str, category: Option<&str>) -> Eval<Series> {
        let Data::Series(t) = self else {
            return Err(WhyNot("this op needs a series dataset".into()));
        };
        if !t.metrics().iter().any(|m| m == metric) {
            return Err(WhyNot(format!(
                "no metric {metric:?} (metrics: {})",
                t.metrics().join(", ")
            )));
        }
        Ok(t.series(entity, metric, category)?)
    }
}

impl Table<'_> {
    fn floats(&self, name: &str) -> Eval<Vec<f64>> {
        match self.snap.column(name) {
            Ok(Column::Float(v)) => Ok(v),
            Ok(_) => Err(WhyNot(format!(
                "table {:?}: column {name:?} is not numeric",
                self.id
            ))),
            Err(e) => Err(WhyNot(format!("table {:?}: {e}", self.id))),
        }
    }

    fn texts(&self, name: &str) -> Eval<Vec<Option<String>>> {
        match self.snap.column(name) {
            Ok(Column::Text(v)) => Ok(v),
            Ok(Column::Float(v)) => Ok(v.into_iter().map(|x| Some(fmt_num(x))).collect()),
            Ok(Column::Bool(v)) => Ok(v.into_iter().map(|b| b.map(|b| b.to_string())).collect()),
            Err(e) => Err(WhyNot(format!("table {:?}: {e}", self.id))),
        }
    }

    /// The number of distinct non-null values of column `name`.
    pub fn distinct(&self, name: &str) -> Eval<usize> {
        let v = self.texts(name)?;
        Ok(v.iter()
            .flatten()
            .collect::<std::collections::BTreeSet<_>>()
            .len())
    }

    fn keys(&self) -> Eval<Vec<Option<String>>> {
        let key = self.key_column.as_deref().ok_or_else(|| {
            WhyNot(format!(
                "table {:?} has no entity_column metadata to find entities by",
                self.id
            ))
        })?;
        self.texts(key)
    }

    /// The rows of `group` (all rows when `None`), aggregated with [`analytics::group_by`].
    /// `metric` `None` counts rows only.
    pub fn groups(&self, group: Option<&Group>, metric: Option<&str>) -> Eval<Grouped> {
        let n = self.snap.num_rows();
        let values = match metric {
            Some(m) => self.floats(m)?,
            None => vec![0.0; n],
        };
        let (keys, wanted, label): (Vec<Option<String>>, Vec<Option<&str>>, String) = match group {
            None => (vec![None; n], vec![None], String::new()),
            Some(g) => (
                self.texts(&g.column)?,
                g.values.iter().map(|v| Some(v.as_str())).collect(),
                format!(" where {} ∈ {{{}}}", g.column, g.values.join(", ")),
            ),
        };
        let g = analytics::group_by(&keys, &values)?;
        let mut out = Grouped {
            rows: 0,
            count: 0,
            sum: 0.0,
            label,
        };
        for w in wanted {
            match g.get(w) {
                Some(x) => {
                    out.rows += x.rows;
                    out.count += x.count;
                    out.sum += x.sum;
                }
                None if metric.is_none() => {}
                None => {
                    return Err(WhyNot(format!(
                        "no rows with {} = {:?}",
                        group.map_or("", |g| g.column.as_str()),
                        w.unwrap_or_default()
                    )))
                }
            }
        }
        Ok(out)
    }
}
