//! The typed operation of a claim: [`Op`], built from a [`ClaimRow`] with `TryFrom`, so every
//! "why is this claim not computable" that can be decided from the row alone is decided here,
//! once, for the evaluator and the dataset builder alike.
//!
//! # Selecting values
//! * Periods are ISO text exactly as [`crate::Snapshot::column`] renders the `date` column:
//!   `YYYY-MM-DD` (months are their first day) or `YYYY-MM-DDTHH:MM:SS`.
//! * **Series** dataset: rows with `entity` = E, `metric` = M, `category` = C when set
//!   (otherwise any category; a selection meant to be unique then has one row) and `date` = the
//!   period, selected with [`crate::tidy::Tidy`]. `v(p)` is the `value` of the single such row
//!   (0 or >1 rows ⇒ `not_computable`).
//! * **Table** dataset: the row whose `entity_column` (schema metadata) equals E; `metric`
//!   names the numeric column to read. Periods are ignored.
//! * `entity` and `category` may be `;`-lists: single-value ops are evaluated per entity and
//!   all must pass; `sum` and `share` add the listed items.

use super::compare::Compare;
use super::row::{list, opt, ClaimRow};
use super::text::months_before;

/// Why a claim cannot be computed: one line for the reader.
///
/// # Example
/// ```
/// use civic_pulse::claims::{ClaimRow, Op, WhyNot};
/// let row = ClaimRow { op: "median".into(), ..ClaimRow::default() };
/// assert_eq!(Op::try_from(&row).unwrap_err(), WhyNot("unknown op \"median\"".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhyNot(pub String);

