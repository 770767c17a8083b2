//! Property tests: the claim evaluator and the tidy helpers, over arbitrary (often malformed)
//! claim rows, claims files and datasets, return a verdict or a typed error and never panic.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use civic_pulse::claims::{check_claim, check_claims, summarize, Claim, Verdict, COMPARES, OPS};
use civic_pulse::tidy::Tidy;
use civic_pulse::Snapshot;
use proptest::prelude::*;

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => proptest::num::f64::ANY,
        3 => -100.0..100.0f64,
        1 => Just(0.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(5e-324),
    ]
}

/// A cell from a vocabulary that hits the real names often, plus arbitrary text.
fn cell(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(words).prop_map(str::to_owned),
        1 => ".{0,12}",
    ]
}

const DATES: [&str; 10] = [
    "",
    "2023-01-01",
    "2023-02-01",
    "2023-03-01",
    "2022-03-01",
    "2023-12-01T01:00:00",
    "2023-13-01",
    "20",
    "2023-01-0é",
    "x",
];
const ENTITIES: [&str; 7] = ["", "A", "B", "A;B", ";", "c1", "Z"];
const METRICS: [&str; 6] = ["", "users", "score", "region", "x", "share"];
const DATASETS: [&str; 5] = ["", "m", "t", "total", "nope"];
const FILTERS: [&str; 7] = ["", "gt", "ge", "lt", "le", "eq", "ne"];
const GROUPS: [&str; 5] = ["", "东", "西;中", "北", ";"];
const GROUP_COLUMNS: [&str; 4] = ["", "region", "score", "x"];
const TEXTS: [&str; 5] = ["", "1;3", "A;B", "4", ";;"];

fn ops() -> Vec<&'static str> {
    let mut v: Vec<&str> = OPS.to_vec();
    v.extend(["", "median"]);
    v
}

fn compares() -> Vec<&'static str> {
    let mut v: Vec<&str> = COMPARES.to_vec();
    v.extend(["", "lt"]);
    v
}

prop_compose! {
    fn any_claim()(
        op in proptest::sample::select(ops()),
        compare in proptest::sample::select(compares()),
        dataset in cell(&DATASETS),
        den_dataset in cell(&DATASETS),
        entity in cell(&ENTITIES),
        den_entity in cell(&ENTITIES),
        metric in cell(&METRICS),
        category in cell(&["", "x", "y", "x;y"]),
        dates in proptest::collection::vec(cell(&DATES), 8),
        group_column in cell(&GROUP_COLUMNS),
        group in cell(&GROUPS),
        filter_op in cell(&FILTERS),
        target_text in cell(&TEXTS),
        nums in proptest::collection::vec(any_f64(), 4),
        computable in proptest::option::of(any::<bool>()),
    ) -> Claim {
        Claim {
            id: "P".into(),
            computable,
            op: op.to_owned(),
            compare: compare.to_owned(),
            dataset,
            denominator_dataset: den_dataset,
            entity,
            denominator_entity: den_entity,
            metric,
            category,
            period: dates[0].clone(),
            base_period: dates[1].clone(),
            window_start: dates[2].clone(),
            window_end: dates[3].clone(),
            prior_start: dates[4].clone(),
            prior_end: dates[5].clone(),
            denominator_period: dates[6].clone(),
            printed_value: dates[7].clone(),
            group_column,
            group,
            filter_op,
            target_text,
            threshold: nums[0],
            scale: nums[1],
            target: nums[2],
            tolerance: nums[3],
            ..Claim::default()
        }
    }
}

fn text(v: Vec<Option<String>>) -> ArrayRef {
    Arc::new(StringArray::from(v))
}

/// One arbitrary tidy row: date, entity, metric, category, value.
type Row = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    f64,
);

/// A tidy dataset from arbitrary rows (nulls included).
fn tidy_rows(rows: &[Row]) -> Snapshot {
    let col = |f: &dyn Fn(&Row) -> Option<String>| text(rows.iter().map(f).collect());
    let schema = Arc::new(Schema::new(vec![
        Field::new("date", DataType::Utf8, true),
        Field::new("entity", DataType::Utf8, true),
        Field::new("metric", DataType::Utf8, true),
        Field::new("category", DataType::Utf8, true),
        Field::new("value", DataType::Float64, true),
        Field::new("provenance", DataType::Utf8, true),
    ]));
    let cols = vec![
        col(&|r| r.0.clone()),
        col(&|r| r.1.clone()),
        col(&|r| r.2.clone()),
        col(&|r| r.3.clone()),
        Arc::new(Float64Array::from(
            rows.iter().map(|r| r.4).collect::<Vec<_>>(),
        )) as ArrayRef,
        col(&|_| Some("published".into())),
    ];
    let batch = RecordBatch::try_new(schema.clone(), cols).unwrap();
    Snapshot::from_batches(schema, vec![batch]).unwrap()
}

/// A table dataset (entity_column `city`) from arbitrary rows.
fn table_rows(rows: &[(Option<String>, Option<String>, f64)]) -> Snapshot {
    let mut meta = HashMap::new();
    meta.insert("kind".to_string(), "table".to_string());
    meta.insert("entity_column".to_string(), "city".to_string());
    let schema = Arc::new(
        Schema::new(vec![
            Field::new("city", DataType::Utf8, true),
            Field::new("region", DataType::Utf8, true),
            Field::new("score", DataType::Float64, true),
        ])
        .with_metadata(meta),
    );
    let cols = vec![
        text(rows.iter().map(|r| r.0.clone()).collect()),
        text(rows.iter().map(|r| r.1.clone()).collect()),
        Arc::new(Float64Array::from(
            rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        )) as ArrayRef,
    ];
    let batch = RecordBatch::try_new(schema.clone(), cols).unwrap();
    Snapshot::from_batches(schema, vec![batch]).unwrap()
}

