//! `Snapshot::coded_column` (keys + distinct values, no string per row) against
//! `Snapshot::column` (the text per row), and a Tidy decoded from dictionary-encoded columns
//! against one decoded from plain strings.

use std::sync::Arc;

use arrow_array::types::{Int16Type, Int8Type};
use arrow_array::{
    ArrayRef, Date32Array, DictionaryArray, Float64Array, Int16Array, Int8Array, RecordBatch,
    StringArray, TimestampSecondArray,
};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use civic_pulse::tidy::{tidy_snapshot, Tidy};
use civic_pulse::{Column, Snapshot};

fn dict8(keys: Vec<Option<i8>>, values: &[&str]) -> ArrayRef {
    Arc::new(
        DictionaryArray::<Int8Type>::try_new(
            Int8Array::from(keys),
            Arc::new(StringArray::from(values.to_vec())),
        )
        .unwrap(),
    )
}

/// Two batches whose entity dictionaries differ (order and content), dates as date32 with a
/// null, metric as int16 dictionary keys.
fn two_batches() -> Snapshot {
    let schema = Arc::new(Schema::new(vec![
        Field::new("date", DataType::Date32, true),
        Field::new(
            "entity",
            DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8)),
            true,
        ),
        Field::new(
            "metric",
            DataType::Dictionary(Box::new(DataType::Int16), Box::new(DataType::Utf8)),
            true,
        ),
        Field::new("value", DataType::Float64, true),
    ]));
    let metric = |n: usize| -> ArrayRef {
        Arc::new(
            DictionaryArray::<Int16Type>::try_new(
                Int16Array::from(vec![0i16; n]),
                Arc::new(StringArray::from(vec!["users"])),
            )
            .unwrap(),
        )
    };
    // 2023-01-01 = day 19358; 2023-02-01 = 19389; 2023-03-01 = 19417.
    let b1 = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(Date32Array::from(vec![
                Some(19358),
                Some(19358),
                Some(19389),
                None,
            ])),
            dict8(vec![Some(0), Some(1), Some(0), None], &["A", "B", "unused"]),
            metric(4),
            Arc::new(Float64Array::from(vec![100.0, 50.0, 110.0, 7.0])),
        ],
    )
    .unwrap();
    let b2 = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(Date32Array::from(vec![
                Some(19389),
                Some(19417),
                Some(19417),
            ])),
            dict8(vec![Some(0), Some(1), Some(1)], &["C", "B"]),
            metric(3),
            Arc::new(Float64Array::from(vec![40.0, 60.0, 1.0])),
        ],
    )
    .unwrap();
    Snapshot::from_batches(schema, vec![b1, b2]).unwrap()
}

fn decoded(c: &civic_pulse::CodedColumn) -> Vec<Option<String>> {
    (0..c.keys.len())
        .map(|i| c.get(i).map(str::to_owned))
        .collect()
}

#[test]
fn coded_columns_read_as_the_text_columns() {
    let snap = two_batches();
    for name in ["date", "entity", "metric"] {
        let i = snap.column_index(name).unwrap();
        let coded = snap.coded_column(i).unwrap();
        let Column::Text(text) = snap.column(name).unwrap() else {
            panic!("{name}")
        };
        assert_eq!(decoded(&coded), text, "{name}");
        // Distinct values only, first appearance order, each once.
        let mut seen: Vec<String> = Vec::new();
        for t in text.iter().flatten() {
            if !seen.contains(t) {
                seen.push(t.clone());
            }
        }
        assert_eq!(coded.values, seen, "{name}");
    }
    let e = snap
        .coded_column(snap.column_index("entity").unwrap())
        .unwrap();
    // "unused" in the first dictionary is never referenced; B keeps one key across batches.
    assert_eq!(e.values, ["A", "B", "C"]);
    assert_eq!(e.keys, [0, 1, 0, -1, 2, 1, 1]);
    let err = snap
        .coded_column(snap.column_index("value").unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "schema_mismatch");
}

#[test]
fn timestamps_are_formatted_once_per_distinct_value() {
    let schema = Arc::new(Schema::new(vec![Field::new(
        "t",
        DataType::Timestamp(TimeUnit::Second, Some("UTC".into())),
        true,
    )]));
    let v =
        TimestampSecondArray::from(vec![Some(0), Some(3600), Some(0), None]).with_timezone("UTC");
    let b = RecordBatch::try_new(schema.clone(), vec![Arc::new(v)]).unwrap();
    let snap = Snapshot::from_batches(schema, vec![b]).unwrap();
    let c = snap.coded_column(0).unwrap();
    let Column::Text(text) = snap.column("t").unwrap() else {
        panic!()
    };
    assert_eq!(decoded(&c), text);
    assert_eq!(c.keys, [0, 1, 0, -1]);
}

#[test]
fn tidy_from_dictionaries_equals_tidy_from_strings() {
    let t = Tidy::from_snapshot(&two_batches()).unwrap();
    let plain = tidy_snapshot(
        &[
            "2023-01-01",
            "2023-01-01",
            "2023-02-01",
            "2023-02-01",
            "2023-03-01",
            "2023-03-01",
        ],
        &["A", "B", "A", "C", "B", "B"],
        &["users"; 6],
        None,
        &[100.0, 50.0, 110.0, 40.0, 60.0, 1.0],
        &[""; 6],
    )
    .unwrap();
    let p = Tidy::from_snapshot(&plain).unwrap();
    assert_eq!(t.entities(), ["A", "B", "C"]);
    assert_eq!(t.entities(), p.entities());
    let a = t.series("A", "users", None).unwrap();
    assert_eq!(a.dates, ["2023-01-01", "2023-02-01"]);
    assert_eq!(a.values, p.series("A", "users", None).unwrap().values);
    // B: 50 (Jan), 60 and 1 (Mar, two rows at one date kept in file order).
    let b = t.series("B", "users", None).unwrap();
    assert_eq!(b.values, [50.0, 60.0, 1.0]);
    assert_eq!(b.rows, [1, 5, 6]);
    // The null-date row (entity null) is in the snapshot but in no series.
    assert_eq!(t.len(), 7);
    assert_eq!(t.row(3).unwrap().date, None);
    let g = t.growth_all("users", None, 1).unwrap();
    assert_eq!(g.dates, ["2023-01-01", "2023-02-01", "2023-03-01"]);
    assert_eq!(g.skipped[0].entity, "B");
}
