//! Arrow IPC framing, checked by us before any arrow-rs code sees the bytes.
//!
//! arrow-rs decodes record batches with `Buffer::slice_with_length` and friends, which panic
//! (a trap in WebAssembly) when a hostile file declares a block, a buffer or an array longer
//! than the bytes behind it. So this module reads the framing itself — the file footer and
//! its blocks, or the stream's messages — and walks every record and dictionary batch's
//! field nodes and buffers against the schema, in the same order arrow-ipc consumes them,
//! checking each offset and length against the bytes present, each compressed buffer's
//! declared size against [`MAX_DECODED_BYTES`], and each array's buffers against its length.
//! Only then does it hand the (zero-copy) block to arrow-ipc's `FileDecoder`.
//!
//! Data validation (UTF-8, offsets, dictionary keys) stays arrow-rs's job and is on unless
//! the caller proved the bytes are the report's own (see `Snapshot::from_trusted_ipc`).

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{make_array, Array, ArrayRef, RecordBatch};
use arrow_buffer::{BooleanBufferBuilder, Buffer, MutableBuffer, NullBuffer};
use arrow_data::{ArrayData, UnsafeFlag};
use arrow_ipc::reader::RecordBatchDecoder;
use arrow_ipc::{Block, MessageHeader, MetadataVersion};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};

use crate::{Error, Result};

/// Longest array (and most rows in a snapshot) accepted: 2³¹ − 1, as Arrow's 32-bit offsets
/// and a 32-bit address space allow.
pub const MAX_ROWS: u64 = i32::MAX as u64;

/// Most bytes all compressed buffers of one snapshot may declare once decompressed (1 GiB).
/// A hostile 100-byte file can claim 2⁶² bytes; this refuses it before anything is allocated.
pub const MAX_DECODED_BYTES: u64 = 1 << 30;

const MAGIC: &[u8; 6] = b"ARROW1";
const CONTINUATION: [u8; 4] = [0xff; 4];

fn invalid(msg: impl Into<String>) -> Error {
    Error::InvalidIpc(msg.into())
}

/// Maps an arrow-rs error to ours: features this build lacks are `unsupported_type`.
pub(crate) fn arrow_error(e: ArrowError) -> Error {
    match e {
        ArrowError::NotYetImplemented(msg) => Error::UnsupportedType {
            data_type: msg,
            column: String::new(),
        },
        ArrowError::InvalidArgumentError(msg) if msg.contains("feature") => {
            Error::UnsupportedType {
                data_type: msg,
                column: String::new(),
            }
        }
        other => Error::InvalidIpc(other.to_string()),
    }
}

fn u64_of(v: i64, what: &str) -> Result<u64> {
    u64::try_from(v).map_err(|_| invalid(format!("negative {what}: {v}")))
}

/// `start..start + len` inside `0..total`, or `invalid_ipc` naming `what`.
fn range_in(start: u64, len: u64, total: usize, what: &str) -> Result<(usize, usize)> {
    match start.checked_add(len) {
        Some(end) if end <= total as u64 => Ok((start as usize, len as usize)),
        _ => Err(invalid(format!(
            "{what} at byte {start} with length {len} runs past the end of the data ({total} bytes)"
        ))),
    }
}

/// What the decoder produces: the schema, the batches, and the total row count.
pub(crate) struct Decoded {
    pub schema: SchemaRef,
    pub batches: Vec<RecordBatch>,
    pub num_rows: usize,
}

/// Decodes IPC bytes held in `data` (file or stream, told apart by the magic).
///
/// # Safety contract of `trusted`
/// `trusted = true` skips arrow-rs's data validation; callers pass it only for bytes whose
/// SHA-256 matched a snapshot this project wrote. Framing and buffer-size checks run anyway.
pub(crate) fn decode(data: &Buffer, trusted: bool) -> Result<Decoded> {
    let bytes = data.as_slice();
    if bytes.is_empty() {
        return Err(invalid("empty input (0 bytes)"));
    }
    let mut budget = MAX_DECODED_BYTES;
    if bytes.starts_with(MAGIC) {
        decode_file(data, trusted, &mut budget)
    } else {
        decode_stream(data, trusted, &mut budget)
    }
}

