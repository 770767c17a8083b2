//! Running a claim's [`Op`]: one small function per operation, then judging each part.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use super::compare::{deciding_difference, judge, Compare, Judged, Out, Part};
use super::kind::{reason_text, CheckKind};
use super::op::{Computation, Denominator, Filter, Group, Op, Select, WhyNot, Window};
use super::report::{ClaimCheck, Computed, Verdict};
use super::row::ClaimRow;
use super::select::{message, Data, Eval};
use super::source::DatasetSource;
use super::text::{fmt_num, position, year_month};
use crate::analytics;
use crate::tidy::Series;

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
    ///                                tolerance: 0.0, dataset: "x".into(), metric: "m".into(),
    ///                                ..Claim::default() });
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
    pub fn check(&mut self, claim: &ClaimRow) -> ClaimCheck {
        let numeric = matches!(
            claim.compare.trim(),
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
            check_kind: CheckKind::NotComputable,
            explanation: String::new(),
            parts: Vec::new(),
            expected: Verdict::parse(claim.expected.trim()),
        };
        match self.evaluate(claim) {
            Err(WhyNot(reason)) => {
                out.explanation = match reason_text(&reason) {
                    Some(text) => format!("{text} ({reason})"),
                    None => reason,
                }
            }
            Ok((judged, cmp)) => {
                out.verdict = if judged.iter().all(|j| j.part.matches) {
                    Verdict::Matches
                } else {
                    Verdict::Differs
                };
                out.check_kind =
                    CheckKind::parse(&claim.check_kind).unwrap_or(CheckKind::Unclassified);
                out.difference = deciding_difference(&judged, &cmp);
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
            None => Err(WhyNot(format!("unknown dataset {id:?}"))),
            Some(snap) => Data::load(id, snap),
        });
        self.cache.insert(id.to_owned(), loaded.clone());
        loaded
    }

    /// Types the row, runs the op and judges each part.
    fn evaluate(&mut self, c: &ClaimRow) -> Eval<(Vec<Judged>, Compare)> {
        let Computation { op, compare, scale } = Computation::try_from(c)?;
        let parts = self.run(&op)?;
        if parts.is_empty() {
            return Err(WhyNot("the entity list is empty".into()));
        }
        let judged = parts
            .into_iter()
            .map(|p| judge(p, &compare, scale, c))
            .collect::<Eval<Vec<Judged>>>()?;
        Ok((judged, compare))
    }

    fn run(&mut self, op: &Op) -> Eval<Vec<Part>> {
        match op {
            Op::YearsBetween(a, b) => return Ok(vec![years_between(*a, *b)]),
            Op::CountListed(items) => {
                let f = format!("names listed ({})", items.join("、"));
                return Ok(vec![Part::num("", f, items.len() as f64)]);
            }
            _ => {}
        }
        let id = match op {
            Op::CountRows(id, _) => id.as_str(),
            Op::ValueAt(s)
            | Op::RatioToBase(s, _)
            | Op::Growth(s, _)
            | Op::PpChange(s, _)
            | Op::Ratio(s, _)
            | Op::Share(s, _)
            | Op::PeakValue(s, _)
            | Op::PeakDiff(s, _, _)
            | Op::PeakMonthEachYear(s, _, _)
            | Op::LocalPeaks(s, _)
            | Op::MeanVsPriorMean(s, _, _)
            | Op::Sum(s, _)
            | Op::GroupMean(s, _)
            | Op::CountWhere(s, _, _)
            | Op::CountDistinct(s)
            | Op::RankOf(s)
            | Op::TopEntities(s, _) => s.dataset.as_str(),
            Op::YearsBetween(..) | Op::CountListed(_) => "",
        };
        let data = self.data(id);
        let d = data.as_ref().as_ref().map_err(Clone::clone)?;
        match op {
            Op::ValueAt(s) => each(s, |e| value_at(d, s, e)),
            Op::RatioToBase(s, base) => each(s, |e| two_points(d, s, e, base, Two::Ratio)),
            Op::Growth(s, base) => each(s, |e| two_points(d, s, e, base, Two::Growth)),
            Op::PpChange(s, base) => each(s, |e| two_points(d, s, e, base, Two::Difference)),
            Op::Ratio(s, den) => each(s, |e| {
                let num = d.one(e, &s.metric, cat(s), per(s))?;
                let (dv, label) = self.denominator(den, Some(e))?;
                if dv == 0.0 {
                    return Err(WhyNot(format!("{e}: the denominator {label} is 0")));
                }
                Ok(Part::num(e, format!("v{}/{label}", at(per(s))), num / dv))
            }),
            Op::Share(s, den) => {
                let num = d.sum_items(&s.entities, &s.metric, &s.categories(), per(s))?;
                let single = match s.entities.as_slice() {
                    [one] => Some(one.as_str()),
                    _ => None,
                };
                let (dv, label) = self.denominator(den, single)?;
                if dv == 0.0 {
                    return Err(WhyNot(format!("the denominator {label} is 0")));
                }
                let f = format!("Σv{}/{label}", at(per(s)));
                Ok(vec![Part::num("", f, num / dv)])
            }
            Op::PeakValue(s, w) => each(s, |e| peak_value(&d.series(e, &s.metric, cat(s))?, s, w)),
            Op::PeakDiff(s, w, p) => each(s, |e| peak_diff(&d.series(e, &s.metric, cat(s))?, w, p)),
            Op::MeanVsPriorMean(s, w, p) => {
                each(s, |e| mean_vs_prior(&d.series(e, &s.metric, cat(s))?, w, p))
            }
            Op::PeakMonthEachYear(s, a, b) => each(s, |e| {
                peak_month_each_year(&d.series(e, &s.metric, cat(s))?, *a, *b)
            }),
            Op::LocalPeaks(s, w) => each(s, |e| local_peaks(&d.series(e, &s.metric, cat(s))?, w)),
            Op::Sum(s, g) => sum(d, s, g.as_ref()).map(|p| vec![p]),
            Op::GroupMean(s, g) => {
                let gr = d.table("group_mean")?.groups(g.as_ref(), Some(&s.metric))?;
                let mean = gr.sum()? / gr.count as f64;
                Ok(vec![Part::num(
                    "",
                    format!("mean {}{}", s.metric, gr.label),
                    mean,
                )])
            }
            Op::CountRows(_, g) => {
                let gr = d.table("count_rows")?.groups(g.as_ref(), None)?;
                Ok(vec![Part::num(
                    "",
                    format!("rows{}", gr.label),
                    gr.rows as f64,
                )])
            }
            Op::CountWhere(s, f, t) => count_where(d, s, *f, *t).map(|p| vec![p]),
            Op::CountDistinct(s) if matches!(d, Data::Table(_)) => {
                let n = d.table("count_distinct")?.distinct(&s.metric)?;
                let f = format!("distinct values of {}", s.metric);
                Ok(vec![Part::num("", f, n as f64)])
            }
            Op::CountDistinct(s) => {
                let rows = d.select(None, &s.metric, cat(s), None)?;
                let set: BTreeSet<&str> = rows.iter().map(|r| r.entity.as_str()).collect();
                let f = format!("distinct entities of {}", s.metric);
                Ok(vec![Part::num("", f, set.len() as f64)])
            }
            Op::RankOf(s) => each(s, |e| rank_of(d, s, e)),
            Op::TopEntities(s, k) => {
                let mut rows = d.select(None, &s.metric, cat(s), per(s))?;
                rows.retain(|r| !r.value.is_nan());
                rows.sort_by(|a, b| b.value.total_cmp(&a.value));
                Ok(vec![Part {
                    entity: String::new(),
                    formula: format!("top {k} by {}{}", s.metric, at(per(s))),
                    out: Out::List(rows.into_iter().take(*k).map(|r| r.entity).collect()),
                }])
            }
            Op::YearsBetween(..) | Op::CountListed(_) => {
                Err(WhyNot("this op reads no dataset".into()))
            }
        }
    }

    /// The denominator value and a label for it (`d(period)` or `d`).
    fn denominator(&mut self, den: &Denominator, entity: Option<&str>) -> Eval<(f64, String)> {
        let e = den.entity.as_deref().or(entity).ok_or_else(|| {
            WhyNot("no denominator_entity (and no single numerator entity)".into())
        })?;
        let data = self.data(&den.dataset);
        let d = data.as_ref().as_ref().map_err(Clone::clone)?;
        let p = den.period.as_deref();
        let v = d
            .one(e, &den.metric, None, p)
            .map_err(|WhyNot(r)| WhyNot(format!("denominator: {r}")))?;
        Ok((v, p.map_or("d".to_owned(), |p| format!("d({p})"))))
    }
}

