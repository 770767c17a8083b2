//! Claim checking: evaluate each row of `claims.arrow` against the dataset snapshots.
//!
//! Every claim row carries a machine-readable computation (`op`, `dataset`, `entity`, `metric`,
//! periods, `compare`, `target`, `tolerance`, …; the vocabulary is documented in
//! `docs/datasets.md` and in `src/datasets/claims.rs`). [`check_claims`] reads the rows with
//! [`Claim::read_all`], runs each computation on the snapshots a [`DatasetSource`] provides and
//! returns one [`ClaimCheck`] per claim: the computed value, the printed value, the difference,
//! the [`Verdict`] (`matches` | `differs` | `not_computable`) and a one-line explanation.
//! [`summarize`] tallies the verdicts, overall and by report.
//!
//! # Semantics (summary of the vocabulary)
//! * Series datasets (`kind` = `series`, or tidy columns) select rows by `entity`, `metric`,
//!   `category` (when set) and `date` = the period; table datasets select the row whose
//!   `entity_column` (schema metadata) equals the entity and read column `metric`.
//! * `entity` and `category` may be `;`-lists: single-value ops are evaluated per entity and
//!   all must pass; `sum` and `share` add the listed items.
//! * The result `x` is scaled (`y = x × scale`, `scale` = 1 when null) and compared with
//!   `target`: `eq`/`approx` `|y − target| ≤ tolerance + 1e-9`; `approx_below`
//!   `target − tolerance − 1e-9 ≤ y ≤ target + 1e-9`; `gt` `y > target`; `set_contains` /
//!   `sequence` compare lists with `target_text`.
//! * Anything that stops a computation — a claim marked `computable = false`, an unknown op,
//!   compare or dataset, an empty period the op needs, a missing target or tolerance, a
//!   selection with zero or several rows, a zero denominator, a non-finite result — gives
//!   `not_computable` with the reason in [`ClaimCheck::explanation`]. Nothing panics.
//!
//! # Example
//! ```
//! use std::collections::HashMap;
//! use civic_pulse::claims::{check_claim, Claim, Verdict};
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
//!     ..Claim::default()
//! };
//! let check = check_claim(&claim, &data);
//! assert_eq!(check.verdict, Verdict::Matches);
//! assert!((check.difference.unwrap() - 0.01).abs() < 1e-9);
//! assert_eq!(
//!     check.explanation,
//!     "A: v(2023-03-01)/v(2023-01-01) = 1.21 vs printed 1.2 (±0.05) → matches"
//! );
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::marker::PhantomData;
use std::rc::Rc;

use crate::analytics;
use crate::tidy::{Series, Tidy};
use crate::{Column, Error, Result, Snapshot};

/// The op vocabulary (see the module documentation and `docs/datasets.md`).
pub const OPS: [&str; 19] = [
    "value_at",
    "ratio_to_base",
    "growth",
    "yoy",
    "ratio",
    "share",
    "pp_change",
    "peak_value",
    "peak_diff",
    "peak_month_each_year",
    "local_peaks",
    "mean_vs_prior_mean",
    "sum",
    "group_mean",
    "count_rows",
    "count_where",
    "count_distinct",
    "rank_of",
    "top_entities",
];

/// The comparison vocabulary.
pub const COMPARES: [&str; 6] = [
    "eq",
    "approx",
    "approx_below",
    "gt",
    "set_contains",
    "sequence",
];

/// Slack added to every numeric comparison.
pub const EPSILON: f64 = 1e-9;

/// Where the checker finds dataset snapshots by id (e.g. `jiaoguan_12123_monthly`).
///
/// Implemented for `HashMap<String, Snapshot>`, `BTreeMap<String, Snapshot>`, references to
/// any source, and closures wrapped in [`FnSource`].
///
/// # Example
/// ```
/// use std::collections::BTreeMap;
/// use civic_pulse::claims::DatasetSource;
/// use civic_pulse::tidy::example_snapshot;
/// let mut m = BTreeMap::new();
/// m.insert("demo".to_string(), example_snapshot().unwrap());
/// assert!(m.dataset("demo").is_some());
/// assert!(m.dataset("other").is_none());
/// ```
pub trait DatasetSource {
    /// The snapshot with this id, if there is one.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::claims::DatasetSource;
    /// let empty = std::collections::HashMap::<String, civic_pulse::Snapshot>::new();
    /// assert!(empty.dataset("claims").is_none());
    /// ```
    fn dataset(&self, id: &str) -> Option<&Snapshot>;
}

impl<S: BuildHasher> DatasetSource for HashMap<String, Snapshot, S> {
    fn dataset(&self, id: &str) -> Option<&Snapshot> {
        self.get(id)
    }
}

impl DatasetSource for BTreeMap<String, Snapshot> {
    fn dataset(&self, id: &str) -> Option<&Snapshot> {
        self.get(id)
    }
}

impl<T: DatasetSource + ?Sized> DatasetSource for &T {
    fn dataset(&self, id: &str) -> Option<&Snapshot> {
        (**self).dataset(id)
    }
}

/// A closure as a [`DatasetSource`].
///
/// # Example
/// ```
/// use civic_pulse::claims::{DatasetSource, FnSource};
/// use civic_pulse::tidy::example_snapshot;
/// let snap = example_snapshot().unwrap();
/// let source = FnSource::new(|id: &str| (id == "demo").then_some(&snap));
/// assert!(source.dataset("demo").is_some());
/// ```
pub struct FnSource<'a, F> {
    f: F,
    _data: PhantomData<&'a Snapshot>,
}

impl<'a, F: Fn(&str) -> Option<&'a Snapshot>> FnSource<'a, F> {
    /// Wraps `f`, which maps a dataset id to its snapshot.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::claims::{DatasetSource, FnSource};
    /// let none = FnSource::new(|_: &str| None);
    /// assert!(none.dataset("anything").is_none());
    /// ```
    pub fn new(f: F) -> Self {
        FnSource {
            f,
            _data: PhantomData,
        }
    }
}

impl<'a, F: Fn(&str) -> Option<&'a Snapshot>> DatasetSource for FnSource<'a, F> {
    fn dataset(&self, id: &str) -> Option<&Snapshot> {
        (self.f)(id)
    }
}

/// The verdict on one claim.
///
/// # Example
/// ```
/// use civic_pulse::claims::Verdict;
/// assert_eq!(Verdict::parse("not_computable"), Some(Verdict::NotComputable));
/// assert_eq!(Verdict::Differs.as_str(), "differs");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The data reproduce the printed figure within its rounding and qualifier.
    Matches,
    /// The data contradict the printed figure.
    Differs,
    /// No computation, or the computation could not be carried out (see the explanation).
    #[default]
    NotComputable,
}

