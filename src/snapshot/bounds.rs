//! Bounds checks of one record or dictionary batch: its field nodes and buffers walked
//! against the schema, in the order arrow-ipc's `create_array` consumes them, each offset and
//! length checked against the body, each compressed buffer's declared size against
//! [`MAX_DECODED_BYTES`], each array's buffers against its length — so arrow-rs never slices
//! past the bytes present (which would panic, a trap in WebAssembly).

use arrow_ipc::{MessageHeader, MetadataVersion};
use arrow_schema::{DataType, Schema};

use super::byte_order::{swap_of, Swap};
use super::dictionary::dictionary_value_type;
use super::framing::{invalid, range_in, u64_of};
use super::limits::{MAX_DECODED_BYTES, MAX_ROWS};
use crate::{Error, Result};

/// Checks a record or dictionary batch message against the schema and its body; returns
/// the batch's row count.
pub(super) fn precheck(
    msg: &arrow_ipc::Message<'_>,
    schema: &Schema,
    version: MetadataVersion,
    body: &[u8],
    body_len: u64,
    budget: &mut u64,
) -> Result<Checked> {
    if version != MetadataVersion::V1 && msg.version() != version {
        return Err(invalid(format!(
            "message metadata version {:?} differs from the schema's {:?}",
            msg.version(),
            version
        )));
    }
    let (batch, fields): (arrow_ipc::RecordBatch<'_>, Vec<DataType>) = match msg.header_type() {
        MessageHeader::RecordBatch => (
            msg.header_as_record_batch()
                .ok_or_else(|| invalid("a record batch message without its header"))?,
            schema
                .fields()
                .iter()
                .map(|f| f.data_type().clone())
                .collect(),
        ),
        MessageHeader::DictionaryBatch => {
            let d = msg
                .header_as_dictionary_batch()
                .ok_or_else(|| invalid("a dictionary batch message without its header"))?;
            let id = d.id();
            let value = dictionary_value_type(schema, id)?;
            (
                d.data()
                    .ok_or_else(|| invalid(format!("dictionary batch {id} has no data")))?,
                vec![value],
            )
        }
        other => {
            return Err(invalid(format!(
                "expected a batch, found a {other:?} message"
            )))
        }
    };
    let rows = u64_of(batch.length(), "batch length")?;
    if rows > MAX_ROWS {
        return Err(invalid(format!(
            "a batch declares {rows} rows (at most {MAX_ROWS} are read)"
        )));
    }
    if body.len() as u64 != body_len {
        return Err(invalid("message body length mismatch"));
    }
    let mut walk = Walk {
        nodes: batch
            .nodes()
            .map(|v| v.iter().collect())
            .unwrap_or_default(),
        buffers: batch
            .buffers()
            .map(|v| v.iter().collect())
            .unwrap_or_default(),
        variadic: batch
            .variadicBufferCounts()
            .map(|v| v.iter().collect())
            .unwrap_or_default(),
        node_i: 0,
        buffer_i: 0,
        variadic_i: 0,
        body,
        compressed: batch.compression().is_some(),
        version,
        budget,
        last: (0, 0),
        plan: Vec::new(),
    };
    for dt in &fields {
        walk.array(dt, Some(rows))?;
    }
    Ok(Checked {
        rows,
        compressed: walk.compressed,
        plan: walk.plan,
    })
}

/// What checking a batch found: its row count, whether its buffers are compressed, and
/// where its fixed-width values lie (for [`super::byte_order::swapped`]).
pub(super) struct Checked {
    pub rows: u64,
    pub compressed: bool,
    pub plan: Vec<(usize, usize, Swap)>,
}

/// The cursor over one batch's field nodes and buffers.
struct Walk<'a, 'b> {
    nodes: Vec<&'a arrow_ipc::FieldNode>,
    buffers: Vec<&'a arrow_ipc::Buffer>,
    variadic: Vec<i64>,
    node_i: usize,
    buffer_i: usize,
    variadic_i: usize,
    body: &'a [u8],
    compressed: bool,
    version: MetadataVersion,
    budget: &'b mut u64,
    /// Body range of the buffer read last.
    last: (usize, usize),
    /// The body ranges that hold fixed-width values, and how to swap them.
    plan: Vec<(usize, usize, Swap)>,
}

impl Walk<'_, '_> {
    /// The next node: (length, null count), both in range.
    fn node(&mut self, dt: &DataType) -> Result<(u64, u64)> {
        let node = self
            .nodes
            .get(self.node_i)
            .ok_or_else(|| invalid(format!("the batch has too few field nodes for {dt}")))?;
        self.node_i += 1;
        let len = u64_of(node.length(), "array length")?;
        let nulls = u64_of(node.null_count(), "null count")?;
        if len > MAX_ROWS {
            return Err(invalid(format!(
                "a {dt} array declares {len} values (at most {MAX_ROWS} are read)"
            )));
        }
        if nulls > len {
            return Err(invalid(format!(
                "a {dt} array declares {nulls} nulls in {len} values"
            )));
        }
        Ok((len, nulls))
    }

