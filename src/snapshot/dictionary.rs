//! Decoding checked batches, and the dictionaries that later batches refer to (also delta
//! dictionaries, appended here).

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{make_array, Array, ArrayRef, RecordBatch};
use arrow_buffer::{BooleanBufferBuilder, Buffer, MutableBuffer, NullBuffer};
use arrow_data::{ArrayData, UnsafeFlag};
use arrow_ipc::reader::RecordBatchDecoder;
use arrow_schema::{DataType, Field, Schema, SchemaRef};

use super::framing::{arrow_error, invalid};
use super::limits::MAX_DELTA_COPIES;
use crate::{Error, Result};

/// Decodes checked messages with arrow-ipc's `RecordBatchDecoder`, keeping the dictionaries.
///
/// Not `FileDecoder`: its dictionary path links `arrow_select::concat` for delta
/// dictionaries, which is about a quarter of the WebAssembly module; deltas are appended
/// here for the value types a column can hold.
pub(super) struct Decoder {
    schema: SchemaRef,
    dictionaries: HashMap<i64, ArrayRef>,
    skip_validation: UnsafeFlag,
    /// Untrusted bytes whose record batches [`super::validate`] checks after decoding
    /// (flat schemas with dictionary columns; uncompressed batches only).
    check_after: bool,
    delta_copies: u64,
}

impl Decoder {
    pub(super) fn new(schema: SchemaRef, trusted: bool) -> Self {
        let mut skip_validation = UnsafeFlag::new();
        if trusted {
            // SAFETY: `trusted` is only true when the bytes' SHA-256 equals the hash the
            // report's catalog gives for a snapshot this project wrote with arrow-rs (see
            // `Snapshot::from_trusted_ipc`), i.e. the data are valid Arrow. The framing and
            // every buffer's extent are checked by `precheck` regardless.
            unsafe { skip_validation.set(true) };
        }
        Decoder {
            check_after: !trusted && super::validate::eligible(&schema),
            schema,
            dictionaries: HashMap::new(),
            skip_validation,
            delta_copies: 0,
        }
    }

    /// Decodes a prechecked record batch message whose body is `body`.
    pub(super) fn record_batch(
        &self,
        msg: &arrow_ipc::Message<'_>,
        body: &Buffer,
    ) -> Result<RecordBatch> {
        let batch = msg
            .header_as_record_batch()
            .ok_or_else(|| invalid("a record batch message without its header"))?;
        let version = msg.version();
        let check_after = self.check_after && batch.compression().is_none();
        let skip = if check_after {
            let mut flag = UnsafeFlag::new();
            // SAFETY: the batch is validated by `validate::batch` below before it is returned
            // or read, with the checks arrow's decoder would have run; constructing these flat
            // arrays only slices buffers that `bounds::precheck` has checked are long enough
            // (see src/snapshot/validate.rs).
            unsafe { flag.set(true) };
            flag
        } else {
            self.skip_validation.clone()
        };
        let decoded = RecordBatchDecoder::try_new(
            body,
            batch,
            self.schema.clone(),
            &self.dictionaries,
            &version,
        )
        .map_err(arrow_error)?
        .with_require_alignment(false)
        .with_skip_validation(skip)
        .read_record_batch()
        .map_err(arrow_error)?;
        if check_after {
            super::validate::batch(&decoded, &self.schema)?;
        }
        Ok(decoded)
    }

