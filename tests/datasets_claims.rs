//! A reference evaluation of every computable claim in `claims.arrow`, written from the op
//! vocabulary documented in `src/datasets/claims.rs`. Each claim must reach its `expected`
//! verdict, so the claims file, the ops and the snapshots cannot drift apart.
#![cfg(not(target_arch = "wasm32"))]

mod datasets_common;
use datasets_common::*;

use civic_pulse::{Column, Snapshot};

/// One claim row, as text/number cells.
struct Claim {
    cells: std::collections::BTreeMap<String, String>,
    nums: std::collections::BTreeMap<String, f64>,
}

impl Claim {
    fn s(&self, k: &str) -> &str {
        self.cells.get(k).map_or("", String::as_str)
    }
    fn n(&self, k: &str) -> f64 {
        self.nums.get(k).copied().unwrap_or(f64::NAN)
    }
    fn list(&self, k: &str) -> Vec<String> {
        self.s(k)
            .split(';')
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    }
}

fn load_claims() -> Vec<Claim> {
    let c = snapshot("claims");
    let names = c.column_names();
    let cols: Vec<Column> = names.iter().map(|n| c.column(n).unwrap()).collect();
    (0..c.num_rows())
        .map(|i| {
            let mut cl = Claim {
                cells: Default::default(),
                nums: Default::default(),
            };
            for (n, col) in names.iter().zip(&cols) {
                match col {
                    Column::Text(v) => {
                        cl.cells.insert(n.clone(), v[i].clone().unwrap_or_default());
                    }
                    Column::Float(v) => {
                        cl.nums.insert(n.clone(), v[i]);
                    }
                    Column::Bool(v) => {
                        cl.cells
                            .insert(n.clone(), v[i].map_or(String::new(), |b| b.to_string()));
                    }
                }
            }
            cl
        })
        .collect()
}

/// Rows of a dataset as generic records.
struct Data {
    snap: Snapshot,
    series: bool,
}

impl Data {
    fn open(id: &str) -> Data {
        let snap = snapshot(id);
        let series = snap.metadata().get("kind").map(String::as_str) == Some("series");
        Data { snap, series }
    }
    fn col(&self, n: &str) -> Vec<String> {
        text(&self.snap, n)
    }
    /// Values (and dates) of rows matching entity/metric/category, with an optional period.
    fn select(
        &self,
        entity: Option<&str>,
        metric: &str,
        category: Option<&str>,
        period: Option<&str>,
    ) -> Vec<(String, String, f64)> {
        if self.series {
            let (d, e, m, c, v) = (
                self.col("date"),
                self.col("entity"),
                self.col("metric"),
                self.col("category"),
                floats(&self.snap, "value"),
            );
            (0..v.len())
                .filter(|&i| {
                    entity.is_none_or(|x| e[i] == x)
                        && m[i] == metric
                        && category.is_none_or(|x| c[i] == x)
                        && period.is_none_or(|p| d[i] == p)
                })
                .map(|i| (d[i].clone(), e[i].clone(), v[i]))
                .collect()
        } else {
            let key = self.snap.metadata()["entity_column"].clone();
            let e = self.col(&key);
            let v = floats(&self.snap, metric);
            (0..v.len())
                .filter(|&i| entity.is_none_or(|x| e[i] == x))
                .map(|i| (String::new(), e[i].clone(), v[i]))
                .collect()
        }
    }
    fn one(&self, entity: &str, metric: &str, category: Option<&str>, period: Option<&str>) -> f64 {
        let r = self.select(Some(entity), metric, category, period);
        assert_eq!(
            r.len(),
            1,
            "{entity} {metric} {category:?} {period:?}: {r:?}"
        );
        r[0].2
    }
    fn group_rows(&self, group_col: &str, group: &[String]) -> Vec<usize> {
        let g = if group_col.is_empty() {
            vec![]
        } else {
            self.col(group_col)
        };
        (0..self.snap.num_rows())
            .filter(|&i| group_col.is_empty() || group.contains(&g[i]))
            .collect()
    }
}

fn opt(s: &str) -> Option<&str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

/// Result of an op: a number, a list of positions/entities, or an outright mismatch.
enum Out {
    Num(f64),
    List(Vec<String>),
    Differs,
}

fn position(date: &str) -> String {
    // Month number for YYYY-MM-DD, hour for YYYY-MM-DDTHH:MM:SS.
    let digits = if date.len() > 10 {
        &date[11..13]
    } else {
        &date[5..7]
    };
    digits.parse::<u32>().unwrap().to_string()
}

