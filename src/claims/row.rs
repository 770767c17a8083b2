//! One row of `claims.arrow` as one typed struct, and reading a claims snapshot into rows.
//!
//! The struct, its empty [`Default`] and the column → field table are all generated from the
//! single column list in [`claim_row!`], so a new column is one line and cannot be half-wired.

use std::collections::BTreeSet;

use crate::{Column, Error, Result, Snapshot};

/// How a text column fills its field.
type TextField = fn(&mut ClaimRow) -> &mut String;

/// Declares [`ClaimRow`] from one list of columns: text columns (null = `""`), numeric
/// columns (null = NaN) and the `computable` flag.
macro_rules! claim_row {
    (
        text { $( $(#[doc = $tdoc:literal])* $t:ident, )* }
        num { $( $(#[doc = $ndoc:literal])* $n:ident, )* }
    ) => {
        /// One claim row: the claim as extracted and its computation. Text cells are `""` and
        /// numbers NaN when null; [`ClaimRow::default`] is an empty row. [`crate::claims::Op`]
        /// turns the computation cells into a typed operation.
        ///
        /// # Example
        /// ```
        /// use civic_pulse::claims::ClaimRow;
        /// let c = ClaimRow { op: "value_at".into(), ..ClaimRow::default() };
        /// assert!(c.target.is_nan());
        /// assert_eq!(c.computable, None);
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        pub struct ClaimRow {
            $( $(#[doc = $tdoc])* pub $t: String, )*
            $( $(#[doc = $ndoc])* pub $n: f64, )*
            /// Whether a computation exists; `None` when the cell or column is missing (then
            /// the claim is evaluated when it has an `op`).
            pub computable: Option<bool>,
        }

        impl Default for ClaimRow {
            fn default() -> Self {
                ClaimRow {
                    $( $t: String::new(), )*
                    $( $n: f64::NAN, )*
                    computable: None,
                }
            }
        }

        /// Text columns and the field each fills.
        const TEXT_FIELDS: &[(&str, TextField)] =
            &[ $( (stringify!($t), |c| &mut c.$t), )* ];
        /// Numeric columns and the field each fills.
        const NUM_FIELDS: &[(&str, fn(&mut ClaimRow) -> &mut f64)] =
            &[ $( (stringify!($n), |c| &mut c.$n), )* ];
    };
}

claim_row! {
    text {
        /// Claim id (`C0001`).
        id,
        /// Source report file.
        report,
        /// The sentence as printed.
        quote,
        /// What the claim is about.
        subject,
        /// The quantity claimed.
        claim_metric,
        /// The period claimed.
        claim_period,
        /// The value as printed (`1.9`, `6:4`, `4;9`).
        printed_value,
        /// Unit of the printed value.
        unit,
        /// Qualifier (`=`, `>`, `≈`, …).
        qualifier,
        /// Which dataset(s) the claim is computable from, as extracted.
        computable_from,
        /// Extraction notes.
        claim_notes,
        /// Why not computable: one of [`crate::claims::REASONS`].
        reason,
        /// What kind of check this is: [`crate::claims::CheckKind`]'s spelling.
        check_kind,
        /// The op (see [`crate::claims::OPS`]).
        op,
        /// Dataset id.
        dataset,
        /// Entity, or a `;`-list.
        entity,
        /// Metric (series) or numeric column (table).
        metric,
        /// Category, or a `;`-list.
        category,
        /// ISO period.
        period,
        /// ISO base period.
        base_period,
        /// First period of the window (inclusive).
        window_start,
        /// Last period of the window (inclusive).
        window_end,
        /// First period of the prior window.
        prior_start,
        /// Last period of the prior window.
        prior_end,
        /// Table column to group by.
        group_column,
        /// Group value(s), `;`-list.
        group,
        /// Denominator dataset (default: `dataset`).
        denominator_dataset,
        /// Denominator entity (default: the numerator entity).
        denominator_entity,
        /// Denominator metric (default: `metric`).
        denominator_metric,
        /// Denominator period (default: `period`).
        denominator_period,
        /// `gt`, `ge`, `lt`, `le` or `eq` for `count_where`.
        filter_op,
        /// The comparison (see [`crate::claims::COMPARES`]).
        compare,
        /// List target (`;`-separated) for `set_contains` / `sequence`.
        target_text,
        /// The verdict the dataset build expects (`matches` | `differs` | `not_computable`).
        expected,
        /// The reading the computation relies on.
        assumption,
    }
    num {
        /// Threshold for `count_where`.
        threshold,
        /// Scale applied to the result before comparing (NaN = 1).
        scale,
        /// Numeric target.
        target,
        /// Tolerance for `eq` / `approx` / `approx_below`.
        tolerance,
    }
}

/// Spellings of the extraction CSV, read when the canonical column is absent.
const ALIASES: [(&str, &str); 2] = [("report_file", "report"), ("exact_quote", "quote")];

impl ClaimRow {
    /// Reads every row of a claims snapshot (`claims.arrow`). Columns that are absent leave
    /// their field empty (text) or NaN (numbers); the claims they would have fed come out
    /// `not_computable` with a reason when checked.
    ///
    /// # Errors
    /// `schema_mismatch` when there is no `id` column, when a text column (e.g. `op`) holds
    /// numbers or booleans, when `threshold`, `scale`, `target` or `tolerance` is not
    /// numeric, or when `computable` is neither boolean nor `true`/`false` text;
    /// `unsupported_type` for a column type without a flat form.
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use arrow_array::{RecordBatch, StringArray};
    /// use arrow_schema::{DataType, Field, Schema};
    /// use civic_pulse::{claims::ClaimRow, Snapshot};
    /// let schema = Arc::new(Schema::new(vec![
    ///     Field::new("id", DataType::Utf8, false),
    ///     Field::new("op", DataType::Utf8, true),
    /// ]));
    /// let batch = RecordBatch::try_new(schema.clone(), vec![
    ///     Arc::new(StringArray::from(vec!["C1"])),
    ///     Arc::new(StringArray::from(vec![Some("value_at")])),
    /// ]).unwrap();
    /// let snap = Snapshot::from_batches(schema, vec![batch]).unwrap();
    /// let claims = ClaimRow::read_all(&snap).unwrap();
    /// assert_eq!((claims[0].id.as_str(), claims[0].op.as_str()), ("C1", "value_at"));
    /// assert!(claims[0].target.is_nan());
    /// ```
    pub fn read_all(snap: &Snapshot) -> Result<Vec<ClaimRow>> {
        let names = snap.column_names();
        let has = |n: &str| names.iter().any(|x| x == n);
        if !has("id") {
            return Err(Error::SchemaMismatch(format!(
                "a claims snapshot needs an \"id\" column (columns: {})",
                names.join(", ")
            )));
        }
        let mut rows = vec![ClaimRow::default(); snap.num_rows()];
        let mut filled: BTreeSet<&str> = BTreeSet::new();
        let aliased = ALIASES.iter().filter_map(|(alias, canonical)| {
            TEXT_FIELDS
                .iter()
                .find(|(n, _)| n == canonical)
                .map(|(_, f)| (*alias, *f))
        });
        let text: Vec<(&str, TextField)> = TEXT_FIELDS.iter().copied().chain(aliased).collect();
        for (name, field) in text {
            let canonical = ALIASES
                .iter()
                .find(|(a, _)| *a == name)
                .map_or(name, |(_, c)| c);
            if !has(name) || !filled.insert(canonical) {
                continue;
            }
            let values = match snap.column(name)? {
                Column::Text(v) => v,
                Column::Float(_) => return Err(wrong_type(name, "numbers", "text")),
                Column::Bool(_) => return Err(wrong_type(name, "booleans", "text")),
            };
            for (row, v) in rows.iter_mut().zip(values) {
                *field(row) = v.unwrap_or_default();
            }
        }
        for (name, field) in NUM_FIELDS {
            if !has(name) {
                continue;
            }
            let values = match snap.column(name)? {
                Column::Float(v) => v,
                Column::Text(_) => return Err(wrong_type(name, "text", "numbers")),
                Column::Bool(_) => return Err(wrong_type(name, "booleans", "numbers")),
            };
            for (row, v) in rows.iter_mut().zip(values) {
                *field(row) = v;
            }
        }
        if has("computable") {
            let values: Vec<Option<bool>> = match snap.column("computable")? {
                Column::Bool(v) => v,
                Column::Text(v) => v
                    .into_iter()
                    .map(|t| match t.as_deref().map(str::trim) {
                        None | Some("") => Ok(None),
                        Some("true") => Ok(Some(true)),
                        Some("false") => Ok(Some(false)),
                        Some(other) => Err(Error::SchemaMismatch(format!(
                            "column \"computable\" holds {other:?}; expected true or false"
                        ))),
                    })
                    .collect::<Result<_>>()?,
                Column::Float(_) => return Err(wrong_type("computable", "numbers", "booleans")),
            };
            for (row, v) in rows.iter_mut().zip(values) {
                row.computable = v;
            }
        }
        Ok(rows)
    }
}

impl ClaimRow {
    /// Sets the field of column `name` from its text form (numbers: empty = NaN), as a CSV
    /// cell spells it. Returns `false` for a column the row does not have.
    ///
    /// # Errors
    /// `schema_mismatch` when a numeric column's text is not a number.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::claims::ClaimRow;
    /// let mut row = ClaimRow::default();
    /// assert!(row.set("op", "sum").unwrap());
    /// assert!(row.set("target", "1.5").unwrap());
    /// assert!(!row.set("colour", "red").unwrap());
    /// assert_eq!((row.op.as_str(), row.target), ("sum", 1.5));
    /// assert!(row.set("target", "x").is_err());
    /// ```
    pub fn set(&mut self, name: &str, value: &str) -> Result<bool> {
        if let Some((_, f)) = TEXT_FIELDS.iter().find(|(n, _)| *n == name) {
            *f(self) = value.to_owned();
            return Ok(true);
        }
        if let Some((_, f)) = NUM_FIELDS.iter().find(|(n, _)| *n == name) {
            let v = value.trim();
            *f(self) = if v.is_empty() {
                f64::NAN
            } else {
                v.parse().map_err(|_| {
                    Error::SchemaMismatch(format!("claims column {name:?}: {v:?} is not a number"))
                })?
            };
            return Ok(true);
        }
        Ok(false)
    }
}

/// The non-empty trimmed items of a `;`-list.
pub(crate) fn list(text: &str) -> Vec<&str> {
    text.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect()
}

/// The trimmed text, `None` when blank.
pub(crate) fn opt(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

fn wrong_type(name: &str, found: &str, want: &str) -> Error {
    Error::SchemaMismatch(format!(
        "claims column {name:?} holds {found}; expected {want}"
    ))
}