    /// Decodes a prechecked dictionary batch message and stores (or appends) its values.
    pub(super) fn dictionary(&mut self, msg: &arrow_ipc::Message<'_>, body: &Buffer) -> Result<()> {
        let d = msg
            .header_as_dictionary_batch()
            .ok_or_else(|| invalid("a dictionary batch message without its header"))?;
        let id = d.id();
        let value_type = dictionary_value_type(&self.schema, id)?;
        let data = d
            .data()
            .ok_or_else(|| invalid(format!("dictionary batch {id} has no data")))?;
        let version = msg.version();
        let schema = Arc::new(Schema::new(vec![Field::new("", value_type, true)]));
        let batch = RecordBatchDecoder::try_new(body, data, schema, &self.dictionaries, &version)
            .map_err(arrow_error)?
            .with_require_alignment(false)
            .with_skip_validation(self.skip_validation.clone())
            .read_record_batch()
            .map_err(arrow_error)?;
        let mut values = batch
            .columns()
            .first()
            .cloned()
            .ok_or_else(|| invalid(format!("dictionary batch {id} decoded no column")))?;
        if d.isDelta() {
            let existing = self.dictionaries.get(&id).ok_or_else(|| {
                invalid(format!(
                    "delta dictionary batch {id} without a dictionary before it"
                ))
            })?;
            self.delta_copies = self
                .delta_copies
                .saturating_add((existing.len() + values.len()) as u64);
            if self.delta_copies > MAX_DELTA_COPIES {
                return Err(Error::invalid(format!(
                    "input too large: delta dictionaries would copy more than {MAX_DELTA_COPIES} \
                     values"
                )));
            }
            values = append_values(existing, &values)?;
        }
        self.dictionaries.insert(id, values);
        Ok(())
    }
}

/// The value type of the dictionary with id `id` (the first field that uses it).
pub(super) fn dictionary_value_type(schema: &Schema, id: i64) -> Result<DataType> {
    #[expect(deprecated)]
    let fields = schema.fields_with_dict_id(id);
    match fields.first().map(|f| f.data_type()) {
        Some(DataType::Dictionary(_, value)) => Ok(value.as_ref().clone()),
        _ => Err(invalid(format!("dictionary id {id} is not in the schema"))),
    }
}

/// `a` followed by `b` (same type): strings, booleans and fixed-width primitives, the value
/// types a converted column can hold. Other delta dictionaries are `unsupported_type`.
fn append_values(a: &ArrayRef, b: &ArrayRef) -> Result<ArrayRef> {
    use DataType::*;
    let dt = a.data_type();
    if b.data_type() != dt {
        return Err(invalid(format!(
            "a delta dictionary of {} extends one of {dt}",
            b.data_type()
        )));
    }
    let mismatch = || invalid(format!("malformed {dt} dictionary"));
    Ok(match dt {
        Utf8 => {
            let (a, b) = (a.as_string_opt::<i32>(), b.as_string_opt::<i32>());
            let (a, b) = a.zip(b).ok_or_else(mismatch)?;
            Arc::new(
                a.iter()
                    .chain(b.iter())
                    .collect::<arrow_array::StringArray>(),
            )
        }
        LargeUtf8 => {
            let (a, b) = (a.as_string_opt::<i64>(), b.as_string_opt::<i64>());
            let (a, b) = a.zip(b).ok_or_else(mismatch)?;
            Arc::new(
                a.iter()
                    .chain(b.iter())
                    .collect::<arrow_array::LargeStringArray>(),
            )
        }
        Utf8View => {
            let (a, b) = (a.as_string_view_opt(), b.as_string_view_opt());
            let (a, b) = a.zip(b).ok_or_else(mismatch)?;
            Arc::new(
                a.iter()
                    .chain(b.iter())
                    .collect::<arrow_array::StringViewArray>(),
            )
        }
        Boolean => {
            let (a, b) = (a.as_boolean_opt(), b.as_boolean_opt());
            let (a, b) = a.zip(b).ok_or_else(mismatch)?;
            Arc::new(
                a.iter()
                    .chain(b.iter())
                    .collect::<arrow_array::BooleanArray>(),
            )
        }
        _ if dt.is_primitive() => append_fixed(a, b)?,
        other => {
            return Err(Error::UnsupportedType {
                data_type: format!("delta dictionary of {other}"),
                column: String::new(),
            })
        }
    })
}

