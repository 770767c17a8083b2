//! Hand-computed, table-driven tests of the claim evaluator (`civic_pulse::claims`) on tiny
//! synthetic datasets: every op, every compare mode, and the ways a claim row can be
//! malformed (each must be `not_computable` with a reason, never a panic).

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use civic_pulse::claims::{
    check_claim, check_claims, summarize, Claim, ClaimChecker, Computed, FnSource, Verdict,
};
use civic_pulse::tidy::tidy_snapshot;
use civic_pulse::Snapshot;

// A: 2022 and 2023, monthly; B: 5 in 2022, 6 in 2023.
const A_2022: [f64; 12] = [
    10.0, 12.0, 17.0, 15.0, 13.0, 12.0, 14.0, 16.0, 15.0, 13.0, 12.0, 20.0,
];
const A_2023: [f64; 12] = [
    22.0, 24.0, 23.0, 30.0, 26.0, 25.0, 27.0, 33.0, 31.0, 28.0, 27.0, 40.0,
];

fn month(y: i32, m: usize) -> String {
    format!("{y}-{m:02}-01")
}

/// Series dataset `m`: entities A and B, metric `users`, 2022-01..2023-12.
fn monthly() -> Snapshot {
    let (mut d, mut e, mut v) = (Vec::new(), Vec::new(), Vec::new());
    for (y, a, b) in [(2022, A_2022, 5.0), (2023, A_2023, 6.0)] {
        for (m, x) in a.iter().enumerate() {
            d.push(month(y, m + 1));
            e.push("A");
            v.push(*x);
            d.push(month(y, m + 1));
            e.push("B");
            v.push(b);
        }
    }
    let d: Vec<&str> = d.iter().map(String::as_str).collect();
    let n = d.len();
    tidy_snapshot(
        &d,
        &e,
        &vec!["users"; n],
        None,
        &v,
        &vec!["reconstructed"; n],
    )
    .unwrap()
}

/// Series dataset `total`: entity `all`, 100 at 2023-12, 0 at 2022-12.
fn total() -> Snapshot {
    tidy_snapshot(
        &["2022-12-01", "2023-12-01"],
        &["all", "all"],
        &["users", "users"],
        Some(&["x", "x"]),
        &[0.0, 100.0],
        &["published", "published"],
    )
    .unwrap()
}

/// Hourly series `h`: entity H, hours 0..5 with peaks at 1 and 3.
fn hourly() -> Snapshot {
    let d: Vec<String> = (0..6).map(|h| format!("2023-12-01T{h:02}:00:00")).collect();
    let d: Vec<&str> = d.iter().map(String::as_str).collect();
    tidy_snapshot(
        &d,
        &["H"; 6],
        &["share"; 6],
        None,
        &[1.0, 5.0, 2.0, 6.0, 3.0, 4.0],
        &["published"; 6],
    )
    .unwrap()
}

/// Table `t` (entity_column `city`): region and score.
fn table() -> Snapshot {
    let mut meta = HashMap::new();
    meta.insert("kind".to_string(), "table".to_string());
    meta.insert("entity_column".to_string(), "city".to_string());
    let schema = Arc::new(
        Schema::new(vec![
            Field::new("city", DataType::Utf8, false),
            Field::new("region", DataType::Utf8, true),
            Field::new("score", DataType::Float64, true),
            Field::new("gap", DataType::Float64, true),
            Field::new("flag", DataType::Boolean, true),
        ])
        .with_metadata(meta),
    );
    let cols: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(vec!["c1", "c2", "c3", "c4"])),
        Arc::new(StringArray::from(vec!["东", "东", "西", "中"])),
        Arc::new(Float64Array::from(vec![80.0, 70.0, 50.0, 60.0])),
        Arc::new(Float64Array::from(vec![
            Some(1.0),
            None,
            Some(2.0),
            Some(3.0),
        ])),
        Arc::new(BooleanArray::from(vec![true, false, true, true])),
    ];
    let batch = RecordBatch::try_new(schema.clone(), cols).unwrap();
    Snapshot::from_batches(schema, vec![batch]).unwrap()
}