    /// The next buffer's size once decoded (decompressed if need be), checked against the
    /// body and the decompression budget.
    fn buffer(&mut self, dt: &DataType) -> Result<u64> {
        let b = self
            .buffers
            .get(self.buffer_i)
            .ok_or_else(|| invalid(format!("the batch has too few buffers for {dt}")))?;
        self.buffer_i += 1;
        let offset = u64_of(b.offset(), "buffer offset")?;
        let len = u64_of(b.length(), "buffer length")?;
        let (start, len) = range_in(offset, len, self.body.len(), "buffer")?;
        self.last = (start, len);
        if !self.compressed || len == 0 {
            return Ok(len as u64);
        }
        let prefix = self
            .body
            .get(start..start + 8)
            .and_then(|p| <[u8; 8]>::try_from(p).ok())
            .map(i64::from_le_bytes)
            .ok_or_else(|| {
                invalid(format!(
                    "a compressed buffer of {len} bytes lacks its 8-byte length prefix"
                ))
            })?;
        match prefix {
            -1 => Ok(len as u64 - 8),
            0 => Ok(0),
            n if n < 0 => Err(invalid(format!("invalid uncompressed length {n}"))),
            n => {
                let n = n as u64;
                if n > *self.budget {
                    return Err(Error::invalid(format!(
                        "input too large: compressed buffers declare more than {MAX_DECODED_BYTES} \
                         bytes once decompressed (this one {n} bytes); refused before allocating"
                    )));
                }
                *self.budget -= n;
                Ok(n)
            }
        }
    }

    fn need(&self, have: u64, want: Option<u64>, dt: &DataType, what: &str) -> Result<()> {
        match want {
            Some(w) if have >= w => Ok(()),
            _ => Err(invalid(format!(
                "the {what} buffer of a {dt} array has {have} bytes, needs {}",
                want.map_or_else(|| "more than fit in memory".to_string(), |w| w.to_string())
            ))),
        }
    }

    /// Checks that the next buffer (not consumed) starts `align`-byte aligned in memory once
    /// decoded: in the body, or after the 8-byte prefix of an uncompressed buffer in a
    /// compressed batch (a decompressed buffer is a fresh, aligned allocation).
    fn aligned(&self, dt: &DataType, align: usize) -> Result<()> {
        let Some(b) = self.buffers.get(self.buffer_i) else {
            return Ok(()); // `buffer()` reports the missing buffer
        };
        let (Ok(offset), Ok(len)) = (usize::try_from(b.offset()), usize::try_from(b.length()))
        else {
            return Ok(()); // `buffer()` reports negative values
        };
        let mut start = offset;
        if self.compressed && len > 0 {
            let prefix = self
                .body
                .get(offset..offset.saturating_add(8))
                .and_then(|p| <[u8; 8]>::try_from(p).ok())
                .map(i64::from_le_bytes);
            if prefix != Some(-1) {
                return Ok(());
            }
            start = offset.saturating_add(8);
        }
        let address = (self.body.as_ptr() as usize).wrapping_add(start);
        if address.is_multiple_of(align) {
            Ok(())
        } else {
            Err(invalid(format!(
                "a buffer of a {dt} array starts at body offset {offset}, not {align}-byte aligned"
            )))
        }
    }

    /// Validity buffer: needed only when the array has nulls.
    fn validity(&mut self, dt: &DataType, len: u64, nulls: u64) -> Result<()> {
        let have = self.buffer(dt)?;
        if nulls > 0 {
            self.need(have, Some(len.div_ceil(8)), dt, "validity")?;
        }
        Ok(())
    }

    /// A buffer arrow-rs reads as `&[T]` (`Buffer::typed_data`, which asserts that the whole
    /// buffer is a whole number of `T`): its length must be a multiple of `width`. Writers
    /// record unpadded lengths (`len × width`), so valid files always pass.
    fn whole(&self, have: u64, width: u64, dt: &DataType, what: &str) -> Result<()> {
        if have.is_multiple_of(width) {
            Ok(())
        } else {
            Err(invalid(format!(
                "the {what} buffer of a {dt} array has {have} bytes, not a multiple of {width}"
            )))
        }
    }

    /// Records that the buffer read last holds values swapped as `how`.
    fn values(&mut self, how: Swap) {
        if self.last.1 > 0 && how != Swap::Width(1) {
            self.plan.push((self.last.0, self.last.1, how));
        }
    }

    fn offsets(&mut self, dt: &DataType, len: u64, width: u64) -> Result<()> {
        let have = self.buffer(dt)?;
        self.values(Swap::Width(width as usize));
        self.whole(have, width, dt, "offsets")?;
        if len > 0 {
            let want = len.checked_add(1).and_then(|l| l.checked_mul(width));
            self.need(have, want, dt, "offsets")?;
        }
        Ok(())
    }

    /// Values of a fixed width (a power of two: primitives, keys, views, list-view offsets).
    fn fixed(&mut self, dt: &DataType, len: u64, width: u64, how: Swap) -> Result<()> {
        let have = self.buffer(dt)?;
        self.values(how);
        self.whole(have, width, dt, "values")?;
        self.need(have, len.checked_mul(width), dt, "values")
    }