impl std::fmt::Display for WhyNot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The op names, in one place; [`OPS`] and the parser derive from it.
macro_rules! op_kinds {
    ( $( $(#[doc = $doc:literal])* $v:ident = $name:literal, )* ) => {
        /// The name of an operation (the `op` column), without its parameters.
        ///
        /// # Example
        /// ```
        /// use civic_pulse::claims::OpKind;
        /// assert_eq!(OpKind::parse("yoy"), Some(OpKind::Yoy));
        /// assert_eq!(OpKind::Yoy.name(), "yoy");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum OpKind { $( $(#[doc = $doc])* $v, )* }

        impl OpKind {
            /// Every kind, in vocabulary order.
            pub const ALL: &'static [OpKind] = &[ $( OpKind::$v, )* ];

            /// The `op` column's spelling.
            ///
            /// # Example
            /// ```
            /// assert_eq!(civic_pulse::claims::OpKind::ValueAt.name(), "value_at");
            /// ```
            pub const fn name(self) -> &'static str {
                match self { $( OpKind::$v => $name, )* }
            }
        }

        /// The op vocabulary, derived from [`OpKind`].
        pub const OPS: [&str; [$($name),*].len()] = [ $( $name, )* ];
    };
}

op_kinds! {
    /// `v(period)`.
    ValueAt = "value_at",
    /// `v(period) / v(base_period)`.
    RatioToBase = "ratio_to_base",
    /// `v(period) / v(base_period) − 1`.
    Growth = "growth",
    /// As `growth`; `base_period` is 12 months before `period`.
    Yoy = "yoy",
    /// `v(period) / d(denominator_period)` where `d` reads the denominator selection.
    Ratio = "ratio",
    /// `Σ v` over the numerator selection (series: listed entities × categories at `period`;
    /// table: column `metric` over the listed entities, or all rows when `entity` is empty)
    /// divided by the denominator value.
    Share = "share",
    /// `v(period) − v(base_period)` (shares in %, result in percentage points).
    PpChange = "pp_change",
    /// `max v` over the window; when `period` is set the arg-max must be that date.
    PeakValue = "peak_value",
    /// `max v` over the window − `max v` over the prior window.
    PeakDiff = "peak_diff",
    /// For every year of the window, the month (1–12) of the arg-max among the window's
    /// months; the month when all years agree, else `differs`.
    PeakMonthEachYear = "peak_month_each_year",
    /// Positions (month 1–12, or hour 0–23) of strict interior local maxima in the window.
    LocalPeaks = "local_peaks",
    /// `mean(v over window) / mean(v over prior) − 1`.
    MeanVsPriorMean = "mean_vs_prior_mean",
    /// Series: `Σ v` over listed entities × categories at `period`; table: `Σ metric` over
    /// the rows of the group (all rows when no group).
    Sum = "sum",
    /// Table: mean of column `metric` over the rows of the group (all rows when no group).
    GroupMean = "group_mean",
    /// Table: number of rows of the group (all rows when no group).
    CountRows = "count_rows",
    /// Number of rows (series: `metric` at `period`; table: all rows) whose value passes
    /// `filter_op threshold`.
    CountWhere = "count_where",
    /// Series: number of distinct entities of `metric`; table: number of distinct values of
    /// the text column `metric`.
    CountDistinct = "count_distinct",
    /// 1 + number of rows with a strictly greater value than entity E.
    RankOf = "rank_of",
    /// The entities sorted by value descending, the first k (k = items of `target_text`).
    TopEntities = "top_entities",
    /// Whole years from `window_start` to `window_end` (months ÷ 12): arithmetic on printed
    /// dates, no dataset.
    YearsBetween = "years_between",
    /// The number of items the report lists by name, given as printed in `entity`
    /// (`;`-separated): arithmetic on the printed list, no dataset.
    CountListed = "count_listed",
}

impl OpKind {
    /// The kind with this spelling; `None` for anything else.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::claims::OpKind::parse("median"), None);
    /// ```
    pub fn parse(name: &str) -> Option<OpKind> {
        OpKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// Which rows an op reads.
///
/// # Example
/// ```
/// use civic_pulse::claims::{ClaimRow, Op, Select};
/// let row = ClaimRow { op: "sum".into(), dataset: "d".into(), metric: "m".into(),
///                      category: "a; b".into(), ..ClaimRow::default() };
/// let Op::Sum(sel, None) = Op::try_from(&row).unwrap() else { panic!() };
/// assert_eq!(sel.categories(), ["a", "b"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    /// Dataset id.
    pub dataset: String,
    /// The listed entities (may be empty: the op reads all rows).
    pub entities: Vec<String>,
    /// Metric (series) or numeric column (table).
    pub metric: String,
    /// Category as written (a `;`-list for `sum` and `share`).
    pub category: Option<String>,
    /// Period, when set.
    pub period: Option<String>,
}

impl Select {
    /// The categories of a `;`-list.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::claims::Select;
    /// let s = Select { dataset: "d".into(), entities: vec![], metric: "m".into(),
    ///                  category: None, period: None };
    /// assert!(s.categories().is_empty());
    /// ```
    pub fn categories(&self) -> Vec<&str> {
        self.category.as_deref().map(list).unwrap_or_default()
    }
}

/// An inclusive date window; `""` leaves a side open.
///
/// # Example
/// ```
/// let w = civic_pulse::claims::Window::default();
/// assert!(w.start.is_empty() && w.end.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Window {
    /// First date.
    pub start: String,
    /// Last date.
    pub end: String,
}

/// The denominator selection of `ratio` and `share` (defaults already applied, except the
/// entity, which defaults to the numerator's single entity).
///
/// # Example
/// ```
/// use civic_pulse::claims::{ClaimRow, Op};
/// let row = ClaimRow { op: "ratio".into(), dataset: "d".into(), entity: "A".into(),
///                      metric: "users".into(), period: "2023-12-01".into(),
///                      denominator_metric: "all".into(), ..ClaimRow::default() };
/// let Op::Ratio(_, den) = Op::try_from(&row).unwrap() else { panic!() };
/// assert_eq!((den.dataset.as_str(), den.metric.as_str()), ("d", "all"));
/// assert_eq!(den.period.as_deref(), Some("2023-12-01"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denominator {
    /// Dataset id.
    pub dataset: String,
    /// Entity, when set.
    pub entity: Option<String>,
    /// Metric.
    pub metric: String,
    /// Period, when set.
    pub period: Option<String>,
}

