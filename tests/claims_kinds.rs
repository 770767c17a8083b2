//! The typed claim row and op, the ops on printed dates and lists, claims read from other
//! claims, and the check kind carried by every check (issue 11), each with its arithmetic
//! written out.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use civic_pulse::claims::{
    check_claim, check_claims, summarize, CheckKind, ClaimRow, Compare, CompareKind, Computation,
    Op, OpKind, Select, Verdict, WhyNot, COMPARES, OPS,
};
use civic_pulse::Snapshot;

fn row(op: &str, edit: impl FnOnce(&mut ClaimRow)) -> ClaimRow {
    let mut c = ClaimRow {
        id: "X".into(),
        op: op.into(),
        compare: "eq".into(),
        tolerance: 0.0,
        computable: Some(true),
        check_kind: "independent".into(),
        ..ClaimRow::default()
    };
    edit(&mut c);
    c
}

/// A table `w` (entity column `name`) with a text column `level` of 3 distinct values.
fn weights() -> Snapshot {
    let meta = HashMap::from([
        ("kind".to_string(), "table".to_string()),
        ("entity_column".to_string(), "name".to_string()),
    ]);
    let schema = Arc::new(
        Schema::new(vec![
            Field::new("name", DataType::Utf8, false),
            Field::new("level", DataType::Utf8, true),
            Field::new("weight", DataType::Float64, true),
        ])
        .with_metadata(meta),
    );
    let cols: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(vec!["a", "b", "c", "d"])),
        Arc::new(StringArray::from(vec![
            Some("L1"),
            Some("L1"),
            Some("L2"),
            Some("L3"),
        ])),
        Arc::new(Float64Array::from(vec![8.0, 5.0, 6.0, 6.0])),
    ];
    let batch = RecordBatch::try_new(schema.clone(), cols).unwrap();
    Snapshot::from_batches(schema, vec![batch]).unwrap()
}

#[test]
fn vocabularies_are_derived_from_the_enums() {
    assert_eq!(OPS.len(), OpKind::ALL.len());
    for (name, kind) in OPS.iter().zip(OpKind::ALL) {
        assert_eq!(OpKind::parse(name), Some(*kind));
    }
    assert_eq!(
        COMPARES,
        [
            "eq",
            "approx",
            "approx_below",
            "gt",
            "set_contains",
            "sequence"
        ]
    );
    assert!(COMPARES.iter().all(|c| CompareKind::parse(c).is_some()));
}

#[test]
fn a_row_becomes_a_typed_op_or_says_why_not() {
    let r = row("yoy", |c| {
        c.dataset = "d".into();
        c.entity = "A;B".into();
        c.metric = "m".into();
        c.period = "2023-03-01".into();
        c.target = 5.0;
        c.scale = 100.0;
    });
    let comp = Computation::try_from(&r).unwrap();
    let sel = Select {
        dataset: "d".into(),
        entities: vec!["A".into(), "B".into()],
        metric: "m".into(),
        category: None,
        period: Some("2023-03-01".into()),
    };
    // yoy is growth against the same month a year earlier.
    assert_eq!(comp.op, Op::Growth(sel, "2022-03-01".into()));
    assert_eq!(
        comp.compare,
        Compare::Within {
            target: 5.0,
            tol: 0.0,
            approx: false
        }
    );
    assert_eq!(comp.scale, 100.0);
    let not = row("", |c| {
        c.computable = Some(false);
        c.reason = "single_mention".into();
    });
    assert_eq!(
        Computation::try_from(&not).unwrap_err(),
        WhyNot("single_mention".into())
    );
    let no_names = row("count_listed", |_| {});
    assert_eq!(
        Op::try_from(&no_names).unwrap_err().0,
        "op count_listed needs the printed names in entity"
    );
}

#[test]
fn arithmetic_on_printed_dates_and_lists() {
    let none: HashMap<String, Snapshot> = HashMap::new();
    // 2018-03 .. 2023-12 = 69 months = 5.75 years: 近六年 holds, 五年 does not.
    let span = |cmp: &str, target: f64, tol: f64| {
        row("years_between", |c| {
            c.window_start = "2018-03-01".into();
            c.window_end = "2023-12-01".into();
            c.compare = cmp.into();
            c.target = target;
            c.tolerance = tol;
        })
    };
    let near_six = check_claim(&span("approx_below", 6.0, 1.0), &none);
    assert_eq!(near_six.verdict, Verdict::Matches);
    assert_eq!(near_six.difference, Some(5.75 - 6.0));
    let five = check_claim(&span("eq", 5.0, 0.5), &none);
    assert_eq!(five.verdict, Verdict::Differs);
    assert_eq!(five.check_kind, CheckKind::Independent);
    // Three names printed, "三个" claimed.
    let listed = row("count_listed", |c| {
        c.entity = "交通; 社保 ;医疗".into();
        c.target = 3.0;
    });
    let r = check_claim(&listed, &none);
    assert_eq!((r.verdict, r.difference), (Verdict::Matches, Some(0.0)));
    assert_eq!(
        r.explanation,
        "names listed (交通、社保、医疗) = 3 vs printed 3 (±0) → matches"
    );
}

