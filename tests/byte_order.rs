//! Big-endian Arrow IPC: every file and stream below is written little-endian by arrow-rs,
//! turned into its big-endian twin (`tests/common/big_endian.rs`: schema marked `Big`, every
//! fixed-width value swapped), and read; the twin must decode to exactly the little-endian
//! arrays, or be refused whole with `unsupported_type` naming big-endian byte order — never
//! a wrong value, never `invalid_ipc`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::sync::Arc;

use arrow_array::types::*;
use arrow_array::*;
use arrow_buffer::{i256, IntervalDayTime, IntervalMonthDayNano};
use arrow_ipc::writer::{DictionaryHandling, FileWriter, IpcWriteOptions, StreamWriter};
use arrow_schema::{DataType, Field, Schema, UnionFields};
use civic_pulse::Snapshot;
use common::big_endian::{mark_big_endian, to_big_endian};
use common::same_column;

/// Two batches of every fixed-width family: integers at their extremes, floats, decimals,
/// dates, times, timestamps, intervals, durations, strings (offsets, large offsets, views
/// inline and out of line), dictionaries with several key widths, nested lists, structs,
/// dense unions, booleans and nulls.
fn batches() -> (Arc<Schema>, Vec<RecordBatch>) {
    let batch = |k: i64| -> Vec<ArrayRef> {
        let s = |v: &str| format!("{v}{k}");
        vec![
            Arc::new(Int8Array::from(vec![Some(i8::MIN), None, Some(i8::MAX)])),
            Arc::new(Int16Array::from(vec![i16::MIN, 258, i16::MAX])),
            Arc::new(Int32Array::from(vec![Some(i32::MAX), Some(i32::MIN), None])),
            Arc::new(Int64Array::from(vec![
                i64::MIN,
                0x0102_0304_0506_0708 + k,
                i64::MAX,
            ])),
            Arc::new(UInt16Array::from(vec![1, 256, u16::MAX])),
            Arc::new(UInt32Array::from(vec![1, 0x0102_0304, u32::MAX])),
            Arc::new(UInt64Array::from(vec![1, 0x0102_0304_0506_0708, u64::MAX])),
            // 1.5, the largest and the smallest normal half-precision values, as bits.
            make_array(
                arrow_data::ArrayData::builder(DataType::Float16)
                    .len(3)
                    .add_buffer(arrow_buffer::Buffer::from_slice_ref([
                        0x3e00u16, 0x7bff, 0x0400,
                    ]))
                    .build()
                    .unwrap(),
            ),
            Arc::new(Float32Array::from(vec![Some(1.25e-3), None, Some(-3.4e38)])),
            Arc::new(Float64Array::from(vec![
                std::f64::consts::PI,
                -0.0,
                1e300 * k as f64,
            ])),
            Arc::new(
                Decimal128Array::from(vec![
                    Some(i128::MAX / 7),
                    Some(-12_345_678_901_234_567_890),
                    None,
                ])
                .with_precision_and_scale(38, 4)
                .unwrap(),
            ),
            Arc::new(
                Decimal256Array::from(vec![
                    i256::from_i128(-5),
                    i256::MAX,
                    i256::from_i128(1 << 100),
                ])
                .with_precision_and_scale(76, 10)
                .unwrap(),
            ),
            Arc::new(Date32Array::from(vec![19_723, -719_162, 2_932_896])),
            Arc::new(Date64Array::from(vec![1_700_000_000_000, -1, 0])),
            Arc::new(Time32SecondArray::from(vec![0, 3_600, 86_399])),
            Arc::new(Time64NanosecondArray::from(vec![
                1,
                86_399_999_999_999,
                12_345,
            ])),
            Arc::new(TimestampMillisecondArray::from(vec![
                Some(1_700_000_000_123),
                None,
                Some(-1),
            ])),
            Arc::new(TimestampMicrosecondArray::from(vec![1, 2, 3]).with_timezone("UTC")),
            Arc::new(IntervalYearMonthArray::from(vec![1, -13, 1_000])),
            Arc::new(IntervalDayTimeArray::from(vec![
                IntervalDayTime::new(1, 2),
                IntervalDayTime::new(-3, 86_399_999),
                IntervalDayTime::new(0, 0),
            ])),
            Arc::new(IntervalMonthDayNanoArray::from(vec![
                IntervalMonthDayNano::new(1, 2, 3),
                IntervalMonthDayNano::new(-1, 30, 86_400_000_000_000),
                IntervalMonthDayNano::new(0, 0, i64::MIN),
            ])),
            Arc::new(DurationSecondArray::from(vec![1, -1, i64::MAX])),
            Arc::new(StringArray::from(vec![Some(s("a")), None, Some(s("三"))])),
            Arc::new(LargeStringArray::from(vec![
                s("x"),
                String::new(),
                s("long text "),
            ])),
            Arc::new(StringViewArray::from(vec![
                s("short"),
                s("a string longer than twelve bytes"),
                s("another string longer than twelve"),
            ])),
            Arc::new(
                vec![Some("b"), None, Some("a")]
                    .into_iter()
                    .collect::<DictionaryArray<Int8Type>>(),
            ),
            Arc::new(
                vec![Some("p"), Some("q"), Some("p")]
                    .into_iter()
                    .collect::<DictionaryArray<UInt32Type>>(),
            ),
            Arc::new(DictionaryArray::<Int64Type>::new(
                Int64Array::from(vec![2, 0, 1]),
                Arc::new(Int32Array::from(vec![7, 70_000, -9])),
            )),
            Arc::new(ListArray::from_iter_primitive::<Int32Type, _, _>(vec![
                Some(vec![Some(1), Some(256)]),
                None,
                Some(vec![Some(i32::MIN)]),
            ])),
            Arc::new(StructArray::from(vec![
                (
                    Arc::new(Field::new("n", DataType::Int64, false)),
                    Arc::new(Int64Array::from(vec![k, 256, -2])) as ArrayRef,
                ),
                (
                    Arc::new(Field::new("t", DataType::Utf8, false)),
                    Arc::new(StringArray::from(vec!["u", "v", "w"])) as ArrayRef,
                ),
            ])),
            Arc::new(
                UnionArray::try_new(
                    union_fields(),
                    vec![0i8, 1, 0].into(),
                    Some(vec![0i32, 0, 1].into()),
                    vec![
                        Arc::new(Int32Array::from(vec![258, -1])) as ArrayRef,
                        Arc::new(Float64Array::from(vec![2.5])),
                    ],
                )
                .unwrap(),
            ),
            Arc::new(BooleanArray::from(vec![Some(true), None, Some(false)])),
            Arc::new(NullArray::new(3)),
        ]
    };
    let first = batch(1);
    let fields: Vec<Field> = first
        .iter()
        .enumerate()
        .map(|(i, a)| Field::new(format!("c{i}"), a.data_type().clone(), true))
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let b1 = RecordBatch::try_new(schema.clone(), first).unwrap();
    let b2 = RecordBatch::try_new(schema.clone(), batch(2)).unwrap();
    (schema, vec![b1, b2])
}

