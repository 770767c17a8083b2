//! Writing Arrow IPC: the one IPC file writer ([`write_ipc`], also for the dataset builder),
//! and a selection of a snapshot's rows written back (the page's "Arrow (these rows)" download,
//! and any reader who wants a slice of their own file).

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::{make_array, ArrayRef, RecordBatch};
use arrow_data::transform::MutableArrayData;
use arrow_ipc::writer::FileWriter;
use arrow_schema::{Field, Schema};

use crate::{Error, Result, Snapshot};

/// The rows `rows` (indices across all record batches, in the order given; repeats allowed) of
/// `snap` as an Arrow IPC **file**: the same schema, field metadata and schema metadata, one
/// record batch. Every column type Arrow can describe is kept, nested ones included, and nulls
/// stay null.
///
/// # Errors
/// `invalid_argument` naming the first index that is not below `snap.num_rows()`;
/// `invalid_ipc` if Arrow refuses to assemble or write the selection (a corrupt source).
///
/// # Example
/// ```
/// use civic_pulse::{export::rows_to_ipc, tidy::example_snapshot, Snapshot};
/// let snap = example_snapshot().unwrap(); // 6 rows
/// let bytes = rows_to_ipc(&snap, &[4, 0]).unwrap();
/// let back = Snapshot::from_ipc(&bytes).unwrap();
/// assert_eq!(back.num_rows(), 2);
/// assert_eq!(back.column_names(), snap.column_names());
/// assert_eq!(rows_to_ipc(&snap, &[6]).unwrap_err().code(), "invalid_argument");
/// ```
pub fn rows_to_ipc(snap: &Snapshot, rows: &[usize]) -> Result<Vec<u8>> {
    if let Some(bad) = rows.iter().find(|&&r| r >= snap.num_rows()) {
        return Err(Error::invalid(format!(
            "invalid row index: {bad} (the snapshot has {} rows)",
            snap.num_rows()
        )));
    }
    // Global row → (batch, row in batch), merged into runs so each extend copies a range.
    let mut starts = Vec::with_capacity(snap.batches().len());
    let mut total = 0;
    for b in snap.batches() {
        starts.push(total);
        total += b.num_rows();
    }
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for &r in rows {
        let batch = starts.partition_point(|&s| s <= r).saturating_sub(1);
        let local = r - starts.get(batch).copied().unwrap_or(0);
        match runs.last_mut() {
            Some((b, _, end)) if *b == batch && *end == local => *end += 1,
            _ => runs.push((batch, local, local + 1)),
        }
    }
    let schema = snap.schema().clone();
    if snap.batches().is_empty() {
        // Nothing to gather from (and MutableArrayData needs at least one source array).
        return write_batch(&RecordBatch::new_empty(schema));
    }
    let columns = (0..schema.fields().len())
        .map(|i| -> Result<_> {
            let data: Vec<_> = snap
                .batches()
                .iter()
                .filter_map(|b| b.columns().get(i).map(|c| c.to_data()))
                .collect();
            let refs: Vec<_> = data.iter().collect();
            let mut out = MutableArrayData::new(refs, false, rows.len());
            for &(b, start, end) in &runs {
                out.try_extend(b, start, end).map_err(ipc)?;
            }
            Ok(make_array(out.freeze()))
        })
        .collect::<Result<Vec<_>>>()?;
    write_batch(&RecordBatch::try_new(schema, columns).map_err(ipc)?)
}

/// One record batch of `fields` and `arrays`, with the schema metadata `metadata`, as an
/// Arrow IPC **file**, uncompressed.
///
/// Deterministic: arrow-schema keeps metadata in a sorted map, dictionaries are encoded in
/// first-appearance order, and nothing time- or hash-dependent is written, so the same input
/// gives the same bytes (the dataset builder's reproducibility rests on this).
///
/// # Errors
/// `schema_mismatch` when the arrays do not fit the fields (count, type or length);
/// `invalid_ipc` if Arrow refuses to write them.
///
/// # Example
/// ```
/// use std::collections::BTreeMap;
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, Int32Array};
/// use arrow_schema::{DataType, Field};
/// use civic_pulse::{export::write_ipc, Snapshot};
///
/// let meta = BTreeMap::from([("source".to_string(), "test".to_string())]);
/// let values: ArrayRef = Arc::new(Int32Array::from(vec![1, 2]));
/// let bytes = write_ipc(vec![Field::new("v", DataType::Int32, false)], vec![values.clone()], &meta).unwrap();
/// let again = write_ipc(vec![Field::new("v", DataType::Int32, false)], vec![values], &meta).unwrap();
/// assert_eq!(bytes, again);
/// let snap = Snapshot::from_ipc(&bytes).unwrap();
/// assert_eq!(snap.num_rows(), 2);
/// assert_eq!(snap.metadata()["source"], "test");
/// let err = write_ipc(vec![], vec![Arc::new(Int32Array::from(vec![1]))], &meta).unwrap_err();
/// assert_eq!(err.code(), "schema_mismatch");
/// ```
pub fn write_ipc(
    fields: Vec<Field>,
    arrays: Vec<ArrayRef>,
    metadata: &BTreeMap<String, String>,
) -> Result<Vec<u8>> {
    let schema = Arc::new(Schema::new(fields).with_metadata(metadata.clone()));
    let batch =
        RecordBatch::try_new(schema, arrays).map_err(|e| Error::SchemaMismatch(e.to_string()))?;
    write_batch(&batch)
}

/// Writes one batch as an IPC file (its schema, metadata included, from the batch).
fn write_batch(batch: &RecordBatch) -> Result<Vec<u8>> {
    let mut writer = FileWriter::try_new(Vec::new(), &batch.schema()).map_err(ipc)?;
    writer.write(batch).map_err(ipc)?;
    writer.finish().map_err(ipc)?;
    writer.into_inner().map_err(ipc)
}

fn ipc(e: arrow_schema::ArrowError) -> Error {
    Error::InvalidIpc(format!("could not write Arrow IPC: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Column;

    #[test]
    fn slices_keep_values_order_nulls_and_metadata() {
        let snap = crate::tidy::example_snapshot().unwrap();
        let back = Snapshot::from_ipc(&rows_to_ipc(&snap, &[5, 1, 2, 2]).unwrap()).unwrap();
        let (Column::Float(all), Column::Float(got)) =
            (snap.column("value").unwrap(), back.column("value").unwrap())
        else {
            panic!("value is numeric")
        };
        assert_eq!(got, vec![all[5], all[1], all[2], all[2]]);
        assert_eq!(back.metadata(), snap.metadata());
        let empty = Snapshot::from_ipc(&rows_to_ipc(&snap, &[]).unwrap()).unwrap();
        assert_eq!(empty.num_rows(), 0);
        assert_eq!(empty.column_names(), snap.column_names());
    }
}
