//! How a computed value is judged against the printed one: [`Compare`], and [`judge`].
//!
//! `y = x × scale` (`scale` = 1 when null) is compared with `target`; `ε` = [`EPSILON`].

use super::op::WhyNot;
use super::report::{Computed, PartCheck};
use super::row::{list, ClaimRow};
use super::text::fmt_num;

/// Slack added to every numeric comparison.
pub const EPSILON: f64 = 1e-9;

/// The compare names, in one place; [`COMPARES`] and the parser derive from it.
macro_rules! compare_kinds {
    ( $( $(#[doc = $doc:literal])* $v:ident = $name:literal, )* ) => {
        /// The name of a comparison (the `compare` column), without its parameters.
        ///
        /// # Example
        /// ```
        /// use civic_pulse::claims::CompareKind;
        /// assert_eq!(CompareKind::parse("gt"), Some(CompareKind::Gt));
        /// assert_eq!(CompareKind::ApproxBelow.name(), "approx_below");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum CompareKind { $( $(#[doc = $doc])* $v, )* }

        impl CompareKind {
            /// Every kind, in vocabulary order.
            pub const ALL: &'static [CompareKind] = &[ $( CompareKind::$v, )* ];

            /// The `compare` column's spelling.
            ///
            /// # Example
            /// ```
            /// assert_eq!(civic_pulse::claims::CompareKind::Eq.name(), "eq");
            /// ```
            pub const fn name(self) -> &'static str {
                match self { $( CompareKind::$v => $name, )* }
            }
        }

        /// The comparison vocabulary, derived from [`CompareKind`].
        pub const COMPARES: [&str; [$($name),*].len()] = [ $( $name, )* ];
    };
}

compare_kinds! {
    /// `|y − target| ≤ tolerance + ε` (tolerance = half a unit of the printed last digit).
    Eq = "eq",
    /// As `eq`, with a wider stated tolerance (约 / ≈ / 左右).
    Approx = "approx",
    /// `target − tolerance − ε ≤ y ≤ target + ε` (接近 / 近: just under).
    ApproxBelow = "approx_below",
    /// `y > target` (超过 / 突破 / 超 / 以上).
    Gt = "gt",
    /// Every `;`-item of `target_text` is among the computed positions (for each entity).
    SetContains = "set_contains",
    /// The computed entity list equals `target_text` in order.
    Sequence = "sequence",
}

impl CompareKind {
    /// The kind with this spelling; `None` for anything else.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::claims::CompareKind::parse("lt"), None);
    /// ```
    pub fn parse(name: &str) -> Option<CompareKind> {
        CompareKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// A validated comparison with its parameters.
///
/// # Example
/// ```
/// use civic_pulse::claims::{ClaimRow, Compare, CompareKind};
/// let row = ClaimRow { compare: "approx_below".into(), target: 40.0, tolerance: 5.0,
///                      ..ClaimRow::default() };
/// let c = Compare::try_from(&row).unwrap();
/// assert_eq!(c, Compare::Below { target: 40.0, tol: 5.0 });
/// assert_eq!(c.kind(), CompareKind::ApproxBelow);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Compare {
    /// `eq` / `approx`: `|y − t| ≤ tol + ε`.
    Within {
        /// Target.
        target: f64,
        /// Tolerance.
        tol: f64,
        /// Printed as approximate.
        approx: bool,
    },
    /// `approx_below`: `t − tol − ε ≤ y ≤ t + ε`.
    Below {
        /// Target.
        target: f64,
        /// Tolerance.
        tol: f64,
    },
    /// `gt`: `y > t`.
    Above {
        /// Target (the printed bound).
        target: f64,
    },
    /// `set_contains`.
    Contains(Vec<String>),
    /// `sequence`.
    Sequence(Vec<String>),
}

impl Compare {
    /// Its kind.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::claims::{Compare, CompareKind};
    /// assert_eq!(Compare::Above { target: 1.0 }.kind(), CompareKind::Gt);
    /// ```
    pub fn kind(&self) -> CompareKind {
        match self {
            Compare::Within { approx: false, .. } => CompareKind::Eq,
            Compare::Within { approx: true, .. } => CompareKind::Approx,
            Compare::Below { .. } => CompareKind::ApproxBelow,
            Compare::Above { .. } => CompareKind::Gt,
            Compare::Contains(_) => CompareKind::SetContains,
            Compare::Sequence(_) => CompareKind::Sequence,
        }
    }
}

impl TryFrom<&ClaimRow> for Compare {
    type Error = WhyNot;

    /// # Errors
    /// [`WhyNot`]: no or an unknown compare, a numeric compare without a finite target or a
    /// tolerance ≥ 0, a list compare without a `target_text` list.
    fn try_from(c: &ClaimRow) -> Result<Self, WhyNot> {
        let name = c.compare.trim();
        if name.is_empty() {
            return Err(WhyNot("no compare".into()));
        }
        let kind =
            CompareKind::parse(name).ok_or_else(|| WhyNot(format!("unknown compare {name:?}")))?;
        let target = || {
            if c.target.is_finite() {
                Ok(c.target)
            } else {
                Err(WhyNot(format!(
                    "compare {name} needs a numeric target (target is {})",
                    c.target
                )))
            }
        };
        let tol = || {
            if c.tolerance.is_finite() && c.tolerance >= 0.0 {
                Ok(c.tolerance)
            } else {
                Err(WhyNot(format!(
                    "compare {name} needs a tolerance >= 0 (tolerance is {})",
                    c.tolerance
                )))
            }
        };
        let items = || {
            let l: Vec<String> = list(&c.target_text)
                .into_iter()
                .map(str::to_owned)
                .collect();
            if l.is_empty() {
                Err(WhyNot(format!("compare {name} needs a target_text list")))
            } else {
                Ok(l)
            }
        };
        Ok(match kind {
            CompareKind::Eq | CompareKind::Approx => Compare::Within {
                target: target()?,
                tol: tol()?,
                approx: kind == CompareKind::Approx,
            },
            CompareKind::ApproxBelow => Compare::Below {
                target: target()?,
                tol: tol()?,
            },
            CompareKind::Gt => Compare::Above { target: target()? },
            CompareKind::SetContains => Compare::Contains(items()?),
            CompareKind::Sequence => Compare::Sequence(items()?),
        })
    }
}

/// What an op produced for one entity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    Num(f64),
    List(Vec<String>),
    /// The computation itself contradicts the claim (a peak at another date, peak months
    /// that disagree); `value` is the raw number when there is one.
    Differs {
        value: Option<f64>,
        why: String,
    },
}

/// One entity's result before judging.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    pub entity: String,
    pub formula: String,
    pub out: Out,
}

