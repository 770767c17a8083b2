//! Every entity of one metric at once: the series laid on one shared date grid, entity-major,
//! so STL ([`stl_batch`]) plans its loess weights once for all of them and growth runs without
//! a series object per entity. An entity that cannot be analysed is NaN with a reason; it
//! never fails the call.

use super::Tidy;
use crate::analytics::{self, stl_batch, StlParams};
use crate::calendar::{parse_time, year_month, TimeKey};
use crate::{Error, Result};

/// An entity a batched analysis left out, and why (the error its own series would give).
///
/// # Example
/// ```
/// use civic_pulse::tidy::SkippedEntity;
/// let s = SkippedEntity { entity: "A".into(), error: civic_pulse::Error::invalid("x") };
/// assert_eq!(s.error.code(), "invalid_argument");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedEntity {
    /// The entity's name.
    pub entity: String,
    /// Why it has no result.
    pub error: Error,
}

/// [`Tidy::stl_all`]'s result: components entity-major (`entities.len() × dates.len()`).
///
/// # Example
/// See [`Tidy::stl_all`].
#[derive(Debug, Clone, PartialEq)]
pub struct StlAll {
    /// Entities having the metric, in order of first appearance.
    pub entities: Vec<String>,
    /// The shared date grid: every date any of them has, ascending.
    pub dates: Vec<String>,
    /// The seasonal period used (given or inferred).
    pub period: usize,
    /// Trend, entity after entity (NaN for a skipped entity).
    pub trend: Vec<f64>,
    /// Seasonal component, entity after entity.
    pub seasonal: Vec<f64>,
    /// Remainder, entity after entity.
    pub remainder: Vec<f64>,
    /// Seasonal strength per entity (NaN when skipped).
    pub seasonal_strength: Vec<f64>,
    /// Trend strength per entity (NaN when skipped).
    pub trend_strength: Vec<f64>,
    /// The entities left out, in entity order.
    pub skipped: Vec<SkippedEntity>,
}

/// [`Tidy::growth_all`]'s result: growth entity-major on the shared date grid.
///
/// # Example
/// See [`Tidy::growth_all`].
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthAll {
    /// Entities having the metric, in order of first appearance.
    pub entities: Vec<String>,
    /// The shared date grid, ascending.
    pub dates: Vec<String>,
    /// The values on the grid, entity after entity (NaN where an entity has none; all NaN
    /// for a skipped entity).
    pub values: Vec<f64>,
    /// `value[t] / value[t − lag] − 1` on the grid, entity after entity; NaN where either
    /// value is missing (a gap in the grid included) and for a skipped entity.
    pub growth: Vec<f64>,
    /// The entities left out (several values at one date, or several categories).
    pub skipped: Vec<SkippedEntity>,
}

/// Every entity's values of one metric on the shared date grid.
struct Grid {
    entities: Vec<String>,
    dates: Vec<String>,
    /// Entity-major, NaN where an entity has no value at a date.
    values: Vec<f64>,
    /// Per entity, the reason it cannot be laid on the grid.
    bad: Vec<Option<Error>>,
}

