//! [`Tidy::from_columns`]: a [`Tidy`] built from columns already coded as keys + distinct values
//! — what a page that holds a decoded file cuts for an analysis worker (issue 14), so the worker
//! needs neither the file's bytes nor an Arrow slice of them.

use std::collections::HashMap;

use super::Tidy;
use crate::{CodedColumn, Error, Result};

/// Checks `col`'s keys against its values and re-codes it the way a decoded snapshot codes a
/// text column: distinct values in order of first appearance, unused values dropped, equal
/// values merged, -1 for a null. A Tidy from columns then lists entities, metrics and dates
/// exactly as [`Tidy::from_snapshot`] would for the same rows.
fn normalise(col: CodedColumn, name: &str, rows: usize) -> Result<CodedColumn> {
    let CodedColumn { keys, values } = col;
    if keys.len() != rows {
        return Err(Error::invalid(format!(
            "column {name:?} has {} keys; the value column has {rows} rows",
            keys.len()
        )));
    }
    // Old key -> new key (i32::MIN = not met yet); equal texts share their first new key.
    let mut remap = vec![i32::MIN; values.len()];
    let mut seen: HashMap<&str, i32> = HashMap::new();
    let mut out_values: Vec<String> = Vec::new();
    let mut out_keys = Vec::with_capacity(keys.len());
    for (row, &k) in keys.iter().enumerate() {
        if k == -1 {
            out_keys.push(-1);
            continue;
        }
        let slot = usize::try_from(k)
            .ok()
            .and_then(|i| remap.get_mut(i).map(|r| (i, r)));
        let Some((i, r)) = slot else {
            return Err(Error::invalid(format!(
                "column {name:?} row {row}: key {k} is outside its {} values (-1 = null)",
                values.len()
            )));
        };
        if *r == i32::MIN {
            let text = values.get(i).map_or("", String::as_str);
            *r = match seen.get(text) {
                Some(&shared) => shared,
                None => {
                    let new = i32::try_from(out_values.len()).map_err(|_| {
                        Error::invalid(format!("column {name:?} has too many distinct values"))
                    })?;
                    seen.insert(text, new);
                    out_values.push(text.to_owned());
                    new
                }
            };
        }
        out_keys.push(*r);
    }
    Ok(CodedColumn {
        keys: out_keys,
        values: out_values,
    })
}