impl Part {
    pub fn num(entity: &str, formula: String, x: f64) -> Part {
        Part {
            entity: entity.to_owned(),
            formula,
            out: Out::Num(x),
        }
    }
}

/// A judged part and its explanation line.
pub(crate) struct Judged {
    pub part: PartCheck,
    pub line: String,
}

/// Applies the scale and the comparison to one part.
pub(crate) fn judge(p: Part, cmp: &Compare, scale: f64, c: &ClaimRow) -> Result<Judged, WhyNot> {
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
    let part = |computed, difference, matches| PartCheck {
        entity: p.entity.clone(),
        computed,
        difference,
        matches,
    };
    let (part, line) = match (&p.out, cmp) {
        (Out::Num(x), Compare::Within { .. } | Compare::Below { .. } | Compare::Above { .. }) => {
            let (y, shown) = scaled(*x);
            if !y.is_finite() {
                return Err(WhyNot(format!(
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
                part(Computed::Number(y), Some(y - target), ok),
                format!("{who}{} = {shown} vs printed {rule}", p.formula),
            )
        }
        (Out::List(xs), Compare::Contains(want)) => {
            let got = xs.join(";");
            (
                part(
                    Computed::Text(got.clone()),
                    None,
                    want.iter().all(|w| xs.contains(w)),
                ),
                format!(
                    "{who}{} = {{{got}}} vs printed ⊇ {{{}}}",
                    p.formula,
                    want.join(";")
                ),
            )
        }
        (Out::List(xs), Compare::Sequence(want)) => {
            let got = xs.join(";");
            (
                part(Computed::Text(got.clone()), None, xs == want),
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
                part(computed, None, false),
                format!("{who}{}{shown}: {why}", p.formula),
            )
        }
        (Out::Num(_), _) => {
            return Err(WhyNot(format!(
                "compare {} needs a list; op {} gives a number",
                c.compare.trim(),
                c.op.trim()
            )))
        }
        (Out::List(_), _) => {
            return Err(WhyNot(format!(
                "compare {} needs a number; op {} gives a list",
                c.compare.trim(),
                c.op.trim()
            )))
        }
    };
    Ok(Judged { part, line })
}

/// The difference of the part that decides the verdict: the first failing part, else the
/// part closest to failing (`gt`: the smallest margin; otherwise the largest |difference|).
pub(crate) fn deciding_difference(judged: &[Judged], cmp: &Compare) -> Option<f64> {
    if let Some(j) = judged.iter().find(|j| !j.part.matches) {
        return j.part.difference;
    }
    let diffs = judged.iter().filter_map(|j| j.part.difference);
    if matches!(cmp, Compare::Above { .. }) {
        diffs.min_by(f64::total_cmp)
    } else {
        diffs.max_by(|a, b| a.abs().total_cmp(&b.abs()))
    }
}