/// The rows of a table whose `column` is one of `values`.
///
/// # Example
/// ```
/// use civic_pulse::claims::{ClaimRow, Group, Op};
/// let row = ClaimRow { op: "count_rows".into(), dataset: "t".into(),
///                      group_column: "region".into(), group: "东部;中部".into(),
///                      ..ClaimRow::default() };
/// let want = Group { column: "region".into(), values: vec!["东部".into(), "中部".into()] };
/// assert_eq!(Op::try_from(&row).unwrap(), Op::CountRows("t".into(), Some(want)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Column to group by.
    pub column: String,
    /// Accepted values.
    pub values: Vec<String>,
}

/// The `count_where` filter.
///
/// # Example
/// ```
/// use civic_pulse::claims::Filter;
/// assert!(Filter::Ge.test(2.0, 2.0) && !Filter::Gt.test(2.0, 2.0));
/// assert_eq!(Filter::Le.name(), "le");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// `v > t`.
    Gt,
    /// `v ≥ t`.
    Ge,
    /// `v < t`.
    Lt,
    /// `v ≤ t`.
    Le,
    /// `v = t`.
    Eq,
}

impl Filter {
    /// Whether `v` passes against threshold `t`.
    ///
    /// # Example
    /// ```
    /// assert!(civic_pulse::claims::Filter::Lt.test(1.0, 2.0));
    /// ```
    pub fn test(self, v: f64, t: f64) -> bool {
        match self {
            Filter::Gt => v > t,
            Filter::Ge => v >= t,
            Filter::Lt => v < t,
            Filter::Le => v <= t,
            Filter::Eq => v == t,
        }
    }

    /// The `filter_op` spelling.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::claims::Filter::Eq.name(), "eq");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Filter::Gt => "gt",
            Filter::Ge => "ge",
            Filter::Lt => "lt",
            Filter::Le => "le",
            Filter::Eq => "eq",
        }
    }
}

/// A claim's computation with its parameters; see [`OpKind`] for each op's meaning.
///
/// # Example
/// ```
/// use civic_pulse::claims::{ClaimRow, Op};
/// let row = ClaimRow { op: "years_between".into(), window_start: "2013-12-01".into(),
///                      window_end: "2023-12-01".into(), ..ClaimRow::default() };
/// assert_eq!(Op::try_from(&row).unwrap(), Op::YearsBetween((2013, 12), (2023, 12)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `v(period)` per entity.
    ValueAt(Select),
    /// `v(period) / v(base)` per entity.
    RatioToBase(Select, String),
    /// `v(period) / v(base) − 1` per entity (`yoy`: base 12 months earlier).
    Growth(Select, String),
    /// `v(period) − v(base)` per entity.
    PpChange(Select, String),
    /// `v(period) / d` per entity.
    Ratio(Select, Denominator),
    /// `Σ v / d`.
    Share(Select, Denominator),
    /// `max v` over the window, optionally required at `Select::period`.
    PeakValue(Select, Window),
    /// `max v` over the window − over the prior window.
    PeakDiff(Select, Window, Window),
    /// The month of each year's peak, when all years agree.
    PeakMonthEachYear(Select, (i32, u32), (i32, u32)),
    /// Strict interior local maxima positions.
    LocalPeaks(Select, Window),
    /// Mean over the window vs the prior window's mean, − 1.
    MeanVsPriorMean(Select, Window, Window),
    /// A sum over listed items (series) or a group (table).
    Sum(Select, Option<Group>),
    /// A table group's mean.
    GroupMean(Select, Option<Group>),
    /// A table group's row count.
    CountRows(String, Option<Group>),
    /// Rows passing a filter.
    CountWhere(Select, Filter, f64),
    /// Distinct entities of a metric.
    CountDistinct(Select),
    /// An entity's rank (1 = largest).
    RankOf(Select),
    /// The first `k` entities by value.
    TopEntities(Select, usize),
    /// Years between two printed dates.
    YearsBetween((i32, u32), (i32, u32)),
    /// The number of printed names.
    CountListed(Vec<String>),
}

/// A claim ready to evaluate: its op, comparison and scale.
///
/// # Example
/// ```
/// use civic_pulse::claims::{ClaimRow, Compare, Computation};
/// let row = ClaimRow { op: "count_listed".into(), entity: "a;b".into(),
///                      compare: "gt".into(), target: 1.0, ..ClaimRow::default() };
/// let c = Computation::try_from(&row).unwrap();
/// assert_eq!((c.compare, c.scale), (Compare::Above { target: 1.0 }, 1.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Computation {
    /// What to compute.
    pub op: Op,
    /// How to judge it.
    pub compare: Compare,
    /// Factor applied to the result before comparing.
    pub scale: f64,
}