fn cat(s: &Select) -> Option<&str> {
    s.category.as_deref()
}

fn per(s: &Select) -> Option<&str> {
    s.period.as_deref()
}

fn at(p: Option<&str>) -> String {
    p.map_or(String::new(), |p| format!("({p})"))
}

fn or_open(s: &str) -> &str {
    if s.is_empty() {
        "…"
    } else {
        s
    }
}

fn span(w: &Window) -> String {
    format!("[{}..{}]", or_open(&w.start), or_open(&w.end))
}

/// Runs `f` for every listed entity (all must pass).
fn each(s: &Select, mut f: impl FnMut(&str) -> Eval<Part>) -> Eval<Vec<Part>> {
    s.entities.iter().map(|e| f(e)).collect()
}

/// `v(period)`.
fn value_at(d: &Data, s: &Select, e: &str) -> Eval<Part> {
    let x = d.one(e, &s.metric, cat(s), per(s))?;
    Ok(Part::num(e, format!("v{}", at(per(s))), x))
}

enum Two {
    Ratio,
    Growth,
    Difference,
}

/// `v(period)` against `v(base)`: ratio, growth or difference.
fn two_points(d: &Data, s: &Select, e: &str, base: &str, how: Two) -> Eval<Part> {
    let p = per(s).unwrap_or_default();
    let now = d.one(e, &s.metric, cat(s), per(s))?;
    let then = d.one(e, &s.metric, cat(s), Some(base))?;
    if let Two::Difference = how {
        return Ok(Part::num(e, format!("v({p}) − v({base})"), now - then));
    }
    if then == 0.0 {
        return Err(WhyNot(format!("{e}: v({base}) is 0")));
    }
    // [base, now] as a two-point series: index 1 against index 0.
    let (x, formula) = if let Two::Ratio = how {
        let r = analytics::ratio_to_base(&[then, now], 0)?;
        (r.get(1).copied(), format!("v({p})/v({base})"))
    } else {
        let g = analytics::growth(&[then, now], 1)?;
        (g.get(1).copied(), format!("v({p})/v({base}) − 1"))
    };
    Ok(Part::num(e, formula, x.unwrap_or(f64::NAN)))
}