/// Byte-level append of two fixed-width primitive arrays (any primitive type, one code path).
fn append_fixed(a: &ArrayRef, b: &ArrayRef) -> Result<ArrayRef> {
    let dt = a.data_type();
    let width = dt
        .primitive_width()
        .ok_or_else(|| invalid(format!("{dt} has no fixed width")))?;
    let len = a.len() + b.len();
    let mut values = MutableBuffer::new(len * width);
    for arr in [a, b] {
        let data = arr.to_data();
        let bytes = data
            .buffers()
            .first()
            .and_then(|buf| {
                buf.as_slice()
                    .get(data.offset() * width..(data.offset() + data.len()) * width)
            })
            .ok_or_else(|| invalid(format!("malformed {dt} dictionary")))?;
        values.extend_from_slice(bytes);
    }
    let nulls = if a.null_count() + b.null_count() > 0 {
        let mut bits = BooleanBufferBuilder::new(len);
        for arr in [a, b] {
            match arr.nulls() {
                Some(n) => bits.append_buffer(n.inner()),
                None => bits.append_n(arr.len(), true),
            }
        }
        Some(NullBuffer::new(bits.finish()))
    } else {
        None
    };
    let data = ArrayData::builder(dt.clone())
        .len(len)
        .add_buffer(values.into())
        .nulls(nulls)
        .build()
        .map_err(arrow_error)?;
    Ok(make_array(data))
}

#[cfg(test)]
mod tests {
    use arrow_array::types::*;
    use arrow_array::{PrimitiveArray, RecordBatch};
    use arrow_schema::DataType;

    use crate::{Column, Snapshot};

    /// A stream whose second and third batches extend the dictionaries with deltas.
    fn delta_stream<K: ArrowDictionaryKeyType>(
        batches: &[(Vec<&str>, Vec<Option<i32>>)],
    ) -> Vec<u8> {
        use arrow_array::{DictionaryArray, Int32Array};
        use arrow_ipc::writer::{DictionaryHandling, IpcWriteOptions, StreamWriter};
        use arrow_schema::{Field, Schema};
        use std::sync::Arc;
        let dict = |dt: DataType| DataType::Dictionary(Box::new(K::DATA_TYPE), Box::new(dt));
        let schema = Arc::new(Schema::new(vec![
            Field::new("s", dict(DataType::Utf8), true),
            Field::new("n", dict(DataType::Int32), true),
        ]));
        let options =
            IpcWriteOptions::default().with_dictionary_handling(DictionaryHandling::Delta);
        let mut bytes = Vec::new();
        let mut w = StreamWriter::try_new_with_options(&mut bytes, &schema, options).unwrap();
        let mut so_far_s: Vec<&str> = Vec::new();
        let mut so_far_n: Vec<Option<i32>> = Vec::new();
        for (s, n) in batches {
            so_far_s.extend(s);
            so_far_n.extend(n);
            // Keys point at this batch's values, within the grown dictionary.
            let base = so_far_s.len() - s.len();
            let keys: Vec<K::Native> = (0..s.len())
                .map(|i| arrow_buffer::ArrowNativeType::from_usize(base + i).unwrap())
                .collect();
            let keys = PrimitiveArray::<K>::from_iter_values(keys);
            let strings = DictionaryArray::<K>::try_new(
                keys.clone(),
                Arc::new(arrow_array::StringArray::from(so_far_s.clone())),
            )
            .unwrap();
            let numbers =
                DictionaryArray::<K>::try_new(keys, Arc::new(Int32Array::from(so_far_n.clone())))
                    .unwrap();
            let batch =
                RecordBatch::try_new(schema.clone(), vec![Arc::new(strings), Arc::new(numbers)])
                    .unwrap();
            w.write(&batch).unwrap();
        }
        w.finish().unwrap();
        drop(w);
        bytes
    }

    #[test]
    fn delta_dictionaries_are_appended() {
        let bytes = delta_stream::<Int16Type>(&[
            (vec!["a", "b"], vec![Some(1), None]),
            (vec!["c"], vec![Some(3)]),
            (vec!["d", "e"], vec![None, Some(5)]),
        ]);
        let snap = Snapshot::from_ipc(&bytes).unwrap();
        assert_eq!(snap.num_rows(), 5);
        let text = |v: &[&str]| Column::Text(v.iter().map(|s| Some(s.to_string())).collect());
        assert_eq!(snap.column("s").unwrap(), text(&["a", "b", "c", "d", "e"]));
        match snap.column("n").unwrap() {
            Column::Float(v) => {
                let shown: Vec<String> = v.iter().map(|x| format!("{x}")).collect();
                assert_eq!(shown, ["1", "NaN", "3", "NaN", "5"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
