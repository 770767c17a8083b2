//! The results of a claim check: [`Verdict`], [`ClaimCheck`] and the [`Summary`] tallies.

use std::collections::BTreeMap;

use super::kind::CheckKind;
use super::text::fmt_num;

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
        [Verdict::Matches, Verdict::Differs, Verdict::NotComputable]
            .into_iter()
            .find(|v| v.as_str() == text)
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
/// use civic_pulse::claims::{check_claim, CheckKind, Claim, Verdict};
/// let c = Claim { id: "C9".into(), computable: Some(false), reason: "an event".into(),
///                 ..Claim::default() };
/// let r = check_claim(&c, &std::collections::HashMap::new());
/// assert_eq!((r.verdict, r.check_kind), (Verdict::NotComputable, CheckKind::NotComputable));
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
    /// What the verdict rests on (JS `checkKind`): the claims file's `check_kind` for a
    /// computed claim, `not_computable` whenever the verdict is.
    pub check_kind: CheckKind,
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

/// Verdict counts overall, by report and by check kind.
///
/// # Example
/// ```
/// use civic_pulse::claims::{summarize, check_claim, CheckKind, Claim};
/// let c = check_claim(&Claim { report: "r1".into(), ..Claim::default() },
///                     &std::collections::HashMap::new());
/// let s = summarize(&[c]);
/// assert_eq!(s.all.not_computable, 1);
/// assert_eq!(s.by_report["r1"].total, 1);
/// assert_eq!(s.by_kind[&CheckKind::NotComputable].total, 1);
/// assert_eq!(s.by_kind[&CheckKind::Independent].total, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// All claims.
    pub all: Tally,
    /// Per report (sorted by report name).
    pub by_report: BTreeMap<String, Tally>,
    /// Per check kind (JS `byKind`): the four stated kinds always present, in order
    /// `independent`, `read_back`, `by_construction`, `not_computable`; `unclassified` only
    /// when some claim is.
    pub by_kind: BTreeMap<CheckKind, Tally>,
}

/// Tallies verdicts overall, by report and by check kind.
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
    let mut s = Summary {
        by_kind: CheckKind::STATED
            .into_iter()
            .map(|k| (k, Tally::default()))
            .collect(),
        ..Summary::default()
    };
    for c in checks {
        s.all.add(c.verdict);
        s.by_report
            .entry(c.report.clone())
            .or_default()
            .add(c.verdict);
        s.by_kind.entry(c.check_kind).or_default().add(c.verdict);
    }
    s
}