impl Verdict {
    /// `matches`, `differs` or `not_computable`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::claims::Verdict::Matches.as_str(), "matches");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Matches => "matches",
            Verdict::Differs => "differs",
            Verdict::NotComputable => "not_computable",
        }
    }

    /// Parses [`Verdict::as_str`]'s spelling; `None` for anything else.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::claims::Verdict::parse("maybe"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Verdict> {
        match text {
            "matches" => Some(Verdict::Matches),
            "differs" => Some(Verdict::Differs),
            "not_computable" => Some(Verdict::NotComputable),
            _ => None,
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One claim row: the claim as extracted and its computation. Text cells are `""` and
/// numbers NaN when null; [`Claim::default`] is an empty row.
///
/// # Example
/// ```
/// use civic_pulse::claims::Claim;
/// let c = Claim { op: "value_at".into(), ..Claim::default() };
/// assert!(c.target.is_nan());
/// assert_eq!(c.computable, None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Claim id (`C0001`).
    pub id: String,
    /// Source report file.
    pub report: String,
    /// The sentence as printed.
    pub quote: String,
    /// What the claim is about.
    pub subject: String,
    /// The quantity claimed.
    pub claim_metric: String,
    /// The period claimed.
    pub claim_period: String,
    /// The value as printed (`1.9`, `6:4`, `4;9`).
    pub printed_value: String,
    /// Unit of the printed value.
    pub unit: String,
    /// Qualifier (`=`, `>`, `≈`, …).
    pub qualifier: String,
    /// Which dataset(s) the claim is computable from, as extracted.
    pub computable_from: String,
    /// Extraction notes.
    pub claim_notes: String,
    /// Whether a computation exists; `None` when the cell or column is missing (then the
    /// claim is evaluated when it has an `op`).
    pub computable: Option<bool>,
    /// Why not computable.
    pub reason: String,
    /// The op (see [`OPS`]).
    pub op: String,
    /// Dataset id.
    pub dataset: String,
    /// Entity, or a `;`-list.
    pub entity: String,
    /// Metric (series) or numeric column (table).
    pub metric: String,
    /// Category, or a `;`-list.
    pub category: String,
    /// ISO period.
    pub period: String,
    /// ISO base period.
    pub base_period: String,
    /// First period of the window (inclusive).
    pub window_start: String,
    /// Last period of the window (inclusive).
    pub window_end: String,
    /// First period of the prior window.
    pub prior_start: String,
    /// Last period of the prior window.
    pub prior_end: String,
    /// Table column to group by.
    pub group_column: String,
    /// Group value(s), `;`-list.
    pub group: String,
    /// Denominator dataset (default: `dataset`).
    pub denominator_dataset: String,
    /// Denominator entity (default: the numerator entity).
    pub denominator_entity: String,
    /// Denominator metric (default: `metric`).
    pub denominator_metric: String,
    /// Denominator period (default: `period`).
    pub denominator_period: String,
    /// `gt`, `ge`, `lt`, `le` or `eq` for `count_where`.
    pub filter_op: String,
    /// Threshold for `count_where`.
    pub threshold: f64,
    /// Scale applied to the result before comparing (NaN = 1).
    pub scale: f64,
    /// The comparison (see [`COMPARES`]).
    pub compare: String,
    /// Numeric target.
    pub target: f64,
    /// List target (`;`-separated) for `set_contains` / `sequence`.
    pub target_text: String,
    /// Tolerance for `eq` / `approx` / `approx_below`.
    pub tolerance: f64,
    /// The verdict the dataset build expects (`matches` | `differs` | `not_computable`).
    pub expected: String,
    /// The reading the computation relies on.
    pub assumption: String,
}

impl Default for Claim {
    fn default() -> Self {
        Claim {
            id: String::new(),
            report: String::new(),
            quote: String::new(),
            subject: String::new(),
            claim_metric: String::new(),
            claim_period: String::new(),
            printed_value: String::new(),
            unit: String::new(),
            qualifier: String::new(),
            computable_from: String::new(),
            claim_notes: String::new(),
            computable: None,
            reason: String::new(),
            op: String::new(),
            dataset: String::new(),
            entity: String::new(),
            metric: String::new(),
            category: String::new(),
            period: String::new(),
            base_period: String::new(),
            window_start: String::new(),
            window_end: String::new(),
            prior_start: String::new(),
            prior_end: String::new(),
            group_column: String::new(),
            group: String::new(),
            denominator_dataset: String::new(),
            denominator_entity: String::new(),
            denominator_metric: String::new(),
            denominator_period: String::new(),
            filter_op: String::new(),
            threshold: f64::NAN,
            scale: f64::NAN,
            compare: String::new(),
            target: f64::NAN,
            target_text: String::new(),
            tolerance: f64::NAN,
            expected: String::new(),
            assumption: String::new(),
        }
    }
}