/// The date (first occurrence) and value of the maximum of `s` within `w`.
fn peak(s: &Series, w: &Window) -> Eval<(String, f64)> {
    let m = s
        .window(&w.start, &w.end)
        .extremes()
        .max
        .ok_or_else(|| WhyNot(format!("{}: no value in {}", s.entity, span(w))))?;
    Ok((m.date, m.value))
}

/// `max v` over the window; `differs` when `period` is set and the maximum is elsewhere.
fn peak_value(series: &Series, s: &Select, w: &Window) -> Eval<Part> {
    let (date, v) = peak(series, w)?;
    let formula = format!("max v{} at {date}", span(w));
    Ok(match per(s) {
        Some(p) if p != date => Part {
            entity: series.entity.clone(),
            formula,
            out: Out::Differs {
                value: Some(v),
                why: format!("the maximum is at {date}, not at {p}"),
            },
        },
        _ => Part::num(&series.entity, formula, v),
    })
}

/// `max v` over the window − `max v` over the prior window.
fn peak_diff(s: &Series, w: &Window, prior: &Window) -> Eval<Part> {
    let now = peak(s, w)?;
    let before = peak(s, prior)?;
    let f = format!("max v{} − max v{}", span(w), span(prior));
    Ok(Part::num(&s.entity, f, now.1 - before.1))
}