/// One encapsulated message at `start`: its flatbuffer and the length of its metadata
/// (prefix + flatbuffer + padding). `None` at an end-of-stream marker.
fn message_at(bytes: &[u8], start: usize) -> Result<Option<(arrow_ipc::Message<'_>, usize)>> {
    let word = |at: usize| -> Result<i32> {
        bytes
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(i32::from_le_bytes)
            .ok_or_else(|| invalid(format!("truncated message header at byte {at}")))
    };
    let (len, prefix) = if bytes.get(start..start + 4) == Some(&CONTINUATION[..]) {
        (word(start + 4)?, 8)
    } else {
        // Pre-0.15 framing: the length without the continuation marker.
        (word(start)?, 4)
    };
    if len == 0 {
        return Ok(None);
    }
    let len = u64_of(len.into(), "message length")?;
    let (fb_start, fb_len) = range_in(
        (start + prefix) as u64,
        len,
        bytes.len(),
        "message metadata",
    )?;
    let fb = &bytes[fb_start..fb_start + fb_len];
    let msg = arrow_ipc::root_as_message(fb)
        .map_err(|e| invalid(format!("message at byte {start}: {e}")))?;
    Ok(Some((msg, prefix + fb_len)))
}

fn decode_file(data: &Buffer, trusted: bool, budget: &mut u64) -> Result<Decoded> {
    let bytes = data.as_slice();
    let n = bytes.len();
    // "ARROW1" + 2 padding bytes + ... + footer + i32 footer length + "ARROW1".
    if n < 8 + 10 || !bytes.ends_with(MAGIC) {
        return Err(invalid(format!(
            "an IPC file ({n} bytes) must end with the ARROW1 magic; the data are truncated"
        )));
    }
    let footer_len = i32::from_le_bytes([bytes[n - 10], bytes[n - 9], bytes[n - 8], bytes[n - 7]]);
    let footer_len = u64_of(footer_len.into(), "footer length")?;
    let footer_start = (n as u64 - 10)
        .checked_sub(footer_len)
        .filter(|s| *s >= 8)
        .ok_or_else(|| {
            invalid(format!(
                "footer length {footer_len} does not fit in a {n}-byte file"
            ))
        })? as usize;
    let footer = arrow_ipc::root_as_footer(&bytes[footer_start..n - 10])
        .map_err(|e| invalid(format!("footer: {e}")))?;
    let fb_schema = footer
        .schema()
        .ok_or_else(|| invalid("the footer has no schema"))?;
    let schema = Arc::new(arrow_ipc::convert::try_fb_to_schema(fb_schema).map_err(arrow_error)?);
    let version = footer.version();
    let mut decoder = Decoder::new(schema.clone(), trusted);

    // Checks a block's extent and message; returns the block's bytes and its message.
    let block_bytes = |block: &Block, what: &str| -> Result<(Buffer, usize, u64)> {
        let offset = u64_of(block.offset(), "block offset")?;
        let meta = u64_of(block.metaDataLength().into(), "block metadata length")?;
        let body = u64_of(block.bodyLength(), "block body length")?;
        let total = meta
            .checked_add(body)
            .ok_or_else(|| invalid(format!("{what} block is too long")))?;
        let (start, len) = range_in(offset, total, footer_start, &format!("{what} block"))?;
        if meta < 8 {
            return Err(invalid(format!(
                "{what} block at byte {offset} has {meta} bytes of metadata (need at least 8)"
            )));
        }
        Ok((data.slice_with_length(start, len), meta as usize, body))
    };

    for block in footer.dictionaries().iter().flatten() {
        let (buf, meta, body) = block_bytes(block, "dictionary")?;
        let (msg, _) = message_at(buf.as_slice(), 0)?
            .ok_or_else(|| invalid("a dictionary block holds an end-of-stream marker"))?;
        if msg.header_type() != MessageHeader::DictionaryBatch {
            return Err(invalid(format!(
                "a dictionary block holds a {:?} message",
                msg.header_type()
            )));
        }
        precheck(
            &msg,
            &schema,
            version,
            &buf.as_slice()[meta..],
            body,
            budget,
        )?;
        decoder.dictionary(&msg, &buf.slice(meta))?;
    }
    let mut batches = Vec::new();
    let mut rows = 0u64;
    for block in footer.recordBatches().iter().flatten() {
        let (buf, meta, body) = block_bytes(block, "record batch")?;
        let (msg, _) = message_at(buf.as_slice(), 0)?
            .ok_or_else(|| invalid("a record batch block holds an end-of-stream marker"))?;
        if msg.header_type() != MessageHeader::RecordBatch {
            return Err(invalid(format!(
                "a record batch block holds a {:?} message",
                msg.header_type()
            )));
        }
        rows = add_rows(
            rows,
            precheck(
                &msg,
                &schema,
                version,
                &buf.as_slice()[meta..],
                body,
                budget,
            )?,
        )?;
        batches.push(decoder.record_batch(&msg, &buf.slice(meta))?);
    }
    finish(schema, batches)
}