fn data() -> HashMap<String, Snapshot> {
    [
        ("m", monthly()),
        ("total", total()),
        ("h", hourly()),
        ("t", table()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// A claim on dataset `m`, metric `users`, compared `eq` with tolerance 0.005 unless the
/// edit says otherwise.
fn claim(op: &str, edit: impl FnOnce(&mut Claim)) -> Claim {
    let mut c = Claim {
        id: op.to_string(),
        op: op.to_string(),
        dataset: "m".into(),
        metric: "users".into(),
        compare: "eq".into(),
        tolerance: 0.005,
        computable: Some(true),
        ..Claim::default()
    };
    edit(&mut c);
    c
}

enum Want {
    Num(f64),
    Text(&'static str),
}

#[test]
fn every_op_hand_computed() {
    use Verdict::*;
    use Want::*;
    let cases: Vec<(&str, Claim, Verdict, Want)> = vec![
        (
            "value_at",
            claim("value_at", |c| {
                c.entity = "A".into();
                c.period = "2023-12-01".into();
                c.target = 40.0;
            }),
            Matches,
            Num(40.0),
        ),
        (
            "value_at, scaled",
            claim("value_at", |c| {
                c.entity = "A".into();
                c.period = "2023-12-01".into();
                c.scale = 0.1;
                c.target = 4.0;
            }),
            Matches,
            Num(4.0),
        ),
        (
            "value_at over two entities: all must pass",
            claim("value_at", |c| {
                c.entity = "A;B".into();
                c.period = "2023-12-01".into();
                c.compare = "gt".into();
                c.target = 10.0;
            }),
            Differs,
            Text("A: 40 | B: 6"),
        ),
        (
            "ratio_to_base",
            claim("ratio_to_base", |c| {
                c.entity = "A".into();
                c.period = "2023-12-01".into();
                c.base_period = "2022-12-01".into();
                c.target = 2.0;
            }),
            Matches,
            Num(2.0),
        ),
        (
            "growth",
            claim("growth", |c| {
                c.entity = "A".into();
                c.period = "2023-04-01".into();
                c.base_period = "2022-01-01".into();
                c.target = 2.0;
            }),
            Matches,
            Num(2.0),
        ),
        (
            "yoy derives the base period",
            claim("yoy", |c| {
                c.entity = "A".into();
                c.period = "2023-03-01".into();
                c.scale = 100.0;
                c.target = 35.3;
                c.tolerance = 0.05;
            }),
            Matches,
            Num(100.0 * (23.0 / 17.0 - 1.0)),
        ),
        (
            "pp_change",
            claim("pp_change", |c| {
                c.entity = "A".into();
                c.period = "2023-04-01".into();
                c.base_period = "2022-04-01".into();
                c.target = 15.0;
            }),
            Matches,
            Num(15.0),
        ),
        (
            "ratio to another dataset",
            claim("ratio", |c| {
                c.entity = "A".into();
                c.period = "2023-12-01".into();
                c.denominator_dataset = "total".into();
                c.denominator_entity = "all".into();
                c.target = 0.4;
            }),
            Matches,
            Num(0.4),
        ),
        (
            "share of two entities",
            claim("share", |c| {
                c.entity = "A;B".into();
                c.period = "2023-12-01".into();
                c.denominator_dataset = "total".into();
                c.denominator_entity = "all".into();
                c.scale = 100.0;
                c.target = 46.0;
            }),
            Matches,
            Num(46.0),
        ),
        (
            "share of a whole table",
            claim("share", |c| {
                c.dataset = "t".into();
                c.metric = "score".into();
                c.denominator_dataset = "total".into();
                c.denominator_entity = "all".into();
                c.denominator_metric = "users".into();
                c.denominator_period = "2023-12-01".into();
                c.target = 2.6;
            }),
            Matches,
            Num(2.6),
        ),
        (
            "peak_value",
            claim("peak_value", |c| {
                c.entity = "A".into();
                c.window_start = "2023-01-01".into();
                c.window_end = "2023-11-01".into();
                c.period = "2023-08-01".into();
                c.target = 33.0;
            }),
            Matches,
            Num(33.0),
        ),
        (
            "peak_value at another date differs",
            claim("peak_value", |c| {
                c.entity = "A".into();
                c.window_start = "2023-01-01".into();
                c.window_end = "2023-11-01".into();
                c.period = "2023-09-01".into();
                c.target = 33.0;
            }),
            Differs,
            Num(33.0),
        ),
        (
            "peak_diff",
            claim("peak_diff", |c| {
                c.entity = "A".into();
                c.window_start = "2023-01-01".into();
                c.window_end = "2023-12-01".into();
                c.prior_start = "2022-01-01".into();
                c.prior_end = "2022-12-01".into();
                c.target = 20.0;
            }),
            Matches,
            Num(20.0),
        ),
        (
            "peak_month_each_year agrees",
            claim("peak_month_each_year", |c| {
                c.entity = "A".into();
                c.window_start = "2022-05-01".into();
                c.window_end = "2023-12-01".into();
                c.target = 12.0;
            }),
            Matches,
            Num(12.0),
        ),
        (
            "peak_month_each_year disagrees",
            claim("peak_month_each_year", |c| {
                c.entity = "A".into();
                c.window_start = "2022-01-01".into();
                c.window_end = "2023-04-01".into();
                c.target = 4.0;
            }),
            Differs,
            Text("the peak months differ by year (2022: 3, 2023: 4)"),
        ),
        (
            "peak_month_each_year: ties go to the first month",
            claim("peak_month_each_year", |c| {
                c.entity = "B".into();
                c.window_start = "2022-01-01".into();
                c.window_end = "2023-12-01".into();
                c.target = 1.0;
            }),
            Matches,
            Num(1.0),
        ),
        (
            "local_peaks, monthly",
            claim("local_peaks", |c| {
                c.entity = "A".into();
                c.window_start = "2023-01-01".into();
                c.window_end = "2023-12-01".into();
                c.compare = "set_contains".into();
                c.target_text = "4;8".into();
            }),
            Matches,
            Text("2;4;8"),
        ),
        (
            "local_peaks, a position not among them",
            claim("local_peaks", |c| {
                c.entity = "A".into();
                c.window_start = "2022-01-01".into();
                c.window_end = "2022-12-01".into();
                c.compare = "set_contains".into();
                c.target_text = "3;12".into();
            }),
            Differs,
            Text("3;8"),
        ),
        (
            "local_peaks, hourly",
            claim("local_peaks", |c| {
                c.dataset = "h".into();
                c.entity = "H".into();
                c.metric = "share".into();
                c.compare = "set_contains".into();
                c.target_text = "1;3".into();
            }),
            Matches,
            Text("1;3"),
        ),
        (
            "mean_vs_prior_mean",
            claim("mean_vs_prior_mean", |c| {
                c.entity = "A".into();
                c.window_start = "2023-01-01".into();
                c.window_end = "2023-12-01".into();
                c.prior_start = "2022-01-01".into();
                c.prior_end = "2022-12-01".into();
                c.scale = 100.0;
                c.target = 98.8;
                c.tolerance = 0.05;
            }),
            Matches,
            Num(100.0 * (336.0 / 169.0 - 1.0)),
        ),
        (
            "sum over entities (series)",
            claim("sum", |c| {
                c.entity = "A;B".into();
                c.period = "2023-12-01".into();
                c.target = 46.0;
            }),
            Matches,
            Num(46.0),
        ),
        (
            "sum over groups (table)",
            claim("sum", |c| {
                c.dataset = "t".into();
                c.metric = "score".into();
                c.group_column = "region".into();
                c.group = "西;中".into();
                c.target = 110.0;
            }),
            Matches,
            Num(110.0),
        ),
        (
            "group_mean of one group",
            claim("group_mean", |c| {
                c.dataset = "t".into();
                c.metric = "score".into();
                c.group_column = "region".into();
                c.group = "东".into();
                c.target = 75.0;
            }),
            Matches,
            Num(75.0),
        ),
        (
            "group_mean of two groups",
            claim("group_mean", |c| {
                c.dataset = "t".into();
                c.metric = "score".into();
                c.group_column = "region".into();
                c.group = "东;西".into();
                c.target = 66.7;
                c.tolerance = 0.05;
            }),
            Matches,
            Num(200.0 / 3.0),
        ),
        (
            "group_mean of all rows, printed too high",
            claim("group_mean", |c| {
                c.dataset = "t".into();
                c.metric = "score".into();
                c.target = 65.5;
                c.tolerance = 0.05;
            }),
            Differs,
            Num(65.0),
        ),
        (
            "count_rows of a group",
            claim("count_rows", |c| {
                c.dataset = "t".into();
                c.metric = String::new();
                c.group_column = "region".into();
                c.group = "东".into();
                c.target = 2.0;
            }),
            Matches,
            Num(2.0),
        ),
        (
            "count_rows of an absent group is 0",
            claim("count_rows", |c| {
                c.dataset = "t".into();
                c.group_column = "region".into();
                c.group = "北".into();
                c.target = 0.0;
            }),
            Matches,
            Num(0.0),
        ),
        (
            "count_where (series, at a period)",
            claim("count_where", |c| {
                c.period = "2023-12-01".into();
                c.filter_op = "gt".into();
                c.threshold = 10.0;
                c.target = 1.0;
            }),
            Matches,
            Num(1.0),
        ),
        (
            "count_where (table)",
            claim("count_where", |c| {
                c.dataset = "t".into();
                c.metric = "score".into();
                c.filter_op = "ge".into();
                c.threshold = 60.0;
                c.target = 3.0;
            }),
            Matches,
            Num(3.0),
        ),
        (
            "count_where le / lt / eq",
            claim("count_where", |c| {
                c.dataset = "t".into();
                c.metric = "score".into();
                c.filter_op = "le".into();
                c.threshold = 60.0;
                c.target = 2.0;
            }),
            Matches,
            Num(2.0),
        ),
        (
            "count_distinct",
            claim("count_distinct", |c| {
                c.target = 2.0;
            }),
            Matches,
            Num(2.0),
        ),
        (
            "rank_of (series)",
            claim("rank_of", |c| {
                c.entity = "B".into();
                c.period = "2023-12-01".into();
                c.target = 2.0;
            }),
            Matches,
            Num(2.0),
        ),
        (
            "rank_of (table)",
            claim("rank_of", |c| {
                c.dataset = "t".into();
                c.entity = "c4".into();
                c.metric = "score".into();
                c.target = 3.0;
            }),
            Matches,
            Num(3.0),
        ),
        (
            "top_entities (table)",
            claim("top_entities", |c| {
                c.dataset = "t".into();
                c.metric = "score".into();
                c.compare = "sequence".into();
                c.target_text = "c1;c2;c4".into();
            }),
            Matches,
            Text("c1;c2;c4"),
        ),
        (
            "top_entities in another order",
            claim("top_entities", |c| {
                c.period = "2023-12-01".into();
                c.compare = "sequence".into();
                c.target_text = "B;A".into();
            }),
            Differs,
            Text("A;B"),
        ),
        (
            "ratio within a table",
            claim("ratio", |c| {
                c.dataset = "t".into();
                c.entity = "c1".into();
                c.metric = "score".into();
                c.denominator_entity = "c3".into();
                c.target = 1.6;
            }),
            Matches,
            Num(1.6),
        ),
    ];
    let data = data();
    let mut checker = ClaimChecker::new(&data);
    for (name, c, verdict, want) in cases {
        let r = checker.check(&c);
        assert_eq!(r.verdict, verdict, "{name}: {}", r.explanation);
        match (want, r.computed.as_ref()) {
            (Want::Num(x), Some(Computed::Number(y))) => {
                assert!((x - y).abs() < 1e-9, "{name}: {y} != {x}")
            }
            (Want::Text(t), Some(Computed::Text(s))) => assert_eq!(s, t, "{name}"),
            (_, other) => panic!("{name}: computed {other:?} ({})", r.explanation),
        }
        assert!(
            r.explanation.ends_with(verdict.as_str()),
            "{name}: {}",
            r.explanation
        );
    }
}

#[test]
fn compare_modes_at_their_edges() {
    use Verdict::*;
    // v(A, 2023-12) = 40.
    let cases: &[(&str, f64, f64, Verdict)] = &[
        ("eq", 40.0, 0.0, Matches),
        ("eq", 40.004, 0.005, Matches),
        ("eq", 40.5, 0.5, Matches), // exactly at the tolerance
        ("eq", 40.6, 0.5, Differs),
        ("approx", 42.0, 2.0, Matches),
        ("approx", 43.0, 2.0, Differs),
        ("approx_below", 41.0, 5.0, Matches), // just under 41
        ("approx_below", 40.0, 0.0, Matches), // equal counts as "near"
        ("approx_below", 39.0, 5.0, Differs), // 40 is above 39
        ("approx_below", 50.0, 5.0, Differs), // too far below
        ("gt", 39.9, f64::NAN, Matches),      // gt needs no tolerance
        ("gt", 40.0, f64::NAN, Differs),      // strictly greater
    ];
    let data = data();
    for &(cmp, target, tol, verdict) in cases {
        let c = claim("value_at", |c| {
            c.entity = "A".into();
            c.period = "2023-12-01".into();
            c.compare = cmp.into();
            c.target = target;
            c.tolerance = tol;
        });
        let r = check_claim(&c, &data);
        assert_eq!(
            r.verdict, verdict,
            "{cmp} {target} ±{tol}: {}",
            r.explanation
        );
        assert_eq!(r.difference, Some(40.0 - target), "{cmp} {target}");
        assert_eq!(r.target, Some(target));
    }
}

#[test]
fn malformed_rows_are_not_computable_with_a_reason() {
    let data = data();
    let base = || {
        claim("value_at", |c| {
            c.entity = "A".into();
            c.period = "2023-12-01".into();
            c.target = 40.0;
        })
    };
    type Edit = fn(&mut Claim);
    let cases: &[(&str, Edit, &str)] = &[
        (
            "marked not computable",
            |c| {
                c.computable = Some(false);
                c.reason = "an event".into()
            },
            "an event",
        ),
        (
            "no reason given",
            |c| c.computable = Some(false),
            "marked not computable",
        ),
        ("empty op", |c| c.op.clear(), "no computation (empty op)"),
        ("unknown op", |c| c.op = "median".into(), "unknown op \"median\""),
        (
            "unknown compare",
            |c| c.compare = "lt".into(),
            "unknown compare \"lt\"",
        ),
        ("no compare", |c| c.compare.clear(), "no compare"),
        (
            "unknown dataset",
            |c| c.dataset = "zz".into(),
            "unknown dataset \"zz\"",
        ),
        ("no dataset", |c| c.dataset.clear(), "no dataset"),
        (
            "NaN target",
            |c| c.target = f64::NAN,
            "compare eq needs a numeric target (target is NaN)",
        ),
        (
            "infinite target",
            |c| c.target = f64::INFINITY,
            "compare eq needs a numeric target (target is inf)",
        ),
        (
            "NaN tolerance",
            |c| c.tolerance = f64::NAN,
            "compare eq needs a tolerance >= 0 (tolerance is NaN)",
        ),
        (
            "negative tolerance",
            |c| c.tolerance = -1.0,
            "compare eq needs a tolerance >= 0 (tolerance is -1)",
        ),
        ("infinite scale", |c| c.scale = f64::INFINITY, "scale is inf"),
        ("no entity", |c| c.entity.clear(), "op value_at needs an entity"),
        (
            "unknown entity",
            |c| c.entity = "Z".into(),
            "no row for entity \"Z\" metric \"users\" at 2023-12-01",
        ),
        (
            "unknown metric",
            |c| c.metric = "x".into(),
            "no metric \"x\" (metrics: users)",
        ),
        ("no metric", |c| c.metric.clear(), "op value_at needs a metric"),
        (
            "no period: several rows",
            |c| c.period.clear(),
            "24 rows for entity \"A\" metric \"users\" (need one)",
        ),
        (
            "period with no row",
            |c| c.period = "2030-01-01".into(),
            "no row for entity \"A\" metric \"users\" at 2030-01-01",
        ),
        (
            "growth without base period",
            |c| c.op = "growth".into(),
            "op growth needs a base_period",
        ),
        (
            "growth without period",
            |c| {
                c.op = "growth".into();
                c.period.clear()
            },
            "op growth needs a period",
        ),
        (
            "yoy with an inconsistent base",
            |c| {
                c.op = "yoy".into();
                c.base_period = "2022-11-01".into()
            },
            "base_period \"2022-11-01\" is not 12 months before period \"2023-12-01\"",
        ),
        (
            "yoy with a non-date period",
            |c| {
                c.op = "yoy".into();
                c.period = "Dec 2023".into()
            },
            "period \"Dec 2023\" is not an ISO date",
        ),
        (
            "zero base",
            |c| {
                c.op = "growth".into();
                c.dataset = "total".into();
                c.entity = "all".into();
                c.base_period = "2022-12-01".into()
            },
            "all: v(2022-12-01) is 0",
        ),
        (
            "zero denominator",
            |c| {
                c.op = "ratio".into();
                c.denominator_dataset = "total".into();
                c.denominator_entity = "all".into();
                c.denominator_period = "2022-12-01".into()
            },
            "A: the denominator d(2022-12-01) is 0",
        ),
        (
            "unknown denominator dataset",
            |c| {
                c.op = "ratio".into();
                c.denominator_dataset = "nope".into()
            },
            "unknown dataset \"nope\"",
        ),
        (
            "a table op on a series",
            |c| c.op = "group_mean".into(),
            "op group_mean needs a table dataset",
        ),
        (
            "a series op on a table",
            |c| {
                c.op = "peak_value".into();
                c.dataset = "t".into();
                c.metric = "score".into();
                c.entity = "c1".into()
            },
            "this op needs a series dataset",
        ),
        (
            "empty window",
            |c| {
                c.op = "peak_value".into();
                c.window_start = "2030-01-01".into();
                c.period.clear()
            },
            "A: no value in [2030-01-01..…]",
        ),
        (
            "empty prior window",
            |c| {
                c.op = "mean_vs_prior_mean".into();
                c.window_start = "2023-01-01".into();
                c.prior_start = "2030-01-01".into();
                c.prior_end = "2030-12-01".into()
            },
            "A: empty prior \"2030-01-01\"..\"2030-12-01\": no value of entity \"A\" metric \"users\" in it",
        ),
        (
            "peak months without a window",
            |c| c.op = "peak_month_each_year".into(),
            "op peak_month_each_year needs a window_start",
        ),
        (
            "a list op compared as a number",
            |c| c.op = "local_peaks".into(),
            "compare eq needs a number; op local_peaks gives a list",
        ),
        (
            "a number compared as a list",
            |c| {
                c.compare = "set_contains".into();
                c.target_text = "1".into()
            },
            "compare set_contains needs a list; op value_at gives a number",
        ),
        (
            "list compare without a list",
            |c| c.compare = "sequence".into(),
            "compare sequence needs a target_text list",
        ),
        (
            "unknown filter_op",
            |c| {
                c.op = "count_where".into();
                c.threshold = 1.0;
                c.filter_op = "ne".into()
            },
            "unknown filter_op \"ne\"",
        ),
        (
            "count_where without threshold",
            |c| {
                c.op = "count_where".into();
                c.filter_op = "gt".into()
            },
            "count_where needs a threshold",
        ),
        (
            "a table without the column",
            |c| {
                c.dataset = "t".into();
                c.entity = "c1".into();
                c.metric = "nope".into()
            },
            "table \"t\": no such column: \"nope\" (columns: city, region, score, gap, flag)",
        ),
        (
            "a text column as the metric",
            |c| {
                c.dataset = "t".into();
                c.entity = "c1".into();
                c.metric = "region".into()
            },
            "table \"t\": column \"region\" is not numeric",
        ),
        (
            "a missing value in a group mean",
            |c| {
                c.op = "group_mean".into();
                c.dataset = "t".into();
                c.metric = "gap".into()
            },
            "1 missing value(s) among the 4 selected row(s)",
        ),
        (
            "an absent group",
            |c| {
                c.op = "sum".into();
                c.dataset = "t".into();
                c.metric = "score".into();
                c.group_column = "region".into();
                c.group = "北".into()
            },
            "no rows with region = \"北\"",
        ),
        (
            "group_column without group",
            |c| {
                c.op = "sum".into();
                c.dataset = "t".into();
                c.metric = "score".into();
                c.group_column = "region".into()
            },
            "group_column \"region\" given without a group",
        ),
    ];
    for (name, edit, reason) in cases {
        let mut c = base();
        edit(&mut c);
        let r = check_claim(&c, &data);
        assert_eq!(
            r.verdict,
            Verdict::NotComputable,
            "{name}: {}",
            r.explanation
        );
        assert_eq!(r.explanation, *reason, "{name}");
        assert_eq!(r.computed, None, "{name}");
        assert!(r.parts.is_empty(), "{name}");
    }
}

#[test]
fn claims_snapshots_with_missing_or_wrong_columns() {
    let text = |v: Vec<Option<&str>>| Arc::new(StringArray::from(v)) as ArrayRef;
    let build = |fields: Vec<Field>, cols: Vec<ArrayRef>| {
        let schema = Arc::new(Schema::new(fields));
        let batch = RecordBatch::try_new(schema.clone(), cols).unwrap();
        Snapshot::from_batches(schema, vec![batch]).unwrap()
    };
    // No id column: a typed error naming it.
    let snap = build(
        vec![Field::new("op", DataType::Utf8, true)],
        vec![text(vec![Some("value_at")])],
    );
    let err = check_claims(&snap, &data()).unwrap_err();
    assert_eq!(err.code(), "schema_mismatch");
    assert!(err.to_string().contains("\"id\""), "{err}");
    // A numeric column given as text: a typed error naming it.
    let snap = build(
        vec![
            Field::new("id", DataType::Utf8, true),
            Field::new("target", DataType::Utf8, true),
        ],
        vec![text(vec![Some("C1")]), text(vec![Some("1.9")])],
    );
    let err = check_claims(&snap, &data()).unwrap_err();
    assert_eq!(err.code(), "schema_mismatch");
    assert!(err.to_string().contains("\"target\""), "{err}");
    // `computable` as unexpected text.
    let snap = build(
        vec![
            Field::new("id", DataType::Utf8, true),
            Field::new("computable", DataType::Utf8, true),
        ],
        vec![text(vec![Some("C1")]), text(vec![Some("maybe")])],
    );
    assert_eq!(
        check_claims(&snap, &data()).unwrap_err().code(),
        "schema_mismatch"
    );
    // Only id and op: read, then not computable for want of the rest (null id is fine too).
    let snap = build(
        vec![
            Field::new("id", DataType::Utf8, true),
            Field::new("op", DataType::Utf8, true),
            Field::new("computable", DataType::Utf8, true),
        ],
        vec![
            text(vec![Some("C1"), None]),
            text(vec![Some("value_at"), None]),
            text(vec![Some("true"), Some("")]),
        ],
    );
    let checks = check_claims(&snap, &data()).unwrap();
    assert_eq!(checks.len(), 2);
    assert_eq!(checks[0].explanation, "no compare");
    assert_eq!(checks[1].explanation, "no computation (empty op)");
    assert!(checks.iter().all(|c| c.verdict == Verdict::NotComputable));
    let s = summarize(&checks);
    assert_eq!((s.all.total, s.all.not_computable), (2, 2));
}

#[test]
fn a_dataset_that_is_not_tidy_is_not_computable() {
    // Declared a series but without the tidy columns.
    let mut meta = HashMap::new();
    meta.insert("kind".to_string(), "series".to_string());
    let schema = Arc::new(
        Schema::new(vec![Field::new("value", DataType::Float64, true)]).with_metadata(meta),
    );
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![Arc::new(Float64Array::from(vec![1.0])) as ArrayRef],
    )
    .unwrap();
    let bad = Snapshot::from_batches(schema, vec![batch]).unwrap();
    let source = FnSource::new(|id: &str| (id == "m").then_some(&bad));
    let c = claim("value_at", |c| {
        c.entity = "A".into();
        c.target = 1.0;
    });
    let r = check_claim(&c, &source);
    assert_eq!(r.verdict, Verdict::NotComputable);
    assert!(
        r.explanation
            .starts_with("dataset \"m\": missing column \"date\""),
        "{}",
        r.explanation
    );
}

#[test]
fn explanations_read_as_sentences() {
    let data = data();
    let cases: Vec<(Claim, &str)> = vec![
        (
            claim("yoy", |c| {
                c.entity = "A".into();
                c.period = "2023-12-01".into();
                c.scale = 100.0;
                c.target = 100.0;
                c.tolerance = 0.05;
                c.printed_value = "100".into();
            }),
            "A: v(2023-12-01)/v(2022-12-01) − 1 = 1 × 100 = 100 vs printed 100 (±0.05) → matches",
        ),
        (
            claim("value_at", |c| {
                c.entity = "A".into();
                c.period = "2023-12-01".into();
                c.compare = "approx".into();
                c.target = 40.0;
                c.tolerance = 2.0;
                c.printed_value = "4:6".into();
            }),
            "A: v(2023-12-01) = 40 vs printed ≈\"4:6\" (target 40) (±2) → matches",
        ),
        (
            claim("peak_value", |c| {
                c.entity = "A".into();
                c.window_start = "2023-01-01".into();
                c.period = "2023-01-01".into();
                c.target = 40.0;
            }),
            "A: max v[2023-01-01..…] at 2023-12-01 = 40: the maximum is at 2023-12-01, not at \
             2023-01-01 → differs",
        ),
        (
            claim("local_peaks", |c| {
                c.dataset = "h".into();
                c.entity = "H".into();
                c.metric = "share".into();
                c.compare = "set_contains".into();
                c.target_text = "1;4".into();
            }),
            "H: local peaks = {1;3} vs printed ⊇ {1;4} → differs",
        ),
    ];
    for (c, want) in cases {
        assert_eq!(check_claim(&c, &data).explanation, want);
    }
}