type TextField = (&'static str, fn(&mut Claim) -> &mut String);
type NumField = (&'static str, fn(&mut Claim) -> &mut f64);

/// Text columns of a claims snapshot and the field each fills.
const TEXT_FIELDS: [TextField; 36] = [
    ("id", |c| &mut c.id),
    ("report", |c| &mut c.report),
    ("quote", |c| &mut c.quote),
    ("subject", |c| &mut c.subject),
    ("claim_metric", |c| &mut c.claim_metric),
    ("claim_period", |c| &mut c.claim_period),
    ("printed_value", |c| &mut c.printed_value),
    ("unit", |c| &mut c.unit),
    ("qualifier", |c| &mut c.qualifier),
    ("computable_from", |c| &mut c.computable_from),
    ("claim_notes", |c| &mut c.claim_notes),
    ("reason", |c| &mut c.reason),
    ("op", |c| &mut c.op),
    ("dataset", |c| &mut c.dataset),
    ("entity", |c| &mut c.entity),
    ("metric", |c| &mut c.metric),
    ("category", |c| &mut c.category),
    ("period", |c| &mut c.period),
    ("base_period", |c| &mut c.base_period),
    ("window_start", |c| &mut c.window_start),
    ("window_end", |c| &mut c.window_end),
    ("prior_start", |c| &mut c.prior_start),
    ("prior_end", |c| &mut c.prior_end),
    ("group_column", |c| &mut c.group_column),
    ("group", |c| &mut c.group),
    ("denominator_dataset", |c| &mut c.denominator_dataset),
    ("denominator_entity", |c| &mut c.denominator_entity),
    ("denominator_metric", |c| &mut c.denominator_metric),
    ("denominator_period", |c| &mut c.denominator_period),
    ("filter_op", |c| &mut c.filter_op),
    ("compare", |c| &mut c.compare),
    ("target_text", |c| &mut c.target_text),
    ("expected", |c| &mut c.expected),
    ("assumption", |c| &mut c.assumption),
    // Accepted spellings from the extraction CSV, read when the canonical column is absent.
    ("report_file", |c| &mut c.report),
    ("exact_quote", |c| &mut c.quote),
];

/// Numeric columns of a claims snapshot and the field each fills.
const NUM_FIELDS: [NumField; 4] = [
    ("threshold", |c| &mut c.threshold),
    ("scale", |c| &mut c.scale),
    ("target", |c| &mut c.target),
    ("tolerance", |c| &mut c.tolerance),
];

impl Claim {
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
    /// use civic_pulse::{claims::Claim, Snapshot};
    /// let schema = Arc::new(Schema::new(vec![
    ///     Field::new("id", DataType::Utf8, false),
    ///     Field::new("op", DataType::Utf8, true),
    /// ]));
    /// let batch = RecordBatch::try_new(schema.clone(), vec![
    ///     Arc::new(StringArray::from(vec!["C1"])),
    ///     Arc::new(StringArray::from(vec![Some("value_at")])),
    /// ]).unwrap();
    /// let snap = Snapshot::from_batches(schema, vec![batch]).unwrap();
    /// let claims = Claim::read_all(&snap).unwrap();
    /// assert_eq!((claims[0].id.as_str(), claims[0].op.as_str()), ("C1", "value_at"));
    /// assert!(claims[0].target.is_nan());
    /// ```
    pub fn read_all(snap: &Snapshot) -> Result<Vec<Claim>> {
        let names = snap.column_names();
        let has = |n: &str| names.iter().any(|x| x == n);
        if !has("id") {
            return Err(Error::SchemaMismatch(format!(
                "a claims snapshot needs an \"id\" column (columns: {})",
                names.join(", ")
            )));
        }
        let mut claims = vec![Claim::default(); snap.num_rows()];
        let mut filled: BTreeSet<&str> = BTreeSet::new();
        for (name, field) in TEXT_FIELDS {
            if !has(name) {
                continue;
            }
            let canonical = match name {
                "report_file" => "report",
                "exact_quote" => "quote",
                other => other,
            };
            if !filled.insert(canonical) {
                continue;
            }
            let values = match snap.column(name)? {
                Column::Text(v) => v,
                Column::Float(_) => return Err(wrong_type(name, "numbers", "text")),
                Column::Bool(_) => return Err(wrong_type(name, "booleans", "text")),
            };
            for (claim, v) in claims.iter_mut().zip(values) {
                *field(claim) = v.unwrap_or_default();
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
            for (claim, v) in claims.iter_mut().zip(values) {
                *field(claim) = v;
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
            for (claim, v) in claims.iter_mut().zip(values) {
                claim.computable = v;
            }
        }
        Ok(claims)
    }

    fn list(text: &str) -> Vec<&str> {
        text.split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect()
    }
}

fn wrong_type(name: &str, found: &str, want: &str) -> Error {
    Error::SchemaMismatch(format!(
        "claims column {name:?} holds {found}; expected {want}"
    ))
}

/// A computed value: a number (already scaled, comparable with the target) or text (a list
/// of positions or entities, `;`-separated, or one line per entity).
///
/// # Example
/// ```
/// use civic_pulse::claims::Computed;
/// assert_eq!(Computed::Number(1.5).as_number(), Some(1.5));
/// assert_eq!(Computed::Text("4;9".into()).to_string(), "4;9");
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Computed {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

impl Computed {
    /// The number, if this is one.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::claims::Computed::Text("x".into()).as_number(), None);
    /// ```
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Computed::Number(x) => Some(*x),
            Computed::Text(_) => None,
        }
    }
}

impl std::fmt::Display for Computed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Computed::Number(x) => f.write_str(&fmt_num(*x)),
            Computed::Text(t) => f.write_str(t),
        }
    }
}

/// The result for one listed entity of a claim (claims over a `;`-list of entities have
/// several parts; all must match).
///
/// # Example
/// ```
/// use civic_pulse::claims::{Computed, PartCheck};
/// let p = PartCheck { entity: "北京".into(), computed: Computed::Text("4;9".into()),
///                     difference: None, matches: true };
/// assert!(p.matches);
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PartCheck {
    /// The entity (empty for ops over a whole selection).
    pub entity: String,
    /// Its computed value (scaled).
    pub computed: Computed,
    /// Computed − target, for numeric comparisons.
    pub difference: Option<f64>,
    /// Whether this part passes the comparison.
    pub matches: bool,
}

/// The outcome of checking one claim.
///
/// # Example
/// ```
/// use civic_pulse::claims::{check_claim, Claim, Verdict};
/// let c = Claim { id: "C9".into(), computable: Some(false), reason: "an event".into(),
///                 ..Claim::default() };
/// let r = check_claim(&c, &std::collections::HashMap::new());
/// assert_eq!(r.verdict, Verdict::NotComputable);
/// assert_eq!(r.explanation, "an event");
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimCheck {
    /// Claim id.
    pub id: String,
    /// Source report.
    pub report: String,
    /// The op run (may be empty).
    pub op: String,
    /// The dataset read (may be empty).
    pub dataset: String,
    /// The value as printed.
    pub printed: String,
    /// The numeric target, when the comparison is numeric and the target is set.
    pub target: Option<f64>,
    /// The computed (scaled) value: the single part's value, or with several parts one
    /// `entity: value` item per part joined by ` | `. `None` when nothing was computed.
    pub computed: Option<Computed>,
    /// Computed − target (numeric comparisons). With several parts, the part that decides
    /// the verdict: the first failing one, else the one closest to failing (`gt`: the
    /// smallest margin; otherwise the largest |difference|).
    pub difference: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
    /// One line: the computation, its value, the comparison and the verdict — or the reason
    /// it is not computable.
    pub explanation: String,
    /// Per-entity results (empty when not computable).
    pub parts: Vec<PartCheck>,
    /// The verdict the claims file expects (its `expected` column), if it parses.
    pub expected: Option<Verdict>,
}

/// Verdict counts.
///
/// # Example
/// ```
/// use civic_pulse::claims::{Tally, Verdict};
/// let mut t = Tally::default();
/// t.add(Verdict::Matches);
/// assert_eq!((t.total, t.matches), (1, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// All claims counted.
    pub total: usize,
    /// `matches`.
    pub matches: usize,
    /// `differs`.
    pub differs: usize,
    /// `not_computable`.
    pub not_computable: usize,
}

impl Tally {
    /// Counts one verdict.
    ///
    /// # Example
    /// ```
    /// # use civic_pulse::claims::{Tally, Verdict};
    /// let mut t = Tally::default();
    /// t.add(Verdict::NotComputable);
    /// assert_eq!(t.not_computable, 1);
    /// ```
    pub fn add(&mut self, v: Verdict) {
        self.total += 1;
        match v {
            Verdict::Matches => self.matches += 1,
            Verdict::Differs => self.differs += 1,
            Verdict::NotComputable => self.not_computable += 1,
        }
    }
}

/// Verdict counts overall and by report.
///
/// # Example
/// ```
/// use civic_pulse::claims::{summarize, check_claim, Claim};
/// let c = check_claim(&Claim { report: "r1".into(), ..Claim::default() },
///                     &std::collections::HashMap::new());
/// let s = summarize(&[c]);
/// assert_eq!(s.all.not_computable, 1);
/// assert_eq!(s.by_report["r1"].total, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// All claims.
    pub all: Tally,
    /// Per report (sorted by report name).
    pub by_report: BTreeMap<String, Tally>,
}

/// Tallies verdicts overall and by report.
///
/// # Example
/// ```
/// use civic_pulse::claims::{check_claim, summarize, Claim};
/// let none = std::collections::HashMap::new();
/// let checks: Vec<_> = ["r1", "r1", "r2"]
///     .iter()
///     .map(|r| check_claim(&Claim { report: r.to_string(), ..Claim::default() }, &none))
///     .collect();
/// let s = summarize(&checks);
/// assert_eq!((s.all.total, s.by_report["r1"].total, s.by_report["r2"].total), (3, 2, 1));
/// ```
pub fn summarize(checks: &[ClaimCheck]) -> Summary {
    let mut s = Summary::default();
    for c in checks {
        s.all.add(c.verdict);
        s.by_report
            .entry(c.report.clone())
            .or_default()
            .add(c.verdict);
    }
    s
}