fn decode_stream(data: &Buffer, trusted: bool, budget: &mut u64) -> Result<Decoded> {
    let bytes = data.as_slice();
    let n = bytes.len();
    let (first, first_meta) = message_at(bytes, 0)?.ok_or_else(|| {
        invalid("the stream ends before its schema message (end-of-stream marker first)")
    })?;
    let fb_schema = first.header_as_schema().ok_or_else(|| {
        invalid(format!(
            "the first message of a stream must be a schema, found {:?} (or the bytes are not Arrow IPC)",
            first.header_type()
        ))
    })?;
    let schema = Arc::new(arrow_ipc::convert::try_fb_to_schema(fb_schema).map_err(arrow_error)?);
    let version = first.version();
    let mut decoder = Decoder::new(schema.clone(), trusted);
    let first_body = u64_of(first.bodyLength(), "body length")?;
    let mut pos =
        range_in(first_meta as u64, first_body, n, "schema message body").map(|(s, l)| s + l)?;
    let mut batches = Vec::new();
    let mut rows = 0u64;
    while pos < n {
        let Some((msg, meta)) = message_at(bytes, pos)? else {
            break; // end-of-stream marker
        };
        let body = u64_of(msg.bodyLength(), "message body length")?;
        let (_, body_len) = range_in((pos + meta) as u64, body, n, "message body")?;
        let total = meta + body_len;
        let body_buf = data.slice_with_length(pos + meta, body_len);
        let body_bytes = &bytes[pos + meta..pos + total];
        match msg.header_type() {
            MessageHeader::DictionaryBatch => {
                precheck(&msg, &schema, version, body_bytes, body, budget)?;
                decoder.dictionary(&msg, &body_buf)?;
            }
            MessageHeader::RecordBatch => {
                rows = add_rows(
                    rows,
                    precheck(&msg, &schema, version, body_bytes, body, budget)?,
                )?;
                batches.push(decoder.record_batch(&msg, &body_buf)?);
            }
            other => {
                return Err(invalid(format!(
                    "unexpected {other:?} message at byte {pos} of the stream"
                )))
            }
        }
        pos += total;
    }
    finish(schema, batches)
}

/// Most values all delta dictionaries of a snapshot may copy while being appended (64 Mi):
/// each delta re-copies the dictionary so far, so a stream of many tiny deltas would
/// otherwise cost quadratic time.
const MAX_DELTA_COPIES: u64 = 1 << 26;