impl TryFrom<&ClaimRow> for Computation {
    type Error = WhyNot;

    /// # Errors
    /// [`WhyNot`] with the first reason the row cannot be computed.
    fn try_from(c: &ClaimRow) -> Result<Self, WhyNot> {
        // A row without a `computable` cell but with a reason and no op says why, too.
        if c.computable == Some(false) || (c.op.trim().is_empty() && opt(&c.reason).is_some()) {
            return Err(WhyNot(match opt(&c.reason) {
                Some(r) => r.to_owned(),
                None => "marked not computable".into(),
            }));
        }
        // The op's name first, then the comparison, then the op's parameters: the first
        // reason a reader sees is the most basic one.
        let name = c.op.trim();
        if name.is_empty() {
            return Err(WhyNot("no computation (empty op)".into()));
        }
        OpKind::parse(name).ok_or_else(|| WhyNot(format!("unknown op {name:?}")))?;
        let compare = Compare::try_from(c)?;
        let op = Op::try_from(c)?;
        let scale = if c.scale.is_nan() { 1.0 } else { c.scale };
        if !scale.is_finite() {
            return Err(WhyNot(format!("scale is {scale}")));
        }
        Ok(Computation { op, compare, scale })
    }
}

impl TryFrom<&ClaimRow> for Op {
    type Error = WhyNot;