fn eval(c: &Claim) -> Vec<Out> {
    let d = Data::open(c.s("dataset"));
    let metric = c.s("metric");
    let cat = opt(c.s("category"));
    let entities = c.list("entity");
    let per = opt(c.s("period"));
    let one_each =
        |f: &dyn Fn(&str) -> Out| -> Vec<Out> { entities.iter().map(|e| f(e)).collect() };
    let in_window =
        |rows: Vec<(String, String, f64)>, a: &str, b: &str| -> Vec<(String, String, f64)> {
            rows.into_iter()
                .filter(|(dt, _, _)| {
                    (a.is_empty() || dt.as_str() >= a) && (b.is_empty() || dt.as_str() <= b)
                })
                .collect()
        };
    let denominator = || {
        let dd = Data::open(opt(c.s("denominator_dataset")).unwrap_or(c.s("dataset")));
        dd.one(
            opt(c.s("denominator_entity")).unwrap_or(c.s("entity")),
            opt(c.s("denominator_metric")).unwrap_or(metric),
            None,
            opt(c.s("denominator_period")).or(per),
        )
    };
    match c.s("op") {
        "value_at" => one_each(&|e| Out::Num(d.one(e, metric, cat, per))),
        "ratio_to_base" => one_each(&|e| {
            Out::Num(d.one(e, metric, cat, per) / d.one(e, metric, cat, opt(c.s("base_period"))))
        }),
        "growth" | "yoy" => one_each(&|e| {
            Out::Num(
                d.one(e, metric, cat, per) / d.one(e, metric, cat, opt(c.s("base_period"))) - 1.0,
            )
        }),
        "pp_change" => one_each(&|e| {
            Out::Num(d.one(e, metric, cat, per) - d.one(e, metric, cat, opt(c.s("base_period"))))
        }),
        "ratio" => one_each(&|e| Out::Num(d.one(e, metric, cat, per) / denominator())),
        "share" => {
            let num: f64 = if entities.is_empty() {
                d.select(None, metric, cat, per).iter().map(|r| r.2).sum()
            } else {
                entities.iter().map(|e| d.one(e, metric, cat, per)).sum()
            };
            vec![Out::Num(num / denominator())]
        }
        "peak_value" | "peak_diff" | "mean_vs_prior_mean" => one_each(&|e| {
            let rows = d.select(Some(e), metric, cat, None);
            let w = in_window(rows.clone(), c.s("window_start"), c.s("window_end"));
            let max = |v: &[(String, String, f64)]| {
                v.iter()
                    .cloned()
                    .fold((String::new(), String::new(), f64::MIN), |a, b| {
                        if b.2 > a.2 {
                            b
                        } else {
                            a
                        }
                    })
            };
            match c.s("op") {
                "peak_value" => {
                    let (dt, _, v) = max(&w);
                    if per.is_some_and(|p| p != dt) {
                        Out::Differs
                    } else {
                        Out::Num(v)
                    }
                }
                "peak_diff" => Out::Num(
                    max(&w).2 - max(&in_window(rows, c.s("prior_start"), c.s("prior_end"))).2,
                ),
                _ => {
                    let m = |v: &[(String, String, f64)]| {
                        v.iter().map(|r| r.2).sum::<f64>() / v.len() as f64
                    };
                    Out::Num(
                        m(&w) / m(&in_window(rows, c.s("prior_start"), c.s("prior_end"))) - 1.0,
                    )
                }
            }
        }),
        "peak_month_each_year" => one_each(&|e| {
            let rows = d.select(Some(e), metric, cat, None);
            let (ws, we) = (c.s("window_start"), c.s("window_end"));
            let (y0, y1): (i32, i32) = (ws[..4].parse().unwrap(), we[..4].parse().unwrap());
            let (m0, m1) = (&ws[5..7], &we[5..7]);
            let months: Vec<String> = (y0..=y1)
                .map(|y| {
                    let yr: Vec<_> = rows
                        .iter()
                        .filter(|(dt, _, _)| {
                            dt.starts_with(&y.to_string()) && &dt[5..7] >= m0 && &dt[5..7] <= m1
                        })
                        .collect();
                    let best = yr.iter().fold(yr[0], |a, b| if b.2 > a.2 { b } else { a });
                    position(&best.0)
                })
                .collect();
            if months.iter().all(|m| *m == months[0]) {
                Out::Num(months[0].parse().unwrap())
            } else {
                Out::Differs
            }
        }),
        "local_peaks" => one_each(&|e| {
            let rows = in_window(
                d.select(Some(e), metric, cat, None),
                c.s("window_start"),
                c.s("window_end"),
            );
            let v: Vec<f64> = rows.iter().map(|r| r.2).collect();
            Out::List(
                local_maxima(&v)
                    .into_iter()
                    .map(|i| position(&rows[i].0))
                    .collect(),
            )
        }),
        "sum" => {
            if d.series {
                let cats = c.list("category");
                let s = entities
                    .iter()
                    .flat_map(|e| cats.iter().map(move |k| (e, k)))
                    .map(|(e, k)| d.one(e, metric, Some(k), per))
                    .sum();
                vec![Out::Num(s)]
            } else {
                let v = floats(&d.snap, metric);
                vec![Out::Num(
                    d.group_rows(c.s("group_column"), &c.list("group"))
                        .iter()
                        .map(|&i| v[i])
                        .sum(),
                )]
            }
        }
        "group_mean" => {
            let v = floats(&d.snap, metric);
            let rows = d.group_rows(c.s("group_column"), &c.list("group"));
            vec![Out::Num(
                rows.iter().map(|&i| v[i]).sum::<f64>() / rows.len() as f64,
            )]
        }
        "count_rows" => vec![Out::Num(
            d.group_rows(c.s("group_column"), &c.list("group")).len() as f64,
        )],
        "count_where" => {
            let t = c.n("threshold");
            let n = d
                .select(None, metric, cat, per)
                .iter()
                .filter(|r| match c.s("filter_op") {
                    "gt" => r.2 > t,
                    "ge" => r.2 >= t,
                    "lt" => r.2 < t,
                    "le" => r.2 <= t,
                    "eq" => r.2 == t,
                    other => panic!("filter_op {other}"),
                })
                .count();
            vec![Out::Num(n as f64)]
        }
        "count_distinct" => {
            let set: std::collections::BTreeSet<String> = d
                .select(None, metric, cat, None)
                .into_iter()
                .map(|r| r.1)
                .collect();
            vec![Out::Num(set.len() as f64)]
        }
        "rank_of" => one_each(&|e| {
            let v = d.one(e, metric, cat, per);
            Out::Num(
                1.0 + d
                    .select(None, metric, cat, per)
                    .iter()
                    .filter(|r| r.2 > v)
                    .count() as f64,
            )
        }),
        "top_entities" => {
            let mut rows = d.select(None, metric, cat, per);
            rows.sort_by(|a, b| b.2.total_cmp(&a.2));
            vec![Out::List(
                rows.into_iter()
                    .take(c.list("target_text").len())
                    .map(|r| r.1)
                    .collect(),
            )]
        }
        other => panic!("unknown op {other}"),
    }
}