impl Tidy {
    /// A tidy snapshot from coded columns: `date` (ISO dates or timestamps, as
    /// [`Snapshot::coded_column`](crate::Snapshot::coded_column) renders them), `entity`,
    /// `metric` and optionally `category`, each as one key per row into its values (-1 = null),
    /// and `values` (NaN = null). Keys need not be dense or in first-appearance order: they are
    /// re-coded as a decoded snapshot codes them, so the result equals [`Tidy::from_snapshot`]
    /// of a snapshot with the same rows (without provenance or qualifier).
    ///
    /// # Errors
    /// `invalid_argument` naming the column when its key count differs from `values.len()` or
    /// a key is neither -1 nor an index into its values.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::{tidy::Tidy, CodedColumn};
    /// let col = |keys: Vec<i32>, values: &[&str]| CodedColumn {
    ///     keys,
    ///     values: values.iter().map(|s| s.to_string()).collect(),
    /// };
    /// let tidy = Tidy::from_columns(
    ///     col(vec![0, 1, 0], &["2023-01-01", "2023-02-01"]),
    ///     col(vec![1, 1, 0], &["B", "A"]),
    ///     col(vec![0, 0, 0], &["users"]),
    ///     None,
    ///     vec![1.0, 2.0, 3.0],
    /// )
    /// .unwrap();
    /// assert_eq!(tidy.entities(), ["A", "B"]);
    /// assert_eq!(tidy.series("A", "users", None).unwrap().values, [1.0, 2.0]);
    /// let bad = Tidy::from_columns(
    ///     col(vec![0], &["2023-01-01"]),
    ///     col(vec![5], &["A"]),
    ///     col(vec![0], &["users"]),
    ///     None,
    ///     vec![1.0],
    /// );
    /// assert_eq!(bad.unwrap_err().code(), "invalid_argument");
    /// ```
    pub fn from_columns(
        date: CodedColumn,
        entity: CodedColumn,
        metric: CodedColumn,
        category: Option<CodedColumn>,
        values: Vec<f64>,
    ) -> Result<Tidy> {
        let n = values.len();
        let date = normalise(date, "date", n)?;
        let entity = normalise(entity, "entity", n)?;
        let metric = normalise(metric, "metric", n)?;
        let category = category.map(|c| normalise(c, "category", n)).transpose()?;
        Ok(Tidy::assemble(date, entity, metric, category, values))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tidy::{example_snapshot, tidy_snapshot};
    use crate::Snapshot;

    /// The coded columns of a snapshot, as a page holding the decoded file would send them.
    fn coded(snap: &Snapshot, name: &str) -> CodedColumn {
        snap.coded_column(snap.column_index(name).unwrap()).unwrap()
    }

    fn values(snap: &Snapshot) -> Vec<f64> {
        match snap.column("value").unwrap() {
            crate::Column::Float(v) => v,
            other => panic!("value column: {other:?}"),
        }
    }

    #[test]
    fn equals_from_snapshot_without_provenance() {
        let snap = example_snapshot().unwrap();
        let cols = Tidy::from_columns(
            coded(&snap, "date"),
            coded(&snap, "entity"),
            coded(&snap, "metric"),
            Some(coded(&snap, "category")),
            values(&snap),
        )
        .unwrap();
        let full = Tidy::from_snapshot(&snap).unwrap();
        assert_eq!(cols.entities(), full.entities());
        assert_eq!(cols.metrics(), full.metrics());
        assert_eq!(cols.categories(), full.categories());
        for e in ["A", "B"] {
            let (a, b) = (
                cols.series(e, "users", None).unwrap(),
                full.series(e, "users", None).unwrap(),
            );
            assert_eq!((a.dates, a.values, a.rows), (b.dates, b.values, b.rows));
        }
        let (a, b) = (
            cols.stl_all("users", None, Some(2), &Default::default()),
            full.stl_all("users", None, Some(2), &Default::default()),
        );
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    #[test]
    fn recodes_sparse_duplicate_and_null_keys() {
        // Values "x" (unused), "B", "A", "B" again: keys 3 and 1 both mean B.
        let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let entity = CodedColumn {
            keys: vec![3, 2, -1, 1],
            values: strs(&["x", "B", "A", "B"]),
        };
        let date = CodedColumn {
            keys: vec![0, 0, 0, 1],
            values: strs(&["2020-01-01", "2020-02-01"]),
        };
        let metric = CodedColumn {
            keys: vec![0; 4],
            values: strs(&["m"]),
        };
        let t = Tidy::from_columns(date, entity, metric, None, vec![1.0, 2.0, 3.0, 4.0]).unwrap();
        assert_eq!(t.entities(), ["B", "A"]);
        assert_eq!(t.series("B", "m", None).unwrap().values, [1.0, 4.0]);
        assert_eq!(t.row(2).unwrap().entity, None);
        let reference = tidy_snapshot(
            &["2020-01-01", "2020-01-01", "2020-02-01"],
            &["B", "A", "B"],
            &["m"; 3],
            None,
            &[1.0, 2.0, 4.0],
            &[""; 3],
        )
        .unwrap();
        let r = Tidy::from_snapshot(&reference).unwrap();
        assert_eq!(r.entities(), t.entities());
    }

    #[test]
    fn refuses_bad_lengths_and_keys() {
        let one = |k: i32| CodedColumn {
            keys: vec![k],
            values: vec!["v".into()],
        };
        let err = Tidy::from_columns(one(0), one(0), one(0), None, vec![]).unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert!(err.to_string().contains("\"date\""), "{err}");
        for bad in [1, -2, i32::MIN] {
            let err = Tidy::from_columns(one(0), one(0), one(bad), None, vec![1.0]).unwrap_err();
            assert_eq!(err.code(), "invalid_argument");
            assert!(err.to_string().contains("\"metric\""), "{err}");
        }
        let err = Tidy::from_columns(one(0), one(0), one(0), Some(one(7)), vec![1.0]).unwrap_err();
        assert!(err.to_string().contains("\"category\""), "{err}");
    }
}