#[test]
fn count_distinct_on_a_table_counts_a_text_column() {
    let data = HashMap::from([("w".to_string(), weights())]);
    let r = row("count_distinct", |c| {
        c.dataset = "w".into();
        c.metric = "level".into();
        c.target = 3.0; // L1, L2, L3
    });
    assert_eq!(check_claim(&r, &data).verdict, Verdict::Matches);
}

/// A claims snapshot whose C2 is checked against the number printed in C1.
fn claims_reading_claims() -> Snapshot {
    let text = |v: Vec<&str>| Arc::new(StringArray::from(v)) as ArrayRef;
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("op", DataType::Utf8, true),
        Field::new("dataset", DataType::Utf8, true),
        Field::new("entity", DataType::Utf8, true),
        Field::new("metric", DataType::Utf8, true),
        Field::new("compare", DataType::Utf8, true),
        Field::new("target", DataType::Float64, true),
        Field::new("check_kind", DataType::Utf8, true),
        Field::new("reason", DataType::Utf8, true),
    ]));
    let mut meta = HashMap::new();
    meta.insert("kind".to_string(), "table".to_string());
    meta.insert("entity_column".to_string(), "id".to_string());
    let schema = Arc::new(Schema::new_with_metadata(schema.fields().clone(), meta));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            text(vec!["C1", "C2", "C3"]),
            Arc::new(StringArray::from(vec![
                None,
                Some("value_at"),
                Some("value_at"),
            ])),
            Arc::new(StringArray::from(vec![
                None,
                Some("claims"),
                Some("claims"),
            ])),
            Arc::new(StringArray::from(vec![None, Some("C1"), Some("C1")])),
            Arc::new(StringArray::from(vec![
                None,
                Some("target"),
                Some("target"),
            ])),
            Arc::new(StringArray::from(vec![None, Some("gt"), Some("gt")])),
            Arc::new(Float64Array::from(vec![12.0, 10.0, 12.0])),
            Arc::new(StringArray::from(vec![
                Some("not_computable"),
                Some("independent"),
                None,
            ])),
            Arc::new(StringArray::from(vec![Some("single_mention"), None, None])),
        ],
    )
    .unwrap();
    Snapshot::from_batches(schema, vec![batch]).unwrap()
}

#[test]
fn a_claim_can_be_checked_against_another_claims_printed_number() {
    let checks = check_claims(&claims_reading_claims(), &HashMap::new()).unwrap();
    // C1 has no op: not computable, with its reason spelled out.
    assert_eq!(checks[0].verdict, Verdict::NotComputable);
    assert_eq!(checks[0].check_kind, CheckKind::NotComputable);
    assert!(checks[0].explanation.starts_with("a figure printed once"));
    assert!(checks[0].explanation.ends_with("(single_mention)"));
    // "> 12" printed in C1 implies "> 10" (C2).
    assert_eq!(checks[1].verdict, Verdict::Matches);
    assert_eq!(checks[1].check_kind, CheckKind::Independent);
    assert_eq!(checks[1].difference, Some(2.0));
    // C3 claims "> 12" from the bound 12 itself: differs, and says it has no stated kind.
    assert_eq!(checks[2].verdict, Verdict::Differs);
    assert_eq!(checks[2].check_kind, CheckKind::Unclassified);
    let s = summarize(&checks);
    let total = |k| s.by_kind[&k].total;
    assert_eq!(
        (
            total(CheckKind::Independent),
            total(CheckKind::ReadBack),
            total(CheckKind::ByConstruction),
            total(CheckKind::NotComputable),
            total(CheckKind::Unclassified),
        ),
        (1, 0, 0, 1, 1)
    );
    // The kind travels to JavaScript as `checkKind` and the tallies as `byKind`.
    let json = serde_json::to_value(&checks[1]).unwrap();
    assert_eq!(json["checkKind"], "independent");
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["byKind"]["not_computable"]["total"], 1);
}