/// Decodes checked messages with arrow-ipc's `RecordBatchDecoder`, keeping the dictionaries.
///
/// Not `FileDecoder`: its dictionary path links `arrow_select::concat` for delta
/// dictionaries, which is about a quarter of the WebAssembly module; deltas are appended
/// here for the value types a column can hold.
struct Decoder {
    schema: SchemaRef,
    dictionaries: HashMap<i64, ArrayRef>,
    skip_validation: UnsafeFlag,
    delta_copies: u64,
}

impl Decoder {
    fn new(schema: SchemaRef, trusted: bool) -> Self {
        let mut skip_validation = UnsafeFlag::new();
        if trusted {
            // SAFETY: `trusted` is only true when the bytes' SHA-256 equals the hash the
            // report's catalog gives for a snapshot this project wrote with arrow-rs (see
            // `Snapshot::from_trusted_ipc`), i.e. the data are valid Arrow. The framing and
            // every buffer's extent are checked by `precheck` regardless.
            unsafe { skip_validation.set(true) };
        }
        Decoder {
            schema,
            dictionaries: HashMap::new(),
            skip_validation,
            delta_copies: 0,
        }
    }

    /// Decodes a prechecked record batch message whose body is `body`.
    fn record_batch(&self, msg: &arrow_ipc::Message<'_>, body: &Buffer) -> Result<RecordBatch> {
        let batch = msg
            .header_as_record_batch()
            .ok_or_else(|| invalid("a record batch message without its header"))?;
        let version = msg.version();
        RecordBatchDecoder::try_new(
            body,
            batch,
            self.schema.clone(),
            &self.dictionaries,
            &version,
        )
        .map_err(arrow_error)?
        .with_require_alignment(false)
        .with_skip_validation(self.skip_validation.clone())
        .read_record_batch()
        .map_err(arrow_error)
    }

    /// Decodes a prechecked dictionary batch message and stores (or appends) its values.
    fn dictionary(&mut self, msg: &arrow_ipc::Message<'_>, body: &Buffer) -> Result<()> {
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
fn dictionary_value_type(schema: &Schema, id: i64) -> Result<DataType> {
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

fn add_rows(total: u64, rows: u64) -> Result<u64> {
    total
        .checked_add(rows)
        .filter(|t| *t <= MAX_ROWS)
        .ok_or_else(|| {
            invalid(format!(
                "more than {MAX_ROWS} rows in total; this reader refuses larger snapshots"
            ))
        })
}

fn finish(schema: SchemaRef, batches: Vec<RecordBatch>) -> Result<Decoded> {
    let num_rows = batches.iter().map(RecordBatch::num_rows).sum();
    Ok(Decoded {
        schema,
        batches,
        num_rows,
    })
}

/// Checks a record or dictionary batch message against the schema and its body; returns
/// the batch's row count.
fn precheck(
    msg: &arrow_ipc::Message<'_>,
    schema: &Schema,
    version: MetadataVersion,
    body: &[u8],
    body_len: u64,
    budget: &mut u64,
) -> Result<u64> {
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
    };
    for dt in &fields {
        walk.array(dt, Some(rows))?;
    }
    Ok(rows)
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

    fn offsets(&mut self, dt: &DataType, len: u64, width: u64) -> Result<()> {
        let have = self.buffer(dt)?;
        self.whole(have, width, dt, "offsets")?;
        if len > 0 {
            let want = len.checked_add(1).and_then(|l| l.checked_mul(width));
            self.need(have, want, dt, "offsets")?;
        }
        Ok(())
    }

    /// Values of a fixed width (a power of two: primitives, keys, views, list-view offsets).
    fn fixed(&mut self, dt: &DataType, len: u64, width: u64) -> Result<()> {
        let have = self.buffer(dt)?;
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
                self.fixed(dt, len, 16)?;
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
                self.fixed(dt, len, w)?;
                self.fixed(dt, len, w)?;
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
                self.fixed(dt, len, w as u64)?;
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
                    self.fixed(dt, len, 4)?;
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
                self.fixed(dt, len, w as u64)?;
            }
        }
        Ok(())
    }
}
