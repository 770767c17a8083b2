//! Claim checking: evaluate each row of `claims.arrow` against the dataset snapshots.
//!
//! Every claim row ([`ClaimRow`]) carries a machine-readable computation. [`Computation`]
//! types it — an [`Op`] with its parameters, a [`Compare`] and a scale — or says in one line
//! why it cannot be computed ([`WhyNot`]). [`check_claims`] runs each computation on the
//! snapshots a [`DatasetSource`] provides and returns one [`ClaimCheck`] per claim: the
//! computed value, the printed value, the difference, the [`Verdict`] (`matches` | `differs` |
//! `not_computable`), the [`CheckKind`] (what the verdict rests on) and a one-line
//! explanation. [`summarize`] tallies the verdicts overall, by report and by kind.
//!
//! | module | concept |
//! |---|---|
//! | `row` | the claims.arrow row as one struct, read from a snapshot |
//! | `op` | [`OpKind`] / [`Op`]: the operations, their parameters and meaning |
//! | `compare` | [`CompareKind`] / [`Compare`] and judging a part |
//! | `select` | selecting series (via [`crate::tidy::Tidy`]) and table rows |
//! | `eval` | [`ClaimChecker`]: one function per operation |
//! | `kind` | [`CheckKind`] and the fixed not-computable [`REASONS`] |
//! | `report` | [`ClaimCheck`], [`Verdict`], [`Summary`] |
//!
//! Anything that stops a computation — a claim marked `computable = false`, an unknown op,
//! compare or dataset, an empty period the op needs, a missing target or tolerance, a
//! selection with zero or several rows, a zero denominator, a non-finite result — gives
//! `not_computable` with the reason in [`ClaimCheck::explanation`]. Nothing panics.
//!
//! # Example
//! ```
//! use std::collections::HashMap;
//! use civic_pulse::claims::{check_claim, CheckKind, Claim, Verdict};
//! use civic_pulse::tidy::example_snapshot;
//!
//! let mut data = HashMap::new();
//! data.insert("demo".to_string(), example_snapshot().unwrap());
//! // "A grew to 1.21× its January level by March"
//! let claim = Claim {
//!     id: "X1".into(),
//!     op: "ratio_to_base".into(),
//!     dataset: "demo".into(),
//!     entity: "A".into(),
//!     metric: "users".into(),
//!     period: "2023-03-01".into(),
//!     base_period: "2023-01-01".into(),
//!     compare: "eq".into(),
//!     target: 1.2,
//!     tolerance: 0.05,
//!     printed_value: "1.2".into(),
//!     check_kind: "independent".into(),
//!     ..Claim::default()
//! };
//! let check = check_claim(&claim, &data);
//! assert_eq!((check.verdict, check.check_kind), (Verdict::Matches, CheckKind::Independent));
//! assert!((check.difference.unwrap() - 0.01).abs() < 1e-9);
//! assert_eq!(
//!     check.explanation,
//!     "A: v(2023-03-01)/v(2023-01-01) = 1.21 vs printed 1.2 (±0.05) → matches"
//! );
//! ```

mod compare;
mod eval;
mod kind;
mod op;
mod report;
mod row;
mod select;
mod source;
mod text;

pub use compare::{Compare, CompareKind, COMPARES, EPSILON};
pub use eval::ClaimChecker;
pub use kind::{reason_text, CheckKind, REASONS};
pub use op::{Computation, Denominator, Filter, Group, Op, OpKind, Select, WhyNot, Window, OPS};
pub use report::{summarize, ClaimCheck, Computed, PartCheck, Summary, Tally, Verdict};
pub use row::ClaimRow;
pub use source::{DatasetSource, FnSource};

use crate::{Result, Snapshot};

/// The short name of [`ClaimRow`], kept for callers written before the split.
pub type Claim = ClaimRow;