fn union_fields() -> UnionFields {
    UnionFields::try_new(
        vec![0, 1],
        vec![
            Field::new("i", DataType::Int32, false),
            Field::new("f", DataType::Float64, false),
        ],
    )
    .unwrap()
}

fn write(
    file: bool,
    schema: &Arc<Schema>,
    batches: &[RecordBatch],
    options: IpcWriteOptions,
) -> Vec<u8> {
    let mut bytes = Vec::new();
    if file {
        let mut w = FileWriter::try_new_with_options(&mut bytes, schema, options).unwrap();
        batches.iter().for_each(|b| w.write(b).unwrap());
        w.finish().unwrap();
    } else {
        let mut w = StreamWriter::try_new_with_options(&mut bytes, schema, options).unwrap();
        batches.iter().for_each(|b| w.write(b).unwrap());
        w.finish().unwrap();
    }
    bytes
}

/// The twin is a real big-endian file: arrow-rs's own reader sees the flag and refuses it,
/// and the bytes differ from the little-endian original.
fn assert_is_big_endian(le: &[u8], be: &[u8], file: bool) {
    assert_ne!(le, be);
    let err = if file {
        arrow_ipc::reader::FileReader::try_new(std::io::Cursor::new(be.to_vec()), None).err()
    } else {
        arrow_ipc::reader::StreamReader::try_new(std::io::Cursor::new(be.to_vec()), None).err()
    };
    let err = err.expect("arrow-rs refuses a big-endian file").to_string();
    assert!(err.to_lowercase().contains("endian"), "{err}");
}