impl Tidy {
    fn grid(&self, metric: &str, category: Option<&str>) -> Result<Grid> {
        let m = self
            .metrics()
            .iter()
            .position(|x| x == metric)
            .ok_or_else(|| Error::invalid(format!("no metric {metric:?} in the snapshot")))?;
        let cat_keys = self.category_keys();
        let want = match category {
            None => None,
            Some(c) => Some(
                self.categories()
                    .iter()
                    .position(|x| x == c)
                    .and_then(|k| i32::try_from(k).ok())
                    .ok_or_else(|| Error::invalid(format!("no category {c:?} in the snapshot")))?,
            ),
        };
        // The rows of each entity having the metric (in the category), entity order.
        let mut chosen: Vec<(usize, Vec<usize>)> = Vec::new();
        for e in 0..self.entities().len() {
            let Some(rows) = self.pair_rows(e, m) else {
                continue;
            };
            let rows: Vec<usize> = match (want, cat_keys) {
                (Some(c), Some(keys)) => rows
                    .iter()
                    .copied()
                    .filter(|&i| keys.get(i) == Some(&c))
                    .collect(),
                _ => rows.to_vec(),
            };
            if !rows.is_empty() {
                chosen.push((e, rows));
            }
        }
        if chosen.is_empty() {
            return Err(Error::invalid(format!(
                "no series of metric {metric:?}{}",
                category.map_or(String::new(), |c| format!(" in category {c:?}"))
            )));
        }
        // The grid: distinct date keys of the chosen rows, sorted by their ISO text.
        let names = self.date_names();
        let mut used = vec![false; names.len()];
        for (_, rows) in &chosen {
            for &i in rows {
                if let Some(k) = self.date_key(i) {
                    if let Some(u) = used.get_mut(k) {
                        *u = true;
                    }
                }
            }
        }
        let mut grid: Vec<usize> = (0..names.len()).filter(|&k| used[k]).collect();
        grid.sort_by(|&a, &b| names[a].cmp(&names[b]));
        let mut pos = vec![usize::MAX; names.len()];
        for (p, &k) in grid.iter().enumerate() {
            pos[k] = p;
        }
        let len = grid.len();
        let mut values = vec![f64::NAN; chosen.len() * len];
        let mut bad = vec![None; chosen.len()];
        let mut seen = vec![false; len];
        for (slot, (e, rows)) in chosen.iter().enumerate() {
            let entity = &self.entities()[*e];
            if category.is_none() {
                if let Some(keys) = cat_keys {
                    let first = rows.first().and_then(|&i| keys.get(i));
                    let n = rows.iter().filter(|&&i| keys.get(i) != first).count();
                    if n > 0 {
                        bad[slot] = Some(Error::invalid(format!(
                            "entity {entity:?} metric {metric:?} has several categories; pass one"
                        )));
                        continue;
                    }
                }
            }
            seen.iter_mut().for_each(|s| *s = false);
            let out = &mut values[slot * len..(slot + 1) * len];
            for &i in rows {
                let Some(p) = self.date_key(i).map(|k| pos[k]) else {
                    continue; // a null date cannot be placed in time (as in `series`)
                };
                if seen[p] {
                    bad[slot] = Some(Error::invalid(format!(
                        "entity {entity:?} metric {metric:?} has several values at {}",
                        names[grid[p]]
                    )));
                    break;
                }
                seen[p] = true;
                out[p] = self.value_at(i);
            }
            if bad[slot].is_some() {
                out.iter_mut().for_each(|v| *v = f64::NAN);
            }
        }
        Ok(Grid {
            entities: chosen
                .iter()
                .map(|(e, _)| self.entities()[*e].clone())
                .collect(),
            dates: grid.iter().map(|&k| names[k].clone()).collect(),
            values,
            bad,
        })
    }

    /// STL of every entity's series of `metric` (in `category` when given) in one call: the
    /// series are laid on one date grid (every date any entity has) and decomposed by
    /// [`stl_batch`], so each entity's components equal [`crate::analytics::stl()`] on its
    /// series (bit for bit). `period` is inferred from the grid when `None`: monthly → 12,
    /// quarterly → 4, hourly → 24.
    ///
    /// An entity is NaN and listed in [`StlAll::skipped`] — the call does not fail — when its
    /// series is too short (`too_short`), misses grid dates or has NaN without
    /// `fill(Fill::Linear)` (`missing_values`), has several values at one date or spans
    /// several categories with none chosen (`invalid_argument`).
    ///
    /// # Errors
    /// `invalid_argument` for an unknown metric or category, no dated row, a period that
    /// cannot be inferred, or invalid STL options.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::analytics::StlParams;
    /// use civic_pulse::tidy::{tidy_snapshot, Tidy};
    /// let dates: Vec<String> = (0..24).map(|i| format!("{}-{:02}-01", 2020 + i / 12, i % 12 + 1)).collect();
    /// let mut d: Vec<&str> = dates.iter().map(String::as_str).collect();
    /// d.extend(&dates[..10].iter().map(String::as_str).collect::<Vec<_>>());
    /// let mut e = vec!["A"; 24];
    /// e.extend(["B"; 10]);
    /// let v: Vec<f64> = (0..34).map(|i| (i % 12) as f64 + i as f64).collect();
    /// let snap = tidy_snapshot(&d, &e, &["m"; 34], None, &v, &[""; 34]).unwrap();
    /// let all = Tidy::from_snapshot(&snap).unwrap().stl_all("m", None, None, &StlParams::new()).unwrap();
    /// assert_eq!((all.period, all.dates.len()), (12, 24));
    /// assert!(all.trend[..24].iter().all(|t| t.is_finite()));
    /// assert_eq!(all.skipped[0].entity, "B");
    /// assert_eq!(all.skipped[0].error.code(), "missing_values");
    /// ```
    pub fn stl_all(
        &self,
        metric: &str,
        category: Option<&str>,
        period: Option<usize>,
        params: &StlParams,
    ) -> Result<StlAll> {
        let g = self.grid(metric, category)?;
        let len = g.dates.len();
        if len == 0 {
            return Err(Error::invalid(format!(
                "metric {metric:?} has no dated row"
            )));
        }
        let period = match period {
            Some(p) => p,
            None => infer_period(&g.dates)?,
        };
        let b = stl_batch(&g.values, len, period, params)?;
        let mut skipped: Vec<(usize, Error)> = b
            .skipped
            .into_iter()
            .filter(|s| g.bad.get(s.index).is_some_and(Option::is_none))
            .map(|s| (s.index, s.error))
            .collect();
        skipped.extend(
            g.bad
                .iter()
                .enumerate()
                .filter_map(|(i, e)| Some((i, e.clone()?))),
        );
        skipped.sort_by_key(|(i, _)| *i);
        Ok(StlAll {
            skipped: named(&g.entities, skipped),
            entities: g.entities,
            dates: g.dates,
            period,
            trend: b.trend,
            seasonal: b.seasonal,
            remainder: b.remainder,
            seasonal_strength: b.seasonal_strength,
            trend_strength: b.trend_strength,
        })
    }