/// Checks every claim of a claims snapshot against the datasets of `source`. Each dataset
/// is decoded once for all claims.
///
/// # Errors
/// As [`Claim::read_all`] (a malformed claims *file*); problems with single claims are
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
    let rows = Claim::read_all(claims)?;
    let mut checker = ClaimChecker::new(source);
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
pub fn check_claim(claim: &Claim, source: &dyn DatasetSource) -> ClaimCheck {
    ClaimChecker::new(source).check(claim)
}

/// A claim checker that decodes each dataset once and reuses it for every claim.
///
/// # Example
/// ```
/// use std::collections::HashMap;
/// use civic_pulse::claims::{Claim, ClaimChecker, Verdict};
/// use civic_pulse::tidy::example_snapshot;
/// let mut data = HashMap::new();
/// data.insert("demo".to_string(), example_snapshot().unwrap());
/// let mut checker = ClaimChecker::new(&data);
/// let claim = Claim {
///     op: "count_distinct".into(), dataset: "demo".into(), metric: "users".into(),
///     compare: "eq".into(), target: 2.0, tolerance: 0.0, ..Claim::default()
/// };
/// assert_eq!(checker.check(&claim).verdict, Verdict::Matches);
/// ```
pub struct ClaimChecker<'a> {
    source: &'a dyn DatasetSource,
    cache: HashMap<String, Rc<Eval<Data<'a>>>>,
}

impl<'a> ClaimChecker<'a> {
    /// A checker reading datasets from `source`.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::claims::{Claim, ClaimChecker};
    /// let data = std::collections::BTreeMap::new();
    /// let mut checker = ClaimChecker::new(&data);
    /// let r = checker.check(&Claim { op: "sum".into(), compare: "eq".into(), target: 1.0,
    ///                                tolerance: 0.0, dataset: "x".into(), ..Claim::default() });
    /// assert_eq!(r.explanation, "unknown dataset \"x\"");
    /// ```
    pub fn new(source: &'a dyn DatasetSource) -> Self {
        ClaimChecker {
            source,
            cache: HashMap::new(),
        }
    }

    /// Checks one claim. Never fails: problems are `not_computable` with a reason.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::claims::{Claim, ClaimChecker, Verdict};
    /// let data = std::collections::BTreeMap::new();
    /// let r = ClaimChecker::new(&data).check(&Claim { op: "median".into(), ..Claim::default() });
    /// assert_eq!((r.verdict, r.explanation.as_str()), (Verdict::NotComputable, "unknown op \"median\""));
    /// ```
    pub fn check(&mut self, claim: &Claim) -> ClaimCheck {
        let numeric = matches!(
            claim.compare.as_str(),
            "eq" | "approx" | "approx_below" | "gt"
        );
        let mut out = ClaimCheck {
            id: claim.id.clone(),
            report: claim.report.clone(),
            op: claim.op.clone(),
            dataset: claim.dataset.clone(),
            printed: claim.printed_value.clone(),
            target: (numeric && claim.target.is_finite()).then_some(claim.target),
            computed: None,
            difference: None,
            verdict: Verdict::NotComputable,
            explanation: String::new(),
            parts: Vec::new(),
            expected: Verdict::parse(claim.expected.trim()),
        };
        match self.evaluate(claim) {
            Err(Fail(reason)) => out.explanation = reason,
            Ok(judged) => {
                out.verdict = if judged.iter().all(|j| j.part.matches) {
                    Verdict::Matches
                } else {
                    Verdict::Differs
                };
                out.difference = deciding_difference(&judged, claim.compare.trim());
                out.computed = match judged.as_slice() {
                    [one] => Some(one.part.computed.clone()),
                    many => Some(Computed::Text(
                        many.iter()
                            .map(|j| format!("{}: {}", j.part.entity, j.part.computed))
                            .collect::<Vec<_>>()
                            .join(" | "),
                    )),
                };
                let lines: Vec<&str> = judged.iter().map(|j| j.line.as_str()).collect();
                out.explanation = format!("{} → {}", lines.join("; "), out.verdict);
                out.parts = judged.into_iter().map(|j| j.part).collect();
            }
        }
        out
    }