fn verdict(c: &Claim) -> &'static str {
    if c.s("computable") == "false" {
        return "not_computable";
    }
    let (target, tol) = (c.n("target"), c.n("tolerance"));
    let scale = if c.n("scale").is_nan() {
        1.0
    } else {
        c.n("scale")
    };
    let eps = 1e-9;
    let ok = eval(c).into_iter().all(|o| match (o, c.s("compare")) {
        (Out::Differs, _) => false,
        (Out::Num(x), cmp) => {
            let y = x * scale;
            match cmp {
                "eq" | "approx" => (y - target).abs() <= tol + eps,
                "approx_below" => y >= target - tol - eps && y <= target + eps,
                "gt" => y > target,
                other => panic!("compare {other} on a number"),
            }
        }
        (Out::List(xs), "set_contains") => c.list("target_text").iter().all(|t| xs.contains(t)),
        (Out::List(xs), "sequence") => xs == c.list("target_text"),
        (Out::List(_), other) => panic!("compare {other} on a list"),
    });
    if ok {
        "matches"
    } else {
        "differs"
    }
}

#[test]
fn every_claim_reaches_its_expected_verdict() {
    let claims = load_claims();
    assert_eq!(claims.len(), 244);
    let mut tally = std::collections::BTreeMap::new();
    for c in &claims {
        let v = verdict(c);
        assert_eq!(
            v,
            c.s("expected"),
            "claim {} ({} {})",
            c.s("id"),
            c.s("op"),
            c.s("dataset")
        );
        *tally.entry(v).or_insert(0) += 1;
    }
    // The reports' own slips show up as `differs`; everything else the data supports matches.
    assert_eq!(tally.get("differs"), Some(&7), "{tally:?}");
    assert_eq!(tally.get("not_computable"), Some(&117), "{tally:?}");
}

#[test]
fn claim_targets_agree_with_printed_values() {
    // `target` restates the printed number unless the printed text is not a plain number.
    for c in load_claims().iter().filter(|c| c.s("computable") == "true") {
        if let Ok(p) = c.s("printed_value").parse::<f64>() {
            if c.s("target_text").is_empty() && !c.n("target").is_nan() {
                assert_eq!(p, c.n("target"), "{}", c.s("id"));
            }
        }
    }
}
