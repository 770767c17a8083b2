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
//!
//! | file | concern |
//! |---|---|
//! | `index.rs` | [`Tidy`]: the columns decoded once as keys + distinct values, rows selected |
//! | `columns.rs` | [`Tidy::from_columns`]: a Tidy from key + value columns cut elsewhere |
//! | `series.rs` | [`Series`]: one selected series and its dates |
//! | `analyses.rs` | the analytics a [`Series`] runs on itself, with dates |
//! | `batch.rs` | every entity at once on one date grid: [`Tidy::stl_all`], [`Tidy::growth_all`] |
//! | `mod.rs` | building tidy snapshots for examples and tests |

use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};

use crate::{Error, Result, Snapshot};

mod analyses;
mod batch;
mod columns;
mod index;
mod series;

pub use analyses::{DatedValue, SeriesExtremes};
pub use batch::{infer_period, GrowthAll, SkippedEntity, StlAll};
pub use index::{Tidy, TidyRow};
pub use series::Series;

/// The columns a tidy snapshot must have. `provenance` is optional: a reader's own file rarely
/// has it, and its rows then carry an empty provenance.
pub const REQUIRED_COLUMNS: [&str; 4] = ["date", "entity", "metric", "value"];

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