    fn data(&mut self, id: &str) -> Rc<Eval<Data<'a>>> {
        if let Some(d) = self.cache.get(id) {
            return d.clone();
        }
        let loaded = Rc::new(match self.source.dataset(id) {
            None => Err(Fail(format!("unknown dataset {id:?}"))),
            Some(snap) => Data::load(id, snap),
        });
        self.cache.insert(id.to_owned(), loaded.clone());
        loaded
    }

    /// Validates the row, runs the op and judges each part.
    fn evaluate(&mut self, c: &Claim) -> Eval<Vec<Judged>> {
        if c.computable == Some(false) {
            return Err(Fail(if c.reason.trim().is_empty() {
                "marked not computable".into()
            } else {
                c.reason.clone()
            }));
        }
        let op = c.op.trim();
        if op.is_empty() {
            return Err(Fail("no computation (empty op)".into()));
        }
        if !OPS.contains(&op) {
            return Err(Fail(format!("unknown op {op:?}")));
        }
        let cmp = Compare::parse(c)?;
        if c.dataset.trim().is_empty() {
            return Err(Fail("no dataset".into()));
        }
        let scale = if c.scale.is_nan() { 1.0 } else { c.scale };
        if !scale.is_finite() {
            return Err(Fail(format!("scale is {scale}")));
        }
        let data = self.data(c.dataset.trim());
        let data = data.as_ref().as_ref().map_err(Clone::clone)?;
        let parts = self.run(op, c, data)?;
        if parts.is_empty() {
            return Err(Fail("the entity list is empty".into()));
        }
        parts
            .into_iter()
            .map(|p| judge(p, &cmp, scale, c))
            .collect()
    }

    fn run(&mut self, op: &str, c: &Claim, d: &Data<'a>) -> Eval<Vec<Part>> {
        let metric = c.metric.trim();
        let cat = opt(&c.category);
        let per = opt(&c.period);
        let entities = Claim::list(&c.entity);
        let each = |f: &mut dyn FnMut(&str) -> Eval<Part>| -> Eval<Vec<Part>> {
            if entities.is_empty() {
                return Err(Fail(format!("op {op} needs an entity")));
            }
            entities.iter().map(|e| f(e)).collect()
        };
        let need = |v: &str, what: &str| -> Eval<()> {
            if v.trim().is_empty() {
                Err(Fail(format!("op {op} needs {what}")))
            } else {
                Ok(())
            }
        };
        if metric.is_empty() && op != "count_rows" {
            return Err(Fail(format!("op {op} needs a metric")));
        }
        let at = |p: Option<&str>| p.map_or(String::new(), |p| format!("({p})"));
        match op {
            "value_at" => each(&mut |e| {
                let x = d.one(e, metric, cat, per)?;
                Ok(Part::num(e, format!("v{}", at(per)), x))
            }),
            "ratio_to_base" | "growth" | "yoy" | "pp_change" => {
                need(&c.period, "a period")?;
                let base = if op == "yoy" {
                    let want = months_before(c.period.trim(), 12)
                        .ok_or_else(|| Fail(format!("period {:?} is not an ISO date", c.period)))?;
                    match opt(&c.base_period) {
                        Some(b) if b != want => {
                            return Err(Fail(format!(
                                "base_period {b:?} is not 12 months before period {:?}",
                                c.period.trim()
                            )))
                        }
                        _ => want,
                    }
                } else {
                    need(&c.base_period, "a base_period")?;
                    c.base_period.trim().to_owned()
                };
                each(&mut |e| {
                    let now = d.one(e, metric, cat, per)?;
                    let then = d.one(e, metric, cat, Some(&base))?;
                    let p = c.period.trim();
                    if op == "pp_change" {
                        return Ok(Part::num(e, format!("v({p}) − v({base})"), now - then));
                    }
                    if then == 0.0 {
                        return Err(Fail(format!("{e}: v({base}) is 0")));
                    }
                    // [base, now] as a two-point series: index 1 against index 0.
                    let (x, formula) = if op == "ratio_to_base" {
                        let r = analytics::ratio_to_base(&[then, now], 0)?;
                        (r.get(1).copied(), format!("v({p})/v({base})"))
                    } else {
                        let g = analytics::growth(&[then, now], 1)?;
                        (g.get(1).copied(), format!("v({p})/v({base}) − 1"))
                    };
                    Ok(Part::num(e, formula, x.unwrap_or(f64::NAN)))
                })
            }
            "ratio" => each(&mut |e| {
                let num = d.one(e, metric, cat, per)?;
                let (den, label) = self.denominator(c, Some(e), per)?;
                if den == 0.0 {
                    return Err(Fail(format!("{e}: the denominator {label} is 0")));
                }
                Ok(Part::num(e, format!("v{}/{label}", at(per)), num / den))
            }),
            "share" => {
                let num = d.sum_items(&entities, metric, &Claim::list(&c.category), per)?;
                let single = match entities.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                };
                let (den, label) = self.denominator(c, single, per)?;
                if den == 0.0 {
                    return Err(Fail(format!("the denominator {label} is 0")));
                }
                Ok(vec![Part::num(
                    "",
                    format!("Σv{}/{label}", at(per)),
                    num / den,
                )])
            }
            "peak_value" | "peak_diff" | "mean_vs_prior_mean" => each(&mut |e| {
                let s = d.series(e, metric, cat)?;
                let (ws, we) = (c.window_start.trim(), c.window_end.trim());
                let span = |a: &str, b: &str| format!("[{}..{}]", or_open(a), or_open(b));
                match op {
                    "peak_value" => {
                        let m = peak(&s, ws, we)?;
                        let formula = format!("max v{} at {}", span(ws, we), m.0);
                        match per {
                            Some(p) if p != m.0 => Ok(Part {
                                entity: e.to_owned(),
                                formula,
                                out: Out::Differs {
                                    value: Some(m.1),
                                    why: format!("the maximum is at {}, not at {p}", m.0),
                                },
                            }),
                            _ => Ok(Part::num(e, formula, m.1)),
                        }
                    }
                    "peak_diff" => {
                        let (ps, pe) = (c.prior_start.trim(), c.prior_end.trim());
                        let now = peak(&s, ws, we)?;
                        let before = peak(&s, ps, pe)?;
                        Ok(Part::num(
                            e,
                            format!("max v{} − max v{}", span(ws, we), span(ps, pe)),
                            now.1 - before.1,
                        ))
                    }
                    _ => {
                        let (ps, pe) = (c.prior_start.trim(), c.prior_end.trim());
                        let r = s
                            .mean_vs_prior_mean((ws, we), (ps, pe))
                            .map_err(|err| Fail(format!("{e}: {}", message(&err))))?;
                        Ok(Part::num(
                            e,
                            format!("mean v{}/mean v{} − 1", span(ws, we), span(ps, pe)),
                            r,
                        ))
                    }
                }
            }),
            "peak_month_each_year" => {
                need(&c.window_start, "a window_start")?;
                need(&c.window_end, "a window_end")?;
                each(&mut |e| peak_month_each_year(&d.series(e, metric, cat)?, e, c))
            }
            "local_peaks" => each(&mut |e| {
                let s = d.series(e, metric, cat)?;
                let (ws, we) = (c.window_start.trim(), c.window_end.trim());
                let w = s.window(ws, we);
                let positions = strict_local_maxima(&w.values)
                    .into_iter()
                    .map(|i| {
                        w.dates.get(i).and_then(|dt| position(dt)).ok_or_else(|| {
                            Fail(format!(
                                "{e}: cannot read a month or hour from {:?}",
                                w.dates.get(i)
                            ))
                        })
                    })
                    .collect::<Eval<Vec<String>>>()?;
                Ok(Part {
                    entity: e.to_owned(),
                    formula: if ws.is_empty() && we.is_empty() {
                        "local peaks".to_owned()
                    } else {
                        format!("local peaks in [{}..{}]", or_open(ws), or_open(we))
                    },
                    out: Out::List(positions),
                })
            }),
            "sum" => match d {
                Data::Series(_) => {
                    let x = d.sum_items(&entities, metric, &Claim::list(&c.category), per)?;
                    Ok(vec![Part::num("", format!("Σv{}", at(per)), x)])
                }
                Data::Table(t) => {
                    let g = t.groups(c, Some(metric))?;
                    Ok(vec![Part::num(
                        "",
                        format!("Σ {metric}{}", g.label),
                        g.sum(true)?,
                    )])
                }
            },
            "group_mean" => {
                let t = d.table(op)?;
                let g = t.groups(c, Some(metric))?;
                let (sum, count) = (g.sum(true)?, g.count as f64);
                Ok(vec![Part::num(
                    "",
                    format!("mean {metric}{}", g.label),
                    sum / count,
                )])
            }
            "count_rows" => {
                let t = d.table(op)?;
                let g = t.groups(c, None)?;
                Ok(vec![Part::num(
                    "",
                    format!("rows{}", g.label),
                    g.rows as f64,
                )])
            }
            "count_where" => {
                let t = c.threshold;
                if t.is_nan() {
                    return Err(Fail("count_where needs a threshold".into()));
                }
                let test: fn(f64, f64) -> bool = match c.filter_op.trim() {
                    "gt" => |v, t| v > t,
                    "ge" => |v, t| v >= t,
                    "lt" => |v, t| v < t,
                    "le" => |v, t| v <= t,
                    "eq" => |v, t| v == t,
                    other => return Err(Fail(format!("unknown filter_op {other:?}"))),
                };
                let rows = d.select(None, metric, cat, per)?;
                let n = rows.iter().filter(|r| test(r.value, t)).count();
                Ok(vec![Part::num(
                    "",
                    format!(
                        "rows{} with {metric} {} {}",
                        at(per),
                        c.filter_op.trim(),
                        fmt_num(t)
                    ),
                    n as f64,
                )])
            }
            "count_distinct" => {
                let rows = d.select(None, metric, cat, None)?;
                let set: BTreeSet<&str> = rows.iter().map(|r| r.entity.as_str()).collect();
                Ok(vec![Part::num(
                    "",
                    format!("distinct entities of {metric}"),
                    set.len() as f64,
                )])
            }
            "rank_of" => each(&mut |e| {
                let v = d.one(e, metric, cat, per)?;
                if v.is_nan() {
                    return Err(Fail(format!("{e}: the value is missing")));
                }
                let rows = d.select(None, metric, cat, per)?;
                let above = rows.iter().filter(|r| r.value > v).count();
                Ok(Part::num(
                    e,
                    format!("rank by {metric}{}", at(per)),
                    1.0 + above as f64,
                ))
            }),
            "top_entities" => {
                let k = Claim::list(&c.target_text).len();
                if k == 0 {
                    return Err(Fail("top_entities needs a target_text list".into()));
                }
                let mut rows = d.select(None, metric, cat, per)?;
                rows.retain(|r| !r.value.is_nan());
                rows.sort_by(|a, b| b.value.total_cmp(&a.value));
                Ok(vec![Part {
                    entity: String::new(),
                    formula: format!("top {k} by {metric}{}", at(per)),
                    out: Out::List(rows.into_iter().take(k).map(|r| r.entity).collect()),
                }])
            }
            other => Err(Fail(format!("unknown op {other:?}"))),
        }
    }

    /// The denominator value and a label for it (`d(period)` or `dataset:entity/metric(p)`).
    fn denominator(
        &mut self,
        c: &Claim,
        entity: Option<&str>,
        per: Option<&str>,
    ) -> Eval<(f64, String)> {
        let id = opt(&c.denominator_dataset).unwrap_or(c.dataset.trim());
        let e = opt(&c.denominator_entity)
            .or(entity)
            .ok_or_else(|| Fail("no denominator_entity (and no single numerator entity)".into()))?;
        let m = opt(&c.denominator_metric).unwrap_or(c.metric.trim());
        let p = opt(&c.denominator_period).or(per);
        let data = self.data(id);
        let d = data.as_ref().as_ref().map_err(Clone::clone)?;
        let v = d
            .one(e, m, None, p)
            .map_err(|Fail(r)| Fail(format!("denominator: {r}")))?;
        let label = match p {
            Some(p) => format!("d({p})"),
            None => "d".to_owned(),
        };
        Ok((v, label))
    }
}