    /// Bytes (bitmaps, fixed-size binary): no element type, so no multiple is required.
    fn bytes(&mut self, dt: &DataType, want: Option<u64>) -> Result<()> {
        let have = self.buffer(dt)?;
        self.need(have, want, dt, "values")
    }

    /// Mirrors arrow-ipc's `create_array`: the nodes and buffers one array of type `dt`
    /// consumes, checked. `rows` is the length the parent requires, when it is known.
    fn array(&mut self, dt: &DataType, rows: Option<u64>) -> Result<()> {
        use DataType::*;
        let (len, nulls) = self.node(dt)?;
        if let Some(r) = rows {
            if len < r {
                return Err(invalid(format!(
                    "a {dt} array has {len} values where {r} are needed"
                )));
            }
        }
        match dt {
            Null => {}
            Boolean => {
                self.validity(dt, len, nulls)?;
                self.bytes(dt, Some(len.div_ceil(8)))?;
            }
            Utf8 | Binary => {
                self.validity(dt, len, nulls)?;
                self.offsets(dt, len, 4)?;
                self.buffer(dt)?;
            }
            LargeUtf8 | LargeBinary => {
                self.validity(dt, len, nulls)?;
                self.offsets(dt, len, 8)?;
                self.buffer(dt)?;
            }
            Utf8View | BinaryView => {
                let count = self.variadic.get(self.variadic_i).copied().ok_or_else(|| {
                    invalid(format!("missing variadic buffer count for a {dt} array"))
                })?;
                self.variadic_i += 1;
                let count = u64_of(count, "variadic buffer count")?;
                if count > (self.buffers.len() - self.buffer_i) as u64 {
                    return Err(invalid(format!(
                        "variadic buffer count {count} exceeds the buffers present"
                    )));
                }
                self.validity(dt, len, nulls)?;
                self.fixed(dt, len, 16, Swap::View)?;
                for _ in 0..count {
                    self.buffer(dt)?;
                }
            }
            FixedSizeBinary(w) => {
                let w = u64_of((*w).into(), "fixed size")?;
                self.validity(dt, len, nulls)?;
                self.bytes(dt, len.checked_mul(w))?;
            }
            List(f) | Map(f, _) => {
                self.validity(dt, len, nulls)?;
                self.offsets(dt, len, 4)?;
                self.array(f.data_type(), None)?;
            }
            LargeList(f) => {
                self.validity(dt, len, nulls)?;
                self.offsets(dt, len, 8)?;
                self.array(f.data_type(), None)?;
            }
            ListView(f) | LargeListView(f) => {
                let w = if matches!(dt, ListView(_)) { 4 } else { 8 };
                self.validity(dt, len, nulls)?;
                self.fixed(dt, len, w, Swap::Width(w as usize))?;
                self.fixed(dt, len, w, Swap::Width(w as usize))?;
                self.array(f.data_type(), None)?;
            }
            FixedSizeList(f, size) => {
                let size = u64_of((*size).into(), "list size")?;
                self.validity(dt, len, nulls)?;
                let child = len
                    .checked_mul(size)
                    .ok_or_else(|| invalid(format!("a {dt} array of {len} lists is too long")))?;
                self.array(f.data_type(), Some(child))?;
            }
            Struct(fields) => {
                self.validity(dt, len, nulls)?;
                for f in fields {
                    self.array(f.data_type(), Some(len))?;
                }
            }
            RunEndEncoded(run_ends, values) => {
                self.array(run_ends.data_type(), None)?;
                self.array(values.data_type(), None)?;
            }
            Dictionary(key, _) => {
                let w = key.primitive_width().ok_or_else(|| {
                    invalid(format!("dictionary key type {key} is not an integer"))
                })?;
                self.validity(dt, len, nulls)?;
                self.fixed(dt, len, w as u64, Swap::Width(w))?;
            }
            Union(fields, mode) => {
                if self.version < MetadataVersion::V5 {
                    self.buffer(dt)?;
                }
                self.bytes(dt, Some(len))?;
                if *mode == arrow_schema::UnionMode::Dense {
                    // arrow-ipc turns this buffer into a `ScalarBuffer<i32>` as it is, without
                    // the copy that aligns other buffers, and that conversion panics when the
                    // buffer is not 4-byte aligned.
                    self.aligned(dt, 4)?;
                    self.fixed(dt, len, 4, Swap::Width(4))?;
                }
                let child_rows = (*mode == arrow_schema::UnionMode::Sparse).then_some(len);
                for (_, f) in fields.iter() {
                    self.array(f.data_type(), child_rows)?;
                }
            }
            other => {
                let w = other
                    .primitive_width()
                    .ok_or_else(|| Error::UnsupportedType {
                        data_type: other.to_string(),
                        column: String::new(),
                    })?;
                self.validity(dt, len, nulls)?;
                self.fixed(dt, len, w as u64, swap_of(other, w))?;
            }
        }
        Ok(())
    }
}
