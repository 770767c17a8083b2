//! Writing a selection of a snapshot's rows back to Arrow IPC (the page's "Arrow (these rows)"
//! download, and any reader who wants a slice of their own file).

use arrow_array::{make_array, RecordBatch};
use arrow_data::transform::MutableArrayData;
use arrow_ipc::writer::FileWriter;

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
        return write_ipc(&RecordBatch::new_empty(schema));
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
    write_ipc(&RecordBatch::try_new(schema, columns).map_err(ipc)?)
}

fn write_ipc(batch: &RecordBatch) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut writer = FileWriter::try_new(&mut bytes, &batch.schema()).map_err(ipc)?;
    writer.write(batch).map_err(ipc)?;
    writer.finish().map_err(ipc)?;
    drop(writer);
    Ok(bytes)
}

fn ipc(e: arrow_schema::ArrowError) -> Error {
    Error::InvalidIpc(format!("could not write the selection: {e}"))
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