    /// Growth (`value[t] / value[t − lag] − 1`) of every entity's series of `metric` (in
    /// `category` when given) on one shared date grid; on an entity without gaps it equals
    /// [`crate::analytics::growth()`] of its series. A gap is NaN, so `lag` always counts
    /// grid dates, never a neighbour across a missing month.
    ///
    /// # Errors
    /// `invalid_argument` for `lag == 0`, an unknown metric or category.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::tidy::{example_snapshot, Tidy};
    /// let g = Tidy::from_snapshot(&example_snapshot().unwrap()).unwrap().growth_all("users", None, 1).unwrap();
    /// assert_eq!(g.entities, ["A", "B"]);
    /// assert!(g.growth[0].is_nan() && (g.growth[1] - 0.1).abs() < 1e-12);
    /// assert!((g.growth[4] - (-0.2)).abs() < 1e-12);
    /// ```
    pub fn growth_all(
        &self,
        metric: &str,
        category: Option<&str>,
        lag: usize,
    ) -> Result<GrowthAll> {
        if lag == 0 {
            return Err(Error::invalid("invalid lag: 0 (must be >= 1)"));
        }
        let g = self.grid(metric, category)?;
        let len = g.dates.len();
        let mut growth = Vec::with_capacity(g.values.len());
        if len > 0 {
            for y in g.values.chunks_exact(len) {
                growth.extend(analytics::growth(y, lag)?);
            }
        }
        let skipped = g
            .bad
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, e.clone()?)))
            .collect();
        Ok(GrowthAll {
            skipped: named(&g.entities, skipped),
            entities: g.entities,
            dates: g.dates,
            values: g.values,
            growth,
        })
    }
}

fn named(entities: &[String], skipped: Vec<(usize, Error)>) -> Vec<SkippedEntity> {
    skipped
        .into_iter()
        .map(|(i, error)| SkippedEntity {
            entity: entities.get(i).cloned().unwrap_or_default(),
            error,
        })
        .collect()
}

/// The seasonal period of an ascending date grid: 12 when consecutive dates are one month
/// apart (same day of month), 4 when three months apart, 24 when timestamps one hour apart.
///
/// # Errors
/// `invalid_argument` with fewer than two dates or any other spacing (pass a period).
///
/// # Example
/// ```
/// use civic_pulse::tidy::infer_period;
/// let m = ["2023-11-01", "2023-12-01", "2024-01-01"].map(String::from);
/// assert_eq!(infer_period(&m).unwrap(), 12);
/// let h = ["2023-01-01T22:00:00", "2023-01-01T23:00:00", "2023-01-02T00:00:00"].map(String::from);
/// assert_eq!(infer_period(&h).unwrap(), 24);
/// let d = ["2023-01-01", "2023-01-02"].map(String::from);
/// assert_eq!(infer_period(&d).unwrap_err().code(), "invalid_argument");
/// ```
pub fn infer_period(dates: &[String]) -> Result<usize> {
    let cannot = |why: &str| {
        Error::invalid(format!(
            "cannot infer the period from the dates ({why}); pass period"
        ))
    };
    if dates.len() < 2 {
        return Err(cannot("fewer than two dates"));
    }
    let month_step = |a: &str, b: &str| -> Option<i32> {
        let (ya, ma) = year_month(a)?;
        let (yb, mb) = year_month(b)?;
        // Same rest (day, time) so "2023-01-31", "2023-02-28" is not read as monthly.
        (a.get(7..)? == b.get(7..)?).then_some((yb * 12 + mb as i32) - (ya * 12 + ma as i32))
    };
    let steps: Vec<Option<i32>> = dates.windows(2).map(|w| month_step(&w[0], &w[1])).collect();
    if steps.iter().all(|s| *s == Some(1)) {
        return Ok(12);
    }
    if steps.iter().all(|s| *s == Some(3)) {
        return Ok(4);
    }
    let hourly = dates.windows(2).all(|w| {
        matches!(
            (parse_time(&w[0]), parse_time(&w[1])),
            (Ok(TimeKey::Hour { seconds: a }), Ok(TimeKey::Hour { seconds: b })) if b - a == 3600
        )
    });
    if hourly {
        return Ok(24);
    }
    Err(cannot("not monthly, quarterly or hourly"))
}