    /// # Errors
    /// [`WhyNot`]: no or an unknown op, no dataset, a parameter the op needs is missing or
    /// malformed.
    fn try_from(c: &ClaimRow) -> Result<Self, WhyNot> {
        let name = c.op.trim();
        if name.is_empty() {
            return Err(WhyNot("no computation (empty op)".into()));
        }
        let kind = OpKind::parse(name).ok_or_else(|| WhyNot(format!("unknown op {name:?}")))?;
        let need = |v: &str, what: &str| -> Result<String, WhyNot> {
            opt(v)
                .map(str::to_owned)
                .ok_or_else(|| WhyNot(format!("op {name} needs {what}")))
        };
        let date = |v: &str, what: &str| -> Result<(i32, u32), WhyNot> {
            let v = need(v, what)?;
            super::text::year_month(&v).ok_or_else(|| WhyNot(format!("{v:?} is not an ISO date")))
        };
        if kind == OpKind::YearsBetween {
            return Ok(Op::YearsBetween(
                date(&c.window_start, "a window_start")?,
                date(&c.window_end, "a window_end")?,
            ));
        }
        if kind == OpKind::CountListed {
            let items: Vec<String> = list(&c.entity).into_iter().map(str::to_owned).collect();
            if items.is_empty() {
                return Err(WhyNot(format!(
                    "op {name} needs the printed names in entity"
                )));
            }
            return Ok(Op::CountListed(items));
        }
        let dataset = opt(&c.dataset).ok_or_else(|| WhyNot("no dataset".into()))?;
        if kind == OpKind::CountRows {
            return Ok(Op::CountRows(dataset.to_owned(), group(c)?));
        }
        let sel = Select {
            dataset: dataset.to_owned(),
            entities: list(&c.entity).into_iter().map(str::to_owned).collect(),
            metric: need(&c.metric, "a metric")?,
            category: opt(&c.category).map(str::to_owned),
            period: opt(&c.period).map(str::to_owned),
        };
        let per_entity = matches!(
            kind,
            OpKind::ValueAt
                | OpKind::RatioToBase
                | OpKind::Growth
                | OpKind::Yoy
                | OpKind::PpChange
                | OpKind::Ratio
                | OpKind::PeakValue
                | OpKind::PeakDiff
                | OpKind::PeakMonthEachYear
                | OpKind::LocalPeaks
                | OpKind::MeanVsPriorMean
                | OpKind::RankOf
        );
        if per_entity && sel.entities.is_empty() {
            return Err(WhyNot(format!("op {name} needs an entity")));
        }
        let window = || Window {
            start: c.window_start.trim().to_owned(),
            end: c.window_end.trim().to_owned(),
        };
        let prior = || Window {
            start: c.prior_start.trim().to_owned(),
            end: c.prior_end.trim().to_owned(),
        };
        let den = |sel: &Select| Denominator {
            dataset: opt(&c.denominator_dataset)
                .unwrap_or(&sel.dataset)
                .to_owned(),
            entity: opt(&c.denominator_entity).map(str::to_owned),
            metric: opt(&c.denominator_metric).unwrap_or(&sel.metric).to_owned(),
            period: opt(&c.denominator_period)
                .map(str::to_owned)
                .or_else(|| sel.period.clone()),
        };
        Ok(match kind {
            OpKind::ValueAt => Op::ValueAt(sel),
            OpKind::RatioToBase | OpKind::Growth | OpKind::PpChange => {
                need(&c.period, "a period")?;
                let base = need(&c.base_period, "a base_period")?;
                match kind {
                    OpKind::RatioToBase => Op::RatioToBase(sel, base),
                    OpKind::Growth => Op::Growth(sel, base),
                    _ => Op::PpChange(sel, base),
                }
            }
            OpKind::Yoy => {
                let p = need(&c.period, "a period")?;
                let want = months_before(&p, 12)
                    .ok_or_else(|| WhyNot(format!("period {p:?} is not an ISO date")))?;
                if let Some(b) = opt(&c.base_period).filter(|b| *b != want) {
                    return Err(WhyNot(format!(
                        "base_period {b:?} is not 12 months before period {p:?}"
                    )));
                }
                Op::Growth(sel, want)
            }
            OpKind::Ratio => {
                let d = den(&sel);
                Op::Ratio(sel, d)
            }
            OpKind::Share => {
                let d = den(&sel);
                Op::Share(sel, d)
            }
            OpKind::PeakValue => Op::PeakValue(sel, window()),
            OpKind::PeakDiff => Op::PeakDiff(sel, window(), prior()),
            OpKind::MeanVsPriorMean => Op::MeanVsPriorMean(sel, window(), prior()),
            OpKind::LocalPeaks => Op::LocalPeaks(sel, window()),
            OpKind::PeakMonthEachYear => {
                let a = date(&c.window_start, "a window_start")?;
                let b = date(&c.window_end, "a window_end")?;
                if b.0 < a.0 || b.1 < a.1 {
                    return Err(WhyNot(format!(
                        "empty window {}..{}",
                        c.window_start.trim(),
                        c.window_end.trim()
                    )));
                }
                Op::PeakMonthEachYear(sel, a, b)
            }
            OpKind::Sum => Op::Sum(sel, group(c)?),
            OpKind::GroupMean => Op::GroupMean(sel, group(c)?),
            OpKind::CountWhere => {
                if c.threshold.is_nan() {
                    return Err(WhyNot("count_where needs a threshold".into()));
                }
                let f = match c.filter_op.trim() {
                    "gt" => Filter::Gt,
                    "ge" => Filter::Ge,
                    "lt" => Filter::Lt,
                    "le" => Filter::Le,
                    "eq" => Filter::Eq,
                    other => return Err(WhyNot(format!("unknown filter_op {other:?}"))),
                };
                Op::CountWhere(sel, f, c.threshold)
            }
            OpKind::CountDistinct => Op::CountDistinct(sel),
            OpKind::RankOf => Op::RankOf(sel),
            OpKind::TopEntities => {
                let k = list(&c.target_text).len();
                if k == 0 {
                    return Err(WhyNot("top_entities needs a target_text list".into()));
                }
                Op::TopEntities(sel, k)
            }
            OpKind::CountRows | OpKind::YearsBetween | OpKind::CountListed => {
                return Err(WhyNot(format!("op {name} is handled above")))
            }
        })
    }
}

fn group(c: &ClaimRow) -> Result<Option<Group>, WhyNot> {
    let Some(column) = opt(&c.group_column) else {
        return Ok(None);
    };
    let values: Vec<String> = list(&c.group).into_iter().map(str::to_owned).collect();
    if values.is_empty() {
        return Err(WhyNot(format!(
            "group_column {column:?} given without a group"
        )));
    }
    Ok(Some(Group {
        column: column.to_owned(),
        values,
    }))
}