/// `mean(window) / mean(prior) − 1`.
fn mean_vs_prior(s: &Series, w: &Window, prior: &Window) -> Eval<Part> {
    let r = s
        .mean_vs_prior_mean((&w.start, &w.end), (&prior.start, &prior.end))
        .map_err(|err| WhyNot(format!("{}: {}", s.entity, message(&err))))?;
    let f = format!("mean v{}/mean v{} − 1", span(w), span(prior));
    Ok(Part::num(&s.entity, f, r))
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

/// Positions (month or hour) of the strict local maxima within the window.
fn local_peaks(s: &Series, w: &Window) -> Eval<Part> {
    let win = s.window(&w.start, &w.end);
    let positions = strict_local_maxima(&win.values)
        .into_iter()
        .map(|i| {
            win.dates.get(i).and_then(|dt| position(dt)).ok_or_else(|| {
                WhyNot(format!(
                    "{}: cannot read a month or hour from {:?}",
                    s.entity,
                    win.dates.get(i)
                ))
            })
        })
        .collect::<Eval<Vec<String>>>()?;
    Ok(Part {
        entity: s.entity.clone(),
        formula: if w.start.is_empty() && w.end.is_empty() {
            "local peaks".to_owned()
        } else {
            format!("local peaks in {}", span(w))
        },
        out: Out::List(positions),
    })
}

/// The month of each year's maximum among months `m0..=m1`; one month when all agree.
fn peak_month_each_year(s: &Series, (y0, m0): (i32, u32), (y1, m1): (i32, u32)) -> Eval<Part> {
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
        let (m, _) =
            best.ok_or_else(|| WhyNot(format!("{}: no value in {y} months {m0}..{m1}", s.entity)))?;
        months.push((y, m));
    }
    let formula = format!("month of max v in months {m0}..{m1} of {y0}..{y1}");
    match months.first().map(|x| x.1) {
        Some(m) if months.iter().all(|x| x.1 == m) => {
            Ok(Part::num(&s.entity, formula, f64::from(m)))
        }
        _ => Ok(Part {
            entity: s.entity.clone(),
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

/// Series: Σ over listed items at `period`; table: Σ over the group.
fn sum(d: &Data, s: &Select, g: Option<&Group>) -> Eval<Part> {
    match d {
        Data::Series(_) => {
            let x = d.sum_items(&s.entities, &s.metric, &s.categories(), per(s))?;
            Ok(Part::num("", format!("Σv{}", at(per(s))), x))
        }
        Data::Table(t) => {
            let gr = t.groups(g, Some(&s.metric))?;
            Ok(Part::num(
                "",
                format!("Σ {}{}", s.metric, gr.label),
                gr.sum()?,
            ))
        }
    }
}

/// Rows whose value passes the filter.
fn count_where(d: &Data, s: &Select, f: Filter, t: f64) -> Eval<Part> {
    let rows = d.select(None, &s.metric, cat(s), per(s))?;
    let n = rows.iter().filter(|r| f.test(r.value, t)).count();
    let formula = format!(
        "rows{} with {} {} {}",
        at(per(s)),
        s.metric,
        f.name(),
        fmt_num(t)
    );
    Ok(Part::num("", formula, n as f64))
}

/// 1 + the number of rows strictly above entity `e`.
fn rank_of(d: &Data, s: &Select, e: &str) -> Eval<Part> {
    let v = d.one(e, &s.metric, cat(s), per(s))?;
    if v.is_nan() {
        return Err(WhyNot(format!("{e}: the value is missing")));
    }
    let rows = d.select(None, &s.metric, cat(s), per(s))?;
    let above = rows.iter().filter(|r| r.value > v).count();
    let f = format!("rank by {}{}", s.metric, at(per(s)));
    Ok(Part::num(e, f, 1.0 + above as f64))
}

/// Years (months ÷ 12) between two printed dates.
fn years_between((y0, m0): (i32, u32), (y1, m1): (i32, u32)) -> Part {
    let months = (i64::from(y1) * 12 + i64::from(m1)) - (i64::from(y0) * 12 + i64::from(m0));
    Part::num(
        "",
        format!("years from {y0}-{m0:02} to {y1}-{m1:02}"),
        months as f64 / 12.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plateaus_are_not_strict_peaks() {
        assert_eq!(
            strict_local_maxima(&[1.0, 3.0, 3.0, 1.0, 2.0, 1.0]),
            vec![4]
        );
        let p = years_between((2018, 3), (2023, 12));
        assert_eq!(p.out, Out::Num(5.75));
    }
}