fn opt_cell(words: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    proptest::option::weighted(0.9, cell(words))
}

fn tidy_strategy() -> impl Strategy<Value = Snapshot> {
    proptest::collection::vec(
        (
            opt_cell(&DATES),
            opt_cell(&["A", "B", "all"]),
            opt_cell(&["users", "share"]),
            opt_cell(&["x", "y"]),
            any_f64(),
        ),
        0..40,
    )
    .prop_map(|rows| tidy_rows(&rows))
}

fn table_strategy() -> impl Strategy<Value = Snapshot> {
    proptest::collection::vec(
        (
            opt_cell(&["c1", "c2", "c3"]),
            opt_cell(&["东", "西", "中"]),
            any_f64(),
        ),
        0..10,
    )
    .prop_map(|rows| table_rows(&rows))
}

fn check_invariants(claim: &Claim, data: &HashMap<String, Snapshot>) {
    let r = check_claim(claim, data);
    assert!(!r.explanation.is_empty());
    match r.verdict {
        Verdict::NotComputable => {
            assert!(r.computed.is_none());
            assert!(r.parts.is_empty());
        }
        v => {
            assert!(r.computed.is_some());
            assert!(!r.parts.is_empty());
            assert_eq!(v == Verdict::Matches, r.parts.iter().all(|p| p.matches));
            assert!(r.explanation.ends_with(v.as_str()), "{}", r.explanation);
        }
    }
    if claim.computable == Some(false) {
        assert_eq!(r.verdict, Verdict::NotComputable);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_claims_never_panic(
        claim in any_claim(),
        m in tidy_strategy(),
        total in tidy_strategy(),
        t in table_strategy(),
    ) {
        let data: HashMap<String, Snapshot> = [("m", m), ("total", total), ("t", t)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        check_invariants(&claim, &data);
    }

    #[test]
    fn arbitrary_claims_files_read_or_fail_typed(
        cols in proptest::collection::vec(
            (
                proptest::sample::select(vec![
                    "id", "op", "dataset", "entity", "metric", "period", "compare", "target",
                    "tolerance", "scale", "computable", "expected", "report", "report_file",
                    "target_text", "threshold", "other",
                ]),
                0..3u8,
            ),
            0..8,
        ),
        rows in 0..4usize,
        words in proptest::collection::vec(cell(&["value_at", "m", "A", "users", "eq", "true", "false", "2023-01-01"]), 4),
        nums in proptest::collection::vec(any_f64(), 4),
    ) {
        let mut fields = Vec::new();
        let mut arrays: Vec<ArrayRef> = Vec::new();
        for (i, (name, kind)) in cols.iter().enumerate() {
            if fields.iter().any(|f: &Field| f.name() == name) {
                continue;
            }
            let (dt, a): (DataType, ArrayRef) = match kind {
                0 => (
                    DataType::Utf8,
                    text((0..rows).map(|r| Some(words[(i + r) % 4].clone())).collect()),
                ),
                1 => (
                    DataType::Float64,
                    Arc::new(Float64Array::from((0..rows).map(|r| nums[(i + r) % 4]).collect::<Vec<_>>())),
                ),
                _ => (
                    DataType::Boolean,
                    Arc::new(BooleanArray::from((0..rows).map(|r| (i + r) % 2 == 0).collect::<Vec<_>>())),
                ),
            };
            fields.push(Field::new(*name, dt, true));
            arrays.push(a);
        }
        let schema = Arc::new(Schema::new(fields));
        let snap = if arrays.is_empty() {
            Snapshot::from_batches(schema, vec![]).unwrap()
        } else {
            let batch = RecordBatch::try_new(schema.clone(), arrays).unwrap();
            Snapshot::from_batches(schema, vec![batch]).unwrap()
        };
        let data: HashMap<String, Snapshot> = HashMap::new();
        match check_claims(&snap, &data) {
            Ok(checks) => {
                prop_assert_eq!(checks.len(), snap.num_rows());
                let s = summarize(&checks);
                prop_assert_eq!(s.all.total, checks.len());
                // Without datasets nothing can be computed.
                prop_assert!(checks.iter().all(|c| c.verdict == Verdict::NotComputable));
            }
            Err(e) => prop_assert!(["schema_mismatch", "unsupported_type"].contains(&e.code()), "{e}"),
        }
    }

    #[test]
    fn tidy_series_never_panic(snap in tidy_strategy()) {
        let t = Tidy::from_snapshot(&snap).unwrap();
        for e in t.entities() {
            for m in t.metrics() {
                for c in [None, Some("x"), Some("y")] {
                    match t.series(e, m, c) {
                        Ok(s) => {
                            prop_assert_eq!(s.dates.len(), s.values.len());
                            prop_assert_eq!(s.dates.len(), s.provenance.len());
                            prop_assert!(s.dates.windows(2).all(|w| w[0] <= w[1]));
                            let _ = s.extremes();
                            let _ = s.local_peaks();
                            let _ = s.local_troughs();
                            let _ = s.growth(1);
                            let _ = s.compound_growth(2);
                            let _ = s.window("2023-01-01", "2023-02-01");
                            for d in DATES {
                                let _ = s.value_at(d);
                                let _ = s.ratio_to_base(d);
                                let r = s.date_range(d, "2023-02-01");
                                prop_assert!(r.start <= r.end && r.end <= s.len());
                                let _ = s.mean_vs_prior_mean((d, ""), ("", d));
                            }
                            let _ = s.stl(2, &civic_pulse::analytics::StlParams::new());
                        }
                        Err(err) => prop_assert_eq!(err.code(), "invalid_argument"),
                    }
                }
            }
        }
    }
}