fn assert_twins_read_alike(le: &[u8], be: &[u8]) {
    let a = Snapshot::from_ipc(le).unwrap();
    let b = Snapshot::from_ipc(be).unwrap_or_else(|e| panic!("{}: {e}", e.code()));
    assert_eq!(a.schema(), b.schema());
    assert_eq!(a.batches().len(), b.batches().len());
    for (x, y) in a.batches().iter().zip(b.batches()) {
        for (i, (p, q)) in x.columns().iter().zip(y.columns()).enumerate() {
            assert_eq!(p.to_data(), q.to_data(), "column {i} ({})", p.data_type());
        }
    }
    for i in 0..a.schema().fields().len() {
        match (a.column_at(i), b.column_at(i)) {
            (Ok(p), Ok(q)) => assert!(same_column(&p, &q), "column {i}"),
            (Err(p), Err(q)) => assert_eq!(p, q),
            (p, q) => panic!("column {i}: {p:?} vs {q:?}"),
        }
    }
}

#[test]
fn every_fixed_width_type_reads_exactly_from_a_big_endian_file_and_stream() {
    let (schema, batches) = batches();
    for file in [true, false] {
        let le = write(file, &schema, &batches, IpcWriteOptions::default());
        let be = to_big_endian(&le);
        assert_is_big_endian(&le, &be, file);
        assert_twins_read_alike(&le, &be);
        // The trusted path (validation skipped) swaps the same way.
        let trusted = Snapshot::from_trusted_ipc(&be, &civic_pulse::hash::sha256_hex(&be)).unwrap();
        assert!(!trusted.validated());
        assert_eq!(
            trusted.batches(),
            Snapshot::from_ipc(&le).unwrap().batches()
        );
    }
}

#[test]
fn the_issue_example_reads_2147483647_not_minus_129() {
    let schema = Arc::new(Schema::new(vec![Field::new("v", DataType::Int32, false)]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![Arc::new(Int32Array::from(vec![i32::MAX]))],
    )
    .unwrap();
    for file in [true, false] {
        let be = to_big_endian(&write(
            file,
            &schema,
            std::slice::from_ref(&batch),
            IpcWriteOptions::default(),
        ));
        let snap = Snapshot::from_ipc(&be).unwrap();
        assert_eq!(
            snap.column("v").unwrap(),
            civic_pulse::Column::Float(vec![2_147_483_647.0])
        );
    }
}

#[test]
fn delta_and_replaced_dictionaries_are_swapped_too() {
    let dt = DataType::Dictionary(Box::new(DataType::Int16), Box::new(DataType::Int64));
    let schema = Arc::new(Schema::new(vec![Field::new("d", dt, true)]));
    let batch = |keys: Vec<i16>, values: Vec<i64>| {
        let d = DictionaryArray::<Int16Type>::new(
            Int16Array::from(keys),
            Arc::new(Int64Array::from(values)),
        );
        RecordBatch::try_new(schema.clone(), vec![Arc::new(d)]).unwrap()
    };
    let batches = [
        batch(vec![0, 1, 1], vec![258, -2]),
        batch(vec![2, 0], vec![258, -2, 1 << 40]),
    ];
    for handling in [DictionaryHandling::Delta, DictionaryHandling::Resend] {
        let options = IpcWriteOptions::default().with_dictionary_handling(handling);
        let le = write(false, &schema, &batches, options);
        assert_twins_read_alike(&le, &to_big_endian(&le));
    }
}

#[test]
fn compressed_big_endian_bodies_are_refused_whole_as_unsupported() {
    let (schema, batches) = batches();
    for codec in [
        arrow_ipc::CompressionType::LZ4_FRAME,
        arrow_ipc::CompressionType::ZSTD,
    ] {
        let options = IpcWriteOptions::default()
            .try_with_compression(Some(codec))
            .unwrap();
        for file in [true, false] {
            let le = write(file, &schema, &batches, options.clone());
            assert!(Snapshot::from_ipc(&le).is_ok());
            let err = Snapshot::from_ipc(&mark_big_endian(&le)).unwrap_err();
            assert_eq!(err.code(), "unsupported_type", "{err}");
            assert!(err.to_string().contains("big-endian byte order"), "{err}");
        }
    }
}

#[test]
fn a_schema_without_batches_reads_the_same() {
    let (schema, _) = batches();
    for file in [true, false] {
        let le = write(file, &schema, &[], IpcWriteOptions::default());
        let be = to_big_endian(&le);
        assert_is_big_endian(&le, &be, file);
        assert_twins_read_alike(&le, &be);
    }
}