/// The difference of the part that decides the verdict: the first failing part, else the
/// part closest to failing (`gt`: the smallest margin; otherwise the largest |difference|).
fn deciding_difference(judged: &[Judged], compare: &str) -> Option<f64> {
    if let Some(j) = judged.iter().find(|j| !j.part.matches) {
        return j.part.difference;
    }
    let diffs = judged.iter().filter_map(|j| j.part.difference);
    if compare == "gt" {
        diffs.min_by(f64::total_cmp)
    } else {
        diffs.max_by(|a, b| a.abs().total_cmp(&b.abs()))
    }
}

/// Why a claim cannot be computed.
#[derive(Debug, Clone, PartialEq)]
struct Fail(String);

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail(message(&e))
    }
}

type Eval<T> = std::result::Result<T, Fail>;

fn message(e: &Error) -> String {
    match e {
        Error::InvalidArgument(m) | Error::SchemaMismatch(m) => m.clone(),
        other => other.to_string(),
    }
}

fn opt(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

fn or_open(s: &str) -> &str {
    if s.is_empty() {
        "…"
    } else {
        s
    }
}

/// What an op produced for one entity.
#[derive(Debug, Clone, PartialEq)]
enum Out {
    Num(f64),
    List(Vec<String>),
    /// The computation itself contradicts the claim (a peak at another date, peak months
    /// that disagree); `value` is the raw number when there is one.
    Differs {
        value: Option<f64>,
        why: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct Part {
    entity: String,
    formula: String,
    out: Out,
}

impl Part {
    fn num(entity: &str, formula: String, x: f64) -> Part {
        Part {
            entity: entity.to_owned(),
            formula,
            out: Out::Num(x),
        }
    }
}

struct Judged {
    part: PartCheck,
    line: String,
}

/// A validated comparison.
enum Compare {
    /// `eq` / `approx`: `|y − t| ≤ tol + ε`.
    Within { target: f64, tol: f64, approx: bool },
    /// `approx_below`: `t − tol − ε ≤ y ≤ t + ε`.
    Below { target: f64, tol: f64 },
    /// `gt`: `y > t`.
    Above { target: f64 },
    /// `set_contains`.
    Contains(Vec<String>),
    /// `sequence`.
    Sequence(Vec<String>),
}

impl Compare {
    fn parse(c: &Claim) -> Eval<Compare> {
        let target = || {
            if c.target.is_finite() {
                Ok(c.target)
            } else {
                Err(Fail(format!(
                    "compare {} needs a numeric target (target is {})",
                    c.compare.trim(),
                    c.target
                )))
            }
        };
        let tol = || {
            if c.tolerance.is_finite() && c.tolerance >= 0.0 {
                Ok(c.tolerance)
            } else {
                Err(Fail(format!(
                    "compare {} needs a tolerance >= 0 (tolerance is {})",
                    c.compare.trim(),
                    c.tolerance
                )))
            }
        };
        let list = || {
            let l: Vec<String> = Claim::list(&c.target_text)
                .into_iter()
                .map(str::to_owned)
                .collect();
            if l.is_empty() {
                Err(Fail(format!(
                    "compare {} needs a target_text list",
                    c.compare.trim()
                )))
            } else {
                Ok(l)
            }
        };
        Ok(match c.compare.trim() {
            "eq" => Compare::Within {
                target: target()?,
                tol: tol()?,
                approx: false,
            },
            "approx" => Compare::Within {
                target: target()?,
                tol: tol()?,
                approx: true,
            },
            "approx_below" => Compare::Below {
                target: target()?,
                tol: tol()?,
            },
            "gt" => Compare::Above { target: target()? },
            "set_contains" => Compare::Contains(list()?),
            "sequence" => Compare::Sequence(list()?),
            "" => return Err(Fail("no compare".into())),
            other => return Err(Fail(format!("unknown compare {other:?}"))),
        })
    }
}

/// Applies the scale and the comparison to one part.
fn judge(p: Part, cmp: &Compare, scale: f64, c: &Claim) -> Eval<Judged> {
    let who = if p.entity.is_empty() {
        String::new()
    } else {
        format!("{}: ", p.entity)
    };
    let printed = |t: f64| -> String {
        let pv = c.printed_value.trim();
        if pv.parse::<f64>().ok() == Some(t) || pv.is_empty() {
            fmt_num(t)
        } else {
            format!("{pv:?} (target {})", fmt_num(t))
        }
    };
    let scaled = |x: f64| -> (f64, String) {
        let y = x * scale;
        let text = if scale == 1.0 {
            fmt_num(x)
        } else {
            format!("{} × {} = {}", fmt_num(x), fmt_num(scale), fmt_num(y))
        };
        (y, text)
    };
    let (part, line) = match (p.out, cmp) {
        (Out::Num(x), Compare::Within { .. } | Compare::Below { .. } | Compare::Above { .. }) => {
            let (y, shown) = scaled(x);
            if !y.is_finite() {
                return Err(Fail(format!(
                    "{who}{} is not a finite number ({y}); a missing value?",
                    p.formula
                )));
            }
            let (ok, target, rule) = match *cmp {
                Compare::Within {
                    target,
                    tol,
                    approx,
                } => (
                    (y - target).abs() <= tol + EPSILON,
                    target,
                    format!(
                        "{}{} (±{})",
                        if approx { "≈" } else { "" },
                        printed(target),
                        fmt_num(tol)
                    ),
                ),
                Compare::Below { target, tol } => (
                    y >= target - tol - EPSILON && y <= target + EPSILON,
                    target,
                    format!(
                        "{} (just under, by at most {})",
                        printed(target),
                        fmt_num(tol)
                    ),
                ),
                Compare::Above { target } => (y > target, target, format!("> {}", printed(target))),
                // infallible: the outer match admits only the three numeric compares.
                Compare::Contains(_) | Compare::Sequence(_) => (false, f64::NAN, String::new()),
            };
            (
                PartCheck {
                    entity: p.entity,
                    computed: Computed::Number(y),
                    difference: Some(y - target),
                    matches: ok,
                },
                format!("{who}{} = {shown} vs printed {rule}", p.formula),
            )
        }
        (Out::List(xs), Compare::Contains(want)) => {
            let ok = want.iter().all(|w| xs.contains(w));
            let got = xs.join(";");
            (
                PartCheck {
                    entity: p.entity,
                    computed: Computed::Text(got.clone()),
                    difference: None,
                    matches: ok,
                },
                format!(
                    "{who}{} = {{{got}}} vs printed ⊇ {{{}}}",
                    p.formula,
                    want.join(";")
                ),
            )
        }
        (Out::List(xs), Compare::Sequence(want)) => {
            let ok = xs == *want;
            let got = xs.join(";");
            (
                PartCheck {
                    entity: p.entity,
                    computed: Computed::Text(got.clone()),
                    difference: None,
                    matches: ok,
                },
                format!("{who}{} = {got} vs printed {}", p.formula, want.join(";")),
            )
        }
        (Out::Differs { value, why }, _) => {
            let computed = match value {
                Some(x) => Computed::Number(x * scale),
                None => Computed::Text(why.clone()),
            };
            let shown = value.map_or(String::new(), |x| format!(" = {}", scaled(x).1));
            (
                PartCheck {
                    entity: p.entity,
                    computed,
                    difference: None,
                    matches: false,
                },
                format!("{who}{}{shown}: {why}", p.formula),
            )
        }
        (Out::Num(_), _) => {
            return Err(Fail(format!(
                "compare {} needs a list; op {} gives a number",
                c.compare.trim(),
                c.op.trim()
            )))
        }
        (Out::List(_), _) => {
            return Err(Fail(format!(
                "compare {} needs a number; op {} gives a list",
                c.compare.trim(),
                c.op.trim()
            )))
        }
    };
    Ok(Judged { part, line })
}

/// One selected row.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    date: String,
    entity: String,
    value: f64,
}

/// A loaded dataset.
enum Data<'a> {
    Series(Box<Tidy>),
    Table(Table<'a>),
}

struct Table<'a> {
    id: String,
    snap: &'a Snapshot,
    key_column: Option<String>,
}

/// Selected table rows for the group ops.
struct Grouped {
    rows: usize,
    count: usize,
    sum: f64,
    label: String,
}

impl Grouped {
    /// The sum, refusing missing values (a sum or mean over a gap is not the printed one).
    fn sum(&self, refuse_missing: bool) -> Eval<f64> {
        if refuse_missing && self.count < self.rows {
            return Err(Fail(format!(
                "{} missing value(s) among the {} selected row(s){}",
                self.rows - self.count,
                self.rows,
                self.label
            )));
        }
        if self.rows == 0 {
            return Err(Fail(format!("no rows selected{}", self.label)));
        }
        Ok(self.sum)
    }
}

impl<'a> Data<'a> {
    fn load(id: &str, snap: &'a Snapshot) -> Eval<Data<'a>> {
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
                .map_err(|e| Fail(format!("dataset {id:?}: {}", message(&e))))
        } else {
            Ok(Data::Table(Table {
                id: id.to_owned(),
                snap,
                key_column: meta.get("entity_column").cloned(),
            }))
        }
    }

    fn table(&self, op: &str) -> Eval<&Table<'a>> {
        match self {
            Data::Table(t) => Ok(t),
            Data::Series(_) => Err(Fail(format!("op {op} needs a table dataset"))),
        }
    }

    /// Rows matching the filters (tables ignore `category` and `period`).
    fn select(
        &self,
        entity: Option<&str>,
        metric: &str,
        category: Option<&str>,
        period: Option<&str>,
    ) -> Eval<Vec<Row>> {
        match self {
            Data::Series(t) => {
                if !t.metrics().iter().any(|m| m == metric) {
                    return Err(Fail(format!(
                        "no metric {metric:?} (metrics: {})",
                        t.metrics().join(", ")
                    )));
                }
                Ok(t.select(entity, metric, category, period)
                    .into_iter()
                    .map(|r| Row {
                        date: r.date.unwrap_or_default().to_owned(),
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
                        date: String::new(),
                        entity: k.unwrap_or_default(),
                        value,
                    })
                    .collect())
            }
        }
    }

    /// The value of the single row matching the filters.
    fn one(
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
            [] => Err(Fail(format!("no row for {}", what()))),
            many => Err(Fail(format!(
                "{} rows for {} (need one)",
                many.len(),
                what()
            ))),
        }
    }

    /// Σ over entities × categories (empty lists: any) at `period`; each listed pair must
    /// select exactly one row (tables: each listed entity one row; no list = all rows).
    fn sum_items(
        &self,
        entities: &[&str],
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
                    return Err(Fail(format!("no rows for metric {metric:?}")));
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

    /// One entity's rows as a date-sorted [`Series`] (any category when `category` is
    /// `None`).
    fn series(&self, entity: &str, metric: &str, category: Option<&str>) -> Eval<Series> {
        let Data::Series(_) = self else {
            return Err(Fail("this op needs a series dataset".into()));
        };
        let mut rows = self.select(Some(entity), metric, category, None)?;
        if rows.is_empty() {
            return Err(Fail(format!(
                "no series for entity {entity:?} metric {metric:?}"
            )));
        }
        rows.sort_by(|a, b| a.date.cmp(&b.date));
        let (dates, values) = rows.into_iter().map(|r| (r.date, r.value)).unzip();
        Ok(Series {
            entity: entity.to_owned(),
            metric: metric.to_owned(),
            category: category.map(str::to_owned),
            provenance: Vec::new(),
            qualifier: Vec::new(),
            rows: Vec::new(),
            dates,
            values,
        })
    }
}

