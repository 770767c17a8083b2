//! `rows_to_ipc` on the Arrow gold files: multi-batch, dictionary-encoded and nested inputs.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use civic_pulse::{export::rows_to_ipc, Column, Snapshot};
use common::{corpus_dir, same_column};

fn gold(name: &str) -> Snapshot {
    let p = corpus_dir().join(name);
    Snapshot::from_ipc(&std::fs::read(p).unwrap()).unwrap()
}

fn pick(c: &Column, rows: &[usize]) -> Column {
    match c {
        Column::Float(v) => Column::Float(rows.iter().map(|&r| v[r]).collect()),
        Column::Text(v) => Column::Text(rows.iter().map(|&r| v[r].clone()).collect()),
        Column::Bool(v) => Column::Bool(rows.iter().map(|&r| v[r]).collect()),
    }
}

#[test]
fn selections_across_batches_equal_the_source_rows() {
    for name in [
        "1.0.0-littleendian/generated_dictionary.arrow_file",
        "1.0.0-littleendian/generated_primitive.stream",
        "1.0.0-littleendian/generated_datetime.arrow_file",
        "4.0.0-shareddict/generated_shared_dict.stream",
    ] {
        let snap = gold(name);
        let n = snap.num_rows();
        assert!(n >= 2, "{name}");
        let rows = [n - 1, 0, n / 2, n / 2, 1];
        let back = Snapshot::from_ipc(&rows_to_ipc(&snap, &rows).unwrap()).unwrap();
        assert_eq!(back.num_rows(), rows.len(), "{name}");
        assert_eq!(back.column_names(), snap.column_names(), "{name}");
        for i in 0..snap.column_names().len() {
            let Ok(src) = snap.column_at(i) else { continue };
            let got = back.column_at(i).unwrap();
            assert!(same_column(&got, &pick(&src, &rows)), "{name}: column {i}");
        }
    }
}

#[test]
fn nested_types_are_kept() {
    let snap = gold("1.0.0-littleendian/generated_nested.arrow_file");
    let back = Snapshot::from_ipc(&rows_to_ipc(&snap, &[0, 1]).unwrap()).unwrap();
    assert_eq!(back.schema().fields(), snap.schema().fields());
    assert_eq!(back.num_rows(), 2);
}

#[test]
fn a_stream_without_batches_still_writes_its_schema() {
    let snap = gold("1.0.0-littleendian/generated_primitive_no_batches.stream");
    let back = Snapshot::from_ipc(&rows_to_ipc(&snap, &[]).unwrap()).unwrap();
    assert_eq!(back.num_rows(), 0);
    assert_eq!(back.column_names(), snap.column_names());
    assert_eq!(
        rows_to_ipc(&snap, &[0]).unwrap_err().code(),
        "invalid_argument"
    );
}