/// Checks every claim of a claims snapshot against the datasets of `source`. Each dataset
/// is decoded once for all claims. The claims snapshot itself is dataset `claims` unless
/// `source` has one: a claim may be checked against a number printed in another claim
/// (`value_at`, dataset `claims`, entity = that claim's id, metric `target`).
///
/// # Errors
/// As [`ClaimRow::read_all`] (a malformed claims *file*); problems with single claims are
/// `not_computable` verdicts, never errors.
///
/// # Example
/// ```
/// use std::collections::HashMap;
/// use std::sync::Arc;
/// use arrow_array::{Float64Array, RecordBatch, StringArray};
/// use arrow_schema::{DataType, Field, Schema};
/// use civic_pulse::claims::{check_claims, Verdict};
/// use civic_pulse::{tidy::example_snapshot, Snapshot};
///
/// let text = |v: Vec<&str>| Arc::new(StringArray::from(v)) as arrow_array::ArrayRef;
/// let num = |v: Vec<f64>| Arc::new(Float64Array::from(v)) as arrow_array::ArrayRef;
/// let schema = Arc::new(Schema::new(vec![
///     Field::new("id", DataType::Utf8, false),
///     Field::new("op", DataType::Utf8, false),
///     Field::new("dataset", DataType::Utf8, false),
///     Field::new("entity", DataType::Utf8, false),
///     Field::new("metric", DataType::Utf8, false),
///     Field::new("period", DataType::Utf8, false),
///     Field::new("compare", DataType::Utf8, false),
///     Field::new("target", DataType::Float64, false),
///     Field::new("tolerance", DataType::Float64, false),
/// ]));
/// let batch = RecordBatch::try_new(schema.clone(), vec![
///     text(vec!["C1", "C2"]),
///     text(vec!["value_at", "value_at"]),
///     text(vec!["demo", "nowhere"]),
///     text(vec!["B", "B"]),
///     text(vec!["users", "users"]),
///     text(vec!["2023-02-01", "2023-02-01"]),
///     text(vec!["eq", "eq"]),
///     num(vec![40.0, 40.0]),
///     num(vec![0.5, 0.5]),
/// ]).unwrap();
/// let claims = Snapshot::from_batches(schema, vec![batch]).unwrap();
/// let mut data = HashMap::new();
/// data.insert("demo".to_string(), example_snapshot().unwrap());
/// let checks = check_claims(&claims, &data).unwrap();
/// assert_eq!(checks[0].verdict, Verdict::Matches);
/// assert_eq!(checks[1].verdict, Verdict::NotComputable);
/// assert_eq!(checks[1].explanation, "unknown dataset \"nowhere\"");
/// ```
pub fn check_claims(claims: &Snapshot, source: &dyn DatasetSource) -> Result<Vec<ClaimCheck>> {
    let rows = ClaimRow::read_all(claims)?;
    let with_self = FnSource::new(|id: &str| {
        source
            .dataset(id)
            .or_else(|| (id == "claims").then_some(claims))
    });
    let mut checker = ClaimChecker::new(&with_self);
    Ok(rows.iter().map(|c| checker.check(c)).collect())
}

/// Checks one claim (decoding the datasets it needs; use [`ClaimChecker`] to share the
/// decoding between claims).
///
/// # Example
/// ```
/// use std::collections::HashMap;
/// use civic_pulse::claims::{check_claim, Claim, Verdict};
/// use civic_pulse::tidy::example_snapshot;
/// let data = HashMap::from([("demo".to_string(), example_snapshot().unwrap())]);
/// // "B fell below 45 in February" — printed as more than 45: differs.
/// let c = Claim {
///     op: "value_at".into(), dataset: "demo".into(), entity: "B".into(),
///     metric: "users".into(), period: "2023-02-01".into(),
///     compare: "gt".into(), target: 45.0, ..Claim::default()
/// };
/// let r = check_claim(&c, &data);
/// assert_eq!(r.verdict, Verdict::Differs);
/// assert_eq!(r.difference, Some(-5.0));
/// assert_eq!(r.explanation, "B: v(2023-02-01) = 40 vs printed > 45 → differs");
/// ```
pub fn check_claim(claim: &ClaimRow, source: &dyn DatasetSource) -> ClaimCheck {
    ClaimChecker::new(source).check(claim)
}