impl Table<'_> {
    fn floats(&self, name: &str) -> Eval<Vec<f64>> {
        match self.snap.column(name) {
            Ok(Column::Float(v)) => Ok(v),
            Ok(_) => Err(Fail(format!(
                "table {:?}: column {name:?} is not numeric",
                self.id
            ))),
            Err(e) => Err(Fail(format!("table {:?}: {e}", self.id))),
        }
    }

    fn texts(&self, name: &str) -> Eval<Vec<Option<String>>> {
        match self.snap.column(name) {
            Ok(Column::Text(v)) => Ok(v),
            Ok(Column::Float(v)) => Ok(v.into_iter().map(|x| Some(fmt_num(x))).collect()),
            Ok(Column::Bool(v)) => Ok(v.into_iter().map(|b| b.map(|b| b.to_string())).collect()),
            Err(e) => Err(Fail(format!("table {:?}: {e}", self.id))),
        }
    }

    fn keys(&self) -> Eval<Vec<Option<String>>> {
        let key = self.key_column.as_deref().ok_or_else(|| {
            Fail(format!(
                "table {:?} has no entity_column metadata to find entities by",
                self.id
            ))
        })?;
        self.texts(key)
    }

    /// Rows whose `group_column` is in `group` (all rows when `group_column` is empty),
    /// aggregated with [`analytics::group_by`]. `metric` `None` counts rows only.
    fn groups(&self, c: &Claim, metric: Option<&str>) -> Eval<Grouped> {
        let n = self.snap.num_rows();
        let values = match metric {
            Some(m) => self.floats(m)?,
            None => vec![0.0; n],
        };
        let gc = c.group_column.trim();
        let wanted = Claim::list(&c.group);
        let (keys, wanted, label): (Vec<Option<String>>, Vec<Option<&str>>, String) =
            if gc.is_empty() {
                (vec![None; n], vec![None], String::new())
            } else {
                if wanted.is_empty() {
                    return Err(Fail(format!("group_column {gc:?} given without a group")));
                }
                let label = format!(" where {gc} ∈ {{{}}}", wanted.join(", "));
                (
                    self.texts(gc)?,
                    wanted.into_iter().map(Some).collect(),
                    label,
                )
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
                    return Err(Fail(format!(
                        "no rows with {gc} = {:?}",
                        w.unwrap_or_default()
                    )))
                }
            }
        }
        Ok(out)
    }
}

/// The date (first occurrence) and value of the maximum of `s` within `[a, b]`.
fn peak(s: &Series, a: &str, b: &str) -> Eval<(String, f64)> {
    let w = s.window(a, b);
    let m = w.extremes().max.ok_or_else(|| {
        Fail(format!(
            "{}: no value in [{}..{}]",
            s.entity,
            or_open(a),
            or_open(b)
        ))
    })?;
    Ok((m.date, m.value))
}

/// Strict interior local maxima: `v[i] > v[i−1]` and `v[i] > v[i+1]`. These are the
/// plateau-aware peaks of [`analytics::local_peaks`] that are not the start of a plateau.
fn strict_local_maxima(v: &[f64]) -> Vec<usize> {
    analytics::local_peaks(v)
        .into_iter()
        .filter(|&i| match (v.get(i), v.get(i + 1)) {
            (Some(x), Some(next)) => next < x,
            _ => false,
        })
        .collect()
}

fn peak_month_each_year(s: &Series, e: &str, c: &Claim) -> Eval<Part> {
    let (ws, we) = (c.window_start.trim(), c.window_end.trim());
    let bad = |d: &str| Fail(format!("{d:?} is not an ISO date"));
    let (y0, m0) = year_month(ws).ok_or_else(|| bad(ws))?;
    let (y1, m1) = year_month(we).ok_or_else(|| bad(we))?;
    if y1 < y0 || m1 < m0 {
        return Err(Fail(format!("empty window {ws}..{we}")));
    }
    let mut months = Vec::new();
    for y in y0..=y1 {
        let mut best: Option<(u32, f64)> = None;
        for (d, &v) in s.dates.iter().zip(&s.values) {
            let Some((yy, mm)) = year_month(d) else {
                continue;
            };
            if yy == y && (m0..=m1).contains(&mm) && !v.is_nan() && best.is_none_or(|b| v > b.1) {
                best = Some((mm, v));
            }
        }
        let (m, _) = best.ok_or_else(|| Fail(format!("{e}: no value in {y} months {m0}..{m1}")))?;
        months.push((y, m));
    }
    let formula = format!("month of max v in months {m0}..{m1} of {y0}..{y1}");
    let first = months.first().map(|x| x.1);
    match first {
        Some(m) if months.iter().all(|x| x.1 == m) => Ok(Part::num(e, formula, f64::from(m))),
        _ => Ok(Part {
            entity: e.to_owned(),
            formula,
            out: Out::Differs {
                value: None,
                why: format!(
                    "the peak months differ by year ({})",
                    months
                        .iter()
                        .map(|(y, m)| format!("{y}: {m}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
        }),
    }
}

/// `(year, month)` of an ISO date `YYYY-MM…`.
fn year_month(d: &str) -> Option<(i32, u32)> {
    let y = d.get(0..4)?.parse().ok()?;
    if d.get(4..5)? != "-" {
        return None;
    }
    let m: u32 = d.get(5..7)?.parse().ok()?;
    (1..=12).contains(&m).then_some((y, m))
}

/// The ISO date `months` months before `date` (day and time kept).
fn months_before(date: &str, months: u32) -> Option<String> {
    let (y, m) = year_month(date)?;
    let total = i64::from(y) * 12 + i64::from(m) - 1 - i64::from(months);
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    if !(0..=9999).contains(&ny) {
        return None;
    }
    Some(format!("{ny:04}-{nm:02}{}", date.get(7..)?))
}

/// Month number (1–12) of `YYYY-MM-DD`, hour (0–23) of `YYYY-MM-DDTHH:MM:SS`, as text.
fn position(date: &str) -> Option<String> {
    let digits = if date.len() > 10 {
        date.get(11..13)?
    } else {
        date.get(5..7)?
    };
    digits.parse::<u32>().ok().map(|n| n.to_string())
}

/// A number with about six significant digits, trailing zeros trimmed.
fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x == x.trunc() && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let mag = x.abs().log10().floor() as i32;
    let decimals = (5 - mag).clamp(0, 12) as usize;
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(fmt_num(1.902_345_6), "1.90235");
        assert_eq!(fmt_num(13_800.0), "13800");
        assert_eq!(fmt_num(0.001_395_2), "0.0013952");
        assert_eq!(fmt_num(-0.000_000_000_1), "-0.0000000001");
        assert_eq!(
            months_before("2023-03-01", 12).as_deref(),
            Some("2022-03-01")
        );
        assert_eq!(
            months_before("2023-01-01", 1).as_deref(),
            Some("2022-12-01")
        );
        assert_eq!(
            months_before("2023-12-01T10:00:00", 12).as_deref(),
            Some("2022-12-01T10:00:00")
        );
        assert_eq!(months_before("x", 12), None);
        assert_eq!(position("2023-04-01").as_deref(), Some("4"));
        assert_eq!(position("2023-12-01T09:00:00").as_deref(), Some("9"));
        assert_eq!(position("é"), None);
        assert_eq!(
            strict_local_maxima(&[1.0, 3.0, 3.0, 1.0, 2.0, 1.0]),
            vec![4]
        );
        assert_eq!(year_month("2023-13-01"), None);
    }
}
